/**
 * Nested invocation: while an invocation is suspended in a host call, the host invokes other
 * exports (of the same or another instance); they run to completion, or to their own host call
 * which must be resumed first, before the outer one resumes with its state intact.
 */
import { describe, expect, it } from 'vitest';
import { type Call, InvalidError, Store, Trap, Val } from '@proj/interpreter';
import { done, expectThrow, host, plain, watModule, val } from './wat.js';

/** An outer function holding values in locals of every type and on the operand stack across a host call. */
const OUTER = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (import "env" "h2" (func $h2 (result i32)))
  (memory (export "memory") 1)
  (global $g (export "g") (mut i32) (i32.const 0))
  (func (export "outer") (param $p i32) (result i32 i64 f64 f32 i32)
    (local $a i64) (local $b f64) (local $c f32) (local $v v128)
    (local.set $a (i64.const 0x0123456789abcdef))
    (local.set $b (f64.const -1234.5678))
    (local.set $c (f32.const 3.25))
    (local.set $v (v128.const i32x4 11 22 33 44))
    ;; operand stack: p+1000 waits under the host call
    (i32.add (i32.add (local.get $p) (i32.const 1000)) (call $h (local.get $p)))
    (local.get $a) (local.get $b) (local.get $c)
    (i32.add (i32x4.extract_lane 3 (local.get $v)) (global.get $g)))
  ;; deep recursion with many live values: grows the value stack well past its first size
  (func $deep (export "deep") (param $n i32) (result i32)
    (local $x0 i64) (local $x1 i64) (local $x2 i64) (local $x3 i64) (local $x4 v128) (local $x5 v128)
    (local.set $x0 (i64.extend_i32_u (local.get $n)))
    (local.set $x4 (i32x4.splat (local.get $n)))
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else
        (i32.add
          (i32.wrap_i64 (local.get $x0))
          (i32.add (i32x4.extract_lane 0 (local.get $x4))
                   (call $deep (i32.sub (local.get $n) (i32.const 1))))))))
  (func (export "scribble") (param $k i32) (result i32)
    (local $a i64) (local $b f64) (local $c f32) (local $d i32) (local $e i32) (local $f i32)
    (local.set $a (i64.const -1)) (local.set $b (f64.const 99)) (local.set $c (f32.const 99))
    (local.set $d (i32.const -1)) (local.set $e (i32.const -1)) (local.set $f (i32.const -1))
    (global.set $g (local.get $k))
    (i32.store (i32.const 8) (local.get $k))
    (local.get $k))
  (func (export "suspendInner") (result i32) (i32.mul (call $h2) (i32.const 3))))`;

function setup() {
  const s = new Store();
  s.linkFunc('env', 'h', 1, 1);
  s.linkFunc('env', 'h2', 0, 1);
  const id = s.instantiate(watModule(OUTER));
  return { s, id };
}

const OUTER_EXPECT = (p: number, hostResult: number, g: number) => [
  p + 1000 + hostResult,
  0x0123456789abcdefn,
  -1234.5678,
  3.25,
  44 + g,
];

describe('nested invocation in the same store', () => {
  it('baseline: outer with an immediate resume', () => {
    const { s, id } = setup();
    const c = host(s.invoke(id, 'outer', [Val.i32(5)]));
    expect(plain(c.args)).toEqual([5]);
    expect(plain(done(c.resume([Val.i32(7)])))).toEqual(OUTER_EXPECT(5, 7, 0));
  });

  it('a deep inner recursion (grows the value stack) leaves the outer locals and operands intact', () => {
    const { s, id } = setup();
    const c = host(s.invoke(id, 'outer', [Val.i32(5)]));
    const n = 5000;
    expect(plain(done(s.invoke(id, 'deep', [Val.i32(n)])))).toEqual([n * (n + 1)]);
    expect(s.lastCall()).toBe(c);
    expect(plain(done(c.resume([Val.i32(7)])))).toEqual(OUTER_EXPECT(5, 7, 0));
  });

  it('inner changes to globals and memory are seen by the outer invocation', () => {
    const { s, id } = setup();
    const c = host(s.invoke(id, 'outer', [Val.i32(1)]));
    expect(plain(done(s.invoke(id, 'scribble', [Val.i32(600)])))).toEqual([600]);
    expect(val(s.getGlobal(id, 'g'))).toBe(600);
    expect(new DataView(c.memory().buffer).getInt32(8, true)).toBe(600);
    expect(plain(done(c.resume([Val.i32(2)])))).toEqual(OUTER_EXPECT(1, 2, 600));
  });

  it('an inner invocation of another instance runs to completion first', () => {
    const { s, id } = setup();
    const other = s.instantiate(
      watModule(`(module (func $fib (export "fib") (param i32) (result i32)
        (if (result i32) (i32.lt_s (local.get 0) (i32.const 2)) (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call $fib (i32.sub (local.get 0) (i32.const 2))))))))`),
    );
    const c = host(s.invoke(id, 'outer', [Val.i32(-3)]));
    expect(plain(done(s.invoke(other, 'fib', [Val.i32(20)])))).toEqual([6765]);
    expect(plain(done(c.resume([Val.i32(4)])))).toEqual(OUTER_EXPECT(-3, 4, 0));
  });

  it('an inner invocation that suspends must be resumed before the outer one', () => {
    const { s, id } = setup();
    const outer = host(s.invoke(id, 'outer', [Val.i32(10)]));
    const inner = host(s.invoke(id, 'suspendInner', []));
    expect(inner.index).toBe(1);
    expect(s.lastCall()).toBe(inner);
    expectThrow(() => outer.resume([Val.i32(1)]), InvalidError, /out of order/);
    // The refused resume changed nothing.
    expect(s.lastCall()).toBe(inner);
    expect(plain(done(inner.resume([Val.i32(14)])))).toEqual([42]);
    expect(s.lastCall()).toBe(outer);
    expect(plain(done(outer.resume([Val.i32(1)])))).toEqual(OUTER_EXPECT(10, 1, 0));
  });

  it('three levels: each resumes in turn, with deep recursion at every level', () => {
    const { s, id } = setup();
    const c1 = host(s.invoke(id, 'outer', [Val.i32(1)]));
    done(s.invoke(id, 'deep', [Val.i32(300)]));
    const c2 = host(s.invoke(id, 'outer', [Val.i32(2)]));
    done(s.invoke(id, 'deep', [Val.i32(3000)]));
    const c3 = host(s.invoke(id, 'outer', [Val.i32(3)]));
    expect(plain(done(s.invoke(id, 'deep', [Val.i32(6000)])))).toEqual([6000 * 6001]);
    expect(plain(done(c3.resume([Val.i32(30)])))).toEqual(OUTER_EXPECT(3, 30, 0));
    expect(plain(done(c2.resume([Val.i32(20)])))).toEqual(OUTER_EXPECT(2, 20, 0));
    expect(plain(done(c1.resume([Val.i32(10)])))).toEqual(OUTER_EXPECT(1, 10, 0));
  });

  it('outer suspended below several wasm frames: inner invocations do not disturb those frames', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 1);
    const id = s.instantiate(
      watModule(`(module
        (import "env" "h" (func $h (result i32)))
        (global $res (export "res") (mut i32) (i32.const -1))
        ;; no results: the outcome goes to a global (isolates frame state from result passing)
        (func (export "down") (param i32) (global.set $res (call $down (local.get 0))))
        (func $down (param $n i32) (result i32) (local $keep i64)
          (local.set $keep (i64.mul (i64.extend_i32_u (local.get $n)) (i64.const 0x100000001)))
          (if (result i32) (i32.eqz (local.get $n))
            (then (call $h))
            (else (i32.add
              (i32.add (i32.wrap_i64 (local.get $keep))
                       (i32.wrap_i64 (i64.shr_u (local.get $keep) (i64.const 32))))
              (call $down (i32.sub (local.get $n) (i32.const 1)))))))
        (func $burn (export "burn") (param $n i32) (result i32) (local f64 f64 f64 f64 f64 f64 f64 f64)
          (local.set 1 (f64.const 1e300)) (local.set 8 (f64.const -1e300))
          (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 1))
            (else (i32.add (i32.const 1) (call $burn (i32.sub (local.get $n) (i32.const 1))))))))`),
    );
    const c = host(s.invoke(id, 'down', [Val.i32(50)]));
    expect(plain(done(s.invoke(id, 'burn', [Val.i32(8000)])))).toEqual([8001]);
    const r = c.resume([Val.i32(5)]);
    // every level adds 2n; the leaf adds the host result
    expect(val(s.getGlobal(id, 'res'))).toBe(2 * ((50 * 51) / 2) + 5);
    expect(done(r)).toEqual([]);
  });

  it('a host-function export invoked while suspended, then a wasm invocation on top, leave the outer frame intact', () => {
    // The re-exported import is invoked directly: that invocation has no wasm frame. A wasm
    // invocation started on top of it must still be placed above the outer invocation's frame.
    const s = new Store();
    s.linkFunc('env', 'h', 1, 1);
    s.linkFunc('env', 'h2', 0, 1);
    const id = s.instantiate(watModule(OUTER.replace('(memory (export "memory") 1)', '(memory (export "memory") 1) (export "hh" (func $h))')));
    const outer = host(s.invoke(id, 'outer', [Val.i32(5)]));
    const direct = host(s.invoke(id, 'hh', [Val.i32(9)]));
    expect(plain(direct.args)).toEqual([9]);
    expect(plain(done(s.invoke(id, 'scribble', [Val.i32(0)])))).toEqual([0]);
    expect(plain(done(s.invoke(id, 'deep', [Val.i32(100)])))).toEqual([100 * 101]);
    expect(plain(done(direct.resume([Val.i32(8)])))).toEqual([8]);
    expect(plain(done(outer.resume([Val.i32(7)])))).toEqual(OUTER_EXPECT(5, 7, 0));
  });

  it('a host that nests invocations until JavaScript\'s stack overflows leaves the store usable', () => {
    // The host answers each call by invoking the export again, recursing in JavaScript, until the
    // stack overflows somewhere in the store, the run loop or the host. Each level then fails the
    // calls it knows of from its own out, innermost first (one whose trap overflows too is left
    // to an outer level); none may find a step the store had cut short in its way.
    const s = new Store();
    s.linkFunc('env', 'h', 1, 1);
    const id = s.instantiate(watModule(`(module (import "env" "h" (func $h (param i32) (result i32)))
      (func (export "f") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (call $h (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))`));
    const pending: Call[] = [];
    const outOfOrder: string[] = [];
    const failFrom = (level: number): void => {
      for (let k = pending.length - 1; k >= level; k--) {
        try {
          pending[k].trap('the host ran out of stack');
        } catch (t) {
          if (t instanceof InvalidError && /out of order/.test(t.message)) outOfOrder.push(t.message);
          else if (!(t instanceof Trap) && !(t instanceof InvalidError)) throw t; // left to an outer level
        }
      }
      pending.length = level;
    };
    const drive = (n: number): number => {
      let r = s.invoke(id, 'f', [Val.i32(n)]);
      while (r.kind === 'host') {
        const call = r.call;
        const level = pending.length;
        pending.push(call);
        let answer: number;
        try {
          answer = drive(val(call.args[0]) as number);
        } catch (e) {
          failFrom(level);
          throw e;
        }
        pending.length = level;
        r = call.resume([Val.i32(answer)]);
      }
      return val(done(r)[0]) as number;
    };
    expect(() => drive(10_000_000)).toThrow(RangeError);
    expect(outOfOrder).toEqual([]);
    expect(drive(50)).toBe(50);
    expect(plain(done(s.invoke(id, 'f', [Val.i32(0)])))).toEqual([0]);
  });
});
