/**
 * The i64 instructions, on i64 values held as two int32 halves in an Int32Array (`Slots.i32`):
 * an operand at index `a` has its low half in `r[a]` and its high half in `r[a + 1]`.
 *
 * Operations take `(r, d, a, b)`: the indices of the result's and the operands' low halves. `d`
 * may equal `a` or `b` (the result replaces an operand), so every function reads all its inputs
 * into locals before it writes anything. Comparisons return an i32 number (0 or 1) instead.
 *
 * Everything frequent is computed on 32-bit halves without BigInt; division and remainder fall
 * back to BigInt when an operand does not fit in 32 bits (they are rare). The float ↔ i64
 * conversions are in i64-convert.ts, re-exported here.
 * Semantics: https://webassembly.github.io/spec/core/exec/numerics.html#integer-operations
 */
import { Trap, TrapReason } from '../trap.js';

export * from './i64-convert.js';

/** The i64 at `a`, as a signed BigInt (for the API boundary and the rare slow paths). */
export function i64_get(r: Int32Array, a: number): bigint {
  return (BigInt(r[a + 1]) << 32n) | BigInt(r[a] >>> 0);
}

/** Stores `v` (any BigInt, wrapped modulo 2^64) as the i64 at `d`. */
export function i64_set(r: Int32Array, d: number, v: bigint): void {
  r[d] = Number(BigInt.asIntN(32, v));
  r[d + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

/**
 * `i64.mul`: the low 64 bits of the product. Low half: Math.imul. High half: the high 32 bits of
 * the unsigned 32×32 product of the low halves (computed exactly in doubles from a 16-bit split,
 * every partial product below 2^49), plus the two cross products, whose high halves fall off.
 */
export function i64_mul(r: Int32Array, d: number, a: number, b: number): void {
  const al = r[a], ah = r[a + 1], bl = r[b], bh = r[b + 1];
  const bu = bl >>> 0;
  const low = (al & 0xffff) * bu; // < 2^48
  const high = (al >>> 16) * bu; // < 2^48; the product is high·2^16 + low
  const carry = Math.floor((high + Math.floor(low / 65536)) / 65536); // floor(product / 2^32)
  r[d] = Math.imul(al, bl);
  r[d + 1] = (carry + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
}

/** Quotient (high, low halves) and remainder of the 64-bit division by `divisor`, below 2^32. */
const divOut = new Float64Array(3);

/**
 * Unsigned long division of the u64 `hi:lo` by a nonzero `b` < 2^32 in 16-bit steps: each
 * partial dividend stays below 2^48, so doubles divide it exactly. Results go to `divOut`:
 * quotient high and low halves (as uint32 numbers) and the remainder.
 */
function udiv64by32(hi: number, lo: number, b: number): void {
  let rem = 0;
  let q = 0;
  let cur = hi >>> 16;
  q = Math.floor(cur / b);
  rem = cur - q * b;
  let qhi = q * 65536;
  cur = rem * 65536 + (hi & 0xffff);
  q = Math.floor(cur / b);
  rem = cur - q * b;
  qhi += q;
  cur = rem * 65536 + (lo >>> 16);
  q = Math.floor(cur / b);
  rem = cur - q * b;
  let qlo = q * 65536;
  cur = rem * 65536 + (lo & 0xffff);
  q = Math.floor(cur / b);
  rem = cur - q * b;
  qlo += q;
  divOut[0] = qhi;
  divOut[1] = qlo;
  divOut[2] = rem;
}

/** Writes the negation of the u64 `hi:lo` (two's complement) or the value itself, at `d`. */
function setSigned(r: Int32Array, d: number, hi: number, lo: number, negate: boolean): void {
  if (!negate) {
    r[d] = lo | 0;
    r[d + 1] = hi | 0;
    return;
  }
  const nlo = (~lo + 1) | 0;
  r[d] = nlo;
  r[d + 1] = (~hi + (nlo === 0 ? 1 : 0)) | 0;
}

/** The magnitude of the signed i64 `hi:lo` as u64 halves, into `absOut`. */
const absOut = new Int32Array(2);
function abs64(lo: number, hi: number): void {
  if (hi >= 0) {
    absOut[0] = lo;
    absOut[1] = hi;
    return;
  }
  const nlo = (~lo + 1) | 0;
  absOut[0] = nlo;
  absOut[1] = (~hi + (nlo === 0 ? 1 : 0)) | 0;
}

/** True when the i64 with halves lo, hi fits in an int32 (hi is lo's sign extension). */
function isI32(lo: number, hi: number): boolean {
  return hi === lo >> 31;
}

/** Writes an integer |q| ≤ 2^32 (a double) as the i64 at `d`. */
function setSmall(r: Int32Array, d: number, q: number): void {
  r[d] = q | 0;
  r[d + 1] = q < 0 ? -1 : 0;
}

/**
 * `i64.div_s`: signed division truncating toward zero; traps on a zero divisor and on
 * -2^63 / -1 (https://webassembly.github.io/spec/core/exec/numerics.html#op-idiv-s).
 */
export function i64_div_s(r: Int32Array, d: number, a: number, b: number): void {
  const al = r[a], ah = r[a + 1], bl = r[b], bh = r[b + 1];
  if ((bl | bh) === 0) throw new Trap(TrapReason.divideByZero);
  if (isI32(al, ah) && isI32(bl, bh)) {
    // Exact in doubles (see i32_div_s); -2^31 / -1 = 2^31 is fine in 64 bits.
    setSmall(r, d, Math.trunc(al / bl));
    return;
  }
  if (ah === -0x80000000 && al === 0 && bl === -1 && bh === -1) throw new Trap(TrapReason.integerOverflow);
  abs64(bl, bh);
  const ub = absOut[0] >>> 0;
  if (absOut[1] === 0) {
    abs64(al, ah);
    udiv64by32(absOut[1] >>> 0, absOut[0] >>> 0, ub);
    setSigned(r, d, divOut[0], divOut[1], ah < 0 !== bh < 0);
    return;
  }
  i64_set(r, d, i64_get(r, a) / i64_get(r, b)); // BigInt division truncates toward zero
}

/** `i64.div_u`: unsigned division; traps on a zero divisor. */
export function i64_div_u(r: Int32Array, d: number, a: number, b: number): void {
  const al = r[a], ah = r[a + 1], bl = r[b], bh = r[b + 1];
  if ((bl | bh) === 0) throw new Trap(TrapReason.divideByZero);
  if (ah === 0 && bh === 0) {
    r[d] = Math.floor((al >>> 0) / (bl >>> 0)) | 0;
    r[d + 1] = 0;
    return;
  }
  if (bh === 0) {
    udiv64by32(ah >>> 0, al >>> 0, bl >>> 0);
    r[d] = divOut[1] | 0;
    r[d + 1] = divOut[0] | 0;
    return;
  }
  i64_set(r, d, BigInt.asUintN(64, i64_get(r, a)) / BigInt.asUintN(64, i64_get(r, b)));
}

/** `i64.rem_s`: signed remainder with the sign of the dividend; traps on a zero divisor only. */
export function i64_rem_s(r: Int32Array, d: number, a: number, b: number): void {
  const al = r[a], ah = r[a + 1], bl = r[b], bh = r[b + 1];
  if ((bl | bh) === 0) throw new Trap(TrapReason.divideByZero);
  if (isI32(al, ah) && isI32(bl, bh)) {
    setSmall(r, d, al % bl);
    return;
  }
  abs64(bl, bh);
  if (absOut[1] === 0) {
    const ub = absOut[0] >>> 0;
    abs64(al, ah);
    udiv64by32(absOut[1] >>> 0, absOut[0] >>> 0, ub);
    // The remainder takes the dividend's sign.
    setSigned(r, d, 0, divOut[2], ah < 0);
    return;
  }
  // BigInt % never overflows: -2^63 % -1 is 0.
  i64_set(r, d, i64_get(r, a) % i64_get(r, b));
}

/** `i64.rem_u`: unsigned remainder; traps on a zero divisor. */
export function i64_rem_u(r: Int32Array, d: number, a: number, b: number): void {
  const al = r[a], ah = r[a + 1], bl = r[b], bh = r[b + 1];
  if ((bl | bh) === 0) throw new Trap(TrapReason.divideByZero);
  if (ah === 0 && bh === 0) {
    r[d] = ((al >>> 0) % (bl >>> 0)) | 0;
    r[d + 1] = 0;
    return;
  }
  if (bh === 0) {
    udiv64by32(ah >>> 0, al >>> 0, bl >>> 0);
    r[d] = divOut[2] | 0;
    r[d + 1] = 0;
    return;
  }
  i64_set(r, d, BigInt.asUintN(64, i64_get(r, a)) % BigInt.asUintN(64, i64_get(r, b)));
}

// ---------------------------------------------------------------------------------------------
// Bitwise operations, shifts and rotations (count = b mod 64)

// JS shifts take their count mod 32, so a count of 0 (where the bits crossing between the halves
// would need a shift by 32) and counts of 32 and more have their own branches.

/** `i64.shl`: shift left by `b mod 64`. */
export function i64_shl(r: Int32Array, d: number, a: number, b: number): void {
  const lo = r[a], hi = r[a + 1], k = r[b] & 63;
  if (k === 0) {
    r[d] = lo;
    r[d + 1] = hi;
  } else if (k < 32) {
    r[d] = lo << k;
    r[d + 1] = (hi << k) | (lo >>> (32 - k));
  } else {
    r[d] = 0;
    r[d + 1] = lo << (k - 32);
  }
}

/** `i64.shr_s`: arithmetic shift right by `b mod 64`. */
export function i64_shr_s(r: Int32Array, d: number, a: number, b: number): void {
  const lo = r[a], hi = r[a + 1], k = r[b] & 63;
  if (k === 0) {
    r[d] = lo;
    r[d + 1] = hi;
  } else if (k < 32) {
    r[d] = (lo >>> k) | (hi << (32 - k));
    r[d + 1] = hi >> k;
  } else {
    r[d] = hi >> (k - 32);
    r[d + 1] = hi >> 31;
  }
}

/** `i64.shr_u`: logical shift right by `b mod 64`. */
export function i64_shr_u(r: Int32Array, d: number, a: number, b: number): void {
  const lo = r[a], hi = r[a + 1], k = r[b] & 63;
  if (k === 0) {
    r[d] = lo;
    r[d + 1] = hi;
  } else if (k < 32) {
    r[d] = (lo >>> k) | (hi << (32 - k));
    r[d + 1] = hi >>> k;
  } else {
    r[d] = hi >>> (k - 32);
    r[d + 1] = 0;
  }
}

/** Rotates the i64 (lo, hi) left by k (0 ≤ k < 64) into `d`. */
function rotl(r: Int32Array, d: number, lo: number, hi: number, k: number): void {
  if (k >= 32) {
    const t = lo;
    lo = hi;
    hi = t;
    k -= 32;
  }
  if (k === 0) {
    r[d] = lo;
    r[d + 1] = hi;
  } else {
    r[d] = (lo << k) | (hi >>> (32 - k));
    r[d + 1] = (hi << k) | (lo >>> (32 - k));
  }
}

/** `i64.rotl`: rotate left by `b mod 64`. */
export function i64_rotl(r: Int32Array, d: number, a: number, b: number): void {
  rotl(r, d, r[a], r[a + 1], r[b] & 63);
}

/** `i64.rotr`: rotate right by `b mod 64` (= rotate left by 64 - that). */
export function i64_rotr(r: Int32Array, d: number, a: number, b: number): void {
  rotl(r, d, r[a], r[a + 1], -r[b] & 63);
}

// ---------------------------------------------------------------------------------------------
// Bit counting (the result is an i64: high half 0)

/** `i64.clz`: number of leading zero bits (64 for 0). */
export function i64_clz(r: Int32Array, d: number, a: number): void {
  const lo = r[a], hi = r[a + 1];
  r[d] = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
  r[d + 1] = 0;
}

/** Trailing zeros of an int32 (32 for 0). */
function ctz32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

/** `i64.ctz`: number of trailing zero bits (64 for 0). */
export function i64_ctz(r: Int32Array, d: number, a: number): void {
  const lo = r[a], hi = r[a + 1];
  r[d] = lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
  r[d + 1] = 0;
}

/** Set bits of an int32. */
function popcnt32(a: number): number {
  let x = a - ((a >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** `i64.popcnt`: number of set bits. */
export function i64_popcnt(r: Int32Array, d: number, a: number): void {
  const n = popcnt32(r[a]) + popcnt32(r[a + 1]);
  r[d] = n;
  r[d + 1] = 0;
}

// ---------------------------------------------------------------------------------------------
// Comparisons (result: i32 0 or 1). Signed order compares the high halves signed; the low halves
// always compare unsigned.

/** `i64.eqz` */
export function i64_eqz(r: Int32Array, a: number): number {
  return (r[a] | r[a + 1]) === 0 ? 1 : 0;
}

/** `i64.eq` */
export function i64_eq(r: Int32Array, a: number, b: number): number {
  return r[a] === r[b] && r[a + 1] === r[b + 1] ? 1 : 0;
}

/** `i64.ne` */
export function i64_ne(r: Int32Array, a: number, b: number): number {
  return r[a] !== r[b] || r[a + 1] !== r[b + 1] ? 1 : 0;
}

/** `i64.lt_s` */
export function i64_lt_s(r: Int32Array, a: number, b: number): number {
  const ah = r[a + 1], bh = r[b + 1];
  return ah < bh || (ah === bh && r[a] >>> 0 < r[b] >>> 0) ? 1 : 0;
}

/** `i64.lt_u` */
export function i64_lt_u(r: Int32Array, a: number, b: number): number {
  const ah = r[a + 1] >>> 0, bh = r[b + 1] >>> 0;
  return ah < bh || (ah === bh && r[a] >>> 0 < r[b] >>> 0) ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Sign extension and i32 → i64

/** `i64.extend8_s`: sign-extend the low 8 bits. */
export function i64_extend8_s(r: Int32Array, d: number, a: number): void {
  const lo = (r[a] << 24) >> 24;
  r[d] = lo;
  r[d + 1] = lo >> 31;
}

/** `i64.extend16_s`: sign-extend the low 16 bits. */
export function i64_extend16_s(r: Int32Array, d: number, a: number): void {
  const lo = (r[a] << 16) >> 16;
  r[d] = lo;
  r[d + 1] = lo >> 31;
}

/** `i64.extend32_s`: sign-extend the low 32 bits. */
export function i64_extend32_s(r: Int32Array, d: number, a: number): void {
  const lo = r[a];
  r[d] = lo;
  r[d + 1] = lo >> 31;
}

