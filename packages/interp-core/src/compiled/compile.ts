/**
 * The `compiled` profile: a function's prepared code translated to JavaScript, so that V8
 * compiles it. Each instruction becomes its run-loop case (templates.ts, generated from run.ts)
 * with its words filled in as constants, and control runs from one instruction into the next
 * without a dispatch. Calls and returns stay with the run loop, which keeps the frames: the
 * function hands them back, so a host call still suspends the whole computation.
 *
 * Where code generation is forbidden (a Content-Security-Policy without 'unsafe-eval'), or a
 * function is too large for V8 to optimize, its code stays as it is and the run loop runs it.
 */
import { ENV } from '../run.js';
import type { CompiledCode, PreparedFunc } from '../prepare/translate.js';
import { Op } from '../prepare/ops.js';
import { LOOP_ONLY, OTHER, TARGETS, TEMPLATES } from './templates.js';

/** The run loop's instruction that calls a function's compiled code (see runFast). */
export const ENTER_COMPILED = 0x3ff;

/**
 * Instructions past which a function is left to the run loop: V8 does not optimize a function
 * whose bytecode passes 60 kB, and a slow unoptimized translation would lose to the loop.
 */
const MAX_INSTRUCTIONS = 1500;

const PARAMS = ['m', 'pc', 'fp', 'r', 'f32', 'f64', 'inst', 'mem', 'mu8', 'dv', 'mlen'];
const PLACEHOLDER = /\$(c|p)(\d+)\$|\$op\$|\$L\$/g;

/** False once code generation has failed: the platform forbids it. */
let generationAllowed = true;

/**
 * `p` with its code translated to JavaScript, or `p` itself when it cannot be (see above). The
 * result's code has ENTER_COMPILED where the run loop enters the function: its start and each
 * return point after a call.
 */
export function compileFunction(p: PreparedFunc): PreparedFunc {
  const starts = p.starts;
  if (!generationAllowed || starts === undefined || starts.length > MAX_INSTRUCTIONS) return p;
  const code = p.code;
  let compiled: CompiledCode;
  try {
    const make = new Function('ENV', 'c', `const {${Object.keys(ENV).join(', ')}} = ENV;\n${source(code, starts)}`);
    compiled = make(ENV, code) as CompiledCode;
  } catch (e) {
    if (e instanceof EvalError) {
      generationAllowed = false;
      return p;
    }
    throw e;
  }
  const entered = code.slice();
  const mark = (at: number) => {
    if (at < code.length && !LOOP_ONLY.has(code[at])) entered[at] = ENTER_COMPILED;
  };
  mark(0);
  for (let i = 0; i < starts.length; i++) if (LOOP_ONLY.has(code[starts[i]])) mark(starts[i + 1] ?? code.length);
  return { kind: 'fast', code: entered, locals: p.locals, frameCells: p.frameCells, consts: p.consts, compiled };
}

/**
 * Where control can arrive other than from the instruction before: the start, branch targets,
 * and the return points after calls.
 */
function entries(code: Int32Array, starts: Int32Array): Set<number> {
  const at = new Set([0]);
  for (let i = 0; i < starts.length; i++) {
    const pc = starts[i];
    const op = code[pc];
    if (op === Op.brTable) for (let k = 0; k <= code[pc + 2]; k++) at.add(code[pc + 3 + k]);
    else if (LOOP_ONLY.has(op) && i + 1 < starts.length) at.add(starts[i + 1]);
    else for (const k of TARGETS.get(op) ?? []) at.add(code[pc + k]);
  }
  return at;
}

/** The JavaScript of a function over `code`: its instructions in order, a case at each entry. */
function source(code: Int32Array, starts: Int32Array): string {
  const out: string[] = [`return function compiled(${PARAMS.join(', ')}) {`, 'for (;;) switch (pc) {'];
  const entered = entries(code, starts);
  for (let i = 0; i < starts.length; i++) {
    const at = starts[i];
    const next = i + 1 < starts.length ? starts[i + 1] : code.length;
    const op = code[at];
    if (entered.has(at)) out.push(`case ${at}:`);
    if (LOOP_ONLY.has(op)) {
      out.push(`return ${at};`);
      continue;
    }
    const body = (TEMPLATES.get(op) ?? OTHER).replace(PLACEHOLDER, (all: string, kind?: string, k?: string) => {
      if (all === '$op$') return String(op);
      if (all === '$L$') return `L${at}`;
      return kind === 'c' ? `(${code[at + Number(k)]})` : String(at + Number(k));
    });
    out.push(`L${at}: {\n${body}\n}`, `if (pc !== ${next}) continue;`);
  }
  out.push('default: throw new Error(`compiled code: no instruction at ${pc}`);', '}', '};');
  return out.join('\n');
}
