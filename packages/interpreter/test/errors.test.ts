/**
 * Misuse of the API: each is an InvalidError or NotFoundError whose message names the problem,
 * and the store keeps working afterwards (no corrupted state).
 */
import { describe, expect, it } from 'vitest';
import { InvalidError, Module, NotFoundError, Store, Trap, Val, WasmError } from '@proj/interpreter';
import { done, expectThrow, host, plain, thrown, wat, watModule, val } from './wat.js';

const MOD = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (import "env" "hv" (func $hv (param i64 f32) (result f64 i32)))
  (memory (export "memory") 1)
  (global (export "g") (mut i32) (i32.const 5))
  (table (export "t") 1 funcref)
  (func (export "add") (param i32 i64) (result i64) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)))
  (func (export "callH") (param i32) (result i32) (i32.mul (call $h (local.get 0)) (i32.const 2)))
  (func (export "callHv") (result f64 i32) (call $hv (i64.const 1) (f32.const 2))))`;

function setup() {
  const s = new Store();
  s.linkFunc('env', 'h', 1, 1);
  s.linkFuncCustom('env', 'hv', { params: ['i64', 'f32'], results: ['f64', 'i32'] });
  const id = s.instantiate(watModule(MOD));
  return { s, id };
}

/** The store still works: a plain invocation and a host round trip succeed. */
function stillWorks(s: Store, id: number): void {
  expect(plain(done(s.invoke(id, 'add', [Val.i32(-2), Val.i64(10n)])))).toEqual([8n]);
  const c = host(s.invoke(id, 'callH', [Val.i32(3)]));
  expect(plain(c.args)).toEqual([3]);
  expect(plain(done(c.resume([Val.i32(21)])))).toEqual([42]);
  expect(s.lastCall()).toBeUndefined();
}

describe('resume misuse', () => {
  it('resuming a call twice is a stale call', () => {
    const { s, id } = setup();
    const c = host(s.invoke(id, 'callH', [Val.i32(1)]));
    expect(plain(done(c.resume([Val.i32(1)])))).toEqual([2]);
    expectThrow(() => c.resume([Val.i32(1)]), InvalidError, /stale|already/);
    stillWorks(s, id);
    // stale also when a newer invocation is pending
    const c2 = host(s.invoke(id, 'callH', [Val.i32(4)]));
    expectThrow(() => c.resume([Val.i32(1)]), InvalidError, /stale|already/);
    expect(s.lastCall()).toBe(c2);
    expect(plain(done(c2.resume([Val.i32(5)])))).toEqual([10]);
    stillWorks(s, id);
  });

  it('resuming an outer call while an inner invocation is suspended is out of order', () => {
    const { s, id } = setup();
    const outer = host(s.invoke(id, 'callH', [Val.i32(1)]));
    const inner = host(s.invoke(id, 'callH', [Val.i32(2)]));
    expectThrow(() => outer.resume([Val.i32(100)]), InvalidError, /out of order/);
    expect(plain(done(inner.resume([Val.i32(3)])))).toEqual([6]);
    expect(plain(done(outer.resume([Val.i32(100)])))).toEqual([200]);
    stillWorks(s, id);
  });

  it('resume with the wrong number of results names the count', () => {
    const { s, id } = setup();
    const c = host(s.invoke(id, 'callH', [Val.i32(1)]));
    expectThrow(() => c.resume([]), InvalidError, /1.*got 0|expected 1/);
    expectThrow(() => c.resume([Val.i32(1), Val.i32(2)]), InvalidError, /expected 1.*got 2/);
    const cv = host(s.invoke(id, 'callHv', []));
    expectThrow(() => cv.resume([Val.f64(1)]), InvalidError, /expected 2.*got 1/);
    // the refused resumes left both pending and resumable
    expect(s.lastCall()).toBe(cv);
    expect(plain(done(cv.resume([Val.f64(1.5), Val.i32(-1)])))).toEqual([1.5, -1]);
    expect(plain(done(c.resume([Val.i32(8)])))).toEqual([16]);
    stillWorks(s, id);
  });

  it('resume with results of the wrong type names the types', () => {
    const { s, id } = setup();
    const c = host(s.invoke(id, 'callHv', []));
    expectThrow(() => c.resume([Val.f32(1), Val.i32(0)]), InvalidError, /f64.*f32|f32.*f64/);
    expectThrow(() => c.resume([Val.f64(1), Val.i64(0n)]), InvalidError, /i32.*i64|i64.*i32/);
    expectThrow(() => c.resume([Val.f64(1), null as unknown as Val]), InvalidError, /i32/);
    expectThrow(() => c.resume(undefined as unknown as Val[]), InvalidError);
    expect(plain(done(c.resume([Val.f64(2), Val.i32(3)])))).toEqual([2, 3]);
    stillWorks(s, id);
  });
});

describe('resume with a value the engine refuses late', () => {
  it('a funcref from another store as a host result is refused, and the call stays pending and resumable', () => {
    const s = new Store();
    s.linkFuncCustom('env', 'getRef', { params: [], results: ['funcref'] });
    const id = s.instantiate(
      watModule(`(module (import "env" "getRef" (func $g (result funcref)))
        (func (export "isNull") (result i32) (ref.is_null (call $g)))
        (func (export "one") (result i32) (i32.const 1)))`),
    );
    const foreignStore = new Store();
    const fid = foreignStore.instantiate(
      watModule(`(module (table (export "t") 1 funcref) (elem (i32.const 0) $f) (func $f)
        (func (export "get") (result funcref) (table.get (i32.const 0))))`),
    );
    const foreign = done(foreignStore.invoke(fid, 'get', []))[0];
    expect(val(foreign)).not.toBeNull();

    const c = host(s.invoke(id, 'isNull', []));
    expectThrow(() => c.resume([foreign]), InvalidError, /store/);
    // The refused resume must not consume the call: it is still the pending one...
    expect(s.lastCall() === c, 'lastCall() is still the refused call').toBe(true);
    // ...and can be resumed with a good value.
    expect(plain(done(c.resume([Val.funcref(null)])))).toEqual([1]);
    expect(s.lastCall()).toBeUndefined();
    expect(plain(done(s.invoke(id, 'one', [])))).toEqual([1]);
  });

  it('a funcref from another store as an argument is refused; the store keeps working', () => {
    const s = new Store();
    const id = s.instantiate(watModule(`(module (func (export "f") (param funcref) (result i32) (ref.is_null (local.get 0))))`));
    const other = new Store();
    const oid = other.instantiate(watModule(`(module (func $f) (elem declare func $f) (func (export "r") (result funcref) (ref.func $f)))`));
    const foreign = done(other.invoke(oid, 'r', []))[0];
    expectThrow(() => s.invoke(id, 'f', [foreign]), InvalidError, /store/);
    expect(s.lastCall()).toBeUndefined();
    expect(plain(done(s.invoke(id, 'f', [Val.funcref(null)])))).toEqual([1]);
  });
});

describe('invoke misuse', () => {
  it('wrong number of arguments', () => {
    const { s, id } = setup();
    expectThrow(() => s.invoke(id, 'add', [Val.i32(1)]), InvalidError, /add.*expected 2.*got 1|2.*1/);
    expectThrow(() => s.invoke(id, 'add', []), InvalidError, /add/);
    expectThrow(() => s.invoke(id, 'add', [Val.i32(1), Val.i64(1n), Val.i32(1)]), InvalidError, /add/);
    stillWorks(s, id);
  });

  it('arguments of the wrong type', () => {
    const { s, id } = setup();
    expectThrow(() => s.invoke(id, 'add', [Val.i64(1n), Val.i64(1n)]), InvalidError, /i32.*i64/);
    expectThrow(() => s.invoke(id, 'add', [Val.i32(1), Val.i32(1)]), InvalidError, /i64.*i32/);
    expectThrow(() => s.invoke(id, 'add', [Val.i32(1), Val.f64(1)]), InvalidError, /i64/);
    expectThrow(() => s.invoke(id, 'add', [Val.i32(1), Val.externref(1n)]), InvalidError, /i64/);
    expectThrow(() => s.invoke(id, 'add', [5, 6] as unknown as Val[]), InvalidError);
    expectThrow(() => s.invoke(id, 'add', null as unknown as Val[]), InvalidError);
    stillWorks(s, id);
  });

  it('a misuse while suspended leaves the suspended call resumable', () => {
    const { s, id } = setup();
    const c = host(s.invoke(id, 'callH', [Val.i32(6)]));
    expectThrow(() => s.invoke(id, 'add', [Val.i32(1)]), InvalidError);
    expectThrow(() => s.invoke(id, 'nope', []), NotFoundError);
    expectThrow(() => s.invoke(77, 'add', []), NotFoundError);
    expect(s.lastCall()).toBe(c);
    expect(plain(done(c.resume([Val.i32(7)])))).toEqual([14]);
    stillWorks(s, id);
  });

  it('unknown instance: NotFoundError naming it, from every entry point', () => {
    const { s, id } = setup();
    expectThrow(() => s.invoke(42, 'add', []), NotFoundError, /instance.*42/);
    expectThrow(() => s.invoke(-1, 'add', []), NotFoundError, /instance/);
    expectThrow(() => s.invoke(0.5, 'add', []), NotFoundError, /instance/);
    expectThrow(() => s.getGlobal(42, 'g'), NotFoundError, /instance.*42/);
    expectThrow(() => s.memory(42), NotFoundError, /instance.*42/);
    expectThrow(() => s.setName(42, 'x'), NotFoundError, /instance.*42/);
    stillWorks(s, id);
  });

  it('unknown export: NotFoundError naming it', () => {
    const { s, id } = setup();
    expectThrow(() => s.invoke(id, 'missing', []), NotFoundError, /missing/);
    expectThrow(() => s.getGlobal(id, 'nog'), NotFoundError, /nog/);
    stillWorks(s, id);
  });

  it('invoking a non-function export, or reading a non-global as a global', () => {
    const { s, id } = setup();
    const e1 = expectThrow(() => s.invoke(id, 'memory', []), WasmError, /memory/);
    expect(e1.kind).toBe('invalid');
    const e2 = expectThrow(() => s.invoke(id, 'g', []), WasmError, /\bg\b/);
    expect(e2.kind).toBe('invalid');
    expectThrow(() => s.invoke(id, 't', []), InvalidError, /\bt\b/);
    expectThrow(() => s.getGlobal(id, 'add'), InvalidError, /add/);
    expect(val(s.getGlobal(id, 'g'))).toBe(5);
    stillWorks(s, id);
  });

  it('store.memory of an instance without memory is NotFoundError', () => {
    const s = new Store();
    const id = s.instantiate(watModule('(module (func (export "f")))'));
    expectThrow(() => s.memory(id), NotFoundError, /memory/);
    expect(done(s.invoke(id, 'f', []))).toEqual([]);
  });
});

describe('linking misuse', () => {
  it('linking after the first instantiation, by every link method', () => {
    const { s, id } = setup();
    expectThrow(() => s.linkFunc('env', 'late', 0, 0), InvalidError, /instantiat/);
    expectThrow(() => s.linkFuncCustom('env', 'late', { params: [], results: [] }), InvalidError, /instantiat/);
    expectThrow(() => s.linkFuncDefault('late'), InvalidError, /instantiat/);
    stillWorks(s, id);
    // and the refused link did not take a host index: a new instance still gets index 0 for env.h
    const id2 = s.instantiate(watModule(MOD));
    const c = host(s.invoke(id2, 'callH', [Val.i32(1)]));
    expect(c.index).toBe(0);
    expect(c.inst).toBe(id2);
    done(c.resume([Val.i32(0)]));
  });

  it('a duplicate host name, by linkFunc and linkFuncCustom alike; a module given twice to linkFuncDefault', () => {
    const s = new Store();
    s.linkFunc('env', 'a', 0, 0);
    expectThrow(() => s.linkFunc('env', 'a', 1, 1), InvalidError, /env\.a|env.*a/);
    expectThrow(() => s.linkFuncCustom('env', 'a', { params: [], results: [] }), InvalidError, /env.*a/);
    s.linkFunc('other', 'a', 0, 0); // same name in another module is fine
    s.linkFuncDefault('d');
    expectThrow(() => s.linkFuncDefault('d'), InvalidError, /\bd\b/);
    s.linkFunc('env', 'b', 0, 1);
    // indices after the refused links are still consecutive: a=0, other.a=1, default d=2, b=3
    const id = s.instantiate(
      watModule(`(module (import "env" "b" (func $b (result i32))) (func (export "f") (result i32) (call $b)))`),
    );
    const c = host(s.invoke(id, 'f', []));
    expect(c.index).toBe(3);
    expect(plain(done(c.resume([Val.i32(1)])))).toEqual([1]);
  });

  it('linkFunc with counts that are not counts', () => {
    const s = new Store();
    for (const [p, r] of [
      [-1, 0],
      [0, -1],
      [1.5, 0],
      [0, Number.NaN],
      [Number.POSITIVE_INFINITY, 0],
    ]) {
      expectThrow(() => s.linkFunc('env', 'bad', p, r), InvalidError, /bad/);
    }
    expectThrow(
      () => s.linkFuncCustom('env', 'bad', { params: ['i8' as 'i32'], results: [] }),
      InvalidError,
      /i8|type/,
    );
    // none of the refused ones registered the name, nor took an index
    s.linkFunc('env', 'bad', 1, 1);
    const id = s.instantiate(
      watModule(`(module (import "env" "bad" (func $b (param i32) (result i32)))
        (func (export "f") (result i32) (call $b (i32.const 1))))`),
    );
    const c = host(s.invoke(id, 'f', []));
    expect(c.index).toBe(0);
    expect(plain(done(c.resume([Val.i32(2)])))).toEqual([2]);
  });
});

describe('import resolution', () => {
  it('an unresolvable import is a NotFoundError naming it; the store stays usable', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 1, 1);
    const e = expectThrow(
      () => s.instantiate(watModule(`(module (import "env" "missing" (func)))`)),
      NotFoundError,
      /env.*missing/,
    );
    expect(e.kind).toBe('not-found');
    expectThrow(() => s.instantiate(watModule(`(module (import "nomod" "g" (global i32)))`)), NotFoundError, /nomod.*g/);
    expectThrow(() => s.instantiate(watModule(`(module (import "nomod" "m" (memory 1)))`)), NotFoundError, /nomod.*m/);
    expectThrow(() => s.instantiate(watModule(`(module (import "nomod" "t" (table 1 funcref)))`)), NotFoundError, /nomod.*t/);
    // a failed instantiation is not "the first instantiation": linking is still allowed
    s.linkFuncCustom('env', 'hv', { params: ['i64', 'f32'], results: ['f64', 'i32'] });
    const id = s.instantiate(watModule(MOD));
    stillWorks(s, id);
  });

  it('a default host only serves imports returning one i32', () => {
    const s = new Store();
    s.linkFuncDefault('d');
    expectThrow(() => s.instantiate(watModule(`(module (import "d" "x" (func (result i64))))`)), NotFoundError, /d.*x/);
    expectThrow(() => s.instantiate(watModule(`(module (import "d" "y" (func)))`)), NotFoundError, /d.*y/);
    const id = s.instantiate(watModule(`(module (import "d" "z" (func $z (param f64) (result i32)))
      (func (export "f") (result i32) (call $z (f64.const 0.5))))`));
    const c = host(s.invoke(id, 'f', []));
    expect(c.index).toBe(0);
    expect(plain(c.args)).toEqual([0.5]);
    expect(plain(done(c.resume([Val.i32(3)])))).toEqual([3]);
  });

  it('an import of the wrong type is an error naming the import and what differs', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 1, 1);
    const prov = s.instantiate(
      watModule(`(module (memory (export "mem") 1) (global (export "gi") i32 (i32.const 1))
        (global (export "gm") (mut i32) (i32.const 1)) (table (export "tab") 2 funcref)
        (func (export "fn") (param i32)))`),
    );
    s.setName(prov, 'p');
    const cases: [string, RegExp][] = [
      [`(import "env" "h" (func (param i64) (result i32)))`, /env.*h/],
      [`(import "env" "h" (func (param i32)))`, /env.*h/],
      [`(import "p" "mem" (func))`, /p.*mem/],
      [`(import "p" "fn" (memory 1))`, /p.*fn/],
      [`(import "p" "fn" (func (param i32) (result i32)))`, /p.*fn/],
      [`(import "p" "gi" (global i64))`, /p.*gi/],
      [`(import "p" "gi" (global (mut i32)))`, /p.*gi/],
      [`(import "p" "gm" (global i32))`, /p.*gm/],
      [`(import "p" "mem" (memory 2))`, /p.*mem/],
      [`(import "p" "mem" (memory 0 0))`, /p.*mem/],
      [`(import "p" "tab" (table 3 funcref))`, /p.*tab/],
      [`(import "p" "tab" (table 1 externref))`, /p.*tab/],
    ];
    for (const [imp, re] of cases) {
      const e = thrown(() => s.instantiate(watModule(`(module ${imp})`)));
      expect(e, imp).toBeInstanceOf(WasmError);
      const err = e as WasmError;
      // an import that exists with another type "cannot be resolved": not-found (or invalid)
      expect(['not-found', 'invalid'], imp).toContain(err.kind);
      expect(err.message, imp).toMatch(re);
      expect(err.message, imp).toMatch(/incompatible|type|limit|not a/i);
    }
    // matching imports work
    const ok = s.instantiate(
      watModule(`(module (import "p" "mem" (memory 1)) (import "p" "gm" (global (mut i32)))
        (import "p" "tab" (table 1 funcref)) (import "p" "fn" (func (param i32)))
        (import "env" "h" (func (param i32) (result i32)))
        (func (export "f") (result i32) (global.get 0)))`),
    );
    expect(plain(done(s.invoke(ok, 'f', [])))).toEqual([1]);
  });

  it('setName: a name already given to another instance is refused', () => {
    const s = new Store();
    const a = s.instantiate(watModule('(module)'));
    const b = s.instantiate(watModule('(module)'));
    s.setName(a, 'x');
    s.setName(a, 'x');
    expectThrow(() => s.setName(b, 'x'), InvalidError, /x/);
  });
});

describe('module and instantiation misuse', () => {
  it('invalid bytes are an InvalidError; an invalid module never reaches the store', () => {
    expectThrow(() => new Module(new Uint8Array([0, 1, 2])), InvalidError);
    expectThrow(() => new Module(wat('(module (func (result i32) (i64.const 1)))')), InvalidError);
  });

  it('a memory argument for a module without memory, or with an imported memory, is refused', () => {
    const s = new Store();
    const m = watModule('(module (func (export "f")))');
    expectThrow(() => s.instantiate(m, new Uint8Array(10)), InvalidError, /memory/);
    const p = s.instantiate(watModule('(module (memory (export "m") 1))'));
    s.setName(p, 'p');
    expectThrow(() => s.instantiate(watModule('(module (import "p" "m" (memory 1)))'), new Uint8Array(10)), InvalidError, /memory/);
    expect(done(s.invoke(s.instantiate(m), 'f', []))).toEqual([]);
  });

  it('bad StoreOptions are refused', () => {
    expectThrow(() => new Store({ maxCallDepth: 0 }), InvalidError);
    expectThrow(() => new Store({ maxCallDepth: Number.NaN }), InvalidError);
  });

  it('a trap during instantiation (element segment out of bounds) leaves the store usable', () => {
    const { s, id } = setup();
    const e = expectThrow(
      () => s.instantiate(watModule(`(module (table 1 funcref) (func $f) (elem (i32.const 1) $f))`)),
      Trap,
    );
    expect(e.reason).toBe('out of bounds table access');
    stillWorks(s, id);
  });
});
