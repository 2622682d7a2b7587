/**
 * Decoding LEB128 immediates that validation has already checked, for both profiles.
 */

/**
 * Writes an i64.const immediate (a signed LEB128 at `at`) as low and high halves at `r[d]`,
 * `r[d + 1]`, without BigInt; returns the position past it.
 */
export function readI64(b: Uint8Array, at: number, r: Int32Array, d: number): number {
  let lo = 0;
  let hi = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = b[at++];
    const v = byte & 0x7f;
    if (shift < 32) {
      lo |= v << shift;
      if (shift > 25) hi |= v >>> (32 - shift);
    } else hi |= v << (shift - 32);
    shift += 7;
  } while (byte & 0x80);
  if (shift < 64 && byte & 0x40) {
    if (shift < 32) {
      lo |= -1 << shift;
      hi = -1;
    } else hi |= -1 << (shift - 32);
  }
  r[d] = lo;
  r[d + 1] = hi;
  return at;
}
