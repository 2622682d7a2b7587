/**
 * Test-only helpers for the validator's unit tests: assembling WAT with wabt's parser (never its
 * validator, so that invalid modules assemble), building module bytes by hand, and finding
 * instruction offsets.
 */
import { InvalidError, Reader, UnsupportedError, decodeModule, readInstr } from '@proj/decoder';
import { HEADER, assemble, loadWabt, body, functype, section, uleb, vec } from '@proj/testkit';
import { expect } from 'vitest';
import { validate } from '../src/index.js';

const wabt = await loadWabt();

/** Assembles WAT text to a fresh Uint8Array (names resolved, no validation). */
export function wat(text: string): Uint8Array {
  return assemble(wabt, text);
}

/** Assembles a module whose only function is `(func <sig> <body>)`. */
export function watFunc(sigAndBody: string, rest = ''): Uint8Array {
  return wat(`(module ${rest} (func ${sigAndBody}))`);
}

/** As {@link wat}, for text that uses legacy exception handling (wabt's `exceptions` feature). */
export function watEh(text: string): Uint8Array {
  return assemble(wabt, text, { features: { exceptions: true } });
}

/** As {@link watFunc}, with legacy exception handling. */
export function watEhFunc(sigAndBody: string, rest = ''): Uint8Array {
  return watEh(`(module ${rest} (func ${sigAndBody}))`);
}

// ---- byte building ----

export const i32 = 0x7f;
export const i64 = 0x7e;
export const f32 = 0x7d;
export const f64 = 0x7c;
export const v128 = 0x7b;
export const funcref = 0x70;
export const externref = 0x6f;

export { HEADER, body, functype, name, section, sleb, uleb, vec } from '@proj/testkit';

/** Limits bytes: `[0, min]` or `[1, min, max]`. */
export function limits(min: number, max?: number): number[] {
  return max === undefined ? [0, ...uleb(min)] : [1, ...uleb(min), ...uleb(max)];
}

/** Entries of each section, as bytes; each present field becomes one section. */
export interface Sections {
  types?: number[][];
  imports?: number[][];
  funcs?: number[];
  tables?: number[][];
  mems?: number[][];
  /** Tag section entries: the attribute byte, then the type index. */
  tags?: number[][];
  globals?: number[][];
  exports?: number[][];
  start?: number;
  elems?: number[][];
  dataCount?: number;
  codes?: number[][];
  datas?: number[][];
}

/** A module with the given sections, in the binary format's order. */
export function mod(s: Sections): Uint8Array {
  const out = [...HEADER];
  if (s.types) out.push(...section(1, vec(s.types)));
  if (s.imports) out.push(...section(2, vec(s.imports)));
  if (s.funcs) out.push(...section(3, vec(s.funcs.map((t) => uleb(t)))));
  if (s.tables) out.push(...section(4, vec(s.tables)));
  if (s.mems) out.push(...section(5, vec(s.mems)));
  if (s.tags) out.push(...section(13, vec(s.tags)));
  if (s.globals) out.push(...section(6, vec(s.globals)));
  if (s.exports) out.push(...section(7, vec(s.exports)));
  if (s.start !== undefined) out.push(...section(8, uleb(s.start)));
  if (s.elems) out.push(...section(9, vec(s.elems)));
  if (s.dataCount !== undefined) out.push(...section(12, uleb(s.dataCount)));
  if (s.codes) out.push(...section(10, vec(s.codes)));
  if (s.datas) out.push(...section(11, vec(s.datas)));
  return Uint8Array.from(out);
}

export interface FuncOpts extends Sections {
  params?: number[];
  results?: number[];
  locals?: [number, number][];
}

/**
 * A module with one function of type `params -> results` (type 0), whose body is `instrs` (the
 * final `end` included), plus any other sections given.
 */
export function func(instrs: readonly number[], o: FuncOpts = {}): Uint8Array {
  const { params = [], results = [], locals = [], ...rest } = o;
  return mod({
    ...rest,
    types: [functype(params, results), ...(rest.types ?? [])],
    funcs: [0, ...(rest.funcs ?? [])],
    codes: [body(instrs, locals), ...(rest.codes ?? [])],
  });
}

// ---- offsets ----

/** Where the instructions of the module's `i`-th own function start (past its locals). */
export function codeStart(bytes: Uint8Array, i = 0): { start: number; end: number } {
  const b = decodeModule(bytes).bodies.at(i);
  const r = new Reader(bytes, b.start, b.end);
  for (let n = r.u32(); n > 0; n--) {
    r.u32();
    r.u8();
  }
  return { start: r.pos, end: b.end };
}

/** The offsets of the instructions of the module's `i`-th own function, in order. */
export function instrOffsets(bytes: Uint8Array, i = 0): number[] {
  const { start, end } = codeStart(bytes, i);
  const r = new Reader(bytes, start, end);
  const out: number[] = [];
  while (r.pos < end) out.push(readInstr(r).offset);
  return out;
}

/** The offset of the `k`-th instruction (from 0) with opcode byte(s) `op` in function `i`. */
export function offsetOf(bytes: Uint8Array, op: number, k = 0, i = 0): number {
  const { start, end } = codeStart(bytes, i);
  const r = new Reader(bytes, start, end);
  let seen = 0;
  while (r.pos < end) {
    const ins = readInstr(r);
    if (ins.id === op && seen++ === k) return ins.offset;
  }
  throw new Error(`no instruction 0x${op.toString(16)} #${k}`);
}

// ---- expectations ----

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** `validate(bytes)` throws InvalidError with this reason (and offset, if given). */
export function expectInvalid(bytes: Uint8Array, reason: string, offset?: number): InvalidError {
  const e = thrown(() => validate(bytes));
  expect(e, `expected InvalidError '${reason}'`).toBeInstanceOf(InvalidError);
  const err = e as InvalidError;
  if (offset === undefined) expect(err.reason).toBe(reason);
  else expect({ reason: err.reason, offset: err.offset }).toEqual({ reason, offset });
  return err;
}

export function expectUnsupported(bytes: Uint8Array): UnsupportedError {
  const e = thrown(() => validate(bytes));
  expect(e).toBeInstanceOf(UnsupportedError);
  return e as UnsupportedError;
}

export function expectValid(bytes: Uint8Array): void {
  const e = thrown(() => validate(bytes));
  if (e !== undefined) throw new Error(`expected a valid module, got: ${e instanceof Error ? e.message : String(e)}`);
}
