/**
 * The run loop of the `compact` profile: in-place interpretation of the module's bytes, with the
 * side table of prepare.ts for branches.
 *
 * State: `b` the module's bytes, `pc` the byte offset of the next opcode (or immediate), `fp` the
 * frame pointer (Int32 index of local 0, as in the fast profile), `sp` the operand stack top (the
 * Int32 index of the next free cell; a value takes one 16-byte cell), `stp` the side-table word
 * index of the next branch's entry. The current function's row of `meta` gives `fs` (its first
 * instruction), `fend` (past its final end), `sb` (its first entry) and the entry layout (`stride`,
 * `pcSh`, `adjBits`/`adjMask`, `stpMask`, and `wide`: whether local accesses move whole cells
 * because some local is a v128; otherwise they move the 8 bytes every other type fits in).
 *
 * Dispatch counts more than anything here, so a few frequent sequences take one dispatch: a run of
 * `block`/`loop` headers; `i32.const` followed by `i32.add`, `i32.shl` or `i32.and` (addresses
 * and indices); `i32.eqz`, `i32.ne` or `i32.lt_u` followed by `br_if` (loop conditions).
 *
 * Calls, returns and host calls follow the protocol of machine/stack.ts. While a compact frame
 * waits for a host call, its stp is in the last cell of its own frame (nothing else writes there:
 * a nested invocation starts past the frame).
 *
 * Case labels are numeric literals so that V8 compiles the switch to a jump table. Frequent
 * instructions are inline; the rest are out of line, in rare.ts.
 */
// The generated cases may use any of numeric/'s modules, as the rows say.
/* eslint-disable @typescript-eslint/no-unused-vars */
import * as F from '../numeric/float.js';
import * as I32 from '../numeric/i32.js';
import * as I64 from '../numeric/i64.js';
/* eslint-enable @typescript-eslint/no-unused-vars */
import { Reader } from '@proj/decoder';
import { BULK_OPS, bulkCost, type FuelMeter } from '../fuel/meter.js';
import { readI64 } from '../leb.js';
import { SIMD_OPS } from '../numeric/v128.js';
import { type CallStack, type Execution, RESUME_ENTER, RESUME_AFTER_CALL, RESUME_SUSPENDED } from '../machine/stack.js';
import { EMPTY_MEMORY, EMPTY_VIEW, type HostFunc, type InstanceRt, type MemInst, type WasmFunc } from '../runtime.js';
import type { Slots } from '../slots.js';
import { TrapReason, trap } from '../trap.js';
import { WasmException } from '../exceptions.js';
import { type CompactCode, META, M_LAYOUT, M_LOCALS, M_SB, M_START } from './prepare.js';
import { coldOp, indirectCallee, lebEnd, memargSlow, numeric, prefixFC, prefixFD, s32Padded, SIMD_SHAPE, skipLeb, u32Padded, u32Slow, word } from './rare.js';

const DONE = 0; // Stop.done
const HOST = 1; // Stop.host
const SWITCH = 2; // Stop.switch
const FUEL = 3; // Stop.fuel
const THROW = 4; // Stop.throw

/** Metered code: takes `cost` from the fuel left, or says that too little is left. */
function pay(m: CallStack, cost: number): boolean {
  if (m.fuel < cost) return false;
  m.fuel -= cost;
  return true;
}

/** What prefixed op `sub` (0xfc) with length `n` costs beyond its region: 0 for all but bulk operations. */
function bulkCharge(sub: number, n: number): number {
  const perFuel = BULK_OPS.get(0x100 + sub);
  return perFuel === undefined ? 0 : bulkCost(n >>> 0, perFuel);
}

/**
 * Stops for too little fuel before the charge at `pc` (a loop or a bulk operation), which runs
 * again when the execution goes on; the frame's `stp` is saved as for a host call.
 */
function pause(m: CallStack, ex: Execution, f: WasmFunc, pc: number, fp: number, sp: number, stp: number): number {
  ex.func = f;
  ex.pc = pc;
  ex.fp = fp;
  ex.sp = sp;
  ex.resume = RESUME_SUSPENDED;
  m.slots.i32[fp + ((f.prepared as CompactCode).frameCells(f.ownIndex) - 1) * 4] = stp;
  return FUEL;
}

/** The machine's saved side-table pointers, with room for depth `d`. */
function stpRoom(m: CallStack, d: number): Int32Array {
  let n = m.frameStp.length * 2;
  while (n <= d) n *= 2;
  const grown = new Int32Array(n);
  grown.set(m.frameStp);
  return (m.frameStp = grown);
}

/** Moves the top `n` cells (a function's results, at sp) to the frame's first cells. */
function moveResults(r: Int32Array, fp: number, sp: number, n: number): void {
  if (n === 1) {
    const a = sp - 4;
    r[fp] = r[a];
    r[fp + 1] = r[a + 1];
    r[fp + 2] = r[a + 2];
    r[fp + 3] = r[a + 3];
  } else if (n > 1) r.copyWithin(fp, sp - n * 4, sp);
}

/** Moves the top `arity` cells down by `drop` cells (pair at side[k], side[k + 1]); returns sp. */
function adjust(r: Int32Array, sp: number, side: Int32Array, k: number): number {
  const arity = side[k];
  const drop = side[k + 1] * 4;
  if (arity === 1) {
    const a = sp - 4;
    const d = a - drop;
    r[d] = r[a];
    r[d + 1] = r[a + 1];
    r[d + 2] = r[a + 2];
    r[d + 3] = r[a + 3];
  } else if (arity > 1) {
    r.copyWithin(sp - arity * 4 - drop, sp - arity * 4, sp);
  }
  return sp - drop;
}

/** Stops for too little fuel for `f`'s entry charge (frame pointer `fp`), which runs again when `ex` goes on. */
function pauseAtEntry(ex: Execution, f: WasmFunc, fp: number): number {
  ex.func = f;
  ex.fp = fp;
  ex.resume = RESUME_ENTER;
  return FUEL;
}

