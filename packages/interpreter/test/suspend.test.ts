/**
 * Suspension at host calls: every call into a host function returns `{ kind: 'host', call }` with
 * the right index, arguments, calling instance and memory; `resume` feeds results back into wasm.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Call, type RunResult, Store, Val } from '@proj/interpreter';
import { done, host, plain, prepare, wat, watModule, val } from './wat.js';

describe('call.index follows link order across linkFunc / linkFuncCustom / linkFuncDefault', () => {
  const setup = () => {
    const s = new Store();
    s.linkFunc('env', 'a', 1, 1); // 0
    s.linkFuncCustom('env', 'b', { params: ['i64', 'f64'], results: ['f32'] }); // 1
    s.linkFuncDefault('dflt'); // 2
    s.linkFunc('env', 'c', 0, 0); // 3
    s.linkFuncCustom('other', 'a', { params: [], results: ['i64'] }); // 4
    // Imports deliberately in another order than linking.
    const m = watModule(`(module
      (import "env" "c" (func $c))
      (import "dflt" "anything" (func $d (param i32 i32) (result i32)))
      (import "other" "a" (func $oa (result i64)))
      (import "env" "b" (func $b (param i64 f64) (result f32)))
      (import "env" "a" (func $a (param i32) (result i32)))
      (import "dflt" "second" (func $d2 (result i32)))
      (func (export "callA") (result i32) (i32.add (call $a (i32.const 7)) (i32.const 1)))
      (func (export "callB") (result f32) (call $b (i64.const -5) (f64.const 2.5)))
      (func (export "callC") (result i32) (call $c) (i32.const 99))
      (func (export "callD") (result i32) (call $d (i32.const 3) (i32.const 4)))
      (func (export "callD2") (result i32) (call $d2))
      (func (export "callOA") (result i64) (call $oa)))`);
    return { s, id: s.instantiate(m) };
  };

  it('linkFunc host 0: i32 args and result flow back', () => {
    const { s, id } = setup();
    const call = host(s.invoke(id, 'callA', []));
    expect(call.index).toBe(0);
    expect(call.args.map((v) => v.type)).toEqual(['i32']);
    expect(plain(call.args)).toEqual([7]);
    expect(call.inst).toBe(id);
    expect(plain(done(call.resume([Val.i32(41)])))).toEqual([42]);
  });

  it('linkFuncCustom host 1: typed i64 / f64 args, f32 result', () => {
    const { s, id } = setup();
    const call = host(s.invoke(id, 'callB', []));
    expect(call.index).toBe(1);
    expect(call.args.map((v) => v.type)).toEqual(['i64', 'f64']);
    expect(plain(call.args)).toEqual([-5n, 2.5]);
    const r = done(call.resume([Val.f32(1.5)]));
    expect(r[0].type).toBe('f32');
    expect(val(r[0])).toBe(1.5);
  });

  it('linkFuncDefault host 2 serves every default import of its module', () => {
    const { s, id } = setup();
    const c1 = host(s.invoke(id, 'callD', []));
    expect(c1.index).toBe(2);
    expect(plain(c1.args)).toEqual([3, 4]);
    expect(plain(done(c1.resume([Val.i32(-8)])))).toEqual([-8]);
    const c2 = host(s.invoke(id, 'callD2', []));
    expect(c2.index).toBe(2);
    expect(c2.args).toEqual([]);
    expect(plain(done(c2.resume([Val.i32(5)])))).toEqual([5]);
  });

  it('linked after a default: index 3 for a no-result host, 4 for a same name in another module', () => {
    const { s, id } = setup();
    const c = host(s.invoke(id, 'callC', []));
    expect(c.index).toBe(3);
    expect(c.args).toEqual([]);
    expect(plain(done(c.resume([])))).toEqual([99]);
    const oa = host(s.invoke(id, 'callOA', []));
    expect(oa.index).toBe(4);
    expect(plain(done(oa.resume([Val.i64(-(2n ** 63n))])))).toEqual([-(2n ** 63n)]);
  });
});

describe('call.inst and call.memory()', () => {
  const A = `(module
    (import "env" "h" (func $h (param i32) (result i32)))
    (memory (export "mem") 1)
    (data (i32.const 0) "AAAA")
    (export "h" (func $h))
    (func (export "viaA") (result i32) (call $h (i32.const 1))))`;
  const B = `(module
    (import "a" "h" (func $h (param i32) (result i32)))
    (memory 2)
    (data (i32.const 0) "BBBB")
    (func (export "viaB") (result i32) (call $h (i32.const 2))))`;

  it('is the calling instance, also when the host function comes through another instance', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 1, 1);
    const a = s.instantiate(watModule(A));
    s.setName(a, 'a');
    const b = s.instantiate(watModule(B));
    expect(a).not.toBe(b);

    const ca = host(s.invoke(a, 'viaA', []));
    expect(ca.index).toBe(0);
    expect(ca.inst).toBe(a);
    expect(new TextDecoder().decode(ca.memory().subarray(0, 4))).toBe('AAAA');
    expect(ca.memory().length).toBe(65536);
    expect(plain(done(ca.resume([Val.i32(10)])))).toEqual([10]);

    const cb = host(s.invoke(b, 'viaB', []));
    expect(cb.index).toBe(0);
    expect(plain(cb.args)).toEqual([2]);
    expect(cb.inst).toBe(b);
    expect(new TextDecoder().decode(cb.memory().subarray(0, 4))).toBe('BBBB');
    expect(cb.memory().length).toBe(2 * 65536);
    expect(cb.memory()).toBe(s.memory(b));
    expect(plain(done(cb.resume([Val.i32(20)])))).toEqual([20]);
  });

  it('a host function export invoked directly suspends at once; call.inst is the invoked instance (not -1)', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 1, 1);
    const a = s.instantiate(watModule(A));
    const c = host(s.invoke(a, 'h', [Val.i32(5)]));
    expect(c.index).toBe(0);
    expect(plain(c.args)).toEqual([5]);
    expect(s.lastCall()).toBe(c);
    expect(plain(done(c.resume([Val.i32(6)])))).toEqual([6]);
    expect(s.lastCall()).toBeUndefined();
    // The host function was reached through instance a's export: a is the instance a host would
    // expect, and call.memory() should be a's memory. (-1 is no instance at all.)
    const c2 = host(s.invoke(a, 'h', [Val.i32(5)]));
    try {
      expect(c2.inst).toBe(a);
      expect(c2.memory()).toBe(s.memory(a));
    } finally {
      c2.resume([Val.i32(0)]);
    }
  });

  it('reflects memory.grow done before the call, and a grow done while suspended', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(
      watModule(`(module
        (import "env" "h" (func $h))
        (memory (export "memory") 1)
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
        (func (export "main") (result i32)
          (drop (memory.grow (i32.const 2)))
          (i32.store (i32.const 131072) (i32.const 0x01020304))
          (call $h)
          (call $h)
          (i32.load (i32.const 200000))))`),
    );
    const before = s.memory(id);
    expect(before.length).toBe(65536);
    const c1 = host(s.invoke(id, 'main', []));
    const m1 = c1.memory();
    expect(m1.length).toBe(3 * 65536);
    expect(m1).toBe(s.memory(id));
    expect([...m1.subarray(131072, 131076)]).toEqual([4, 3, 2, 1]);
    // While suspended, grow the memory through a nested invocation.
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([3]);
    expect(c1.memory().length).toBe(4 * 65536);
    // The host writes into the memory as it is now; wasm reads it afterwards.
    new DataView(c1.memory().buffer, c1.memory().byteOffset).setInt32(200000, 0x12345678, true);
    const c2 = host(c1.resume([]));
    expect(c2.memory().length).toBe(4 * 65536);
    expect(plain(done(c2.resume([])))).toEqual([0x12345678]);
  });

  it('call.memory() of an instance without memory is empty', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(`(module (import "env" "h" (func $h)) (func (export "f") (call $h)))`));
    const c = host(s.invoke(id, 'f', []));
    expect(c.memory().length).toBe(0);
    done(c.resume([]));
  });
});

describe('host functions reached through tables', () => {
  it('call_indirect to a host function suspends with the caller instance; a host funcref works across instances', () => {
    const s = new Store();
    s.linkFunc('env', 'x', 0, 0);
    s.linkFunc('env', 'h', 2, 1);
    const a = s.instantiate(
      watModule(`(module (import "env" "h" (func $h (param i32 i32) (result i32)))
        (type $t (func (param i32 i32) (result i32)))
        (table $tab 1 funcref) (elem (i32.const 0) $h)
        (func (export "ref") (result funcref) (table.get $tab (i32.const 0)))
        (func (export "ci") (param i32) (result i32)
          (i32.add (i32.const 1) (call_indirect (type $t) (local.get 0) (i32.const 9) (i32.const 0)))))`),
    );
    const c = host(s.invoke(a, 'ci', [Val.i32(4)]));
    expect(c.index).toBe(1);
    expect(plain(c.args)).toEqual([4, 9]);
    expect(c.inst).toBe(a);
    expect(plain(done(c.resume([Val.i32(13)])))).toEqual([14]);

    const ref = done(s.invoke(a, 'ref', []))[0];
    const b = s.instantiate(
      watModule(`(module (type $t (func (param i32 i32) (result i32))) (table 1 funcref) (memory 1)
        (func (export "set") (param funcref) (table.set (i32.const 0) (local.get 0)))
        (func (export "ci") (result i32) (call_indirect (type $t) (i32.const 7) (i32.const 8) (i32.const 0))))`),
    );
    done(s.invoke(b, 'set', [ref]));
    const cb = host(s.invoke(b, 'ci', []));
    expect(cb.index).toBe(1);
    expect(plain(cb.args)).toEqual([7, 8]);
    expect(cb.inst).toBe(b);
    expect(cb.memory()).toBe(s.memory(b));
    expect(plain(done(cb.resume([Val.i32(-2)])))).toEqual([-2]);
  });

  it('many mixed-type arguments reach the host in order', () => {
    const s = new Store();
    const types = ['i32', 'i64', 'f32', 'f64', 'v128', 'externref', 'funcref', 'i32', 'f64', 'i64', 'f32', 'i32'] as const;
    s.linkFuncCustom('env', 'many', { params: [...types], results: ['v128', 'i64'] });
    const id = s.instantiate(
      watModule(`(module (import "env" "many" (func $m (param ${types.join(' ')}) (result v128 i64)))
        (func $f) (elem declare func $f)
        (func (export "go") (param externref) (result v128 i64)
          (call $m (i32.const -1) (i64.const -2) (f32.const 3.5) (f64.const -4.25)
            (v128.const i32x4 5 6 7 8) (local.get 0) (ref.func $f) (i32.const 9) (f64.const 10.5)
            (i64.const 0x7fffffffffffffff) (f32.const -12) (i32.const 13))))`),
    );
    const token = { t: 1 };
    const c = host(s.invoke(id, 'go', [Val.externref(token)]));
    expect(c.args.map((v) => v.type)).toEqual([...types]);
    const vals = c.args.map((v) => (v.type === 'v128' ? [...v.bytes] : v.value));
    expect(vals[0]).toBe(-1);
    expect(vals[1]).toBe(-2n);
    expect(vals[2]).toBe(3.5);
    expect(vals[3]).toBe(-4.25);
    expect(vals[4]).toEqual([5, 0, 0, 0, 6, 0, 0, 0, 7, 0, 0, 0, 8, 0, 0, 0]);
    expect(vals[5]).toBe(token);
    expect(vals[6]).not.toBeNull();
    expect(vals.slice(7)).toEqual([9, 10.5, 0x7fffffffffffffffn, -12, 13]);
    const v = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
    const r = done(c.resume([Val.v128(v), Val.i64(-5n)]));
    expect(r.map((x) => x.type)).toEqual(['v128', 'i64']);
    expect((r[0] as ReturnType<typeof Val.v128>).bytes).toEqual(v);
    expect(val(r[1])).toBe(-5n);
  });
});

describe('driving loops', () => {
  it('host calls inside a loop: 1000 calls, each argument seen once, results summed by wasm', () => {
    const s = new Store();
    s.linkFunc('env', 'twice', 1, 1);
    const id = s.instantiate(
      watModule(`(module
        (import "env" "twice" (func $t (param i32) (result i32)))
        (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
          (block $out (loop $l
            (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $acc (i32.add (local.get $acc) (call $t (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $l)))
          (local.get $acc)))`),
    );
    let r = s.invoke(id, 'sum', [Val.i32(1000)]);
    const seen: number[] = [];
    while (r.kind === 'host') {
      const x = val(r.call.args[0]) as number;
      seen.push(x);
      expect(s.lastCall()).toBe(r.call);
      r = r.call.resume([Val.i32(x * 2)]);
    }
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(plain(done(r))).toEqual([999 * 1000]);
    expect(s.lastCall()).toBeUndefined();
  });

  it('a host call deep inside nested wasm calls (depth 2000) returns its result through every frame', () => {
    const s = new Store();
    s.linkFunc('env', 'leaf', 1, 1);
    const id = s.instantiate(
      watModule(`(module
        (import "env" "leaf" (func $leaf (param i32) (result i32)))
        (func $down (export "down") (param $n i32) (result i32)
          (if (result i32) (i32.eqz (local.get $n))
            (then (call $leaf (i32.const 77)))
            (else (i32.add (i32.mul (local.get $n) (i32.const 3))
                           (call $down (i32.sub (local.get $n) (i32.const 1))))))))`),
    );
    const c = host(s.invoke(id, 'down', [Val.i32(2000)]));
    expect(c.index).toBe(0);
    expect(plain(c.args)).toEqual([77]);
    // sum 3n for n = 1..2000 plus the leaf result
    expect(plain(done(c.resume([Val.i32(1000)])))).toEqual([3 * ((2000 * 2001) / 2) + 1000]);
  });

  it('a host call one call deep: the invocation returns its own results (value and type)', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 1);
    const id = s.instantiate(
      watModule(`(module
        (import "env" "h" (func $h (result i32)))
        (func $inner (result i32) (i32.add (call $h) (i32.const 1)))
        (func (export "outer") (result i64 i32)
          (i64.const 0x1122334455667788) (i32.mul (call $inner) (i32.const 10))))`),
    );
    const c = host(s.invoke(id, 'outer', []));
    const r = done(c.resume([Val.i32(4)]));
    expect(r.map((v) => v.type)).toEqual(['i64', 'i32']);
    expect(plain(r)).toEqual([0x1122334455667788n, 50]);
  });

  it('multi-value results of a host function reach wasm in order and with their types', () => {
    const s = new Store();
    s.linkFuncCustom('env', 'multi', { params: ['i32'], results: ['i32', 'i64', 'f64', 'f32'] });
    s.linkFunc('env', 'pair', 0, 2);
    const id = s.instantiate(
      watModule(`(module
        (import "env" "multi" (func $m (param i32) (result i32 i64 f64 f32)))
        (import "env" "pair" (func $p (result i32 i32)))
        (func (export "f") (result f32 f64 i64 i32)
          (local $a i32) (local $b i64) (local $c f64) (local $d f32)
          (call $m (i32.const 1))
          (local.set $d) (local.set $c) (local.set $b) (local.set $a)
          (local.get $d) (local.get $c) (local.get $b) (local.get $a))
        (func (export "diff") (result i32) (call $p) (i32.sub)))`),
    );
    const c = host(s.invoke(id, 'f', []));
    const r = done(c.resume([Val.i32(-1), Val.i64(1n << 40n), Val.f64(Math.PI), Val.f32(0.25)]));
    expect(r.map((v) => v.type)).toEqual(['f32', 'f64', 'i64', 'i32']);
    expect(plain(r)).toEqual([0.25, Math.PI, 1n << 40n, -1]);
    const p = host(s.invoke(id, 'diff', []));
    expect(p.index).toBe(1);
    expect(plain(done(p.resume([Val.i32(10), Val.i32(3)])))).toEqual([7]);
  });
});

describe('store.lastCall()', () => {
  it('is undefined before, the pending call while suspended, and undefined after', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 1);
    const id = s.instantiate(
      watModule(`(module (import "env" "h" (func $h (result i32)))
        (func (export "two") (result i32) (i32.add (call $h) (call $h)))
        (func (export "pure") (result i32) (i32.const 3)))`),
    );
    expect(s.lastCall()).toBeUndefined();
    const c1 = host(s.invoke(id, 'two', []));
    expect(s.lastCall()).toBe(c1);
    // A nested invocation that finishes leaves the outer call pending.
    done(s.invoke(id, 'pure', []));
    expect(s.lastCall()).toBe(c1);
    // A nested invocation that suspends is the pending one until it finishes.
    const inner = host(s.invoke(id, 'two', []));
    expect(s.lastCall()).toBe(inner);
    const inner2 = host(inner.resume([Val.i32(1)]));
    expect(s.lastCall()).toBe(inner2);
    expect(plain(done(inner2.resume([Val.i32(2)])))).toEqual([3]);
    expect(s.lastCall()).toBe(c1);
    const c2 = host(c1.resume([Val.i32(10)]));
    expect(s.lastCall()).toBe(c2);
    expect(plain(done(c2.resume([Val.i32(20)])))).toEqual([30]);
    expect(s.lastCall()).toBeUndefined();
  });
});

describe('the hello example', () => {
  const hello = new Uint8Array(readFileSync(new URL('../../../examples/hello.wasm', import.meta.url)));

  it('drives the loop and reads "hello" from the calling instance memory', () => {
    const s = new Store();
    s.linkFunc('env', 'println', 2, 0);
    const id = s.instantiate(prepare(hello));
    const printed: string[] = [];
    const handle = (call: Call): Val[] => {
      expect(call.index).toBe(0);
      expect(call.inst).toBe(id);
      const [ptr, len] = call.args.map((v) => val(v) as number);
      printed.push(new TextDecoder().decode(call.memory().subarray(ptr, ptr + len)));
      return [];
    };
    let result: RunResult = s.invoke(id, 'main', []);
    while (result.kind === 'host') result = result.call.resume(handle(result.call));
    expect(done(result)).toEqual([]);
    expect(printed).toEqual(['hello']);
    expect(new TextDecoder().decode(s.memory(id).subarray(16, 21))).toBe('hello');
  });

  it('hello.wasm is what wabt assembles from hello.wat (sanity of the helper)', () => {
    const text = readFileSync(new URL('../../../examples/hello.wat', import.meta.url), 'utf8');
    expect(wat(text)).toEqual(hello);
  });
});
