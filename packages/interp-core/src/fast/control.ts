/**
 * Control flow in the translator: control frames (block, loop, if, else, end), branches with the
 * moves their values need, br_table, and the rewrites that turn a comparison (and an add just
 * before it) and the branch that follows into one instruction.
 */
import { Reader } from '@proj/decoder';
import type { FuncState } from '@proj/validator';
import { CATCH_ALL, delegateTarget } from '../exceptions.js';
import { CodeWriter, type Frame, type Word } from './code-writer.js';
import { Op } from './ops.js';

/** A load's address words and offset, taken off for a rewrite (see ControlWriter.takeLoad). */
type LoadAddress = readonly [Word, Word, number];

/**
 * Float comparisons that fuse with a following conditional branch: wasm op → [br, brNot] op.
 * These tables follow isa/families.ts (its test checks they agree).
 */
export const fusableFloat = new Map<number, readonly [number, number]>();
for (let k = 0; k < 6; k++) {
  fusableFloat.set(0x5b + k, [Op.brCmpF32 + k, Op.brNotCmpF32 + k]);
  fusableFloat.set(0x61 + k, [Op.brCmpF64 + k, Op.brNotCmpF64 + k]);
}

/** Comparisons (offsets in Op.brCmp) that fuse with the add just before them: ne, lt_s, lt_u. */
export const STEP_COMPARES = [2, 3, 4];

/** The i32 loads a br_if takes in one instruction (Op.brIfLoad, Op.brUnlessLoad), in their order. */
export const BRANCH_LOADS: readonly number[] = [0x28, 0x2d];

/** i32 comparisons that fuse with a following conditional branch: wasm op → offset in Op.brCmp. */
export const fusable = new Map<number, number>([
  [0x45, 0], // eqz
  [0x46, 1], // eq
  [0x47, 2], // ne
  [0x48, 3], // lt_s
  [0x49, 4], // lt_u
  [0x4a, 5], // gt_s
  [0x4b, 6], // gt_u
  [0x4c, 7], // le_s
  [0x4d, 8], // le_u
  [0x4e, 9], // ge_s
  [0x4f, 10], // ge_u
]);

/** The control frames and branches of the translator. */
export abstract class ControlWriter extends CodeWriter {
  /**
   * block, loop, if, try (opening a frame), else, catch, catch_all, delegate, end (closing one),
   * at operand stack height `h`. A try's body and catch clauses are laid out as an if's arms: a
   * clause starts where the handler search sends an exception (see exceptions.ts), with its
   * values in their own cells from the try's base.
   */
  protected structured(id: number, st: FuncState, h: number): void {
    const frames = this.frames;
    const types = st.stack;
    switch (id) {
      case 0x02:
      case 0x03:
      case 0x04:
      case 0x06: {
        const dead = this.dead > 0 || st.unreachable;
        const bt = st.imm;
        const mt = st.module.types;
        const nParams = bt >= 0 ? mt[bt].params.length : 0;
        const nResults = bt >= 0 ? mt[bt].results.length : bt === -64 ? 0 : 1;
        const below = id === 0x04 ? h - 1 : h;
        const f: Frame = {
          kind: id,
          base: below - nParams,
          arity: id === 0x03 ? nParams : nResults,
          results: nResults,
          start: 0,
          fixups: [],
          elseFixup: -1,
          dead,
          tryIndex: -1,
          enclosingTry: this.tryBlocks.current,
        };
        if (dead) this.dead++;
        else {
          // A join point: every entry below must be in its own cell on every path.
          this.materialize(0, below, types);
          if (id === 0x04) {
            f.elseFixup = this.condBranch(h, false);
            this.emit(-1);
          }
          if (id === 0x03) {
            this.label();
            f.start = this.pc;
            if (this.meter !== null) this.charge(st.pos);
          }
          if (id === 0x06) f.tryIndex = this.tryBlocks.open(this.pc, f.base);
        }
        frames.push(f);
        return;
      }
      case 0x07:
      case 0x19: {
        // catch, catch_all: the arm before goes past the end, and a clause starts
        const f = frames[frames.length - 1];
        if (f.dead) return;
        if (!st.unreachable) this.armToEnd(f, h, types);
        if (f.kind === 0x06) this.tryBlocks.endBody(f.tryIndex, this.pc);
        this.label();
        this.tryBlocks.clause(f.tryIndex, id === 0x07 ? st.imm : CATCH_ALL, this.pc);
        f.kind = id;
        // The clause's values are in their own cells.
        for (let i = f.base; i < this.pending.length; i++) this.pending[i] = -1;
        if (this.adds.size > 0) this.adds.clear();
        return;
      }
      case 0x05: {
        const f = frames[frames.length - 1];
        if (f.dead) return;
        if (!st.unreachable) this.armToEnd(f, h, types);
        this.patch(f.elseFixup);
        f.elseFixup = -1;
        f.kind = 0x05;
        return;
      }
      case 0x18:
      case 0x0b: {
        // end, or delegate: the end of a try whose exceptions go on at the label's try
        const f = frames.pop()!;
        if (f.dead) {
          this.dead--;
          return;
        }
        if (f.kind === 0x06) {
          this.tryBlocks.endBody(f.tryIndex, this.pc);
          if (id === 0x18) {
            const to = frames[frames.length - 1 - st.imm];
            this.tryBlocks.tries[f.tryIndex].delegate = delegateTarget(to.kind, to.tryIndex, to.enclosingTry);
          }
        }
        if (f.kind === 0) {
          if (!st.unreachable) this.jump(f, h);
        } else {
          if (!st.unreachable) this.materialize(h - f.results, h, types);
          if (f.elseFixup >= 0) this.patch(f.elseFixup);
        }
        for (const at of f.fixups) this.patch(at);
        // After a join every entry is in its own cell.
        for (let i = 0; i < this.pending.length; i++) this.pending[i] = -1;
        // Map.clear allocates a fresh table even when empty (see beginFunction).
        if (this.adds.size > 0) this.adds.clear();
        return;
      }
    }
  }

