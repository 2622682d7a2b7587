/**
 * Differential test: our `validate` against V8's `WebAssembly.validate` on thousands of modules
 * mutated from valid WebAssembly 2.0 seeds (../shared/bench kernels, the WAT fixtures in
 * test/fixtures, and one handmade module). Every verdict must agree, except for the few precisely
 * classified differences that V8 in Node 20 cannot be configured away from (see helpers/v8.ts).
 *
 * Environment:
 *   SEED=<n|0xhex>       base seed (default below); every mutant derives from (SEED, seed name, index)
 *   DIFF_MUTANTS=<n>     total number of mutants (default 20000)
 *   DIFF_ONLY=<name>#<i> run just one mutant, e.g. DIFF_ONLY='bench/fib#123', and print it
 *   WASM_BENCH_DIR=<dir> where the benchmark .wasm files are (default <repo root>/../shared/bench)
 * Disagreeing modules are written to $TMPDIR/wasm-differential/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WasmError } from '@proj/decoder';
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { analyze, toHex } from '@proj/testkit';
import { loadSeeds, type Seed } from './helpers/corpus.js';
import { Rng, mutantSeed, mutate } from '@proj/testkit';
// Importing helpers/v8.js sets the V8 flags, before anything is compiled.
import { V8_FLAGS, knownDifference, v8Error, v8Validate, type KnownDifference } from './helpers/v8.js';
import { WASM_2_0_FEATURES, loadWabt, wabtCheck } from '@proj/testkit';

const DEFAULT_SEED = 0x2e0f1a57;

function parseSeed(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_SEED;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`SEED must be a 32-bit unsigned integer, got ${text}`);
  return n;
}

const BASE_SEED = parseSeed(process.env['SEED']);
const TOTAL_MUTANTS = Number(process.env['DIFF_MUTANTS'] ?? 20000);
const ONLY = process.env['DIFF_ONLY'];
const OUT_DIR = join(tmpdir(), 'wasm-differential');
const hex32 = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

const wabt = await loadWabt();
const seeds: Seed[] = loadSeeds(wabt);

// ---------------------------------------------------------------------------------------------
// Our verdict

type OurVerdict =
  | { readonly kind: 'valid' }
  | { readonly kind: 'invalid'; readonly reason: string; readonly offset: number | undefined; readonly message: string }
  /** An UnsupportedError: only acceptable for an implementation limit V8 shares (see knownDifference). */
  | { readonly kind: 'unsupported'; readonly message: string }
  /** Anything else is a bug whatever V8 says: a non-WasmError, another kind, a bad error shape. */
  | { readonly kind: 'crash'; readonly message: string };

function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return `non-Error thrown: ${String(e)}`;
}

function ourVerdict(bytes: Uint8Array): OurVerdict {
  const copy = bytes.slice();
  let verdict: OurVerdict;
  try {
    validate(bytes);
    verdict = { kind: 'valid' };
  } catch (e) {
    if (!(e instanceof WasmError)) verdict = { kind: 'crash', message: `threw a non-WasmError: ${describeThrown(e)}` };
    else if (e.kind === 'unsupported') verdict = { kind: 'unsupported', message: e.message };
    else if (e.kind !== 'invalid') verdict = { kind: 'crash', message: `threw a WasmError of kind '${e.kind}': ${describeThrown(e)}` };
    else {
      const { reason, offset } = e as WasmError & { reason?: unknown; offset?: unknown };
      if (typeof reason !== 'string' || reason === '') verdict = { kind: 'crash', message: `InvalidError without a reason: ${e.message}` };
      else if (offset !== undefined && (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > bytes.length)) {
        verdict = { kind: 'crash', message: `InvalidError offset ${String(offset)} outside 0..${bytes.length}: ${e.message}` };
      } else verdict = { kind: 'invalid', reason, offset: offset as number | undefined, message: e.message };
    }
  }
  if (copy.length !== bytes.length || copy.some((x, i) => x !== bytes[i])) {
    verdict = { kind: 'crash', message: 'validate modified its input bytes' };
  }
  return verdict;
}

