/**
 * Whole programs (see ../programs.ts): WASI commands written for the project and wasm libraries
 * that npm packages ship, each run to completion on V8 and on each profile in one process, with
 * the output checked against V8's (and, for WASI commands, V8's under node:wasi), and the time
 * of a complete run (fresh instance, run, output) as a ratio to V8's; plus a first run in a
 * fresh process per engine.
 */
import type { Profile } from '@proj/interpreter';
import { type FirstRunResult, firstRun, firstRunReport } from '../first-run.js';
import { type CompetitorOverride, errorText, formatNumber, formatSize, geomean, now, timeInterleavedAsync, type Timing, type TimingOptions, truncate } from '../measure.js';
import type { BenchModule } from '../modules.js';
import { type EngineName, prepare, type Scale, type Workload, workloadFor } from '../programs.js';
import type { Column, Suite, SuiteContext, SuiteReport } from '../suite.js';
import { runWasiOnNode, type WasiInput } from '../wasi-run.js';

const PROFILES: readonly Profile[] = ['fast', 'compact', 'compiled'];
const METERED: readonly EngineName[] = PROFILES.map((p) => `${p}+fuel` as const);

/** Our engines timed: each profile, and with --fuel each profile metered too. */
const oursTimed = (ctx: SuiteContext): readonly EngineName[] => (ctx.fuel ? [...PROFILES, ...METERED] : PROFILES);

/** Time budget of one engine's samples on one program (half the execute suite's, to keep a full run under 20 minutes). */
const BUDGET_MS = 5_000;
const QUICK_BUDGET_MS = 2_000;
const MIN_SAMPLES_OURS = 3;

function timingOptions(ctx: SuiteContext): TimingOptions {
  return ctx.quick
    ? { samples: ctx.samples ?? 3, warmupMs: 50, minWarmupRuns: 2, minSampleMs: 20, maxIterations: 1_000 }
    : { samples: ctx.samples ?? 5, warmupMs: 300, minWarmupRuns: 3, minSampleMs: 100, maxIterations: 1_000 };
}

type EngineResult =
  | { readonly status: 'ok'; readonly firstInProcessMs: number; readonly timing: Timing; readonly ratio: number }
  | { readonly status: 'error'; readonly stage: 'prepare' | 'run'; readonly reason: string }
  | { readonly status: 'mismatch'; readonly output: string };

interface ProgramResult {
  readonly program: string;
  readonly source: string;
  readonly bytes: number;
  readonly description: string;
  readonly scale: Scale;
  /** V8's output, the reference. */
  readonly output: string | null;
  /** For WASI commands: whether node:wasi gave V8 the same output as @proj/wasi. */
  readonly nodeWasi: 'same' | 'different' | 'not a WASI command' | string;
  readonly engines: Readonly<Record<string, EngineResult>>;
  readonly firstRun: Readonly<Record<string, FirstRunResult>>;
}

const firstLine = (s: string): string => s.split('\n', 1)[0] ?? '';

