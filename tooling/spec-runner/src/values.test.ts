import { describe, expect, it } from 'vitest';
import { parseSExprs } from './sexpr.js';
import { parseConst, parseExpected, v128Bytes } from './values.js';

const one = (text: string) => parseSExprs(text)[0];
const konst = (text: string) => parseConst(one(text));
const expected = (text: string) => parseExpected(one(text));

describe('constants', () => {
  it('reads scalar constants as bit patterns', () => {
    expect(konst('(i32.const -1)')).toEqual({ type: 'i32', bits: 0xffffffff });
    expect(konst('(i64.const -1)')).toEqual({ type: 'i64', bits: 0xffffffffffffffffn });
    expect(konst('(f32.const -nan:0x200000)')).toEqual({ type: 'f32', bits: 0xffa00000 });
    expect(konst('(f64.const 0x1p-1074)')).toEqual({ type: 'f64', bits: 1n });
  });

  it('reads v128 constants of every lane shape, little-endian', () => {
    const bytes = (text: string) => [...(konst(text) as { bytes: Uint8Array }).bytes];
    expect(bytes('(v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1)')).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255,
    ]);
    expect(bytes('(v128.const i16x8 0x0102 0 0 0 0 0 0 -1)')).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255]);
    expect(bytes('(v128.const i32x4 0x01020304 0 0 0x80000000)')).toEqual([4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80]);
    expect(bytes('(v128.const i64x2 -1 0x0102030405060708)')).toEqual([
      255, 255, 255, 255, 255, 255, 255, 255, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
    expect(bytes('(v128.const f32x4 1 -0 inf nan)')).toEqual([
      0, 0, 0x80, 0x3f, 0, 0, 0, 0x80, 0, 0, 0x80, 0x7f, 0, 0, 0xc0, 0x7f,
    ]);
    expect(bytes('(v128.const f64x2 1 -inf)')).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0xf0, 0xff]);
    expect(v128Bytes('i16x8', [1, 2, 3, 4, 5, 6, 7, 0xffff])[15]).toBe(0xff);
  });

  it('reads references', () => {
    expect(konst('(ref.null func)')).toEqual({ type: 'funcref', ref: null });
    expect(konst('(ref.null extern)')).toEqual({ type: 'externref', ref: null });
    expect(konst('(ref.extern 42)')).toEqual({ type: 'externref', ref: 42 });
  });

  it('rejects malformed constants', () => {
    expect(() => konst('(v128.const i32x4 1 2 3)')).toThrow(/4 lanes/);
    expect(() => konst('(v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)')).toThrow(/range/);
    expect(() => konst('(v128.const i31x4 1 2 3 4)')).toThrow(/shape/);
    expect(() => konst('(f32.const nan:canonical)')).toThrow();
    expect(() => konst('(i32.const)')).toThrow();
    expect(() => konst('(ref.null any)')).toThrow();
    expect(() => konst('(i32.add)')).toThrow(/unknown constant/);
    expect(() => konst('i32.const')).toThrow();
  });
});

describe('expected results', () => {
  it('reads NaN patterns', () => {
    expect(expected('(f32.const nan:canonical)')).toEqual({ kind: 'nan', type: 'f32', nan: 'nan:canonical' });
    expect(expected('(f64.const nan:arithmetic)')).toEqual({ kind: 'nan', type: 'f64', nan: 'nan:arithmetic' });
    expect(expected('(v128.const f32x4 nan:canonical 1 nan:arithmetic -0)')).toEqual({
      kind: 'f32x4',
      lanes: ['nan:canonical', 0x3f800000, 'nan:arithmetic', 0x80000000],
    });
    expect(expected('(v128.const f64x2 nan:canonical 1)')).toEqual({
      kind: 'f64x2',
      lanes: ['nan:canonical', 0x3ff0000000000000n],
    });
    expect(() => expected('(v128.const i32x4 nan:canonical 0 0 0)')).toThrow();
  });

  it('reads exact values and non-null references', () => {
    expect(expected('(i32.const 7)')).toEqual({ kind: 'exact', value: { type: 'i32', bits: 7 } });
    expect(expected('(f32.const nan:0x200000)')).toEqual({ kind: 'exact', value: { type: 'f32', bits: 0x7fa00000 } });
    expect(expected('(ref.func)')).toEqual({ kind: 'non-null', type: 'funcref' });
    expect(expected('(ref.extern)')).toEqual({ kind: 'non-null', type: 'externref' });
    expect(expected('(ref.extern 1)')).toEqual({ kind: 'exact', value: { type: 'externref', ref: 1 } });
  });
});
