/**
 * Benchmark harness. Usage (after `pnpm build`, or via `pnpm bench` from the repo root):
 *
 *   node --expose-gc tooling/bench/dist/main.js [--quick] [--samples=N] [--suite=NAME[,NAME]] [--find-n] [--no-first-run] [--fuel] [--no-json] [FILTER...]
 *
 * FILTERs are substrings of module names (e.g. `fib esbuild`); without them every module runs.
 * Results are printed as tables (the execute suite first, then load, then validate), then a summary (the
 * geomeans), and saved as bench-results/<suite>.json at the repo root. The process exits 1 when a
 * suite reports a failure (our engine returning a wrong checksum, for one).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { now, type TimingOptions } from './measure.js';
import { findModules } from './modules.js';
import { repoRoot, resultsDir } from './paths.js';
import type { Suite } from './suite.js';
import { SUITES } from './suites/index.js';
import { renderTable } from './table.js';

interface Options {
  readonly quick: boolean;
  readonly samples: number | undefined;
  readonly suites: readonly string[];
  readonly json: boolean;
  readonly findN: boolean;
  readonly firstRun: boolean;
  readonly fuel: boolean;
  readonly filters: readonly string[];
}

const USAGE = `usage: bench [--quick] [--samples=N] [--suite=${SUITES.map((s) => s.name).join('|')}] [--find-n] [--no-first-run] [--fuel] [--no-json] [MODULE-FILTER...]`;

function parseArgs(argv: readonly string[]): Options {
  let quick = false;
  let samples: number | undefined;
  let suites: string[] = [];
  let json = true;
  let findN = false;
  let firstRun = true;
  let fuel = false;
  const filters: string[] = [];
  for (const arg of argv) {
    if (arg === '--') continue; // pnpm may pass it through
    else if (arg === '--quick') quick = true;
    else if (arg === '--no-json') json = false;
    else if (arg === '--find-n') findN = true;
    else if (arg === '--no-first-run') firstRun = false;
    else if (arg === '--fuel') fuel = true;
    else if (arg.startsWith('--samples=')) {
      samples = Number(arg.slice('--samples='.length));
      if (!Number.isInteger(samples) || samples < 1) throw new Error(`bad --samples: ${arg}`);
    } else if (arg.startsWith('--suite=')) suites = arg.slice('--suite='.length).split(',').filter(Boolean);
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else filters.push(arg);
  }
  return { quick, samples, suites, json, findN, firstRun, fuel, filters };
}

function timingOptions(o: Options): TimingOptions {
  return o.quick
    ? { samples: o.samples ?? 5, warmupMs: 50, minWarmupRuns: 2, minSampleMs: 20, maxIterations: 1_000_000 }
    : { samples: o.samples ?? 9, warmupMs: 300, minWarmupRuns: 3, minSampleMs: 100, maxIterations: 10_000_000 };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const selected: Suite[] =
    opts.suites.length === 0
      ? [...SUITES]
      : opts.suites.map((name) => {
          const s = SUITES.find((x) => x.name === name);
          if (s === undefined) throw new Error(`unknown suite ${name}\n${USAGE}`);
          return s;
        });
  const modules = await findModules(opts.filters);
  if (modules.length === 0) throw new Error(`no module matches ${opts.filters.join(' ')}`);
  const timing = timingOptions(opts);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);

  console.log(`node ${process.version} (V8 ${process.versions.v8}), ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}`);
  const summary: string[] = [];
  const failures: string[] = [];
  for (const suite of selected) {
    log(`running suite ${suite.name}${opts.quick ? ' (quick)' : ''} on ${modules.length} modules...`);
    const started = now();
    const report = await suite.run({ modules, timing, samples: opts.samples, quick: opts.quick, findN: opts.findN, firstRun: opts.firstRun, fuel: opts.fuel, log });
    log(`suite ${suite.name} took ${((now() - started) / 1000).toFixed(1)} s`);
    for (const table of report.tables) {
      console.log(`\n${table.title ?? suite.title}\n`);
      console.log(renderTable(table.columns, table.rows));
      for (const note of table.notes ?? []) console.log(`  ${note}`);
    }
    for (const note of report.notes) console.log(`  ${note}`);
    summary.push(...(report.summary ?? []));
    failures.push(...(report.failures ?? []).map((f) => `${suite.name}: ${f}`));
    if (opts.json) {
      const dir = resultsDir();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${suite.name}.json`);
      const record = {
        suite: suite.name,
        title: suite.title,
        date: new Date().toISOString(),
        node: process.version,
        v8: process.versions.v8,
        platform: `${process.platform}-${process.arch}`,
        cpu: cpus()[0]?.model ?? 'unknown',
        cpus: cpus().length,
        quick: opts.quick,
        filters: opts.filters,
        timing: report.timing ?? timing,
        summary: report.summary ?? [],
        failures: report.failures ?? [],
        results: report.results,
      };
      writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
      console.log(`  saved ${relative(repoRoot(), file)}`);
    }
  }
  if (summary.length > 0) console.log(`\n${summary.join('\n')}`);
  if (failures.length > 0) {
    console.log(`\n!! ${failures.length} FAILURE${failures.length === 1 ? '' : 'S'}:`);
    for (const f of failures) console.log(`!!   ${f}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
