/**
 * The exception-handling proposal's JavaScript API objects: `WebAssembly.Tag`,
 * `WebAssembly.Exception` and `WebAssembly.JSTag`, tags as imports and exports, and their
 * reflection. Where Node 20's V8 has the feature and follows the proposal, its answer is the
 * expected one; where it has not (JSTag) or departs from the proposal (noted at each case), the
 * expected values come from the proposal's text.
 *
 * https://webassembly.github.io/exception-handling/js-api/
 */
import { describe, expect, it } from 'vitest';
import { call, ehInstantiate, ehWat, ours, outcome, thrown, v8 } from './helpers.js';
import { createWebAssembly, type WebAssemblyNamespace } from '../src/index.js';

type ExceptionObject = InstanceType<WebAssemblyNamespace['Exception']>;

/** A value's reading that compares NaN, -0 and bigints exactly. */
function reading(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v;
  if (typeof v === 'bigint') return `${v}n`;
  return v;
}

describe('WebAssembly.Tag', () => {
  it('reads its descriptor as V8 does', () => {
    const run = (W: WebAssemblyNamespace) =>
      [
        { parameters: [] },
        { parameters: ['i32', 'i64', 'f32', 'f64', 'externref', 'anyfunc'] },
        { parameters: [{ toString: () => 'i32' }] },
        undefined,
        null,
        {},
        'test',
        1,
        Symbol('s'),
        { parameters: 'i32' },
        { parameters: ['i16'] },
        { parameters: ['i32\0'] },
        { parameters: [Symbol('s')] },
        { parameters: {} },
      ].map((d) => outcome(() => Object.prototype.toString.call(new W.Tag(d as never))));
    expect(run(ours())).toEqual(run(v8));
    const W = ours();
    expect(outcome(() => new (W.Tag as unknown as new () => object)())).toEqual(outcome(() => new (v8.Tag as unknown as new () => object)()));
    expect(outcome(() => (W.Tag as unknown as (d: unknown) => unknown)({ parameters: [] }))).toEqual({ threw: 'TypeError' });
  });

  it('takes any iterable of ValueType names, v128 and funcref included (V8 refuses these three)', () => {
    const W = ours();
    expect(new W.Tag({ parameters: new Set(['i32', 'f64']) })).toBeInstanceOf(W.Tag);
    expect(new W.Tag({ parameters: ['v128'] })).toBeInstanceOf(W.Tag);
    expect(new W.Tag({ parameters: ['funcref'] })).toBeInstanceOf(W.Tag);
  });

  it('is the same object when exported, however often, and the imported one when re-exported', () => {
    const text = `(module (import "m" "t" (tag $i (param i32))) (tag $own (param f64))
      (export "i" (tag $i)) (export "i2" (tag $i)) (export "own" (tag $own)) (export "own2" (tag $own)))`;
    const run = (W: WebAssemblyNamespace) => {
      const t = new W.Tag({ parameters: ['i32'] });
      const e = ehInstantiate(W, text, { m: { t } });
      const again = ehInstantiate(W, text, { m: { t } });
      const other = ehInstantiate(W, `(module (import "m" "t" (tag $t (param f64))) (export "t" (tag $t)))`, { m: { t: e.own } });
      return [e.i === t, e.i2 === t, e.own === e.own2, e.own instanceof W.Tag, again.own === e.own, other.t === e.own, Object.keys(e)];
    };
    expect(run(ours())).toEqual(run(v8));
    expect(run(ours())).toEqual([true, true, true, true, false, true, ['i', 'i2', 'own', 'own2']]);
  });

  it('links by kind and type: a non-Tag or a tag of another type is a LinkError', () => {
    const text = `(module (import "m" "t" (tag (param i32 f32))))`;
    const run = (W: WebAssemblyNamespace) =>
      [
        () => new W.Tag({ parameters: ['i32', 'f32'] }),
        () => new W.Tag({ parameters: ['i32'] }),
        () => new W.Tag({ parameters: ['f32', 'i32'] }),
        () => new W.Tag({ parameters: [] }),
        () => 1,
        () => ({}),
        () => () => {},
        () => new W.Memory({ initial: 0 }),
        () => new W.Global({ value: 'i32' }, 1),
        () => Object.create(W.Tag.prototype as object) as object,
      ].map((v) => outcome(() => !!ehInstantiate(W, text, { m: { t: v() } })));
    expect(run(ours())).toEqual(run(v8));
    expect(run(ours()).slice(0, 4)).toEqual([{ value: true }, { threw: 'LinkError' }, { threw: 'LinkError' }, { threw: 'LinkError' }]);
  });

  it('of another WebAssembly object does not link (a LinkError)', () => {
    const W = ours();
    const foreign = new (createWebAssembly().Tag)({ parameters: [] });
    expect(() => ehInstantiate(W, '(module (import "m" "t" (tag)))', { m: { t: foreign } })).toThrow(W.LinkError);
  });

  it('is listed by Module.imports and Module.exports with the kind "tag"', () => {
    const text = `(module (import "m" "t" (tag (param i32))) (import "m" "f" (func)) (tag $u) (export "u" (tag $u)) (export "t" (tag 0)))`;
    const run = (W: WebAssemblyNamespace) => {
      const m = new W.Module(ehWat(text));
      return [W.Module.imports(m), W.Module.exports(m)];
    };
    expect(run(ours())).toEqual(run(v8));
    expect(run(ours())[1]).toEqual([
      { name: 'u', kind: 'tag' },
      { name: 't', kind: 'tag' },
    ]);
  });
});

