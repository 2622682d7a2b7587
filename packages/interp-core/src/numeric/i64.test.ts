import { describe, expect, it } from 'vitest';
import { trapOf } from '../../test/trap-of.js';
import { TrapReason } from '../trap.js';
import * as I from './i64.js';
import { row, type RowFn } from '../../test/row.js';

const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
const U = (v: bigint): bigint => BigInt.asUintN(64, v);
const S = (v: bigint): bigint => BigInt.asIntN(64, v);

type Bin = RowFn;

/** Runs a binary op with a at slot 0, b at slot 2 and the result at slot `d` (0, 2 or 4). */
function bin(f: Bin, a: bigint, b: bigint, d = 4): bigint {
  const r = new Int32Array(6);
  I.i64_set(r, 0, a);
  I.i64_set(r, 2, b);
  f(r, d, 0, 2);
  if (d !== 0) expect(I.i64_get(r, 0)).toBe(S(a)); // operands other than the result are kept
  if (d !== 2) expect(I.i64_get(r, 2)).toBe(S(b));
  return I.i64_get(r, d);
}
/** Same operand in both positions (a op a), result over it. */
function self(f: Bin, a: bigint): bigint {
  const r = new Int32Array(2);
  I.i64_set(r, 0, a);
  f(r, 0, 0, 0);
  return I.i64_get(r, 0);
}
/** A comparison's row: its i32 result, in a cell of its own. */
function cmp(f: RowFn, a: bigint, b: bigint): number {
  const r = new Int32Array(6);
  I.i64_set(r, 0, a);
  I.i64_set(r, 2, b);
  f(r, 4, 0, 2);
  return r[4];
}
function un(f: RowFn, a: bigint): bigint {
  const r = new Int32Array(2);
  I.i64_set(r, 0, a);
  f(r, 0, 0, -1);
  return I.i64_get(r, 0);
}
function conv(f: (lo: number, hi: number) => number, a: bigint): number {
  const r = new Int32Array(2);
  I.i64_set(r, 0, a);
  return f(r[0], r[1]);
}
function trunc(f: (x: number) => void, x: number): bigint {
  f(x);
  return I.i64_get(I.result64, 0);
}

/** Reference: `v` (taken mod 2^64, unsigned if `unsigned`) rounded once to f32, ties to even. */
function refF32(v: bigint, unsigned: boolean): number {
  v = unsigned ? U(v) : S(v);
  const neg = v < 0n;
  let m = neg ? -v : v;
  const n = m.toString(2).length;
  if (n > 24) {
    const shift = BigInt(n - 24);
    const rem = m & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    m >>= shift;
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
    m <<= shift;
  }
  const x = Number(m); // ≤ 25 significant bits: exact
  return neg ? -x : x;
}

