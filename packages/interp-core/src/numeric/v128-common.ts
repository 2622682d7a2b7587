/**
 * Shared pieces of the SIMD (v128) instructions: the operation type and the module-level scratch
 * vector the hand-written operations compute into before they write their result.
 *
 * Operand and result slots: a v128 value is a 16-byte cell of the run loops (two slots, the
 * first even), so the result slot `d` either equals an operand's slot or overlaps none. The
 * generated instructions of the rows of src/isa/simd.ts (`v128-generated.ts`, `v128-memory.ts`)
 * rely on that: a lane-wise result is computed in place, lane k of the result written after lane
 * k of each operand is read; the others read every lane they need before writing.
 *
 * The hand-written instruction modules (`v128-lanes.ts`, `v128-i8x16.ts` … `v128-i64x2.ts`,
 * `v128-float.ts`), whose output lanes depend on several input lanes, build a vector result in
 * `T*` (one 16-byte buffer seen through every lane view) and copy it to slot d with `emit`; a
 * scalar result is written after every input has been read. No per-call allocation.
 * Typed-array stores do the wrapping of lane arithmetic (storing 128 into an Int8Array stores
 * -128), which is what the specification's modular arithmetic wants.
 */
import type { Slots } from '../slots.js';

/**
 * One non-memory SIMD instruction. `d` is the result slot; `a`, `b`, `c` are the operand slots in
 * operand order (a v128 operand's first slot, or a scalar's slot; unused ones are ignored);
 * `imm` is the lane index of extract_lane / replace_lane. A v128 result goes to slots d, d + 1,
 * a scalar result to slot d (i32 at `i32[2d]`, i64 halves at `i32[2d]`, `i32[2d + 1]`, f32 and
 * f64 by their bits in the same places).
 */
export type SimdOp = (s: Slots, d: number, a: number, b: number, c: number, imm: number) => void;

const scratch = new ArrayBuffer(16);
/** The scratch result vector, through each lane view. */
export const T8 = new Int8Array(scratch);
export const TU8 = new Uint8Array(scratch);
export const T16 = new Int16Array(scratch);
export const TU16 = new Uint16Array(scratch);
export const T32 = new Int32Array(scratch);
export const TF32 = new Float32Array(scratch);
export const TF64 = new Float64Array(scratch);

/** Copies the scratch vector to slots d, d + 1. */
export function emit(s: Slots, d: number): void {
  const v = s.i32;
  d <<= 1;
  v[d] = T32[0];
  v[d + 1] = T32[1];
  v[d + 2] = T32[2];
  v[d + 3] = T32[3];
}

/** Copies the v128 at slot a to slot d; any overlap of the two is fine. */
export function copyV128(s: Slots, d: number, a: number): void {
  const v = s.i32;
  a <<= 1;
  d <<= 1;
  const x0 = v[a];
  const x1 = v[a + 1];
  const x2 = v[a + 2];
  const x3 = v[a + 3];
  v[d] = x0;
  v[d + 1] = x1;
  v[d + 2] = x2;
  v[d + 3] = x3;
}
