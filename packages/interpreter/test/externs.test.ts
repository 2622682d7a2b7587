/**
 * Externs held by the host: memories, tables and globals it creates, imports into modules,
 * reads, writes and grows; host functions added after instantiation; exports as objects; and
 * the custom sections of a Module. Results are compared with V8's WebAssembly where it answers.
 */
import { describe, expect, it } from 'vitest';
import {
  FuncRef,
  GlobalRef,
  InvalidError,
  MemoryRef,
  Module,
  NotFoundError,
  Store,
  TableRef,
  Trap,
  Val,
  WasmError,
  type Extern,
} from '@proj/interpreter';
import { done, expectThrow, host, plain, V8Wasm, wat, watModule } from './wat.js';

const importer = `(module
  (import "x" "f" (func $f (param i32) (result i32)))
  (import "x" "mem" (memory 1 4))
  (import "x" "tab" (table 2 funcref))
  (import "x" "g" (global $g (mut i64)))
  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (elem (i32.const 1) $double)
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "callf") (param i32) (result i32) (call $f (local.get 0)))
  (func (export "calltab") (param i32 i32) (result i32)
    (call_indirect (param i32) (result i32) (local.get 0) (local.get 1)))
  (func (export "incg") (global.set $g (i64.add (global.get $g) (i64.const 1))))
  (func (export "getg") (result i64) (global.get $g))
  (export "double" (func $double))
  (export "mem" (memory 0))
  (export "tab" (table 0))
  (export "g" (global $g)))`;

function setup() {
  const store = new Store();
  const hf = store.createHostFunc({ params: ['i32'], results: ['i32'] });
  const mem = store.createMemory({ min: 1, max: 4 });
  const tab = store.createTable('funcref', { min: 2 }, Val.funcref(null));
  const g = store.createGlobal('i64', true, Val.i64(41n));
  const inst = store.instantiateWith(watModule(importer), [hf.func, mem, tab, g]);
  return { store, hf, mem, tab, g, inst };
}

describe('host-created externs imported by a module', () => {
  it('shares the memory both ways and grows it from either side', () => {
    const { store, mem, inst } = setup();
    store.memoryBytes(mem)[8] = 7;
    expect(plain(done(store.invoke(inst, 'load', [Val.i32(8)])))).toEqual([7]);
    done(store.invoke(inst, 'store', [Val.i32(16), Val.i32(0x01020304)]));
    expect(Array.from(store.memoryBytes(mem).subarray(16, 20))).toEqual([4, 3, 2, 1]);
    const before = store.memoryBytes(mem);
    expect(store.growMemory(mem, 1)).toBe(1);
    expect(store.memoryBytes(mem) === before).toBe(false);
    // The old bytes are detached, as the JavaScript API asks, even when growing by 0.
    expect(before.length).toBe(0);
    const now = store.memoryBytes(mem);
    expect(store.growMemory(mem, 0)).toBe(2);
    expect(now.length).toBe(0);
    expect(store.memoryBytes(mem)[16]).toBe(4);
    expect(store.memoryBytes(mem).length).toBe(2 * 65536);
    expect(store.memoryBytes(mem)[16]).toBe(4);
    expect(plain(done(store.invoke(inst, 'grow', [Val.i32(2)])))).toEqual([2]);
    expect(store.memoryType(mem)).toEqual({ min: 4, max: 4 });
    expect(store.growMemory(mem, 1)).toBe(-1);
    expect(store.growMemory(mem, 0)).toBe(4);
  });

  it('calls a host function made after instantiation and reports its index', () => {
    const { store, hf, inst } = setup();
    const call = host(store.invoke(inst, 'callf', [Val.i32(5)]));
    expect(call.index).toBe(hf.index);
    expect(plain(call.args)).toEqual([5]);
    expect(plain(done(call.resume([Val.i32(50)])))).toEqual([50]);
    const later = store.createHostFunc({ params: [], results: [] });
    expect(later.index).toBe(hf.index + 1);
    expect(store.funcInfo(later.func)).toEqual({ params: [], results: [], host: later.index });
  });

  it('reads, writes and grows the table; the module calls through it', () => {
    const { store, tab, inst } = setup();
    const double = store.tableGet(tab, 1);
    expect(double.type).toBe('funcref');
    expect(plain(done(store.invoke(inst, 'calltab', [Val.i32(21), Val.i32(1)])))).toEqual([42]);
    expectThrow(() => done(store.invoke(inst, 'calltab', [Val.i32(1), Val.i32(0)])), Trap, /uninitialized element/);
    store.tableSet(tab, 0, double);
    expect(plain(done(store.invoke(inst, 'calltab', [Val.i32(4), Val.i32(0)])))).toEqual([8]);
    expect(store.growTable(tab, 3, double)).toBe(2);
    expect(store.tableType(tab)).toEqual({ element: 'funcref', min: 5 });
    expect(plain(done(store.invoke(inst, 'calltab', [Val.i32(5), Val.i32(4)])))).toEqual([10]);
    expectThrow(() => store.tableGet(tab, 5), InvalidError, /out of bounds/);
    expectThrow(() => store.tableSet(tab, 0, Val.externref(1)), InvalidError, /should be funcref/);
  });

  it('reads and sets the global from both sides', () => {
    const { store, g, inst } = setup();
    done(store.invoke(inst, 'incg', []));
    expect(store.globalValue(g)).toEqual(Val.i64(42n));
    store.setGlobalValue(g, Val.i64(-1n));
    expect(plain(done(store.invoke(inst, 'getg', [])))).toEqual([-1n]);
    expect(store.globalType(g)).toEqual({ type: 'i64', mutable: true });
    const fixed = store.createGlobal('f32', false, Val.f32(1.5));
    expectThrow(() => store.setGlobalValue(fixed, Val.f32(2)), InvalidError, /immutable/);
    expectThrow(() => store.setGlobalValue(g, Val.i32(1)), InvalidError, /should be i64/);
  });
});

