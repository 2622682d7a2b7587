/**
 * SIMD instructions on integer lanes and whole vectors: splat, lane access, shuffle and swizzle,
 * comparisons, bitwise operations, and the i8x16 / i16x8 / i32x4 / i64x2 arithmetic.
 *
 * Every export is one instruction, named after it with `.` replaced by `_` (`i8x16.add_sat_s` is
 * `i8x16_add_sat_s`); `v128.ts` builds the dispatch table from these names, so this module
 * exports nothing else. Conventions (see `v128-common.ts`): a vector result is built in the
 * scratch vector `T*` and copied to slot d by `emit`; scalar results are written after every
 * input has been read. Typed-array stores do the wrapping of lane arithmetic (storing 128 into an
 * Int8Array stores -128), which is what the specification's modular arithmetic wants.
 *
 * 64-bit lanes are handled as two 32-bit halves (low at the even i32 index), never as BigInt.
 *
 * Semantics: https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * and https://webassembly.github.io/spec/core/exec/numerics.html#integer-operations
 */
import type { Slots } from '../slots.js';
import { T8, TU8, T16, TU16, T32, emit, copyV128 } from './v128-common.js';

// ---------------------------------------------------------------------------------------------
// splat, extract_lane, replace_lane

export function i8x16_splat(s: Slots, d: number, a: number): void {
  const x = s.i32[a << 1];
  const u = s.u8;
  d <<= 3;
  for (let k = 0; k < 16; k++) u[d + k] = x;
}

export function i16x8_splat(s: Slots, d: number, a: number): void {
  const x = s.i32[a << 1];
  const u = s.u16;
  d <<= 2;
  for (let k = 0; k < 8; k++) u[d + k] = x;
}

export function i32x4_splat(s: Slots, d: number, a: number): void {
  const v = s.i32;
  const x = v[a << 1];
  d <<= 1;
  v[d] = x;
  v[d + 1] = x;
  v[d + 2] = x;
  v[d + 3] = x;
}

export function i64x2_splat(s: Slots, d: number, a: number): void {
  const v = s.i32;
  const lo = v[a << 1];
  const hi = v[(a << 1) + 1];
  d <<= 1;
  v[d] = lo;
  v[d + 1] = hi;
  v[d + 2] = lo;
  v[d + 3] = hi;
}

/** Copies the f32's bits, so a NaN payload (even a signalling one) survives. */
export const f32x4_splat = i32x4_splat;
/** Copies the f64's bits. */
export const f64x2_splat = i64x2_splat;

export function i8x16_extract_lane_s(s: Slots, d: number, a: number, _b: number, _c: number, imm: number): void {
  s.i32[d << 1] = s.i8[(a << 3) + imm];
}

export function i8x16_extract_lane_u(s: Slots, d: number, a: number, _b: number, _c: number, imm: number): void {
  s.i32[d << 1] = s.u8[(a << 3) + imm];
}

export function i16x8_extract_lane_s(s: Slots, d: number, a: number, _b: number, _c: number, imm: number): void {
  s.i32[d << 1] = s.i16[(a << 2) + imm];
}

export function i16x8_extract_lane_u(s: Slots, d: number, a: number, _b: number, _c: number, imm: number): void {
  s.i32[d << 1] = s.u16[(a << 2) + imm];
}

export function i32x4_extract_lane(s: Slots, d: number, a: number, _b: number, _c: number, imm: number): void {
  s.i32[d << 1] = s.i32[(a << 1) + imm];
}

export function i64x2_extract_lane(s: Slots, d: number, a: number, _b: number, _c: number, imm: number): void {
  const v = s.i32;
  const i = (a << 1) + (imm << 1);
  const lo = v[i];
  const hi = v[i + 1];
  v[d << 1] = lo;
  v[(d << 1) + 1] = hi;
}

/** By bits, through the i32 view. */
export const f32x4_extract_lane = i32x4_extract_lane;
/** By bits, through the i32 view. */
export const f64x2_extract_lane = i64x2_extract_lane;

export function i8x16_replace_lane(s: Slots, d: number, a: number, b: number, _c: number, imm: number): void {
  const x = s.i32[b << 1];
  copyV128(s, d, a);
  s.i8[(d << 3) + imm] = x;
}

export function i16x8_replace_lane(s: Slots, d: number, a: number, b: number, _c: number, imm: number): void {
  const x = s.i32[b << 1];
  copyV128(s, d, a);
  s.i16[(d << 2) + imm] = x;
}

