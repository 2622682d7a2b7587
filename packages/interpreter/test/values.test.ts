/**
 * Values through the public API: exact bits (NaN payloads), wrapping and signed readings, v128
 * bytes, funcref round trips and externref identity, and getGlobal for every type.
 */
import { describe, expect, it } from 'vitest';
import { FuncRef, InvalidError, Store, Val } from '@proj/interpreter';
import { done, expectThrow, host, plain, watModule, val } from './wat.js';

const F32_NAN = 0x7fa00001; // quiet bit clear: a signalling NaN with payload
const F32_NEG_NAN = 0xffc00123;
const F64_NAN = 0x7ff4000000000001n;
const F64_NEG_NAN = 0xfff8000000000abcn;

const MOD = `(module
  (import "env" "hf32" (func $hf32 (param f32) (result f32)))
  (import "env" "hf64" (func $hf64 (param f64) (result f64)))
  (memory 1)
  (global $gf32 (export "gf32") (mut f32) (f32.const 0))
  (global $gf64 (export "gf64") (mut f64) (f64.const 0))
  (global (export "cf32") f32 (f32.const nan:0x200001))
  (global (export "cf64") f64 (f64.const nan:0x4000000000001))
  (func (export "idf32") (param f32) (result f32) (local.get 0))
  (func (export "idf64") (param f64) (result f64) (local.get 0))
  (func (export "idi32") (param i32) (result i32) (local.get 0))
  (func (export "idi64") (param i64) (result i64) (local.get 0))
  (func (export "idv128") (param v128) (result v128) (local.get 0))
  (func (export "setf32") (param f32) (global.set $gf32 (local.get 0)))
  (func (export "setf64") (param f64) (global.set $gf64 (local.get 0)))
  (func (export "getf32") (result f32) (global.get $gf32))
  (func (export "getf64") (result f64) (global.get $gf64))
  (func (export "memf32") (param f32) (result f32 i32)
    (f32.store (i32.const 8) (local.get 0)) (f32.load (i32.const 8)) (i32.load (i32.const 8)))
  (func (export "memf64") (param f64) (result f64 i64)
    (f64.store (i32.const 16) (local.get 0)) (f64.load (i32.const 16)) (i64.load (i32.const 16)))
  (func (export "bitsf32") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
  (func (export "bitsf64") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))
  (func (export "fromBitsf32") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
  (func (export "fromBitsf64") (param i64) (result f64) (f64.reinterpret_i64 (local.get 0)))
  (func (export "viaHostf32") (param f32) (result f32) (call $hf32 (local.get 0)))
  (func (export "viaHostf64") (param f64) (result f64) (call $hf64 (local.get 0)))
  (func (export "selectf64") (param f64 f64 i32) (result f64) (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "addi32") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "addi64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "addv") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1))))`;

function setup() {
  const s = new Store();
  s.linkFuncCustom('env', 'hf32', { params: ['f32'], results: ['f32'] });
  s.linkFuncCustom('env', 'hf64', { params: ['f64'], results: ['f64'] });
  const id = s.instantiate(watModule(MOD));
  return { s, id };
}

const one = (vals: Val[]) => {
  expect(vals.length).toBe(1);
  return vals[0];
};

