/**
 * `createWebAssembly`: a `WebAssembly` namespace object with the JavaScript API's interfaces,
 * running on one Engine (one Store).
 *
 * https://webassembly.github.io/spec/js-api/
 * https://github.com/WebAssembly/js-promise-integration (JSPI: Suspending, promising)
 */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import {
  type Extern,
  GlobalRef,
  type InstId,
  InvalidError,
  MemoryRef,
  Module as EngineModule,
  type Profile,
  TableRef,
  type ValType,
} from '@proj/interpreter';
import { Engine } from './engine.js';
import { limitExceeded, MAX_TABLE_INITIAL, ownTableInitials } from './limits.js';
import { CompileError, LinkError, RuntimeError, SuspendError, toJsError } from './errors.js';
import { asInterface, bufferBytes, defineMember, dictionary, enforceRangeU32, requireArgs, toStringArg } from './webidl.js';

/** Options the platform's API has none of. */
export interface WebAssemblyOptions {
  /** How modules are prepared (see `@proj/interpreter`'s profiles); the engine's default if omitted. */
  profile?: Profile;
}

const MAX_PAGES = 65536;
const MAX_TABLE = MAX_TABLE_INITIAL;
const kindNames = { func: 'function', table: 'table', memory: 'memory', global: 'global' } as const;

/** The value types a Global may have, by their JavaScript API names. */
const globalTypes: Record<string, ValType> = {
  i32: 'i32',
  i64: 'i64',
  f32: 'f32',
  f64: 'f64',
  v128: 'v128',
  externref: 'externref',
  anyfunc: 'funcref',
  funcref: 'funcref',
};

const tableTypes: Record<string, 'funcref' | 'externref'> = { anyfunc: 'funcref', funcref: 'funcref', externref: 'externref' };

/** DefaultValue(t): what a missing value of type `t` is. */
function defaultValue(t: ValType): unknown {
  switch (t) {
    case 'i64':
      return 0n;
    case 'funcref':
      return null;
    case 'externref':
      return undefined;
    default:
      return 0;
  }
}

/**
 * Makes a `WebAssembly` object running on this engine, with its own Store.
 * @throws InvalidError for an unknown profile; its members throw what the JavaScript API specifies
 */
