/**
 * Mutation fuzzing: valid modules mutated (bit flips, truncation, inserted and deleted bytes,
 * swapped and duplicated sections, code-section edits: the mutator of @proj/testkit). For each
 * mutant, `new Module` in the profile under test must accept exactly what `validate` accepts
 * (rejecting with the same kind and reason), and throw nothing but WasmErrors; the accepted ones
 * are instantiated and every exported function invoked under small limits, in a worker that
 * stops one running past a deadline (no fuel yet), again requiring only WasmErrors.
 *
 *   npx vitest run test/fuzz/mutation.test.ts                       2,000 mutants (per profile run)
 *   MUTANTS=100000 MUTANT_SEED=7 npx vitest run test/fuzz/mutation.test.ts    a long run
 */
import { Worker } from 'node:worker_threads';
import { analyze, assemble, loadWabt, mutantSeed, mutate, Rng, toHex } from '@proj/testkit';
import { expect, it } from 'vitest';
import { Module, validate, WasmError } from '@proj/interpreter';
import { profile } from '../wat.js';

const COUNT = Number(process.env.MUTANTS ?? 2000);
const BASE_SEED = Number(process.env.MUTANT_SEED ?? 1);
/** A module whose exports run longer than this is stopped and counted as running away. */
const DEADLINE_MS = 1000;

const SEEDS_WAT: Record<string, string> = {
  arith: `(module (import "env" "h" (func $h (param i32) (result i32)))
    (func (export "add") (param i32 i64) (result i64) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)))
    (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "f") (param f32 f64) (result f64) (f64.add (f64.promote_f32 (local.get 0)) (f64.sqrt (local.get 1))))
    (func (export "callh") (result i32) (call $h (i32.const 7))))`,
  control: `(module
    (func $fib (export "fib") (param i32) (result i32)
      (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
        (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
    (func (export "loop") (result i32) (local i32)
      (block $out (loop $l (br_if $out (i32.ge_u (local.get 0) (i32.const 10)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l)))
      (local.get 0))
    (func (export "switch") (param i32) (result i32)
      (block $a (block $b (block $c (br_table $a $b $c (local.get 0))) (return (i32.const 3))) (return (i32.const 2))) (i32.const 1)))`,
  memory: `(module (memory (export "mem") 1 4)
    (data (i32.const 8) "hello")
    (data $p "passive")
    (func (export "grow") (result i32) (memory.grow (i32.const 1)))
    (func (export "rw") (result i64) (i64.store (i32.const 100) (i64.const -5)) (i64.load (i32.const 100)))
    (func (export "bulk") (memory.fill (i32.const 0) (i32.const 9) (i32.const 64))
      (memory.copy (i32.const 1000) (i32.const 0) (i32.const 64)) (memory.init $p (i32.const 2000) (i32.const 0) (i32.const 7)))
    (func (export "oob") (result i32) (i32.load (i32.const 65535))))`,
  tables: `(module (type $t (func (result i32)))
    (table $tab (export "tab") 4 10 funcref)
    (elem (i32.const 0) $one $two)
    (elem $e func $two)
    (func $one (result i32) (i32.const 1))
    (func $two (result i32) (i32.const 2))
    (func (export "ind") (param i32) (result i32) (call_indirect (type $t) (local.get 0)))
    (func (export "grow") (result i32) (table.grow $tab (ref.func $one) (i32.const 2)))
    (func (export "init") (table.init $tab $e (i32.const 2) (i32.const 0) (i32.const 1))))`,
  globals: `(module (import "env" "h" (func $h (param i32) (result i32)))
    (global $g (export "g") (mut i32) (i32.const 5))
    (global $c i64 (i64.const 9))
    (start $s)
    (func $s (global.set $g (call $h (global.get $g))))
    (func (export "get") (result i32 i64) (global.get $g) (global.get $c)))`,
  simd: `(module (memory 1)
    (func (export "v") (result v128) (i32x4.add (v128.const i32x4 1 2 3 4) (v128.load (i32.const 0))))
    (func (export "lane") (param v128) (result i32) (i32x4.extract_lane 2 (local.get 0))))`,
};

interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly structure: ReturnType<typeof analyze>;
}

type Verdict = { readonly kind: 'ok' } | { readonly kind: string; readonly reason: string } | { readonly kind: 'crash'; readonly reason: string };

