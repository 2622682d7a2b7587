/**
 * Validation of function bodies: the specification's operand-stack algorithm, with the
 * instruction set's plain typing read from the opcode table and a rule of its own for each
 * instruction the table cannot type (control, exception handling, variables, references, tables).
 * The rules work on the stacks of `stacks.ts`, whose header gives their short names and the kinds
 * of control frames.
 *
 * Short names: `bt` a block type as the decoder returns it.
 *
 * https://webassembly.github.io/spec/core/appendix/algorithm.html and, for exception handling,
 * https://github.com/WebAssembly/exception-handling/blob/main/document/legacy/exceptions/core/valid.rst
 */
import {
  Imm,
  type ModuleInfo,
  PREFIX_FC,
  PREFIX_FD,
  Reader,
  ValType,
  isRefType,
  isValType,
  opExists,
  opHasSig,
  opImm,
  opPopCount,
  opPops,
  opPush,
  opWidth,
  readBlockType,
  readRefType,
  readValType,
} from '@proj/decoder';
import type { ModuleContext } from './context.js';
import type { CodeSink, FuncState } from './sink.js';
import { TypeStacks, UNKNOWN } from './stacks.js';

const EMPTY = new Uint8Array(0);
/**
 * Locals up to this many are kept in a flat array; a function with more (valid, but rare and
 * costly to run) has its local types looked up in its declaration groups.
 */
export const DENSE_LOCALS = 50_000;

/** The largest alignment exponent each op allows (its natural alignment). */
const opMaxAlign = Uint8Array.from(opWidth, (w) => (w === 0 ? 0 : 31 - Math.clz32(w)));

const single: Uint8Array[] = [];
for (const t of Object.values(ValType)) single[t] = Uint8Array.of(t);

export class FuncValidator extends TypeStacks implements FuncState {
  module: ModuleInfo;
  funcIndex = 0;
  localTypes = new Uint8Array(64);
  localCount = 0;
  /** How many of the locals `localTypes` holds: all of them, unless there are more than DENSE_LOCALS. */
  private denseCount = 0;
  /** The declaration groups: how many locals each declares, where it ends, and its type. */
  private groupCounts: number[] = [];
  private groupEnds: number[] = [];
  private groupTypes: number[] = [];
  private params: Uint8Array = EMPTY;
  next = 0;
  height = 0;
  unreachable = false;
  depth = 0;
  imm = 0;
  imm2 = 0;
  private r: Reader;

  /** Whether the module has a memory, for memory instructions. */
  private readonly hasMemory: boolean;

  constructor(
    private readonly cx: ModuleContext,
    private readonly sink: CodeSink | null,
  ) {
    super();
    this.module = cx.module;
    this.hasMemory = cx.module.memories.length > 0;
    this.r = new Reader(cx.module.bytes);
  }

  // ---- helpers for immediates ----
  private blockParams(bt: number): Uint8Array {
    if (bt < 0) return EMPTY;
    if (bt >= this.cx.typeParams.length) this.fail('unknown type');
    return this.cx.typeParams[bt];
  }

  private tagParams(x: number): Uint8Array {
    if (x >= this.cx.tagParams.length) this.fail(`unknown tag ${x}`);
    return this.cx.tagParams[x];
  }

  private blockResults(bt: number): Uint8Array {
    if (bt === -64) return EMPTY;
    if (bt < 0) return single[bt & 0x7f];
    return this.cx.typeResults[bt];
  }

  private readBlockType(): number {
    const r = this.r;
    const at = r.pos;
    const b = r.bytes[at];
    // The common one-byte forms first: the empty type or a value type.
    if (at < r.end && (b === 0x40 || isValType(b))) {
      r.pos = at + 1;
      return (b << 25) >> 25;
    }
    return readBlockType(r);
  }

  private needMemory(): void {
    if (this.module.memories.length === 0) this.fail('unknown memory 0');
  }

  private needTable(x: number): number {
    if (x >= this.cx.tableTypes.length) this.fail(`unknown table ${x}`);
    return this.cx.tableTypes[x];
  }

  private needDataCount(x: number): void {
    const n = this.module.dataCount;
    if (n === undefined) this.fail('data count section required');
    if (x >= n) this.fail(`unknown data segment ${x}`);
  }

  private needElem(x: number): number {
    const elems = this.module.elems;
    if (x >= elems.length) this.fail(`unknown elem segment ${x}`);
    return elems.type(x);
  }

