/** Results of actions as the runner sees them, compared bit-exactly with expected results. */

import type { Expected, NanPattern, Value } from './values.js';

/**
 * A result of an action. Numbers are exact bit patterns (unsigned); a non-null funcref is opaque
 * ('func'); an externref is the N of the `(ref.extern N)` host value it is, or 'foreign' if the
 * engine returned a host value the runner never passed in.
 */
export type Actual =
  | Exclude<Value, { type: 'funcref' } | { type: 'externref' }>
  | { type: 'funcref'; ref: null | 'func' }
  | { type: 'externref'; ref: number | null | 'foreign' };

const F32_SIGNLESS = 0x7fffffff;
const F32_CANONICAL = 0x7fc00000;
const F64_SIGNLESS = 0x7fffffffffffffffn;
const F64_CANONICAL = 0x7ff8000000000000n;

/** Does the f32 bit pattern match a NaN pattern? Canonical: quiet bit only; arithmetic: quiet bit set. */
export function f32MatchesNan(bits: number, nan: NanPattern): boolean {
  const b = bits >>> 0;
  return nan === 'nan:canonical'
    ? (b & F32_SIGNLESS) === F32_CANONICAL
    : (b & F32_CANONICAL) >>> 0 === F32_CANONICAL;
}

export function f64MatchesNan(bits: bigint, nan: NanPattern): boolean {
  return nan === 'nan:canonical' ? (bits & F64_SIGNLESS) === F64_CANONICAL : (bits & F64_CANONICAL) === F64_CANONICAL;
}

function f32Lane(bytes: Uint8Array, i: number): number {
  return (bytes[4 * i] | (bytes[4 * i + 1] << 8) | (bytes[4 * i + 2] << 16) | (bytes[4 * i + 3] << 24)) >>> 0;
}

function f64Lane(bytes: Uint8Array, i: number): bigint {
  return (BigInt(f32Lane(bytes, 2 * i + 1)) << 32n) | BigInt(f32Lane(bytes, 2 * i));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameValue(want: Value, got: Actual): boolean {
  switch (want.type) {
    case 'i32':
    case 'f32':
      return got.type === want.type && got.bits >>> 0 === want.bits >>> 0;
    case 'i64':
    case 'f64':
      return got.type === want.type && BigInt.asUintN(64, got.bits) === BigInt.asUintN(64, want.bits);
    case 'v128':
      return got.type === 'v128' && sameBytes(got.bytes, want.bytes);
    case 'funcref':
    case 'externref':
      return got.type === want.type && got.ref === want.ref;
  }
}

/** Does `got` satisfy `want`? */
export function matches(want: Expected, got: Actual): boolean {
  switch (want.kind) {
    case 'exact':
      return sameValue(want.value, got);
    case 'nan':
      if (want.type === 'f32') return got.type === 'f32' && f32MatchesNan(got.bits, want.nan);
      return got.type === 'f64' && f64MatchesNan(got.bits, want.nan);
    case 'f32x4':
      return (
        got.type === 'v128' &&
        want.lanes.every((lane, i) => {
          const bits = f32Lane(got.bytes, i);
          return typeof lane === 'number' ? bits === lane >>> 0 : f32MatchesNan(bits, lane);
        })
      );
    case 'f64x2':
      return (
        got.type === 'v128' &&
        want.lanes.every((lane, i) => {
          const bits = f64Lane(got.bytes, i);
          return typeof lane === 'bigint' ? bits === lane : f64MatchesNan(bits, lane);
        })
      );
    case 'non-null':
      return got.type === want.type && got.ref !== null;
  }
}

function hex(n: number | bigint, digits: number): string {
  return `0x${n.toString(16).padStart(digits, '0')}`;
}

const f32View = new Float32Array(1);
const f32Bits = new Uint32Array(f32View.buffer);
const f64View = new Float64Array(1);
const f64Bits = new BigUint64Array(f64View.buffer);

function f32Text(bits: number): string {
  f32Bits[0] = bits;
  return `${hex(bits >>> 0, 8)} (${f32View[0]})`;
}

function f64Text(bits: bigint): string {
  f64Bits[0] = BigInt.asUintN(64, bits);
  return `${hex(BigInt.asUintN(64, bits), 16)} (${f64View[0]})`;
}

function bytesText(bytes: Uint8Array): string {
  return `i32x4 ${[0, 1, 2, 3].map((i) => hex(f32Lane(bytes, i), 8)).join(' ')}`;
}

function refText(type: string, ref: number | string | null): string {
  if (ref === null) return `ref.null ${type === 'funcref' ? 'func' : 'extern'}`;
  if (type === 'funcref') return 'ref.func';
  return typeof ref === 'number' ? `ref.extern ${ref}` : 'ref.extern <unknown host value>';
}

/** A value for messages: its type and bits, with a readable reading. */
export function formatValue(v: Value | Actual): string {
  switch (v.type) {
    case 'i32':
      return `i32 ${hex(v.bits >>> 0, 8)} (${v.bits | 0})`;
    case 'i64':
      return `i64 ${hex(BigInt.asUintN(64, v.bits), 16)} (${BigInt.asIntN(64, v.bits)})`;
    case 'f32':
      return `f32 ${f32Text(v.bits)}`;
    case 'f64':
      return `f64 ${f64Text(v.bits)}`;
    case 'v128':
      return `v128 ${bytesText(v.bytes)}`;
    case 'funcref':
    case 'externref':
      return refText(v.type, v.ref);
  }
}

export function formatExpected(e: Expected): string {
  switch (e.kind) {
    case 'exact':
      return formatValue(e.value);
    case 'nan':
      return `${e.type} ${e.nan}`;
    case 'f32x4':
      return `v128 f32x4 ${e.lanes.map((l) => (typeof l === 'number' ? hex(l >>> 0, 8) : l)).join(' ')}`;
    case 'f64x2':
      return `v128 f64x2 ${e.lanes.map((l) => (typeof l === 'bigint' ? hex(l, 16) : l)).join(' ')}`;
    case 'non-null':
      return e.type === 'funcref' ? 'ref.func' : 'ref.extern';
  }
}

export function formatValues(vs: readonly (Value | Actual)[]): string {
  return `[${vs.map(formatValue).join(', ')}]`;
}

/** Compares results with expected ones: undefined if they match, else a message saying how they differ. */
export function compareResults(want: readonly Expected[], got: readonly Actual[]): string | undefined {
  if (want.length !== got.length)
    return `got ${got.length} result(s) ${formatValues(got)}, expected ${want.length}: [${want.map(formatExpected).join(', ')}]`;
  const bad = want.map((w, i) => (matches(w, got[i]) ? undefined : i)).filter((i) => i !== undefined);
  if (bad.length === 0) return undefined;
  return bad.map((i) => `result ${i}: got ${formatValue(got[i])}, expected ${formatExpected(want[i])}`).join('; ');
}
