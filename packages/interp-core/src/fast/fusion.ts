/**
 * Peephole rewrites in the translator, each on the instruction just emitted: an i32 operation with
 * a constant operand takes it as an immediate; an add of a constant waits to become a load's or
 * store's address (with a scaled index folded in too); an f32/f64 add of a product becomes a
 * mul-add; an f64 add or mul of two loads becomes one instruction; an i64 or i32 operation of
 * the result of the one before, and an add of a float sum just computed, become one instruction
 * (chains); so do an i64.add of a value just loaded, and a load, an add of a constant and a store
 * back at the same address.
 */
import { Imm, opHasSig, opImm, opPopCount, opPush, ValType } from '@proj/decoder';
import type { FuncState } from '@proj/validator';
import type { Word } from './code-writer.js';
import { ControlWriter } from './control.js';
import { Op } from './ops.js';

/**
 * i32 instructions with an immediate form: wasm op → the form's op when the second operand is a
 * constant, and when the first is (commutative ops, or comparisons turned around), or -1.
 */
export const immediateForm = new Map<number, { op: number; swapped: number }>([
  [0x6a, { op: 0x340, swapped: 0x340 }], // add
  [0x6b, { op: 0x340, swapped: -1 }], // sub: add the negation
  [0x6c, { op: 0x341, swapped: 0x341 }], // mul
  [0x71, { op: 0x342, swapped: 0x342 }], // and
  [0x72, { op: 0x343, swapped: 0x343 }], // or
  [0x73, { op: 0x344, swapped: 0x344 }], // xor
  [0x74, { op: 0x345, swapped: -1 }], // shl
  [0x75, { op: 0x346, swapped: -1 }], // shr_s
  [0x76, { op: 0x347, swapped: -1 }], // shr_u
  [0x46, { op: 0x351, swapped: 0x351 }], // eq
  [0x47, { op: 0x352, swapped: 0x352 }], // ne
  [0x48, { op: 0x353, swapped: 0x355 }], // lt_s ↔ gt_s
  [0x49, { op: 0x354, swapped: 0x356 }], // lt_u ↔ gt_u
  [0x4a, { op: 0x355, swapped: 0x353 }], // gt_s
  [0x4b, { op: 0x356, swapped: 0x354 }], // gt_u
  [0x4c, { op: 0x357, swapped: 0x359 }], // le_s ↔ ge_s
  [0x4d, { op: 0x358, swapped: 0x35a }], // le_u ↔ ge_u
  [0x4e, { op: 0x359, swapped: 0x357 }], // ge_s
  [0x4f, { op: 0x35a, swapped: 0x358 }], // ge_u
]);

/**
 * Instructions the translator handles by rules of their own (control, calls, locals, globals,
 * select, tables, references, constants): pending adds are computed before any of them.
 */
const OWN_RULES = new Set([
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x1a, 0x1b, 0x1c, 0x20, 0x21,
  0x22, 0x23, 0x24, 0x25, 0x26, 0x41, 0x42, 0x43, 0x44, 0xd0, 0xd1, 0xd2, 0x10f, 0x111,
]);

/** Scalar accesses that fold a scaled index: op → its scaled form (an f32 is moved as its word). */
const SCALED = new Map<number, number>([
  [0x28, Op.loadScaled32], // i32.load
  [0x29, Op.loadScaled64], // i64.load
  [0x2a, Op.loadScaled32], // f32.load
  [0x2b, Op.loadScaledF64], // f64.load
  [0x36, Op.storeScaled32], // i32.store
  [0x37, Op.storeScaled64], // i64.store
  [0x38, Op.storeScaled32], // f32.store
  [0x39, Op.storeScaledF64], // f64.store
]);

/**
 * The `chain` families (isa/families.ts): `first << 8 | second` (wasm ops) → the fused op, for
 * an operation `second` of the result of `first` just before it.
 */