  private readZero(): void {
    const at = this.r.pos;
    if (this.r.u8() !== 0) this.fail('zero byte expected', at);
  }

  private readMemArg(id: number): void {
    const r = this.r;
    const at = r.pos;
    const align = r.u32();
    if (align >= 32) this.fail('malformed memop flags', at);
    this.imm2 = align;
    this.imm = r.u32();
    this.needMemory();
    if (align > 31 - Math.clz32(opWidth[id])) this.fail('alignment must not be larger than natural');
  }

  // ---- locals ----
  private readLocals(params: Uint8Array): void {
    const r = this.r;
    const groups = r.count();
    // The binary format bounds the declared locals (parameters not included) below 2^32.
    let declared = 0;
    const counts = this.groupCounts;
    const types = this.groupTypes;
    counts.length = 0;
    types.length = 0;
    for (let g = 0; g < groups; g++) {
      const at = r.pos;
      const n = r.u32();
      declared += n;
      if (declared > 0xffffffff) this.fail('too many locals', at);
      counts.push(n);
      types.push(readValType(r));
    }
    const total = params.length + declared;
    const dense = Math.min(total, DENSE_LOCALS);
    if (dense > this.localTypes.length) this.localTypes = new Uint8Array(Math.max(dense, this.localTypes.length * 2));
    const lt = this.localTypes;
    lt.set(params.subarray(0, dense));
    let k = params.length;
    const ends = this.groupEnds;
    ends.length = 0;
    for (let g = 0; g < counts.length; g++) {
      if (k < dense) lt.fill(types[g], k, Math.min(k + counts[g], dense));
      k += counts[g];
      ends.push(k);
    }
    this.denseCount = dense;
    this.localCount = total;
    this.params = params;
  }

  /** The type of a local past the dense ones (a function with more than DENSE_LOCALS locals). */
  private sparseLocal(x: number): number {
    if (x >= this.localCount) this.fail(`unknown local ${x}`);
    if (x < this.params.length) return this.params[x];
    const ends = this.groupEnds;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.groupTypes[lo];
  }

  private global(x: number): number {
    if (x >= this.cx.globalTypes.length) this.fail(`unknown global ${x}`);
    return this.cx.globalTypes[x];
  }

  /** Validates the body of function `funcIndex`, found at `[start, end)`. */
  validate(funcIndex: number, start: number, end: number): void {
    const cx = this.cx;
    const m = this.module;
    const typeIndex = m.funcTypes[funcIndex];
    const params = cx.typeParams[typeIndex];
    const results = cx.typeResults[typeIndex];
    const r = this.r;
    const sink = this.sink;
    r.pos = start;
    r.end = end;
    this.funcIndex = funcIndex;
    this.pos = start;
    this.readLocals(params);
    this.sp = 0;
    this.ctlSp = 0;
    this.pushCtl(0, EMPTY, results);
    if (sink !== null) this.sinkBegin(sink);

    const bytes = m.bytes;
    while (this.ctlSp > 0) {
      const pos = r.pos;
      this.pos = pos;
      if (pos >= end) r.overrun();
      let id = bytes[pos];
      r.pos = pos + 1;
      if (id === 0x20 || id === 0x21 || id === 0x22) {
        // local.get / local.set / local.tee: a fifth of real code, so read inline.
        let x = bytes[pos + 1];
        if (x < 0x80 && pos + 1 < end) r.pos = pos + 2;
        else x = r.u32();
        const t = x < this.denseCount ? this.localTypes[x] : this.sparseLocal(x);
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        if (id !== 0x20) this.popExpect(t);
        if (id !== 0x21) this.push(t);
        continue;
      }
      if (id === 0xfc || id === 0xfd) {
        const sub = r.u32();
        id = sub < 0x100 ? (id === 0xfc ? PREFIX_FC : PREFIX_FD) + sub : 0;
        if (id === 0) this.fail('illegal opcode', pos);
      }
      if (opHasSig[id]) {
        // Instructions typed by the table: read immediates, check them, then apply the signature.
        switch (opImm[id]) {
          case Imm.none:
            break;
          case Imm.memArg: {
            // Alignment and offset as one byte each is the common case.
            const p = r.pos;
            const align = bytes[p];
            const offset = bytes[p + 1];
            if (align <= opMaxAlign[id] && offset < 0x80 && p + 1 < end && this.hasMemory) {
              r.pos = p + 2;
              this.imm2 = align;
              this.imm = offset;
            } else this.readMemArg(id);
            break;
          }
          case Imm.i32:
            this.imm = r.s32();
            break;
          case Imm.i64:
            if (r.pos < end && bytes[r.pos] < 0x80) r.pos++;
            else r.skipS64();
            break;
          case Imm.f32:
            r.skip(4);
            break;
          case Imm.f64:
            r.skip(8);
            break;
          case Imm.zeroByte:
            this.readZero();
            this.needMemory();
            break;
          case Imm.v128:
            r.skip(16);
            break;
          case Imm.lane: {
            const at = r.pos;
            this.imm = r.u8();
            if (this.imm >= opWidth[id]) this.fail('invalid lane index', at);
            break;
          }
          case Imm.memArgLane: {
            this.readMemArg(id);
            const at = r.pos;
            const lane = r.u8();
            if (lane >= 16 / opWidth[id]) this.fail('invalid lane index', at);
            this.imm2 = lane;
            break;
          }
          case Imm.shuffle: {
            const at = r.pos;
            r.skip(16);
            for (let k = at; k < at + 16; k++) if (bytes[k] >= 32) this.fail('invalid lane index', k);
            break;
          }
          default:
            this.bulkImmediates(id);
        }
        if (sink !== null) this.sinkInstr(sink, id);
        // The signature's operands, popped last first; then its result.
        let sp = this.sp;
        const stack = this.stack;
        for (let k = id * 3 + opPopCount[id] - 1; k >= id * 3; k--) {
          if (sp > this.base) {
            const t = stack[--sp];
            if (t !== opPops[k] && t !== UNKNOWN) this.fail('type mismatch');
          } else if (!this.unr) this.fail('type mismatch');
        }
        const t = opPush[id];
        if (t !== 0) {
          if (sp === stack.length) {
            this.sp = sp;
            this.push(t);
            continue;
          }
          stack[sp++] = t;
        }
        this.sp = sp;
        continue;
      }
      if (!opExists[id]) this.fail('illegal opcode', pos);
      this.special(id, sink);
    }
    if (r.pos !== end) this.fail('section size mismatch', r.pos);
    if (sink !== null) {
      this.pos = end;
      sink.endFunction(this);
    }
  }

