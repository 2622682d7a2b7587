import { describe, expect, it } from 'vitest';
import type { Assembler } from './assemble.js';
import { NA_TEXT_MALFORMED, PENDING_EXECUTION, runScript, wordingDiffers, type RunnerDeps } from './run-script.js';

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
const deps: RunnerDeps = {
  assembler: fakeAssembler,
  validate(bytes) {
    const text = new TextDecoder().decode(bytes);
    const m = /\{([^}]*)\}/.exec(text);
    if (m === null) return;
    if (m[1] === 'crash') throw new TypeError('boom');
    if (m[1] === 'unsupported') throw Object.assign(new Error('nope'), { kind: 'unsupported', reason: 'nope' });
    throw new Invalid(m[1]);
  },
};

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
    expect(r.failures[0].message).toMatch(/^crashed: TypeError: boom \(at /);
  });

  it('counts quoted malformed modules as n/a and execution directives as pending', () => {
    const r = runScript(
      'e.wast',
      [
        '(assert_malformed (module quote "(func") "unexpected end")',
        '(module $M (func (export "f")))',
        '(register "M" $M)',
        '(invoke "f")',
        '(get "g")',
        '(assert_return (invoke "f") (i32.const 1))',
        '(assert_trap (invoke "f") "unreachable")',
        '(assert_trap (module) "unreachable")',
        '(assert_exhaustion (invoke "f") "call stack exhausted")',
        '(assert_unlinkable (module) "unknown import")',
        '(assert_uninstantiable (module) "x")',
      ].join('\n'),
      deps,
    );
    expect(r.counts).toEqual({ passed: 1, failed: 0, skipped: 0, pending: 9, 'n/a': 1 });
    expect(r.pending).toEqual({ [PENDING_EXECUTION]: 9 });
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
