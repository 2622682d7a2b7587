/**
 * The translator's state and its lowest layer (see translate.ts for the scheme): the code being
 * written, where each operand stack entry's value is (its own cell, a local or constant cell, or
 * a pending add), the constant cells, and the record of the last few instructions that the
 * peephole rewrites (control.ts, fusion.ts) take apart.
 *
 * Short names: `h` the operand stack height before the instruction, `L` the number of locals, a
 * *cell* operand is an Int32 index relative to the frame.
 */
import { TryRecorder } from '../exceptions.js';
import type { FuelMeter } from '../fuel/meter.js';
import { isRefType, ValType } from '@proj/decoder';
import { Op } from './ops.js';

/** A control frame as the translator sees it. */
export interface Frame {
  /** 0 function, 0x02 block, 0x03 loop, 0x04 if, 0x05 else, 0x06 try, 0x07 / 0x19 in a catch / catch_all. */
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
  /** A try's index in `tries` (else -1), and the try whose body held the frame's start (or TO_CALLER). */
  tryIndex: number;
  enclosingTry: number;
}

/** The copy op for a value of type `t` (one, two or four Int32 words). */
export function copyOp(t: number): number {
  return t === ValType.v128 ? Op.copy4 : t === ValType.f64 ? Op.copyF64 : t === ValType.i64 ? Op.copy2 : t === ValType.f32 ? Op.copyF32 : Op.copy1;
}

/** The words of a cell that a value of type `t` uses (a reference: its one word). */
export function wordsOf(t: number): number {
  return t === ValType.v128 ? 4 : t === ValType.i64 || t === ValType.f64 ? 2 : 1;
}

/** A code word taken off for a rewrite: its value, and whether it names an operand-stack cell. */
export type Word = readonly [value: number, isStack: boolean];

/** Constant cells a function may use; past that, constants are written by instructions. */
const MAX_CONSTS = 64;

const NO_WORDS = new Int32Array(0);

/** Translator state and the words it writes; the layers above add control flow and fusion. */
export abstract class CodeWriter {
  /**
   * @param recordStarts keep where each instruction starts (PreparedFunc.starts)
   * @param meter the fuel costs, computed in the same pass, for metered code (else null)
   */
  constructor(
    protected readonly recordStarts: boolean,
    protected readonly meter: FuelMeter | null,
  ) {}

  protected code = new Int32Array(1024);
  protected pc = 0;
  protected L = 0;
  protected params = 0;
  protected maxHeight = 0;
  protected frames: Frame[] = [];
  /** The function's try blocks (exceptions.ts). */
  protected readonly tryBlocks = new TryRecorder();
  /** Whether the function has a throw or a rethrow. */
  protected throws = false;
  /** How many open frames are dead. */
  protected dead = 0;
  /** Where each operand stack entry's value is: -1 its own cell, else a local or constant cell. */
  protected pending: number[] = [];
  /**
   * Entries that are an i32 add of a cell and a constant not computed yet (an address, usually):
   * entry → [cell, k, whether the cell is an operand-stack cell]. A load or store takes it as its
   * address operands; anything else that pops it computes it first (`settleAdds`). `pending` is
   * -1 for these entries.
   */
  protected adds = new Map<number, readonly [number, number, boolean]>();
  /** Code indices of words that name operand-stack cells, shifted past the constants at the end. */
  protected stackRefs: number[] = [];
  /** Constant cells: key (type and bits) → cell, and the words the frame gets at entry. */
  protected constCells = new Map<string, number>();
  /** Constant cells → their words, and the ones code reads as cells (only those get written at entry). */
  protected constValues = new Map<number, readonly number[]>();
  protected constTypes = new Map<number, number>();
  protected constUsed = new Set<number>();
  /** The last emitted instruction: where it starts, and where its result word is (or -1). */
  protected lastOp = -1;
  /**
   * Where the last few instructions start (all of the function's, with `recordStarts`), oldest
   * first (a rewrite drops those it rewinds).
   */
  protected starts: number[] = [];
  protected lastDest = -1;
  protected lastDestIndex = -1;
  /** Where the last branch target was placed: no fusion across it. */
  protected lastLabel = 0;
  /** Operand types at the current instruction, and the function's local types. */
  protected types: Uint8Array = new Uint8Array(0);
  /** Metered code: pairs of (the cost word of an Op.fuel, its loop's byte offset or -1 for the entry). */
  protected fuelSites: number[] = [];
  protected localTypes: Uint8Array = new Uint8Array(0);
  /** The module's distinct PreparedFunc.zeroWords (see localZeroWords). */
  private readonly zeroWordLists = new Map<string, Int32Array>();

