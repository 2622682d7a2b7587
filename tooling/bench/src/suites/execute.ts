/**
 * Execution speed, load time and footprint: each program's `run(n)` on V8's own WebAssembly, on
 * our engine in each profile and on polywasm, in one process; plus, per profile, the time to
 * prepare a Module and the bytes a prepared Module keeps alive.
 */
import { errorText, formatNumber, formatSize, geomean, mbPerSecond, now, timeInterleaved, type Timing, type TimingOptions, type CompetitorOverride, truncate } from '../measure.js';
import { type Engine, oursEngine, polywasmEngine, type RunFn, v8Engine } from '../engines.js';
import { countToTotal, retainedPerObject } from '../footprint.js';
import type { BenchModule } from '../modules.js';
import type { Column, Suite, SuiteContext, SuiteReport } from '../suite.js';
import { type FirstRunResult, firstRun, firstRunReport } from '../first-run.js';

/**
 * n per program: V8 takes roughly 20-50 ms per `run(n)` (found by doubling with `--find-n` on
 * node 20 / V8 11.3, then fixed so runs stay comparable). A program missing here gets its n by
 * doubling at bench time.
 */
export const N_PER_PROGRAM: Readonly<Record<string, number>> = {
  // ../shared/bench
  bytes: 2048,
  fib: 1024,
  i64: 2048,
  indirect: 2048,
  interp: 1024,
  mandel: 256,
  matmul: 1024,
  sieve: 256,
  // tooling/bench/programs
  bulk: 16384,
  hash64: 4096,
  // tooling/bench/kernels
  coremark: 256,
  nbody: 2048,
  recurse: 1024,
  sha512: 4096,
  // the SIMD kernels at n for V8's 1-3 ms: compiled ran them 100-1000 times slower than fast
  // (December 2026), and at V8's 20-50 ms one run of theirs took minutes
  simd_blend: 64,
  simd_bytes: 256,
  simd_dot: 512,
  sort64: 32,
};

/** `--quick` runs every program with n / QUICK_N_DIVISOR (V8 then takes about 1 ms per run). */
const QUICK_N_DIVISOR = 32;

/** Doubling stops at the first n whose V8 run takes at least this long (so it lands in 20-40 ms). */
const TARGET_V8_MS = 20;

/** The profiles tried: one that throws UnsupportedError gets "n/a". */
const PROFILES = ['fast', 'compact', 'compiled'] as const;

function executeTiming(ctx: SuiteContext): TimingOptions {
  return ctx.quick
    ? { samples: ctx.samples ?? 3, warmupMs: 50, minWarmupRuns: 2, minSampleMs: 20, maxIterations: 10_000 }
    : { samples: ctx.samples ?? 5, warmupMs: 200, minWarmupRuns: 3, minSampleMs: 100, maxIterations: 10_000 };
}

function loadTiming(ctx: SuiteContext): TimingOptions {
  return ctx.quick
    ? { samples: ctx.samples ?? 5, warmupMs: 20, minWarmupRuns: 2, minSampleMs: 10, maxIterations: 100_000 }
    : { samples: ctx.samples ?? 9, warmupMs: 100, minWarmupRuns: 3, minSampleMs: 50, maxIterations: 100_000 };
}

/**
 * Time budget of one engine's samples on one program: an engine whose runs take seconds gets
 * fewer samples (as many as fit), so a full run stays within minutes; our profiles still get at
 * least MIN_SAMPLES_OURS, the peer at least one.
 */
function sampleBudgetMs(ctx: SuiteContext, fullMs = 10_000): number {
  return ctx.quick ? 2_000 : fullMs;
}
const MIN_SAMPLES_OURS = 3;

/** Modules kept alive for the footprint measurement: enough that the growth dwarfs GC noise. */
function retainedCount(size: number): number {
  return countToTotal(size, 2e6, 20, 500);
}

type EngineResult =
  | {
      readonly status: 'ok';
      readonly checksum: number;
      /** The first call (the one whose checksum is checked before timing), in ms. */
      readonly firstRunMs: number;
      readonly timing: Timing;
      /** This engine's median / V8's median (larger is slower); 1 for V8 itself. */
      readonly ratio: number;
    }
  | { readonly status: 'n/a'; readonly reason: string }
  | { readonly status: 'error'; readonly stage: 'prepare' | 'instantiate' | 'run'; readonly reason: string }
  | { readonly status: 'mismatch'; readonly checksum: number; readonly expected: number; readonly when: 'first run' | 'timed run' };

