/**
 * The JavaScript embedding's implementation limits: a module past one does not compile (and
 * `validate` says false), as in V8; a table that starts past 10,000,000 elements fails at
 * instantiation.
 */
import { describe, expect, it } from 'vitest';
import { ByteWriter, functype, HEADER, moduleOf, name, section, uleb, vec } from '@proj/testkit';
import { call, ours, outcome, v8 } from './helpers.js';
import type { WebAssemblyNamespace } from '../src/index.js';

const I32 = 0x7f;

function module(...sections: number[][]): Uint8Array {
  return new Uint8Array([...HEADER, ...sections.flat()]);
}

const cases: [string, Uint8Array][] = [
  ['1,000 params', module(section(1, vec([functype(new Array(1000).fill(I32))])))],
  ['1,001 params', module(section(1, vec([functype(new Array(1001).fill(I32))])))],
  ['1,001 results', module(section(1, vec([functype([], new Array(1001).fill(I32))])))],
  [
    '100,001 exports',
    module(
      section(6, vec([[I32, 0, 0x41, 0, 0x0b]])),
      section(7, vec(Array.from({ length: 100_001 }, (_, i) => [...name(`e${i}`), 3, 0]))),
    ),
  ],
];

describe('implementation limits, as V8', () => {
  it.each(cases)('%s', (_, bytes) => {
    const run = (W: WebAssemblyNamespace) => [W.validate(bytes), outcome(() => !!new W.Module(bytes))];
    expect(run(ours())).toEqual(run(v8));
  });

  it('a table of more than 10,000,000 elements compiles but does not instantiate', () => {
    const table = (n: number) => module(section(4, vec([[0x70, 0, ...uleb(n)]])));
    const run = (W: WebAssemblyNamespace) =>
      [10_000_000, 10_000_001].map((n) => [W.validate(table(n)), outcome(() => !!new W.Instance(new W.Module(table(n))))]);
    expect(run(ours())).toEqual(run(v8));
    expect(run(ours())[1]).toEqual([true, { threw: 'RangeError' }]);
  });

  it('a Table object may declare a maximum past 10,000,000 but not start or grow past it', () => {
    const run = (W: WebAssemblyNamespace) => {
      const big = outcome(() => !!new W.Table({ element: 'anyfunc', initial: 10_000_001 }));
      const table = new W.Table({ initial: 1, maximum: 10_000_001, element: 'anyfunc' });
      return [big, table.length, outcome(() => table.grow(10_000_000)), outcome(() => table.grow(9_999_999)), table.length];
    };
    expect(run(ours())).toEqual(run(v8));
    expect(run(ours())[2]).toEqual({ threw: 'RangeError' });
  });
});

