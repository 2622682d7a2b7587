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
 *
 * The translator is built in layers, one class per file: code-writer.ts (the code, cells,
 * pending operands and constant cells), control.ts (control frames and branches), fusion.ts
 * (peephole rewrites), and here the rule for each instruction.
 */
import { Imm, opHasSig, opImm, opPopCount, opPush, PREFIX_FD, ValType } from '@proj/decoder';
import type { CodeSink, FuncState } from '@proj/validator';
import { BULK_OPS, type FuelMeter } from '../fuel/meter.js';
import { readI64 } from '../leb.js';
import { copyOp, wordsOf } from './code-writer.js';
import { CHAIN_SECONDS, FusingWriter, immediateForm } from './fusion.js';
import { Op } from './ops.js';
import { PreparedFunc } from './prepared-func.js';
import { TO_CALLER } from '../exceptions.js';

export { PreparedFunc, type CompiledCode } from './prepared-func.js';

const SIMD_MEMORY = new Set([
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
  0x5a, 0x5b, 0x5c, 0x5d,
]);

/** Whether op `id` is a SIMD instruction laid out as `[id, d, a, b, c, lane]`. */
export function isUniformSimd(id: number): boolean {
  return id >= PREFIX_FD && id !== PREFIX_FD + 0x0c && id !== PREFIX_FD + 0x0d && !SIMD_MEMORY.has(id - PREFIX_FD);
}

/** The select op for operands of type `t`. */
function selectOp(t: number): number {
  return t === ValType.v128 ? Op.select4 : t === ValType.i64 || t === ValType.f64 ? Op.select2 : Op.select1;
}

/** The `fast` translator: the sink the validator hands each instruction of each function body. */
export class Translator extends FusingWriter implements CodeSink {
  /**
   * @param recordStarts keep where each instruction starts (PreparedFunc.starts)
   * @param meter for metered code: the fuel costs, computed in the same pass (else null)
   */
  constructor(recordStarts = false, meter: FuelMeter | null = null) {
    super(recordStarts, meter);
  }

  /** Prepared functions, by index among the module's own functions. */
  readonly funcs: PreparedFunc[] = [];

  /** PreparedFunc.resultWords of the function being translated. */
  private resultWords = 0;

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
    const resultTypes = st.frameResults(0);
    const results = resultTypes.length;
    this.resultWords = results === 1 ? wordsOf(resultTypes[0]) : 0;
    this.frames = [{ kind: 0, base: 0, arity: results, results, start: 0, fixups: [], elseFixup: -1, dead: false, tryIndex: -1, enclosingTry: TO_CALLER }];
    this.tryBlocks.reset();
    this.throws = false;
    this.fuelSites.length = 0;
    if (this.meter !== null) this.charge(-1);
  }

  endFunction(): void {
    const shift = this.constCells.size * 4;
    const code = this.code.slice(0, this.pc);
    for (const at of this.stackRefs) code[at] += shift;
    if (this.meter !== null) this.patchCharges(code);
    // A try's base becomes the cell of that operand stack entry.
    const tries = this.tryBlocks.tries;
    for (const t of tries) t.base += this.L + this.constCells.size;
    const f = new PreparedFunc(
        'fast',
        code,
        this.L,
        this.params,
        this.L + this.constCells.size + this.maxHeight + 1,
        this.constEntryWords(),
        this.localZeroWords(),
        this.resultWords,
        this.recordStarts ? Int32Array.from(this.starts) : undefined,
      );
    if (tries.length > 0) f.tries = tries;
    f.usesExceptions = this.throws || tries.length > 0;
    this.funcs.push(f);
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
    if (id <= 0x0b ? id >= 0x02 && id <= 0x07 || id === 0x0b : id === 0x18 || id === 0x19) {
      this.structured(id, st, h);
      return;
    }
    if (this.dead > 0 || st.unreachable) return;
    if (this.meter !== null) {
      const perFuel = BULK_OPS.get(id);
      if (perFuel !== undefined) {
        // The charge for its length (the last operand), before the operation.
        this.op(Op.fuelLength);
        this.src(h - 1);
        this.emit(perFuel);
      }
    }

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
      case 0x08: {
        // throw: its values are in their own cells from `base`
        const t = st.module.types[st.module.tagTypes[st.imm]];
        const base = h - t.params.length;
        this.materialize(base, h, types);
        this.op(Op.throw);
        this.emit(st.imm);
        this.cell(base);
        this.throws = true;
        return;
      }
      case 0x09:
        // rethrow: what the try's clause at the label caught
        this.op(Op.rethrow);
        this.emit(frames[frames.length - 1 - st.imm].tryIndex);
        this.throws = true;
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
        this.pairCopies();
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

    if (opImm[id] === Imm.memArg) {
      this.memoryAccess(id, st, h);
      return;
    }

    const imm = immediateForm.get(id);
    if (imm !== undefined && this.immediate(id, imm, h)) return;
    if ((id === 0xa0 || id === 0xa2) && this.loadsPair(id, h)) return;
    if ((id === 0x92 || id === 0xa0) && this.mulAdd(id, h)) return;
    if (CHAIN_SECONDS.has(id) && this.chain(id, h)) return;
    if (id === 0x7c && this.addOfLoad(h)) return;

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
}

function readWord(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
}


const i64Scratch = new Int32Array(2);

/** An i64 constant's low and high halves, decoded from its (already validated) LEB128. */
function i64Words(b: Uint8Array, at: number): [number, number] {
  readI64(b, at, i64Scratch, 0);
  return [i64Scratch[0], i64Scratch[1]];
}