  /** The arm before an else or a catch clause falls through: its values, then a jump to the frame's end. */
  private armToEnd(f: Frame, h: number, types: Uint8Array): void {
    this.materialize(h - f.results, h, types);
    this.op(Op.br);
    f.fixups.push(this.pc);
    this.emit(-1);
  }

  /** Moves a branch's values (the `arity` entries below `top`) to the label's cells. */
  protected moves(f: Frame, top: number): void {
    for (let j = 0; j < f.arity; j++) {
      const from = top - f.arity + j;
      const to = f.base + j;
      if (from === to && this.pend(from) < 0) continue;
      this.op(Op.copy4);
      this.cell(to);
      this.src(from);
    }
  }

  protected needsMoves(f: Frame, top: number): boolean {
    for (let j = 0; j < f.arity; j++) {
      const from = top - f.arity + j;
      if (from !== f.base + j || this.pend(from) >= 0) return true;
    }
    return false;
  }

  /** An unconditional jump to label `f` with the values below `top`; the function's label returns. */
  protected jump(f: Frame, top: number): void {
    if (f.kind === 0) {
      // Results go to the frame's first cells (where the caller's arguments were). With several,
      // they are first written to their own cells, which lie above their destinations, so that
      // no copy overwrites a local or constant that a later one reads.
      if (f.arity === 1) {
        this.op(Op.return1);
        this.src(top - 1);
        return;
      }
      if (f.arity > 1) this.materialize(top - f.arity, top, this.types);
      for (let j = 0; j < f.arity; j++) {
        this.op(Op.copy4);
        this.emit(j * 4);
        this.src(top - f.arity + j);
      }
      this.op(Op.return);
      return;
    }
    this.moves(f, top);
    const at = this.lastOp;
    if (at >= 0 && this.lastLabel <= at && this.code[at] === Op.i32Imm && this.pc === at + 4) {
      // [addImm, d, a, k] then br: one instruction (a loop's step before its back edge, often).
      this.code[at] = Op.addImmBr;
      this.lastOp = -1;
    } else this.op(Op.br);
    this.target(f);
  }

  /** Emits the address of label `f`: a loop's start, or a fixup until the block's end. */
  protected target(f: Frame): void {
    if (f.kind === 0x03) this.emit(f.start);
    else {
      f.fixups.push(this.pc);
      this.emit(-1);
    }
  }

