import { describe, expect, it } from 'vitest';
import { parseSExprs, WastSyntaxError, type SExpr } from './sexpr.js';

/** A compact view of a tree: lists as arrays, atoms as text, strings as "s:" + latin1 of the bytes. */
function shape(e: SExpr): unknown {
  if (e.kind === 'list') return e.items.map(shape);
  if (e.kind === 'atom') return e.text;
  return 's:' + String.fromCharCode(...e.bytes);
}

const read = (text: string) => parseSExprs(text).map(shape);

describe('parseSExprs', () => {
  it('reads nested lists and atoms', () => {
    expect(read('(a (b c) ((d)) $x) e')).toEqual([['a', ['b', 'c'], [['d']], '$x'], 'e']);
    expect(read('()')).toEqual([[]]);
    expect(read('(i32.const -0x1_0) (f32.const nan:0x200000) offset=4')).toEqual([
      ['i32.const', '-0x1_0'],
      ['f32.const', 'nan:0x200000'],
      'offset=4',
    ]);
  });

  it('records offsets, lines and columns', () => {
    const text = 'x\n  (module (func))\n';
    const [, m] = parseSExprs(text);
    expect(m).toMatchObject({ kind: 'list', line: 2, column: 3, start: 4 });
    expect(text.slice(m.start, m.end)).toBe('(module (func))');
  });

  it('skips line comments and nested block comments', () => {
    expect(read(';; (not a list\n(a ;; b)\n c)')).toEqual([['a', 'c']]);
    expect(read('(a (; x (; nested ;) still ;) b)')).toEqual([['a', 'b']]);
    expect(read('(; ;; not a line comment ;) a')).toEqual(['a']);
    expect(read('(a(;c;)b)')).toEqual([['a', 'b']]);
    const [b] = parseSExprs('(; one\ntwo\n ;)\n b');
    expect(b.line).toBe(4);
  });

  it('reads string escapes', () => {
    const [s] = parseSExprs(String.raw`"a\n\t\\\'\"\00\ff\7F"`);
    expect(s.kind === 'string' && [...s.bytes]).toEqual([
      0x61, 0x0a, 0x09, 0x5c, 0x27, 0x22, 0x00, 0xff, 0x7f,
    ]);
  });

  it('encodes characters and \\u{...} escapes as UTF-8', () => {
    const [s] = parseSExprs(String.raw`"é\u{1F600}\u{41}😀"`);
    expect(s.kind === 'string' && [...s.bytes]).toEqual([
      0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0x41, 0xf0, 0x9f, 0x98, 0x80,
    ]);
  });

  it('keeps parens and semicolons inside strings', () => {
    expect(read('("(;" ";;" ")")')).toEqual([['s:(;', 's:;;', 's:)']]);
  });

  it('rejects malformed input with a position', () => {
    expect(() => parseSExprs('(a')).toThrow(WastSyntaxError);
    expect(() => parseSExprs('a)')).toThrow(/unexpected "\)"/);
    expect(() => parseSExprs('(; open')).toThrow(/unclosed block comment/);
    expect(() => parseSExprs('"open')).toThrow(/unclosed string/);
    expect(() => parseSExprs(String.raw`"\q"`)).toThrow(/bad escape/);
    expect(() => parseSExprs(String.raw`"\u{D800}"`)).toThrow(/bad code point/);
    try {
      parseSExprs('(a)\n  (b "\\g")');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ line: 2 });
    }
  });
});