async function measure(m: BenchModule, workload: Workload, ctx: SuiteContext): Promise<ProgramResult> {
  const scale: Scale = ctx.quick ? 'test' : 'bench';
  const input = workload.input(scale);
  const engines: Record<string, EngineResult> = {};
  const base = { program: m.name, source: m.source, bytes: m.bytes.length, description: workload.description, scale };
  const timing = timingOptions(ctx);

  // The reference: V8 through @proj/wasi, then node:wasi as a check of @proj/wasi.
  let output: string;
  try {
    output = await workload.run('V8', prepare('V8', m.bytes), input);
  } catch (e) {
    engines['V8'] = { status: 'error', stage: 'run', reason: errorText(e) };
    return { ...base, output: null, nodeWasi: '-', engines, firstRun: {} };
  }
  let nodeWasi = 'not a WASI command';
  if (m.source === 'commands') {
    try {
      const r = runWasiOnNode(m.bytes, input as WasiInput);
      nodeWasi = new TextDecoder().decode(r.stdout) === output && r.exitCode === 0 ? 'same' : 'different';
    } catch (e) {
      nodeWasi = `node:wasi failed: ${errorText(e)}`;
    }
  }

  const ready: { engine: EngineName; fn: () => void | Promise<void>; override: CompetitorOverride | undefined; firstMs: number; bad: { output?: string } }[] = [];
  for (const engine of ['V8', ...oursTimed(ctx)] as const) {
    ctx.log(`    ${m.name}: ${engine} first run`);
    let prepared: object;
    try {
      prepared = prepare(engine, m.bytes);
    } catch (e) {
      engines[engine] = { status: 'error', stage: 'prepare', reason: errorText(e) };
      continue;
    }
    let got: string;
    const t0 = now();
    try {
      got = await workload.run(engine, prepared, input);
    } catch (e) {
      engines[engine] = { status: 'error', stage: 'run', reason: errorText(e) };
      continue;
    }
    const firstMs = now() - t0;
    if (got !== output) {
      engines[engine] = { status: 'mismatch', output: got };
      continue;
    }
    const bad: { output?: string } = {};
    const check = (o: string): void => {
      if (o !== output) bad.output = o;
    };
    // A library's run stays synchronous: only a WASI command's run is awaited.
    const fn = (): void | Promise<void> => {
      const o = workload.run(engine, prepared, input);
      return typeof o === 'string' ? check(o) : o.then(check);
    };
    const budget = ctx.quick ? QUICK_BUDGET_MS : BUDGET_MS;
    const override: CompetitorOverride | undefined =
      engine === 'V8' || firstMs < timing.minSampleMs
        ? undefined
        : { minWarmupRuns: 0, warmupMs: timing.warmupMs, samples: Math.max(firstMs <= budget ? MIN_SAMPLES_OURS : 1, Math.floor(budget / firstMs)) };
    ready.push({ engine, fn, override, firstMs, bad });
  }
  ctx.log(`    ${m.name}: timing ${ready.map((r) => r.engine).join(', ')}, interleaved`);
  const timings = await timeInterleavedAsync(
    ready.map((r) => r.fn),
    timing,
    ready.map((r) => r.override),
  );
  const v8 = ready.findIndex((r) => r.engine === 'V8');
  ready.forEach((r, k) => {
    engines[r.engine] =
      r.bad.output !== undefined
        ? { status: 'mismatch', output: r.bad.output }
        : { status: 'ok', firstInProcessMs: r.firstMs, timing: timings[k]!, ratio: v8 >= 0 ? timings[k]!.medianMs / timings[v8]!.medianMs : NaN };
  });

  const first: Record<string, FirstRunResult> = {};
  if (ctx.firstRun) {
    // A metered engine's first run is not measured (as in the run(n) suites).
    for (const engine of ['V8', ...PROFILES] as const) {
      const e = engines[engine];
      if (e?.status === 'error' && e.stage === 'prepare') continue;
      ctx.log(`    ${m.name}: ${engine} first run in a fresh process`);
      const r = firstRun(engine, m, scale);
      first[engine] = r.ok && r.result !== output ? { ok: false, error: `different output: ${truncate(firstLine(r.result), 100)}` } : r;
    }
  }
  return { ...base, output, nodeWasi, engines, firstRun: first };
}