describe('NaN payloads survive', () => {
  it('Val keeps the bits', () => {
    expect(Val.f32Bits(F32_NAN).bits).toBe(F32_NAN);
    expect(Val.f32Bits(F32_NAN).value).toBeNaN();
    expect(Val.f64Bits(F64_NAN).bits).toBe(F64_NAN);
    expect(Val.f64Bits(F64_NAN).value).toBeNaN();
    expect(Val.f32Bits(F32_NEG_NAN).bits).toBe(F32_NEG_NAN);
    expect(Val.f64Bits(F64_NEG_NAN).bits).toBe(F64_NEG_NAN);
  });

  for (const bits of [F32_NAN, F32_NEG_NAN, 0x7f800001, 0xff800000, 0x80000000]) {
    it(`f32 0x${bits.toString(16)} through params/results, globals, memory, reinterpret and a host call`, () => {
      const { s, id } = setup();
      const v = Val.f32Bits(bits);
      const r = one(done(s.invoke(id, 'idf32', [v])));
      expect(r.type).toBe('f32');
      expect((r as ReturnType<typeof Val.f32Bits>).bits).toBe(bits);
      done(s.invoke(id, 'setf32', [v]));
      expect((s.getGlobal(id, 'gf32') as ReturnType<typeof Val.f32Bits>).bits).toBe(bits);
      expect((one(done(s.invoke(id, 'getf32', []))) as ReturnType<typeof Val.f32Bits>).bits).toBe(bits);
      const [mf, mi] = done(s.invoke(id, 'memf32', [v]));
      expect((mf as ReturnType<typeof Val.f32Bits>).bits).toBe(bits);
      expect(val(mi)).toBe(bits | 0);
      expect(val(one(done(s.invoke(id, 'bitsf32', [v]))))).toBe(bits | 0);
      expect((one(done(s.invoke(id, 'fromBitsf32', [Val.i32(bits)]))) as ReturnType<typeof Val.f32Bits>).bits).toBe(bits);
      const c = host(s.invoke(id, 'viaHostf32', [v]));
      expect((c.args[0] as ReturnType<typeof Val.f32Bits>).bits).toBe(bits);
      const back = one(done(c.resume([Val.f32Bits(bits ^ 1)])));
      expect((back as ReturnType<typeof Val.f32Bits>).bits).toBe((bits ^ 1) >>> 0);
    });
  }

  for (const bits of [F64_NAN, F64_NEG_NAN, 0x7ff0000000000001n, 0x8000000000000000n]) {
    it(`f64 0x${bits.toString(16)} through params/results, globals, memory, reinterpret and a host call`, () => {
      type F64 = ReturnType<typeof Val.f64Bits>;
      const { s, id } = setup();
      const v = Val.f64Bits(bits);
      const r = one(done(s.invoke(id, 'idf64', [v]))) as F64;
      expect(r.type).toBe('f64');
      expect(r.bits).toBe(bits);
      done(s.invoke(id, 'setf64', [v]));
      expect((s.getGlobal(id, 'gf64') as F64).bits).toBe(bits);
      expect((one(done(s.invoke(id, 'getf64', []))) as F64).bits).toBe(bits);
      const [mf, mi] = done(s.invoke(id, 'memf64', [v]));
      expect((mf as F64).bits).toBe(bits);
      expect(val(mi)).toBe(BigInt.asIntN(64, bits));
      expect(val(one(done(s.invoke(id, 'bitsf64', [v]))))).toBe(BigInt.asIntN(64, bits));
      expect((one(done(s.invoke(id, 'fromBitsf64', [Val.i64(bits)]))) as F64).bits).toBe(bits);
      expect((one(done(s.invoke(id, 'selectf64', [v, Val.f64(1), Val.i32(1)]))) as F64).bits).toBe(bits);
      const c = host(s.invoke(id, 'viaHostf64', [v]));
      expect((c.args[0] as F64).bits).toBe(bits);
      expect((one(done(c.resume([Val.f64Bits(bits ^ 2n)]))) as F64).bits).toBe(bits ^ 2n);
    });
  }

  it('NaN constants in globals keep their payload', () => {
    const { s, id } = setup();
    expect((s.getGlobal(id, 'cf32') as ReturnType<typeof Val.f32Bits>).bits).toBe(F32_NAN);
    expect((s.getGlobal(id, 'cf64') as ReturnType<typeof Val.f64Bits>).bits).toBe(F64_NAN);
  });
});

describe('integers: wrapping and signed readings', () => {
  it('Val.i32 stores 32 bits and reads them signed', () => {
    expect(Val.i32(0xffffffff).value).toBe(-1);
    expect(Val.i32(0x80000000).value).toBe(-2147483648);
    expect(Val.i32(2 ** 32 + 5).value).toBe(5);
    expect(Val.i32(-(2 ** 31) - 1).value).toBe(2147483647);
    expect(Val.i32(-0).value).toBe(0);
    expect(Object.is(Val.i32(-0).value, 0)).toBe(true);
  });

  it('Val.i64 stores 64 bits and reads them signed', () => {
    expect(Val.i64(2n ** 64n - 1n).value).toBe(-1n);
    expect(Val.i64(2n ** 63n).value).toBe(-(2n ** 63n));
    expect(Val.i64(2n ** 64n + 3n).value).toBe(3n);
    expect(Val.i64(-(2n ** 63n) - 1n).value).toBe(2n ** 63n - 1n);
  });

  it('wasm results read signed; arithmetic wraps', () => {
    const { s, id } = setup();
    expect(plain(done(s.invoke(id, 'idi32', [Val.i32(0xfffffffe)])))).toEqual([-2]);
    expect(plain(done(s.invoke(id, 'addi32', [Val.i32(0x7fffffff), Val.i32(1)])))).toEqual([-2147483648]);
    expect(plain(done(s.invoke(id, 'idi64', [Val.i64(0xfedcba9876543210n)])))).toEqual([BigInt.asIntN(64, 0xfedcba9876543210n)]);
    expect(plain(done(s.invoke(id, 'addi64', [Val.i64(2n ** 63n - 1n), Val.i64(1n)])))).toEqual([-(2n ** 63n)]);
    expect(plain(done(s.invoke(id, 'addi64', [Val.i64(0xffffffffn), Val.i64(1n)])))).toEqual([0x100000000n]);
  });

  it('f32 and f64 values and bits', () => {
    expect(Val.f32(0.1).value).toBe(Math.fround(0.1));
    expect(Val.f32(1).bits).toBe(0x3f800000);
    expect(Val.f64(-0).bits).toBe(0x8000000000000000n);
    expect(Object.is(Val.f64(-0).value, -0)).toBe(true);
    expect(Val.f64(1).bits).toBe(0x3ff0000000000000n);
  });
});

