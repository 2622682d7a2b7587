/**
 * The `fast` preparation: while the validator checks each function body, this sink translates it
 * into the prepared code of ops.ts. Every operand is addressed by its cell, which the validator's
 * stack height fixes statically, so the run loop moves no stack pointer; branch targets are
 * resolved; dead code is left out. On top of that, the code is register-style:
 * - `local.get` and constants emit nothing: the operand stays *pending* and the instruction that
 *   consumes it reads the local's cell, or a constant cell the frame gets at entry;
 * - an instruction whose result goes straight into `local.set`/`local.tee` writes the local;
 * - a comparison followed by `br_if` or `if` becomes one compare-and-branch.
 * Pending operands are written to their own cells where paths join (block, loop, if, the
 * fallthrough into an end or else) and before a write to the local they read.
 *
 * Frame layout, in cells: locals (parameters first), constants, then the operand stack. The
 * number of constants is known only at the end, so every operand-stack cell written in code is
 * recorded and shifted then.
 *
 * Short names: `h` the operand stack height before the instruction, `L` the number of locals,
 * `K` the number of constant cells, a *cell* operand is an Int32 index relative to the frame.
 */
import { Imm, isRefType, Reader, opHasSig, opImm, opPopCount, opPush, PREFIX_FD, ValType } from '@proj/decoder';
import type { CodeSink, FuncState } from '@proj/validator';
import { readI64 } from '../leb.js';
import type { PreparedCode } from '../prepared.js';
import { Op } from './ops.js';

/** A function prepared in the `fast` profile. */
/** A function's prepared code in the `fast` form (and the `compiled` form, which adds `compiled`). */
export class PreparedFunc implements PreparedCode {
  constructor(
    readonly kind: 'fast' | 'compiled',
    readonly code: Int32Array,
    /** Cells of parameters and declared locals. */
    readonly localCells: number,
    /** Cells the frame needs: locals, constants and the deepest operand stack. */
    readonly cells: number,
    /** Words to write at entry: pairs of (Int32 index relative to the frame, value). */
    readonly entryWords: Int32Array,
    /** Where each instruction starts (kept only when asked for: the `compiled` profile reads it). */
    readonly starts?: Int32Array,
    /** A JavaScript translation of `code` (the `compiled` profile), run in place of the loop. */
    readonly compiled?: CompiledCode,
  ) {}

  locals(): number {
    return this.localCells;
  }

  frameCells(): number {
    return this.cells;
  }

  consts(): Int32Array {
    return this.entryWords;
  }
}

/**
 * A function's code translated to JavaScript: runs from `pc` until an instruction it leaves to the
 * run loop (a call or a return) and gives back that instruction's pc. Arguments are the run
 * loop's state (see `runFast`).
 */
export type CompiledCode = (
  m: unknown,
  pc: number,
  fp: number,
  r: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
  inst: unknown,
  mem: unknown,
  mu8: Uint8Array,
  dv: DataView,
  mlen: number,
) => number;

