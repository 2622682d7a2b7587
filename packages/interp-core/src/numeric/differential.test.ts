/**
 * Differential test of the numeric functions against V8's own WebAssembly: one module (assembled
 * with wabt) exports one function per instruction; both sides get the same few thousand inputs per
 * instruction from a seeded generator that mixes edge values (zeros, ±1, min/max, powers of two
 * ± 1, NaNs with payloads, infinities, subnormals, conversion boundaries and their neighbours,
 * f32 rounding ties) with random bit patterns.
 *
 * Floats cross the JS boundary only as bit patterns (i32 / i64 parameters, reinterpreted inside
 * the module), so no NaN payload is touched by JS on the V8 side. Results must have the same bits,
 * except that where V8 returns a NaN ours only has to be an arithmetic NaN (the specification
 * leaves the payload open). Traps must agree, and our trap reason must be the one that V8's
 * message stands for. The i64 functions run with the result slot placed over either operand or
 * apart from both, and must leave every other slot alone.
 *
 * Environment: SEED=<n> base seed (default below), DIFF_N=<n> inputs per instruction.
 */
import { assemble, loadWabt } from '@proj/testkit';
import { describe, expect, it } from 'vitest';
import { Trap, TrapReason, type TrapReasonText } from '../trap.js';
import * as F from './float.js';
import * as I32 from './i32.js';
import * as I64 from './i64.js';
import { row, type RowFn } from '../../test/row.js';

const SEED = Number(process.env['SEED'] ?? 0x5eed1234) >>> 0;
const N = Number(process.env['DIFF_N'] ?? 3000);

// ---------------------------------------------------------------------------------------------
// Bits: i32 and f32 values travel as int32 numbers, i64 and f64 values as signed 64-bit BigInts.

type T = 'i32' | 'i64' | 'f32' | 'f64';
type Bits = number | bigint;