export function i32x4_replace_lane(s: Slots, d: number, a: number, b: number, _c: number, imm: number): void {
  const x = s.i32[b << 1];
  copyV128(s, d, a);
  s.i32[(d << 1) + imm] = x;
}

export function i64x2_replace_lane(s: Slots, d: number, a: number, b: number, _c: number, imm: number): void {
  const v = s.i32;
  const lo = v[b << 1];
  const hi = v[(b << 1) + 1];
  copyV128(s, d, a);
  const i = (d << 1) + (imm << 1);
  v[i] = lo;
  v[i + 1] = hi;
}

/** By bits, through the i32 view. */
export const f32x4_replace_lane = i32x4_replace_lane;
/** By bits, through the i32 view. */
export const f64x2_replace_lane = i64x2_replace_lane;

// ---------------------------------------------------------------------------------------------
// shuffle, swizzle

/** `i8x16.shuffle` with its 16 lane immediates (each < 32: 0–15 pick from a, 16–31 from b). */
export function i8x16_shuffle(s: Slots, d: number, a: number, b: number, lanes: Uint8Array): void {
  const u = s.u8;
  a <<= 3;
  b = (b << 3) - 16;
  for (let k = 0; k < 16; k++) {
    const l = lanes[k];
    TU8[k] = l < 16 ? u[a + l] : u[b + l];
  }
  emit(s, d);
}

/** Lane k is a's lane b[k], or 0 when b[k] (unsigned) is 16 or more. */
export function i8x16_swizzle(s: Slots, d: number, a: number, b: number): void {
  const u = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) {
    const i = u[b + k];
    TU8[k] = i < 16 ? u[a + i] : 0;
  }
  emit(s, d);
}

// ---------------------------------------------------------------------------------------------
// Whole-vector bitwise operations

export function v128_not(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = ~v[a + k];
  emit(s, d);
}

export function v128_and(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] & v[b + k];
  emit(s, d);
}

/** a AND NOT b. */
export function v128_andnot(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] & ~v[b + k];
  emit(s, d);
}

export function v128_or(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] | v[b + k];
  emit(s, d);
}

export function v128_xor(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] ^ v[b + k];
  emit(s, d);
}

/** Bits of a where c is 1, bits of b where c is 0. */
export function v128_bitselect(s: Slots, d: number, a: number, b: number, c: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  c <<= 1;
  for (let k = 0; k < 4; k++) {
    const m = v[c + k];
    T32[k] = (v[a + k] & m) | (v[b + k] & ~m);
  }
  emit(s, d);
}

export function v128_any_true(s: Slots, d: number, a: number): void {
  const v = s.i32;
  const i = a << 1;
  v[d << 1] = (v[i] | v[i + 1] | v[i + 2] | v[i + 3]) !== 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// i8x16

export function i8x16_eq(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] === v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i8x16_ne(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] !== v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i8x16_lt_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] < v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i8x16_lt_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] < v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i8x16_gt_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] > v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i8x16_gt_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] > v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i8x16_le_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] <= v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i8x16_le_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] <= v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i8x16_ge_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] >= v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i8x16_ge_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] >= v[b + k] ? -1 : 0;
  emit(s, d);
}

/** |x|, wrapping: abs(-128) is -128. */
export function i8x16_abs(s: Slots, d: number, a: number): void {
  const v = s.i8;
  a <<= 3;
  for (let k = 0; k < 16; k++) {
    const x = v[a + k];
    T8[k] = x < 0 ? -x : x;
  }
  emit(s, d);
}

export function i8x16_neg(s: Slots, d: number, a: number): void {
  const v = s.i8;
  a <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = -v[a + k];
  emit(s, d);
}

/** Bits set in each byte value. */
const POPCNT8 = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCNT8[i] = (i & 1) + POPCNT8[i >> 1];

export function i8x16_popcnt(s: Slots, d: number, a: number): void {
  const u = s.u8;
  a <<= 3;
  for (let k = 0; k < 16; k++) TU8[k] = POPCNT8[u[a + k]];
  emit(s, d);
}

export function i8x16_all_true(s: Slots, d: number, a: number): void {
  const u = s.u8;
  const i = a << 3;
  let r = 1;
  for (let k = 0; k < 16; k++) if (u[i + k] === 0) r = 0;
  s.i32[d << 1] = r;
}