/** A control frame as the translator sees it. */
interface Frame {
  /** 0 function, 0x02 block, 0x03 loop, 0x04 if, 0x05 else. */
  kind: number;
  /** Operand stack index where the label's values go. */
  base: number;
  /** How many values a branch to this label carries. */
  arity: number;
  /** How many values the frame leaves at its end. */
  results: number;
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

/** Float comparisons that fuse with a following conditional branch: wasm op → [br, brNot] op. */
const fusableFloat = new Map<number, readonly [number, number]>();
for (let k = 0; k < 6; k++) {
  fusableFloat.set(0x5b + k, [Op.brCmpF32 + k, Op.brNotCmpF32 + k]);
  fusableFloat.set(0x61 + k, [Op.brCmpF64 + k, Op.brNotCmpF64 + k]);
}

/** Comparisons (offsets in Op.brCmp) that fuse with the add just before them: ne, lt_s, lt_u. */
const STEP_COMPARES = [2, 3, 4];

/** i32 comparisons that fuse with a following conditional branch: wasm op → offset in Op.brCmp. */
const fusable = new Map<number, number>([
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

/**
 * i32 instructions with an immediate form: wasm op → the form's op when the second operand is a
 * constant, and when the first is (commutative ops, or comparisons turned around), or -1.
 */
const immediateForm = new Map<number, { op: number; swapped: number }>([
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

/** Scalar accesses that fold a scaled index (Op.loadScaled32 ...): op → access size in bytes. */
const SCALED_SIZE = new Map<number, number>([
  [0x28, 4], // i32.load
  [0x29, 8], // i64.load
  [0x2a, 4], // f32.load
  [0x2b, 8], // f64.load
  [0x36, 4], // i32.store
  [0x37, 8], // i64.store
  [0x38, 4], // f32.store
  [0x39, 8], // f64.store
]);

/** A code word taken off for a rewrite: its value, and whether it names an operand-stack cell. */
type Word = readonly [value: number, isStack: boolean];

/** Constant cells a function may use; past that, constants are written by instructions. */
const MAX_CONSTS = 64;

export class Translator implements CodeSink {
  /** @param recordStarts keep where each instruction starts (PreparedFunc.starts) */
  constructor(private readonly recordStarts = false) {}


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
  /** Where each operand stack entry's value is: -1 its own cell, else a local or constant cell. */
  private pending: number[] = [];
  /**
   * Entries that are an i32 add of a cell and a constant not computed yet (an address, usually):
   * entry → [cell, k, whether the cell is an operand-stack cell]. A load or store takes it as its
   * address operands; anything else that pops it computes it first (`settleAdds`). `pending` is
   * -1 for these entries.
   */
  private adds = new Map<number, readonly [number, number, boolean]>();
  /** Code indices of words that name operand-stack cells, shifted past the constants at the end. */
  private stackRefs: number[] = [];
  /** Constant cells: key (type and bits) → cell, and the words the frame gets at entry. */
  private constCells = new Map<string, number>();
  /** Constant cells → their words, and the ones code reads as cells (only those get written at entry). */
  private constValues = new Map<number, readonly number[]>();
  private constTypes = new Map<number, number>();
  private constUsed = new Set<number>();
  /** The last emitted instruction: where it starts, and where its result word is (or -1). */
  private lastOp = -1;
  /**
   * Where the last few instructions start (all of the function's, with `recordStarts`), oldest
   * first (a rewrite drops those it rewinds).
   */
  private starts: number[] = [];
  private lastDest = -1;
  private lastDestIndex = -1;
  /** Where the last branch target was placed: no fusion across it. */
  private lastLabel = 0;
  /** Operand types at the current instruction, and the function's local types. */
  private types: Uint8Array = new Uint8Array(0);
  private localTypes: Uint8Array = new Uint8Array(0);

  private emit(w: number): void {
    if (this.pc === this.code.length) {
      const grown = new Int32Array(this.code.length * 2);
      grown.set(this.code);
      this.code = grown;
    }
    this.code[this.pc++] = w;
  }

  /** Starts an instruction. */
  private op(id: number): void {
    if (!this.recordStarts && this.starts.length >= 16) this.starts.splice(0, 8);
    this.starts.push(this.pc);
    this.lastOp = this.pc;
    this.lastDest = -1;
    this.lastDestIndex = -1;
    this.emit(id);
  }

  /** Where entry `i`'s value is (see `pending`); entries never marked are in their own cells. */
  private pend(i: number): number {
    if (this.adds.size > 0 && this.adds.has(i)) throw new Error(`translator: entry ${i} is a pending add, read as a cell`);
    return this.pending[i] ?? -1;
  }

  /** Emits the cell of operand stack entry `i` (its own cell). */
  private cell(i: number): void {
    this.stackRefs.push(this.pc);
    this.emit((this.L + i) * 4);
  }

  /** Emits the cell of operand stack entry `i` as a result, and marks it materialized. */
  private dest(i: number): void {
    this.lastDest = this.pc;
    this.lastDestIndex = i;
    this.pending[i] = -1;
    this.adds.delete(i);
    this.cell(i);
  }

  /** Emits where operand stack entry `i` can be read now. */
  private src(i: number): void {
    const p = this.pend(i);
    if (p >= 0) this.emitSrc(p);
    else this.cell(i);
  }

  /** Writes pending entries in `[from, to)` to their own cells; with `local`, only those reading it. */
  private materialize(from: number, to: number, types: Uint8Array, local = -1): void {
    for (let i = from; i < to; i++) {
      const p = this.pend(i);
      if (p < 0 || (local >= 0 && p !== local)) continue;
      this.op(copyOp(types[i]));
      this.dest(i);
      this.emitSrc(p);
    }
  }

  /** Where the instruction before the one at `at` starts, if known, else -1. */
  private opBefore(at: number): number {
    const s = this.starts;
    for (let k = s.length - 1; k >= 0; k--) if (s[k] < at) return s[k];
    return -1;
  }

  /** Moves the code's end back to `at` (an instruction start), to rewrite what follows. */
  private rewind(at: number): void {
    this.pc = at;
    const s = this.starts;
    while (s.length > 0 && s[s.length - 1] >= at) s.pop();
  }

  private label(): void {
    this.lastLabel = this.pc;
  }

  beginFunction(st: FuncState): void {
    this.pc = 0;
    this.L = st.localCount;
    this.localTypes = st.localTypes;
    this.params = st.module.types[st.module.funcTypes[st.funcIndex]].params.length;
    this.maxHeight = 0;
    this.dead = 0;
    this.pending.length = 0;
    // Map.clear allocates a fresh table even when empty: a module of a million small functions
    // spent most of its preparation there.
    if (this.adds.size > 0) this.adds.clear();
    this.stackRefs.length = 0;
    if (this.constCells.size > 0) {
      this.constCells.clear();
      this.constValues.clear();
      this.constTypes.clear();
    }
    if (this.constUsed.size > 0) this.constUsed.clear();
    this.lastOp = -1;
    this.starts.length = 0;
    this.lastDest = -1;
    this.lastLabel = 0;
    const results = st.frameResults(0).length;
    this.frames = [{ kind: 0, base: 0, arity: results, results, start: 0, fixups: [], elseFixup: -1, dead: false }];
  }

  endFunction(): void {
    const shift = this.constCells.size * 4;
    const code = this.code.slice(0, this.pc);
    for (const at of this.stackRefs) code[at] += shift;
    this.funcs.push(
      new PreparedFunc(
        'fast',
        code,
        this.L,
        this.L + this.constCells.size + this.maxHeight + 1,
        this.constEntryWords(),
        this.recordStarts ? Int32Array.from(this.starts) : undefined,
      ),
    );
  }

  /** The words written at entry: (index, value) pairs of the constant cells code reads. */
  private constEntryWords(): Int32Array {
    const words: number[] = [];
    // Declared locals start at zero, and a reference's zero is null: -1.
    for (let x = this.params; x < this.L; x++) if (isRefType(this.localTypes[x])) words.push(x * 4, -1);
    for (const cell of this.constUsed) this.constValues.get(cell)!.forEach((w, k) => words.push(cell + k, w));
    // Most small functions have none: they share one empty array.
    return words.length === 0 ? NO_WORDS : Int32Array.from(words);
  }

  /** The value of entry `i` if it is a pending i32 constant. */
  private i32Const(i: number): number | undefined {
    const p = this.pend(i);
    if (p < 0 || this.constTypes.get(p) !== ValType.i32) return undefined;
    return this.constValues.get(p)![0];
  }

  /** Emits a pending source cell, noting constant cells that code reads. */
  private emitSrc(p: number): void {
    if (this.constValues.has(p)) this.constUsed.add(p);
    this.emit(p);
  }

  /** Forgets that code word `pos` names a stack cell; returns whether it did. */
  private unrecord(pos: number): boolean {
    const refs = this.stackRefs;
    const i = refs.lastIndexOf(pos);
    if (i >= 0) refs.splice(i, 1);
    return i >= 0;
  }

  /** Whether code word `pos` names an operand-stack cell (not a local or constant cell). */
  private isStackWord(pos: number): boolean {
    return this.stackRefs.lastIndexOf(pos) >= 0;
  }

  /** Takes cell word `pos` off for a rewrite (see `put`). */
  private take(pos: number): Word {
    return [this.code[pos], this.unrecord(pos)];
  }

  /**
   * Emits a cell word taken with `take`, recorded again if it names a stack cell; with `fresh`,
   * a word not in the code before, so that a constant cell it names is written at entry.
   */
  private put([w, isStack]: Word, fresh = false): void {
    if (isStack) this.stackRefs.push(this.pc);
    if (fresh) this.emitSrc(w);
    else this.emit(w);
  }

  private patch(at: number): void {
    this.code[at] = this.pc;
    this.label();
  }

  /** Moves a branch's values (the `arity` entries below `top`) to the label's cells. */
  private moves(f: Frame, top: number): void {
    for (let j = 0; j < f.arity; j++) {
      const from = top - f.arity + j;
      const to = f.base + j;
      if (from === to && this.pend(from) < 0) continue;
      this.op(Op.copy4);
      this.cell(to);
      this.src(from);
    }
  }

  private needsMoves(f: Frame, top: number): boolean {
    for (let j = 0; j < f.arity; j++) {
      const from = top - f.arity + j;
      if (from !== f.base + j || this.pend(from) >= 0) return true;
    }
    return false;
  }

  /** An unconditional jump to label `f` with the values below `top`; the function's label returns. */
  private jump(f: Frame, top: number): void {
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
  private target(f: Frame): void {
    if (f.kind === 0x03) this.emit(f.start);
    else {
      f.fixups.push(this.pc);
      this.emit(-1);
    }
  }

  /** Constant cell for a value of type `t` with the given words, or -1 when out of cells. */
  private constCell(t: number, words: readonly number[], always = false): number {
    const key = `${t}:${words.join(',')}`;
    let cell = this.constCells.get(key);
    if (cell === undefined) {
      if (this.constCells.size >= MAX_CONSTS && !always) return -1;
      cell = (this.L + this.constCells.size) * 4;
      this.constCells.set(key, cell);
      this.constValues.set(cell, words);
      this.constTypes.set(cell, t);
    }
    return cell;
  }

  /**
   * Emits a conditional branch on the i32 at the top (entry `h - 1`) to `target`, fusing a
   * comparison that was just emitted into it. `when` is whether it branches on true.
   */
  private condBranch(h: number, when: boolean): number {
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
      this.op((when ? Op.brCmpImm : Op.brNotCmpImm) + (first - 0x350));
      this.put(a);
      this.emit(value);
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
  private stepNonzero(h: number): boolean {
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
  private stepBranch(before: number, k: number, a: Word, b: Word, imm: boolean): boolean {
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

  instr(id: number, st: FuncState): void {
    const h = st.height;
    if (h > this.maxHeight) this.maxHeight = h;
    const frames = this.frames;
    const types = st.stack;
    this.types = types;
    if (this.adds.size > 0) {
      // Entries at h and above are gone (popped, or cut off by unreachable code).
      for (const i of this.adds.keys()) if (i >= h) this.adds.delete(i);
      if (this.dead === 0 && !st.unreachable) this.settleAdds(id, h);
    }
    switch (id) {
      case 0x02:
      case 0x03:
      case 0x04: {
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
          }
        }
        frames.push(f);
        return;
      }
      case 0x05: {
        const f = frames[frames.length - 1];
        if (f.dead) return;
        if (!st.unreachable) {
          this.materialize(h - f.results, h, types);
          this.op(Op.br);
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
          if (!st.unreachable) this.materialize(h - f.results, h, types);
          if (f.elseFixup >= 0) this.patch(f.elseFixup);
        }
        for (const at of f.fixups) this.patch(at);
        // After a join every entry is in its own cell.
        for (let i = 0; i < this.pending.length; i++) this.pending[i] = -1;
        this.adds.clear();
        return;
      }
    }
    if (this.dead > 0 || st.unreachable) return;

    const code = st.module.bytes;
    switch (id) {
      case 0x00:
        this.op(Op.unreachable);
        return;
      case 0x01: // nop
        return;
      case 0x1a: // drop: operands live in fixed cells, nothing moves
        this.pending[h - 1] = -1;
        return;
      case 0x0c:
        this.jump(frames[frames.length - 1 - st.imm], h);
        return;
      case 0x0d: {
        const f = frames[frames.length - 1 - st.imm];
        if (f.kind !== 0 && !this.needsMoves(f, h - 1)) {
          this.condBranch(h, true);
          this.target(f);
          return;
        }
        const skip = this.condBranch(h, false);
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
        const base = h - t.params.length;
        this.materialize(base, h, types);
        this.op(Op.call);
        this.emit(st.imm);
        this.cell(base);
        this.clearFrom(base);
        return;
      }
      case 0x11: {
        const t = st.module.types[st.imm];
        const base = h - 1 - t.params.length;
        this.materialize(base, h - 1, types);
        this.op(Op.callIndirect);
        this.emit(st.imm);
        this.emit(st.imm2);
        this.cell(base);
        this.src(h - 1);
        this.clearFrom(base);
        return;
      }
      case 0x1b:
      case 0x1c: {
        const t = id === 0x1c ? st.imm : types[h - 2];
        this.op(selectOp(t));
        this.emitDestAfter(h - 3, [h - 3, h - 2, h - 1]);
        return;
      }
      case 0x20: {
        // local.get: nothing to run; the consumer reads the local.
        this.pending[h] = st.imm * 4;
        return;
      }
      case 0x21:
      case 0x22: {
        const x = st.imm * 4;
        const keep = id === 0x22;
        // Entries that read the local must take its old value first.
        this.materialize(0, h - 1, types, x);
        const at = this.lastOp;
        if (
          at >= 0 &&
          this.lastDest >= 0 &&
          this.lastDestIndex === h - 1 &&
          this.lastLabel <= at &&
          this.pend(h - 1) < 0 &&
          this.code[this.lastDest] === (this.L + h - 1) * 4
        ) {
          // The value was just computed: compute it into the local instead.
          this.unrecord(this.lastDest);
          this.code[this.lastDest] = x;
          this.lastDest = -1;
          this.pending[h - 1] = keep ? x : -1;
          return;
        }
        this.op(copyOp(st.localTypes[st.imm]));
        this.emit(x);
        this.src(h - 1);
        this.pending[h - 1] = keep ? x : -1;
        return;
      }
      case 0x23:
        this.op(Op.globalGet);
        this.dest(h);
        this.emit(st.imm);
        return;
      case 0x24:
        this.op(Op.globalSet);
        this.emit(st.imm);
        this.src(h - 1);
        this.pending[h - 1] = -1;
        return;
      case 0x25:
        this.op(Op.tableGet);
        this.emitDestAfter(h - 1, [h - 1]);
        this.emit(st.imm);
        return;
      case 0x26:
        this.op(Op.tableSet);
        this.src(h - 2);
        this.src(h - 1);
        this.emit(st.imm);
        this.clearFrom(h - 2);
        return;
      case 0xd0:
        this.op(Op.refNull);
        this.dest(h);
        return;
      case 0xd1:
        this.op(Op.refIsNull);
        this.emitDestAfter(h - 1, [h - 1]);
        return;
      case 0xd2:
        this.op(Op.refFunc);
        this.dest(h);
        this.emit(st.imm);
        return;
      case 0x10f: // table.grow
        this.op(Op.tableGrow);
        this.emitDestAfter(h - 2, [h - 2, h - 1]);
        this.emit(st.imm);
        return;
      case 0x111: // table.fill
        this.op(Op.tableFill);
        this.src(h - 3);
        this.src(h - 2);
        this.src(h - 1);
        this.emit(st.imm);
        this.clearFrom(h - 3);
        return;
      case 0x41:
      case 0x42:
      case 0x43:
      case 0x44: {
        // Constants become constant cells read in place, while there are cells left.
        const words =
          id === 0x41
            ? [st.imm]
            : id === 0x43
              ? [readWord(code, st.pos + 1)]
              : id === 0x44
                ? [readWord(code, st.pos + 1), readWord(code, st.pos + 5)]
                : i64Words(code, st.pos + 1);
        const t = id === 0x41 ? ValType.i32 : id === 0x42 ? ValType.i64 : id === 0x43 ? ValType.f32 : ValType.f64;
        const cell = this.constCell(t, words);
        if (cell >= 0) {
          this.pending[h] = cell;
          return;
        }
        this.op(id);
        this.dest(h);
        for (const w of words) this.emit(w);
        return;
      }
    }
    if (!opHasSig[id]) throw new Error(`translator: no rule for op 0x${id.toString(16)}`);

    if (id < 0x100 && opImm[id] === Imm.memArg) {
      this.memoryAccess(id, st, h);
      return;
    }

    const imm = immediateForm.get(id);
    if (imm !== undefined && this.immediate(id, imm, h)) return;
    if ((id === 0xa0 || id === 0xa2) && this.loadsPair(id, h)) return;
    if ((id === 0x92 || id === 0xa0) && this.mulAdd(id, h)) return;

    // Instructions typed by the table: [id, d?, operands..., immediates...].
    const n = opPopCount[id];
    const first = h - n;
    const operands: number[] = [];
    for (let k = 0; k < n; k++) operands.push(first + k);
    this.op(id);
    if (isUniformSimd(id)) {
      this.emitDestAfter(first, operands, opPush[id] !== 0);
      for (let k = n; k < 3; k++) this.emit(0);
      this.emit(opImm[id] === Imm.lane ? st.imm : 0);
      return;
    }
    this.emitDestAfter(first, operands, opPush[id] !== 0);
    switch (opImm[id]) {
      case Imm.none:
      case Imm.zeroByte:
      case Imm.memoryCopy:
        return;
      case Imm.memArg:
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
      case Imm.v128:
      case Imm.shuffle:
        for (let k = 0; k < 4; k++) this.emit(readWord(code, st.next - 16 + 4 * k));
        return;
      default:
        throw new Error(`translator: no immediate layout for op 0x${id.toString(16)}`);
    }
  }

  /**
   * Emits an instruction's result cell (entry `d`, if it has a result) and then its operands'
   * sources; the operands are read before the result is marked written.
   */
  private emitDestAfter(d: number, operands: number[], hasResult = true): void {
    const srcs = operands.map((i) => this.pend(i));
    if (hasResult) this.dest(d);
    for (let k = 0; k < operands.length; k++) {
      if (srcs[k] >= 0) this.emitSrc(srcs[k]);
      else this.cell(operands[k]);
    }
    for (const i of operands) if (!(hasResult && i === d)) this.pending[i] = -1;
  }

  /**
   * A binary i32 instruction with a constant operand becomes `[op, d, a, value]`: the constant
   * is an immediate, not a cell. Returns false when neither operand is a pending i32 constant.
   */
  private immediate(id: number, form: { op: number; swapped: number }, h: number): boolean {
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
  private emitImmediate(op: number, h: number, other: number, value: number): true {
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
  private settleAdds(id: number, h: number): void {
    if (id === 0x20 || (id >= 0x41 && id <= 0x44)) return;
    if (id === 0x1a) {
      this.adds.delete(h - 1);
      return;
    }
    let from = 0;
    if (id < 0x100 && opImm[id] === Imm.memArg) {
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
   * A scalar load or store: `[id, d, addrA, addrB, offset]` or `[id, addrA, addrB, value, offset]`.
   * An i32.add that just computed the address is folded in; otherwise addrB is a zero constant.
   * When a shift by a constant just computed addrA (an array index scaled to its element size),
   * a 32- or 64-bit access folds it in too, as Op.loadScaled32 and the three after it.
   */
  private memoryAccess(id: number, st: FuncState, h: number): void {
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
    const size = SCALED_SIZE.get(id);
    const scaled = size !== undefined && this.isShift(shiftAt, a);
    let shift = 0;
    if (scaled) {
      // [shlImm, a, x, k] is gone: the access reads x and shifts it.
      this.unrecord(shiftAt + 1);
      shift = this.code[shiftAt + 3];
      a = this.take(shiftAt + 2);
      this.rewind(shiftAt);
    }
    const value = load ? -1 : this.pend(h - 1);
    this.op(scaled ? (load ? Op.loadScaled32 : Op.storeScaled32) + (size === 8 ? 1 : 0) : id);
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
   * An f32.add / f64.add of the product the instruction before computed (an operand-stack cell,
   * either operand): rewrites both as one Op.f32MulAdd / Op.f64MulAdd, `[op, d, a, b, c]` for
   * d = a * b + c, each operation rounded as on its own. Returns false, emitting nothing, otherwise.
   */
  private mulAdd(id: number, h: number): boolean {
    const at = this.lastOp;
    const mul = id === 0x92 ? 0x94 : 0xa2;
    if (at < 0 || this.lastLabel > at || this.code[at] !== mul || this.pc !== at + 4) return false;
    const product = this.lastDestIndex;
    if (product !== h - 2 && product !== h - 1) return false;
    // The product must still be in its own operand-stack cell (not computed into a local).
    if (this.pend(product) >= 0 || this.code[at + 1] !== (this.L + product) * 4) return false;
    if (!this.isStackWord(at + 1)) return false;
    const other = product === h - 2 ? h - 1 : h - 2;
    if (this.adds.has(other)) return false;
    const p = this.pend(other);
    // [mul, d, a, b] keeps its operands; the add's result goes to h - 2 and its other operand is c.
    this.unrecord(at + 1);
    const a = this.take(at + 2);
    const b = this.take(at + 3);
    this.rewind(at);
    this.op(id === 0x92 ? Op.f32MulAdd : Op.f64MulAdd);
    this.dest(h - 2);
    this.put(a);
    this.put(b);
    if (p >= 0) this.emitSrc(p);
    else this.cell(other);
    this.pending[h - 1] = -1;
    return true;
  }

  /**
   * f64.add or f64.mul of the two values the last two instructions loaded (f64.load each, into
   * the operand cells h - 2 and h - 1): rewrites the three as one Op.f64AddLoads / Op.f64MulLoads.
   * Returns false, emitting nothing, when the operands came otherwise.
   */
  private loadsPair(id: number, h: number): boolean {
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
  private isShift(at: number, [cell, isStack]: Word): boolean {
    return at >= 0 && isStack && this.lastLabel <= at && this.code[at] === Op.i32Imm + 5 && this.code[at + 1] === cell;
  }

  /** Marks entries from `i` up materialized (consumed by an instruction without a result). */
  private clearFrom(i: number): void {
    for (let k = i; k < this.pending.length; k++) this.pending[k] = -1;
  }

  private brTable(st: FuncState, h: number): void {
    const frames = this.frames;
    // Re-read the targets: count, then each depth, then the default (already validated).
    const r = new Reader(st.module.bytes, st.pos + 1);
    const n = r.u32();
    const depths: number[] = [];
    for (let i = 0; i <= n; i++) depths.push(r.u32());
    this.op(Op.brTable);
    this.src(h - 1);
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

function readWord(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
}

const i64Scratch = new Int32Array(2);
const NO_WORDS = new Int32Array(0);

/** An i64 constant's low and high halves, decoded from its (already validated) LEB128. */
function i64Words(b: Uint8Array, at: number): [number, number] {
  readI64(b, at, i64Scratch, 0);
  return [i64Scratch[0], i64Scratch[1]];
}
