/**
 * Values as the public API passes them: small immutable objects that keep their exact bits
 * (an f32's or f64's NaN payload survives, an i64 is a bigint).
 */
import { InvalidError } from '@proj/decoder';

/** A value type's name. */
export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

const f32Buf = new Float32Array(1);
const f32Bits = new Uint32Array(f32Buf.buffer);
const f64Buf = new Float64Array(1);
const f64Bits = new BigUint64Array(f64Buf.buffer);

/** A reference to a function of a store, as funcref values carry it. */
export class FuncRef {
  /** @param owner the store the function lives in  @param addr its address there */
  constructor(
    readonly owner: object,
    readonly addr: number,
  ) {}
}

export class I32Val {
  readonly type = 'i32';
  /** The signed reading of the 32 bits. */
  readonly value: number;
  constructor(n: number) {
    this.value = n | 0;
  }
}

export class I64Val {
  readonly type = 'i64';
  /** The signed reading of the 64 bits. */
  readonly value: bigint;
  constructor(n: bigint) {
    this.value = BigInt.asIntN(64, n);
  }
}

export class F32Val {
  readonly type = 'f32';
  /** The bit pattern, as an unsigned 32-bit number. */
  readonly bits: number;
  constructor(bits: number) {
    this.bits = bits >>> 0;
  }
  get value(): number {
    f32Bits[0] = this.bits;
    return f32Buf[0];
  }
}

export class F64Val {
  readonly type = 'f64';
  /** The bit pattern, as an unsigned 64-bit bigint. */
  readonly bits: bigint;
  constructor(bits: bigint) {
    this.bits = BigInt.asUintN(64, bits);
  }
  get value(): number {
    f64Bits[0] = this.bits;
    return f64Buf[0];
  }
}

export class V128Val {
  readonly type = 'v128';
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    if (bytes.length !== 16) throw new InvalidError(`a v128 takes 16 bytes, not ${bytes.length}`);
    this.#bytes = bytes.slice();
  }
  /** A copy of the 16 bytes, lane 0 first. */
  get bytes(): Uint8Array {
    return this.#bytes.slice();
  }
}

export class FuncRefVal {
  readonly type = 'funcref';
  constructor(readonly value: FuncRef | null) {}
}

export class ExternRefVal {
  readonly type = 'externref';
  constructor(readonly value: unknown) {}
}

/** A WebAssembly value. */
export type Val = I32Val | I64Val | F32Val | F64Val | V128Val | FuncRefVal | ExternRefVal;

/** The class of each value type's values: a Val is one of these, never a look-alike object. */
const valClasses = {
  i32: I32Val,
  i64: I64Val,
  f32: F32Val,
  f64: F64Val,
  v128: V128Val,
  funcref: FuncRefVal,
  externref: ExternRefVal,
} as const;

/** Whether `v` is a Val of type `type` made by the `Val` constructors (not an object that looks like one). */
export function isVal(v: unknown, type: ValType): v is Val {
  const cls = (valClasses as Partial<Record<string, abstract new (...args: never[]) => Val>>)[type];
  return cls !== undefined && v instanceof cls;
}

/** `n` if it is an integer (a number); otherwise an InvalidError naming `what`. */
function integer(n: unknown, what: string): number {
  if (typeof n !== 'number') throw new InvalidError(`${what} takes an integer (a number), not a ${typeof n}`);
  if (!Number.isInteger(n)) throw new InvalidError(`${what} takes an integer, not ${n}`);
  return n;
}

/** `n` if it is a bigint; otherwise an InvalidError naming `what`. */
function bigInteger(n: unknown, what: string): bigint {
  if (typeof n !== 'bigint') throw new InvalidError(`${what} takes a bigint, not a ${typeof n}`);
  return n;
}

function float(x: unknown, what: string): number {
  if (typeof x !== 'number') throw new InvalidError(`${what} takes a number, not a ${typeof x}`);
  return x;
}

/**
 * Constructors of values. Each throws InvalidError for an argument of the wrong type: i32 and
 * f32Bits take an integer (kept modulo 2**32), i64 and f64Bits a bigint (kept modulo 2**64),
 * f32 and f64 a number, v128 a Uint8Array of 16 bytes, funcref a FuncRef or null.
 */
export const Val = {
  i32: (n: number): I32Val => new I32Val(integer(n, 'Val.i32')),
  i64: (n: bigint): I64Val => new I64Val(bigInteger(n, 'Val.i64')),
  /** The f32 nearest to `x`. */
  f32: (x: number): F32Val => {
    f32Buf[0] = float(x, 'Val.f32');
    return new F32Val(f32Bits[0]);
  },
  f32Bits: (bits: number): F32Val => new F32Val(integer(bits, 'Val.f32Bits')),
  f64: (x: number): F64Val => {
    f64Buf[0] = float(x, 'Val.f64');
    return new F64Val(f64Bits[0]);
  },
  f64Bits: (bits: bigint): F64Val => new F64Val(bigInteger(bits, 'Val.f64Bits')),
  v128: (bytes: Uint8Array): V128Val => {
    if (!(bytes instanceof Uint8Array)) throw new InvalidError(`Val.v128 takes a Uint8Array of 16 bytes, not a ${typeof bytes}`);
    return new V128Val(bytes);
  },
  funcref: (ref: FuncRef | null): FuncRefVal => {
    if (ref !== null && !(ref instanceof FuncRef)) throw new InvalidError('Val.funcref takes a FuncRef (from a funcref value) or null');
    return new FuncRefVal(ref);
  },
  /** `null` is the null reference; anything else (`undefined` included) is a host value. */
  externref: (x: unknown): ExternRefVal => new ExternRefVal(x),
};
