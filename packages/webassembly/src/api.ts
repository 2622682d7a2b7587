/**
 * `createWebAssembly`: a `WebAssembly` namespace object with the JavaScript API's interfaces,
 * running on one Engine (one Store). Each interface is made in its own module of `interfaces/`,
 * from the state they share (`interfaces/shared.ts`); this one assembles them with the
 * namespace's functions.
 *
 * https://webassembly.github.io/spec/js-api/
 * https://webassembly.github.io/exception-handling/js-api/ (Tag, Exception, JSTag)
 * https://github.com/WebAssembly/js-promise-integration (JSPI: Suspending, promising)
 */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import { InvalidError, Module as EngineModule, type Profile } from '@proj/interpreter';
import { Engine } from './engine.js';
import { countModule, limitExceeded } from './limits.js';
import { CompileError, LinkError, RuntimeError, SuspendError } from './errors.js';
import { exceptionInterface } from './interfaces/exception.js';
import { globalInterface } from './interfaces/global.js';
import { instanceInterface } from './interfaces/instance.js';
import { jspiMembers } from './interfaces/jspi.js';
import { memoryInterface } from './interfaces/memory.js';
import { limitError, moduleInterface } from './interfaces/module.js';
import { createShared } from './interfaces/shared.js';
import { tableInterface } from './interfaces/table.js';
import { tagInterface } from './interfaces/tag.js';
import type { WebAssemblyNamespace } from './types.js';
import { asInterface, bufferView, defineMember, requireArgs } from './webidl.js';

export type { Exports, WebAssemblyNamespace } from './types.js';

/** Options the platform's API has none of. */
export interface WebAssemblyOptions {
  /** How modules are prepared (see `@proj/interpreter`'s profiles); the engine's default if omitted. */
  profile?: Profile;
  /**
   * Meters execution: each call from JavaScript into wasm (an exported function, a start
   * function) may use this much fuel (see the engine's "Bounded execution"); a call made from an
   * import has a budget of its own. Running out ends the call as a trap, a
   * `WebAssembly.RuntimeError` with the message `out of fuel`, except for an export wrapped by
   * `promising`: that one yields to the event loop and goes on with a fresh budget (it traps
   * only if its next step costs more than a whole budget). An integer from 0 to 2**53 - 1.
   * Default: nothing is metered.
   */
  fuel?: number;
}

type ModuleObject = InstanceType<WebAssemblyNamespace['Module']>;
type InstanceObject = InstanceType<WebAssemblyNamespace['Instance']>;

/**
 * Makes a `WebAssembly` object running on this engine, with its own Store.
 * @throws InvalidError for an unknown profile or a fuel that is not an integer from 0 to
 *   2**53 - 1; its members throw what the JavaScript API specifies
 */
