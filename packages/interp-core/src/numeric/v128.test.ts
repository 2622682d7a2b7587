/**
 * The SIMD dispatch tables cover the opcode table exactly, and a few known answers that do not
 * depend on V8 (the differential test in v128-diff.test.ts does the rest).
 */
import { describe, expect, it } from 'vitest';
import { Imm, OPCODES, PREFIX_FD } from '@proj/decoder';
import { Slots } from '../slots.js';
import { SIMD_MEMORY_OPS, SIMD_OPS, i8x16_shuffle, type SimdOp } from './v128.js';

const fdRows = OPCODES.filter((row) => row.id >= PREFIX_FD && row.id < PREFIX_FD + 256);
const isMemory = (imm: number): boolean => imm === Imm.memArg || imm === Imm.memArgLane;

describe('SIMD dispatch tables', () => {
  it('cover every 0xFD row but v128.const, each in exactly one place', () => {
    const missing: string[] = [];
    for (const row of fdRows) {
      const sub = row.id - PREFIX_FD;
      const inOps = SIMD_OPS[sub] !== undefined;
      const inMem = SIMD_MEMORY_OPS[sub] !== undefined;
      if (row.name === 'v128.const') {
        expect(inOps || inMem).toBe(false);
      } else if (row.name === 'i8x16.shuffle') {
        expect(i8x16_shuffle).toBeTypeOf('function');
        expect(inOps || inMem).toBe(false);
      } else if (isMemory(row.imm)) {
        if (!inMem) missing.push(row.name);
        expect(inOps).toBe(false);
        const m = SIMD_MEMORY_OPS[sub]!;
        expect(m.name).toBe(row.name);
        expect(m.width).toBe(row.width);
        expect(m.lane).toBe(row.imm === Imm.memArgLane);
        expect(m.store).toBe(row.sig!.endsWith(':'));
      } else {
        if (!inOps) missing.push(row.name);
        expect(inMem).toBe(false);
      }
    }
    expect(missing).toEqual([]);
    expect(fdRows.length).toBe(236);
  });

  it('hold nothing at sub-opcodes the opcode table does not define', () => {
    const defined = new Set(fdRows.map((row) => row.id - PREFIX_FD));
    for (let sub = 0; sub < 256; sub++) {
      if (defined.has(sub)) continue;
      expect(SIMD_OPS[sub], `0xfd ${sub}`).toBeUndefined();
      expect(SIMD_MEMORY_OPS[sub], `0xfd ${sub}`).toBeUndefined();
    }
    expect(SIMD_OPS.length).toBe(256);
    expect(SIMD_MEMORY_OPS.length).toBe(256);
  });
});

// ---------------------------------------------------------------------------------------------
// Known answers

const op = (name: string): SimdOp => {
  const row = fdRows.find((r) => r.name === name);
  if (!row) throw new Error(name);
  return SIMD_OPS[row.id - PREFIX_FD]!;
};

