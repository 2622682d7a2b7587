/**
 * createWebAssembly({ fuel }): each call from JavaScript into wasm has its own budget; running out
 * is a RuntimeError `out of fuel`, except under `promising`, where the call yields to the event
 * loop and goes on with a fresh budget.
 */
import { describe, expect, it } from 'vitest';
import { InvalidError, type Profile } from '@proj/interpreter';
import { createWebAssembly, type WebAssemblyNamespace } from '../src/index.js';
import { call, instantiate, profile, wat } from './helpers.js';

const PROFILES: Profile[] = ['fast', 'compact', 'compiled'];

/**
 * count(n) counts to n. Its cost is documented by the engine's fuel tests: 4 for the function's
 * region outside the loop, 9 for each of the n + 1 entries of the loop.
 */
const COUNTER = `(module
  (import "m" "cb" (func $cb))
  (memory (export "memory") 3)
  (func $count (export "count") (param $n i32) (result i32) (local $i i32)
    (block $out (loop $l
      (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $i))
  (func (export "callbackThenCount") (param $n i32) (result i32)
    (call $cb)
    (call $count (local.get $n)))
  (func (export "fill") (param $len i32)
    (memory.fill (i32.const 0) (i32.const 7) (local.get $len))))`;

const countCost = (n: number) => 4 + (n + 1) * 9;

function counter(W: WebAssemblyNamespace, cb: () => void = () => {}): Record<string, (...args: number[]) => unknown> {
  return instantiate(W, COUNTER, { m: { cb } }) as Record<string, (...args: number[]) => unknown>;
}

/** The RuntimeError `f` throws (the test fails if it throws nothing else). */
function runtimeError(W: WebAssemblyNamespace, f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(W.RuntimeError);
    return e as Error;
  }
  throw new Error('expected a RuntimeError');
}

describe.each(PROFILES)('createWebAssembly({ profile: %s, fuel })', (p) => {
  it('gives each call exactly its budget: the same call passes or runs out, every time', () => {
    const W = createWebAssembly({ profile: p, fuel: countCost(10) });
    const e = counter(W);
    expect(e.count(10)).toBe(10);
    expect(runtimeError(W, () => e.count(11)).message).toBe('out of fuel');
    // A fresh budget for the next call: what the failed one used does not count.
    expect(e.count(10)).toBe(10);
    expect(e.count(10)).toBe(10);
  });

  it('gives a call made from an import a budget of its own, leaving the caller its own', () => {
    // The least budget with which callbackThenCount(n) passes when the callback does nothing.
    const passes = (fuel: number) => {
      const e = counter(createWebAssembly({ profile: p, fuel }));
      try {
        return e.callbackThenCount(30) === 30;
      } catch (err) {
        expect((err as Error).message).toBe('out of fuel');
        return false;
      }
    };
    let least = countCost(30);
    while (!passes(least)) least++;
    expect(passes(least - 1)).toBe(false);
    // The callback runs count(10) through the export, twice: it needs fuel, but not the caller's.
    const W = createWebAssembly({ profile: p, fuel: least });
    let inner = 0;
    const e = counter(W, () => {
      inner += e.count(10) as number;
      inner += e.count(10) as number;
    });
    expect(e.callbackThenCount(30)).toBe(30);
    expect(inner).toBe(20);
  });

  it('meters the start function as a call from JavaScript', async () => {
    const W = createWebAssembly({ profile: p, fuel: 10_000 });
    const spin = '(module (func $spin (loop (br 0))) (start $spin))';
    expect(runtimeError(W, () => instantiate(W, spin)).message).toBe('out of fuel');
    await expect(W.instantiate(wat(spin))).rejects.toThrow(new W.RuntimeError('out of fuel'));
    // A start function that finishes within the budget, then an export: each has its budget.
    const e = instantiate(W, '(module (global $g (mut i32) (i32.const 0)) (func $s (global.set $g (i32.const 5))) (start $s) (func (export "g") (result i32) (global.get $g)))');
    expect(call(e.g)).toBe(5);
  });

  it('runs a promising export that runs out in slices, yielding to the event loop between them', async () => {
    const W = createWebAssembly({ profile: p, fuel: 1_000 });
    const e = counter(W);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const during: unknown[] = [];
    // Called while the promising call is paused: a plain call with its own budget.
    const probe = setTimeout(() => during.push(e.count(5)), 1);
    try {
      const result = await W.promising(e.count)(20_000);
      expect(result).toBe(20_000);
      // countCost(20_000) is about 180 budgets: the event loop ran between them.
      expect(ticks).toBeGreaterThan(0);
      expect(during).toEqual([5]);
    } finally {
      clearInterval(timer);
      clearTimeout(probe);
    }
  });

  it('lets a promising call started during another one\'s pause finish first, then resumes the other', async () => {
    const W = createWebAssembly({ profile: p, fuel: 500 });
    const e = counter(W);
    const order: string[] = [];
    const first = W.promising(e.count)(3_000).then((v) => (order.push('first'), v));
    const second = W.promising(e.count)(1_000).then((v) => (order.push('second'), v));
    expect(await Promise.all([first, second])).toEqual([3_000, 1_000]);
    expect(order).toEqual(['second', 'first']);
  });

  it('rejects a promising call whose next step costs more than a whole budget', async () => {
    const W = createWebAssembly({ profile: p, fuel: 1_000 });
    const e = counter(W);
    // memory.fill pays 1 per 64 bytes at once: 2000 units do not fit in a budget of 1000.
    await expect(W.promising(e.fill)(64 * 2_000)).rejects.toThrow(new W.RuntimeError('out of fuel'));
    expect(await W.promising(e.fill)(64 * 500)).toBeUndefined();
    const none = createWebAssembly({ profile: p, fuel: 0 });
    await expect(none.promising(counter(none).count)(1)).rejects.toThrow(/out of fuel/);
  });
});

describe('createWebAssembly({ fuel }) without JSPI or with Suspending imports', () => {
  it('keeps suspending at Suspending imports while metered', async () => {
    const W = createWebAssembly({ profile, fuel: 200 });
    const e = instantiate(W, `(module (import "m" "next" (func $next (param i32) (result i32)))
      (func (export "sum") (param $n i32) (result i32) (local $s i32) (local $i i32)
        (loop $l
          (local.set $s (i32.add (local.get $s) (call $next (local.get $n))))
          ;; work between the calls: a budget of 200 runs out in it now and then
          (local.set $i (i32.const 0))
          (loop $w (br_if $w (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 30))))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $s)))`, { m: { next: new W.Suspending((n: number) => new Promise((r) => setTimeout(() => r(n), 1))) } });
    expect(await W.promising(e.sum as () => unknown)(20)).toBe((20 * 21) / 2);
    expect(() => call(e.sum, 1)).toThrow(W.SuspendError);
  });

  it('meters nothing without the option', () => {
    const e = counter(createWebAssembly({ profile }));
    expect(e.count(1_000_000)).toBe(1_000_000);
  });

  it('refuses a fuel that is not an integer from 0 to 2**53 - 1', () => {
    for (const fuel of [-1, 1.5, NaN, Infinity, 2 ** 53, '5', 5n]) {
      expect(() => createWebAssembly({ fuel: fuel as number })).toThrow(InvalidError);
    }
    expect(() => createWebAssembly({ fuel: -1 })).toThrow(/createWebAssembly: fuel must be an integer from 0 to 9007199254740991, not -1/);
    expect(() => createWebAssembly({ fuel: 0 })).not.toThrow();
  });
});
