/**
 * The `compiled` profile: functions become JavaScript, and where code generation is forbidden
 * (a Content-Security-Policy without 'unsafe-eval') the Module quietly keeps the `fast` form.
 * The rest of its behaviour is covered by running every test (and the spec suite) in it.
 */
import { describe, expect, it } from 'vitest';
import { Module, Store, Val } from '@proj/interpreter';
import { done, plain, V8Wasm, wat } from './wat.js';

// A loop, a branch table and a call: sum over i < n of (i % 3 == 0 ? sq(i) : i).
const BYTES = wat(`(module
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $out
      (loop $next
        (br_if $out (i32.ge_s (local.get $i) (local.get $n)))
        (block $plain
          (block $square
            (br_table $square $plain $plain (i32.rem_u (local.get $i) (i32.const 3))))
          (local.set $s (i32.add (local.get $s) (call $sq (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s)))`);

function run(module: Module, n: number): unknown[] {
  const store = new Store();
  const id = store.instantiate(module);
  return plain(done(store.invoke(id, 'run', [Val.i32(n)])));
}

const expected = (n: number) => [(new V8Wasm.Instance(new V8Wasm.Module(BYTES)).exports.run as (n: number) => number)(n)];

describe('compiled profile', () => {
  it('translates the functions to JavaScript and matches V8', () => {
    const module = new Module(BYTES, { profile: 'compiled' });
    expect(module.prepared(0).kind).toBe('compiled');
    expect(module.prepared(1).kind).toBe('compiled');
    for (const n of [0, 1, 5, 1000]) expect(run(module, n)).toEqual(expected(n));
  });

  // The function keeps its i32 cells in JavaScript variables: what crosses them must stay exact.
  it('keeps cells in variables across unsigned results, i64 helpers, selects, calls and memory growth', () => {
    const bytes = wat(`(module
      (memory 1)
      (func $mix (param i32) (result i32) (i32.xor (local.get 0) (i32.const 0x5bd1e995)))
      (func (export "run") (param $n i32) (result i32)
        (local $i i32) (local $u i32) (local $s i32) (local $w i64) (local $pick i64)
        (local.set $w (i64.extend_i32_u (local.get $n)))
        (loop $next
          ;; An unsigned shift leaves the top bit set: the variable must hold it as a negative i32.
          (local.set $u (i32.shr_u (i32.const -1) (i32.and (local.get $i) (i32.const 7))))
          (if (i32.lt_s (local.get $u) (i32.const 0))
            (then (local.set $s (i32.add (local.get $s) (i32.const 1)))))
          (local.set $w (i64.mul (local.get $w) (i64.const 0x9e3779b97f4a7c15)))
          (local.set $pick (select (local.get $w) (i64.const 7) (i32.and (local.get $i) (i32.const 1))))
          (local.set $s (i32.add (local.get $s) (i32.wrap_i64 (i64.add (local.get $pick) (i64.const 0x100000003)))))
          (local.set $s (call $mix (local.get $s)))
          (if (i32.eq (i32.and (local.get $i) (i32.const 63)) (i32.const 5))
            (then (local.set $s (i32.add (local.get $s) (memory.grow (i32.const 1))))))
          (i32.store (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 0xfffc)) (local.get $s))
          (local.set $s (i32.add (local.get $s) (i32.load offset=4 (i32.and (local.get $i) (i32.const 0xfff8)))))
          (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
        (i32.add (local.get $s) (memory.size))))`);
    const module = new Module(bytes, { profile: 'compiled' });
    (module.prepared(1) as unknown as { compileNow(): void }).compileNow(); // as when first entered
    expect(String((module.prepared(1) as { compiled?: unknown }).compiled)).toMatch(/\blet l\d+ = r\[fp \+ \d+\]/);
    for (const n of [1, 9, 200]) {
      const v8 = (new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports.run as (n: number) => number)(n);
      const store = new Store();
      const id = store.instantiate(module);
      expect(plain(done(store.invoke(id, 'run', [Val.i32(n)])))).toEqual([v8]);
    }
  });

  // A function without calls becomes nested JavaScript loops and blocks; here the outer loop's
  // branch back sits inside the inner loop, and a branch table leaves both.
  it('gives a function without calls the loops of its code', () => {
    const bytes = wat(`(module
      (func (export "run") (param $n i32) (result i32)
        (local $i i32) (local $j i32) (local $s i32)
        (block $done
          (loop $outer
            (local.set $j (i32.const 0))
            (loop $inner
              (local.set $s (i32.add (local.get $s) (i32.mul (local.get $i) (local.get $j))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (block $skip
                (block $stop
                  (br_table $skip $stop $skip (i32.rem_u (local.get $s) (i32.const 97))))
                (br $done))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $outer (i32.gt_u (local.get $j) (i32.const 5)))
              (br_if $inner (i32.lt_u (local.get $i) (local.get $n))))))
        (i32.add (local.get $s) (i32.mul (local.get $i) (i32.const 1000)))))`);
    const module = new Module(bytes, { profile: 'compiled' });
    (module.prepared(0) as unknown as { compileNow(): void }).compileNow(); // as when first entered
    const source = String((module.prepared(0) as { compiled?: unknown }).compiled);
    expect(source).toMatch(/\bW\d+: for \(;;\)/);
    expect(source).not.toContain('switch (pc)');
    for (const n of [0, 1, 7, 50, 5000]) {
      const v8 = (new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports.run as (n: number) => number)(n);
      const store = new Store();
      const id = store.instantiate(module);
      expect(plain(done(store.invoke(id, 'run', [Val.i32(n)])))).toEqual([v8]);
    }
  });

  // Last in this file: once generation fails, the process stops trying.
  it('keeps the fast form where code generation is forbidden', () => {
    const original = globalThis.Function;
    globalThis.Function = function forbidden() {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    let module: Module;
    try {
      module = new Module(BYTES, { profile: 'compiled' });
    } finally {
      globalThis.Function = original;
    }
    expect(module.profile).toBe('compiled');
    expect(module.prepared(1).kind).toBe('fast');
    for (const n of [0, 7, 1000]) expect(run(module, n)).toEqual(expected(n));
  });
});
