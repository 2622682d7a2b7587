/**
 * The store's resource limits (maxMemoryBytes, maxTableElements): growth past them returns -1,
 * an instantiation past them throws LimitError and leaves the store exactly as it was; and the
 * attacks found against them (huge declared tables, huge grows, a detached memory buffer).
 */
import { describe, expect, it } from 'vitest';
import { InvalidError, LimitError, Module, Store, Trap, Val, WasmError } from '@proj/interpreter';
import { done, expectThrow, host, plain, thrown, wat, watModule } from './wat.js';

const PAGE = 65536;

const GROWER = `(module
  (memory (export "mem") 1)
  (table (export "tab") 1 funcref)
  (func (export "growMem") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "growTab") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
  (func (export "sizes") (result i32 i32) (memory.size) (table.size)))`;

function i32s(r: ReturnType<Store['invoke']>): unknown[] {
  return plain(done(r));
}

describe('maxMemoryBytes and maxTableElements', () => {
  it('memory.grow and table.grow past the store-wide limits return -1; within them they grow', () => {
    const s = new Store({ maxMemoryBytes: 4 * PAGE, maxTableElements: 10 });
    const a = s.instantiate(watModule(GROWER));
    const b = s.instantiate(watModule(GROWER)); // 2 pages and 2 elements held together now
    expect(i32s(s.invoke(a, 'growMem', [Val.i32(2)]))).toEqual([1]);
    expect(i32s(s.invoke(b, 'growMem', [Val.i32(1)]))).toEqual([-1]); // 5 pages > 4
    expect(i32s(s.invoke(b, 'growMem', [Val.i32(0)]))).toEqual([1]);
    expect(i32s(s.invoke(a, 'growTab', [Val.i32(8)]))).toEqual([1]);
    expect(i32s(s.invoke(b, 'growTab', [Val.i32(1)]))).toEqual([-1]); // 11 > 10
    expect(i32s(s.invoke(a, 'sizes', []))).toEqual([3, 9]);
    expect(i32s(s.invoke(b, 'sizes', []))).toEqual([1, 1]);
  });

  it('memories and tables the host creates count against the same limits as the instances\' ones', () => {
    const s = new Store({ maxMemoryBytes: 4 * PAGE, maxTableElements: 10 });
    const mem = s.createMemory({ min: 2 });
    const tab = s.createTable('funcref', { min: 6 }, Val.funcref(null));
    expectThrow(() => s.createMemory({ min: 3 }), LimitError, /maxMemoryBytes/);
    expectThrow(() => s.createTable('externref', { min: 5 }, Val.externref(null)), LimitError, /maxTableElements/);
    expect(s.growMemory(mem, 1)).toBe(2);
    expect(s.growTable(tab, 2, Val.funcref(null))).toBe(6);
    // 3 pages and 8 elements are held: the module's own 1 page and 1 element still fit, no more.
    const a = s.instantiate(watModule(GROWER));
    expect(i32s(s.invoke(a, 'growMem', [Val.i32(1)]))).toEqual([-1]);
    expect(i32s(s.invoke(a, 'growTab', [Val.i32(2)]))).toEqual([-1]);
    expect(s.growMemory(mem, 1)).toBe(-1);
    expect(s.growTable(tab, 1, Val.funcref(null))).toBe(8);
    expectThrow(() => s.instantiate(watModule(GROWER)), LimitError);
  });

  it('table.grow by 0xffffffff and memory.grow by 0xffffffff return -1 at once, allocating nothing', () => {
    const s = new Store();
    const a = s.instantiate(watModule(GROWER));
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    expect(i32s(s.invoke(a, 'growTab', [Val.i32(-1)]))).toEqual([-1]);
    expect(i32s(s.invoke(a, 'growTab', [Val.i32(10_000_000)]))).toEqual([-1]); // 10,000,001 > the default
    expect(i32s(s.invoke(a, 'growMem', [Val.i32(-1)]))).toEqual([-1]);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 << 20);
  });

  it('an instantiation past the limits throws LimitError and leaves the store exactly as it was', () => {
    const s = new Store({ maxMemoryBytes: 3 * PAGE, maxTableElements: 100 });
    s.linkFunc('env', 'h', 0, 0);
    s.linkFuncDefault('wasi');
    const a = s.instantiate(watModule(GROWER));
    const tooMuchMemory = watModule(`(module (import "env" "h" (func)) (import "wasi" "x" (func (result i32)))
      (func (export "f")) (memory 3))`);
    const tooMuchTable = watModule(`(module (import "env" "h" (func)) (table 50 funcref) (table 50 funcref))`);
    const e = expectThrow(() => s.instantiate(tooMuchMemory), LimitError, /memory.*maxMemoryBytes/);
    expect(e.kind).toBe('limit');
    expectThrow(() => s.instantiate(tooMuchTable), LimitError, /table elements.*maxTableElements/);
    // Nothing was registered or kept: the next instance gets the next id, and everything the
    // failed ones would have held is still available to growth.
    const b = s.instantiate(watModule(GROWER));
    expect(b).toBe(a + 1);
    expect(i32s(s.invoke(a, 'growMem', [Val.i32(1)]))).toEqual([1]);
    expect(i32s(s.invoke(b, 'growMem', [Val.i32(1)]))).toEqual([-1]);
    expect(i32s(s.invoke(a, 'growTab', [Val.i32(98)]))).toEqual([1]);
    expect(i32s(s.invoke(b, 'growTab', [Val.i32(1)]))).toEqual([-1]);
  });

  it('a memory the host provides is not counted', () => {
    const s = new Store({ maxMemoryBytes: 0 });
    const id = s.instantiate(watModule(`(module (memory (export "mem") 2) (func (export "grow") (result i32) (memory.grow (i32.const 1))))`), new Uint8Array(3 * PAGE));
    expect(i32s(s.invoke(id, 'grow', []))).toEqual([2]);
  });

  it('the defaults: 4 GiB of memory and 10,000,000 table elements', () => {
    const s = new Store();
    expectThrow(() => s.instantiate(watModule('(module (table 10000001 funcref))')), LimitError, /10000001/);
    expect(() => s.instantiate(watModule('(module (table 10000000 funcref))'))).not.toThrow();
    expectThrow(() => s.instantiate(watModule('(module (table 1 funcref))')), LimitError, /leaves 0/);
  });

  it('a memory the platform cannot allocate is a LimitError, never a RangeError', () => {
    // 65536 pages (4 GiB) is within the default limit; where the platform refuses it, it is a LimitError.
    const s = new Store();
    const e = thrown(() => s.instantiate(watModule('(module (memory 65536))')));
    if (e !== undefined) {
      expect(e).toBeInstanceOf(LimitError);
      expect(s.instantiate(watModule(GROWER))).toBe(0);
    }
  });
});

