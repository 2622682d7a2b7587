/** S-expression reader for .wast scripts: lists, atoms and strings, with comments skipped. */

/** Where a node sits in the script text: [start, end) offsets and the 1-based line/column of start. */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface SList extends Span {
  kind: 'list';
  items: SExpr[];
}

export interface SAtom extends Span {
  kind: 'atom';
  text: string;
}

/** A string literal, as the bytes it denotes (characters UTF-8 encoded, `\hh` escapes raw). */
export interface SString extends Span {
  kind: 'string';
  bytes: Uint8Array;
}

export type SExpr = SList | SAtom | SString;

/** A syntax error in the script, with the line/column where it was found. */
export class WastSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = 'WastSyntaxError';
  }
}

const LPAREN = 0x28;
const RPAREN = 0x29;
const SEMI = 0x3b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === NEWLINE || c === 0x0d;
}

/** Appends the UTF-8 encoding of code point `cp` to `out`. */
function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else
    out.push(
      0xf0 | (cp >> 18),
      0x80 | ((cp >> 12) & 0x3f),
      0x80 | ((cp >> 6) & 0x3f),
      0x80 | (cp & 0x3f),
    );
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Reads all top-level S-expressions of `text`. */
export function parseSExprs(text: string): SExpr[] {
  return new Reader(text).readAll();
}

class Reader {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  readAll(): SExpr[] {
    const top: SExpr[] = [];
    const stack: SList[] = [];
    for (;;) {
      this.skipSpaceAndComments();
      if (this.pos >= this.text.length) break;
      const c = this.text.charCodeAt(this.pos);
      if (c === LPAREN) {
        const list: SList = { kind: 'list', items: [], ...this.here(), end: -1 };
        this.pos++;
        (stack.length > 0 ? stack[stack.length - 1].items : top).push(list);
        stack.push(list);
      } else if (c === RPAREN) {
        const list = stack.pop();
        if (list === undefined) this.fail('unexpected ")"');
        this.pos++;
        list.end = this.pos;
      } else {
        const node = c === QUOTE ? this.readString() : this.readAtom();
        (stack.length > 0 ? stack[stack.length - 1].items : top).push(node);
      }
    }
    const open = stack.pop();
    if (open !== undefined) throw new WastSyntaxError('unclosed "("', open.line, open.column);
    return top;
  }

  private here(): Span {
    return { start: this.pos, end: this.pos, line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private fail(message: string): never {
    throw new WastSyntaxError(message, this.line, this.pos - this.lineStart + 1);
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = at + 1;
  }

  private skipSpaceAndComments(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (isSpace(c)) {
        if (c === NEWLINE) this.newline(this.pos);
        this.pos++;
      } else if (c === SEMI && t.charCodeAt(this.pos + 1) === SEMI) {
        const eol = t.indexOf('\n', this.pos);
        this.pos = eol < 0 ? t.length : eol;
      } else if (c === LPAREN && t.charCodeAt(this.pos + 1) === SEMI) {
        this.skipBlockComment();
      } else {
        return;
      }
    }
  }

  /** Skips a `(; ... ;)` comment, which may nest. */
  private skipBlockComment(): void {
    const t = this.text;
    const start = this.here();
    let depth = 0;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      const next = t.charCodeAt(this.pos + 1);
      if (c === LPAREN && next === SEMI) {
        depth++;
        this.pos += 2;
      } else if (c === SEMI && next === RPAREN) {
        depth--;
        this.pos += 2;
        if (depth === 0) return;
      } else {
        if (c === NEWLINE) this.newline(this.pos);
        this.pos++;
      }
    }
    throw new WastSyntaxError('unclosed block comment', start.line, start.column);
  }

  private readAtom(): SAtom {
    const t = this.text;
    const span = this.here();
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (isSpace(c) || c === LPAREN || c === RPAREN || c === QUOTE || c === SEMI) break;
      this.pos++;
    }
    if (this.pos === span.start) this.fail('unexpected character');
    return { kind: 'atom', text: t.slice(span.start, this.pos), ...span, end: this.pos };
  }

  private readString(): SString {
    const t = this.text;
    const span = this.here();
    const bytes: number[] = [];
    this.pos++; // opening quote
    for (;;) {
      if (this.pos >= t.length) throw new WastSyntaxError('unclosed string', span.line, span.column);
      const c = t.charCodeAt(this.pos);
      if (c === QUOTE) break;
      if (c === NEWLINE) this.fail('newline in string');
      if (c === BACKSLASH) {
        this.readEscape(bytes);
        continue;
      }
      const cp = t.codePointAt(this.pos) as number;
      pushUtf8(bytes, cp);
      this.pos += cp > 0xffff ? 2 : 1;
    }
    this.pos++; // closing quote
    return { kind: 'string', bytes: Uint8Array.from(bytes), ...span, end: this.pos };
  }

  private readEscape(out: number[]): void {
    const t = this.text;
    const e = t[this.pos + 1];
    this.pos += 2;
    switch (e) {
      case 'n':
        out.push(0x0a);
        return;
      case 't':
        out.push(0x09);
        return;
      case 'r':
        out.push(0x0d);
        return;
      case '"':
      case "'":
      case '\\':
        out.push(e.charCodeAt(0));
        return;
      case 'u':
        this.readUnicodeEscape(out);
        return;
    }
    const hi = hexValue(t.charCodeAt(this.pos - 1));
    const lo = hexValue(t.charCodeAt(this.pos));
    if (hi < 0 || lo < 0) {
      this.pos -= 2;
      this.fail('bad escape in string');
    }
    out.push(hi * 16 + lo);
    this.pos++;
  }

  /** Reads the `{hex}` part of a `\u{hex}` escape. */
  private readUnicodeEscape(out: number[]): void {
    const t = this.text;
    if (t[this.pos] !== '{') this.fail('bad \\u escape in string');
    const close = t.indexOf('}', this.pos);
    const digits = close < 0 ? '' : t.slice(this.pos + 1, close).replaceAll('_', '');
    if (!/^[0-9a-fA-F]+$/.test(digits)) this.fail('bad \\u escape in string');
    const cp = parseInt(digits, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) this.fail('bad code point in \\u escape');
    pushUtf8(out, cp);
    this.pos = close + 1;
  }
}