export const CHAINS = new Map<number, number>();
const XOR = 0x85;
const ADD = 0x7c;
const AND = 0x83;
const ROTL = 0x89;
const I32_ROTL = 0x77;
for (const [first, base, seconds] of [
  [XOR, Op.i64XorThen, [XOR, ADD, AND, ROTL]],
  [ADD, Op.i64AddThen, [XOR, ADD]],
  [AND, Op.i64AndThen, [XOR]],
  [ROTL, Op.i64RotlThen, [XOR]],
  [0x88, Op.i64ShrUThen, [XOR]], // i64.shr_u
  // i32 xor, add, and, rotl
  [0x73, Op.i32XorThen, [-1, 0x6a, 0x71, I32_ROTL]],
  [0x6a, Op.i32AddThen, [0x73, 0x6a, -1, I32_ROTL]],
  [0x71, Op.i32AndThen, [0x73]],
  [I32_ROTL, Op.i32RotlThen, [0x73, 0x6a]],
  // f64.add, f32.sub, f32.add, then an add
  [0xa0, Op.f64AddThen, [0xa0]],
  [0x93, Op.f32SubThen, [0x92]],
  [0x92, Op.f32AddThen, [0x92]],
] as const) {
  seconds.forEach((second, k) => second >= 0 && CHAINS.set((first << 8) | second, base + k));
}

/** The wasm ops that take the result of the one before in a `chain` family. */
export const CHAIN_SECONDS = new Set([...CHAINS.keys()].map((key) => key & 0xff));

/** An operand stack entry and where to read it (its pending source, or -1 for its own cell). */
type Operand = readonly [entry: number, source: number];

/** The peephole rewrites of the translator. */
export abstract class FusingWriter extends ControlWriter {
  /**
   * A binary i32 instruction with a constant operand becomes `[op, d, a, value]`: the constant
   * is an immediate, not a cell. Returns false when neither operand is a pending i32 constant.
   */
  protected immediate(id: number, form: { op: number; swapped: number }, h: number): boolean {
    let value = this.i32Const(h - 1);
    let op = form.op;
    let other = h - 2;
    if (value === undefined) {
      value = this.i32Const(h - 2);
      if (value === undefined || form.swapped < 0) return false;
      op = form.swapped;
      other = h - 1;
    }
    if (id === 0x6b) value = -value | 0; // a - k = a + (-k), wrapping
    if (op === Op.i32Imm) {
      // An add waits: a load or store may take it as its address. Its operand must stay put
      // meanwhile: a local or constant cell, or the entry's own cell (not the popped one above).
      const p = this.pend(other);
      if (p < 0 && other !== h - 2) return this.emitImmediate(op, h, other, value);
      this.adds.set(h - 2, [p >= 0 ? p : (this.L + other) * 4, value, p < 0]);
      this.pending[h - 2] = -1;
      this.pending[h - 1] = -1;
      return true;
    }
    return this.emitImmediate(op, h, other, value);
  }

  /** Emits `[op, d, a, value]` for entries h - 2, h - 1 (`other` the operand that is not the value). */
  protected emitImmediate(op: number, h: number, other: number, value: number): true {
    this.op(op);
    this.emitDestAfter(h - 2, [other]);
    this.emit(value);
    this.pending[h - 1] = -1;
    return true;
  }

  /**
   * Before instruction `id` at height `h`: computes the pending adds it pops (all of them for
   * instructions with rules of their own), except the address a scalar load or store takes.
   * Pushes leave them waiting; `drop` forgets the one it drops.
   */
  protected settleAdds(id: number, h: number): void {
    if (id === 0x20 || (id >= 0x41 && id <= 0x44)) return;
    if (id === 0x1a) {
      this.adds.delete(h - 1);
      return;
    }
    let from = 0;
    if (opImm[id] === Imm.memArg) {
      // A load keeps its address waiting; a store computes a waiting value.
      from = opPush[id] !== 0 ? h : h - 1;
    } else if (opHasSig[id] && !OWN_RULES.has(id)) from = h - opPopCount[id];
    for (const i of [...this.adds.keys()].sort((x, y) => x - y)) {
      if (i < from) continue;
      const [cell, k, isStack] = this.adds.get(i)!;
      this.adds.delete(i);
      this.op(Op.i32Imm);
      this.dest(i);
      this.put([cell, isStack], true);
      this.emit(k);
    }
  }

