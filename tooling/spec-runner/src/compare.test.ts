import { describe, expect, it } from 'vitest';
import { compareResults, f32MatchesNan, f64MatchesNan, formatValue, matches, type Actual } from './compare.js';
import { parseSExprs } from './sexpr.js';
import { parseExpected, v128Bytes } from './values.js';

const want = (text: string) => parseExpected(parseSExprs(text)[0]);
const f32 = (bits: number): Actual => ({ type: 'f32', bits });
const f64 = (bits: bigint): Actual => ({ type: 'f64', bits });
const f32x4 = (...lanes: number[]): Actual => ({ type: 'v128', bytes: v128Bytes('f32x4', lanes) });
const f64x2 = (...lanes: bigint[]): Actual => ({ type: 'v128', bytes: v128Bytes('f64x2', lanes) });

describe('NaN patterns', () => {
  it('f32: canonical is the quiet bit alone, either sign; arithmetic is any quiet NaN', () => {
    expect(f32MatchesNan(0x7fc00000, 'nan:canonical')).toBe(true);
    expect(f32MatchesNan(0xffc00000, 'nan:canonical')).toBe(true);
    expect(f32MatchesNan(0x7fc00001, 'nan:canonical')).toBe(false);
    expect(f32MatchesNan(0x7fa00000, 'nan:canonical')).toBe(false); // signalling
    expect(f32MatchesNan(0x7fc00001, 'nan:arithmetic')).toBe(true);
    expect(f32MatchesNan(0xffe00000, 'nan:arithmetic')).toBe(true);
    expect(f32MatchesNan(0x7fa00000, 'nan:arithmetic')).toBe(false);
    expect(f32MatchesNan(0x7f800000, 'nan:arithmetic')).toBe(false); // infinity
    expect(f32MatchesNan(0x3fc00000, 'nan:arithmetic')).toBe(false); // 1.5
  });

  it('f64: the same rules with 64 bits', () => {
    expect(f64MatchesNan(0x7ff8000000000000n, 'nan:canonical')).toBe(true);
    expect(f64MatchesNan(0xfff8000000000000n, 'nan:canonical')).toBe(true);
    expect(f64MatchesNan(0x7ff8000000000001n, 'nan:canonical')).toBe(false);
    expect(f64MatchesNan(0x7ff8000000000001n, 'nan:arithmetic')).toBe(true);
    expect(f64MatchesNan(0x7ff4000000000000n, 'nan:arithmetic')).toBe(false);
    expect(f64MatchesNan(0x7ff0000000000000n, 'nan:arithmetic')).toBe(false);
  });

  it('matches scalar patterns only with the right type', () => {
    expect(matches(want('(f32.const nan:canonical)'), f32(0x7fc00000))).toBe(true);
    expect(matches(want('(f32.const nan:canonical)'), f64(0x7ff8000000000000n))).toBe(false);
    expect(matches(want('(f64.const nan:arithmetic)'), f64(0xfff8000000000123n))).toBe(true);
    expect(matches(want('(f64.const nan:arithmetic)'), { type: 'i64', bits: 0x7ff8000000000000n })).toBe(false);
  });

  it('matches v128 lanes one by one: patterns and exact bits', () => {
    const w = want('(v128.const f32x4 nan:canonical 1 nan:arithmetic -0)');
    expect(matches(w, f32x4(0xffc00000, 0x3f800000, 0x7fc12345, 0x80000000))).toBe(true);
    expect(matches(w, f32x4(0x7fc00001, 0x3f800000, 0x7fc12345, 0x80000000))).toBe(false);
    expect(matches(w, f32x4(0x7fc00000, 0x3f800000, 0x7fa00000, 0x80000000))).toBe(false);
    expect(matches(w, f32x4(0x7fc00000, 0x3f800000, 0x7fc00000, 0))).toBe(false); // -0 is not +0
    const d = want('(v128.const f64x2 1 nan:arithmetic)');
    expect(matches(d, f64x2(0x3ff0000000000000n, 0x7ffc000000000000n))).toBe(true);
    expect(matches(d, f64x2(0x3ff0000000000001n, 0x7ffc000000000000n))).toBe(false);
    expect(matches(d, f64x2(0x3ff0000000000000n, 0x7ff0000000000001n))).toBe(false);
    expect(matches(d, f32(0x7fc00000))).toBe(false);
  });
});

