/**
 * The JavaScript embedding's implementation limits: a module past one does not compile (and
 * `validate` says false), as in V8; a table that starts past 10,000,000 elements fails at
 * instantiation.
 */
import { describe, expect, it } from 'vitest';
import { functype, HEADER, name, section, uleb, vec } from '@proj/testkit';
import { ours, outcome, v8 } from './helpers.js';
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