/** Bit k of the result is the sign bit of lane k. */
export function i8x16_bitmask(s: Slots, d: number, a: number): void {
  const u = s.u8;
  const i = a << 3;
  let r = 0;
  for (let k = 0; k < 16; k++) r |= (u[i + k] >> 7) << k;
  s.i32[d << 1] = r;
}

/** Lanes 0–7 from a's i16 lanes, 8–15 from b's, each saturated to -128..127. */
export function i8x16_narrow_i16x8_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const x = v[a + k];
    T8[k] = x > 127 ? 127 : x < -128 ? -128 : x;
    const y = v[b + k];
    T8[k + 8] = y > 127 ? 127 : y < -128 ? -128 : y;
  }
  emit(s, d);
}

/** Lanes 0–7 from a's signed i16 lanes, 8–15 from b's, each saturated to 0..255. */
export function i8x16_narrow_i16x8_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const x = v[a + k];
    TU8[k] = x > 255 ? 255 : x < 0 ? 0 : x;
    const y = v[b + k];
    TU8[k + 8] = y > 255 ? 255 : y < 0 ? 0 : y;
  }
  emit(s, d);
}

/** Shift counts are taken modulo the lane width. */
export function i8x16_shl(s: Slots, d: number, a: number, b: number): void {
  const n = s.i32[b << 1] & 7;
  const v = s.i8;
  a <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] << n;
  emit(s, d);
}

export function i8x16_shr_s(s: Slots, d: number, a: number, b: number): void {
  const n = s.i32[b << 1] & 7;
  const v = s.i8;
  a <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] >> n;
  emit(s, d);
}

export function i8x16_shr_u(s: Slots, d: number, a: number, b: number): void {
  const n = s.i32[b << 1] & 7;
  const u = s.u8;
  a <<= 3;
  for (let k = 0; k < 16; k++) TU8[k] = u[a + k] >>> n;
  emit(s, d);
}

export function i8x16_add(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] + v[b + k];
  emit(s, d);
}

export function i8x16_add_sat_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) {
    const r = v[a + k] + v[b + k];
    T8[k] = r > 127 ? 127 : r < -128 ? -128 : r;
  }
  emit(s, d);
}

export function i8x16_add_sat_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) {
    const r = u[a + k] + u[b + k];
    TU8[k] = r > 255 ? 255 : r;
  }
  emit(s, d);
}

export function i8x16_sub(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) T8[k] = v[a + k] - v[b + k];
  emit(s, d);
}

export function i8x16_sub_sat_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) {
    const r = v[a + k] - v[b + k];
    T8[k] = r > 127 ? 127 : r < -128 ? -128 : r;
  }
  emit(s, d);
}

export function i8x16_sub_sat_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) {
    const r = u[a + k] - u[b + k];
    TU8[k] = r < 0 ? 0 : r;
  }
  emit(s, d);
}

export function i8x16_min_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) {
    const x = v[a + k];
    const y = v[b + k];
    T8[k] = x < y ? x : y;
  }
  emit(s, d);
}

export function i8x16_min_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) {
    const x = u[a + k];
    const y = u[b + k];
    TU8[k] = x < y ? x : y;
  }
  emit(s, d);
}

export function i8x16_max_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) {
    const x = v[a + k];
    const y = v[b + k];
    T8[k] = x > y ? x : y;
  }
  emit(s, d);
}

export function i8x16_max_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) {
    const x = u[a + k];
    const y = u[b + k];
    TU8[k] = x > y ? x : y;
  }
  emit(s, d);
}

/** Rounding average of unsigned lanes: (x + y + 1) >> 1. */
export function i8x16_avgr_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 16; k++) TU8[k] = (u[a + k] + u[b + k] + 1) >>> 1;
  emit(s, d);
}

// ---------------------------------------------------------------------------------------------
// i16x8

export function i16x8_eq(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] === v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i16x8_ne(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] !== v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i16x8_lt_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] < v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i16x8_lt_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] < v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i16x8_gt_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] > v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i16x8_gt_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] > v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i16x8_le_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] <= v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i16x8_le_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] <= v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i16x8_ge_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] >= v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i16x8_ge_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] >= v[b + k] ? -1 : 0;
  emit(s, d);
}

/** |x|, wrapping: abs(-32768) is -32768. */
export function i16x8_abs(s: Slots, d: number, a: number): void {
  const v = s.i16;
  a <<= 2;
  for (let k = 0; k < 8; k++) {
    const x = v[a + k];
    T16[k] = x < 0 ? -x : x;
  }
  emit(s, d);
}

