/**
 * Shared memories through WebAssembly.Memory (the threads proposal's JavaScript API, without
 * threads): compared with V8 where the two can agree. Where they cannot (a grown buffer: V8 makes
 * a new SharedArrayBuffer of the new size over the same bytes, which JavaScript cannot), this
 * engine's documented behaviour is asserted on its own.
 */
import { describe, expect, it } from 'vitest';
import type { WebAssemblyNamespace } from '../src/index.js';
import { call, ours, outcome, v8, wat } from './helpers.js';

const threadsWat = (text: string): Uint8Array => wat(text, { threads: true });
const kind = (b: unknown): string => Object.prototype.toString.call(b);

const owner = `(module (memory (export "mem") 1 2 shared)
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`;

describe('shared memories, as V8', () => {
  it('Memory({ shared: true }) needs a maximum and gives a frozen SharedArrayBuffer', () => {
    const run = (W: WebAssemblyNamespace) => {
      const mem = new W.Memory({ initial: 1, maximum: 2, shared: true });
      const b = mem.buffer;
      return [
        kind(b),
        b.byteLength,
        Object.isFrozen(b),
        mem.buffer === b,
        outcome(() => new W.Memory({ initial: 1, shared: true })),
        kind(new W.Memory({ initial: 1, shared: false }).buffer),
        outcome(() => mem.grow(2)),
      ];
    };
    expect(run(ours())).toEqual(run(v8));
  });

  it('a module declares, exports and imports one; JavaScript and wasm see the same bytes', () => {
    const run = (W: WebAssemblyNamespace) => {
      const e = new W.Instance(new W.Module(threadsWat(owner))).exports;
      const mem = e.mem as InstanceType<WebAssemblyNamespace['Memory']>;
      call(e.store, 5, 77);
      new Uint8Array(mem.buffer)[6] = 88;
      const importer = threadsWat(`(module (import "m" "mem" (memory 1 2 shared))
        (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))`);
      const other = new W.Instance(new W.Module(importer), { m: { mem } }).exports;
      const plainMem = new W.Memory({ initial: 1, maximum: 2 });
      return [
        kind(mem.buffer),
        new Uint8Array(mem.buffer)[5],
        call(e.load, 6),
        call(other.load, 5),
        call(e.grow, 1),
        call(other.load, 65536 + 3),
        outcome(() => new W.Instance(new W.Module(importer), { m: { mem: plainMem } })),
        outcome(() => new W.Instance(new W.Module(threadsWat('(module (import "m" "mem" (memory 1 2)))')), { m: { mem } })),
        W.validate(threadsWat('(module (memory 1 1 shared))')),
      ];
    };
    expect(run(ours())).toEqual(run(v8));
  });
});

describe('shared memories: growth', () => {
  it('grows the one SharedArrayBuffer in place: a buffer held before sees the new size and bytes', () => {
    const W = ours();
    const e = new W.Instance(new W.Module(threadsWat(owner))).exports;
    const mem = e.mem as InstanceType<WebAssemblyNamespace['Memory']>;
    const before = mem.buffer;
    expect(call(e.grow, 1)).toBe(1);
    call(e.store, 65536 + 9, 42);
    expect(mem.buffer).toBe(before);
    expect(before.byteLength).toBe(2 * 65536);
    expect(new Uint8Array(before)[65536 + 9]).toBe(42);
    expect(mem.grow(0)).toBe(2);
    expect(mem.buffer).toBe(before);
  });
});
