/** Timing helpers shared by the measurement suites. */

export interface TimingOptions {
  /** Number of measured samples; the median is reported. */
  readonly samples: number;
  /** Minimum wall time of the warm-up phase, in ms (at least `minWarmupRuns` runs are made too). */
  readonly warmupMs: number;
  readonly minWarmupRuns: number;
  /**
   * Target duration of one sample, in ms: a fast operation is looped enough times per sample to
   * last about this long, so timer resolution does not dominate.
   */
  readonly minSampleMs: number;
  /** Upper bound on the loop count of one sample. */
  readonly maxIterations: number;
}

export interface Timing {
  /** Median time of one operation, in ms. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Operations per sample (the loop count). */
  readonly iterations: number;
  /** Per-operation time of each sample, in ms, in measurement order. */
  readonly samplesMs: readonly number[];
}

export const now = (): number => performance.now();

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `iterations` times; returns the elapsed ms. */
function runLoop(fn: () => unknown, iterations: number): number {
  const start = now();
  for (let i = 0; i < iterations; i++) fn();
  return now() - start;
}

/** Warms `fn` up and picks a loop count so one sample lasts about `minSampleMs`. */
export function calibrate(fn: () => unknown, opts: TimingOptions): number {
  const warmupEnd = now() + opts.warmupMs;
  let runs = 0;
  let single = Infinity;
  while (runs < opts.minWarmupRuns || now() < warmupEnd) {
    single = Math.min(single, runLoop(fn, 1));
    runs++;
  }
  const iterations = loopCount(single, opts);
  // A single timed call is coarse for very fast functions: refine once with a real loop.
  return iterations > 1 ? refinedLoopCount(iterations, runLoop(fn, iterations), opts) : iterations;
}

/** The loop count for a sample of about `minSampleMs`, from the fastest single run. */
function loopCount(singleMs: number, opts: TimingOptions): number {
  return Math.min(opts.maxIterations, Math.max(1, Math.ceil(opts.minSampleMs / Math.max(singleMs, 1e-6))));
}

/** The loop count `iterations` corrected by the time a loop of that many runs took. */
function refinedLoopCount(iterations: number, elapsedMs: number, opts: TimingOptions): number {
  return elapsedMs > 0 ? Math.min(opts.maxIterations, Math.max(1, Math.ceil((iterations * opts.minSampleMs) / elapsedMs))) : iterations;
}

/**
 * Per-competitor overrides, for competitors whose runs differ by orders of magnitude: one whose
 * run takes as long as a sample needs no minimum count of warm-up runs, only the warm-up time
 * (`{ minWarmupRuns: 0 }`: each sample is then one call), and may get fewer samples to bound the
 * time (`samples`, at most the common count).
 */
export type CompetitorOverride = Partial<Pick<TimingOptions, 'warmupMs' | 'minWarmupRuns' | 'samples'>>;

/**
 * Times several competitors on the same input. They are warmed up and calibrated one after the
 * other, then their samples are interleaved (A, B, A, B, ...) so slow drift (thermal, GC,
 * background load) affects all of them alike. A competitor with fewer samples (see
 * CompetitorOverride) takes part in the first rounds only.
 */
export function timeInterleaved(
  fns: readonly (() => unknown)[],
  opts: TimingOptions,
  overrides?: readonly (CompetitorOverride | undefined)[],
): Timing[] {
  const iterations = fns.map((fn, k) => calibrate(fn, { ...opts, ...overrides?.[k] }));
  const counts = fns.map((_, k) => Math.min(opts.samples, overrides?.[k]?.samples ?? opts.samples));
  const samples: number[][] = fns.map(() => []);
  for (let s = 0; s < opts.samples; s++) {
    for (let k = 0; k < fns.length; k++) {
      if (s < counts[k]!) samples[k]!.push(runLoop(fns[k]!, iterations[k]!) / iterations[k]!);
    }
  }
  return samples.map((xs, k) => timingOf(xs, iterations[k]!));
}

function timingOf(samplesMs: readonly number[], iterations: number): Timing {
  return { medianMs: median(samplesMs), minMs: Math.min(...samplesMs), maxMs: Math.max(...samplesMs), iterations, samplesMs };
}

/** Runs `fn` `iterations` times, awaiting each run that returns a promise; returns the elapsed ms. */
async function runLoopAsync(fn: () => unknown, iterations: number): Promise<number> {
  const start = now();
  for (let i = 0; i < iterations; i++) {
    const r = fn();
    if (r instanceof Promise) await r;
  }
  return now() - start;
}

/** `calibrate` for a function that may return a promise (awaited; a synchronous result is not). */
async function calibrateAsync(fn: () => unknown, opts: TimingOptions): Promise<number> {
  const warmupEnd = now() + opts.warmupMs;
  let runs = 0;
  let single = Infinity;
  while (runs < opts.minWarmupRuns || now() < warmupEnd) {
    single = Math.min(single, await runLoopAsync(fn, 1));
    runs++;
  }
  const iterations = loopCount(single, opts);
  return iterations > 1 ? refinedLoopCount(iterations, await runLoopAsync(fn, iterations), opts) : iterations;
}

/**
 * `timeInterleaved` for functions that may return a promise: a run lasts until its promise
 * settles. Only promises are awaited, so the runs of a function that returns none follow each
 * other with no await between them, as in `timeInterleaved`.
 */
export async function timeInterleavedAsync(
  fns: readonly (() => unknown)[],
  opts: TimingOptions,
  overrides?: readonly (CompetitorOverride | undefined)[],
): Promise<Timing[]> {
  const iterations: number[] = [];
  for (const [k, fn] of fns.entries()) iterations.push(await calibrateAsync(fn, { ...opts, ...overrides?.[k] }));
  const counts = fns.map((_, k) => Math.min(opts.samples, overrides?.[k]?.samples ?? opts.samples));
  const samples: number[][] = fns.map(() => []);
  for (let s = 0; s < opts.samples; s++) {
    for (let k = 0; k < fns.length; k++) {
      if (s < counts[k]!) samples[k]!.push((await runLoopAsync(fns[k]!, iterations[k]!)) / iterations[k]!);
    }
  }
  return samples.map((xs, k) => timingOf(xs, iterations[k]!));
}

/** Geometric mean; NaN for an empty list. */
export function geomean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return Math.exp(values.reduce((sum, x) => sum + Math.log(x), 0) / values.length);
}

/** Throughput in MB/s (1 MB = 10^6 bytes) of processing `bytes` in `ms`. */
export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1e3);
}

/** "380 B", "1.5 kB", "14.0 MB" (decimal units). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A rate or ratio with about three significant digits. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/** An error as one line: its class, its kind (WasmError's) and its message. */
export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const kind = (e as { kind?: unknown }).kind;
    return `${e.name}${typeof kind === 'string' ? `[${kind}]` : ''}: ${e.message}`;
  }
  return String(e);
}

/** `s` cut to at most `n` characters, with an ellipsis when cut. */
export function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