describe('v128', () => {
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 200) & 0xff);

  it('bytes round-trip through a param/result and the constructor copies', () => {
    const { s, id } = setup();
    const src = bytes.slice();
    const v = Val.v128(src);
    src[0] ^= 0xff;
    expect(v.bytes).toEqual(bytes);
    const r = one(done(s.invoke(id, 'idv128', [v])));
    expect(r.type).toBe('v128');
    expect((r as ReturnType<typeof Val.v128>).bytes).toEqual(bytes);
  });

  it('lanes add as i32x4 little-endian', () => {
    const { s, id } = setup();
    const a = new Uint8Array(16);
    const b = new Uint8Array(16);
    const dv = (u: Uint8Array) => new DataView(u.buffer);
    for (let k = 0; k < 4; k++) {
      dv(a).setInt32(4 * k, -1 - k, true);
      dv(b).setInt32(4 * k, 0x10000 * k + 1, true);
    }
    const r = (one(done(s.invoke(id, 'addv', [Val.v128(a), Val.v128(b)]))) as ReturnType<typeof Val.v128>).bytes;
    for (let k = 0; k < 4; k++) expect(dv(r).getInt32(4 * k, true)).toBe((-1 - k + 0x10000 * k + 1) | 0);
  });

  it('a v128 of the wrong length is an InvalidError', () => {
    expectThrow(() => Val.v128(new Uint8Array(15)), InvalidError, /16/);
  });
});

const REFS = `(module
  (type $ii (func (param i32) (result i32)))
  (table $t (export "tab") 4 funcref)
  (table $e 2 externref)
  (global $ge (export "ge") (mut externref) (ref.null extern))
  (global $gf (export "gf") (mut funcref) (ref.null func))
  (global $k (mut i32) (i32.const 0))
  (elem (table $t) (i32.const 0) func $double $triple)
  (elem declare func $bump)
  (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $triple (type $ii) (i32.mul (local.get 0) (i32.const 3)))
  (func $bump (type $ii) (global.set $k (i32.add (global.get $k) (local.get 0))) (global.get $k))
  (func (export "get") (param i32) (result funcref) (table.get $t (local.get 0)))
  (func (export "bumpRef") (result funcref) (ref.func $bump))
  (func (export "set") (param i32 funcref) (table.set $t (local.get 0) (local.get 1)))
  (func (export "call") (param i32 i32) (result i32) (call_indirect $t (type $ii) (local.get 1) (local.get 0)))
  (func (export "isNullF") (param funcref) (result i32) (ref.is_null (local.get 0)))
  (func (export "idF") (param funcref) (result funcref) (local.get 0))
  (func (export "idE") (param externref) (result externref) (local.get 0))
  (func (export "isNullE") (param externref) (result i32) (ref.is_null (local.get 0)))
  (func (export "putE") (param i32 externref) (table.set $e (local.get 0) (local.get 1)))
  (func (export "takeE") (param i32) (result externref) (table.get $e (local.get 0)))
  (func (export "setGE") (param externref) (global.set $ge (local.get 0)))
  (func (export "setGF") (param funcref) (global.set $gf (local.get 0))))`;

