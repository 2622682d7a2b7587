/**
 * A row of isa/instructions.ts as a function over the cells of an Int32Array, computed as the
 * run loops' generated cases compute it (for tests of rows with i32 and i64 operands and result).
 */
import { SEMANTICS } from '../src/isa/instructions.js';
import * as F from '../src/numeric/float.js';
import * as I32 from '../src/numeric/i32.js';
import * as I64 from '../src/numeric/i64.js';

/** Computes the row into cell `d` from cells `a` and `b` of `r` (each a word index). */
export type RowFn = (r: Int32Array, d: number, a: number, b: number) => void;

export function row(name: string): RowFn {
  const s = SEMANTICS[name];
  const text = 'cond' in s ? `$d0 = (${s.cond}) ? 1 : 0;` : 'expr' in s ? `$d0 = ${s.expr};` : 'words' in s ? s.words : undefined;
  if (text === undefined) throw new Error(`${name} is not a computation`);
  const body = text.replace(/\$([abd])([01])/g, (_, k: string, w: string) => `r[${k}${w === '1' ? ' + 1' : ''}]`).replace(/@([abd])\b/g, '$1');
  if (/\$[abdv]/.test(body)) throw new Error(`${name} has float operands: ${text}`);
  const f = new Function('F', 'I32', 'I64', 'r', 'd', 'a', 'b', body) as (...args: unknown[]) => void;
  return (r, d, a, b) => f(F, I32, I64, r, d, a, b);
}
