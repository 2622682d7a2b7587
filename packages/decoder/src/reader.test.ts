import { describe, expect, it } from 'vitest';
import { sleb, uleb } from '../test/wat.js';
import { InvalidError, WasmError } from './errors.js';
import { Reader } from './reader.js';

const rd = (bytes: readonly number[], pos = 0, end?: number) => new Reader(Uint8Array.from(bytes), pos, end);

/** Runs `f` and returns the InvalidError it throws (failing if it throws something else or nothing). */
function invalid(f: () => unknown): InvalidError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidError);
    expect(e).toBeInstanceOf(WasmError);
    expect((e as InvalidError).kind).toBe('invalid');
    return e as InvalidError;
  }
  throw new Error('expected an InvalidError, nothing was thrown');
}

function expectInvalid(f: () => unknown, reason: string, offset: number): void {
  const e = invalid(f);
  expect({ reason: e.reason, offset: e.offset }).toEqual({ reason, offset });
  expect(e.message).toBe(`${reason} (at byte offset ${offset})`);
}

/** A deterministic PRNG (xorshift32), so that the sampled values are the same every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

describe('InvalidError', () => {
  it('carries reason and offset, with the offset in the message', () => {
    const e = new InvalidError('type mismatch', 12);
    expect(e.name).toBe('InvalidError');
    expect(e.kind).toBe('invalid');
    expect(e.message).toBe('type mismatch (at byte offset 12)');
    expect(new InvalidError('no offset').message).toBe('no offset');
    expect(new InvalidError('no offset').offset).toBeUndefined();
  });
});

describe('Reader.u8', () => {
  it('reads bytes and reports the end of the module', () => {
    const r = rd([1, 2]);
    expect([r.u8(), r.u8()]).toEqual([1, 2]);
    expect(r.atEnd).toBe(true);
    expectInvalid(() => r.u8(), 'unexpected end', 2);
  });
  it('reports the end of a region before the module end', () => {
    const r = rd([1, 2, 3], 1, 2);
    expect(r.u8()).toBe(2);
    expectInvalid(() => r.u8(), 'unexpected end of section or function', 2);
  });
});

describe('Reader.u32', () => {
  const cases: [number[], number][] = [
    [[0x00], 0],
    [[0x01], 1],
    [[0x7f], 127],
    [[0x80, 0x01], 128],
    [[0xe5, 0x8e, 0x26], 624485],
    [[0xff, 0x7f], 0x3fff],
    [[0x80, 0x80, 0x01], 0x4000],
    [[0xff, 0xff, 0x7f], 0x1fffff],
    [[0x80, 0x80, 0x80, 0x01], 0x200000],
    [[0xff, 0xff, 0xff, 0x7f], 0xfffffff],
    [[0x80, 0x80, 0x80, 0x80, 0x01], 0x10000000],
    [[0xff, 0xff, 0xff, 0xff, 0x07], 0x7fffffff],
    [[0x80, 0x80, 0x80, 0x80, 0x08], 0x80000000],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffff],
    // Overlong but valid: padding with zero groups, up to 5 bytes.
    [[0x80, 0x00], 0],
    [[0x80, 0x80, 0x80, 0x80, 0x00], 0],
    [[0x81, 0x80, 0x00], 1],
    [[0xff, 0x80, 0x80, 0x80, 0x00], 127],
    [[0x83, 0x80, 0x80, 0x80, 0x00], 3],
  ];
  it.each(cases)('%j is %d', (bytes, value) => {
    const r = rd([...bytes, 0x55]);
    expect(r.u32()).toBe(value);
    expect(r.pos).toBe(bytes.length);
    expect(r.u8()).toBe(0x55);
  });

  it('round-trips shortest encodings of sampled values', () => {
    const next = rng(0x1234);
    const values = [0, 1, 63, 64, 127, 128, 2 ** 14 - 1, 2 ** 14, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 31, 2 ** 32 - 1];
    for (let i = 0; i < 500; i++) values.push(next() >>> (next() & 31));
    for (const v of values) {
      const enc = uleb(v);
      const r = rd(enc);
      expect(r.u32()).toBe(v);
      expect(r.pos).toBe(enc.length);
    }
  });

  it('rejects a continuation bit on the 5th byte', () => {
    expectInvalid(() => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).u32(), 'integer representation too long', 4);
    expectInvalid(() => rd([0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]).u32(), 'integer representation too long', 4);
    // Offsets are absolute, not relative to the reader's start.
    expectInvalid(() => rd([9, 9, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 2).u32(), 'integer representation too long', 6);
  });

  it('rejects unused bits set in the 5th byte', () => {
    for (let b = 0x10; b < 0x80; b++) {
      expectInvalid(() => rd([0x80, 0x80, 0x80, 0x80, b]).u32(), 'integer too large', 4);
    }
    expectInvalid(() => rd([0xff, 0xff, 0xff, 0xff, 0x1f]).u32(), 'integer too large', 4);
    expectInvalid(() => rd([0x82, 0x80, 0x80, 0x80, 0x70]).u32(), 'integer too large', 4);
  });

  it('reports the end of the module or of the region', () => {
    expectInvalid(() => rd([]).u32(), 'unexpected end', 0);
    expectInvalid(() => rd([0x80]).u32(), 'unexpected end', 1);
    expectInvalid(() => rd([0x80, 0x80, 0x80, 0x80]).u32(), 'unexpected end', 4);
    expectInvalid(() => rd([0x80, 0x80, 0x01], 0, 2).u32(), 'unexpected end of section or function', 2);
    expectInvalid(() => rd([0x05, 0x00], 0, 0).u32(), 'unexpected end of section or function', 0);
    // A region that ends where the module ends reports the module's end.
    expectInvalid(() => rd([0x01, 0x80], 1, 2).u32(), 'unexpected end', 2);
  });
});

/** The 32-bit signed reading of a 5-byte encoding whose first four bytes are zero groups. */
function s32Fifth(b: number): number {
  // Value bits 28..31 are the byte's low 4 bits; bit 31 is the sign.
  return (b & 0x0f) << 28;
}