describe('references', () => {
  it('a funcref read from a table comes back through table.set + call_indirect', () => {
    const s = new Store();
    const id = s.instantiate(watModule(REFS));
    const triple = one(done(s.invoke(id, 'get', [Val.i32(1)])));
    expect(triple.type).toBe('funcref');
    expect(val(triple)).toBeInstanceOf(FuncRef);
    done(s.invoke(id, 'set', [Val.i32(3), triple]));
    expect(plain(done(s.invoke(id, 'call', [Val.i32(3), Val.i32(7)])))).toEqual([21]);
    // ref.func result too, and identity-preserving through idF
    const bump = one(done(s.invoke(id, 'bumpRef', [])));
    const bump2 = one(done(s.invoke(id, 'idF', [bump])));
    done(s.invoke(id, 'set', [Val.i32(2), bump2]));
    expect(plain(done(s.invoke(id, 'call', [Val.i32(2), Val.i32(5)])))).toEqual([5]);
    expect(plain(done(s.invoke(id, 'call', [Val.i32(2), Val.i32(5)])))).toEqual([10]);
    // null funcref
    expect(val(one(done(s.invoke(id, 'idF', [Val.funcref(null)]))))).toBeNull();
    expect(plain(done(s.invoke(id, 'isNullF', [Val.funcref(null)])))).toEqual([1]);
    expect(plain(done(s.invoke(id, 'isNullF', [triple])))).toEqual([0]);
    done(s.invoke(id, 'setGF', [triple]));
    const g = s.getGlobal(id, 'gf');
    expect(g.type).toBe('funcref');
    done(s.invoke(id, 'set', [Val.i32(0), g]));
    expect(plain(done(s.invoke(id, 'call', [Val.i32(0), Val.i32(2)])))).toEqual([6]);
  });

  it("a funcref into another instance's table calls the function in its own instance", () => {
    const s = new Store();
    const a = s.instantiate(watModule(REFS));
    const b = s.instantiate(watModule(REFS));
    const bumpA = one(done(s.invoke(a, 'bumpRef', [])));
    done(s.invoke(b, 'set', [Val.i32(1), bumpA]));
    expect(plain(done(s.invoke(b, 'call', [Val.i32(1), Val.i32(100)])))).toEqual([100]);
    // a's global was bumped, not b's
    const bumpB = one(done(s.invoke(b, 'bumpRef', [])));
    done(s.invoke(b, 'set', [Val.i32(2), bumpB]));
    expect(plain(done(s.invoke(b, 'call', [Val.i32(2), Val.i32(1)])))).toEqual([1]);
    expect(plain(done(s.invoke(a, 'call', [Val.i32(0), Val.i32(4)])))).toEqual([8]);
  });

  it('a funcref from another store is refused with an InvalidError', () => {
    const s1 = new Store();
    const s2 = new Store();
    const a = s1.instantiate(watModule(REFS));
    const b = s2.instantiate(watModule(REFS));
    const ref = one(done(s1.invoke(a, 'get', [Val.i32(0)])));
    expectThrow(() => s2.invoke(b, 'set', [Val.i32(0), ref]), InvalidError, /store/);
    expect(plain(done(s2.invoke(b, 'call', [Val.i32(0), Val.i32(1)])))).toEqual([2]);
  });

  const jsValues: [string, unknown][] = [
    ['object', { a: 1 }],
    ['array', [1, 2]],
    ['function', () => 3],
    ['string', 'str'],
    ['number', 42],
    ['NaN', Number.NaN],
    ['bigint', 10n],
    ['symbol', Symbol('s')],
    ['true', true],
    ['false', false],
    ['zero', 0],
    ['empty string', ''],
  ];

  for (const [name, x] of jsValues) {
    it(`externref ${name} round-trips with identity (param/result, table, global, host call)`, () => {
      const s = new Store();
      s.linkFuncCustom('env', 'he', { params: ['externref'], results: ['externref'] });
      const id = s.instantiate(watModule(REFS));
      const h = s.instantiate(
        watModule(`(module (import "env" "he" (func $he (param externref) (result externref)))
          (func (export "f") (param externref) (result externref) (call $he (local.get 0))))`),
      );
      const v = Val.externref(x);
      expect(Object.is(val(one(done(s.invoke(id, 'idE', [v])))), x)).toBe(true);
      expect(plain(done(s.invoke(id, 'isNullE', [v])))).toEqual([0]);
      done(s.invoke(id, 'putE', [Val.i32(1), v]));
      expect(Object.is(val(one(done(s.invoke(id, 'takeE', [Val.i32(1)])))), x)).toBe(true);
      done(s.invoke(id, 'setGE', [v]));
      const g = s.getGlobal(id, 'ge');
      expect(g.type).toBe('externref');
      expect(Object.is(val(g), x)).toBe(true);
      const c = host(s.invoke(h, 'f', [v]));
      expect(Object.is(val(c.args[0]), x)).toBe(true);
      const other = { other: true };
      expect(val(one(done(c.resume([Val.externref(other)]))))).toBe(other);
    });
  }

  it('externref null is the null reference', () => {
    const s = new Store();
    const id = s.instantiate(watModule(REFS));
    expect(val(one(done(s.invoke(id, 'idE', [Val.externref(null)]))))).toBeNull();
    expect(plain(done(s.invoke(id, 'isNullE', [Val.externref(null)])))).toEqual([1]);
    expect(val(s.getGlobal(id, 'ge'))).toBeNull();
  });

  it('externref undefined is a non-null reference to undefined (as in the JS API)', () => {
    const s = new Store();
    const id = s.instantiate(watModule(REFS));
    expect(plain(done(s.invoke(id, 'isNullE', [Val.externref(undefined)])))).toEqual([0]);
    const r = one(done(s.invoke(id, 'idE', [Val.externref(undefined)])));
    expect(val(r)).toBeUndefined();
  });

  it('externref -0 keeps its identity after +0 was passed (Object.is)', () => {
    const s = new Store();
    const id = s.instantiate(watModule(REFS));
    expect(Object.is(val(one(done(s.invoke(id, 'idE', [Val.externref(0)])))), 0)).toBe(true);
    expect(Object.is(val(one(done(s.invoke(id, 'idE', [Val.externref(-0)])))), -0)).toBe(true);
  });

  it('two distinct but equal objects stay distinct', () => {
    const s = new Store();
    const id = s.instantiate(watModule(REFS));
    const x = { k: 1 };
    const y = { k: 1 };
    expect(val(one(done(s.invoke(id, 'idE', [Val.externref(x)]))))).toBe(x);
    expect(val(one(done(s.invoke(id, 'idE', [Val.externref(y)]))))).toBe(y);
  });
});

