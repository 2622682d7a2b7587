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
import { TU8, emit } from './v128-common.js';

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
