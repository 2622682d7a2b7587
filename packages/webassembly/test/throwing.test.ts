/**
 * Exceptions crossing between JavaScript and wasm (the exception-handling proposal's JS API, with
 * the legacy instructions try, catch, catch_all, delegate, throw and rethrow), in each profile,
 * against Node 20's V8 on the same scenarios: what an import throws enters wasm where it was
 * called (a `WebAssembly.Exception` as its exception, any other value as one of JSTag), an
 * exception no handler catches reaches JavaScript (the value, or a `WebAssembly.Exception`, the
 * same object each time), and traps are caught by no handler.
 */
import { type Profile, Trap } from '@proj/interpreter';
import { describe, expect, it } from 'vitest';
import { call, ehInstantiate, ehWat, outcome, thrown, v8 } from './helpers.js';
import { createWebAssembly, type WebAssemblyNamespace } from '../src/index.js';

const PROFILES: Profile[] = ['fast', 'compact', 'compiled'];

/** Catches what `$f` throws: `catch $t` gives its i32, catch_all -1; `nothing` when it throws nothing. */
const catcher = `(module
  (import "m" "t" (tag $t (param i32)))
  (import "m" "f" (func $f))
  (tag $own (export "own") (param i32 i64))
  (func (export "run") (result i32)
    (try (result i32) (do (call $f) (i32.const 100)) (catch $t) (catch_all (i32.const -1))))
  (func (export "onlyTag") (result i32)
    (try (result i32) (do (call $f) (i32.const 100)) (catch $t)))
  (func (export "rethrowAll")
    (try (do (call $f)) (catch_all (rethrow 0))))
  (func (export "rethrowTag") (result i32)
    (try (result i32) (do (call $f) (i32.const 100)) (catch $t (drop) (rethrow 0))))
  (func (export "delegated") (result i32)
    (try (result i32)
      (do (try (result i32) (do (call $f) (i32.const 100)) (delegate 0)))
      (catch_all (i32.const -2))))
  (func (export "throwT") (param i32) (throw $t (local.get 0)))
  (func (export "throwOwn") (param i32 i64) (throw $own (local.get 0) (local.get 1))))`;

/** An instance of `catcher` importing tag `t`, whose $f throws the value last given to `throwing`. */
function catcherThrowing(W: WebAssemblyNamespace, t: object): { e: Record<string, unknown>; throwing(x: unknown): void } {
  let next: unknown;
  const e = ehInstantiate(W, catcher, {
    m: {
      t,
      f: () => {
        throw next;
      },
    },
  });
  return { e, throwing: (x) => (next = x) };
}

/** What a run of `f` gave, for comparing engines: its value, or what it threw (a Tag's payload for an Exception). */
function result(W: WebAssemblyNamespace, f: () => unknown, tags: object[] = []): unknown {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof W.Exception) return { exception: tags.map((t) => e.is(t) && e.getArg(t, 0)) };
    return { threw: e };
  }
}

