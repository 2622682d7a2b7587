/**
 * Every public entry point called with values of the wrong type (what a JavaScript caller, or a
 * TypeScript caller past an `as`, can pass): each throws an InvalidError whose message says what
 * was expected, never a TypeError or RangeError, and the store keeps working afterwards.
 */
import { describe, expect, it } from 'vitest';
import { InvalidError, Module, Store, Val, validate, WasmError } from '@proj/interpreter';
import { done, plain, prepare, thrown, wat } from './wat.js';

const BYTES = wat(`(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (memory (export "memory") 1)
  (global (export "g") i32 (i32.const 5))
  (func (export "id") (param i32) (result i32) (local.get 0))
  (func (export "id64") (param i64) (result i64) (local.get 0))
  (func (export "idf64") (param f64) (result f64) (local.get 0))
  (func (export "idv") (param v128) (result v128) (local.get 0))
  (func (export "idref") (param funcref) (result funcref) (local.get 0))
  (func (export "callH") (param i32) (result i32) (call $h (local.get 0))))`);

function setup() {
  const s = new Store();
  s.linkFunc('env', 'h', 1, 1);
  const id = s.instantiate(prepare(BYTES));
  return { s, id };
}

/** Anything that is not what was asked for, from a JavaScript caller. */
type Misuse = [name: string, call: (s: Store, id: number) => unknown, expected: RegExp];

const any = (x: unknown) => x as never;
const looksLikeVal = (type: string, value: unknown) => any({ type, value, bits: value, bytes: value });

