/**
 * Differential test for legacy exception handling: our `validate` against V8's
 * `WebAssembly.validate` (Node 20 implements the proposal) on generated modules that nest try /
 * catch / catch_all / delegate with throw, rethrow and branches, some with a fault injected on
 * purpose (see helpers/eh-gen.ts). Every verdict must agree. Valid modules are also run through
 * a sink that checks what it is told about the exception-handling frames.
 *
 * Environment:
 *   EH_SEED=<n|0xhex>  base seed (default below); module i uses the PRNG seeded from (EH_SEED, i)
 *   EH_MODULES=<n>     how many modules (default 10000)
 *   EH_ONLY=<i>        run just module i and print it
 */
import { InvalidError } from '@proj/decoder';
import { Rng, mutantSeed, toHex } from '@proj/testkit';
import { describe, expect, it } from 'vitest';
import { type CodeSink, type FuncState, validate, validateModule } from '../src/index.js';
import { FAULTS, ehModule, type EhModule, type Fault } from './helpers/eh-gen.js';
import { v8Error, v8Validate } from './helpers/v8.js';

const DEFAULT_SEED = 0x0e4c7a11;
const seedText = process.env['EH_SEED'];
const BASE_SEED = seedText === undefined || seedText === '' ? DEFAULT_SEED : Number(seedText);
const TOTAL = Number(process.env['EH_MODULES'] ?? 10000);
const ONLY = process.env['EH_ONLY'];
const hex32 = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

function generate(i: number): EhModule {
  return ehModule(new Rng(mutantSeed(BASE_SEED, 'eh', i)));
}

/** Our verdict: null if valid, else the InvalidError's message (anything else is rethrown). */
function ours(bytes: Uint8Array): string | null {
  try {
    validate(bytes);
    return null;
  } catch (e) {
    if (e instanceof InvalidError) return e.message;
    throw e;
  }
}

/** A sink that checks, at each exception-handling instruction, the frames it is shown. */
class FrameChecker implements CodeSink {
  problems: string[] = [];
  beginFunction(): void {}
  endFunction(): void {}
  instr(id: number, s: FuncState): void {
    const fail = (what: string) => this.problems.push(`0x${id.toString(16)} at ${s.pos}: ${what}`);
    const kind = s.frameKind(0);
    if ((id === 0x07 || id === 0x19) && kind !== 0x06 && kind !== 0x07) fail(`frame kind ${kind}`);
    if (id === 0x18) {
      if (kind !== 0x06) fail(`frame kind ${kind}`);
      if (s.imm + 1 >= s.depth) fail(`label ${s.imm} at depth ${s.depth}`);
    }
    if (id === 0x09 && s.frameKind(s.imm) !== 0x07 && s.frameKind(s.imm) !== 0x19) fail(`rethrow to kind ${s.frameKind(s.imm)}`);
    if (s.height < s.frameHeight(0)) fail(`height ${s.height} below the frame's ${s.frameHeight(0)}`);
  }
}

describe(`exception handling: validate vs V8 on generated modules (EH_SEED=${hex32(BASE_SEED)})`, () => {
  it('Node\'s V8 implements legacy exception handling', () => {
    // type () -> (); func 0; tag 0 of type 0; body: try catch 0 end.
    const bytes = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 0x0d, 3, 1, 0, 0,
      0x0a, 9, 1, 7, 0, 0x06, 0x40, 0x07, 0x00, 0x0b, 0x0b]);
    expect(v8Validate(bytes), v8Error(bytes) ?? '').toBe(true);
    expect(ours(bytes)).toBeNull();
  });

  // About 0.3 ms a module; the timeout grows with EH_MODULES.
  it(ONLY === undefined ? `${TOTAL} modules agree` : `module ${ONLY} agrees`, { timeout: Math.max(60_000, TOTAL) }, () => {
    const first = ONLY === undefined ? 0 : Number(ONLY);
    const last = ONLY === undefined ? TOTAL - 1 : first;
    const failures: string[] = [];
    const faults = new Map<Fault | 'none', { modules: number; invalid: number }>();
    const coverage: Record<string, number> = {};
    let valid = 0;
    for (let i = first; i <= last; i++) {
      const m = generate(i);
      const v8 = v8Validate(m.bytes);
      const mine = ours(m.bytes);
      const key = m.injected > 0 ? m.fault! : 'none';
      const f = faults.get(key) ?? { modules: 0, invalid: 0 };
      f.modules++;
      if (!v8) f.invalid++;
      faults.set(key, f);
      for (const [k, n] of Object.entries(m.counts)) coverage[k] = (coverage[k] ?? 0) + n;
      const describe = () =>
        `#${i} (fault ${m.injected > 0 ? m.fault : 'none'}): V8 ${v8 ? 'valid' : `invalid (${v8Error(m.bytes)})`}, ours ${mine ?? 'valid'}\n  ${toHex(m.bytes)}`;
      if (ONLY !== undefined) console.log(describe());
      if (v8 !== (mine === null)) {
        failures.push(describe());
        continue;
      }
      if (!v8) continue;
      valid++;
      // The same verdict with a sink, which sees consistent frames.
      const sink = new FrameChecker();
      validateModule(m.bytes, sink);
      if (sink.problems.length > 0) failures.push(`#${i}: sink: ${sink.problems.slice(0, 3).join('; ')}\n  ${toHex(m.bytes)}`);
    }
    const n = last - first + 1;
    console.log(
      `EH differential: ${n} modules, ${valid} valid (${((100 * valid) / n).toFixed(1)}%), ${failures.length} disagreements\n` +
        `  by fault (modules, V8-invalid): ${[...faults].map(([k, v]) => `${k} ${v.modules}/${v.invalid}`).join(', ')}\n` +
        `  constructs: ${Object.entries(coverage).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    expect(failures.slice(0, 5), `${failures.length} of ${n} modules disagree (EH_SEED=${hex32(BASE_SEED)})`).toEqual([]);
    if (ONLY !== undefined) return;
    // A useful mix: both verdicts common, every fault injected, every construct generated.
    expect(valid / n).toBeGreaterThan(0.3);
    expect(valid / n).toBeLessThan(0.85);
    for (const f of FAULTS) expect(faults.get(f)?.invalid ?? 0, `modules made invalid by ${f}`).toBeGreaterThan(0);
    for (const k of ['try', 'catch', 'catch_all', 'delegate', 'throw', 'rethrow', 'branch to try']) {
      expect(coverage[k] ?? 0, k).toBeGreaterThan(n / 10);
    }
  });
});
