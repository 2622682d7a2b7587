/**
 * The host's side of exceptions: tags and exceptions it makes (`createTag`, `createException`),
 * `call.throw`, and UncaughtException when nothing catches. What wasm handlers do with them is
 * tested against V8 in exceptions.test.ts; here the modules have no handlers, and the misuses.
 */
import { describe, expect, it } from 'vitest';
import { InvalidError, Store, Trap, UncaughtException, Val, type ValType } from '@proj/interpreter';
import { done, expectThrow, host, plain, watModule } from './wat.js';

const text = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (global $g (mut i32) (i32.const 0))
  (func $deep (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (call $h (i32.const 5)))
      (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "deep") (param i32) (result i32) (global.set $g (i32.const 1)) (call $deep (local.get 0)))
  (func (export "g") (result i32) (global.get $g)))`;

function setup() {
  const store = new Store();
  store.linkFunc('env', 'h', 1, 1);
  const inst = store.instantiate(watModule(text));
  return { store, inst };
}

describe('createTag and createException', () => {
  it('makes a distinct tag each time, with the parameter types asked for', () => {
    const store = new Store();
    const params: ValType[] = ['i32', 'i64', 'f32', 'f64', 'externref'];
    const a = store.createTag(params);
    const b = store.createTag(params);
    expect(a).not.toBe(b);
    expect(store.tagType(a)).toEqual({ params });
    expect(store.tagType(store.createTag([]))).toEqual({ params: [] });
  });

  it('gives back an exception\'s tag and values, bits intact', () => {
    const store = new Store();
    const tag = store.createTag(['i32', 'i64', 'f32', 'f64']);
    const nan = Val.f32Bits(0x7fa00001);
    const e = store.createException(tag, [Val.i32(-7), Val.i64(-(2n ** 63n)), nan, Val.f64(0.5)]);
    expect(store.exceptionTag(e)).toBe(tag);
    const values = store.exceptionValues(e);
    expect(plain(values)).toEqual([-7, -(2n ** 63n), expect.anything(), 0.5]);
    expect((values[2] as { bits: number }).bits).toBe(0x7fa00001);
  });

  it('refuses unknown types, values that do not match, and refs of another store', () => {
    const store = new Store();
    expectThrow(() => store.createTag(['i31' as ValType]), InvalidError, /createTag: unknown value type i31/);
    expectThrow(() => store.createTag('i32' as unknown as ValType[]), InvalidError, /createTag/);
    const tag = store.createTag(['i32']);
    expectThrow(() => store.createException(tag, []), InvalidError, /createException/);
    expectThrow(() => store.createException(tag, [Val.i64(1n)]), InvalidError, /createException/);
    const other = new Store();
    expectThrow(() => other.createException(tag, [Val.i32(1)]), InvalidError, /another store/);
    expectThrow(() => other.tagType(tag), InvalidError, /another store/);
    expectThrow(() => other.exceptionValues(store.createException(tag, [Val.i32(1)])), InvalidError, /another store/);
  });
});

describe('call.throw', () => {
  it('with no handler, ends the invocation with an UncaughtException carrying the same exception', () => {
    const { store, inst } = setup();
    const tag = store.createTag(['i32']);
    const e = store.createException(tag, [Val.i32(42)]);
    const call = host(store.invoke(inst, 'deep', [Val.i32(30)]));
    const err = expectThrow(() => call.throw(e), UncaughtException, /^uncaught exception$/);
    expect(err).toBeInstanceOf(Trap);
    expect(err.exception).toBe(e);
    expect(plain(store.exceptionValues(err.exception))).toEqual([42]);
    // The frames are gone, what ran before stays, and the store works on.
    expect(store.lastCall()).toBeUndefined();
    expect(plain(done(store.invoke(inst, 'g', [])))).toEqual([1]);
    expect(plain(done(host(store.invoke(inst, 'deep', [Val.i32(2)])).resume([Val.i32(10)])))).toEqual([12]);
  });

  it('ends only the innermost invocation: one suspended further out goes on', () => {
    const { store, inst } = setup();
    const outer = host(store.invoke(inst, 'deep', [Val.i32(3)]));
    const inner = host(store.invoke(inst, 'deep', [Val.i32(1)]));
    expectThrow(() => inner.throw(store.createException(store.createTag([]), [])), UncaughtException);
    expect(plain(done(outer.resume([Val.i32(1)])))).toEqual([4]);
  });

  it('a stale call, an out-of-order one or an exception of another store is an InvalidError, and the call stays pending', () => {
    const { store, inst } = setup();
    const e = store.createException(store.createTag([]), []);
    const call = host(store.invoke(inst, 'deep', [Val.i32(1)]));
    const other = new Store();
    const foreign = other.createException(other.createTag([]), []);
    expectThrow(() => call.throw(foreign), InvalidError, /another store/);
    expectThrow(() => call.throw({} as never), InvalidError, /call.throw/);
    const inner = host(store.invoke(inst, 'deep', [Val.i32(0)]));
    expectThrow(() => call.throw(e), InvalidError, /out of order/);
    expect(plain(done(inner.resume([Val.i32(2)])))).toEqual([2]);
    expect(plain(done(call.resume([Val.i32(5)])))).toEqual([6]);
    expectThrow(() => call.throw(e), InvalidError, /stale/);
  });

  it('from a host function invoked directly, nothing can catch it', () => {
    const store = new Store();
    const { func } = store.createHostFunc({ params: [], results: [] });
    const call = host(store.invokeFunc(func, []));
    const e = store.createException(store.createTag([]), []);
    expect(expectThrow(() => call.throw(e), UncaughtException).exception).toBe(e);
    expect(store.lastCall()).toBeUndefined();
  });
});