export function i16x8_neg(s: Slots, d: number, a: number): void {
  const v = s.i16;
  a <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = -v[a + k];
  emit(s, d);
}

/** Q15 rounding multiply, saturated: (x * y + 0x4000) >> 15; only -32768 * -32768 saturates. */
export function i16x8_q15mulr_sat_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const r = (v[a + k] * v[b + k] + 0x4000) >> 15;
    T16[k] = r > 32767 ? 32767 : r;
  }
  emit(s, d);
}

export function i16x8_all_true(s: Slots, d: number, a: number): void {
  const u = s.u16;
  const i = a << 2;
  let r = 1;
  for (let k = 0; k < 8; k++) if (u[i + k] === 0) r = 0;
  s.i32[d << 1] = r;
}

export function i16x8_bitmask(s: Slots, d: number, a: number): void {
  const u = s.u16;
  const i = a << 2;
  let r = 0;
  for (let k = 0; k < 8; k++) r |= (u[i + k] >> 15) << k;
  s.i32[d << 1] = r;
}

/** Lanes 0–3 from a's i32 lanes, 4–7 from b's, each saturated to -32768..32767. */
export function i16x8_narrow_i32x4_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) {
    const x = v[a + k];
    T16[k] = x > 32767 ? 32767 : x < -32768 ? -32768 : x;
    const y = v[b + k];
    T16[k + 4] = y > 32767 ? 32767 : y < -32768 ? -32768 : y;
  }
  emit(s, d);
}

/** Lanes 0–3 from a's signed i32 lanes, 4–7 from b's, each saturated to 0..65535. */
export function i16x8_narrow_i32x4_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) {
    const x = v[a + k];
    TU16[k] = x > 65535 ? 65535 : x < 0 ? 0 : x;
    const y = v[b + k];
    TU16[k + 4] = y > 65535 ? 65535 : y < 0 ? 0 : y;
  }
  emit(s, d);
}

export function i16x8_extend_low_i8x16_s(s: Slots, d: number, a: number): void {
  const v = s.i8;
  a <<= 3;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k];
  emit(s, d);
}

export function i16x8_extend_high_i8x16_s(s: Slots, d: number, a: number): void {
  const v = s.i8;
  a = (a << 3) + 8;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k];
  emit(s, d);
}

export function i16x8_extend_low_i8x16_u(s: Slots, d: number, a: number): void {
  const u = s.u8;
  a <<= 3;
  for (let k = 0; k < 8; k++) T16[k] = u[a + k];
  emit(s, d);
}

export function i16x8_extend_high_i8x16_u(s: Slots, d: number, a: number): void {
  const u = s.u8;
  a = (a << 3) + 8;
  for (let k = 0; k < 8; k++) T16[k] = u[a + k];
  emit(s, d);
}

export function i16x8_shl(s: Slots, d: number, a: number, b: number): void {
  const n = s.i32[b << 1] & 15;
  const v = s.i16;
  a <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] << n;
  emit(s, d);
}

export function i16x8_shr_s(s: Slots, d: number, a: number, b: number): void {
  const n = s.i32[b << 1] & 15;
  const v = s.i16;
  a <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] >> n;
  emit(s, d);
}

export function i16x8_shr_u(s: Slots, d: number, a: number, b: number): void {
  const n = s.i32[b << 1] & 15;
  const u = s.u16;
  a <<= 2;
  for (let k = 0; k < 8; k++) TU16[k] = u[a + k] >>> n;
  emit(s, d);
}

export function i16x8_add(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] + v[b + k];
  emit(s, d);
}

export function i16x8_add_sat_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const r = v[a + k] + v[b + k];
    T16[k] = r > 32767 ? 32767 : r < -32768 ? -32768 : r;
  }
  emit(s, d);
}

export function i16x8_add_sat_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const r = u[a + k] + u[b + k];
    TU16[k] = r > 65535 ? 65535 : r;
  }
  emit(s, d);
}

export function i16x8_sub(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] - v[b + k];
  emit(s, d);
}

export function i16x8_sub_sat_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const r = v[a + k] - v[b + k];
    T16[k] = r > 32767 ? 32767 : r < -32768 ? -32768 : r;
  }
  emit(s, d);
}

export function i16x8_sub_sat_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const r = u[a + k] - u[b + k];
    TU16[k] = r < 0 ? 0 : r;
  }
  emit(s, d);
}