  /** Immediates of the bulk memory and table instructions that have plain signatures. */
  private bulkImmediates(id: number): void {
    const r = this.r;
    switch (opImm[id]) {
      case Imm.memoryInit: {
        const x = r.u32();
        this.readZero();
        this.needMemory();
        this.needDataCount(x);
        this.imm = x;
        break;
      }
      case Imm.data: {
        const x = r.u32();
        this.needDataCount(x);
        this.imm = x;
        break;
      }
      case Imm.memoryCopy:
        this.readZero();
        this.readZero();
        this.needMemory();
        break;
      case Imm.tableInit: {
        const y = r.u32();
        const x = r.u32();
        const tableType = this.needTable(x);
        const elemType = this.needElem(y);
        if (elemType !== tableType) this.fail('type mismatch');
        this.imm = y;
        this.imm2 = x;
        break;
      }
      case Imm.elem: {
        const y = r.u32();
        this.needElem(y);
        this.imm = y;
        break;
      }
      case Imm.tableCopy: {
        const x = r.u32();
        const y = r.u32();
        const tx = this.needTable(x);
        const ty = this.needTable(y);
        if (tx !== ty) this.fail('type mismatch');
        this.imm = x;
        this.imm2 = y;
        break;
      }
      case Imm.table: {
        const x = r.u32();
        this.needTable(x);
        this.imm = x;
        break;
      }
      default:
        throw new Error(`validator: no immediate rule for op 0x${id.toString(16)}`);
    }
  }

  private sinkBegin(sink: CodeSink): void {
    this.height = this.sp;
    this.depth = this.ctlSp;
    this.unreachable = false;
    this.next = this.r.pos;
    sink.beginFunction(this);
  }

  private sinkInstr(sink: CodeSink, id: number): void {
    this.height = this.sp;
    this.depth = this.ctlSp;
    this.unreachable = this.unr;
    this.next = this.r.pos;
    sink.instr(id, this);
  }