const showOurs = (o: OurVerdict): string =>
  o.kind === 'valid' ? 'valid' : o.kind === 'crash' ? `CRASH: ${o.message}` : `${o.kind}: ${o.message}`;

// ---------------------------------------------------------------------------------------------
// Running mutants

interface Failure {
  readonly seedName: string;
  readonly index: number;
  readonly mutantSeed: number;
  readonly desc: string;
  readonly bytes: Uint8Array;
  readonly v8Valid: boolean;
  readonly ours: OurVerdict;
}

/** Totals over the whole run, checked by the last test. */
const stats = { mutants: 0, v8Valid: 0, agreed: 0, failures: 0, known: new Map<string, number>(), reasons: new Map<string, number>() };

function mutantCounts(): Map<string, number> {
  // Bigger seeds get more mutants (logarithmically); the total is about TOTAL_MUTANTS.
  const weights = seeds.map((s) => Math.log2(Math.max(s.bytes.length, 64)));
  const sum = weights.reduce((a, b) => a + b, 0);
  return new Map(seeds.map((s, i) => [s.name, Math.max(1, Math.round((TOTAL_MUTANTS * weights[i]!) / sum))]));
}

function saveFailure(f: Failure): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `${f.seedName.replace(/[^\w.-]/g, '_')}-${hex32(BASE_SEED)}-${f.index}.wasm`);
  writeFileSync(file, f.bytes);
  return file;
}

function describeFailure(f: Failure, file: string): string {
  const v8 = f.v8Valid ? 'valid' : `invalid (${v8Error(f.bytes) ?? 'but compiles?'})`;
  return [
    `[${f.seedName} #${f.index}] reproduce: SEED=${hex32(BASE_SEED)} DIFF_ONLY='${f.seedName}#${f.index}' (mutant PRNG seed ${hex32(f.mutantSeed)})`,
    `  mutation: ${f.desc}`,
    `  V8:   ${v8}`,
    `  ours: ${showOurs(f.ours)}`,
    `  module (${f.bytes.length} bytes, saved to ${file}):`,
    `  ${toHex(f.bytes)}`,
  ].join('\n');
}

/** Summary lines: how many failures per mutation kind and per direction. */
function summarize(failures: readonly Failure[]): string {
  const byKind = new Map<string, number>();
  for (const f of failures) {
    const words = f.desc.split(' ');
    const end = words.findIndex((w) => !/^[a-z][a-z0-9./-]*$/i.test(w) || /\d/.test(w));
    const mutation = words.slice(0, end < 0 ? words.length : end).join(' ');
    const kind = `${f.v8Valid ? 'V8 valid' : 'V8 invalid'} / ours ${f.ours.kind}; ${mutation}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return [...byKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`).join('\n');
}