describe('Reader.s32', () => {
  const cases: [number[], number][] = [
    [[0x00], 0],
    [[0x01], 1],
    [[0x3f], 63],
    [[0x40], -64],
    [[0x7f], -1],
    [[0xc0, 0x00], 64],
    [[0xbf, 0x7f], -65],
    [[0x80, 0x7f], -128],
    [[0xff, 0x00], 127],
    [[0x80, 0x80, 0x80, 0x80, 0x78], -0x80000000],
    [[0xff, 0xff, 0xff, 0xff, 0x07], 0x7fffffff],
    [[0x80, 0x80, 0x80, 0x40], -0x8000000],
    [[0xff, 0xff, 0xff, 0x3f], 0x7ffffff],
    // Overlong but valid
    [[0xff, 0x7f], -1],
    [[0xff, 0xff, 0xff, 0xff, 0x7f], -1],
    [[0x80, 0x00], 0],
    [[0x80, 0x80, 0x80, 0x80, 0x00], 0],
    [[0xc0, 0xff, 0xff, 0xff, 0x7f], -64],
  ];
  it.each(cases)('%j is %d', (bytes, value) => {
    const r = rd([...bytes, 0x55]);
    expect(r.s32()).toBe(value);
    expect(r.pos).toBe(bytes.length);
  });

  it('round-trips shortest encodings of sampled values (sign extension at every length)', () => {
    const next = rng(0x5eed);
    const values = [0, -1, 1, 63, -64, 64, -65, 2 ** 13 - 1, -(2 ** 13), 2 ** 20 - 1, -(2 ** 20), 2 ** 27 - 1, -(2 ** 27)];
    values.push(2 ** 31 - 1, -(2 ** 31), 2 ** 27, -(2 ** 27) - 1);
    for (let i = 0; i < 500; i++) values.push(next() >> (next() & 31));
    for (const v of values) {
      const enc = sleb(v);
      const r = rd(enc);
      expect(r.s32()).toBe(v);
      expect(r.pos).toBe(enc.length);
    }
  });

  it('accepts 5th bytes 0x00-0x07 and 0x78-0x7f, rejects the others', () => {
    for (let b = 0; b < 0x80; b++) {
      const bytes = [0x80, 0x80, 0x80, 0x80, b];
      if (b <= 0x07 || b >= 0x78) expect(rd(bytes).s32()).toBe(s32Fifth(b));
      else expectInvalid(() => rd(bytes).s32(), 'integer too large', 4);
    }
    expectInvalid(() => rd([0xff, 0xff, 0xff, 0xff, 0x0f]).s32(), 'integer too large', 4);
    expectInvalid(() => rd([0x80, 0x80, 0x80, 0x80, 0x70]).s32(), 'integer too large', 4);
    expectInvalid(() => rd([0xff, 0xff, 0xff, 0xff, 0x4f]).s32(), 'integer too large', 4);
  });

  it('rejects a continuation bit on the 5th byte, and overruns', () => {
    expectInvalid(() => rd([0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).s32(), 'integer representation too long', 4);
    expectInvalid(() => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).s32(), 'integer representation too long', 4);
    expectInvalid(() => rd([0xff]).s32(), 'unexpected end', 1);
    expectInvalid(() => rd([0xff, 0xff, 0x00], 0, 2).s32(), 'unexpected end of section or function', 2);
  });
});

