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
 * instructions are inline; the rest are in `numeric`, `prefixFC` and `prefixFD`.
 */
import { Imm, opImm, opPopCount, opPush, PREFIX_FD } from '@proj/decoder';
import { memory_copy, memory_fill, memory_init, table_copy, table_fill, table_init } from '../bulk.js';
import * as F from '../numeric/float.js';
import * as I32 from '../numeric/i32.js';
import * as I64 from '../numeric/i64.js';
import { readI64 } from '../leb.js';
import * as V from '../numeric/v128.js';
import { type CallStack, type Execution, Resume } from '../machine/stack.js';
import { EMPTY_MEMORY, EMPTY_VIEW, type InstanceRt, type MemInst, NULL_REF, type WasmFunc } from '../runtime.js';
import type { Slots } from '../slots.js';
import { Trap, TrapReason, trap } from '../trap.js';
import { type CompactCode, META, M_FRAME, M_LAYOUT, M_LOCALS, M_SB, M_START } from './prepare.js';

const DONE = 0; // Stop.done
const HOST = 1; // Stop.host
const SWITCH = 2; // Stop.switch

// ---- LEB128 (the bytes are valid: validation has read them) ----

/** Where the last slow read ended. */
let lebEnd = 0;

function u32Slow(b: Uint8Array, at: number): number {
  let result = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = b[at++];
    result |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  lebEnd = at;
  return result >>> 0;
}

/**
 * u32Slow unrolled, for the indices of calls and global accesses: linkers pad relocated indices
 * to 5 bytes, and a call or a `__stack_pointer` access is frequent enough that the loop shows.
 */
function u32Padded(b: Uint8Array, at: number): number {
  let y = b[at + 1];
  let x = (b[at] & 0x7f) | ((y & 0x7f) << 7);
  if (y < 0x80) lebEnd = at + 2;
  else {
    y = b[at + 2];
    x |= (y & 0x7f) << 14;
    if (y < 0x80) lebEnd = at + 3;
    else {
      y = b[at + 3];
      x |= (y & 0x7f) << 21;
      if (y < 0x80) lebEnd = at + 4;
      else {
        x |= b[at + 4] << 28;
        lebEnd = at + 5;
      }
    }
  }
  return x >>> 0;
}

/** Skips a LEB128 that starts at `at` (or its rest, when called past a first byte that continues). */
function skipLeb(b: Uint8Array, at: number): number {
  while (b[at++] & 0x80);
  return at;
}

/** A memarg (alignment, offset) at `at`: returns the offset, `lebEnd` past it. */
function memargSlow(b: Uint8Array, at: number): number {
  return u32Slow(b, skipLeb(b, at));
}