  /**
   * A load or store without a lane: `[id, d, addrA, addrB, offset]` or `[id, addrA, addrB, value, offset]`.
   * An i32.add that just computed the address is folded in; otherwise addrB is a zero constant.
   * When a shift by a constant just computed addrA (an array index scaled to its element size),
   * a 32- or 64-bit access folds it in too, as its scaled form (Op.loadScaled32 ... , SCALED).
   */
  protected memoryAccess(id: number, st: FuncState, h: number): void {
    if (id === 0x36 && this.addToMemory(st, h)) return;
    const load = opPush[id] !== 0;
    const i = load ? h - 1 : h - 2;
    const at = this.lastOp;
    const before = this.opBefore(at);
    let a: Word;
    let b: Word;
    let shiftAt = -1;
    const waiting = this.adds.get(i);
    const fusible = waiting === undefined && at >= 0 && this.lastDestIndex === i && this.lastLabel <= at && this.pend(i) < 0;
    if (waiting !== undefined) {
      // A pending add of a cell and a constant: its operands are the address's.
      this.adds.delete(i);
      a = [waiting[0], waiting[2]];
      b = [this.constCell(ValType.i32, [waiting[1]], true), false];
      shiftAt = at;
    } else if (fusible && this.code[at] === Op.i32Imm) {
      // [addImm, d, a, k]: the address is a + k, with k in a constant cell.
      this.unrecord(at + 1);
      a = this.take(at + 2);
      b = [this.constCell(ValType.i32, [this.code[at + 3]], true), false];
      this.rewind(at);
      shiftAt = before;
    } else if (fusible && this.code[at] === 0x6a) {
      this.unrecord(at + 1);
      a = this.take(at + 2);
      b = this.take(at + 3);
      this.rewind(at);
      shiftAt = before;
      if (this.isShift(before, b)) [a, b] = [b, a];
    } else {
      const p = this.pend(i);
      a = p >= 0 ? [p, false] : [(this.L + i) * 4, true];
      b = [this.constCell(ValType.i32, [0], true), false];
      if (fusible) shiftAt = at;
    }
    const scaledOp = SCALED.get(id);
    const scaled = scaledOp !== undefined && this.isShift(shiftAt, a);
    let shift = 0;
    if (scaled) {
      // [shlImm, a, x, k] is gone: the access reads x and shifts it.
      this.unrecord(shiftAt + 1);
      shift = this.code[shiftAt + 3];
      a = this.take(shiftAt + 2);
      this.rewind(shiftAt);
    }
    const value = load ? -1 : this.pend(h - 1);
    this.op(scaled ? scaledOp : id);
    if (load) this.dest(i);
    this.put(a, true);
    this.put(b, true);
    if (!load) {
      if (value >= 0) this.emitSrc(value);
      else this.cell(h - 1);
      this.pending[h - 1] = -1;
      this.pending[i] = -1;
    }
    this.emit(st.imm);
    if (scaled) this.emit(shift);
  }