  protected emit(w: number): void {
    if (this.pc === this.code.length) {
      const grown = new Int32Array(this.code.length * 2);
      grown.set(this.code);
      this.code = grown;
    }
    this.code[this.pc++] = w;
  }

  /** Starts an instruction. */
  protected op(id: number): void {
    if (!this.recordStarts && this.starts.length >= 16) this.starts.splice(0, 8);
    this.starts.push(this.pc);
    this.lastOp = this.pc;
    this.lastDest = -1;
    this.lastDestIndex = -1;
    this.emit(id);
  }

  /** Where entry `i`'s value is (see `pending`); entries never marked are in their own cells. */
  protected pend(i: number): number {
    if (this.adds.size > 0 && this.adds.has(i)) throw new Error(`translator: entry ${i} is a pending add, read as a cell`);
    return this.pending[i] ?? -1;
  }

  /** Emits the cell of operand stack entry `i` (its own cell). */
  protected cell(i: number): void {
    this.stackRefs.push(this.pc);
    this.emit((this.L + i) * 4);
  }

  /** Emits the cell of operand stack entry `i` as a result, and marks it materialized. */
  protected dest(i: number): void {
    this.lastDest = this.pc;
    this.lastDestIndex = i;
    this.pending[i] = -1;
    this.adds.delete(i);
    this.cell(i);
  }

  /** Emits where operand stack entry `i` can be read now. */
  protected src(i: number): void {
    const p = this.pend(i);
    if (p >= 0) this.emitSrc(p);
    else this.cell(i);
  }

  /** Writes pending entries in `[from, to)` to their own cells; with `local`, only those reading it. */
  protected materialize(from: number, to: number, types: Uint8Array, local = -1): void {
    for (let i = from; i < to; i++) {
      const p = this.pend(i);
      if (p < 0 || (local >= 0 && p !== local)) continue;
      this.op(copyOp(types[i]));
      this.dest(i);
      this.emitSrc(p);
      this.pairCopies();
    }
  }

  /**
   * Makes the copy just emitted and a copy of the same size right before it one instruction
   * (Op.copy1Pair, Op.copy2Pair): one dispatch fewer in the run loop, where moves between locals
   * come in runs at the ends of loops. Not where a branch target separates them, and not in code
   * that keeps its instruction starts (the `compiled` profile translates each copy on its own).
   */
  protected pairCopies(): void {
    const at = this.lastOp;
    const op = this.code[at];
    const pair = op === Op.copy1 ? Op.copy1Pair : op === Op.copy2 ? Op.copy2Pair : -1;
    if (pair < 0 || this.recordStarts || this.pc !== at + 3 || this.lastLabel > at - 3) return;
    const prev = this.opBefore(at);
    if (prev !== at - 3 || this.code[prev] !== op) return;
    const destIndex = this.lastDest === at + 1 ? this.lastDestIndex : -1;
    const d = this.take(at + 1);
    const s = this.take(at + 2);
    this.rewind(at);
    this.code[prev] = pair;
    this.lastOp = prev;
    this.lastDest = destIndex >= 0 ? this.pc : -1;
    this.lastDestIndex = destIndex;
    this.put(d);
    this.put(s);
  }

  /** Where the instruction before the one at `at` starts, if known, else -1. */
  protected opBefore(at: number): number {
    const s = this.starts;
    for (let k = s.length - 1; k >= 0; k--) if (s[k] < at) return s[k];
    return -1;
  }

  /** Moves the code's end back to `at` (an instruction start), to rewrite what follows. */
  protected rewind(at: number): void {
    this.pc = at;
    const s = this.starts;
    while (s.length > 0 && s[s.length - 1] >= at) s.pop();
  }

  /**
   * Metered code: a charge for the region that starts here (the function's, or the loop's at
   * byte offset `pos`), whose cost the meter knows once the function ends (patchCharges).
   */
  protected charge(pos: number): void {
    this.op(Op.fuel);
    this.fuelSites.push(this.pc, pos);
    this.emit(0);
  }

