/**
 * The `compact` preparation: functions run in place from the module's own bytes (no second copy
 * of the code), guided by a *side table* computed during validation.
 *
 * Side table. Every branch instruction of a body gets one entry, in order of appearance, live or
 * dead (so that side-table positions never depend on reachability): `br`, `br_if`, each target
 * of `br_table` (its targets in order, then the default), `if` (its false edge: to the first
 * instruction of the else branch, or past the `end`) and `else` (the jump over the else branch,
 * taken when the then branch falls into it). `block`, `loop` and `end` get none and cost nothing
 * at run time: a loop's label is its first instruction.
 *
 * While running, `stp` is the side-table position of the next branch instruction. A taken branch
 * sets both `pc` and `stp` from its entry; a branch not taken (`br_if` false, `if` true) advances
 * `stp` by one entry. A `br_table` with n targets and index i takes entry `stp + min(i, n)`.
 *
 * Encoding. The module's functions share two Int32Arrays (`CompactCode`): `side`, where each
 * function owns a region `[pairs..., entries...]`, and `meta`, 5 words per function: the byte
 * offset of its first instruction, `sb` (the word index in `side` of its first entry), its entry
 * layout and length (see M_LAYOUT) and its frame's sizes. An entry gives:
 * - the target's byte offset, relative to the function's first instruction (`pcRel`);
 * - the target's side-table position, relative to `sb`, in words (`stpRel`);
 * - `adj`: 0 when the branch moves no values; otherwise pair `adj` (1-based) of the function, at
 *   words `sb - 2 * adj` (arity: values the branch carries) and `sb - 2 * adj + 1` (drop: operand
 *   cells between the label's base and those values): the top `arity` cells move down by `drop`.
 * Narrow layout (`stride` 1, when the three fit in 32 bits, as in almost every function): one
 * word `pcRel << pcSh | stpRel << adjBits | adj`, with `pcSh = adjBits + bits(stpRel)`. Wide layout
 * (`stride` 2): two words, `pcRel` and `stpRel << adjBits | adj`. `adjBits` is the fewest bits that
 * number the function's distinct (arity, drop) pairs.
 *
 * A branch to the function's own label (a `return` in disguise) targets the final `end` byte
 * with `adj` 0: returning takes the top results, whatever lies below them.
 *
 * Exceptions. A `catch` or `catch_all` gets one entry, as `else` does: the jump past the end
 * when the arm before it falls into it. A function's try blocks (exceptions.ts) are kept aside,
 * for the few functions that have any, with each clause's start and side-table position.
 */
import { isRefType, Reader, UnsupportedError } from '@proj/decoder';
import type { CodeSink, FuncState } from '@proj/validator';
import { CATCH_ALL, delegateTarget, type HandlerTable, TryRecorder } from '../exceptions.js';
import type { FuelMeter } from '../fuel/meter.js';
import type { PreparedCode } from '../prepared.js';

const EMPTY = new Int32Array(0);

/** Words of `CompactCode.meta` per function, and what they hold. */
export const META = 5;
export const M_START = 0;
export const M_SB = 1;
/**
 * The entry layout: `stride - 1` (bit 0), wide locals (bit 1: a local or parameter is a v128, so
 * local accesses move whole cells), `pcSh` (bits 2-6), `adjBits` (bits 7-11), the bits of
 * stpRel (bits 12-16), and the function's length in bytes from its first instruction to past its
 * final end (bits 17-31; 0 when it needs more bits: then it is in `CompactCode.longLengths`).
 */
export const M_LAYOUT = 2;
const LENGTH_SHIFT = 17;
/**
 * Cells of parameters and declared locals; of the whole frame: locals, the deepest operand stack,
 * one spare cell, and a last cell where the function saves its `stp` while it waits for a host
 * call.
 */
export const M_LOCALS = 3;
export const M_FRAME = 4;

/**
 * The prepared code of a module in the `compact` profile: its bytes and the tables computed from
 * them, shared by all its functions. A function is this object and its row in `meta` (its index
 * among the module's own functions, `WasmFunc.ownIndex`): no object per function, since modules
 * have thousands.
 */