/** Leaves `ex` for the run loop of another profile, at `func` with `fp`, to `resume` there. */
function handOver(ex: Execution, func: WasmFunc, resume: number, fp: number): number {
  ex.func = func;
  ex.resume = resume;
  ex.fp = fp;
  return SWITCH;
}

/**
 * Suspends `ex` at a call of host function `callee` (its arguments the top cells below sp),
 * `f`'s side-table position saved in the last cell of its frame; returns HOST.
 */
function suspendAtHost(m: CallStack, ex: Execution, f: WasmFunc, pc: number, fp: number, sp: number, stp: number, callee: HostFunc): number {
  ex.func = f;
  ex.pc = pc;
  ex.resume = RESUME_SUSPENDED;
  ex.fp = fp;
  ex.host = callee;
  ex.hostBase = sp - callee.type.params.length * 4;
  m.slots.i32[fp + ((f.prepared as CompactCode).frameCells(f.ownIndex) - 1) * 4] = stp;
  return HOST;
}

/** throw and rethrow, whose immediate starts at `pc`: stops `ex` to throw (ex.thrown). */
function raise(m: CallStack, ex: Execution, f: WasmFunc, op: number, b: Uint8Array, pc: number, fp: number, sp: number): number {
  const imm = new Reader(b, pc);
  const x = imm.u32();
  let e: WasmException;
  if (op === 0x08) {
    const tag = f.inst.tags[x];
    e = new WasmException(tag, m.slots.i32.slice(sp - tag.type.params.length * 4, sp));
  } else e = ex.caught![m.depth][(f.prepared as CompactCode).rethrows!.get(pc - 1)!];
  ex.func = f;
  ex.pc = imm.pos;
  ex.fp = fp;
  ex.thrown = e;
  return THROW;
}

