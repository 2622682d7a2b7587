/**
 * `WebAssembly.Instance`, with reading the imports and building the exports object:
 * https://webassembly.github.io/spec/js-api/#instances (tags:
 * https://webassembly.github.io/exception-handling/js-api/#read-the-imports)
 */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import { type Extern, GlobalRef, type InstId, type Module as EngineModule, MemoryRef, TableRef, TagRef, type ValType } from '@proj/interpreter';
import { LinkError } from '../errors.js';
import { MAX_TABLE_INITIAL } from '../limits.js';
import type { WebAssemblyNamespace } from '../types.js';
import { requireArgs } from '../webidl.js';
import { engineModule } from './module.js';
import type { Shared } from './shared.js';
import type { TagMembers } from './tag.js';

/** The interfaces whose objects an import may be, and an export becomes, and the links of tags to their objects. */
export type ExternInterfaces = Pick<WebAssemblyNamespace, 'Memory' | 'Table' | 'Global' | 'Suspending'> & Pick<TagMembers, 'tagObject' | 'tagOf'>;

/** The Instance interface of one `WebAssembly` object, and its reading of an import object. */
export interface InstanceMembers {
  Instance: WebAssemblyNamespace['Instance'];
  /** "Read the imports": one extern per import of `module`, from `importObject`. */
  readImports(module: EngineModule, importObject: unknown): Extern[];
}

/** Makes the Instance interface of one `WebAssembly` object. */
export function instanceInterface(shared: Shared, { Memory, Table, Global, Suspending, tagObject, tagOf }: ExternInterfaces): InstanceMembers {
  const { engine, store, fromRef, tablesOf } = shared;

  function readImports(module: EngineModule, importObject: unknown): Extern[] {
    const imports = module.imports;
    if (imports.length > 0 && importObject === undefined) throw new TypeError('the module has imports, but no import object was given');
    if (importObject !== undefined && (importObject === null || (typeof importObject !== 'object' && typeof importObject !== 'function'))) {
      throw new TypeError('the import object must be an object');
    }
    const externs: Extern[] = [];
    let funcs = 0;
    for (const imp of imports) {
      const ns = (importObject as Record<string, unknown>)[imp.module];
      if (ns === null || (typeof ns !== 'object' && typeof ns !== 'function')) {
        throw new TypeError(`import module ${imp.module} must be an object`);
      }
      const v = (ns as Record<string, unknown>)[imp.name];
      const where = `import ${imp.module}.${imp.name}`;
      switch (imp.kind) {
        case 'func': {
          const type = imp.type as { params: ValType[]; results: ValType[] };
          const ref = engine.funcRefOf(v);
          if (ref !== undefined) externs.push(ref);
          else if (v instanceof Suspending) externs.push(engine.hostFunc(shared.suspendingFn.get(v)!, type, true, String(funcs)));
          else if (typeof v === 'function') {
            externs.push(engine.hostFunc(v as (...args: unknown[]) => unknown, type, false, String(funcs)));
          } else throw new LinkError(`${where} must be a function`);
          funcs++;
          break;
        }
        case 'global': {
          const { type, mutable } = imp.type as { type: ValType; mutable: boolean };
          if (v instanceof Global) {
            externs.push(shared.globalRefs.get(v)!);
            break;
          }
          if (type === 'i64' && typeof v !== 'bigint') throw new LinkError(`${where} must be a BigInt or a WebAssembly.Global`);
          if ((type === 'i32' || type === 'f32' || type === 'f64') && typeof v !== 'number') {
            throw new LinkError(`${where} must be a Number or a WebAssembly.Global`);
          }
          if (type === 'v128') throw new LinkError(`${where}: a v128 global must be a WebAssembly.Global`);
          if (mutable) throw new LinkError(`${where}: a mutable global must be a WebAssembly.Global`);
          let value;
          try {
            value = engine.toWasm(v, type);
          } catch (e) {
            throw e instanceof TypeError ? new LinkError(`${where}: ${e.message}`) : e;
          }
          externs.push(store.createGlobal(type, false, value));
          break;
        }
        case 'memory':
          if (!(v instanceof Memory)) throw new LinkError(`${where} must be a WebAssembly.Memory`);
          externs.push(shared.memoryRefs.get(v)!);
          break;
        case 'table':
          if (!(v instanceof Table)) throw new LinkError(`${where} must be a WebAssembly.Table`);
          externs.push(shared.tableRefs.get(v)!);
          break;
        case 'tag': {
          // Its type is checked when the module is instantiated (a LinkError too).
          const tag = tagOf(v);
          if (tag === undefined) throw new LinkError(`${where} must be a WebAssembly.Tag`);
          externs.push(tag);
          break;
        }
      }
    }
    return externs;
  }

  /** The JavaScript object for an exported memory, table, global or tag: the same one each time. */
  function externObject(ref: MemoryRef | TableRef | GlobalRef | TagRef): object {
    if (ref instanceof MemoryRef) return shared.memoryObjects.get(ref) ?? Reflect.construct(Memory, [ref, fromRef]);
    if (ref instanceof TableRef) return shared.tableObjects.get(ref) ?? Reflect.construct(Table, [ref, fromRef]);
    if (ref instanceof TagRef) return tagObject(ref);
    return shared.globalObjects.get(ref) ?? Reflect.construct(Global, [ref, fromRef]);
  }

  /** Instantiates, runs the start function (answering its host calls), and builds the exports object. */
  function instantiateCore(module: EngineModule, externs: Extern[]): object {
    for (const initial of tablesOf.get(module) ?? []) {
      if (initial > MAX_TABLE_INITIAL) throw new RangeError(`a table of ${initial} elements is past the limit of ${MAX_TABLE_INITIAL}`);
    }
    let id: InstId;
    try {
      id = engine.instantiate(() => store.instantiateWith(module, externs));
    } catch (e) {
      // A start function's uncaught exception reaches JavaScript as an export's does.
      throw engine.jsError(e);
    } finally {
      engine.returnToJs();
    }
    const exports = Object.create(null) as Record<string, unknown>;
    for (const e of module.exports) {
      const ext = store.exportOf(id, e.name);
      exports[e.name] =
        ext instanceof MemoryRef || ext instanceof TableRef || ext instanceof GlobalRef || ext instanceof TagRef
          ? externObject(ext)
          : engine.exportedFunction(ext);
    }
    return Object.freeze(exports);
  }

  class Instance {
    readonly #exports: object;

    /** @throws TypeError for a bad module or import object; LinkError; RuntimeError if the start function traps */
    constructor(module: object, importObject?: object) {
      requireArgs(arguments, 1, 'WebAssembly.Instance');
      const em = engineModule(shared, module);
      // instantiate(module, imports) reads the imports before it instantiates, a job later.
      const externs = arguments[2] === fromRef ? (importObject as Extern[]) : readImports(em, importObject);
      this.#exports = instantiateCore(em, externs);
    }

    /** The exports object: frozen, without prototype, the same each time. */
    get exports(): object {
      return this.#exports;
    }
  }
  return { Instance: Instance as WebAssemblyNamespace['Instance'], readImports };
}
