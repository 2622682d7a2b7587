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
import { type CallStack, type Execution, Resume, Stop } from '../machine/stack.js';
import { EMPTY_MEMORY, EMPTY_VIEW, type InstanceRt, type MemInst, NULL_REF } from '../runtime.js';
import type { PreparedFunc } from './translate.js';
import { Trap, TrapReason, trap } from '../trap.js';

/** The loop of the `fast` profile. */
export function runFast(m: CallStack, ex: Execution): number {
  const funcs = m.rt.funcs;
  let f = ex.func;
  let c = (f.prepared as PreparedFunc).code; // run() calls this loop for fast functions only
  let inst: InstanceRt = f.inst;
  let pc = ex.resume === Resume.enter ? 0 : ex.pc;
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
      case 0x320: {
        // br_if i32.eqz
        const a = r[fp + c[pc + 1]];
        pc = a === 0 ? c[pc + 2] : pc + 3;
        break;
      }
      case 0x321: {
        // br_if i32.eq
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a === b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x322: {
        // br_if i32.ne
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a !== b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x323: {
        // br_if i32.lt_s
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a < b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x324: {
        // br_if i32.lt_u
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a >>> 0 < b >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x325: {
        // br_if i32.gt_s
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a > b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x326: {
        // br_if i32.gt_u
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a >>> 0 > b >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x327: {
        // br_if i32.le_s
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a <= b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x328: {
        // br_if i32.le_u
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a >>> 0 <= b >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x329: {
        // br_if i32.ge_s
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a >= b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x32a: {
        // br_if i32.ge_u
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = a >>> 0 >= b >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x330: {
        // br_unless i32.eqz
        const a = r[fp + c[pc + 1]];
        pc = !(a === 0) ? c[pc + 2] : pc + 3;
        break;
      }
      case 0x331: {
        // br_unless i32.eq
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a === b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x332: {
        // br_unless i32.ne
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a !== b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x333: {
        // br_unless i32.lt_s
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a < b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x334: {
        // br_unless i32.lt_u
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a >>> 0 < b >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x335: {
        // br_unless i32.gt_s
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a > b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x336: {
        // br_unless i32.gt_u
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a >>> 0 > b >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x337: {
        // br_unless i32.le_s
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a <= b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x338: {
        // br_unless i32.le_u
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a >>> 0 <= b >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x339: {
        // br_unless i32.ge_s
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a >= b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x33a: {
        // br_unless i32.ge_u
        const a = r[fp + c[pc + 1]];
        const b = r[fp + c[pc + 2]];
        pc = !(a >>> 0 >= b >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x340: {
        // i32.add with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = (a + k) | 0;
        pc += 4;
        break;
      }
      case 0x341: {
        // i32.mul with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = Math.imul(a, k);
        pc += 4;
        break;
      }
      case 0x342: {
        // i32.and with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a & k;
        pc += 4;
        break;
      }
      case 0x343: {
        // i32.or with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a | k;
        pc += 4;
        break;
      }
      case 0x344: {
        // i32.xor with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a ^ k;
        pc += 4;
        break;
      }
      case 0x345: {
        // i32.shl with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a << k;
        pc += 4;
        break;
      }
      case 0x346: {
        // i32.shr_s with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a >> k;
        pc += 4;
        break;
      }
      case 0x347: {
        // i32.shr_u with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a >>> k;
        pc += 4;
        break;
      }
      case 0x351: {
        // i32.eq with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a === k ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x352: {
        // i32.ne with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a !== k ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x353: {
        // i32.lt_s with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a < k ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x354: {
        // i32.lt_u with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a >>> 0 < k >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x355: {
        // i32.gt_s with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a > k ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x356: {
        // i32.gt_u with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a >>> 0 > k >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x357: {
        // i32.le_s with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a <= k ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x358: {
        // i32.le_u with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a >>> 0 <= k >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x359: {
        // i32.ge_s with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a >= k ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x35a: {
        // i32.ge_u with an immediate
        const a = r[fp + c[pc + 2]];
        const k = c[pc + 3];
        r[fp + c[pc + 1]] = a >>> 0 >= k >>> 0 ? 1 : 0;
        pc += 4;
        break;
      }
      case 0x361: {
        // br_if i32.eq with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a === k ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x362: {
        // br_if i32.ne with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a !== k ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x363: {
        // br_if i32.lt_s with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a < k ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x364: {
        // br_if i32.lt_u with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a >>> 0 < k >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x365: {
        // br_if i32.gt_s with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a > k ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x366: {
        // br_if i32.gt_u with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a >>> 0 > k >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x367: {
        // br_if i32.le_s with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a <= k ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x368: {
        // br_if i32.le_u with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a >>> 0 <= k >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x369: {
        // br_if i32.ge_s with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a >= k ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x36a: {
        // br_if i32.ge_u with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = a >>> 0 >= k >>> 0 ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x371: {
        // br_unless i32.eq with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a === k) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x372: {
        // br_unless i32.ne with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a !== k) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x373: {
        // br_unless i32.lt_s with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a < k) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x374: {
        // br_unless i32.lt_u with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a >>> 0 < k >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x375: {
        // br_unless i32.gt_s with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a > k) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x376: {
        // br_unless i32.gt_u with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a >>> 0 > k >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x377: {
        // br_unless i32.le_s with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a <= k) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x378: {
        // br_unless i32.le_u with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a >>> 0 <= k >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x379: {
        // br_unless i32.ge_s with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a >= k) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x37a: {
        // br_unless i32.ge_u with an immediate
        const a = r[fp + c[pc + 1]];
        const k = c[pc + 2];
        pc = !(a >>> 0 >= k >>> 0) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x380: {
        // br_if f32.eq
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = a === b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x381: {
        // br_if f32.ne
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = a !== b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x382: {
        // br_if f32.lt
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = a < b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x383: {
        // br_if f32.gt
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = a > b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x384: {
        // br_if f32.le
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = a <= b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x385: {
        // br_if f32.ge
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = a >= b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x386: {
        // br_unless f32.eq
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = !(a === b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x387: {
        // br_unless f32.ne
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = !(a !== b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x388: {
        // br_unless f32.lt
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = !(a < b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x389: {
        // br_unless f32.gt
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = !(a > b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38a: {
        // br_unless f32.le
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = !(a <= b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38b: {
        // br_unless f32.ge
        const a = f32[fp + c[pc + 1]];
        const b = f32[fp + c[pc + 2]];
        pc = !(a >= b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38c: {
        // br_if f64.eq
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = a === b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38d: {
        // br_if f64.ne
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = a !== b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38e: {
        // br_if f64.lt
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = a < b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x38f: {
        // br_if f64.gt
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = a > b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x390: {
        // br_if f64.le
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = a <= b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x391: {
        // br_if f64.ge
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = a >= b ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x392: {
        // br_unless f64.eq
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = !(a === b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x393: {
        // br_unless f64.ne
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = !(a !== b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x394: {
        // br_unless f64.lt
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = !(a < b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x395: {
        // br_unless f64.gt
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = !(a > b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x396: {
        // br_unless f64.le
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = !(a <= b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x397: {
        // br_unless f64.ge
        const a = f64[(fp + c[pc + 1]) >> 1];
        const b = f64[(fp + c[pc + 2]) >> 1];
        pc = !(a >= b) ? c[pc + 3] : pc + 4;
        break;
      }
      case 0x3a0: {
        // i32.add with an immediate, then br_if i32.ne on its result
        const d = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = d;
        const b = r[fp + c[pc + 4]];
        pc = d !== b ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a1: {
        // i32.add with an immediate, then br_if i32.lt_s on its result
        const d = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = d;
        const b = r[fp + c[pc + 4]];
        pc = d < b ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a2: {
        // i32.add with an immediate, then br_if i32.lt_u on its result
        const d = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = d;
        const b = r[fp + c[pc + 4]];
        pc = d >>> 0 < b >>> 0 ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a3: {
        // i32.add with an immediate, then br_if i32.ne with an immediate on its result
        const d = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = d;
        const b = c[pc + 4];
        pc = d !== b ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a4: {
        // i32.add with an immediate, then br_if i32.lt_s with an immediate on its result
        const d = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = d;
        const b = c[pc + 4];
        pc = d < b ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a5: {
        // i32.add with an immediate, then br_if i32.lt_u with an immediate on its result
        const d = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = d;
        const b = c[pc + 4];
        pc = d >>> 0 < b >>> 0 ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a6: {
        // i32.add, then br_if i32.ne on its result
        const d = (r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0;
        r[fp + c[pc + 1]] = d;
        const b = r[fp + c[pc + 4]];
        pc = d !== b ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a7: {
        // i32.add, then br_if i32.lt_s on its result
        const d = (r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0;
        r[fp + c[pc + 1]] = d;
        const b = r[fp + c[pc + 4]];
        pc = d < b ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a8: {
        // i32.add, then br_if i32.lt_u on its result
        const d = (r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0;
        r[fp + c[pc + 1]] = d;
        const b = r[fp + c[pc + 4]];
        pc = d >>> 0 < b >>> 0 ? c[pc + 5] : pc + 6;
        break;
      }
      case 0x3a9: {
        // i32.add with an immediate, then br_if on its result
        const d = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        r[fp + c[pc + 1]] = d;
        pc = d !== 0 ? c[pc + 4] : pc + 5;
        break;
      }
      case 0x3aa:
        // i32.add with an immediate, then br
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] + c[pc + 3]) | 0;
        pc = c[pc + 4];
        break;
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
      case 0x30b: // select2
      case 0x30c: {
        // select4
        const d = fp + c[pc + 1];
        const a = r[fp + c[pc + 4]] !== 0 ? fp + c[pc + 2] : fp + c[pc + 3];
        const words = op === 0x30b /* select2 */ ? 2 : 4;
        for (let k = 0; k < words; k++) r[d + k] = r[a + k];
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
          ex.resume = Resume.afterCall;
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
          ex.resume = Resume.afterHost;
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
          ex.resume = Resume.enter;
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

      // ---- memory: the address is the sum of two cells (an i32.add folded in, or a zero) ----
      case 0x28: // i32.load
      case 0x2a: {
        // f32.load
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = dv.getInt32(ea, true);
        pc += 5;
        break;
      }
      case 0x29: // i64.load
      case 0x2b: {
        // f64.load
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const d = fp + c[pc + 1];
        r[d] = dv.getInt32(ea, true);
        r[d + 1] = dv.getInt32(ea + 4, true);
        pc += 5;
        break;
      }
      case 0x2c: {
        // i32.load8_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = dv.getInt8(ea);
        pc += 5;
        break;
      }
      case 0x2d: {
        // i32.load8_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = mu8[ea];
        pc += 5;
        break;
      }
      case 0x2e: {
        // i32.load16_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = dv.getInt16(ea, true);
        pc += 5;
        break;
      }
      case 0x2f: {
        // i32.load16_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = dv.getUint16(ea, true);
        pc += 5;
        break;
      }
      case 0x30: {
        // i64.load8_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        const d = fp + c[pc + 1];
        const lo = dv.getInt8(ea);
        r[d] = lo;
        r[d + 1] = lo >> 31;
        pc += 5;
        break;
      }
      case 0x31: {
        // i64.load8_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        const d = fp + c[pc + 1];
        const lo = mu8[ea];
        r[d] = lo;
        r[d + 1] = 0;
        pc += 5;
        break;
      }
      case 0x32: {
        // i64.load16_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        const d = fp + c[pc + 1];
        const lo = dv.getInt16(ea, true);
        r[d] = lo;
        r[d + 1] = lo >> 31;
        pc += 5;
        break;
      }
      case 0x33: {
        // i64.load16_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        const d = fp + c[pc + 1];
        const lo = dv.getUint16(ea, true);
        r[d] = lo;
        r[d + 1] = 0;
        pc += 5;
        break;
      }
      case 0x34: {
        // i64.load32_s
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const d = fp + c[pc + 1];
        const lo = dv.getInt32(ea, true);
        r[d] = lo;
        r[d + 1] = lo >> 31;
        pc += 5;
        break;
      }
      case 0x35: {
        // i64.load32_u
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        const d = fp + c[pc + 1];
        const lo = dv.getInt32(ea, true);
        r[d] = lo;
        r[d + 1] = 0;
        pc += 5;
        break;
      }
      case 0x3b0: {
        // loadScaled32
        const ea = (((r[fp + c[pc + 2]] << c[pc + 5]) + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        r[fp + c[pc + 1]] = dv.getInt32(ea, true);
        pc += 6;
        break;
      }
      case 0x3b1: {
        // loadScaled64
        const ea = (((r[fp + c[pc + 2]] << c[pc + 5]) + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const d = fp + c[pc + 1];
        r[d] = dv.getInt32(ea, true);
        r[d + 1] = dv.getInt32(ea + 4, true);
        pc += 6;
        break;
      }
      case 0x3b2: {
        // storeScaled32
        const ea = (((r[fp + c[pc + 1]] << c[pc + 5]) + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        dv.setInt32(ea, r[fp + c[pc + 3]], true);
        pc += 6;
        break;
      }
      case 0x3b3: {
        // storeScaled64
        const ea = (((r[fp + c[pc + 1]] << c[pc + 5]) + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const a = fp + c[pc + 3];
        dv.setInt32(ea, r[a], true);
        dv.setInt32(ea + 4, r[a + 1], true);
        pc += 6;
        break;
      }
      case 0x3b6:
        // f32MulAdd: the product is rounded to f32 before the sum, as two instructions would
        f32[fp + c[pc + 1]] = Math.fround(f32[fp + c[pc + 2]] * f32[fp + c[pc + 3]]) + f32[fp + c[pc + 4]];
        pc += 5;
        break;
      case 0x3b7:
        // f64MulAdd
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1] * f64[(fp + c[pc + 3]) >> 1] + f64[(fp + c[pc + 4]) >> 1];
        pc += 5;
        break;
      case 0x3b4: // f64AddLoads
      case 0x3b5: {
        // f64MulLoads
        const ea = ((r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const eb = ((r[fp + c[pc + 5]] + r[fp + c[pc + 6]]) >>> 0) + (c[pc + 7] >>> 0);
        if (eb + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const x = dv.getFloat64(ea, true);
        const y = dv.getFloat64(eb, true);
        f64[(fp + c[pc + 1]) >> 1] = op === 0x3b5 ? x * y : x + y;
        pc += 8;
        break;
      }
      case 0x36: // i32.store
      case 0x38: // f32.store
      case 0x3e: {
        // i64.store32
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
        dv.setInt32(ea, r[fp + c[pc + 3]], true);
        pc += 5;
        break;
      }
      case 0x37: // i64.store
      case 0x39: {
        // f64.store
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
        const a = fp + c[pc + 3];
        dv.setInt32(ea, r[a], true);
        dv.setInt32(ea + 4, r[a + 1], true);
        pc += 5;
        break;
      }
      case 0x3a: // i32.store8
      case 0x3c: {
        // i64.store8
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
        mu8[ea] = r[fp + c[pc + 3]];
        pc += 5;
        break;
      }
      case 0x3b: // i32.store16
      case 0x3d: {
        // i64.store16
        const ea = ((r[fp + c[pc + 1]] + r[fp + c[pc + 2]]) >>> 0) + (c[pc + 4] >>> 0);
        if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
        dv.setInt16(ea, r[fp + c[pc + 3]], true);
        pc += 5;
        break;
      }
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

      // ---- i32 ----
      case 0x45:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] === 0 ? 1 : 0;
        pc += 3;
        break;
      case 0x46:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] === r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      case 0x47:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] !== r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      case 0x48:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] < r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      case 0x49:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 < r[fp + c[pc + 3]] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      case 0x4a:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] > r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      case 0x4b:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 > r[fp + c[pc + 3]] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      case 0x4c:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] <= r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      case 0x4d:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 <= r[fp + c[pc + 3]] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      case 0x4e:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >= r[fp + c[pc + 3]] ? 1 : 0;
        pc += 4;
        break;
      case 0x4f:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> 0 >= r[fp + c[pc + 3]] >>> 0 ? 1 : 0;
        pc += 4;
        break;
      case 0x67:
        r[fp + c[pc + 1]] = Math.clz32(r[fp + c[pc + 2]]);
        pc += 3;
        break;
      case 0x68:
        r[fp + c[pc + 1]] = I32.i32_ctz(r[fp + c[pc + 2]]);
        pc += 3;
        break;
      case 0x69:
        r[fp + c[pc + 1]] = I32.i32_popcnt(r[fp + c[pc + 2]]);
        pc += 3;
        break;
      case 0x6a:
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] + r[fp + c[pc + 3]]) | 0;
        pc += 4;
        break;
      case 0x6b:
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] - r[fp + c[pc + 3]]) | 0;
        pc += 4;
        break;
      case 0x6c:
        r[fp + c[pc + 1]] = Math.imul(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      case 0x6d:
        r[fp + c[pc + 1]] = I32.i32_div_s(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      case 0x6e:
        r[fp + c[pc + 1]] = I32.i32_div_u(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      case 0x6f:
        r[fp + c[pc + 1]] = I32.i32_rem_s(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      case 0x70:
        r[fp + c[pc + 1]] = I32.i32_rem_u(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      case 0x71:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] & r[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x72:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] | r[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x73:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] ^ r[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x74:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] << r[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x75:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >> r[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x76:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] >>> r[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x77:
        r[fp + c[pc + 1]] = I32.i32_rotl(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      case 0x78:
        r[fp + c[pc + 1]] = I32.i32_rotr(r[fp + c[pc + 2]], r[fp + c[pc + 3]]);
        pc += 4;
        break;
      case 0xc0:
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] << 24) >> 24;
        pc += 3;
        break;
      case 0xc1:
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] << 16) >> 16;
        pc += 3;
        break;

      // ---- i64 ----
      case 0x50:
        r[fp + c[pc + 1]] = I64.i64_eqz(r, fp + c[pc + 2]);
        pc += 3;
        break;
      case 0x51:
      case 0x52:
      case 0x53:
      case 0x54:
      case 0x55:
      case 0x56:
      case 0x57:
      case 0x58:
      case 0x59:
      case 0x5a:
        r[fp + c[pc + 1]] = I64.i64_compare(op, r, fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x79:
        I64.i64_clz(r, fp + c[pc + 1], fp + c[pc + 2]);
        pc += 3;
        break;
      case 0x7a:
        I64.i64_ctz(r, fp + c[pc + 1], fp + c[pc + 2]);
        pc += 3;
        break;
      case 0x7b:
        I64.i64_popcnt(r, fp + c[pc + 1], fp + c[pc + 2]);
        pc += 3;
        break;
      case 0x7c: {
        const d = fp + c[pc + 1];
        const a = fp + c[pc + 2];
        const b = fp + c[pc + 3];
        const alo = r[a];
        const blo = r[b];
        const lo = (alo + blo) | 0;
        r[d + 1] = (r[a + 1] + r[b + 1] + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
        r[d] = lo;
        pc += 4;
        break;
      }
      case 0x7d: {
        const d = fp + c[pc + 1];
        const a = fp + c[pc + 2];
        const b = fp + c[pc + 3];
        const alo = r[a];
        const blo = r[b];
        r[d + 1] = (r[a + 1] - r[b + 1] - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;
        r[d] = (alo - blo) | 0;
        pc += 4;
        break;
      }
      case 0x7e:
        I64.i64_mul(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x7f:
        I64.i64_div_s(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x80:
        I64.i64_div_u(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x81:
        I64.i64_rem_s(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x82:
        I64.i64_rem_u(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x83:
      case 0x84:
      case 0x85: {
        const d = fp + c[pc + 1];
        const a = fp + c[pc + 2];
        const b = fp + c[pc + 3];
        if (op === 0x83) {
          r[d] = r[a] & r[b];
          r[d + 1] = r[a + 1] & r[b + 1];
        } else if (op === 0x84) {
          r[d] = r[a] | r[b];
          r[d + 1] = r[a + 1] | r[b + 1];
        } else {
          r[d] = r[a] ^ r[b];
          r[d + 1] = r[a + 1] ^ r[b + 1];
        }
        pc += 4;
        break;
      }
      case 0x86:
        I64.i64_shl(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x87:
        I64.i64_shr_s(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x88:
        I64.i64_shr_u(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x89:
        I64.i64_rotl(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0x8a:
        I64.i64_rotr(r, fp + c[pc + 1], fp + c[pc + 2], fp + c[pc + 3]);
        pc += 4;
        break;
      case 0xc2:
        I64.i64_extend8_s(r, fp + c[pc + 1], fp + c[pc + 2]);
        pc += 3;
        break;
      case 0xc3:
        I64.i64_extend16_s(r, fp + c[pc + 1], fp + c[pc + 2]);
        pc += 3;
        break;
      case 0xc4:
        I64.i64_extend32_s(r, fp + c[pc + 1], fp + c[pc + 2]);
        pc += 3;
        break;

      // ---- f32 / f64 arithmetic: sign operations work on the bits ----
      case 0x5b:
      case 0x5c:
      case 0x5d:
      case 0x5e:
      case 0x5f:
      case 0x60: {
        const a = f32[fp + c[pc + 2]];
        const b = f32[fp + c[pc + 3]];
        r[fp + c[pc + 1]] = floatCompare(op - 0x5b, a, b);
        pc += 4;
        break;
      }
      case 0x61:
      case 0x62:
      case 0x63:
      case 0x64:
      case 0x65:
      case 0x66: {
        const a = f64[(fp + c[pc + 2]) >> 1];
        const b = f64[(fp + c[pc + 3]) >> 1];
        r[fp + c[pc + 1]] = floatCompare(op - 0x61, a, b);
        pc += 4;
        break;
      }
      case 0x8b:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] & 0x7fffffff;
        pc += 3;
        break;
      case 0x8c:
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]] ^ 0x80000000;
        pc += 3;
        break;
      case 0x8d:
      case 0x8e:
      case 0x8f:
      case 0x90:
      case 0x91:
        f32[fp + c[pc + 1]] = f32Unary(op, f32[fp + c[pc + 2]]);
        pc += 3;
        break;
      case 0x92:
        f32[fp + c[pc + 1]] = f32[fp + c[pc + 2]] + f32[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x93:
        f32[fp + c[pc + 1]] = f32[fp + c[pc + 2]] - f32[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x94:
        f32[fp + c[pc + 1]] = f32[fp + c[pc + 2]] * f32[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x95:
        f32[fp + c[pc + 1]] = f32[fp + c[pc + 2]] / f32[fp + c[pc + 3]];
        pc += 4;
        break;
      case 0x96:
        f32[fp + c[pc + 1]] = F.f32_min(f32[fp + c[pc + 2]], f32[fp + c[pc + 3]]);
        pc += 4;
        break;
      case 0x97:
        f32[fp + c[pc + 1]] = F.f32_max(f32[fp + c[pc + 2]], f32[fp + c[pc + 3]]);
        pc += 4;
        break;
      case 0x98:
        r[fp + c[pc + 1]] = (r[fp + c[pc + 2]] & 0x7fffffff) | (r[fp + c[pc + 3]] & 0x80000000);
        pc += 4;
        break;
      case 0x99: {
        const d = fp + c[pc + 1];
        const a = fp + c[pc + 2];
        r[d] = r[a];
        r[d + 1] = r[a + 1] & 0x7fffffff;
        pc += 3;
        break;
      }
      case 0x9a: {
        const d = fp + c[pc + 1];
        const a = fp + c[pc + 2];
        r[d] = r[a];
        r[d + 1] = r[a + 1] ^ 0x80000000;
        pc += 3;
        break;
      }
      case 0x9b:
      case 0x9c:
      case 0x9d:
      case 0x9e:
      case 0x9f:
        f64[(fp + c[pc + 1]) >> 1] = f64Unary(op, f64[(fp + c[pc + 2]) >> 1]);
        pc += 3;
        break;
      case 0xa0:
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1] + f64[(fp + c[pc + 3]) >> 1];
        pc += 4;
        break;
      case 0xa1:
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1] - f64[(fp + c[pc + 3]) >> 1];
        pc += 4;
        break;
      case 0xa2:
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1] * f64[(fp + c[pc + 3]) >> 1];
        pc += 4;
        break;
      case 0xa3:
        f64[(fp + c[pc + 1]) >> 1] = f64[(fp + c[pc + 2]) >> 1] / f64[(fp + c[pc + 3]) >> 1];
        pc += 4;
        break;
      case 0xa4:
        f64[(fp + c[pc + 1]) >> 1] = F.f64_min(f64[(fp + c[pc + 2]) >> 1], f64[(fp + c[pc + 3]) >> 1]);
        pc += 4;
        break;
      case 0xa5:
        f64[(fp + c[pc + 1]) >> 1] = F.f64_max(f64[(fp + c[pc + 2]) >> 1], f64[(fp + c[pc + 3]) >> 1]);
        pc += 4;
        break;
      case 0xa6: {
        const d = fp + c[pc + 1];
        const a = fp + c[pc + 2];
        const b = fp + c[pc + 3];
        r[d] = r[a];
        r[d + 1] = (r[a + 1] & 0x7fffffff) | (r[b + 1] & 0x80000000);
        pc += 4;
        break;
      }

      // ---- conversions ----
      case 0xa7: // i32.wrap_i64
      case 0xbc: // i32.reinterpret_f32
      case 0xbe: // f32.reinterpret_i32
        r[fp + c[pc + 1]] = r[fp + c[pc + 2]];
        pc += 3;
        break;
      case 0xbd: // i64.reinterpret_f64
      case 0xbf: {
        // f64.reinterpret_i64
        const d = fp + c[pc + 1];
        const a = fp + c[pc + 2];
        r[d] = r[a];
        r[d + 1] = r[a + 1];
        pc += 3;
        break;
      }
      case 0xac: {
        const d = fp + c[pc + 1];
        const x = r[fp + c[pc + 2]];
        r[d] = x;
        r[d + 1] = x >> 31;
        pc += 3;
        break;
      }
      case 0xad: {
        const d = fp + c[pc + 1];
        r[d] = r[fp + c[pc + 2]];
        r[d + 1] = 0;
        pc += 3;
        break;
      }
      case 0x3ff: {
        // enterCompiled: the function's JavaScript runs up to its next call or return
        pc = (f.prepared as PreparedFunc).compiled!(m, pc, fp, r, f32, f64, inst, mem, mu8, dv, mlen);
        if (mem !== undefined && mem.limit !== mlen) {
          mu8 = mem.u8;
          dv = mem.dv;
          mlen = mem.limit;
        }
        break;
      }
      default:
        pc = rare(m, op, c, pc, fp, inst);
    }
  }
}

/** Conversions, saturating truncations and SIMD: returns the next pc. */
function rare(m: CallStack, op: number, c: Int32Array, pc: number, fp: number, inst: InstanceRt): number {
  const s = m.slots;
  const r = s.i32;
  const f32 = s.f32;
  const f64 = s.f64;
  const d = fp + c[pc + 1];
  const a = fp + c[pc + 2];
  switch (op) {
    case 0xa8:
      r[d] = F.i32_trunc_f32_s(f32[a]);
      return pc + 3;
    case 0xa9:
      r[d] = F.i32_trunc_f32_u(f32[a]);
      return pc + 3;
    case 0xaa:
      r[d] = F.i32_trunc_f64_s(f64[a >> 1]);
      return pc + 3;
    case 0xab:
      r[d] = F.i32_trunc_f64_u(f64[a >> 1]);
      return pc + 3;
    case 0xae:
      I64.i64_trunc_f32_s(r, d, f32[a]);
      return pc + 3;
    case 0xaf:
      I64.i64_trunc_f32_u(r, d, f32[a]);
      return pc + 3;
    case 0xb0:
      I64.i64_trunc_f64_s(r, d, f64[a >> 1]);
      return pc + 3;
    case 0xb1:
      I64.i64_trunc_f64_u(r, d, f64[a >> 1]);
      return pc + 3;
    case 0xb2:
      f32[d] = r[a];
      return pc + 3;
    case 0xb3:
      f32[d] = r[a] >>> 0;
      return pc + 3;
    case 0xb4:
      f32[d] = I64.f32_convert_i64_s(r, a);
      return pc + 3;
    case 0xb5:
      f32[d] = I64.f32_convert_i64_u(r, a);
      return pc + 3;
    case 0xb6:
      f32[d] = f64[a >> 1];
      return pc + 3;
    case 0xb7:
      f64[d >> 1] = r[a];
      return pc + 3;
    case 0xb8:
      f64[d >> 1] = r[a] >>> 0;
      return pc + 3;
    case 0xb9:
      f64[d >> 1] = I64.f64_convert_i64_s(r, a);
      return pc + 3;
    case 0xba:
      f64[d >> 1] = I64.f64_convert_i64_u(r, a);
      return pc + 3;
    case 0xbb:
      f64[d >> 1] = f32[a];
      return pc + 3;
    case 0x100:
      r[d] = F.i32_trunc_sat_f32_s(f32[a]);
      return pc + 3;
    case 0x101:
      r[d] = F.i32_trunc_sat_f32_u(f32[a]);
      return pc + 3;
    case 0x102:
      r[d] = F.i32_trunc_sat_f64_s(f64[a >> 1]);
      return pc + 3;
    case 0x103:
      r[d] = F.i32_trunc_sat_f64_u(f64[a >> 1]);
      return pc + 3;
    case 0x104:
      I64.i64_trunc_sat_f32_s(r, d, f32[a]);
      return pc + 3;
    case 0x105:
      I64.i64_trunc_sat_f32_u(r, d, f32[a]);
      return pc + 3;
    case 0x106:
      I64.i64_trunc_sat_f64_s(r, d, f64[a >> 1]);
      return pc + 3;
    case 0x107:
      I64.i64_trunc_sat_f64_u(r, d, f64[a >> 1]);
      return pc + 3;
  }
  if (op >= FD) return simd(m, op - FD, c, pc, fp, inst);
  throw new Error(`run loop: no case for op 0x${op.toString(16)}`);
}

function simd(m: CallStack, sub: number, c: Int32Array, pc: number, fp: number, inst: InstanceRt): number {
  const s = m.slots;
  const r = s.i32;
  const uniform = V.SIMD_OPS[sub];
  if (uniform !== undefined) {
    uniform(s, (fp + c[pc + 1]) >> 1, (fp + c[pc + 2]) >> 1, (fp + c[pc + 3]) >> 1, (fp + c[pc + 4]) >> 1, c[pc + 5]);
    return pc + 6;
  }
  if (sub === 0x0d) {
    shuffleLanes[0] = c[pc + 4];
    shuffleLanes[1] = c[pc + 5];
    shuffleLanes[2] = c[pc + 6];
    shuffleLanes[3] = c[pc + 7];
    V.i8x16_shuffle(s, (fp + c[pc + 1]) >> 1, (fp + c[pc + 2]) >> 1, (fp + c[pc + 3]) >> 1, shuffleBytes);
    return pc + 8;
  }
  const mem = inst.mems[0];
  const mu8 = mem.u8;
  const op = V.SIMD_MEMORY_OPS[sub];
  if (op === undefined) throw new Error(`run loop: no SIMD case for 0xfd ${sub}`);
  if (op.store) {
    // [op, addr, v, offset(, lane)]
    const ea = (r[fp + c[pc + 1]] >>> 0) + (c[pc + 3] >>> 0);
    if (ea + op.width > mem.limit) trap(TrapReason.memoryOutOfBounds);
    op.run(s, (fp + c[pc + 2]) >> 1, (fp + c[pc + 2]) >> 1, mu8, ea, op.lane ? c[pc + 4] : 0);
    return pc + (op.lane ? 5 : 4);
  }
  if (op.lane) {
    // [op, d, addr, v, offset, lane]
    const ea = (r[fp + c[pc + 2]] >>> 0) + (c[pc + 4] >>> 0);
    if (ea + op.width > mem.limit) trap(TrapReason.memoryOutOfBounds);
    op.run(s, (fp + c[pc + 1]) >> 1, (fp + c[pc + 3]) >> 1, mu8, ea, c[pc + 5]);
    return pc + 6;
  }
  // [op, d, addr, offset]
  const ea = (r[fp + c[pc + 2]] >>> 0) + (c[pc + 3] >>> 0);
  if (ea + op.width > mem.limit) trap(TrapReason.memoryOutOfBounds);
  op.run(s, (fp + c[pc + 1]) >> 1, 0, mu8, ea, 0);
  return pc + 4;
}

const shuffleLanes = new Int32Array(4);
const shuffleBytes = new Uint8Array(shuffleLanes.buffer);


/** eq ne lt gt le ge, by offset from the first comparison. */
function floatCompare(k: number, a: number, b: number): number {
  switch (k) {
    case 0:
      return a === b ? 1 : 0;
    case 1:
      return a !== b ? 1 : 0;
    case 2:
      return a < b ? 1 : 0;
    case 3:
      return a > b ? 1 : 0;
    case 4:
      return a <= b ? 1 : 0;
    default:
      return a >= b ? 1 : 0;
  }
}

function f32Unary(op: number, x: number): number {
  switch (op) {
    case 0x8d:
      return F.f32_ceil(x);
    case 0x8e:
      return F.f32_floor(x);
    case 0x8f:
      return F.f32_trunc(x);
    case 0x90:
      return F.f32_nearest(x);
    default:
      return F.f32_sqrt(x);
  }
}

function f64Unary(op: number, x: number): number {
  switch (op) {
    case 0x9b:
      return F.f64_ceil(x);
    case 0x9c:
      return F.f64_floor(x);
    case 0x9d:
      return F.f64_trunc(x);
    case 0x9e:
      return F.f64_nearest(x);
    default:
      return F.f64_sqrt(x);
  }
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
  floatCompare,
  f32Unary,
  f64Unary,
  EMPTY_MEMORY,
  EMPTY_VIEW,
  rare,
};