const CASES: Misuse[] = [
  // Values
  ['Val.i32 of a string', () => Val.i32(any('5')), /i32.*integer/],
  ['Val.i32 of a bigint', () => Val.i32(any(5n)), /i32.*integer/],
  ['Val.i32 of NaN', () => Val.i32(NaN), /i32.*integer/],
  ['Val.i32 of 1.5', () => Val.i32(1.5), /i32.*integer/],
  ['Val.i32 of Infinity', () => Val.i32(Infinity), /i32.*integer/],
  ['Val.i64 of a number', () => Val.i64(any(5)), /i64.*bigint/],
  ['Val.f32 of a string', () => Val.f32(any('1')), /f32.*number/],
  ['Val.f32Bits of 1.5', () => Val.f32Bits(1.5), /f32Bits.*integer/],
  ['Val.f64 of a bigint', () => Val.f64(any(1n)), /f64.*number/],
  ['Val.f64Bits of 1.5', () => Val.f64Bits(any(1.5)), /f64Bits.*bigint/],
  ['Val.v128 of 3 bytes', () => Val.v128(new Uint8Array(3)), /16 bytes/],
  ['Val.v128 of an array', () => Val.v128(any(new Array(16).fill(0))), /Uint8Array/],
  ['Val.v128 of undefined', () => Val.v128(any(undefined)), /Uint8Array/],
  ['Val.funcref of an object', () => Val.funcref(any({ addr: 0 })), /funcref/],
  ['Val.funcref of undefined', () => Val.funcref(any(undefined)), /funcref/],
  // Modules
  ['new Module(undefined)', () => new Module(any(undefined)), /Uint8Array/],
  ['new Module of a string', () => new Module(any('\0asm')), /Uint8Array/],
  ['new Module of an array', () => new Module(any([0, 97, 115, 109, 1, 0, 0, 0])), /Uint8Array/],
  ['new Module of an ArrayBuffer', () => new Module(any(new ArrayBuffer(8))), /Uint8Array/],
  ['new Module with options null', () => new Module(BYTES, any(null)), /options/],
  ['new Module with profile 5', () => new Module(BYTES, any({ profile: 5 })), /profile/],
  ['validate(undefined)', () => validate(any(undefined)), /Uint8Array/],
  ['validate of a number', () => validate(any(8)), /Uint8Array/],
  // Store options
  ['Store options of a number', () => new Store(any(5)), /StoreOptions/],
  ['maxCallDepth NaN', () => new Store({ maxCallDepth: NaN }), /maxCallDepth.*integer/],
  ['maxCallDepth 0', () => new Store({ maxCallDepth: 0 }), /maxCallDepth/],
  ['maxCallDepth 2**40', () => new Store({ maxCallDepth: 2 ** 40 }), /maxCallDepth/],
  ['maxStackBytes Infinity', () => new Store({ maxStackBytes: Infinity }), /maxStackBytes/],
  ['maxStackBytes 2**40', () => new Store({ maxStackBytes: 2 ** 40 }), /maxStackBytes/],
  ['maxStackBytes a string', () => new Store({ maxStackBytes: any('1') }), /maxStackBytes/],
  ['maxMemoryBytes -1', () => new Store({ maxMemoryBytes: -1 }), /maxMemoryBytes/],
  ['maxMemoryBytes Infinity', () => new Store({ maxMemoryBytes: Infinity }), /maxMemoryBytes/],
  ['maxMemoryBytes 1.5', () => new Store({ maxMemoryBytes: 1.5 }), /maxMemoryBytes/],
  ['maxTableElements a bigint', () => new Store({ maxTableElements: any(5n) }), /maxTableElements/],
  ['maxTableElements 2**33', () => new Store({ maxTableElements: 2 ** 33 }), /maxTableElements/],
  // Linking (on a fresh store: linking is only allowed before the first instantiation)
  ['linkFunc with 2**32 params', () => new Store().linkFunc('m', 'f', 2 ** 32, 0), /params/],
  ['linkFunc with -1 results', () => new Store().linkFunc('m', 'f', 0, -1), /results/],
  ['linkFunc with NaN params', () => new Store().linkFunc('m', 'f', NaN, 0), /params/],
  ['linkFunc with a bigint count', () => new Store().linkFunc('m', 'f', any(1n), 0), /params/],
  ['linkFunc with a Symbol name', () => new Store().linkFunc('m', any(Symbol('f')), 0, 0), /name.*string/],
  ['linkFunc with a number module', () => new Store().linkFunc(any(1), 'f', 0, 0), /module.*string/],
  ['linkFuncCustom with no type', () => new Store().linkFuncCustom('m', 'f', any(undefined)), /type/],
  ['linkFuncCustom with params a string', () => new Store().linkFuncCustom('m', 'f', any({ params: 'i32', results: [] })), /params/],
  ['linkFuncCustom with a huge params array', () => new Store().linkFuncCustom('m', 'f', { params: new Array(100_000).fill('i32'), results: [] }), /params/],
  ['linkFuncCustom with an unknown type', () => new Store().linkFuncCustom('m', 'f', { params: [any('i8')], results: [] }), /value type/],
  ['linkFuncDefault of a Symbol', () => new Store().linkFuncDefault(any(Symbol('m'))), /module.*string/],
  // Instantiation
  ['instantiate(undefined)', (s) => s.instantiate(any(undefined)), /Module/],
  ['instantiate of bytes', (s) => s.instantiate(any(BYTES)), /Module/],
  ['instantiate of a Module look-alike', (s) => s.instantiate(any({ info: {}, profile: 'fast', prepared: () => null })), /Module/],
  ['instantiate with a memory array', (s) => s.instantiate(prepare(BYTES), any([0, 0])), /Uint8Array/],
  // Invocation
  ['invoke with a Symbol name', (s, id) => s.invoke(id, any(Symbol('id')), [Val.i32(1)]), /name.*string/],
  ['invoke with a number name', (s, id) => s.invoke(id, any(1), [Val.i32(1)]), /name.*string/],
  ['invoke with args undefined', (s, id) => s.invoke(id, 'id', any(undefined)), /array/],
  ['invoke with a number as Val', (s, id) => s.invoke(id, 'id', any([1])), /i32/],
  ['invoke with a duck-typed i32', (s, id) => s.invoke(id, 'id', [looksLikeVal('i32', 1)]), /i32/],
  ['invoke with a duck-typed i64', (s, id) => s.invoke(id, 'id64', [looksLikeVal('i64', 1)]), /i64/],
  ['invoke with a duck-typed f64', (s, id) => s.invoke(id, 'idf64', [looksLikeVal('f64', 1)]), /f64/],
  ['invoke with a duck-typed v128', (s, id) => s.invoke(id, 'idv', [looksLikeVal('v128', new Uint8Array(3))]), /v128/],
  ['invoke with a duck-typed funcref', (s, id) => s.invoke(id, 'idref', [looksLikeVal('funcref', { addr: 0 })]), /funcref/],
  ['invoke with instance undefined', (s) => s.invoke(any(undefined), 'id', [Val.i32(1)]), /instance/],
  ['invoke with instance "0"', (s) => s.invoke(any('0'), 'id', [Val.i32(1)]), /instance/],
  ['getGlobal with a Symbol name', (s, id) => s.getGlobal(id, any(Symbol('g'))), /name.*string/],
  ['setName with a number name', (s, id) => s.setName(id, any(5)), /name.*string/],
  ['memory of instance null', (s) => s.memory(any(null)), /instance/],
  // Host calls
  ['resume with undefined', (s, id) => (s.invoke(id, 'callH', [Val.i32(1)]) as { call: { resume(x: unknown): unknown } }).call.resume(undefined), /array/],
  ['resume with a duck-typed i32', (s, id) => (s.invoke(id, 'callH', [Val.i32(1)]) as { call: { resume(x: unknown): unknown } }).call.resume([looksLikeVal('i32', 1)]), /i32/],
  ['trap with a number reason', (s, id) => (s.invoke(id, 'callH', [Val.i32(1)]) as { call: { trap(x: unknown): unknown } }).call.trap(5), /reason.*string/],
];

describe('public entry points given values of the wrong type', () => {
  it.each(CASES)('%s: InvalidError saying what was expected', (_name, call, expected) => {
    const { s, id } = setup();
    const e = thrown(() => call(s, id));
    expect(e, `${String(e)}`).toBeInstanceOf(WasmError);
    expect(e, `${String(e)}`).toBeInstanceOf(InvalidError);
    expect((e as Error).message).toMatch(expected);
    // The store still works (an abandoned host call stays on top: trap it first).
    const pending = s.lastCall();
    if (pending) expect(() => pending.trap('cleanup')).toThrow('cleanup');
    expect(plain(done(s.invoke(id, 'id', [Val.i32(7)])))).toEqual([7]);
  });

  it('the table covers every entry point of the API', () => {
    const covered = CASES.map(([name]) => name).join('\n');
    for (const entry of ['Val.i32', 'Val.i64', 'Val.f32', 'Val.f32Bits', 'Val.f64', 'Val.f64Bits', 'Val.v128', 'Val.funcref',
      'new Module', 'validate', 'Store options', 'linkFunc ', 'linkFuncCustom', 'linkFuncDefault', 'instantiate', 'invoke',
      'getGlobal', 'setName', 'memory', 'resume', 'trap']) {
      expect(covered, entry).toContain(entry);
    }
  });
});
