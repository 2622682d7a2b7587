/**
 * First-run time: a fresh Module (or V8 module) and instance and its first run, in a fresh
 * process, so that nothing of an earlier run (V8's compiled code, warmed-up inline caches) helps.
 *
 * The parent calls `firstRun`, which starts `node dist/first-run.js ENGINE NAME SCALE-OR-N` and
 * reads one JSON line back; the child finds the module by name, then times prepare, instantiate
 * and the first run (`run(n)` of a kernel, or a program's workload), bytes already in memory.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oursEngine, v8Engine } from './engines.js';
import { errorText, formatNumber, geomean, now } from './measure.js';
import type { Column, ReportTable } from './suite.js';
import { type BenchModule, commandModules, kernelModules, localPrograms, npmLibraryModules, sharedBenchModules } from './modules.js';
import { type EngineName, isMetered, prepare, profileOf, type Scale, workloadFor } from './programs.js';

export interface FirstRun {
  /** Prepare (compile/validate and translate) in ms. */
  readonly prepareMs: number;
  /** Instantiate and the first run, in ms. */
  readonly runMs: number;
  /** Both. */
  readonly totalMs: number;
  /** The checksum of `run(n)` (as a decimal string) or the program's output, to check. */
  readonly result: string;
}

export type FirstRunResult = ({ readonly ok: true } & FirstRun) | { readonly ok: false; readonly error: string };

/** How long a child may run before it is given up (a first run of ours may take seconds). */
const CHILD_TIMEOUT_MS = 300_000;

/**
 * Runs one first run in a child process: `arg` is n for a kernel, or the scale for a program.
 * Never throws: a failure is `{ ok: false, error }`.
 */
export function firstRun(engine: EngineName, module: { name: string; source: string }, arg: number | Scale): FirstRunResult {
  // Under vitest this module runs from src/*.ts: the child runs the built script instead.
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.ts') ? join(dirname(here), '..', 'dist', 'first-run.js') : here;
  const child = spawnSync(process.execPath, [script, engine, module.name, module.source, String(arg)], {
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
    maxBuffer: 64 << 20,
  });
  if (child.error !== undefined) return { ok: false, error: errorText(child.error) };
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    return { ok: false, error: `child exited with ${child.status ?? child.signal}: ${(child.stderr || child.stdout).trim().slice(0, 300)}` };
  }
  return JSON.parse(line) as FirstRunResult;
}

/** The modules of one source only (the child loads nothing else: no wabt unless it needs it). */
async function modulesFrom(source: string): Promise<BenchModule[]> {
  if (source === 'kernels') return kernelModules();
  if (source === 'commands') return commandModules();
  if (source === 'shared/bench') return sharedBenchModules();
  if (source === 'programs') return localPrograms();
  if (source.startsWith('npm-lib:')) return npmLibraryModules();
  throw new Error(`no first run for modules from ${source}`);
}

/** The child's side: finds the module, times it, prints one JSON line. */
async function child(argv: readonly string[]): Promise<void> {
  const [engine, name, source, arg] = argv as [EngineName, string, string, string];
  const m = (await modulesFrom(source)).find((x) => x.name === name);
  if (m === undefined) throw new Error(`no module ${name} from ${source}`);
  const workload = workloadFor(m);
  if (workload !== undefined) {
    const input = workload.input(arg as Scale); // generating the input is not timed
    const t0 = now();
    const prepared = prepare(engine, m.bytes);
    const t1 = now();
    const result = await workload.run(engine, prepared, input);
    const t2 = now();
    print({ ok: true, prepareMs: t1 - t0, runMs: t2 - t1, totalMs: t2 - t0, result });
  } else {
    const e = engine === 'V8' ? v8Engine : oursEngine(profileOf(engine), isMetered(engine));
    const t0 = now();
    const prepared = e.prepare(m.bytes);
    const t1 = now();
    const result = e.instantiate(prepared)(Number(arg));
    const t2 = now();
    print({ ok: true, prepareMs: t1 - t0, runMs: t2 - t1, totalMs: t2 - t0, result: String(result) });
  }
}

function print(r: FirstRunResult): void {
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  child(process.argv.slice(2)).catch((e: unknown) => {
    print({ ok: false, error: errorText(e) });
  });
}

/** What the first-run table needs of a suite's result for one program. */
export interface FirstRunRow {
  readonly program: string;
  readonly firstRun: Readonly<Record<string, FirstRunResult>>;
  /** Per engine: its warm measurement, with its ratio to V8 when it ran. */
  readonly engines: Readonly<Record<string, { readonly status: string; readonly ratio?: number } | undefined>>;
}

/**
 * The first-run table (V8's first-run ms, then per profile its ms, its ratio to V8's first run
 * and its warm ratio), the per-profile geomeans of the first-run ratios, and the failures (a
 * first run of ours that failed or gave a wrong result).
 */
export function firstRunReport(suite: string, rows: readonly FirstRunRow[], profiles: readonly string[]): { table: ReportTable; summary: string[]; failures: string[] } {
  const fmt = formatNumber;
  const ratios = new Map<string, number[]>(profiles.map((p) => [p, []]));
  const failures: string[] = [];
  const notes: string[] = [];
  const cellRows = rows.map((r) => {
    const v8 = r.firstRun['V8'];
    const cells = [r.program, v8?.ok ? fmt(v8.totalMs) : 'error'];
    if (v8 !== undefined && !v8.ok) notes.push(`${r.program} on V8: ${v8.error}`);
    for (const p of profiles) {
      const x = r.firstRun[p];
      const e = r.engines[p];
      const warm = e?.status === 'ok' ? e.ratio : undefined;
      if (x === undefined) cells.push('-', '-');
      else if (!x.ok) {
        cells.push('error', '-');
        failures.push(`${r.program} on ${p}, first run: ${x.error}`);
      } else {
        const ratio = v8?.ok ? x.totalMs / v8.totalMs : NaN;
        if (Number.isFinite(ratio)) ratios.get(p)!.push(ratio);
        cells.push(fmt(x.totalMs), Number.isFinite(ratio) ? fmt(ratio) : '-');
      }
      cells.push(warm === undefined ? '-' : fmt(warm));
    }
    return cells;
  });
  const columns: Column[] = [
    { header: 'program', align: 'left' },
    { header: 'V8 first ms', align: 'right' },
    ...profiles.flatMap((p): Column[] => [
      { header: `${p} first ms`, align: 'right' },
      { header: 'first/V8', align: 'right' },
      { header: 'warm/V8', align: 'right' },
    ]),
  ];
  const summary = profiles.map((p) => {
    const xs = ratios.get(p)!;
    const label = `${suite}: geomean ${p}/V8 first run`.padEnd(40);
    return xs.length === 0 ? `${label} n/a` : `${label} ${fmt(geomean(xs))}  over ${xs.length} of ${rows.length} programs`;
  });
  return {
    table: {
      title: 'First run: a fresh process prepares the module, instantiates it and runs it once (ms), as a ratio to V8 doing the same',
      columns,
      rows: cellRows,
      notes: [
        'first ms = prepare (V8: new WebAssembly.Module, which compiles lazily) + instantiate + the first run, timed in a child process of its own, bytes already in memory; warm/V8 = the warm median ratio of the table above.',
        ...notes,
      ],
    },
    summary,
    failures,
  };
}
