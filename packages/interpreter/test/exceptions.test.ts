/**
 * Exception handling (the legacy proposal: try, catch, catch_all, delegate, throw, rethrow, tags),
 * differentially against V8, which implements the same proposal in Node 20: first hand-written
 * cases whose expectations are also written out; then the host's side (call.throw, tags it
 * creates or takes from exports, nested invocations, UncaughtException); then seeded random
 * programs (exceptions-gen.ts) run in both engines with the same host (exceptions-run.ts); then
 * fuel: the same programs metered pause at the same points in every profile, and a try's clause
 * costs what the README's cost model says.
 *
 *   npx vitest run test/exceptions.test.ts                          500 modules (fuel: 100)
 *   EH_FUZZ_MODULES=5000 EH_FUZZ_SEED_START=100000 npx vitest run test/exceptions.test.ts
 *
 * The package's test script runs this file once per TEST_PROFILE; each run takes its own seeds
 * (unset and fast: from 0, compact: from 1,000,000, compiled: from 2,000,000; the fuel test,
 * which runs all three profiles itself, from 500,000 past those) and EH_FUZZ_MODULES / 5 of
 * them for fuel.
 */
import { describe, expect, it } from 'vitest';
import {
  type Call,
  type ExceptionRef,
  type FuncRef,
  InvalidError,
  Module,
  type Profile,
  type RunResult,
  Store,
  TagRef,
  Trap,
  UncaughtException,
  Val,
} from '@proj/interpreter';
import { generateEh } from './exceptions-gen.js';
import { ehWat, runOurs, runV8, V8, type V8Exception, v8TrapReason } from './exceptions-run.js';
import { done, expectThrow, host, plain, prepare, profile, val } from './wat.js';

/** What a call gives: its results, an exception no handler caught (by tag export), or a trap. */
type Outcome = unknown[] | { uncaught: string; values: unknown[] } | { trap: string };

type V8Exports = Record<string, unknown>;

/** What export `name` of a V8 instance gives for `args`; `arity` is the uncaught tag's, if any. */
function v8Outcome(exports: V8Exports, name: string, args: unknown[], arity: number): Outcome {
  try {
    const r = (exports[name] as (...a: unknown[]) => unknown)(...args);
    return r === undefined ? [] : Array.isArray(r) ? r : [r];
  } catch (e) {
    if (e instanceof V8.RuntimeError) return { trap: v8TrapReason(e) };
    if (e instanceof RangeError && /Maximum call stack size/.test(e.message)) return { trap: 'call stack exhausted' };
    if (!(e instanceof V8.Exception)) throw e;
    const ex = e as V8Exception;
    const tag = Object.keys(exports).find((k) => exports[k] instanceof V8.Tag && ex.is(exports[k] as object));
    if (tag === undefined) throw new Error('an exception of a tag the module does not export');
    return { uncaught: tag, values: Array.from({ length: arity }, (_, i) => ex.getArg(exports[tag] as object, i)) };
  }
}

/** An uncaught exception here, as an Outcome: its tag by the name of `inst`'s export of it (among `tags`). */
function uncaught(store: Store, inst: number, tags: readonly string[], e: UncaughtException): Outcome {
  const tag = tags.find((t) => store.exportOf(inst, t) === store.exceptionTag(e.exception));
  return { uncaught: tag ?? '(a tag not exported)', values: plain(store.exceptionValues(e.exception)) };
}

/** What export `name` of `p`'s instance gives for `args` here. */
function ourOutcome(p: Pair, name: string, args: Val[]): Outcome {
  try {
    return plain(done(p.store.invoke(p.inst, name, args)));
  } catch (e) {
    if (e instanceof UncaughtException) return uncaught(p.store, p.inst, p.tags, e);
    if (e instanceof Trap) return { trap: e.reason };
    throw e;
  }
}

/** A module without imports, instantiated in V8 and here; `tags` names its tag exports. */
interface Pair {
  readonly v8: V8Exports;
  readonly store: Store;
  readonly inst: number;
  readonly tags: readonly string[];
}

function pair(text: string): Pair {
  const bytes = ehWat(text);
  const store = new Store();
  const module = prepare(bytes);
  const tags = module.exports.filter((x) => x.kind === 'tag').map((x) => x.name);
  return { v8: new V8.Instance(new V8.Module(bytes)).exports, store, inst: store.instantiate(module), tags };
}

/** Export `name` gives `expected` for `args`, in V8 and here. */
function expectBoth(p: Pair, name: string, args: Val[], expected: Outcome): void {
  const arity = 'uncaught' in expected ? expected.values.length : 0;
  expect(v8Outcome(p.v8, name, plain(args), arity), `V8: ${name}(${plain(args).join(', ')})`).toEqual(expected);
  expect(ourOutcome(p, name, args), `here: ${name}(${plain(args).join(', ')})`).toEqual(expected);
}

const i32 = (n: number): Val => Val.i32(n);

// Tags $e and $f carry an i32 each (same type, distinct tags); $g nothing. $throwBy throws $e 10,
// $f 11 or $g for 0, 1 or 2, and returns for anything else. $note appends a digit to `trace`.
const TAGS = `
  (tag $e (export "e") (param i32))
  (tag $f (export "f") (param i32))
  (tag $g (export "g"))
  (global $trace (export "trace") (mut i32) (i32.const 0))
  (func $note (param i32) (global.set $trace (i32.add (i32.mul (global.get $trace) (i32.const 10)) (local.get 0))))
  (func $throwBy (param i32)
    (if (i32.eq (local.get 0) (i32.const 0)) (then (throw $e (i32.const 10))))
    (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $f (i32.const 11))))
    (if (i32.eq (local.get 0) (i32.const 2)) (then (throw $g))))
  (func $thr (param i32) (throw $e (local.get 0)))`;

