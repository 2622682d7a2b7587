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
import { LOOP_ONLY, OTHER, PARAMS, TARGETS, TEMPLATES } from './templates.js';

/**
 * Instructions past which a function is left to the run loop: V8 does not optimize a function
 * whose bytecode passes 60 kB, and a slow unoptimized translation would lose to the loop.
 */
const MAX_INSTRUCTIONS = 1500;

const PLACEHOLDER = /\$(c|p)(\d+)\$|\$op\$|\$L\$/g;

/** False once code generation has failed: the platform forbids it. */
let generationAllowed = true;

/**
 * `p` with its code translated to JavaScript, or `p` itself when it cannot be (see above). The
 * result's code has Op.enterCompiled where the run loop enters the function (resumePoints).
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
  for (const at of resumePoints(code, starts)) if (!LOOP_ONLY.has(code[at])) entered[at] = Op.enterCompiled;
  return { kind: 'fast', code: entered, locals: p.locals, frameCells: p.frameCells, consts: p.consts, compiled };
}

/** Where the run loop takes up a function: its start, and the instruction after each call. */
function resumePoints(code: Int32Array, starts: Int32Array): number[] {
  const at = [0];
  for (let i = 0; i + 1 < starts.length; i++) if (LOOP_ONLY.has(code[starts[i]])) at.push(starts[i + 1]);
  return at;
}

/** Where control can arrive other than from the instruction before: resume points, branch targets. */
function entries(code: Int32Array, starts: Int32Array): Set<number> {
  const at = new Set(resumePoints(code, starts));
  for (const pc of starts) {
    const op = code[pc];
    if (op === Op.brTable) for (let k = 0; k <= code[pc + 2]; k++) at.add(code[pc + 3 + k]);
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
