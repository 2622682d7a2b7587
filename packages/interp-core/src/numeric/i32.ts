/**
 * The non-trivial i32 instructions, as pure functions on int32 JS numbers (signed reading: every
 * input is `x | 0`, every result is returned as `x | 0`).
 *
 * The run loop inlines the trivial ones itself (add, sub, and, or, xor, shifts, comparisons).
 * Semantics: https://webassembly.github.io/spec/core/exec/numerics.html#integer-operations
 */
import { Trap, TrapReason } from '../trap.js';

const INT32_MIN = -0x80000000;

/**
 * `i32.div_s`: signed division truncating toward zero; traps on a zero divisor and on
 * -2^31 / -1 (https://webassembly.github.io/spec/core/exec/numerics.html#op-idiv-s).
 *
 * Dividing as doubles is exact here: for |a|, |b| < 2^32 a non-integer quotient is at least
 * 1/|a| ≥ 2^-32 (relative) away from any integer, far more than a double's rounding error.
 */
export function i32_div_s(a: number, b: number): number {
  if (b === 0) throw new Trap(TrapReason.divideByZero);
  if (a === INT32_MIN && b === -1) throw new Trap(TrapReason.integerOverflow);
  return (a / b) | 0;
}

/** `i32.div_u`: unsigned division truncating toward zero; traps on a zero divisor. */
export function i32_div_u(a: number, b: number): number {
  if (b === 0) throw new Trap(TrapReason.divideByZero);
  return ((a >>> 0) / (b >>> 0)) | 0;
}

/**
 * `i32.rem_s`: signed remainder, with the sign of the dividend; traps on a zero divisor only
 * (-2^31 rem -1 is 0; JS gives -0 there, which `| 0` turns into 0).
 */
export function i32_rem_s(a: number, b: number): number {
  if (b === 0) throw new Trap(TrapReason.divideByZero);
  return (a % b) | 0;
}

/** `i32.rem_u`: unsigned remainder; traps on a zero divisor. */
export function i32_rem_u(a: number, b: number): number {
  if (b === 0) throw new Trap(TrapReason.divideByZero);
  return ((a >>> 0) % (b >>> 0)) | 0;
}

/** `i32.rotl`: rotate left by `b mod 32` bits. */
export function i32_rotl(a: number, b: number): number {
  const k = b & 31;
  // For k = 0, `a >>> 32` is `a >>> 0`, and a | a = a.
  return (a << k) | (a >>> (32 - k));
}

/** `i32.rotr`: rotate right by `b mod 32` bits. */
export function i32_rotr(a: number, b: number): number {
  const k = b & 31;
  return (a >>> k) | (a << (32 - k));
}

/** `i32.ctz`: number of trailing zero bits (32 for 0). */
export function i32_ctz(a: number): number {
  // a & -a isolates the lowest set bit; for a = 0 it is 0 and clz32(0) = 32 gives 31 - 32 = -1.
  return a === 0 ? 32 : 31 - Math.clz32(a & -a);
}

/** `i32.popcnt`: number of set bits. */
export function i32_popcnt(a: number): number {
  let x = a - ((a >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
