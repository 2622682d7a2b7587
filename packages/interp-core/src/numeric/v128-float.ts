/**
 * SIMD instructions on f32x4 and f64x2 lanes, and the conversions between float and integer
 * vectors.
 *
 * Every export is one instruction, named after it with `.` replaced by `_`; `v128.ts` builds the
 * dispatch table from these names, so this module exports nothing else.
 *
 * f32 lanes: an f32 lane read from a Float32Array is exactly representable as a double, and for
 * add, sub, mul, div and sqrt the double result rounded once more to f32 (by the Float32Array
 * store) is the correctly rounded f32 result (a double has more than 2 × 24 + 2 bits). Rounding
 * an f32 to an integer (ceil, floor, trunc, nearest) gives an f32 value.
 *
 * NaNs: abs, neg, pmin and pmax work on bits or select an operand, so payloads survive bit for
 * bit. Arithmetic results may be any NaN the specification allows: hardware arithmetic gives a
 * quiet NaN that keeps a canonical operand canonical; min, max and the roundings return the
 * canonical NaN, so a signalling NaN never passes through unchanged.
 *
 * Semantics: https://webassembly.github.io/spec/core/exec/numerics.html#floating-point-operations
 */
import type { Slots } from '../slots.js';
import { T32, TF32, TF64, emit } from './v128-common.js';

