/**
 * Generate + compare for one seed, and the summary of many. Used by ttf-diff.test.ts and by the
 * command line script run-seed.mjs.
 */
import { generate, usesDenan } from './ttf-gen.mjs';
import { addStats, diffModule, emptyStats } from './ttf-diff.mjs';

/** Default number of seeds (0 .. N-1); FUZZ_MODULES overrides it, FUZZ_SEED_START the first. */
export const DEFAULT_MODULES = 300;

export function reproCommand(seed) {
  return `cd packages/interpreter && node test/fuzz/run-seed.mjs ${seed}`;
}

/**
 * Generates seed's module and runs it on both engines.
 *
 * A seed built without --denan can differ legitimately once a NaN's bits (sign, payload: the spec
 * leaves them to the engine) flow into integers: a reinterpretation, a v128 lane read as i32, a
 * store then a load. Such a difference cannot be told apart from a bug by looking at it, so a
 * mismatch in such a seed is checked again on the same input built with --denan: if that module
 * agrees everywhere, the mismatch is accepted as a NaN-bits difference (counted, and listed with
 * the seed in `nanAccepted`). Never accepted that way: a float that is NaN on one side only
 * (`nanness`; NaN-ness itself is deterministic).
 */
export async function runSeed(api, seed, { verbose = false, denan = usesDenan(seed) } = {}) {
  const bytes = await generate(seed, denan);
  const r = diffModule(api, bytes, { allowNaNBits: !denan, verbose, seed });
  if (!denan && r.mismatches.length > 0 && !r.nanness) {
    const again = diffModule(api, await generate(seed, true), { allowNaNBits: false, seed });
    if (again.mismatches.length === 0) {
      r.stats.accepted['NaN bits flowed into integers (mismatch gone with --denan)'] = 1;
      return { seed, bytes, ...r, nanAccepted: r.mismatches, mismatches: [] };
    }
  }
  return { seed, bytes, ...r };
}

/** Runs seeds [start, start+count); returns { stats, failures: [{seed, mismatches}], ms }. */
export async function runSeeds(api, start, count, onSeed) {
  const t0 = performance.now();
  const stats = emptyStats();
  const failures = [];
  const nanAccepted = [];
  let generated = 0;
  for (let seed = start; seed < start + count; seed++) {
    let r;
    try {
      r = await runSeed(api, seed);
    } catch (e) {
      // A failure of the harness itself (or an exception escaping the engine): report it as a
      // mismatch of this seed so that it is never lost.
      failures.push({ seed, mismatches: [`harness error: ${e?.stack ?? e}`] });
      continue;
    }
    generated++;
    addStats(stats, r.stats);
    if (r.mismatches.length > 0) failures.push({ seed, mismatches: r.mismatches });
    if (r.nanAccepted) nanAccepted.push({ seed, mismatches: r.nanAccepted });
    onSeed?.(r);
  }
  return { stats, failures, nanAccepted, generated, ms: performance.now() - t0 };
}

export function summaryText({ stats, failures, nanAccepted, generated, ms }, start, count) {
  const lines = [];
  lines.push(`ttf differential (V8 vs ours): seeds ${start}..${start + count - 1}, ${generated} modules generated, ${(ms / 1000).toFixed(1)} s`);
  lines.push(`  modules compared: ${stats.modules}; exports called: ${stats.exportsCalled}; results compared: ${stats.resultsCompared}; traps compared: ${stats.trapsCompared}; host aborts compared: ${stats.abortsCompared}`);
  lines.push(`  host-log entries compared: ${stats.logEntries}; memory compares: ${stats.memoryCompares}; global compares: ${stats.globalCompares}`);
  lines.push(`  trap reasons: ${fmtMap(stats.trapReasons)}`);
  lines.push(`  accepted differences: ${fmtMap(stats.accepted)}`);
  lines.push(`  skips: ${fmtMap(stats.skips)}`);
  for (const a of nanAccepted) lines.push(`  accepted as NaN bits (seed ${a.seed}, gone with --denan): ${a.mismatches[0]}`);
  lines.push(`  seeds with mismatches: ${failures.length}${failures.length ? ` (${failures.map((f) => f.seed).join(', ')})` : ''}`);
  return lines.join('\n');
}

function fmtMap(m) {
  const e = Object.entries(m).sort((a, b) => b[1] - a[1]);
  return e.length === 0 ? 'none' : e.map(([k, v]) => `${k}: ${v}`).join('; ');
}