export const programsSuite: Suite = {
  name: 'programs',
  title: 'Programs: WASI commands and npm wasm libraries run to completion, time as a ratio to V8 (ours/V8: larger is slower)',
  async run(ctx: SuiteContext): Promise<SuiteReport> {
    const selected = ctx.modules.flatMap((m) => {
      const w = workloadFor(m);
      return w === undefined ? [] : [{ m, w }];
    });
    if (selected.length === 0) return { tables: [], notes: ['programs: no program matches the filters'], results: { programs: [] } };
    const results: ProgramResult[] = [];
    for (const { m, w } of selected) {
      ctx.log(`  programs: ${m.name} (${formatSize(m.bytes.length)})`);
      results.push(await measure(m, w, ctx));
    }

    const ours = oursTimed(ctx);
    const columns: Column[] = [
      { header: 'program', align: 'left' },
      { header: 'source', align: 'left' },
      { header: 'size', align: 'right' },
      { header: 'V8 ms', align: 'right' },
      ...ours.flatMap((p): Column[] => [
        { header: `${p} ms`, align: 'right' },
        { header: `${p}/V8`, align: 'right' },
      ]),
      { header: 'output (first line, V8)', align: 'left' },
    ];
    const cell = (r: EngineResult | undefined): [string, string] => {
      if (r === undefined) return ['-', '-'];
      if (r.status === 'ok') return [formatNumber(r.timing.medianMs), formatNumber(r.ratio)];
      return r.status === 'error' ? ['error', '-'] : ['!! MISMATCH', '-'];
    };
    const rows = results.map((r) => [
      r.program,
      r.source,
      formatSize(r.bytes),
      cell(r.engines['V8'])[0],
      ...ours.flatMap((p) => cell(r.engines[p])),
      r.output === null ? '-' : truncate(firstLine(r.output), 60),
    ]);

    const notes: string[] = [
      `Each run is complete: a fresh instance of the prepared module, the program (WASI: _start through @proj/wasi, runCommand on ours and WasiJsApi on V8; libraries: the calls hash-wasm makes), its output. Time: median of interleaved samples; every engine warms up for >= ${timingOptions(ctx).warmupMs} ms; an engine whose first run took >= ${timingOptions(ctx).minSampleMs} ms is timed one run per sample after that, as many as fit in ${(ctx.quick ? QUICK_BUDGET_MS : BUDGET_MS) / 1000} s (at least ${MIN_SAMPLES_OURS}, or 1 when one run outlasts that time).`,
      `Every run's output is compared with V8's${ctx.quick ? '; --quick: the test-sized inputs' : ''}.`,
      ...(ctx.fuel ? ['<profile>+fuel: the same runs metered with ample fuel (WASI: runCommand with fuel 2 ** 53 - 1; libraries: new Store({ fuel: 2 ** 53 - 1 })).'] : []),
      ...results.map((r) => `${r.program}: ${r.description}${r.source === 'commands' ? `; node:wasi on V8: ${r.nodeWasi}` : ''}.`),
    ];
    const failures: string[] = [];
    for (const r of results) {
      const v8 = r.engines['V8'];
      if (r.output === null) failures.push(`${r.program}: V8 cannot run it${v8?.status === 'error' ? `: ${v8.reason}` : ''}`);
      if (r.output !== null && r.source === 'commands' && r.nodeWasi !== 'same') failures.push(`${r.program}: @proj/wasi and node:wasi disagree on V8 (${r.nodeWasi})`);
      for (const p of ours) {
        const x = r.engines[p];
        if (x?.status === 'error') failures.push(`${r.program} on ${p}: ${x.stage} failed: ${truncate(x.reason, 200)}`);
        if (x?.status === 'mismatch') failures.push(`${r.program} on ${p}: different output: ${truncate(firstLine(x.output), 100)}`);
      }
    }
    const summary = ours.map((p) => {
      const xs = results.flatMap((r) => {
        const x = r.engines[p];
        return x?.status === 'ok' ? [x.ratio] : [];
      });
      const label = `programs: geomean ${p}/V8`.padEnd(40);
      return xs.length === 0 ? `${label} n/a` : `${label} ${formatNumber(geomean(xs))}  over ${xs.length} of ${results.length} programs${ctx.quick ? ' [quick: test inputs]' : ''}`;
    });
    const first = ctx.firstRun ? firstRunReport('programs', results, PROFILES) : undefined;
    if (first !== undefined) {
      summary.push(...first.summary);
      failures.push(...first.failures);
    }
    return {
      tables: [{ columns, rows, notes }, ...(first !== undefined ? [first.table] : [])],
      notes: [],
      results: { timing: timingOptions(ctx), programs: results },
      summary,
      failures,
    };
  },
};
