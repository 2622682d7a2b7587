import { describe, expect, it } from 'vitest';
import { Module } from '@proj/interpreter';
import { validate } from '@proj/validator';
import { createWabtAssembler, type Assembler } from './assemble.js';
import type { ExecutionEngine } from './engine.js';
import { InterpreterEngine } from './interp-engine.js';
import { NA_TEXT_MALFORMED, runScript, wordingDiffers, type RunnerDeps } from './run-script.js';
import { spectestBytes } from './spectest.js';

class Invalid extends Error {
  readonly kind = 'invalid';
  constructor(readonly reason: string) {
    super(`${reason} (at byte offset 8)`);
  }
}

/** Assembles "(module ...)" text to one byte per character; text containing "BAD" fails. */
const fakeAssembler: Assembler = {
  assemble(source) {
    const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
    if (text.includes('BAD')) return { ok: false, error: 'x.wast:3:9: error: unexpected token BAD' };
    return { ok: true, bytes: new TextEncoder().encode(text.trim()) };
  },
};

/** A validator that rejects modules whose text mentions a reason in {braces}. */
function fakeValidate(bytes: Uint8Array): void {
  const text = new TextDecoder().decode(bytes);
  const m = /\{([^}]*)\}/.exec(text);
  if (m === null) return;
  if (m[1] === 'crash') throw new TypeError('boom');
  if (m[1] === 'unsupported') throw Object.assign(new Error('nope'), { kind: 'unsupported', reason: 'nope' });
  throw new Invalid(m[1]);
}

/** An engine whose modules compile as fakeValidate says and do nothing else. */
const fakeEngine: ExecutionEngine = {
  compile: (bytes) => fakeValidate(bytes),
  instantiate: () => 0,
  register() {},
  invoke: () => [],
  get: () => ({ type: 'i32', bits: 0 }),
  isUncaughtException: () => false,
};

const deps: RunnerDeps = { assembler: fakeAssembler, validate: fakeValidate, prepare: fakeValidate, createEngine: () => fakeEngine };

/** The real thing: wabt, the validator and the interpreter. */
const wabt = await createWabtAssembler();
const spectest = spectestBytes(wabt);
const realDeps: RunnerDeps = {
  assembler: wabt,
  validate,
  prepare: (bytes) => void new Module(bytes),
  createEngine: () => new InterpreterEngine({ spectest }),
};
/** The same, with wabt's exceptions feature on (SPEC_FEATURES=exceptions). */
const ehDeps: RunnerDeps = { ...realDeps, assembler: await createWabtAssembler({ exceptions: true }) };

const script = (...lines: string[]) => lines.join('\n');

