/**
 * WASI preview1 on the engine's host calls: `Wasi` links the functions of
 * `wasi_snapshot_preview1` (and `wasi_unstable`) into a Store, then drives executions: each host
 * call is answered by its WASI function, which may complete later (a promise) while the program
 * stays suspended; calls of the user's own host functions go to the user's callback.
 */
import { type Call, type InstId, Module, type ModuleOptions, type RunResult, Store, Trap, Val, type ValType } from '@proj/interpreter';
import { Errno } from './constants.js';
import { FsError } from './fs.js';
import { Exit, Fault, type Layout, type Outcome, type WasiOptions, WasiState } from './host.js';
import { Mem } from './memory.js';

/**
 * The functions of `wasi_snapshot_preview1` and their parameters (`i` i32, `I` i64); each returns
 * an i32 errno, except `proc_exit`, which returns nothing. `wasi_unstable` has the same less
 * `sock_accept`.
 */
export const WASI_FUNCTIONS: Readonly<Record<string, string>> = {
  // sched_yield first: `link` learns the store's numbering from it.
  sched_yield: '',
  args_get: 'ii',
  args_sizes_get: 'ii',
  environ_get: 'ii',
  environ_sizes_get: 'ii',
  clock_res_get: 'ii',
  clock_time_get: 'iIi',
  fd_advise: 'iIIi',
  fd_allocate: 'iII',
  fd_close: 'i',
  fd_datasync: 'i',
  fd_fdstat_get: 'ii',
  fd_fdstat_set_flags: 'ii',
  fd_fdstat_set_rights: 'iII',
  fd_filestat_get: 'ii',
  fd_filestat_set_size: 'iI',
  fd_filestat_set_times: 'iIIi',
  fd_pread: 'iiiIi',
  fd_prestat_get: 'ii',
  fd_prestat_dir_name: 'iii',
  fd_pwrite: 'iiiIi',
  fd_read: 'iiii',
  fd_readdir: 'iiiIi',
  fd_renumber: 'ii',
  fd_seek: 'iIii',
  fd_sync: 'i',
  fd_tell: 'ii',
  fd_write: 'iiii',
  path_create_directory: 'iii',
  path_filestat_get: 'iiiii',
  path_filestat_set_times: 'iiiiIIi',
  path_link: 'iiiiiii',
  path_open: 'iiiiiIIii',
  path_readlink: 'iiiiii',
  path_remove_directory: 'iii',
  path_rename: 'iiiiii',
  path_symlink: 'iiiii',
  path_unlink_file: 'iii',
  poll_oneoff: 'iiii',
  proc_exit: 'i',
  proc_raise: 'i',
  random_get: 'ii',
  sock_accept: 'iii',
  sock_recv: 'iiiiii',
  sock_send: 'iiiii',
  sock_shutdown: 'ii',
};

/** The two namespaces WASI preview1 programs import from. */
export const WASI_MODULES = ['wasi_snapshot_preview1', 'wasi_unstable'] as const;

type Impl = (a: (number | bigint)[], m: Mem, layout: Layout, memory: () => Mem) => Outcome;

/** One WASI function of one namespace, bound to a program's state. @internal */
export interface Linked {
  readonly module: string;
  readonly name: string;
  readonly params: ValType[];
  readonly impl: Impl;
  readonly layout: Layout;
  readonly returnsErrno: boolean;
}

/** Every WASI function of both namespaces, bound to `state`, in the order `link` links them. @internal */
export function wasiFunctions(state: WasiState): Linked[] {
  const linked: Linked[] = [];
  for (const module of WASI_MODULES) {
    const layout: Layout = { unstable: module === 'wasi_unstable' };
    for (const [name, sig] of Object.entries(WASI_FUNCTIONS)) {
      if (layout.unstable && name === 'sock_accept') continue;
      const params = [...sig].map((c): ValType => (c === 'I' ? 'i64' : 'i32'));
      const method = (state as unknown as Record<string, Impl>)[name];
      linked.push({ module, name, params, impl: method.bind(state), layout, returnsErrno: name !== 'proc_exit' });
    }
  }
  return linked;
}

/**
 * Runs WASI function `f` on `args` (i32 as numbers, i64 as bigints) over the memory `memory()`
 * returns at each access; an `FsError` or a bad pointer becomes its errno, any other failure goes
 * to `fail`, which must throw. @internal
 */
