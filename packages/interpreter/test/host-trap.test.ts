/**
 * Host traps: `call.trap(reason)` fails the host function, so the invocation traps with that
 * reason; its frames go, the store stays usable, and invocations suspended further out resume.
 */
import { describe, expect, it } from 'vitest';
import { InvalidError, Store, Trap, Val } from '@proj/interpreter';
import { done, expectThrow, host, plain, watModule } from './wat.js';

const text = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (memory (export "mem") 1)
  (global $g (mut i32) (i32.const 0))
  (func $deep (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (call $h (i32.const 5)))
      (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "deep") (param i32) (result i32) (call $deep (local.get 0)))
  (func (export "mark") (result i32)
    (i32.store (i32.const 0) (i32.const 7))
    (global.set $g (i32.const 1))
    (call $h (i32.const 1)))
  (func (export "g") (result i32) (global.get $g))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`;

function setup() {
  const store = new Store();
  store.linkFunc('env', 'h', 1, 1);
  const inst = store.instantiate(watModule(text));
  return { store, inst };
}

describe('call.trap', () => {
  it('throws a Trap with the host reason and discards the frames', () => {
    const { store, inst } = setup();
    const call = host(store.invoke(inst, 'deep', [Val.i32(50)]));
    const e = expectThrow(() => call.trap('host gave up'), Trap, /^host gave up$/);
    expect(e.reason).toBe('host gave up');
    expect(store.lastCall()).toBeUndefined();
    // The store works on: a fresh invocation runs to its end.
    expect(plain(done(host(store.invoke(inst, 'deep', [Val.i32(3)])).resume([Val.i32(10)])))).toEqual([13]);
  });

  it('keeps what the trapped invocation wrote before the host call', () => {
    const { store, inst } = setup();
    const call = host(store.invoke(inst, 'mark', []));
    expectThrow(() => call.trap('stop'), Trap);
    expect(store.memory(inst)[0]).toBe(7);
    expect(plain(done(store.invoke(inst, 'g', [])))).toEqual([1]);
  });

  it('a stale call is an InvalidError, before and after the trap', () => {
    const { store, inst } = setup();
    const call = host(store.invoke(inst, 'deep', [Val.i32(1)]));
    expectThrow(() => call.trap('x'), Trap);
    expectThrow(() => call.trap('again'), InvalidError, /stale/);
    expectThrow(() => call.resume([Val.i32(1)]), InvalidError, /stale/);

    const resumed = host(store.invoke(inst, 'deep', [Val.i32(1)]));
    expect(plain(done(resumed.resume([Val.i32(1)])))).toEqual([2]);
    expectThrow(() => resumed.trap('late'), InvalidError, /stale/);
  });

  it('traps an inner invocation and lets the outer one resume', () => {
    const { store, inst } = setup();
    const outer = host(store.invoke(inst, 'deep', [Val.i32(20)]));
    const inner = host(store.invoke(inst, 'deep', [Val.i32(30)]));
    // The outer call may not end while the inner one is suspended above it.
    expectThrow(() => outer.trap('too early'), InvalidError, /out of order/);
    expectThrow(() => inner.trap('inner failed'), Trap, /inner failed/);
    expect(store.lastCall()).toBe(outer);
    // An invocation in between runs on the right stack.
    expect(plain(done(store.invoke(inst, 'add', [Val.i32(2), Val.i32(3)])))).toEqual([5]);
    expect(plain(done(outer.resume([Val.i32(100)])))).toEqual([120]);
  });

  it('traps an outer invocation after inner ones finished', () => {
    const { store, inst } = setup();
    const outer = host(store.invoke(inst, 'deep', [Val.i32(10)]));
    expect(plain(done(host(store.invoke(inst, 'deep', [Val.i32(2)])).resume([Val.i32(0)])))).toEqual([2]);
    expectThrow(() => outer.trap('outer failed'), Trap, /outer failed/);
    expect(store.lastCall()).toBeUndefined();
    expect(plain(done(host(store.invoke(inst, 'deep', [Val.i32(0)])).resume([Val.i32(9)])))).toEqual([9]);
  });

  it('abandoned deep invocations do not use up the call stack once trapped', () => {
    const store = new Store({ maxCallDepth: 1000 });
    store.linkFunc('env', 'h', 1, 1);
    const inst = store.instantiate(watModule(text));
    // Each suspended call holds 301 frames; without release the fourth would exhaust the stack.
    for (let i = 0; i < 20; i++) {
      const call = host(store.invoke(inst, 'deep', [Val.i32(300)]));
      expectThrow(() => call.trap('abandon'), Trap);
    }
    expect(plain(done(host(store.invoke(inst, 'deep', [Val.i32(300)])).resume([Val.i32(0)])))).toEqual([300]);
  });

  it('a host function invoked directly can fail', () => {
    const store = new Store();
    store.linkFunc('env', 'h', 1, 1);
    const inst = store.instantiate(
      watModule(`(module (import "env" "h" (func $h (param i32) (result i32))) (export "h" (func $h)))`),
    );
    const call = host(store.invoke(inst, 'h', [Val.i32(1)]));
    expectThrow(() => call.trap('direct'), Trap, /direct/);
    expect(store.lastCall()).toBeUndefined();
  });

  it('a start function that fails in the host leaves the instance unusable', () => {
    const store = new Store();
    store.linkFunc('env', 'h', 1, 1);
    const inst = store.instantiate(
      watModule(`(module (import "env" "h" (func $h (param i32) (result i32)))
        (func $s (drop (call $h (i32.const 1)))) (start $s)
        (func (export "f") (result i32) (i32.const 1)))`),
    );
    const call = store.lastCall()!;
    expectThrow(() => call.trap('no start'), Trap, /no start/);
    expectThrow(() => store.invoke(inst, 'f', []), InvalidError, /failed to start/);
  });

  it('the reason must be a string', () => {
    const { store, inst } = setup();
    const call = host(store.invoke(inst, 'deep', [Val.i32(1)]));
    expectThrow(() => call.trap(42 as unknown as string), InvalidError, /reason/);
    // The call is still pending and resumes.
    expect(plain(done(call.resume([Val.i32(1)])))).toEqual([2]);
  });
});
