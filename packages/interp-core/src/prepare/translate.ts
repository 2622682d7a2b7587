/**
 * The `fast` preparation: while the validator checks each function body, this sink translates it
 * into the prepared code of ops.ts. Every operand is addressed by its cell, which the validator's
 * stack height fixes statically, so the run loop moves no stack pointer; branch targets are
 * resolved; dead code is left out.
 *
 * Short names: `h` the operand stack height before the instruction, `L` the number of locals
 * (parameters included), `cell(i)` the Int32 index of operand `i` (`(L + i) * 4`).
 */
import { Imm, opHasSig, opImm, opPopCount, opPush, PREFIX_FD, ValType } from '@proj/decoder';
import type { CodeSink, FuncState } from '@proj/validator';
import { Op } from './ops.js';

/** A function ready to run. */
export interface PreparedFunc {
  readonly code: Int32Array;
  /** Cells of parameters. */
  readonly params: number;
  /** Cells of parameters and declared locals. */
  readonly locals: number;
  /** Cells the frame needs: locals and the deepest operand stack. */
  readonly frameCells: number;
  /** The function's type index in its module. */
  readonly typeIndex: number;
}

/** A control frame as the translator sees it. */
interface Frame {
  /** 0 function, 0x02 block, 0x03 loop, 0x04 if, 0x05 else. */
  kind: number;
  /** The cell where the label's values go (Int32 units). */
  base: number;
  /** How many values a branch to this label carries. */
  arity: number;
  /** Code index of a loop's start. */
  start: number;
  /** Code indices of words waiting for the end's address. */
  fixups: number[];
  /** Code index of an `if`'s false-branch target, until its else or end. */
  elseFixup: number;
  /** Opened in unreachable code: nothing inside is emitted. */
  dead: boolean;
}

const SIMD_MEMORY = new Set([
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
  0x5a, 0x5b, 0x5c, 0x5d,
]);

/** Whether op `id` is a SIMD instruction laid out as `[id, d, a, b, c, lane]`. */
export function isUniformSimd(id: number): boolean {
  return id >= PREFIX_FD && id !== PREFIX_FD + 0x0c && id !== PREFIX_FD + 0x0d && !SIMD_MEMORY.has(id - PREFIX_FD);
}

function copyOp(t: number): number {
  return t === ValType.v128 ? Op.copy4 : t === ValType.i64 || t === ValType.f64 ? Op.copy2 : Op.copy1;
}

function selectOp(t: number): number {
  return t === ValType.v128 ? Op.select4 : t === ValType.i64 || t === ValType.f64 ? Op.select2 : Op.select1;
}

export class Translator implements CodeSink {
  /** Prepared functions, by index among the module's own functions. */
  readonly funcs: PreparedFunc[] = [];

  private code = new Int32Array(1024);
  private pc = 0;
  private L = 0;
  private params = 0;
  private maxHeight = 0;
  private frames: Frame[] = [];
  /** How many open frames are dead. */
  private dead = 0;

  private emit(w: number): void {
    if (this.pc === this.code.length) {
      const grown = new Int32Array(this.code.length * 2);
      grown.set(this.code);
      this.code = grown;
    }
    this.code[this.pc++] = w;
  }

  private cell(i: number): number {
    return (this.L + i) * 4;
  }

  beginFunction(st: FuncState): void {
    this.pc = 0;
    this.L = st.localCount;
    this.params = st.module.types[st.module.funcTypes[st.funcIndex]].params.length;
    this.maxHeight = 0;
    this.dead = 0;
    this.frames = [this.frame(0, 0, st.frameResults(0).length, false)];
  }

  endFunction(st: FuncState): void {
    this.funcs.push({
      code: this.code.slice(0, this.pc),
      params: this.params,
      locals: this.L,
      frameCells: this.L + this.maxHeight + 1,
      typeIndex: st.module.funcTypes[st.funcIndex],
    });
  }

  private frame(kind: number, base: number, arity: number, dead: boolean): Frame {
    return { kind, base, arity, start: this.pc, fixups: [], elseFixup: -1, dead };
  }

  private patch(at: number): void {
    this.code[at] = this.pc;
  }

  /** Moves a branch's `arity` values from the top of the stack (below `top`) to the label's cells. */
  private moves(f: Frame, top: number): void {
    const src = this.cell(top - f.arity);
    for (let j = 0; j < f.arity * 4; j += 4) {
      if (src + j !== f.base + j) {
        this.emit(Op.copy4);
        this.emit(f.base + j);
        this.emit(src + j);
      }
    }
  }

  private needsMoves(f: Frame, top: number): boolean {
    return f.arity > 0 && this.cell(top - f.arity) !== f.base;
  }