describe('exports as externs', () => {
  it('gives back the objects the module imported, and its functions to invoke', () => {
    const { store, mem, tab, g, inst } = setup();
    const m = store.exportOf(inst, 'mem');
    expect(m).toBeInstanceOf(MemoryRef);
    // The same object each time, and the one imported.
    expect(m).toBe(mem);
    expect(store.exportOf(inst, 'tab')).toBe(tab);
    expect(store.exportOf(inst, 'g')).toBe(g);
    store.memoryBytes(m as MemoryRef)[0] = 9;
    expect(store.memoryBytes(mem)[0]).toBe(9);
    expect(store.tableType(store.exportOf(inst, 'tab') as TableRef)).toEqual(store.tableType(tab));
    expect(store.globalValue(store.exportOf(inst, 'g') as GlobalRef)).toEqual(store.globalValue(g));
    const double = store.exportOf(inst, 'double') as FuncRef;
    expect(double).toBeInstanceOf(FuncRef);
    expect(store.funcInfo(double)).toEqual({ params: ['i32'], results: ['i32'], index: 1 });
    expect(plain(done(store.invokeFunc(double, [Val.i32(8)])))).toEqual([16]);
    // The table's element and the export are the same function.
    expect(((store.tableGet(tab, 1) as { value: FuncRef }).value).addr).toBe(double.addr);
    expectThrow(() => store.exportOf(inst, 'nope'), NotFoundError, /unknown export nope/);
  });

  it('links an export of one instance into another by reference', () => {
    const { store, inst } = setup();
    const double = store.exportOf(inst, 'double') as FuncRef;
    const user = store.instantiateWith(
      watModule(`(module (import "a" "d" (func $d (param i32) (result i32)))
        (func (export "quad") (param i32) (result i32) (call $d (call $d (local.get 0)))))`),
      [double],
    );
    expect(plain(done(store.invoke(user, 'quad', [Val.i32(3)])))).toEqual([12]);
  });

  it('invokes a host function directly: the host gets the call at once', () => {
    const store = new Store();
    const hf = store.createHostFunc({ params: ['f64'], results: ['f64'] });
    const call = host(store.invokeFunc(hf.func, [Val.f64(1.25)]));
    expect(call.index).toBe(hf.index);
    expect(plain(done(call.resume([Val.f64(2.5)])))).toEqual([2.5]);
  });
});

describe('instantiateWith rejects what does not match', () => {
  const store = new Store();
  const mem = store.createMemory({ min: 1 });
  const g32 = store.createGlobal('i32', false, Val.i32(0));
  const module = watModule(`(module (import "x" "m" (memory 2)) (import "x" "g" (global i32)))`);

  it.each<[string, Extern[], abstract new (...args: never[]) => WasmError, RegExp]>([
    ['a memory too small', [mem, g32], NotFoundError, /memory limits do not match/],
    ['a global where a memory is wanted', [g32, g32], NotFoundError, /x\.m: not a memory/],
    ['the wrong count', [mem], InvalidError, /2 imports, but 1/],
    ['an extern of another store', [new Store().createMemory({ min: 2 }), g32], InvalidError, /another store/],
  ])('%s', (_, imports, cls, message) => {
    expectThrow(() => store.instantiateWith(module, imports), cls, message);
  });

  it('rejects bad limits and types when creating', () => {
    expectThrow(() => store.createMemory({ min: 2, max: 1 }), InvalidError, /limits/);
    expectThrow(() => store.createMemory({ min: 65537 }), InvalidError, /limits/);
    expectThrow(() => store.createTable('i32' as 'funcref', { min: 0 }, Val.funcref(null)), InvalidError, /not a reference type/);
    expectThrow(() => store.createGlobal('i128' as 'i32', false, Val.i32(0)), InvalidError, /unknown value type/);
    expectThrow(() => store.growMemory(mem, -1), InvalidError, /non-negative/);
  });
});

describe('Module.customSections', () => {
  it('returns the contents named, in order, as V8 does', () => {
    const custom = (name: string, content: number[]) => [0, 1 + name.length + content.length, name.length, ...Buffer.from(name), ...content];
    const bytes = new Uint8Array([...wat('(module)'), ...custom('a', [1, 2]), ...custom('b', [3]), ...custom('a', [])]);
    const v8 = V8Wasm as unknown as { Module: { new (b: Uint8Array): object; customSections(m: object, n: string): ArrayBuffer[] } };
    const theirs = v8.Module.customSections(new v8.Module(bytes), 'a');
    expect(theirs).toHaveLength(2);
    const mine = new Module(bytes).customSections('a');
    expect(mine.map((s) => Array.from(s))).toEqual(theirs.map((s) => Array.from(new Uint8Array(s))));
    expect(new Module(bytes).customSections('c')).toEqual([]);
  });
});
