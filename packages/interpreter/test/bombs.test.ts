/**
 * Resource bombs: modules made to cost as much time or memory as their size allows. Each is
 * measured (wall time, and the growth of the process's resident memory, which the allocations
 * of the bomb dominate) and bounded by an assertion; the figures are printed at the end. The
 * time bounds are 5 to 10 times the figures on a quiet machine: they catch quadratic work and
 * unbounded allocation, not noise on a loaded CI machine.
 *
 *   npx vitest run test/bombs.test.ts                  CI sizes (a few seconds per profile)
 *   BOMBS_LONG=1 npx vitest run test/bombs.test.ts     the full sizes (a million functions, 1 GiB memories)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type FuncRef, InvalidError, LimitError, Store, type TableRef, Trap, UnsupportedError, Val } from '@proj/interpreter';
import { hugeCounts, manyDataSegments, manyElemSegments, manyFunctions, manyGlobals, manyTypes, nestedBlocks, nestedLoops, wideBrTable } from '@proj/testkit';
import { done, host, plain, prepare, profile, thrown, watModule } from './wat.js';

const LONG = process.env.BOMBS_LONG === '1';
const MiB = 1 << 20;
const PAGE = 65536;

interface Figure {
  readonly bomb: string;
  readonly ms: number;
  readonly rssMiB: number;
}
const figures: Figure[] = [];

/** Runs `f`, records its time and resident-memory growth, and bounds both. */
function bomb<T>(name: string, maxMs: number, maxMiB: number, f: () => T): T {
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const result = f();
  const ms = performance.now() - t0;
  const rssMiB = (process.memoryUsage().rss - rss0) / MiB;
  figures.push({ bomb: name, ms, rssMiB });
  expect(ms, `${name}: time`).toBeLessThan(maxMs);
  expect(rssMiB, `${name}: memory`).toBeLessThan(maxMiB);
  return result;
}

afterAll(() => {
  const rows = figures.map((f) => `| ${f.bomb} | ${f.ms.toFixed(0)} ms | ${Math.max(0, f.rssMiB).toFixed(0)} MiB |`);
  console.log(`bombs (profile ${profile ?? 'fast'}${LONG ? ', long' : ''}):\n| bomb | time | resident memory growth |\n| --- | --- | --- |\n${rows.join('\n')}`);
});

