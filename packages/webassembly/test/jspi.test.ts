/**
 * JSPI (WebAssembly/js-promise-integration): `new WebAssembly.Suspending(fn)` imports whose
 * promises suspend the wasm computation up to a `WebAssembly.promising` export. Node 20's V8
 * has no JSPI, so expected values are computed here from the proposal's rules.
 */
import { describe, expect, it } from 'vitest';
import { call, instantiate, ours } from './helpers.js';

const counter = `(module
  (import "m" "next" (func $next (param i32) (result i32)))
  (global $g (export "g") (mut i32) (i32.const 0))
  (func (export "sum") (param $n i32) (result i32)
    (loop $l
      (global.set $g (i32.add (global.get $g) (call $next (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (global.get $g))
  (func (export "trapAfter") (param i32) (result i32)
    (drop (call $next (local.get 0)))
    (unreachable)))`;

const delay = <T>(v: T) => new Promise<T>((resolve) => setTimeout(() => resolve(v), 1));

describe('Suspending and promising', () => {
  it('suspends at each Suspending import until its promise settles, and resolves with the results', async () => {
    const W = ours();
    const seen: number[] = [];
    const next = new W.Suspending((n: number) => (seen.push(n), delay(n * 10)));
    const e = instantiate(W, counter, { m: { next } });
    const p = W.promising(e.sum as () => unknown)(4);
    expect(p).toBeInstanceOf(Promise);
    // Suspended at the first call: the loop has not gone on.
    expect(seen).toEqual([4]);
    expect((e.g as { value: number }).value).toBe(0);
    expect(await p).toBe(40 + 30 + 20 + 10);
    expect(seen).toEqual([4, 3, 2, 1]);
  });

  it('suspends even when the import returns a plain value (wrapped with Promise.resolve)', async () => {
    const W = ours();
    const e = instantiate(W, counter, { m: { next: new W.Suspending((n: number) => n) } });
    const p = W.promising(e.sum as () => unknown)(3);
    expect((e.g as { value: number }).value).toBe(0);
    expect(await p).toBe(6);
  });

  it('rejects with the value the promise rejects with, and with a RuntimeError for a trap', async () => {
    const W = ours();
    const reason = new Error('no');
    const failing = instantiate(W, counter, { m: { next: new W.Suspending(() => Promise.reject(reason)) } });
    await expect(W.promising(failing.sum as () => unknown)(2)).rejects.toBe(reason);
    const trapping = instantiate(W, counter, { m: { next: new W.Suspending((n: number) => delay(n)) } });
    await expect(W.promising(trapping.trapAfter as () => unknown)(1)).rejects.toBeInstanceOf(W.RuntimeError);
    // The engine stays usable.
    const ok = instantiate(W, counter, { m: { next: new W.Suspending((n: number) => n) } });
    expect(await W.promising(ok.sum as () => unknown)(2)).toBe(3);
  });

  it('throws a SuspendError when a Suspending import is reached without a promising export', () => {
    const W = ours();
    const e = instantiate(W, counter, { m: { next: new W.Suspending(() => Promise.resolve(1)) } });
    expect(() => call(e.sum, 1)).toThrow(W.SuspendError);
  });

  it('rejects with a SuspendError when a plain JavaScript frame stands between (export → import → export → Suspending)', async () => {
    const W = ours();
    const text = `(module (import "m" "plain" (func $plain (result i32))) (import "m" "susp" (func $susp (result i32)))
      (func (export "outer") (result i32) (call $plain))
      (func (export "inner") (result i32) (call $susp)))`;
    let e: Record<string, unknown> = {};
    e = instantiate(W, text, { m: { plain: () => call(e.inner), susp: new W.Suspending(() => Promise.resolve(0)) } });
    await expect(W.promising(e.outer as () => unknown)()).rejects.toBeInstanceOf(W.SuspendError);
  });

  it('nests: a Suspending import may await another promising export', async () => {
    const W = ours();
    const text = `(module (import "m" "inner" (func $i (param i32) (result i32))) (import "m" "outer" (func $o (param i32) (result i32)))
      (func (export "outer") (param i32) (result i32) (call $o (local.get 0)))
      (func (export "inner") (param i32) (result i32) (i32.mul (call $i (local.get 0)) (i32.const 2))))`;
    let innerP: (n: number) => Promise<unknown> = () => Promise.resolve(0);
    const e = instantiate(W, text, {
      m: { inner: new W.Suspending((n: number) => delay(n + 1)), outer: new W.Suspending((n: number) => innerP(n)) },
    });
    innerP = W.promising(e.inner as () => unknown) as (n: number) => Promise<unknown>;
    expect(await W.promising(e.outer as () => unknown)(20)).toBe(42);
  });

  it('runs concurrent promising calls to their own results, whatever order their promises settle in', async () => {
    const W = ours();
    const resolvers: ((v: number) => void)[] = [];
    const e = instantiate(W, counter, { m: { next: new W.Suspending(() => new Promise<number>((r) => resolvers.push(r))) } });
    const other = instantiate(W, counter, { m: { next: new W.Suspending(() => new Promise<number>((r) => resolvers.push(r))) } });
    const a = W.promising(e.sum as () => unknown)(1);
    const b = W.promising(other.sum as () => unknown)(1);
    // The first call's promise settles first, while the second is suspended above it.
    resolvers[0](5);
    await delay(0);
    resolvers[1](7);
    expect(await Promise.all([a, b])).toEqual([5, 7]);
  });

  it('suspends through an export of another instance used as an import', async () => {
    const W = ours();
    const first = instantiate(W, '(module (import "m" "i" (func $i (result i32))) (func (export "f") (result i32) (i32.add (call $i) (i32.const 1))))', {
      m: { i: new W.Suspending(() => delay(1)) },
    });
    const second = instantiate(W, '(module (import "m" "f" (func $f (result i32))) (func (export "main") (result i32) (i32.add (call $f) (i32.const 1))))', {
      m: { f: first.f },
    });
    expect(await W.promising(second.main as () => unknown)()).toBe(3);
  });

  it('checks its arguments as the proposal says', () => {
    const W = ours();
    const e = instantiate(W, counter, { m: { next: () => 0 } });
    expect(() => W.promising({} as never)).toThrow(TypeError);
    expect(() => W.promising((() => 1) as never)).toThrow(/exported function/);
    expect(() => (W.Suspending as unknown as (f: unknown) => unknown)(() => 1)).toThrow(TypeError);
    expect(() => new W.Suspending({} as never)).toThrow(TypeError);
    const wrapped = W.promising(e.sum as () => unknown);
    expect(wrapped.length).toBe(1);
    expect(Object.prototype.toString.call(new W.Suspending(() => 1))).toBe('[object WebAssembly.Suspending]');
  });
});