describe.each(PROFILES)('profile %s', (profile) => {
  const engines = (): [string, WebAssemblyNamespace][] => [
    ['ours', createWebAssembly({ profile })],
    ['v8', v8],
  ];

  it('an Exception thrown by wasm reaches JavaScript with its tag and payload', () => {
    const run = (W: WebAssemblyNamespace) => {
      const t = new W.Tag({ parameters: ['i32'] });
      const e = ehInstantiate(W, catcher, { m: { t, f: () => {} } });
      const a = thrown(() => call(e.throwT, 7)) as InstanceType<WebAssemblyNamespace['Exception']>;
      const b = thrown(() => call(e.throwOwn, -1, 2n ** 63n)) as InstanceType<WebAssemblyNamespace['Exception']>;
      const own = e.own as object;
      return [
        a instanceof W.Exception,
        a.is(t),
        a.is(own),
        a.getArg(t, 0),
        b.is(own),
        b.getArg(own, 0),
        b.getArg(own, 1),
        outcome(() => b.getArg(t, 0)),
        a === thrown(() => call(e.throwT, 7)),
        a.stack,
      ];
    };
    const [, ours] = engines()[0];
    expect(run(ours)).toEqual(run(v8));
    expect(run(ours).slice(0, 4)).toEqual([true, true, false, 7]);
  });

  it('an Exception thrown by an import is caught by its tag, and reaches the caller as the same object', () => {
    const run = (W: WebAssemblyNamespace) => {
      const t = new W.Tag({ parameters: ['i32'] });
      const other = new W.Tag({ parameters: ['i32'] });
      const { e, throwing } = catcherThrowing(W, t);
      const rows: unknown[] = [];
      for (const x of [new W.Exception(t, [42]), new W.Exception(other, [5])]) {
        throwing(x);
        rows.push(call(e.run), call(e.delegated));
        for (const name of ['onlyTag', 'rethrowAll', 'rethrowTag']) {
          const r = result(W, () => call(e[name]), [t]);
          rows.push(r, 'value' in (r as object) || thrown(() => call(e[name])) === x);
        }
      }
      return rows;
    };
    for (const [, W] of engines()) expect(run(W)).toEqual(run(v8));
    // delegate 0 hands the exception to the outer try, whose catch_all answers.
    expect(run(engines()[0][1]).slice(0, 4)).toEqual([42, -2, { value: 42 }, true]);
  });

  it('a JavaScript value thrown by an import is caught only by catch_all, and reaches the caller as the same value', () => {
    const run = (W: WebAssemblyNamespace, values: unknown[]) => {
      const t = new W.Tag({ parameters: ['i32'] });
      const { e, throwing } = catcherThrowing(W, t);
      const rows: unknown[] = [];
      for (const x of values) {
        throwing(x);
        rows.push(call(e.run), call(e.delegated));
        for (const name of ['onlyTag', 'rethrowAll', 'rethrowTag']) rows.push(thrown(() => call(e[name])) === x);
      }
      return rows;
    };
    const values = [new Error('e'), { marker: 1 }, 'str', 0, undefined, Symbol('s'), new TypeError('t')];
    const [, ours] = engines()[0];
    expect(run(ours, values)).toEqual(run(v8, values));
    expect(run(ours, values).slice(0, 5)).toEqual([-1, -2, true, true, true]);
    // null too, as the proposal says (V8 20 turns a thrown null into a RuntimeError "rethrowing null value").
    expect(run(ours, [null])).toEqual([-1, -2, true, true, true]);
  });

  it('an exception wasm throws keeps its object through JavaScript and back (rethrown by an import, then by wasm)', () => {
    const text = `(module (import "m" "t" (tag $t (param i32))) (import "m" "g" (func $g))
      (func (export "inner") (throw $t (i32.const 9)))
      (func (export "outer") (try (do (call $g)) (catch_all (rethrow 0)))))`;
    const run = (W: WebAssemblyNamespace) => {
      const t = new W.Tag({ parameters: ['i32'] });
      let seen: unknown;
      let e: Record<string, unknown> = {};
      e = ehInstantiate(W, text, {
        m: {
          t,
          g: () => {
            seen = thrown(() => call(e.inner));
            throw seen;
          },
        },
      });
      const out = thrown(() => call(e.outer));
      return [out === seen, out instanceof W.Exception, (out as { getArg(t: object, i: number): unknown }).getArg(t, 0)];
    };
    const [, ours] = engines()[0];
    expect(run(ours)).toEqual(run(v8));
    expect(run(ours)).toEqual([true, true, 9]);
  });

  it('a value the import returns that does not convert is thrown into wasm (catch_all catches the TypeError)', () => {
    const text = `(module (import "m" "f" (func $f (result i32)))
      (func (export "run") (result i32) (try (result i32) (do (call $f)) (catch_all (i32.const -1)))))`;
    const run = (W: WebAssemblyNamespace) => [10n, Symbol('s'), 5].map((r) => call(ehInstantiate(W, text, { m: { f: () => r } }).run));
    const [, ours] = engines()[0];
    expect(run(ours)).toEqual(run(v8));
    expect(run(ours)).toEqual([-1, -1, 5]);
  });

  it('traps are caught by no handler, even when they crossed JavaScript (nested trap, JavaScript stack overflow)', () => {
    const text = `(module (import "m" "f" (func $f (result i32)))
      (func (export "run") (result i32) (try (result i32) (do (call $f)) (catch_all (i32.const -1))))
      (func (export "trap") (result i32) (unreachable)))`;
    const run = (W: WebAssemblyNamespace) => {
      const classOf = (f: () => unknown) => {
        const x = thrown(f);
        return x instanceof Error ? x.constructor.name : x;
      };
      let e: Record<string, unknown> = {};
      e = ehInstantiate(W, text, { m: { f: () => call(e.trap) } });
      const deep = (n: number): number => (n === 0 ? 0 : deep(n - 1) + 1);
      const overflow = ehInstantiate(W, text, { m: { f: () => deep(1e9) } });
      const direct = ehInstantiate(W, `(module (func (export "run") (try (do (unreachable)) (catch_all))))`);
      return [classOf(() => call(e.run)), classOf(() => call(overflow.run)), classOf(() => call(direct.run))];
    };
    const [, ours] = engines()[0];
    expect(run(ours)).toEqual(run(v8));
    expect(run(ours)).toEqual(['RuntimeError', 'RangeError', 'RuntimeError']);
  });

  it("the engine's own Trap thrown by an import (a host that means the call to trap) is caught by no handler", () => {
    const text = `(module (import "m" "f" (func $f (result i32)))
      (func (export "run") (result i32) (try (result i32) (do (call $f)) (catch_all (i32.const -1)))))`;
    const [, ours] = engines()[0];
    const e = thrown(() => call(ehInstantiate(ours, text, { m: { f: () => { throw new Trap('host says no'); } } }).run));
    expect(e).toBeInstanceOf(ours.RuntimeError);
    expect((e as Error).message).toMatch(/host says no/);
  });

  it('a start function that throws fails instantiation with the Exception, or the value an import threw', async () => {
    const text = `(module (import "m" "t" (tag $t (param i32))) (import "m" "f" (func $f))
      (func $start (call $f) (throw $t (i32.const 3))) (start $start))`;
    const run = async (W: WebAssemblyNamespace) => {
      const t = new W.Tag({ parameters: ['i32'] });
      const marker = { marker: 1 };
      const exn = thrown(() => ehInstantiate(W, text, { m: { t, f: () => {} } }));
      const js = thrown(() =>
        ehInstantiate(W, text, {
          m: {
            t,
            f: () => {
              throw marker;
            },
          },
        }),
      );
      const rejected = await W.instantiate(new W.Module(ehWat(text)), { m: { t, f: () => {} } }).then(
        () => 'resolved',
        (x: unknown) => x instanceof W.Exception && (x as InstanceType<WebAssemblyNamespace['Exception']>).getArg(t, 0),
      );
      return [exn instanceof W.Exception && (exn as InstanceType<WebAssemblyNamespace['Exception']>).getArg(t, 0), js === marker, rejected];
    };
    const [, ours] = engines()[0];
    expect(await run(ours)).toEqual(await run(v8));
    expect(await run(ours)).toEqual([3, true, 3]);
  });
});