export function answerWasi(f: Linked, args: (number | bigint)[], memory: () => Uint8Array, fail: (reason: string) => never): Outcome {
  const mem = (): Mem => new Mem(memory());
  const failed = (e: unknown): number => {
    if (e instanceof FsError) return e.code;
    if (e instanceof Fault) return Errno.fault;
    fail(`WASI ${f.name} failed: ${e instanceof Error ? e.message : String(e)}`);
  };
  try {
    const outcome = f.impl(args, mem(), f.layout, mem);
    return outcome instanceof Promise ? outcome.catch(failed) : outcome;
  } catch (e) {
    return failed(e);
  }
}

/** Answers a call of one of the user's own host functions (those linked before the WASI ones). */
export type HostCallHandler = (call: Call) => Val[] | Promise<Val[]>;

/** The reason of the trap that ends a metered run whose fuel ran out. */
export const OUT_OF_FUEL = 'out of fuel';

/** The program called `proc_exit(code)` during an invocation of one of its exports. */
export class WasiExit extends Trap {
  constructor(readonly code: number) {
    super(`exit with code ${code}`);
    this.name = 'WasiExit';
  }
}

/** A probe module importing `wasi_snapshot_preview1.sched_yield` and exporting it as `p`. */
function probeModule(): Uint8Array {
  const mod = new TextEncoder().encode(WASI_MODULES[0]);
  const name = new TextEncoder().encode('sched_yield');
  const imports = [1, mod.length, ...mod, name.length, ...name, 0, 0];
  return new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    1, 5, 1, 0x60, 0, 1, 0x7f, // type 0: () -> i32
    2, imports.length, ...imports,
    7, 5, 1, 1, 0x70, 0, 0, // export "p" = func 0
  ]);
}

/** One WASI program's world (arguments, environment, streams, files), linked into a Store. */
export class Wasi {
  private readonly state: WasiState;
  private readonly byIndex = new Map<number, Linked>();

  /** @throws InvalidError for a stream of an unknown kind */
  constructor(options: WasiOptions = {}) {
    this.state = new WasiState(options);
  }

  /**
   * Links every WASI function into `store`, after the user's own host functions (which keep
   * their numbers). To learn the numbers the store gives the WASI functions, it instantiates a
   * tiny module in `store` that imports one of them (so nothing can be linked afterwards).
   * @throws InvalidError if `store` already has instances or already has WASI functions linked
   */
  link(store: Store): void {
    const linked = wasiFunctions(this.state);
    for (const f of linked) store.linkFuncCustom(f.module, f.name, { params: f.params, results: f.returnsErrno ? ['i32'] : [] });
    const probe = store.instantiate(new Module(probeModule()));
    const result = store.invoke(probe, 'p', []);
    if (result.kind !== 'host') throw new Error('unreachable: the probe calls the host');
    const first = result.call.index;
    result.call.resume([Val.i32(0)]);
    linked.forEach((l, i) => this.byIndex.set(first + i, l));
  }

  /**
   * Runs `result` to completion, answering WASI calls (awaiting those that complete later) and
   * passing other host calls to `onHostCall`. In a store that meters fuel, running out ends the
   * invocation with a trap (`out of fuel`): the fuel the store was given is the run's budget.
   * @throws WasiExit if the program calls proc_exit; Trap if it traps (a host call with no
   *   handler traps with a reason that names it); InvalidError for results of the wrong types
   */
  async drive(result: RunResult, onHostCall?: HostCallHandler): Promise<Val[]> {
    while (result.kind !== 'done') {
      if (result.kind === 'out-of-fuel') return result.trap(OUT_OF_FUEL);
      const call = result.call;
      const f = this.byIndex.get(call.index);
      if (f === undefined) {
        let values = onHostCall ? onHostCall(call) : call.trap(`host function ${call.index} has no handler`);
        if (values instanceof Promise) values = await values;
        result = call.resume(values);
        continue;
      }
      let outcome = this.answer(f, call);
      if (outcome instanceof Promise) outcome = await outcome;
      if (outcome instanceof Exit) {
        try {
          call.trap(`exit with code ${outcome.code}`);
        } catch {
          throw new WasiExit(outcome.code);
        }
      }
      result = call.resume(f.returnsErrno ? [Val.i32(outcome as number)] : []);
    }
    if (result.kind !== 'done') throw new Error('wasi: an unmetered run paused');
    return result.values;
  }

  /** Runs one WASI function; an errno it throws becomes its result. */
  private answer(f: Linked, call: Call): Outcome {
    const args = call.args.map((v) => (v as { value: unknown }).value as number | bigint);
    return answerWasi(f, args, () => call.memory(), (reason) => call.trap(reason));
  }