export function createWebAssembly(options: WebAssemblyOptions = {}): WebAssemblyNamespace {
  const { profile } = options;
  if (profile !== undefined && profile !== 'fast' && profile !== 'compact' && profile !== 'compiled') {
    throw new InvalidError(`createWebAssembly: unknown profile ${String(profile)}`);
  }
  const engine = new Engine(options.profile);
  const store = engine.store;

  function compileBytes(bytes: Uint8Array): EngineModule {
    let module: EngineModule;
    try {
      module = new EngineModule(bytes, { profile: engine.profile });
    } catch (e) {
      throw toJsError(e, true);
    }
    const exceeded = limitExceeded(bytes);
    if (exceeded !== undefined) throw new CompileError(`past the JavaScript embedding's limits: ${exceeded}`);
    tablesOf.set(module, ownTableInitials(bytes));
    return module;
  }

  /** The initial sizes of each compiled module's own tables, checked at instantiation. */
  const tablesOf = new WeakMap<EngineModule, number[]>();

  const moduleOf = new WeakMap<object, EngineModule>();
  const memoryObjects = new WeakMap<MemoryRef, Memory>();
  const tableObjects = new WeakMap<TableRef, Table>();
  const globalObjects = new WeakMap<GlobalRef, Global>();

  class Module {
    readonly #module: EngineModule;

    /** @throws TypeError for bytes that are not a BufferSource; CompileError for an invalid module */
    constructor(bytes: unknown) {
      requireArgs(arguments, 1, 'WebAssembly.Module');
      this.#module = compileBytes(bufferBytes(bytes, 'WebAssembly.Module argument'));
      moduleOf.set(this, this.#module);
    }

    /** The module's exports: name and kind, in order. */
    static exports(module: Module): { name: string; kind: string }[] {
      requireArgs(arguments, 1, 'WebAssembly.Module.exports');
      return engineModule(module).exports.map((e) => ({ name: e.name, kind: kindNames[e.kind] }));
    }

    /** The module's imports: module, name and kind, in order. */
    static imports(module: Module): { module: string; name: string; kind: string }[] {
      requireArgs(arguments, 1, 'WebAssembly.Module.imports');
      return engineModule(module).imports.map((i) => ({ module: i.module, name: i.name, kind: kindNames[i.kind] }));
    }

    /** The contents of the module's custom sections named `name`, as new ArrayBuffers. */
    static customSections(module: Module, name: string): ArrayBuffer[] {
      requireArgs(arguments, 2, 'WebAssembly.Module.customSections');
      const m = engineModule(module);
      return m.customSections(toStringArg(name)).map((b) => b.slice().buffer as ArrayBuffer);
    }
  }

  function engineModule(m: unknown): EngineModule {
    const em = typeof m === 'object' && m !== null ? moduleOf.get(m) : undefined;
    if (em === undefined) throw new TypeError('the argument must be a WebAssembly.Module');
    return em;
  }

  /** "Read the imports": one extern per import of `module`, from `importObject`. */
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
          else if (v instanceof Suspending) externs.push(engine.hostFunc(suspendingFn.get(v)!, type, true, String(funcs)));
          else if (typeof v === 'function') {
            externs.push(engine.hostFunc(v as (...args: unknown[]) => unknown, type, false, String(funcs)));
          } else throw new LinkError(`${where} must be a function`);
          funcs++;
          break;
        }
        case 'global': {
          const { type, mutable } = imp.type as { type: ValType; mutable: boolean };
          if (v instanceof Global) {
            externs.push(globalRefs.get(v)!);
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
          externs.push(memoryRefs.get(v)!);
          break;
        case 'table':
          if (!(v instanceof Table)) throw new LinkError(`${where} must be a WebAssembly.Table`);
          externs.push(tableRefs.get(v)!);
          break;
      }
    }
    return externs;
  }

  /** Instantiates, runs the start function (answering its host calls), and builds the exports object. */
  function instantiateCore(module: EngineModule, externs: Extern[]): object {
    for (const initial of tablesOf.get(module) ?? []) {
      if (initial > MAX_TABLE_INITIAL) throw new RangeError(`a table of ${initial} elements is past the limit of ${MAX_TABLE_INITIAL}`);
    }
    const before = store.lastCall();
    let id: InstId;
    try {
      id = store.instantiateWith(module, externs);
      const call = store.lastCall();
      if (call !== undefined && call !== before) engine.runSync({ kind: 'host', call });
    } catch (e) {
      throw toJsError(e);
    } finally {
      engine.returnToJs();
    }
    const exports = Object.create(null) as Record<string, unknown>;
    for (const e of module.exports) {
      const ext = store.exportOf(id, e.name);
      exports[e.name] =
        ext instanceof MemoryRef
          ? memoryObject(ext)
          : ext instanceof TableRef
            ? tableObject(ext)
            : ext instanceof GlobalRef
              ? globalObject(ext)
              : engine.exportedFunction(ext);
    }
    return Object.freeze(exports);
  }

  class Instance {
    readonly #exports: object;

    /** @throws TypeError for a bad module or import object; LinkError; RuntimeError if the start function traps */
    constructor(module: Module, importObject?: object) {
      requireArgs(arguments, 1, 'WebAssembly.Instance');
      const em = engineModule(module);
      // instantiate(module, imports) reads the imports before it instantiates, a job later.
      const externs = arguments[2] === fromRef ? (importObject as Extern[]) : readImports(em, importObject);
      this.#exports = instantiateCore(em, externs);
    }

    /** The exports object: frozen, without prototype, the same each time. */
    get exports(): object {
      return this.#exports;
    }
  }

  const memoryRefs = new WeakMap<Memory, MemoryRef>();
  const tableRefs = new WeakMap<Table, TableRef>();
  const globalRefs = new WeakMap<Global, GlobalRef>();

  function memoryObject(ref: MemoryRef): Memory {
    return memoryObjects.get(ref) ?? Reflect.construct(Memory, [ref, fromRef]);
  }
  function tableObject(ref: TableRef): Table {
    return tableObjects.get(ref) ?? Reflect.construct(Table, [ref, fromRef]);
  }
  function globalObject(ref: GlobalRef): Global {
    return globalObjects.get(ref) ?? Reflect.construct(Global, [ref, fromRef]);
  }
  /** Marks a constructor call that wraps an existing ref instead of reading a descriptor. */
  const fromRef = Symbol('fromRef');

  /** Memories whose buffer JavaScript has read: their old buffers detach when control returns to JavaScript. */
  const watched = new Set<WeakRef<Memory>>();
  let refreshBuffer: (m: Memory) => void = () => {};
  engine.returnToJs = () => {
    for (const w of watched) {
      const m = w.deref();
      if (m === undefined) watched.delete(w);
      else refreshBuffer(m);
    }
  };

  class Memory {
    readonly #ref: MemoryRef;
    #buffer: ArrayBuffer | undefined;

    /** @throws TypeError for a bad descriptor; RangeError for limits out of range or memory the platform cannot give */
    constructor(descriptor: { initial: number; maximum?: number }) {
      requireArgs(arguments, 1, 'WebAssembly.Memory');
      if (descriptor instanceof MemoryRef && arguments[1] === fromRef) {
        this.#ref = descriptor;
      } else {
        const { min, max } = readLimits(descriptor, MAX_PAGES, 'WebAssembly.Memory');
        try {
          this.#ref = store.createMemory(max === undefined ? { min } : { min, max });
        } catch (e) {
          throw toJsError(e);
        }
      }
      memoryObjects.set(this.#ref, this);
      memoryRefs.set(this, this.#ref);
    }

    /** The memory's bytes; a new ArrayBuffer after growth (the old one is detached). */
    get buffer(): ArrayBuffer {
      if (this.#buffer === undefined) watched.add(new WeakRef(this));
      return this.#refresh();
    }

    /** Detaches the buffer JavaScript holds if wasm grew the memory since, and returns the current one. */
    #refresh(): ArrayBuffer {
      const current = store.memoryBytes(this.#ref).buffer as ArrayBuffer;
      if (current !== this.#buffer) {
        if (this.#buffer !== undefined && this.#buffer.byteLength > 0) detach(this.#buffer);
        this.#buffer = current;
      }
      return current;
    }

    static {
      refreshBuffer = (m) => m.#refresh();
    }

    /** Grows by `delta` pages: the old size. @throws RangeError if it cannot grow */
    grow(delta: number): number {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Memory.prototype.grow');
      const pages = enforceRangeU32(delta, 'delta');
      const old = store.growMemory(ref, pages);
      if (old === -1) throw new RangeError(`WebAssembly.Memory.grow: cannot grow by ${pages} pages`);
      this.#buffer = store.memoryBytes(ref).buffer as ArrayBuffer;
      return old;
    }
  }

  class Table {
    readonly #ref: TableRef;

    /** @throws TypeError for a bad descriptor or value; RangeError for limits out of range */
    constructor(descriptor: { element: string; initial: number; maximum?: number }, value?: unknown) {
      requireArgs(arguments, 1, 'WebAssembly.Table');
      if (descriptor instanceof TableRef && arguments[1] === fromRef) {
        this.#ref = descriptor;
      } else {
        const d = dictionary(descriptor, 'WebAssembly.Table descriptor');
        const elementName = d.element;
        if (elementName === undefined) throw new TypeError('WebAssembly.Table: element is required');
        const elementText = toStringArg(elementName);
        const element = Object.hasOwn(tableTypes, elementText) ? tableTypes[elementText] : undefined;
        const { min, max } = readLimits(d, MAX_TABLE, 'WebAssembly.Table');
        if (element === undefined) throw new TypeError(`WebAssembly.Table: unknown element type ${elementText}`);
        const init = engine.toWasm(arguments.length < 2 ? defaultValue(element) : value, element);
        try {
          this.#ref = store.createTable(element, max === undefined ? { min } : { min, max }, init);
        } catch (e) {
          throw toJsError(e);
        }
      }
      tableObjects.set(this.#ref, this);
      tableRefs.set(this, this.#ref);
    }

    /** The number of elements. */
    get length(): number {
      return store.tableType(this.#ref).min;
    }

    /** Grows by `delta` elements set to `value`: the old length. @throws RangeError if it cannot grow */
    grow(delta: number, value?: unknown): number {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Table.prototype.grow');
      const n = enforceRangeU32(delta, 'delta');
      const t = store.tableType(ref).element;
      const init = engine.toWasm(arguments.length < 2 ? defaultValue(t) : value, t);
      if (store.tableType(ref).min + n > MAX_TABLE) throw new RangeError(`WebAssembly.Table.grow: cannot grow by ${n}`);
      const old = store.growTable(ref, n, init);
      if (old === -1) throw new RangeError(`WebAssembly.Table.grow: cannot grow by ${n}`);
      return old;
    }

    /** Element `index`. @throws RangeError out of bounds */
    get(index: number): unknown {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Table.prototype.get');
      const i = this.#index(index);
      return engine.toJs(store.tableGet(ref, i));
    }

    /** Sets element `index` to `value`. @throws RangeError out of bounds; TypeError for a value of another type */
    set(index: number, value?: unknown): undefined {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Table.prototype.set');
      const i = this.#index(index);
      const t = store.tableType(ref).element;
      store.tableSet(ref, i, engine.toWasm(arguments.length < 2 ? defaultValue(t) : value, t));
      return undefined;
    }

    #index(index: unknown): number {
      const i = enforceRangeU32(index, 'index');
      if (i >= store.tableType(this.#ref).min) throw new RangeError(`table index ${i} is out of bounds`);
      return i;
    }
  }

  class Global {
    readonly #ref: GlobalRef;

    /** @throws TypeError for a bad descriptor or value */
    constructor(descriptor: { value: string; mutable?: boolean }, v?: unknown) {
      requireArgs(arguments, 1, 'WebAssembly.Global');
      if (descriptor instanceof GlobalRef && arguments[1] === fromRef) {
        this.#ref = descriptor;
      } else {
        const d = dictionary(descriptor, 'WebAssembly.Global descriptor');
        const mutable = Boolean(d.mutable);
        const typeName = d.value;
        if (typeName === undefined) throw new TypeError('WebAssembly.Global: value is required');
        const name = toStringArg(typeName);
        const type = Object.hasOwn(globalTypes, name) ? globalTypes[name] : undefined;
        if (type === undefined) throw new TypeError(`WebAssembly.Global: unknown value type ${name}`);
        if (type === 'v128') throw new TypeError('WebAssembly.Global: a v128 global cannot be made from JavaScript');
        const value = engine.toWasm(v === undefined ? defaultValue(type) : v, type);
        this.#ref = store.createGlobal(type, mutable, value);
      }
      globalObjects.set(this.#ref, this);
      globalRefs.set(this, this.#ref);
    }

    /** The global's value. @throws TypeError for a v128 global */
    get value(): unknown {
      return engine.toJs(store.globalValue(this.#ref));
    }

    /** @throws TypeError for an immutable global, a v128 global, or a value of another type */
    set value(v: unknown) {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Global.prototype.value setter');
      const { type, mutable } = store.globalType(ref);
      if (!mutable) throw new TypeError('WebAssembly.Global: the global is immutable');
      store.setGlobalValue(ref, engine.toWasm(v, type));
    }

    /** The global's value. @throws TypeError for a v128 global */
    valueOf(): unknown {
      return engine.toJs(store.globalValue(this.#ref));
    }
  }

  const suspendingFn = new WeakMap<object, (...args: unknown[]) => unknown>();

  /** JSPI: an import whose returned promise suspends the wasm computation up to a `promising` export. */
  class Suspending {
    /** @throws TypeError unless `fn` is callable */
    constructor(fn: (...args: unknown[]) => unknown) {
      requireArgs(arguments, 1, 'WebAssembly.Suspending');
      if (typeof fn !== 'function') throw new TypeError('WebAssembly.Suspending: Argument 0 must be a function');
      suspendingFn.set(this, fn);
    }
  }

  for (const cls of [Module, Instance, Memory, Table, Global, Suspending]) asInterface(cls, `WebAssembly.${cls.name}`);
  // Web IDL counts required arguments only.
  for (const f of [Instance, Table, Global, Table.prototype.grow, Table.prototype.set]) Object.defineProperty(f, 'length', { value: 1 });

  const namespace = {
    /** @throws TypeError for bytes that are not a BufferSource */
    validate(bytes: unknown): boolean {
      requireArgs(arguments, 1, 'WebAssembly.validate');
      const own = bufferBytes(bytes, 'WebAssembly.validate argument');
      try {
        new EngineModule(own, { profile: 'compact' });
      } catch {
        return false;
      }
      return limitExceeded(own) === undefined;
    },

    /** Rejects with TypeError for bytes that are not a BufferSource, CompileError for an invalid module. */
    compile(bytes: unknown): Promise<Module> {
      return attempt(() => {
        requireArgs(arguments, 1, 'WebAssembly.compile');
        const own = bufferBytes(bytes, 'WebAssembly.compile argument');
        return () => makeModule(own);
      });
    },

    /**
     * `instantiate(bytes, imports)` resolves to `{ module, instance }`; `instantiate(module, imports)` to an Instance.
     * Rejects with TypeError, CompileError, LinkError or RuntimeError.
     */
    instantiate(source: unknown, importObject?: object): Promise<unknown> {
      return attempt<unknown>(() => {
        requireArgs(arguments, 1, 'WebAssembly.instantiate');
        if (moduleOf.has(source as object)) {
          const externs = readImports(moduleOf.get(source as object)!, importObject);
          return () => Reflect.construct(Instance, [source, externs, fromRef]) as Instance;
        }
        const own = bufferBytes(source, 'WebAssembly.instantiate argument');
        return () => {
          const module = makeModule(own);
          return { module, instance: new Instance(module, importObject) };
        };
      });
    },

    /** JSPI: a function returning a promise of `fn`'s results, whose Suspending imports may suspend it. @throws TypeError */
    promising(fn: unknown): (...args: unknown[]) => Promise<unknown> {
      requireArgs(arguments, 1, 'WebAssembly.promising');
      if (typeof fn !== 'function') throw new TypeError('WebAssembly.promising: Argument 0 must be a function');
      const ref = engine.funcRefOf(fn);
      if (ref === undefined) throw new TypeError('WebAssembly.promising: Argument 0 must be a WebAssembly exported function');
      const length = store.funcInfo(ref).params.length;
      const wrapper = (...args: unknown[]) => engine.callPromising(ref, args);
      Object.defineProperty(wrapper, 'length', { value: length });
      Object.defineProperty(wrapper, 'name', { value: fn.name });
      return wrapper;
    },
  };

  function makeModule(bytes: Uint8Array): Module {
    return new Module(bytes);
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

  const WebAssembly = {} as Record<string | symbol, unknown>;
  Object.defineProperty(namespace.instantiate, 'length', { value: 1 });
  for (const [name, fn] of Object.entries(namespace)) defineMember(WebAssembly, name, fn, true);
  // `in` does not run Node's lazy getter, which loads undici, which needs a WebAssembly.
  if ('Response' in globalThis) {
    const streaming = {
      /** Rejects with TypeError for a source that is not a Response of `application/wasm`; as compile otherwise. */
      compileStreaming(source: unknown): Promise<Module> {
        return responseBytes(source).then((bytes) => makeModule(bytes));
      },
      /** As instantiate(bytes, imports), from a Response. */
      instantiateStreaming(source: unknown, importObject?: object): Promise<{ module: Module; instance: Instance }> {
        return responseBytes(source).then((bytes) => {
          const module = makeModule(bytes);
          return { module, instance: new Instance(module, importObject) };
        });
      },
    };
    Object.defineProperty(streaming.instantiateStreaming, 'length', { value: 1 });
    for (const [name, fn] of Object.entries(streaming)) defineMember(WebAssembly, name, fn, true);
  }
  const interfaces = { Module, Instance, Memory, Table, Global, CompileError, LinkError, RuntimeError, Suspending, SuspendError };
  for (const [name, cls] of Object.entries(interfaces)) defineMember(WebAssembly, name, cls, false);
  Object.defineProperty(WebAssembly, Symbol.toStringTag, { value: 'WebAssembly', writable: false, enumerable: false, configurable: true });
  return WebAssembly as unknown as WebAssemblyNamespace;

  /** Limits from a Memory or Table descriptor, read in Web IDL's order (initial, maximum). */
  function readLimits(descriptor: unknown, top: number, what: string): { min: number; max: number | undefined } {
    const d = dictionary(descriptor, `${what} descriptor`);
    const initial = d.initial;
    if (initial === undefined) throw new TypeError(`${what}: initial is required`);
    const min = enforceRangeU32(initial, 'initial');
    const maximum = d.maximum;
    const max = maximum === undefined ? undefined : enforceRangeU32(maximum, 'maximum');
    if (min > top) throw new RangeError(`${what}: initial ${min} is larger than ${top}`);
    if (max !== undefined && (max > top || max < min)) throw new RangeError(`${what}: maximum ${max} is out of range`);
    return { min, max };
  }
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

/** Detaches an ArrayBuffer the memory no longer uses. */
function detach(buffer: ArrayBuffer): void {
  const transfer = (globalThis as { structuredClone?: (v: unknown, o: { transfer: ArrayBuffer[] }) => unknown }).structuredClone;
  transfer?.(buffer, { transfer: [buffer] });
}

/** An instance's exports, as the JavaScript API gives them. */
export type Exports = Record<string, unknown>;

/** The type of a `WebAssembly` object made by `createWebAssembly`. */
export interface WebAssemblyNamespace {
  Module: (new (bytes: ArrayBuffer | ArrayBufferView) => object) & {
    exports(module: object): { name: string; kind: string }[];
    imports(module: object): { module: string; name: string; kind: string }[];
    customSections(module: object, name: string): ArrayBuffer[];
  };
  Instance: new (module: object, importObject?: object) => { readonly exports: Exports };
  Memory: new (descriptor: { initial: number; maximum?: number }) => { readonly buffer: ArrayBuffer; grow(delta: number): number };
  Table: new (descriptor: { element: string; initial: number; maximum?: number }, value?: unknown) => {
    readonly length: number;
    get(index: number): unknown;
    set(index: number, value?: unknown): void;
    grow(delta: number, value?: unknown): number;
  };
  Global: new (descriptor: { value: string; mutable?: boolean }, value?: unknown) => { value: unknown; valueOf(): unknown };
  CompileError: typeof CompileError;
  LinkError: typeof LinkError;
  RuntimeError: typeof RuntimeError;
  SuspendError: typeof SuspendError;
  Suspending: new (fn: (...args: never[]) => unknown) => object;
  validate(bytes: ArrayBuffer | ArrayBufferView): boolean;
  compile(bytes: ArrayBuffer | ArrayBufferView): Promise<object>;
  instantiate(source: unknown, importObject?: object): Promise<unknown>;
  compileStreaming?(source: unknown): Promise<object>;
  instantiateStreaming?(source: unknown, importObject?: object): Promise<{ module: object; instance: { readonly exports: Exports } }>;
  promising(fn: (...args: never[]) => unknown): (...args: unknown[]) => Promise<unknown>;
}