describe('modules at a limit, as V8', () => {
  /** Validates, compiles (both ways) and instantiates `bytes`; `run` calls the instance. */
  const attempt = async (W: WebAssemblyNamespace, bytes: Uint8Array, run: (exports: Record<string, unknown>) => unknown = () => 'instantiated') => [
    W.validate(bytes),
    await W.compile(bytes).then(
      () => 'compiled',
      (e: Error) => e.constructor.name,
    ),
    outcome(() => run(new W.Instance(new W.Module(bytes)).exports)),
  ];

  it('100,000 equal types, a function of the last one', async () => {
    const n = 100_000;
    const bytes = moduleOf([
      [1, new ByteWriter().u32(n).repeat(n, functype([I32], [I32]))],
      [3, new ByteWriter().u32(1).u32(n - 1)],
      [7, new ByteWriter().u32(1).bytes(name('f')).bytes([0x00, 0x00])],
      [10, new ByteWriter().u32(1).sized(new ByteWriter().bytes([0x00, 0x20, 0x00, 0x0b]))],
    ]);
    const echo = (e: Record<string, unknown>) => call(e.f, 7);
    const got = await attempt(ours(), bytes, echo);
    expect(got).toEqual(await attempt(v8, bytes, echo));
    expect(got).toEqual([true, 'compiled', { value: 7 }]);
  });

  it('a function of 50,000 locals, parameters included, runs; one more does not compile', async () => {
    const fn = (locals: number) => {
      // (param i32 i32) (result i32): the sum of the parameters and the last local (zero).
      const last = uleb(locals - 1);
      const code = new ByteWriter().bytes([1, ...uleb(locals - 2), I32, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x20, ...last, 0x6a, 0x0b]);
      return moduleOf([
        [1, new ByteWriter().u32(1).bytes(functype([I32, I32], [I32]))],
        [3, new ByteWriter().u32(1).u32(0)],
        [7, new ByteWriter().u32(1).bytes(name('f')).bytes([0x00, 0x00])],
        [10, new ByteWriter().u32(1).sized(code)],
      ]);
    };
    const sum = (e: Record<string, unknown>) => call(e.f, 40, 2);
    const got = [await attempt(ours(), fn(50_000), sum), await attempt(ours(), fn(50_001), sum)];
    expect(got).toEqual([await attempt(v8, fn(50_000), sum), await attempt(v8, fn(50_001), sum)]);
    expect(got[0]).toEqual([true, 'compiled', { value: 42 }]);
  });

  it.each([1_000_000, 1_000_001])('%i tags (exception handling: at most 1,000,000)', async (n) => {
    const bytes = moduleOf([
      [1, new ByteWriter().u32(1).bytes(functype())],
      [13, new ByteWriter().u32(n).repeat(n, [0x00, 0x00])],
    ]);
    const got = await attempt(ours(), bytes);
    expect(got).toEqual(await attempt(v8, bytes));
    expect(got[1]).toBe(n === 1_000_000 ? 'compiled' : 'CompileError');
  });

  it('100,000 exports: Module.exports and the exports object list them all', () => {
    const n = 100_000;
    const exports = new ByteWriter().u32(n);
    for (let i = 0; i < n; i++) exports.bytes(name(`e${i}`)).bytes([0x00, 0x00]);
    const bytes = moduleOf([
      [1, new ByteWriter().u32(1).bytes(functype())],
      [3, new ByteWriter().u32(1).u32(0)],
      [7, exports],
      [10, new ByteWriter().u32(1).sized(new ByteWriter().bytes([0x00, 0x0b]))],
    ]);
    const run = (W: WebAssemblyNamespace) => {
      const m = new W.Module(bytes);
      const e = new W.Instance(m).exports;
      const keys = Object.keys(e);
      return [W.Module.exports(m).length, keys.length, keys[n - 1], e.e0 === e[`e${n - 1}`]];
    };
    expect(run(ours())).toEqual(run(v8));
  });
});

describe('a module past a limit is refused before it is decoded', () => {
  it('a count past a limit, whatever follows it', async () => {
    // An element section claiming 10,000,001 segments holds one byte.
    const bytes = module(section(9, [...uleb(10_000_001), 0x00]));
    const W = ours();
    expect(W.validate(bytes)).toBe(false);
    expect(() => new W.Module(bytes)).toThrow(/element segments: 10000001 is past the limit of 10000000/);
    await expect(W.compile(bytes)).rejects.toBeInstanceOf(W.CompileError);
    expect(v8.validate(bytes)).toBe(false);
    expect(outcome(() => new v8.Module(bytes))).toEqual({ threw: 'CompileError' });
  });

  it('tag imports are read whole, whatever their type index: the counts after them hold', () => {
    // Two tag imports of type 150 (a two-byte index), then a function count past the limit.
    const tagImport = new ByteWriter().bytes(name('m')).bytes(name('t')).bytes([0x04, 0x00]).u32(150);
    const bytes = moduleOf([
      [1, new ByteWriter().u32(200).repeat(200, functype())],
      [2, new ByteWriter().u32(2).bytes(tagImport.result()).bytes(tagImport.result())],
      [3, new ByteWriter().u32(1_000_001)],
    ]);
    expect(() => new (ours().Module)(bytes)).toThrow(/functions: 1000001 is past the limit of 1000000/);
  });

  it('more than 1 GiB of bytes: no copy is made of them', async () => {
    // Never written but for the header: the platform has not committed its pages.
    const bytes = new Uint8Array(2 ** 30 + 1);
    bytes.set(HEADER);
    const rss = process.memoryUsage().rss;
    const W = ours();
    expect(W.validate(bytes)).toBe(false);
    expect(() => new W.Module(bytes)).toThrow(/module size: 1073741825 is past the limit of 1073741824/);
    await expect(W.compile(bytes)).rejects.toBeInstanceOf(W.CompileError);
    await expect(W.instantiate(bytes)).rejects.toBeInstanceOf(W.CompileError);
    // A copy would commit a gigabyte.
    expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 2 ** 20);
  });
});
