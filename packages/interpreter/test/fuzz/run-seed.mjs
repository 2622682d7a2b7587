#!/usr/bin/env node
/**
 * Runs the ttf differential test for one seed (or a range) against the built dist and prints the
 * details. Build first: `cd /work/main && pnpm build`.
 *
 *   node test/fuzz/run-seed.mjs SEED            one seed, verbose: every export call, both outcomes
 *   node test/fuzz/run-seed.mjs SEED --wat      also print the module as text
 *   node test/fuzz/run-seed.mjs SEED --out F    also write the module to F
 *   node test/fuzz/run-seed.mjs SEED --denan    build with --denan (--no-denan: without), whatever
 *                                               the seed's default
 *   node test/fuzz/run-seed.mjs START COUNT     a range, summary only (as the vitest test)
 * (run from packages/interpreter; FUZZ_ENGINE=path/to/dist/index.js tests another build)
 */
import fs from 'node:fs';
import { cliCommand, genFlags, inputBytes, toText, usesDenan } from './ttf-gen.mjs';
import { runSeed, runSeeds, summaryText } from './ttf-run.mjs';

// FUZZ_ENGINE: another build of @proj/interpreter to test (a path to its dist/index.js).
const api = await import(process.env.FUZZ_ENGINE ? new URL(process.env.FUZZ_ENGINE, `file://${process.cwd()}/`).href : '../../dist/index.js');
const args = process.argv.slice(2);
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
if (positional.length === 0) {
  console.error('usage: node test/fuzz/run-seed.mjs SEED [--wat] [--out file.wasm] | START COUNT');
  process.exit(2);
}
const seed = Number(positional[0]);

if (positional.length >= 2) {
  const count = Number(positional[1]);
  const r = await runSeeds(api, seed, count);
  console.log(summaryText(r, seed, count));
  for (const f of r.failures) console.log(`seed ${f.seed}:\n  ${f.mismatches.join('\n  ')}`);
  process.exit(r.failures.length ? 1 : 0);
}

const denan = args.includes('--denan') ? true : args.includes('--no-denan') ? false : usesDenan(seed);
const r = await runSeed(api, seed, { verbose: true, denan });
console.log(`seed ${seed}: ${r.bytes.length} bytes, input ${inputBytes(seed).length} random bytes, flags ${genFlags(seed, denan).join(' ')}`);
console.log(`reproduce the module with the CLI: ${cliCommand(seed, `seed${seed}.wasm`, denan)}`);
console.log(`status: ${r.status}${r.skip ? ` (${r.skip})` : ''}`);
for (const d of r.details) console.log(d);
console.log(`stats: ${JSON.stringify(r.stats)}`);
const outAt = args.indexOf('--out');
if (outAt >= 0) {
  fs.writeFileSync(args[outAt + 1], r.bytes);
  console.log(`wrote ${args[outAt + 1]}`);
}
if (args.includes('--wat')) console.log(await toText(r.bytes));
if (r.nanAccepted) console.log(`accepted as NaN bits (no mismatch when built with --denan):\n  ${r.nanAccepted.join('\n  ')}`);
if (r.mismatches.length) {
  console.log(`MISMATCHES:\n  ${r.mismatches.join('\n  ')}`);
  process.exit(1);
}
console.log('no mismatch');
