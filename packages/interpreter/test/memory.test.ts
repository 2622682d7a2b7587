/**
 * A host-provided memory: `store.instantiate(module, bytes)` makes `bytes` the whole backing store
 * of memory 0, which may be smaller than the declared minimum. Accesses beyond it trap,
 * memory.grow beyond it returns -1, and writes go through to the host's array.
 */
import { describe, expect, it } from 'vitest';
import { Store, Trap, Val } from '@proj/interpreter';
import { done, host, plain, thrown, watModule } from './wat.js';

const MOD = (mem: string, data = '') => `(module
  (import "env" "h" (func $h))
  (memory (export "memory") ${mem})
  ${data}
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "storeOff") (param i32 i32) (i32.store offset=90 (local.get 0) (local.get 1)))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "v128load") (param i32) (result v128) (v128.load (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "storeThenHost") (param i32 i32) (i32.store (local.get 0) (local.get 1)) (call $h)))`;

function setup(backing: Uint8Array, mem = '1', data = '') {
  const s = new Store();
  s.linkFunc('env', 'h', 0, 0);
  const id = s.instantiate(watModule(MOD(mem, data)), backing);
  return { s, id };
}

function expectOob(f: () => unknown): void {
  const e = thrown(f);
  expect(e, String(e)).toBeInstanceOf(Trap);
  expect((e as Trap).reason).toBe('out of bounds memory access');
}

describe('host memory of 100 bytes for a module declaring (memory 1)', () => {
  it('loads and stores within 100 bytes work and write through to the given array', () => {
    const bytes = new Uint8Array(100);
    const { s, id } = setup(bytes);
    expect(s.memory(id)).toBe(bytes);
    done(s.invoke(id, 'store', [Val.i32(96), Val.i32(0x04030201)]));
    expect([...bytes.subarray(96, 100)]).toEqual([1, 2, 3, 4]);
    done(s.invoke(id, 'store8', [Val.i32(0), Val.i32(0x1ff)]));
    expect(bytes[0]).toBe(0xff);
    done(s.invoke(id, 'storeOff', [Val.i32(6), Val.i32(-1)]));
    expect([...bytes.subarray(96, 100)]).toEqual([255, 255, 255, 255]);
    // host writes are seen by wasm
    bytes[50] = 0x7a;
    expect(plain(done(s.invoke(id, 'load8', [Val.i32(50)])))).toEqual([0x7a]);
    expect(plain(done(s.invoke(id, 'load', [Val.i32(96)])))).toEqual([-1]);
    expect(plain(done(s.invoke(id, 'load64', [Val.i32(92)])))).toEqual([-4294967296n]);
    done(s.invoke(id, 'fill', [Val.i32(10), Val.i32(7), Val.i32(90)]));
    expect(bytes[10]).toBe(7);
    expect(bytes[99]).toBe(7);
    done(s.invoke(id, 'copy', [Val.i32(0), Val.i32(50), Val.i32(50)]));
    expect(bytes[0]).toBe(7);
  });

  it('accesses beyond 100 bytes trap with out of bounds memory access, writing nothing', () => {
    const bytes = new Uint8Array(100);
    const { s, id } = setup(bytes);
    expectOob(() => s.invoke(id, 'load', [Val.i32(97)]));
    expectOob(() => s.invoke(id, 'load8', [Val.i32(100)]));
    expectOob(() => s.invoke(id, 'load64', [Val.i32(93)]));
    expectOob(() => s.invoke(id, 'store', [Val.i32(97), Val.i32(-1)]));
    expectOob(() => s.invoke(id, 'store8', [Val.i32(100), Val.i32(-1)]));
    expectOob(() => s.invoke(id, 'storeOff', [Val.i32(7), Val.i32(-1)]));
    expectOob(() => s.invoke(id, 'load', [Val.i32(65532)]));
    expectOob(() => s.invoke(id, 'fill', [Val.i32(50), Val.i32(9), Val.i32(51)]));
    expectOob(() => s.invoke(id, 'copy', [Val.i32(0), Val.i32(60), Val.i32(41)]));
    expectOob(() => s.invoke(id, 'v128load', [Val.i32(85)]));
    expect(bytes.every((b) => b === 0)).toBe(true);
    expect(done(s.invoke(id, 'v128load', [Val.i32(84)]))[0].type).toBe('v128');
    done(s.invoke(id, 'store8', [Val.i32(99), Val.i32(5)]));
    expect(bytes[99]).toBe(5);
  });

  it('memory.size reports the declared size (1 page) although only 100 bytes back it', () => {
    const { s, id } = setup(new Uint8Array(100));
    expect(plain(done(s.invoke(id, 'size', [])))).toEqual([1]);
  });

  it('memory.grow returns -1 when the backing store cannot hold the new size; grow 0 gives the size', () => {
    const bytes = new Uint8Array(100);
    const { s, id } = setup(bytes);
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([-1]);
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(0)])))).toEqual([1]);
    expect(plain(done(s.invoke(id, 'size', [])))).toEqual([1]);
    expect(s.memory(id)).toBe(bytes);
  });

  it('call.memory() during a host call is the host array itself', () => {
    const bytes = new Uint8Array(100);
    const { s, id } = setup(bytes);
    const c = host(s.invoke(id, 'storeThenHost', [Val.i32(4), Val.i32(0x01020304)]));
    expect(c.memory()).toBe(bytes);
    expect([...c.memory().subarray(4, 8)]).toEqual([4, 3, 2, 1]);
    done(c.resume([]));
  });

  it('a data segment within the given memory is written into it', () => {
    const bytes = new Uint8Array(100);
    setup(bytes, '1', '(data (i32.const 95) "abcde")');
    expect(new TextDecoder().decode(bytes.subarray(95, 100))).toBe('abcde');
  });

  it('a data segment beyond the given memory makes instantiation trap; the store stays usable', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 0);
    const bytes = new Uint8Array(100);
    const e = thrown(() => s.instantiate(watModule(MOD('1', '(data (i32.const 96) "abcde")')), bytes));
    expect(e, String(e)).toBeInstanceOf(Trap);
    expect((e as Trap).reason).toBe('out of bounds memory access');
    const id = s.instantiate(watModule(MOD('1')), new Uint8Array(100));
    done(s.invoke(id, 'store', [Val.i32(0), Val.i32(1)]));
    expect(s.memory(id)[0]).toBe(1);
  });
});

