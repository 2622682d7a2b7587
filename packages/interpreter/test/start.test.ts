/**
 * The start function: a host call from it suspends like any other. instantiate returns the id,
 * lastCall() is the pending call, the instance is unusable until the start function finishes;
 * a trapping start function makes instantiate (or the resume) throw the Trap.
 */
import { describe, expect, it } from 'vitest';
import { InvalidError, Store, Trap, Val, WasmError } from '@proj/interpreter';
import { done, expectThrow, host, plain, thrown, watModule, val } from './wat.js';

const MOD = `(module
  (import "env" "init" (func $init (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $g (export "g") (mut i32) (i32.const 0))
  (func $start
    (global.set $g (call $init (i32.const 5)))
    (i32.store (i32.const 0) (global.get $g))
    (if (i32.eqz (global.get $g)) (then (unreachable))))
  (start $start)
  (func (export "get") (result i32) (i32.load (i32.const 0))))`;

function setup() {
  const s = new Store();
  s.linkFunc('env', 'init', 1, 1);
  s.linkFunc('env', 'other', 0, 1);
  return s;
}

describe('a start function that calls the host', () => {
  it('instantiate returns the id; lastCall() is the pending call; the instance works after resuming', () => {
    const s = setup();
    expect(s.lastCall()).toBeUndefined();
    const id = s.instantiate(watModule(MOD));
    expect(typeof id).toBe('number');
    const call = s.lastCall();
    expect(call).toBeDefined();
    expect(call!.index).toBe(0);
    expect(plain(call!.args)).toEqual([5]);
    expect(call!.inst).toBe(id);
    expect(call!.memory().length).toBe(65536);
    // not usable yet
    expectThrow(() => s.invoke(id, 'get', []), InvalidError, /start/);
    expectThrow(() => s.getGlobal(id, 'g'), InvalidError, /start/);
    expect(s.lastCall()).toBe(call);
    const r = call!.resume([Val.i32(33)]);
    expect(r.kind).toBe('done');
    expect(done(r)).toEqual([]);
    expect(s.lastCall()).toBeUndefined();
    expect(plain(done(s.invoke(id, 'get', [])))).toEqual([33]);
    expect(val(s.getGlobal(id, 'g'))).toBe(33);
  });

  it('while the start function is suspended, other instances can be invoked and instantiated', () => {
    const s = setup();
    const other = s.instantiate(
      watModule(`(module (import "env" "other" (func $o (result i32)))
        (func (export "sq") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
        (func (export "ask") (result i32) (call $o)))`),
    );
    const id = s.instantiate(watModule(MOD));
    const call = s.lastCall()!;
    expect(plain(done(s.invoke(other, 'sq', [Val.i32(12)])))).toEqual([144]);
    const inner = host(s.invoke(other, 'ask', []));
    expect(inner.index).toBe(1);
    expectThrow(() => call.resume([Val.i32(1)]), InvalidError, /out of order/);
    expect(plain(done(inner.resume([Val.i32(8)])))).toEqual([8]);
    // a second instance of the same module, started and finished while the first is suspended
    const id2 = s.instantiate(watModule(MOD));
    const call2 = s.lastCall()!;
    expect(call2).not.toBe(call);
    expect(call2.inst).toBe(id2);
    done(call2.resume([Val.i32(2)]));
    expect(plain(done(s.invoke(id2, 'get', [])))).toEqual([2]);
    expectThrow(() => s.invoke(id, 'get', []), InvalidError, /start/);
    expect(s.lastCall()).toBe(call);
    done(call.resume([Val.i32(1)]));
    expect(plain(done(s.invoke(id, 'get', [])))).toEqual([1]);
  });

  it('a trap after the start function resumes is thrown by resume; the instance is unusable, the store fine', () => {
    const s = setup();
    const id = s.instantiate(watModule(MOD));
    const e = thrown(() => s.lastCall()!.resume([Val.i32(0)]));
    expect(e).toBeInstanceOf(Trap);
    expect((e as Trap).reason).toBe('unreachable');
    expect(s.lastCall()).toBeUndefined();
    const err = thrown(() => s.invoke(id, 'get', []));
    expect(err).toBeInstanceOf(WasmError);
    expect((err as WasmError).kind).not.toBe('trap');
    const id2 = s.instantiate(watModule(MOD));
    done(s.lastCall()!.resume([Val.i32(9)]));
    expect(plain(done(s.invoke(id2, 'get', [])))).toEqual([9]);
  });

  it('a start function that is itself an imported host function suspends; the instance is the caller', () => {
    const s = setup();
    s.linkFunc('env', 'boot', 0, 0);
    const id = s.instantiate(
      watModule(`(module (import "env" "boot" (func $b)) (memory 1) (start $b)
        (func (export "f") (result i32) (i32.const 4)))`),
    );
    const call = s.lastCall()!;
    expect(call).toBeDefined();
    expect(call.index).toBe(2);
    expect(call.args).toEqual([]);
    expectThrow(() => s.invoke(id, 'f', []), InvalidError, /start/);
    let inst: number | undefined;
    let memLength: number | undefined;
    try {
      inst = call.inst;
      memLength = call.memory().length;
    } finally {
      expect(done(call.resume([]))).toEqual([]);
    }
    expect(plain(done(s.invoke(id, 'f', [])))).toEqual([4]);
    // The start function runs on behalf of the instance being instantiated.
    expect(inst).toBe(id);
    expect(memLength).toBe(65536);
  });
});

