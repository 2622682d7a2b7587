/** Runs one .wast script's directives against the validator and an execution engine, and counts the outcomes. */

import { placeAt, type Assembler } from './assemble.js';
import { compareResults, formatExpected, formatValues, type Actual } from './compare.js';
import type { ExecutionEngine, InstanceHandle, ModuleHandle } from './engine.js';
import { WastSyntaxError } from './sexpr.js';
import { parseWast, type Action, type Directive, type ModuleAssertion, type ModuleDef } from './wast.js';

export type Outcome = 'passed' | 'failed' | 'skipped' | 'pending' | 'n/a';

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
  /**
   * The engine's own preparation of a module (`new Module` in the profile under test): it must
   * reject every module the suite says is invalid or malformed, with kind 'invalid', too.
   */
  prepare(bytes: Uint8Array): void;
  assembler: Assembler;
  /** Makes the execution engine for one script; called once, at the script's first module. */
  createEngine(): ExecutionEngine;
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

/** Stack frames shown for a crash. */
const CRASH_FRAMES = 3;

/** Describes a crash: the error's name, message and innermost stack frames. */
export function describeCrash(e: unknown): string {
  if (!(e instanceof Error)) return `threw a non-error: ${String(e)}`;
  const frames = (e.stack ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at '))
    .slice(0, CRASH_FRAMES);
  return `crashed: ${e.name}: ${e.message}${frames.length === 0 ? '' : ` (${frames.join('; ')})`}`;
}

/** An error as failure messages show it: `[kind] reason` for a WasmError, else the crash. */
function describeError(e: unknown): string {
  return isKindError(e) ? `[${e.kind}] ${reasonOf(e)}` : describeCrash(e);
}

/** Neither text is a prefix of the other. */
export function wordingDiffers(expected: string, got: string): boolean {
  return !got.startsWith(expected) && !expected.startsWith(got);
}

/**
 * A module definition of the script: its instance, or why it has none (`skipped`: wabt could not
 * assemble it, so the directives that need it are skipped too).
 */
type Slot = { inst: InstanceHandle } | { line: number; unavailable: string; skipped?: true };

/** What an action did: returned values or threw. */
type ActionOutcome = { values: Actual[] } | { error: unknown };

/** Dispatches each directive to the method for its kind and records one outcome for it. */
export class ScriptRunner {
  readonly result: FileResult;
  private engine: ExecutionEngine | undefined;
  /** Why the engine could not be made (then every directive that needs it fails). */
  private engineError: string | undefined;
  /** The most recent module definition, and those with a $name. */
  private current: Slot | undefined;
  private readonly named = new Map<string, Slot>();

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
        return this.register(d);
      case 'invoke':
      case 'get':
        return this.action(d);
      case 'assert_return':
        return this.assertReturn(d);
      case 'assert_trap':
        return this.assertTrap(d);
      case 'assert_exhaustion':
        return this.assertExhaustion(d);
      case 'assert_exception':
        return this.assertException(d);
      case 'assert_unlinkable':
        return this.assertUnlinkable(d);
      case 'assert_uninstantiable':
        return this.assertUninstantiable(d);
    }
  }

  /** A directive the script parser could not read. */
  unreadable(line: number, message: string): void {
    this.fail({ line, kind: 'parse' }, message);
  }

  /** Compiles and instantiates the module; it becomes the current one (and is named), even if it fails. */
  private module(d: Directive & { kind: 'module' }): void {
    const bind = (slot: Slot) => {
      this.current = slot;
      if (d.module.name !== undefined) this.named.set(d.module.name, slot);
    };
    const unavailable = (why: string) => bind({ line: d.line, unavailable: why });
    const bytes = this.bytesOf(d.module, d);
    if (bytes === undefined) return bind({ line: d.line, unavailable: 'its module was skipped', skipped: true });
    const compiled = this.compile(d, bytes, 'rejected a valid module');
    if (compiled === undefined) return unavailable('it was rejected');
    const { engine, module } = compiled;
    try {
      bind({ inst: engine.instantiate(module) });
      this.pass();
    } catch (e) {
      unavailable('it failed to instantiate');
      this.fail(d, `instantiation failed: ${describeError(e)}`);
    }
  }

  private assertInvalid(d: ModuleAssertion): void {
    this.expectRejection(d);
  }

  private assertMalformed(d: ModuleAssertion): void {
    if (d.module.source.form === 'quote') this.notApplicable(NA_TEXT_MALFORMED);
    else this.expectRejection(d);
  }

  private register(d: Directive & { kind: 'register' }): void {
    const inst = this.instance(d, d.module);
    if (inst === undefined) return;
    try {
      this.engine!.register(inst, d.as);
      this.pass();
    } catch (e) {
      this.fail(d, `register failed: ${describeError(e)}`);
    }
  }

  /** A bare invoke or get: passes if it returns. */
  private action(d: Directive & { kind: 'invoke' | 'get' }): void {
    const out = this.perform(d, d.action);
    if (out === undefined) return;
    if ('error' in out) this.fail(d, `threw ${describeError(out.error)}`);
    else this.pass();
  }

  private assertReturn(d: Directive & { kind: 'assert_return' }): void {
    const out = this.perform(d, d.action);
    if (out === undefined) return;
    if ('error' in out) {
      const want = `[${d.expected.map(formatExpected).join(', ')}]`;
      return this.fail(d, `threw ${describeError(out.error)}; expected ${want}`);
    }
    const diff = compareResults(d.expected, out.values);
    if (diff === undefined) this.pass();
    else this.fail(d, diff);
  }

  private assertTrap(d: Directive & { kind: 'assert_trap' }): void {
    const target = d.target;
    if ('type' in target) {
      const out = this.perform(d, target);
      if (out !== undefined) this.expectTrap(d, out, d.message);
    } else {
      this.expectInstantiationTrap(d, target, d.message);
    }
  }

  private assertExhaustion(d: Directive & { kind: 'assert_exhaustion' }): void {
    const out = this.perform(d, d.action);
    if (out !== undefined) this.expectTrap(d, out, d.message);
  }

  /** The action must end with an uncaught wasm exception: not a return, a trap or another error. */
  private assertException(d: Directive & { kind: 'assert_exception' }): void {
    const out = this.perform(d, d.action);
    if (out === undefined) return;
    const want = 'expected an uncaught exception';
    if (!('error' in out)) return this.fail(d, `returned ${formatValues(out.values)}; ${want}`);
    const e = out.error;
    if (this.engine!.isUncaughtException(e)) return this.pass();
    if (!isKindError(e)) return this.fail(d, describeCrash(e));
    this.fail(d, `threw ${describeError(e)}; ${want}`);
  }

  private assertUninstantiable(d: ModuleAssertion): void {
    this.expectInstantiationTrap(d, d.module, d.message);
  }

  /** Instantiation must fail with a WasmError that is not a trap; differing wording is noted. */
  private assertUnlinkable(d: ModuleAssertion): void {
    const out = this.instantiateOnly(d, d.module);
    if (out === undefined) return;
    if (!('error' in out)) return this.fail(d, `instantiated; expected link failure "${d.message}"`);
    const e = out.error;
    if (!isKindError(e)) return this.fail(d, describeCrash(e));
    if (e.kind === 'trap') return this.fail(d, `trapped "${reasonOf(e)}"; expected link failure "${d.message}"`);
    this.pass();
    const reason = reasonOf(e);
    if (wordingDiffers(d.message, reason))
      this.result.wordingDiffs.push({ line: d.line, kind: d.kind, expected: d.message, got: reason });
  }

  private expectInstantiationTrap(d: { line: number; kind: string }, def: ModuleDef, message: string): void {
    const out = this.instantiateOnly(d, def);
    if (out === undefined) return;
    if ('error' in out) this.expectTrap(d, out, message);
    else this.fail(d, `instantiated; expected trap "${message}"`);
  }

  /**
   * The outcome must be a trap whose text begins with `message`. A trap's message is its reason
   * followed by any detail (`uninitialized element 2`), as the reference interpreter words it.
   */
  private expectTrap(d: { line: number; kind: string }, out: ActionOutcome, message: string): void {
    if (!('error' in out)) return this.fail(d, `returned ${formatValues(out.values)}; expected trap "${message}"`);
    const e = out.error;
    if (!isKindError(e)) return this.fail(d, describeCrash(e));
    // An uncaught exception ends the invocation as a trap does, but it is not one (assert_exception).
    if (e.kind !== 'trap' || this.engine?.isUncaughtException(e) === true)
      return this.fail(d, `threw ${describeError(e)}; expected trap "${message}"`);
    const reason = typeof e.message === 'string' ? e.message : reasonOf(e);
    if (!reason.startsWith(message)) return this.fail(d, `trapped "${reason}"; expected trap "${message}"`);
    this.pass();
  }

  /**
   * Compiles and instantiates a module that is not a definition of the script (it never becomes
   * current): the instance or the error instantiation threw; undefined (and the directive
   * recorded) if it could not be compiled.
   */
  private instantiateOnly(d: { line: number; kind: string }, def: ModuleDef): ActionOutcome | undefined {
    const bytes = this.bytesOf(def, d);
    if (bytes === undefined) return undefined;
    const compiled = this.compile(d, bytes, 'rejected the module');
    if (compiled === undefined) return undefined;
    try {
      compiled.engine.instantiate(compiled.module);
      return { values: [] };
    } catch (e) {
      return { error: e ?? new Error('threw undefined') };
    }
  }

  /** The engine, made at first use; undefined (and `d` failed) if it cannot be made. */
  private engineFor(d: { line: number; kind: string }): ExecutionEngine | undefined {
    if (this.engine === undefined && this.engineError === undefined) {
      try {
        this.engine = this.deps.createEngine();
      } catch (e) {
        this.engineError = describeError(e);
      }
    }
    if (this.engine === undefined) this.fail(d, `engine setup failed: ${this.engineError}`);
    return this.engine;
  }

  /** The compiled module; undefined (and `d` failed with `what`) if the engine rejects it. */
  private compile(
    d: { line: number; kind: string },
    bytes: Uint8Array,
    what: string,
  ): { engine: ExecutionEngine; module: ModuleHandle } | undefined {
    const engine = this.engineFor(d);
    if (engine === undefined) return undefined;
    try {
      return { engine, module: engine.compile(bytes) };
    } catch (e) {
      this.fail(d, `${what}: ${describeError(e)}`);
      return undefined;
    }
  }

  /**
   * The instance of module `name` (default: the current one); undefined (and `d` failed, or
   * skipped if the module was) if none.
   */
  private instance(d: { line: number; kind: string }, name: string | undefined): InstanceHandle | undefined {
    const slot = name === undefined ? this.current : this.named.get(name);
    const which = name === undefined ? 'the current module' : `module ${name}`;
    if (slot === undefined) {
      this.fail(d, `no ${name === undefined ? 'module defined yet' : `module named ${name}`}`);
      return undefined;
    }
    if ('unavailable' in slot) {
      const message = `${which} (line ${slot.line}) has no instance: ${slot.unavailable}`;
      if (slot.skipped === true) this.skip(d, message);
      else this.fail(d, message);
      return undefined;
    }
    return slot.inst;
  }

  /** Runs an action; undefined (and `d` failed) if its module has no instance. */
  private perform(d: { line: number; kind: string }, a: Action): ActionOutcome | undefined {
    const inst = this.instance(d, a.module);
    if (inst === undefined) return undefined;
    const engine = this.engine!;
    try {
      return { values: a.type === 'invoke' ? engine.invoke(inst, a.field, a.args) : [engine.get(inst, a.field)] };
    } catch (e) {
      return { error: e ?? new Error('threw undefined') };
    }
  }

  /**
   * Passes if the validator, and then the engine's preparation, reject the module with kind
   * 'invalid'; notes differing wording (the validator's).
   */
  private expectRejection(d: ModuleAssertion): void {
    const bytes = this.bytesOf(d.module, d);
    if (bytes === undefined) return;
    const err = this.errorOf(() => this.deps.validate(bytes));
    if (err === undefined) return this.fail(d, `accepted; expected rejection "${d.message}"`);
    if (!isKindError(err)) return this.fail(d, describeCrash(err));
    const reason = reasonOf(err);
    if (err.kind !== 'invalid')
      return this.fail(d, `rejected with kind '${err.kind}', not 'invalid': ${reason}`);
    const prepErr = this.errorOf(() => this.deps.prepare(bytes));
    if (prepErr === undefined) return this.fail(d, `validate rejects it ("${reason}") but new Module accepts it`);
    if (!isKindError(prepErr)) return this.fail(d, `new Module: ${describeCrash(prepErr)}`);
    if (prepErr.kind !== 'invalid')
      return this.fail(d, `new Module rejected it with kind '${prepErr.kind}', not 'invalid': ${reasonOf(prepErr)}`);
    this.pass();
    if (wordingDiffers(d.message, reason))
      this.result.wordingDiffs.push({ line: d.line, kind: d.kind, expected: d.message, got: reason });
  }

  /** The module's binary, or undefined (and the directive skipped) if wabt cannot assemble it. */
  private bytesOf(def: ModuleDef, d: { line: number; kind: string }): Uint8Array | undefined {
    const src = def.source;
    if (src.form === 'binary') return src.bytes;
    const assembled =
      src.form === 'text'
        ? this.deps.assembler.assemble(placeAt(src.text, src.line, src.column), this.file)
        : this.deps.assembler.assemble(src.bytes, `${this.file}:${def.line}(quote)`);
    if (assembled.ok) return assembled.bytes;
    this.skip(d, `wabt cannot assemble: ${assembled.error}`);
    return undefined;
  }

  /** What `f` throws, or undefined. */
  private errorOf(f: () => void): unknown {
    try {
      f();
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

  private skip(d: { line: number; kind: string }, message: string): void {
    this.count('skipped');
    this.result.skips.push({ line: d.line, kind: d.kind, message });
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
