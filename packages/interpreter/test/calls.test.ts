/**
 * Calls between wasm functions, compared with V8 on seeded call graphs: direct and indirect
 * calls, recursion, host calls at any depth, callees that grow the memory or need a larger value
 * stack, calls into another instance. In `compiled`, calls between compiled functions stay in
 * JavaScript, and these are the cases where the run loop must take over with every frame exact.
 * Runs in every profile, like every API test.
 */
import { describe, expect, it } from 'vitest';
import { type RunResult, Store, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { V8Wasm, prepare, thrown, val, wat } from './wat.js';

/** What a host call returns, and the log both engines keep of them. */
const answer = (x: number): number => (Math.imul(x, 3) + 1) | 0;

/**
 * Runs `r` to its end, answering host calls as V8's import does and, with fuel, giving `store`
 * `slice` more at each pause, a little more each time (one charge may cost more than a small
 * slice: see the README's Fuel section); returns the result.
 */
function finish(r: RunResult, log: number[], store?: Store, slice = 0): unknown {
  while (r.kind === 'host' || r.kind === 'out-of-fuel') {
    if (r.kind === 'out-of-fuel') {
      store!.setFuel(slice);
      slice += (slice >> 3) + 1;
      r = r.resume();
      continue;
    }
    const x = val(r.call.args[0]) as number;
    log.push(x);
    r = r.call.resume([Val.i32(answer(x))]);
  }
  return val(r.values[0]);
}

/**
 * A module of `count` functions of one type (depth i32, a i64, b f64) -> i64 in a table, each
 * calling others (direct or through the table) while its depth lasts, some calling the host,
 * growing the memory or declaring thousands of locals.
 */
function callGraph(seed: number, count: number): string {
  const next = rng32(seed);
  const pick = (n: number): number => (next() >>> 0) % n;
  const funcs: string[] = [];
  for (let i = 0; i < count; i++) {
    const body: string[] = [];
    const many = pick(6) === 0 ? 1500 + pick(3000) : pick(4);
    const locals = many > 0 ? `(local ${Array(many).fill('i32').join(' ')})` : '';
    // Some start with a loop: metered, a pause at its header re-enters the function at its start.
    if (pick(2) === 0) {
      body.push(`(loop $spin (local.set $a (i64.add (local.get $a) (i64.const 5)))
      (br_if $spin (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const ${1 + pick(20)}))))`);
      body.push(`(local.set $k (i32.const 0))`);
    }
    body.push(`(local.set $acc (i64.add (local.get $acc) (i64.add (local.get $a) (i64.const ${next()}))))`);
    if (many > 0) body.push(`(local.set ${many + 4} (i32.wrap_i64 (local.get $acc)))`);
    const calls = 1 + pick(2);
    const inner: string[] = [];
    for (let k = 0; k < calls; k++) {
      const target = pick(count);
      const args = `(i32.sub (local.get $depth) (i32.const 1)) (i64.xor (local.get $acc) (i64.extend_i32_u (local.get $k))) (f64.add (local.get $b) (f64.const 0.5))`;
      const call = pick(3) === 0
        ? `(call_indirect (type $t) ${args} (i32.const ${target}))`
        : `(call $f${target} ${args})`;
      inner.push(`(local.set $acc (i64.add (i64.rotl (local.get $acc) (i64.const ${1 + pick(63)})) ${call}))`);
    }
    if (pick(3) === 0) inner.push(`(local.set $acc (i64.add (local.get $acc) (i64.extend_i32_s (call $h (i32.wrap_i64 (local.get $acc))))))`);
    if (pick(4) === 0) {
      // Grow by a page (up to the maximum) and use the last word of the memory: the caller's
      // next access to its own last word needs the new length.
      inner.push(`(drop (memory.grow (i32.const 1)))`);
      inner.push(`(i64.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 8)) (local.get $acc))`);
    }
    body.push(`(block $done (loop $more
      (br_if $done (i32.le_s (local.get $depth) (i32.const 0)))
      ${inner.join('\n      ')}
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $k) (i32.const ${1 + pick(2)})))))`);
    body.push(`(local.set $acc (i64.xor (local.get $acc) (i64.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 8)))))`);
    if (many > 0) body.push(`(local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get ${many + 4}))))`);
    body.push(`(i64.add (local.get $acc) (i64.trunc_sat_f64_s (local.get $b)))`);
    funcs.push(`(func $f${i} (type $t) (param $depth i32) (param $a i64) (param $b f64) (result i64) (local $acc i64) (local $k i32) ${locals}
    ${body.join('\n    ')})`);
  }
  return `(module
  (type $t (func (param i32 i64 f64) (result i64)))
  (import "env" "h" (func $h (param i32) (result i32)))
  (memory 1 40)
  (table ${count} funcref)
  (elem (i32.const 0) ${funcs.map((_, i) => `$f${i}`).join(' ')})
  ${funcs.join('\n  ')}
  (func (export "run") (param $depth i32) (param $a i64) (result i64)
    (call $f0 (local.get $depth) (local.get $a) (f64.const 1.25))))`;
}

/** `run(depth, a)` of `text` on V8: its result and host-call log, or the trap's message. */
function onV8(bytes: Uint8Array, depth: number, a: bigint): { value: unknown; log: number[] } {
  const log: number[] = [];
  const h = (x: number): number => (log.push(x), answer(x));
  const inst = new V8Wasm.Instance(new V8Wasm.Module(bytes), { env: { h } });
  return { value: (inst.exports.run as (d: number, a: bigint) => bigint)(depth, a), log };
}

describe('calls, compared with V8', () => {
  it('seeded call graphs: direct and indirect calls, host calls, memory growth, large frames', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const bytes = wat(callGraph(seed, 3 + (seed % 6)));
      const module = prepare(bytes);
      for (const depth of [0, 1, 3, 5]) {
        const a = BigInt(seed * 1000 + depth);
        const expected = onV8(bytes, depth, a);
        // Unmetered, then metered with fuel given in slices of 1 to 400 (pauses anywhere).
        for (const slice of [0, 1 + ((seed * 37) % 400)]) {
          const store = new Store(slice > 0 ? { fuel: slice } : {});
          store.linkFuncCustom('env', 'h', { params: ['i32'], results: ['i32'] });
          const inst = store.instantiate(module);
          const log: number[] = [];
          const value = finish(store.invoke(inst, 'run', [Val.i32(depth), Val.i64(a)]), log, store, slice);
          expect({ seed, depth, slice, value, log }).toEqual({ seed, depth, slice, ...expected });
        }
      }
    }
  });

  it('seeded small self-recursive functions (in compiled, calls of itself by name), past the JavaScript budget, with host calls', () => {
    for (let seed = 1; seed <= 24; seed++) {
      const next = rng32(seed * 7919);
      const pick = (n: number): number => (next() >>> 0) % n;
      const twice = pick(2) === 0;
      const hostEvery = [0, 7, 300][pick(3)];
      const mul = `(i64.const ${next()})`;
      const second = twice ? `(call $r (i32.sub (local.get $n) (i32.const 2)) (i64.xor (local.get $x) (i64.const ${next()})) (f64.mul (local.get $y) (f64.const 0.5)))` : `(i64.const ${next()})`;
      const host = hostEvery > 0 ? `(if (i32.eqz (i32.rem_u (local.get $n) (i32.const ${hostEvery}))) (then (local.set $x (i64.extend_i32_s (call $h (i32.wrap_i64 (local.get $x)))))))` : '';
      const text = `(module (import "env" "h" (func $h (param i32) (result i32)))
        (func $r (param $n i32) (param $x i64) (param $y f64) (result i64)
          ${host}
          (if (result i64) (i32.le_s (local.get $n) (i32.const 0))
            (then (i64.add (local.get $x) (i64.trunc_sat_f64_s (local.get $y))))
            (else (i64.add (call $r (i32.sub (local.get $n) (i32.const 1)) (i64.mul (local.get $x) ${mul}) (f64.add (local.get $y) (f64.const 1))) ${second}))))
        (func (export "run") (param $depth i32) (param $a i64) (result i64) (call $r (local.get $depth) (local.get $a) (f64.const 0.25))))`;
      const bytes = wat(text);
      const module = prepare(bytes);
      for (const depth of twice ? [0, 3, 14] : [1, 40, 900, 3000]) {
        const a = BigInt(seed * 100 + depth);
        const expected = onV8(bytes, depth, a);
        const store = new Store();
        store.linkFuncCustom('env', 'h', { params: ['i32'], results: ['i32'] });
        const log: number[] = [];
        const value = finish(store.invoke(store.instantiate(module), 'run', [Val.i32(depth), Val.i64(a)]), log);
        expect({ seed, depth, value, log }).toEqual({ seed, depth, ...expected });
      }
    }
  });

  it('recursion 4,000 deep with a host call every 500 levels', () => {
    const text = `(module
      (import "env" "h" (func $h (param i32) (result i32)))
      (func $rec (export "rec") (param $n i32) (result i32)
        (local $x i32)
        (if (i32.eqz (i32.rem_u (local.get $n) (i32.const 500))) (then (local.set $x (call $h (local.get $n)))))
        (if (result i32) (i32.eqz (local.get $n)) (then (local.get $x))
          (else (i32.add (i32.add (local.get $x) (i32.const 1)) (call $rec (i32.sub (local.get $n) (i32.const 1))))))))`;
    const bytes = wat(text);
    const log: number[] = [];
    const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes), { env: { h: (x: number) => (log.push(x), answer(x)) } });
    const expected = (v8.exports.rec as (n: number) => number)(4000);
    const store = new Store();
    store.linkFuncCustom('env', 'h', { params: ['i32'], results: ['i32'] });
    const inst = store.instantiate(prepare(bytes));
    const ours: number[] = [];
    expect(finish(store.invoke(inst, 'rec', [Val.i32(4000)]), ours)).toBe(expected);
    expect(ours).toEqual(log);
  });

  it('call_indirect reaches every kind of table element as the run loop does, from a function hot enough to be translated', () => {
    // Elements: one of the module's own functions, the host's, another instance's, one of the
    // wrong type, a null; past them, the table's end. Each function adds its own global, so a
    // call made with the wrong instance shows.
    const lib = wat(`(module (global $g i32 (i32.const 1000))
      (func (export "twice") (param $x i32) (result i32) (i32.add (i32.shl (local.get $x) (i32.const 1)) (global.get $g))))`);
    const app = wat(`(module
      (type $t (func (param i32) (result i32)))
      (import "env" "h" (func $h (param i32) (result i32)))
      (import "lib" "twice" (func $twice (param i32) (result i32)))
      (global $g i32 (i32.const 7))
      (table 5 funcref)
      (elem (i32.const 0) $inc $h $twice $wrong)
      (func $inc (param $x i32) (result i32) (i32.add (local.get $x) (global.get $g)))
      (func $wrong (param i64) (result i64) (local.get 0))
      (func $pick (export "pick") (param $i i32) (param $x i32) (result i32)
        (call_indirect (type $t) (local.get $x) (local.get $i)))
      (func (export "run") (param $n i32) (result i32) (local $k i32) (local $acc i32)
        (loop $l
          (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (call $pick (i32.rem_u (local.get $k) (i32.const 3)) (local.get $k))))
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
        (local.get $acc)))`);
    const v8log: number[] = [];
    const v8lib = new V8Wasm.Instance(new V8Wasm.Module(lib));
    const v8app = new V8Wasm.Instance(new V8Wasm.Module(app), { env: { h: (x: number) => (v8log.push(x), answer(x)) }, lib: v8lib.exports });
    const store = new Store();
    store.linkFuncCustom('env', 'h', { params: ['i32'], results: ['i32'] });
    store.setName(store.instantiate(prepare(lib)), 'lib');
    const inst = store.instantiate(prepare(app));
    for (const n of [1, 20, 3000]) {
      v8log.length = 0;
      const expected = (v8app.exports.run as (n: number) => number)(n);
      const log: number[] = [];
      expect(finish(store.invoke(inst, 'run', [Val.i32(n)]), log), `n = ${n}`).toBe(expected);
      expect(log).toEqual(v8log);
    }
    const pick = v8app.exports.pick as (i: number, x: number) => number;
    for (const [i, reason] of [[3, 'indirect call type mismatch'], [4, 'uninitialized element'], [5, 'undefined element']] as const) {
      expect(() => pick(i, 1)).toThrow(V8Wasm.RuntimeError);
      expect(thrown(() => store.invoke(inst, 'pick', [Val.i32(i), Val.i32(1)])), `element ${i}`).toMatchObject({ kind: 'trap', reason });
    }
    // The instance goes on after the traps.
    expect(finish(store.invoke(inst, 'run', [Val.i32(20)]), [])).toBe((v8app.exports.run as (n: number) => number)(20));
  });

  it('a call into another instance uses its memory, and the caller goes on with its own', () => {
    const lib = wat(`(module (memory (export "mem") 1)
      (func (export "bump") (param $x i32) (result i32)
        (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (local.get $x)))
        (drop (memory.grow (i32.const 1)))
        (i32.load (i32.const 16))))`);
    const app = wat(`(module (import "lib" "bump" (func $bump (param i32) (result i32))) (memory 1)
      (func (export "run") (param $n i32) (result i32) (local $s i32)
        (loop $l
          (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (i32.const 1000)))
          (local.set $s (i32.add (local.get $s) (call $bump (local.get $n))))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (i32.add (local.get $s) (i32.load (i32.const 16)))))`);
    const v8lib = new V8Wasm.Instance(new V8Wasm.Module(lib));
    const v8app = new V8Wasm.Instance(new V8Wasm.Module(app), { lib: v8lib.exports });
    const expected = (v8app.exports.run as (n: number) => number)(10);
    const store = new Store();
    const libInst = store.instantiate(prepare(lib));
    store.setName(libInst, 'lib');
    const appInst = store.instantiate(prepare(app));
    expect(finish(store.invoke(appInst, 'run', [Val.i32(10)]), [])).toBe(expected);
    expect(store.memory(libInst).length).toBe(11 * 65536);
  });
});
