/**
 * SIMD instructions on i32x4 lanes: comparisons, arithmetic, shifts, min/max, extension, dot
 * product, pairwise and extended multiplication.
 *
 * Every export is one instruction, named after it with `.` replaced by `_` (`i8x16.add_sat_s` is
 * `i8x16_add_sat_s`); `v128.ts` builds the dispatch table from these names, so this module
 * exports nothing else. The conventions every such module follows are in `v128-common.ts`.
 *
 * Semantics: https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * and https://webassembly.github.io/spec/core/exec/numerics.html#integer-operations
 */
import type { Slots } from '../slots.js';
import { T32, emit } from './v128-common.js';

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