  /** An unconditional jump to label `f` with the values below `top`; the function's label returns. */
  private jump(f: Frame, top: number): void {
    if (f.kind === 0) {
      this.emit(Op.return);
      this.emit(this.cell(top - f.arity));
      this.emit(f.arity);
      return;
    }
    this.moves(f, top);
    this.emit(Op.br);
    this.target(f);
  }

  /** Emits the address of label `f`: a loop's start, or a fixup until the block's end. */
  private target(f: Frame): void {
    if (f.kind === 0x03) this.emit(f.start);
    else {
      f.fixups.push(this.pc);
      this.emit(-1);
    }
  }

  instr(id: number, st: FuncState): void {
    const h = st.height;
    if (h > this.maxHeight) this.maxHeight = h;
    const frames = this.frames;
    switch (id) {
      case 0x02:
      case 0x03:
      case 0x04: {
        const dead = this.dead > 0 || st.unreachable;
        const bt = st.imm;
        const types = st.module.types;
        const nParams = bt >= 0 ? types[bt].params.length : 0;
        const nResults = bt >= 0 ? types[bt].results.length : bt === -64 ? 0 : 1;
        const below = id === 0x04 ? h - 1 : h;
        const f = this.frame(id, this.cell(below - nParams), id === 0x03 ? nParams : nResults, dead);
        if (dead) this.dead++;
        else if (id === 0x04) {
          this.emit(Op.brUnless);
          this.emit(this.cell(h - 1));
          f.elseFixup = this.pc;
          this.emit(-1);
        }
        frames.push(f);
        return;
      }
      case 0x05: {
        const f = frames[frames.length - 1];
        if (f.dead) return;
        if (!st.unreachable) {
          this.emit(Op.br);
          f.fixups.push(this.pc);
          this.emit(-1);
        }
        this.patch(f.elseFixup);
        f.elseFixup = -1;
        f.kind = 0x05;
        return;
      }
      case 0x0b: {
        const f = frames.pop()!;
        if (f.dead) {
          this.dead--;
          return;
        }
        if (f.kind === 0) {
          if (!st.unreachable) this.jump(f, h);
        } else {
          if (f.elseFixup >= 0) this.patch(f.elseFixup);
        }
        for (const at of f.fixups) this.patch(at);
        return;
      }
    }
    if (this.dead > 0 || st.unreachable) return;

    const code = st.module.bytes;
    switch (id) {
      case 0x00:
        this.emit(Op.unreachable);
        return;
      case 0x01: // nop
      case 0x1a: // drop: operands live in fixed cells, nothing moves
        return;
      case 0x0c: {
        this.jump(frames[frames.length - 1 - st.imm], h);
        return;
      }
      case 0x0d: {
        const f = frames[frames.length - 1 - st.imm];
        const cond = this.cell(h - 1);
        if (f.kind !== 0 && !this.needsMoves(f, h - 1)) {
          this.emit(Op.brIf);
          this.emit(cond);
          this.target(f);
          return;
        }
        this.emit(Op.brUnless);
        this.emit(cond);
        const skip = this.pc;
        this.emit(-1);
        this.jump(f, h - 1);
        this.patch(skip);
        return;
      }
      case 0x0e:
        this.brTable(st, h);
        return;
      case 0x0f:
        this.jump(frames[0], h);
        return;
      case 0x10: {
        const t = st.module.types[st.module.funcTypes[st.imm]];
        this.emit(Op.call);
        this.emit(st.imm);
        this.emit(this.cell(h - t.params.length));
        return;
      }
      case 0x11: {
        const t = st.module.types[st.imm];
        this.emit(Op.callIndirect);
        this.emit(st.imm);
        this.emit(st.imm2);
        this.emit(this.cell(h - 1 - t.params.length));
        this.emit(this.cell(h - 1));
        return;
      }
      case 0x1b:
      case 0x1c: {
        const t = id === 0x1c ? st.imm : st.stack[h - 2] || st.stack[h - 3];
        this.emit(selectOp(t));
        this.emit(this.cell(h - 3));
        this.emit(this.cell(h - 3));
        this.emit(this.cell(h - 2));
        this.emit(this.cell(h - 1));
        return;
      }
      case 0x20:
        this.emit(copyOp(st.localTypes[st.imm]));
        this.emit(this.cell(h));
        this.emit(st.imm * 4);
        return;
      case 0x21:
      case 0x22:
        this.emit(copyOp(st.localTypes[st.imm]));
        this.emit(st.imm * 4);
        this.emit(this.cell(h - 1));
        return;
      case 0x23:
        this.emit(Op.globalGet);
        this.emit(this.cell(h));
        this.emit(st.imm);
        return;
      case 0x24:
        this.emit(Op.globalSet);
        this.emit(st.imm);
        this.emit(this.cell(h - 1));
        return;
      case 0x25:
        this.emit(Op.tableGet);
        this.emit(this.cell(h - 1));
        this.emit(this.cell(h - 1));
        this.emit(st.imm);
        return;
      case 0x26:
        this.emit(Op.tableSet);
        this.emit(this.cell(h - 2));
        this.emit(this.cell(h - 1));
        this.emit(st.imm);
        return;
      case 0xd0:
        this.emit(Op.refNull);
        this.emit(this.cell(h));
        return;
      case 0xd1:
        this.emit(Op.refIsNull);
        this.emit(this.cell(h - 1));
        this.emit(this.cell(h - 1));
        return;
      case 0xd2:
        this.emit(Op.refFunc);
        this.emit(this.cell(h));
        this.emit(st.imm);
        return;
      case 0x10f: // table.grow
        this.emit(Op.tableGrow);
        this.emit(this.cell(h - 2));
        this.emit(this.cell(h - 2));
        this.emit(this.cell(h - 1));
        this.emit(st.imm);
        return;
      case 0x111: // table.fill
        this.emit(Op.tableFill);
        this.emit(this.cell(h - 3));
        this.emit(this.cell(h - 2));
        this.emit(this.cell(h - 1));
        this.emit(st.imm);
        return;
    }
    if (!opHasSig[id]) throw new Error(`translator: no rule for op 0x${id.toString(16)}`);

    // Instructions typed by the table: [id, d?, operands..., immediates...].
    const n = opPopCount[id];
    const first = h - n;
    this.emit(id);
    if (isUniformSimd(id)) {
      this.emit(this.cell(first));
      for (let k = 0; k < 3; k++) this.emit(k < n ? this.cell(first + k) : 0);
      this.emit(opImm[id] === Imm.lane ? st.imm : 0);
      return;
    }
    if (opPush[id] !== 0) this.emit(this.cell(first));
    for (let k = 0; k < n; k++) this.emit(this.cell(first + k));
    switch (opImm[id]) {
      case Imm.none:
      case Imm.zeroByte:
      case Imm.memoryCopy:
        return;
      case Imm.memArg:
      case Imm.i32:
      case Imm.memoryInit:
      case Imm.data:
      case Imm.elem:
      case Imm.table:
        this.emit(st.imm);
        return;
      case Imm.memArgLane:
      case Imm.tableInit:
      case Imm.tableCopy:
        this.emit(st.imm);
        this.emit(st.imm2);
        return;
      case Imm.f32:
        this.emitWords(code, st.pos + 1, 1);
        return;
      case Imm.f64:
        this.emitWords(code, st.pos + 1, 2);
        return;
      case Imm.v128:
      case Imm.shuffle:
        this.emitWords(code, st.next - 16, 4);
        return;
      case Imm.i64:
        this.emitI64(code, st.pos + 1);
        return;
      default:
        throw new Error(`translator: no immediate layout for op 0x${id.toString(16)}`);
    }
  }

