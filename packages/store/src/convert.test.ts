import { InvalidError, ValType, type ValTypeCode } from '@proj/decoder';
import { FuncRef, NULL_REF, Val } from '@proj/interp-core';
import { describe, expect, it } from 'vitest';
import { RefTable, checkVals, readVal, writeVal } from './convert.js';

const owner = {};

describe('cells', () => {
  const refs = new RefTable(owner);
  const cell = new Int32Array(8);

  const roundTrip = (v: Val, t: ValTypeCode): Val => {
    cell.fill(0x55555555);
    writeVal(cell, 4, v, refs);
    return readVal(cell, 4, t, refs);
  };

  it('keeps every type and its exact bits', () => {
    expect(roundTrip(Val.i32(-7), ValType.i32)).toEqual(Val.i32(-7));
    expect(roundTrip(Val.i64(-0x123456789abcdefn), ValType.i64)).toEqual(Val.i64(-0x123456789abcdefn));
    expect(roundTrip(Val.f32Bits(0x7fa00001), ValType.f32)).toEqual(Val.f32Bits(0x7fa00001));
    expect(roundTrip(Val.f64Bits(0xfff4000000000001n), ValType.f64)).toEqual(Val.f64Bits(0xfff4000000000001n));
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => 255 - i * 7);
    expect((roundTrip(Val.v128(bytes), ValType.v128) as { bytes: Uint8Array }).bytes).toEqual(bytes);
  });

  it('writes an i64 as low then high half', () => {
    writeVal(cell, 0, Val.i64(0x1122334455667788n), refs);
    expect([cell[0] >>> 0, cell[1] >>> 0]).toEqual([0x55667788, 0x11223344]);
  });

  it('numbers references: null is -1, externrefs keep their identity', () => {
    writeVal(cell, 0, Val.externref(null), refs);
    expect(cell[0]).toBe(NULL_REF);
    const obj = { x: 1 };
    writeVal(cell, 0, Val.externref(obj), refs);
    const id = cell[0];
    writeVal(cell, 4, Val.externref(obj), refs);
    expect(cell[4]).toBe(id);
    expect((readVal(cell, 0, ValType.externref, refs) as { value: unknown }).value).toBe(obj);
    writeVal(cell, 0, Val.externref(-0), refs);
    writeVal(cell, 4, Val.externref(0), refs);
    expect(cell[0]).not.toBe(cell[4]);
    expect(Object.is((readVal(cell, 0, ValType.externref, refs) as { value: unknown }).value, -0)).toBe(true);
  });

  it('refuses a funcref of another store', () => {
    expect(() => writeVal(cell, 0, Val.funcref(new FuncRef({}, 3)), refs)).toThrow(InvalidError);
    writeVal(cell, 0, Val.funcref(new FuncRef(owner, 3)), refs);
    expect(cell[0]).toBe(3);
    expect(((readVal(cell, 0, ValType.funcref, refs) as { value: unknown }).value as FuncRef).addr).toBe(3);
  });
});

describe('checkVals', () => {
  it('names the count or the value that does not match', () => {
    expect(() => checkVals([Val.i32(1)], [ValType.i32, ValType.i64], 'invoke f')).toThrow(
      'invoke f: expected 2 values, got 1',
    );
    expect(() => checkVals([Val.i64(1n)], [ValType.i32], 'invoke f')).toThrow('invoke f: value 0 should be i32, got i64');
    expect(() => checkVals([7 as unknown as Val], [ValType.i32], 'invoke f')).toThrow('got number');
    expect(() => checkVals([Val.i32(1)], [ValType.i32], 'invoke f')).not.toThrow();
  });
});
