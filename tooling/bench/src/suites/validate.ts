import { validate } from '@proj/validator';
import { errorText, formatNumber, formatSize, mbPerSecond, timeInterleaved, type Timing, truncate } from '../measure.js';
import type { BenchModule } from '../modules.js';
import type { Suite, SuiteContext, SuiteReport } from '../suite.js';
import { V8Wasm } from '../v8.js';

/** Result of one side (ours or V8) on one module. */
type SideResult =
  | { readonly ok: true; readonly medianMs: number; readonly mbPerS: number; readonly timing: Timing }
  | { readonly ok: false; readonly error: string };

interface ModuleResult {
  readonly module: string;
  readonly source: string;
  readonly path: string;
  readonly bytes: number;
  /** V8's verdict (WebAssembly.validate); every benchmark module is expected to be valid. */
  readonly v8Valid: boolean;
  readonly ours: SideResult;
  readonly v8: SideResult;
  /** ours MB/s divided by V8 MB/s (so < 1 means slower than V8), or null. */
  readonly ratio: number | null;
}

function ok(bytes: number, timing: Timing): SideResult {
  return { ok: true, medianMs: timing.medianMs, mbPerS: mbPerSecond(bytes, timing.medianMs), timing };
}

function measureModule(m: BenchModule, ctx: SuiteContext): ModuleResult {
  const bytes = m.bytes;
  const v8Valid = V8Wasm.validate(bytes);

  // Check ours once before timing: an error is reported in the row instead of being timed.
  let oursError: string | null = null;
  try {
    validate(bytes);
  } catch (e) {
    oursError = errorText(e);
  }
  const oursFn = (): void => validate(bytes);
  const v8Fn = (): boolean => V8Wasm.validate(bytes);

  let ours: SideResult;
  let v8: SideResult;
  if (oursError === null) {
    const [o, v] = timeInterleaved([oursFn, v8Fn], ctx.timing);
    ours = ok(bytes.length, o!);
    v8 = ok(bytes.length, v!);
  } else {
    ours = { ok: false, error: oursError };
    v8 = ok(bytes.length, timeInterleaved([v8Fn], ctx.timing)[0]!);
  }
  const ratio = ours.ok && v8.ok ? ours.mbPerS / v8.mbPerS : null;
  return { module: m.name, source: m.source, path: m.path, bytes: bytes.length, v8Valid, ours, v8, ratio };
}

/** Validation throughput: our `validate` vs V8's `WebAssembly.validate`, same process. */
export const validateSuite: Suite = {
  name: 'validate',
  title: 'Validation throughput: @proj/validator validate() vs V8 WebAssembly.validate()',
  async run(ctx: SuiteContext): Promise<SuiteReport> {
    const results: ModuleResult[] = [];
    for (const m of ctx.modules) {
      ctx.log(`  validate: ${m.name} (${formatSize(m.bytes.length)})`);
      results.push(measureModule(m, ctx));
    }
    const rows = results.map((r) => [
      r.module,
      r.source,
      formatSize(r.bytes),
      r.ours.ok ? formatNumber(r.ours.mbPerS) : `error: ${truncate(r.ours.error, 70)}`,
      r.v8.ok ? formatNumber(r.v8.mbPerS) + (r.v8Valid ? '' : ' (V8: invalid!)') : `error: ${r.v8.error}`,
      r.ratio === null ? '-' : formatNumber(r.ratio),
    ]);
    const t = ctx.timing;
    return {
      tables: [
        {
          columns: [
            { header: 'module', align: 'left' },
            { header: 'source', align: 'left' },
            { header: 'size', align: 'right' },
            { header: 'ours MB/s', align: 'right' },
            { header: 'V8 MB/s', align: 'right' },
            { header: 'ours/V8', align: 'right' },
          ],
          rows,
        },
      ],
      notes: [
        `median of ${t.samples} samples per side (interleaved), after >= ${t.warmupMs} ms / ${t.minWarmupRuns} runs of warm-up;` +
          ` small modules are looped so one sample lasts >= ${t.minSampleMs} ms. 1 MB = 10^6 bytes.`,
        'ours/V8 = our throughput / V8 throughput (higher is better; 1 = as fast as V8).',
      ],
      results,
    };
  },
};
