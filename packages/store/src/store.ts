/**
 * Store: instances, linking, and invocation with a RunResult that suspends at every call into the
 * host. Execution follows a stack discipline: while an invocation is suspended, the host may
 * invoke another export; that one finishes (or suspends in turn) before the outer one resumes.
 */
import {
  ExternKind,
  type FuncType,
  InvalidError,
  NotFoundError,
  type ValTypeCode,
  valTypeName,
  WasmError,
} from '@proj/decoder';
import {
  type Execution,
  FuncRef,
  type FuncInst,
  type HostFunc,
  Machine,
  Module,
  NoHandler,
  ResourceBudget,
  Stop,
  TagInst,
  Trap,
  type Val,
  WasmException,
  type ValType,
  type WasmFunc,
} from '@proj/interp-core';
import { RefTable, checkVals, readVals, writeVals } from './convert.js';
import { type Activation, type Call, CallImpl, type Instance, type InstId, type OutOfFuel, PauseImpl, type RunResult, UncaughtException } from './invocation.js';
import { checkString, describe, internalError, MAX_HOST_TYPE_ARITY, option, type StoreOptions } from './options.js';
import { instantiate as instantiateModule, type Instantiation } from './instantiate.js';
import {
  type Extern,
  type FuncTypeDesc,
  GlobalRef,
  globalGet,
  globalRef,
  memoryRef,
  tableRef,
  globalSet,
  globalType,
  growMemory,
  growTable,
  type Limits,
  type MemoryLimits,
  MemoryRef,
  memoryType,
  newGlobal,
  newMemory,
  newTable,
  own,
  ExceptionRef,
  exceptionRef,
  TableRef,
  TagRef,
  tagRef,
  tableGet,
  tableSet,
  tableType,
  valTypeCode,
} from './externs.js';

interface HostLink {
  readonly module: string;
  readonly name: string;
  readonly type: FuncType;
  readonly addr: number;
}

/** Instances, linking, and invocations that suspend at every call into the host (see the top of this file). */
export class Store {
  /** @internal Every function of the store, by address. */
  readonly funcs: FuncInst[] = [];
  /** @internal */
  readonly refs = new RefTable(this);
  /** @internal */
  readonly instances: Instance[] = [];
  /** @internal Instances registered by name for later imports. */
  readonly names = new Map<string, InstId>();
  /** @internal Host functions linked by name. */
  readonly hostLinks = new Map<string, HostLink>();
  /** @internal Host function index serving unresolved function imports of a module. */
  readonly defaults = new Map<string, number>();
  /** @internal What the store's memories and tables hold, against its limits. */
  readonly budget: ResourceBudget;
  private hostCount = 0;
  private readonly typeIdsByKey = new Map<string, number>();
  /** Store-wide type ids of each module's types, computed at its first instantiation here. */
  private readonly moduleTypeIds = new WeakMap<Module, readonly number[]>();
  private readonly machine: Machine;
  private readonly activations: Activation[] = [];
  /** @internal Whether execution is metered (StoreOptions.fuel). */
  readonly metered: boolean;

  /**
   * @throws InvalidError for an option that is not an integer within its documented bounds (or,
   *   for exactMemoryBuffers, not a boolean)
   */
  constructor(options: StoreOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new InvalidError(`StoreOptions must be an object, not ${describe(options)}`);
    const maxCallDepth = option(options, 'maxCallDepth');
    const maxStackBytes = option(options, 'maxStackBytes');
    const exact: unknown = options.exactMemoryBuffers;
    if (exact !== undefined && typeof exact !== 'boolean') {
      throw new InvalidError(`StoreOptions.exactMemoryBuffers must be a boolean, not ${describe(exact)}`);
    }
    this.budget = new ResourceBudget(option(options, 'maxMemoryBytes'), option(options, 'maxTableElements'), exact === true);
    this.machine = new Machine(this, { maxCallDepth, maxStackCells: Math.floor(maxStackBytes / 16) });
    this.metered = options.fuel !== undefined;
    this.machine.fuel = option(options, 'fuel');
  }