describe('a trapping start function', () => {
  it('makes instantiate throw the Trap; the store stays usable', () => {
    const s = setup();
    const before = s.instantiate(watModule('(module (func (export "one") (result i32) (i32.const 1)))'));
    const e = thrown(() =>
      s.instantiate(watModule(`(module (memory 1) (func $s (drop (i32.load (i32.const 65536)))) (start $s))`)),
    );
    expect(e).toBeInstanceOf(Trap);
    expect((e as Trap).reason).toBe('out of bounds memory access');
    expect(s.lastCall()).toBeUndefined();
    expect(plain(done(s.invoke(before, 'one', [])))).toEqual([1]);
    const e2 = thrown(() =>
      s.instantiate(watModule(`(module (func $s (call $s)) (start $s))`)),
    );
    expect(e2).toBeInstanceOf(Trap);
    expect((e2 as Trap).reason).toBe('call stack exhausted');
    const after = s.instantiate(watModule('(module (func (export "two") (result i32) (i32.const 2)))'));
    expect(plain(done(s.invoke(after, 'two', [])))).toEqual([2]);
  });

  it('a start function that traps while an outer invocation is suspended leaves the outer one resumable', () => {
    const s = setup();
    const id = s.instantiate(
      watModule(`(module (import "env" "other" (func $o (result i32)))
        (func (export "f") (result i32) (local i32) (local.set 0 (i32.const 30)) (i32.add (local.get 0) (call $o))))`),
    );
    const call = host(s.invoke(id, 'f', []));
    const e = thrown(() => s.instantiate(watModule(`(module (func $s (unreachable)) (start $s))`)));
    expect(e).toBeInstanceOf(Trap);
    expect((e as Trap).reason).toBe('unreachable');
    expect(s.lastCall()).toBe(call);
    expect(plain(done(call.resume([Val.i32(12)])))).toEqual([42]);
  });

  it('a start function without host calls finishes inside instantiate', () => {
    const s = setup();
    const id = s.instantiate(
      watModule(`(module (global (export "g") (mut i32) (i32.const 0))
        (func $s (global.set 0 (i32.const 77))) (start $s))`),
    );
    expect(s.lastCall()).toBeUndefined();
    expect(val(s.getGlobal(id, 'g'))).toBe(77);
  });
});
