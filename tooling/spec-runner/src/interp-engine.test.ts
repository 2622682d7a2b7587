import { Module, type Val } from '@proj/interpreter';
import { describe, expect, it } from 'vitest';
import { createWabtAssembler } from './assemble.js';
import { fuelFromEnv, InterpreterEngine, OutOfFuelError, printLogger, profileFromEnv } from './interp-engine.js';
import { SPECTEST_PRINTS, SPECTEST_WAT, spectestBytes } from './spectest.js';

const assembler = await createWabtAssembler();
const spectest = spectestBytes(assembler);

function wasm(text: string): Uint8Array {
  const a = assembler.assemble(text, 'test.wat');
  if (!a.ok) throw new Error(a.error);
  return a.bytes;
}

function engine(onPrint?: (name: string, args: readonly Val[]) => void): InterpreterEngine {
  return new InterpreterEngine({ spectest, onPrint });
}

function instance(e: InterpreterEngine, text: string): unknown {
  return e.instantiate(e.compile(wasm(text)));
}

describe('the spectest module', () => {
  it('exports the prints, globals, table and memory with the suite’s types', () => {
    expect(SPECTEST_WAT).toContain('(import "spectest" "print_f64_f64")');
    const m = new Module(spectest);
    const exports = Object.fromEntries(m.exports.map((e) => [e.name, e]));
    expect(exports.print_i32_f32.type).toEqual({ params: ['i32', 'f32'], results: [] });
    expect(exports.print.type).toEqual({ params: [], results: [] });
    expect(exports.global_i64.type).toEqual({ type: 'i64', mutable: false });
    expect(exports.table.type).toEqual({ element: 'funcref', min: 10, max: 20 });
    expect(exports.memory.type).toEqual({ min: 1, max: 2 });
    expect(m.exports.map((e) => e.name).sort()).toEqual(
      [...SPECTEST_PRINTS.map((p) => p.name), 'global_i32', 'global_i64', 'global_f32', 'global_f64', 'table', 'memory'].sort(),
    );
  });

  it('is registered as "spectest" with the suite’s values', () => {
    const e = engine();
    expect(e.get(e.spectest, 'global_i32')).toEqual({ type: 'i32', bits: 666 });
    expect(e.get(e.spectest, 'global_i64')).toEqual({ type: 'i64', bits: 666n });
    expect(e.get(e.spectest, 'global_f32')).toEqual({ type: 'f32', bits: 0x4426a666 }); // 666.6
    expect(e.get(e.spectest, 'global_f64')).toEqual({ type: 'f64', bits: 0x4084d4cccccccccdn });
    const inst = instance(
      e,
      `(module
        (import "spectest" "global_f64" (global $g f64))
        (import "spectest" "table" (table 10 20 funcref))
        (import "spectest" "memory" (memory 1 2))
        (func (export "g") (result f64) (global.get $g))
        (func (export "sizes") (result i32 i32) (table.size 0) (memory.size)))`,
    );
    expect(e.invoke(inst, 'g', [])).toEqual([{ type: 'f64', bits: 0x4084d4cccccccccdn }]);
    expect(e.invoke(inst, 'sizes', [])).toEqual([
      { type: 'i32', bits: 10 },
      { type: 'i32', bits: 1 },
    ]);
  });

  it('refuses imports that do not match its types', () => {
    const e = engine();
    const unlinkable = (text: string) => () => instance(e, text);
    expect(unlinkable('(module (import "spectest" "table" (table 21 funcref)))')).toThrow(/./);
    expect(unlinkable('(module (import "spectest" "memory" (memory 1 1)))')).toThrow(/./);
    expect(unlinkable('(module (import "spectest" "print_i32" (func (param i64))))')).toThrow(/incompatible import type/);
    expect(unlinkable('(module (import "spectest" "nope" (func)))')).toThrow(/unknown import/);
  });

  it('drives print calls to completion, from a start function and from an invocation', () => {
    const printed: string[] = [];
    const e = engine(printLogger('t.wast', (line) => printed.push(line)));
    const inst = instance(
      e,
      `(module
        (import "spectest" "print_i32" (func $pi (param i32)))
        (import "spectest" "print_f64_f64" (func $pff (param f64 f64)))
        (import "spectest" "print" (func $p))
        (func $start (call $pi (i32.const 7)))
        (start $start)
        (func (export "f") (result i32)
          (call $pff (f64.const 1.5) (f64.const -2)) (call $p) (i32.const 42)))`,
    );
    expect(printed).toEqual(['t.wast: spectest.print_i32(7:i32)']);
    expect(e.invoke(inst, 'f', [])).toEqual([{ type: 'i32', bits: 42 }]);
    expect(printed.slice(1)).toEqual(['t.wast: spectest.print_f64_f64(1.5:f64, -2:f64)', 't.wast: spectest.print()']);
    // The prints re-exported by the spectest instance are the same host functions.
    const viaWasm = instance(e, '(module (func (export "p") (import "spectest" "print_i32") (param i32)))');
    expect(e.invoke(viaWasm, 'p', [{ type: 'i32', bits: 5 }])).toEqual([]);
    expect(printed[3]).toBe('t.wast: spectest.print_i32(5:i32)');
  });
});

