/**
 * SIMD instructions on i64x2 lanes. 64-bit lanes are handled as two 32-bit halves (low at the
 * even i32 index), never as BigInt.
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