describe(`resource bombs (profile ${profile ?? 'fast'})`, () => {
  it('declared counts the bytes cannot hold fail fast and allocate nothing', () => {
    bomb('17 counts of 0xffffffff in a few bytes', 2000, 32, () => {
      for (const { name, bytes } of hugeCounts()) {
        const e = thrown(() => prepare(bytes));
        expect(e instanceof InvalidError || e instanceof UnsupportedError, `${name}: ${String(e)}`).toBe(true);
      }
    });
  });

  it('a million functions (100,000 in CI)', () => {
    const n = LONG ? 1_000_000 : 100_000;
    const bytes = manyFunctions(n);
    // Per function: under 100 µs and 2 KiB in every profile (compiled makes one JavaScript function each).
    const m = bomb(`${n} functions: new Module (${(bytes.length / MiB).toFixed(1)} MiB)`, 5000 + n * 0.1, 64 + (n * 2) / 1024, () => prepare(bytes));
    bomb(`${n} functions: instantiate and invoke the last`, 5000 + n * 0.02, 64 + n / 1024, () => {
      const s = new Store();
      expect(plain(done(s.invoke(s.instantiate(m), 'f', [])))).toEqual([]);
    });
  });

  it('a million types, instantiated twice in one store', () => {
    const n = LONG ? 1_000_000 : 200_000;
    const m = prepare(manyTypes(n));
    const s = new Store();
    bomb(`${n} types: first instantiation`, 1000 + n * 0.01, 256, () => s.instantiate(m));
    bomb(`${n} types: second instantiation`, 500, 16, () => s.instantiate(m));
  });

  it('ten million element segments (1,000,000 in CI)', () => {
    const n = LONG ? 10_000_000 : 1_000_000;
    const bytes = manyElemSegments(n);
    const m = bomb(`${n} element segments: new Module (${(bytes.length / MiB).toFixed(1)} MiB)`, 2000 + n * 0.005, 64 + (n * 16) / MiB, () => prepare(bytes));
    const s = new Store();
    const id = bomb(`${n} element segments: instantiate`, 2000 + n * 0.01, 64 + (n * 16) / MiB, () => s.instantiate(m));
    const table = s.exportOf(id, 't') as TableRef;
    expect(s.tableGet(table, 0)).toEqual(Val.funcref(null));
    expect(plain(done(s.invoke(id, 'init', [])))).toEqual([]);
    expect(s.tableGet(table, 0)).toEqual(Val.funcref(s.exportOf(id, 'f') as FuncRef));
    // Dropped: a second copy of it is out of bounds.
    expect(thrown(() => s.invoke(id, 'init', []))).toBeInstanceOf(Trap);
  });

  it('a million globals (100,000 in CI)', () => {
    const n = LONG ? 1_000_000 : 100_000;
    const bytes = manyGlobals(n);
    const m = bomb(`${n} globals: new Module (${(bytes.length / MiB).toFixed(1)} MiB)`, 2000 + n * 0.01, 64 + (n * 64) / MiB, () => prepare(bytes));
    const s = new Store();
    const id = bomb(`${n} globals: instantiate`, 2000 + n * 0.02, 64 + (n * 512) / MiB, () => s.instantiate(m));
    expect(s.getGlobal(id, 'g')).toEqual(Val.i32(n - 1));
  });

  it('100,000 nested blocks', () => {
    bomb('100,000 nested blocks: new Module and instantiate', 15000, 256, () => new Store().instantiate(prepare(nestedBlocks(100_000))));
  });

  it('1,400 nested loops in the compiled profile stay in the fast form where V8 cannot parse their JavaScript', () => {
    const s = new Store();
    const id = bomb('1,400 nested loops (V8 overflows parsing their JavaScript)', 10000, 64, () => s.instantiate(prepare(nestedLoops(1400))));
    expect(plain(done(s.invoke(id, 'f', [Val.i32(5)])))).toEqual([5]);
    expect(plain(done(s.invoke(id, 'f', [Val.i32(0)])))).toEqual([0]);
  });

  it('a br_table of a million targets', () => {
    bomb('br_table of 1,000,000 targets: new Module and instantiate', 15000, 256, () => new Store().instantiate(prepare(wideBrTable(1_000_000, 1))));
  });

  it('100,000 data segments', () => {
    bomb('100,000 data segments: new Module and instantiate', 10000, 128, () => new Store().instantiate(prepare(manyDataSegments(100_000))));
  });

  it('a table at the default limit, and growth up to it', () => {
    const s = new Store();
    bomb('table of 10,000,000 elements (the default limit)', 10000, 128, () => s.instantiate(watModule('(module (table 10000000 funcref))')));
    const t = new Store({ maxTableElements: 5_000_000 });
    const id = t.instantiate(watModule(`(module (table 0 funcref)
      (func (export "grow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))`));
    bomb('table.grow to 5,000,000 elements in steps of 100,000, then past it', 10000, 128, () => {
      for (let i = 0; i < 50; i++) expect(plain(done(t.invoke(id, 'grow', [Val.i32(100_000)])))).toEqual([i * 100_000]);
      expect(plain(done(t.invoke(id, 'grow', [Val.i32(1)])))).toEqual([-1]);
    });
  });

  it('a memory at its limit; memory.fill and memory.copy over all of it', () => {
    const pages = LONG ? 16384 : 2048; // 1 GiB, or 128 MiB
    const s = new Store({ maxMemoryBytes: pages * PAGE });
    const id = bomb(`memory of ${(pages * PAGE) / MiB} MiB (maxMemoryBytes)`, 10000, 64 + ((pages * PAGE) / MiB) * 1.2, () =>
      s.instantiate(watModule(`(module (memory (export "mem") ${pages})
        (func (export "fill") (param i32) (memory.fill (i32.const 0) (local.get 0) (i32.shl (memory.size) (i32.const 16))))
        (func (export "copy") (memory.copy (i32.const 1) (i32.const 0) (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 1))))
        (func (export "grow") (result i32) (memory.grow (i32.const 1))))`)),
    );
    expect(thrown(() => s.instantiate(watModule('(module (memory 1))')))).toBeInstanceOf(LimitError);
    expect(plain(done(s.invoke(id, 'grow', [])))).toEqual([-1]);
    // The platform commits a fresh memory's pages when they are first written: the fill pays for
    // them, and nothing more.
    bomb(`memory.fill of ${(pages * PAGE) / MiB} MiB (first writes)`, 5000 + ((pages * PAGE) / MiB) * 20, 32 + (pages * PAGE) / MiB, () => done(s.invoke(id, 'fill', [Val.i32(7)])));
    bomb(`memory.copy of ${(pages * PAGE) / MiB} MiB`, 5000 + ((pages * PAGE) / MiB) * 10, 32, () => done(s.invoke(id, 'copy', [])));
    const mem = s.memory(id);
    expect([mem[0], mem[mem.length - 1]]).toEqual([7, 7]);
  });

  it('with fuel, memory.fill over a whole memory pauses before it runs, until fuel pays for it', () => {
    const pages = LONG ? 16384 : 2048; // 1 GiB, or 128 MiB
    const bytes = pages * PAGE;
    const s = new Store({ fuel: 1_000_000, maxMemoryBytes: bytes });
    const id = s.instantiate(watModule(`(module (memory (export "mem") ${pages})
      (func (export "fill") (param i32) (memory.fill (i32.const 0) (local.get 0) (i32.shl (memory.size) (i32.const 16)))))`));
    // The fill costs one unit per 64 bytes: far more than the fuel given.
    const r = bomb(`memory.fill of ${bytes / MiB} MiB with 1,000,000 fuel: pauses`, 1000, 32, () => s.invoke(id, 'fill', [Val.i32(9)]));
    expect(r.kind).toBe('out-of-fuel');
    expect(s.memory(id)[0]).toBe(0);
    s.setFuel(bytes / 64);
    bomb(`memory.fill of ${bytes / MiB} MiB, resumed with fuel for it`, 5000 + (bytes / MiB) * 20, 32 + bytes / MiB, () => {
      if (r.kind === 'out-of-fuel') expect(done(r.resume())).toEqual([]);
    });
    expect(s.getFuel()).toBe(0);
    const mem = s.memory(id);
    expect([mem[0], mem[mem.length - 1]]).toEqual([9, 9]);
  });

  it('deep recursion with host calls in between, and past the limit', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 1, 1);
    const id = s.instantiate(watModule(`(module (import "env" "h" (func $h (param i32) (result i32)))
      (func $rec (export "rec") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else
            (if (i32.eqz (i32.rem_u (local.get 0) (i32.const 1000))) (then (drop (call $h (local.get 0)))))
            (i32.add (call $rec (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
      (func $deep (export "deep") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (call $deep (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))`));
    bomb('recursion 19,000 deep, a host call every 1,000 levels (each nesting a 500-deep invocation)', 10000, 64, () => {
      let r = s.invoke(id, 'rec', [Val.i32(19_000)]);
      let calls = 0;
      while (r.kind === 'host') {
        calls++;
        const inner = done(s.invoke(id, 'rec', [Val.i32(500)])); // no host call below 1,000
        r = r.call.resume(inner);
      }
      expect(calls).toBe(19);
      expect(plain(done(r))).toEqual([19_000]);
    });
    bomb('recursion past maxCallDepth traps, suspended in a host call below', 10000, 64, () => {
      const c = host(s.invoke(id, 'rec', [Val.i32(1000)]));
      const e = thrown(() => s.invoke(id, 'deep', [Val.i32(30_000)]));
      expect(e).toBeInstanceOf(Trap);
      expect((e as Trap).reason).toBe('call stack exhausted');
      expect(plain(done(c.resume([Val.i32(0)])))).toEqual([1000]);
    });
  });
});