export function createWebAssembly(options: WebAssemblyOptions = {}): WebAssemblyNamespace {
  const { profile, fuel } = options;
  if (profile !== undefined && profile !== 'fast' && profile !== 'compact' && profile !== 'compiled') {
    throw new InvalidError(`createWebAssembly: unknown profile ${String(profile)}`);
  }
  if (fuel !== undefined && !(Number.isSafeInteger(fuel) && fuel >= 0)) {
    throw new InvalidError(`createWebAssembly: fuel must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, not ${String(fuel)}`);
  }
  const shared = createShared(new Engine(profile, fuel));
  const Module = moduleInterface(shared);
  const Memory = memoryInterface(shared);
  const Table = tableInterface(shared);
  const Global = globalInterface(shared);
  const { Tag, tagObject, tagOf, jsTag } = tagInterface(shared);
  const Exception = exceptionInterface(shared, { tagOf });
  const { Suspending, promising } = jspiMembers(shared);
  const { Instance, readImports } = instanceInterface(shared, { Memory, Table, Global, Suspending, tagObject, tagOf });

  for (const cls of [Module, Instance, Memory, Table, Global, Tag, Exception, Suspending]) asInterface(cls, `WebAssembly.${cls.name}`);
  // Web IDL counts required arguments only; Exception's 1 is the proposal's suite's and V8's.
  for (const f of [Instance, Table, Global, Exception, Table.prototype.grow, Table.prototype.set]) {
    Object.defineProperty(f, 'length', { value: 1 });
  }

  const makeModule = (bytes: Uint8Array): ModuleObject => new Module(bytes);
  /**
   * Compiling `view` after the current job: a copy of its bytes is taken now, except for a module
   * past a limit, which is rejected without one (a gigabyte costs seconds to copy).
   */
  const laterModule = (view: Uint8Array): (() => ModuleObject) => {
    const exceeded = limitExceeded(countModule(view));
    if (exceeded !== undefined) {
      const error = limitError(exceeded);
      return () => {
        throw error;
      };
    }
    const own = view.slice();
    return () => makeModule(own);
  };

  const namespace = {
    /** @throws TypeError for bytes that are not a BufferSource */
    validate(bytes: unknown): boolean {
      requireArgs(arguments, 1, 'WebAssembly.validate');
      // Not copied: the engine's Module copies what it keeps, before any other JavaScript runs.
      const view = bufferView(bytes, 'WebAssembly.validate argument');
      if (limitExceeded(countModule(view)) !== undefined) return false;
      try {
        new EngineModule(view, { profile: 'compact' });
      } catch {
        return false;
      }
      return true;
    },

    /** Rejects with TypeError for bytes that are not a BufferSource, CompileError for an invalid module. */
    compile(bytes: unknown): Promise<ModuleObject> {
      return attempt(() => {
        requireArgs(arguments, 1, 'WebAssembly.compile');
        return laterModule(bufferView(bytes, 'WebAssembly.compile argument'));
      });
    },

    /**
     * `instantiate(bytes, imports)` resolves to `{ module, instance }`; `instantiate(module, imports)` to an Instance.
     * Rejects with TypeError, CompileError, LinkError or RuntimeError.
     */
    instantiate(source: unknown, importObject?: object): Promise<unknown> {
      return attempt<unknown>(() => {
        requireArgs(arguments, 1, 'WebAssembly.instantiate');
        if (shared.moduleOf.has(source as object)) {
          const externs = readImports(shared.moduleOf.get(source as object)!, importObject);
          return () => Reflect.construct(Instance, [source, externs, shared.fromRef]) as InstanceObject;
        }
        const later = laterModule(bufferView(source, 'WebAssembly.instantiate argument'));
        return () => {
          const module = later();
          return { module, instance: new Instance(module, importObject) };
        };
      });
    },

    promising,
  };

  const WebAssembly = {} as Record<string | symbol, unknown>;
  Object.defineProperty(namespace.instantiate, 'length', { value: 1 });
  for (const [name, fn] of Object.entries(namespace)) defineMember(WebAssembly, name, fn, true);
  // `in` does not run Node's lazy getter, which loads undici, which needs a WebAssembly.
  if ('Response' in globalThis) {
    const streaming = {
      /** Rejects with TypeError for a source that is not a Response of `application/wasm`; as compile otherwise. */
      compileStreaming(source: unknown): Promise<ModuleObject> {
        return responseBytes(source).then((bytes) => makeModule(bytes));
      },
      /** As instantiate(bytes, imports), from a Response. */
      instantiateStreaming(source: unknown, importObject?: object): Promise<{ module: ModuleObject; instance: InstanceObject }> {
        return responseBytes(source).then((bytes) => {
          const module = makeModule(bytes);
          return { module, instance: new Instance(module, importObject) };
        });
      },
    };
    Object.defineProperty(streaming.instantiateStreaming, 'length', { value: 1 });
    for (const [name, fn] of Object.entries(streaming)) defineMember(WebAssembly, name, fn, true);
  }
  const interfaces = { Module, Instance, Memory, Table, Global, Tag, Exception, CompileError, LinkError, RuntimeError, Suspending, SuspendError };
  for (const [name, cls] of Object.entries(interfaces)) defineMember(WebAssembly, name, cls, false);
  // A namespace's attribute: an enumerable accessor without a setter.
  const attributes = {
    /** The tag of the exceptions that carry what JavaScript throws into wasm: one externref parameter. */
    get JSTag(): object {
      return jsTag();
    },
  };
  Object.defineProperty(WebAssembly, 'JSTag', { ...Object.getOwnPropertyDescriptor(attributes, 'JSTag'), enumerable: true, configurable: true });
  Object.defineProperty(WebAssembly, Symbol.toStringTag, { value: 'WebAssembly', writable: false, enumerable: false, configurable: true });
  return WebAssembly as unknown as WebAssemblyNamespace;
}

/** Runs `prepare` now (its errors reject) and the work it returns after the current job. */
function attempt<T>(prepare: () => () => T): Promise<T> {
  let work: () => T;
  try {
    work = prepare();
  } catch (e) {
    return Promise.reject(e);
  }
  return Promise.resolve().then(work);
}

/** The bytes of a Response (or a promise of one) holding a module. */
async function responseBytes(source: unknown): Promise<Uint8Array> {
  const ResponseCls = (globalThis as unknown as { Response: abstract new () => object }).Response;
  const response = (await source) as { ok: boolean; headers: { get(n: string): string | null }; arrayBuffer(): Promise<ArrayBuffer>; bodyUsed: boolean };
  if (!(response instanceof ResponseCls)) throw new TypeError('the source must be a Response');
  const type = response.headers.get('Content-Type');
  if (type === null || type.split(';')[0].trim().toLowerCase() !== 'application/wasm') {
    throw new TypeError(`the Response must have the Content-Type application/wasm, not ${String(type)}`);
  }
  if (!response.ok) throw new TypeError('the Response is not ok');
  if (response.bodyUsed) throw new TypeError('the Response body was already used');
  return new Uint8Array(await response.arrayBuffer());
}
