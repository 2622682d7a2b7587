/**
 * Deep recursion ends in the trap `call stack exhausted`, never in a JavaScript RangeError or an
 * allocation failure, with default and custom limits.
 */
import { describe, expect, it } from 'vitest';
import { Store, Trap, Val } from '@proj/interpreter';
import { done, host, plain, thrown, watModule } from './wat.js';

/** rec(n) makes n nested calls below the invoked one: n + 1 calls active at the deepest point. */
const REC = `(module
  (func $rec (export "rec") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $rec (i32.sub (local.get $n) (i32.const 1))))))))`;

function expectExhausted(f: () => unknown): void {
  const e = thrown(f);
  expect(e).not.toBeInstanceOf(RangeError);
  expect(e, String(e)).toBeInstanceOf(Trap);
  expect((e as Trap).reason).toBe('call stack exhausted');
}

describe('call depth', () => {
  it('1,000,000 deep with default options traps, then the store works', () => {
    const s = new Store();
    const id = s.instantiate(watModule(REC));
    expectExhausted(() => s.invoke(id, 'rec', [Val.i32(1_000_000)]));
    expect(plain(done(s.invoke(id, 'rec', [Val.i32(1000)])))).toEqual([1000]);
  });

  it('default options allow a recursion of 10,000', () => {
    const s = new Store();
    const id = s.instantiate(watModule(REC));
    expect(plain(done(s.invoke(id, 'rec', [Val.i32(10_000)])))).toEqual([10_000]);
  });

  it('maxCallDepth 100: depth 50 works, depth 100 traps, and the store works afterwards', () => {
    const s = new Store({ maxCallDepth: 100 });
    const id = s.instantiate(watModule(REC));
    expect(plain(done(s.invoke(id, 'rec', [Val.i32(50)])))).toEqual([50]);
    expectExhausted(() => s.invoke(id, 'rec', [Val.i32(1_000_000)]));
    expectExhausted(() => s.invoke(id, 'rec', [Val.i32(100)]));
    expect(plain(done(s.invoke(id, 'rec', [Val.i32(50)])))).toEqual([50]);
  });

  it('maxCallDepth 100 means 100 calls active at once: rec(99) works, rec(100) (101 active) traps', () => {
    const s = new Store({ maxCallDepth: 100 });
    const id = s.instantiate(watModule(REC));
    expect(plain(done(s.invoke(id, 'rec', [Val.i32(99)])))).toEqual([99]);
    expectExhausted(() => s.invoke(id, 'rec', [Val.i32(100)]));
  });

  it('maxCallDepth 1: only the invoked function runs', () => {
    const s = new Store({ maxCallDepth: 1 });
    const id = s.instantiate(watModule(REC));
    expect(plain(done(s.invoke(id, 'rec', [Val.i32(0)])))).toEqual([0]);
    expectExhausted(() => s.invoke(id, 'rec', [Val.i32(1)]));
  });

  it('mutual recursion through call_indirect traps; shallow mutual recursion works', () => {
    const s = new Store();
    const id = s.instantiate(
      watModule(`(module
        (type $t (func (param i32) (result i32)))
        (table 2 funcref)
        (elem (i32.const 0) $even $odd)
        (func $even (export "even") (type $t)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
            (else (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 1)))))
        (func $odd (type $t)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
            (else (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0))))))`),
    );
    expect(plain(done(s.invoke(id, 'even', [Val.i32(1001)])))).toEqual([0]);
    expect(plain(done(s.invoke(id, 'even', [Val.i32(1000)])))).toEqual([1]);
    expectExhausted(() => s.invoke(id, 'even', [Val.i32(1_000_000)]));
    expect(plain(done(s.invoke(id, 'even', [Val.i32(10)])))).toEqual([1]);
  });

  it('mutual recursion across two instances traps and both stay usable', () => {
    const s = new Store({ maxCallDepth: 500 });
    s.linkFunc('env', 'never', 0, 0);
    const a = s.instantiate(
      watModule(`(module (type $t (func (param i32) (result i32)))
        (table (export "tab") 1 funcref)
        (func (export "pingA") (type $t)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 7))
            (else (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0))))))`),
    );
    s.setName(a, 'a');
    const b = s.instantiate(
      watModule(`(module (type $t (func (param i32) (result i32)))
        (import "a" "tab" (table 1 funcref))
        (import "a" "pingA" (func $pingA (type $t)))
        (elem (i32.const 0) $pingB)
        (func $pingB (export "pingB") (type $t) (call $pingA (local.get 0))))`),
    );
    expect(plain(done(s.invoke(b, 'pingB', [Val.i32(100)])))).toEqual([7]);
    expectExhausted(() => s.invoke(b, 'pingB', [Val.i32(100_000)]));
    expectExhausted(() => s.invoke(a, 'pingA', [Val.i32(100_000)]));
    expect(plain(done(s.invoke(a, 'pingA', [Val.i32(3)])))).toEqual([7]);
  });
});

describe('large frames', () => {
  const locals = (n: number, t: string) => Array.from({ length: n }, () => `(local ${t})`).join(' ');
  const BIG = `(module
    (func $big (export "big") (param $n i32) (result i32) ${locals(3000, 'i64')} ${locals(1000, 'v128')}
      (local.set 1 (i64.const 5))
      (local.set 3000 (i64.const 6))
      (if (result i32) (i32.eqz (local.get $n)) (then (i32.wrap_i64 (i64.add (local.get 1) (local.get 3000))))
        (else (i32.add (i32.const 1) (call $big (i32.sub (local.get $n) (i32.const 1))))))))`;

  it('recursion with 4000 locals per frame ends in the trap, not an allocation crash', () => {
    const s = new Store();
    const id = s.instantiate(watModule(BIG));
    expect(plain(done(s.invoke(id, 'big', [Val.i32(20)])))).toEqual([31]);
    expectExhausted(() => s.invoke(id, 'big', [Val.i32(1_000_000)]));
    expect(plain(done(s.invoke(id, 'big', [Val.i32(3)])))).toEqual([14]);
  });

  it('a small maxStackBytes bounds large frames with the same trap', () => {
    const s = new Store({ maxStackBytes: 1 << 20 });
    const id = s.instantiate(watModule(BIG));
    expect(plain(done(s.invoke(id, 'big', [Val.i32(2)])))).toEqual([13]);
    expectExhausted(() => s.invoke(id, 'big', [Val.i32(1000)]));
    expect(plain(done(s.invoke(id, 'big', [Val.i32(2)])))).toEqual([13]);
  });

  it('deep recursion nested under a suspended invocation traps; the outer one is resumable', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 1);
    const id = s.instantiate(
      watModule(`(module (import "env" "h" (func $h (result i32)))
        (func (export "outer") (result i32) (local $x i32) (local.set $x (i32.const 40))
          (i32.add (local.get $x) (call $h))))`),
    );
    const rec = s.instantiate(watModule(BIG));
    const c = host(s.invoke(id, 'outer', []));
    expectExhausted(() => s.invoke(rec, 'big', [Val.i32(1_000_000)]));
    expectExhausted(() => s.invoke(rec, 'big', [Val.i32(1_000_000)]));
    expect(plain(done(c.resume([Val.i32(2)])))).toEqual([42]);
  });
});