interface LoadResult {
  readonly timing: Timing;
  readonly medianMs: number;
  readonly mbPerS: number;
}

interface RetainedResult {
  readonly bytesPerModule: number;
  /** bytesPerModule / module size (the compact profile's target is <= 1.3). */
  readonly ratioToSize: number;
  readonly modules: number;
}

interface ProgramResult {
  readonly program: string;
  readonly source: string;
  readonly path: string;
  readonly bytes: number;
  /** The program's n (from the table, or found by doubling). */
  readonly n: number;
  readonly nFrom: 'table' | 'doubling';
  /** The n actually run: n, or n / QUICK_N_DIVISOR under --quick. */
  readonly nRun: number;
  /**
   * Whether `run(nRun)` returns the same checksum on a fresh instance and when called again on
   * it (checked on V8). If so, each engine keeps one instance; if not, every timed call
   * instantiates afresh.
   */
  readonly reentrant: boolean;
  /** V8's checksum, the reference. */
  readonly checksum: number | null;
  readonly engines: Readonly<Record<string, EngineResult>>;
  readonly load: Readonly<Record<string, LoadResult>>;
  readonly retained: Readonly<Record<string, RetainedResult>>;
  /** Per engine (V8 and each profile): a fresh process's prepare + instantiate + first run(nRun). */
  readonly firstRun: Readonly<Record<string, FirstRunResult>>;
}

const isUnsupported = (e: unknown): boolean => e instanceof Error && (e as { kind?: unknown }).kind === 'unsupported';

const hex = (x: number): string => `0x${(x >>> 0).toString(16).padStart(8, '0')}`;

function timeOnce(fn: () => number): { value: number; ms: number } {
  const start = now();
  const value = fn();
  return { value, ms: now() - start };
}

/** Doubles n from 1 until V8's fastest of three runs takes >= TARGET_V8_MS. */
function findN(run: RunFn): number {
  for (let i = 0; i < 3; i++) run(1); // let V8 tier `run` up
  for (let n = 1; n <= 1 << 24; n *= 2) {
    run(n);
    let best = Infinity;
    for (let i = 0; i < 3; i++) best = Math.min(best, timeOnce(() => run(n)).ms);
    if (best >= TARGET_V8_MS) return n;
  }
  throw new Error(`no n up to 2^24 makes run(n) take ${TARGET_V8_MS} ms on V8`);
}

/** A competitor that passed its checks, ready to time. */
interface Ready {
  readonly engine: Engine;
  readonly fn: () => unknown;
  readonly override: CompetitorOverride | undefined;
  readonly checksum: number;
  readonly firstRunMs: number;
}

/**
 * Prepares, instantiates and runs `engine` once: the result is either a competitor ready to time
 * or the reason it is not.
 */
function setUp(
  engine: Engine,
  bytes: Uint8Array,
  nRun: number,
  expected: number,
  reentrant: boolean,
  timing: TimingOptions,
  budgetMs: number,
  mismatches: { count: number; last: number },
): Ready | EngineResult {
  let prepared: unknown;
  try {
    prepared = engine.prepare(bytes);
  } catch (e) {
    return isUnsupported(e) ? { status: 'n/a', reason: errorText(e) } : { status: 'error', stage: 'prepare', reason: errorText(e) };
  }
  let runner: RunFn;
  try {
    runner = engine.instantiate(prepared);
  } catch (e) {
    return isUnsupported(e) ? { status: 'n/a', reason: errorText(e) } : { status: 'error', stage: 'instantiate', reason: errorText(e) };
  }
  let first: { value: number; ms: number };
  try {
    first = timeOnce(() => runner(nRun));
  } catch (e) {
    return { status: 'error', stage: 'run', reason: errorText(e) };
  }
  if (first.value !== expected) {
    return { status: 'mismatch', checksum: first.value, expected, when: 'first run' };
  }
  const want = first.value;
  const check = (v: number): void => {
    if (v !== want) {
      mismatches.count++;
      mismatches.last = v;
    }
  };
  const fn = reentrant ? (): void => check(runner(nRun)) : (): void => check(engine.instantiate(prepared)(nRun));
  // Every engine warms up for the same time (V8 tiers `run` up; `compiled` waits for V8 to
  // optimize its translations). One whose first call already lasted a whole sample is timed one
  // call per sample after that, as many as fit in the budget.
  const override: CompetitorOverride | undefined =
    engine === v8Engine || first.ms < timing.minSampleMs
      ? undefined
      : {
          minWarmupRuns: 0,
          warmupMs: timing.warmupMs,
          samples: Math.max(engine.ours && first.ms <= budgetMs ? MIN_SAMPLES_OURS : 1, Math.floor(budgetMs / first.ms)),
        };
  return { engine, fn, override, checksum: want, firstRunMs: first.ms };
}

