/**
 * The memory the run loop computes in: one buffer of 8-byte slots holding locals and operands.
 * A value takes one slot, a v128 two. Every view addresses the same bytes, so a value keeps its
 * exact bits whatever view reads it (reinterpretations are free, NaN payloads survive).
 *
 * Layout of slot `s` (little-endian, as WebAssembly memory):
 * - i32: `i32[2s]`; f32: `f32[2s]`; f64: `f64[s]`
 * - i64: low half `i32[2s]`, high half `i32[2s + 1]`
 * - v128 (slots s and s+1): bytes `u8[8s .. 8s + 15]`, lane k of i32x4 at `i32[2s + k]`,
 *   of f64x2 at `f64[s + k]`, of i16x8 at `i16[4s + k]`, of i8x16 at `i8[8s + k]`
 * - funcref / externref: a reference number in `i32[2s]` (-1 is null)
 */
export class Slots {
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
  readonly u16: Uint16Array;
  readonly i16: Int16Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;

  /** @param count how many 8-byte slots */
  constructor(readonly count: number) {
    const buf = new ArrayBuffer(count * 8);
    this.u8 = new Uint8Array(buf);
    this.i8 = new Int8Array(buf);
    this.u16 = new Uint16Array(buf);
    this.i16 = new Int16Array(buf);
    this.i32 = new Int32Array(buf);
    this.u32 = new Uint32Array(buf);
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
  }
}
