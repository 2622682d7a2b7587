/** `WebAssembly.Module`: https://webassembly.github.io/spec/js-api/#modules */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import { Module as EngineModule } from '@proj/interpreter';
import { CompileError, toJsError } from '../errors.js';
import { countModule, limitExceeded } from '../limits.js';
import type { WebAssemblyNamespace } from '../types.js';
import { bufferView, requireArgs, toStringArg } from '../webidl.js';
import type { Shared } from './shared.js';

/** ImportExportKind: the API's name of each kind of import and export. */
const kindNames = { func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag' } as const;

/** The engine's module behind `m`. @throws TypeError unless `m` is a WebAssembly.Module */
export function engineModule({ moduleOf }: Shared, m: unknown): EngineModule {
  const em = typeof m === 'object' && m !== null ? moduleOf.get(m) : undefined;
  if (em === undefined) throw new TypeError('the argument must be a WebAssembly.Module');
  return em;
}

/** The CompileError of a module past the embedding's limit `exceeded` (limitExceeded's message). */
export function limitError(exceeded: string): CompileError {
  return new CompileError(`past the JavaScript embedding's limits: ${exceeded}`);
}

/** Makes the Module interface of one `WebAssembly` object. */
export function moduleInterface(shared: Shared): WebAssemblyNamespace['Module'] {
  const { engine, moduleOf, tablesOf } = shared;

  function compileBytes(bytes: Uint8Array): EngineModule {
    // Counted first: a module past a limit is not decoded at all.
    const counted = countModule(bytes);
    const exceeded = limitExceeded(counted);
    if (exceeded !== undefined) throw limitError(exceeded);
    let module: EngineModule;
    try {
      module = new EngineModule(bytes, { profile: engine.profile });
    } catch (e) {
      throw toJsError(e, true);
    }
    // A module that decodes was counted whole.
    tablesOf.set(module, counted!.tableInitials);
    return module;
  }

  class Module {
    readonly #module: EngineModule;

    /** @throws TypeError for bytes that are not a BufferSource; CompileError for an invalid module */
    constructor(bytes: unknown) {
      requireArgs(arguments, 1, 'WebAssembly.Module');
      this.#module = compileBytes(bufferView(bytes, 'WebAssembly.Module argument'));
      moduleOf.set(this, this.#module);
    }

    /** The module's exports: name and kind, in order. */
    static exports(module: Module): { name: string; kind: string }[] {
      requireArgs(arguments, 1, 'WebAssembly.Module.exports');
      return engineModule(shared, module).exports.map((e) => ({ name: e.name, kind: kindNames[e.kind] }));
    }

    /** The module's imports: module, name and kind, in order. */
    static imports(module: Module): { module: string; name: string; kind: string }[] {
      requireArgs(arguments, 1, 'WebAssembly.Module.imports');
      return engineModule(shared, module).imports.map((i) => ({ module: i.module, name: i.name, kind: kindNames[i.kind] }));
    }

    /** The contents of the module's custom sections named `name`, as new ArrayBuffers. */
    static customSections(module: Module, name: string): ArrayBuffer[] {
      requireArgs(arguments, 2, 'WebAssembly.Module.customSections');
      const m = engineModule(shared, module);
      return m.customSections(toStringArg(name)).map((b) => b.slice().buffer as ArrayBuffer);
    }
  }
  return Module;
}