describe('exact values', () => {
  it('compares bit patterns, including NaN payloads and signed zeros', () => {
    expect(matches(want('(i32.const -1)'), { type: 'i32', bits: 0xffffffff })).toBe(true);
    expect(matches(want('(i32.const -1)'), { type: 'i64', bits: 0xffffffffn })).toBe(false);
    expect(matches(want('(i64.const -1)'), { type: 'i64', bits: 0xffffffffffffffffn })).toBe(true);
    expect(matches(want('(f32.const nan:0x200000)'), f32(0x7fa00000))).toBe(true);
    expect(matches(want('(f32.const nan:0x200000)'), f32(0x7fc00000))).toBe(false);
    expect(matches(want('(f64.const -0)'), f64(0n))).toBe(false);
    expect(matches(want('(f64.const -0)'), f64(0x8000000000000000n))).toBe(true);
    expect(matches(want('(v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)'), f32x4(0x04030201, 0x08070605, 0x0c0b0a09, 0x100f0e0d))).toBe(true);
    expect(matches(want('(v128.const i32x4 0 0 0 1)'), f32x4(0, 0, 0, 2))).toBe(false);
  });

  it('compares references: null by type, ref.extern N by identity number, ref.func as any non-null', () => {
    expect(matches(want('(ref.null func)'), { type: 'funcref', ref: null })).toBe(true);
    expect(matches(want('(ref.null func)'), { type: 'externref', ref: null })).toBe(false);
    expect(matches(want('(ref.null extern)'), { type: 'externref', ref: 3 })).toBe(false);
    expect(matches(want('(ref.extern 3)'), { type: 'externref', ref: 3 })).toBe(true);
    expect(matches(want('(ref.extern 3)'), { type: 'externref', ref: 4 })).toBe(false);
    expect(matches(want('(ref.extern 3)'), { type: 'externref', ref: 'foreign' })).toBe(false);
    expect(matches(want('(ref.extern)'), { type: 'externref', ref: 'foreign' })).toBe(true);
    expect(matches(want('(ref.func)'), { type: 'funcref', ref: 'func' })).toBe(true);
    expect(matches(want('(ref.func)'), { type: 'funcref', ref: null })).toBe(false);
    expect(matches(want('(ref.func)'), { type: 'externref', ref: 1 })).toBe(false);
  });
});

describe('compareResults', () => {
  it('says nothing for a match and names each differing result', () => {
    expect(compareResults([want('(i32.const 1)'), want('(f32.const nan:canonical)')], [{ type: 'i32', bits: 1 }, f32(0xffc00000)])).toBeUndefined();
    expect(compareResults([want('(i32.const 1)'), want('(i32.const 2)')], [{ type: 'i32', bits: 1 }, { type: 'i32', bits: 3 }])).toBe(
      'result 1: got i32 0x00000003 (3), expected i32 0x00000002 (2)',
    );
  });

  it('fails on a different number of results', () => {
    expect(compareResults([], [{ type: 'i32', bits: 1 }])).toBe('got 1 result(s) [i32 0x00000001 (1)], expected 0: []');
    expect(compareResults([want('(i64.const 1)')], [])).toMatch(/^got 0 result\(s\) \[\], expected 1: \[i64 /);
  });

  it('formats values with bits and a reading', () => {
    expect(formatValue(f32(0x7fc00000))).toBe('f32 0x7fc00000 (NaN)');
    expect(formatValue(f64(0xbff0000000000000n))).toBe('f64 0xbff0000000000000 (-1)');
    expect(formatValue({ type: 'i64', bits: 0xffffffffffffffffn })).toBe('i64 0xffffffffffffffff (-1)');
    expect(formatValue({ type: 'externref', ref: 'foreign' })).toBe('ref.extern <unknown host value>');
  });
});