/** Round to nearest integer, ties to even; keeps the sign of a zero result (nearest(-0.5) = -0). */
function nearest(x: number): number {
  const r = Math.round(x); // ties towards +inf; exact for every double
  // A tie (r - x is exactly 0.5) that went to an odd integer goes one down instead.
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

export function f32x4_sqrt(s: Slots, d: number, a: number): void {
  const f = s.f32;
  a <<= 1;
  for (let k = 0; k < 4; k++) TF32[k] = Math.sqrt(f[a + k]);
  emit(s, d);
}

export function f32x4_ceil(s: Slots, d: number, a: number): void {
  const f = s.f32;
  a <<= 1;
  for (let k = 0; k < 4; k++) {
    const r = Math.ceil(f[a + k]);
    TF32[k] = r === r ? r : NaN;
  }
  emit(s, d);
}

export function f32x4_floor(s: Slots, d: number, a: number): void {
  const f = s.f32;
  a <<= 1;
  for (let k = 0; k < 4; k++) {
    const r = Math.floor(f[a + k]);
    TF32[k] = r === r ? r : NaN;
  }
  emit(s, d);
}

export function f32x4_trunc(s: Slots, d: number, a: number): void {
  const f = s.f32;
  a <<= 1;
  for (let k = 0; k < 4; k++) {
    const r = Math.trunc(f[a + k]);
    TF32[k] = r === r ? r : NaN;
  }
  emit(s, d);
}

export function f32x4_nearest(s: Slots, d: number, a: number): void {
  const f = s.f32;
  a <<= 1;
  for (let k = 0; k < 4; k++) {
    const r = nearest(f[a + k]);
    TF32[k] = r === r ? r : NaN;
  }
  emit(s, d);
}

/** Pseudo-minimum: b < a ? b : a, selecting an operand's bits (NaN payloads and zero signs kept). */
export function f32x4_pmin(s: Slots, d: number, a: number, b: number): void {
  const f = s.f32;
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = f[b + k] < f[a + k] ? v[b + k] : v[a + k];
  emit(s, d);
}

/** Pseudo-maximum: a < b ? b : a, selecting an operand's bits. */
export function f32x4_pmax(s: Slots, d: number, a: number, b: number): void {
  const f = s.f32;
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = f[a + k] < f[b + k] ? v[b + k] : v[a + k];
  emit(s, d);
}

// ---------------------------------------------------------------------------------------------
// f64x2 (lane k of the vector at slot a is f64[a + k])

export function f64x2_eq(s: Slots, d: number, a: number, b: number): void {
  const f = s.f64;
  const r0 = f[a] === f[b] ? -1 : 0;
  const r1 = f[a + 1] === f[b + 1] ? -1 : 0;
  T32[0] = T32[1] = r0;
  T32[2] = T32[3] = r1;
  emit(s, d);
}

export function f64x2_ne(s: Slots, d: number, a: number, b: number): void {
  const f = s.f64;
  const r0 = f[a] !== f[b] ? -1 : 0;
  const r1 = f[a + 1] !== f[b + 1] ? -1 : 0;
  T32[0] = T32[1] = r0;
  T32[2] = T32[3] = r1;
  emit(s, d);
}

export function f64x2_lt(s: Slots, d: number, a: number, b: number): void {
  const f = s.f64;
  const r0 = f[a] < f[b] ? -1 : 0;
  const r1 = f[a + 1] < f[b + 1] ? -1 : 0;
  T32[0] = T32[1] = r0;
  T32[2] = T32[3] = r1;
  emit(s, d);
}

export function f64x2_gt(s: Slots, d: number, a: number, b: number): void {
  const f = s.f64;
  const r0 = f[a] > f[b] ? -1 : 0;
  const r1 = f[a + 1] > f[b + 1] ? -1 : 0;
  T32[0] = T32[1] = r0;
  T32[2] = T32[3] = r1;
  emit(s, d);
}

export function f64x2_le(s: Slots, d: number, a: number, b: number): void {
  const f = s.f64;
  const r0 = f[a] <= f[b] ? -1 : 0;
  const r1 = f[a + 1] <= f[b + 1] ? -1 : 0;
  T32[0] = T32[1] = r0;
  T32[2] = T32[3] = r1;
  emit(s, d);
}

export function f64x2_ge(s: Slots, d: number, a: number, b: number): void {
  const f = s.f64;
  const r0 = f[a] >= f[b] ? -1 : 0;
  const r1 = f[a + 1] >= f[b + 1] ? -1 : 0;
  T32[0] = T32[1] = r0;
  T32[2] = T32[3] = r1;
  emit(s, d);
}

/** Clears the sign bits (bit 31 of each high half). */
export function f64x2_abs(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  T32[0] = v[a];
  T32[1] = v[a + 1] & 0x7fffffff;
  T32[2] = v[a + 2];
  T32[3] = v[a + 3] & 0x7fffffff;
  emit(s, d);
}

/** Flips the sign bits. */
export function f64x2_neg(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  T32[0] = v[a];
  T32[1] = v[a + 1] ^ -0x80000000;
  T32[2] = v[a + 2];
  T32[3] = v[a + 3] ^ -0x80000000;
  emit(s, d);
}

export function f64x2_sqrt(s: Slots, d: number, a: number): void {
  const f = s.f64;
  TF64[0] = Math.sqrt(f[a]);
  TF64[1] = Math.sqrt(f[a + 1]);
  emit(s, d);
}

export function f64x2_ceil(s: Slots, d: number, a: number): void {
  const f = s.f64;
  const r0 = Math.ceil(f[a]);
  const r1 = Math.ceil(f[a + 1]);
  TF64[0] = r0 === r0 ? r0 : NaN;
  TF64[1] = r1 === r1 ? r1 : NaN;
  emit(s, d);
}

export function f64x2_floor(s: Slots, d: number, a: number): void {
  const f = s.f64;
  const r0 = Math.floor(f[a]);
  const r1 = Math.floor(f[a + 1]);
  TF64[0] = r0 === r0 ? r0 : NaN;
  TF64[1] = r1 === r1 ? r1 : NaN;
  emit(s, d);
}

export function f64x2_trunc(s: Slots, d: number, a: number): void {
  const f = s.f64;
  const r0 = Math.trunc(f[a]);
  const r1 = Math.trunc(f[a + 1]);
  TF64[0] = r0 === r0 ? r0 : NaN;
  TF64[1] = r1 === r1 ? r1 : NaN;
  emit(s, d);
}

export function f64x2_nearest(s: Slots, d: number, a: number): void {
  const f = s.f64;
  const r0 = nearest(f[a]);
  const r1 = nearest(f[a + 1]);
  TF64[0] = r0 === r0 ? r0 : NaN;
  TF64[1] = r1 === r1 ? r1 : NaN;
  emit(s, d);
}

/** Pseudo-minimum b < a ? b : a, copying the selected lane's bits. */
export function f64x2_pmin(s: Slots, d: number, a: number, b: number): void {
  const f = s.f64;
  const v = s.i32;
  for (let k = 0; k < 2; k++) {
    const i = f[b + k] < f[a + k] ? (b + k) << 1 : (a + k) << 1;
    T32[2 * k] = v[i];
    T32[2 * k + 1] = v[i + 1];
  }
  emit(s, d);
}

/** Pseudo-maximum a < b ? b : a, copying the selected lane's bits. */
export function f64x2_pmax(s: Slots, d: number, a: number, b: number): void {
  const f = s.f64;
  const v = s.i32;
  for (let k = 0; k < 2; k++) {
    const i = f[a + k] < f[b + k] ? (b + k) << 1 : (a + k) << 1;
    T32[2 * k] = v[i];
    T32[2 * k + 1] = v[i + 1];
  }
  emit(s, d);
}

// ---------------------------------------------------------------------------------------------
// Conversions

/** f32 lanes 0, 1 = the f64 lanes rounded to f32; lanes 2, 3 = +0. */
export function f32x4_demote_f64x2_zero(s: Slots, d: number, a: number): void {
  const f = s.f64;
  const x = f[a];
  const y = f[a + 1];
  TF32[0] = x;
  TF32[1] = y;
  T32[2] = 0;
  T32[3] = 0;
  emit(s, d);
}

/** f64 lanes = f32 lanes 0, 1 (exact). */
export function f64x2_promote_low_f32x4(s: Slots, d: number, a: number): void {
  const f = s.f32;
  const i = a << 1;
  const x = f[i];
  const y = f[i + 1];
  TF64[0] = x;
  TF64[1] = y;
  emit(s, d);
}

/** Saturating truncation to i32: NaN is 0, out-of-range values clamp. */
function truncSatS(x: number): number {
  if (x !== x) return 0;
  if (x >= 2147483648) return 2147483647;
  if (x <= -2147483648) return -2147483648;
  return x | 0; // |x| < 2^31: ToInt32 truncates towards zero
}

/** Saturating truncation to u32 (result as an i32 bit pattern): NaN and x ≤ -1 are 0. */
function truncSatU(x: number): number {
  if (x !== x || x <= -1) return 0;
  if (x >= 4294967296) return -1;
  return x >>> 0 | 0; // -1 < x < 2^32: ToUint32 truncates towards zero
}

export function i32x4_trunc_sat_f64x2_s_zero(s: Slots, d: number, a: number): void {
  const f = s.f64;
  T32[0] = truncSatS(f[a]);
  T32[1] = truncSatS(f[a + 1]);
  T32[2] = 0;
  T32[3] = 0;
  emit(s, d);
}

export function i32x4_trunc_sat_f64x2_u_zero(s: Slots, d: number, a: number): void {
  const f = s.f64;
  T32[0] = truncSatU(f[a]);
  T32[1] = truncSatU(f[a + 1]);
  T32[2] = 0;
  T32[3] = 0;
  emit(s, d);
}

export function f64x2_convert_low_i32x4_s(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  const x = v[a];
  const y = v[a + 1];
  TF64[0] = x;
  TF64[1] = y;
  emit(s, d);
}

export function f64x2_convert_low_i32x4_u(s: Slots, d: number, a: number): void {
  const u = s.u32;
  a <<= 1;
  const x = u[a];
  const y = u[a + 1];
  TF64[0] = x;
  TF64[1] = y;
  emit(s, d);
}
