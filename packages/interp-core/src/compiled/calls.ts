/**
 * Calls between compiled functions that stay in JavaScript. A compiled function calls its
 * callee's JavaScript itself, after pushing the frames exactly as the run loop's call does, so
 * that the run loop can take over at any point: where the callee cannot go on in JavaScript (it
 * calls the host, pauses for fuel, was not compiled, or the JavaScript stack is as deep as
 * JS_STACK_BUDGET allows), it gives back UNWOUND with the place to go on in the CallStack, every
 * compiled caller above it gives back UNWOUND too, and the run loop goes on from there. When the
 * callee returns through the run loop, its caller is entered again after the call (a resume
 * point), as for any call the run loop made. The stack never grows under compiled code (the run
 * loop makes a call whose frame does not fit), so compiled code keeps its views of the stack
 * across calls.
 */
import { type CallStack, RETURNED_IN_PLACE, UNWOUND } from '../machine/stack.js';
import { Op } from '../fast/ops.js';
import type { PreparedFunc } from '../fast/prepared-func.js';
import { indirectCallAddress, type InstanceRt, type WasmFunc } from '../runtime.js';
import { TrapReason, trap } from '../trap.js';

/** callWasm's result when the callee returned: its results are at `base`. */
export const RETURNED = 0;
/** callWasm's result when the caller must leave the call to the run loop (nothing was done). */
export const LEAVE = 1;

/**
 * Calls the function at `addr` from compiled function `caller` (frame pointer `fp`), with its
 * arguments at `base`, to return to `next`: RETURNED, LEAVE (a host function, a callee of the
 * compact form, or a frame past the stack's end: the run loop makes the call) or UNWOUND.
 * @throws Trap as the callee traps, or `call stack exhausted`
 */
export function callWasm(m: CallStack, caller: WasmFunc, fp: number, addr: number, base: number, next: number, budget: number): number {
  const callee = m.rt.funcs[addr];
  if (callee.kind === 'host' || callee.prepared.kind !== 'compiled') return LEAVE;
  const p = callee.prepared as PreparedFunc;
  // The stack grows only in the run loop, where no compiled code is running: compiled code keeps
  // its views across calls.
  if (((base >> 2) + p.cells) * 2 > m.slots.count) return LEAVE;
  const d = m.depth;
  const run = p.direct;
  if (run !== undefined && budget >= p.jsFrameCost) {
    // As a small function's direct call site calls it (see compile.ts). (The budget also bounds
    // the depth: see jsBudgetAt.)
    m.depth = d + 1;
    const end = run(m, 0, base, m.slots.i32, callee.inst, callee, budget - p.jsFrameCost);
    if (end !== RETURNED_IN_PLACE) return returned(m, d, caller, fp, next, callee, end, base);
    m.depth = d;
    return RETURNED;
  }
  if (d > m.limits.maxCallDepth - 2) trap(TrapReason.callStackExhausted);
  // A function that sets its own locals needs no more.
  if (!p.initsOwnFrame) m.enter(callee, base);
  // The caller's frame record is written only if the run loop takes over (see below).
  m.depth = d + 1;
  const code = p.code;
  let pc = 0;
  if (code[0] === Op.fuel) {
    // Metered code: the entry charge (see fuel/meter.ts).
    if (m.fuel < code[1]) return unwound(m, d, caller, fp, next, callee, 0, base);
    m.fuel -= code[1];
    pc = 2;
  }
  if (code[pc] === Op.compileOnEntry) p.compileNow();
  const cost = p.jsFrameCost;
  if (code[pc] !== Op.enterCompiled || budget < cost) return unwound(m, d, caller, fp, next, callee, pc, base);
  const end = p.compiled!(m, pc, base, m.slots.i32, callee.inst, callee, budget - cost);
  return returned(m, d, caller, fp, next, callee, end, base);
}

/**
 * What follows a compiled callee's JavaScript (frame at `base`, entered with its record at depth
 * `d + 1`) that ended at `end`, for callWasm and for the direct calls compiled code makes itself
 * (see PreparedFunc.direct): RETURNED with its result at `base`, or UNWOUND.
 */
export function returned(m: CallStack, d: number, caller: WasmFunc, fp: number, next: number, callee: WasmFunc, end: number, base: number): number {
  if (end < 0) {
    if (end === RETURNED_IN_PLACE) {
      m.depth = d;
      return RETURNED;
    }
    // Too little fuel for the charge at -1 - end: the run loop runs it again, and pauses.
    if (end !== UNWOUND) return unwound(m, d, caller, fp, next, callee, -1 - end, base);
    m.frameFunc[d] = caller;
    m.framePc[d] = next;
    m.frameFp[d] = fp;
    return UNWOUND;
  }
  const code = (callee.prepared as PreparedFunc).code;
  const op = code[end];
  if (op === Op.return1) {
    const r = m.slots.i32;
    const a = base + code[end + 1];
    r[base] = r[a];
    r[base + 1] = r[a + 1];
    r[base + 2] = r[a + 2];
    r[base + 3] = r[a + 3];
  } else if (op !== Op.return) return unwound(m, d, caller, fp, next, callee, end, base);
  m.depth = d;
  return RETURNED;
}

/**
 * call_indirect from compiled code: element `i` of table `table` of `inst`, which must be a
 * function of type `typeIndex`, called as callWasm calls.
 * @throws Trap as the run loop's call_indirect traps, and as callWasm
 */
export function callIndirect(
  m: CallStack,
  caller: WasmFunc,
  fp: number,
  inst: InstanceRt,
  typeIndex: number,
  table: number,
  i: number,
  base: number,
  next: number,
  budget: number,
): number {
  return callWasm(m, caller, fp, indirectCallAddress(inst, m.rt.funcs, typeIndex, table, i >>> 0), base, next, budget);
}

/**
 * Hands the rest to the run loop: it goes on in `f` at `pc`, frame pointer `fp`, called from
 * `caller` (frame pointer `callerFp`) to return to `next`, whose frame record is at `depth`.
 */
function unwound(m: CallStack, depth: number, caller: WasmFunc, callerFp: number, next: number, f: WasmFunc, pc: number, fp: number): number {
  m.frameFunc[depth] = caller;
  m.framePc[depth] = next;
  m.frameFp[depth] = callerFp;
  m.resumeFunc = f;
  m.resumePc = pc;
  m.resumeFp = fp;
  return UNWOUND;
}
