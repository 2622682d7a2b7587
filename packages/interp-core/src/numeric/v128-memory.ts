/**
 * SIMD memory instructions. `mem` is the linear memory's bytes and `ea` the effective address
 * (operand + offset), which the caller has already checked: ea + access width ≤ mem.length, the
 * width being the opcode table's `width` of the row. Memory is little-endian, as the slots are.
 *
 * Every export is one instruction, named after it with `.` replaced by `_`; `v128.ts` builds the
 * memory dispatch tables from these names, so this module exports nothing else.
 * Four shapes (see `SimdLoad`, `SimdStore`, `SimdLoadLane`, `SimdStoreLane` in `v128.ts`):
 * - loads `(s, d, mem, ea)`: the v128 result to slots d, d + 1;
 * - `v128.store` `(s, a, mem, ea)`: the v128 at slot a to memory;
 * - lane loads `(s, d, a, mem, ea, lane)`: the v128 at slot a with one lane replaced, to slot d;
 * - lane stores `(s, a, mem, ea, lane)`: one lane of the v128 at slot a to memory.
 *
 * Semantics: https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions
 */
import type { Slots } from '../slots.js';
import { copyV128 } from './v128-common.js';

/** The little-endian i32 at mem[ea .. ea + 3]. */
function read32(mem: Uint8Array, ea: number): number {
  return mem[ea] | (mem[ea + 1] << 8) | (mem[ea + 2] << 16) | (mem[ea + 3] << 24);
}

export function v128_load(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const u = s.u8;
  d <<= 3;
  for (let k = 0; k < 16; k++) u[d + k] = mem[ea + k];
}

/** 8 bytes, each sign-extended to an i16 lane. */
export function v128_load8x8_s(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i16;
  d <<= 2;
  for (let k = 0; k < 8; k++) v[d + k] = (mem[ea + k] << 24) >> 24;
}

export function v128_load8x8_u(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i16;
  d <<= 2;
  for (let k = 0; k < 8; k++) v[d + k] = mem[ea + k];
}

/** 4 i16, each sign-extended to an i32 lane. */
export function v128_load16x4_s(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i32;
  d <<= 1;
  for (let k = 0; k < 4; k++) {
    const e = ea + 2 * k;
    v[d + k] = ((mem[e] | (mem[e + 1] << 8)) << 16) >> 16;
  }
}

export function v128_load16x4_u(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i32;
  d <<= 1;
  for (let k = 0; k < 4; k++) {
    const e = ea + 2 * k;
    v[d + k] = mem[e] | (mem[e + 1] << 8);
  }
}

/** 2 i32, each sign-extended to an i64 lane. */
export function v128_load32x2_s(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i32;
  const x = read32(mem, ea);
  const y = read32(mem, ea + 4);
  d <<= 1;
  v[d] = x;
  v[d + 1] = x >> 31;
  v[d + 2] = y;
  v[d + 3] = y >> 31;
}

export function v128_load32x2_u(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i32;
  const x = read32(mem, ea);
  const y = read32(mem, ea + 4);
  d <<= 1;
  v[d] = x;
  v[d + 1] = 0;
  v[d + 2] = y;
  v[d + 3] = 0;
}

export function v128_load8_splat(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const u = s.u8;
  const x = mem[ea];
  d <<= 3;
  for (let k = 0; k < 16; k++) u[d + k] = x;
}

export function v128_load16_splat(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const u = s.u16;
  const x = mem[ea] | (mem[ea + 1] << 8);
  d <<= 2;
  for (let k = 0; k < 8; k++) u[d + k] = x;
}

export function v128_load32_splat(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i32;
  const x = read32(mem, ea);
  d <<= 1;
  v[d] = x;
  v[d + 1] = x;
  v[d + 2] = x;
  v[d + 3] = x;
}

export function v128_load64_splat(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i32;
  const lo = read32(mem, ea);
  const hi = read32(mem, ea + 4);
  d <<= 1;
  v[d] = lo;
  v[d + 1] = hi;
  v[d + 2] = lo;
  v[d + 3] = hi;
}

/** An i32 into lane 0; the other lanes are 0. */
export function v128_load32_zero(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i32;
  const x = read32(mem, ea);
  d <<= 1;
  v[d] = x;
  v[d + 1] = 0;
  v[d + 2] = 0;
  v[d + 3] = 0;
}

/** An i64 into lane 0; lane 1 is 0. */
export function v128_load64_zero(s: Slots, d: number, mem: Uint8Array, ea: number): void {
  const v = s.i32;
  const lo = read32(mem, ea);
  const hi = read32(mem, ea + 4);
  d <<= 1;
  v[d] = lo;
  v[d + 1] = hi;
  v[d + 2] = 0;
  v[d + 3] = 0;
}

export function v128_store(s: Slots, a: number, mem: Uint8Array, ea: number): void {
  const u = s.u8;
  a <<= 3;
  for (let k = 0; k < 16; k++) mem[ea + k] = u[a + k];
}

/** Copies the v128 at slot a to slot d (any overlap), then overwrites `n` bytes of lane `lane`. */
function loadLane(s: Slots, d: number, a: number, mem: Uint8Array, ea: number, lane: number, n: number): void {
  copyV128(s, d, a);
  const u = s.u8;
  const o = (d << 3) + lane * n;
  for (let k = 0; k < n; k++) u[o + k] = mem[ea + k];
}

export function v128_load8_lane(s: Slots, d: number, a: number, mem: Uint8Array, ea: number, lane: number): void {
  loadLane(s, d, a, mem, ea, lane, 1);
}

export function v128_load16_lane(s: Slots, d: number, a: number, mem: Uint8Array, ea: number, lane: number): void {
  loadLane(s, d, a, mem, ea, lane, 2);
}

export function v128_load32_lane(s: Slots, d: number, a: number, mem: Uint8Array, ea: number, lane: number): void {
  loadLane(s, d, a, mem, ea, lane, 4);
}

export function v128_load64_lane(s: Slots, d: number, a: number, mem: Uint8Array, ea: number, lane: number): void {
  loadLane(s, d, a, mem, ea, lane, 8);
}

export function v128_store8_lane(s: Slots, a: number, mem: Uint8Array, ea: number, lane: number): void {
  mem[ea] = s.u8[(a << 3) + lane];
}

export function v128_store16_lane(s: Slots, a: number, mem: Uint8Array, ea: number, lane: number): void {
  const u = s.u8;
  const o = (a << 3) + 2 * lane;
  mem[ea] = u[o];
  mem[ea + 1] = u[o + 1];
}

export function v128_store32_lane(s: Slots, a: number, mem: Uint8Array, ea: number, lane: number): void {
  const u = s.u8;
  const o = (a << 3) + 4 * lane;
  for (let k = 0; k < 4; k++) mem[ea + k] = u[o + k];
}

export function v128_store64_lane(s: Slots, a: number, mem: Uint8Array, ea: number, lane: number): void {
  const u = s.u8;
  const o = (a << 3) + 8 * lane;
  for (let k = 0; k < 8; k++) mem[ea + k] = u[o + k];
}
