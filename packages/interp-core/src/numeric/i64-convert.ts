/**
 * Conversions between floats and i64 (re-exported by i64.ts): an i64 operand is given as its low
 * and high int32 halves, an i64 result is left in `result64`.
 */
import { Trap, TrapReason } from '../trap.js';

/** The i64 result of the last helper (here and in i64.ts) that leaves one: low half, high half. */
export const result64 = new Int32Array(2);

const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;
const TWO_64 = 18446744073709551616;

// ---------------------------------------------------------------------------------------------
// Float → i64 (https://webassembly.github.io/spec/core/exec/numerics.html#op-trunc-s)
//
// The operand is a double (an f32 operand is exactly representable, so the f32 and f64 forms
// share their code). The boundaries are powers of two, exact in both formats: signed accepts
// -2^63 ≤ x < 2^63 (no double lies strictly between -2^63 - 1 and -2^63), unsigned -1 < x < 2^64.

/**
 * Leaves the integer-valued double t (-2^63 ≤ t < 2^64) in result64: the high half is
 * floor(t / 2^32), the low half the rest; both steps are exact.
 */
function setIntegral(t: number): void {
  const hi = Math.floor(t / TWO_32);
  result64[0] = (t - hi * TWO_32) | 0;
  result64[1] = hi | 0;
}

/** `i64.trunc_f64_s`: truncate toward zero; traps on NaN and outside [-2^63, 2^63). */
export function i64_trunc_f64_s(x: number): void {
  if (!(x >= -TWO_63 && x < TWO_63)) {
    throw new Trap(x !== x ? TrapReason.invalidConversion : TrapReason.integerOverflow);
  }
  setIntegral(Math.trunc(x));
}

/** `i64.trunc_f64_u`: truncate toward zero; traps on NaN and outside (-1, 2^64). */
export function i64_trunc_f64_u(x: number): void {
  if (!(x > -1 && x < TWO_64)) {
    throw new Trap(x !== x ? TrapReason.invalidConversion : TrapReason.integerOverflow);
  }
  setIntegral(Math.trunc(x));
}

/** `i64.trunc_f32_s`: as i64.trunc_f64_s. */
export function i64_trunc_f32_s(x: number): void {
  i64_trunc_f64_s(x);
}

/** `i64.trunc_f32_u`: as i64.trunc_f64_u. */
export function i64_trunc_f32_u(x: number): void {
  i64_trunc_f64_u(x);
}

/** `i64.trunc_sat_f64_s`: truncate toward zero, clamped to [-2^63, 2^63 - 1]; NaN → 0. */
export function i64_trunc_sat_f64_s(x: number): void {
  if (x >= -TWO_63 && x < TWO_63) {
    setIntegral(Math.trunc(x));
  } else if (x > 0) {
    result64[0] = -1;
    result64[1] = 0x7fffffff;
  } else {
    result64[0] = 0;
    result64[1] = x < 0 ? -0x80000000 : 0; // NaN → 0
  }
}

/** `i64.trunc_sat_f64_u`: truncate toward zero, clamped to [0, 2^64 - 1]; NaN → 0. */
export function i64_trunc_sat_f64_u(x: number): void {
  if (x > -1 && x < TWO_64) {
    setIntegral(Math.trunc(x));
  } else {
    const v = x > 0 ? -1 : 0; // NaN and x ≤ -1 → 0
    result64[0] = v;
    result64[1] = v;
  }
}

/** `i64.trunc_sat_f32_s`: as i64.trunc_sat_f64_s. */
export function i64_trunc_sat_f32_s(x: number): void {
  i64_trunc_sat_f64_s(x);
}

/** `i64.trunc_sat_f32_u`: as i64.trunc_sat_f64_u. */
export function i64_trunc_sat_f32_u(x: number): void {
  i64_trunc_sat_f64_u(x);
}

// ---------------------------------------------------------------------------------------------
// i64 → float, rounded once to nearest, ties to even
// (https://webassembly.github.io/spec/core/exec/numerics.html#op-convert-s)

/** `f64.convert_i64_s`: hi·2^32 is exact, so the one addition is the one rounding. */
export function f64_convert_i64_s(lo: number, hi: number): number {
  return hi * TWO_32 + (lo >>> 0);
}

/** `f64.convert_i64_u` */
export function f64_convert_i64_u(lo: number, hi: number): number {
  return (hi >>> 0) * TWO_32 + (lo >>> 0);
}

/**
 * The unsigned 64-bit magnitude hi·2^32 + lo (both uint32) rounded once to f32.
 *
 * Below 2^53 the double is exact and Math.fround rounds once. From 2^53 on the double would
 * round too, and a second rounding to f32 can then go wrong (a value just above a tie between two
 * f32s rounds to the tie as a double, and the tie then goes to even). But f32 rounding only needs
 * the bits from position n - 25 up (n = bit length ≥ 54, so n - 25 ≥ 29) plus whether any bit
 * below them is set: bits 0..10 fold into bit 11 as a sticky bit, leaving bits 11..63, which a
 * double holds exactly.
 */
function u64ToF32(hi: number, lo: number): number {
  if (hi >= 0x200000 && (lo & 0x7ff) !== 0) lo = ((lo & ~0x7ff) | 0x800) >>> 0;
  return Math.fround(hi * TWO_32 + lo);
}

/** `f32.convert_i64_s`: rounds the magnitude (rounding is symmetric) and restores the sign. */
export function f32_convert_i64_s(lo: number, hi: number): number {
  if (hi >= 0) return u64ToF32(hi, lo >>> 0);
  // Two's-complement negation of (hi, lo), as uint32 halves; -2^63 gives hi = 2^31, which is right.
  return lo === 0 ? -u64ToF32(-hi >>> 0, 0) : -u64ToF32(~hi >>> 0, -lo >>> 0);
}

/** `f32.convert_i64_u` */
export function f32_convert_i64_u(lo: number, hi: number): number {
  return u64ToF32(hi >>> 0, lo >>> 0);
}