function runSeed(seed: Seed, count: number, onlyIndex: number | undefined): void {
  const structure = analyze(seed.bytes);
  const failures: Failure[] = [];
  const known = new Map<KnownDifference['id'], { n: number; example: string }>();
  const first = onlyIndex ?? 0;
  const last = onlyIndex ?? count - 1;
  for (let index = first; index <= last; index++) {
    const mSeed = mutantSeed(BASE_SEED, seed.name, index);
    const { bytes, desc } = mutate(seed.bytes, structure, new Rng(mSeed));
    const v8Valid = v8Validate(bytes);
    const ours = ourVerdict(bytes);
    stats.mutants++;
    if (v8Valid) stats.v8Valid++;
    if (ours.kind === 'invalid') {
      const reason = ours.reason.replace(/\d+/g, 'N');
      stats.reasons.set(reason, (stats.reasons.get(reason) ?? 0) + 1);
    }
    if (onlyIndex !== undefined) {
      console.log(describeFailure({ seedName: seed.name, index, mutantSeed: mSeed, desc, bytes, v8Valid, ours }, '(not saved)'));
    }
    if ((ours.kind === 'valid' || ours.kind === 'invalid') && (ours.kind === 'valid') === v8Valid) {
      stats.agreed++;
      continue;
    }
    if (ours.kind !== 'crash') {
      const k = knownDifference(wabt, bytes, v8Valid);
      // An UnsupportedError is only acceptable for the shared implementation limit.
      if (k !== null && (ours.kind !== 'unsupported' || k.id === 'locals-limit')) {
        const entry = known.get(k.id) ?? { n: 0, example: `#${index}: ${desc} -> ${k.detail}` };
        entry.n++;
        known.set(k.id, entry);
        stats.known.set(k.id, (stats.known.get(k.id) ?? 0) + 1);
        continue;
      }
    }
    failures.push({ seedName: seed.name, index, mutantSeed: mSeed, desc, bytes, v8Valid, ours });
  }
  for (const [id, { n, example }] of known) {
    console.log(`${seed.name}: ${n} known V8 difference(s) [${id}], e.g. ${example}`);
  }
  stats.failures += failures.length;
  if (failures.length === 0) return;
  const shown = failures.slice(0, 5).map((f) => describeFailure(f, saveFailure(f)));
  for (const f of failures.slice(5, 200)) saveFailure(f);
  const crashes = failures.filter((f) => f.ours.kind === 'crash').length;
  throw new Error(
    `${failures.length} of ${last - first + 1} mutants of ${seed.name} disagree with V8` +
      `${crashes > 0 ? ` (${crashes} of them crash our validator)` : ''} (SEED=${hex32(BASE_SEED)}).\n` +
      `By direction and mutation:\n${summarize(failures)}\n\nFirst ${shown.length}:\n${shown.join('\n\n')}` +
      (failures.length > 5 ? `\n\n(up to 200 saved in ${OUT_DIR})` : ''),
  );
}

// ---------------------------------------------------------------------------------------------
// Tests

/** Tiny modules probing which proposals V8 accepts. */
const probe = (...body: number[]): Uint8Array => new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...body]);
/** type () -> (); one function of that type; code with the given body (no locals). */
const withBody = (...code: number[]): Uint8Array =>
  probe(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01,
    0x0a, code.length + 4, 0x01, code.length + 2, 0x00, ...code, 0x0b);

describe('V8 as a WebAssembly 2.0 oracle', () => {
  it(`is restricted to 2.0 where Node 20 allows (flags: ${V8_FLAGS.join(' ')})`, () => {
    const disabled: Record<string, Uint8Array> = {
      'tail calls (return_call 0)': withBody(0x12, 0x00),
      'tail calls (return_call_indirect)': probe(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x04, 0x04, 0x01, 0x70, 0x00, 0x01,
        0x0a, 0x09, 0x01, 0x07, 0x00, 0x41, 0x00, 0x13, 0x00, 0x00, 0x0b),
      'extended-const (i32.add in a global initializer)': probe(0x06, 0x09, 0x01, 0x7f, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b),
      'memory64 (limits flag 0x04)': probe(0x05, 0x03, 0x01, 0x04, 0x01),
      'multi-memory (two memories)': probe(0x05, 0x05, 0x02, 0x00, 0x01, 0x00, 0x01),
      'typed function references (ref null type 0x63)': probe(0x01, 0x06, 0x01, 0x60, 0x01, 0x63, 0x70, 0x00),
      'GC (struct type 0x5f)': probe(0x01, 0x03, 0x01, 0x5f, 0x00),
      'relaxed SIMD (i8x16.relaxed_swizzle 0xfd 0x100)': withBody(0xfd, 0x0c, ...new Array<number>(16).fill(0), 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0xfd, 0x80, 0x02, 0x1a),
    };
    const accepted = Object.entries(disabled).filter(([, b]) => v8Validate(b)).map(([k]) => k);
    expect(accepted, 'post-2.0 features V8 still accepts').toEqual([]);

    // Controls: the probe encodings are right (2.0 versions of the same shapes are valid).
    expect(v8Validate(withBody(0x10, 0x00)), 'call 0').toBe(true);
    expect(v8Validate(probe(0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x01, 0x0b)), 'i32.const global').toBe(true);
    expect(v8Validate(withBody(0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x1a)), 'v128.const (SIMD supported)').toBe(true);

    // Legacy exception handling: on in Node 20 with no flag to turn it off, and implemented by us.
    const eh = {
      'exception handling (try/end)': withBody(0x06, 0x40, 0x0b),
      'exception handling (tag section)': probe(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x0d, 0x03, 0x01, 0x00, 0x00),
    };
    for (const [k, b] of Object.entries(eh)) {
      expect(v8Validate(b), `V8 accepts ${k}`).toBe(true);
      expect(ourVerdict(b), `we accept ${k}`).toEqual({ kind: 'valid' });
    }

    // Documented: on in Node 20 with no flag to turn them off; handled by knownDifference().
    const alwaysOn = {
      'threads (shared memory)': probe(0x05, 0x04, 0x01, 0x03, 0x01, 0x01),
      'threads (atomic.fence)': withBody(0xfe, 0x03, 0x00),
    };
    for (const [k, b] of Object.entries(alwaysOn)) {
      console.log(`V8 (${process.versions.v8}) accepts post-2.0 ${k}: ${v8Validate(b)} (no flag; classified via wabt)`);
      expect(wabtCheck(wabt, b, WASM_2_0_FEATURES), `${k} is invalid 2.0 for wabt`).not.toBeNull();
    }
  });
});