function word(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
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

/** Runs `ex`, whose current function is compact; returns a Stop code as Machine.run does. */
export function runCompact(m: CallStack, ex: Execution): number {
  const funcs = m.rt.funcs;
  let stps = m.frameStp;
  let f: WasmFunc = ex.func;
  // The current function's code and side-table layout (see prepare.ts).
  let code = f.prepared as CompactCode; // run() calls this loop for compact functions only
  let b = code.bytes;
  let side = code.side;
  let meta = code.meta;
  let k = f.ownIndex * META;
  let fs = meta[k + M_START];
  let sb = meta[k + M_SB];
  let lay = meta[k + M_LAYOUT];
  let fend = code.end(f.ownIndex, fs, lay);
  let stride = (lay & 1) + 1;
  let wide = (lay & 2) !== 0;
  let pcSh = (lay >>> 2) & 31;
  let adjBits = (lay >>> 7) & 31;
  let adjMask = (1 << adjBits) - 1;
  let stpMask = (-1 >>> (32 - ((lay >>> 12) & 31))) | 0;
  let inst: InstanceRt = f.inst;
  let fp = ex.fp | 0;
  let s: Slots = m.slots;
  let r = s.i32;
  let f32 = s.f32;
  let f64 = s.f64;
  let pc: number;
  let sp: number;
  let stp: number;
  if (ex.resume === Resume.enter) {
    pc = fs;
    stp = sb;
    sp = (fp + meta[k + M_LOCALS] * 4) | 0;
  } else if (ex.resume === Resume.afterHost) {
    // Back from a host call: its results end at ex.sp.
    pc = ex.pc | 0;
    sp = ex.sp | 0;
    stp = r[fp + (meta[k + M_FRAME] - 1) * 4];
  } else {
    // Back from a fast callee.
    pc = ex.pc | 0;
    sp = ex.sp | 0;
    stp = stps[m.depth];
  }
  let mem: MemInst | undefined = inst.mems[0];
  let mu8 = mem ? mem.u8 : EMPTY_MEMORY;
  let dv = mem ? mem.dv : EMPTY_VIEW;
  let mlen = mem ? mem.limit : 0;

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
      case 0x03: {
        // loop: skip the block type, and those of the blocks and loops right after
        if (b[pc++] & 0x80) pc = skipLeb(b, pc) | 0;
        let next = b[pc];
        while (next === 0x02 || next === 0x03) {
          pc = b[pc + 1] & 0x80 ? skipLeb(b, pc + 2) | 0 : pc + 2;
          next = b[pc];
        }
        break;
      }
      case 0x04: // if
        sp -= 4;
        if (r[sp] !== 0) {
          stp += stride;
          if (b[pc++] & 0x80) pc = skipLeb(b, pc) | 0;
        } else {
          let w = side[stp];
          if (stride === 1) pc = fs + (w >>> pcSh);
          else {
            pc = fs + w;
            w = side[stp + 1];
          }
          stp = (sb + ((w >>> adjBits) & stpMask)) | 0;
        }
        break;
      case 0x05: {
        // else, reached from the then branch: past the end
        let w = side[stp];
        if (stride === 1) pc = fs + (w >>> pcSh);
        else {
          pc = fs + w;
          w = side[stp + 1];
        }
        stp = (sb + ((w >>> adjBits) & stpMask)) | 0;
        break;
      }
      case 0x0c: {
        // br
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
      case 0x0d: {
        // br_if
        sp -= 4;
        if (r[sp] !== 0) {
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
          if (b[pc++] & 0x80) pc = skipLeb(b, pc) | 0;
        }
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
        if (n === 1) {
          const a = sp - 4;
          r[fp] = r[a];
          r[fp + 1] = r[a + 1];
          r[fp + 2] = r[a + 2];
          r[fp + 3] = r[a + 3];
        } else if (n > 1) r.copyWithin(fp, sp - n * 4, sp);
        if (m.depth === ex.baseDepth) return DONE;
        const d = --m.depth;
        const calleeFp = fp;
        f = m.frameFunc[d];
        const cp = f.prepared;
        if (cp.kind !== 'compact') {
          ex.func = f;
          ex.pc = m.framePc[d];
          ex.resume = Resume.afterCall;
          ex.fp = m.frameFp[d];
          ex.sp = calleeFp + n * 4;
          return SWITCH;
        }
        pc = m.framePc[d] | 0;
        fp = m.frameFp[d] | 0;
        stp = stps[d];
        sp = (calleeFp + n * 4) | 0;
        if (cp !== code) {
          code = cp as CompactCode;
          b = code.bytes;
          side = code.side;
          meta = code.meta;
        }
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
        inst = f.inst;
        // The callee may have grown the memory.
        mem = inst.mems[0];
        mu8 = mem ? mem.u8 : EMPTY_MEMORY;
        dv = mem ? mem.dv : EMPTY_VIEW;
        mlen = mem ? mem.limit : 0;
        break;
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
          let t = b[pc++];
          if (t & 0x80) {
            t = u32Slow(b, pc - 1);
            pc = lebEnd | 0;
          }
          let x = b[pc++];
          if (x & 0x80) {
            x = u32Slow(b, pc - 1);
            pc = lebEnd | 0;
          }
          const table = inst.tables[x];
          sp -= 4;
          const i = r[sp] >>> 0;
          if (i >= table.size) trap(TrapReason.undefinedElement);
          const addr = table.elems[i];
          if (addr === NULL_REF) throw new Trap(TrapReason.uninitializedElement, String(i));
          callee = funcs[addr];
          if (callee.typeId !== inst.typeIds[t]) trap(TrapReason.indirectCallTypeMismatch);
        }
        if (callee.kind === 'host') {
          ex.func = f;
          ex.pc = pc;
          ex.resume = Resume.afterHost;
          ex.fp = fp;
          ex.host = callee;
          ex.hostBase = sp - callee.type.params.length * 4;
          // Through f, not meta[k]: a read of k here would keep it live (in a register) in the loop.
          r[fp + (code.frameCells(f.ownIndex) - 1) * 4] = stp;
          return HOST;
        }
        const cp = callee.prepared;
        const base = (sp - callee.type.params.length * 4) | 0;
        const d = m.depth;
        // d frames are saved below the calling one: the callee would make d + 2 calls active.
        if (d + 2 > m.limits.maxCallDepth) trap(TrapReason.callStackExhausted);
        m.enter(callee, base);
        m.frameFunc[d] = f;
        m.framePc[d] = pc;
        m.frameFp[d] = fp;
        if (d >= stps.length) stps = m.stpRoom(d);
        stps[d] = stp;
        m.depth = d + 1;
        if (cp.kind !== 'compact') {
          ex.func = callee;
          ex.resume = Resume.enter;
          ex.fp = base;
          return SWITCH;
        }
        f = callee;
        if (cp !== code) {
          code = cp as CompactCode;
          b = code.bytes;
          side = code.side;
          meta = code.meta;
        }
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
        pc = fs;
        stp = sb;
        fp = base;
        sp = (base + meta[k + M_LOCALS] * 4) | 0;
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
      case 0x21: {
        // local.set
        let x = b[pc++];
        if (x & 0x80) {
          x = u32Slow(b, pc - 1);
          pc = lebEnd | 0;
        }
        const d = fp + x * 4;
        sp -= 4;
        r[d] = r[sp];
        r[d + 1] = r[sp + 1];
        if (wide) {
          r[d + 2] = r[sp + 2];
          r[d + 3] = r[sp + 3];
        }
        break;
      }
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
      case 0x25: {
        // table.get
        let x = b[pc++];
        if (x & 0x80) {
          x = u32Slow(b, pc - 1);
          pc = lebEnd | 0;
        }
        const t = inst.tables[x];
        const i = r[sp - 4] >>> 0;
        if (i >= t.size) trap(TrapReason.tableOutOfBounds);
        r[sp - 4] = t.elems[i];
        break;
      }
      case 0x26: {
        // table.set
        let x = b[pc++];
        if (x & 0x80) {
          x = u32Slow(b, pc - 1);
          pc = lebEnd | 0;
        }
        const t = inst.tables[x];
        sp -= 8;
        const i = r[sp] >>> 0;
        if (i >= t.size) trap(TrapReason.tableOutOfBounds);
        t.elems[i] = r[sp + 4];
        break;
      }

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
      case 0x29: // i64.load
      case 0x2b: { // f64.load
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
      case 0x37: // i64.store
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
        const V = sp + 4;
        dv.setInt32(ea, r[V], true);
        dv.setInt32(ea + 4, r[V + 1], true);
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
        r[sp - 4] = I64.i64_eqz(r, sp - 4);
        break;
      }
      case 0x51: { // i64.eq
        sp -= 4;
        r[sp - 4] = I64.i64_eq(r, sp - 4, sp);
        break;
      }
      case 0x52: { // i64.ne
        sp -= 4;
        r[sp - 4] = I64.i64_ne(r, sp - 4, sp);
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
        I64.i64_mul(r, sp - 4, sp - 4, sp);
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
        I64.i64_shl(r, sp - 4, sp - 4, sp);
        break;
      }
      case 0x87: { // i64.shr_s
        sp -= 4;
        I64.i64_shr_s(r, sp - 4, sp - 4, sp);
        break;
      }
      case 0x88: { // i64.shr_u
        sp -= 4;
        I64.i64_shr_u(r, sp - 4, sp - 4, sp);
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
      case 0x3f: // memory.size
        pc++;
        r[sp] = mem!.pages;
        sp += 4;
        break;
      case 0x40: // memory.grow
        pc++;
        r[sp - 4] = mem!.grow(r[sp - 4] >>> 0);
        mu8 = mem!.u8;
        dv = mem!.dv;
        mlen = mem!.limit;
        break;

      // ---- constants ----
      case 0x41: {
        // i32.const; fused with an i32.add, i32.shl or i32.and right after (addresses, indices)
        // (Linkers pad relocated constants to 5 bytes: every length is decoded inline.)
        let v = b[pc];
        if (v < 0x80) {
          v = (v << 25) >> 25;
          pc++;
        } else {
          let x = b[pc + 1];
          v = (v & 0x7f) | ((x & 0x7f) << 7);
          if (x < 0x80) {
            v = (v << 18) >> 18;
            pc += 2;
          } else {
            x = b[pc + 2];
            v |= (x & 0x7f) << 14;
            if (x < 0x80) {
              v = (v << 11) >> 11;
              pc += 3;
            } else {
              x = b[pc + 3];
              v |= (x & 0x7f) << 21;
              if (x < 0x80) {
                v = (v << 4) >> 4;
                pc += 4;
              } else {
                v |= b[pc + 4] << 28;
                pc += 5;
              }
            }
          }
        }
        const next = b[pc];
        if (next === 0x6a) {
          r[sp - 4] = (r[sp - 4] + v) | 0;
          pc++;
          break;
        }
        if (next === 0x74) {
          r[sp - 4] <<= v;
          pc++;
          break;
        }
        if (next === 0x71) {
          r[sp - 4] &= v;
          pc++;
          break;
        }
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

      // ---- references ----
      case 0xd0: // ref.null t
        pc++;
        r[sp] = NULL_REF;
        sp += 4;
        break;
      case 0xd1: // ref.is_null
        r[sp - 4] = r[sp - 4] === NULL_REF ? 1 : 0;
        break;
      case 0xd2: {
        // ref.func
        let x = b[pc++];
        if (x & 0x80) {
          x = u32Slow(b, pc - 1);
          pc = lebEnd | 0;
        }
        r[sp] = inst.funcs[x];
        sp += 4;
        break;
      }

      // ---- prefixes ----
      case 0xfc: {
        let sub = b[pc++];
        if (sub & 0x80) {
          sub = u32Slow(b, pc - 1);
          pc = lebEnd | 0;
        }
        sp = prefixFC(sub, b, pc, s, sp, inst) | 0;
        pc = lebEnd | 0;
        break;
      }
      case 0xfd: {
        let sub = b[pc++];
        if (sub & 0x80) {
          sub = u32Slow(b, pc - 1);
          pc = lebEnd | 0;
        }
        sp = prefixFD(sub, b, pc, s, sp, inst) | 0;
        pc = lebEnd | 0;
        break;
      }
      default:
        sp = numeric(op, r, f32, f64, sp) | 0;
    }
  }
}

/**
 * The numeric instructions without immediates that the loop does not inline: operands are the
 * top cells; returns the new sp.
 */
function numeric(op: number, r: Int32Array, f32: Float32Array, f64: Float64Array, sp: number): number {
  // Binary operations: a is the first operand (and the result's cell), b the second.
  const b = sp - 4;
  const a = sp - 8;
  switch (op) {
    // i64 comparisons
    // #region gen-isa compact-numeric: generated by scripts/gen-isa.mjs from src/isa/instructions.ts; do not edit
    case 0x53: { // i64.lt_s
      r[a] = I64.i64_lt_s(r, a, b);
      return b;
    }
    case 0x54: { // i64.lt_u
      r[a] = I64.i64_lt_u(r, a, b);
      return b;
    }
    case 0x55: { // i64.gt_s
      r[a] = I64.i64_gt_s(r, a, b);
      return b;
    }
    case 0x56: { // i64.gt_u
      r[a] = I64.i64_gt_u(r, a, b);
      return b;
    }
    case 0x57: { // i64.le_s
      r[a] = I64.i64_le_s(r, a, b);
      return b;
    }
    case 0x58: { // i64.le_u
      r[a] = I64.i64_le_u(r, a, b);
      return b;
    }
    case 0x59: { // i64.ge_s
      r[a] = I64.i64_ge_s(r, a, b);
      return b;
    }
    case 0x5a: { // i64.ge_u
      r[a] = I64.i64_ge_u(r, a, b);
      return b;
    }
    case 0x79: { // i64.clz
      I64.i64_clz(r, b, b);
      return sp;
    }
    case 0x7a: { // i64.ctz
      I64.i64_ctz(r, b, b);
      return sp;
    }
    case 0x7b: { // i64.popcnt
      I64.i64_popcnt(r, b, b);
      return sp;
    }
    case 0x7f: { // i64.div_s
      I64.i64_div_s(r, a, a, b);
      return b;
    }
    case 0x80: { // i64.div_u
      I64.i64_div_u(r, a, a, b);
      return b;
    }
    case 0x81: { // i64.rem_s
      I64.i64_rem_s(r, a, a, b);
      return b;
    }
    case 0x82: { // i64.rem_u
      I64.i64_rem_u(r, a, a, b);
      return b;
    }
    case 0x89: { // i64.rotl
      I64.i64_rotl(r, a, a, b);
      return b;
    }
    case 0x8a: { // i64.rotr
      I64.i64_rotr(r, a, a, b);
      return b;
    }
    case 0xc2: { // i64.extend8_s
      I64.i64_extend8_s(r, b, b);
      return sp;
    }
    case 0xc3: { // i64.extend16_s
      I64.i64_extend16_s(r, b, b);
      return sp;
    }
    case 0xc4: { // i64.extend32_s
      I64.i64_extend32_s(r, b, b);
      return sp;
    }
    case 0x5b: { // f32.eq
      r[a] = f32[a] === f32[b] ? 1 : 0;
      return b;
    }
    case 0x5c: { // f32.ne
      r[a] = f32[a] !== f32[b] ? 1 : 0;
      return b;
    }
    case 0x5d: { // f32.lt
      r[a] = f32[a] < f32[b] ? 1 : 0;
      return b;
    }
    case 0x5e: { // f32.gt
      r[a] = f32[a] > f32[b] ? 1 : 0;
      return b;
    }
    case 0x5f: { // f32.le
      r[a] = f32[a] <= f32[b] ? 1 : 0;
      return b;
    }
    case 0x60: { // f32.ge
      r[a] = f32[a] >= f32[b] ? 1 : 0;
      return b;
    }
    case 0x8b: { // f32.abs
      r[b] = r[b] & 0x7fffffff;
      return sp;
    }
    case 0x8c: { // f32.neg
      r[b] = r[b] ^ 0x80000000;
      return sp;
    }
    case 0x8d: { // f32.ceil
      f32[b] = F.f32_ceil(f32[b]);
      return sp;
    }
    case 0x8e: { // f32.floor
      f32[b] = F.f32_floor(f32[b]);
      return sp;
    }
    case 0x8f: { // f32.trunc
      f32[b] = F.f32_trunc(f32[b]);
      return sp;
    }
    case 0x90: { // f32.nearest
      f32[b] = F.f32_nearest(f32[b]);
      return sp;
    }
    case 0x91: { // f32.sqrt
      f32[b] = F.f32_sqrt(f32[b]);
      return sp;
    }
    case 0x96: { // f32.min
      f32[a] = F.f32_min(f32[a], f32[b]);
      return b;
    }
    case 0x97: { // f32.max
      f32[a] = F.f32_max(f32[a], f32[b]);
      return b;
    }
    case 0x98: { // f32.copysign
      r[a] = (r[a] & 0x7fffffff) | (r[b] & 0x80000000);
      return b;
    }
    case 0x9b: { // f64.ceil
      f64[b >> 1] = F.f64_ceil(f64[b >> 1]);
      return sp;
    }
    case 0x9c: { // f64.floor
      f64[b >> 1] = F.f64_floor(f64[b >> 1]);
      return sp;
    }
    case 0x9d: { // f64.trunc
      f64[b >> 1] = F.f64_trunc(f64[b >> 1]);
      return sp;
    }
    case 0x9e: { // f64.nearest
      f64[b >> 1] = F.f64_nearest(f64[b >> 1]);
      return sp;
    }
    case 0x9f: { // f64.sqrt
      f64[b >> 1] = F.f64_sqrt(f64[b >> 1]);
      return sp;
    }
    case 0xa4: { // f64.min
      f64[a >> 1] = F.f64_min(f64[a >> 1], f64[b >> 1]);
      return b;
    }
    case 0xa5: { // f64.max
      f64[a >> 1] = F.f64_max(f64[a >> 1], f64[b >> 1]);
      return b;
    }
    case 0xa6: { // f64.copysign
      r[a + 1] = (r[a + 1] & 0x7fffffff) | (r[b + 1] & 0x80000000);
      return b;
    }
    case 0xa8: { // i32.trunc_f32_s
      r[b] = F.i32_trunc_f32_s(f32[b]);
      return sp;
    }
    case 0xa9: { // i32.trunc_f32_u
      r[b] = F.i32_trunc_f32_u(f32[b]);
      return sp;
    }
    case 0xaa: { // i32.trunc_f64_s
      r[b] = F.i32_trunc_f64_s(f64[b >> 1]);
      return sp;
    }
    case 0xab: { // i32.trunc_f64_u
      r[b] = F.i32_trunc_f64_u(f64[b >> 1]);
      return sp;
    }
    case 0xae: { // i64.trunc_f32_s
      I64.i64_trunc_f32_s(r, b, f32[b]);
      return sp;
    }
    case 0xaf: { // i64.trunc_f32_u
      I64.i64_trunc_f32_u(r, b, f32[b]);
      return sp;
    }
    case 0xb0: { // i64.trunc_f64_s
      I64.i64_trunc_f64_s(r, b, f64[b >> 1]);
      return sp;
    }
    case 0xb1: { // i64.trunc_f64_u
      I64.i64_trunc_f64_u(r, b, f64[b >> 1]);
      return sp;
    }
    case 0xb2: { // f32.convert_i32_s
      f32[b] = r[b];
      return sp;
    }
    case 0xb3: { // f32.convert_i32_u
      f32[b] = r[b] >>> 0;
      return sp;
    }
    case 0xb4: { // f32.convert_i64_s
      f32[b] = I64.f32_convert_i64_s(r, b);
      return sp;
    }
    case 0xb5: { // f32.convert_i64_u
      f32[b] = I64.f32_convert_i64_u(r, b);
      return sp;
    }
    case 0xb6: { // f32.demote_f64
      f32[b] = f64[b >> 1];
      return sp;
    }
    case 0xb7: { // f64.convert_i32_s
      f64[b >> 1] = r[b];
      return sp;
    }
    case 0xb8: { // f64.convert_i32_u
      f64[b >> 1] = r[b] >>> 0;
      return sp;
    }
    case 0xb9: { // f64.convert_i64_s
      f64[b >> 1] = I64.f64_convert_i64_s(r, b);
      return sp;
    }
    case 0xba: { // f64.convert_i64_u
      f64[b >> 1] = I64.f64_convert_i64_u(r, b);
      return sp;
    }
    case 0xbb: { // f64.promote_f32
      f64[b >> 1] = f32[b];
      return sp;
    }
    // #endregion gen-isa compact-numeric
  }
  throw new Error(`compact run loop: no case for opcode 0x${op.toString(16)}`);
}


/** Reads a u32 LEB128 at `at`, leaving `lebEnd` past it. */
function u32(b: Uint8Array, at: number): number {
  const x = b[at];
  if (x < 0x80) {
    lebEnd = at + 1;
    return x;
  }
  return u32Slow(b, at);
}

/**
 * The 0xFC instructions: saturating truncations, bulk memory and tables. `pc` is past the
 * sub-opcode; returns the new sp and leaves `lebEnd` at the next instruction.
 */
function prefixFC(sub: number, b: Uint8Array, pc: number, s: Slots, sp: number, inst: InstanceRt): number {
  const r = s.i32;
  const f32 = s.f32;
  const f64 = s.f64;
  const t = sp - 4;
  lebEnd = pc;
  switch (sub) {
    // #region gen-isa compact-fc: generated by scripts/gen-isa.mjs from src/isa/instructions.ts; do not edit
    case 0: { // i32.trunc_sat_f32_s
      r[t] = F.i32_trunc_sat_f32_s(f32[t]);
      return sp;
    }
    case 1: { // i32.trunc_sat_f32_u
      r[t] = F.i32_trunc_sat_f32_u(f32[t]);
      return sp;
    }
    case 2: { // i32.trunc_sat_f64_s
      r[t] = F.i32_trunc_sat_f64_s(f64[t >> 1]);
      return sp;
    }
    case 3: { // i32.trunc_sat_f64_u
      r[t] = F.i32_trunc_sat_f64_u(f64[t >> 1]);
      return sp;
    }
    case 4: { // i64.trunc_sat_f32_s
      I64.i64_trunc_sat_f32_s(r, t, f32[t]);
      return sp;
    }
    case 5: { // i64.trunc_sat_f32_u
      I64.i64_trunc_sat_f32_u(r, t, f32[t]);
      return sp;
    }
    case 6: { // i64.trunc_sat_f64_s
      I64.i64_trunc_sat_f64_s(r, t, f64[t >> 1]);
      return sp;
    }
    case 7: { // i64.trunc_sat_f64_u
      I64.i64_trunc_sat_f64_u(r, t, f64[t >> 1]);
      return sp;
    }
    // #endregion gen-isa compact-fc
    case 8: {
      // memory.init x 0
      const x = u32(b, pc);
      lebEnd++;
      sp -= 12;
      memory_init(inst, inst.mems[0], x, r[sp] >>> 0, r[sp + 4] >>> 0, r[sp + 8] >>> 0);
      return sp;
    }
    case 9: // data.drop x
      inst.datas[u32(b, pc)] = EMPTY_MEMORY;
      return sp;
    case 10: // memory.copy 0 0
      lebEnd = pc + 2;
      sp -= 12;
      memory_copy(inst.mems[0], r[sp] >>> 0, r[sp + 4] >>> 0, r[sp + 8] >>> 0);
      return sp;
    case 11: // memory.fill 0
      lebEnd = pc + 1;
      sp -= 12;
      memory_fill(inst.mems[0], r[sp] >>> 0, r[sp + 4], r[sp + 8] >>> 0);
      return sp;
    case 12: {
      // table.init elem table
      const y = u32(b, pc);
      const x = u32(b, lebEnd);
      sp -= 12;
      table_init(inst, inst.tables[x], y, r[sp] >>> 0, r[sp + 4] >>> 0, r[sp + 8] >>> 0);
      return sp;
    }
    case 13: // elem.drop
      inst.elems[u32(b, pc)] = new Int32Array(0);
      return sp;
    case 14: {
      // table.copy dst src
      const x = u32(b, pc);
      const y = u32(b, lebEnd);
      sp -= 12;
      table_copy(inst.tables[x], inst.tables[y], r[sp] >>> 0, r[sp + 4] >>> 0, r[sp + 8] >>> 0);
      return sp;
    }
    case 15: {
      // table.grow: [ref, n] → old size
      const x = u32(b, pc);
      sp -= 4;
      r[sp - 4] = inst.tables[x].grow(r[sp] >>> 0, r[sp - 4]);
      return sp;
    }
    case 16: // table.size
      r[sp] = inst.tables[u32(b, pc)].size;
      return sp + 4;
    case 17: {
      // table.fill: [i, ref, n]
      const x = u32(b, pc);
      sp -= 12;
      table_fill(inst.tables[x], r[sp] >>> 0, r[sp + 4], r[sp + 8] >>> 0);
      return sp;
    }
  }
  throw new Error(`compact run loop: no case for 0xfc ${sub}`);
}

const shuffleLanes = new Uint8Array(16);

/**
 * The SIMD (0xFD) instructions. `pc` is past the sub-opcode; returns the new sp and leaves
 * `lebEnd` at the next instruction. Operand cells are 16 bytes: a cell at Int32 index i is slot
 * i >> 1 for the v128 tables.
 */
function prefixFD(sub: number, b: Uint8Array, pc: number, s: Slots, sp: number, inst: InstanceRt): number {
  const uniform = V.SIMD_OPS[sub];
  if (uniform !== undefined) {
    const id = PREFIX_FD + sub;
    const n = opPopCount[id];
    const base = sp - n * 4;
    let imm = 0;
    if (opImm[id] === Imm.lane) imm = b[pc++];
    lebEnd = pc;
    const slot = base >> 1;
    uniform(s, slot, slot, slot + 2, slot + 4, imm);
    return opPush[id] !== 0 ? base + 4 : base;
  }
  const r = s.i32;
  if (sub === 0x0c) {
    // v128.const
    r[sp] = word(b, pc);
    r[sp + 1] = word(b, pc + 4);
    r[sp + 2] = word(b, pc + 8);
    r[sp + 3] = word(b, pc + 12);
    lebEnd = pc + 16;
    return sp + 4;
  }
  if (sub === 0x0d) {
    // i8x16.shuffle
    for (let k = 0; k < 16; k++) shuffleLanes[k] = b[pc + k];
    lebEnd = pc + 16;
    const slot = (sp - 8) >> 1;
    V.i8x16_shuffle(s, slot, slot, slot + 2, shuffleLanes);
    return sp - 4;
  }
  const m = V.SIMD_MEMORY_OPS[sub];
  if (m === undefined) throw new Error(`compact run loop: no SIMD case for 0xfd ${sub}`);
  // memarg: alignment, offset; then a lane for lane instructions
  pc = b[pc] & 0x80 ? skipLeb(b, pc + 1) : pc + 1;
  const off = u32(b, pc);
  pc = lebEnd | 0;
  let lane = 0;
  if (m.lane) lane = b[pc++];
  lebEnd = pc;
  const mem = inst.mems[0];
  if (m.store) {
    // [addr, v]
    sp -= 8;
    const ea = (r[sp] >>> 0) + off;
    if (ea + m.width > mem.limit) trap(TrapReason.memoryOutOfBounds);
    m.run(s, (sp + 4) >> 1, (sp + 4) >> 1, mem.u8, ea, lane);
    return sp;
  }
  if (m.lane) {
    // [addr, v] → v with a lane loaded, in addr's cell
    sp -= 4;
    const d = sp - 4;
    const ea = (r[d] >>> 0) + off;
    if (ea + m.width > mem.limit) trap(TrapReason.memoryOutOfBounds);
    m.run(s, d >> 1, sp >> 1, mem.u8, ea, lane);
    return sp;
  }
  // [addr] → v
  const d = sp - 4;
  const ea = (r[d] >>> 0) + off;
  if (ea + m.width > mem.limit) trap(TrapReason.memoryOutOfBounds);
  m.run(s, d >> 1, 0, mem.u8, ea, 0);
  return sp;
}
