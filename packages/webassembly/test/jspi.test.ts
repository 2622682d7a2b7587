/**
 * JSPI (WebAssembly/js-promise-integration): `new WebAssembly.Suspending(fn)` imports whose
 * promises suspend the wasm computation up to a `WebAssembly.promising` export. Node 20's V8
 * has no JSPI, so expected values are computed here from the proposal's rules.
 */
import type { Profile } from '@proj/interpreter';
import { describe, expect, it } from 'vitest';
import { call, ehInstantiate, instantiate, ours, thrown } from './helpers.js';
import { createWebAssembly } from '../src/index.js';

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

/** Exception handling and JSPI: what a Suspending import's promise rejects with is thrown into wasm where it was called. */
const catching = `(module
  (import "m" "t" (tag $t (param i32)))
  (import "m" "js" (tag $js (param externref)))
  (import "m" "next" (func $next (result i32)))
  (func (export "byTag") (result i32) (try (result i32) (do (call $next)) (catch $t)))
  (func (export "byJsTag") (result externref) (try (result externref) (do (drop (call $next)) (ref.null extern)) (catch $js)))
  (func (export "all") (result i32) (try (result i32) (do (call $next)) (catch_all (i32.const -1))))
  (func (export "none") (result i32) (call $next))
  (func (export "throwAfter") (result i32) (drop (call $next)) (throw $t (i32.const 8))))`;

describe.each<Profile>(['fast', 'compact', 'compiled'])('Suspending and exceptions, profile %s', (profile) => {
  const setup = (settle: () => unknown) => {
    const W = createWebAssembly({ profile });
    const t = new W.Tag({ parameters: ['i32'] });
    const e = ehInstantiate(W, catching, { m: { t, js: W.JSTag, next: new W.Suspending(settle) } });
    const promising = (name: string) => W.promising(e[name] as () => unknown)();
    return { W, t, e, promising };
  };

  it('a promise rejected with a WebAssembly.Exception throws it into wasm: catch $tag receives its payload', async () => {
    const rejection: { exn?: unknown } = {};
    const { W, t, promising } = setup(() => Promise.reject(rejection.exn));
    rejection.exn = new W.Exception(t, [42]);
    expect(await promising('byTag')).toBe(42);
    expect(await promising('all')).toBe(-1);
    await expect(promising('none')).rejects.toBe(rejection.exn);
  });

  it('a promise rejected with any other value throws it with JSTag: catch $jstag receives it, uncaught it is the rejection', async () => {
    const reason = new Error('no');
    const { promising } = setup(() => Promise.reject(reason));
    expect(await promising('byJsTag')).toBe(reason);
    expect(await promising('all')).toBe(-1);
    await expect(promising('none')).rejects.toBe(reason);
    await expect(promising('byTag')).rejects.toBe(reason);
  });

  it('a result that does not convert is a TypeError thrown into wasm', async () => {
    const { promising } = setup(() => Promise.resolve(10n));
    expect(await promising('all')).toBe(-1);
    expect(await promising('byJsTag')).toBeInstanceOf(TypeError);
  });

  it('an exception wasm throws after a suspension rejects the promise with its WebAssembly.Exception', async () => {
    const { W, t, promising } = setup(() => Promise.resolve(1));
    const x = await promising('throwAfter').then(
      () => 'resolved',
      (e: unknown) => e,
    );
    expect(x).toBeInstanceOf(W.Exception);
    expect([(x as InstanceType<typeof W.Exception>).is(t), (x as InstanceType<typeof W.Exception>).getArg(t, 0)]).toEqual([true, 8]);
  });

  it('a SuspendError (a Suspending import outside promising) is thrown into wasm: catch $jstag receives it', () => {
    const { W, e } = setup(() => Promise.resolve(1));
    expect(call(e.byJsTag)).toBeInstanceOf(W.SuspendError);
    expect(call(e.all)).toBe(-1);
    expect(thrown(() => call(e.none))).toBeInstanceOf(W.SuspendError);
  });
});