describe('runScript', () => {
  it('counts module directives: accepted passes, rejected fails', () => {
    const r = runScript('a.wast', '(module)\n(module (func {type mismatch}))\n(module binary "\\00asm")', deps);
    expect(r.counts).toEqual({ passed: 2, failed: 1, skipped: 0, pending: 0, 'n/a': 0 });
    expect(r.failures).toEqual([
      { line: 2, kind: 'module', message: 'rejected a valid module: [invalid] type mismatch' },
    ]);
    expect(r.kinds).toEqual({ module: 3 });
  });

  it('expects assert_invalid and binary assert_malformed to be rejected with kind invalid', () => {
    const r = runScript(
      'b.wast',
      [
        '(assert_invalid (module {type mismatch}) "type mismatch")',
        '(assert_invalid (module) "type mismatch")',
        '(assert_malformed (module binary "{magic header not detected}") "magic header not detected")',
        '(assert_invalid (module {unsupported}) "type mismatch")',
      ].join('\n'),
      deps,
    );
    expect(r.counts).toMatchObject({ passed: 2, failed: 2 });
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [2, 'accepted; expected rejection "type mismatch"'],
      [4, "rejected with kind 'unsupported', not 'invalid': nope"],
    ]);
    expect(r.wordingDiffs).toEqual([]);
  });

  it('also requires the engine\'s preparation (new Module) to reject them with kind invalid', () => {
    const lines = [
      '(assert_invalid (module {type mismatch}) "type mismatch")',
      '(assert_invalid (module {unknown label}) "unknown label")',
      '(assert_invalid (module {unknown global}) "unknown global")',
    ].join('\n');
    const prepare = (bytes: Uint8Array): void => {
      const text = new TextDecoder().decode(bytes);
      if (text.includes('label')) return; // accepts
      if (text.includes('global')) throw new TypeError('boom');
      fakeValidate(bytes);
    };
    const r = runScript('p.wast', lines, { ...deps, prepare });
    expect(r.counts).toMatchObject({ passed: 1, failed: 2 });
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [2, 'validate rejects it ("unknown label") but new Module accepts it'],
      [3, expect.stringMatching(/^new Module: .*TypeError.*boom/)],
    ]);
  });

  it('counts wording differences without failing', () => {
    const r = runScript(
      'c.wast',
      [
        '(assert_invalid (module {type mismatch: expected i32}) "type mismatch")', // reason extends the message
        '(assert_invalid (module {unknown}) "unknown table")', // message extends the reason
        '(assert_invalid (module {unknown global 1}) "unknown table")',
      ].join('\n'),
      deps,
    );
    expect(r.counts.passed).toBe(3);
    expect(r.wordingDiffs).toEqual([
      { line: 3, kind: 'assert_invalid', expected: 'unknown table', got: 'unknown global 1' },
    ]);
    expect(wordingDiffers('type mismatch', 'type mismatch')).toBe(false);
  });

  it('fails on a crash, printing the error', () => {
    const r = runScript('d.wast', '(module {crash})\n(assert_invalid (module {crash}) "x")', deps);
    expect(r.counts.failed).toBe(2);
    expect(r.failures[0].message).toMatch(/^rejected a valid module: crashed: TypeError: boom \(at /);
    expect(r.failures[1].message).toMatch(/^crashed: TypeError: boom \(at /);
  });

  it('counts quoted malformed modules as n/a', () => {
    const r = runScript('e.wast', '(assert_malformed (module quote "(func") "unexpected end")\n(module)', deps);
    expect(r.counts).toEqual({ passed: 1, failed: 0, skipped: 0, pending: 0, 'n/a': 1 });
    expect(r.notApplicable).toEqual({ [NA_TEXT_MALFORMED]: 1 });
  });

  it('assembles plain quoted modules', () => {
    const r = runScript('q.wast', '(module quote "(func)" "{bad quote}")', deps);
    expect(r.failures).toMatchObject([{ message: 'rejected a valid module: [invalid] bad quote' }]);
  });

  it('skips a directive whose module wabt cannot assemble, with the reason', () => {
    const r = runScript('f.wast', '(module)\n\n(assert_invalid (module BAD) "type mismatch")', deps);
    expect(r.counts).toMatchObject({ passed: 1, skipped: 1, failed: 0 });
    expect(r.skips).toEqual([
      { line: 3, kind: 'assert_invalid', message: 'wabt cannot assemble: x.wast:3:9: error: unexpected token BAD' },
    ]);
  });

  it('skips the directives that need the instance of a module wabt cannot assemble', () => {
    const r = runScript(
      's.wast',
      script('(module $A BAD)', '(invoke "f")', '(register "A" $A)', '(assert_exception (invoke $A "f"))', '(module)', '(invoke "f")'),
      deps,
    );
    expect(r.counts).toMatchObject({ passed: 2, failed: 0, skipped: 4 });
    expect(r.skips.map((s) => [s.line, s.kind, s.message])).toEqual([
      [1, 'module', 'wabt cannot assemble: x.wast:3:9: error: unexpected token BAD'],
      [2, 'invoke', 'the current module (line 1) has no instance: its module was skipped'],
      [3, 'register', 'module $A (line 1) has no instance: its module was skipped'],
      [4, 'assert_exception', 'module $A (line 1) has no instance: its module was skipped'],
    ]);
  });

  it('fails unreadable directives and unreadable scripts', () => {
    const r = runScript('g.wast', '(module)\n(assert_return (invoke "f" (i32.const x)))\n(nonsense)', deps);
    expect(r.counts).toMatchObject({ passed: 1, failed: 2 });
    expect(r.failures.map((f) => [f.line, f.kind])).toEqual([
      [2, 'parse'],
      [3, 'parse'],
    ]);
    const broken = runScript('h.wast', '(module)\n(module', deps);
    expect(broken.counts).toMatchObject({ passed: 0, failed: 1 });
    expect(broken.failures[0].message).toMatch(/cannot read the script: unclosed "\(" \(line 2/);
  });
});

describe('runScript with the interpreter', () => {
  it('runs every execution directive, passing when the engine does as the script says', () => {
    const r = runScript(
      'x.wast',
      script(
        '(module $M',
        '  (import "spectest" "print_i32" (func $print (param i32)))',
        '  (global (export "g") i32 (i32.const 7))',
        '  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))',
        '  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))',
        '  (func (export "nan") (result f32 f64) (f32.const nan) (f64.const -nan:0x8000000000001))',
        '  (func (export "ext") (param externref) (result externref) (local.get 0))',
        '  (func $f (export "fn") (result funcref) (ref.func $f))',
        '  (func $loop (export "loop") (call $loop))',
        '  (func (export "print") (call $print (i32.const 1))))',
        '(register "M" $M)',
        '(module (import "M" "add" (func $add (param i32 i32) (result i32)))',
        '  (func (export "twice") (param i32) (result i32) (call $add (local.get 0) (local.get 0))))',
        '(assert_return (invoke "twice" (i32.const 21)) (i32.const 42))',
        '(assert_return (invoke $M "add" (i32.const -1) (i32.const 1)) (i32.const 0))',
        '(assert_return (get $M "g") (i32.const 7))',
        '(assert_return (invoke $M "nan") (f32.const nan:canonical) (f64.const nan:arithmetic))',
        '(assert_return (invoke $M "ext" (ref.extern 5)) (ref.extern 5))',
        '(assert_return (invoke $M "ext" (ref.null extern)) (ref.null extern))',
        '(assert_return (invoke $M "fn") (ref.func))',
        '(invoke $M "print")',
        '(get $M "g")',
        '(assert_trap (invoke $M "div" (i32.const 0)) "integer divide by zero")',
        '(assert_exhaustion (invoke $M "loop") "call stack exhausted")',
        '(assert_unlinkable (module (import "M" "nope" (func))) "unknown import")',
        '(assert_unlinkable (module (import "M" "add" (func))) "incompatible import type")',
        '(assert_trap (module (func $s (unreachable)) (start $s)) "unreachable")',
        '(assert_uninstantiable (module (memory 0) (data (i32.const 1) "x")) "out of bounds memory access")',
        '(assert_return (invoke "twice" (i32.const 1)) (i32.const 2))',
      ),
      realDeps,
    );
    expect(r.failures).toEqual([]);
    expect(r.counts).toEqual({ passed: 19, failed: 0, skipped: 0, pending: 0, 'n/a': 0 });
  });

  it('fails wrong results, wrong or missing traps, and links that should not succeed', () => {
    const r = runScript(
      'y.wast',
      script(
        '(module',
        '  (func (export "one") (result i32) (i32.const 1))',
        '  (func (export "snan") (result f32) (f32.const nan:0x200000))',
        '  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))',
        '(register "M")',
        '(assert_return (invoke "one") (i32.const 2))',
        '(assert_return (invoke "one") (i64.const 1))',
        '(assert_return (invoke "one"))',
        '(assert_return (invoke "snan") (f32.const nan:arithmetic))',
        '(assert_trap (invoke "div" (i32.const 0)) "integer overflow")',
        '(assert_trap (invoke "div" (i32.const 1)) "integer divide by zero")',
        '(assert_return (invoke "nope"))',
        '(assert_unlinkable (module (import "M" "one" (func (result i32)))) "unknown import")',
        '(assert_unlinkable (module (import "M" "one" (func))) "unknown import")',
        '(assert_trap (module (func $s (unreachable)) (start $s)) "integer divide by zero")',
      ),
      realDeps,
    );
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [6, 'result 0: got i32 0x00000001 (1), expected i32 0x00000002 (2)'],
      [7, 'result 0: got i32 0x00000001 (1), expected i64 0x0000000000000001 (1)'],
      [8, 'got 1 result(s) [i32 0x00000001 (1)], expected 0: []'],
      [9, 'result 0: got f32 0x7fa00000 (NaN), expected f32 nan:arithmetic'],
      [10, 'trapped "integer divide by zero"; expected trap "integer overflow"'],
      [11, 'returned [i32 0x00000001 (1)]; expected trap "integer divide by zero"'],
      [12, expect.stringMatching(/^threw \[not-found\] .*nope/)],
      [13, 'instantiated; expected link failure "unknown import"'],
      [15, 'trapped "unreachable"; expected trap "integer divide by zero"'],
    ]);
    expect(r.wordingDiffs).toMatchObject([{ line: 14, expected: 'unknown import' }]);
    expect(r.counts).toMatchObject({ passed: 3, failed: 9 });
  });

  it('fails a module that does not instantiate, and the directives that need its instance', () => {
    const r = runScript(
      'z.wast',
      script(
        '(module $A (func (export "f")))',
        '(module $B (import "nowhere" "f" (func)) (func (export "f")))',
        '(invoke "f")',
        '(invoke $A "f")',
        '(register "B" $B)',
        '(invoke $C "f")',
      ),
      realDeps,
    );
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [2, expect.stringMatching(/^instantiation failed: \[not-found\] unknown import nowhere\.f/)],
      [3, 'the current module (line 2) has no instance: it failed to instantiate'],
      [5, 'module $B (line 2) has no instance: it failed to instantiate'],
      [6, 'no module named $C'],
    ]);
    expect(r.counts).toMatchObject({ passed: 2, failed: 4 });
  });

  it('fails every directive whose execution pauses for fuel (SPEC_FUEL), whatever it expects', () => {
    const metered: RunnerDeps = { ...realDeps, createEngine: () => new InterpreterEngine({ spectest, fuel: 50 }) };
    const r = runScript(
      'f.wast',
      script(
        '(module',
        '  (func (export "spin") (loop (br 0)))',
        '  (func $deep (export "deep") (call $deep))',
        '  (func (export "one") (result i32) (i32.const 1)))',
        '(assert_return (invoke "one") (i32.const 1))',
        '(assert_trap (invoke "spin") "unreachable")',
        '(assert_exhaustion (invoke "deep") "call stack exhausted")',
        '(assert_trap (module (func $s (loop (br 0))) (start $s)) "unreachable")',
      ),
      metered,
    );
    const outOfFuel = (where: string) => expect.stringMatching(new RegExp(`^crashed: OutOfFuelError: out-of-fuel during ${where}`));
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [6, outOfFuel('an invocation')],
      [7, outOfFuel('an invocation')],
      [8, outOfFuel('instantiation')],
    ]);
    expect(r.counts).toMatchObject({ passed: 2, failed: 3 });
  });

  it('runs legacy exception handling: tags through register, assert_exception', () => {
    const r = runScript(
      'eh.wast',
      script(
        '(module $T',
        '  (tag $e (export "e") (param i32))',
        '  (func (export "throw") (param i32) (local.get 0) (throw $e)))',
        '(register "T" $T)',
        '(module',
        '  (import "T" "e" (tag $e (param i32)))',
        '  (import "T" "throw" (func $throw (param i32)))',
        '  (tag $other)',
        '  (func (export "catch") (param i32) (result i32)',
        '    (try (result i32) (do (local.get 0) (call $throw) (i32.const 0)) (catch $e)))',
        '  (func (export "other") (throw $other))',
        '  (func (export "rethrow") (try (do (i32.const 1) (call $throw)) (catch_all (rethrow 0))))',
        '  (func (export "trap") (try (do (unreachable)) (catch_all)))',
        '  (func (export "ret") (result i32) (i32.const 7)))',
        '(assert_return (invoke "catch" (i32.const 5)) (i32.const 5))',
        '(assert_exception (invoke "other"))',
        '(assert_exception (invoke "rethrow"))',
        '(assert_exception (invoke $T "throw" (i32.const 1)))',
        '(assert_trap (invoke "trap") "unreachable")',
        '(assert_unlinkable (module (import "T" "e" (tag (param i64)))) "incompatible import type")',
        '(assert_unlinkable (module (import "T" "nope" (tag))) "unknown import")',
        '(assert_invalid (module (func (throw 0))) "unknown tag")',
        '(assert_exception (invoke "trap"))',
        '(assert_exception (invoke "ret"))',
        '(assert_exception (invoke "nope"))',
        '(assert_trap (invoke "other") "uncaught exception")',
        '(assert_return (invoke "other"))',
      ),
      ehDeps,
    );
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [23, 'threw [trap] unreachable; expected an uncaught exception'],
      [24, 'returned [i32 0x00000007 (7)]; expected an uncaught exception'],
      [25, expect.stringMatching(/^threw \[not-found\] .*nope.*; expected an uncaught exception$/)],
      [26, 'threw [trap] uncaught exception; expected trap "uncaught exception"'],
      [27, 'threw [trap] uncaught exception; expected []'],
    ]);
    expect(r.counts).toEqual({ passed: 11, failed: 5, skipped: 0, pending: 0, 'n/a': 0 });
    expect(r.kinds).toMatchObject({ assert_exception: 6 });
  });

  it('needs SPEC_FEATURES=exceptions for text modules with tags (2.0 alone skips them)', () => {
    const r = runScript('eh.wast', '(module (tag (export "e")))\n(assert_exception (invoke "f"))', realDeps);
    expect(r.counts).toMatchObject({ passed: 0, failed: 0, skipped: 2 });
    expect(r.skips[0].message).toMatch(/^wabt cannot assemble: eh\.wast:1:9: error: tag not allowed/);
  });

  it('gives each script its own store', () => {
    const first = runScript('a.wast', '(module (func (export "f")))\n(register "shared")', realDeps);
    const second = runScript('b.wast', '(module (import "shared" "f" (func)))', realDeps);
    expect(first.counts.passed).toBe(2);
    expect(second.failures).toMatchObject([{ line: 1, message: expect.stringMatching(/unknown import shared\.f/) }]);
  });

  it('fails every directive that needs the engine if it cannot be made', () => {
    const broken: RunnerDeps = {
      ...realDeps,
      createEngine: () => {
        throw Object.assign(new Error('no'), { kind: 'unsupported', reason: 'no such profile' });
      },
    };
    const r = runScript('w.wast', '(module)\n(assert_return (invoke "f"))\n(assert_invalid (module (func (i32.add))) "type mismatch")', broken);
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [1, 'engine setup failed: [unsupported] no such profile'],
      [2, 'the current module (line 1) has no instance: it was rejected'],
    ]);
    expect(r.counts).toMatchObject({ passed: 1, failed: 2 });
  });
});
