/**
 * Validation time on generated modules of growing size, for the shapes that once made it
 * quadratic: it should grow linearly (each doubling of n about doubles the time).
 *
 *   node tooling/bench/dist/scaling.js        (after pnpm build)
 */
import { manyFunctions, manyReturns, nestedBlocks, wideBrTable } from '@proj/testkit';
import { validate } from '@proj/validator';

const SHAPES: readonly [string, (n: number) => Uint8Array][] = [
  ['n returns after unreachable, n results', (n) => manyReturns(n, n)],
  ['br_table of n targets, n results', (n) => wideBrTable(n, n)],
  ['n nested blocks', (n) => nestedBlocks(n)],
  ['n functions', (n) => manyFunctions(n)],
];

const SIZES = [25_000, 50_000, 100_000, 200_000, 400_000];

/** The median of 5 validations of `bytes`, in ms. */
function median(bytes: Uint8Array): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    validate(bytes);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2];
}

console.log(`| shape | ${SIZES.map((n) => `n = ${n.toLocaleString('en-US')}`).join(' | ')} |`);
console.log(`| --- | ${SIZES.map(() => '---').join(' | ')} |`);
for (const [name, make] of SHAPES) {
  const cells = SIZES.map((n) => {
    const bytes = make(n);
    return `${median(bytes).toFixed(1)} ms (${(bytes.length / 1024).toFixed(0)} kB)`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