describe('SIMD known answers', () => {
  const s = new Slots(8);

  it('i64x2.mul wraps to the low 64 bits', () => {
    // (2^32 + 3)(2^32 + 5) = 2^64 + 8·2^32 + 15;  (2^63 - 1)·2 = -2 mod 2^64
    s.i32.set([3, 1, -1, 0x7fffffff], 0);
    s.i32.set([5, 1, 2, 0], 4);
    op('i64x2.mul')(s, 0, 0, 2, 0, 0);
    expect([...s.i32.subarray(0, 4)]).toEqual([15, 8, -2, -1]);
  });

  it('i64x2.extmul_low_i32x4_s gives the full signed product', () => {
    s.i32.set([-0x80000000, -1, 0, 0], 0);
    s.i32.set([-0x80000000, 7, 0, 0], 4);
    op('i64x2.extmul_low_i32x4_s')(s, 0, 0, 2, 0, 0);
    // 2^62 and -7
    expect([...s.i32.subarray(0, 4)]).toEqual([0, 0x40000000, -7, -1]);
  });

  it('f64x2.nearest and f32x4.nearest round ties to even and keep the zero sign', () => {
    s.f64.set([2.5, -0.5], 0);
    op('f64x2.nearest')(s, 0, 0, 0, 0, 0);
    expect(Object.is(s.f64[0], 2)).toBe(true);
    expect(Object.is(s.f64[1], -0)).toBe(true);
    s.f32.set([0.5, 1.5, -2.5, 3.4999998], 0);
    op('f32x4.nearest')(s, 0, 0, 0, 0, 0);
    expect([...s.f32.subarray(0, 4)]).toEqual([0, 2, -2, 3]);
  });

  it('f32x4.convert_i32x4_u rounds the exact u32 once', () => {
    s.u32.set([0xffffffff, 16777217, 0x80000081, 0x80000080], 0);
    op('f32x4.convert_i32x4_u')(s, 0, 0, 0, 0, 0);
    expect([...s.f32.subarray(0, 4)]).toEqual([4294967296, 16777216, 2147483904, 2147483648]);
  });

  it('saturating narrow, q15mulr and trunc_sat clamp', () => {
    s.i16.set([300, -300, 127, -128, 128, -129, 0, 1], 0);
    s.i16.set([-1, 255, 256, -32768, 32767, 5, 6, 7], 8);
    op('i8x16.narrow_i16x8_s')(s, 0, 0, 2, 0, 0);
    expect([...s.i8.subarray(0, 16)]).toEqual([
      127, -128, 127, -128, 127, -128, 0, 1, -1, 127, 127, -128, 127, 5, 6, 7,
    ]);
    s.i16.set([300, -300, 127, -128, 128, -129, 0, 1], 0);
    op('i8x16.narrow_i16x8_u')(s, 0, 0, 2, 0, 0);
    expect([...s.u8.subarray(0, 16)]).toEqual([255, 0, 127, 0, 128, 0, 0, 1, 0, 255, 255, 0, 255, 5, 6, 7]);
    s.i16.set([-32768, -32768, 16384, -16384, 0, 0, 0, 0], 0);
    s.i16.set([-32768, 32767, 16384, 16384, 0, 0, 0, 0], 8);
    op('i16x8.q15mulr_sat_s')(s, 0, 0, 2, 0, 0);
    // (-32768·32767 + 0x4000) >> 15 = floor(-32766.5)
    expect([...s.i16.subarray(0, 4)]).toEqual([32767, -32767, 8192, -8192]);
    s.f32.set([NaN, 3e9, -3e9, -0.9], 0);
    op('i32x4.trunc_sat_f32x4_s')(s, 0, 0, 0, 0, 0);
    expect([...s.i32.subarray(0, 4)]).toEqual([0, 0x7fffffff, -0x80000000, 0]);
    s.f32.set([NaN, 5e9, -3e9, 4294967040], 0);
    op('i32x4.trunc_sat_f32x4_u')(s, 0, 0, 0, 0, 0);
    expect([...s.u32.subarray(0, 4)]).toEqual([0, 0xffffffff, 0, 4294967040]);
  });

  it('swizzle gives 0 for indices of 16 and more; shuffle picks from both vectors', () => {
    for (let k = 0; k < 16; k++) s.u8[k] = 100 + k;
    s.u8.set([0, 15, 16, 255, 3, 128, 1, 1, 2, 2, 17, 14, 13, 0, 31, 5], 16);
    op('i8x16.swizzle')(s, 4, 0, 2, 0, 0);
    expect([...s.u8.subarray(32, 48)]).toEqual([100, 115, 0, 0, 103, 0, 101, 101, 102, 102, 0, 114, 113, 100, 0, 105]);
    i8x16_shuffle(s, 4, 0, 2, Uint8Array.from([0, 16, 1, 17, 15, 31, 30, 14, 0, 0, 0, 0, 16, 16, 16, 16]));
    expect([...s.u8.subarray(32, 40)]).toEqual([100, 0, 101, 15, 115, 5, 31, 114]);
  });

  it('writes a result over the operand whose slot it shares (16-byte cells never overlap in part)', () => {
    // a at slots 0-1, b at 2-3; the result in a's slots, then in b's.
    s.i32.set([1, 2, 3, 4, 10, 20, 30, 40], 0);
    op('i32x4.add')(s, 0, 0, 2, 0, 0);
    expect([...s.i32.subarray(0, 4)]).toEqual([11, 22, 33, 44]);
    s.i32.set([1, 2, 3, 4, 10, 20, 30, 40], 0);
    op('i32x4.sub')(s, 2, 0, 2, 0, 0);
    expect([...s.i32.subarray(4, 8)]).toEqual([-9, -18, -27, -36]);
    // Lanes that move: b's high lanes are read before the result's low lanes overwrite them.
    s.i32.set([1, 2, 3, 4, 10, 20, 30, 40], 0);
    i8x16_shuffle(s, 2, 0, 2, Uint8Array.from({ length: 16 }, (_, k) => 31 - k));
    expect([...s.i32.subarray(4, 8)]).toEqual([40 << 24, 30 << 24, 20 << 24, 10 << 24]);
    s.i32.set([1, 2, 3, 4, 0x10000, 0x7fff, -1, 0x8000], 0);
    op('i16x8.narrow_i32x4_s')(s, 2, 0, 2, 0, 0);
    expect([...s.u16.subarray(8, 16)]).toEqual([1, 2, 3, 4, 0x7fff, 0x7fff, 0xffff, 0x7fff]);
  });

  it('bitmask, all_true and any_true', () => {
    s.i32.set([-1, 0, 0x80000000 | 0, 1], 0);
    op('i32x4.bitmask')(s, 2, 0, 0, 0, 0);
    expect(s.i32[4]).toBe(0b0101);
    op('i32x4.all_true')(s, 2, 0, 0, 0, 0);
    expect(s.i32[4]).toBe(0);
    op('i64x2.all_true')(s, 2, 0, 0, 0, 0);
    expect(s.i32[4]).toBe(1);
    op('i8x16.bitmask')(s, 2, 0, 0, 0, 0);
    expect(s.i32[4]).toBe(0b0000_1000_0000_1111);
    s.i32.set([0, 0, 0, 0], 0);
    op('v128.any_true')(s, 2, 0, 0, 0, 0);
    expect(s.i32[4]).toBe(0);
  });
});