describe('InterpreterEngine values', () => {
  const e = engine();
  const inst = instance(
    e,
    `(module
      (func (export "id") (param externref) (result externref) (local.get 0))
      (func $f (export "f") (result funcref) (ref.func $f))
      (func (export "nullf") (param funcref) (result funcref) (local.get 0))
      (func (export "bits") (param i32 i64 f32 f64 v128) (result v128 f64 f32 i64 i32)
        (local.get 4) (local.get 3) (local.get 2) (local.get 1) (local.get 0)))`,
  );

  it('passes ref.extern N as one host object per N and reads it back by identity', () => {
    expect(e.hostRef(1)).toBe(e.hostRef(1));
    expect(e.hostRef(1)).not.toBe(e.hostRef(2));
    expect(e.invoke(inst, 'id', [{ type: 'externref', ref: 1 }])).toEqual([{ type: 'externref', ref: 1 }]);
    expect(e.invoke(inst, 'id', [{ type: 'externref', ref: null }])).toEqual([{ type: 'externref', ref: null }]);
    expect(e.invoke(inst, 'f', [])).toEqual([{ type: 'funcref', ref: 'func' }]);
    expect(e.invoke(inst, 'nullf', [{ type: 'funcref', ref: null }])).toEqual([{ type: 'funcref', ref: null }]);
  });

  it('keeps bit patterns both ways', () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    const out = e.invoke(inst, 'bits', [
      { type: 'i32', bits: 0xffffffff },
      { type: 'i64', bits: 0x8000000000000001n },
      { type: 'f32', bits: 0x7fa00001 },
      { type: 'f64', bits: 0xfff4000000000001n },
      { type: 'v128', bytes },
    ]);
    expect(out).toEqual([
      { type: 'v128', bytes },
      { type: 'f64', bits: 0xfff4000000000001n },
      { type: 'f32', bits: 0x7fa00001 },
      { type: 'i64', bits: 0x8000000000000001n },
      { type: 'i32', bits: 0xffffffff },
    ]);
  });
});

describe('uncaught exceptions (SPEC_FEATURES=exceptions)', () => {
  it('tells an uncaught wasm exception from a trap and other errors, from invocations and start functions', async () => {
    const eh = await createWabtAssembler({ exceptions: true });
    const e = engine();
    const load = (text: string) => {
      const a = eh.assemble(text, 'eh.wat');
      if (!a.ok) throw new Error(a.error);
      return e.instantiate(e.compile(a.bytes));
    };
    const thrown = (f: () => unknown): unknown => {
      try {
        f();
      } catch (err) {
        return err;
      }
      throw new Error('did not throw');
    };
    const inst = load('(module (tag $t) (func (export "throw") (throw $t)) (func (export "trap") (unreachable)))');
    const exn = thrown(() => e.invoke(inst, 'throw', []));
    expect(e.isUncaughtException(exn)).toBe(true);
    expect(exn).toMatchObject({ kind: 'trap', reason: 'uncaught exception' });
    expect(e.isUncaughtException(thrown(() => e.invoke(inst, 'trap', [])))).toBe(false);
    expect(e.isUncaughtException(thrown(() => e.invoke(inst, 'nope', [])))).toBe(false);
    expect(e.isUncaughtException(new Error('uncaught exception'))).toBe(false);
    expect(e.isUncaughtException(thrown(() => load('(module (tag $t) (func $s (throw $t)) (start $s))')))).toBe(true);
  });
});

describe('profiles', () => {
  it('reads SPEC_PROFILE, unset or empty meaning the default', () => {
    expect(profileFromEnv({})).toBeUndefined();
    expect(profileFromEnv({ SPEC_PROFILE: '' })).toBeUndefined();
    expect(profileFromEnv({ SPEC_PROFILE: 'compact' })).toBe('compact');
  });

  it('passes the profile to every Module, the spectest one included', () => {
    expect(() => new InterpreterEngine({ spectest, profile: 'no-such-profile' })).toThrow(
      expect.objectContaining({ kind: expect.any(String) }),
    );
    expect(() => new InterpreterEngine({ spectest, profile: 'fast' })).not.toThrow();
  });
});

describe('fuel', () => {
  it('reads SPEC_FUEL: 1 is ample fuel, unset, empty or 0 unmetered, anything else an error', () => {
    expect(fuelFromEnv({})).toBeUndefined();
    expect(fuelFromEnv({ SPEC_FUEL: '' })).toBeUndefined();
    expect(fuelFromEnv({ SPEC_FUEL: '0' })).toBeUndefined();
    expect(fuelFromEnv({ SPEC_FUEL: '1' })).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => fuelFromEnv({ SPEC_FUEL: 'yes' })).toThrow(/SPEC_FUEL must be 1/);
  });

  const COUNTER = `(module
    (func $count (export "count") (param $n i32) (result i32) (local $i i32)
      (block $out (loop $l
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (local.get $i))
    (func (export "one") (result i32) (i32.const 1)))`;

  it('runs modules metered: with ample fuel they give the same results', () => {
    const e = new InterpreterEngine({ spectest, fuel: Number.MAX_SAFE_INTEGER });
    expect(e.invoke(instance(e, COUNTER), 'count', [{ type: 'i32', bits: 100_000 }])).toEqual([{ type: 'i32', bits: 100_000 }]);
  });

  it('makes a pause for fuel an error, never a result or a trap, and leaves the store usable', () => {
    const e = new InterpreterEngine({ spectest, fuel: 2000 });
    const inst = instance(e, COUNTER);
    // count pays 4 at its entry and 9 for each pass through its loop: it pauses with 7 left
    // (2000 - 4 - 221 * 9), which `one` (i32.const, end: 2) still runs with.
    expect(() => e.invoke(inst, 'count', [{ type: 'i32', bits: 1000 }])).toThrow(/^out-of-fuel during an invocation/);
    expect(e.invoke(inst, 'one', [])).toEqual([{ type: 'i32', bits: 1 }]);
    expect(() => e.invoke(inst, 'count', [{ type: 'i32', bits: 0 }])).toThrow(OutOfFuelError);
    const started = new InterpreterEngine({ spectest, fuel: 100 });
    expect(() => instance(started, `(module (func $s (loop (br 0))) (start $s))`)).toThrow(/^out-of-fuel during instantiation/);
  });
});