/** The product of two i16 lanes is exact in a double; the store keeps its low 16 bits. */
export function i16x8_mul(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] * v[b + k];
  emit(s, d);
}

export function i16x8_min_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const x = v[a + k];
    const y = v[b + k];
    T16[k] = x < y ? x : y;
  }
  emit(s, d);
}

export function i16x8_min_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const x = u[a + k];
    const y = u[b + k];
    TU16[k] = x < y ? x : y;
  }
  emit(s, d);
}

export function i16x8_max_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const x = v[a + k];
    const y = v[b + k];
    T16[k] = x > y ? x : y;
  }
  emit(s, d);
}

export function i16x8_max_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) {
    const x = u[a + k];
    const y = u[b + k];
    TU16[k] = x > y ? x : y;
  }
  emit(s, d);
}

export function i16x8_avgr_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 8; k++) TU16[k] = (u[a + k] + u[b + k] + 1) >>> 1;
  emit(s, d);
}

/** Sum of adjacent signed i8 lanes 2k, 2k + 1. */
export function i16x8_extadd_pairwise_i8x16_s(s: Slots, d: number, a: number): void {
  const v = s.i8;
  a <<= 3;
  for (let k = 0; k < 8; k++) T16[k] = v[a + 2 * k] + v[a + 2 * k + 1];
  emit(s, d);
}

export function i16x8_extadd_pairwise_i8x16_u(s: Slots, d: number, a: number): void {
  const u = s.u8;
  a <<= 3;
  for (let k = 0; k < 8; k++) T16[k] = u[a + 2 * k] + u[a + 2 * k + 1];
  emit(s, d);
}

export function i16x8_extmul_low_i8x16_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] * v[b + k];
  emit(s, d);
}

export function i16x8_extmul_high_i8x16_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i8;
  a = (a << 3) + 8;
  b = (b << 3) + 8;
  for (let k = 0; k < 8; k++) T16[k] = v[a + k] * v[b + k];
  emit(s, d);
}

export function i16x8_extmul_low_i8x16_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u8;
  a <<= 3;
  b <<= 3;
  for (let k = 0; k < 8; k++) TU16[k] = u[a + k] * u[b + k];
  emit(s, d);
}

export function i16x8_extmul_high_i8x16_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u8;
  a = (a << 3) + 8;
  b = (b << 3) + 8;
  for (let k = 0; k < 8; k++) TU16[k] = u[a + k] * u[b + k];
  emit(s, d);
}

// ---------------------------------------------------------------------------------------------
// i32x4

export function i32x4_eq(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] === v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i32x4_ne(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] !== v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i32x4_lt_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] < v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i32x4_lt_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] < v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i32x4_gt_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] > v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i32x4_gt_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] > v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i32x4_le_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] <= v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i32x4_le_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] <= v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i32x4_ge_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] >= v[b + k] ? -1 : 0;
  emit(s, d);
}

export function i32x4_ge_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] >= v[b + k] ? -1 : 0;
  emit(s, d);
}

/** |x|, wrapping: abs(-2^31) is -2^31. */
export function i32x4_abs(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  for (let k = 0; k < 4; k++) {
    const x = v[a + k];
    T32[k] = x < 0 ? -x | 0 : x;
  }
  emit(s, d);
}

export function i32x4_neg(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = -v[a + k] | 0;
  emit(s, d);
}

export function i32x4_all_true(s: Slots, d: number, a: number): void {
  const v = s.i32;
  const i = a << 1;
  v[d << 1] = v[i] !== 0 && v[i + 1] !== 0 && v[i + 2] !== 0 && v[i + 3] !== 0 ? 1 : 0;
}

export function i32x4_bitmask(s: Slots, d: number, a: number): void {
  const v = s.i32;
  const i = a << 1;
  v[d << 1] = (v[i] >>> 31) | ((v[i + 1] >>> 31) << 1) | ((v[i + 2] >>> 31) << 2) | ((v[i + 3] >>> 31) << 3);
}

export function i32x4_extend_low_i16x8_s(s: Slots, d: number, a: number): void {
  const v = s.i16;
  a <<= 2;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k];
  emit(s, d);
}

export function i32x4_extend_high_i16x8_s(s: Slots, d: number, a: number): void {
  const v = s.i16;
  a = (a << 2) + 4;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k];
  emit(s, d);
}