describe('host memory sizes against the declared limits', () => {
  it('a backing store of 3 pages for (memory 1): grow to 3 pages works, then -1', () => {
    const bytes = new Uint8Array(3 * 65536);
    const { s, id } = setup(bytes);
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(2)])))).toEqual([1]);
    expect(plain(done(s.invoke(id, 'size', [])))).toEqual([3]);
    done(s.invoke(id, 'store', [Val.i32(3 * 65536 - 4), Val.i32(9)]));
    expect(bytes[3 * 65536 - 4]).toBe(9);
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([-1]);
    expectOob(() => s.invoke(id, 'load', [Val.i32(3 * 65536 - 3)]));
  });

  it('the maximum still bounds growth with a larger backing store', () => {
    const { s, id } = setup(new Uint8Array(3 * 65536), '1 2');
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(2)])))).toEqual([-1]);
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([1]);
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([-1]);
  });

  it('with a backing store larger than the memory, an access past memory.size still traps', () => {
    // memory.size is 1 page; the spec bounds accesses by the memory's size, not by its backing.
    const bytes = new Uint8Array(2 * 65536);
    const { s, id } = setup(bytes);
    expect(plain(done(s.invoke(id, 'size', [])))).toEqual([1]);
    expectOob(() => s.invoke(id, 'load', [Val.i32(65536)]));
    expectOob(() => s.invoke(id, 'store8', [Val.i32(65536), Val.i32(1)]));
    expect(bytes[65536]).toBe(0);
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([1]);
    done(s.invoke(id, 'store8', [Val.i32(65536), Val.i32(1)]));
    expect(bytes[65536]).toBe(1);
  });
});

describe('store-allocated memory', () => {
  it('grows by the spec and store.memory follows', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(MOD('1 3')));
    expect(s.memory(id).length).toBe(65536);
    done(s.invoke(id, 'store', [Val.i32(65532), Val.i32(77)]));
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(2)])))).toEqual([1]);
    expect(s.memory(id).length).toBe(3 * 65536);
    expect(plain(done(s.invoke(id, 'load', [Val.i32(65532)])))).toEqual([77]);
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([-1]);
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(-1)])))).toEqual([-1]);
    expectOob(() => s.invoke(id, 'load', [Val.i32(3 * 65536 - 3)]));
  });

  it('(memory 0) has no accessible bytes until it grows', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(MOD('0')));
    expectOob(() => s.invoke(id, 'load8', [Val.i32(0)]));
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([0]);
    expect(plain(done(s.invoke(id, 'load8', [Val.i32(65535)])))).toEqual([0]);
  });
});

describe('memory grown by a callee', () => {
  // The caller's view of memory must follow a grow inside a function it calls, in its own
  // instance and through another instance that imports the memory.
  const OWNER = `(module
    (memory (export "mem") 1 4)
    (func $grow (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "grow") (param i32) (result i32) (call $grow (local.get 0)))
    (func (export "growThenStore") (param i32) (result i32)
      (drop (call $grow (i32.const 1)))
      (i32.store (local.get 0) (i32.const 0x5a5a))
      (i32.load (local.get 0))))`;
  const USER = `(module
    (import "owner" "mem" (memory 1 4))
    (import "owner" "grow" (func $grow (param i32) (result i32)))
    (func (export "growThenLoad") (param i32) (result i32)
      (drop (call $grow (i32.const 1)))
      (i32.load8_u (local.get 0))))`;

  it('a caller reads and writes the pages its callee added, in the same instance and across instances', () => {
    const s = new Store();
    const owner = s.instantiate(watModule(OWNER));
    s.setName(owner, 'owner');
    const user = s.instantiate(watModule(USER));
    expect(plain(done(s.invoke(owner, 'growThenStore', [Val.i32(65536 + 8)])))).toEqual([0x5a5a]);
    expect(plain(done(s.invoke(user, 'growThenLoad', [Val.i32(2 * 65536 + 100)])))).toEqual([0]);
    expect(s.memory(owner).length).toBe(3 * 65536);
    expect(thrown(() => s.invoke(user, 'growThenLoad', [Val.i32(5 * 65536)]))).toBeInstanceOf(Trap);
  });
});