  /**
   * Emits a conditional branch on the i32 at the top (entry `h - 1`) to `target`, fusing a
   * comparison that was just emitted into it. `when` is whether it branches on true.
   */
  protected condBranch(h: number, when: boolean): number {
    const at = this.lastOp;
    const fusible = at >= 0 && this.lastDestIndex === h - 1 && this.lastLabel <= at && this.pend(h - 1) < 0;
    const first = fusible ? this.code[at] : -1;
    const k = fusable.get(first);
    const fk = fusableFloat.get(first);
    if (k !== undefined || fk !== undefined) {
      // Rewrite [cmp, d, a(, b)] in place as [brCmp, a(, b), target].
      const unary = k === 0;
      this.unrecord(at + 1);
      const a = this.take(at + 2);
      const b: Word = unary ? [0, false] : this.take(at + 3);
      const before = this.opBefore(at);
      this.rewind(at);
      if (when && k !== undefined && this.stepBranch(before, k, a, b, false)) return this.pc;
      if (when && k !== undefined && this.loadCompare(before, k, a, b, false)) return this.pc;
      this.op(fk !== undefined ? fk[when ? 0 : 1] : (when ? Op.brCmp : Op.brNotCmp) + k!);
      this.put(a);
      if (!unary) this.put(b);
      return this.pc;
    }
    if (first >= 0x351 && first <= 0x35a) {
      // [cmpImm, d, a, value] becomes [brCmpImm, a, value, target].
      this.unrecord(at + 1);
      const a = this.take(at + 2);
      const value = this.code[at + 3];
      const before = this.opBefore(at);
      this.rewind(at);
      if (when && this.stepBranch(before, first - 0x350, a, [value, false], true)) return this.pc;
      if (when && this.loadCompare(before, first - 0x350, a, [value, false], true)) return this.pc;
      this.op((when ? Op.brCmpImm : Op.brNotCmpImm) + (first - 0x350));
      this.put(a);
      this.emit(value);
      return this.pc;
    }
    const loaded = BRANCH_LOADS.indexOf(first);
    if (loaded >= 0 && this.pc === at + 5 && this.writesOwnCell(at, h - 1)) {
      // [load, d, a, b, offset] becomes [brIfLoad, a, b, offset, target].
      const address = this.takeLoad(at);
      this.op((when ? Op.brIfLoad : Op.brUnlessLoad) + loaded);
      this.putLoad(address);
      return this.pc;
    }
    if (when && this.stepNonzero(h)) return this.pc;
    this.op(when ? Op.brIf : Op.brUnless);
    this.src(h - 1);
    return this.pc;
  }

  /**
   * A br_if on the i32 the instruction before just computed with an add of a constant (a loop
   * counting down, say): rewrites the add as Op.addImmBrNz, which the caller gives its target.
   */
  protected stepNonzero(h: number): boolean {
    const at = this.lastOp;
    if (at < 0 || this.lastLabel > at || this.code[at] !== Op.i32Imm) return false;
    const p = this.pend(h - 1);
    const isStack = p < 0;
    if (this.code[at + 1] !== (isStack ? (this.L + h - 1) * 4 : p)) return false;
    if (this.isStackWord(at + 1) !== isStack) return false;
    const d = this.take(at + 1);
    const a = this.take(at + 2);
    const k = this.code[at + 3];
    this.rewind(at);
    this.op(Op.addImmBrNz);
    this.put(d);
    this.put(a);
    this.emit(k);
    this.pending[h - 1] = -1;
    return true;
  }