  /**
   * An i32.store of the i32.load just before it plus a constant (`i32Imm.add`), at the same
   * address (the same cells, neither on the operand stack, and the same offset): rewrites the
   * three as one Op.i32AddImmAt, `[op, a, b, offset, k]` (a counter's increment). Returns false,
   * emitting nothing, otherwise.
   */
  private addToMemory(st: FuncState, h: number): boolean {
    const at = this.lastOp;
    const load = this.opBefore(at);
    const code = this.code;
    const v = (this.L + h - 1) * 4;
    if (load < 0 || load !== at - 5 || this.pc !== at + 4 || this.lastLabel > load) return false;
    if (code[load] !== 0x28 || code[at] !== Op.i32Imm || code[load + 4] !== st.imm) return false;
    // [load, v, A, B, offset] then [add, v, v, k]: the loaded value only ever in v, the stored value's cell.
    if (this.lastDestIndex !== h - 1 || code[load + 1] !== v || code[at + 1] !== v || code[at + 2] !== v) return false;
    if (this.pend(h - 1) >= 0 || !this.isStackWord(load + 1) || this.isStackWord(load + 2) || this.isStackWord(load + 3)) return false;
    // The store's address, as memoryAccess would take it: a waiting add of a cell and a constant, or a cell.
    const waiting = this.adds.get(h - 2);
    let a: number;
    let b: number;
    if (waiting !== undefined) {
      if (waiting[2]) return false;
      a = waiting[0];
      b = this.constCell(ValType.i32, [waiting[1]], true);
    } else {
      a = this.pend(h - 2);
      b = this.constCell(ValType.i32, [0], true);
    }
    if (a < 0 || a !== code[load + 2] || b !== code[load + 3]) return false;
    const k = code[at + 3];
    this.unrecord(load + 1);
    this.unrecord(at + 1);
    this.unrecord(at + 2);
    this.adds.delete(h - 2);
    this.rewind(load);
    this.op(Op.i32AddImmAt);
    this.emitSrc(a);
    this.emitSrc(b);
    this.emit(st.imm);
    this.emit(k);
    this.pending[h - 1] = -1;
    this.pending[h - 2] = -1;
    return true;
  }

  /**
   * An f32.add / f64.add of the product the instruction before computed (an operand-stack cell,
   * either operand): rewrites both as one Op.f32MulAdd / Op.f64MulAdd, `[op, d, a, b, c]` for
   * d = a * b + c, each operation rounded as on its own. Returns false, emitting nothing, otherwise.
   */
  protected mulAdd(id: number, h: number): boolean {
    const at = this.lastOp;
    if (id === 0xa0 && at >= 0 && this.code[at] === Op.f64MulLoads) return this.mulAddLoads(h);
    const mul = id === 0x92 ? 0x94 : 0xa2;
    // The product must still be in its own operand-stack cell (not computed into a local).
    const other = at >= 0 && this.code[at] === mul ? this.otherOperand(h, 4) : undefined;
    if (other === undefined) return false;
    // [mul, d, a, b] keeps its operands; the add's result goes to h - 2 and its other operand is c.
    this.unrecord(at + 1);
    const a = this.take(at + 2);
    const b = this.take(at + 3);
    this.rewind(at);
    this.op(id === 0x92 ? Op.f32MulAdd : Op.f64MulAdd);
    this.dest(h - 2);
    this.put(a);
    this.put(b);
    this.putOperand(other);
    this.pending[h - 1] = -1;
    return true;
  }

  /**
   * An f64.add of the product the Op.f64MulLoads before it computed (an operand-stack cell,
   * either operand): rewrites both as one Op.f64MulAddLoads, `[op, d, c, a1, b1, offset1, a2,
   * b2, offset2]`. Returns false, emitting nothing, otherwise.
   */
  private mulAddLoads(h: number): boolean {
    const at = this.lastOp;
    const other = this.otherOperand(h, 8);
    if (other === undefined) return false;
    this.unrecord(at + 1);
    // The two addresses: [a, b, offset] each (offsets are not cells).
    const words: Word[] = [];
    for (const k of [2, 5]) words.push(this.take(at + k), this.take(at + k + 1), [this.code[at + k + 2], false]);
    this.rewind(at);
    this.op(Op.f64MulAddLoads);
    this.dest(h - 2);
    this.putOperand(other);
    for (const w of words) this.put(w);
    this.pending[h - 1] = -1;
    return true;
  }

  /**
   * An i64 (i32) operation (`id`) of the result the i64 (i32) operation before it computed into an
   * operand-stack cell (either operand; the rotated value of a rotl): rewrites both as one op of
   * a `chain` family, `[op, d, a, b, c]` for d = second(first(a, b), c). Returns false, emitting
   * nothing, otherwise.
   */
  protected chain(id: number, h: number): boolean {
    const at = this.lastOp;
    const op = at >= 0 ? CHAINS.get((this.code[at] << 8) | id) : undefined;
    const other = op !== undefined ? this.otherOperand(h, 4, id === ROTL || id === I32_ROTL) : undefined;
    if (op === undefined || other === undefined) return false;
    this.unrecord(at + 1);
    const a = this.take(at + 2);
    const b = this.take(at + 3);
    this.rewind(at);
    this.op(op);
    this.dest(h - 2);
    this.put(a);
    this.put(b);
    this.putOperand(other);
    this.pending[h - 1] = -1;
    return true;
  }

