/**
 * Every run(n) benchmark, once, with a small n, on each profile, against V8 live: a broken
 * kernel or a wrong result of the engine fails `pnpm test` instead of a bench run.
 */
import { existsSync } from 'node:fs';
import type { Profile } from '@proj/interpreter';
import { describe, expect, it } from 'vitest';
import { oursEngine, v8Engine } from '../src/engines.js';
import { type BenchModule, kernelModules, localPrograms, sharedBenchModules } from '../src/modules.js';
import { benchDir } from '../src/paths.js';
import { N_PER_PROGRAM } from '../src/suites/execute.js';

const PROFILES: readonly Profile[] = ['fast', 'compact', 'compiled'];

/** The run(n) modules: the shared kernels (when ../shared/bench is there), the WAT programs, the C kernels. */
const runNModules: BenchModule[] = [...(existsSync(benchDir()) ? sharedBenchModules() : []), ...(await localPrograms()), ...kernelModules()];

/** A small n: the bench's n / 256 (V8 then runs in about 0.1 ms), at least 1. */
const smallN = (name: string): number => Math.max(1, Math.floor((N_PER_PROGRAM[name] ?? 256) / 256));

describe('run(n) programs: the checksum of each profile is V8s', () => {
  it('finds the kernels written for the project', () => {
    expect(kernelModules().map((m) => m.name)).toEqual(['coremark', 'nbody', 'recurse', 'sha512', 'simd_blend', 'simd_bytes', 'simd_dot', 'sort64']);
  });
  for (const m of runNModules) {
    describe(`${m.source}/${m.name}`, () => {
      const n = smallN(m.name);
      const v8 = v8Engine.instantiate(v8Engine.prepare(m.bytes));
      const expected = v8(n);
      it('has an n in the bench table', () => {
        expect(N_PER_PROGRAM[m.name]).toBeGreaterThan(0);
      });
      it('gives V8 the same checksum when run twice on one instance and for a larger n a different one', () => {
        expect(v8(n)).toBe(expected);
        expect(v8(n + 1)).not.toBe(expected);
      });
      for (const profile of PROFILES) {
        it(`${profile}: run(${n})`, () => {
          const ours = oursEngine(profile);
          expect(ours.instantiate(ours.prepare(m.bytes))(n)).toBe(expected);
        });
      }
    });
  }
});
