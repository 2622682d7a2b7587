/**
 * The non-trivial f32/f64 instructions and the float→i32 conversions, as pure functions on JS
 * numbers. An f32 operand is the exact f32 value read as a double (from `Slots.f32`); an f32
 * result must again be an f32 value, which every function here guarantees (rounding an f32 value
 * to an integer, taking the min of two f32 values, ... gives an f32 value).
 *
 * NaN results are always the canonical NaN (`NaN`, bits 0x7ff8000000000000 / 0x7fc00000): the
 * specification allows any arithmetic NaN when an operand is a NaN, and requires a canonical one
 * otherwise, so the canonical NaN is right in every case. Returning an operand NaN instead would
 * risk passing a signalling NaN through unchanged.
 *
 * The run loop inlines the trivial ones itself (add, sub, mul, div, comparisons, neg, abs, copysign).
 * Semantics: https://webassembly.github.io/spec/core/exec/numerics.html#floating-point-operations
 */
import { Trap, TrapReason } from '../trap.js';

// ---------------------------------------------------------------------------------------------
// f32 bits as a double, exactly

const double = new Float64Array(1);
const doubleWords = new Int32Array(double.buffer);
const single = new Float32Array(1);
const singleBits = new Int32Array(single.buffer);

/**
 * The f32 of `bits` as a double, every bit kept: a Float32Array read (a conversion) would quiet a
 * signalling NaN, so a NaN becomes the double NaN with the same sign and payload, its quiet bit
 * as it was (the compiled profile keeps f32 values in variables this way).
 */
export function f32FromBits(bits: number): number {
  if ((bits & 0x7fffffff) <= 0x7f800000) {
    singleBits[0] = bits;
    return single[0];
  }
  doubleWords[1] = (bits & 0x80000000) | 0x7ff00000 | ((bits & 0x7fffff) >>> 3);
  doubleWords[0] = bits << 29;
  return double[0];
}

/** The bits of an f32 held as f32FromBits gives it (or as arithmetic leaves it: an f32 value). */
export function f32ToBits(x: number): number {
  if (x === x) {
    single[0] = x;
    return singleBits[0];
  }
  double[0] = x;
  const hi = doubleWords[1];
  return (hi & 0x80000000) | 0x7f800000 | ((hi & 0xfffff) << 3) | (doubleWords[0] >>> 29);
}

/**
 * `f64.promote_f32`: exact; a NaN gives the canonical NaN (an f32 held by f32FromBits may be a
 * signalling one, which must not pass unchanged).
 */
export function f64_promote_f32(x: number): number {
  return x !== x ? NaN : x;
}

// ---------------------------------------------------------------------------------------------
// min / max

/**
 * `f64.min`: NaN if either operand is NaN; -0 is less than +0
 * (https://webassembly.github.io/spec/core/exec/numerics.html#op-fmin). Math.min already orders
 * the zeros that way.
 */
export function f64_min(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return Math.min(a, b);
}

/** `f64.max`: NaN if either operand is NaN; +0 is greater than -0. */
export function f64_max(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return Math.max(a, b);
}

/** `f32.min`: as f64.min; the result is one of the operands, so it is an f32 value. */
export function f32_min(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return Math.min(a, b);
}

/** `f32.max`: as f64.max. */
export function f32_max(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return Math.max(a, b);
}

// ---------------------------------------------------------------------------------------------
// Rounding to an integral value

/**
 * `f64.nearest`: round to the nearest integer, ties to even, keeping the sign of zero (-0.5 → -0)
 * (https://webassembly.github.io/spec/core/exec/numerics.html#op-fnearest).
 *
 * Math.round rounds ties toward +∞ (and gives -0 for -0.5 ≤ x < 0); a tie that went to an odd
 * integer is moved down by one. `r - x` is exact: both are within 1 of each other and below 2^52
 * whenever x has a fraction (from 2^52 on every double is an integer and Math.round returns it).
 */
