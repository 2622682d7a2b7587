/**
 * SIMD instructions on i16x8 lanes: comparisons, arithmetic (wrapping and saturating), shifts,
 * min/max, narrowing, extension, pairwise and extended multiplication.
 *
 * Every export is one instruction, named after it with `.` replaced by `_` (`i8x16.add_sat_s` is
 * `i8x16_add_sat_s`); `v128.ts` builds the dispatch table from these names, so this module
 * exports nothing else. The conventions every such module follows are in `v128-common.ts`.
 *
 * Semantics: https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * and https://webassembly.github.io/spec/core/exec/numerics.html#integer-operations
 */
import type { Slots } from '../slots.js';
import { T16, TU16, emit } from './v128-common.js';

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