export function i32x4_extend_low_i16x8_u(s: Slots, d: number, a: number): void {
  const u = s.u16;
  a <<= 2;
  for (let k = 0; k < 4; k++) T32[k] = u[a + k];
  emit(s, d);
}

export function i32x4_extend_high_i16x8_u(s: Slots, d: number, a: number): void {
  const u = s.u16;
  a = (a << 2) + 4;
  for (let k = 0; k < 4; k++) T32[k] = u[a + k];
  emit(s, d);
}

export function i32x4_shl(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const n = v[b << 1] & 31;
  a <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] << n;
  emit(s, d);
}

export function i32x4_shr_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const n = v[b << 1] & 31;
  a <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] >> n;
  emit(s, d);
}

export function i32x4_shr_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const n = v[b << 1] & 31;
  a <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] >>> n;
  emit(s, d);
}

export function i32x4_add(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = (v[a + k] + v[b + k]) | 0;
  emit(s, d);
}

export function i32x4_sub(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = (v[a + k] - v[b + k]) | 0;
  emit(s, d);
}

export function i32x4_mul(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) T32[k] = Math.imul(v[a + k], v[b + k]);
  emit(s, d);
}

export function i32x4_min_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) {
    const x = v[a + k];
    const y = v[b + k];
    T32[k] = x < y ? x : y;
  }
  emit(s, d);
}

export function i32x4_min_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) {
    const x = v[a + k];
    const y = v[b + k];
    T32[k] = x >>> 0 < y >>> 0 ? x : y;
  }
  emit(s, d);
}

export function i32x4_max_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) {
    const x = v[a + k];
    const y = v[b + k];
    T32[k] = x > y ? x : y;
  }
  emit(s, d);
}

export function i32x4_max_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k++) {
    const x = v[a + k];
    const y = v[b + k];
    T32[k] = x >>> 0 > y >>> 0 ? x : y;
  }
  emit(s, d);
}

/**
 * Lane k: a[2k] * b[2k] + a[2k+1] * b[2k+1] over i16 lanes, wrapping to 32 bits (each product
 * is at most 2^30 in magnitude, so the double sum is exact; only 2 * (-32768)^2 wraps).
 */
export function i32x4_dot_i16x8_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 4; k++) {
    const i = 2 * k;
    T32[k] = (v[a + i] * v[b + i] + v[a + i + 1] * v[b + i + 1]) | 0;
  }
  emit(s, d);
}

export function i32x4_extmul_low_i16x8_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] * v[b + k];
  emit(s, d);
}

export function i32x4_extmul_high_i16x8_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i16;
  a = (a << 2) + 4;
  b = (b << 2) + 4;
  for (let k = 0; k < 4; k++) T32[k] = v[a + k] * v[b + k];
  emit(s, d);
}

/** The u16 product (< 2^32) is exact in a double; the Int32Array store wraps it. */
export function i32x4_extmul_low_i16x8_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u16;
  a <<= 2;
  b <<= 2;
  for (let k = 0; k < 4; k++) T32[k] = u[a + k] * u[b + k];
  emit(s, d);
}

export function i32x4_extmul_high_i16x8_u(s: Slots, d: number, a: number, b: number): void {
  const u = s.u16;
  a = (a << 2) + 4;
  b = (b << 2) + 4;
  for (let k = 0; k < 4; k++) T32[k] = u[a + k] * u[b + k];
  emit(s, d);
}

export function i32x4_extadd_pairwise_i16x8_s(s: Slots, d: number, a: number): void {
  const v = s.i16;
  a <<= 2;
  for (let k = 0; k < 4; k++) T32[k] = v[a + 2 * k] + v[a + 2 * k + 1];
  emit(s, d);
}

export function i32x4_extadd_pairwise_i16x8_u(s: Slots, d: number, a: number): void {
  const u = s.u16;
  a <<= 2;
  for (let k = 0; k < 4; k++) T32[k] = u[a + 2 * k] + u[a + 2 * k + 1];
  emit(s, d);
}

// ---------------------------------------------------------------------------------------------
// i64x2, as pairs of 32-bit halves (lo at the even index, hi at the odd one)