describe('WebAssembly.Exception', () => {
  it('converts its payload with ToWebAssemblyValue and gives it back with getArg, as V8', () => {
    const run = (W: WebAssemblyNamespace) => {
      const tag = new W.Tag({ parameters: ['i32', 'i64', 'f32', 'f64', 'externref'] });
      const obj = {};
      const rows: unknown[] = [];
      const payloads: unknown[][] = [
        [2 ** 32 + 5, 2n ** 64n + 3n, 1.1, 0.1, obj],
        ['42', -1n, 'x', '7', null],
        [{ valueOf: () => 9 }, 0n, NaN, -0, undefined],
        [1, 1, 1, 1, 1],
        [1n, 1n, 1, 1, 1],
        [Symbol('s'), 1n, 1, 1, 1],
        [1, 1n, 1n, 1, 1],
      ];
      for (const p of payloads) {
        rows.push(
          outcome(() => {
            const e = new W.Exception(tag, p);
            return [0, 1, 2, 3, 4].map((i) => reading(e.getArg(tag, i)));
          }),
        );
      }
      rows.push(new W.Exception(tag, [0, 0n, 0, 0, obj]).getArg(tag, 4) === obj);
      return rows;
    };
    expect(run(ours())).toEqual(run(v8));
  });

  it('checks its arguments as V8 does', () => {
    const run = (W: WebAssemblyNamespace) => {
      const tag = new W.Tag({ parameters: ['i32'] });
      const E = W.Exception as unknown as new (...args: unknown[]) => ExceptionObject;
      return [
        outcome(() => new E()),
        outcome(() => new E(tag)),
        outcome(() => new E({}, [1])),
        outcome(() => new E(undefined, [1])),
        outcome(() => new E(tag, 'a')),
        outcome(() => new E(tag, 5)),
        outcome(() => new E(tag, [1], 5)),
        outcome(() => new E(tag, [1], null) instanceof W.Exception),
        outcome(() => new E(tag, [1], {}, 'extra') instanceof W.Exception),
        outcome(() => (W.Exception as unknown as (...a: unknown[]) => unknown)(tag, [1])),
      ];
    };
    expect(run(ours())).toEqual(run(v8));
  });

  it('refuses a payload of the wrong length, an array-like, a v128 value, and WebAssembly.JSTag (V8 20 takes the first two)', () => {
    const W = ours();
    const tag = new W.Tag({ parameters: ['i32', 'i32'] });
    expect(() => new W.Exception(tag, [1])).toThrow(TypeError);
    expect(() => new W.Exception(tag, [1, 2, 3])).toThrow(TypeError);
    expect(() => new W.Exception(tag, { length: 2, 0: 1, 1: 2 } as never)).toThrow(TypeError);
    expect(new W.Exception(tag, new Set([1, 2])).getArg(tag, 1)).toBe(2);
    expect(() => new W.Exception(new W.Tag({ parameters: ['v128'] }), [0])).toThrow(TypeError);
    expect(() => new W.Exception(W.JSTag, [{}])).toThrow(TypeError);
  });

  it('getArg checks the tag and the index; is compares tags', () => {
    const run = (W: WebAssemblyNamespace) => {
      const tag = new W.Tag({ parameters: ['i32', 'f64'] });
      const same = new W.Tag({ parameters: ['i32', 'f64'] });
      const e = new W.Exception(tag, [3, 4.5]);
      const getArg = e.getArg.bind(e) as (...a: unknown[]) => unknown;
      const is = e.is.bind(e) as (...a: unknown[]) => unknown;
      return [
        ...[[tag, 1], [tag, '0'], [tag, 0.9], [tag, 2], [tag, 2 ** 32], [tag, -1], [tag, NaN], [tag, Infinity], [tag, undefined], [tag]].map((a) =>
          outcome(() => getArg(...a)),
        ),
        ...[[same, 0], [{}, 0], [undefined, 0], [1, 0], []].map((a) => outcome(() => getArg(...a))),
        ...[[tag], [same], [{}], [null], []].map((a) => outcome(() => is(...a))),
        outcome(() => W.Exception.prototype.getArg.call({}, tag, 0)),
        outcome(() => W.Exception.prototype.is.call(tag, tag)),
      ];
    };
    expect(run(ours())).toEqual(run(v8));
  });

  it('has a stack only with traceStack, and is no Error', () => {
    const run = (W: WebAssemblyNamespace) => {
      const tag = new W.Tag({ parameters: [] });
      const traced = new W.Exception(tag, [], { traceStack: true });
      const plain = new W.Exception(tag, []);
      return [
        typeof traced.stack,
        /exceptions\.test\.ts/.test(traced.stack!),
        plain.stack,
        typeof new W.Exception(tag, [], { traceStack: 1 } as never).stack,
        traced instanceof Error,
        Object.getPrototypeOf(W.Exception.prototype) === Object.prototype,
        Object.prototype.toString.call(plain),
        String(plain),
      ];
    };
    expect(run(ours())).toEqual(run(v8));
    // The proposal's `stack` is an attribute (V8 20 makes it an own data property instead).
    const W = ours();
    const d = Object.getOwnPropertyDescriptor(W.Exception.prototype, 'stack')!;
    expect([typeof d.get, d.set, d.enumerable]).toEqual(['function', undefined, true]);
    expect(() => d.get!.call({})).toThrow(TypeError);
  });
});

