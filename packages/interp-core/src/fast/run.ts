/**
 * The run loop of the `fast` and `compiled` profiles. It keeps its own frames and value stack, so a wasm call never becomes a JavaScript
 * call: a call into the host returns from the loop with the state saved in the Execution, and
 * the loop picks it up again when the host's results are in.
 *
 * Case labels are numeric literals (ops.ts names them in comments): V8 compiles a switch over
 * literals to a jump table, but one over imported constants to a chain of comparisons.
 *
 * Short names: `c` the current function's code, `pc` the index of the current op in it, `fp` the
 * frame pointer (Int32 index of local 0), `r`/`f32`/`f64` the value stack's views; an operand word
 * `c[pc + k]` addresses cell `fp + c[pc + k]` (see ops.ts).
 */
import { PREFIX_FD as FD } from '@proj/decoder';
import { memory_copy, memory_fill, memory_init, table_copy, table_fill, table_init } from '../bulk.js';
import * as F from '../numeric/float.js';
import * as I32 from '../numeric/i32.js';
import * as I64 from '../numeric/i64.js';
import * as V from '../numeric/v128.js';
import { type CallStack, type Execution, jsBudgetAt, RESUME_ENTER, RESUME_AFTER_CALL, RESUME_SUSPENDED, RETURNED_IN_PLACE, Stop, UNWOUND } from '../machine/stack.js';
import { bulkCost } from '../fuel/meter.js';
import { EMPTY_MEMORY, EMPTY_VIEW, type InstanceRt, type MemInst, NULL_REF, type WasmFunc } from '../runtime.js';
import type { PreparedFunc } from './translate.js';
import { Trap, TrapReason, trap } from '../trap.js';
import { WasmException } from '../exceptions.js';

/** Stops for too little fuel before the charge at `pc`, which runs again when `ex` goes on. */
function pause(ex: Execution, f: WasmFunc, pc: number, fp: number): number {
  ex.func = f;
  ex.pc = pc;
  ex.fp = fp;
  ex.resume = RESUME_SUSPENDED;
  return Stop.fuel;
}

/** Stops to throw `e` from `f` at `pc` (just past the throwing instruction). */
function raise(ex: Execution, f: WasmFunc, pc: number, fp: number, e: WasmException): number {
  ex.func = f;
  ex.pc = pc;
  ex.fp = fp;
  ex.thrown = e;
  return Stop.throw;
}

