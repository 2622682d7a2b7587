/**
 * What the platform's API has none of: the profile option of `createWebAssembly`, and
 * `@proj/webassembly/install`, which sets `globalThis.WebAssembly` only where there is none.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidError, type Profile } from '@proj/interpreter';
import { createWebAssembly, WebAssembly as defaultWasm } from '../src/index.js';
import { call, instantiate, v8 } from './helpers.js';

const program = `(module
  (import "m" "log" (func $log (param i32)))
  (memory (export "mem") 1)
  (func (export "fib") (param i32) (result i64)
    (local i64 i64 i32) (local.set 2 (i64.const 1))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get 3) (local.get 0)))
      (local.get 2) (local.set 2 (i64.add (local.get 1) (local.get 2))) (local.set 1)
      (call $log (local.get 3))
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br $l)))
    (i64.store (i32.const 8) (local.get 1))
    (local.get 1)))`;

describe('createWebAssembly({ profile })', () => {
  it.each<Profile>(['fast', 'compact', 'compiled'])('%s runs as V8 does', (profile) => {
    const run = (W: typeof v8) => {
      const logged: number[] = [];
      const e = instantiate(W, program, { m: { log: (i: number) => logged.push(i) } });
      const r = call(e.fib, 80);
      return [r, logged.length, new BigInt64Array((e.mem as { buffer: ArrayBuffer }).buffer, 8, 1)[0]];
    };
    expect(run(createWebAssembly({ profile }))).toEqual(run(v8));
  });

  it('refuses an unknown profile', () => {
    expect(() => createWebAssembly({ profile: 'turbo' as Profile })).toThrow(InvalidError);
  });

  it('gives each WebAssembly object its own store: functions do not cross', () => {
    const a = createWebAssembly();
    const b = createWebAssembly();
    const f = instantiate(a, '(module (func (export "f")))').f;
    // To b, a's exported function is a plain JavaScript function: it is wrapped, not shared.
    const g = instantiate(b, '(module (import "m" "f" (func $f)) (export "g" (func $f)))', { m: { f } }).g;
    expect(g).not.toBe(f);
    expect(call(g)).toBeUndefined();
    expect(defaultWasm).toBe(defaultWasm);
  });
});

describe('@proj/webassembly/install', () => {
  const install = fileURLToPath(new URL('../dist/install.js', import.meta.url));
  const run = (script: string, flags: string[] = []) =>
    spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });

  it('sets globalThis.WebAssembly where the platform has none (node --jitless), and Node\'s own fetch runs on it', () => {
    const r = run(
      `const before = typeof WebAssembly;
      await import(${JSON.stringify(install)});
      const wasm = WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0]));
      // Node's Response (undici) compiles its HTTP parser with the global WebAssembly: ours.
      const text = await new Response('hi').text();
      console.log(before, typeof WebAssembly.Suspending, String(WebAssembly), wasm, text);`,
      ['--jitless'],
    );
    expect(r.stdout.trim()).toBe('undefined function [object WebAssembly] true hi');
  });

  it('never replaces an existing WebAssembly', () => {
    const r = run(`const before = globalThis.WebAssembly;
      await import(${JSON.stringify(install)});
      console.log(globalThis.WebAssembly === before);`);
    expect(r.stdout.trim()).toBe('true');
  });
});