  /** Instructions whose typing the table does not give. */
  private special(id: number, sink: CodeSink | null): void {
    const r = this.r;
    const cx = this.cx;
    switch (id) {
      case 0x00: // unreachable
        if (sink !== null) this.sinkInstr(sink, id);
        this.setUnreachable();
        return;
      case 0x02: // block
      case 0x03: // loop
      case 0x04: // if
      case 0x06: {
        // try
        const bt = this.readBlockType();
        const params = this.blockParams(bt);
        const results = this.blockResults(bt);
        this.imm = bt;
        if (sink !== null) this.sinkInstr(sink, id);
        if (id === 0x04) this.popExpect(ValType.i32);
        this.popTypes(params);
        this.pushCtl(id, params, results);
        return;
      }
      case 0x05: {
        // else
        if (sink !== null) this.sinkInstr(sink, id);
        const i = this.ctlSp - 1;
        if (this.ctlKind[i] !== 0x04) this.fail('else without matching if');
        this.popCtl();
        this.pushCtl(0x05, this.ctlParams[i], this.ctlResults[i]);
        return;
      }
      case 0x07: // catch
      case 0x19: {
        // catch_all
        // Both end the try body or the previous clause as `end` would, then open a clause that
        // starts with the caught tag's parameters (none for catch_all) on the stack.
        let tag: Uint8Array = EMPTY;
        if (id === 0x07) {
          const x = r.u32();
          tag = this.tagParams(x);
          this.imm = x;
        }
        const i = this.ctlSp - 1;
        const kind = this.ctlKind[i];
        const name = id === 0x07 ? 'catch' : 'catch_all';
        if (kind === 0x19) this.fail(`${name} after catch_all`);
        if (kind !== 0x06 && kind !== 0x07) this.fail(`${name} without matching try`);
        if (sink !== null) this.sinkInstr(sink, id);
        this.popCtl();
        this.pushCtl(id, this.ctlParams[i], this.ctlResults[i], tag);
        return;
      }
      case 0x08: {
        // throw
        const x = r.u32();
        const params = this.tagParams(x);
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        this.popTypes(params);
        this.setUnreachable();
        return;
      }
      case 0x09: {
        // rethrow: only a catch or catch_all clause has an exception to throw again.
        const d = r.u32();
        this.imm = d;
        if (d >= this.ctlSp) this.fail('unknown label');
        const kind = this.ctlKind[this.ctlSp - 1 - d];
        if (kind !== 0x07 && kind !== 0x19) this.fail('invalid rethrow label');
        if (sink !== null) this.sinkInstr(sink, id);
        this.setUnreachable();
        return;
      }
      case 0x18: {
        // delegate: ends a try that has no clause as `end` would; its label counts from the
        // frames outside the try, the function's own included.
        const d = r.u32();
        this.imm = d;
        if (this.ctlKind[this.ctlSp - 1] !== 0x06) this.fail('delegate without matching try');
        if (d >= this.ctlSp - 1) this.fail('unknown label');
        if (sink !== null) this.sinkInstr(sink, id);
        const i = this.popCtl();
        this.pushTypes(this.ctlResults[i]);
        return;
      }
      case 0x0b: {
        // end
        if (sink !== null) this.sinkInstr(sink, id);
        const i = this.popCtl();
        // An `if` without `else` passes its parameters through as its results.
        if (this.ctlKind[i] === 0x04 && !sameTypes(this.ctlParams[i], this.ctlResults[i])) this.fail('type mismatch');
        this.pushTypes(this.ctlResults[i]);
        return;
      }
      case 0x0c: {
        // br
        const d = r.u32();
        this.imm = d;
        const types = this.label(d);
        if (sink !== null) this.sinkInstr(sink, id);
        this.popTypes(types);
        this.setUnreachable();
        return;
      }
      case 0x0d: {
        // br_if
        const d = r.u32();
        this.imm = d;
        const types = this.label(d);
        if (sink !== null) this.sinkInstr(sink, id);
        this.popExpect(ValType.i32);
        this.popTypes(types);
        this.pushTypes(types);
        return;
      }
      case 0x0e:
        this.brTable(sink);
        return;
      case 0x0f: // return
        if (sink !== null) this.sinkInstr(sink, id);
        this.popTypes(this.ctlResults[0]);
        this.setUnreachable();
        return;
      case 0x10: {
        // call
        const x = r.u32();
        if (x >= this.module.funcTypes.length) this.fail(`unknown function ${x}`);
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        const t = this.module.funcTypes[x];
        this.popTypes(cx.typeParams[t]);
        this.pushTypes(cx.typeResults[t]);
        return;
      }
      case 0x11: {
        // call_indirect
        const t = r.u32();
        const x = r.u32();
        if (this.needTable(x) !== ValType.funcref) this.fail('type mismatch');
        if (t >= cx.typeParams.length) this.fail('unknown type');
        this.imm = t;
        this.imm2 = x;
        if (sink !== null) this.sinkInstr(sink, id);
        this.popExpect(ValType.i32);
        this.popTypes(cx.typeParams[t]);
        this.pushTypes(cx.typeResults[t]);
        return;
      }
      case 0x1a: // drop
        if (sink !== null) this.sinkInstr(sink, id);
        this.pop();
        return;
      case 0x1b: {
        // select
        if (sink !== null) this.sinkInstr(sink, id);
        this.popExpect(ValType.i32);
        const t1 = this.pop();
        const t2 = this.pop();
        if (isRefType(t1) || isRefType(t2)) this.fail('type mismatch');
        if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) this.fail('type mismatch');
        this.push(t1 === UNKNOWN ? t2 : t1);
        return;
      }
      case 0x1c: {
        // select t*
        const n = r.count();
        if (n !== 1) this.fail('invalid result arity');
        const t = readValType(r);
        this.imm = t;
        if (sink !== null) this.sinkInstr(sink, id);
        this.popExpect(ValType.i32);
        this.popExpect(t);
        this.popExpect(t);
        this.push(t);
        return;
      }
      case 0x23: {
        // global.get
        const x = r.u32();
        const t = this.global(x);
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        this.push(t);
        return;
      }
      case 0x24: {
        // global.set
        const x = r.u32();
        const t = this.global(x);
        if (!cx.globalMutable[x]) this.fail('global is immutable');
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        this.popExpect(t);
        return;
      }
      case 0x25: {
        // table.get
        const x = r.u32();
        const t = this.needTable(x);
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        this.popExpect(ValType.i32);
        this.push(t);
        return;
      }
      case 0x26: {
        // table.set
        const x = r.u32();
        const t = this.needTable(x);
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        this.popExpect(t);
        this.popExpect(ValType.i32);
        return;
      }
      case 0xd0: {
        // ref.null
        const t = readRefType(r);
        this.imm = t;
        if (sink !== null) this.sinkInstr(sink, id);
        this.push(t);
        return;
      }
      case 0xd1: {
        // ref.is_null
        if (sink !== null) this.sinkInstr(sink, id);
        const t = this.pop();
        if (t !== UNKNOWN && !isRefType(t)) this.fail('type mismatch');
        this.push(ValType.i32);
        return;
      }
      case 0xd2: {
        // ref.func
        const x = r.u32();
        if (x >= this.module.funcTypes.length) this.fail(`unknown function ${x}`);
        if (!cx.refs[x]) this.fail('undeclared function reference');
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        this.push(ValType.funcref);
        return;
      }
      case PREFIX_FC + 15: {
        // table.grow
        const x = r.u32();
        const t = this.needTable(x);
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        this.popExpect(ValType.i32);
        this.popExpect(t);
        this.push(ValType.i32);
        return;
      }
      case PREFIX_FC + 17: {
        // table.fill
        const x = r.u32();
        const t = this.needTable(x);
        this.imm = x;
        if (sink !== null) this.sinkInstr(sink, id);
        this.popExpect(ValType.i32);
        this.popExpect(t);
        this.popExpect(ValType.i32);
        return;
      }
      default:
        throw new Error(`validator: no typing rule for op 0x${id.toString(16)}`);
    }
  }

  private brTable(sink: CodeSink | null): void {
    const r = this.r;
    const n = r.count();
    const first = r.pos;
    for (let i = 0; i < n; i++) r.u32();
    const d = r.u32();
    this.imm = d;
    this.imm2 = n;
    const defaultTypes = this.label(d);
    const arity = defaultTypes.length;
    // Every target must exist and take as many values as the default, before the sink sees the
    // instruction. Targets often share their label types: each distinct list is checked once.
    const after = r.pos;
    r.pos = first;
    const distinct = new Set<Uint8Array>();
    for (let i = 0; i < n; i++) {
      const types = this.label(r.u32());
      if (types.length !== arity) this.fail('type mismatch');
      distinct.add(types);
    }
    r.pos = after;
    if (sink !== null) this.sinkInstr(sink, 0x0e);
    this.popExpect(ValType.i32);
    // In unreachable code the values may be unknown, so each target's types are checked against
    // the stack separately.
    for (const types of distinct) {
      const sp = this.sp;
      this.popTypes(types);
      // Popping leaves the stack's contents in place: each label is checked against the same operands.
      this.sp = sp;
    }
    this.popTypes(defaultTypes);
    this.setUnreachable();
  }
}

function sameTypes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