describe('seed corpus', () => {
  it(`has valid seeds for V8, wabt (2.0 features) and ours (${seeds.length} seeds)`, () => {
    expect(seeds.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const s of seeds) {
      if (!v8Validate(s.bytes)) problems.push(`${s.name}: V8 says invalid: ${v8Error(s.bytes)}`);
      const w = wabtCheck(wabt, s.bytes, WASM_2_0_FEATURES);
      if (w !== null) problems.push(`${s.name}: wabt (2.0) says invalid: ${w}`);
      const ours = ourVerdict(s.bytes);
      if (ours.kind !== 'valid') problems.push(`${s.name} (${s.origin}): ours says ${showOurs(ours)}`);
    }
    expect(problems).toEqual([]);
  });
});

describe(`differential: validate vs V8 on mutants (SEED=${hex32(BASE_SEED)})`, () => {
  const counts = mutantCounts();
  const [onlyName, onlyIndexText] = ONLY?.split('#') ?? [];
  for (const seed of seeds) {
    const count = counts.get(seed.name)!;
    const selected = ONLY === undefined || onlyName === seed.name;
    (selected ? it : it.skip)(`${seed.name}: ${ONLY === undefined ? count : 1} mutants agree`, () => {
      runSeed(seed, count, ONLY === undefined ? undefined : Number(onlyIndexText));
    });
  }

  it.skipIf(ONLY !== undefined)('mutants are a healthy mix of valid and invalid modules', () => {
    const known = [...stats.known].map(([k, n]) => `${k}: ${n}`).join(', ') || 'none';
    console.log(
      `differential: ${stats.mutants} mutants, ${stats.v8Valid} valid for V8 (${((100 * stats.v8Valid) / stats.mutants).toFixed(1)}%),` +
        ` ${stats.agreed} agreed, ${stats.failures} disagreed, known V8 differences: ${known}`,
    );
    const reasons = [...stats.reasons].sort((a, b) => b[1] - a[1]);
    console.log(`our ${reasons.length} distinct rejection reasons (numbers as N), most frequent first:\n${reasons.slice(0, 60).map(([r, n]) => `  ${String(n).padStart(6)}  ${r}`).join('\n')}`);
    expect(stats.mutants).toBeGreaterThanOrEqual(Math.min(TOTAL_MUTANTS, 5000) * 0.95);
    // Both verdicts must be well represented, or the test is not exercising much.
    expect(stats.v8Valid / stats.mutants).toBeGreaterThan(0.05);
    expect(stats.v8Valid / stats.mutants).toBeLessThan(0.8);
  });
});