describe('Reader.s33', () => {
  const cases: [number[], number][] = [
    [[0x40], -64], // empty block type
    [[0x7f], -1], // i32
    [[0x7e], -2],
    [[0x7b], -5], // v128
    [[0x70], -16], // funcref
    [[0x6f], -17], // externref
    [[0x00], 0],
    [[0x3f], 63],
    [[0xc0, 0x00], 64],
    [[0x80, 0x01], 128],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 2 ** 32 - 1], // largest type index
    [[0x80, 0x80, 0x80, 0x80, 0x08], 2 ** 31],
    [[0xff, 0xff, 0xff, 0xff, 0x07], 2 ** 31 - 1],
    [[0x80, 0x80, 0x80, 0x80, 0x70], -(2 ** 32)], // smallest s33
    [[0xff, 0xff, 0xff, 0xff, 0x7f], -1],
    [[0x80, 0x80, 0x80, 0x80, 0x00], 0],
    [[0x80, 0x80, 0x80, 0x80, 0x78], -(2 ** 31)],
  ];
  it.each(cases)('%j is %d', (bytes, value) => {
    const r = rd([...bytes, 0x55]);
    expect(r.s33()).toBe(value);
    expect(r.pos).toBe(bytes.length);
  });

  it('round-trips shortest encodings of sampled 33-bit values', () => {
    const next = rng(0x33);
    const values = [0, -1, -64, 63, 2 ** 32 - 1, -(2 ** 32), 2 ** 28, -(2 ** 28), 2 ** 28 - 1];
    for (let i = 0; i < 500; i++) {
      const m = next() % 2 ** (1 + (next() % 32));
      const v = next() & 1 ? -m - 1 : m;
      values.push(v);
    }
    for (const v of values) {
      const enc = sleb(v);
      const r = rd(enc);
      expect(r.s33()).toBe(v);
      expect(r.pos).toBe(enc.length);
    }
  });

  it('accepts 5th bytes whose bits 5 and 6 repeat bit 4, rejects the others', () => {
    for (let b = 0; b < 0x80; b++) {
      const bytes = [0x80, 0x80, 0x80, 0x80, b];
      const sign = (b >> 4) & 1;
      const ok = ((b >> 5) & 1) === sign && ((b >> 6) & 1) === sign;
      // Bits 0..4 of the byte are value bits 28..32, bit 32 the sign.
      let v = (b & 0x1f) * 2 ** 28;
      if (v >= 2 ** 32) v -= 2 ** 33;
      if (ok) expect(rd(bytes).s33()).toBe(v);
      else expectInvalid(() => rd(bytes).s33(), 'integer too large', 4);
    }
  });

  it('rejects a continuation bit on the 5th byte, and overruns', () => {
    expectInvalid(() => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).s33(), 'integer representation too long', 4);
    expectInvalid(() => rd([0x80]).s33(), 'unexpected end', 1);
    expectInvalid(() => rd([0x80, 0x00], 0, 1).s33(), 'unexpected end of section or function', 1);
  });
});