  /**
   * Instantiates `module` in `store` (linked with `link`), running its start function if any.
   * @throws what Store.instantiate and `drive` throw
   */
  async instantiate(store: Store, module: Module, onHostCall?: HostCallHandler): Promise<InstId> {
    const inst = store.instantiate(module);
    const call = store.lastCall();
    const pending: RunResult | undefined = call !== undefined ? { kind: 'host', call } : store.lastPause();
    if (pending !== undefined) await this.drive(pending, onHostCall);
    return inst;
  }

  /**
   * Runs a command's `_start`; returns its exit code (proc_exit's, or 0).
   * @throws NotFoundError without `_start`; Trap if the program traps
   */
  async start(store: Store, inst: InstId, onHostCall?: HostCallHandler): Promise<number> {
    try {
      await this.drive(store.invoke(inst, '_start', []), onHostCall);
      return 0;
    } catch (e) {
      if (e instanceof WasiExit) return e.code;
      throw e;
    }
  }

  /**
   * Initializes a reactor: runs its `_initialize` if it exports one.
   * @throws WasiExit if it calls proc_exit; Trap if it traps
   */
  async initialize(store: Store, inst: InstId, module: Module, onHostCall?: HostCallHandler): Promise<void> {
    if (module.exports.some((e) => e.name === '_initialize')) await this.drive(store.invoke(inst, '_initialize', []), onHostCall);
  }

  /**
   * Invokes export `name` and drives it to completion.
   * @throws NotFoundError for an unknown export; WasiExit if it calls proc_exit; Trap if it traps
   */
  invoke(store: Store, inst: InstId, name: string, args: Val[], onHostCall?: HostCallHandler): Promise<Val[]> {
    return this.drive(store.invoke(inst, name, args), onHostCall);
  }
}

/** Options of `runCommand` and `runReactor`. */
export interface RunOptions extends WasiOptions, ModuleOptions {
  /** Links the user's own host functions into the store, before the WASI ones. */
  link?: (store: Store) => void;
  /** Answers calls of the user's own host functions. */
  onHostCall?: HostCallHandler;
  /**
   * Meters the program (see `Store`'s `fuel` option): it may use this much fuel in all, start
   * function, `_start` or `_initialize` and reactor invocations together; running out traps with
   * `out of fuel`. An integer from 0 to 2**53 - 1. Default: not metered.
   */
  fuel?: number;
}

function prepare(module: Module | Uint8Array, options: RunOptions): { wasi: Wasi; store: Store; module: Module } {
  const wasi = new Wasi(options);
  const store = new Store(options.fuel === undefined ? {} : { fuel: options.fuel });
  options.link?.(store);
  wasi.link(store);
  const m = module instanceof Module ? module : new Module(module, { profile: options.profile });
  return { wasi, store, module: m };
}

/**
 * Runs a WASI command: instantiates it, runs `_start`, and returns its exit code.
 * @throws InvalidError for an invalid module; NotFoundError for an import nothing provides or
 *   a missing `_start`; Trap if the program traps
 */
export async function runCommand(module: Module | Uint8Array, options: RunOptions = {}): Promise<number> {
  const { wasi, store, module: m } = prepare(module, options);
  const inst = await wasi.instantiate(store, m, options.onHostCall);
  return wasi.start(store, inst, options.onHostCall);
}

/** A reactor ready for its exports to be invoked. */
export interface Reactor {
  readonly wasi: Wasi;
  readonly store: Store;
  readonly inst: InstId;
  /**
   * Invokes export `name` and drives it to completion.
   * @throws NotFoundError for an unknown export; WasiExit on proc_exit; Trap if it traps
   */
  invoke(name: string, args?: Val[]): Promise<Val[]>;
}

/**
 * Instantiates a WASI reactor and runs its `_initialize`.
 * @throws InvalidError for an invalid module; NotFoundError for an import nothing provides;
 *   WasiExit if initialization calls proc_exit; Trap if it traps
 */
export async function runReactor(module: Module | Uint8Array, options: RunOptions = {}): Promise<Reactor> {
  const { wasi, store, module: m } = prepare(module, options);
  const inst = await wasi.instantiate(store, m, options.onHostCall);
  await wasi.initialize(store, inst, m, options.onHostCall);
  return { wasi, store, inst, invoke: (name, args = []) => wasi.invoke(store, inst, name, args, options.onHostCall) };
}
