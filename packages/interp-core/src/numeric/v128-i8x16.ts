/**
 * SIMD instructions on i8x16 lanes: comparisons, arithmetic (wrapping and saturating), shifts,
 * min/max, popcnt, bitmask and narrowing.
 *
 * Every export is one instruction, named after it with `.` replaced by `_` (`i8x16.add_sat_s` is
 * `i8x16_add_sat_s`); `v128.ts` builds the dispatch table from these names, so this module
 * exports nothing else. The conventions every such module follows are in `v128-common.ts`.
 *
 * Semantics: https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * and https://webassembly.github.io/spec/core/exec/numerics.html#integer-operations
 */
import type { Slots } from '../slots.js';
import { T8, TU8, emit } from './v128-common.js';

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