describe('WebAssembly.JSTag (which Node 20 lacks)', () => {
  it('is an enumerable attribute of the namespace: the same Tag each time, of one externref', () => {
    const W = ours();
    const d = Object.getOwnPropertyDescriptor(W, 'JSTag')!;
    expect([typeof d.get, d.set, d.enumerable, d.configurable, d.get!.name]).toEqual(['function', undefined, true, true, 'get JSTag']);
    expect(W.JSTag).toBeInstanceOf(W.Tag);
    expect(W.JSTag).toBe(W.JSTag);
    expect(createWebAssembly().JSTag).not.toBe(W.JSTag);
    // It links where a tag of one externref is asked for, not elsewhere.
    const e = ehInstantiate(W, '(module (import "m" "t" (tag $t (param externref))) (export "t" (tag $t)))', { m: { t: W.JSTag } });
    expect(e.t).toBe(W.JSTag);
    expect(() => ehInstantiate(W, '(module (import "m" "t" (tag (param i32))))', { m: { t: W.JSTag } })).toThrow(W.LinkError);
  });

  it('carries what JavaScript throws: catch $jstag receives the value, and a throw of JSTag reaches JavaScript as the value', () => {
    const W = ours();
    const text = `(module
      (import "m" "jstag" (tag $js (param externref)))
      (import "m" "f" (func $f (param externref)))
      (func (export "catchIt") (param externref) (result externref)
        (try (result externref) (do (call $f (local.get 0)) (ref.null extern)) (catch $js)))
      (func (export "throwIt") (param externref) (throw $js (local.get 0))))`;
    const e = ehInstantiate(W, text, {
      m: {
        jstag: W.JSTag,
        f: (x: unknown) => {
          throw x;
        },
      },
    });
    for (const v of [{}, 'str', 42, null, undefined, Symbol('s'), new Error('e')]) {
      expect(call(e.catchIt, v)).toBe(v);
      expect(thrown(() => call(e.throwIt, v))).toBe(v);
    }
    // A WebAssembly.Exception is not a JavaScript value to JSTag: it passes through as itself.
    const tag = new W.Tag({ parameters: ['externref'] });
    const exn = new W.Exception(tag, [{}]);
    expect(thrown(() => call(e.catchIt, exn))).toBe(exn);
  });

  it('is not a tag JavaScript makes: a Tag of one externref does not catch JavaScript values', () => {
    const W = ours();
    const text = `(module (import "m" "t" (tag $t (param externref))) (import "m" "f" (func $f))
      (func (export "run") (result i32) (try (result i32) (do (call $f) (i32.const 0)) (catch $t (drop) (i32.const 1)) (catch_all (i32.const 2)))))`;
    const thrower = () => {
      throw new Error('x');
    };
    expect(call(ehInstantiate(W, text, { m: { t: new W.Tag({ parameters: ['externref'] }), f: thrower } }).run)).toBe(2);
    expect(call(ehInstantiate(W, text, { m: { t: W.JSTag, f: thrower } }).run)).toBe(1);
  });
});

describe('interfaces', () => {
  it('Tag and Exception have the shapes V8 gives them (but Exception.prototype.stack, an attribute here)', () => {
    const shape = (W: WebAssemblyNamespace) => {
      const ns = W as unknown as Record<string, { prototype: object; length: number; name: string }>;
      const rows: unknown[] = [];
      for (const name of ['Tag', 'Exception']) {
        const C = ns[name];
        const d = Object.getOwnPropertyDescriptor(W, name)!;
        rows.push([name, C.name, C.length, d.enumerable, d.writable, d.configurable, Object.prototype.toString.call(Object.create(C.prototype))]);
        const tag = Object.getOwnPropertyDescriptor(C.prototype, Symbol.toStringTag)!;
        rows.push([tag.value, tag.writable, tag.enumerable, tag.configurable]);
        for (const key of Object.getOwnPropertyNames(C.prototype).filter((k) => k !== 'stack').sort()) {
          const p = Object.getOwnPropertyDescriptor(C.prototype, key)!;
          rows.push([name, key, p.enumerable, typeof p.value === 'function' ? p.value.length : 'accessor']);
        }
      }
      return rows;
    };
    expect(shape(ours())).toEqual(shape(v8));
  });
});
