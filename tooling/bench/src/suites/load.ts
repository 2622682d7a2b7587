/**
 * Load time and footprint on the large real-world modules (esbuild, swc, sql.js): what preparing a
 * Module costs in each profile, where a module's fixed overhead no longer hides its per-byte cost.
 */
import { Module, type Profile } from '@proj/interpreter';
import { countToTotal, retainedPerObject } from '../footprint.js';
import { errorText, formatNumber, formatSize, mbPerSecond, timeInterleaved, type Timing, type TimingOptions, truncate } from '../measure.js';
import type { BenchModule } from '../modules.js';
import type { Suite, SuiteContext, SuiteReport } from '../suite.js';

const PROFILES: readonly Profile[] = ['compact', 'fast', 'compiled'];

/**
 * Modules kept alive to measure what one keeps: enough to total 24 MB of bytes, at least 3. With
 * only 3 copies of sql.js, code V8 compiled meanwhile moved kept/size by 0.1-0.4; across 35 it
 * fades.
 */
function retainedCount(size: number): number {
  return countToTotal(size, 24e6, 3, 100);
}

interface ProfileResult {
  readonly timing: Timing;
  readonly mbPerS: number;
  readonly bytesPerModule: number;
  readonly ratioToSize: number;
}

interface LoadResult {
  readonly module: string;
  readonly source: string;
  readonly bytes: number;
  /** What a copy of the bytes alone keeps (the floor of any profile that keeps them), / size. */
  readonly bytesAloneRatio: number;
  /** Modules kept alive to measure what one keeps (see retainedCount). */
  readonly retainedCount: number;
  readonly profiles: Readonly<Record<string, ProfileResult | { readonly error: string }>>;
}

function timingFor(ctx: SuiteContext): TimingOptions {
  // A prepare of a large module takes 0.05-2 s: one per sample, a short warm-up.
  return { samples: ctx.samples ?? (ctx.quick ? 1 : 3), warmupMs: 0, minWarmupRuns: 1, minSampleMs: 0, maxIterations: 1 };
}

function measure(m: BenchModule, ctx: SuiteContext): LoadResult {
  const bytes = m.bytes;
  const profiles: Record<string, ProfileResult | { error: string }> = {};
  const count = retainedCount(bytes.length);
  const alone = retainedPerObject(() => bytes.slice(), count).bytesPerModule / bytes.length;
  for (const profile of PROFILES) {
    ctx.log(`    ${m.name}: ${profile}`);
    const prepare = (): Module => new Module(bytes, { profile });
    try {
      prepare();
    } catch (e) {
      profiles[profile] = { error: errorText(e) };
      continue;
    }
    const [timing] = timeInterleaved([prepare], timingFor(ctx));
    const kept = retainedPerObject(() => new Module(bytes.slice(), { profile }), count).bytesPerModule;
    profiles[profile] = { timing: timing!, mbPerS: mbPerSecond(bytes.length, timing!.medianMs), bytesPerModule: kept, ratioToSize: kept / bytes.length };
  }
  return { module: m.name, source: m.source, bytes: bytes.length, bytesAloneRatio: alone, retainedCount: count, profiles };
}

export const loadSuite: Suite = {
  name: 'load',
  title: 'Large modules: load (prepare) time and bytes kept per Module, per profile',
  async run(ctx: SuiteContext): Promise<SuiteReport> {
    const modules = ctx.modules.filter((m) => m.source.startsWith('npm:'));
    if (modules.length === 0) return { tables: [], notes: ['load: no npm module matches the filters'], results: { modules: [] } };
    const results: LoadResult[] = [];
    for (const m of modules) {
      ctx.log(`  load: ${m.name} (${formatSize(m.bytes.length)})`);
      results.push(measure(m, ctx));
    }
    const rows = results.map((r) => [
      r.module,
      r.source,
      formatSize(r.bytes),
      formatNumber(r.bytesAloneRatio),
      ...PROFILES.flatMap((p) => {
        const x = r.profiles[p]!;
        if ('error' in x) return [`error: ${truncate(x.error, 70)}`, '-', '-', '-'];
        return [formatNumber(x.timing.medianMs), formatNumber(x.mbPerS), formatSize(Math.round(x.bytesPerModule)), formatNumber(x.ratioToSize)];
      }),
    ]);
    const t = timingFor(ctx);
    return {
      tables: [
        {
          columns: [
            { header: 'module', align: 'left' },
            { header: 'source', align: 'left' },
            { header: 'size', align: 'right' },
            { header: 'bytes alone', align: 'right' },
            ...PROFILES.flatMap((p) => [
              { header: `${p} load ms`, align: 'right' as const },
              { header: 'MB/s', align: 'right' as const },
              { header: 'kept/module', align: 'right' as const },
              { header: 'kept/size', align: 'right' as const },
            ]),
          ],
          rows,
        },
      ],
      notes: [
        `load ms = new Module(bytes, { profile }), median of ${t.samples} samples after one warm-up prepare; 1 MB = 10^6 bytes.`,
        `kept = heap growth (V8 heap used + external memory, after full GCs) over N Modules kept alive, each from its own copy of the bytes, divided by N; N = ${results.map((r) => `${r.retainedCount} (${r.module})`).join(', ')}: enough to total 24 MB, at least 3. kept/size = that / module size (the compact target is <= 1.3).`,
        'bytes alone = the same measure for a plain copy of the bytes: the floor for any profile that runs from them.',
      ],
      results: { timing: t, modules: results },
    };
  },
};
