/**
 * Numeric literals of the WebAssembly text format, turned into exact bit patterns:
 * integers of N bits as unsigned patterns, f32 as a uint32 and f64 as a bigint.
 */

/** A malformed or out-of-range literal. */
export class LiteralError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiteralError';
  }
}

const DEC = /^[0-9](?:_?[0-9])*$/;
const HEX = /^[0-9a-fA-F](?:_?[0-9a-fA-F])*$/;

/** Reads an unsigned decimal or `0x` hex numeral (with `_` separators) as a bigint, or undefined. */
function numeral(text: string): bigint | undefined {
  if (text.startsWith('0x')) {
    const digits = text.slice(2);
    return HEX.test(digits) ? BigInt('0x' + digits.replaceAll('_', '')) : undefined;
  }
  return DEC.test(text) ? BigInt(text.replaceAll('_', '')) : undefined;
}

function splitSign(text: string): [sign: '' | '+' | '-', rest: string] {
  const c = text[0];
  return c === '+' || c === '-' ? [c, text.slice(1)] : ['', text];
}

/**
 * Parses an N-bit integer literal into its unsigned bit pattern. Unsigned literals may use the
 * full range [0, 2^N); signed ones (with `+` or `-`) the range [-2^(N-1), 2^(N-1)).
 */
export function parseIntBits(text: string, bits: number): bigint {
  const [sign, rest] = splitSign(text);
  const n = numeral(rest);
  if (n === undefined) throw new LiteralError(`malformed i${bits} literal "${text}"`);
  const size = 1n << BigInt(bits);
  const limit = sign === '' ? size - 1n : sign === '+' ? size / 2n - 1n : size / 2n;
  if (n > limit) throw new LiteralError(`i${bits} literal out of range: "${text}"`);
  return sign === '-' ? (size - n) % size : n;
}

/** An i32 literal as a uint32 bit pattern. */
export function parseI32(text: string): number {
  return Number(parseIntBits(text, 32));
}

/** An i64 literal as a uint64 bit pattern. */
export function parseI64(text: string): bigint {
  return parseIntBits(text, 64);
}

export interface FloatFormat {
  name: string;
  /** Explicit mantissa bits. */
  mantissa: number;
  /** Exponent bits. */
  exponent: number;
}

export const F32: FloatFormat = { name: 'f32', mantissa: 23, exponent: 8 };
export const F64: FloatFormat = { name: 'f64', mantissa: 52, exponent: 11 };

/** An f32 literal as a uint32 bit pattern. */
export function parseF32(text: string): number {
  return Number(parseFloatBits(text, F32));
}

/** An f64 literal as a uint64 bit pattern. */
export function parseF64(text: string): bigint {
  return parseFloatBits(text, F64);
}

const DEC_FLOAT = /^([0-9](?:_?[0-9])*)(?:\.([0-9](?:_?[0-9])*)?)?(?:[eE]([+-]?[0-9](?:_?[0-9])*))?$/;
const HEX_FLOAT =
  /^0x([0-9a-fA-F](?:_?[0-9a-fA-F])*)(?:\.([0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?(?:[pP]([+-]?[0-9](?:_?[0-9])*))?$/;

/** Beyond this many powers of two from 1, a nonzero literal is certainly infinite or zero. */
const EXPONENT_BOUND = 5000;

function parseFloatBits(text: string, f: FloatFormat): bigint {
  const [sign, rest] = splitSign(text);
  const signBit = sign === '-' ? 1n << BigInt(f.mantissa + f.exponent) : 0n;
  const expAllOnes = ((1n << BigInt(f.exponent)) - 1n) << BigInt(f.mantissa);
  const malformed = () => new LiteralError(`malformed ${f.name} literal "${text}"`);

  if (rest === 'inf') return signBit | expAllOnes;
  if (rest === 'nan') return signBit | expAllOnes | (1n << BigInt(f.mantissa - 1));
  if (rest.startsWith('nan:')) {
    const payload = rest.startsWith('nan:0x') ? numeral(rest.slice(4)) : undefined;
    if (payload === undefined) throw malformed();
    if (payload === 0n || payload >= 1n << BigInt(f.mantissa))
      throw new LiteralError(`${f.name} NaN payload out of range: "${text}"`);
    return signBit | expAllOnes | payload;
  }

  let num: bigint;
  let pow2 = 0; // value = num * 2^pow2 * 10^pow10
  let pow10 = 0;
  const hex = HEX_FLOAT.exec(rest);
  if (hex !== null) {
    const [, int, frac = '', exp = '0'] = hex;
    const digits = (int + frac).replaceAll('_', '');
    num = BigInt('0x' + digits);
    pow2 = Number(exp.replaceAll('_', '')) - 4 * frac.replaceAll('_', '').length;
  } else {
    const dec = DEC_FLOAT.exec(rest);
    if (dec === null) throw malformed();
    const [, int, frac = '', exp = '0'] = dec;
    num = BigInt((int + frac).replaceAll('_', ''));
    pow10 = Number(exp.replaceAll('_', '')) - frac.replaceAll('_', '').length;
  }
  if (num === 0n) return signBit;

  // Rough size in powers of two; far outside the format's range the result is plain 0 or infinity.
  const magnitude = bitLength(num) + pow2 + pow10 * Math.log2(10);
  if (magnitude > EXPONENT_BOUND) throw new LiteralError(`${f.name} literal overflows: "${text}"`);
  if (magnitude < -EXPONENT_BOUND) return signBit;

  let n = num;
  let d = 1n;
  if (pow10 >= 0) n *= 10n ** BigInt(pow10);
  else d = 10n ** BigInt(-pow10);
  if (pow2 >= 0) n <<= BigInt(pow2);
  else d <<= BigInt(-pow2);
  const bits = roundRational(n, d, f);
  if (bits === undefined) throw new LiteralError(`${f.name} literal overflows: "${text}"`);
  return signBit | bits;
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** Is n/d below 2^e? */
function below(n: bigint, d: bigint, e: number): boolean {
  return e >= 0 ? n < d << BigInt(e) : n << BigInt(-e) < d;
}

/**
 * Rounds the positive rational n/d to the nearest value of format f (ties to even) and returns
 * its bits without sign, or undefined if it rounds to infinity.
 */
export function roundRational(n: bigint, d: bigint, f: FloatFormat): bigint | undefined {
  const bias = (1 << (f.exponent - 1)) - 1;
  const emin = 1 - bias;
  // Find e with 2^e <= n/d < 2^(e+1).
  let e = bitLength(n) - bitLength(d);
  if (below(n, d, e)) e--;
  if (e < emin) e = emin; // subnormal: fixed scale
  // q = n/d scaled so that 2^e maps to 2^mantissa, rounded to nearest, ties to even.
  const shift = f.mantissa - e;
  const sn = shift >= 0 ? n << BigInt(shift) : n;
  const sd = shift >= 0 ? d : d << BigInt(-shift);
  let q = sn / sd;
  const twice = (sn % sd) * 2n;
  if (twice > sd || (twice === sd && (q & 1n) === 1n)) q++;
  const one = 1n << BigInt(f.mantissa);
  if (q === one << 1n) {
    q = one;
    e++;
  }
  if (e > bias) return undefined;
  // At emin the exponent field is 0 (subnormal, q < 2^mantissa) or 1 (q >= 2^mantissa): q itself.
  if (e === emin) return q;
  return (BigInt(e + bias) << BigInt(f.mantissa)) | (q - one);
}
