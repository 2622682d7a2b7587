/**
 * The `compiled` profile: functions become JavaScript, and where code generation is forbidden
 * (a Content-Security-Policy without 'unsafe-eval') the Module quietly keeps the `fast` form.
 * The rest of its behaviour is covered by running every test (and the spec suite) in it.
 */
import { describe, expect, it } from 'vitest';
import { Module, Store, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { done, plain, V8Wasm, val, wat } from './wat.js';

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

/**
 * For the functions compiled in pieces below: `$mix`, which their segments call, and segments
 * both draw from (on locals $s, $t and the round $i), each given a seeded constant k.
 */
const MIX = '(func $mix (param i32) (result i32) (i32.add (i32.mul (local.get 0) (i32.const 31)) (i32.const 7)))';
const mixAdd = (k: number): string => `(local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (i32.const ${k}))))`;
const callMix = (): string =>
  `(if (i32.and (local.get $s) (i32.const 1)) (then (local.set $s (call $mix (local.get $s)))) (else (local.set $t (i32.add (local.get $t) (i32.const 3)))))`;
const threeWays = (k: number): string =>
  `(block $b (block $c (br_table $b $c $b (i32.rem_u (local.get $s) (i32.const 3)))) (local.set $t (i32.xor (local.get $t) (i32.const ${k}))))`;
/** `body` run $n times, counted by $i, in loop $next inside block $out. */
const rounds = (body: string): string => `(block $out (loop $next
          (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
          ${body}
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))`;

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
  it('keeps cells in variables across unsigned results, i64 words, selects, calls and memory growth', () => {
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
    expect(String((module.prepared(1) as { compiled?: unknown }).compiled)).toMatch(/\blet [^;]*\bl\d+ = r\[fp \+ \d+\]/);
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

  it('gives pieces the constants of their function: i64 rotations by constants, f32 and f64 constants, NaN payloads', () => {
    // Loop-free, so in pieces; each piece takes its constants as literals (compile.ts, constantWords).
    const next = rng32(0xc0a57);
    const segments = [
      (k: number) => `(local.set $x (i64.xor (i64.rotl (local.get $x) (i64.const ${k % 64})) (i64.const 0x9e3779b97f4a7c15)))`,
      (k: number) => `(local.set $x (i64.add (i64.rotr (local.get $x) (i64.const ${(k * 7) % 64})) (i64.extend_i32_u (local.get $s))))`,
      (k: number) => `(local.set $s (i32.add (i32.rotl (local.get $s) (i32.const ${k % 32})) (i32.wrap_i64 (local.get $x))))`,
      () => `(local.set $f (select (f32.const nan:0x200001) (local.get $f) (i32.and (local.get $s) (i32.const 2))))`,
      (k: number) => `(local.set $d (f64.add (f64.mul (local.get $d) (f64.const 0.999)) (f64.const ${k}.25)))`,
      () => `(local.set $e (select (f64.const -nan:0x4000000000001) (local.get $e) (i32.and (local.get $s) (i32.const 4))))`,
    ];
    const body = Array.from({ length: 1600 }, () => segments[next() % segments.length](next() % 1000)).join('\n');
    const bytes = wat(`(module
      (func (export "run") (param $s i32) (param $x i64) (result i64) (local $f f32) (local $d f64) (local $e f64)
        ${body}
        (i64.xor (i64.xor (local.get $x) (i64.extend_i32_u (i32.reinterpret_f32 (local.get $f))))
          (i64.xor (i64.reinterpret_f64 (local.get $d)) (i64.reinterpret_f64 (local.get $e))))))`);
    const compiled = new Module(bytes, { profile: 'compiled' });
    const p = compiled.prepared(0) as unknown as { compileNow(): void; compiled?: unknown };
    p.compileNow();
    expect(String(p.compiled)).toContain('parts[k]'); // in pieces
    const theirs = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports.run as (s: number, x: bigint) => bigint;
    for (let k = 0; k < 12; k++) {
      const s = next() | 0;
      const x = BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next()));
      const store = new Store();
      const id = store.instantiate(compiled);
      expect(plain(done(store.invoke(id, 'run', [Val.i32(s), Val.i64(x)]))), `run(${s}, ${x})`).toEqual([theirs(s, x)]);
    }
  });

  it('a v128 cell held as i32 lanes, then written whole by an f32x4 op, then stored: memory matches V8', () => {
    // The i32x4.add keeps $v in i32 variables; the f32x4.mul writes it whole in the frame
    // without storing those variables first (forms.ts); both stores must see the right lanes.
    const bytes = wat(`(module (memory (export "mem") 1)
      (func (export "run") (param $p i32) (param $n i32) (result i32) (local $v v128)
        (loop $l
          (local.set $v (i32x4.add (v128.load (local.get $p)) (v128.load offset=32 (local.get $p))))
          (v128.store offset=64 (local.get $p) (local.get $v))
          (local.set $v (f32x4.mul (v128.load offset=16 (local.get $p)) (v128.load offset=32 (local.get $p))))
          (v128.store offset=48 (local.get $p) (local.get $v))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $p)))`);
    // Finite floats (whole numbers up to 2^12, as f32 bits), so that no product is a NaN.
    const next = rng32(0x51d);
    const init = new Float32Array(1024).map(() => (next() % 8192) - 4096);
    const theirs = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports as { run: (p: number, n: number) => number; mem: { buffer: ArrayBuffer } };
    new Float32Array(theirs.mem.buffer, 0, 1024).set(init);
    const result = theirs.run(0, 900);
    const expected = new Uint8Array(theirs.mem.buffer, 0, 4096).slice();
    const store = new Store();
    const id = store.instantiate(new Module(bytes, { profile: 'compiled' }));
    store.memory(id).set(new Uint8Array(init.buffer));
    // Twice: the first call runs the translation, the second too (nothing is left to the loop).
    expect(plain(done(store.invoke(id, 'run', [Val.i32(0), Val.i32(450)])))).toEqual([1800]);
    expect(plain(done(store.invoke(id, 'run', [Val.i32(1800), Val.i32(450)])))).toEqual([result]);
    expect(store.memory(id).subarray(0, 4096)).toEqual(expected);
  });

  it('br_table: each index to its target (blocks, the loop, the next instruction, out), as V8 does', () => {
    const next = rng32(0xb7ab1e);
    const labels = ['$b0', '$b1', '$b2', '$L', '$exit'];
    const funcs = Array.from({ length: 12 }, (_, f) => {
      const targets = Array.from({ length: 1 + (next() % 20) }, () => labels[next() % labels.length]);
      const fallback = labels[next() % labels.length];
      return `(func (export "f${f}") (param $x i32) (param $n i32) (result i32) (local $acc i32)
        (block $exit (loop $L
          (br_if $exit (i32.eqz (local.get $n)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
          (block $b2 (block $b1 (block $b0
            (br_table ${targets.join(' ')} ${fallback} (i32.rem_u (i32.shr_u (local.get $x) (i32.const 16)) (i32.const ${targets.length + 2}))))
            (local.set $acc (i32.add (local.get $acc) (i32.const 1))))
            (local.set $acc (i32.xor (local.get $acc) (i32.const 0x55))))
            (local.set $acc (i32.mul (local.get $acc) (i32.const 3)))
          (local.set $acc (i32.add (local.get $acc) (local.get $x)))
          (br $L)))
        (i32.xor (local.get $acc) (local.get $n)))`;
    });
    const bytes = wat(`(module ${funcs.join('\n')})`);
    const theirs = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports as Record<string, (x: number, n: number) => number>;
    const store = new Store();
    const id = store.instantiate(new Module(bytes, { profile: 'compiled' }));
    let checked = 0;
    for (let f = 0; f < funcs.length; f++) {
      for (const [x, n] of [[1, 0], [7, 1], [123, 50], [-5, 300], [0x7fffffff, 1000]]) {
        expect(plain(done(store.invoke(id, `f${f}`, [Val.i32(x), Val.i32(n)]))), `f${f}(${x}, ${n})`).toEqual([theirs[`f${f}`]!(x, n)]);
        checked++;
      }
    }
    expect(checked).toBe(60);
  });

  it('runs a piece entered often at one place from there in loops and blocks: inner loops, host calls, branches out of it back and forth, as V8 does', () => {
    const next = rng32(0x9ece5);
    const segments = [
      mixAdd,
      // an inner loop, within a piece or cut by one
      (k: number) => `(local.set $j (i32.const ${(k % 5) + 1})) (loop $in (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 3)) (local.get $j))) (br_if $in (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))`,
      // a host call: the run loop takes the function up again after it, mid-piece
      () => `(local.set $t (i32.add (local.get $t) (call $host (local.get $s))))`,
      callMix,
      threeWays,
      // back to the loop's header, in the first piece
      () => `(if (i32.eq (i32.and (local.get $s) (i32.const 63)) (i32.const 17)) (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $next)))`,
      () => `(i32.store (i32.and (i32.mul (local.get $s) (i32.const 4)) (i32.const 0xfffc)) (local.get $t))`,
    ];
    const body = Array.from({ length: 900 }, () => segments[next() % segments.length](next() % 1000)).join('\n');
    const bytes = wat(`(module (import "env" "host" (func $host (param i32) (result i32))) (memory 1)
      ${MIX}
      (func (export "run") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $s i32) (local $t i32)
        ${rounds(body)}
        (i32.add (local.get $s) (i32.mul (local.get $t) (i32.const 5)))))`);
    const host = (x: number): number => (Math.imul(x, 7) + 1) | 0;
    // What the translation makes: the pieces' switches, and their versions from one entry.
    const sources: string[] = [];
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, {
      construct(target, args: string[]) {
        sources.push(args[args.length - 1]!);
        return Reflect.construct(target, args) as object;
      },
    });
    /** Runs `run(n)` to its end: its result, what it gave the host, the fuel left at each pause. */
    const runOn = (module: Module, n: number, metered: boolean): { result: unknown; calls: number[]; pauses: number[] } => {
      const store = new Store(metered ? { fuel: 30_000 } : {});
      store.linkFunc('env', 'host', 1, 1);
      const id = store.instantiate(module);
      const calls: number[] = [];
      const pauses: number[] = [];
      let r = store.invoke(id, 'run', [Val.i32(n)]);
      while (r.kind === 'host' || r.kind === 'out-of-fuel') {
        if (r.kind === 'out-of-fuel') {
          pauses.push(store.getFuel());
          expect(pauses.length, 'pauses').toBeLessThan(100_000);
          store.setFuel(30_000 + (pauses.length % 3) * 7_919);
          r = r.resume();
          continue;
        }
        const x = val(r.call.args[0]!) as number;
        calls.push(x);
        r = r.call.resume([Val.i32(host(x))]);
      }
      return { result: plain(done(r))[0], calls, pauses };
    };
    try {
      const compiled = new Module(bytes, { profile: 'compiled' });
      const fast = new Module(bytes, { profile: 'fast' });
      for (const n of [3, 200]) {
        const log: number[] = [];
        const theirs = (new V8Wasm.Instance(new V8Wasm.Module(bytes), { env: { host: (x: number) => (log.push(x), host(x)) } }).exports.run as (n: number) => number)(n);
        expect(runOn(compiled, n, false), `run(${n})`).toEqual({ result: theirs, calls: log, pauses: [] });
        // Metered, it pauses where fast does, with the same fuel left.
        expect(runOn(compiled, n, true), `run(${n}), metered`).toEqual(runOn(fast, n, true));
      }
    } finally {
      globalThis.Function = original;
    }
    expect(sources.some((s) => s.includes('switch (pc)'))).toBe(true); // pieces
    expect(sources.filter((s) => s.includes('out: {') && !s.includes('switch (pc)')).length).toBeGreaterThan(5); // versions
  });

  // Last in this file: once generation fails, the process stops trying.
  it('compiles a function past 1,500 instructions in pieces: loops, branches and calls across them match V8, and so does fuel', () => {
    // A loop whose body spans several pieces of 1,000 instructions, built from seeded segments.
    const next = rng32(0x51ece5);
    const segments = [
      mixAdd,
      callMix,
      threeWays,
      () => `(i32.store (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 0xfffc)) (local.get $s)) (local.set $s (i32.add (local.get $s) (i32.load (i32.const 8))))`,
      () => `(local.set $d (f64.add (local.get $d) (f64.convert_i32_s (local.get $s))))`,
      () => `(if (i32.eq (i32.and (local.get $i) (i32.const 63)) (i32.const 7)) (then (local.set $t (i32.add (local.get $t) (memory.grow (i32.const 1))))))`,
      () => `(br_if $out (i32.eq (local.get $s) (i32.const 0x7fffffff)))`,
    ];
    const body = Array.from({ length: 1500 }, () => segments[next() % segments.length](next() % 1000)).join('\n');
    const bytes = wat(`(module (memory 1 100)
      ${MIX}
      (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32) (local $t i32) (local $d f64)
        ${rounds(body)}
        (i32.add (i32.add (local.get $s) (local.get $t))
          (i32.add (i32.wrap_i64 (i64.reinterpret_f64 (local.get $d))) (memory.size)))))`);
    const compiled = new Module(bytes, { profile: 'compiled' });
    const fast = new Module(bytes, { profile: 'fast' });
    const p = compiled.prepared(1) as unknown as { compileNow(): void; compiled?: unknown };
    p.compileNow();
    expect(String(p.compiled)).toContain('parts[k]'); // in pieces
    for (const n of [0, 1, 9, 70]) {
      const theirs = (new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports.run as (n: number) => number)(n);
      expect(run(compiled, n), `run(${n})`).toEqual([theirs]);
      // Metered in slices, the pieces pause where fast pauses, with the same fuel left.
      const pauses = (module: Module): number[] => {
        // Slices above the loop body's charge (its longest path, about 10,000), which a pass
        // must be able to pay for.
        const store = new Store({ fuel: 20_000 });
        const id = store.instantiate(module);
        let r = store.invoke(id, 'run', [Val.i32(n)]);
        const left: number[] = [];
        while (r.kind === 'out-of-fuel') {
          left.push(store.getFuel());
          expect(left.length, 'pauses').toBeLessThan(10_000);
          store.setFuel(20_000 + (left.length % 5) * 3_111);
          r = r.resume();
        }
        expect(plain(done(r))).toEqual([theirs]);
        return left;
      };
      expect(pauses(compiled), `pauses of run(${n})`).toEqual(pauses(fast));
    }
  });

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
