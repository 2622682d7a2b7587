import { describe, expect, it } from 'vitest';
import { trapOf } from '../../test/trap-of.js';
import { TrapReason } from '../trap.js';
import * as F from './float.js';

const f32 = Math.fround;
/** The f32 value with these bits. */
function f32bits(bits: number): number {
  const u = new Uint32Array([bits]);
  return new Float32Array(u.buffer)[0];
}
/** Bits of `x` stored as f32 (a NaN result must come out as the canonical 0x7fc00000). */
function bitsOf32(x: number): number {
  return new Uint32Array(new Float32Array([x]).buffer)[0];
}

describe('min / max', () => {
  for (const [name, min, max] of [
    ['f32', F.f32_min, F.f32_max],
    ['f64', F.f64_min, F.f64_max],
  ] as const) {
    it(`${name}: NaN in → NaN out, -0 < +0`, () => {
      expect(min(NaN, 1)).toBeNaN();
      expect(min(1, NaN)).toBeNaN();
      expect(max(NaN, -Infinity)).toBeNaN();
      expect(max(Infinity, NaN)).toBeNaN();
      expect(Object.is(min(0, -0), -0)).toBe(true);
      expect(Object.is(min(-0, 0), -0)).toBe(true);
      expect(Object.is(max(0, -0), 0)).toBe(true);
      expect(Object.is(max(-0, 0), 0)).toBe(true);
      expect(min(-Infinity, 3)).toBe(-Infinity);
      expect(max(-Infinity, 3)).toBe(3);
      expect(min(2, 1)).toBe(1);
    });
  }

  it('a NaN result is canonical even for a signalling NaN operand', () => {
    expect(bitsOf32(F.f32_min(f32bits(0x7f800001), 1))).toBe(0x7fc00000);
    expect(bitsOf32(F.f32_max(1, f32bits(0xffa00000)))).toBe(0x7fc00000);
  });
});

describe('nearest', () => {
  const cases: [number, number][] = [
    [0.5, 0], [1.5, 2], [2.5, 2], [3.5, 4], [-0.5, -0], [-1.5, -2], [-2.5, -2],
    [0.49999999999999994, 0], [-0.49999999999999994, -0], [0.3, 0], [-0.3, -0], [-0.7, -1],
    [4503599627370495.5, 4503599627370496], [4503599627370494.5, 4503599627370494],
    [2 ** 52 + 1, 2 ** 52 + 1], [1e300, 1e300], [Infinity, Infinity], [-Infinity, -Infinity],
    [0, 0], [-0, -0], [5e-324, 0], [-5e-324, -0],
  ];
  it.each(cases)('f64.nearest(%d) = %d', (x, want) => {
    expect(Object.is(F.f64_nearest(x), want)).toBe(true);
  });

  const cases32: [number, number][] = [
    [0.5, 0], [-0.5, -0], [2.5, 2], [-3.5, -4], [f32(8388607.5), 8388608], [f32(8388606.5), 8388606],
    [f32(0.49999997), 0], [f32(-0.49999997), -0], [f32bits(0x4b000001), 8388609], [f32bits(1), 0],
  ];
  it.each(cases32)('f32.nearest(%d) = %d', (x, want) => {
    expect(Object.is(F.f32_nearest(x), want)).toBe(true);
  });

  it('NaN', () => {
    expect(F.f32_nearest(NaN)).toBeNaN();
    expect(F.f64_nearest(NaN)).toBeNaN();
  });
});

describe('ceil / floor / trunc / sqrt', () => {
  it('keep the sign of zero', () => {
    expect(Object.is(F.f64_ceil(-0.5), -0)).toBe(true);
    expect(Object.is(F.f32_ceil(-0.5), -0)).toBe(true);
    expect(Object.is(F.f64_trunc(-0.9), -0)).toBe(true);
    expect(Object.is(F.f32_trunc(-0.9), -0)).toBe(true);
    expect(Object.is(F.f64_floor(-0), -0)).toBe(true);
    expect(Object.is(F.f32_floor(0.5), 0)).toBe(true);
    expect(F.f32_floor(-0.5)).toBe(-1);
    expect(Object.is(F.f32_sqrt(-0), -0)).toBe(true);
    expect(Object.is(F.f64_sqrt(-0), -0)).toBe(true);
  });

  it('sqrt rounds to f32; negative operands give NaN', () => {
    expect(F.f32_sqrt(2)).toBe(f32(Math.SQRT2));
    expect(F.f32_sqrt(-1)).toBeNaN();
    expect(F.f64_sqrt(-Infinity)).toBeNaN();
    expect(F.f32_sqrt(Infinity)).toBe(Infinity);
    expect(bitsOf32(F.f32_sqrt(-1))).toBe(0x7fc00000);
  });
});

