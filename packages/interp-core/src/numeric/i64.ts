/**
 * The i64 instructions too long to write as rows of isa/instructions.ts, which computes the
 * others on an i64's two int32 halves itself: division and remainder, and (in i64-convert.ts,
 * re-exported here) the float ↔ i64 conversions. They take an i64 operand as its low and high
 * halves, and leave an i64 result in `result64`, so that their operands and results can be
 * JavaScript variables (the compiled profile) as well as frame cells.
 *
 * Division and remainder work on 32-bit halves without BigInt, and fall back to BigInt when the
 * divisor does not fit in 32 bits (rare).
 * Semantics: https://webassembly.github.io/spec/core/exec/numerics.html#integer-operations
 */
import { Trap, TrapReason } from '../trap.js';
import { result64 } from './i64-convert.js';

export * from './i64-convert.js';

/** The i64 at `a`, as a signed BigInt (for the API boundary and the rare slow paths). */
export function i64_get(r: Int32Array, a: number): bigint {
  return (BigInt(r[a + 1]) << 32n) | BigInt(r[a] >>> 0);
}

/** Stores `v` (any BigInt, wrapped modulo 2^64) as the i64 at `d`. */
export function i64_set(r: Int32Array, d: number, v: bigint): void {
  r[d] = Number(BigInt.asIntN(32, v));
  r[d + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

// ---------------------------------------------------------------------------------------------
// Division and remainder

/** The signed i64 of halves `lo`, `hi`, as a BigInt. */
function big(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

/** Leaves `v` (any BigInt, wrapped modulo 2^64) in result64. */
function setBig(v: bigint): void {
  i64_set(result64, 0, v);
}

/** Quotient (high, low halves) and remainder of the 64-bit division by `divisor`, below 2^32. */
const divOut = new Float64Array(3);

/**
 * floor(n / b) for integers 0 <= n < 2^53 and 0 < b < 2^32 whose quotient is below 2^32, from
 * `inv` = 1 / b: the product's quotient is off by at most one (the reciprocal and the product each
 * round by at most half an ulp), which its remainder shows (outside [0, b)) and corrects.
 */
function quotient(n: number, b: number, inv: number): number {
  const q = Math.floor(n * inv);
  const rem = n - q * b;
  return rem < 0 ? q - 1 : rem >= b ? q + 1 : q;
}

/** Divisors up to which udiv64by32 takes the low half in one step: remainder · 2^32 + low < 2^53. */
const ONE_STEP_DIVISOR = 0x200000;

/**
 * Unsigned long division of the u64 `hi:lo` by a nonzero `b` < 2^32, each step a multiplication
 * by the reciprocal of `b` (one double division a call; see quotient): the high half first; then
 * the low half in one step where the partial dividend stays below 2^53 (b up to 2^21), else in
 * two 16-bit steps (below 2^48), so that doubles hold each partial dividend exactly. Results go to
 * `divOut`: quotient high and low halves (as uint32 numbers) and the remainder.
 */
function udiv64by32(hi: number, lo: number, b: number): void {
  const inv = 1 / b;
  const qhi = quotient(hi, b, inv);
  let rem = hi - qhi * b;
  let qlo: number;
  if (b <= ONE_STEP_DIVISOR) {
    const cur = rem * 4294967296 + lo;
    qlo = quotient(cur, b, inv);
    rem = cur - qlo * b;
  } else {
    let cur = rem * 65536 + (lo >>> 16);
    let q = quotient(cur, b, inv);
    rem = cur - q * b;
    qlo = q * 65536;
    cur = rem * 65536 + (lo & 0xffff);
    q = quotient(cur, b, inv);
    rem = cur - q * b;
    qlo += q;
  }
  divOut[0] = qhi;
  divOut[1] = qlo;
  divOut[2] = rem;
}

/** Leaves the negation of the u64 `hi:lo` (two's complement), or the value itself, in result64. */
function setSigned(hi: number, lo: number, negate: boolean): void {
  if (!negate) {
    result64[0] = lo | 0;
    result64[1] = hi | 0;
    return;
  }
  const nlo = (~lo + 1) | 0;
  result64[0] = nlo;
  result64[1] = (~hi + (nlo === 0 ? 1 : 0)) | 0;
}

/** The magnitude of the signed i64 `hi:lo` as u64 halves, into `absOut`. */
const absOut = new Int32Array(2);
function abs64(lo: number, hi: number): void {
  if (hi >= 0) {
    absOut[0] = lo;
    absOut[1] = hi;
    return;
  }
  const nlo = (~lo + 1) | 0;
  absOut[0] = nlo;
  absOut[1] = (~hi + (nlo === 0 ? 1 : 0)) | 0;
}

/** True when the i64 with halves lo, hi fits in an int32 (hi is lo's sign extension). */
function isI32(lo: number, hi: number): boolean {
  return hi === lo >> 31;
}

/** Leaves an integer |q| ≤ 2^32 (a double) in result64. */
function setSmall(q: number): void {
  result64[0] = q | 0;
  result64[1] = q < 0 ? -1 : 0;
}

/** Leaves the u64 `hi:lo` (numbers whose low 32 bits count) in result64. */
function setWords(lo: number, hi: number): void {
  result64[0] = lo | 0;
  result64[1] = hi | 0;
}

/**
 * `i64.div_s`: signed division truncating toward zero; traps on a zero divisor and on
 * -2^63 / -1 (https://webassembly.github.io/spec/core/exec/numerics.html#op-idiv-s).
 */
export function i64_div_s(al: number, ah: number, bl: number, bh: number): void {
  if ((bl | bh) === 0) throw new Trap(TrapReason.divideByZero);
  if (isI32(al, ah) && isI32(bl, bh)) {
    // Exact in doubles (see i32_div_s); -2^31 / -1 = 2^31 is fine in 64 bits.
    setSmall(Math.trunc(al / bl));
    return;
  }
  if (ah === -0x80000000 && al === 0 && bl === -1 && bh === -1) throw new Trap(TrapReason.integerOverflow);
  abs64(bl, bh);
  const ub = absOut[0] >>> 0;
  if (absOut[1] === 0) {
    abs64(al, ah);
    udiv64by32(absOut[1] >>> 0, absOut[0] >>> 0, ub);
    setSigned(divOut[0], divOut[1], ah < 0 !== bh < 0);
    return;
  }
  setBig(big(al, ah) / big(bl, bh)); // BigInt division truncates toward zero
}

/** `i64.div_u`: unsigned division; traps on a zero divisor. */
export function i64_div_u(al: number, ah: number, bl: number, bh: number): void {
  if ((bl | bh) === 0) throw new Trap(TrapReason.divideByZero);
  if (ah === 0 && bh === 0) {
    setWords(Math.floor((al >>> 0) / (bl >>> 0)), 0);
    return;
  }
  if (bh === 0) {
    udiv64by32(ah >>> 0, al >>> 0, bl >>> 0);
    setWords(divOut[1], divOut[0]);
    return;
  }
  setBig(BigInt.asUintN(64, big(al, ah)) / BigInt.asUintN(64, big(bl, bh)));
}

/** `i64.rem_s`: signed remainder with the sign of the dividend; traps on a zero divisor only. */
export function i64_rem_s(al: number, ah: number, bl: number, bh: number): void {
  if ((bl | bh) === 0) throw new Trap(TrapReason.divideByZero);
  if (isI32(al, ah) && isI32(bl, bh)) {
    setSmall(al % bl);
    return;
  }
  abs64(bl, bh);
  if (absOut[1] === 0) {
    const ub = absOut[0] >>> 0;
    abs64(al, ah);
    udiv64by32(absOut[1] >>> 0, absOut[0] >>> 0, ub);
    // The remainder takes the dividend's sign.
    setSigned(0, divOut[2], ah < 0);
    return;
  }
  // BigInt % never overflows: -2^63 % -1 is 0.
  setBig(big(al, ah) % big(bl, bh));
}

/** `i64.rem_u`: unsigned remainder; traps on a zero divisor. */
export function i64_rem_u(al: number, ah: number, bl: number, bh: number): void {
  if ((bl | bh) === 0) throw new Trap(TrapReason.divideByZero);
  if (ah === 0 && bh === 0) {
    setWords((al >>> 0) % (bl >>> 0), 0);
    return;
  }
  if (bh === 0) {
    udiv64by32(ah >>> 0, al >>> 0, bl >>> 0);
    setWords(divOut[2], 0);
    return;
  }
  setBig(BigInt.asUintN(64, big(al, ah)) % BigInt.asUintN(64, big(bl, bh)));
}