  /**
   * An i64.add of the value the i64.load before it loaded into an operand-stack cell (either
   * operand): rewrites both as Op.i64AddLoad, `[op, d, c, a, b, offset]`. Returns false, emitting
   * nothing, otherwise.
   */
  protected addOfLoad(h: number): boolean {
    const at = this.lastOp;
    const other = at >= 0 && this.code[at] === 0x29 ? this.otherOperand(h, 5) : undefined;
    if (other === undefined) return false;
    const address = this.takeLoad(at);
    this.op(Op.i64AddLoad);
    this.dest(h - 2);
    this.putOperand(other);
    this.putLoad(address);
    this.pending[h - 1] = -1;
    return true;
  }

  /**
   * When the instruction just emitted (`words` long, no branch target since it started) computed
   * one of the top two operands at height `h` into that entry's own operand-stack cell (only the
   * first may be it, with `firstOnly`): the other operand's entry and where to read it now (its
   * pending source, or -1 for its own cell), for a rewrite that folds the instruction into the one
   * that takes both. Undefined otherwise.
   */
  private otherOperand(h: number, words: number, firstOnly = false): Operand | undefined {
    const at = this.lastOp;
    if (at < 0 || this.lastLabel > at || this.pc !== at + words) return undefined;
    const computed = this.lastDestIndex;
    if (computed !== h - 2 && (computed !== h - 1 || firstOnly)) return undefined;
    if (this.pend(computed) >= 0 || !this.writesOwnCell(at, computed)) return undefined;
    const other = computed === h - 2 ? h - 1 : h - 2;
    if (this.adds.has(other)) return undefined;
    return [other, this.pend(other)];
  }

  /** Emits an operand that otherOperand found, from where it was read before the rewrite. */
  private putOperand([i, p]: Operand): void {
    if (p >= 0) this.emitSrc(p);
    else this.cell(i);
  }

  /**
   * f64.add or f64.mul of the two values the last two instructions loaded (f64.load each, into
   * the operand cells h - 2 and h - 1): rewrites the three as one Op.f64AddLoads / Op.f64MulLoads.
   * Returns false, emitting nothing, when the operands came otherwise.
   */
  protected loadsPair(id: number, h: number): boolean {
    const second = this.lastOp;
    const first = this.opBefore(second);
    const code = this.code;
    const cellA = (this.L + h - 2) * 4;
    const cellB = (this.L + h - 1) * 4;
    if (first < 0 || this.lastLabel > first || this.pend(h - 2) >= 0 || this.pend(h - 1) >= 0) return false;
    if (code[first] !== 0x2b || code[second] !== 0x2b || code[first + 1] !== cellA || code[second + 1] !== cellB) return false;
    if (this.lastDestIndex !== h - 1) return false;
    // Each load is [0x2b, d, addrA, addrB, offset]: keep the address words, drop the results.
    const words: Word[] = [];
    for (const at of [first, second]) {
      this.unrecord(at + 1);
      words.push(this.take(at + 2), this.take(at + 3), [code[at + 4], false]);
    }
    this.rewind(first);
    this.op(id === 0xa2 ? Op.f64MulLoads : Op.f64AddLoads);
    this.dest(h - 2);
    for (const w of words) this.put(w);
    this.pending[h - 1] = -1;
    return true;
  }

  /**
   * Whether the instruction at `at` is an i32 shift left by a constant whose result is the
   * operand-stack cell `cell` (so nothing else reads it), with no branch target after it.
   */
  protected isShift(at: number, [cell, isStack]: Word): boolean {
    return at >= 0 && isStack && this.lastLabel <= at && this.code[at] === Op.i32Imm + 5 && this.code[at + 1] === cell;
  }
}