function measureProgram(m: BenchModule, ctx: SuiteContext, engines: readonly Engine[], budgetMs: number): ProgramResult {
  const bytes = m.bytes;
  const timing = executeTiming(ctx);
  const tableN = N_PER_PROGRAM[m.name];
  const base = { program: m.name, source: m.source, path: m.path, bytes: bytes.length };
  const engineResults: Record<string, EngineResult> = {};

  // The reference: V8. Without it there is nothing to compare with (the other engines are not run).
  const useTable = tableN !== undefined && !ctx.findN;
  let n: number;
  let nRun: number;
  let expected: number;
  let reentrant: boolean;
  try {
    n = useTable ? tableN : findN(v8Engine.instantiate(v8Engine.prepare(bytes)));
    if (!useTable) ctx.log(`    ${m.name}: n = ${n} (found by doubling${tableN !== undefined ? `; the table says ${tableN}` : ''})`);
    nRun = ctx.quick ? Math.max(1, Math.floor(n / QUICK_N_DIVISOR)) : n;
    const fresh = v8Engine.instantiate(v8Engine.prepare(bytes));
    expected = fresh(nRun);
    reentrant = fresh(nRun) === expected;
  } catch (e) {
    engineResults[v8Engine.name] = { status: 'error', stage: 'run', reason: errorText(e) };
    return { ...base, n: tableN ?? 0, nFrom: 'table', nRun: 0, reentrant: false, checksum: null, engines: engineResults, load: {}, retained: {}, firstRun: {} };
  }

  const ready: Ready[] = [];
  const mismatchCounts = new Map<string, { count: number; last: number }>();
  for (const engine of engines) {
    ctx.log(`    ${m.name}: ${engine.name} first run`);
    const mm = { count: 0, last: 0 };
    mismatchCounts.set(engine.name, mm);
    const r = setUp(engine, bytes, nRun, expected, reentrant, timing, budgetMs, mm);
    if ('engine' in r) ready.push(r);
    else engineResults[engine.name] = r;
  }
  ctx.log(
    `    ${m.name}: timing ${ready.map((r) => `${r.engine.name} (${Math.min(timing.samples, r.override?.samples ?? timing.samples)} samples)`).join(', ')}, interleaved`,
  );
  const timings = timeInterleaved(
    ready.map((r) => r.fn),
    timing,
    ready.map((r) => r.override),
  );
  const v8Index = ready.findIndex((r) => r.engine === v8Engine);
  const v8Median = v8Index >= 0 ? timings[v8Index]!.medianMs : NaN;
  ready.forEach((r, k) => {
    const mm = mismatchCounts.get(r.engine.name)!;
    engineResults[r.engine.name] =
      mm.count > 0
        ? { status: 'mismatch', checksum: mm.last, expected: r.checksum, when: 'timed run' }
        : { status: 'ok', checksum: r.checksum, firstRunMs: r.firstRunMs, timing: timings[k]!, ratio: timings[k]!.medianMs / v8Median };
  });

  // Load time and footprint, for each profile of ours that prepares this program (once: a
  // metered engine prepares the same Module).
  const prepares = (r: EngineResult | undefined): boolean => r !== undefined && r.status !== 'n/a' && !(r.status === 'error' && r.stage === 'prepare');
  const profiles = engines.filter((e) => e.ours && !e.metered && prepares(engineResults[e.name]));
  const load: Record<string, LoadResult> = {};
  const retained: Record<string, RetainedResult> = {};
  if (profiles.length > 0) {
    ctx.log(`    ${m.name}: load time (${profiles.map((e) => e.name).join(', ')})`);
    const lt = timeInterleaved(
      profiles.map((e) => () => e.prepare(bytes)),
      loadTiming(ctx),
    );
    profiles.forEach((e, k) => {
      load[e.name] = { timing: lt[k]!, medianMs: lt[k]!.medianMs, mbPerS: mbPerSecond(bytes.length, lt[k]!.medianMs) };
    });
    for (const e of profiles) {
      const r = retainedPerObject(() => e.prepare(bytes.slice()), retainedCount(bytes.length));
      retained[e.name] = { bytesPerModule: r.bytesPerModule, ratioToSize: r.bytesPerModule / bytes.length, modules: r.count };
    }
  }
  const first: Record<string, FirstRunResult> = {};
  if (ctx.firstRun) {
    for (const e of [v8Engine, ...profiles]) {
      ctx.log(`    ${m.name}: ${e.name} first run in a fresh process`);
      const r = firstRun(e.name as 'V8', m, nRun);
      first[e.name] = r.ok && r.result !== String(expected) ? { ok: false, error: `wrong checksum ${hex(Number(r.result))}, V8 says ${hex(expected)}` } : r;
    }
  }
  const inOrder: Record<string, EngineResult> = {};
  for (const e of engines) if (engineResults[e.name] !== undefined) inOrder[e.name] = engineResults[e.name]!;
  return { ...base, n, nFrom: useTable ? 'table' : 'doubling', nRun, reentrant, checksum: expected, engines: inOrder, load, retained, firstRun: first };
}

