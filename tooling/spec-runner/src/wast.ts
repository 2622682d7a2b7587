/** The directives of a .wast script, and the parser that reads them from the script text. */

import { concatBytes } from '@proj/testkit';
import { parseSExprs, type SExpr, type SList } from './sexpr.js';
import { LiteralError } from './literals.js';
import { parseConst, parseExpected, type Expected, type Value } from './values.js';

/** Where a module's bytes come from. */
export type ModuleSource =
  /** Text format; `text` is the script's own `(module ...)` text, starting at `line`/`column`. */
  | { form: 'text'; text: string; line: number; column: number }
  | { form: 'binary'; bytes: Uint8Array }
  /** `module quote`: the concatenated strings, to be read as text format. */
  | { form: 'quote'; bytes: Uint8Array };

export interface ModuleDef {
  name?: string;
  line: number;
  source: ModuleSource;
}

export type Action =
  | { type: 'invoke'; module?: string; field: string; args: Value[] }
  | { type: 'get'; module?: string; field: string };

interface At {
  line: number;
}

export type Directive = At &
  (
    | { kind: 'module'; module: ModuleDef }
    | { kind: 'register'; as: string; module?: string }
    | { kind: 'invoke' | 'get'; action: Action }
    | { kind: 'assert_return'; action: Action; expected: Expected[] }
    /** `target` is a module for a trap while instantiating (its start function). */
    | { kind: 'assert_trap'; target: Action | ModuleDef; message: string }
    | { kind: 'assert_exhaustion'; action: Action; message: string }
    /** The action must end with a wasm exception that no handler caught (exception handling). */
    | { kind: 'assert_exception'; action: Action }
    | Omit<ModuleAssertion, 'line'>
  );

/** A directive about a single module and the message it should fail with. */
export interface ModuleAssertion extends At {
  kind: 'assert_invalid' | 'assert_malformed' | 'assert_unlinkable' | 'assert_uninstantiable';
  module: ModuleDef;
  message: string;
}

export type DirectiveKind = Directive['kind'];

/** A directive the parser could not read; the rest of the script is still read. */
export interface DirectiveError {
  line: number;
  message: string;
}

export interface Script {
  directives: Directive[];
  errors: DirectiveError[];
}

/** A malformed directive. */
class DirectiveSyntaxError extends Error {}

function fail(message: string): never {
  throw new DirectiveSyntaxError(message);
}

/** Keeps a leading U+FEFF: it is part of a name (names.wast exports "\u{feff}"), not a byte order mark. */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function isName(e: SExpr | undefined): e is SExpr & { kind: 'atom' } {
  return e?.kind === 'atom' && e.text.startsWith('$');
}

function stringOf(e: SExpr | undefined, what: string): string {
  if (e?.kind !== 'string') fail(`expected ${what} string`);
  return utf8.decode(e.bytes);
}

function listHead(e: SExpr | undefined): string | undefined {
  return e?.kind === 'list' && e.items[0]?.kind === 'atom' ? e.items[0].text : undefined;
}

/** The bytes of a module's string literals, one after another. */
function concat(strings: SExpr[]): Uint8Array {
  return concatBytes(strings.map((s) => (s.kind === 'string' ? s.bytes : fail('expected a string'))));
}

function parseModule(list: SList, text: string): ModuleDef {
  if (listHead(list) !== 'module') fail('expected a module');
  const first = list.items[1];
  let i = 1;
  const name = isName(first) ? (i++, first.text) : undefined;
  const form = list.items[i];
  const def = (source: ModuleSource): ModuleDef =>
    name === undefined ? { line: list.line, source } : { name, line: list.line, source };
  if (form?.kind === 'atom' && form.text === 'binary')
    return def({ form: 'binary', bytes: concat(list.items.slice(i + 1)) });
  if (form?.kind === 'atom' && form.text === 'quote')
    return def({ form: 'quote', bytes: concat(list.items.slice(i + 1)) });
  const source = text.slice(list.start, list.end);
  return def({ form: 'text', text: source, line: list.line, column: list.column });
}