  /** Emits `n` little-endian 32-bit words read from the module bytes. */
  private emitWords(b: Uint8Array, at: number, n: number): void {
    for (let k = 0; k < n; k++, at += 4) this.emit(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));
  }

  /** Emits an i64 constant's low and high halves, decoded from its (already validated) LEB128. */
  private emitI64(b: Uint8Array, at: number): void {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = b[at++];
      const v = byte & 0x7f;
      if (shift < 32) {
        lo |= v << shift;
        if (shift > 25) hi |= v >>> (32 - shift);
      } else hi |= v << (shift - 32);
      shift += 7;
    } while (byte & 0x80);
    if (shift < 64 && byte & 0x40) {
      if (shift < 32) {
        lo |= -1 << shift;
        hi = -1;
      } else hi |= -1 << (shift - 32);
    }
    this.emit(lo);
    this.emit(hi);
  }

  private brTable(st: FuncState, h: number): void {
    const frames = this.frames;
    const bytes = st.module.bytes;
    // Re-read the targets: count, then each depth, then the default (already validated).
    let at = st.pos + 1;
    const readU32 = (): number => {
      let result = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = bytes[at++];
        result |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      return result >>> 0;
    };
    const n = readU32();
    const depths: number[] = [];
    for (let i = 0; i <= n; i++) depths.push(readU32());
    this.emit(Op.brTable);
    this.emit(this.cell(h - 1));
    this.emit(n);
    const top = h - 1;
    const stubs = new Map<number, number[]>();
    for (const d of depths) {
      const f = frames[frames.length - 1 - d];
      if (f.kind === 0 || this.needsMoves(f, top)) {
        let waiting = stubs.get(d);
        if (!waiting) stubs.set(d, (waiting = []));
        waiting.push(this.pc);
        this.emit(-1);
      } else this.target(f);
    }
    // Targets that move values (or return) get a stub right after the table: code after an
    // unconditional branch is unreachable, so the stubs are only reached from the table.
    for (const [d, waiting] of stubs) {
      for (const w of waiting) this.patch(w);
      this.jump(frames[frames.length - 1 - d], top);
    }
  }
}
