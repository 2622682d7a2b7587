/**
 * SIMD instructions that move lanes or whole vectors: splat, extract_lane and replace_lane (for
 * every lane shape, the float ones by bits through the integer views), shuffle, swizzle, and the
 * whole-vector bitwise operations.
 *
 * Every export is one instruction, named after it with `.` replaced by `_` (`i8x16.add_sat_s` is
 * `i8x16_add_sat_s`); `v128.ts` builds the dispatch table from these names, so this module
 * exports nothing else. The conventions every such module follows are in `v128-common.ts`.
 *
 * Semantics: https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * and https://webassembly.github.io/spec/core/exec/numerics.html#integer-operations
 */
import type { Slots } from '../slots.js';
import { TU8, emit, copyV128 } from './v128-common.js';

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
/** Copies the f64's bits. */
export const f64x2_splat = i64x2_splat;

export function i64x2_extract_lane(s: Slots, d: number, a: number, _b: number, _c: number, imm: number): void {
  const v = s.i32;
  const i = (a << 1) + (imm << 1);
  const lo = v[i];
  const hi = v[i + 1];
  v[d << 1] = lo;
  v[(d << 1) + 1] = hi;
}
/** By bits, through the i32 view. */
export const f64x2_extract_lane = i64x2_extract_lane;

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
export const f64x2_replace_lane = i64x2_replace_lane;

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

export function v128_any_true(s: Slots, d: number, a: number): void {
  const v = s.i32;
  const i = a << 1;
  v[d << 1] = (v[i] | v[i + 1] | v[i + 2] | v[i + 3]) !== 0 ? 1 : 0;
}