/** The two cells (ms, ratio) of one engine in the speed table. */
function speedCells(r: EngineResult | undefined): [string, string] {
  if (r === undefined) return ['-', '-'];
  switch (r.status) {
    case 'ok':
      return [formatNumber(r.timing.medianMs), formatNumber(r.ratio)];
    case 'n/a':
      return ['n/a', 'n/a'];
    case 'error':
      return ['error', '-'];
    case 'mismatch':
      return ['!! MISMATCH', `got ${hex(r.checksum)}`];
  }
}

/** Geomean of one engine's time ratios over the programs of one source, with what it left out. */
interface Geomean {
  readonly engine: string;
  readonly geomean: number | null;
  readonly programs: string[];
  readonly excluded: { program: string; status: string }[];
}

function geomeanOf(engine: string, results: readonly ProgramResult[], source: string): Geomean {
  const shared = results.filter((r) => r.source === source);
  const ratios: number[] = [];
  const programs: string[] = [];
  const excluded: { program: string; status: string }[] = [];
  for (const r of shared) {
    const e = r.engines[engine];
    if (e?.status === 'ok') {
      ratios.push(e.ratio);
      programs.push(r.program);
    } else excluded.push({ program: r.program, status: e?.status ?? 'missing' });
  }
  return { engine, geomean: ratios.length > 0 ? geomean(ratios) : null, programs, excluded };
}

/** What distinguishes one run(n) suite from another. */
interface RunNSuiteConfig {
  readonly name: string;
  readonly title: string;
  /** The module sources it runs, in order; the geomeans are over the first one's programs. */
  readonly sources: readonly string[];
  /** Marks the programs of the other sources in the table (they are not in the geomeans). */
  readonly otherMark?: string;
  /** Time budget of one engine's samples on one program, without --quick (default 10 s). */
  readonly budgetMs?: number;
}

/** A suite that runs `run(n)` programs on V8, each profile and polywasm (see the module comment). */
function runNSuite(config: RunNSuiteConfig): Suite {
  const geomeanSource = config.sources[0]!;
  return {
    name: config.name,
    title: config.title,
    run: (ctx) => runPrograms(config, geomeanSource, ctx),
  };
}