describe('exception handling: hand-written cases, in V8 and here', () => {
  it('catches in the same function, by the clause of the thrown tag', () => {
    const p = pair(`(module ${TAGS}
      (func (export "same") (param i32) (result i32)
        (try (result i32)
          (do (throw $e (i32.add (local.get 0) (i32.const 1))))
          (catch $f (i32.const 1000) (i32.add))
          (catch $e (i32.const 100) (i32.add))))
      (func (export "pick") (param i32) (result i32)
        (try (result i32)
          (do (call $throwBy (local.get 0)) (i32.const -1))
          (catch $g (i32.const 300))
          (catch $f (i32.const 200) (i32.add))
          (catch $e (i32.const 100) (i32.add))))
      (func (export "all") (param i32) (result i32)
        (try (result i32)
          (do (call $throwBy (local.get 0)) (i32.const 0))
          (catch $f (i32.const 100) (i32.add))
          (catch_all (i32.const 7)))))`);
    expectBoth(p, 'same', [i32(5)], [106]);
    // Each tag goes to its own clause, skipping the others (also $f, of the same type as $e).
    expectBoth(p, 'pick', [i32(0)], [110]);
    expectBoth(p, 'pick', [i32(1)], [211]);
    expectBoth(p, 'pick', [i32(2)], [300]);
    expectBoth(p, 'pick', [i32(3)], [-1]);
    // catch_all takes what the clauses before it do not.
    expectBoth(p, 'all', [i32(0)], [7]);
    expectBoth(p, 'all', [i32(1)], [111]);
    expectBoth(p, 'all', [i32(2)], [7]);
    expectBoth(p, 'all', [i32(3)], [0]);
  });

  it('unwinds several frames, through a try whose clauses do not match, from 3 frames deep', () => {
    const p = pair(`(module ${TAGS}
      (func $deep (param i32) (call $note (i32.const 4)) (throw $e (i32.mul (local.get 0) (i32.const 2))))
      (func $mid2 (param i32) (call $note (i32.const 3)) (call $deep (local.get 0)) (call $note (i32.const 9)))
      (func $mid (param i32)
        (call $note (i32.const 2))
        (try (do (call $mid2 (local.get 0)) (call $note (i32.const 9)))
          (catch $f (drop) (call $note (i32.const 8)))
          (catch $g (call $note (i32.const 8))))
        (call $note (i32.const 9)))
      (func (export "deep") (param i32) (result i32)
        (global.set $trace (i32.const 0))
        (call $note (i32.const 1))
        (try (result i32)
          (do (call $mid (local.get 0)) (i32.const -1))
          (catch $e (call $note (i32.const 5))))))`);
    expectBoth(p, 'deep', [i32(21)], [42]);
    // Nothing after a throwing call ran, and no clause of $mid did.
    expect((p.v8.trace as { value: number }).value).toBe(12345);
    expect(plain([p.store.getGlobal(p.inst, 'trace')])).toEqual([12345]);
  });

  it('carries i32, i64, f32 and f64 (NaN payloads kept), externref and funcref values', () => {
    const p = pair(`(module
      (type $r (func (result i32)))
      (tag $m (export "m") (param i32 i64 f32 f64 externref funcref))
      (table $tbl 1 funcref)
      (func $seven (result i32) (i32.const 7))
      (elem declare func $seven)
      (func $throwM (export "throwM") (param $x externref)
        (throw $m (i32.const -5) (i64.const 0x123456789abcdef0) (f32.const nan:0x200001)
          (f64.const -nan:0x8000000000001) (local.get $x) (ref.func $seven)))
      (func (export "catchM") (param $x externref) (result i32 i64 i32 i64 externref i32)
        (local $i i32) (local $l i64) (local $f f32) (local $d f64) (local $e externref) (local $fr funcref)
        (try
          (do (call $throwM (local.get $x)))
          (catch $m (local.set $fr) (local.set $e) (local.set $d) (local.set $f) (local.set $l) (local.set $i)))
        (table.set $tbl (i32.const 0) (local.get $fr))
        (local.get $i) (local.get $l) (i32.reinterpret_f32 (local.get $f)) (i64.reinterpret_f64 (local.get $d))
        (local.get $e) (call_indirect $tbl (type $r) (i32.const 0))))`);
    const obj = { host: 'object' };
    const f64Bits = BigInt.asIntN(64, 0xfff8000000000001n);
    expectBoth(p, 'catchM', [Val.externref(obj)], [-5, 0x123456789abcdef0n, 0x7fa00001, f64Bits, obj, 7]);
    // Uncaught, the values read back exactly here (V8 gives NaNs as JavaScript numbers, without
    // their payloads, and a funcref argument it cannot read: not compared).
    const e = expectThrow(() => p.store.invoke(p.inst, 'throwM', [Val.externref(obj)]), UncaughtException);
    const [a, b, c, d, x, fr] = p.store.exceptionValues(e.exception);
    expect([a.type, val(a), b.type, val(b)]).toEqual(['i32', -5, 'i64', 0x123456789abcdef0n]);
    expect(c.type === 'f32' && c.bits).toBe(0x7fa00001);
    expect(d.type === 'f64' && d.bits).toBe(0xfff8000000000001n);
    expect(x.type === 'externref' && x.value).toBe(obj);
    expect(fr.type === 'funcref' && fr.value !== null && p.store.funcInfo(fr.value as FuncRef).index).toBe(0);
    const v8 = v8Outcome(p.v8, 'throwM', [obj], 5);
    expect(v8).toEqual({ uncaught: 'm', values: [-5, 0x123456789abcdef0n, NaN, NaN, obj] });
  });

  it('passes a try its block params and takes its results', () => {
    const p = pair(`(module ${TAGS}
      (func (export "params") (param i32) (result i32)
        (local.get 0)
        (try (param i32) (result i32)
          (do (i32.const 1) (i32.add)
            (if (i32.ge_u (local.get 0) (i32.const 10)) (then (throw $e (i32.mul (local.get 0) (i32.const 2))))))
          (catch $e (i32.const 1000) (i32.add))))
      (func (export "params2") (param i32) (result i32)
        (i32.const 100) (local.get 0)
        (try $t (param i32 i32) (result i32)
          (do (i32.sub)
            (br_if $t (i32.eqz (local.get 0)))
            (if (i32.lt_s (local.get 0) (i32.const 0)) (then (throw $e (local.get 0))))
            (i32.const 2) (i32.mul))
          (catch $e (i32.const -1) (i32.mul)))))`);
    expectBoth(p, 'params', [i32(3)], [4]);
    expectBoth(p, 'params', [i32(12)], [1024]);
    expectBoth(p, 'params2', [i32(0)], [100]);
    expectBoth(p, 'params2', [i32(5)], [190]);
    expectBoth(p, 'params2', [i32(-3)], [3]);
  });

  it('leaves a try by br, br_if and br_table (from its body, its clauses, to its own label): its handlers go', () => {
    const p = pair(`(module ${TAGS}
      (func (export "brOut") (param i32) (result i32) (local $r i32)
        (try (result i32)
          (do
            (block $out
              (try (do (br_if $out (local.get 0)) (throw $e (i32.const 1)))
                (catch_all (local.set $r (i32.const 10)))))
            (throw $e (i32.add (local.get $r) (i32.const 2))))
          (catch $e)))
      (func (export "brTable") (param i32) (result i32)
        (try (result i32)
          (do
            (block $a (result i32)
              (block $b (result i32)
                (try $t (result i32)
                  (do (br_table $t $b $a (i32.const 7) (local.get 0)))
                  (catch_all (i32.const 99)))
                (i32.const 100) (i32.add))
              (i32.const 1000) (i32.add))
            (throw $e))
          (catch $e (i32.const 5000) (i32.add))))
      (func (export "brCatch") (param i32) (result i32) (local $r i32)
        (block $out
          (try $t
            (do (throw $e (local.get 0)))
            (catch $e
              (local.set $r)
              (br_if $out (i32.eq (local.get $r) (i32.const 1)))
              (br_if $t (i32.eq (local.get $r) (i32.const 2)))
              (local.set $r (i32.const 30))))
          (local.set $r (i32.add (local.get $r) (i32.const 100))))
        (try (result i32) (do (throw $f (local.get $r))) (catch $f (i32.const 1000) (i32.add)) (catch_all (i32.const -1)))))`);
    // Out of the inner try by br_if, a later throw goes past its catch_all to the outer clause.
    expectBoth(p, 'brOut', [i32(1)], [2]);
    expectBoth(p, 'brOut', [i32(0)], [12]);
    expectBoth(p, 'brTable', [i32(0)], [6107]);
    expectBoth(p, 'brTable', [i32(1)], [6007]);
    expectBoth(p, 'brTable', [i32(2)], [5007]);
    expectBoth(p, 'brTable', [i32(9)], [5007]);
    expectBoth(p, 'brCatch', [i32(1)], [1001]);
    expectBoth(p, 'brCatch', [i32(2)], [1102]);
    expectBoth(p, 'brCatch', [i32(5)], [1130]);
  });

  it('delegates to an outer try, to a block (the try around it), and to the caller', () => {
    const p = pair(`(module ${TAGS}
      (func (export "toTry") (param i32) (result i32)
        (try $outer (result i32)
          (do
            (try (result i32)
              (do (try (result i32) (do (call $thr (local.get 0)) (i32.const 0)) (delegate $outer)))
              (catch $e (i32.const 100) (i32.add))))
          (catch $e (i32.const 200) (i32.add))))
      (func (export "toBlock") (param i32) (result i32)
        (try (result i32)
          (do
            (block $blk (result i32)
              (try (result i32)
                (do (try (result i32) (do (call $thr (local.get 0)) (i32.const 0)) (delegate $blk)))
                (catch $e (i32.const 100) (i32.add)))))
          (catch $e (i32.const 200) (i32.add))))
      (func $toCaller (export "toCaller") (param i32) (result i32)
        (try (result i32)
          (do (try (result i32) (do (call $thr (local.get 0)) (i32.const 0)) (delegate 1)))
          (catch $e (i32.const 100) (i32.add))))
      (func (export "caller") (param i32) (result i32)
        (try (result i32) (do (call $toCaller (local.get 0))) (catch $e (i32.const 300) (i32.add))))
      (func (export "toCatching") (param i32) (result i32)
        (try $outer (result i32)
          (do (try $a (result i32)
            (do (throw $e (local.get 0)))
            (catch $e (drop) (try (result i32) (do (throw $e (i32.const 2))) (delegate $a)))))
          (catch $e (i32.const 100) (i32.add)))))`);
    // The middle try's clause is skipped each time.
    expectBoth(p, 'toTry', [i32(1)], [201]);
    expectBoth(p, 'toBlock', [i32(1)], [201]);
    expectBoth(p, 'caller', [i32(1)], [301]);
    expectBoth(p, 'toCaller', [i32(4)], { uncaught: 'e', values: [4] });
    // To a try whose clause it is in: that try's clauses no longer apply.
    expectBoth(p, 'toCatching', [i32(1)], [102]);
  });

  it('rethrows from nested clauses (label depths above 0) and from catch_all', () => {
    const p = pair(`(module ${TAGS}
      (func (export "nested") (param i32) (result i32)
        (try (result i32)
          (do
            (try $a
              (do (throw $e (local.get 0)))
              (catch $e
                (drop)
                (try $b
                  (do (throw $f (i32.const 50)))
                  (catch $f
                    (drop)
                    (block (block (if (i32.eqz (local.get 0)) (then (rethrow $b))) (rethrow $a)))))))
            (unreachable))
          (catch $f (i32.const 1000) (i32.add))
          (catch $e (i32.const 2000) (i32.add))))
      (func (export "all") (param i32) (result i32)
        (try (result i32)
          (do (try (do (call $throwBy (local.get 0))) (catch_all (call $note (i32.const 1)) (rethrow 0))) (i32.const -1))
          (catch $e (i32.const 100) (i32.add))
          (catch $f (i32.const 200) (i32.add))
          (catch_all (i32.const 3)))))`);
    expectBoth(p, 'nested', [i32(0)], [1050]);
    expectBoth(p, 'nested', [i32(7)], [2007]);
    expectBoth(p, 'all', [i32(0)], [110]);
    expectBoth(p, 'all', [i32(1)], [211]);
    expectBoth(p, 'all', [i32(2)], [3]);
    expectBoth(p, 'all', [i32(3)], [-1]);
  });

  it('catch_all takes no values: operands below the try stay as they were', () => {
    const p = pair(`(module ${TAGS}
      (func (export "under") (param i32) (result i32)
        (i32.xor (i32.const 5) (try (result i32) (do (throw $e (local.get 0))) (catch_all (i32.const 2))))))`);
    expectBoth(p, 'under', [i32(9)], [7]);
  });

  it('throws and catches in every pass of a loop, and goes on from a clause to the loop', () => {
    const p = pair(`(module ${TAGS}
      (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
        (block $done
          (loop $l
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (try
              (do
                (if (i32.and (local.get $i) (i32.const 1)) (then (throw $e (local.get $i))))
                (throw $f (i32.mul (local.get $i) (i32.const 3))))
              (catch $e (local.get $s) (i32.add) (local.set $s))
              (catch $f (local.get $s) (i32.add) (local.set $s)
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $l)))
        (local.get $s)))`);
    // Odd i add i, even i add 3i: for 1000, 500² + 3 × 249,500.
    expectBoth(p, 'sum', [i32(1000)], [998_500]);
    expectBoth(p, 'sum', [i32(7)], [1 + 3 + 5 + 3 * (2 + 4 + 6)]);
    expectBoth(p, 'sum', [i32(0)], [0]);
  });

  it('does not catch traps, even with catch_all; the store goes on', () => {
    const p = pair(`(module ${TAGS}
      (func $div (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "run") (param i32) (result i32)
        (try (result i32)
          (do (if (i32.eq (local.get 0) (i32.const 1)) (then unreachable)) (call $div (i32.const 10) (local.get 0)))
          (catch_all (call $note (i32.const 9)) (i32.const 99)))))`);
    expectBoth(p, 'run', [i32(1)], { trap: 'unreachable' });
    expectBoth(p, 'run', [i32(0)], { trap: 'integer divide by zero' });
    const e = expectThrow(() => p.store.invoke(p.inst, 'run', [i32(0)]), Trap);
    expect(e).not.toBeInstanceOf(UncaughtException);
    // The clause never ran.
    expect((p.v8.trace as { value: number }).value).toBe(0);
    expect(plain([p.store.getGlobal(p.inst, 'trace')])).toEqual([0]);
    expectBoth(p, 'run', [i32(5)], [2]);
  });

  it('does not catch call stack exhaustion either', () => {
    const p = pair(`(module ${TAGS}
      (func $rec (param i32) (result i32) (i32.add (call $rec (local.get 0)) (i32.const 1)))
      (func (export "deep") (result i32) (try (result i32) (do (call $rec (i32.const 0))) (catch_all (i32.const 99)))))`);
    expectBoth(p, 'deep', [], { trap: 'call stack exhausted' });
  });

  it('tells tags apart by instance: an imported tag is the same tag; another instance of a module has its own', () => {
    const a = ehWat(`(module (tag $t (export "t") (param i32)) (func (export "throwIt") (param i32) (throw $t (local.get 0))))`);
    const b = ehWat(`(module
      (import "A1" "t" (tag $t (param i32)))
      (import "A1" "throwIt" (func $throw1 (param i32)))
      (import "A2" "throwIt" (func $throw2 (param i32)))
      (tag $own (param i32))
      (func (export "run") (param i32) (result i32)
        (try (result i32)
          (do (if (i32.and (local.get 0) (i32.const 1)) (then (call $throw2 (local.get 0))) (else (call $throw1 (local.get 0)))) (i32.const 0))
          (catch $own (i32.const 100) (i32.add))
          (catch $t (i32.const 200) (i32.add)))))`);
    const a1 = new V8.Instance(new V8.Module(a)).exports;
    const a2 = new V8.Instance(new V8.Module(a)).exports;
    const v8 = new V8.Instance(new V8.Module(b), { A1: a1, A2: a2 }).exports;
    expect(v8Outcome(v8, 'run', [4], 0)).toEqual([204]);
    expect(v8Outcome({ ...v8, t1: a1.t, t2: a2.t }, 'run', [5], 1)).toEqual({ uncaught: 't2', values: [5] });
    const store = new Store();
    const ma = prepare(a);
    const [i1, i2] = [store.instantiate(ma), store.instantiate(ma)];
    store.setName(i1, 'A1');
    store.setName(i2, 'A2');
    const ib = store.instantiate(prepare(b));
    expect(plain(done(store.invoke(ib, 'run', [i32(4)])))).toEqual([204]);
    const e = expectThrow(() => store.invoke(ib, 'run', [i32(5)]), UncaughtException);
    expect(store.exceptionTag(e.exception) === store.exportOf(i2, 't')).toBe(true);
    expect(store.exceptionTag(e.exception) === store.exportOf(i1, 't')).toBe(false);
  });

  it('reports an exception no handler catches as UncaughtException, with its tag and values', () => {
    const p = pair(`(module ${TAGS}
      (tag $w (export "w") (param i64 f64))
      (func (export "wide") (param i32) (throw $w (i64.extend_i32_s (local.get 0)) (f64.const -0.5)))
      (func (export "some") (param i32) (result i32) (call $throwBy (local.get 0)) (i32.const 4)))`);
    expectBoth(p, 'wide', [i32(-3)], { uncaught: 'w', values: [-3n, -0.5] });
    expectBoth(p, 'some', [i32(1)], { uncaught: 'f', values: [11] });
    expectBoth(p, 'some', [i32(2)], { uncaught: 'g', values: [] });
    const e = expectThrow(() => p.store.invoke(p.inst, 'some', [i32(0)]), UncaughtException);
    expect(e).toBeInstanceOf(Trap);
    expect(p.store.exceptionTag(e.exception)).toBe(p.store.exportOf(p.inst, 'e'));
    expect(p.store.exceptionTag(e.exception)).not.toBe(p.store.exportOf(p.inst, 'f'));
    // The store stays usable, and each throw is a new exception.
    expectBoth(p, 'some', [i32(3)], [4]);
    const again = expectThrow(() => p.store.invoke(p.inst, 'some', [i32(0)]), UncaughtException);
    expect(again.exception).not.toBe(e.exception);
    expect(plain(p.store.exceptionValues(again.exception))).toEqual([10]);
  });
});

