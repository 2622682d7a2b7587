/**
 * Trap recovery: every trap reason of API.md is a Trap (a WasmError of kind 'trap') with the exact
 * reason; afterwards the store and its instances stay usable, and an outer invocation suspended in
 * a host call can still be resumed with its state intact.
 */
import { describe, expect, it } from 'vitest';
import { Store, Trap, Val, WasmError } from '@proj/interpreter';
import { done, host, plain, thrown, watModule, val } from './wat.js';

const MOD = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (memory (export "memory") 1)
  (table $t 4 funcref)
  (table $small (export "small") 2 externref)
  (elem (table $t) (i32.const 0) func $sq $void)
  (global $count (export "count") (mut i32) (i32.const 0))
  (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))
  (func $void (type $v))
  (func (export "ok") (param i32) (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (call_indirect $t (type $ii) (local.get 0) (i32.const 0)))
  (func (export "unreachable") (unreachable))
  (func (export "div0") (result i32) (i32.div_s (i32.const 1) (i32.const 0)))
  (func (export "rem0_64") (result i64) (i64.rem_u (i64.const 1) (i64.const 0)))
  (func (export "ovf32") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
  (func (export "ovf64") (result i64) (i64.div_s (i64.const 0x8000000000000000) (i64.const -1)))
  (func (export "truncNaN") (result i32) (i32.trunc_f32_s (f32.const nan)))
  (func (export "truncBig") (result i64) (i64.trunc_f64_u (f64.const -1)))
  (func (export "truncOvf") (result i32) (i32.trunc_f64_s (f64.const 3e9)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store64") (param i32) (i64.store offset=8 (local.get 0) (i64.const 1)))
  (func (export "fill") (param i32) (memory.fill (local.get 0) (i32.const 1) (i32.const 2)))
  (func (export "tableGet") (param i32) (result externref) (table.get $small (local.get 0)))
  (func (export "tableInit") (table.copy $t $t (i32.const 3) (i32.const 0) (i32.const 2)))
  (func (export "undefinedElem") (result i32) (call_indirect $t (type $ii) (i32.const 1) (i32.const 4)))
  (func (export "uninitElem") (result i32) (call_indirect $t (type $ii) (i32.const 1) (i32.const 2)))
  (func (export "mismatch") (result i32) (call_indirect $t (type $ii) (i32.const 1) (i32.const 1)))
  (func $inf (export "exhaust") (param i32) (result i32) (i32.add (call $inf (local.get 0)) (i32.const 1)))
  ;; a host call, then a trap after the host's result came back
  (func (export "hostThenTrap") (param i32) (result i32)
    (i32.div_u (i32.const 10) (call $h (local.get 0))))
  (func (export "outer") (param i32) (result i32) (local $keep i64)
    (local.set $keep (i64.const 0x7777777788888888))
    (i32.add (i32.add (local.get 0) (i32.const 100))
             (i32.add (call $h (local.get 0)) (i32.wrap_i64 (i64.shr_u (local.get $keep) (i64.const 32)))))))`;

const CASES: [string, Val[], string][] = [
  ['unreachable', [], 'unreachable'],
  ['div0', [], 'integer divide by zero'],
  ['rem0_64', [], 'integer divide by zero'],
  ['ovf32', [], 'integer overflow'],
  ['ovf64', [], 'integer overflow'],
  ['truncNaN', [], 'invalid conversion to integer'],
  ['truncBig', [], 'integer overflow'],
  ['truncOvf', [], 'integer overflow'],
  ['load', [Val.i32(65533)], 'out of bounds memory access'],
  ['load', [Val.i32(-1)], 'out of bounds memory access'],
  ['store64', [Val.i32(65528)], 'out of bounds memory access'],
  ['fill', [Val.i32(65535)], 'out of bounds memory access'],
  ['tableGet', [Val.i32(2)], 'out of bounds table access'],
  ['tableInit', [], 'out of bounds table access'],
  ['undefinedElem', [], 'undefined element'],
  ['uninitElem', [], 'uninitialized element'],
  ['mismatch', [], 'indirect call type mismatch'],
  ['exhaust', [Val.i32(0)], 'call stack exhausted'],
];

function setup() {
  const s = new Store();
  s.linkFunc('env', 'h', 1, 1);
  const id = s.instantiate(watModule(MOD));
  return { s, id };
}

function expectTrap(f: () => unknown, reason: string): Trap {
  const e = thrown(f);
  expect(e, `expected Trap '${reason}'`).toBeInstanceOf(Trap);
  expect(e).toBeInstanceOf(WasmError);
  expect(e).toBeInstanceOf(Error);
  const t = e as Trap;
  expect(t.kind).toBe('trap');
  expect(t.reason).toBe(reason);
  expect(t.message.startsWith(reason)).toBe(true);
  return t;
}

describe('each trap reason', () => {
  for (const [name, args, reason] of CASES) {
    it(`${name}(${plain(args).join(',')}) traps with '${reason}'; the instance still works`, () => {
      const { s, id } = setup();
      expectTrap(() => s.invoke(id, name, args), reason);
      expect(s.lastCall()).toBeUndefined();
      expect(plain(done(s.invoke(id, 'ok', [Val.i32(9)])))).toEqual([81]);
      // trap again, still fine
      expectTrap(() => s.invoke(id, name, args), reason);
      expect(plain(done(s.invoke(id, 'ok', [Val.i32(-3)])))).toEqual([9]);
      expect(val(s.getGlobal(id, 'count'))).toBe(2);
    });
  }

  it('the loads just inside the bounds do not trap', () => {
    const { s, id } = setup();
    expect(plain(done(s.invoke(id, 'load', [Val.i32(65532)])))).toEqual([0]);
    expect(done(s.invoke(id, 'store64', [Val.i32(65520)]))).toEqual([]);
    expect(plain(done(s.invoke(id, 'tableGet', [Val.i32(1)])))).toEqual([null]);
  });
});

describe('traps and suspended invocations', () => {
  for (const [name, args, reason] of CASES) {
    it(`an inner ${name} trapping ('${reason}') leaves the outer suspended call resumable and correct`, () => {
      const { s, id } = setup();
      const outer = host(s.invoke(id, 'outer', [Val.i32(5)]));
      expectTrap(() => s.invoke(id, name, args), reason);
      expect(s.lastCall()).toBe(outer);
      expect(plain(done(s.invoke(id, 'ok', [Val.i32(4)])))).toEqual([16]);
      expect(s.lastCall()).toBe(outer);
      // outer: 5 + 100 + host + 0x77777777
      expect(plain(done(outer.resume([Val.i32(1)])))).toEqual([(5 + 100 + 1 + 0x77777777) | 0]);
      expect(s.lastCall()).toBeUndefined();
    });
  }

  it('a trap after resume is thrown by resume; the store and an outer call survive it', () => {
    const { s, id } = setup();
    const outer = host(s.invoke(id, 'outer', [Val.i32(1)]));
    const inner = host(s.invoke(id, 'hostThenTrap', [Val.i32(0)]));
    expectTrap(() => inner.resume([Val.i32(0)]), 'integer divide by zero');
    expect(s.lastCall()).toBe(outer);
    // the trapped call is gone: resuming it again is a misuse, not a crash
    const e = thrown(() => inner.resume([Val.i32(1)]));
    expect(e).toBeInstanceOf(WasmError);
    expect((e as WasmError).kind).toBe('invalid');
    const again = host(s.invoke(id, 'hostThenTrap', [Val.i32(2)]));
    expect(plain(done(again.resume([Val.i32(2)])))).toEqual([5]);
    expect(plain(done(outer.resume([Val.i32(2)])))).toEqual([(1 + 100 + 2 + 0x77777777) | 0]);
  });

  it('a nested trap at depth grows and unwinds the frame stack; the outer invocation is below it', () => {
    const { s, id } = setup();
    const outer = host(s.invoke(id, 'outer', [Val.i32(7)]));
    for (let i = 0; i < 3; i++) expectTrap(() => s.invoke(id, 'exhaust', [Val.i32(i)]), 'call stack exhausted');
    expect(plain(done(outer.resume([Val.i32(3)])))).toEqual([(7 + 100 + 3 + 0x77777777) | 0]);
  });

  it('an uninitialized-element trap names the index in its message', () => {
    const { s, id } = setup();
    const t = expectTrap(() => s.invoke(id, 'uninitElem', []), 'uninitialized element');
    expect(t.message).toMatch(/2/);
  });
});