export class CompactCode implements PreparedCode {
  declare readonly kind: 'compact';
  /** Branch entries and stack adjustments of every function (see the top of this file). */
  side: Int32Array = EMPTY;
  /** META words per function (see the M_ constants). */
  meta: Int32Array = EMPTY;
  /**
   * Words to write at a function's entry, by function index, for the few functions that need
   * any (null when none does): pairs of (Int32 index relative to the frame, value); a declared
   * reference local starts null (-1).
   */
  entryWords: Map<number, Int32Array> | null = null;
  /** Lengths too long for their layout word (32 kB or more), by function index. */
  longLengths: Map<number, number> | null = null;
  /** Metered code: the fuel costs of its functions' entries and loops (null when unmetered). */
  meter: FuelMeter | null = null;
  /** Try blocks, by function index, for the functions that have any (null when none has). */
  tries: Map<number, HandlerTable> | null = null;
  /** The try index each rethrow names, by the rethrow's byte offset. */
  rethrows: Map<number, number> | null = null;

  constructor(
    /** The module's bytes (the Module's own copy). */
    readonly bytes: Uint8Array,
  ) {}

  /** Past function `i`'s final end, given its first instruction and its layout word. */
  end(i: number, start: number, layout: number): number {
    const length = layout >>> LENGTH_SHIFT;
    return start + (length !== 0 ? length : this.longLengths!.get(i)!);
  }

  /**
   * Zeroes the words of function `i`'s declared locals that its local accesses move: two a cell,
   * or all four where a local is a v128 (see M_LAYOUT).
   */
  clearLocals(r: Int32Array, fp: number, i: number, params: number): void {
    const last = fp + this.meta[i * META + M_LOCALS] * 4;
    // Plain loops: most functions declare a few locals, where fill's call costs more.
    if ((this.meta[i * META + M_LAYOUT] & 2) !== 0) for (let k = fp + params * 4; k < last; k++) r[k] = 0;
    else {
      for (let k = fp + params * 4; k < last; k += 4) {
        r[k] = 0;
        r[k + 1] = 0;
      }
    }
  }

  /** Cells of function `i`'s whole frame. */
  frameCells(i: number): number {
    return this.meta[i * META + M_FRAME];
  }

  /** Words to write at function `i`'s entry, after its declared locals are zeroed. */
  consts(i: number): Int32Array {
    const words = this.entryWords;
    return words === null ? EMPTY : (words.get(i) ?? EMPTY);
  }

  handlers(i: number): HandlerTable | null {
    return this.tries?.get(i) ?? null;
  }
}

Object.defineProperty(CompactCode.prototype, 'kind', { value: 'compact' });
const V128 = 0x7b;

/** Bits needed for the unsigned value x (0 for 0). */
function bits(x: number): number {
  return 32 - Math.clz32(x);
}

/**
 * Builds a module's CompactCode during validation. `code` is complete once validation has
 * finished (the module-wide tables are trimmed then).
 */
export class CompactPreparer implements CodeSink {
  private finished = false;
  /** Shared by the module's functions; its tables are trimmed and set once validation is done. */
  private readonly shared: CompactCode;

  /** The module-wide side table and function table being built, and their used lengths. */
  private side = new Int32Array(256);
  private sideLen = 0;
  private meta = new Int32Array(8 * META);
  private metaLen = 0;

  // ---- the current function ----
  private start = 0;
  private locals = 0;
  private params = 0;
  private wideLocals = false;
  /** The current function's entry words: (index, value) pairs. */
  private consts: number[] = [];
  private maxHeight = 0;
  /** Entries, 4 words each: target pc, target stp (entry index), arity, drop. */
  private ent = new Int32Array(256);
  private count = 0;
  /**
   * Open control frames: kind, a loop's start pc and entry index, the head of the list of entries
   * waiting for the frame's end (linked through their target-pc word), an `if`'s pending entry.
   */
  private depth = 0;
  private fKind = new Int32Array(16);
  private fStart = new Int32Array(16);
  private fStp = new Int32Array(16);
  private fFix = new Int32Array(16);
  private fIf = new Int32Array(16);
  /** A try's index in `tries` (else -1), and the try whose body held the frame's start. */
  private fTry = new Int32Array(16);
  private fEnc = new Int32Array(16);
  /** The function's try blocks (exceptions.ts). */
  private readonly tryBlocks = new TryRecorder();