  /** Fills in the costs of the function's charges in `code`, its finished code. */
  protected patchCharges(code: Int32Array): void {
    const meter = this.meter!;
    const sites = this.fuelSites;
    for (let k = 0; k < sites.length; k += 2) {
      code[sites[k]] = sites[k + 1] < 0 ? meter.entryCosts[meter.entryCosts.length - 1] : meter.loopCosts.get(sites[k + 1])!;
    }
  }

  protected label(): void {
    this.lastLabel = this.pc;
  }

  /** The words written at entry: (index, value) pairs of the constant cells code reads. */
  protected constEntryWords(): Int32Array {
    const words: number[] = [];
    // Declared locals start at zero, and a reference's zero is null: -1.
    for (let x = this.params; x < this.L; x++) if (isRefType(this.localTypes[x])) words.push(x * 4, -1);
    for (const cell of this.constUsed) this.constValues.get(cell)!.forEach((w, k) => words.push(cell + k, w));
    // Most small functions have none: they share one empty array.
    return words.length === 0 ? NO_WORDS : Int32Array.from(words);
  }

  /** PreparedFunc.zeroWords of the function: its declared locals' words that start at zero. */
  protected localZeroWords(): Int32Array {
    const words: number[] = [];
    for (let x = this.params; x < this.L; x++) {
      const t = this.localTypes[x];
      const n = isRefType(t) ? 0 : wordsOf(t);
      for (let k = 0; k < n; k++) words.push(x * 4 + k);
    }
    if (words.length === 0) return NO_WORDS;
    // Functions mostly repeat a few layouts: they share one array each.
    const key = words.join();
    let shared = this.zeroWordLists.get(key);
    if (shared === undefined) this.zeroWordLists.set(key, (shared = Int32Array.from(words)));
    return shared;
  }

  /** The value of entry `i` if it is a pending i32 constant. */
  protected i32Const(i: number): number | undefined {
    const p = this.pend(i);
    if (p < 0 || this.constTypes.get(p) !== ValType.i32) return undefined;
    return this.constValues.get(p)![0];
  }

  /** Emits a pending source cell, noting constant cells that code reads. */
  protected emitSrc(p: number): void {
    if (this.constValues.has(p)) this.constUsed.add(p);
    this.emit(p);
  }

  /** Forgets that code word `pos` names a stack cell; returns whether it did. */
  protected unrecord(pos: number): boolean {
    const refs = this.stackRefs;
    const i = refs.lastIndexOf(pos);
    if (i >= 0) refs.splice(i, 1);
    return i >= 0;
  }

  /** Whether code word `pos` names an operand-stack cell (not a local or constant cell). */
  protected isStackWord(pos: number): boolean {
    return this.stackRefs.lastIndexOf(pos) >= 0;
  }

  /**
   * Whether the instruction at `at` wrote its result into operand stack entry `i`'s own cell (not
   * into a local it was retargeted to).
   */
  protected writesOwnCell(at: number, i: number): boolean {
    return this.code[at + 1] === (this.L + i) * 4 && this.isStackWord(at + 1);
  }

  /** Takes cell word `pos` off for a rewrite (see `put`). */
  protected take(pos: number): Word {
    return [this.code[pos], this.unrecord(pos)];
  }

  /**
   * Emits a cell word taken with `take`, recorded again if it names a stack cell; with `fresh`,
   * a word not in the code before, so that a constant cell it names is written at entry.
   */
  protected put([w, isStack]: Word, fresh = false): void {
    if (isStack) this.stackRefs.push(this.pc);
    if (fresh) this.emitSrc(w);
    else this.emit(w);
  }

  protected patch(at: number): void {
    this.code[at] = this.pc;
    this.label();
  }

  /** Constant cell for a value of type `t` with the given words, or -1 when out of cells. */
  protected constCell(t: number, words: readonly number[], always = false): number {
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
   * Emits an instruction's result cell (entry `d`, if it has a result) and then its operands'
   * sources; the operands are read before the result is marked written.
   */
  protected emitDestAfter(d: number, operands: number[], hasResult = true): void {
    const srcs = operands.map((i) => this.pend(i));
    if (hasResult) this.dest(d);
    for (let k = 0; k < operands.length; k++) {
      if (srcs[k] >= 0) this.emitSrc(srcs[k]);
      else this.cell(operands[k]);
    }
    for (const i of operands) if (!(hasResult && i === d)) this.pending[i] = -1;
  }

  /** Marks entries from `i` up materialized (consumed by an instruction without a result). */
  protected clearFrom(i: number): void {
    for (let k = i; k < this.pending.length; k++) this.pending[k] = -1;
  }
}