/** Runs `ex`, whose current function is compact; returns a Stop code as Machine.run does. */
export function runCompact(m: CallStack, ex: Execution): number {
  const funcs = m.rt.funcs;
  let stps = m.frameStp;
  let f: WasmFunc = ex.func;
  let fp = ex.fp | 0;
  let s: Slots = m.slots, r = s.i32, f32 = s.f32, f64 = s.f64;
  // Where f goes on: its entry (when entering, set by loading it below), or pc, sp and stp.
  let entering = ex.resume === RESUME_ENTER;
  let pc = ex.pc | 0, sp = ex.sp | 0, stp = 0;
  if (ex.resume === RESUME_SUSPENDED) stp = r[fp + ((f.prepared as CompactCode).frameCells(f.ownIndex) - 1) * 4];
  else if (ex.resume === RESUME_AFTER_CALL) stp = stps[m.depth];
  // The current function's code and side-table layout (see prepare.ts), its instance and memory.
  let code: CompactCode, b: Uint8Array, side: Int32Array, meta: Int32Array, inst: InstanceRt, wide: boolean;
  let k = 0, fs = 0, sb = 0, lay = 0, fend = 0, stride = 1, pcSh = 0, adjBits = 0, adjMask = 0, stpMask = 0;
  let mem: MemInst | undefined, mu8: Uint8Array, dv: DataView, mlen: number;
  let meter: FuelMeter | null;

  // Each turn loads f: at the start, and after every call and return.
  load: for (;;) {
    code = f.prepared as CompactCode; // run() calls this loop for compact functions only
    b = code.bytes;
    side = code.side;
    meta = code.meta;
    k = f.ownIndex * META;
    fs = meta[k + M_START];
    sb = meta[k + M_SB];
    lay = meta[k + M_LAYOUT];
    fend = code.end(f.ownIndex, fs, lay);
    stride = (lay & 1) + 1;
    wide = (lay & 2) !== 0;
    pcSh = (lay >>> 2) & 31;
    adjBits = (lay >>> 7) & 31;
    adjMask = (1 << adjBits) - 1;
    stpMask = (-1 >>> (32 - ((lay >>> 12) & 31))) | 0;
    meter = code.meter;
    if (entering) {
      // Metered: the function's region is paid for at its entry, again when resumed here.
      if (meter !== null && !pay(m, meter.entryCosts[f.ownIndex])) return pauseAtEntry(ex, f, fp);
      entering = false;
      pc = fs;
      stp = sb;
      sp = (fp + meta[k + M_LOCALS] * 4) | 0;
    }
    inst = f.inst;
    // (The callee may have grown the memory.)
    mem = inst.mems[0];
    mu8 = mem ? mem.u8 : EMPTY_MEMORY;
    dv = mem ? mem.dv : EMPTY_VIEW;
    mlen = mem ? mem.limit : 0;
    if (s !== m.slots) {
      s = m.slots;
      r = s.i32;
      f32 = s.f32;
      f64 = s.f64;
    }

    for (;;) {
      const op = b[pc++];
      switch (op) {
        // ---- control ----
        case 0x00:
          trap(TrapReason.unreachable);
        // eslint-disable-next-line no-fallthrough
        case 0x01:
          break;
        case 0x02: // block
        case 0x06: // try
        case 0x18: // delegate, reached from its try's body (ending it): its label skipped as a block type
        case 0x03: {
          // loop: skip the block type, and those of the blocks and loops right after (metered
          // code stops at a loop: its header charges for the loop's region)
          if (op === 0x03 && meter !== null && !pay(m, meter.loopCosts.get(pc - 1)!)) return pause(m, ex, f, pc - 1, fp, sp, stp);
          if (b[pc++] & 0x80) pc = skipLeb(b, pc) | 0;
          let next = b[pc];
          while (next === 0x02 || (next === 0x03 && meter === null)) {
            pc = b[pc + 1] & 0x80 ? skipLeb(b, pc + 2) | 0 : pc + 2;
            next = b[pc];
          }
          break;
        }
        case 0x04: // if: on to the then branch, or, as else does, to the else branch (or past the end)
        case 0x07: // catch, catch_all: as else
        case 0x19:
        case 0x05: {
          // else, reached from the then branch: past the end
          if (op === 0x04) {
            sp -= 4;
            if (r[sp] !== 0) {
              stp += stride;
              if (b[pc++] & 0x80) pc = skipLeb(b, pc) | 0;
              break;
            }
          }
          let w = side[stp];
          if (stride === 1) pc = fs + (w >>> pcSh);
          else {
            pc = fs + w;
            w = side[stp + 1];
          }
          stp = (sb + ((w >>> adjBits) & stpMask)) | 0;
          break;
        }
        case 0x08: // throw, rethrow
        case 0x09:
          return raise(m, ex, f, op, b, pc, fp, sp);
        case 0x0d: // br_if: steps over the label, or branches as br does
        case 0x0c: {
          // br
          if (op === 0x0d) {
            sp -= 4;
            if (r[sp] === 0) {
              stp += stride;
              if (b[pc++] & 0x80) pc = skipLeb(b, pc) | 0;
              break;
            }
          }
          let w = side[stp];
          if (stride === 1) pc = fs + (w >>> pcSh);
          else {
            pc = fs + w;
            w = side[stp + 1];
          }
          const adj = w & adjMask;
          stp = (sb + ((w >>> adjBits) & stpMask)) | 0;
          if (adj !== 0) sp = adjust(r, sp, side, sb - 2 * adj) | 0;
          break;
        }
        case 0x0e: {
          // br_table
          let n = b[pc++];
          if (n & 0x80) n = u32Slow(b, pc - 1);
          sp -= 4;
          const i = r[sp] >>> 0;
          stp += stride * (i < n ? i : n);
          let w = side[stp];
          if (stride === 1) pc = fs + (w >>> pcSh);
          else {
            pc = fs + w;
            w = side[stp + 1];
          }
          const adj = w & adjMask;
          stp = (sb + ((w >>> adjBits) & stpMask)) | 0;
          if (adj !== 0) sp = adjust(r, sp, side, sb - 2 * adj) | 0;
          break;
        }
        case 0x0b: // end: nothing to do, but the function's final end returns
        case 0x0f: {
          // return: the top results go to the frame's first cells
          if (op === 0x0b && pc !== fend) break;
          const n = f.type.results.length;
          moveResults(r, fp, sp, n);
          if (m.depth === ex.baseDepth) return DONE;
          const d = --m.depth;
          const calleeFp = fp;
          f = m.frameFunc[d];
          const cp = f.prepared;
          if (cp.kind !== 'compact') {
            ex.pc = m.framePc[d];
            ex.sp = calleeFp + n * 4;
            return handOver(ex, f, RESUME_AFTER_CALL, m.frameFp[d]);
          }
          pc = m.framePc[d] | 0;
          fp = m.frameFp[d] | 0;
          stp = stps[d];
          sp = (calleeFp + n * 4) | 0;
          continue load;
        }
        case 0x10: // call
        case 0x11: {
          // call_indirect
          let callee;
          if (op === 0x10) {
            let x = b[pc];
            if (x < 0x80) pc++;
            else {
              x = u32Padded(b, pc);
              pc = lebEnd | 0;
            }
            callee = funcs[inst.funcs[x]];
          } else {
            sp -= 4;
            callee = indirectCallee(b, pc, inst, funcs, r[sp] >>> 0);
            pc = lebEnd | 0;
          }
          if (callee.kind === 'host') return suspendAtHost(m, ex, f, pc, fp, sp, stp, callee);
          const cp = callee.prepared;
          const base = (sp - callee.type.params.length * 4) | 0;
          const d = m.depth;
          // d frames are saved below the calling one: the callee would make d + 2 calls active.
          if (d + 2 > m.limits.maxCallDepth) trap(TrapReason.callStackExhausted);
          m.enter(callee, base);
          m.frameFunc[d] = f;
          m.framePc[d] = pc;
          m.frameFp[d] = fp;
          if (d >= stps.length) stps = stpRoom(m, d);
          stps[d] = stp;
          m.depth = d + 1;
          if (cp.kind !== 'compact') return handOver(ex, callee, RESUME_ENTER, base);
          f = callee;
          fp = base;
          entering = true;
          continue load;
        }

        // ---- parametric ----
        case 0x1a: // drop
          sp -= 4;
          break;
        case 0x1b: // select
        case 0x1c: {
          // select t: one type (count 1, then the type byte)
          if (op === 0x1c) pc += 2;
          sp -= 8;
          if (r[sp + 4] === 0) {
            const d = sp - 4;
            r[d] = r[sp];
            r[d + 1] = r[sp + 1];
            r[d + 2] = r[sp + 2];
            r[d + 3] = r[sp + 3];
          }
          break;
        }

        // ---- variables ----
        case 0x20: {
          // local.get
          let x = b[pc++];
          if (x & 0x80) {
            x = u32Slow(b, pc - 1);
            pc = lebEnd | 0;
          }
          const a = fp + x * 4;
          r[sp] = r[a];
          r[sp + 1] = r[a + 1];
          if (wide) {
            r[sp + 2] = r[a + 2];
            r[sp + 3] = r[a + 3];
          }
          sp += 4;
          break;
        }
        case 0x21: // local.set
        case 0x22: {
          // local.tee
          let x = b[pc++];
          if (x & 0x80) {
            x = u32Slow(b, pc - 1);
            pc = lebEnd | 0;
          }
          const d = fp + x * 4;
          const a = sp - 4;
          r[d] = r[a];
          r[d + 1] = r[a + 1];
          if (wide) {
            r[d + 2] = r[a + 2];
            r[d + 3] = r[a + 3];
          }
          if (op === 0x21) sp = a;
          break;
        }
        case 0x23: {
          // global.get
          let x = b[pc];
          if (x < 0x80) pc++;
          else {
            x = u32Padded(b, pc);
            pc = lebEnd | 0;
          }
          const g = inst.globals[x].cell;
          r[sp] = g[0];
          r[sp + 1] = g[1];
          r[sp + 2] = g[2];
          r[sp + 3] = g[3];
          sp += 4;
          break;
        }
        case 0x24: {
          // global.set
          let x = b[pc];
          if (x < 0x80) pc++;
          else {
            x = u32Padded(b, pc);
            pc = lebEnd | 0;
          }
          const g = inst.globals[x].cell;
          sp -= 4;
          g[0] = r[sp];
          g[1] = r[sp + 1];
          g[2] = r[sp + 2];
          g[3] = r[sp + 3];
          break;
        }

        case 0x25: // table.get
        case 0x26: // table.set
        case 0x3f: // memory.size
        case 0x40: // memory.grow
        case 0xd0: // ref.null
        case 0xd1: // ref.is_null
        case 0xd2: // ref.func
          sp = coldOp(op, b, pc, r, sp, inst) | 0;
          pc = lebEnd | 0;
          // memory.grow replaces the views
          if (mem !== undefined && mem.limit !== mlen) {
            mu8 = mem.u8;
            dv = mem.dv;
            mlen = mem.limit;
          }
          break;

        // ---- memory: a memarg is its alignment, then its offset ----
        // #region gen-isa compact-main: generated by scripts/gen-isa.mjs from src/isa/instructions.ts; do not edit
        case 0x28: // i32.load
        case 0x2a: { // f32.load
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
          r[sp - 4] = dv.getInt32(ea, true);
          break;
        }
        case 0x29: { // i64.load
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
          const D = sp - 4;
          r[D] = dv.getInt32(ea, true);
          r[D + 1] = dv.getInt32(ea + 4, true);
          break;
        }
        case 0x2b: { // f64.load
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
          f64[(sp - 4) >> 1] = dv.getFloat64(ea, true);
          break;
        }
        case 0x2c: { // i32.load8_s
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
          r[sp - 4] = (mu8[ea] << 24) >> 24;
          break;
        }
        case 0x2d: { // i32.load8_u
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
          r[sp - 4] = mu8[ea];
          break;
        }
        case 0x2e: { // i32.load16_s
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
          r[sp - 4] = dv.getInt16(ea, true);
          break;
        }
        case 0x2f: { // i32.load16_u
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
          r[sp - 4] = dv.getUint16(ea, true);
          break;
        }
        case 0x30: { // i64.load8_s
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
          const D = sp - 4;
          const x = (mu8[ea] << 24) >> 24;
          r[D] = x;
          r[D + 1] = x >> 31;
          break;
        }
        case 0x31: { // i64.load8_u
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
          const D = sp - 4;
          r[D] = mu8[ea];
          r[D + 1] = 0;
          break;
        }
        case 0x32: { // i64.load16_s
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
          const D = sp - 4;
          const x = dv.getInt16(ea, true);
          r[D] = x;
          r[D + 1] = x >> 31;
          break;
        }
        case 0x33: { // i64.load16_u
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
          const D = sp - 4;
          r[D] = dv.getUint16(ea, true);
          r[D + 1] = 0;
          break;
        }
        case 0x34: { // i64.load32_s
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
          const D = sp - 4;
          const x = dv.getInt32(ea, true);
          r[D] = x;
          r[D + 1] = x >> 31;
          break;
        }
        case 0x35: { // i64.load32_u
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          const ea = (r[sp - 4] >>> 0) + off;
          if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
          const D = sp - 4;
          r[D] = dv.getInt32(ea, true);
          r[D + 1] = 0;
          break;
        }
        case 0x36: // i32.store
        case 0x38: // f32.store
        case 0x3e: { // i64.store32
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          sp -= 8;
          const ea = (r[sp] >>> 0) + off;
          if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
          dv.setInt32(ea, r[sp + 4], true);
          break;
        }
        case 0x37: { // i64.store
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          sp -= 8;
          const ea = (r[sp] >>> 0) + off;
          if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
          const V = sp + 4;
          dv.setInt32(ea, r[V], true);
          dv.setInt32(ea + 4, r[V + 1], true);
          break;
        }
        case 0x39: { // f64.store
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          sp -= 8;
          const ea = (r[sp] >>> 0) + off;
          if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
          dv.setFloat64(ea, f64[(sp + 4) >> 1], true);
          break;
        }
        case 0x3a: // i32.store8
        case 0x3c: { // i64.store8
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          sp -= 8;
          const ea = (r[sp] >>> 0) + off;
          if (ea + 1 > mlen) trap(TrapReason.memoryOutOfBounds);
          mu8[ea] = r[sp + 4];
          break;
        }
        case 0x3b: // i32.store16
        case 0x3d: { // i64.store16
          let off = b[pc + 1];
          if ((b[pc] | off) < 0x80) pc += 2;
          else {
            off = memargSlow(b, pc);
            pc = lebEnd | 0;
          }
          sp -= 8;
          const ea = (r[sp] >>> 0) + off;
          if (ea + 2 > mlen) trap(TrapReason.memoryOutOfBounds);
          dv.setInt16(ea, r[sp + 4], true);
          break;
        }
        case 0x45: { // i32.eqz
          const c = r[sp - 4] === 0;
          if (b[pc] === 0x0d) {
            // br_if right after: branch on c
            sp -= 4;
            if (c) {
              let w = side[stp];
              if (stride === 1) pc = fs + (w >>> pcSh);
              else {
                pc = fs + w;
                w = side[stp + 1];
              }
              const adj = w & adjMask;
              stp = (sb + ((w >>> adjBits) & stpMask)) | 0;
              if (adj !== 0) sp = adjust(r, sp, side, sb - 2 * adj) | 0;
            } else {
              stp += stride;
              pc += 2;
              if (b[pc - 1] & 0x80) pc = skipLeb(b, pc) | 0;
            }
            break;
          }
          r[sp - 4] = c ? 1 : 0;
          break;
        }
        case 0x46: { // i32.eq
          sp -= 4;
          r[sp - 4] = r[sp - 4] === r[sp] ? 1 : 0;
          break;
        }
        case 0x47: { // i32.ne
          sp -= 4;
          const c = r[sp - 4] !== r[sp];
          if (b[pc] === 0x0d) {
            // br_if right after: branch on c
            sp -= 4;
            if (c) {
              let w = side[stp];
              if (stride === 1) pc = fs + (w >>> pcSh);
              else {
                pc = fs + w;
                w = side[stp + 1];
              }
              const adj = w & adjMask;
              stp = (sb + ((w >>> adjBits) & stpMask)) | 0;
              if (adj !== 0) sp = adjust(r, sp, side, sb - 2 * adj) | 0;
            } else {
              stp += stride;
              pc += 2;
              if (b[pc - 1] & 0x80) pc = skipLeb(b, pc) | 0;
            }
            break;
          }
          r[sp - 4] = c ? 1 : 0;
          break;
        }
        case 0x48: { // i32.lt_s
          sp -= 4;
          r[sp - 4] = r[sp - 4] < r[sp] ? 1 : 0;
          break;
        }
        case 0x49: { // i32.lt_u
          sp -= 4;
          const c = r[sp - 4] >>> 0 < r[sp] >>> 0;
          if (b[pc] === 0x0d) {
            // br_if right after: branch on c
            sp -= 4;
            if (c) {
              let w = side[stp];
              if (stride === 1) pc = fs + (w >>> pcSh);
              else {
                pc = fs + w;
                w = side[stp + 1];
              }
              const adj = w & adjMask;
              stp = (sb + ((w >>> adjBits) & stpMask)) | 0;
              if (adj !== 0) sp = adjust(r, sp, side, sb - 2 * adj) | 0;
            } else {
              stp += stride;
              pc += 2;
              if (b[pc - 1] & 0x80) pc = skipLeb(b, pc) | 0;
            }
            break;
          }
          r[sp - 4] = c ? 1 : 0;
          break;
        }
        case 0x4a: { // i32.gt_s
          sp -= 4;
          r[sp - 4] = r[sp - 4] > r[sp] ? 1 : 0;
          break;
        }
        case 0x4b: { // i32.gt_u
          sp -= 4;
          r[sp - 4] = r[sp - 4] >>> 0 > r[sp] >>> 0 ? 1 : 0;
          break;
        }
        case 0x4c: { // i32.le_s
          sp -= 4;
          r[sp - 4] = r[sp - 4] <= r[sp] ? 1 : 0;
          break;
        }
        case 0x4d: { // i32.le_u
          sp -= 4;
          r[sp - 4] = r[sp - 4] >>> 0 <= r[sp] >>> 0 ? 1 : 0;
          break;
        }
        case 0x4e: { // i32.ge_s
          sp -= 4;
          r[sp - 4] = r[sp - 4] >= r[sp] ? 1 : 0;
          break;
        }
        case 0x4f: { // i32.ge_u
          sp -= 4;
          r[sp - 4] = r[sp - 4] >>> 0 >= r[sp] >>> 0 ? 1 : 0;
          break;
        }
        case 0x67: { // i32.clz
          r[sp - 4] = Math.clz32(r[sp - 4]);
          break;
        }
        case 0x68: { // i32.ctz
          r[sp - 4] = I32.i32_ctz(r[sp - 4]);
          break;
        }
        case 0x69: { // i32.popcnt
          r[sp - 4] = I32.i32_popcnt(r[sp - 4]);
          break;
        }
        case 0x6a: { // i32.add
          sp -= 4;
          r[sp - 4] = (r[sp - 4] + r[sp]) | 0;
          break;
        }
        case 0x6b: { // i32.sub
          sp -= 4;
          r[sp - 4] = (r[sp - 4] - r[sp]) | 0;
          break;
        }
        case 0x6c: { // i32.mul
          sp -= 4;
          r[sp - 4] = Math.imul(r[sp - 4], r[sp]);
          break;
        }
        case 0x6d: { // i32.div_s
          sp -= 4;
          r[sp - 4] = I32.i32_div_s(r[sp - 4], r[sp]);
          break;
        }
        case 0x6e: { // i32.div_u
          sp -= 4;
          r[sp - 4] = I32.i32_div_u(r[sp - 4], r[sp]);
          break;
        }
        case 0x6f: { // i32.rem_s
          sp -= 4;
          r[sp - 4] = I32.i32_rem_s(r[sp - 4], r[sp]);
          break;
        }
        case 0x70: { // i32.rem_u
          sp -= 4;
          r[sp - 4] = I32.i32_rem_u(r[sp - 4], r[sp]);
          break;
        }
        case 0x71: { // i32.and
          sp -= 4;
          r[sp - 4] = r[sp - 4] & r[sp];
          break;
        }
        case 0x72: { // i32.or
          sp -= 4;
          r[sp - 4] = r[sp - 4] | r[sp];
          break;
        }
        case 0x73: { // i32.xor
          sp -= 4;
          r[sp - 4] = r[sp - 4] ^ r[sp];
          break;
        }
        case 0x74: { // i32.shl
          sp -= 4;
          r[sp - 4] = r[sp - 4] << r[sp];
          break;
        }
        case 0x75: { // i32.shr_s
          sp -= 4;
          r[sp - 4] = r[sp - 4] >> r[sp];
          break;
        }
        case 0x76: { // i32.shr_u
          sp -= 4;
          r[sp - 4] = r[sp - 4] >>> r[sp];
          break;
        }
        case 0x77: { // i32.rotl
          sp -= 4;
          r[sp - 4] = I32.i32_rotl(r[sp - 4], r[sp]);
          break;
        }
        case 0x78: { // i32.rotr
          sp -= 4;
          r[sp - 4] = I32.i32_rotr(r[sp - 4], r[sp]);
          break;
        }
        case 0xc0: { // i32.extend8_s
          r[sp - 4] = (r[sp - 4] << 24) >> 24;
          break;
        }
        case 0xc1: { // i32.extend16_s
          r[sp - 4] = (r[sp - 4] << 16) >> 16;
          break;
        }
        case 0x50: { // i64.eqz
          const A = sp - 4;
          r[sp - 4] = (r[A] | r[A + 1]) === 0 ? 1 : 0;
          break;
        }
        case 0x51: { // i64.eq
          sp -= 4;
          const A = sp - 4;
          const B = sp;
          r[sp - 4] = r[A] === r[B] && r[A + 1] === r[B + 1] ? 1 : 0;
          break;
        }
        case 0x52: { // i64.ne
          sp -= 4;
          const A = sp - 4;
          const B = sp;
          r[sp - 4] = r[A] !== r[B] || r[A + 1] !== r[B + 1] ? 1 : 0;
          break;
        }
        case 0x7c: { // i64.add
          sp -= 4;
          const A = sp - 4;
          const B = sp;
          const D = sp - 4;
          const alo = r[A];
          const lo = (alo + r[B]) | 0;
          r[D + 1] = (r[A + 1] + r[B + 1] + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
          r[D] = lo;
          break;
        }
        case 0x7d: { // i64.sub
          sp -= 4;
          const A = sp - 4;
          const B = sp;
          const D = sp - 4;
          const alo = r[A];
          const blo = r[B];
          r[D + 1] = (r[A + 1] - r[B + 1] - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;
          r[D] = (alo - blo) | 0;
          break;
        }
        case 0x7e: { // i64.mul
          sp -= 4;
          const A = sp - 4;
          const B = sp;
          const D = sp - 4;
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
          break;
        }
        case 0x83: { // i64.and
          sp -= 4;
          const D = sp - 4;
          const A = sp - 4;
          const B = sp;
          r[D] = r[A] & r[B];
          r[D + 1] = r[A + 1] & r[B + 1];
          break;
        }
        case 0x84: { // i64.or
          sp -= 4;
          const D = sp - 4;
          const A = sp - 4;
          const B = sp;
          r[D] = r[A] | r[B];
          r[D + 1] = r[A + 1] | r[B + 1];
          break;
        }
        case 0x85: { // i64.xor
          sp -= 4;
          const D = sp - 4;
          const A = sp - 4;
          const B = sp;
          r[D] = r[A] ^ r[B];
          r[D + 1] = r[A + 1] ^ r[B + 1];
          break;
        }
        case 0x86: { // i64.shl
          sp -= 4;
          const A = sp - 4;
          const D = sp - 4;
          const s = r[sp] & 63;
          const lo = r[A];
          if (s >= 32) {
            r[D + 1] = lo << (s - 32);
            r[D] = 0;
          } else {
            r[D + 1] = (r[A + 1] << s) | ((lo >>> 1) >>> (31 - s));
            r[D] = lo << s;
          }
          break;
        }
        case 0x87: { // i64.shr_s
          sp -= 4;
          const A = sp - 4;
          const D = sp - 4;
          const s = r[sp] & 63;
          const hi = r[A + 1];
          if (s >= 32) {
            r[D] = hi >> (s - 32);
            r[D + 1] = hi >> 31;
          } else {
            r[D] = (r[A] >>> s) | ((hi << 1) << (31 - s));
            r[D + 1] = hi >> s;
          }
          break;
        }
        case 0x88: { // i64.shr_u
          sp -= 4;
          const A = sp - 4;
          const D = sp - 4;
          const s = r[sp] & 63;
          const hi = r[A + 1];
          if (s >= 32) {
            r[D] = hi >>> (s - 32);
            r[D + 1] = 0;
          } else {
            r[D] = (r[A] >>> s) | ((hi << 1) << (31 - s));
            r[D + 1] = hi >>> s;
          }
          break;
        }
        case 0x92: { // f32.add
          sp -= 4;
          f32[sp - 4] = f32[sp - 4] + f32[sp];
          break;
        }
        case 0x93: { // f32.sub
          sp -= 4;
          f32[sp - 4] = f32[sp - 4] - f32[sp];
          break;
        }
        case 0x94: { // f32.mul
          sp -= 4;
          f32[sp - 4] = f32[sp - 4] * f32[sp];
          break;
        }
        case 0x95: { // f32.div
          sp -= 4;
          f32[sp - 4] = f32[sp - 4] / f32[sp];
          break;
        }
        case 0x61: { // f64.eq
          sp -= 4;
          r[sp - 4] = f64[(sp - 4) >> 1] === f64[sp >> 1] ? 1 : 0;
          break;
        }
        case 0x62: { // f64.ne
          sp -= 4;
          r[sp - 4] = f64[(sp - 4) >> 1] !== f64[sp >> 1] ? 1 : 0;
          break;
        }
        case 0x63: { // f64.lt
          sp -= 4;
          r[sp - 4] = f64[(sp - 4) >> 1] < f64[sp >> 1] ? 1 : 0;
          break;
        }
        case 0x64: { // f64.gt
          sp -= 4;
          r[sp - 4] = f64[(sp - 4) >> 1] > f64[sp >> 1] ? 1 : 0;
          break;
        }
        case 0x65: { // f64.le
          sp -= 4;
          r[sp - 4] = f64[(sp - 4) >> 1] <= f64[sp >> 1] ? 1 : 0;
          break;
        }
        case 0x66: { // f64.ge
          sp -= 4;
          r[sp - 4] = f64[(sp - 4) >> 1] >= f64[sp >> 1] ? 1 : 0;
          break;
        }
        case 0x99: { // f64.abs
          const D = sp - 4;
          const A = sp - 4;
          r[D] = r[A];
          r[D + 1] = r[A + 1] & 0x7fffffff;
          break;
        }
        case 0x9a: { // f64.neg
          const D = sp - 4;
          const A = sp - 4;
          r[D] = r[A];
          r[D + 1] = r[A + 1] ^ 0x80000000;
          break;
        }
        case 0xa0: { // f64.add
          sp -= 4;
          f64[(sp - 4) >> 1] = f64[(sp - 4) >> 1] + f64[sp >> 1];
          break;
        }
        case 0xa1: { // f64.sub
          sp -= 4;
          f64[(sp - 4) >> 1] = f64[(sp - 4) >> 1] - f64[sp >> 1];
          break;
        }
        case 0xa2: { // f64.mul
          sp -= 4;
          f64[(sp - 4) >> 1] = f64[(sp - 4) >> 1] * f64[sp >> 1];
          break;
        }
        case 0xa3: { // f64.div
          sp -= 4;
          f64[(sp - 4) >> 1] = f64[(sp - 4) >> 1] / f64[sp >> 1];
          break;
        }
        case 0xa7: // i32.wrap_i64
        case 0xbc: // i32.reinterpret_f32
        case 0xbe: { // f32.reinterpret_i32
          break;
        }
        case 0xac: { // i64.extend_i32_s
          const D = sp - 4;
          const x = r[sp - 4];
          r[D] = x;
          r[D + 1] = x >> 31;
          break;
        }
        case 0xad: { // i64.extend_i32_u
          const D = sp - 4;
          r[D] = r[sp - 4];
          r[D + 1] = 0;
          break;
        }
        case 0xbd: // i64.reinterpret_f64
        case 0xbf: { // f64.reinterpret_i64
          const D = sp - 4;
          const A = sp - 4;
          r[D] = r[A];
          r[D + 1] = r[A + 1];
          break;
        }
        // #endregion gen-isa compact-main

        // ---- constants ----
        case 0x41: {
          // i32.const; fused with an i32.add, i32.shl or i32.and right after (addresses, indices)
          let v = b[pc];
          if (v < 0x80) {
            v = (v << 25) >> 25;
            pc++;
          } else {
            v = s32Padded(b, pc);
            pc = lebEnd | 0;
          }
          const next = b[pc];
          // #region gen-isa compact-const: generated by scripts/gen-isa.mjs from src/isa/instructions.ts; do not edit
          if (next === 0x6a) {
            // i32.add
            r[sp - 4] = (r[sp - 4] + v) | 0;
            pc++;
            break;
          }
          if (next === 0x74) {
            // i32.shl
            r[sp - 4] = r[sp - 4] << v;
            pc++;
            break;
          }
          if (next === 0x71) {
            // i32.and
            r[sp - 4] = r[sp - 4] & v;
            pc++;
            break;
          }
          // #endregion gen-isa compact-const
          r[sp] = v;
          sp += 4;
          break;
        }
        case 0x42: {
          // i64.const
          const v = b[pc];
          if (v < 0x80) {
            const lo = (v << 25) >> 25;
            r[sp] = lo;
            r[sp + 1] = lo >> 31;
            pc++;
          } else pc = readI64(b, pc, r, sp);
          sp += 4;
          break;
        }
        case 0x43: // f32.const (bits)
          r[sp] = b[pc] | (b[pc + 1] << 8) | (b[pc + 2] << 16) | (b[pc + 3] << 24);
          pc += 4;
          sp += 4;
          break;
        case 0x44: // f64.const (bits)
          r[sp] = b[pc] | (b[pc + 1] << 8) | (b[pc + 2] << 16) | (b[pc + 3] << 24);
          r[sp + 1] = b[pc + 4] | (b[pc + 5] << 8) | (b[pc + 6] << 16) | (b[pc + 7] << 24);
          pc += 8;
          sp += 4;
          break;

        // ---- prefixes ----
        case 0xfc:
        case 0xfd: {
          const at = pc - 1;
          let sub = b[pc++];
          if (sub & 0x80) {
            sub = u32Slow(b, pc - 1);
            pc = lebEnd | 0;
          }
          if (op === 0xfc) {
            // Metered: a bulk operation pays for its length (its last operand) first.
            if (meter !== null && !pay(m, bulkCharge(sub, r[sp - 4]))) return pause(m, ex, f, at, fp, sp, stp);
            sp = prefixFC(sub, b, pc, s, sp, inst) | 0;
            pc = lebEnd | 0;
            break;
          }
          const shape = SIMD_SHAPE[sub];
          if (shape !== 0) {
            // [operands] → result, in the first operand's cell; then a lane immediate, if any
            const base = sp - (shape & 15);
            switch (sub) {
              // #region gen-isa compact-simd-lanes: generated by scripts/gen-isa.mjs from src/isa/simd.ts; do not edit
              case 0xae: { // i32x4.add
                const A = base;
                const B = base + 4;
                const D = base;
                r[D] = (r[A] + r[B]) | 0;
                r[D + 1] = (r[A + 1] + r[B + 1]) | 0;
                r[D + 2] = (r[A + 2] + r[B + 2]) | 0;
                r[D + 3] = (r[A + 3] + r[B + 3]) | 0;
                break;
              }
              case 0xb1: { // i32x4.sub
                const A = base;
                const B = base + 4;
                const D = base;
                r[D] = (r[A] - r[B]) | 0;
                r[D + 1] = (r[A + 1] - r[B + 1]) | 0;
                r[D + 2] = (r[A + 2] - r[B + 2]) | 0;
                r[D + 3] = (r[A + 3] - r[B + 3]) | 0;
                break;
              }
              case 0xb5: { // i32x4.mul
                const A = base;
                const B = base + 4;
                const D = base;
                r[D] = Math.imul(r[A], r[B]);
                r[D + 1] = Math.imul(r[A + 1], r[B + 1]);
                r[D + 2] = Math.imul(r[A + 2], r[B + 2]);
                r[D + 3] = Math.imul(r[A + 3], r[B + 3]);
                break;
              }
              case 0xe4: { // f32x4.add
                const A = base;
                const B = base + 4;
                const D = base;
                f32[D] = f32[A] + f32[B];
                f32[D + 1] = f32[A + 1] + f32[B + 1];
                f32[D + 2] = f32[A + 2] + f32[B + 2];
                f32[D + 3] = f32[A + 3] + f32[B + 3];
                break;
              }
              case 0xe5: { // f32x4.sub
                const A = base;
                const B = base + 4;
                const D = base;
                f32[D] = f32[A] - f32[B];
                f32[D + 1] = f32[A + 1] - f32[B + 1];
                f32[D + 2] = f32[A + 2] - f32[B + 2];
                f32[D + 3] = f32[A + 3] - f32[B + 3];
                break;
              }
              case 0xe6: { // f32x4.mul
                const A = base;
                const B = base + 4;
                const D = base;
                f32[D] = f32[A] * f32[B];
                f32[D + 1] = f32[A + 1] * f32[B + 1];
                f32[D + 2] = f32[A + 2] * f32[B + 2];
                f32[D + 3] = f32[A + 3] * f32[B + 3];
                break;
              }
              case 0xe8: { // f32x4.min
                const A = base;
                const B = base + 4;
                const D = base;
                f32[D] = Math.min(f32[A], f32[B]);
                f32[D + 1] = Math.min(f32[A + 1], f32[B + 1]);
                f32[D + 2] = Math.min(f32[A + 2], f32[B + 2]);
                f32[D + 3] = Math.min(f32[A + 3], f32[B + 3]);
                break;
              }
              case 0xe9: { // f32x4.max
                const A = base;
                const B = base + 4;
                const D = base;
                f32[D] = Math.max(f32[A], f32[B]);
                f32[D + 1] = Math.max(f32[A + 1], f32[B + 1]);
                f32[D + 2] = Math.max(f32[A + 2], f32[B + 2]);
                f32[D + 3] = Math.max(f32[A + 3], f32[B + 3]);
                break;
              }
              // #endregion gen-isa compact-simd-lanes
              default:
                SIMD_OPS[sub]!(s, base >> 1, base >> 1, (base >> 1) + 2, (base >> 1) + 4, shape & 32 ? b[pc++] : 0);
            }
            sp = shape & 16 ? base + 4 : base;
            break;
          }
          switch (sub) {
            case 0x0c: // v128.const
              for (let k = 0; k < 4; k++) r[sp + k] = word(b, pc + 4 * k);
              pc += 16;
              sp += 4;
              break;
            // #region gen-isa compact-simd: generated by scripts/gen-isa.mjs from src/isa/simd.ts; do not edit
            case 0x0: { // v128.load
              let off = b[pc + 1];
              if ((b[pc] | off) < 0x80) pc += 2;
              else {
                off = memargSlow(b, pc);
                pc = lebEnd | 0;
              }
              const ea = (r[sp - 4] >>> 0) + off;
              if (ea + 16 > mlen) trap(TrapReason.memoryOutOfBounds);
              const D = sp - 4;
              r[D] = dv.getInt32(ea, true);
              r[D + 1] = dv.getInt32(ea + 4, true);
              r[D + 2] = dv.getInt32(ea + 8, true);
              r[D + 3] = dv.getInt32(ea + 12, true);
              break;
            }
            case 0x3: { // v128.load16x4_s
              let off = b[pc + 1];
              if ((b[pc] | off) < 0x80) pc += 2;
              else {
                off = memargSlow(b, pc);
                pc = lebEnd | 0;
              }
              const ea = (r[sp - 4] >>> 0) + off;
              if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
              const D = sp - 4;
              r[D] = dv.getInt16(ea, true);
              r[D + 1] = dv.getInt16(ea + 2, true);
              r[D + 2] = dv.getInt16(ea + 4, true);
              r[D + 3] = dv.getInt16(ea + 6, true);
              break;
            }
            case 0x5c: { // v128.load32_zero
              let off = b[pc + 1];
              if ((b[pc] | off) < 0x80) pc += 2;
              else {
                off = memargSlow(b, pc);
                pc = lebEnd | 0;
              }
              const ea = (r[sp - 4] >>> 0) + off;
              if (ea + 4 > mlen) trap(TrapReason.memoryOutOfBounds);
              const D = sp - 4;
              r[D] = dv.getInt32(ea, true);
              r[D + 1] = 0;
              r[D + 2] = 0;
              r[D + 3] = 0;
              break;
            }
            case 0x5d: { // v128.load64_zero
              let off = b[pc + 1];
              if ((b[pc] | off) < 0x80) pc += 2;
              else {
                off = memargSlow(b, pc);
                pc = lebEnd | 0;
              }
              const ea = (r[sp - 4] >>> 0) + off;
              if (ea + 8 > mlen) trap(TrapReason.memoryOutOfBounds);
              const D = sp - 4;
              r[D] = dv.getInt32(ea, true);
              r[D + 1] = dv.getInt32(ea + 4, true);
              r[D + 2] = 0;
              r[D + 3] = 0;
              break;
            }
            case 0xb: { // v128.store
              let off = b[pc + 1];
              if ((b[pc] | off) < 0x80) pc += 2;
              else {
                off = memargSlow(b, pc);
                pc = lebEnd | 0;
              }
              sp -= 8;
              const ea = (r[sp] >>> 0) + off;
              if (ea + 16 > mlen) trap(TrapReason.memoryOutOfBounds);
              const B = sp + 4;
              dv.setInt32(ea, r[B], true);
              dv.setInt32(ea + 4, r[B + 1], true);
              dv.setInt32(ea + 8, r[B + 2], true);
              dv.setInt32(ea + 12, r[B + 3], true);
              break;
            }
            // #endregion gen-isa compact-simd
            default:
              sp = prefixFD(sub, b, pc, s, sp, inst) | 0;
              pc = lebEnd | 0;
          }
          break;
        }
        default:
          sp = numeric(op, r, f32, f64, sp) | 0;
      }
    }
  }
}
