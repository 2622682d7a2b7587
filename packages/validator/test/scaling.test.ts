/**
 * Validation time grows linearly with the module, on the shapes that made it quadratic: label
 * arity paid per branch in unreachable code (`return`s after `unreachable` in a function of many
 * results) and per br_table target. Quadrupling the size must take well under 16 times as long
 * (what a quadratic cost would take; linear is 4, and the collector adds some).
 */
import { manyReturns, wideBrTable } from '@proj/testkit';
import { expect, it } from 'vitest';
import { validate } from '../src/index.js';

/** The fastest of a few validations of `bytes`, in ms. */
function fastest(bytes: Uint8Array): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    validate(bytes);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const SHAPES = [
  ['n returns after unreachable, n results', (n: number) => manyReturns(n, n)],
  ['a br_table of n targets, n results', (n: number) => wideBrTable(n, n)],
] as const;

it.each(SHAPES)('%s: linear in n', (_name, make) => {
  const small = fastest(make(50_000));
  const large = fastest(make(200_000));
  // 100,000 took 85 s and 20 s when it was quadratic. Timer and collector noise dominate below
  // 10 ms, hence the floor.
  expect(large).toBeLessThan(10_000);
  expect(large / Math.max(small, 10)).toBeLessThan(10);
});
