/**
 * WASI preview1 for code written against the standard `WebAssembly` JavaScript API, the way
 * `node:wasi` offers it: an import object of JavaScript functions, then `start(instance)` or
 * `initialize(instance)`. The same per-function implementations as `Wasi` answer the calls; only
 * the call interface differs (JavaScript arguments, the instance's exported `memory`).
 */
import { NotFoundError, Trap, UnsupportedError } from '@proj/interpreter';
import { Exit, type WasiOptions, WasiState } from './host.js';
import { type Linked, WASI_MODULES, WasiExit, answerWasi, wasiFunctions } from './wasi.js';

/**
 * The part of a `WebAssembly` object that lets a WASI function complete asynchronously (JSPI):
 * `@proj/webassembly`'s has it on every platform; Node 20's own has not.
 */
export interface JspiWebAssembly {
  Suspending: new (fn: (...args: never[]) => unknown) => object;
  promising(fn: (...args: never[]) => unknown): (...args: unknown[]) => Promise<unknown>;
}

/** What `start` and `initialize` need of an instance: its exports, `memory` among them. */
export interface InstanceLike {
  readonly exports: Readonly<Record<string, unknown>>;
}

/** The import object's two namespaces, each function by name. */
export type WasiImports = Record<(typeof WASI_MODULES)[number], Record<string, unknown>>;

type JsFunction = (...args: unknown[]) => unknown;

/**
 * Carries an error of ours out of an import through the wasm frames: a `WebAssembly` object
 * passes a non-engine exception through unchanged, where it would turn a `Trap` into its
 * `RuntimeError`. `invoke` (and so `start` and `initialize`) unwraps it.
 */
class Unwind extends Error {
  constructor(readonly error: WasiExit | UnsupportedError) {
    super(error.message, { cause: error });
  }
}

/**
 * One WASI program's world for the `WebAssembly` JavaScript API. Without `webAssembly`, the
 * imports are plain functions (any `WebAssembly`, the platform's included) and a WASI function
 * that would complete later (an asynchronous stdin, a sleep) makes the run reject with
 * `UnsupportedError`. With a `webAssembly` that has JSPI,
 * every import is a `Suspending` and `start` runs `_start` through `promising`, so the program
 * stays suspended while a promise settles.
 */
export class WasiJsApi {
  private readonly state: WasiState;
  private memory: { readonly buffer: ArrayBuffer } | undefined;

  /** @throws InvalidError for a stream of an unknown kind */
  constructor(
    options: WasiOptions = {},
    private readonly webAssembly?: JspiWebAssembly,
  ) {
    this.state = new WasiState(options);
  }

  /** The import object to instantiate the program with: both WASI namespaces. */
  getImportObject(): WasiImports {
    const imports: WasiImports = { wasi_snapshot_preview1: {}, wasi_unstable: {} };
    for (const f of wasiFunctions(this.state)) {
      const fn = this.webAssembly ? this.asyncImport(f) : this.syncImport(f);
      imports[f.module as keyof WasiImports][f.name] = this.webAssembly ? new this.webAssembly.Suspending(fn) : fn;
    }
    return imports;
  }

  /**
   * Runs a command's `_start` on `instance` (instantiated with `getImportObject()`); resolves to
   * its exit code (proc_exit's, or 0 when `_start` returns).
   * @throws NotFoundError without `_start` or an exported memory; what `_start` throws otherwise
   *   (a trap is the `WebAssembly` object's `RuntimeError`)
   */
  async start(instance: InstanceLike): Promise<number> {
    try {
      await this.run(instance, '_start', true);
      return 0;
    } catch (e) {
      if (e instanceof WasiExit) return e.code;
      throw e;
    }
  }

  /**
   * Initializes a reactor: runs `_initialize` if `instance` exports one. Call its other exports
   * through `invoke` (or `webAssembly.promising`, where proc_exit surfaces as an `Error` whose
   * `cause` is the `WasiExit`).
   * @throws NotFoundError without an exported memory; WasiExit if it calls proc_exit; what
   *   `_initialize` throws otherwise
   */
  async initialize(instance: InstanceLike): Promise<void> {
    await this.run(instance, '_initialize', false);
  }

  /**
   * Calls export `name` of `instance` with `args` (through `promising` with JSPI); resolves to
   * what it returns. Call `start` or `initialize` first: they name the memory.
   * @throws NotFoundError for a missing export; WasiExit if it calls proc_exit; what the export
   *   throws otherwise
   */
  async invoke(instance: InstanceLike, name: string, ...args: unknown[]): Promise<unknown> {
    const entry = instance.exports[name];
    if (typeof entry !== 'function') throw new NotFoundError(`the instance exports no function ${name}`);
    const fn = entry as JsFunction;
    try {
      return await (this.webAssembly ? this.webAssembly.promising(fn)(...args) : fn(...args));
    } catch (e) {
      throw e instanceof Unwind ? e.error : e;
    }
  }

  private async run(instance: InstanceLike, name: string, required: boolean): Promise<void> {
    const { memory } = instance.exports;
    if (typeof memory !== 'object' || memory === null || !((memory as { buffer?: unknown }).buffer instanceof ArrayBuffer)) {
      throw new NotFoundError('the instance exports no memory');
    }
    this.memory = memory as { buffer: ArrayBuffer };
    if (required || typeof instance.exports[name] === 'function') await this.invoke(instance, name);
  }

  private call(f: Linked, args: unknown[]): number | Promise<number> | undefined {
    const memory = this.memory;
    const view = (): Uint8Array => {
      if (memory === undefined) throw new Trap('no memory yet: start or initialize names it');
      return new Uint8Array(memory.buffer);
    };
    const outcome = answerWasi(f, args as (number | bigint)[], view, (reason) => {
      throw new Trap(reason);
    });
    if (outcome instanceof Exit) throw new Unwind(new WasiExit(outcome.code));
    return f.returnsErrno ? outcome : undefined;
  }

  private syncImport(f: Linked): JsFunction {
    return (...args) => {
      const result = this.call(f, args);
      if (result instanceof Promise) {
        result.catch(() => undefined);
        throw new Unwind(new UnsupportedError(`WASI ${f.name} completes asynchronously: pass a WebAssembly with JSPI (Suspending, promising) to WasiJsApi`));
      }
      return result;
    };
  }

  private asyncImport(f: Linked): JsFunction {
    return (...args) => this.call(f, args);
  }
}
