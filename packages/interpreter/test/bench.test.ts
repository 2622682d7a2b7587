/**
 * The shared benchmark programs (each exports `run(n)` returning a checksum) give V8's checksums.
 * The directory is ../shared/bench from the repository root, or $WASM_BENCH_DIR.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Store, Val } from '@proj/interpreter';
import { done, host, prepare, V8Wasm, watModule, val } from './wat.js';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const dir = process.env.WASM_BENCH_DIR ?? resolve(repoRoot, '../shared/bench');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.wasm')).sort() : [];

/** Small repeat counts: each program's work grows linearly with n. */
const NS = [0, 1, 2];

describe('bench programs match V8', () => {
  it('the bench directory has programs', () => {
    expect(files.length, `no .wasm files in ${dir}`).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file}: run(${NS.join(', ')}) gives V8's checksums, in both fresh and reused instances`, () => {
      const bytes = new Uint8Array(readFileSync(join(dir, file)));
      const v8 = () => new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports.run as (n: number) => number;
      const v8Reused = v8();
      const module = prepare(bytes);
      const store = new Store();
      const reused = store.instantiate(module);
      for (const n of NS) {
        const fresh = store.instantiate(module);
        const got = done(store.invoke(fresh, 'run', [Val.i32(n)]));
        expect(got.map((v) => v.type), `${file} run(${n})`).toEqual(['i32']);
        expect(val(got[0]), `${file} run(${n}) fresh`).toBe(v8()(n));
        const again = done(store.invoke(reused, 'run', [Val.i32(n)]));
        expect(val(again[0]), `${file} run(${n}) reused`).toBe(v8Reused(n));
      }
    });
  }

  it('every program gives the same checksum as a nested invocation under a suspended one', () => {
    const store = new Store();
    store.linkFunc('env', 'h', 0, 1);
    const outer = store.instantiate(
      watModule(`(module (import "env" "h" (func $h (result i32)))
        (func (export "f") (param i32) (result i32) (local i64)
          (local.set 1 (i64.const -3))
          (i32.add (i32.wrap_i64 (local.get 1)) (i32.add (local.get 0) (call $h)))))`),
    );
    const call = host(store.invoke(outer, 'f', [Val.i32(40)]));
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(join(dir, file)));
      const want = (new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports.run as (n: number) => number)(1);
      const id = store.instantiate(prepare(bytes));
      expect(val(done(store.invoke(id, 'run', [Val.i32(1)]))[0]), file).toBe(want);
      expect(store.lastCall()).toBe(call);
    }
    expect(val(done(call.resume([Val.i32(5)]))[0])).toBe(42);
  });
});