describe('exceptions and other WebAssembly objects, fuel', () => {
  it('an Exception of another WebAssembly object is a value like any other: JSTag carries it, the caller gets it back', () => {
    const W = createWebAssembly();
    const other = createWebAssembly();
    const foreign = new other.Exception(new other.Tag({ parameters: ['i32'] }), [1]);
    const text = `(module (import "m" "js" (tag $js (param externref))) (import "m" "f" (func $f))
      (func (export "catchIt") (result externref) (try (result externref) (do (call $f) (ref.null extern)) (catch $js)))
      (func (export "pass") (call $f)))`;
    const e = ehInstantiate(W, text, {
      m: {
        js: W.JSTag,
        f: () => {
          throw foreign;
        },
      },
    });
    expect(call(e.catchIt)).toBe(foreign);
    expect(thrown(() => call(e.pass))).toBe(foreign);
  });

  it('running out of fuel in a call made from an import is a trap no handler catches', () => {
    const W = createWebAssembly({ fuel: 10_000 });
    const text = `(module (import "m" "f" (func $f (result i32)))
      (func (export "run") (result i32) (try (result i32) (do (call $f)) (catch_all (i32.const -1))))
      (func (export "spin") (result i32) (loop $l (br $l)) (i32.const 0)))`;
    let e: Record<string, unknown> = {};
    e = ehInstantiate(W, text, { m: { f: () => call(e.spin) } });
    const x = thrown(() => call(e.run));
    expect(x).toBeInstanceOf(W.RuntimeError);
    expect((x as Error).message).toBe('out of fuel');
  });
});