function parseAction(e: SExpr | undefined): Action {
  const head = listHead(e);
  if (head !== 'invoke' && head !== 'get') fail('expected an action (invoke or get)');
  const items = (e as SList).items;
  const first = items[1];
  let i = 1;
  const module = isName(first) ? (i++, first.text) : undefined;
  const field = stringOf(items[i++], 'an export name');
  const withModule = <T extends object>(a: T) => (module === undefined ? a : { ...a, module });
  if (head === 'get') {
    if (i !== items.length) fail('get takes no arguments');
    return withModule({ type: 'get', field });
  }
  return withModule({ type: 'invoke', field, args: items.slice(i).map(parseConst) });
}

function parseDirective(list: SList, text: string): Directive {
  const head = listHead(list);
  const items = list.items;
  const line = list.line;
  const message = () => stringOf(items[2], 'a message');
  const arity = (n: number) => {
    if (items.length !== n) fail(`${head} takes ${n - 1} arguments, got ${items.length - 1}`);
  };
  switch (head) {
    case 'module':
      return { kind: 'module', line, module: parseModule(list, text) };
    case 'register': {
      const as = stringOf(items[1], 'a registration name');
      const module = items[2];
      if (items.length > 3 || (module !== undefined && !isName(module))) fail('malformed register');
      return module === undefined ? { kind: 'register', line, as } : { kind: 'register', line, as, module: module.text };
    }
    case 'invoke':
    case 'get':
      return { kind: head, line, action: parseAction(list) };
    case 'assert_return':
      return { kind: head, line, action: parseAction(items[1]), expected: items.slice(2).map(parseExpected) };
    case 'assert_trap': {
      arity(3);
      const target =
        listHead(items[1]) === 'module' ? parseModule(items[1] as SList, text) : parseAction(items[1]);
      return { kind: head, line, target, message: message() };
    }
    case 'assert_exhaustion':
      arity(3);
      return { kind: head, line, action: parseAction(items[1]), message: message() };
    case 'assert_exception':
      arity(2);
      return { kind: head, line, action: parseAction(items[1]) };
    case 'assert_invalid':
    case 'assert_malformed':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
      arity(3);
      if (listHead(items[1]) !== 'module') fail(`${head} needs a module`);
      return { kind: head, line, module: parseModule(items[1] as SList, text), message: message() };
  }
  fail(`unknown directive "${head ?? ''}"`);
}

const MODULE_FIELDS = new Set(['type', 'import', 'func', 'table', 'memory', 'global', 'export', 'start', 'elem', 'data']);

/**
 * Reads a .wast script: its directives, or, if it is bare module fields, one inline module.
 * An S-expression syntax error throws (WastSyntaxError); a malformed directive is recorded in
 * `errors` and the others are still read.
 */
export function parseWast(text: string): Script {
  const directives: Directive[] = [];
  const errors: DirectiveError[] = [];
  const exprs = parseSExprs(text);
  const first = exprs[0];
  if (first !== undefined && MODULE_FIELDS.has(listHead(first) ?? '')) {
    // An inline module: the whole script is the fields of one module.
    const last = exprs[exprs.length - 1];
    const { line, column } = first;
    const source: ModuleSource = { form: 'text', text: text.slice(first.start, last.end), line, column };
    return { directives: [{ kind: 'module', line, module: { line, source } }], errors };
  }
  for (const e of exprs) {
    try {
      if (e.kind !== 'list') fail('expected a directive in parentheses');
      directives.push(parseDirective(e, text));
    } catch (err) {
      if (!(err instanceof DirectiveSyntaxError || err instanceof LiteralError)) throw err;
      errors.push({ line: e.line, message: err.message });
    }
  }
  return { directives, errors };
}