async function runPrograms(config: RunNSuiteConfig, geomeanSource: string, ctx: SuiteContext): Promise<SuiteReport> {
    const metered = ctx.fuel ? PROFILES.map((p) => oursEngine(p, true)) : [];
    const engines: Engine[] = [v8Engine, ...PROFILES.map((p) => oursEngine(p)), ...metered, polywasmEngine];
    const programs = ctx.modules.filter((m) => config.sources.includes(m.source));
    if (programs.length === 0) {
      return { tables: [], notes: [`${config.name}: no run(n) program matches the filters`], results: { programs: [] } };
    }
    const results: ProgramResult[] = [];
    for (const m of programs) {
      ctx.log(`  execute: ${m.name} (${formatSize(m.bytes.length)})`);
      results.push(measureProgram(m, ctx, engines, sampleBudgetMs(ctx, config.budgetMs)));
    }

    const others = engines.filter((e) => e !== v8Engine);
    const speedColumns: Column[] = [
      { header: 'program', align: 'left' },
      { header: ctx.quick ? `n/${QUICK_N_DIVISOR}` : 'n', align: 'right' },
      { header: 'V8 ms', align: 'right' },
      ...others.flatMap((e): Column[] => [
        { header: `${e.name} ms`, align: 'right' },
        { header: `${e.name}/V8`, align: 'right' },
      ]),
      { header: 'checksum (V8)', align: 'left' },
    ];
    const speedRows = results.map((r) => {
      const v8 = r.engines['V8'];
      const bad = others.filter((e) => r.engines[e.name]?.status === 'mismatch').map((e) => e.name);
      return [
        r.source !== geomeanSource && config.otherMark !== undefined ? `${r.program} *` : r.program,
        String(r.nRun),
        v8?.status === 'ok' ? formatNumber(v8.timing.medianMs) : 'error',
        ...others.flatMap((e) => speedCells(r.engines[e.name])),
        r.checksum === null ? '-' : hex(r.checksum) + (bad.length > 0 ? `  !! WRONG CHECKSUM: ${bad.join(', ')}` : ''),
      ];
    });

    // Metered engines prepare the same Modules: load and footprint are measured once per profile.
    const profileEngines = others.filter((e) => e.ours && !e.metered);
    const loadColumns: Column[] = [
      { header: 'program', align: 'left' },
      { header: 'size', align: 'right' },
      ...profileEngines.flatMap((e): Column[] => [
        { header: `${e.name} load ms`, align: 'right' },
        { header: 'MB/s', align: 'right' },
        { header: 'kept/module', align: 'right' },
        { header: 'kept/size', align: 'right' },
      ]),
    ];
    const loadRows = results.map((r) => [
      r.program,
      formatSize(r.bytes),
      ...profileEngines.flatMap((e) => {
        const l = r.load[e.name];
        const k = r.retained[e.name];
        const status = r.engines[e.name]?.status;
        const missing = status === 'n/a' ? 'n/a' : 'error';
        return [
          l ? (l.medianMs < 1 ? l.medianMs.toFixed(3) : formatNumber(l.medianMs)) : missing,
          l ? formatNumber(l.mbPerS) : missing,
          k ? formatSize(Math.round(k.bytesPerModule)) : missing,
          k ? formatNumber(k.ratioToSize) : missing,
        ];
      }),
    ]);

    // Notes: method, then every n/a, error and mismatch with its reason.
    const t = executeTiming(ctx);
    const lt = loadTiming(ctx);
    const notes: string[] = [
      `Engines: ${engines.map((e) => `${e.name} = ${e.description}`).join('; ')}.`,
      `Each engine prepares and instantiates the program once and calls run(n) on that instance; a program whose checksum changes when run twice on V8 is instantiated afresh for every call instead (${
        results.filter((r) => r.checksum !== null && !r.reentrant).map((r) => r.program).join(', ') || 'none here'
      }).`,
      `Time: median of ${t.samples} interleaved samples per engine; every engine warms up for >= ${t.warmupMs} ms (and >= ${t.minWarmupRuns} calls where a call is short) and loops each sample to >= ${t.minSampleMs} ms;` +
        ` an engine whose first (checked) call took >= ${t.minSampleMs} ms is timed one call per sample after the warm-up, with as many samples as fit in ${sampleBudgetMs(ctx, config.budgetMs) / 1000} s (at least ${Math.min(MIN_SAMPLES_OURS, t.samples)} for our profiles unless one call outlasts that time, 1 for polywasm; the JSON has every sample).`,
      `Every call's checksum is compared with V8's.${ctx.quick ? ` --quick: n is the table's n / ${QUICK_N_DIVISOR}.` : ''} ${config.otherMark !== undefined ? ` * = ${config.otherMark} (not in the geomeans).` : ''}`,
    ];
    for (const r of results) {
      for (const e of engines) {
        const x = r.engines[e.name];
        if (x === undefined || x.status === 'ok') continue;
        if (x.status === 'n/a') {
          // One note per profile that is n/a everywhere with the same reason.
          const line = `${e.name}: n/a: ${x.reason}`;
          if (!notes.includes(line)) notes.push(line);
        } else if (x.status === 'error') notes.push(`${r.program} on ${e.name}: error at ${x.stage}: ${truncate(x.reason, 200)}`);
        else notes.push(`${r.program} on ${e.name}: !! WRONG CHECKSUM (${x.when}): got ${hex(x.checksum)}, V8 says ${hex(x.expected)}`);
      }
    }
    const loadNotes = [
      `load ms = new Module(bytes, { profile }) median of ${lt.samples} interleaved samples (small modules looped to >= ${lt.minSampleMs} ms per sample); MB/s of module bytes (1 MB = 10^6 bytes).`,
      `kept/module = heap growth (V8 heap used + external memory, after full GCs before and after) over N Modules kept alive, each prepared from its own copy of the bytes, divided by N (N = ${retainedCount(1e9)}..${retainedCount(1)}, more for smaller modules); kept/size = that / module size (the compact target is <= 1.3).`,
    ];

    const geomeans = [...others.filter((e) => e.ours), polywasmEngine].map((e) => geomeanOf(e.name, results, geomeanSource));
    const sharedCount = results.filter((r) => r.source === geomeanSource).length;
    const summary = geomeans.map((g) => {
      const label = `${config.name}: geomean ${g.engine}/V8`.padEnd(40);
      if (g.geomean === null) {
        const reason = notes.find((l) => l.startsWith(`${g.engine}: n/a: `));
        const why =
          reason !== undefined
            ? reason.slice(g.engine.length + 7)
            : g.excluded.length === 0
              ? `no ${geomeanSource} program selected`
              : `none ran: ${g.excluded.map((x) => `${x.program} (${x.status})`).join(', ')}`;
        return `${label} n/a (${why})`;
      }
      const left = g.excluded.length > 0 ? `; not counted: ${g.excluded.map((x) => `${x.program} (${x.status})`).join(', ')}` : '';
      return `${label} ${formatNumber(g.geomean)}  over ${g.programs.length} of ${sharedCount} ${geomeanSource} programs${left}${ctx.quick ? ` [quick: n/${QUICK_N_DIVISOR}]` : ''}`;
    });

    // A wrong or missing result from our engine fails the run; so does a program V8 cannot run.
    // polywasm's wrong results are shown loudly but are the peer's bugs, not ours.
    const failures: string[] = [];
    for (const r of results) {
      if (r.engines['V8']?.status !== 'ok') failures.push(`${r.program}: V8 cannot run it`);
      for (const e of profileEngines) {
        const x = r.engines[e.name];
        if (x?.status === 'mismatch') failures.push(`${r.program} on ${e.name}: wrong checksum ${hex(x.checksum)}, V8 says ${hex(x.expected)}`);
        if (x?.status === 'error') failures.push(`${r.program} on ${e.name}: ${x.stage} failed: ${truncate(x.reason, 200)}`);
      }
    }

    const first = ctx.firstRun ? firstRunReport(config.name, results, profileEngines.map((e) => e.name)) : undefined;
    if (first !== undefined) {
      summary.push(...first.summary);
      failures.push(...first.failures);
    }

    return {
      tables: [
        { columns: speedColumns, rows: speedRows, notes },
        ...(first !== undefined ? [first.table] : []),
        { title: 'Load time and bytes kept per prepared Module, per profile', columns: loadColumns, rows: loadRows, notes: loadNotes },
      ],
      notes: [],
      results: {
        quickNDivisor: ctx.quick ? QUICK_N_DIVISOR : 1,
        loadTiming: lt,
        engines: engines.map((e) => ({ name: e.name, description: e.description })),
        geomeans,
        programs: results,
      },
      timing: t,
      summary,
      failures,
    };
}

/** The kernels of ../shared/bench (the geomeans) and the WAT programs of tooling/bench/programs. */
export const executeSuite: Suite = runNSuite({
  name: 'execute',
  title: 'Execution: run(n) per program, time as a ratio to V8 (ours/V8: larger is slower)',
  sources: ['shared/bench', 'programs'],
  otherMark: 'a program from tooling/bench/programs',
});

/** The C kernels written for the project (tooling/bench/kernels): SIMD, f64, i64, sorting, calls. */
export const kernelsSuite: Suite = runNSuite({
  name: 'kernels',
  title: 'Kernels (tooling/bench/kernels): run(n) per kernel, time as a ratio to V8 (ours/V8: larger is slower)',
  sources: ['kernels'],
  budgetMs: 5_000, // so that a full `pnpm bench` stays under 20 minutes
});
