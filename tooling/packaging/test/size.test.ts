import { expect, it } from 'vitest';
import { measure, measureAll } from '../src/size.js';

const rows = await measureAll();
const row = (name: string) => rows.find((r) => r.name === name)!;
const files = (name: string) => row(name).inputs.map(([file]) => file);

it('a bundle of one profile holds none of the other profiles’ code (compiled runs on fast)', () => {
  expect(files('fast only').filter((f) => /\/(compact|compiled)\//.test(f))).toEqual([]);
  expect(files('compact only').filter((f) => /\/(fast|compiled)\//.test(f))).toEqual([]);
  expect(files('compiled only').filter((f) => /\/compact\//.test(f))).toEqual([]);
  expect(files('compiled only')).toEqual(expect.arrayContaining([expect.stringMatching(/fast\/run\.js$/)]));
  expect(files('umbrella')).toEqual(expect.arrayContaining([expect.stringMatching(/compact\/run\.js$/), expect.stringMatching(/compiled\/templates\.js$/)]));
});

it('each one-profile bundle is smaller than the umbrella, compact the smallest, and the validator alone holds no executor', () => {
  for (const name of ['fast only', 'compact only', 'compiled only']) expect(row(name).gzip).toBeLessThan(row('umbrella').gzip);
  expect(row('compact only').gzip).toBeLessThan(row('fast only').gzip);
  expect(files('validator').filter((f) => f.includes('interp-core') || f.includes('store'))).toEqual([]);
});

it('gzip bytes by input rank the validator bundle’s files, each below the whole', async () => {
  const { gzip, gzipInputs } = await measure('validator', '', `export { validate } from '@proj/validator';`, true);
  const bytes = new Map(gzipInputs);
  // The opcode table and the function validator are the two largest parts (2-3 KB each).
  expect(gzipInputs!.slice(0, 2).map(([file]) => file).sort()).toEqual(['packages/decoder/src/opcodes.ts', 'packages/validator/src/func.ts']);
  expect(bytes.get('packages/decoder/src/opcodes.ts')).toBeGreaterThan(1000);
  expect(Math.max(...bytes.values())).toBeLessThan(gzip / 2);
});