  /** @param meter for metered code: the fuel costs, computed in the same pass (else null) */
  constructor(bytes: Uint8Array, meter: FuelMeter | null = null) {
    this.shared = new CompactCode(bytes);
    this.shared.meter = meter;
  }

  /** The module's prepared code, complete once validation has finished. */
  get code(): CompactCode {
    if (!this.finished) this.finish();
    return this.shared;
  }

  /** Trims the module-wide tables and hands them to the functions' shared code. */
  private finish(): void {
    this.finished = true;
    const code = this.shared;
    if (this.sideLen > 0) code.side = this.side.slice(0, this.sideLen);
    if (this.metaLen > 0) code.meta = this.meta.slice(0, this.metaLen);
    this.side = EMPTY;
    this.meta = EMPTY;
    this.ent = EMPTY;
  }

  beginFunction(st: FuncState): void {
    const m = st.module;
    this.start = st.next;
    this.locals = st.localCount;
    this.params = m.types[m.funcTypes[st.funcIndex]].params.length;
    let wide = false;
    const consts = this.consts;
    consts.length = 0;
    const lt = st.localTypes;
    const n = Math.min(st.localCount, lt.length);
    for (let i = 0; i < n; i++) {
      const type = lt[i];
      if (type === V128) wide = true;
      else if (i >= this.params && isRefType(type)) consts.push(i * 4, -1);
    }
    this.wideLocals = wide;
    this.maxHeight = 0;
    this.count = 0;
    this.depth = 0;
    this.tryBlocks.reset();
    this.pushFrame(0, 0, 0);
  }