describe('getGlobal for each type', () => {
  it('reads i32, i64, f32, f64, v128, funcref, externref globals, mutable and immutable, own and imported', () => {
    const s = new Store();
    const id = s.instantiate(
      watModule(`(module
        (global (export "i32") i32 (i32.const -7))
        (global (export "i64") (mut i64) (i64.const 0x8000000000000000))
        (global (export "f32") f32 (f32.const -1.5))
        (global (export "f64") (mut f64) (f64.const 6.02e23))
        (global (export "v128") v128 (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16))
        (global (export "funcref") funcref (ref.func $f))
        (global (export "nullfunc") funcref (ref.null func))
        (global (export "externref") externref (ref.null extern))
        (func $f (export "f") (result i32) (i32.const 11)))`),
    );
    const read = (n: string) => s.getGlobal(id, n);
    expect([read('i32').type, val(read('i32'))]).toEqual(['i32', -7]);
    expect([read('i64').type, val(read('i64'))]).toEqual(['i64', -(2n ** 63n)]);
    expect([read('f32').type, val(read('f32'))]).toEqual(['f32', -1.5]);
    expect([read('f64').type, val(read('f64'))]).toEqual(['f64', 6.02e23]);
    expect(read('v128').type).toBe('v128');
    expect((read('v128') as ReturnType<typeof Val.v128>).bytes).toEqual(Uint8Array.from({ length: 16 }, (_, i) => i + 1));
    expect(read('funcref').type).toBe('funcref');
    expect(val(read('funcref'))).toBeInstanceOf(FuncRef);
    expect(val(read('nullfunc'))).toBeNull();
    expect([read('externref').type, val(read('externref'))]).toEqual(['externref', null]);

    // the funcref global is usable: put it in another instance's table and call it
    s.setName(id, 'g');
    const user = s.instantiate(
      watModule(`(module (import "g" "i64" (global $i (mut i64))) (import "g" "f32" (global $f f32))
        (type $r (func (result i32))) (table 1 funcref)
        (global (export "sum") f32 (global.get $f))
        (func (export "set") (param funcref) (table.set (i32.const 0) (local.get 0)))
        (func (export "call") (result i32) (call_indirect (type $r) (i32.const 0)))
        (func (export "inc") (global.set $i (i64.add (global.get $i) (i64.const 1)))))`),
    );
    done(s.invoke(user, 'set', [read('funcref')]));
    expect(plain(done(s.invoke(user, 'call', [])))).toEqual([11]);
    done(s.invoke(user, 'inc', []));
    expect(val(read('i64'))).toBe(-(2n ** 63n) + 1n);
    expect(val(s.getGlobal(user, 'sum'))).toBe(-1.5);
  });
});