  /**
   * The fuel left.
   * @throws InvalidError when the store was made without `fuel`
   */
  getFuel(): number {
    if (!this.metered) throw new InvalidError('getFuel: this store does not meter fuel (make it with new Store({ fuel }))');
    return this.machine.fuel;
  }

  /**
   * Sets the fuel left to `n`: a paused execution goes on with it when resumed.
   * @throws InvalidError when the store was made without `fuel`, or `n` is not an integer from 0
   *   to 2**53 - 1
   */
  setFuel(n: number): void {
    if (!this.metered) throw new InvalidError('setFuel: this store does not meter fuel (make it with new Store({ fuel }))');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) {
      throw new InvalidError(`setFuel takes an integer from 0 to ${Number.MAX_SAFE_INTEGER}, not ${describe(n)}`);
    }
    this.machine.fuel = n;
  }

  /** @internal The store-wide id of a function type, for call_indirect's check. */
  typeId(t: FuncType): number {
    const key = `${t.params.join(',')}:${t.results.join(',')}`;
    let id = this.typeIdsByKey.get(key);
    if (id === undefined) this.typeIdsByKey.set(key, (id = this.typeIdsByKey.size));
    return id;
  }

  /** @internal The store-wide ids of `module`'s types, by type index (shared by its instances: read only). */
  typeIds(module: Module): number[] {
    let ids = this.moduleTypeIds.get(module);
    if (ids === undefined) {
      // The decoder shares equal types: each is looked up once.
      const seen = new Map<FuncType, number>();
      const idOf = (t: FuncType): number => seen.get(t) ?? seen.set(t, this.typeId(t)).get(t)!;
      this.moduleTypeIds.set(module, (ids = module.info.types.map(idOf)));
    }
    return ids as number[];
  }

  private checkLinking(): void {
    if (this.instances.length > 0) throw new InvalidError('host functions must be linked before the first instantiation');
  }

  /** @internal Adds a host function of type `type` that calls the host with index `hostIndex`. */
  addHostFunc(type: FuncType, hostIndex: number): number {
    const f: HostFunc = { kind: 'host', type, typeId: this.typeId(type), hostIndex };
    this.funcs.push(f);
    return this.funcs.length - 1;
  }

  /**
   * Links host function `module.name` taking `params` and returning `results` i32 values.
   * @throws InvalidError after the first instantiation, or for a duplicate name
   */
  linkFunc(module: string, name: string, params: number, results: number): void {
    checkString(module, 'linkFunc: the module name');
    checkString(name, 'linkFunc: the function name');
    for (const [what, n] of [['params', params], ['results', results]] as const) {
      if (!Number.isInteger(n) || n < 0 || n > MAX_HOST_TYPE_ARITY) {
        throw new InvalidError(`linkFunc ${module}.${name}: ${what} must be a count from 0 to ${MAX_HOST_TYPE_ARITY}, not ${describe(n)}`);
      }
    }
    this.linkFuncCustom(module, name, {
      params: new Array<ValType>(params).fill('i32'),
      results: new Array<ValType>(results).fill('i32'),
    });
  }

  /**
   * Links host function `module.name` of the given type.
   * @throws InvalidError after the first instantiation, for a duplicate name or an unknown type
   *   (a type has arrays `params` and `results` of at most 1,000 value types each)
   */
  linkFuncCustom(module: string, name: string, type: { params: ValType[]; results: ValType[] }): void {
    checkString(module, 'linkFuncCustom: the module name');
    checkString(name, 'linkFuncCustom: the function name');
    if (typeof type !== 'object' || type === null) throw new InvalidError(`linkFuncCustom ${module}.${name}: the type must be { params, results }, not ${describe(type)}`);
    for (const what of ['params', 'results'] as const) {
      const ts: unknown = type[what];
      if (!Array.isArray(ts) || ts.length > MAX_HOST_TYPE_ARITY) {
        throw new InvalidError(`linkFuncCustom ${module}.${name}: ${what} must be an array of at most ${MAX_HOST_TYPE_ARITY} value types, not ${describe(ts)}${Array.isArray(ts) ? ` of ${ts.length}` : ''}`);
      }
    }
    this.checkLinking();
    const key = `${module}\u0000${name}`;
    if (this.hostLinks.has(key)) throw new InvalidError(`host function ${module}.${name} is already linked`);
    const toCodes = (ts: ValType[]): ValTypeCode[] => ts.map((t) => valTypeCode(t, `host function ${module}.${name}`));
    const ft: FuncType = { params: toCodes(type.params), results: toCodes(type.results) };
    const addr = this.addHostFunc(ft, this.hostCount++);
    this.hostLinks.set(key, { module, name, type: ft, addr });
  }

  /**
   * Makes every function import of `module` that no other link resolves, and that returns one
   * i32, a call into one more host function (the next index in link order).
   * @throws InvalidError after the first instantiation, or for a module given twice
   */
  linkFuncDefault(module: string): void {
    checkString(module, 'linkFuncDefault: the module name');
    this.checkLinking();
    if (this.defaults.has(module)) throw new InvalidError(`default host function for ${module} is already linked`);
    this.defaults.set(module, this.hostCount++);
  }

  /**
   * Instantiates `module`: resolves its imports, initializes its globals, tables and memory, and
   * runs its start function. A host call from the start function suspends like any other: the
   * instance id is returned and `lastCall()` gives the pending call; the instance is usable once
   * that execution is done.
   * @param memory the whole backing store of the module's memory 0, which may be smaller than
   *   its declared minimum: accesses beyond it trap and memory.grow beyond it returns -1
   * @throws NotFoundError for an import that cannot be resolved; InvalidError for a misuse;
   *   LimitError (and the store is left as it was) if the module's memories or tables pass the
   *   store's limits or the platform's memory; Trap if initialization or the start function traps
   */
  instantiate(module: Module, memory?: Uint8Array): InstId {
    this.checkModule(module, 'instantiate');
    return this.runStart(this.register(module, instantiateModule(this, module, this.typeIds(module), memory)));
  }

  private checkModule(module: Module, what: string): void {
    if (!(module instanceof Module)) throw new InvalidError(`${what} takes a Module (new Module(bytes)), not ${describe(module)}`);
  }

  /** Runs the start function of a new instance, if it has one. */
  private runStart(inst: Instance): InstId {
    if (inst.start === undefined) {
      inst.state = 'ready';
      return inst.id;
    }
    const f = this.funcs[inst.start];
    try {
      const result = this.start(f, [], inst, inst);
      if (result.kind === 'done') inst.state = 'ready';
    } catch (e) {
      inst.state = 'failed';
      throw e;
    }
    return inst.id;
  }

  /**
   * Adds what instantiation built to the store: its functions, its share of the budget, and the
   * instance itself, which keeps its id even if initialization failed (its functions may already
   * sit in an imported table).
   * @throws what initialization threw, once the instance is registered as failed
   */
  private register(module: Module, built: Instantiation): Instance {
    const { rt, exports, funcs, start, failure } = built;
    for (const f of funcs) this.funcs.push(f); // a module may have more functions than a call takes arguments
    this.budget.memoryBytes += built.memoryBytes;
    this.budget.tableElements += built.tableElements;
    const inst: Instance = { id: this.instances.length, rt, module, exports, start, state: 'starting' };
    rt.id = inst.id;
    this.instances.push(inst);
    if ('failure' in built) {
      inst.state = 'failed';
      throw failure;
    }
    return inst;
  }

  private instance(id: InstId): Instance {
    if (typeof id !== 'number') throw new InvalidError(`an instance id is a number, not ${describe(id)}`);
    const inst = Number.isInteger(id) ? this.instances[id] : undefined;
    if (inst === undefined) throw new NotFoundError(`unknown instance ${String(id)}`);
    if (inst.state === 'failed') throw new InvalidError(`instance ${id} failed to start`);
    return inst;
  }

  private export(id: InstId, name: string, kind: number, what: string): { inst: Instance; index: number } {
    checkString(name, `the name of a ${what} export`);
    const inst = this.instance(id);
    if (inst.state === 'starting') throw new InvalidError(`instance ${id} has not finished its start function`);
    const e = inst.exports.get(name);
    if (e === undefined) throw new NotFoundError(`unknown export ${name} of instance ${id}`);
    if (e.kind !== kind) throw new InvalidError(`export ${name} of instance ${id} is not a ${what}`);
    return { inst, index: e.index };
  }

  /**
   * Invokes exported function `name` of instance `inst` with `args`.
   * @throws NotFoundError for an unknown instance or export; InvalidError for arguments of the
   *   wrong count or types; Trap if execution traps (or the host detached a memory's buffer)
   */
  invoke(inst: InstId, name: string, args: Val[]): RunResult {
    const { inst: instance, index } = this.export(inst, name, ExternKind.func, 'function');
    const f = this.funcs[instance.rt.funcs[index]];
    checkVals(args, f.type.params, `invoke ${name}`);
    return this.start(f, args, null, instance);
  }

  /**
   * Throws a Trap if the host detached (transferred) the buffer of a memory: the run loop must
   * never read through a detached view, where reads give undefined and writes vanish.
   */
  private checkMemories(): void {
    for (const inst of this.instances) {
      for (const mem of inst.rt.mems) {
        if (mem.u8.byteLength === 0 && mem.limit > 0) throw new Trap(`the buffer of instance ${inst.id}'s memory was detached by the host`);
      }
    }
  }

  /** Starts an invocation of `f` on top of the suspended ones. */
  private start(f: FuncInst, args: readonly Val[], starting: Instance | null, via: Instance | null): RunResult {
    this.sweep();
    this.checkMemories();
    if (f.kind === 'host') {
      // Calling a host function directly: the host gets the call at once, on behalf of the
      // instance whose export (or start function) it is.
      const act: Activation = { ex: null, call: null, pause: null, starting };
      this.activations.push(act);
      return this.goOn(act, () => this.suspend(act, f, args, via));
    }
    let below: Execution | null = null;
    for (let k = this.activations.length - 1; k >= 0 && below === null; k--) below = this.activations[k].ex;
    const ex = this.machine.begin(f, writeVals(args, this.refs), below);
    const act: Activation = { ex, call: null, pause: null, starting };
    this.activations.push(act);
    return this.goOn(act, () => this.continue(act));
  }

  /**
   * Goes on with `act` by `step`. Whatever escapes it that is not the engine's own (JavaScript's
   * stack overflow, where the host nests invocations deep in its own stack) may strike anywhere,
   * even before `step` runs: `act` then ends as trapped (if it has not), so that the invocations
   * it is nested in can still go on, and the error is thrown as continue throws it.
   */
  private goOn(act: Activation, step: () => RunResult): RunResult {
    try {
      return step();
    } catch (e) {
      if (e instanceof WasmError) throw e;
      const k = this.activations.indexOf(act);
      while (k >= 0 && this.activations.length > k) this.end(this.activations[this.activations.length - 1]);
      throw internalError(e);
    }
  }

  /** Runs an activation until it is done, suspends, or traps. */
  private continue(act: Activation): RunResult {
    const ex = act.ex!;
    const m = this.machine;
    let stop: number;
    try {
      stop = m.run(ex);
    } catch (e) {
      this.end(act);
      if (e instanceof NoHandler) throw new UncaughtException(exceptionRef(this, e.exception));
      throw e instanceof WasmError ? e : internalError(e);
    }
    if (stop === Stop.done) {
      this.activations.pop();
      if (act.starting) act.starting.state = 'ready';
      const words = m.results(ex);
      return { kind: 'done', values: readVals(words, ex.entry.type.results, this.refs) };
    }
    if (stop === Stop.fuel) return (act.pause = new PauseImpl(this, act));
    const host = ex.host!;
    const words = m.hostArgs(ex);
    const args = readVals(words, host.type.params, this.refs);
    return this.suspend(act, host, args, this.callerOf(ex.func));
  }

  private callerOf(f: WasmFunc): Instance | null {
    return this.instances[f.inst.id] ?? null;
  }

  private suspend(act: Activation, host: HostFunc, args: readonly Val[], caller: Instance | null): RunResult {
    const call = new CallImpl(this, act, host, args, caller);
    act.call = call;
    return { kind: 'host', call };
  }

  /**
   * Ends the activations at the top that wait for nothing (no pending call or pause): an error
   * not the engine's own cut their step short where goOn could not end them (JavaScript's stack
   * overflow, striking again in its handler). No store method runs while an activation runs, so
   * none of these can go on.
   */
  private sweep(): void {
    for (let top = this.activations.at(-1); top !== undefined && top.call === null && top.pause === null; top = this.activations.at(-1)) this.end(top);
  }

  /** Throws InvalidError unless `call` is pending and belongs to the innermost activation. */
  private checkPending(call: CallImpl): void {
    const act = call.act;
    if (act.call !== call) throw new InvalidError('this call was already resumed (stale call)');
    this.sweep();
    if (this.activations[this.activations.length - 1] !== act) {
      throw new InvalidError('resumed out of order: an invocation started during this call has not finished');
    }
  }

  /** @internal Goes on with `pause`'s invocation. */
  resumePause(pause: PauseImpl): RunResult {
    const act = this.checkPaused(pause, 'resume');
    try {
      this.checkMemories();
    } catch (e) {
      this.trapPause(pause, (e as Trap).reason);
    }
    act.pause = null;
    return this.goOn(act, () => this.continue(act));
  }

  /** @internal Ends `pause`'s invocation with a trap of `reason`. */
  trapPause(pause: PauseImpl, reason: string): never {
    if (typeof reason !== 'string') throw new InvalidError(`trap: the reason must be a string, not ${describe(reason)}`);
    const act = this.checkPaused(pause, 'trap');
    act.pause = null;
    this.end(act);
    throw new Trap(reason);
  }

  /** Ends the innermost activation, `act`, as trapped: its frames go, the ones below stay suspended. */
  private end(act: Activation): void {
    if (act.ex !== null) this.machine.abandon(act.ex);
    this.activations.pop();
    if (act.starting) act.starting.state = 'failed';
  }

  /** `pause`'s activation; throws InvalidError unless it is pending and innermost. */
  private checkPaused(pause: PauseImpl, what: string): Activation {
    const act = pause.act;
    if (act.pause !== pause) throw new InvalidError(`${what}: this pause was already resumed or ended (stale)`);
    this.sweep();
    if (this.activations[this.activations.length - 1] !== act) {
      throw new InvalidError(`${what}: out of order: an invocation started during this pause has not finished`);
    }
    return act;
  }

  /** @internal Ends `call`'s invocation with a trap of `reason`. */
  trapCall(call: CallImpl, reason: string): never {
    if (typeof reason !== 'string') throw new InvalidError('call.trap: the reason must be a string');
    this.checkPending(call);
    const act = call.act;
    act.call = null;
    this.end(act);
    throw new Trap(reason);
  }

  /** @internal Resumes `act` with `results` for its pending host call. */
  resumeCall(call: CallImpl, results: Val[]): RunResult {
    this.checkPending(call);
    const act = call.act;
    checkVals(results, call.host.type.results, `resume of host function ${call.index}`);
    try {
      this.checkMemories();
    } catch (e) {
      this.trapCall(call, (e as Trap).reason);
    }
    // Convert first: a value this store cannot take leaves the call pending.
    const words = writeVals(results, this.refs);
    act.call = null;
    const ex = act.ex;
    if (ex === null) {
      // A host function invoked directly: its results are the invocation's.
      this.activations.pop();
      if (act.starting) act.starting.state = 'ready';
      return { kind: 'done', values: results.slice() };
    }
    this.machine.hostReturn(ex, words);
    return this.goOn(act, () => this.continue(act));
  }

  /** @internal Ends `call`'s host function by throwing `exception` at its call site. */
  throwCall(call: CallImpl, exception: ExceptionRef): RunResult {
    this.checkPending(call);
    const e = own(this, exception, ExceptionRef, 'call.throw').exception;
    const act = call.act;
    act.call = null;
    if (act.ex === null) {
      // A host function invoked directly: nothing can catch it.
      this.end(act);
      throw new UncaughtException(exception);
    }
    this.machine.hostThrow(act.ex, e);
    return this.goOn(act, () => this.continue(act));
  }

  /**
   * The value of exported global `name` of instance `inst`.
   * @throws NotFoundError for an unknown instance or export
   */
  getGlobal(inst: InstId, name: string): Val {
    const { inst: instance, index } = this.export(inst, name, ExternKind.global, 'global');
    return globalGet(instance.rt.globals[index], this.refs);
  }

  /**
   * Registers instance `inst` under `name`: later instances may import its exports from `name`.
   * @throws NotFoundError for an unknown instance; InvalidError for a name already taken
   */
  setName(inst: InstId, name: string): void {
    checkString(name, 'setName: the name');
    this.instance(inst);
    const other = this.names.get(name);
    if (other !== undefined && other !== inst) throw new InvalidError(`name ${name} is already given to instance ${other}`);
    this.names.set(name, inst);
  }

  /**
   * Instance `inst`'s memory 0, as it is now: a view of exactly its size (a later memory.grow
   * leaves it stale; its `buffer` may be larger unless the store has exactMemoryBuffers).
   * @throws NotFoundError for an unknown instance or an instance without memory
   */
  memory(inst: InstId): Uint8Array {
    const mem = this.instance(inst).rt.mems[0];
    if (mem === undefined) throw new NotFoundError(`instance ${inst} has no memory`);
    return mem.bytes();
  }

  /**
   * Instantiates `module` with `imports`, one extern of this store per import of the module, in
   * order; names registered with `setName` and linked host functions play no part. The start
   * function runs as in `instantiate`.
   * @throws NotFoundError for an extern of the wrong kind or type; InvalidError for a misuse
   *   (an extern of another store, a wrong count); Trap if initialization or the start function traps
   */
  instantiateWith(module: Module, imports: readonly Extern[]): InstId {
    this.checkModule(module, 'instantiateWith');
    if (!Array.isArray(imports)) throw new InvalidError('instantiateWith: imports must be an array of externs');
    return this.runStart(this.register(module, instantiateModule(this, module, this.typeIds(module), undefined, imports)));
  }

  /**
   * Adds a host function of type `type` at any time (before or after instantiations): `index` is
   * its host function index (`call.index`), `func` the reference to import it with.
   * @throws InvalidError for an unknown value type
   */
  createHostFunc(type: { params: ValType[]; results: ValType[] }): { func: FuncRef; index: number } {
    const ft: FuncType = {
      params: type.params.map((t) => valTypeCode(t, 'createHostFunc')),
      results: type.results.map((t) => valTypeCode(t, 'createHostFunc')),
    };
    const index = this.hostCount++;
    return { func: new FuncRef(this, this.addHostFunc(ft, index)), index };
  }

  /**
   * The extern that instance `inst` exports as `name`.
   * @throws NotFoundError for an unknown instance or export; InvalidError for an instance whose
   *   start function failed or has not finished
   */
  exportOf(inst: InstId, name: string): Extern {
    const instance = this.instance(inst);
    if (instance.state === 'starting') throw new InvalidError(`instance ${inst} has not finished its start function`);
    const e = instance.exports.get(name);
    if (e === undefined) throw new NotFoundError(`unknown export ${name} of instance ${inst}`);
    const rt = instance.rt;
    switch (e.kind) {
      case ExternKind.func:
        return new FuncRef(this, rt.funcs[e.index]);
      case ExternKind.table:
        return tableRef(this, rt.tables[e.index]);
      case ExternKind.memory:
        return memoryRef(this, rt.mems[e.index]);
      case ExternKind.tag:
        return tagRef(this, rt.tags[e.index]);
      default:
        return globalRef(this, rt.globals[e.index]);
    }
  }

  /**
   * Invokes function `func` (of any instance, or a host function) with `args`, as `invoke` does.
   * @throws InvalidError for a function of another store or arguments of the wrong count or
   *   types; Trap if execution traps
   */
  invokeFunc(func: FuncRef, args: Val[]): RunResult {
    const f = this.funcs[this.refs.funcAddr(func)] as FuncInst | undefined;
    if (f === undefined) throw new InvalidError('invokeFunc: expected a function reference');
    checkVals(args, f.type.params, 'invokeFunc');
    const via = f.kind === 'wasm' ? this.callerOf(f) : null;
    if (via !== null && via.state !== 'ready') throw new InvalidError(`instance ${via.id} is not ready`);
    return this.start(f, args, null, via);
  }

  /**
   * The type of function `func`; `host` is its host function index for a host function, `index`
   * its index in its module for a function of an instance.
   * @throws InvalidError for a function of another store
   */
  funcInfo(func: FuncRef): FuncTypeDesc & { host?: number; index?: number } {
    const f = this.funcs[this.refs.funcAddr(func)] as FuncInst | undefined;
    if (f === undefined) throw new InvalidError('funcInfo: expected a function reference');
    const type = { params: f.type.params.map(valTypeName), results: f.type.results.map(valTypeName) };
    return f.kind === 'host' ? { ...type, host: f.hostIndex } : { ...type, index: f.ownIndex + f.inst.module.importedFuncs };
  }

  /**
   * A new memory of `limits` pages (64 KiB each), zeroed, to import into modules; with `shared`,
   * a shared memory (it needs a maximum), which only a module's shared memory import accepts.
   * @throws InvalidError for limits out of range; LimitError past the store's maxMemoryBytes or
   *   if the platform cannot allocate it
   */
  createMemory(limits: MemoryLimits): MemoryRef {
    return newMemory(this, this.budget, limits);
  }

  /**
   * A new table of `limits` elements of type `element`, each `init`, to import into modules.
   * @throws InvalidError for limits out of range or an `init` of another type;
   *   LimitError past the store's maxTableElements or if the platform cannot allocate it
   */
  createTable(element: 'funcref' | 'externref', limits: Limits, init: Val): TableRef {
    return newTable(this, this.refs, this.budget, element, limits, init);
  }

  /**
   * A new global of type `type` holding `value`, to import into modules.
   * @throws InvalidError for an unknown type or a value of another type
   */
  createGlobal(type: ValType, mutable: boolean, value: Val): GlobalRef {
    return newGlobal(this, this.refs, type, mutable, value);
  }

  /**
   * A new tag whose exceptions carry values of `params`, to import into modules (and to throw
   * with). Each call makes a distinct tag, as each module's own tags are.
   * @throws InvalidError for an unknown type
   */
  createTag(params: ValType[]): TagRef {
    if (!Array.isArray(params)) throw new InvalidError('createTag: params must be an array of value types');
    const type: FuncType = { params: params.map((t) => valTypeCode(t, 'createTag')), results: [] };
    return tagRef(this, new TagInst(type, this.typeId(type)));
  }

  /** The types of the values `tag`'s exceptions carry. @throws InvalidError for a tag of another store */
  tagType(tag: TagRef): { params: ValType[] } {
    return { params: own(this, tag, TagRef, 'tagType').tag.type.params.map(valTypeName) };
  }

  /**
   * A new exception of `tag` carrying `values`, for call.throw.
   * @throws InvalidError for a tag of another store, or values that do not match its types
   */
  createException(tag: TagRef, values: Val[]): ExceptionRef {
    const t = own(this, tag, TagRef, 'createException').tag;
    checkVals(values, t.type.params, 'createException');
    return exceptionRef(this, new WasmException(t, writeVals(values, this.refs)));
  }

  /** The tag of `exception`. @throws InvalidError for an exception of another store */
  exceptionTag(exception: ExceptionRef): TagRef {
    return tagRef(this, own(this, exception, ExceptionRef, 'exceptionTag').exception.tag);
  }

  /** The values `exception` carries. @throws InvalidError for an exception of another store */
  exceptionValues(exception: ExceptionRef): Val[] {
    const e = own(this, exception, ExceptionRef, 'exceptionValues').exception;
    return readVals(e.words, e.tag.type.params, this.refs);
  }

  /**
   * The bytes of `memory` as they are now, exactly its size (growing replaces them: read them
   * again after; their `buffer` may be larger unless the store has exactMemoryBuffers).
   * @throws InvalidError for a memory of another store
   */
  memoryBytes(memory: MemoryRef): Uint8Array {
    return own(this, memory, MemoryRef, 'memoryBytes').mem.bytes();
  }

  /**
   * The type of `memory`: its size now and its maximum, in pages, and `shared: true` for a shared memory.
   * @throws InvalidError for a memory of another store
   */
  memoryType(memory: MemoryRef): MemoryLimits {
    return memoryType(own(this, memory, MemoryRef, 'memoryType').mem);
  }

  /**
   * Grows `memory` by `delta` pages, as memory.grow does: the old size, or -1 if it cannot grow.
   * @throws InvalidError for a memory of another store or a delta that is not a non-negative integer
   */
  growMemory(memory: MemoryRef, delta: number): number {
    return growMemory(own(this, memory, MemoryRef, 'growMemory').mem, delta);
  }

  /**
   * The type of `table`: its element type, its size now and its maximum.
   * @throws InvalidError for a table of another store
   */
  tableType(table: TableRef): Limits & { element: 'funcref' | 'externref' } {
    return tableType(own(this, table, TableRef, 'tableType').table);
  }

  /**
   * Element `index` of `table`.
   * @throws InvalidError for a table of another store or an index out of bounds
   */
  tableGet(table: TableRef, index: number): Val {
    return tableGet(own(this, table, TableRef, 'tableGet').table, this.refs, index);
  }

  /**
   * Sets element `index` of `table` to `value`.
   * @throws InvalidError for a table of another store, an index out of bounds or a value of
   *   another type
   */
  tableSet(table: TableRef, index: number, value: Val): void {
    tableSet(own(this, table, TableRef, 'tableSet').table, this.refs, index, value);
  }

  /**
   * Grows `table` by `delta` elements set to `init`, as table.grow does: the old size, or -1.
   * @throws InvalidError for a table of another store, a bad delta or an `init` of another type
   */
  growTable(table: TableRef, delta: number, init: Val): number {
    return growTable(own(this, table, TableRef, 'growTable').table, this.refs, delta, init);
  }

  /**
   * The type of `global`.
   * @throws InvalidError for a global of another store
   */
  globalType(global: GlobalRef): { type: ValType; mutable: boolean } {
    return globalType(own(this, global, GlobalRef, 'globalType').global);
  }

  /**
   * The value of `global`.
   * @throws InvalidError for a global of another store
   */
  globalValue(global: GlobalRef): Val {
    return globalGet(own(this, global, GlobalRef, 'globalValue').global, this.refs);
  }

  /**
   * Sets mutable `global` to `value`.
   * @throws InvalidError for a global of another store, an immutable global or a value of
   *   another type
   */
  setGlobalValue(global: GlobalRef, value: Val): void {
    globalSet(own(this, global, GlobalRef, 'setGlobalValue').global, this.refs, value);
  }

  /** The pending host call, if execution is suspended. */
  lastCall(): Call | undefined {
    const act = this.activations[this.activations.length - 1];
    return act?.call ?? undefined;
  }

  /**
   * The pending pause, if execution is paused for fuel: how to go on with a start function that
   * ran out of fuel during `instantiate`, which returns the instance id.
   */
  lastPause(): OutOfFuel | undefined {
    const act = this.activations[this.activations.length - 1];
    return act?.pause ?? undefined;
  }

}