describe('attacks on the allocator', () => {
  it('(table 0xffffffff funcref) in 20 bytes fails fast with LimitError, allocating nothing', () => {
    const bytes = wat('(module (table 0xffffffff funcref))');
    expect(bytes.length).toBeLessThanOrEqual(20);
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    expectThrow(() => new Store().instantiate(watModule('(module (table 0xffffffff funcref))')), LimitError);
    expectThrow(() => new Store().instantiate(watModule('(module (table 1000000000 funcref))')), LimitError);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 << 20);
  });

  it('preparation never runs ahead of validation: a br_table to unknown labels is an InvalidError in every profile', () => {
    const bytes = wat('(module (func (block (br_table 2 1 (i32.const 1)))))');
    for (const profile of ['fast', 'compact', 'compiled'] as const) {
      const e = thrown(() => new Module(bytes, { profile }));
      expect(e, profile).toBeInstanceOf(InvalidError);
      expect((e as InvalidError).reason, profile).toBe('unknown label');
    }
  });

  it('a host that detaches the memory buffer gets a Trap from the next invoke or resume, never a TypeError', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 0);
    const mod = watModule(`(module (import "env" "h" (func $h)) (memory (export "mem") 1)
      (func (export "load") (result i32) (i32.load (i32.const 0)))
      (func (export "callThenLoad") (result i32) (call $h) (i32.load (i32.const 0))))`);
    const id = s.instantiate(mod);
    const c = host(s.invoke(id, 'callThenLoad', []));
    const buf = s.memory(id).buffer as ArrayBuffer;
    structuredClone(buf, { transfer: [buf] });
    const e1 = thrown(() => c.resume([]));
    expect(e1).toBeInstanceOf(Trap);
    expect((e1 as Trap).reason).toMatch(/detached/);
    expect(s.lastCall()).toBeUndefined();
    const e2 = thrown(() => s.invoke(id, 'load', []));
    expect(e2).toBeInstanceOf(Trap);
    expect(e2).toBeInstanceOf(WasmError);
  });
});

describe('abandoned invocations', () => {
  it('a suspended invocation is released only by finishing, trapping, or call.trap: abandoned ones fill the stack until the host traps them', () => {
    // Each abandoned call keeps its frame on the value stack (64 KiB here; 64 MiB by default, about
    // 1.4 million abandoned calls), until no invocation can start.
    const s = new Store({ maxStackBytes: 64 << 10 });
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(`(module (import "env" "h" (func $h))
      (func (export "callH") (call $h)) (func (export "one") (result i32) (i32.const 1)))`));
    let abandoned = 0;
    for (;;) {
      const e = thrown(() => host(s.invoke(id, 'callH', [])));
      if (e !== undefined) {
        expect(e).toBeInstanceOf(Trap);
        expect((e as Trap).reason).toBe('call stack exhausted');
        break;
      }
      abandoned++;
    }
    expect(abandoned).toBeGreaterThan(100);
    expect(abandoned).toBeLessThan(10_000);
    expect((thrown(() => s.invoke(id, 'one', [])) as Trap).reason).toBe('call stack exhausted');
    // call.trap releases them, innermost first (store.lastCall() gives each in turn).
    for (let k = 0; k < abandoned; k++) expect(() => s.lastCall()!.trap('abandoned')).toThrow('abandoned');
    expect(s.lastCall()).toBeUndefined();
    expect(plain(done(s.invoke(id, 'one', [])))).toEqual([1]);
  });
});