  private pushFrame(kind: number, start: number, stp: number): void {
    const i = this.depth;
    if (i === this.fKind.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const g = new Int32Array(a.length * 2);
        g.set(a);
        return g;
      };
      this.fKind = grow(this.fKind);
      this.fStart = grow(this.fStart);
      this.fStp = grow(this.fStp);
      this.fFix = grow(this.fFix);
      this.fIf = grow(this.fIf);
      this.fTry = grow(this.fTry);
      this.fEnc = grow(this.fEnc);
    }
    this.fKind[i] = kind;
    this.fStart[i] = start;
    this.fStp[i] = stp;
    this.fFix[i] = -1;
    this.fIf[i] = -1;
    this.fTry[i] = -1;
    this.fEnc[i] = this.tryBlocks.current;
    this.depth = i + 1;
  }

  /** A new entry; returns its index. */
  private entry(pc: number, stp: number, arity: number, drop: number): number {
    const k = this.count;
    if (k * 4 === this.ent.length) {
      const g = new Int32Array(this.ent.length * 2);
      g.set(this.ent);
      this.ent = g;
    }
    const e = this.ent;
    e[k * 4] = pc;
    e[k * 4 + 1] = stp;
    e[k * 4 + 2] = arity;
    e[k * 4 + 3] = drop;
    this.count = k + 1;
    return k;
  }

  /** An entry for a branch to label `d` with the operand stack `h` high (the branch's values on top). */
  private branch(st: FuncState, d: number, h: number): void {
    const i = this.depth - 1 - d;
    if (i < 0) {
      // An unknown label: validation fails right after this instruction.
      this.entry(-1, -1, 0, 0);
      return;
    }
    const kind = this.fKind[i];
    let arity = 0;
    let drop = 0;
    if (kind !== 0 && !st.unreachable) {
      arity = st.labelTypes(d).length;
      drop = h - arity - st.frameHeight(d);
      if (drop === 0) arity = 0; // nothing moves
    }
    if (kind === 0x03) {
      this.entry(this.fStart[i], this.fStp[i], arity, drop);
      return;
    }
    // Forward: the target is known at the frame's end; chain the entry to the frame's list.
    const k = this.entry(this.fFix[i], -1, arity, drop);
    this.fFix[i] = k;
  }

  /** Resolves the entries waiting for frame `i`'s end: to `pc`, with the next entry being `stp`. */
  private resolve(i: number, pc: number, stp: number): void {
    const e = this.ent;
    let k = this.fFix[i];
    while (k >= 0) {
      const next = e[k * 4];
      e[k * 4] = pc;
      e[k * 4 + 1] = stp;
      k = next;
    }
    this.fFix[i] = -1;
    const f = this.fIf[i];
    if (f >= 0) {
      e[f * 4] = pc;
      e[f * 4 + 1] = stp;
      this.fIf[i] = -1;
    }
  }

  instr(id: number, st: FuncState): void {
    const h = st.height;
    if (h > this.maxHeight) this.maxHeight = h;
    switch (id) {
      case 0x02: // block
        this.pushFrame(0x02, 0, 0);
        return;
      case 0x03: // loop: its label is its first instruction (in metered code, the loop, which charges)
        this.pushFrame(0x03, this.shared.meter === null ? st.next : st.pos, this.count);
        return;
      case 0x04: {
        // if: one entry, the false edge (moves nothing)
        const k = this.entry(-1, -1, 0, 0);
        this.pushFrame(0x04, 0, 0);
        this.fIf[this.depth - 1] = k;
        return;
      }
      case 0x05: {
        // else: one entry, the jump past the end; the if's false edge lands just after it
        const i = this.depth - 1;
        const k = this.entry(this.fFix[i], -1, 0, 0);
        this.fFix[i] = k;
        const f = this.fIf[i];
        const e = this.ent;
        e[f * 4] = st.next;
        e[f * 4 + 1] = this.count;
        this.fIf[i] = -1;
        return;
      }
      case 0x06: {
        // try: a block whose body exceptions raised in it may leave for its clauses
        this.pushFrame(0x06, 0, 0);
        // Its base is below the values it takes (a clause starts from there).
        const params = st.imm >= 0 ? st.module.types[st.imm].params.length : 0;
        this.fTry[this.depth - 1] = this.tryBlocks.open(st.next, this.locals + h - params);
        return;
      }
      case 0x07:
      case 0x19: {
        // catch, catch_all: one entry, the jump past the end; a clause starts after it
        // (The validator has checked that the frame is a try before calling the sink.)
        const i = this.depth - 1;
        this.fFix[i] = this.entry(this.fFix[i], -1, 0, 0);
        if (this.fKind[i] === 0x06) this.tryBlocks.endBody(this.fTry[i], st.pos);
        this.tryBlocks.clause(this.fTry[i], id === 0x07 ? st.imm : CATCH_ALL, st.next, this.count);
        this.fKind[i] = id;
        return;
      }
      case 0x09: // rethrow: the try its label names (checked by the validator before the sink)
        (this.shared.rethrows ??= new Map()).set(st.pos, this.fTry[this.depth - 1 - st.imm]);
        return;
      case 0x18:
      case 0x0b: {
        // end, or delegate (the end of a try that sends its exceptions to the label's)
        const i = this.depth - 1;
        if (this.fKind[i] === 0x06) {
          this.tryBlocks.endBody(this.fTry[i], st.pos);
          if (id === 0x18) {
            const j = i - 1 - st.imm;
            this.tryBlocks.tries[this.fTry[i]].delegate = delegateTarget(this.fKind[j], this.fTry[j], this.fEnc[j]);
          }
        }
        // The function's own label is its final end (returning is done there).
        if (i === 0) this.resolve(0, st.pos, this.count);
        else this.resolve(i, st.next, this.count);
        this.depth = i;
        return;
      }
      case 0x0c:
        this.branch(st, st.imm, h);
        return;
      case 0x0d:
        this.branch(st, st.imm, h - 1);
        return;
      case 0x0e: {
        // br_table: the targets, then the default, re-read from the (validated) bytes
        const r = new Reader(st.module.bytes, st.pos + 1);
        const n = r.u32();
        for (let k = 0; k <= n; k++) this.branch(st, r.u32(), h - 1);
        return;
      }
    }
  }

  endFunction(st: FuncState): void {
    const n = this.count;
    const e = this.ent;
    const start = this.start;
    // Distinct stack adjustments, numbered from 1, and the widest target offset.
    const pairs = new Map<number, number>();
    const pairList: number[] = [];
    let maxPc = 0;
    for (let k = 0; k < n; k++) {
      const pc = e[k * 4] - start;
      if (pc > maxPc) maxPc = pc;
      const arity = e[k * 4 + 2];
      const drop = e[k * 4 + 3];
      if (arity === 0 && drop === 0) continue;
      const key = arity * 0x100000000 + drop;
      if (!pairs.has(key)) {
        pairs.set(key, pairs.size + 1);
        pairList.push(arity, drop);
      }
    }
    const np = pairs.size;
    const adjBits = bits(np);
    const stpBits = bits(n);
    const narrow = adjBits + stpBits + bits(maxPc) <= 32;
    const stride = narrow ? 1 : 2;
    // Wide: stpRel (< 2n words) must fit in 31 - adjBits bits.
    if (!narrow && 2 * n >= 2 ** (31 - adjBits)) {
      throw new UnsupportedError(
        `a function with ${n} branch targets and ${np} distinct stack adjustments is past this engine's limits`,
        start,
      );
    }
    const pcSh = narrow ? adjBits + stpBits : 0;
    const need = 2 * np + stride * n;
    if (this.sideLen + need > this.side.length) this.side = grow(this.side, this.sideLen + need);
    const side = this.side;
    const sb = this.sideLen + 2 * np;
    for (let j = 1; j <= np; j++) {
      side[sb - 2 * j] = pairList[2 * (j - 1)];
      side[sb - 2 * j + 1] = pairList[2 * (j - 1) + 1];
    }
    for (let k = 0; k < n; k++) {
      const pc = e[k * 4] - start;
      const stp = e[k * 4 + 1] * stride;
      const arity = e[k * 4 + 2];
      const drop = e[k * 4 + 3];
      const adj = arity === 0 && drop === 0 ? 0 : pairs.get(arity * 0x100000000 + drop)!;
      if (narrow) side[sb + k] = (pc << pcSh) | (stp << adjBits) | adj;
      else {
        side[sb + 2 * k] = pc;
        side[sb + 2 * k + 1] = (stp << adjBits) | adj;
      }
    }
    this.sideLen = sb + stride * n;
    if (this.metaLen + META > this.meta.length) this.meta = grow(this.meta, this.metaLen + META);
    const meta = this.meta;
    const at = this.metaLen;
    meta[at + M_START] = start;
    meta[at + M_SB] = sb;
    let length = st.pos - start;
    if (length >= 1 << (32 - LENGTH_SHIFT)) {
      (this.shared.longLengths ??= new Map()).set(at / META, length);
      length = 0;
    }
    // Wide: stpRel has up to 31 - adjBits bits.
    const relBits = narrow ? stpBits : 31 - adjBits;
    meta[at + M_LAYOUT] = (stride - 1) | (this.wideLocals ? 2 : 0) | (pcSh << 2) | (adjBits << 7) | (relBits << 12) | (length << LENGTH_SHIFT);
    meta[at + M_LOCALS] = this.locals;
    meta[at + M_FRAME] = this.locals + this.maxHeight + 2;
    if (this.consts.length > 0) (this.shared.entryWords ??= new Map()).set(at / META, Int32Array.from(this.consts));
    const tries = this.tryBlocks.tries;
    if (tries.length > 0) {
      // A clause's side-table position, an entry index until now, becomes what the loop reads.
      for (const t of tries) for (let j = 0; j < t.stps.length; j++) t.stps[j] = sb + t.stps[j] * stride;
      (this.shared.tries ??= new Map()).set(at / META, tries);
    }
    this.metaLen = at + META;
  }
}

/** A copy of `a` with room for at least `need` words. */
function grow(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  let size = Math.max(a.length * 2, 256);
  while (size < need) size *= 2;
  const g = new Int32Array(size);
  g.set(a);
  return g;
}