  /**
   * With code rewound to a compare-and-branch's start: when the instruction before it (at
   * `before`) is an i32 add whose result is the comparison's first operand `a`, rewrites both as
   * one add-and-branch (Op.addImmBrCmp and the two after it) and returns true; the caller then
   * emits nothing but the target. `b` is the second operand (a cell, or with `imm` a value).
   */
  protected stepBranch(before: number, k: number, a: Word, b: Word, imm: boolean): boolean {
    const kind = STEP_COMPARES.indexOf(k);
    if (kind < 0 || before < 0 || this.lastLabel > before) return false;
    const add = this.code[before];
    if ((add !== Op.i32Imm && (add !== 0x6a || imm)) || this.code[before + 1] !== a[0]) return false;
    // The same word is the same cell only if both name an operand-stack cell or both a local (a
    // constant cell and a stack cell can share a number until the stack cells are shifted).
    if (this.isStackWord(before + 1) !== a[1]) return false;
    // [add, d, a1, a2 or k]: d is the compare's first operand, a.
    this.unrecord(before + 1);
    const a1 = this.take(before + 2);
    const a2 = this.take(before + 3);
    this.rewind(before);
    this.op(add === 0x6a ? Op.addBrCmp + kind : (imm ? Op.addImmBrCmpImm : Op.addImmBrCmp) + kind);
    for (const w of [a, a1, a2, b]) this.put(w);
    return true;
  }

  /**
   * With code rewound to a compare-and-branch's start: when the instruction before it (at
   * `before`) is an i32.load whose result is one operand of an i32.eq or i32.ne (the first, with
   * an immediate `b`), rewrites both as Op.brCmpLoad / Op.brCmpImmLoad and returns true; the
   * caller then emits nothing but the target.
   */
  protected loadCompare(before: number, k: number, a: Word, b: Word, imm: boolean): boolean {
    const kind = k - 1; // eq, ne
    if ((kind !== 0 && kind !== 1) || before < 0 || this.lastLabel > before || before + 5 !== this.pc || this.code[before] !== 0x28) return false;
    const loaded = this.code[before + 1];
    if (!this.isStackWord(before + 1)) return false;
    let other = b;
    if (!(a[1] && a[0] === loaded)) {
      if (imm || !(b[1] && b[0] === loaded)) return false;
      other = a;
    }
    const address = this.takeLoad(before);
    this.op((imm ? Op.brCmpImmLoad : Op.brCmpLoad) + kind);
    this.putLoad(address);
    if (imm) this.emit(other[0]);
    else this.put(other);
    return true;
  }

  /**
   * A br_table whose index the instruction before loaded (an i32.load, or one at a scaled index)
   * into its operand-stack cell: rewrites the load as the start of Op.brTableLoad, `[op, x, b,
   * offset, shift]`, and returns true; the caller goes on with the count and the targets. Not in
   * code that keeps its instruction starts (the compiled profile switches on the index itself).
   */
  private tableOnLoad(h: number): boolean {
    const at = this.lastOp;
    const op = at >= 0 ? this.code[at] : -1;
    const words = op === 0x28 ? 5 : op === Op.loadScaled32 ? 6 : 0;
    if (words === 0 || this.recordStarts || this.lastLabel > at || this.pc !== at + words) return false;
    if (this.lastDestIndex !== h - 1 || this.pend(h - 1) >= 0 || !this.writesOwnCell(at, h - 1)) return false;
    const shift = words === 6 ? this.code[at + 5] : 0;
    const address = this.takeLoad(at);
    this.op(Op.brTableLoad);
    this.putLoad(address);
    this.emit(shift);
    return true;
  }

  /**
   * Takes the load at `at` (`[op, d, a, b, offset, ...]`, the last instruction) off for a rewrite
   * that folds it into the instruction that takes its result `d`: its address words and offset.
   */
  protected takeLoad(at: number): LoadAddress {
    this.unrecord(at + 1);
    const a = this.take(at + 2);
    const b = this.take(at + 3);
    const offset = this.code[at + 4];
    this.rewind(at);
    return [a, b, offset];
  }

  /** Emits an address that takeLoad took. */
  protected putLoad([a, b, offset]: LoadAddress): void {
    this.put(a);
    this.put(b);
    this.emit(offset);
  }

  protected brTable(st: FuncState, h: number): void {
    const frames = this.frames;
    // Re-read the targets: count, then each depth, then the default (already validated).
    const r = new Reader(st.module.bytes, st.pos + 1);
    const n = r.u32();
    const depths: number[] = [];
    for (let i = 0; i <= n; i++) depths.push(r.u32());
    if (!this.tableOnLoad(h)) {
      this.op(Op.brTable);
      this.src(h - 1);
    }
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
