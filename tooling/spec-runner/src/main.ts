/**
 * WebAssembly 2.0 spec-test runner: reads the suite's .wast scripts, checks every module against
 * @proj/validator, runs the execution directives on @proj/interpreter and prints per-file counts
 * and a total line. Usage: main.js [file ...]
 * Environment: SPEC_VERBOSE=1 (all failures, wording differences and spectest prints),
 * SPEC_WORKERS, SPEC_TIMEOUT_S (per file), SPEC_PROFILE (Module profile; unset: the default),
 * SPEC_FUEL=1 (every Store metered, with ample fuel: a pause for fuel fails its directive), WASM_SPEC_DIR,
 * SPEC_FEATURES (opt-in wabt features for text modules, a comma-separated list of wabt's names:
 * `exceptions` for the exception-handling proposal's legacy scripts, with their `assert_exception`;
 * unset: the WebAssembly 2.0 set alone). A module wabt cannot assemble is skipped, with the reason
 * printed, and so are the directives that need its instance.
 * Legacy exception handling: WASM_SPEC_DIR=<dir of try_catch.wast etc.> SPEC_FEATURES=exceptions node dist/main.js
 */

import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { featureList, featuresFromEnv } from './assemble.js';
import { listScripts, scriptPath, selectScripts, specDir } from './config.js';
import { fuelFromEnv } from './interp-engine.js';
import { runPool } from './pool.js';
import { fileLine, issueLines, sumResults, summaryLines } from './report.js';

const FAILURE_CAP = 10;

function positiveNumber(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}

async function main(): Promise<number> {
  const started = performance.now();
  const verbose = process.env.SPEC_VERBOSE === '1';
  // Read here too, so that a bad SPEC_FUEL or SPEC_FEATURES stops the run before any worker starts.
  let metered: boolean;
  let features: ReturnType<typeof featuresFromEnv>;
  try {
    metered = fuelFromEnv() !== undefined;
    features = featuresFromEnv();
  } catch (e) {
    console.error(`spec-runner: ${(e as Error).message}`);
    return 1;
  }
  const dir = specDir();
  if (!existsSync(dir)) {
    console.error(`spec-runner: no spec directory at ${dir} (set WASM_SPEC_DIR)`);
    return 1;
  }
  const { selected, unknown } = selectScripts(listScripts(dir), process.argv.slice(2));
  if (unknown.length > 0) {
    console.error(`spec-runner: no such spec file: ${unknown.join(', ')}`);
    return 1;
  }

  // Largest scripts first, so that no big one is left to run alone at the end.
  const tasks = selected
    .map((file) => ({ file, path: scriptPath(dir, file) }))
    .sort((a, b) => statSync(b.path).size - statSync(a.path).size);
  const cpus = Math.max(1, availableParallelism());
  const workers = Math.min(cpus, Math.floor(positiveNumber(process.env.SPEC_WORKERS, cpus)));
  const timeoutMs = positiveNumber(process.env.SPEC_TIMEOUT_S, 600) * 1000;
  const results = await runPool(tasks, workers, timeoutMs);

  const ordered = selected.map((f) => results.get(f)).filter((r) => r !== undefined);
  const lines: string[] = [];
  for (const r of ordered) lines.push(fileLine(r), ...issueLines(r, { verbose, failureCap: FAILURE_CAP }));
  const totals = sumResults(ordered);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const used = Math.max(1, Math.min(workers, tasks.length));
  const profile = process.env.SPEC_PROFILE || 'the default (fast)';
  const extras = `${metered ? ', metered (SPEC_FUEL=1)' : ''}${features === undefined ? '' : `, wabt features + ${featureList(features)}`}`;
  const timing = `time: ${seconds} s for ${ordered.length} file(s) on ${used} worker(s), profile ${profile}${extras}`;
  lines.push(...summaryLines(totals, verbose, timing));
  console.log(lines.join('\n'));
  return totals.counts.failed > 0 || ordered.length < selected.length ? 1 : 0;
}

process.exitCode = await main();
