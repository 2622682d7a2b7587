/**
 * Modules of two profiles in one store: calls alternate between the two run loops, and a host
 * call, a trap and a memory growth deep in such a stack reach the frames of the other profile
 * as they would with one profile. Results are compared with V8 running the same modules.
 */
import { describe, expect, it } from 'vitest';
import { type Profile, Module, Store, Trap, Val } from '@proj/interpreter';
import { done, host, plain, thrown, V8Wasm, wat } from './wat.js';

// down(n): n = 0 asks the host; n < 0 traps; otherwise it calls up(n - 1) in the other module
// through the shared table, then writes to the last word of the memory as it is now and adds
// its size in pages.
const A = wat(`(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (type $ii (func (param i32) (result i32)))
  (table (export "t") 2 funcref)
  (memory (export "mem") 1)
  (func $down (export "down") (param $n i32) (result i32)
    (local $r i32)
    (if (i32.lt_s (local.get $n) (i32.const 0)) (then unreachable))
    (if (result i32) (i32.eqz (local.get $n))
      (then (call $h (i32.const 7)))
      (else
        (local.set $r
          (i32.add (i32.const 1)
            (call_indirect (type $ii) (i32.sub (local.get $n) (i32.const 1)) (i32.const 1))))
        (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)) (local.get $r))
        (i32.add (local.get $r) (i32.mul (memory.size) (i32.const 1000)))))))`);

// up(n): grows the memory at n = 3, then calls down(n) back in the first module; `bad` makes
// the deepest call trap.
const B = wat(`(module
  (import "a" "down" (func $down (param i32) (result i32)))
  (import "a" "t" (table 2 funcref))
  (import "a" "mem" (memory 1))
  (elem (i32.const 1) $up)
  (func $up (param $n i32) (result i32)
    (if (i32.eq (local.get $n) (i32.const 3)) (then (drop (memory.grow (i32.const 1)))))
    (i32.add (i32.const 100) (call $down (local.get $n))))
  (func (export "run") (param $n i32) (result i32) (call $up (local.get $n)))
  (func (export "bad") (param $n i32) (result i32)
    (call $up (i32.sub (i32.const 0) (local.get $n)))))`);

type Exports = Record<string, (n: number) => number>;

function v8Run(name: string, n: number): number {
  const a = new V8Wasm.Instance(new V8Wasm.Module(A), { env: { h: (x: number) => x + 5 } });
  const b = new V8Wasm.Instance(new V8Wasm.Module(B), { a: a.exports });
  return (b.exports as Exports)[name](n);
}

function ours(pa: Profile, pb: Profile) {
  const s = new Store();
  s.linkFunc('env', 'h', 1, 1);
  const a = s.instantiate(new Module(A, { profile: pa }));
  s.setName(a, 'a');
  const b = s.instantiate(new Module(B, { profile: pb }));
  return { s, a, b };
}

const PAIRS: [Profile, Profile][] = [
  ['compact', 'fast'],
  ['fast', 'compact'],
  ['compiled', 'compact'],
  ['compact', 'compiled'],
];

describe.each(PAIRS)('a %s module and a %s module calling each other', (pa, pb) => {
  it.each([0, 1, 2, 5, 40])('run(%i) suspends at the host in the deepest frame and ends as in V8', (n) => {
    const { s, a, b } = ours(pa, pb);
    const call = host(s.invoke(b, 'run', [Val.i32(n)]));
    expect(call.index).toBe(0);
    expect(call.inst).toBe(a);
    expect(plain(call.args)).toEqual([7]);
    expect(plain(done(call.resume([Val.i32(12)])))).toEqual([v8Run('run', n)]);
    const memory = s.memory(a);
    expect(memory.length).toBe(n > 3 ? 2 * 65536 : 65536);
  });

  it('a trap in the deepest frame unwinds both loops, and the store works afterwards', () => {
    const { s, b } = ours(pa, pb);
    expect(() => v8Run('bad', 4)).toThrow(V8Wasm.RuntimeError);
    const e = thrown(() => s.invoke(b, 'bad', [Val.i32(4)]));
    expect(e).toBeInstanceOf(Trap);
    expect((e as Trap).reason).toBe('unreachable');
    const call = host(s.invoke(b, 'run', [Val.i32(2)]));
    expect(plain(done(call.resume([Val.i32(12)])))).toEqual([v8Run('run', 2)]);
  });
});
