/**
 * Shared memories (the threads proposal's memory type, without its atomic instructions): a
 * module may declare, import and export one; it must have a maximum; it imports only where a
 * shared memory is asked for; it grows in place, so that views the host made before see the new
 * size's bytes. Verdicts are compared with V8's WebAssembly, which accepts the same types.
 */
import { describe, expect, it } from 'vitest';
import { InvalidError, LimitError, MemoryRef, NotFoundError, Store, Val, validate } from '@proj/interpreter';
import { done, expectThrow, plain, prepare, V8Wasm, wat } from './wat.js';

const threadsWat = (text: string): Uint8Array => wat(text, { threads: true });
const v8Valid = (bytes: Uint8Array): boolean => (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly.validate(bytes);
const PAGE = 65536;

const owner = threadsWat(`(module
  (memory (export "m") 1 3 shared)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`);

describe('shared memories', () => {
  it('validates as V8 does: a maximum is required', () => {
    const cases = [
      '(module (memory 1 2 shared))',
      '(module (import "x" "m" (memory 0 1 shared)))',
      '(module (memory 1 2))',
    ];
    for (const text of cases) {
      const bytes = threadsWat(text);
      expect(v8Valid(bytes), text).toBe(true);
      expect(() => validate(bytes), text).not.toThrow();
    }
    // wabt will not assemble a shared memory without a maximum: memory section, flags 2, min 1.
    const header = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
    const noMax = Uint8Array.from([...header, 5, 3, 1, 2, 1]);
    expect(v8Valid(noMax)).toBe(false);
    const error = expectThrow(() => validate(noMax), InvalidError, /shared memory must have maximum/);
    expect(error.offset).toBe(header.length + 2);
    // Flags past bit 1 stay malformed.
    const flag4 = Uint8Array.from([...header, 5, 4, 1, 4, 1, 1]);
    expect(v8Valid(flag4)).toBe(false);
    expectThrow(() => validate(flag4), InvalidError, /integer too large/);
  });

  it('runs loads, stores and memory.grow as V8 does, and grows in place', () => {
    const store = new Store();
    const inst = store.instantiate(prepare(owner));
    const v8 = new V8Wasm.Instance(new V8Wasm.Module(owner)).exports as Record<string, (...a: number[]) => number>;
    const mem = store.exportOf(inst, 'm') as MemoryRef;
    expect(store.memoryType(mem)).toEqual({ min: 1, max: 3, shared: true });
    const before = store.memoryBytes(mem);
    expect(Object.prototype.toString.call(before.buffer)).toBe('[object SharedArrayBuffer]');
    const call = (name: string, ...args: number[]): unknown[] => plain(done(store.invoke(inst, name, args.map((a) => Val.i32(a)))));
    for (const [name, args] of [
      ['store', [8, 0x1234]],
      ['load', [8]],
      ['grow', [1]],
      ['size', []],
      ['store', [PAGE + 4, -7]],
      ['load', [PAGE + 4]],
      ['grow', [2]], // past the maximum: -1
      ['grow', [1]],
      ['size', []],
    ] as const) {
      const ours = call(name, ...args);
      const theirs = v8[name](...args);
      expect(ours, `${name}(${args.join(', ')})`).toEqual(theirs === undefined ? [] : [theirs]);
    }
    expect(() => call('load', 3 * PAGE)).toThrow(/out of bounds/);
    // The buffer grew in place: one view made before growth reads what wasm wrote past its first page.
    const after = store.memoryBytes(mem);
    expect(after.buffer).toBe(before.buffer);
    expect(after.length).toBe(3 * PAGE);
    expect(new DataView(before.buffer).getInt32(PAGE + 4, true)).toBe(-7);
    expect(store.growMemory(mem, 1)).toBe(-1);
  });

  it('imports only where a shared memory is asked for, as V8 links', () => {
    const store = new Store();
    const exporter = store.instantiate(prepare(owner));
    const shared = store.exportOf(exporter, 'm') as MemoryRef;
    const plainMem = store.createMemory({ min: 1, max: 3 });
    const wantsShared = prepare(threadsWat('(module (import "x" "m" (memory 1 3 shared)) (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))'));
    const wantsPlain = prepare(threadsWat('(module (import "x" "m" (memory 1 3)))'));
    expectThrow(() => store.instantiateWith(wantsShared, [plainMem]), NotFoundError, /expected a shared memory/);
    expectThrow(() => store.instantiateWith(wantsPlain, [shared]), NotFoundError, /expected a memory that is not shared/);
    // V8 agrees on both.
    const v8Shared = new (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => object } }).WebAssembly.Memory({ initial: 1, maximum: 3, shared: true });
    expect(() => new V8Wasm.Instance(new V8Wasm.Module(threadsWat('(module (import "x" "m" (memory 1 3)))')), { x: { m: v8Shared } })).toThrow();
    // One memory, two instances: what one writes the other reads.
    const importer = store.instantiateWith(wantsShared, [shared]);
    done(store.invoke(exporter, 'store', [Val.i32(100), Val.i32(42)]));
    expect(plain(done(store.invoke(importer, 'load', [Val.i32(100)])))).toEqual([42]);
  });

  it('the host creates shared memories with a maximum, within the store budget', () => {
    const store = new Store({ maxMemoryBytes: 2 * PAGE });
    expectThrow(() => store.createMemory({ min: 1, shared: true }), InvalidError, /shared memory must have a maximum/);
    const mem = store.createMemory({ min: 1, max: 4, shared: true });
    expect(store.memoryType(mem)).toEqual({ min: 1, max: 4, shared: true });
    expect(store.growMemory(mem, 1)).toBe(1);
    // The budget bounds it below its maximum.
    expect(store.growMemory(mem, 1)).toBe(-1);
    expectThrow(() => store.createMemory({ min: 1, max: 1, shared: true }), LimitError, /maxMemoryBytes/);
    const inst = store.instantiateWith(prepare(threadsWat('(module (import "x" "m" (memory 1 4 shared)) (func (export "size") (result i32) (memory.size)))')), [mem]);
    expect(plain(done(store.invoke(inst, 'size', [])))).toEqual([2]);
  });
});
