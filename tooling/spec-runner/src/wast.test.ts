import { describe, expect, it } from 'vitest';
import { WastSyntaxError } from './sexpr.js';
import { parseWast, type Directive } from './wast.js';

function only(text: string): Directive {
  const { directives, errors } = parseWast(text);
  expect(errors).toEqual([]);
  expect(directives).toHaveLength(1);
  return directives[0];
}

describe('parseWast', () => {
  it('keeps the source text of text modules, with their position', () => {
    const text = ';; header\n\n  (module $M\n    (func (export "f")) ;; c\n  )\n';
    const d = only(text);
    expect(d).toMatchObject({ kind: 'module', line: 3, module: { name: '$M', line: 3 } });
    expect(d.kind === 'module' && d.module.source).toEqual({
      form: 'text',
      text: '(module $M\n    (func (export "f")) ;; c\n  )',
      line: 3,
      column: 3,
    });
  });

  it('reads binary modules from \\hh escapes, concatenating strings', () => {
    const d = only('(module $B binary "\\00asm" "\\01\\00\\00\\00" "a\\ff")');
    expect(d.kind === 'module' && d.module.name).toBe('$B');
    expect(d.kind === 'module' && d.module.source).toEqual({
      form: 'binary',
      bytes: Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x61, 0xff]),
    });
  });

  it('reads quoted modules', () => {
    const d = only('(assert_malformed (module quote "(func" ")") "unexpected token")');
    expect(d).toMatchObject({ kind: 'assert_malformed', message: 'unexpected token', line: 1 });
    expect(d.kind === 'assert_malformed' && d.module.source).toEqual({
      form: 'quote',
      bytes: new TextEncoder().encode('(func)'),
    });
  });

  it('reads actions and assertions', () => {
    const { directives, errors } = parseWast(`
      (register "M" $M)
      (register "N")
      (invoke "f" (i32.const 1) (f64.const -0))
      (get $M "g")
      (assert_return (invoke $M "f") (i32.const 2) (f32.const nan:canonical))
      (assert_trap (invoke "t") "unreachable")
      (assert_trap (module (start 0)) "out of bounds")
      (assert_exhaustion (invoke "r") "call stack exhausted")
      (assert_invalid (module (func (i32.add))) "type mismatch")
      (assert_unlinkable (module (import "a" "b" (func))) "unknown import")
      (assert_uninstantiable (module) "x")
    `);
    expect(errors).toEqual([]);
    expect(directives.map((d) => [d.kind, d.line])).toEqual([
      ['register', 2],
      ['register', 3],
      ['invoke', 4],
      ['get', 5],
      ['assert_return', 6],
      ['assert_trap', 7],
      ['assert_trap', 8],
      ['assert_exhaustion', 9],
      ['assert_invalid', 10],
      ['assert_unlinkable', 11],
      ['assert_uninstantiable', 12],
    ]);
    expect(directives[0]).toMatchObject({ as: 'M', module: '$M' });
    expect(directives[1]).not.toHaveProperty('module');
    expect(directives[2]).toMatchObject({
      action: { type: 'invoke', field: 'f', args: [{ type: 'i32', bits: 1 }, { type: 'f64', bits: 1n << 63n }] },
    });
    expect(directives[3]).toMatchObject({ action: { type: 'get', module: '$M', field: 'g' } });
    expect(directives[4]).toMatchObject({
      action: { type: 'invoke', module: '$M', field: 'f', args: [] },
      expected: [{ kind: 'exact' }, { kind: 'nan', type: 'f32' }],
    });
    expect(directives[6]).toMatchObject({ target: { source: { form: 'text', text: '(module (start 0))' } } });
    expect(directives[8]).toMatchObject({ message: 'type mismatch', module: { line: 10 } });
  });

  it('reads assert_exception (exception handling): an action, and no message', () => {
    const { directives, errors } = parseWast(
      [
        '(assert_exception (invoke "throw-if" (i32.const 10)))',
        '(assert_exception (invoke $M "rethrow"))',
        '(assert_exception (invoke "f") "uncaught exception")',
        '(assert_exception (module (tag)))',
        '(assert_exception)',
      ].join('\n'),
    );
    expect(directives).toEqual([
      { kind: 'assert_exception', line: 1, action: { type: 'invoke', field: 'throw-if', args: [{ type: 'i32', bits: 10 }] } },
      { kind: 'assert_exception', line: 2, action: { type: 'invoke', module: '$M', field: 'rethrow', args: [] } },
    ]);
    expect(errors).toEqual([
      { line: 3, message: 'assert_exception takes 1 arguments, got 2' },
      { line: 4, message: 'expected an action (invoke or get)' },
      { line: 5, message: 'assert_exception takes 1 arguments, got 0' },
    ]);
  });

  it('decodes export names as UTF-8', () => {
    expect(only('(invoke "\\e2\\82\\ac" )')).toMatchObject({ action: { field: '€' } });
    // A leading U+FEFF is a character of the name (names.wast), not a byte order mark to drop.
    expect(only('(invoke "\\ef\\bb\\bf")')).toMatchObject({ action: { field: '\u{feff}' } });
    expect(only('(invoke "\ufeff")')).toMatchObject({ action: { field: '\u{feff}' } });
  });

  it('records a malformed directive and reads on', () => {
    const { directives, errors } = parseWast(
      '(assert_return (invoke "f" (i32.const 0x1_0000_0000)))\n(bogus)\n(assert_invalid (module))\n(module)\nx',
    );
    expect(directives.map((d) => d.kind)).toEqual(['module']);
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3, 5]);
    expect(errors[1].message).toMatch(/unknown directive "bogus"/);
  });

  it('throws on S-expression syntax errors', () => {
    expect(() => parseWast('(module')).toThrow(WastSyntaxError);
  });

  it('reads a script of bare module fields as one inline module', () => {
    const d = only('\n(func) (memory 0) (func (export "f"))\n');
    expect(d).toMatchObject({
      kind: 'module',
      line: 2,
      module: { source: { form: 'text', text: '(func) (memory 0) (func (export "f"))', line: 2, column: 1 } },
    });
  });
});
