import { describe, expect, it } from 'vitest';
import { parseF32, parseF64, parseI32, parseI64, parseIntBits } from './literals.js';

const f32Bits = (x: number) => new Uint32Array(new Float32Array([x]).buffer)[0];
const f64Bits = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0];

describe('integer literals', () => {
  it('reads i32 as a uint32 bit pattern', () => {
    expect(parseI32('0')).toBe(0);
    expect(parseI32('-1')).toBe(0xffffffff);
    expect(parseI32('4294967295')).toBe(0xffffffff);
    expect(parseI32('0xffff_ffff')).toBe(0xffffffff);
    expect(parseI32('-2147483648')).toBe(0x80000000);
    expect(parseI32('-0x80000000')).toBe(0x80000000);
    expect(parseI32('+0x7fffffff')).toBe(0x7fffffff);
    expect(parseI32('1_000_000')).toBe(1000000);
    expect(parseI32('-0')).toBe(0);
  });

  it('rejects i32 out of range or malformed', () => {
    for (const bad of ['4294967296', '-2147483649', '+2147483648', '0x1_0000_0000', '_1', '1_', '1__0', '0x', 'x', '', '1.0', '0X10'])
      expect(() => parseI32(bad), bad).toThrow();
  });

  it('reads i64 over its full range as a bigint', () => {
    expect(parseI64('18446744073709551615')).toBe(0xffffffffffffffffn);
    expect(parseI64('-9223372036854775808')).toBe(0x8000000000000000n);
    expect(parseI64('0x7fff_ffff_ffff_ffff')).toBe(0x7fffffffffffffffn);
    expect(parseI64('-1')).toBe(0xffffffffffffffffn);
    expect(() => parseI64('18446744073709551616')).toThrow();
    expect(() => parseI64('-9223372036854775809')).toThrow();
  });

  it('reads narrow lanes', () => {
    expect(parseIntBits('-128', 8)).toBe(0x80n);
    expect(parseIntBits('255', 8)).toBe(0xffn);
    expect(() => parseIntBits('256', 8)).toThrow();
    expect(parseIntBits('-0x8000', 16)).toBe(0x8000n);
  });
});