/** High 32 bits of the unsigned 64-bit product of two u32 values, as a u32-valued number. */
function umulh32(x: number, y: number): number {
  const x0 = x & 0xffff;
  const x1 = x >>> 16;
  const y0 = y & 0xffff;
  const y1 = y >>> 16;
  const p01 = x0 * y1; // each partial product < 2^32, exact
  const p10 = x1 * y0;
  const mid = ((x0 * y0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return x1 * y1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
}

export function i64x2_eq(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const r = v[a + k] === v[b + k] && v[a + k + 1] === v[b + k + 1] ? -1 : 0;
    T32[k] = r;
    T32[k + 1] = r;
  }
  emit(s, d);
}

export function i64x2_ne(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const r = v[a + k] !== v[b + k] || v[a + k + 1] !== v[b + k + 1] ? -1 : 0;
    T32[k] = r;
    T32[k + 1] = r;
  }
  emit(s, d);
}

export function i64x2_lt_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const u = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const xh = v[a + k + 1];
    const yh = v[b + k + 1];
    const r = xh < yh || (xh === yh && u[a + k] < u[b + k]) ? -1 : 0;
    T32[k] = r;
    T32[k + 1] = r;
  }
  emit(s, d);
}

export function i64x2_gt_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const u = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const xh = v[a + k + 1];
    const yh = v[b + k + 1];
    const r = xh > yh || (xh === yh && u[a + k] > u[b + k]) ? -1 : 0;
    T32[k] = r;
    T32[k + 1] = r;
  }
  emit(s, d);
}

export function i64x2_le_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const u = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const xh = v[a + k + 1];
    const yh = v[b + k + 1];
    const r = xh < yh || (xh === yh && u[a + k] <= u[b + k]) ? -1 : 0;
    T32[k] = r;
    T32[k + 1] = r;
  }
  emit(s, d);
}

export function i64x2_ge_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const u = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const xh = v[a + k + 1];
    const yh = v[b + k + 1];
    const r = xh > yh || (xh === yh && u[a + k] >= u[b + k]) ? -1 : 0;
    T32[k] = r;
    T32[k + 1] = r;
  }
  emit(s, d);
}

/** |x|, wrapping: abs(-2^63) is -2^63. Negation is ~x + 1, with a carry into hi when lo is 0. */
export function i64x2_abs(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const lo = v[a + k];
    const hi = v[a + k + 1];
    if (hi < 0) {
      T32[k] = -lo | 0;
      T32[k + 1] = lo === 0 ? -hi | 0 : ~hi;
    } else {
      T32[k] = lo;
      T32[k + 1] = hi;
    }
  }
  emit(s, d);
}

export function i64x2_neg(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const lo = v[a + k];
    const hi = v[a + k + 1];
    T32[k] = -lo | 0;
    T32[k + 1] = lo === 0 ? -hi | 0 : ~hi;
  }
  emit(s, d);
}

export function i64x2_all_true(s: Slots, d: number, a: number): void {
  const v = s.i32;
  const i = a << 1;
  v[d << 1] = (v[i] | v[i + 1]) !== 0 && (v[i + 2] | v[i + 3]) !== 0 ? 1 : 0;
}

export function i64x2_bitmask(s: Slots, d: number, a: number): void {
  const v = s.i32;
  const i = a << 1;
  v[d << 1] = (v[i + 1] >>> 31) | ((v[i + 3] >>> 31) << 1);
}

export function i64x2_extend_low_i32x4_s(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  const x = v[a];
  const y = v[a + 1];
  T32[0] = x;
  T32[1] = x >> 31;
  T32[2] = y;
  T32[3] = y >> 31;
  emit(s, d);
}

export function i64x2_extend_high_i32x4_s(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  const x = v[a + 2];
  const y = v[a + 3];
  T32[0] = x;
  T32[1] = x >> 31;
  T32[2] = y;
  T32[3] = y >> 31;
  emit(s, d);
}

export function i64x2_extend_low_i32x4_u(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  T32[0] = v[a];
  T32[1] = 0;
  T32[2] = v[a + 1];
  T32[3] = 0;
  emit(s, d);
}

export function i64x2_extend_high_i32x4_u(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  T32[0] = v[a + 2];
  T32[1] = 0;
  T32[2] = v[a + 3];
  T32[3] = 0;
  emit(s, d);
}

export function i64x2_shl(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const n = v[b << 1] & 63;
  a <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const lo = v[a + k];
    const hi = v[a + k + 1];
    if (n === 0) {
      T32[k] = lo;
      T32[k + 1] = hi;
    } else if (n < 32) {
      T32[k] = lo << n;
      T32[k + 1] = (hi << n) | (lo >>> (32 - n));
    } else {
      T32[k] = 0;
      T32[k + 1] = lo << (n - 32);
    }
  }
  emit(s, d);
}