const scratch = new ArrayBuffer(8);
const sI32 = new Int32Array(scratch), sF32 = new Float32Array(scratch);
const sB64 = new BigInt64Array(scratch), sF64 = new Float64Array(scratch);
const f32Of = (b: Bits): number => ((sI32[0] = Number(b)), sF32[0]);
const bitsOfF32 = (x: number): number => ((sF32[0] = x), sI32[0]);
const f64Of = (b: Bits): number => ((sB64[0] = BigInt(b)), sF64[0]);
const bitsOfF64 = (x: number): bigint => ((sF64[0] = x), sB64[0]);
const isNaN32 = (b: number): boolean => (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
const isNaN64 = (b: bigint): boolean => Number.isNaN(f64Of(b));
const isArithmeticNaN = (t: T, b: Bits): boolean =>
  t === 'f32' ? isNaN32(Number(b)) && (Number(b) & 0x400000) !== 0 : isNaN64(BigInt(b)) && (BigInt(b) & (1n << 51n)) !== 0n;

// ---------------------------------------------------------------------------------------------
// Seeded inputs

let state = SEED || 1;
function u32(): number {
  // xorshift32
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}
const pick = <X>(xs: readonly X[]): X => xs[u32() % xs.length];
const u64 = (): bigint => (BigInt(u32()) << 32n) | BigInt(u32());
const S64 = (v: bigint): bigint => BigInt.asIntN(64, v);

const I32_EDGES: number[] = [0, 1, -1, 2, -2, 3, 31, 32, 33, 63, 64, 0x7fffffff, -0x80000000, -0x7fffffff, 0x7ffffffe];
for (let k = 0; k < 32; k++) I32_EDGES.push((1 << k) | 0, ((1 << k) - 1) | 0, ((1 << k) + 1) | 0, -(1 << k) | 0);

const I64_EDGES: bigint[] = [0n, 1n, -1n, 2n, -2n, 63n, 64n, 65n, S64(1n << 63n), (1n << 63n) - 1n, 0xffffffffn, -0x80000000n, 0x80000000n];
for (let k = 0n; k < 64n; k++) I64_EDGES.push(S64(1n << k), S64((1n << k) - 1n), S64((1n << k) + 1n), S64(-(1n << k)));

function i32Input(): number {
  switch (u32() % 4) {
    case 0: return pick(I32_EDGES);
    case 1: return (u32() % 201) - 100;
    default: return u32() | 0;
  }
}

/** An integer just around an f32 rounding tie at bit length k + 1 (for the i64 → f32 conversions). */
function nearF32Tie(): bigint {
  const k = 25n + BigInt(u32() % 39); // leading bit; then 23 more kept bits and the rounding bit k - 24
  const tie = (1n << k) | (BigInt(u32() & 0x7fffff) << (k - 23n)) | (1n << (k - 24n));
  // Off the tie by nothing, by a bit anywhere below it, or by a low bit that a double would drop.
  const d = [0n, 1n << BigInt(u32() % Number(k - 24n)), 1n << BigInt(u32() % 12), BigInt(1 + (u32() % 3))][u32() % 4];
  return S64((u32() & 1) === 0 ? tie + d : tie - d);
}

function i64Input(): bigint {
  switch (u32() % 8) {
    case 0: case 1: return pick(I64_EDGES);
    case 2: return BigInt(i32Input()); // the int32 fast paths
    case 3: return nearF32Tie();
    case 4: return (u32() & 1) === 0 ? nearF32Tie() : -nearF32Tie();
    case 5: return S64(u64() >> BigInt(u32() % 64)); // random bit length
    default: return S64(u64());
  }
}

const F32_EDGE_VALUES = [
  0, 1, 0.5, 1.5, 2.5, 3.5, 0.49999997, 0.99999994, 8388607.5, 8388608, 8388609, 16777216,
  2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64, 2 ** 31 - 128, 2 ** 32 - 256, 2 ** 63 - 2 ** 39, 2 ** 64 - 2 ** 40,
  1e-45, 1.1754942e-38, 1.1754944e-38, 3.4028235e38, Infinity,
];
const F32_EDGES: number[] = [0x7fc00000, 0x7f800001, 0x7fa00000, 0x7fbfffff, 0x7fc00001, 0x7fffffff, 0x7f812345, 0x7fd23456];
for (const v of F32_EDGE_VALUES) {
  for (const s of [1, -1]) {
    const b = bitsOfF32(Math.fround(s * v));
    F32_EDGES.push(b, (b + 1) | 0, (b - 1) | 0);
  }
}
for (const b of [...F32_EDGES]) F32_EDGES.push(b | 0x80000000); // NaNs of both signs

const F64_EDGE_VALUES = [
  0, 1, 0.5, 1.5, 2.5, 0.49999999999999994, 0.9999999999999999, 2 ** 52 - 0.5, 2 ** 52 - 1.5, 2 ** 52, 2 ** 53,
  2 ** 31, 2 ** 31 - 1, 2 ** 31 - 0.5, 2 ** 31 + 1, 2 ** 32, 2 ** 32 - 1, 2 ** 32 - 0.5, 2 ** 63, 2 ** 64,
  2 ** 63 - 1024, 2 ** 64 - 2048, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, Infinity,
];
const F64_EDGES: bigint[] = [0x7ff8000000000000n, 0x7ff0000000000001n, 0x7ff4000000000000n, 0x7fffffffffffffffn, 0x7ff8000000000001n, 0x7ff0123456789abcn];
for (const v of F64_EDGE_VALUES) {
  for (const s of [1, -1]) {
    const b = bitsOfF64(s * v);
    F64_EDGES.push(b, S64(b + 1n), S64(b - 1n), S64(b + 2n));
  }
}
for (const b of [...F64_EDGES]) F64_EDGES.push(S64(b | (1n << 63n)));

/** A value with a fraction, of random magnitude: n + {0, ¼, ½, ¾}, possibly negative. */
function fractional(maxBits: number): number {
  const n = Math.floor((u32() / 2 ** 32) * 2 ** (u32() % maxBits));
  const v = n + (u32() % 4) / 4;
  return (u32() & 1) === 0 ? v : -v;
}

function f32Input(): number {
  switch (u32() % 5) {
    case 0: case 1: return pick(F32_EDGES);
    case 2: return bitsOfF32(Math.fround(fractional(66)));
    default: return u32() | 0;
  }
}

function f64Input(): bigint {
  switch (u32() % 5) {
    case 0: case 1: return pick(F64_EDGES);
    case 2: return bitsOfF64(fractional(66));
    case 3: return bitsOfF64(Number(S64(u64() >> BigInt(u32() % 64))) + (u32() % 3) / 2);
    default: return S64(u64());
  }
}

const INPUT: Record<T, () => Bits> = { i32: i32Input, i64: i64Input, f32: f32Input, f64: f64Input };

/** Every edge value, tried first by each one-operand instruction (plus a run of f32 ties for i64). */
const EDGES: Record<T, Bits[]> = { i32: I32_EDGES, i64: [...I64_EDGES, ...Array.from({ length: 600 }, nearF32Tie)], f32: F32_EDGES, f64: F64_EDGES };
/** The values whose pairs each two-operand instruction tries first (overflow, zero, sign cases). */
const CRITICAL: Record<T, Bits[]> = {
  i32: [0, 1, -1, 2, -2, 0x7fffffff, -0x80000000, -0x7fffffff, 31, 32, 33],
  i64: [0n, 1n, -1n, 2n, -2n, (1n << 63n) - 1n, -(1n << 63n), 1n - (1n << 63n), 0xffffffffn, -0x80000000n, 31n, 32n, 63n, 64n, 65n],
  f32: [0, 0x80000000 | 0, 0x3f800000, 0xbf800000 | 0, 0x7f800000, 0xff800000 | 0, 0x7fc00000, 0x7fa00000, 0xffc00001 | 0, 1],
  f64: [0n, S64(1n << 63n), 0x3ff0000000000000n, S64(0xbff0000000000000n), 0x7ff0000000000000n, S64(0xfff0000000000000n), 0x7ff8000000000000n, 0x7ff4000000000000n, S64(0xfff8000000000001n), 1n],
};

/** The inputs for one instruction: the fixed edge cases, then N seeded random ones. */
function* inputs(params: T[]): Generator<Bits[]> {
  if (params.length === 1) for (const x of EDGES[params[0]]) yield [x];
  else for (const x of CRITICAL[params[0]]) for (const y of CRITICAL[params[1]]) yield [x, y];
  for (let i = 0; i < N; i++) yield params.map((t) => INPUT[t]());
}

// ---------------------------------------------------------------------------------------------
// Our side: adapters from bits to each function's calling convention

type Ours = (args: Bits[]) => Bits;

const toNum = (t: T, b: Bits): number => (t === 'f32' ? f32Of(b) : t === 'f64' ? f64Of(b) : Number(b));
const fromNum = (t: T, x: number): Bits => (t === 'f32' ? bitsOfF32(x) : t === 'f64' ? bitsOfF64(x) : x);

/** A function on JS numbers (i32 or float operands and result). */
const num = (f: (...xs: number[]) => number, params: T[], result: T): Ours => (args) =>
  fromNum(result, f(...args.map((b, i) => toNum(params[i], b))));

// i64 operands live in r at 0 (a) and 2 (b); the result goes to 0, 2 or 4, picked at random.
const r = new Int32Array(6);
const SENTINEL = 0x5a5a5a5a;
function withSlots(args: Bits[], params: T[], run: (d: number) => void): bigint {
  r.fill(SENTINEL);
  if (params[0] === 'i64') I64.i64_set(r, 0, BigInt(args[0]));
  if (params[1] === 'i64') I64.i64_set(r, 2, BigInt(args[1]));
  const before = r.slice();
  const d = pick([0, 2, 4].filter((s) => s !== 2 || params.length > 1));
  run(d);
  for (let i = 0; i < 6; i++) {
    if (i !== d && i !== d + 1 && r[i] !== before[i]) throw new Error(`wrote slot index ${i} (result at ${d})`);
  }
  return I64.i64_get(r, d);
}
const bin64 = (f: RowFn): Ours => (args) => withSlots(args, ['i64', 'i64'], (d) => f(r, d, 0, 2));
const un64 = (f: RowFn): Ours => (args) => withSlots(args, ['i64'], (d) => f(r, d, 0, -1));
/** A comparison's row: its i32 result goes to cell 4. */
const cmp64 = (f: RowFn): Ours => (args) => {
  I64.i64_set(r, 0, BigInt(args[0]));
  I64.i64_set(r, 2, BigInt(args[1] ?? 0n));
  f(r, 4, 0, 2);
  return r[4];
};
/** A helper that leaves its i64 result in I64.result64. */
const into64 = (f: (x: number) => void, param: T): Ours => (args) =>
  withSlots(args, [param], (d) => {
    f(toNum(param, args[0]));
    r[d] = I64.result64[0];
    r[d + 1] = I64.result64[1];
  });
const from64 = (f: (lo: number, hi: number) => number, result: T): Ours => (args) => {
  I64.i64_set(r, 0, BigInt(args[0]));
  return fromNum(result, f(r[0], r[1]));
};

// ---------------------------------------------------------------------------------------------
// The instructions

interface Op { readonly name: string; readonly params: T[]; readonly result: T; readonly ours: Ours }
const ops: Op[] = [];
const add = (name: string, params: T[], result: T, ours: Ours): void => void ops.push({ name, params, result, ours });

for (const n of ['div_s', 'div_u', 'rem_s', 'rem_u', 'rotl', 'rotr'] as const) add(`i32.${n}`, ['i32', 'i32'], 'i32', num(I32[`i32_${n}`], ['i32', 'i32'], 'i32'));
for (const n of ['ctz', 'popcnt'] as const) add(`i32.${n}`, ['i32'], 'i32', num(I32[`i32_${n}`], ['i32'], 'i32'));

for (const t of ['f32', 'f64'] as const) {
  for (const n of ['min', 'max'] as const) add(`${t}.${n}`, [t, t], t, num(F[`${t}_${n}`], [t, t], t));
  for (const n of ['nearest', 'ceil', 'floor', 'trunc', 'sqrt'] as const) add(`${t}.${n}`, [t], t, num(F[`${t}_${n}`], [t], t));
  for (const s of ['s', 'u'] as const) {
    add(`i32.trunc_${t}_${s}`, [t], 'i32', num(F[`i32_trunc_${t}_${s}`], [t], 'i32'));
    add(`i32.trunc_sat_${t}_${s}`, [t], 'i32', num(F[`i32_trunc_sat_${t}_${s}`], [t], 'i32'));
    add(`i64.trunc_${t}_${s}`, [t], 'i64', into64(I64[`i64_trunc_${t}_${s}`], t));
    add(`i64.trunc_sat_${t}_${s}`, [t], 'i64', into64(I64[`i64_trunc_sat_${t}_${s}`], t));
    add(`${t}.convert_i64_${s}`, ['i64'], t, from64(I64[`${t}_convert_i64_${s}`], t));
  }
}

const BIN64 = ['mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'] as const;
for (const n of ['add', 'sub', 'and', 'or', 'xor', ...BIN64]) add(`i64.${n}`, ['i64', 'i64'], 'i64', bin64(row(`i64.${n}`)));
for (const n of ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', 'extend32_s']) add(`i64.${n}`, ['i64'], 'i64', un64(row(`i64.${n}`)));
const CMP64 = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
for (const n of CMP64) add(`i64.${n}`, ['i64', 'i64'], 'i32', cmp64(row(`i64.${n}`)));
add('i64.eqz', ['i64'], 'i32', cmp64(row('i64.eqz')));

// ---------------------------------------------------------------------------------------------
// V8's side

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, (...args: Bits[]) => Bits> };
  RuntimeError: new () => Error;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const carrier = (t: T): string => (t === 'f32' ? 'i32' : t === 'f64' ? 'i64' : t);
function funcText(op: Op): string {
  const params = op.params.map((t) => carrier(t)).join(' ');
  const body = op.params.map((t, i) => `local.get ${i}${t === 'f32' || t === 'f64' ? ` ${t}.reinterpret_${carrier(t)}` : ''}`);
  body.push(op.name);
  if (op.result === 'f32' || op.result === 'f64') body.push(`${carrier(op.result)}.reinterpret_${op.result}`);
  return `(func (export "${op.name}") (param ${params}) (result ${carrier(op.result)})\n  ${body.join('\n  ')})`;
}

const buffer = assemble(await loadWabt(), `(module\n${ops.map(funcText).join('\n')}\n)`, { filename: 'numeric.wat' });
const v8 = new WA.Instance(new WA.Module(buffer)).exports;

/** What our trap reason must be, for V8's RuntimeError message on this input. */
function expectedReason(message: string, op: Op, args: Bits[]): TrapReasonText | undefined {
  if (/divide by zero|remainder by zero/.test(message)) return TrapReason.divideByZero;
  if (/divide result unrepresentable/.test(message)) return TrapReason.integerOverflow;
  if (/float unrepresentable in integer range/.test(message)) {
    return Number.isNaN(toNum(op.params[0], args[0])) ? TrapReason.invalidConversion : TrapReason.integerOverflow;
  }
  return undefined;
}

type Outcome = { value: Bits } | { trap: string };
const show = (t: T, b: Bits): string =>
  typeof b === 'bigint' ? `0x${BigInt.asUintN(64, b).toString(16)}${t === 'f64' ? ` (${f64Of(b)})` : ''}` : `0x${(Number(b) >>> 0).toString(16)}${t === 'f32' ? ` (${f32Of(b)})` : ''}`;
const showOutcome = (t: T, o: Outcome): string => ('trap' in o ? `trap "${o.trap}"` : show(t, o.value));

/** Runs `op` on `args` on both sides; returns a description of the disagreement, if any. */
function compare(op: Op, args: Bits[]): string | undefined {
  let theirs: Outcome, ours: Outcome;
  try {
    const v = v8[op.name](...args);
    theirs = { value: typeof v === 'bigint' ? S64(v) : Number(v) | 0 };
  } catch (e) {
    if (!(e instanceof WA.RuntimeError)) throw e;
    const want = expectedReason(e.message, op, args);
    if (want === undefined) throw new Error(`unexpected V8 trap message: ${e.message}`);
    theirs = { trap: want };
  }
  try {
    ours = { value: op.ours(args) };
  } catch (e) {
    if (!(e instanceof Trap)) return `threw ${String(e)}`;
    ours = { trap: e.reason };
  }
  let same: boolean;
  if ('trap' in theirs) same = 'trap' in ours && ours.trap === theirs.trap;
  else if (!('value' in ours)) same = false;
  else {
    const theirNaN = op.result === 'f32' ? isNaN32(Number(theirs.value)) : op.result === 'f64' && isNaN64(BigInt(theirs.value));
    same = ours.value === theirs.value || (theirNaN && isArithmeticNaN(op.result, ours.value));
  }
  if (same) return undefined;
  const inputs = args.map((b, i) => show(op.params[i], b)).join(', ');
  return `${op.name}(${inputs}): V8 ${showOutcome(op.result, theirs)}, ours ${showOutcome(op.result, ours)}`;
}

describe('numeric functions against V8', () => {
  it.each(ops.map((op) => [op.name, op] as const))('%s', (_name, op) => {
    const failures: string[] = [];
    for (const args of inputs(op.params)) {
      const failure = compare(op, args);
      if (failure !== undefined && failures.push(failure) >= 10) break;
    }
    expect(failures).toEqual([]);
  });
});
