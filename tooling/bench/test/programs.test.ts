/**
 * Every whole program of the programs suite, once, with its test input, on each profile, against
 * V8 live; the WASI commands through @proj/wasi against node:wasi; the first-run child process.
 */
import { type Module, type Profile, Trap } from '@proj/interpreter';
import { OUT_OF_FUEL } from '@proj/wasi';
import { beforeAll, describe, expect, it } from 'vitest';
import { v8Engine } from '../src/engines.js';
import { firstRun } from '../src/first-run.js';
import { type BenchModule, commandModules, kernelModules, npmLibraryModules } from '../src/modules.js';
import { type EngineName, prepare, workloadFor } from '../src/programs.js';
import { runWasiOnNode, runWasiOnOurs, runWasiOnV8, type WasiInput } from '../src/wasi-run.js';

const PROFILES: readonly Profile[] = ['fast', 'compact', 'compiled'];

const programModules: BenchModule[] = [...commandModules(), ...npmLibraryModules()];

describe('programs: the output of each profile is V8s', () => {
  it('has a workload for every WASI command and every hash-wasm module', () => {
    expect(programModules.map((m) => m.name)).toEqual(['json', 'lisp', 'lz', ...['md5', 'sha256', 'sha512', 'sha3', 'blake3', 'xxhash128'].map((n) => `hash-wasm.${n}`)]);
    for (const m of programModules) expect(workloadFor(m), m.name).toBeDefined();
  });
  for (const m of programModules) {
    describe(`${m.source}/${m.name}`, () => {
      const workload = workloadFor(m)!;
      const input = workload.input('test');
      let expected: string;
      beforeAll(async () => {
        expected = await workload.run('V8', prepare('V8', m.bytes), input);
      });
      it('prints something on V8', () => {
        expect(expected.length).toBeGreaterThan(10);
      });
      if (m.source === 'commands') {
        it('gives the same output on V8 with node:wasi as with @proj/wasi', () => {
          const r = runWasiOnNode(m.bytes, input as WasiInput);
          expect(r.exitCode).toBe(0);
          expect(new TextDecoder().decode(r.stdout)).toBe(expected);
        });
      }
      // Metered with ample fuel (--fuel): every WASI command in each profile, a library in one.
      const metered: EngineName[] = m.source === 'commands' ? PROFILES.map((p) => `${p}+fuel` as const) : m.name === 'hash-wasm.sha256' ? ['compact+fuel'] : [];
      for (const engine of [...PROFILES, ...metered]) {
        it(engine, async () => {
          expect(await workload.run(engine, prepare(engine, m.bytes), input)).toBe(expected);
        });
      }
    });
  }
});

describe('WASI commands through @proj/wasi', () => {
  const lz = commandModules().find((m) => m.name === 'lz')!;
  const text = (b: Uint8Array): string => new TextDecoder().decode(b);

  it('passes the exit status, stderr and stdin through as node:wasi does, on V8 and on each profile', async () => {
    const usage = { args: ['lz'] };
    const stdinRun = { args: ['lz', '-'], stdin: new TextEncoder().encode('abcabcabcabc hello hello hello\n'.repeat(50)) };
    for (const input of [usage, stdinRun]) {
      const node = runWasiOnNode(lz.bytes, input);
      for (const engine of ['V8', ...PROFILES] as const) {
        const prepared = prepare(engine, lz.bytes);
        const r = await (engine === 'V8' ? runWasiOnV8(prepared, input) : runWasiOnOurs(prepared as Module, input));
        expect(r.exitCode, engine).toBe(node.exitCode);
        expect(text(r.stdout), engine).toBe(text(node.stdout));
        expect(text(r.stderr), engine).toBe(text(node.stderr));
      }
    }
    expect(runWasiOnNode(lz.bytes, usage).exitCode).toBe(2);
    expect(text(runWasiOnNode(lz.bytes, stdinRun).stdout)).toContain('round trip ok');
  });

  it('meters the program with the fuel given: too little ends the run as a trap', async () => {
    const module = prepare('fast', lz.bytes) as Module;
    const input = { args: ['lz', '1'] };
    expect((await runWasiOnOurs(module, input, 1e9)).exitCode).toBe(0);
    const short = runWasiOnOurs(module, input, 10_000);
    await expect(short).rejects.toBeInstanceOf(Trap);
    await expect(short).rejects.toThrow(OUT_OF_FUEL);
  });
});

describe('first run in a fresh process', () => {
  it('times a kernel and checks its checksum', () => {
    const m = kernelModules().find((k) => k.name === 'nbody')!;
    const expected = String(v8Engine.instantiate(v8Engine.prepare(m.bytes))(1));
    for (const engine of ['V8', 'fast'] as const) {
      const r = firstRun(engine, m, 1);
      expect(r, engine).toMatchObject({ ok: true, result: expected });
      if (r.ok) expect(r.totalMs).toBeGreaterThanOrEqual(r.runMs);
    }
  });

  it('runs a program with its test input', async () => {
    const m = npmLibraryModules().find((k) => k.name === 'hash-wasm.sha256')!;
    const w = workloadFor(m)!;
    const expected = await w.run('V8', prepare('V8', m.bytes), w.input('test'));
    expect(firstRun('compact', m, 'test')).toMatchObject({ ok: true, result: expected });
  });

  it('runs a WASI command through @proj/wasi with its test input', async () => {
    const m = commandModules().find((k) => k.name === 'lz')!;
    const w = workloadFor(m)!;
    const expected = await w.run('V8', prepare('V8', m.bytes), w.input('test'));
    for (const engine of ['V8', 'compiled'] as const) expect(firstRun(engine, m, 'test'), engine).toMatchObject({ ok: true, result: expected });
  });

  it('reports a module it cannot find as a failure, not a throw', () => {
    const r = firstRun('fast', { name: 'no-such-kernel', source: 'kernels' }, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('no-such-kernel');
  });
});
