/**
 * Moving values between the public `Val` objects and the value stack's cells (16 bytes, the
 * layout of interp-core's Slots), and checking them against types.
 */
import { InvalidError, ValType as Code, type ValTypeCode, valTypeName } from '@proj/decoder';
import { FuncRef, i64_get, i64_set, isVal, NULL_REF, Val, type ValType } from '@proj/interp-core';

const negativeZero = Symbol('-0');

/** Reference numbering of one store: funcrefs are function addresses, externrefs interned host values. */
export class RefTable {
  private readonly externs: unknown[] = [];
  private readonly externIds = new Map<unknown, number>();

  constructor(private readonly owner: object) {}

  externId(x: unknown): number {
    if (x === null) return NULL_REF;
    // A Map key equates -0 and +0; references keep their identity, so -0 gets a key of its own.
    const key = Object.is(x, -0) ? negativeZero : x;
    let id = this.externIds.get(key);
    if (id === undefined) {
      id = this.externs.length;
      this.externs.push(x);
      this.externIds.set(key, id);
    }
    return id;
  }

  extern(id: number): unknown {
    return id === NULL_REF ? null : this.externs[id];
  }

  funcAddr(ref: FuncRef | null): number {
    if (ref === null) return NULL_REF;
    if (!(ref instanceof FuncRef) || ref.owner !== this.owner) {
      throw new InvalidError('a funcref from another store cannot be used here');
    }
    return ref.addr;
  }

  funcRef(addr: number): FuncRef | null {
    return addr === NULL_REF ? null : new FuncRef(this.owner, addr);
  }
}

/** Writes `v` (already checked to be of its type) into the cell at Int32 index `at`. */
export function writeVal(r: Int32Array, at: number, v: Val, refs: RefTable): void {
  switch (v.type) {
    case 'i32':
      r[at] = v.value;
      return;
    case 'i64':
      i64_set(r, at, v.value);
      return;
    case 'f32':
      r[at] = v.bits;
      return;
    case 'f64':
      i64_set(r, at, v.bits);
      return;
    case 'v128':
      writeV128(r, at, v.bytes);
      return;
    case 'funcref':
      r[at] = refs.funcAddr(v.value);
      return;
    case 'externref':
      r[at] = refs.externId(v.value);
      return;
  }
}

/** Writes 16 bytes (a v128, little-endian) as the four Int32 words from index `at`. */
export function writeV128(r: Int32Array, at: number, b: Uint8Array): void {
  for (let k = 0; k < 4; k++) r[at + k] = b[4 * k] | (b[4 * k + 1] << 8) | (b[4 * k + 2] << 16) | (b[4 * k + 3] << 24);
}

/** Reads a value of type `t` from the cell at Int32 index `at`. */
export function readVal(r: Int32Array, at: number, t: ValTypeCode, refs: RefTable): Val {
  switch (t) {
    case Code.i32:
      return Val.i32(r[at]);
    case Code.i64:
      return Val.i64(i64_get(r, at));
    case Code.f32:
      return Val.f32Bits(r[at] >>> 0);
    case Code.f64:
      return Val.f64Bits(BigInt.asUintN(64, i64_get(r, at)));
    case Code.v128: {
      const bytes = new Uint8Array(16);
      for (let k = 0; k < 4; k++) {
        const w = r[at + k];
        bytes[4 * k] = w;
        bytes[4 * k + 1] = w >> 8;
        bytes[4 * k + 2] = w >> 16;
        bytes[4 * k + 3] = w >> 24;
      }
      return Val.v128(bytes);
    }
    case Code.funcref:
      return Val.funcref(refs.funcRef(r[at]));
    default:
      return Val.externref(refs.extern(r[at]));
  }
}

/** `vals` (already checked against their types) as the value stack lays them out: four words a value. */
export function writeVals(vals: readonly Val[], refs: RefTable): Int32Array {
  const words = new Int32Array(vals.length * 4);
  for (let i = 0; i < vals.length; i++) writeVal(words, i * 4, vals[i], refs);
  return words;
}

/** The values of `types` laid out from word 0 of `r`, four words a value. */
export function readVals(r: Int32Array, types: readonly ValTypeCode[], refs: RefTable): Val[] {
  return types.map((t, i) => readVal(r, i * 4, t, refs));
}

/** Checks that `vals` match `types`, naming `what` in the error. */
export function checkVals(vals: readonly Val[], types: readonly ValTypeCode[], what: string): void {
  if (!Array.isArray(vals)) throw new InvalidError(`${what}: expected an array of values`);
  if (vals.length !== types.length) {
    throw new InvalidError(`${what}: expected ${types.length} values, got ${vals.length}`);
  }
  for (let i = 0; i < types.length; i++) {
    const v = vals[i] as Val | undefined;
    const want = valTypeName(types[i]) as ValType;
    if (!isVal(v, want)) {
      const o = v as unknown;
      const type = o !== null && typeof o === 'object' && 'type' in o ? String(o.type) : undefined;
      const got =
        type === undefined
          ? typeof o
          : `${type}${isVal(o, type as ValType) ? '' : ' (an object that is not a Val: make values with Val.*)'}`;
      throw new InvalidError(`${what}: value ${i} should be ${want}, got ${got}`);
    }
  }
}