describe('Reader.s64 / skipS64', () => {
  const cases: [number[], bigint][] = [
    [[0x00], 0n],
    [[0x7f], -1n],
    [[0x40], -64n],
    [[0x3f], 63n],
    [[0x80, 0x7f], -128n],
    [[0xff, 0xff, 0xff, 0xff, 0x07], 0x7fffffffn],
    [[0x80, 0x80, 0x80, 0x80, 0x78], -0x80000000n],
    [[0x80, 0x80, 0x80, 0x80, 0x10], 0x100000000n],
    [[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f], -(2n ** 63n)],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00], 2n ** 63n - 1n],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f], 2n ** 62n - 1n],
    [[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40], -(2n ** 62n)],
    [[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 0n],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], -1n],
  ];
  it.each(cases)('%j is %s', (bytes, value) => {
    const r = rd([...bytes, 0x55]);
    expect(r.s64()).toBe(value);
    expect(r.pos).toBe(bytes.length);
    const s = rd([...bytes, 0x55]);
    s.skipS64();
    expect(s.pos).toBe(bytes.length);
  });

  it('round-trips shortest encodings of sampled values', () => {
    const next = rng(0x64);
    const values = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 56n, -(2n ** 56n) - 1n, 2n ** 62n, -(2n ** 62n) - 1n];
    for (let i = 0; i < 500; i++) {
      const v = BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next())) >> BigInt(next() & 63);
      values.push(v);
    }
    for (const v of values) {
      const enc = sleb(v);
      const r = rd(enc);
      expect(r.s64()).toBe(v);
      expect(r.pos).toBe(enc.length);
      const s = rd(enc);
      s.skipS64();
      expect(s.pos).toBe(enc.length);
    }
  });

  it('accepts only 0x00 and 0x7f as a 10th byte', () => {
    const prefix = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80];
    for (let b = 0; b < 0x80; b++) {
      const bytes = [...prefix, b];
      if (b === 0x00) expect(rd(bytes).s64()).toBe(0n);
      else if (b === 0x7f) expect(rd(bytes).s64()).toBe(-(2n ** 63n));
      else {
        expectInvalid(() => rd(bytes).s64(), 'integer too large', 9);
        expectInvalid(() => rd(bytes).skipS64(), 'integer too large', 9);
      }
    }
    expectInvalid(() => rd([...prefix, 0x01]).s64(), 'integer too large', 9);
    expectInvalid(() => rd([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7e]).s64(), 'integer too large', 9);
  });

  it('rejects an 11th byte and overruns', () => {
    const long = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00];
    expectInvalid(() => rd(long).s64(), 'integer representation too long', 9);
    expectInvalid(() => rd(long).skipS64(), 'integer representation too long', 9);
    expectInvalid(() => rd([0x80, 0x80]).s64(), 'unexpected end', 2);
    expectInvalid(() => rd([0x80, 0x80, 0x00], 0, 2).skipS64(), 'unexpected end of section or function', 2);
  });
});