export function f64_nearest(x: number): number {
  if (x !== x) return NaN;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** `f32.nearest`: as f64.nearest; every integer within 1 of an f32 value below 2^24 is an f32 value. */
export function f32_nearest(x: number): number {
  if (x !== x) return NaN;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** `f64.ceil`: round toward +∞ (-0.5 → -0). */
export function f64_ceil(x: number): number {
  return x !== x ? NaN : Math.ceil(x);
}

/** `f64.floor`: round toward -∞. */
export function f64_floor(x: number): number {
  return x !== x ? NaN : Math.floor(x);
}

/** `f64.trunc`: round toward zero (-0.5 → -0). */
export function f64_trunc(x: number): number {
  return x !== x ? NaN : Math.trunc(x);
}

/** `f32.ceil`: the integer result of an f32 value is an f32 value, no Math.fround needed. */
export function f32_ceil(x: number): number {
  return x !== x ? NaN : Math.ceil(x);
}

/** `f32.floor`: round toward -∞. */
export function f32_floor(x: number): number {
  return x !== x ? NaN : Math.floor(x);
}

/** `f32.trunc`: round toward zero. */
export function f32_trunc(x: number): number {
  return x !== x ? NaN : Math.trunc(x);
}

// ---------------------------------------------------------------------------------------------
// Square root

/** `f64.sqrt`: correctly rounded square root; NaN for negative operands (sqrt(-0) = -0). */
export function f64_sqrt(x: number): number {
  const r = Math.sqrt(x);
  return r !== r ? NaN : r;
}

/**
 * `f32.sqrt`: the double square root rounded to f32. Rounding twice is harmless here: 53 ≥ 2·24 + 2,
 * so the double result never lands on an f32 rounding boundary it was not exactly on.
 */
export function f32_sqrt(x: number): number {
  const r = Math.fround(Math.sqrt(x));
  return r !== r ? NaN : r;
}

// ---------------------------------------------------------------------------------------------
// Float → i32 conversions (https://webassembly.github.io/spec/core/exec/numerics.html#op-trunc-s)
//
// All four trapping forms take the operand as a double (an f32 operand is exactly representable),
// so the f32 and f64 versions share their code. Ranges are on the value *before* truncation:
// signed accepts -2^31 - 1 < x < 2^31, unsigned -1 < x < 2^32. `x | 0` truncates toward zero and
// wraps to the signed reading, which is the i32 result for both.

/** `i32.trunc_f64_s`: truncate toward zero; traps on NaN and outside (-2^31 - 1, 2^31). */
export function i32_trunc_f64_s(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  throw new Trap(x !== x ? TrapReason.invalidConversion : TrapReason.integerOverflow);
}

/** `i32.trunc_f64_u`: truncate toward zero; traps on NaN and outside (-1, 2^32). */
export function i32_trunc_f64_u(x: number): number {
  if (x > -1 && x < 4294967296) return x | 0;
  throw new Trap(x !== x ? TrapReason.invalidConversion : TrapReason.integerOverflow);
}

/** `i32.trunc_f32_s`: as i32.trunc_f64_s (the largest f32 below 2^31 is 2^31 - 128). */
export function i32_trunc_f32_s(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  throw new Trap(x !== x ? TrapReason.invalidConversion : TrapReason.integerOverflow);
}

/** `i32.trunc_f32_u`: as i32.trunc_f64_u. */
export function i32_trunc_f32_u(x: number): number {
  if (x > -1 && x < 4294967296) return x | 0;
  throw new Trap(x !== x ? TrapReason.invalidConversion : TrapReason.integerOverflow);
}

/** `i32.trunc_sat_f64_s`: truncate toward zero, clamped to [-2^31, 2^31 - 1]; NaN → 0. */
export function i32_trunc_sat_f64_s(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  if (x !== x) return 0;
  return x < 0 ? -0x80000000 : 0x7fffffff;
}

/** `i32.trunc_sat_f64_u`: truncate toward zero, clamped to [0, 2^32 - 1]; NaN → 0. */
export function i32_trunc_sat_f64_u(x: number): number {
  if (x > -1 && x < 4294967296) return x | 0;
  return x > 0 ? -1 : 0; // NaN, -∞ and x ≤ -1 → 0; x ≥ 2^32 → 0xffffffff
}

/** `i32.trunc_sat_f32_s`: as i32.trunc_sat_f64_s. */
export function i32_trunc_sat_f32_s(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  if (x !== x) return 0;
  return x < 0 ? -0x80000000 : 0x7fffffff;
}

/** `i32.trunc_sat_f32_u`: as i32.trunc_sat_f64_u. */
export function i32_trunc_sat_f32_u(x: number): number {
  if (x > -1 && x < 4294967296) return x | 0;
  return x > 0 ? -1 : 0;
}
