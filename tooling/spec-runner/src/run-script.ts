/** Runs one .wast script's directives against the validator and counts the outcomes. */

import { placeAt, type Assembler } from './assemble.js';
import { WastSyntaxError } from './sexpr.js';
import { parseWast, type Directive, type ModuleAssertion, type ModuleDef } from './wast.js';

export type Outcome = 'passed' | 'failed' | 'skipped' | 'pending' | 'n/a';

export const PENDING_EXECUTION = 'execution comes with the interpreter';
export const NA_TEXT_MALFORMED = "text-form malformed module: a text parser's matter";

/** A failed or skipped directive. */
export interface Issue {
  line: number;
  kind: string;
  message: string;
}

/** An expected rejection whose reason is worded differently from the script's message. */
export interface WordingDiff {
  line: number;
  kind: string;
  expected: string;
  got: string;
}

export interface FileResult {
  file: string;
  counts: Record<Outcome, number>;
  /** Directives by kind. */
  kinds: Record<string, number>;
  failures: Issue[];
  skips: Issue[];
  /** Counts of pending and n/a directives by reason. */
  pending: Record<string, number>;
  notApplicable: Record<string, number>;
  wordingDiffs: WordingDiff[];
}

export interface RunnerDeps {
  /** The validator under test: throws an error with `kind` ('invalid' for a rejected module). */
  validate(bytes: Uint8Array): void;
  assembler: Assembler;
}

export function emptyResult(file: string): FileResult {
  return {
    file,
    counts: { passed: 0, failed: 0, skipped: 0, pending: 0, 'n/a': 0 },
    kinds: {},
    failures: [],
    skips: [],
    pending: {},
    notApplicable: {},
    wordingDiffs: [],
  };
}

interface KindError {
  kind: string;
  reason?: unknown;
  message?: unknown;
}

/** Is `e` a WasmError-like object (has a string `kind`)? Anything else thrown is a crash. */
function isKindError(e: unknown): e is KindError {
  return typeof e === 'object' && e !== null && typeof (e as KindError).kind === 'string';
}

function reasonOf(e: KindError): string {
  if (typeof e.reason === 'string') return e.reason;
  return typeof e.message === 'string' ? e.message : '';
}

/** Describes a crash: the error's name, message and innermost stack frame. */
export function describeCrash(e: unknown): string {
  if (!(e instanceof Error)) return `threw a non-error: ${String(e)}`;
  const frame = e.stack?.split('\n').find((l) => l.trimStart().startsWith('at '));
  return `crashed: ${e.name}: ${e.message}${frame === undefined ? '' : ` (${frame.trim()})`}`;
}

/** Neither text is a prefix of the other. */
export function wordingDiffers(expected: string, got: string): boolean {
  return !got.startsWith(expected) && !expected.startsWith(got);
}


/** Dispatches each directive to the method for its kind and records one outcome for it. */
export class ScriptRunner {
  readonly result: FileResult;

  constructor(
    readonly file: string,
    private readonly deps: RunnerDeps,
  ) {
    this.result = emptyResult(file);
  }

  run(d: Directive): void {
    this.result.kinds[d.kind] = (this.result.kinds[d.kind] ?? 0) + 1;
    switch (d.kind) {
      case 'module':
        return this.module(d);
      case 'assert_invalid':
        return this.assertInvalid(d);
      case 'assert_malformed':
        return this.assertMalformed(d);
      case 'register':
      case 'invoke':
      case 'get':
      case 'assert_return':
      case 'assert_trap':
      case 'assert_exhaustion':
      case 'assert_unlinkable':
      case 'assert_uninstantiable':
        return this.execute(d);
    }
  }

  /** A directive the script parser could not read. */
  unreadable(line: number, message: string): void {
    this.fail({ line, kind: 'parse' }, message);
  }

  private module(d: Directive & { kind: 'module' }): void {
    const bytes = this.bytesOf(d.module, d);
    if (bytes === undefined) return;
    const err = this.validationError(bytes);
    if (err === undefined) this.pass();
    else if (isKindError(err)) this.fail(d, `rejected a valid module: [${err.kind}] ${reasonOf(err)}`);
    else this.fail(d, describeCrash(err));
  }

  private assertInvalid(d: ModuleAssertion): void {
    this.expectRejection(d);
  }

  private assertMalformed(d: ModuleAssertion): void {
    if (d.module.source.form === 'quote') this.notApplicable(NA_TEXT_MALFORMED);
    else this.expectRejection(d);
  }

  /** Execution directives wait for the interpreter; an ExecutionEngine (engine.ts) will plug in here. */
  private execute(_d: Directive): void {
    this.count('pending');
    this.result.pending[PENDING_EXECUTION] = (this.result.pending[PENDING_EXECUTION] ?? 0) + 1;
  }

  /** Passes if the validator rejects the module with kind 'invalid'; notes differing wording. */
  private expectRejection(d: ModuleAssertion): void {
    const bytes = this.bytesOf(d.module, d);
    if (bytes === undefined) return;
    const err = this.validationError(bytes);
    if (err === undefined) return this.fail(d, `accepted; expected rejection "${d.message}"`);
    if (!isKindError(err)) return this.fail(d, describeCrash(err));
    const reason = reasonOf(err);
    if (err.kind !== 'invalid')
      return this.fail(d, `rejected with kind '${err.kind}', not 'invalid': ${reason}`);
    this.pass();
    if (wordingDiffers(d.message, reason))
      this.result.wordingDiffs.push({ line: d.line, kind: d.kind, expected: d.message, got: reason });
  }

  /** The module's binary, or undefined (and the directive skipped) if wabt cannot assemble it. */
  private bytesOf(def: ModuleDef, d: Directive): Uint8Array | undefined {
    const src = def.source;
    if (src.form === 'binary') return src.bytes;
    const assembled =
      src.form === 'text'
        ? this.deps.assembler.assemble(placeAt(src.text, src.line, src.column), this.file)
        : this.deps.assembler.assemble(src.bytes, `${this.file}:${def.line}(quote)`);
    if (assembled.ok) return assembled.bytes;
    this.count('skipped');
    this.result.skips.push({ line: d.line, kind: d.kind, message: `wabt cannot assemble: ${assembled.error}` });
    return undefined;
  }

  private validationError(bytes: Uint8Array): unknown {
    try {
      this.deps.validate(bytes);
      return undefined;
    } catch (e) {
      return e ?? new Error('threw undefined');
    }
  }

  private count(o: Outcome): void {
    this.result.counts[o]++;
  }

  private pass(): void {
    this.count('passed');
  }

  private fail(d: { line: number; kind: string }, message: string): void {
    this.count('failed');
    this.result.failures.push({ line: d.line, kind: d.kind, message });
  }

  private notApplicable(reason: string): void {
    this.count('n/a');
    this.result.notApplicable[reason] = (this.result.notApplicable[reason] ?? 0) + 1;
  }
}

/** Parses and runs one script. An unreadable script is one failure; an unreadable directive is one failure each. */
export function runScript(file: string, text: string, deps: RunnerDeps): FileResult {
  const runner = new ScriptRunner(file, deps);
  let script;
  try {
    script = parseWast(text);
  } catch (e) {
    if (!(e instanceof WastSyntaxError)) throw e;
    runner.unreadable(e.line, `cannot read the script: ${e.message}`);
    return runner.result;
  }
  for (const err of script.errors) runner.unreadable(err.line, err.message);
  for (const d of script.directives) runner.run(d);
  runner.result.failures.sort((a, b) => a.line - b.line);
  return runner.result;
}