/** Runs `r` to its end, answering host calls with `answer` (which resumes, throws or nests). */
function drive(r: RunResult, answer: (call: Call) => RunResult): Val[] {
  while (r.kind === 'host') r = answer(r.call);
  return done(r);
}

describe('exception handling: exceptions and the host', () => {
  // $h answers or throws; run catches $t; relay rethrows what it catches; anew throws it again.
  const HOST = `(module
    (import "env" "h" (func $h (param i32) (result i32)))
    (tag $t (export "t") (param i32 i64))
    (func (export "run") (param i32) (result i32)
      (try (result i32) (do (call $h (local.get 0))) (catch $t (i32.wrap_i64) (i32.add))))
    (func (export "plain") (param i32) (result i32) (call $h (local.get 0)))
    (func (export "relay") (param i32) (result i32)
      (try (result i32) (do (call $h (local.get 0))) (catch_all (rethrow 0))))
    (func (export "anew") (param i32) (result i32)
      (try (result i32) (do (call $h (local.get 0))) (catch $t (throw $t)))))`;
  const bytes = ehWat(HOST);

  it('lets wasm catch what the host throws with a tag the module exports (exportOf)', () => {
    let v8: V8Exports = {};
    const thrown: unknown[] = [];
    const h = (x: number) => {
      if (x % 2 === 0) return x;
      const ex = new V8.Exception(v8.t as object, [x * 10, 5n]);
      thrown.push(ex);
      throw ex;
    };
    v8 = new V8.Instance(new V8.Module(bytes), { env: { h } }).exports;
    const store = new Store();
    store.linkFuncCustom('env', 'h', { params: ['i32'], results: ['i32'] });
    const inst = store.instantiate(prepare(bytes));
    const tag = store.exportOf(inst, 't');
    expect(tag).toBeInstanceOf(TagRef);
    expect(store.tagType(tag as TagRef)).toEqual({ params: ['i32', 'i64'] });
    let made: ExceptionRef[] = [];
    const answer = (call: Call): RunResult => {
      const x = val(call.args[0]) as number;
      if (x % 2 === 0) return call.resume([Val.i32(x)]);
      const ex = store.createException(tag as TagRef, [Val.i32(x * 10), Val.i64(5n)]);
      made.push(ex);
      return call.throw(ex);
    };
    const ours = (name: string, x: number) => plain(drive(store.invoke(inst, name, [Val.i32(x)]), answer));
    for (const x of [3, 4]) {
      expect(ours('run', x)).toEqual([(v8.run as (n: number) => number)(x)]);
    }
    expect(ours('run', 3)).toEqual([35]);
    // Uncaught, it is the very exception the host threw, also after wasm rethrew it.
    for (const name of ['plain', 'relay']) {
      made = [];
      const e = expectThrow(() => ours(name, 7), UncaughtException);
      expect(e.exception).toBe(made[0]);
      expect(plain(store.exceptionValues(e.exception))).toEqual([70, 5n]);
      thrown.length = 0;
      let caught: unknown;
      try {
        (v8[name] as (n: number) => number)(7);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBe(thrown[0]);
    }
    // Thrown anew by wasm: another exception with the same tag and values, in both engines.
    made = [];
    const e = expectThrow(() => ours('anew', 9), UncaughtException);
    expect(e.exception).not.toBe(made[0]);
    expect(store.exceptionTag(e.exception)).toBe(tag);
    expect(plain(store.exceptionValues(e.exception))).toEqual([90, 5n]);
    thrown.length = 0;
    expect(v8Outcome(v8, 'anew', [9], 2)).toEqual({ uncaught: 't', values: [90, 5n] });
    // The store goes on.
    expect(ours('run', 6)).toEqual([6]);
  });

  it('lets wasm catch what the host throws with a tag it created (createTag) and the module imports', () => {
    const text = `(module
      (import "env" "h" (func $h (param i32) (result f64)))
      (import "env" "t" (tag $t (param f64)))
      (tag $own (param f64))
      (export "t" (tag $t))
      (func (export "run") (param i32) (result f64)
        (try (result f64)
          (do (call $h (local.get 0)))
          (catch $own (f64.neg))
          (catch $t (f64.const 0.25) (f64.add))
          (catch_all (f64.const -1)))))`;
    const b = ehWat(text);
    // V8: the same behaviour with its own tags.
    const v8t = new V8.Tag({ parameters: ['f64'] });
    const v8other = new V8.Tag({ parameters: ['f64'] });
    const v8h = (x: number) => {
      if (x === 0) return 2.5;
      throw new V8.Exception(x === 1 ? v8t : v8other, [x * 1.5]);
    };
    const v8 = new V8.Instance(new V8.Module(b), { env: { h: v8h, t: v8t } }).exports;
    const store = new Store();
    const hf = store.createHostFunc({ params: ['i32'], results: ['f64'] });
    const t = store.createTag(['f64']);
    const other = store.createTag(['f64']);
    const inst = store.instantiateWith(prepare(b), [hf.func, t]);
    expect(store.exportOf(inst, 't')).toBe(t);
    const answer = (call: Call): RunResult => {
      expect(call.index).toBe(hf.index);
      const x = val(call.args[0]) as number;
      if (x === 0) return call.resume([Val.f64(2.5)]);
      return call.throw(store.createException(x === 1 ? t : other, [Val.f64(x * 1.5)]));
    };
    for (const [x, want] of [[0, 2.5], [1, 1.75], [2, -1]]) {
      expect((v8.run as (n: number) => number)(x)).toBe(want);
      expect(plain(drive(store.invoke(inst, 'run', [Val.i32(x)]), answer))).toEqual([want]);
    }
    // The API's checks: values of the wrong types, an exception of another store.
    expectThrow(() => store.createException(t, [Val.i32(1)]), InvalidError);
    const call = host(store.invoke(inst, 'run', [Val.i32(1)]));
    const foreign = new Store();
    expectThrow(() => call.throw(foreign.createException(foreign.createTag([]), [])), InvalidError);
    expect(plain(done(call.throw(store.createException(t, [Val.f64(1)]))))).toEqual([1.25]);
  });

  it('runs nested invocations that throw and catch, inside a host call, and then the outer one', () => {
    const text = `(module
      (import "env" "h" (func $h (param i32) (result i32)))
      (tag $t (export "t") (param i32))
      (func (export "inner") (param i32) (result i32)
        (try (result i32) (do (throw $t (i32.mul (local.get 0) (i32.const 2)))) (catch $t (i32.const 1) (i32.add))))
      (func (export "innerThrows") (param i32) (result i32) (throw $t (local.get 0)))
      (func (export "outer") (param i32) (result i32)
        (try (result i32) (do (throw $t (call $h (local.get 0)))) (catch $t (i32.const 5000) (i32.add)))))`;
    const b = ehWat(text);
    let v8: V8Exports = {};
    const v8h = (x: number) => (v8[x < 100 ? 'inner' : 'innerThrows'] as (n: number) => number)(x);
    v8 = new V8.Instance(new V8.Module(b), { env: { h: v8h } }).exports;
    const store = new Store();
    store.linkFunc('env', 'h', 1, 1);
    const inst = store.instantiate(prepare(b));
    const answer = (call: Call): RunResult => {
      const x = val(call.args[0]) as number;
      let results: Val[];
      try {
        results = done(store.invoke(inst, x < 100 ? 'inner' : 'innerThrows', [Val.i32(x)]));
      } catch (e) {
        if (!(e instanceof UncaughtException)) throw e;
        // What the nested invocation did not catch, the host throws on at its own call site.
        expect(store.lastCall()).toBe(call);
        return call.throw(e.exception);
      }
      return call.resume(results);
    };
    for (const [x, want] of [[5, 5011], [200, 5200]]) {
      expect((v8.outer as (n: number) => number)(x)).toBe(want);
      expect(plain(drive(store.invoke(inst, 'outer', [Val.i32(x)]), answer))).toEqual([want]);
    }
  });
});

describe('exception handling: the start function', () => {
  it('catches inside it; what it does not catch makes instantiate throw UncaughtException', () => {
    const text = (rest: string) => `(module (tag $t (export "t") (param i32)) (global $g (export "g") (mut i32) (i32.const 0))
      (func $s (try (do (throw $t (i32.const 1))) (catch $t (global.set $g))) ${rest}) (start $s))`;
    const ok = ehWat(text(''));
    const bad = ehWat(text('(throw $t (i32.const 7))'));
    expect((new V8.Instance(new V8.Module(ok)).exports.g as { value: number }).value).toBe(1);
    let v8Thrown: unknown;
    try {
      new V8.Instance(new V8.Module(bad));
    } catch (e) {
      v8Thrown = e;
    }
    expect(v8Thrown).toBeInstanceOf(V8.Exception);
    const store = new Store();
    const e = expectThrow(() => store.instantiate(prepare(bad)), UncaughtException);
    expect(plain(store.exceptionValues(e.exception))).toEqual([7]);
    const inst = store.instantiate(prepare(ok));
    expect(plain([store.getGlobal(inst, 'g')])).toEqual([1]);
  });
});

describe('exception handling: a clause suspended in a host call or a fuel pause', () => {
  it('rethrows what it caught, also after a nested invocation caught another exception', () => {
    // The host answers $h by invoking "inner", which catches an exception of its own.
    const b = ehWat(`(module
      (import "env" "h" (func $h (param i32) (result i32)))
      (tag $a (export "a") (param i32))
      (tag $b (export "b") (param i32))
      (func (export "inner") (param i32) (result i32)
        (try (do (throw $b (i32.const 2))) (catch $b (drop)))
        (i32.const 0))
      (func (export "outer") (result i32)
        (try (do (throw $a (i32.const 1))) (catch_all (drop (call $h (i32.const 0))) (rethrow 0)))
        (i32.const 0)))`);
    let v8: V8Exports = {};
    v8 = new V8.Instance(new V8.Module(b), { env: { h: (x: number) => (v8.inner as (n: number) => number)(x) } }).exports;
    expect(v8Outcome(v8, 'outer', [], 1)).toEqual({ uncaught: 'a', values: [1] });
    const store = new Store();
    store.linkFunc('env', 'h', 1, 1);
    const inst = store.instantiate(prepare(b));
    const e = expectThrow(() => drive(store.invoke(inst, 'outer', []), (call) => call.resume(done(store.invoke(inst, 'inner', [...call.args])))), UncaughtException);
    expect(uncaught(store, inst, ['a', 'b'], e)).toEqual({ uncaught: 'a', values: [1] });
  });

  it('rethrows what it caught, also after an invocation made during a fuel pause caught another exception', () => {
    // outer's clause pauses at its loop's header (the loop's pass costs more than the fuel left).
    const b = ehWat(`(module
      (tag $a (export "a") (param i32))
      (tag $b (export "b") (param i32))
      (func (export "inner") (result i32)
        (try (do (throw $b (i32.const 2))) (catch $b (drop)))
        (i32.const 0))
      (func (export "outer") (result i32)
        (try (do (throw $a (i32.const 1))) (catch_all (loop (nop) (nop) (nop) (nop) (nop)) (rethrow 0)))
        (i32.const 0)))`);
    for (const p of ['fast', 'compact', 'compiled'] as const) {
      const store = new Store({ fuel: 1_000_000 });
      const inst = store.instantiate(new Module(b, { profile: p }));
      // One less than a whole run: enough for outer's entry (6), not for the loop's pass (5).
      const all = store.getFuel();
      expectThrow(() => store.invoke(inst, 'outer', []), UncaughtException);
      store.setFuel(all - store.getFuel() - 1);
      const r = store.invoke(inst, 'outer', []);
      expect([r.kind, store.getFuel()], p).toEqual(['out-of-fuel', 4]);
      store.setFuel(1_000_000);
      expect(plain(done(store.invoke(inst, 'inner', []))), p).toEqual([0]);
      const e = expectThrow(() => (r.kind === 'out-of-fuel' ? r.resume() : r), UncaughtException);
      expect(uncaught(store, inst, ['a', 'b'], e), p).toEqual({ uncaught: 'a', values: [1] });
    }
  });
});

const SEED_OFFSET: Record<string, number> = { fast: 0, compact: 1_000_000, compiled: 2_000_000 };
const FUZZ_MODULES = Number(process.env.EH_FUZZ_MODULES ?? 500);
const FUZZ_START = Number(process.env.EH_FUZZ_SEED_START ?? SEED_OFFSET[profile ?? 'fast']);

describe('exception handling: generated programs, in V8 and here', () => {
  it(`match V8 (seeds ${FUZZ_START}..${FUZZ_START + FUZZ_MODULES - 1})`, () => {
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    let calls = 0;
    for (let seed = FUZZ_START; seed < FUZZ_START + FUZZ_MODULES; seed++) {
      const prog = generateEh(seed);
      const bytes = ehWat(prog.text);
      const v8 = runV8(prog, bytes);
      const ours = runOurs(prog, prepare(bytes)).lines;
      calls += v8.length;
      for (const l of v8) {
        const kind = /: (\w+)/.exec(l)![1];
        outcomes[kind] = (outcomes[kind] ?? 0) + 1;
      }
      const diff = v8.flatMap((l, i) => (l === ours[i] ? [] : [`  V8:   ${l}\n  here: ${ours[i]}`]));
      if (diff.length > 0) failures.push(`seed ${seed} (EH_FUZZ_SEED_START=${seed} EH_FUZZ_MODULES=1):\n${diff.join('\n')}`);
    }
    console.log(`exceptions: ${FUZZ_MODULES} generated modules, ${calls} calls compared with V8 in ${profile ?? 'the default profile'}:`, outcomes);
    // Every kind of outcome comes up, often.
    for (const kind of ['done', 'uncaught', 'trap']) expect(outcomes[kind] ?? 0, kind).toBeGreaterThan(calls / 50);
    expect(failures.slice(0, 5).join('\n'), `${failures.length} module(s) differ`).toBe('');
  });
});

describe('exception handling: fuel', () => {
  const PROFILES: Profile[] = ['fast', 'compact', 'compiled'];

  it('pauses generated programs at the same points, with the same fuel left, in every profile', () => {
    const start = FUZZ_START + 500_000;
    let pauses = 0;
    let calls = 0;
    const failures: string[] = [];
    for (let seed = start; seed < start + FUZZ_MODULES / 5; seed++) {
      const prog = generateEh(seed);
      const bytes = ehWat(prog.text);
      const v8 = runV8(prog, bytes);
      const slice = 5 + (seed % 30);
      const [fast, ...others] = PROFILES.map((p) => runOurs(prog, new Module(bytes, { profile: p }), slice));
      calls += fast.lines.length;
      pauses += fast.pauses.flat().length;
      // Metering changes nothing else: the outcomes are V8's.
      if (fast.lines.join('\n') !== v8.join('\n')) failures.push(`seed ${seed} metered in fast differs from V8:\n${fast.lines.join('\n')}\n${v8.join('\n')}`);
      others.forEach((o, k) => {
        if (JSON.stringify(o) !== JSON.stringify(fast)) {
          failures.push(`seed ${seed}, slice ${slice}: ${PROFILES[k + 1]} differs from fast:\n${JSON.stringify(o)}\n${JSON.stringify(fast)}`);
        }
      });
    }
    console.log(`exceptions, fuel: ${FUZZ_MODULES / 5} generated modules, ${calls} calls, ${pauses} pauses compared across the 3 profiles`);
    expect(pauses).toBeGreaterThan(calls * 2);
    expect(failures.slice(0, 3).join('\n'), `${failures.length} difference(s)`).toBe('');
  });

  // A try whose body throws after its first instructions and whose clause runs j more: the
  // clause counts in the try's region as if it began after that region's longest path so far.
  const ruleModule = (a: number, b: number, j: number) =>
    ehWat(`(module (tag $e (param i32))
      (func (export "f") (param i32) (result i32)
        (try (result i32)
          (do ${'(nop) '.repeat(a)} (if (local.get 0) (then (throw $e (i32.const 7)))) ${'(nop) '.repeat(b)} (i32.const 1))
          (catch $e ${'(nop) '.repeat(j)} (i32.const 2) (i32.add))))
      (func (export "loop") (param $n i32) (result i32) (local $s i32)
        (loop $l
          (try
            (do ${'(nop) '.repeat(a)} (throw $e (local.get $n)))
            (catch $e ${'(nop) '.repeat(j)} (local.get $s) (i32.add) (local.set $s)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $s)))`);

  it.each([
    [0, 0, 0],
    [3, 5, 2],
    [10, 1, 7],
  ])('charges a try with a clause by the documented rule (a=%i nops before the throw, b after, j in the clause)', (a, b, j) => {
    const bytes = ruleModule(a, b, j);
    // f: try (1), a nops, local.get, if, then either i32.const and throw (5 + a) or the if's false
    // edge, b nops and i32.const (4 + a + b). `catch` follows the latter (5 + a + b), so the
    // longest path so far is 5 + a + b, and the clause goes on from there: j nops, i32.const,
    // i32.add, the try's end and the function's: 9 + a + b + j at the function's entry, whether
    // it throws or not.
    const f = 9 + a + b + j;
    // loop: the function's region is loop, (after it) local.get, end = 4 at entry; the loop's is
    // try, a nops, local.get, throw (3 + a so far), then the clause: j nops, local.get, i32.add,
    // local.set, the try's end, then local.get, i32.const, i32.sub, local.tee, br_if = 12 + a + j
    // for each pass.
    const pass = 12 + a + j;
    for (const p of PROFILES) {
      const store = new Store({ fuel: 1_000_000 });
      const inst = store.instantiate(new Module(bytes, { profile: p }));
      for (const [x, want] of [[1, 9], [0, 1]]) {
        const before = store.getFuel();
        expect(plain(done(store.invoke(inst, 'f', [Val.i32(x)]))), p).toEqual([want]);
        expect(before - store.getFuel(), `${p}: f(${x})`).toBe(f);
      }
      const before = store.getFuel();
      expect(plain(done(store.invoke(inst, 'loop', [Val.i32(10)]))), p).toEqual([55]);
      expect(before - store.getFuel(), `${p}: loop(10)`).toBe(4 + 10 * pass);
      // One less than the entry's charge pauses before anything runs; exactly enough runs it all.
      store.setFuel(f - 1);
      const r = store.invoke(inst, 'f', [Val.i32(1)]);
      expect(r.kind, p).toBe('out-of-fuel');
      expect(store.getFuel()).toBe(f - 1);
      store.setFuel(f);
      expect(plain(done(r.kind === 'out-of-fuel' ? r.resume() : r))).toEqual([9]);
      expect(store.getFuel()).toBe(0);
    }
  });
});