describe('f32 literals', () => {
  it('reads special values', () => {
    expect(parseF32('inf')).toBe(0x7f800000);
    expect(parseF32('+inf')).toBe(0x7f800000);
    expect(parseF32('-inf')).toBe(0xff800000);
    expect(parseF32('nan')).toBe(0x7fc00000);
    expect(parseF32('-nan')).toBe(0xffc00000);
    expect(parseF32('nan:0x1')).toBe(0x7f800001);
    expect(parseF32('-nan:0x200000')).toBe(0xffa00000);
    expect(parseF32('+nan:0x7f_ffff')).toBe(0x7fffffff);
    expect(parseF32('0')).toBe(0);
    expect(parseF32('-0.0')).toBe(0x80000000);
    expect(() => parseF32('nan:0x0')).toThrow(/payload/);
    expect(() => parseF32('nan:0x800000')).toThrow(/payload/);
    expect(() => parseF32('nan:1')).toThrow();
  });

  it('reads hex floats exactly', () => {
    expect(parseF32('0x1p0')).toBe(0x3f800000);
    expect(parseF32('0x1.8p1')).toBe(f32Bits(3));
    expect(parseF32('0x1p-149')).toBe(1); // smallest subnormal
    expect(parseF32('0x1p-126')).toBe(0x00800000); // smallest normal
    expect(parseF32('0x0.fffffep-126')).toBe(0x007fffff);
    expect(parseF32('0x1.fffffep127')).toBe(0x7f7fffff);
    expect(parseF32('-0x1.fffffep127')).toBe(0xff7fffff);
    expect(parseF32('0x1.p0')).toBe(0x3f800000);
    expect(parseF32('0x1_0.0_0p-4')).toBe(0x3f800000);
    expect(parseF32('0xAbC.dEp0')).toBe(f32Bits(0xabc + 0xde / 256));
  });

  it('rounds to nearest, ties to even', () => {
    expect(parseF32('0x1.000001p0')).toBe(0x3f800000); // tie, down to even
    expect(parseF32('0x1.000003p0')).toBe(0x3f800002); // tie, up to even
    expect(parseF32('0x1.0000010000000001p0')).toBe(0x3f800001); // just above the tie
    expect(parseF32('0x1p-150')).toBe(0); // tie between 0 and the smallest subnormal
    expect(parseF32('0x1.000001p-150')).toBe(1);
    expect(parseF32('0x1.fffffefffffffp127')).toBe(0x7f7fffff);
    expect(parseF32('0x1.ffffffp-127')).toBe(0x00800000); // rounds up from subnormal to normal
    // A decimal just above the 1 / 1+2^-23 midpoint: rounding via f64 first would give 1.
    expect(parseF32('1.00000005960464477539062500001')).toBe(0x3f800001);
    expect(parseF32('1.000000059604644775390625')).toBe(0x3f800000);
  });

  it('reads decimal floats', () => {
    expect(parseF32('1.5')).toBe(f32Bits(1.5));
    expect(parseF32('1.')).toBe(0x3f800000);
    expect(parseF32('1e1')).toBe(f32Bits(10));
    expect(parseF32('1E+1')).toBe(f32Bits(10));
    expect(parseF32('1_0.2_5e-1_0')).toBe(f32Bits(10.25e-10));
    expect(parseF32('3.4028234e38')).toBe(0x7f7fffff);
    expect(parseF32('1e-50')).toBe(0);
    expect(parseF32('1e-1000000')).toBe(0);
  });

  it('rejects overflow and malformed text', () => {
    expect(() => parseF32('1e39')).toThrow(/overflows/);
    expect(() => parseF32('0x1p128')).toThrow(/overflows/);
    expect(() => parseF32('0x1.ffffffp127')).toThrow(/overflows/);
    expect(() => parseF32('1e1000000')).toThrow(/overflows/);
    for (const bad of ['.5', '1e', '0x.8', '0x1p', '1._0', 'infinity', 'nan:canonical', '1.0f', '--1'])
      expect(() => parseF32(bad), bad).toThrow();
  });
});

describe('f64 literals', () => {
  it('reads special values', () => {
    expect(parseF64('inf')).toBe(0x7ff0000000000000n);
    expect(parseF64('-nan')).toBe(0xfff8000000000000n);
    expect(parseF64('nan:0x4000000000000')).toBe(0x7ff4000000000000n);
    expect(parseF64('-nan:0xf_ffff_ffff_ffff')).toBe(0xffffffffffffffffn);
    expect(() => parseF64('nan:0x10000000000000')).toThrow();
  });

  it('reads hex floats exactly', () => {
    expect(parseF64('0x1p-1074')).toBe(1n);
    expect(parseF64('0x1p-1022')).toBe(0x0010000000000000n);
    expect(parseF64('0x1.fffffffffffffp1023')).toBe(0x7fefffffffffffffn);
    expect(parseF64('0x1.00000000000008p0')).toBe(0x3ff0000000000000n); // tie, even
    expect(parseF64('0x1.00000000000018p0')).toBe(0x3ff0000000000002n);
    // A tie between the largest subnormal and the smallest normal: even is the normal.
    expect(parseF64('0x1.fffffffffffffp-1023')).toBe(0x0010000000000000n);
    expect(() => parseF64('0x1p1024')).toThrow(/overflows/);
  });

  it('agrees with Number() on decimal literals', () => {
    const samples = ['0.1', '2.2250738585072011e-308', '4.9406564584124654e-324', '1.7976931348623157e308', '123456789012345678901234567890', '5e-324', '2.4703282292062328e-324'];
    let seed = 1;
    for (let i = 0; i < 300; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      samples.push(`${seed % 1000}.${seed % 977}e${(seed % 600) - 300}`);
    }
    for (const s of samples) expect(parseF64(s), s).toBe(f64Bits(Number(s)));
  });
});