describe('float → i32', () => {
  it('signed boundaries', () => {
    for (const f of [F.i32_trunc_f32_s, F.i32_trunc_f64_s]) {
      expect(f(-2147483648)).toBe(-2147483648);
      expect(f(f32(2147483520))).toBe(2147483520); // largest f32 below 2^31
      expect(trapOf(() => f(2147483648))).toBe(TrapReason.integerOverflow);
      expect(trapOf(() => f(f32bits(0xcf000001)))).toBe(TrapReason.integerOverflow); // below -2^31
      expect(trapOf(() => f(NaN))).toBe(TrapReason.invalidConversion);
      expect(trapOf(() => f(Infinity))).toBe(TrapReason.integerOverflow);
      expect(trapOf(() => f(-Infinity))).toBe(TrapReason.integerOverflow);
      expect(Object.is(f(-0.9), 0)).toBe(true);
      expect(f(-1.9)).toBe(-1);
    }
    expect(F.i32_trunc_f64_s(2147483647.9)).toBe(2147483647);
    expect(F.i32_trunc_f64_s(-2147483648.9)).toBe(-2147483648);
    expect(trapOf(() => F.i32_trunc_f64_s(-2147483649))).toBe(TrapReason.integerOverflow);
  });

  it('unsigned boundaries', () => {
    for (const f of [F.i32_trunc_f32_u, F.i32_trunc_f64_u]) {
      expect(f(f32(-0.99999994))).toBe(0);
      expect(f(-0)).toBe(0);
      expect(trapOf(() => f(-1))).toBe(TrapReason.integerOverflow);
      expect(f(f32(4294967040))).toBe(-256); // largest f32 below 2^32
      expect(f(2147483648)).toBe(-2147483648);
      expect(trapOf(() => f(4294967296))).toBe(TrapReason.integerOverflow);
      expect(trapOf(() => f(NaN))).toBe(TrapReason.invalidConversion);
    }
    expect(F.i32_trunc_f64_u(4294967295.9)).toBe(-1);
    expect(F.i32_trunc_f64_u(-0.9999999999999999)).toBe(0);
  });

  it('saturating forms clamp and map NaN to 0', () => {
    for (const f of [F.i32_trunc_sat_f32_s, F.i32_trunc_sat_f64_s]) {
      expect(f(NaN)).toBe(0);
      expect(f(Infinity)).toBe(0x7fffffff);
      expect(f(-Infinity)).toBe(-0x80000000);
      expect(f(2147483648)).toBe(0x7fffffff);
      expect(f(-2147483904)).toBe(-0x80000000);
      expect(f(-2.5)).toBe(-2);
    }
    for (const f of [F.i32_trunc_sat_f32_u, F.i32_trunc_sat_f64_u]) {
      expect(f(NaN)).toBe(0);
      expect(f(Infinity)).toBe(-1);
      expect(f(-Infinity)).toBe(0);
      expect(f(-1)).toBe(0);
      expect(f(-0.5)).toBe(0);
      expect(f(4294967296)).toBe(-1);
      expect(f(3e9)).toBe(3e9 | 0);
    }
  });
});

describe('f32 bits as a double', () => {
  const single = new Float32Array(1);
  const bits = new Int32Array(single.buffer);
  const double = new Float64Array(1);
  const words = new Int32Array(double.buffer);
  const SAMPLES = [0, 0x80000000, 1, 0x3f800000, 0xbf800000, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7f800001, 0x7fa00000, 0x7fbfffff, 0x7fc00000, 0xffc00001, 0xff800001, 0x7fffffff];

  it('keeps every bit, signalling NaNs included', () => {
    for (const b of SAMPLES) expect(F.f32ToBits(F.f32FromBits(b | 0)) >>> 0, b.toString(16)).toBe(b);
  });

  it('is the f32 value where it is a number, and a NaN with the same sign and payload where not', () => {
    for (const b of SAMPLES) {
      bits[0] = b;
      const x = F.f32FromBits(b | 0);
      if (single[0] === single[0]) expect(Object.is(x, single[0])).toBe(true);
      else {
        expect(x).toBeNaN();
        double[0] = x;
        // Sign, payload and quiet bit (the payload's top bit) as the f32 has them.
        expect(words[1] >>> 31).toBe(b >>> 31);
        expect(((words[1] & 0xfffff) << 3) | (words[0] >>> 29)).toBe(b & 0x7fffff);
      }
    }
  });

  it('an arithmetic result goes to its bits as a Float32Array store does', () => {
    for (const x of [1.5, -0, NaN, Math.fround(1e-40), Infinity]) {
      single[0] = x;
      expect(F.f32ToBits(x)).toBe(bits[0]);
    }
  });

  it('f64.promote_f32 gives the canonical NaN for any NaN', () => {
    double[0] = F.f64_promote_f32(F.f32FromBits(0x7f800001));
    expect([words[1] & 0x7fffffff, words[0]]).toEqual([0x7ff80000, 0]);
    expect(Object.is(F.f64_promote_f32(-0), -0)).toBe(true);
    expect(F.f64_promote_f32(Math.fround(0.1))).toBe(Math.fround(0.1));
  });
});