export function i64x2_shr_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const n = v[b << 1] & 63;
  a <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const lo = v[a + k];
    const hi = v[a + k + 1];
    if (n === 0) {
      T32[k] = lo;
      T32[k + 1] = hi;
    } else if (n < 32) {
      T32[k] = (lo >>> n) | (hi << (32 - n));
      T32[k + 1] = hi >> n;
    } else {
      T32[k] = hi >> (n - 32);
      T32[k + 1] = hi >> 31;
    }
  }
  emit(s, d);
}

export function i64x2_shr_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const n = v[b << 1] & 63;
  a <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const lo = v[a + k];
    const hi = v[a + k + 1];
    if (n === 0) {
      T32[k] = lo;
      T32[k + 1] = hi;
    } else if (n < 32) {
      T32[k] = (lo >>> n) | (hi << (32 - n));
      T32[k + 1] = hi >>> n;
    } else {
      T32[k] = hi >>> (n - 32);
      T32[k + 1] = 0;
    }
  }
  emit(s, d);
}

export function i64x2_add(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const u = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const lo = u[a + k] + u[b + k]; // < 2^33, exact
    T32[k] = lo;
    T32[k + 1] = (v[a + k + 1] + v[b + k + 1] + (lo > 0xffffffff ? 1 : 0)) | 0;
  }
  emit(s, d);
}

export function i64x2_sub(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  const u = s.u32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const lo = u[a + k] - u[b + k]; // > -2^32, exact
    T32[k] = lo;
    T32[k + 1] = (v[a + k + 1] - v[b + k + 1] - (lo < 0 ? 1 : 0)) | 0;
  }
  emit(s, d);
}

/** Low 64 bits of the product: lo*lo in full, plus the low halves of the two cross products. */
export function i64x2_mul(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  for (let k = 0; k < 4; k += 2) {
    const xl = v[a + k];
    const xh = v[a + k + 1];
    const yl = v[b + k];
    const yh = v[b + k + 1];
    T32[k] = Math.imul(xl, yl);
    T32[k + 1] = (umulh32(xl >>> 0, yl >>> 0) + Math.imul(xl, yh) + Math.imul(xh, yl)) | 0;
  }
  emit(s, d);
}

/** Full signed 32×32→64 product of x and y into the scratch i64 lane at i32 index j. */
function mulWideS(x: number, y: number, j: number): void {
  // Signed high half = unsigned high half - (x < 0 ? y : 0) - (y < 0 ? x : 0), modulo 2^32.
  let hi = umulh32(x >>> 0, y >>> 0);
  if (x < 0) hi -= y;
  if (y < 0) hi -= x;
  T32[j] = Math.imul(x, y);
  T32[j + 1] = hi | 0;
}

/** Full unsigned 32×32→64 product of x and y into the scratch i64 lane at i32 index j. */
function mulWideU(x: number, y: number, j: number): void {
  T32[j] = Math.imul(x, y);
  T32[j + 1] = umulh32(x >>> 0, y >>> 0);
}

export function i64x2_extmul_low_i32x4_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  const x0 = v[a];
  const x1 = v[a + 1];
  const y0 = v[b];
  const y1 = v[b + 1];
  mulWideS(x0, y0, 0);
  mulWideS(x1, y1, 2);
  emit(s, d);
}

export function i64x2_extmul_high_i32x4_s(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  const x0 = v[a + 2];
  const x1 = v[a + 3];
  const y0 = v[b + 2];
  const y1 = v[b + 3];
  mulWideS(x0, y0, 0);
  mulWideS(x1, y1, 2);
  emit(s, d);
}

export function i64x2_extmul_low_i32x4_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  const x0 = v[a];
  const x1 = v[a + 1];
  const y0 = v[b];
  const y1 = v[b + 1];
  mulWideU(x0, y0, 0);
  mulWideU(x1, y1, 2);
  emit(s, d);
}

export function i64x2_extmul_high_i32x4_u(s: Slots, d: number, a: number, b: number): void {
  const v = s.i32;
  a <<= 1;
  b <<= 1;
  const x0 = v[a + 2];
  const x1 = v[a + 3];
  const y0 = v[b + 2];
  const y1 = v[b + 3];
  mulWideU(x0, y0, 0);
  mulWideU(x1, y1, 2);
  emit(s, d);
}