describe('Reader.f32Bits / f64Bits', () => {
  it('reads little-endian bit patterns exactly, NaN payloads included', () => {
    expect(rd([0x00, 0x00, 0x80, 0x3f]).f32Bits()).toBe(0x3f800000); // 1.0
    expect(rd([0x01, 0x00, 0xc0, 0x7f]).f32Bits()).toBe(0x7fc00001); // quiet NaN, payload 1
    expect(rd([0x01, 0x00, 0x80, 0x7f]).f32Bits()).toBe(0x7f800001); // signalling NaN
    expect(rd([0xff, 0xff, 0xff, 0xff]).f32Bits()).toBe(0xffffffff); // negative NaN, all payload bits
    expect(rd([0x00, 0x00, 0x00, 0x80]).f32Bits()).toBe(0x80000000); // -0, stays unsigned
    expect(rd([0x01, 0, 0, 0, 0, 0, 0xf0, 0x7f]).f64Bits()).toBe(0x7ff0000000000001n); // signalling NaN
    expect(rd([0, 0, 0, 0, 0, 0, 0xf8, 0xff]).f64Bits()).toBe(0xfff8000000000000n);
    expect(rd([0x78, 0x56, 0x34, 0x12, 0xf0, 0xde, 0xbc, 0x9a]).f64Bits()).toBe(0x9abcdef012345678n);
    expect(rd([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).f64Bits()).toBe(0xffffffffffffffffn);
    const r = rd([1, 2, 3, 4, 5]);
    r.f32Bits();
    expect(r.pos).toBe(4);
  });

  it('reports a short float at the region end', () => {
    expectInvalid(() => rd([0, 0, 0]).f32Bits(), 'unexpected end', 3);
    expectInvalid(() => rd([0, 0, 0, 0, 0, 0, 0]).f64Bits(), 'unexpected end', 7);
    expectInvalid(() => rd([0, 0, 0, 0, 0], 0, 3).f32Bits(), 'unexpected end of section or function', 3);
    expectInvalid(() => rd([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 6).f64Bits(), 'unexpected end of section or function', 6);
  });
});

describe('Reader.skip / length / count', () => {
  it('skip moves inside the region only', () => {
    const r = rd([1, 2, 3, 4]);
    r.skip(3);
    expect(r.pos).toBe(3);
    expectInvalid(() => r.skip(2), 'unexpected end', 4);
    expectInvalid(() => rd([1, 2, 3, 4], 0, 2).skip(3), 'unexpected end of section or function', 2);
  });

  it('length must fit in the region; the error is at the length', () => {
    expect(rd([0x02, 9, 9]).length()).toBe(2);
    expectInvalid(() => rd([0x03, 9, 9]).length(), 'length out of bounds', 0);
    expectInvalid(() => rd([7, 0x02, 9, 9], 1, 3).length(), 'length out of bounds', 1);
  });

  it('count past the bytes left is an overrun at the region end', () => {
    expect(rd([0x02, 9, 9]).count()).toBe(2);
    expectInvalid(() => rd([0x03, 9, 9]).count(), 'unexpected end', 3);
    expectInvalid(() => rd([0x03, 9, 9, 9], 0, 3).count(), 'unexpected end of section or function', 3);
  });
});

describe('Reader.name', () => {
  const enc = (s: string) => {
    const b = [...new TextEncoder().encode(s)];
    return [...uleb(b.length), ...b];
  };
  it.each(['', 'a', 'héllo', '€', '𝄞', 'nul\0in', '\u{10ffff}', '\ufeffbom'])('reads %j', (s) => {
    const bytes = enc(s);
    const r = rd([...bytes, 0x55]);
    expect(r.name()).toBe(s);
    expect(r.pos).toBe(bytes.length);
  });

  it('keeps a leading byte order mark', () => {
    expect(rd([3, 0xef, 0xbb, 0xbf]).name()).toBe('\ufeff');
  });

  const malformed: [string, number[]][] = [
    ['overlong 2-byte NUL', [0xc0, 0x80]],
    ['overlong 2-byte', [0xc1, 0xbf]],
    ['overlong 3-byte', [0xe0, 0x80, 0xaf]],
    ['overlong 4-byte', [0xf0, 0x80, 0x80, 0xaf]],
    ['high surrogate', [0xed, 0xa0, 0x80]],
    ['low surrogate', [0xed, 0xbf, 0xbf]],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['5-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
    ['lone continuation', [0x80]],
    ['truncated 2-byte', [0xc3]],
    ['truncated 3-byte', [0xe2, 0x82]],
    ['truncated 4-byte', [0xf0, 0x9d, 0x84]],
    ['invalid byte 0xff', [0xff]],
    ['invalid byte 0xfe', [0x61, 0xfe]],
    ['bad continuation', [0xe2, 0x28, 0xa1]],
  ];
  it.each(malformed)('rejects %s', (_what, bytes) => {
    // Two bytes before the name, so that the offset is seen to be absolute: the string's first byte.
    expectInvalid(() => rd([9, 9, bytes.length, ...bytes], 2).name(), 'malformed UTF-8 encoding', 3);
  });

  it('reports a length past the region at the length', () => {
    expectInvalid(() => rd([9, 5, 0x61, 0x62], 1).name(), 'length out of bounds', 1);
    expectInvalid(() => rd([2, 0x61, 0x62, 0x63], 0, 2).name(), 'length out of bounds', 0);
    expectInvalid(() => rd([0x80]).name(), 'unexpected end', 1);
  });
});
