#!/usr/bin/env node
/**
 * Runs the fuel differential test (fuel-diff.mjs) for one seed or a range against the built dist
 * and prints the summary and every mismatch. Build first: `pnpm build`.
 *
 *   node test/fuzz/run-fuel-seed.mjs SEED [COUNT]
 *   node test/fuzz/run-fuel-seed.mjs SEED --out F    also write the seed's module to F
 * (run from packages/interpreter; FUZZ_ENGINE=path/to/dist/index.js tests another build)
 */
import fs from 'node:fs';
import { generate } from './ttf-gen.mjs';
import { fuelSummaryText, runFuelSeeds } from './fuel-diff.mjs';

const api = await import(process.env.FUZZ_ENGINE ? new URL(process.env.FUZZ_ENGINE, `file://${process.cwd()}/`).href : '../../dist/index.js');
const args = process.argv.slice(2);
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
if (positional.length === 0) {
  console.error('usage: node test/fuzz/run-fuel-seed.mjs SEED [COUNT] [--out file.wasm]');
  process.exit(2);
}
const seed = Number(positional[0]);
const count = Number(positional[1] ?? 1);
const r = await runFuelSeeds(api, seed, count);
console.log(fuelSummaryText(r, seed, count));
for (const f of r.failures) console.log(`seed ${f.seed}:\n  ${f.mismatches.join('\n  ')}`);
const outAt = args.indexOf('--out');
if (outAt >= 0) {
  fs.writeFileSync(args[outAt + 1], await generate(seed));
  console.log(`wrote ${args[outAt + 1]}`);
}
process.exit(r.failures.length ? 1 : 0);