/** The loop of the `fast` profile. */
export function runFast(m: CallStack, ex: Execution): number {
  const funcs = m.rt.funcs;
  let f = ex.func;
  let c = (f.prepared as PreparedFunc).code; // run() calls this loop for fast functions only
  let inst: InstanceRt = f.inst;
  let pc = ex.resume === RESUME_ENTER ? 0 : ex.pc;
  let fp = ex.fp;
  let s = m.slots;
  let r = s.i32;
  let f32 = s.f32;
  let f64 = s.f64;
  let mem: MemInst | undefined = inst.mems[0];
  let mu8 = mem ? mem.u8 : EMPTY_MEMORY;
  let dv = mem ? mem.dv : EMPTY_VIEW;
  let mlen = mem ? mem.limit : 0;
  // d frames saved below the calling one: a call makes d + 2 active.
  const maxDepth = m.limits.maxCallDepth - 2;

  for (;;) {
    const op = c[pc];
    switch (op) {
      // ---- moves and constants ----
      case 0x319: // copyF32
      case 0x300: // copy1
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]];
        pc += 3;
        break;
      case 0x301: {
        // copy2
        const d = fp + c[pc + 1];
        const a = fp + c[pc + 2];
        r[d] = r[a];
        r[d + 1] = r[a + 1];
        pc += 3;
        break;
      }
      case 0x31a: // copy1Pair
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]];
        r[fp + c[pc + 3]] = r[fp + c[pc + 4]];
        pc += 5;
        break;
      case 0x31b: {
        // copy2Pair
        const d1 = fp + c[pc + 1];
        const a1 = fp + c[pc + 2];
        r[d1] = r[a1];
        r[d1 + 1] = r[a1 + 1];
        const d2 = fp + c[pc + 3];
        const a2 = fp + c[pc + 4];
        r[d2] = r[a2];
        r[d2 + 1] = r[a2 + 1];
        pc += 5;
        break;
      }
      case 0x318: // copyF64
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1];
        pc += 3;
        break;
      case 0x302: {
        // copy4
        const d = fp + c[pc + 1];
        const a = fp + c[pc + 2];
        r[d] = r[a];
        r[d + 1] = r[a + 1];
        r[d + 2] = r[a + 2];
        r[d + 3] = r[a + 3];
        pc += 3;
        break;
      }
      case 0x41: // i32.const
      case 0x43: // f32.const (bits)
        r[fp + c[pc + 1]] = c[pc + 2];
        pc += 3;
        break;
      case 0x42: // i64.const
      case 0x44: {
        // f64.const (bits)
        const d = fp + c[pc + 1];
        r[d] = c[pc + 2];
        r[d + 1] = c[pc + 3];
        pc += 4;
        break;
      }
      case 0x20c: {
        // v128.const
        const d = fp + c[pc + 1];
        r[d] = c[pc + 2];
        r[d + 1] = c[pc + 3];
        r[d + 2] = c[pc + 4];
        r[d + 3] = c[pc + 5];
        pc += 6;
        break;
      }

      // ---- control ----
      case 0x30f: // unreachable
        trap(TrapReason.unreachable);
      // eslint-disable-next-line no-fallthrough
      case 0x303: // br
        pc = c[pc + 1];
        break;
      case 0x304: // brIf
        pc = r[fp + c[pc + 1]] !== 0 ? c[pc + 2] : pc + 3;
        break;
      case 0x305: // brUnless
        pc = r[fp + c[pc + 1]] === 0 ? c[pc + 2] : pc + 3;
        break;
      // #region gen-isa fast-main: generated by scripts/gen-isa.mjs from src/isa/instructions.ts; do not edit
      case 0x28: // i32.load
      case 0x2a: { // f32.load
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = dv.getInt32(ea, true);
        pc += 5;
        break;
      }
      case 0x29: { // i64.load
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        r[D] = dv.getInt32(ea, true);
        r[D + 1] = dv.getInt32(ea + 4, true);
        pc += 5;
        break;
      }
      case 0x2b: { // f64.load
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        f64[(fp + c[pc + 1]) >> 1] = dv.getFloat64(ea, true);
        pc += 5;
        break;
      }
      case 0x2c: { // i32.load8_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = (mu8[ea] << 24) >> 24;
        pc += 5;
        break;
      }
      case 0x2d: { // i32.load8_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = mu8[ea];
        pc += 5;
        break;
      }
      case 0x2e: { // i32.load16_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = dv.getInt16(ea, true);
        pc += 5;
        break;
      }
      case 0x2f: { // i32.load16_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = dv.getUint16(ea, true);
        pc += 5;
        break;
      }
      case 0x30: { // i64.load8_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        const x = (mu8[ea] << 24) >> 24;
        r[D] = x;
        r[D + 1] = x >> 31;
        pc += 5;
        break;
      }
      case 0x31: { // i64.load8_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        r[D] = mu8[ea];
        r[D + 1] = 0;
        pc += 5;
        break;
      }
      case 0x32: { // i64.load16_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        const x = dv.getInt16(ea, true);
        r[D] = x;
        r[D + 1] = x >> 31;
        pc += 5;
        break;
      }
      case 0x33: { // i64.load16_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        r[D] = dv.getUint16(ea, true);
        r[D + 1] = 0;
        pc += 5;
        break;
      }
      case 0x34: { // i64.load32_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        const x = dv.getInt32(ea, true);
        r[D] = x;
        r[D + 1] = x >> 31;
        pc += 5;
        break;
      }
      case 0x35: { // i64.load32_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        r[D] = dv.getInt32(ea, true);
        r[D + 1] = 0;
        pc += 5;
        break;
      }
      case 0x36: // i32.store
      case 0x38: // f32.store
      case 0x3e: { // i64.store32
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        dv.setInt32(ea, r[fp + c[pc + 3]], true);
        pc += 5;
        break;
      }
      case 0x37: { // i64.store
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const V = fp + c[pc + 3];
        dv.setInt32(ea, r[V], true);
        dv.setInt32(ea + 4, r[V + 1], true);
        pc += 5;
        break;
      }
      case 0x39: { // f64.store
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        dv.setFloat64(ea, f64[(fp + c[pc + 3]) >> 1], true);
        pc += 5;
        break;
      }
      case 0x3a: // i32.store8
      case 0x3c: { // i64.store8
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        mu8[ea] = r[fp + c[pc + 3]];
        pc += 5;
        break;
      }
      case 0x3b: // i32.store16
      case 0x3d: { // i64.store16
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        dv.setInt16(ea, r[fp + c[pc + 3]], true);
        pc += 5;
        break;
      }
      case 0x45: { // i32.eqz
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] === 0 ? 1 : 0;
        pc += 3;
        break;
      }
      case 0x46: { // i32.eq
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] === r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x47: { // i32.ne
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] !== r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x48: { // i32.lt_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] < r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x49: { // i32.lt_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 < r[fp + c[pc + 3]] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x4a: { // i32.gt_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] > r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x4b: { // i32.gt_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 > r[fp + c[pc + 3]] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x4c: { // i32.le_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] <= r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x4d: { // i32.le_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 <= r[fp + c[pc + 3]] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x4e: { // i32.ge_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >= r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x4f: { // i32.ge_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 >= r[fp + c[pc + 3]] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x67: { // i32.clz
        r[fp + c[pc + 1]] = Math.clz32(r[fp + c[pc + 2]]);
        pc += 3;
        break;
      }
      case 0x68: { // i32.ctz
        r[fp + c[pc + 1]] = I32.i32_ctz(r[fp + c[pc + 2]]);
        pc += 3;
        break;
      }
      case 0x69: { // i32.popcnt
        r[fp + c[pc + 1]] = I32.i32_popcnt(r[fp + c[pc + 2]]);
        pc += 3;
        break;
      }
      case 0x6a: { // i32.add
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0;
        pc += 4;
        break;
      }
      case 0x6b: { // i32.sub
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] - r[fp + c[pc + 3]]) | 0;
        pc += 4;
        break;
      }
      case 0x6c: { // i32.mul
        r[fp + c[pc + 1]] = Math.imul(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      }
      case 0x6d: { // i32.div_s
        r[fp + c[pc + 1]] = I32.i32_div_s(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      }
      case 0x6e: { // i32.div_u
        r[fp + c[pc + 1]] = I32.i32_div_u(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      }
      case 0x6f: { // i32.rem_s
        r[fp + c[pc + 1]] = I32.i32_rem_s(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      }
      case 0x70: { // i32.rem_u
        r[fp + c[pc + 1]] = I32.i32_rem_u(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      }
      case 0x71: { // i32.and
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] & r[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x72: { // i32.or
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] | r[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x73: { // i32.xor
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] ^ r[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x74: { // i32.shl
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] << r[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x75: { // i32.shr_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >> r[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x76: { // i32.shr_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> r[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x77: { // i32.rotl
        r[fp + c[pc + 1]] = I32.i32_rotl(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      }
      case 0x78: { // i32.rotr
        r[fp + c[pc + 1]] = I32.i32_rotr(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      }
      case 0xc0: { // i32.extend8_s
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] << 24) >> 24;
        pc += 3;
        break;
      }
      case 0xc1: { // i32.extend16_s
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] << 16) >> 16;
        pc += 3;
        break;
      }
      case 0x50: { // i64.eqz
        const A = fp + c[pc + 2];
        r[fp + c[pc + 1]] = (r[A] | r[A + 1]) === 0 ? 1 : 0;
        pc += 3;
        break;
      }
      case 0x51: { // i64.eq
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A] === r[B] && r[A + 1] === r[B + 1] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x52: { // i64.ne
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A] !== r[B] || r[A + 1] !== r[B + 1] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x53: { // i64.lt_s
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A + 1] < r[B + 1] || (r[A + 1] === r[B + 1] && r[A] >>> 0 < r[B] >>> 0) ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x54: { // i64.lt_u
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A + 1] >>> 0 < r[B + 1] >>> 0 || (r[A + 1] === r[B + 1] && r[A] >>> 0 < r[B] >>> 0) ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x55: { // i64.gt_s
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A + 1] > r[B + 1] || (r[A + 1] === r[B + 1] && r[A] >>> 0 > r[B] >>> 0) ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x56: { // i64.gt_u
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A + 1] >>> 0 > r[B + 1] >>> 0 || (r[A + 1] === r[B + 1] && r[A] >>> 0 > r[B] >>> 0) ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x57: { // i64.le_s
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A + 1] < r[B + 1] || (r[A + 1] === r[B + 1] && r[A] >>> 0 <= r[B] >>> 0) ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x58: { // i64.le_u
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A + 1] >>> 0 < r[B + 1] >>> 0 || (r[A + 1] === r[B + 1] && r[A] >>> 0 <= r[B] >>> 0) ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x59: { // i64.ge_s
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A + 1] > r[B + 1] || (r[A + 1] === r[B + 1] && r[A] >>> 0 >= r[B] >>> 0) ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x5a: { // i64.ge_u
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[fp + c[pc + 1]] = r[A + 1] >>> 0 > r[B + 1] >>> 0 || (r[A + 1] === r[B + 1] && r[A] >>> 0 >= r[B] >>> 0) ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x7c: { // i64.add
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        const alo = r[A];
        const lo = (alo + r[B]) | 0;
        r[D + 1] = (r[A + 1] + r[B + 1] + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
        r[D] = lo;
        pc += 4;
        break;
      }
      case 0x7d: { // i64.sub
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        const alo = r[A];
        const blo = r[B];
        r[D + 1] = (r[A + 1] - r[B + 1] - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;
        r[D] = (alo - blo) | 0;
        pc += 4;
        break;
      }
      case 0x7e: { // i64.mul
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        const x = r[A];
        const y = r[B];
        const xl = x & 0xffff;
        const xh = x >>> 16;
        const yl = y & 0xffff;
        const yh = y >>> 16;
        const lh = xl * yh;
        const hl = xh * yl;
        const carry = (((xl * yl) >>> 16) + (lh & 0xffff) + (hl & 0xffff)) >>> 16;
        r[D + 1] = (xh * yh + (lh >>> 16) + (hl >>> 16) + carry + Math.imul(x, r[B + 1]) + Math.imul(r[A + 1], y)) | 0;
        r[D] = Math.imul(x, y);
        pc += 4;
        break;
      }
      case 0x7f: { // i64.div_s
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        I64.i64_div_s(r[A], r[A + 1], r[B], r[B + 1]);
        r[D] = I64.result64[0];
        r[D + 1] = I64.result64[1];
        pc += 4;
        break;
      }
      case 0x80: { // i64.div_u
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        I64.i64_div_u(r[A], r[A + 1], r[B], r[B + 1]);
        r[D] = I64.result64[0];
        r[D + 1] = I64.result64[1];
        pc += 4;
        break;
      }
      case 0x81: { // i64.rem_s
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        I64.i64_rem_s(r[A], r[A + 1], r[B], r[B + 1]);
        r[D] = I64.result64[0];
        r[D + 1] = I64.result64[1];
        pc += 4;
        break;
      }
      case 0x82: { // i64.rem_u
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        I64.i64_rem_u(r[A], r[A + 1], r[B], r[B + 1]);
        r[D] = I64.result64[0];
        r[D + 1] = I64.result64[1];
        pc += 4;
        break;
      }
      case 0x83: { // i64.and
        const D = fp + c[pc + 1];
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[D] = r[A] & r[B];
        r[D + 1] = r[A + 1] & r[B + 1];
        pc += 4;
        break;
      }
      case 0x84: { // i64.or
        const D = fp + c[pc + 1];
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[D] = r[A] | r[B];
        r[D + 1] = r[A + 1] | r[B + 1];
        pc += 4;
        break;
      }
      case 0x85: { // i64.xor
        const D = fp + c[pc + 1];
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[D] = r[A] ^ r[B];
        r[D + 1] = r[A + 1] ^ r[B + 1];
        pc += 4;
        break;
      }
      case 0x86: { // i64.shl
        const A = fp + c[pc + 2];
        const D = fp + c[pc + 1];
        const s = r[fp + c[pc + 3]] & 63;
        const lo = r[A];
        if (s >= 32) {
          r[D + 1] = lo << (s - 32);
          r[D] = 0;
        } else {
          r[D + 1] = (r[A + 1] << s) | ((lo >>> 1) >>> (31 - s));
          r[D] = lo << s;
        }
        pc += 4;
        break;
      }
      case 0x87: { // i64.shr_s
        const A = fp + c[pc + 2];
        const D = fp + c[pc + 1];
        const s = r[fp + c[pc + 3]] & 63;
        const hi = r[A + 1];
        if (s >= 32) {
          r[D] = hi >> (s - 32);
          r[D + 1] = hi >> 31;
        } else {
          r[D] = (r[A] >>> s) | ((hi << 1) << (31 - s));
          r[D + 1] = hi >> s;
        }
        pc += 4;
        break;
      }
      case 0x88: { // i64.shr_u
        const A = fp + c[pc + 2];
        const D = fp + c[pc + 1];
        const s = r[fp + c[pc + 3]] & 63;
        const hi = r[A + 1];
        if (s >= 32) {
          r[D] = hi >>> (s - 32);
          r[D + 1] = 0;
        } else {
          r[D] = (r[A] >>> s) | ((hi << 1) << (31 - s));
          r[D + 1] = hi >>> s;
        }
        pc += 4;
        break;
      }
      case 0x89: { // i64.rotl
        const A = fp + c[pc + 2];
        const D = fp + c[pc + 1];
        const s = r[fp + c[pc + 3]] & 63;
        const lo = r[A];
        const hi = r[A + 1];
        const x = s & 32 ? hi : lo;
        const y = s & 32 ? lo : hi;
        const t = s & 31;
        r[D] = (x << t) | ((y >>> 1) >>> (31 - t));
        r[D + 1] = (y << t) | ((x >>> 1) >>> (31 - t));
        pc += 4;
        break;
      }
      case 0x8a: { // i64.rotr
        const A = fp + c[pc + 2];
        const D = fp + c[pc + 1];
        const s = -r[fp + c[pc + 3]] & 63;
        const lo = r[A];
        const hi = r[A + 1];
        const x = s & 32 ? hi : lo;
        const y = s & 32 ? lo : hi;
        const t = s & 31;
        r[D] = (x << t) | ((y >>> 1) >>> (31 - t));
        r[D + 1] = (y << t) | ((x >>> 1) >>> (31 - t));
        pc += 4;
        break;
      }
      case 0xc4: // i64.extend32_s
      case 0xac: { // i64.extend_i32_s
        const D = fp + c[pc + 1];
        const x = r[fp + c[pc + 2]];
        r[D] = x;
        r[D + 1] = x >> 31;
        pc += 3;
        break;
      }
      case 0x5b: { // f32.eq
        r[fp + c[pc + 1]] = f32[fp + c[pc + 2]] === f32[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x5c: { // f32.ne
        r[fp + c[pc + 1]] = f32[fp + c[pc + 2]] !== f32[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x5d: { // f32.lt
        r[fp + c[pc + 1]] = f32[fp + c[pc + 2]] < f32[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x5e: { // f32.gt
        r[fp + c[pc + 1]] = f32[fp + c[pc + 2]] > f32[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x5f: { // f32.le
        r[fp + c[pc + 1]] = f32[fp + c[pc + 2]] <= f32[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x60: { // f32.ge
        r[fp + c[pc + 1]] = f32[fp + c[pc + 2]] >= f32[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x8b: { // f32.abs
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] & 0x7fffffff;
        pc += 3;
        break;
      }
      case 0x8c: { // f32.neg
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] ^ 0x80000000;
        pc += 3;
        break;
      }
      case 0x91: { // f32.sqrt
        f32[fp + c[pc + 1]] = F.f32_sqrt(f32[fp + c[pc + 2]]);
        pc += 3;
        break;
      }
      case 0x92: { // f32.add
        f32[fp + c[pc + 1]] = f32[fp + c[pc + 2]] + f32[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x93: { // f32.sub
        f32[fp + c[pc + 1]] = f32[fp + c[pc + 2]] - f32[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x94: { // f32.mul
        f32[fp + c[pc + 1]] = f32[fp + c[pc + 2]] * f32[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x95: { // f32.div
        f32[fp + c[pc + 1]] = f32[fp + c[pc + 2]] / f32[fp + c[pc + 3]];
        pc += 4;
        break;
      }
      case 0x96: { // f32.min
        f32[fp + c[pc + 1]] = F.f32_min(f32[fp + c[pc + 2]], f32[fp + c[pc + 3]]);
        pc += 4;
        break;
      }
      case 0x97: { // f32.max
        f32[fp + c[pc + 1]] = F.f32_max(f32[fp + c[pc + 2]], f32[fp + c[pc + 3]]);
        pc += 4;
        break;
      }
      case 0x98: { // f32.copysign
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] & 0x7fffffff) | (r[fp + c[pc + 3]] & 0x80000000);
        pc += 4;
        break;
      }
      case 0x61: { // f64.eq
        r[fp + c[pc + 1]] = f64[(fp + c[pc + 2]) >> 1] === f64[(fp + c[pc + 3]) >> 1] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x62: { // f64.ne
        r[fp + c[pc + 1]] = f64[(fp + c[pc + 2]) >> 1] !== f64[(fp + c[pc + 3]) >> 1] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x63: { // f64.lt
        r[fp + c[pc + 1]] = f64[(fp + c[pc + 2]) >> 1] < f64[(fp + c[pc + 3]) >> 1] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x64: { // f64.gt
        r[fp + c[pc + 1]] = f64[(fp + c[pc + 2]) >> 1] > f64[(fp + c[pc + 3]) >> 1] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x65: { // f64.le
        r[fp + c[pc + 1]] = f64[(fp + c[pc + 2]) >> 1] <= f64[(fp + c[pc + 3]) >> 1] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x66: { // f64.ge
        r[fp + c[pc + 1]] = f64[(fp + c[pc + 2]) >> 1] >= f64[(fp + c[pc + 3]) >> 1] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x99: { // f64.abs
        const D = fp + c[pc + 1];
        const A = fp + c[pc + 2];
        r[D] = r[A];
        r[D + 1] = r[A + 1] & 0x7fffffff;
        pc += 3;
        break;
      }
      case 0x9a: { // f64.neg
        const D = fp + c[pc + 1];
        const A = fp + c[pc + 2];
        r[D] = r[A];
        r[D + 1] = r[A + 1] ^ 0x80000000;
        pc += 3;
        break;
      }
      case 0x9b: { // f64.ceil
        f64[(fp + c[pc + 1]) >> 1] = F.f64_ceil(f64[(fp + c[pc + 2]) >> 1]);
        pc += 3;
        break;
      }
      case 0x9c: { // f64.floor
        f64[(fp + c[pc + 1]) >> 1] = F.f64_floor(f64[(fp + c[pc + 2]) >> 1]);
        pc += 3;
        break;
      }
      case 0x9d: { // f64.trunc
        f64[(fp + c[pc + 1]) >> 1] = F.f64_trunc(f64[(fp + c[pc + 2]) >> 1]);
        pc += 3;
        break;
      }
      case 0x9f: { // f64.sqrt
        f64[(fp + c[pc + 1]) >> 1] = F.f64_sqrt(f64[(fp + c[pc + 2]) >> 1]);
        pc += 3;
        break;
      }
      case 0xa0: { // f64.add
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1] + f64[(fp + c[pc + 3]) >> 1];
        pc += 4;
        break;
      }
      case 0xa1: { // f64.sub
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1] - f64[(fp + c[pc + 3]) >> 1];
        pc += 4;
        break;
      }
      case 0xa2: { // f64.mul
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1] * f64[(fp + c[pc + 3]) >> 1];
        pc += 4;
        break;
      }
      case 0xa3: { // f64.div
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1] / f64[(fp + c[pc + 3]) >> 1];
        pc += 4;
        break;
      }
      case 0xa4: { // f64.min
        f64[(fp + c[pc + 1]) >> 1] = F.f64_min(f64[(fp + c[pc + 2]) >> 1], f64[(fp + c[pc + 3]) >> 1]);
        pc += 4;
        break;
      }
      case 0xa5: { // f64.max
        f64[(fp + c[pc + 1]) >> 1] = F.f64_max(f64[(fp + c[pc + 2]) >> 1], f64[(fp + c[pc + 3]) >> 1]);
        pc += 4;
        break;
      }
      case 0xa6: { // f64.copysign
        const D = fp + c[pc + 1];
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        r[D] = r[A];
        r[D + 1] = (r[A + 1] & 0x7fffffff) | (r[B + 1] & 0x80000000);
        pc += 4;
        break;
      }
      case 0xa7: // i32.wrap_i64
      case 0xbc: // i32.reinterpret_f32
      case 0xbe: { // f32.reinterpret_i32
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]];
        pc += 3;
        break;
      }
      case 0xad: { // i64.extend_i32_u
        const D = fp + c[pc + 1];
        r[D] = r[fp + c[pc + 2]];
        r[D + 1] = 0;
        pc += 3;
        break;
      }
      case 0xb2: { // f32.convert_i32_s
        f32[fp + c[pc + 1]] = r[fp + c[pc + 2]];
        pc += 3;
        break;
      }
      case 0xb3: { // f32.convert_i32_u
        f32[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0;
        pc += 3;
        break;
      }
      case 0xbd: // i64.reinterpret_f64
      case 0xbf: { // f64.reinterpret_i64
        const D = fp + c[pc + 1];
        const A = fp + c[pc + 2];
        r[D] = r[A];
        r[D + 1] = r[A + 1];
        pc += 3;
        break;
      }
      case 0x320: { // br_if on an i32 comparison: i32.eqz
        pc = r[fp + c[pc + 1]] === 0 ? c[pc + 2] : pc + 3;
        break;
      }
      case 0x321: { // br_if on an i32 comparison: i32.eq
        pc = r[fp + c[pc + 1]] === r[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x322: { // br_if on an i32 comparison: i32.ne
        pc = r[fp + c[pc + 1]] !== r[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x323: { // br_if on an i32 comparison: i32.lt_s
        pc = r[fp + c[pc + 1]] < r[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x324: { // br_if on an i32 comparison: i32.lt_u
        pc = r[fp + c[pc + 1]] >>> 0 < r[fp + c[pc + 2]] >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x325: { // br_if on an i32 comparison: i32.gt_s
        pc = r[fp + c[pc + 1]] > r[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x326: { // br_if on an i32 comparison: i32.gt_u
        pc = r[fp + c[pc + 1]] >>> 0 > r[fp + c[pc + 2]] >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x327: { // br_if on an i32 comparison: i32.le_s
        pc = r[fp + c[pc + 1]] <= r[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x328: { // br_if on an i32 comparison: i32.le_u
        pc = r[fp + c[pc + 1]] >>> 0 <= r[fp + c[pc + 2]] >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x329: { // br_if on an i32 comparison: i32.ge_s
        pc = r[fp + c[pc + 1]] >= r[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x32a: { // br_if on an i32 comparison: i32.ge_u
        pc = r[fp + c[pc + 1]] >>> 0 >= r[fp + c[pc + 2]] >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x330: { // br_unless on an i32 comparison: i32.eqz
        pc = !(r[fp + c[pc + 1]] === 0) ? c[pc + 2] : pc + 3;
        break;
      }
      case 0x331: { // br_unless on an i32 comparison: i32.eq
        pc = !(r[fp + c[pc + 1]] === r[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x332: { // br_unless on an i32 comparison: i32.ne
        pc = !(r[fp + c[pc + 1]] !== r[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x333: { // br_unless on an i32 comparison: i32.lt_s
        pc = !(r[fp + c[pc + 1]] < r[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x334: { // br_unless on an i32 comparison: i32.lt_u
        pc = !(r[fp + c[pc + 1]] >>> 0 < r[fp + c[pc + 2]] >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x335: { // br_unless on an i32 comparison: i32.gt_s
        pc = !(r[fp + c[pc + 1]] > r[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x336: { // br_unless on an i32 comparison: i32.gt_u
        pc = !(r[fp + c[pc + 1]] >>> 0 > r[fp + c[pc + 2]] >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x337: { // br_unless on an i32 comparison: i32.le_s
        pc = !(r[fp + c[pc + 1]] <= r[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x338: { // br_unless on an i32 comparison: i32.le_u
        pc = !(r[fp + c[pc + 1]] >>> 0 <= r[fp + c[pc + 2]] >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x339: { // br_unless on an i32 comparison: i32.ge_s
        pc = !(r[fp + c[pc + 1]] >= r[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x33a: { // br_unless on an i32 comparison: i32.ge_u
        pc = !(r[fp + c[pc + 1]] >>> 0 >= r[fp + c[pc + 2]] >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x340: { // i32 with an immediate: i32.add
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        pc += 4;
        break;
      }
      case 0x341: { // i32 with an immediate: i32.mul
        r[fp + c[pc + 1]] = Math.imul(r[fp + c[pc + 2]], c[pc + 3]);
        pc += 4;
        break;
      }
      case 0x342: { // i32 with an immediate: i32.and
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] & c[pc + 3];
        pc += 4;
        break;
      }
      case 0x343: { // i32 with an immediate: i32.or
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] | c[pc + 3];
        pc += 4;
        break;
      }
      case 0x344: { // i32 with an immediate: i32.xor
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] ^ c[pc + 3];
        pc += 4;
        break;
      }
      case 0x345: { // i32 with an immediate: i32.shl
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] << c[pc + 3];
        pc += 4;
        break;
      }
      case 0x346: { // i32 with an immediate: i32.shr_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >> c[pc + 3];
        pc += 4;
        break;
      }
      case 0x347: { // i32 with an immediate: i32.shr_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> c[pc + 3];
        pc += 4;
        break;
      }
      case 0x351: { // i32 comparison with an immediate: i32.eq
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] === c[pc + 3] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x352: { // i32 comparison with an immediate: i32.ne
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] !== c[pc + 3] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x353: { // i32 comparison with an immediate: i32.lt_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] < c[pc + 3] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x354: { // i32 comparison with an immediate: i32.lt_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 < c[pc + 3] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x355: { // i32 comparison with an immediate: i32.gt_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] > c[pc + 3] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x356: { // i32 comparison with an immediate: i32.gt_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 > c[pc + 3] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x357: { // i32 comparison with an immediate: i32.le_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] <= c[pc + 3] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x358: { // i32 comparison with an immediate: i32.le_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 <= c[pc + 3] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x359: { // i32 comparison with an immediate: i32.ge_s
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >= c[pc + 3] ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x35a: { // i32 comparison with an immediate: i32.ge_u
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 >= c[pc + 3] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x361: { // br_if on an i32 comparison with an immediate: i32.eq
        pc = r[fp + c[pc + 1]] === c[pc + 2] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x362: { // br_if on an i32 comparison with an immediate: i32.ne
        pc = r[fp + c[pc + 1]] !== c[pc + 2] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x363: { // br_if on an i32 comparison with an immediate: i32.lt_s
        pc = r[fp + c[pc + 1]] < c[pc + 2] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x364: { // br_if on an i32 comparison with an immediate: i32.lt_u
        pc = r[fp + c[pc + 1]] >>> 0 < c[pc + 2] >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x365: { // br_if on an i32 comparison with an immediate: i32.gt_s
        pc = r[fp + c[pc + 1]] > c[pc + 2] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x366: { // br_if on an i32 comparison with an immediate: i32.gt_u
        pc = r[fp + c[pc + 1]] >>> 0 > c[pc + 2] >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x367: { // br_if on an i32 comparison with an immediate: i32.le_s
        pc = r[fp + c[pc + 1]] <= c[pc + 2] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x368: { // br_if on an i32 comparison with an immediate: i32.le_u
        pc = r[fp + c[pc + 1]] >>> 0 <= c[pc + 2] >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x369: { // br_if on an i32 comparison with an immediate: i32.ge_s
        pc = r[fp + c[pc + 1]] >= c[pc + 2] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x36a: { // br_if on an i32 comparison with an immediate: i32.ge_u
        pc = r[fp + c[pc + 1]] >>> 0 >= c[pc + 2] >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x371: { // br_unless on an i32 comparison with an immediate: i32.eq
        pc = !(r[fp + c[pc + 1]] === c[pc + 2]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x372: { // br_unless on an i32 comparison with an immediate: i32.ne
        pc = !(r[fp + c[pc + 1]] !== c[pc + 2]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x373: { // br_unless on an i32 comparison with an immediate: i32.lt_s
        pc = !(r[fp + c[pc + 1]] < c[pc + 2]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x374: { // br_unless on an i32 comparison with an immediate: i32.lt_u
        pc = !(r[fp + c[pc + 1]] >>> 0 < c[pc + 2] >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x375: { // br_unless on an i32 comparison with an immediate: i32.gt_s
        pc = !(r[fp + c[pc + 1]] > c[pc + 2]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x376: { // br_unless on an i32 comparison with an immediate: i32.gt_u
        pc = !(r[fp + c[pc + 1]] >>> 0 > c[pc + 2] >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x377: { // br_unless on an i32 comparison with an immediate: i32.le_s
        pc = !(r[fp + c[pc + 1]] <= c[pc + 2]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x378: { // br_unless on an i32 comparison with an immediate: i32.le_u
        pc = !(r[fp + c[pc + 1]] >>> 0 <= c[pc + 2] >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x379: { // br_unless on an i32 comparison with an immediate: i32.ge_s
        pc = !(r[fp + c[pc + 1]] >= c[pc + 2]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x37a: { // br_unless on an i32 comparison with an immediate: i32.ge_u
        pc = !(r[fp + c[pc + 1]] >>> 0 >= c[pc + 2] >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x380: { // br_if on an f32 comparison: f32.eq
        pc = f32[fp + c[pc + 1]] === f32[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x381: { // br_if on an f32 comparison: f32.ne
        pc = f32[fp + c[pc + 1]] !== f32[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x382: { // br_if on an f32 comparison: f32.lt
        pc = f32[fp + c[pc + 1]] < f32[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x383: { // br_if on an f32 comparison: f32.gt
        pc = f32[fp + c[pc + 1]] > f32[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x384: { // br_if on an f32 comparison: f32.le
        pc = f32[fp + c[pc + 1]] <= f32[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x385: { // br_if on an f32 comparison: f32.ge
        pc = f32[fp + c[pc + 1]] >= f32[fp + c[pc + 2]] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x386: { // br_unless on an f32 comparison: f32.eq
        pc = !(f32[fp + c[pc + 1]] === f32[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x387: { // br_unless on an f32 comparison: f32.ne
        pc = !(f32[fp + c[pc + 1]] !== f32[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x388: { // br_unless on an f32 comparison: f32.lt
        pc = !(f32[fp + c[pc + 1]] < f32[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x389: { // br_unless on an f32 comparison: f32.gt
        pc = !(f32[fp + c[pc + 1]] > f32[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38a: { // br_unless on an f32 comparison: f32.le
        pc = !(f32[fp + c[pc + 1]] <= f32[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38b: { // br_unless on an f32 comparison: f32.ge
        pc = !(f32[fp + c[pc + 1]] >= f32[fp + c[pc + 2]]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38c: { // br_if on an f64 comparison: f64.eq
        pc = f64[(fp + c[pc + 1]) >> 1] === f64[(fp + c[pc + 2]) >> 1] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38d: { // br_if on an f64 comparison: f64.ne
        pc = f64[(fp + c[pc + 1]) >> 1] !== f64[(fp + c[pc + 2]) >> 1] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38e: { // br_if on an f64 comparison: f64.lt
        pc = f64[(fp + c[pc + 1]) >> 1] < f64[(fp + c[pc + 2]) >> 1] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38f: { // br_if on an f64 comparison: f64.gt
        pc = f64[(fp + c[pc + 1]) >> 1] > f64[(fp + c[pc + 2]) >> 1] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x390: { // br_if on an f64 comparison: f64.le
        pc = f64[(fp + c[pc + 1]) >> 1] <= f64[(fp + c[pc + 2]) >> 1] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x391: { // br_if on an f64 comparison: f64.ge
        pc = f64[(fp + c[pc + 1]) >> 1] >= f64[(fp + c[pc + 2]) >> 1] ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x392: { // br_unless on an f64 comparison: f64.eq
        pc = !(f64[(fp + c[pc + 1]) >> 1] === f64[(fp + c[pc + 2]) >> 1]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x393: { // br_unless on an f64 comparison: f64.ne
        pc = !(f64[(fp + c[pc + 1]) >> 1] !== f64[(fp + c[pc + 2]) >> 1]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x394: { // br_unless on an f64 comparison: f64.lt
        pc = !(f64[(fp + c[pc + 1]) >> 1] < f64[(fp + c[pc + 2]) >> 1]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x395: { // br_unless on an f64 comparison: f64.gt
        pc = !(f64[(fp + c[pc + 1]) >> 1] > f64[(fp + c[pc + 2]) >> 1]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x396: { // br_unless on an f64 comparison: f64.le
        pc = !(f64[(fp + c[pc + 1]) >> 1] <= f64[(fp + c[pc + 2]) >> 1]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x397: { // br_unless on an f64 comparison: f64.ge
        pc = !(f64[(fp + c[pc + 1]) >> 1] >= f64[(fp + c[pc + 2]) >> 1]) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x3a0: { // i32.add with an immediate, then br_if on a comparison of its result: i32.ne
        const x = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = x;
        const y = r[fp + c[pc + 4]];
        pc = x !== y ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a1: { // i32.add with an immediate, then br_if on a comparison of its result: i32.lt_s
        const x = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = x;
        const y = r[fp + c[pc + 4]];
        pc = x < y ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a2: { // i32.add with an immediate, then br_if on a comparison of its result: i32.lt_u
        const x = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = x;
        const y = r[fp + c[pc + 4]];
        pc = x >>> 0 < y >>> 0 ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a3: { // i32.add with an immediate, then br_if on a comparison of its result with an immediate: i32.ne
        const x = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = x;
        const y = c[pc + 4];
        pc = x !== y ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a4: { // i32.add with an immediate, then br_if on a comparison of its result with an immediate: i32.lt_s
        const x = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = x;
        const y = c[pc + 4];
        pc = x < y ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a5: { // i32.add with an immediate, then br_if on a comparison of its result with an immediate: i32.lt_u
        const x = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = x;
        const y = c[pc + 4];
        pc = x >>> 0 < y >>> 0 ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a6: { // i32.add, then br_if on a comparison of its result: i32.ne
        const x = (r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0;
        r[fp + c[pc + 1]] = x;
        const y = r[fp + c[pc + 4]];
        pc = x !== y ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a7: { // i32.add, then br_if on a comparison of its result: i32.lt_s
        const x = (r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0;
        r[fp + c[pc + 1]] = x;
        const y = r[fp + c[pc + 4]];
        pc = x < y ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a8: { // i32.add, then br_if on a comparison of its result: i32.lt_u
        const x = (r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0;
        r[fp + c[pc + 1]] = x;
        const y = r[fp + c[pc + 4]];
        pc = x >>> 0 < y >>> 0 ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a9: { // i32.add with an immediate, then br_if on its result: i32.add
        const x = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = x;
        pc = x !== 0 ? c[pc + 4] : pc + 5;
        break;
      }
      case 0x3aa: { // i32.add with an immediate, then br: i32.add
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        pc = c[pc + 4];
        break;
      }
      case 0x3b0: { // a load at a scaled index: i32.load
        const ea = (((r[fp + c[pc + 2]] << c[pc + 5]) + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = dv.getInt32(ea, true);
        pc += 6;
        break;
      }
      case 0x3b1: { // a load at a scaled index: i64.load
        const ea = (((r[fp + c[pc + 2]] << c[pc + 5]) + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        r[D] = dv.getInt32(ea, true);
        r[D + 1] = dv.getInt32(ea + 4, true);
        pc += 6;
        break;
      }
      case 0x3b2: { // a store at a scaled index: i32.store
        const ea = (((r[fp + c[pc + 1]] << c[pc + 5]) + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        dv.setInt32(ea, r[fp + c[pc + 3]], true);
        pc += 6;
        break;
      }
      case 0x3b3: { // a store at a scaled index: i64.store
        const ea = (((r[fp + c[pc + 1]] << c[pc + 5]) + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const V = fp + c[pc + 3];
        dv.setInt32(ea, r[V], true);
        dv.setInt32(ea + 4, r[V + 1], true);
        pc += 6;
        break;
      }
      case 0x3b4: { // an f64 operation on two f64.loads: f64.add
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const eb = ((r[fp + c[pc + 5]] + r[fp + c[pc + 6]]) >>> 0) + (c[pc + 7] >>> 0);
        if (eb + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getFloat64(ea, true);
        const y = dv.getFloat64(eb, true);
        f64[(fp + c[pc + 1]) >> 1] = x + y;
        pc += 8;
        break;
      }
      case 0x3b5: { // an f64 operation on two f64.loads: f64.mul
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const eb = ((r[fp + c[pc + 5]] + r[fp + c[pc + 6]]) >>> 0) + (c[pc + 7] >>> 0);
        if (eb + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getFloat64(ea, true);
        const y = dv.getFloat64(eb, true);
        f64[(fp + c[pc + 1]) >> 1] = x * y;
        pc += 8;
        break;
      }
      case 0x3b6: { // a multiply, then an add of its product: f32.add
        f32[fp + c[pc + 1]] = Math.fround(f32[fp + c[pc + 2]] * f32[fp + c[pc + 3]]) + f32[fp + c[pc + 4]];
        pc += 5;
        break;
      }
      case 0x3b7: { // a multiply, then an add of its product: f64.add
        f64[(fp + c[pc + 1]) >> 1] = (f64[(fp + c[pc + 2]) >> 1] * f64[(fp + c[pc + 3]) >> 1]) + f64[(fp + c[pc + 4]) >> 1];
        pc += 5;
        break;
      }
      case 0x3b8: { // an f64 load at a scaled index: f64.load
        const ea = (((r[fp + c[pc + 2]] << c[pc + 5]) + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        f64[(fp + c[pc + 1]) >> 1] = dv.getFloat64(ea, true);
        pc += 6;
        break;
      }
      case 0x3b9: { // an f64 store at a scaled index: f64.store
        const ea = (((r[fp + c[pc + 1]] << c[pc + 5]) + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        dv.setFloat64(ea, f64[(fp + c[pc + 3]) >> 1], true);
        pc += 6;
        break;
      }
      case 0x3ba: { // an f64 add of the product of two f64.loads: f64.add
        const ea = ((r[fp + c[pc + 3]] + r[fp + c[pc + 4]]) >>> 0) + (c[pc + 5] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const eb = ((r[fp + c[pc + 6]] + r[fp + c[pc + 7]]) >>> 0) + (c[pc + 8] >>> 0);
        if (eb + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        f64[(fp + c[pc + 1]) >> 1] = (dv.getFloat64(ea, true) * dv.getFloat64(eb, true)) + f64[(fp + c[pc + 2]) >> 1];
        pc += 9;
        break;
      }
      case 0x3c4: { // br_if on an i32 loaded: i32.load
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getInt32(ea, true);
        pc = x !== 0 ? c[pc + 4] : pc + 5;
        break;
      }
      case 0x3c5: { // br_if on an i32 loaded: i32.load8_u
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = mu8[ea];
        pc = x !== 0 ? c[pc + 4] : pc + 5;
        break;
      }
      case 0x3c6: { // br_unless on an i32 loaded: i32.load
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getInt32(ea, true);
        pc = x === 0 ? c[pc + 4] : pc + 5;
        break;
      }
      case 0x3c7: { // br_unless on an i32 loaded: i32.load8_u
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = mu8[ea];
        pc = x === 0 ? c[pc + 4] : pc + 5;
        break;
      }
      case 0x3c8: { // br_if on a comparison of an i32.load: i32.eq
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getInt32(ea, true);
        pc = x === r[fp + c[pc + 4]] ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3c9: { // br_if on a comparison of an i32.load: i32.ne
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getInt32(ea, true);
        pc = x !== r[fp + c[pc + 4]] ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3ca: { // br_if on a comparison of an i32.load with an immediate: i32.eq
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getInt32(ea, true);
        pc = x === c[pc + 4] ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3cb: { // br_if on a comparison of an i32.load with an immediate: i32.ne
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getInt32(ea, true);
        pc = x !== c[pc + 4] ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3cc: { // br_table on an i32 loaded: i32.load
        const ea = (((r[fp + c[pc + 1]] << c[pc + 4]) + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getInt32(ea, true);
        const i = x >>> 0;
        const n = c[pc + 5];
        pc = c[pc + 6 + (i < n ? i : n)];
        break;
      }
      case 0x3cd: { // an i64.add of an i64.load: i64.add
        const ea = ((r[fp + c[pc + 3]] + r[fp + c[pc + 4]]) >>> 0) + (c[pc + 5] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const t0 = dv.getInt32(ea, true);
        const t1 = dv.getInt32(ea + 4, true);
        {
          const V = fp + c[pc + 2];
          const D = fp + c[pc + 1];
          const alo = t0;
          const lo = (alo + r[V]) | 0;
          r[D + 1] = (t1 + r[V + 1] + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
          r[D] = lo;
        }
        pc += 6;
        break;
      }
      case 0x3bb: { // an add of a constant to the i32 in memory at an address: i32.add
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 3] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getInt32(ea, true);
        dv.setInt32(ea, ((x + c[pc + 4]) | 0), true);
        pc += 5;
        break;
      }
      case 0x3d0: { // i64.xor, then an operation of its result: i64.xor
        let t0 = 0;
        let t1 = 0;
        {
          const A = fp + c[pc + 2];
          const B = fp + c[pc + 3];
          t0 = r[A] ^ r[B];
          t1 = r[A + 1] ^ r[B + 1];
        }
        {
          const D = fp + c[pc + 1];
          const V = fp + c[pc + 4];
          r[D] = t0 ^ r[V];
          r[D + 1] = t1 ^ r[V + 1];
        }
        pc += 5;
        break;
      }
      case 0x3d1: { // i64.xor, then an operation of its result: i64.add
        let t0 = 0;
        let t1 = 0;
        {
          const A = fp + c[pc + 2];
          const B = fp + c[pc + 3];
          t0 = r[A] ^ r[B];
          t1 = r[A + 1] ^ r[B + 1];
        }
        {
          const V = fp + c[pc + 4];
          const D = fp + c[pc + 1];
          const alo = t0;
          const lo = (alo + r[V]) | 0;
          r[D + 1] = (t1 + r[V + 1] + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
          r[D] = lo;
        }
        pc += 5;
        break;
      }
      case 0x3d2: { // i64.xor, then an operation of its result: i64.and
        let t0 = 0;
        let t1 = 0;
        {
          const A = fp + c[pc + 2];
          const B = fp + c[pc + 3];
          t0 = r[A] ^ r[B];
          t1 = r[A + 1] ^ r[B + 1];
        }
        {
          const D = fp + c[pc + 1];
          const V = fp + c[pc + 4];
          r[D] = t0 & r[V];
          r[D + 1] = t1 & r[V + 1];
        }
        pc += 5;
        break;
      }
      case 0x3d3: { // i64.xor, then an operation of its result: i64.rotl
        let t0 = 0;
        let t1 = 0;
        {
          const A = fp + c[pc + 2];
          const B = fp + c[pc + 3];
          t0 = r[A] ^ r[B];
          t1 = r[A + 1] ^ r[B + 1];
        }
        {
          const D = fp + c[pc + 1];
          const s = r[fp + c[pc + 4]] & 63;
          const lo = t0;
          const hi = t1;
          const x = s & 32 ? hi : lo;
          const y = s & 32 ? lo : hi;
          const t = s & 31;
          r[D] = (x << t) | ((y >>> 1) >>> (31 - t));
          r[D + 1] = (y << t) | ((x >>> 1) >>> (31 - t));
        }
        pc += 5;
        break;
      }
      case 0x3d4: { // i64.add, then an operation of its result: i64.xor
        let t0 = 0;
        let t1 = 0;
        {
          const A = fp + c[pc + 2];
          const B = fp + c[pc + 3];
          const alo = r[A];
          const lo = (alo + r[B]) | 0;
          t1 = (r[A + 1] + r[B + 1] + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
          t0 = lo;
        }
        {
          const D = fp + c[pc + 1];
          const V = fp + c[pc + 4];
          r[D] = t0 ^ r[V];
          r[D + 1] = t1 ^ r[V + 1];
        }
        pc += 5;
        break;
      }
      case 0x3d5: { // i64.add, then an operation of its result: i64.add
        let t0 = 0;
        let t1 = 0;
        {
          const A = fp + c[pc + 2];
          const B = fp + c[pc + 3];
          const alo = r[A];
          const lo = (alo + r[B]) | 0;
          t1 = (r[A + 1] + r[B + 1] + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
          t0 = lo;
        }
        {
          const V = fp + c[pc + 4];
          const D = fp + c[pc + 1];
          const alo = t0;
          const lo = (alo + r[V]) | 0;
          r[D + 1] = (t1 + r[V + 1] + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
          r[D] = lo;
        }
        pc += 5;
        break;
      }
      case 0x3d8: { // i64.and, then an operation of its result: i64.xor
        let t0 = 0;
        let t1 = 0;
        {
          const A = fp + c[pc + 2];
          const B = fp + c[pc + 3];
          t0 = r[A] & r[B];
          t1 = r[A + 1] & r[B + 1];
        }
        {
          const D = fp + c[pc + 1];
          const V = fp + c[pc + 4];
          r[D] = t0 ^ r[V];
          r[D + 1] = t1 ^ r[V + 1];
        }
        pc += 5;
        break;
      }
      case 0x3dc: { // i64.rotl, then an operation of its result: i64.xor
        let t0 = 0;
        let t1 = 0;
        {
          const A = fp + c[pc + 2];
          const s = r[fp + c[pc + 3]] & 63;
          const lo = r[A];
          const hi = r[A + 1];
          const x = s & 32 ? hi : lo;
          const y = s & 32 ? lo : hi;
          const t = s & 31;
          t0 = (x << t) | ((y >>> 1) >>> (31 - t));
          t1 = (y << t) | ((x >>> 1) >>> (31 - t));
        }
        {
          const D = fp + c[pc + 1];
          const V = fp + c[pc + 4];
          r[D] = t0 ^ r[V];
          r[D + 1] = t1 ^ r[V + 1];
        }
        pc += 5;
        break;
      }
      case 0x3e0: { // i64.shr_u, then an operation of its result: i64.xor
        let t0 = 0;
        let t1 = 0;
        {
          const A = fp + c[pc + 2];
          const s = r[fp + c[pc + 3]] & 63;
          const hi = r[A + 1];
          if (s >= 32) {
            t0 = hi >>> (s - 32);
            t1 = 0;
          } else {
            t0 = (r[A] >>> s) | ((hi << 1) << (31 - s));
            t1 = hi >>> s;
          }
        }
        {
          const D = fp + c[pc + 1];
          const V = fp + c[pc + 4];
          r[D] = t0 ^ r[V];
          r[D + 1] = t1 ^ r[V + 1];
        }
        pc += 5;
        break;
      }
      case 0x3e5: { // i32.xor, then an operation of its result: i32.add
        r[fp + c[pc + 1]] = ((r[fp + c[pc + 2]] ^ r[fp + c[pc + 3]]) + r[fp + c[pc + 4]]) | 0;
        pc += 5;
        break;
      }
      case 0x3e6: { // i32.xor, then an operation of its result: i32.and
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] ^ r[fp + c[pc + 3]]) & r[fp + c[pc + 4]];
        pc += 5;
        break;
      }
      case 0x3e7: { // i32.xor, then an operation of its result: i32.rotl
        r[fp + c[pc + 1]] = I32.i32_rotl((r[fp + c[pc + 2]] ^ r[fp + c[pc + 3]]), r[fp + c[pc + 4]]);
        pc += 5;
        break;
      }
      case 0x3e8: { // i32.add, then an operation of its result: i32.xor
        r[fp + c[pc + 1]] = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0) ^ r[fp + c[pc + 4]];
        pc += 5;
        break;
      }
      case 0x3e9: { // i32.add, then an operation of its result: i32.add
        r[fp + c[pc + 1]] = (((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0) + r[fp + c[pc + 4]]) | 0;
        pc += 5;
        break;
      }
      case 0x3eb: { // i32.add, then an operation of its result: i32.rotl
        r[fp + c[pc + 1]] = I32.i32_rotl(((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0), r[fp + c[pc + 4]]);
        pc += 5;
        break;
      }
      case 0x3ec: { // i32.and, then an operation of its result: i32.xor
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] & r[fp + c[pc + 3]]) ^ r[fp + c[pc + 4]];
        pc += 5;
        break;
      }
      case 0x3f0: { // i32.rotl, then an operation of its result: i32.xor
        r[fp + c[pc + 1]] = (I32.i32_rotl(r[fp + c[pc + 2]], r[fp + c[pc + 3]])) ^ r[fp + c[pc + 4]];
        pc += 5;
        break;
      }
      case 0x3f1: { // i32.rotl, then an operation of its result: i32.add
        r[fp + c[pc + 1]] = ((I32.i32_rotl(r[fp + c[pc + 2]], r[fp + c[pc + 3]])) + r[fp + c[pc + 4]]) | 0;
        pc += 5;
        break;
      }
      case 0x3f4: { // f64.add, then an operation of its result: f64.add
        f64[(fp + c[pc + 1]) >> 1] = (f64[(fp + c[pc + 2]) >> 1] + f64[(fp + c[pc + 3]) >> 1]) + f64[(fp + c[pc + 4]) >> 1];
        pc += 5;
        break;
      }
      case 0x3f5: { // f32.sub, then an operation of its result: f32.add
        f32[fp + c[pc + 1]] = (Math.fround(f32[fp + c[pc + 2]] - f32[fp + c[pc + 3]])) + f32[fp + c[pc + 4]];
        pc += 5;
        break;
      }
      case 0x3f6: { // f32.add, then an operation of its result: f32.add
        f32[fp + c[pc + 1]] = (Math.fround(f32[fp + c[pc + 2]] + f32[fp + c[pc + 3]])) + f32[fp + c[pc + 4]];
        pc += 5;
        break;
      }
      // #endregion gen-isa fast-main
      // #region gen-isa fast-hot-simd: generated by scripts/gen-isa.mjs from src/isa/simd.ts; do not edit
      case 0x24e: { // v128.and
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        r[D] = r[A] & r[B];
        r[D + 1] = r[A + 1] & r[B + 1];
        r[D + 2] = r[A + 2] & r[B + 2];
        r[D + 3] = r[A + 3] & r[B + 3];
        pc += 6;
        break;
      }
      case 0x250: { // v128.or
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        r[D] = r[A] | r[B];
        r[D + 1] = r[A + 1] | r[B + 1];
        r[D + 2] = r[A + 2] | r[B + 2];
        r[D + 3] = r[A + 3] | r[B + 3];
        pc += 6;
        break;
      }
      case 0x251: { // v128.xor
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        r[D] = r[A] ^ r[B];
        r[D + 1] = r[A + 1] ^ r[B + 1];
        r[D + 2] = r[A + 2] ^ r[B + 2];
        r[D + 3] = r[A + 3] ^ r[B + 3];
        pc += 6;
        break;
      }
      case 0x252: { // v128.bitselect
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const C = fp + c[pc + 4];
        const D = fp + c[pc + 1];
        r[D] = (r[A] & r[C]) | (r[B] & ~r[C]);
        r[D + 1] = (r[A + 1] & r[C + 1]) | (r[B + 1] & ~r[C + 1]);
        r[D + 2] = (r[A + 2] & r[C + 2]) | (r[B + 2] & ~r[C + 2]);
        r[D + 3] = (r[A + 3] & r[C + 3]) | (r[B + 3] & ~r[C + 3]);
        pc += 6;
        break;
      }
      case 0x223: { // i8x16.eq
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        for (let k = 0; k < 4; k++) {
          const ak = r[A + k];
          const bk = r[B + k];
          const xk = ak ^ bk;
          r[D + k] = ~((((((xk & 0x7f7f7f7f) + 0x7f7f7f7f) | xk) & 0x80808080) >>> 7) * 255);
        }
        pc += 6;
        break;
      }
      case 0x228: { // i8x16.gt_u
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        for (let k = 0; k < 4; k++) {
          const bk = r[B + k];
          const ak = r[A + k];
          r[D + k] = ((((~bk & ak) | (~(bk ^ ak) & ~((bk | 0x80808080) - (ak & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255;
        }
        pc += 6;
        break;
      }
      case 0x271: { // i8x16.sub
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        for (let k = 0; k < 4; k++) {
          const ak = r[A + k];
          const bk = r[B + k];
          r[D + k] = ((ak | 0x80808080) - (bk & 0x7f7f7f7f)) ^ ((ak ^ ~bk) & 0x80808080);
        }
        pc += 6;
        break;
      }
      case 0x270: { // i8x16.add_sat_u
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        for (let k = 0; k < 4; k++) {
          const ak = r[A + k];
          const bk = r[B + k];
          const sk = ((ak & 0x7f7f7f7f) + (bk & 0x7f7f7f7f)) ^ ((ak ^ bk) & 0x80808080);
          r[D + k] = sk | ((((ak & bk) | ((ak | bk) & ~sk)) & 0x80808080) >>> 7) * 255;
        }
        pc += 6;
        break;
      }
      case 0x279: { // i8x16.max_u
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        for (let k = 0; k < 4; k++) {
          const ak = r[A + k];
          const bk = r[B + k];
          const mk = ((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80808080) - (bk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255;
          r[D + k] = (bk & mk) | (ak & ~mk);
        }
        pc += 6;
        break;
      }
      case 0x276: { // i8x16.min_s
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        for (let k = 0; k < 4; k++) {
          const ak = r[A + k];
          const bk = r[B + k];
          const xk = ak ^ 0x80808080;
          const yk = bk ^ 0x80808080;
          const mk = ((((~xk & yk) | (~(xk ^ yk) & ~((xk | 0x80808080) - (yk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255;
          r[D + k] = (ak & mk) | (bk & ~mk);
        }
        pc += 6;
        break;
      }
      case 0x278: { // i8x16.max_s
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        for (let k = 0; k < 4; k++) {
          const ak = r[A + k];
          const bk = r[B + k];
          const xk = ak ^ 0x80808080;
          const yk = bk ^ 0x80808080;
          const mk = ((((~xk & yk) | (~(xk ^ yk) & ~((xk | 0x80808080) - (yk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255;
          r[D + k] = (bk & mk) | (ak & ~mk);
        }
        pc += 6;
        break;
      }
      case 0x26d: { // i8x16.shr_u
        const A = fp + c[pc + 2];
        const bs = r[fp + c[pc + 3]];
        const D = fp + c[pc + 1];
        const n = bs & 7;
        const m = Math.imul(255 >>> n, 0x01010101);
        for (let k = 0; k < 4; k++) {
          const ak = r[A + k];
          r[D + k] = (ak >>> n) & m;
        }
        pc += 6;
        break;
      }
      case 0x28e: { // i16x8.add
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        for (let k = 0; k < 4; k++) {
          const ak = r[A + k];
          const bk = r[B + k];
          r[D + k] = ((ak & 0x7fff7fff) + (bk & 0x7fff7fff)) ^ ((ak ^ bk) & 0x80008000);
        }
        pc += 6;
        break;
      }
      case 0x295: { // i16x8.mul
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        for (let k = 0; k < 4; k++) {
          const ak = r[A + k];
          const bk = r[B + k];
          r[D + k] = (Math.imul(ak, bk) & 0xffff) | (Math.imul(ak >>> 16, bk >>> 16) << 16);
        }
        pc += 6;
        break;
      }
      case 0x2a0: { // i32x4.abs
        const A = fp + c[pc + 2];
        const D = fp + c[pc + 1];
        const a0 = r[A];
        r[D] = a0 < 0 ? -a0 | 0 : a0;
        const a1 = r[A + 1];
        r[D + 1] = a1 < 0 ? -a1 | 0 : a1;
        const a2 = r[A + 2];
        r[D + 2] = a2 < 0 ? -a2 | 0 : a2;
        const a3 = r[A + 3];
        r[D + 3] = a3 < 0 ? -a3 | 0 : a3;
        pc += 6;
        break;
      }
      case 0x2ae: { // i32x4.add
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        r[D] = (r[A] + r[B]) | 0;
        r[D + 1] = (r[A + 1] + r[B + 1]) | 0;
        r[D + 2] = (r[A + 2] + r[B + 2]) | 0;
        r[D + 3] = (r[A + 3] + r[B + 3]) | 0;
        pc += 6;
        break;
      }
      case 0x2b1: { // i32x4.sub
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        r[D] = (r[A] - r[B]) | 0;
        r[D + 1] = (r[A + 1] - r[B + 1]) | 0;
        r[D + 2] = (r[A + 2] - r[B + 2]) | 0;
        r[D + 3] = (r[A + 3] - r[B + 3]) | 0;
        pc += 6;
        break;
      }
      case 0x2b5: { // i32x4.mul
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        r[D] = Math.imul(r[A], r[B]);
        r[D + 1] = Math.imul(r[A + 1], r[B + 1]);
        r[D + 2] = Math.imul(r[A + 2], r[B + 2]);
        r[D + 3] = Math.imul(r[A + 3], r[B + 3]);
        pc += 6;
        break;
      }
      case 0x2ab: { // i32x4.shl
        const A = fp + c[pc + 2];
        const bs = r[fp + c[pc + 3]];
        const D = fp + c[pc + 1];
        r[D] = r[A] << (bs & 31);
        r[D + 1] = r[A + 1] << (bs & 31);
        r[D + 2] = r[A + 2] << (bs & 31);
        r[D + 3] = r[A + 3] << (bs & 31);
        pc += 6;
        break;
      }
      case 0x2ac: { // i32x4.shr_s
        const A = fp + c[pc + 2];
        const bs = r[fp + c[pc + 3]];
        const D = fp + c[pc + 1];
        r[D] = r[A] >> (bs & 31);
        r[D + 1] = r[A + 1] >> (bs & 31);
        r[D + 2] = r[A + 2] >> (bs & 31);
        r[D + 3] = r[A + 3] >> (bs & 31);
        pc += 6;
        break;
      }
      case 0x243: { // f32x4.lt
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        r[D] = f32[A] < f32[B] ? -1 : 0;
        r[D + 1] = f32[A + 1] < f32[B + 1] ? -1 : 0;
        r[D + 2] = f32[A + 2] < f32[B + 2] ? -1 : 0;
        r[D + 3] = f32[A + 3] < f32[B + 3] ? -1 : 0;
        pc += 6;
        break;
      }
      case 0x2e4: { // f32x4.add
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        f32[D] = f32[A] + f32[B];
        f32[D + 1] = f32[A + 1] + f32[B + 1];
        f32[D + 2] = f32[A + 2] + f32[B + 2];
        f32[D + 3] = f32[A + 3] + f32[B + 3];
        pc += 6;
        break;
      }
      case 0x2e5: { // f32x4.sub
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        f32[D] = f32[A] - f32[B];
        f32[D + 1] = f32[A + 1] - f32[B + 1];
        f32[D + 2] = f32[A + 2] - f32[B + 2];
        f32[D + 3] = f32[A + 3] - f32[B + 3];
        pc += 6;
        break;
      }
      case 0x2e6: { // f32x4.mul
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        f32[D] = f32[A] * f32[B];
        f32[D + 1] = f32[A + 1] * f32[B + 1];
        f32[D + 2] = f32[A + 2] * f32[B + 2];
        f32[D + 3] = f32[A + 3] * f32[B + 3];
        pc += 6;
        break;
      }
      case 0x2e8: { // f32x4.min
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        f32[D] = Math.min(f32[A], f32[B]);
        f32[D + 1] = Math.min(f32[A + 1], f32[B + 1]);
        f32[D + 2] = Math.min(f32[A + 2], f32[B + 2]);
        f32[D + 3] = Math.min(f32[A + 3], f32[B + 3]);
        pc += 6;
        break;
      }
      case 0x2e9: { // f32x4.max
        const A = fp + c[pc + 2];
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        f32[D] = Math.max(f32[A], f32[B]);
        f32[D + 1] = Math.max(f32[A + 1], f32[B + 1]);
        f32[D + 2] = Math.max(f32[A + 2], f32[B + 2]);
        f32[D + 3] = Math.max(f32[A + 3], f32[B + 3]);
        pc += 6;
        break;
      }
      case 0x2fa: { // f32x4.convert_i32x4_s
        const A = fp + c[pc + 2];
        const D = fp + c[pc + 1];
        f32[D] = r[A];
        f32[D + 1] = r[A + 1];
        f32[D + 2] = r[A + 2];
        f32[D + 3] = r[A + 3];
        pc += 6;
        break;
      }
      case 0x2f8: { // i32x4.trunc_sat_f32x4_s
        const A = fp + c[pc + 2];
        const D = fp + c[pc + 1];
        r[D] = F.i32_trunc_sat_f32_s(f32[A]);
        r[D + 1] = F.i32_trunc_sat_f32_s(f32[A + 1]);
        r[D + 2] = F.i32_trunc_sat_f32_s(f32[A + 2]);
        r[D + 3] = F.i32_trunc_sat_f32_s(f32[A + 3]);
        pc += 6;
        break;
      }
      case 0x211: // i32x4.splat
      case 0x213: { // f32x4.splat
        const D = fp + c[pc + 1];
        const x = r[fp + c[pc + 2]];
        r[D] = x;
        r[D + 1] = x;
        r[D + 2] = x;
        r[D + 3] = x;
        pc += 6;
        break;
      }
      case 0x216: { // i8x16.extract_lane_u
        const A = fp + c[pc + 2];
        r[fp + c[pc + 1]] = s.u8[(A << 2) + c[pc + 5]];
        pc += 6;
        break;
      }
      case 0x21b: { // i32x4.extract_lane
        const A = fp + c[pc + 2];
        r[fp + c[pc + 1]] = r[A + c[pc + 5]];
        pc += 6;
        break;
      }
      case 0x220: { // f32x4.replace_lane
        const A = fp + c[pc + 2];
        const D = fp + c[pc + 1];
        const x = r[fp + c[pc + 3]];
        const w0 = r[A];
        const w1 = r[A + 1];
        const w2 = r[A + 2];
        const w3 = r[A + 3];
        r[D] = w0;
        r[D + 1] = w1;
        r[D + 2] = w2;
        r[D + 3] = w3;
        r[D + c[pc + 5]] = x;
        pc += 6;
        break;
      }
      case 0x200: { // v128.load
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 16 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        r[D] = dv.getInt32(ea, true);
        r[D + 1] = dv.getInt32(ea + 4, true);
        r[D + 2] = dv.getInt32(ea + 8, true);
        r[D + 3] = dv.getInt32(ea + 12, true);
        pc += 5;
        break;
      }
      case 0x203: { // v128.load16x4_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        r[D] = dv.getInt16(ea, true);
        r[D + 1] = dv.getInt16(ea + 2, true);
        r[D + 2] = dv.getInt16(ea + 4, true);
        r[D + 3] = dv.getInt16(ea + 6, true);
        pc += 5;
        break;
      }
      case 0x25c: { // v128.load32_zero
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        r[D] = dv.getInt32(ea, true);
        r[D + 1] = 0;
        r[D + 2] = 0;
        r[D + 3] = 0;
        pc += 5;
        break;
      }
      case 0x25d: { // v128.load64_zero
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const D = fp + c[pc + 1];
        r[D] = dv.getInt32(ea, true);
        r[D + 1] = dv.getInt32(ea + 4, true);
        r[D + 2] = 0;
        r[D + 3] = 0;
        pc += 5;
        break;
      }
      case 0x254: { // v128.load8_lane
        const ea = (r[fp + c[pc + 2]] >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        const B = fp + c[pc + 3];
        const D = fp + c[pc + 1];
        const w0 = r[B];
        const w1 = r[B + 1];
        const w2 = r[B + 2];
        const w3 = r[B + 3];
        r[D] = w0;
        r[D + 1] = w1;
        r[D + 2] = w2;
        r[D + 3] = w3;
        s.u8[(D << 2) + c[pc + 5]] = mu8[ea];
        pc += 6;
        break;
      }
      case 0x20b: { // v128.store
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 16 > mlen) trap(TrapReason.memoryOutOfBounds);
        const B = fp + c[pc + 3];
        dv.setInt32(ea, r[B], true);
        dv.setInt32(ea + 4, r[B + 1], true);
        dv.setInt32(ea + 8, r[B + 2], true);
        dv.setInt32(ea + 12, r[B + 3], true);
        pc += 5;
        break;
      }
      // #endregion gen-isa fast-hot-simd
      case 0x306: {
        // brTable
        const i = r[fp + c[pc + 1]] >>> 0;
        const n = c[pc + 2];
        pc = c[pc + 3 + (i < n ? i : n)];
        break;
      }
      case 0x30a: {
        // select1
        r[fp + c[pc + 1]] = r[fp + c[pc + 4]] !== 0 ? r[fp + c[pc + 2]] : r[fp + c[pc + 3]];
        pc += 5;
        break;
      }
      case 0x30b: {
        // select2 (its cells named one by one: compiled code keeps them in variables)
        const d = fp + c[pc + 1];
        const x = fp + c[pc + 2];
        const y = fp + c[pc + 3];
        if (r[fp + c[pc + 4]] !== 0) {
          r[d] = r[x];
          r[d + 1] = r[x + 1];
        } else {
          r[d] = r[y];
          r[d + 1] = r[y + 1];
        }
        pc += 5;
        break;
      }
      case 0x317: // return1
      case 0x307: {
        // return
        if (op === 0x317) {
          // One result, copied to the frame's first cell.
          const a = fp + c[pc + 1];
          r[fp] = r[a];
          r[fp + 1] = r[a + 1];
          r[fp + 2] = r[a + 2];
          r[fp + 3] = r[a + 3];
        }
        if (m.depth === ex.baseDepth) {
          ex.pc = pc;
          return Stop.done;
        }
        const d = --m.depth;
        const callee = f;
        const calleeFp = fp;
        f = m.frameFunc[d];
        pc = m.framePc[d];
        fp = m.frameFp[d];
        if (f.prepared.kind === 'compact') {
          // Back to a compact caller: its operand stack top is just past the results.
          ex.func = f;
          ex.pc = pc;
          ex.fp = fp;
          ex.sp = calleeFp + callee.type.results.length * 4;
          ex.resume = RESUME_AFTER_CALL;
          return Stop.switch;
        }
        c = (f.prepared as PreparedFunc).code;
        // Another instance's memory, or ours grown by the callee (growing raises the limit).
        if (f.inst !== inst || (mem !== undefined && mem.limit !== mlen)) {
          inst = f.inst;
          mem = inst.mems[0];
          mu8 = mem ? mem.u8 : EMPTY_MEMORY;
          dv = mem ? mem.dv : EMPTY_VIEW;
          mlen = mem ? mem.limit : 0;
        }
        break;
      }
      case 0x308: // call
      case 0x309: {
        // callIndirect
        let addr: number;
        let base: number;
        if (op === 0x308 /* call */) {
          addr = inst.funcs[c[pc + 1]];
          base = fp + c[pc + 2];
          pc += 3;
        } else {
          const table = inst.tables[c[pc + 2]];
          const i = r[fp + c[pc + 4]] >>> 0;
          if (i >= table.size) trap(TrapReason.undefinedElement);
          addr = table.elems[i];
          if (addr === NULL_REF) throw new Trap(TrapReason.uninitializedElement, String(i));
          if (funcs[addr].typeId !== inst.typeIds[c[pc + 1]]) trap(TrapReason.indirectCallTypeMismatch);
          base = fp + c[pc + 3];
          pc += 5;
        }
        const callee = funcs[addr];
        if (callee.kind === 'host') {
          ex.func = f;
          ex.pc = pc;
          ex.fp = fp;
          ex.host = callee;
          ex.hostBase = base;
          ex.resume = RESUME_SUSPENDED;
          return Stop.host;
        }
        const d = m.depth;
        if (d > maxDepth) trap(TrapReason.callStackExhausted);
        m.enter(callee, base);
        m.frameFunc[d] = f;
        m.framePc[d] = pc;
        m.frameFp[d] = fp;
        m.depth = d + 1;
        if (callee.prepared.kind === 'compact') {
          ex.func = callee;
          ex.resume = RESUME_ENTER;
          ex.fp = base;
          return Stop.switch;
        }
        f = callee;
        c = (callee.prepared as PreparedFunc).code;
        pc = 0;
        fp = base;
        if (s !== m.slots) {
          s = m.slots;
          r = s.i32;
          f32 = s.f32;
          f64 = s.f64;
        }
        if (callee.inst !== inst) {
          inst = callee.inst;
          mem = inst.mems[0];
          mu8 = mem ? mem.u8 : EMPTY_MEMORY;
          dv = mem ? mem.dv : EMPTY_VIEW;
          mlen = mem ? mem.limit : 0;
        }
        break;
      }

      // ---- variables, references, tables ----
      case 0x30d: {
        // globalGet
        const d = fp + c[pc + 1];
        const g = inst.globals[c[pc + 2]].cell;
        r[d] = g[0];
        r[d + 1] = g[1];
        r[d + 2] = g[2];
        r[d + 3] = g[3];
        pc += 3;
        break;
      }
      case 0x30e: {
        // globalSet
        const g = inst.globals[c[pc + 1]].cell;
        const a = fp + c[pc + 2];
        g[0] = r[a];
        g[1] = r[a + 1];
        g[2] = r[a + 2];
        g[3] = r[a + 3];
        pc += 3;
        break;
      }
      case 0x314: // refNull
        r[fp + c[pc + 1]] = NULL_REF;
        pc += 2;
        break;
      case 0x315: // refIsNull
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] === NULL_REF ? 1 : 0;
        pc += 3;
        break;
      case 0x316: // refFunc
        r[fp + c[pc + 1]] = inst.funcs[c[pc + 2]];
        pc += 3;
        break;
      case 0x310: {
        // tableGet
        const t = inst.tables[c[pc + 3]];
        const i = r[fp + c[pc + 2]] >>> 0;
        if (i >= t.size) trap(TrapReason.tableOutOfBounds);
        r[fp + c[pc + 1]] = t.elems[i];
        pc += 4;
        break;
      }
      case 0x311: {
        // tableSet
        const t = inst.tables[c[pc + 3]];
        const i = r[fp + c[pc + 1]] >>> 0;
        if (i >= t.size) trap(TrapReason.tableOutOfBounds);
        t.elems[i] = r[fp + c[pc + 2]];
        pc += 4;
        break;
      }
      case 0x312: // tableGrow
        r[fp + c[pc + 1]] = inst.tables[c[pc + 4]].grow(r[fp + c[pc + 3]] >>> 0, r[fp + c[pc + 2]]);
        pc += 5;
        break;
      case 0x313: // tableFill
        table_fill(inst.tables[c[pc + 4]], r[fp + c[pc + 1]] >>> 0, r[fp + c[pc + 2]], r[fp + c[pc + 3]] >>> 0);
        pc += 5;
        break;
      case 0x110: // table.size
        r[fp + c[pc + 1]] = inst.tables[c[pc + 2]].size;
        pc += 3;
        break;
      case 0x10c: // table.init
        table_init(inst, inst.tables[c[pc + 5]], c[pc + 4], r[fp + c[pc + 1]] >>> 0, r[fp + c[pc + 2]] >>> 0, r[fp + c[pc + 3]] >>> 0);
        pc += 6;
        break;
      case 0x10d: // elem.drop
        inst.elems[c[pc + 1]] = new Int32Array(0);
        pc += 2;
        break;
      case 0x10e: // table.copy
        table_copy(inst.tables[c[pc + 4]], inst.tables[c[pc + 5]], r[fp + c[pc + 1]] >>> 0, r[fp + c[pc + 2]] >>> 0, r[fp + c[pc + 3]] >>> 0);
        pc += 6;
        break;

      case 0x3f: // memory.size
        r[fp + c[pc + 1]] = mem!.pages;
        pc += 2;
        break;
      case 0x40: {
        // memory.grow
        r[fp + c[pc + 1]] = mem!.grow(r[fp + c[pc + 2]] >>> 0);
        mu8 = mem!.u8;
        dv = mem!.dv;
        mlen = mem ? mem.limit : 0;
        pc += 3;
        break;
      }
      case 0x108: // memory.init
        memory_init(inst, mem!, c[pc + 4], r[fp + c[pc + 1]] >>> 0, r[fp + c[pc + 2]] >>> 0, r[fp + c[pc + 3]] >>> 0);
        pc += 5;
        break;
      case 0x109: // data.drop
        inst.datas[c[pc + 1]] = EMPTY_MEMORY;
        pc += 2;
        break;
      case 0x10a: // memory.copy
        memory_copy(mem!, r[fp + c[pc + 1]] >>> 0, r[fp + c[pc + 2]] >>> 0, r[fp + c[pc + 3]] >>> 0);
        pc += 4;
        break;
      case 0x10b: // memory.fill
        memory_fill(mem!, r[fp + c[pc + 1]] >>> 0, r[fp + c[pc + 2]], r[fp + c[pc + 3]] >>> 0);
        pc += 4;
        break;

      case 0x3c0: {
        // fuel: the charge for the region that starts here
        const cost = c[pc + 1];
        if (m.fuel < cost) return pause(ex, f, pc, fp);
        m.fuel -= cost;
        pc += 2;
        break;
      }
      case 0x3c1: {
        // fuelLength: the charge for the bulk operation that follows
        const cost = bulkCost(r[fp + c[pc + 1]] >>> 0, c[pc + 2]);
        if (m.fuel < cost) return pause(ex, f, pc, fp);
        m.fuel -= cost;
        pc += 3;
        break;
      }
      case 0x3c2: {
        // throw
        const tag = inst.tags[c[pc + 1]];
        const a = fp + c[pc + 2];
        return raise(ex, f, pc + 3, fp, new WasmException(tag, r.slice(a, a + tag.type.params.length * 4)));
      }
      case 0x3c3: // rethrow
        return raise(ex, f, pc + 2, fp, ex.caught![m.depth][c[pc + 1]]);
      case 0x3fe:
        // compileOnEntry: then runs what is there now (enterCompiled, or the instruction itself)
        (f.prepared as PreparedFunc).compileNow();
        break;
      case 0x3ff: {
        // enterCompiled: the function's JavaScript runs up to its next call or return
        // (The stack never grows under it: see compiled/calls.ts.)
        pc = (f.prepared as PreparedFunc).compiled!(m, pc, fp, r, inst, f, jsBudgetAt(m.depth, maxDepth));
        if (pc === UNWOUND) {
          // A call it made could not finish in JavaScript: go on in the innermost frame.
          f = m.resumeFunc!;
          c = (f.prepared as PreparedFunc).code;
          pc = m.resumePc;
          fp = m.resumeFp;
          inst = f.inst;
          mem = inst.mems[0];
        } else if (pc === RETURNED_IN_PLACE) pc = c.length - 1; // its Op.return (compiled/compile.ts)
        else if (pc < 0) return pause(ex, f, -1 - pc, fp); // too little fuel for the charge at -1 - pc (compiled/compile.ts)
        mu8 = mem ? mem.u8 : EMPTY_MEMORY;
        dv = mem ? mem.dv : EMPTY_VIEW;
        mlen = mem ? mem.limit : 0;
        break;
      }
      default:
        pc = op >= FD ? simd(m, op, c, pc, fp, mu8, dv, mlen) : rare(m, op, c, pc, fp);
    }
  }
}

/** Conversions and saturating truncations: returns the next pc. */
function rare(m: CallStack, op: number, c: Int32Array, pc: number, fp: number): number {
  const s = m.slots;
  const r = s.i32;
  const f32 = s.f32;
  const f64 = s.f64;
  const d = fp + c[pc + 1];
  const a = fp + c[pc + 2];
  switch (op) {
    // #region gen-isa fast-rare: generated by scripts/gen-isa.mjs from src/isa/instructions.ts; do not edit
    case 0x79: { // i64.clz
      const hi = r[a + 1];
      r[d] = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(r[a]);
      r[d + 1] = 0;
      return pc + 3;
    }
    case 0x7a: { // i64.ctz
      const lo = r[a];
      r[d] = lo !== 0 ? I32.i32_ctz(lo) : 32 + I32.i32_ctz(r[a + 1]);
      r[d + 1] = 0;
      return pc + 3;
    }
    case 0x7b: { // i64.popcnt
      r[d] = I32.i32_popcnt(r[a]) + I32.i32_popcnt(r[a + 1]);
      r[d + 1] = 0;
      return pc + 3;
    }
    case 0xc2: { // i64.extend8_s
      const x = (r[a] << 24) >> 24;
      r[d] = x;
      r[d + 1] = x >> 31;
      return pc + 3;
    }
    case 0xc3: { // i64.extend16_s
      const x = (r[a] << 16) >> 16;
      r[d] = x;
      r[d + 1] = x >> 31;
      return pc + 3;
    }
    case 0x8d: { // f32.ceil
      f32[d] = F.f32_ceil(f32[a]);
      return pc + 3;
    }
    case 0x8e: { // f32.floor
      f32[d] = F.f32_floor(f32[a]);
      return pc + 3;
    }
    case 0x8f: { // f32.trunc
      f32[d] = F.f32_trunc(f32[a]);
      return pc + 3;
    }
    case 0x90: { // f32.nearest
      f32[d] = F.f32_nearest(f32[a]);
      return pc + 3;
    }
    case 0x9e: { // f64.nearest
      f64[d >> 1] = F.f64_nearest(f64[a >> 1]);
      return pc + 3;
    }
    case 0xa8: { // i32.trunc_f32_s
      r[d] = F.i32_trunc_f32_s(f32[a]);
      return pc + 3;
    }
    case 0xa9: { // i32.trunc_f32_u
      r[d] = F.i32_trunc_f32_u(f32[a]);
      return pc + 3;
    }
    case 0xaa: { // i32.trunc_f64_s
      r[d] = F.i32_trunc_f64_s(f64[a >> 1]);
      return pc + 3;
    }
    case 0xab: { // i32.trunc_f64_u
      r[d] = F.i32_trunc_f64_u(f64[a >> 1]);
      return pc + 3;
    }
    case 0xae: { // i64.trunc_f32_s
      I64.i64_trunc_f32_s(f32[a]);
      r[d] = I64.result64[0];
      r[d + 1] = I64.result64[1];
      return pc + 3;
    }
    case 0xaf: { // i64.trunc_f32_u
      I64.i64_trunc_f32_u(f32[a]);
      r[d] = I64.result64[0];
      r[d + 1] = I64.result64[1];
      return pc + 3;
    }
    case 0xb0: { // i64.trunc_f64_s
      I64.i64_trunc_f64_s(f64[a >> 1]);
      r[d] = I64.result64[0];
      r[d + 1] = I64.result64[1];
      return pc + 3;
    }
    case 0xb1: { // i64.trunc_f64_u
      I64.i64_trunc_f64_u(f64[a >> 1]);
      r[d] = I64.result64[0];
      r[d + 1] = I64.result64[1];
      return pc + 3;
    }
    case 0xb4: { // f32.convert_i64_s
      f32[d] = I64.f32_convert_i64_s(r[a], r[a + 1]);
      return pc + 3;
    }
    case 0xb5: { // f32.convert_i64_u
      f32[d] = I64.f32_convert_i64_u(r[a], r[a + 1]);
      return pc + 3;
    }
    case 0xb6: { // f32.demote_f64
      f32[d] = f64[a >> 1];
      return pc + 3;
    }
    case 0xb7: { // f64.convert_i32_s
      f64[d >> 1] = r[a];
      return pc + 3;
    }
    case 0xb8: { // f64.convert_i32_u
      f64[d >> 1] = r[a] >>> 0;
      return pc + 3;
    }
    case 0xb9: { // f64.convert_i64_s
      f64[d >> 1] = I64.f64_convert_i64_s(r[a], r[a + 1]);
      return pc + 3;
    }
    case 0xba: { // f64.convert_i64_u
      f64[d >> 1] = I64.f64_convert_i64_u(r[a], r[a + 1]);
      return pc + 3;
    }
    case 0xbb: { // f64.promote_f32
      f64[d >> 1] = F.f64_promote_f32(f32[a]);
      return pc + 3;
    }
    case 0x100: { // i32.trunc_sat_f32_s
      r[d] = F.i32_trunc_sat_f32_s(f32[a]);
      return pc + 3;
    }
    case 0x101: { // i32.trunc_sat_f32_u
      r[d] = F.i32_trunc_sat_f32_u(f32[a]);
      return pc + 3;
    }
    case 0x102: { // i32.trunc_sat_f64_s
      r[d] = F.i32_trunc_sat_f64_s(f64[a >> 1]);
      return pc + 3;
    }
    case 0x103: { // i32.trunc_sat_f64_u
      r[d] = F.i32_trunc_sat_f64_u(f64[a >> 1]);
      return pc + 3;
    }
    case 0x104: { // i64.trunc_sat_f32_s
      I64.i64_trunc_sat_f32_s(f32[a]);
      r[d] = I64.result64[0];
      r[d + 1] = I64.result64[1];
      return pc + 3;
    }
    case 0x105: { // i64.trunc_sat_f32_u
      I64.i64_trunc_sat_f32_u(f32[a]);
      r[d] = I64.result64[0];
      r[d + 1] = I64.result64[1];
      return pc + 3;
    }
    case 0x106: { // i64.trunc_sat_f64_s
      I64.i64_trunc_sat_f64_s(f64[a >> 1]);
      r[d] = I64.result64[0];
      r[d + 1] = I64.result64[1];
      return pc + 3;
    }
    case 0x107: { // i64.trunc_sat_f64_u
      I64.i64_trunc_sat_f64_u(f64[a >> 1]);
      r[d] = I64.result64[0];
      r[d + 1] = I64.result64[1];
      return pc + 3;
    }
    // #endregion gen-isa fast-rare
  }
  throw new Error(`run loop: no case for op 0x${op.toString(16)}`);
}

/**
 * The SIMD (0xFD) instructions: those of src/isa/simd.ts in its switch, computed in place over
 * lane views of the slots (a v128 cell is 16-byte aligned, so a result cell either is an
 * operand's or overlaps none), the others through the tables of numeric/v128.ts. `mu8`, `dv` and
 * `mlen` are the run loop's view of memory 0. Returns the next pc.
 */
function simd(m: CallStack, op: number, c: Int32Array, pc: number, fp: number, mu8: Uint8Array, dv: DataView, mlen: number): number {
  const s = m.slots;
  const r = s.i32;
  const f32 = s.f32;
  const f64 = s.f64;
  const vi8 = s.i8;
  const vu8 = s.u8;
  const vi16 = s.i16;
  const vu16 = s.u16;
  const vu32 = s.u32;
  switch (op) {
    // #region gen-isa fast-simd: generated by scripts/gen-isa.mjs from src/isa/simd.ts; do not edit
    case 0x24d: { // v128.not
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = ~r[A + k];
      return pc + 6;
    }
    case 0x24f: { // v128.andnot
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k] & ~r[B + k];
      return pc + 6;
    }
    case 0x224: { // i8x16.ne
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ bk;
        r[D + k] = (((((xk & 0x7f7f7f7f) + 0x7f7f7f7f) | xk) & 0x80808080) >>> 7) * 255;
      }
      return pc + 6;
    }
    case 0x226: { // i8x16.lt_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        r[D + k] = ((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80808080) - (bk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255;
      }
      return pc + 6;
    }
    case 0x22a: { // i8x16.le_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const bk = r[B + k];
        const ak = r[A + k];
        r[D + k] = ~(((((~bk & ak) | (~(bk ^ ak) & ~((bk | 0x80808080) - (ak & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255);
      }
      return pc + 6;
    }
    case 0x22c: { // i8x16.ge_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        r[D + k] = ~(((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80808080) - (bk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255);
      }
      return pc + 6;
    }
    case 0x225: { // i8x16.lt_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80808080;
        const yk = bk ^ 0x80808080;
        r[D + k] = ((((~xk & yk) | (~(xk ^ yk) & ~((xk | 0x80808080) - (yk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255;
      }
      return pc + 6;
    }
    case 0x227: { // i8x16.gt_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80808080;
        const yk = bk ^ 0x80808080;
        r[D + k] = ((((~yk & xk) | (~(yk ^ xk) & ~((yk | 0x80808080) - (xk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255;
      }
      return pc + 6;
    }
    case 0x229: { // i8x16.le_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80808080;
        const yk = bk ^ 0x80808080;
        r[D + k] = ~(((((~yk & xk) | (~(yk ^ xk) & ~((yk | 0x80808080) - (xk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255);
      }
      return pc + 6;
    }
    case 0x22b: { // i8x16.ge_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80808080;
        const yk = bk ^ 0x80808080;
        r[D + k] = ~(((((~xk & yk) | (~(xk ^ yk) & ~((xk | 0x80808080) - (yk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255);
      }
      return pc + 6;
    }
    case 0x260: { // i8x16.abs
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const mk = ((ak & 0x80808080) >>> 7) * 255;
        const xk = ak ^ mk;
        r[D + k] = ((xk | 0x80808080) - (mk & 0x7f7f7f7f)) ^ ((xk ^ ~mk) & 0x80808080);
      }
      return pc + 6;
    }
    case 0x261: { // i8x16.neg
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const xk = 0;
        r[D + k] = ((xk | 0x80808080) - (ak & 0x7f7f7f7f)) ^ ((xk ^ ~ak) & 0x80808080);
      }
      return pc + 6;
    }
    case 0x26e: { // i8x16.add
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        r[D + k] = ((ak & 0x7f7f7f7f) + (bk & 0x7f7f7f7f)) ^ ((ak ^ bk) & 0x80808080);
      }
      return pc + 6;
    }
    case 0x273: { // i8x16.sub_sat_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const sk = ((ak | 0x80808080) - (bk & 0x7f7f7f7f)) ^ ((ak ^ ~bk) & 0x80808080);
        r[D + k] = sk & ~(((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80808080) - (bk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255);
      }
      return pc + 6;
    }
    case 0x26f: { // i8x16.add_sat_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const sk = ((ak & 0x7f7f7f7f) + (bk & 0x7f7f7f7f)) ^ ((ak ^ bk) & 0x80808080);
        const mk = ((~(ak ^ bk) & (ak ^ sk) & 0x80808080) >>> 7) * 255;
        r[D + k] = (sk & ~mk) | ((0x7f7f7f7f ^ ((ak & 0x80808080) >>> 7) * 255) & mk);
      }
      return pc + 6;
    }
    case 0x272: { // i8x16.sub_sat_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const sk = ((ak | 0x80808080) - (bk & 0x7f7f7f7f)) ^ ((ak ^ ~bk) & 0x80808080);
        const mk = (((ak ^ bk) & (ak ^ sk) & 0x80808080) >>> 7) * 255;
        r[D + k] = (sk & ~mk) | ((0x7f7f7f7f ^ ((ak & 0x80808080) >>> 7) * 255) & mk);
      }
      return pc + 6;
    }
    case 0x27b: { // i8x16.avgr_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        r[D + k] = (ak | bk) - (((ak ^ bk) >>> 1) & 0x7f7f7f7f);
      }
      return pc + 6;
    }
    case 0x277: { // i8x16.min_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const mk = ((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80808080) - (bk & 0x7f7f7f7f)))) & 0x80808080) >>> 7) * 255;
        r[D + k] = (ak & mk) | (bk & ~mk);
      }
      return pc + 6;
    }
    case 0x26b: { // i8x16.shl
      const A = fp + c[pc + 2];
      const bs = r[fp + c[pc + 3]];
      const D = fp + c[pc + 1];
      const n = bs & 7;
      const m = Math.imul((255 << n) & 255, 0x01010101);
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        r[D + k] = (ak << n) & m;
      }
      return pc + 6;
    }
    case 0x26c: { // i8x16.shr_s
      const A = fp + c[pc + 2];
      const bs = r[fp + c[pc + 3]];
      const D = fp + c[pc + 1];
      const n = bs & 7;
      const m = Math.imul(255 >>> n, 0x01010101);
      const g = Math.imul(128 >>> n, 0x01010101);
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const xk = ((ak >>> n) & m) ^ g;
        r[D + k] = ((xk | 0x80808080) - (g & 0x7f7f7f7f)) ^ ((xk ^ ~g) & 0x80808080);
      }
      return pc + 6;
    }
    case 0x22d: { // i16x8.eq
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ bk;
        r[D + k] = ~((((((xk & 0x7fff7fff) + 0x7fff7fff) | xk) & 0x80008000) >>> 15) * 65535);
      }
      return pc + 6;
    }
    case 0x22e: { // i16x8.ne
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ bk;
        r[D + k] = (((((xk & 0x7fff7fff) + 0x7fff7fff) | xk) & 0x80008000) >>> 15) * 65535;
      }
      return pc + 6;
    }
    case 0x230: { // i16x8.lt_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        r[D + k] = ((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80008000) - (bk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535;
      }
      return pc + 6;
    }
    case 0x232: { // i16x8.gt_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const bk = r[B + k];
        const ak = r[A + k];
        r[D + k] = ((((~bk & ak) | (~(bk ^ ak) & ~((bk | 0x80008000) - (ak & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535;
      }
      return pc + 6;
    }
    case 0x234: { // i16x8.le_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const bk = r[B + k];
        const ak = r[A + k];
        r[D + k] = ~(((((~bk & ak) | (~(bk ^ ak) & ~((bk | 0x80008000) - (ak & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535);
      }
      return pc + 6;
    }
    case 0x236: { // i16x8.ge_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        r[D + k] = ~(((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80008000) - (bk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535);
      }
      return pc + 6;
    }
    case 0x22f: { // i16x8.lt_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80008000;
        const yk = bk ^ 0x80008000;
        r[D + k] = ((((~xk & yk) | (~(xk ^ yk) & ~((xk | 0x80008000) - (yk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535;
      }
      return pc + 6;
    }
    case 0x231: { // i16x8.gt_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80008000;
        const yk = bk ^ 0x80008000;
        r[D + k] = ((((~yk & xk) | (~(yk ^ xk) & ~((yk | 0x80008000) - (xk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535;
      }
      return pc + 6;
    }
    case 0x233: { // i16x8.le_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80008000;
        const yk = bk ^ 0x80008000;
        r[D + k] = ~(((((~yk & xk) | (~(yk ^ xk) & ~((yk | 0x80008000) - (xk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535);
      }
      return pc + 6;
    }
    case 0x235: { // i16x8.ge_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80008000;
        const yk = bk ^ 0x80008000;
        r[D + k] = ~(((((~xk & yk) | (~(xk ^ yk) & ~((xk | 0x80008000) - (yk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535);
      }
      return pc + 6;
    }
    case 0x280: { // i16x8.abs
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const mk = ((ak & 0x80008000) >>> 15) * 65535;
        const xk = ak ^ mk;
        r[D + k] = ((xk | 0x80008000) - (mk & 0x7fff7fff)) ^ ((xk ^ ~mk) & 0x80008000);
      }
      return pc + 6;
    }
    case 0x281: { // i16x8.neg
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const xk = 0;
        r[D + k] = ((xk | 0x80008000) - (ak & 0x7fff7fff)) ^ ((xk ^ ~ak) & 0x80008000);
      }
      return pc + 6;
    }
    case 0x291: { // i16x8.sub
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        r[D + k] = ((ak | 0x80008000) - (bk & 0x7fff7fff)) ^ ((ak ^ ~bk) & 0x80008000);
      }
      return pc + 6;
    }
    case 0x290: { // i16x8.add_sat_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const sk = ((ak & 0x7fff7fff) + (bk & 0x7fff7fff)) ^ ((ak ^ bk) & 0x80008000);
        r[D + k] = sk | ((((ak & bk) | ((ak | bk) & ~sk)) & 0x80008000) >>> 15) * 65535;
      }
      return pc + 6;
    }
    case 0x293: { // i16x8.sub_sat_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const sk = ((ak | 0x80008000) - (bk & 0x7fff7fff)) ^ ((ak ^ ~bk) & 0x80008000);
        r[D + k] = sk & ~(((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80008000) - (bk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535);
      }
      return pc + 6;
    }
    case 0x28f: { // i16x8.add_sat_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const sk = ((ak & 0x7fff7fff) + (bk & 0x7fff7fff)) ^ ((ak ^ bk) & 0x80008000);
        const mk = ((~(ak ^ bk) & (ak ^ sk) & 0x80008000) >>> 15) * 65535;
        r[D + k] = (sk & ~mk) | ((0x7fff7fff ^ ((ak & 0x80008000) >>> 15) * 65535) & mk);
      }
      return pc + 6;
    }
    case 0x292: { // i16x8.sub_sat_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const sk = ((ak | 0x80008000) - (bk & 0x7fff7fff)) ^ ((ak ^ ~bk) & 0x80008000);
        const mk = (((ak ^ bk) & (ak ^ sk) & 0x80008000) >>> 15) * 65535;
        r[D + k] = (sk & ~mk) | ((0x7fff7fff ^ ((ak & 0x80008000) >>> 15) * 65535) & mk);
      }
      return pc + 6;
    }
    case 0x29b: { // i16x8.avgr_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        r[D + k] = (ak | bk) - (((ak ^ bk) >>> 1) & 0x7fff7fff);
      }
      return pc + 6;
    }
    case 0x297: { // i16x8.min_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const mk = ((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80008000) - (bk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535;
        r[D + k] = (ak & mk) | (bk & ~mk);
      }
      return pc + 6;
    }
    case 0x299: { // i16x8.max_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const mk = ((((~ak & bk) | (~(ak ^ bk) & ~((ak | 0x80008000) - (bk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535;
        r[D + k] = (bk & mk) | (ak & ~mk);
      }
      return pc + 6;
    }
    case 0x296: { // i16x8.min_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80008000;
        const yk = bk ^ 0x80008000;
        const mk = ((((~xk & yk) | (~(xk ^ yk) & ~((xk | 0x80008000) - (yk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535;
        r[D + k] = (ak & mk) | (bk & ~mk);
      }
      return pc + 6;
    }
    case 0x298: { // i16x8.max_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const bk = r[B + k];
        const xk = ak ^ 0x80008000;
        const yk = bk ^ 0x80008000;
        const mk = ((((~xk & yk) | (~(xk ^ yk) & ~((xk | 0x80008000) - (yk & 0x7fff7fff)))) & 0x80008000) >>> 15) * 65535;
        r[D + k] = (bk & mk) | (ak & ~mk);
      }
      return pc + 6;
    }
    case 0x28b: { // i16x8.shl
      const A = fp + c[pc + 2];
      const bs = r[fp + c[pc + 3]];
      const D = fp + c[pc + 1];
      const n = bs & 15;
      const m = Math.imul((65535 << n) & 65535, 0x10001);
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        r[D + k] = (ak << n) & m;
      }
      return pc + 6;
    }
    case 0x28d: { // i16x8.shr_u
      const A = fp + c[pc + 2];
      const bs = r[fp + c[pc + 3]];
      const D = fp + c[pc + 1];
      const n = bs & 15;
      const m = Math.imul(65535 >>> n, 0x10001);
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        r[D + k] = (ak >>> n) & m;
      }
      return pc + 6;
    }
    case 0x28c: { // i16x8.shr_s
      const A = fp + c[pc + 2];
      const bs = r[fp + c[pc + 3]];
      const D = fp + c[pc + 1];
      const n = bs & 15;
      const m = Math.imul(65535 >>> n, 0x10001);
      const g = Math.imul(32768 >>> n, 0x10001);
      for (let k = 0; k < 4; k++) {
        const ak = r[A + k];
        const xk = ((ak >>> n) & m) ^ g;
        r[D + k] = ((xk | 0x80008000) - (g & 0x7fff7fff)) ^ ((xk ^ ~g) & 0x80008000);
      }
      return pc + 6;
    }
    case 0x237: { // i32x4.eq
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k] === r[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x238: { // i32x4.ne
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k] !== r[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x239: { // i32x4.lt_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k] < r[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x23a: { // i32x4.lt_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) vu32[D + k] = vu32[A + k] < vu32[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x23b: { // i32x4.gt_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k] > r[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x23c: { // i32x4.gt_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) vu32[D + k] = vu32[A + k] > vu32[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x23d: { // i32x4.le_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k] <= r[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x23e: { // i32x4.le_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) vu32[D + k] = vu32[A + k] <= vu32[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x23f: { // i32x4.ge_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k] >= r[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x240: { // i32x4.ge_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) vu32[D + k] = vu32[A + k] >= vu32[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x2a1: { // i32x4.neg
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = -r[A + k] | 0;
      return pc + 6;
    }
    case 0x2b6: { // i32x4.min_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = Math.min(r[A + k], r[B + k]);
      return pc + 6;
    }
    case 0x2b7: { // i32x4.min_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) vu32[D + k] = Math.min(vu32[A + k], vu32[B + k]);
      return pc + 6;
    }
    case 0x2b8: { // i32x4.max_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = Math.max(r[A + k], r[B + k]);
      return pc + 6;
    }
    case 0x2b9: { // i32x4.max_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) vu32[D + k] = Math.max(vu32[A + k], vu32[B + k]);
      return pc + 6;
    }
    case 0x2ad: { // i32x4.shr_u
      const A = fp + c[pc + 2];
      const bs = r[fp + c[pc + 3]];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) vu32[D + k] = vu32[A + k] >>> (bs & 31);
      return pc + 6;
    }
    case 0x241: { // f32x4.eq
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = f32[A + k] === f32[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x242: { // f32x4.ne
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = f32[A + k] !== f32[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x244: { // f32x4.gt
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = f32[A + k] > f32[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x245: { // f32x4.le
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = f32[A + k] <= f32[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x246: { // f32x4.ge
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = f32[A + k] >= f32[B + k] ? -1 : 0;
      return pc + 6;
    }
    case 0x2e0: { // f32x4.abs
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k] & 0x7fffffff;
      return pc + 6;
    }
    case 0x2e1: { // f32x4.neg
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k] ^ -0x80000000;
      return pc + 6;
    }
    case 0x2e7: { // f32x4.div
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) f32[D + k] = f32[A + k] / f32[B + k];
      return pc + 6;
    }
    case 0x2f0: { // f64x2.add
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 2; k++) f64[(D >> 1) + k] = f64[(A >> 1) + k] + f64[(B >> 1) + k];
      return pc + 6;
    }
    case 0x2f1: { // f64x2.sub
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 2; k++) f64[(D >> 1) + k] = f64[(A >> 1) + k] - f64[(B >> 1) + k];
      return pc + 6;
    }
    case 0x2f2: { // f64x2.mul
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 2; k++) f64[(D >> 1) + k] = f64[(A >> 1) + k] * f64[(B >> 1) + k];
      return pc + 6;
    }
    case 0x2f3: { // f64x2.div
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 2; k++) f64[(D >> 1) + k] = f64[(A >> 1) + k] / f64[(B >> 1) + k];
      return pc + 6;
    }
    case 0x2f4: { // f64x2.min
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 2; k++) {
        const ak = f64[(A >> 1) + k];
        const bk = f64[(B >> 1) + k];
        f64[(D >> 1) + k] = ak !== ak || bk !== bk ? NaN : Math.min(ak, bk);
      }
      return pc + 6;
    }
    case 0x2f5: { // f64x2.max
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 2; k++) {
        const ak = f64[(A >> 1) + k];
        const bk = f64[(B >> 1) + k];
        f64[(D >> 1) + k] = ak !== ak || bk !== bk ? NaN : Math.max(ak, bk);
      }
      return pc + 6;
    }
    case 0x2fb: { // f32x4.convert_i32x4_u
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) f32[D + k] = vu32[A + k];
      return pc + 6;
    }
    case 0x2f9: { // i32x4.trunc_sat_f32x4_u
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      for (let k = 0; k < 4; k++) r[D + k] = F.i32_trunc_sat_f32_u(f32[A + k]);
      return pc + 6;
    }
    case 0x20f: { // i8x16.splat
      const D = fp + c[pc + 1];
      const x = Math.imul(r[fp + c[pc + 2]] & 0xff, 0x01010101);
      r[D] = x;
      r[D + 1] = x;
      r[D + 2] = x;
      r[D + 3] = x;
      return pc + 6;
    }
    case 0x210: { // i16x8.splat
      const D = fp + c[pc + 1];
      const x = Math.imul(r[fp + c[pc + 2]] & 0xffff, 0x10001);
      r[D] = x;
      r[D + 1] = x;
      r[D + 2] = x;
      r[D + 3] = x;
      return pc + 6;
    }
    case 0x215: { // i8x16.extract_lane_s
      const A = fp + c[pc + 2];
      r[fp + c[pc + 1]] = vi8[(A << 2) + c[pc + 5]];
      return pc + 6;
    }
    case 0x218: { // i16x8.extract_lane_s
      const A = fp + c[pc + 2];
      r[fp + c[pc + 1]] = vi16[(A << 1) + c[pc + 5]];
      return pc + 6;
    }
    case 0x219: { // i16x8.extract_lane_u
      const A = fp + c[pc + 2];
      r[fp + c[pc + 1]] = vu16[(A << 1) + c[pc + 5]];
      return pc + 6;
    }
    case 0x21f: { // f32x4.extract_lane
      const A = fp + c[pc + 2];
      r[fp + c[pc + 1]] = r[A + c[pc + 5]];
      return pc + 6;
    }
    case 0x217: { // i8x16.replace_lane
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      const x = r[fp + c[pc + 3]];
      const w0 = r[A];
      const w1 = r[A + 1];
      const w2 = r[A + 2];
      const w3 = r[A + 3];
      r[D] = w0;
      r[D + 1] = w1;
      r[D + 2] = w2;
      r[D + 3] = w3;
      vu8[(D << 2) + c[pc + 5]] = x;
      return pc + 6;
    }
    case 0x21a: { // i16x8.replace_lane
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      const x = r[fp + c[pc + 3]];
      const w0 = r[A];
      const w1 = r[A + 1];
      const w2 = r[A + 2];
      const w3 = r[A + 3];
      r[D] = w0;
      r[D + 1] = w1;
      r[D + 2] = w2;
      r[D + 3] = w3;
      vu16[(D << 1) + c[pc + 5]] = x;
      return pc + 6;
    }
    case 0x21c: { // i32x4.replace_lane
      const A = fp + c[pc + 2];
      const D = fp + c[pc + 1];
      const x = r[fp + c[pc + 3]];
      const w0 = r[A];
      const w1 = r[A + 1];
      const w2 = r[A + 2];
      const w3 = r[A + 3];
      r[D] = w0;
      r[D + 1] = w1;
      r[D + 2] = w2;
      r[D + 3] = w3;
      r[D + c[pc + 5]] = x;
      return pc + 6;
    }
    case 0x20d: { // i8x16.shuffle
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      const x0 = vu8[((c[pc + 4] >>> 0) & 31) < 16 ? (A << 2) + ((c[pc + 4] >>> 0) & 31) : (B << 2) + ((c[pc + 4] >>> 0) & 31) - 16] | (vu8[((c[pc + 4] >>> 8) & 31) < 16 ? (A << 2) + ((c[pc + 4] >>> 8) & 31) : (B << 2) + ((c[pc + 4] >>> 8) & 31) - 16] << 8) | (vu8[((c[pc + 4] >>> 16) & 31) < 16 ? (A << 2) + ((c[pc + 4] >>> 16) & 31) : (B << 2) + ((c[pc + 4] >>> 16) & 31) - 16] << 16) | (vu8[((c[pc + 4] >>> 24) & 31) < 16 ? (A << 2) + ((c[pc + 4] >>> 24) & 31) : (B << 2) + ((c[pc + 4] >>> 24) & 31) - 16] << 24);
      const x1 = vu8[((c[pc + 5] >>> 0) & 31) < 16 ? (A << 2) + ((c[pc + 5] >>> 0) & 31) : (B << 2) + ((c[pc + 5] >>> 0) & 31) - 16] | (vu8[((c[pc + 5] >>> 8) & 31) < 16 ? (A << 2) + ((c[pc + 5] >>> 8) & 31) : (B << 2) + ((c[pc + 5] >>> 8) & 31) - 16] << 8) | (vu8[((c[pc + 5] >>> 16) & 31) < 16 ? (A << 2) + ((c[pc + 5] >>> 16) & 31) : (B << 2) + ((c[pc + 5] >>> 16) & 31) - 16] << 16) | (vu8[((c[pc + 5] >>> 24) & 31) < 16 ? (A << 2) + ((c[pc + 5] >>> 24) & 31) : (B << 2) + ((c[pc + 5] >>> 24) & 31) - 16] << 24);
      const x2 = vu8[((c[pc + 6] >>> 0) & 31) < 16 ? (A << 2) + ((c[pc + 6] >>> 0) & 31) : (B << 2) + ((c[pc + 6] >>> 0) & 31) - 16] | (vu8[((c[pc + 6] >>> 8) & 31) < 16 ? (A << 2) + ((c[pc + 6] >>> 8) & 31) : (B << 2) + ((c[pc + 6] >>> 8) & 31) - 16] << 8) | (vu8[((c[pc + 6] >>> 16) & 31) < 16 ? (A << 2) + ((c[pc + 6] >>> 16) & 31) : (B << 2) + ((c[pc + 6] >>> 16) & 31) - 16] << 16) | (vu8[((c[pc + 6] >>> 24) & 31) < 16 ? (A << 2) + ((c[pc + 6] >>> 24) & 31) : (B << 2) + ((c[pc + 6] >>> 24) & 31) - 16] << 24);
      const x3 = vu8[((c[pc + 7] >>> 0) & 31) < 16 ? (A << 2) + ((c[pc + 7] >>> 0) & 31) : (B << 2) + ((c[pc + 7] >>> 0) & 31) - 16] | (vu8[((c[pc + 7] >>> 8) & 31) < 16 ? (A << 2) + ((c[pc + 7] >>> 8) & 31) : (B << 2) + ((c[pc + 7] >>> 8) & 31) - 16] << 8) | (vu8[((c[pc + 7] >>> 16) & 31) < 16 ? (A << 2) + ((c[pc + 7] >>> 16) & 31) : (B << 2) + ((c[pc + 7] >>> 16) & 31) - 16] << 16) | (vu8[((c[pc + 7] >>> 24) & 31) < 16 ? (A << 2) + ((c[pc + 7] >>> 24) & 31) : (B << 2) + ((c[pc + 7] >>> 24) & 31) - 16] << 24);
      r[D] = x0;
      r[D + 1] = x1;
      r[D + 2] = x2;
      r[D + 3] = x3;
      return pc + 8;
    }
    case 0x265: { // i8x16.narrow_i16x8_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      const x0 = (Math.max(-128, Math.min(127, vi16[(A << 1) + 0])) & 255) | ((Math.max(-128, Math.min(127, vi16[(A << 1) + 1])) & 255) << 8) | ((Math.max(-128, Math.min(127, vi16[(A << 1) + 2])) & 255) << 16) | ((Math.max(-128, Math.min(127, vi16[(A << 1) + 3])) & 255) << 24);
      const x1 = (Math.max(-128, Math.min(127, vi16[(A << 1) + 4])) & 255) | ((Math.max(-128, Math.min(127, vi16[(A << 1) + 5])) & 255) << 8) | ((Math.max(-128, Math.min(127, vi16[(A << 1) + 6])) & 255) << 16) | ((Math.max(-128, Math.min(127, vi16[(A << 1) + 7])) & 255) << 24);
      const x2 = (Math.max(-128, Math.min(127, vi16[(B << 1) + 0])) & 255) | ((Math.max(-128, Math.min(127, vi16[(B << 1) + 1])) & 255) << 8) | ((Math.max(-128, Math.min(127, vi16[(B << 1) + 2])) & 255) << 16) | ((Math.max(-128, Math.min(127, vi16[(B << 1) + 3])) & 255) << 24);
      const x3 = (Math.max(-128, Math.min(127, vi16[(B << 1) + 4])) & 255) | ((Math.max(-128, Math.min(127, vi16[(B << 1) + 5])) & 255) << 8) | ((Math.max(-128, Math.min(127, vi16[(B << 1) + 6])) & 255) << 16) | ((Math.max(-128, Math.min(127, vi16[(B << 1) + 7])) & 255) << 24);
      r[D] = x0;
      r[D + 1] = x1;
      r[D + 2] = x2;
      r[D + 3] = x3;
      return pc + 6;
    }
    case 0x266: { // i8x16.narrow_i16x8_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      const x0 = (Math.max(0, Math.min(255, vi16[(A << 1) + 0])) & 255) | ((Math.max(0, Math.min(255, vi16[(A << 1) + 1])) & 255) << 8) | ((Math.max(0, Math.min(255, vi16[(A << 1) + 2])) & 255) << 16) | ((Math.max(0, Math.min(255, vi16[(A << 1) + 3])) & 255) << 24);
      const x1 = (Math.max(0, Math.min(255, vi16[(A << 1) + 4])) & 255) | ((Math.max(0, Math.min(255, vi16[(A << 1) + 5])) & 255) << 8) | ((Math.max(0, Math.min(255, vi16[(A << 1) + 6])) & 255) << 16) | ((Math.max(0, Math.min(255, vi16[(A << 1) + 7])) & 255) << 24);
      const x2 = (Math.max(0, Math.min(255, vi16[(B << 1) + 0])) & 255) | ((Math.max(0, Math.min(255, vi16[(B << 1) + 1])) & 255) << 8) | ((Math.max(0, Math.min(255, vi16[(B << 1) + 2])) & 255) << 16) | ((Math.max(0, Math.min(255, vi16[(B << 1) + 3])) & 255) << 24);
      const x3 = (Math.max(0, Math.min(255, vi16[(B << 1) + 4])) & 255) | ((Math.max(0, Math.min(255, vi16[(B << 1) + 5])) & 255) << 8) | ((Math.max(0, Math.min(255, vi16[(B << 1) + 6])) & 255) << 16) | ((Math.max(0, Math.min(255, vi16[(B << 1) + 7])) & 255) << 24);
      r[D] = x0;
      r[D + 1] = x1;
      r[D + 2] = x2;
      r[D + 3] = x3;
      return pc + 6;
    }
    case 0x285: { // i16x8.narrow_i32x4_s
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      const x0 = (Math.max(-32768, Math.min(32767, r[A + 0])) & 65535) | ((Math.max(-32768, Math.min(32767, r[A + 1])) & 65535) << 16);
      const x1 = (Math.max(-32768, Math.min(32767, r[A + 2])) & 65535) | ((Math.max(-32768, Math.min(32767, r[A + 3])) & 65535) << 16);
      const x2 = (Math.max(-32768, Math.min(32767, r[B + 0])) & 65535) | ((Math.max(-32768, Math.min(32767, r[B + 1])) & 65535) << 16);
      const x3 = (Math.max(-32768, Math.min(32767, r[B + 2])) & 65535) | ((Math.max(-32768, Math.min(32767, r[B + 3])) & 65535) << 16);
      r[D] = x0;
      r[D + 1] = x1;
      r[D + 2] = x2;
      r[D + 3] = x3;
      return pc + 6;
    }
    case 0x286: { // i16x8.narrow_i32x4_u
      const A = fp + c[pc + 2];
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      const x0 = (Math.max(0, Math.min(65535, r[A + 0])) & 65535) | ((Math.max(0, Math.min(65535, r[A + 1])) & 65535) << 16);
      const x1 = (Math.max(0, Math.min(65535, r[A + 2])) & 65535) | ((Math.max(0, Math.min(65535, r[A + 3])) & 65535) << 16);
      const x2 = (Math.max(0, Math.min(65535, r[B + 0])) & 65535) | ((Math.max(0, Math.min(65535, r[B + 1])) & 65535) << 16);
      const x3 = (Math.max(0, Math.min(65535, r[B + 2])) & 65535) | ((Math.max(0, Math.min(65535, r[B + 3])) & 65535) << 16);
      r[D] = x0;
      r[D + 1] = x1;
      r[D + 2] = x2;
      r[D + 3] = x3;
      return pc + 6;
    }
    case 0x201: { // v128.load8x8_s
      const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
      const D = fp + c[pc + 1];
      for (let k = 0; k < 8; k++) vi16[(D << 1) + k] = dv.getInt8(ea + k);
      return pc + 5;
    }
    case 0x202: { // v128.load8x8_u
      const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
      const D = fp + c[pc + 1];
      for (let k = 0; k < 8; k++) vi16[(D << 1) + k] = mu8[ea + k];
      return pc + 5;
    }
    case 0x204: { // v128.load16x4_u
      const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
      const D = fp + c[pc + 1];
      r[D] = dv.getUint16(ea, true);
      r[D + 1] = dv.getUint16(ea + 2, true);
      r[D + 2] = dv.getUint16(ea + 4, true);
      r[D + 3] = dv.getUint16(ea + 6, true);
      return pc + 5;
    }
    case 0x205: { // v128.load32x2_s
      const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
      const D = fp + c[pc + 1];
      const x = dv.getInt32(ea, true);
      const y = dv.getInt32(ea + 4, true);
      r[D] = x;
      r[D + 1] = x >> 31;
      r[D + 2] = y;
      r[D + 3] = y >> 31;
      return pc + 5;
    }
    case 0x206: { // v128.load32x2_u
      const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
      const D = fp + c[pc + 1];
      const x = dv.getInt32(ea, true);
      const y = dv.getInt32(ea + 4, true);
      r[D] = x;
      r[D + 1] = 0;
      r[D + 2] = y;
      r[D + 3] = 0;
      return pc + 5;
    }
    case 0x207: { // v128.load8_splat
      const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
      const D = fp + c[pc + 1];
      const x = Math.imul(mu8[ea], 0x01010101);
      r[D] = x;
      r[D + 1] = x;
      r[D + 2] = x;
      r[D + 3] = x;
      return pc + 5;
    }
    case 0x208: { // v128.load16_splat
      const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
      const D = fp + c[pc + 1];
      const x = Math.imul(dv.getUint16(ea, true), 0x10001);
      r[D] = x;
      r[D + 1] = x;
      r[D + 2] = x;
      r[D + 3] = x;
      return pc + 5;
    }
    case 0x209: { // v128.load32_splat
      const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
      const D = fp + c[pc + 1];
      const x = dv.getInt32(ea, true);
      r[D] = x;
      r[D + 1] = x;
      r[D + 2] = x;
      r[D + 3] = x;
      return pc + 5;
    }
    case 0x20a: { // v128.load64_splat
      const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
      const D = fp + c[pc + 1];
      const x = dv.getInt32(ea, true);
      const y = dv.getInt32(ea + 4, true);
      r[D] = x;
      r[D + 1] = y;
      r[D + 2] = x;
      r[D + 3] = y;
      return pc + 5;
    }
    case 0x255: { // v128.load16_lane
      const ea = (r[fp + c[pc + 2]] >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      const w0 = r[B];
      const w1 = r[B + 1];
      const w2 = r[B + 2];
      const w3 = r[B + 3];
      r[D] = w0;
      r[D + 1] = w1;
      r[D + 2] = w2;
      r[D + 3] = w3;
      vi16[(D << 1) + c[pc + 5]] = dv.getInt16(ea, true);
      return pc + 6;
    }
    case 0x256: { // v128.load32_lane
      const ea = (r[fp + c[pc + 2]] >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      const w0 = r[B];
      const w1 = r[B + 1];
      const w2 = r[B + 2];
      const w3 = r[B + 3];
      r[D] = w0;
      r[D + 1] = w1;
      r[D + 2] = w2;
      r[D + 3] = w3;
      r[D + c[pc + 5]] = dv.getInt32(ea, true);
      return pc + 6;
    }
    case 0x257: { // v128.load64_lane
      const ea = (r[fp + c[pc + 2]] >>> 0) + (c[pc + 4] >>> 0);
      if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
      const B = fp + c[pc + 3];
      const D = fp + c[pc + 1];
      const w0 = r[B];
      const w1 = r[B + 1];
      const w2 = r[B + 2];
      const w3 = r[B + 3];
      r[D] = w0;
      r[D + 1] = w1;
      r[D + 2] = w2;
      r[D + 3] = w3;
      r[D + 2 * c[pc + 5]] = dv.getInt32(ea, true);
      r[D + 2 * c[pc + 5] + 1] = dv.getInt32(ea + 4, true);
      return pc + 6;
    }
    case 0x258: { // v128.store8_lane
      const ea = (r[fp + c[pc + 1]] >>> 0) + (c[pc + 3] >>> 0);
      if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
      const B = fp + c[pc + 2];
      mu8[ea] = vu8[(B << 2) + c[pc + 4]];
      return pc + 5;
    }
    case 0x259: { // v128.store16_lane
      const ea = (r[fp + c[pc + 1]] >>> 0) + (c[pc + 3] >>> 0);
      if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
      const B = fp + c[pc + 2];
      dv.setInt16(ea, vi16[(B << 1) + c[pc + 4]], true);
      return pc + 5;
    }
    case 0x25a: { // v128.store32_lane
      const ea = (r[fp + c[pc + 1]] >>> 0) + (c[pc + 3] >>> 0);
      if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
      const B = fp + c[pc + 2];
      dv.setInt32(ea, r[B + c[pc + 4]], true);
      return pc + 5;
    }
    case 0x25b: { // v128.store64_lane
      const ea = (r[fp + c[pc + 1]] >>> 0) + (c[pc + 3] >>> 0);
      if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
      const B = fp + c[pc + 2];
      dv.setInt32(ea, r[B + 2 * c[pc + 4]], true);
      dv.setInt32(ea + 4, r[B + 2 * c[pc + 4] + 1], true);
      return pc + 5;
    }
    // #endregion gen-isa fast-simd
    case 0x30c: {
      // select4: a v128 select, out of the main loop as the other v128 instructions are
      const D = fp + c[pc + 1];
      const A = r[fp + c[pc + 4]] !== 0 ? fp + c[pc + 2] : fp + c[pc + 3];
      for (let k = 0; k < 4; k++) r[D + k] = r[A + k];
      return pc + 5;
    }
  }
  return simdByTable(m, op - FD, c, pc, fp);
}

/** A SIMD instruction of numeric/v128.ts's SIMD_OPS (every other one is a row of simd.ts): returns the next pc. */
function simdByTable(m: CallStack, sub: number, c: Int32Array, pc: number, fp: number): number {
  const op = V.SIMD_OPS[sub];
  if (op === undefined) throw new Error(`run loop: no SIMD case for 0xfd ${sub}`);
  op(m.slots, (fp + c[pc + 1]) >> 1, (fp + c[pc + 2]) >> 1, (fp + c[pc + 3]) >> 1, (fp + c[pc + 4]) >> 1, c[pc + 5]);
  return pc + 6;
}

/**
 * The module-scope names runFast's cases use, for the `compiled` profile's functions, which are
 * built from those cases (scripts/gen-templates.mjs) and see nothing else.
 */
export const ENV = {
  I64,
  F,
  I32,
  V,
  FD,
  trap,
  Trap,
  TrapReason,
  NULL_REF,
  memory_copy,
  memory_fill,
  memory_init,
  table_copy,
  table_fill,
  table_init,
  EMPTY_MEMORY,
  EMPTY_VIEW,
  rare,
  simd,
};