// A small deterministic generator of interesting 64-bit values.
let seed = 0x9e3779b9;
function rnd32(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
function rnd64(): bigint {
  const v = (BigInt(rnd32()) << 32n) | BigInt(rnd32());
  switch (rnd32() % 4) {
    case 0: return S(v);
    case 1: return S(v >> BigInt(rnd32() % 64)); // random bit length
    case 2: return S(-(v >> BigInt(rnd32() % 64)));
    default: {
      const k = BigInt(rnd32() % 64);
      return S((1n << k) + BigInt((rnd32() % 5) - 2));
    }
  }
}

describe('the i64 rows of isa/instructions.ts against BigInt', () => {
  const ops: [string, Bin, (a: bigint, b: bigint) => bigint][] = [
    ['mul', row('i64.mul'), (a, b) => a * b],
    ['shl', row('i64.shl'), (a, b) => a << (b & 63n)],
    ['shr_s', row('i64.shr_s'), (a, b) => a >> (b & 63n)],
    ['shr_u', row('i64.shr_u'), (a, b) => U(a) >> (b & 63n)],
    ['rotl', row('i64.rotl'), (a, b) => (U(a) << (b & 63n)) | (U(a) >> ((64n - (b & 63n)) & 63n))],
    ['rotr', row('i64.rotr'), (a, b) => (U(a) >> (b & 63n)) | (U(a) << ((64n - (b & 63n)) & 63n))],
    ['div_s', row('i64.div_s'), (a, b) => a / b],
    ['div_u', row('i64.div_u'), (a, b) => U(a) / U(b)],
    ['rem_s', row('i64.rem_s'), (a, b) => a % b],
    ['rem_u', row('i64.rem_u'), (a, b) => U(a) % U(b)],
  ];
  for (const [name, f, ref] of ops) {
    it(`${name}, with the result in a third slot or over either operand`, () => {
      for (let i = 0; i < 3000; i++) {
        const a = rnd64(), b = rnd64();
        if (name.startsWith('div') || name.startsWith('rem')) {
          if (b === 0n || (name === 'div_s' && a === MIN && b === -1n)) continue;
        }
        const want = S(ref(a, b));
        expect(bin(f, a, b, [0, 2, 4][i % 3])).toBe(want);
      }
      const a = rnd64();
      if (!((name.startsWith('div') || name.startsWith('rem')) && a === 0n)) expect(self(f, a)).toBe(S(ref(a, a)));
    });
  }

  it('division by divisors below 2^32 (one step for the low half up to 2^21, two above), quotients next to a multiple', () => {
    const DIVISORS = [1n, 2n, 3n, 7n, 1000003n, 0x1fffffn, 0x200000n, 0x200001n, 0xfffffdn, 0x7fffffffn, 0x80000000n, 0xffffffffn];
    for (let k = 0; k < 24; k++) DIVISORS.push((U(rnd64()) % 2n ** BigInt(k + 8)) + 1n);
    const N64 = 2n ** 64n;
    for (const b of DIVISORS) {
      const dividends = [0n, 1n, b - 1n, b, MAX, MIN, -1n];
      for (let i = 0; i < 60; i++) {
        const q = U(rnd64()) / b;
        for (const d of [-1n, 0n, 1n, b - 1n]) dividends.push(S((q * b + d + N64) % N64));
        dividends.push(rnd64());
      }
      for (const a of dividends) {
        expect(bin(row('i64.div_u'), a, b), `${U(a)} / ${b}`).toBe(S(U(a) / b));
        expect(bin(row('i64.rem_u'), a, b), `${U(a)} % ${b}`).toBe(S(U(a) % b));
        expect(bin(row('i64.div_s'), a, b), `${a} / ${b}`).toBe(S(a / b));
        expect(bin(row('i64.rem_s'), a, -b), `${a} % -${b}`).toBe(S(a % -b));
      }
    }
  });

  it('mul edge cases', () => {
    expect(bin(row('i64.mul'), MIN, -1n)).toBe(MIN);
    expect(bin(row('i64.mul'), -1n, -1n)).toBe(1n);
    expect(bin(row('i64.mul'), 0xffffffffn, 0xffffffffn)).toBe(S(0xfffffffe00000001n));
    expect(bin(row('i64.mul'), 0x123456789abcdefn, 0xfedcba987654321n)).toBe(S(0x123456789abcdefn * 0xfedcba987654321n));
  });

  it('division traps', () => {
    for (const f of [row('i64.div_s'), row('i64.div_u'), row('i64.rem_s'), row('i64.rem_u')]) {
      expect(trapOf(() => bin(f, 1n, 0n))).toBe(TrapReason.divideByZero);
      expect(trapOf(() => bin(f, MIN, 0n))).toBe(TrapReason.divideByZero);
      expect(trapOf(() => bin(f, 0n, 0n))).toBe(TrapReason.divideByZero);
    }
    expect(trapOf(() => bin(row('i64.div_s'), MIN, -1n))).toBe(TrapReason.integerOverflow);
    expect(bin(row('i64.rem_s'), MIN, -1n)).toBe(0n);
    expect(bin(row('i64.div_s'), -(2n ** 31n), -1n)).toBe(2n ** 31n); // the int32 fast path does not wrap
    expect(bin(row('i64.div_u'), MIN, -1n)).toBe(0n);
    expect(bin(row('i64.div_u'), -1n, 2n)).toBe(MAX);
  });

  it('shift counts are taken mod 64 from the low half only', () => {
    expect(bin(row('i64.shl'), 1n, 64n)).toBe(1n);
    expect(bin(row('i64.shl'), 1n, 63n)).toBe(MIN);
    expect(bin(row('i64.shl'), 1n, 0x100000020n)).toBe(1n << 32n);
    expect(bin(row('i64.shr_s'), MIN, 63n)).toBe(-1n);
    expect(bin(row('i64.shr_u'), MIN, 63n)).toBe(1n);
    expect(bin(row('i64.shr_u'), -1n, 32n)).toBe(0xffffffffn);
    expect(bin(row('i64.rotl'), MIN, 1n)).toBe(1n);
    expect(bin(row('i64.rotr'), 1n, 1n)).toBe(MIN);
    expect(bin(row('i64.rotr'), 1n, -(2n ** 31n))).toBe(1n); // count 0
  });
});

describe('i64 bit counts, comparisons, extensions', () => {
  it('clz / ctz / popcnt', () => {
    expect(un(row('i64.clz'), 0n)).toBe(64n);
    expect(un(row('i64.clz'), 1n)).toBe(63n);
    expect(un(row('i64.clz'), MIN)).toBe(0n);
    expect(un(row('i64.clz'), 1n << 32n)).toBe(31n);
    expect(un(row('i64.ctz'), 0n)).toBe(64n);
    expect(un(row('i64.ctz'), MIN)).toBe(63n);
    expect(un(row('i64.ctz'), 1n << 32n)).toBe(32n);
    expect(un(row('i64.popcnt'), -1n)).toBe(64n);
    expect(un(row('i64.popcnt'), 0x8000000100000001n)).toBe(3n);
  });

  it('comparisons against BigInt', () => {
    const vals = [0n, 1n, -1n, MIN, MAX, 0xffffffffn, 0x100000000n, -0x100000000n, 0x80000000n, -0x80000000n];
    for (let i = 0; i < 200; i++) vals.push(rnd64());
    for (const a of vals) {
      expect(cmp(row('i64.eqz'), a, 0n)).toBe(a === 0n ? 1 : 0);
      for (const b of vals.slice(0, 40)) {
        const ua = U(a), ub = U(b);
        const got = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'].map((k) => cmp(row(`i64.${k}`), a, b));
        const want = [a === b, a !== b, a < b, ua < ub, a > b, ua > ub, a <= b, ua <= ub, a >= b, ua >= ub].map(Number);
        expect(got).toEqual(want);
      }
    }
  });

  it('extensions', () => {
    expect(un(row('i64.extend8_s'), 0x80n)).toBe(-128n);
    expect(un(row('i64.extend8_s'), 0x123456789abcde7fn)).toBe(0x7fn);
    expect(un(row('i64.extend16_s'), 0x8000n)).toBe(-32768n);
    expect(un(row('i64.extend32_s'), 0x80000000n)).toBe(-(2n ** 31n));
    expect(un(row('i64.extend32_s'), 0x7fffffffn)).toBe(0x7fffffffn);
  });
});

describe('float → i64', () => {
  it('signed: boundaries are [-2^63, 2^63)', () => {
    for (const f of [I.i64_trunc_f32_s, I.i64_trunc_f64_s]) {
      expect(trunc(f, -(2 ** 63))).toBe(MIN);
      expect(trapOf(() => trunc(f, 2 ** 63))).toBe(TrapReason.integerOverflow);
      expect(trapOf(() => trunc(f, NaN))).toBe(TrapReason.invalidConversion);
      expect(trapOf(() => trunc(f, -Infinity))).toBe(TrapReason.integerOverflow);
      expect(trunc(f, -0.5)).toBe(0n);
      expect(trunc(f, -1.5)).toBe(-1n);
      expect(trunc(f, -4294967296.5)).toBe(-4294967296n);
    }
    expect(trunc(I.i64_trunc_f32_s, Math.fround(2 ** 63 - 2 ** 39))).toBe(2n ** 63n - 2n ** 39n);
    expect(trunc(I.i64_trunc_f64_s, 2 ** 63 - 1024)).toBe(2n ** 63n - 1024n);
    expect(trapOf(() => trunc(I.i64_trunc_f64_s, -(2 ** 63) - 2048))).toBe(TrapReason.integerOverflow);
  });

  it('unsigned: boundaries are (-1, 2^64)', () => {
    for (const f of [I.i64_trunc_f32_u, I.i64_trunc_f64_u]) {
      expect(trunc(f, -0.99)).toBe(0n);
      expect(trapOf(() => trunc(f, -1))).toBe(TrapReason.integerOverflow);
      expect(trapOf(() => trunc(f, 2 ** 64))).toBe(TrapReason.integerOverflow);
      expect(trapOf(() => trunc(f, NaN))).toBe(TrapReason.invalidConversion);
      expect(trunc(f, 2 ** 63)).toBe(MIN);
    }
    expect(U(trunc(I.i64_trunc_f64_u, 2 ** 64 - 2048))).toBe(2n ** 64n - 2048n);
  });

  it('saturating forms', () => {
    for (const f of [I.i64_trunc_sat_f32_s, I.i64_trunc_sat_f64_s]) {
      expect(trunc(f, NaN)).toBe(0n);
      expect(trunc(f, Infinity)).toBe(MAX);
      expect(trunc(f, -Infinity)).toBe(MIN);
      expect(trunc(f, 2 ** 63)).toBe(MAX);
      expect(trunc(f, -(2 ** 64))).toBe(MIN);
      expect(trunc(f, -7.9)).toBe(-7n);
    }
    for (const f of [I.i64_trunc_sat_f32_u, I.i64_trunc_sat_f64_u]) {
      expect(trunc(f, NaN)).toBe(0n);
      expect(trunc(f, Infinity)).toBe(-1n);
      expect(trunc(f, -Infinity)).toBe(0n);
      expect(trunc(f, -5)).toBe(0n);
      expect(trunc(f, 2 ** 64)).toBe(-1n);
      expect(U(trunc(f, 2 ** 63 + 2 ** 62))).toBe(2n ** 63n + 2n ** 62n);
    }
  });
});

describe('i64 → float', () => {
  it('f64 rounds once', () => {
    expect(conv(I.f64_convert_i64_s, MIN)).toBe(-(2 ** 63));
    expect(conv(I.f64_convert_i64_s, MAX)).toBe(2 ** 63);
    expect(conv(I.f64_convert_i64_u, -1n)).toBe(2 ** 64);
    expect(conv(I.f64_convert_i64_s, 2n ** 53n + 1n)).toBe(2 ** 53); // tie → even
    expect(conv(I.f64_convert_i64_s, 2n ** 53n + 3n)).toBe(2 ** 53 + 4);
    expect(conv(I.f64_convert_i64_s, -(2n ** 53n) - 1n)).toBe(-(2 ** 53));
    expect(conv(I.f64_convert_i64_u, 2n ** 63n + 2n ** 10n + 1n)).toBe(2 ** 63 + 2 ** 11); // above the tie
    expect(conv(I.f64_convert_i64_u, 2n ** 63n + 2n ** 10n)).toBe(2 ** 63); // the tie
  });

  it('f32 rounds once (no double rounding through f64)', () => {
    // Just above an f32 tie, by less than f64 can see: f64 first would land on the tie, then go to even.
    expect(conv(I.f32_convert_i64_u, 2n ** 60n + 2n ** 36n + 1n)).toBe(2 ** 60 + 2 ** 37);
    expect(Math.fround(Number(2n ** 60n + 2n ** 36n + 1n))).toBe(2 ** 60); // what the naive way gives
    expect(conv(I.f32_convert_i64_s, -(2n ** 60n + 2n ** 36n + 1n))).toBe(-(2 ** 60 + 2 ** 37));
    expect(conv(I.f32_convert_i64_s, 0x7fffff4000000001n)).toBe(2 ** 63 - 2 ** 39);
    expect(conv(I.f32_convert_i64_s, 0x7fffffc000000000n)).toBe(2 ** 63); // tie, odd → up
    expect(conv(I.f32_convert_i64_u, 0xffffff7fffffffffn)).toBe(2 ** 64 - 2 ** 40);
    expect(conv(I.f32_convert_i64_u, 0xffffff8000000000n)).toBe(2 ** 64); // tie, odd → up
    expect(conv(I.f32_convert_i64_s, MIN)).toBe(-(2 ** 63));
    expect(conv(I.f32_convert_i64_s, 16777217n)).toBe(16777216);
    expect(conv(I.f32_convert_i64_s, 2n ** 53n + 1n)).toBe(2 ** 53);
  });

  it('f32 against a BigInt reference', () => {
    const vals: bigint[] = [];
    for (let k = 24; k < 64; k++) {
      for (let j = 1; j < k - 24; j++) {
        const tie = (1n << BigInt(k)) + (1n << BigInt(k - 24)) * BigInt(rnd32() & 1) + (1n << BigInt(k - 25));
        vals.push(tie, tie + (1n << BigInt(j - 1)), tie - (1n << BigInt(j - 1)));
      }
    }
    for (let i = 0; i < 3000; i++) vals.push(rnd64());
    for (const v of vals) {
      expect(conv(I.f32_convert_i64_s, v)).toBe(refF32(v, false));
      expect(conv(I.f32_convert_i64_u, v)).toBe(refF32(v, true));
      expect(conv(I.f64_convert_i64_s, v)).toBe(Number(S(v)));
      expect(conv(I.f64_convert_i64_u, v)).toBe(Number(U(v)));
    }
  });
});