function verdictOf(f: () => void): Verdict {
  try {
    f();
    return { kind: 'ok' };
  } catch (e) {
    if (e instanceof WasmError) return { kind: e.kind, reason: (e as { reason?: string }).reason ?? e.message };
    return { kind: 'crash', reason: `${(e as Error)?.constructor?.name}: ${(e as Error)?.message}` };
  }
}

/** Runs the accepted mutants in a worker, restarting it when one runs past the deadline. */
async function runAll(mutants: readonly Uint8Array[]): Promise<{ findings: string[]; runaways: number[] }> {
  const findings: string[] = [];
  const runaways: number[] = [];
  let next = 0;
  while (next < mutants.length) {
    const worker = new Worker(new URL('./mutant-runner.mjs', import.meta.url), { workerData: { profile } });
    next = await new Promise<number>((resolve) => {
      let i = next;
      let timer: NodeJS.Timeout | undefined;
      const send = () => {
        if (i >= mutants.length) return void worker.terminate().then(() => resolve(i));
        timer = setTimeout(() => {
          runaways.push(i);
          void worker.terminate().then(() => resolve(i + 1));
        }, DEADLINE_MS);
        worker.postMessage({ index: i, bytes: mutants[i] });
      };
      worker.on('message', ({ index, finding }: { index: number; finding: string | null }) => {
        clearTimeout(timer);
        if (finding !== null) findings.push(`accepted mutant ${index}: ${finding}`);
        i = index + 1;
        send();
      });
      worker.on('error', (e) => {
        clearTimeout(timer);
        findings.push(`accepted mutant ${i}: the worker died: ${String(e)}`);
        resolve(i + 1);
      });
      send();
    });
  }
  return { findings, runaways };
}

it(`${COUNT} mutants: new Module (profile ${profile ?? 'fast'}) agrees with validate, and running them throws only WasmErrors`, async () => {
  const wabt = await loadWabt();
  const seeds: Seed[] = Object.entries(SEEDS_WAT).map(([name, text]) => {
    const bytes = assemble(wabt, text, { validate: true });
    return { name, bytes, structure: analyze(bytes) };
  });
  const findings: string[] = [];
  const accepted: Uint8Array[] = [];
  const acceptedDesc: string[] = [];
  const counts = { valid: 0, invalid: 0, unsupported: 0 };
  const t0 = performance.now();
  for (let i = 0; i < COUNT; i++) {
    const seed = seeds[i % seeds.length];
    const m = mutate(seed.bytes, seed.structure, new Rng(mutantSeed(BASE_SEED, seed.name, i)));
    const where = `mutant ${i} of ${seed.name} (${m.desc}): ${toHex(m.bytes)}`;
    const v = verdictOf(() => validate(m.bytes));
    const p = verdictOf(() => void new Module(m.bytes, { profile }));
    if (v.kind === 'crash' || p.kind === 'crash') {
      findings.push(`${where}: validate ${JSON.stringify(v)}, new Module ${JSON.stringify(p)}`);
      continue;
    }
    if (v.kind === 'ok' && p.kind === 'unsupported') {
      counts.unsupported++; // past an engine limit of new Module (validate has none)
      continue;
    }
    if (JSON.stringify(v) !== JSON.stringify(p)) {
      findings.push(`${where}: validate ${JSON.stringify(v)} but new Module ${JSON.stringify(p)}`);
      continue;
    }
    if (v.kind === 'ok') {
      counts.valid++;
      accepted.push(m.bytes);
      acceptedDesc.push(where);
    } else counts.invalid++;
  }
  const checked = performance.now() - t0;
  const run = await runAll(accepted);
  for (const f of run.findings) findings.push(f.replace(/^accepted mutant (\d+)/, (_, k: string) => acceptedDesc[Number(k)]));
  console.log(
    `mutation fuzz (profile ${profile ?? 'fast'}, seed ${BASE_SEED}): ${COUNT} mutants, ${counts.invalid} rejected alike, ` +
      `${counts.valid} valid (run: ${run.runaways.length} stopped past ${DEADLINE_MS} ms), ${counts.unsupported} past new Module's limits; ` +
      `checked in ${(checked / 1000).toFixed(1)} s, run in ${((performance.now() - t0 - checked) / 1000).toFixed(1)} s`,
  );
  expect(counts.valid, 'some mutants stay valid and run').toBeGreaterThan(COUNT / 20);
  expect(counts.invalid, 'most mutants are rejected').toBeGreaterThan(COUNT / 4);
  expect(findings.slice(0, 20).join('\n'), `${findings.length} finding(s)`).toBe('');
}, Math.max(600_000, COUNT * 100));
