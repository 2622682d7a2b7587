/**
 * The engine behind one `WebAssembly` object: one Store for every module, instance and object
 * it makes (so that a function exported by one instance and imported by another is the same
 * function), the value conversions, exported functions, and the loops that answer host calls:
 * synchronously for plain exports, asynchronously for JSPI's `promising` ones. With fuel, each
 * call from JavaScript has a budget of its own, loaded into the store while its wasm runs. What
 * an import throws is thrown into wasm where it was called (wasm may catch it), and an exception
 * wasm does not catch reaches JavaScript (see exceptions.ts).
 *
 * https://webassembly.github.io/spec/js-api/#exported-function-exotic-objects
 * https://webassembly.github.io/exception-handling/js-api/#create-a-host-function
 */
import {
  type Call,
  FuncRef,
  type FuncTypeDesc,
  type InstId,
  type OutOfFuel,
  type Profile,
  type RunResult,
  Store,
  InvalidError,
  Trap,
  UncaughtException,
  Val,
  type ValType,
} from '@proj/interpreter';
import { isUncatchable, SuspendError, toJsError } from './errors.js';
import { ExceptionBridge } from './exceptions.js';
import { toNumber } from './webidl.js';

/** What a host function index answers with. */
interface HostEntry {
  readonly fn: (...args: unknown[]) => unknown;
  readonly type: FuncTypeDesc;
  /** A JSPI `Suspending` import: its promise suspends the computation. */
  readonly suspending: boolean;
}

/** Calls of a JavaScript function. */
type JsFunction = (...args: unknown[]) => unknown;

const hostTrapReason = 'exception thrown by a JavaScript import';
/** The RuntimeError message of a call whose fuel ran out. */
export const OUT_OF_FUEL = 'out of fuel';

/** The platform's timer (every JavaScript platform has one; this package's types name no platform). */
const { setTimeout } = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown };

/**
 * The fuel of one call from JavaScript: loaded into the store while the call's wasm runs, kept
 * here while JavaScript runs (which may call other exports, with budgets of their own).
 */
class Budget {
  constructor(
    private readonly store: Store,
    public left: number,
  ) {}

  run<T>(step: () => T): T {
    this.store.setFuel(this.left);
    try {
      return step();
    } finally {
      this.left = this.store.getFuel();
    }
  }
}

export class Engine {
  readonly store: Store;
  /** Exceptions crossing between JavaScript and wasm, and their objects. */
  readonly exceptions: ExceptionBridge;
  private readonly exported = new Map<number, JsFunction>();
  private readonly refs = new WeakMap<object, FuncRef>();
  private readonly hosts: HostEntry[] = [];
  private readonly hostNames = new Map<number, string>();
  /** JSPI: whether a `Suspending` import may suspend now (a `promising` call runs wasm directly). */
  private suspendable = false;
  /**
   * Where each synchronous call from JavaScript into wasm now in progress is (innermost last): the
   * result it waits on. An error thrown past inner ones (JavaScript's stack overflow) may leave
   * theirs pending: an outer one ends them before it goes on (abandonInner).
   */
  private readonly open: { r?: RunResult }[] = [];
  /**
   * Called whenever control passes from wasm to JavaScript (an import is called, an export
   * returns or throws), so that memories grown inside wasm detach their old buffers at once.
   */
  returnToJs: () => void = () => {};
  /** Asynchronous drivers waiting for the invocations above theirs to finish. */
  private waiters: (() => void)[] = [];

  /**
   * @param fuel what each call from JavaScript into wasm may use (createWebAssembly's `fuel`);
   *   undefined: nothing is metered
   */
  constructor(
    readonly profile: Profile | undefined,
    private readonly fuel?: number,
  ) {
    // Memory.buffer is an ArrayBuffer of exactly the memory's size, replaced on every grow.
    this.store = new Store(fuel === undefined ? { exactMemoryBuffers: true } : { exactMemoryBuffers: true, fuel });
    this.exceptions = new ExceptionBridge(this.store);
  }

  /**
   * What an error of the engine becomes in JavaScript: an exception no wasm handler caught
   * becomes the value JavaScript threw, or a `WebAssembly.Exception`; others as toJsError says.
   */
  jsError(e: unknown): unknown {
    return e instanceof UncaughtException ? this.exceptions.toJs(e.exception) : toJsError(e);
  }

  /** A fresh budget for a call from JavaScript, if the engine meters fuel. */
  private budget(): Budget | undefined {
    return this.fuel === undefined ? undefined : new Budget(this.store, this.fuel);
  }

  /** The function reference behind exported function `f`, if it is one of this engine's. */
  funcRefOf(f: unknown): FuncRef | undefined {
    return typeof f === 'function' ? this.refs.get(f) : undefined;
  }

  /** A host function calling `fn` (a JSPI suspending one if `suspending`), named `name`. */
  hostFunc(fn: JsFunction, type: FuncTypeDesc, suspending: boolean, name: string): FuncRef {
    const { func, index } = this.store.createHostFunc(type);
    this.hosts[index] = { fn, type, suspending };
    this.hostNames.set(func.addr, name);
    return func;
  }

  /** The Exported Function of `ref`: the same function object each time. */
  exportedFunction(ref: FuncRef): JsFunction {
    const known = this.exported.get(ref.addr);
    if (known !== undefined) return known;
    const info = this.store.funcInfo(ref);
    const f: JsFunction = (...args) => this.callExported(ref, info, args);
    Object.defineProperty(f, 'name', { value: this.hostNames.get(ref.addr) ?? String(info.index) });
    Object.defineProperty(f, 'length', { value: info.params.length });
    this.exported.set(ref.addr, f);
    this.refs.set(f, ref);
    return f;
  }

  /** ToWebAssemblyValue. */
  toWasm(v: unknown, t: ValType): Val {
    switch (t) {
      case 'i32':
        return Val.i32(toNumber(v) | 0);
      case 'i64':
        return Val.i64(toBigInt64(v));
      case 'f32':
        return Val.f32(toNumber(v));
      case 'f64':
        return Val.f64(toNumber(v));
      case 'externref':
        return Val.externref(v);
      case 'funcref': {
        if (v === null) return Val.funcref(null);
        const ref = this.funcRefOf(v);
        if (ref === undefined) throw new TypeError('a funcref must be null or an exported WebAssembly function');
        return Val.funcref(ref);
      }
      default:
        throw new TypeError('a v128 value cannot cross into JavaScript');
    }
  }

  /** ToJSValue. */
  toJs(v: Val): unknown {
    switch (v.type) {
      case 'v128':
        throw new TypeError('a v128 value cannot cross into JavaScript');
      case 'funcref':
        return v.value === null ? null : this.exportedFunction(v.value);
      default:
        return v.value;
    }
  }

  /** The JavaScript value of results: undefined, the one value, or an array. */
  resultsToJs(values: readonly Val[]): unknown {
    if (values.length === 0) return undefined;
    if (values.length === 1) return this.toJs(values[0]);
    return values.map((v) => this.toJs(v));
  }

  /** Calls an exported function from JavaScript: drives its host calls to the end. */
  private callExported(ref: FuncRef, type: FuncTypeDesc, args: unknown[]): unknown {
    checkNoV128(type);
    const vals = type.params.map((t, i) => this.toWasm(args[i], t));
    const outer = this.suspendable;
    this.suspendable = false;
    const level = this.open.length;
    const at: { r?: RunResult } = {};
    this.open.push(at);
    try {
      const budget = this.budget();
      at.r = metered(budget, () => this.store.invokeFunc(ref, vals));
      const values = this.runSync(at, budget);
      this.open.length = level;
      return this.resultsToJs(values);
    } catch (e) {
      // (Where this is cut short too, `at` stays in `open` for an outer call to end.)
      this.abandonInner(level - 1);
      throw this.jsError(e);
    } finally {
      this.suspendable = outer;
      this.returnToJs();
    }
  }

  /**
   * Instantiates with `instantiate` and runs the start function it may begin, a call from
   * JavaScript, to its end (answering its host calls).
   */
  instantiate(instantiate: () => InstId): InstId {
    const { store } = this;
    const [outerCall, outerPause] = [store.lastCall(), store.lastPause()];
    const budget = this.budget();
    const id = metered(budget, instantiate);
    const [call, pause] = [store.lastCall(), store.lastPause()];
    const at: { r?: RunResult } = {};
    if (call !== undefined && call !== outerCall) at.r = { kind: 'host', call };
    else if (pause !== undefined && pause !== outerPause) at.r = pause;
    if (at.r === undefined) return id;
    const level = this.open.length;
    this.open.push(at);
    try {
      this.runSync(at, budget);
    } catch (e) {
      this.abandonInner(level - 1);
      throw e;
    }
    this.open.length = level;
    return id;
  }

  /**
   * Answers host calls until the invocation is done, from `at.r` (kept up to date, for abandon);
   * what an import throws is thrown into wasm at its call site, and running out of fuel ends the
   * invocation as a trap.
   */
  private runSync(at: { r?: RunResult }, budget: Budget | undefined): Val[] {
    const run = (step: () => RunResult) => metered(budget, step);
    for (;;) {
      const r = at.r!;
      if (r.kind === 'done') return r.values;
      if (r.kind === 'out-of-fuel') return r.trap(OUT_OF_FUEL);
      at.r = this.answerSync(r.call, run);
    }
  }

  /** Calls the import behind `call` and goes on with wasm (run by `run`): with its results, or throwing what it threw. */
  private answerSync(call: Call, run: (step: () => RunResult) => RunResult): RunResult {
    let results: Val[];
    try {
      results = this.answer(call);
    } catch (e) {
      return this.throwInto(call, e, run);
    }
    return run(() => call.resume(results));
  }

  /**
   * Ends the host call `call` by throwing `thrown`, a JavaScript value, at its call site (the
   * proposal's "create a host function"): wasm handlers may catch it, and `run` goes on with
   * what follows. An error a trap became is not thrown into wasm: the call fails (its frames go,
   * no handler runs) and it is rethrown as it is.
   */
  private throwInto(call: Call, thrown: unknown, run: (step: () => RunResult) => RunResult): RunResult {
    if (isUncatchable(thrown)) {
      // (Calls into wasm the import made may have been cut short: see open.)
      const level = this.open.findIndex((at) => at.r?.kind === 'host' && at.r.call === call);
      if (level >= 0) this.abandonInner(level);
      failCall(call);
      throw thrown;
    }
    const exception = this.exceptions.fromJs(thrown);
    return run(() => call.throw(exception));
  }

  /** Ends the invocations of the calls from JavaScript in `open` past index `level`, innermost first. */
  private abandonInner(level: number): void {
    for (let k = this.open.length - 1; k > level; k--) abandon(this.open[k].r);
    this.open.length = Math.max(level + 1, 0);
  }

  /** Calls the import behind `call` synchronously and converts what it returns. */
  private answer(call: Call): Val[] {
    const h = this.hosts[call.index];
    if (h.suspending && !this.suspendable) throw new SuspendError('a Suspending import was called outside a promising export');
    checkNoV128(h.type);
    const args = call.args.map((v) => this.toJs(v));
    const outer = this.suspendable;
    this.suspendable = false;
    this.returnToJs();
    try {
      return this.coerceReturn(Reflect.apply(h.fn, undefined, args), h.type.results);
    } finally {
      this.suspendable = outer;
    }
  }

  /** Converts a JavaScript function's return value to values of `types` (iterating for several). */
  coerceReturn(ret: unknown, types: readonly ValType[]): Val[] {
    if (types.length === 0) return [];
    if (types.length === 1) return [this.toWasm(ret, types[0])];
    if (ret === null || (typeof ret !== 'object' && typeof ret !== 'function')) {
      throw new TypeError(`a function returning ${types.length} values must return an iterable object`);
    }
    const list = [...(ret as Iterable<unknown>)];
    if (list.length !== types.length) throw new TypeError(`expected ${types.length} values, got ${list.length}`);
    return list.map((v, i) => this.toWasm(v, types[i]));
  }

  /**
   * JSPI's `promising`: runs the export until its first suspension, then answers its host calls
   * as their promises settle. Returns a promise of its results. With fuel, running out does not
   * trap: the call yields to the event loop and goes on with a fresh budget.
   */
  async callPromising(ref: FuncRef, args: unknown[]): Promise<unknown> {
    const type = this.store.funcInfo(ref);
    checkNoV128(type);
    const vals = type.params.map((t, i) => this.toWasm(args[i], t));
    const budget = this.budget();
    const run = (step: () => RunResult) => this.runWasm(budget, step);
    let r: RunResult | undefined;
    try {
      r = run(() => this.store.invokeFunc(ref, vals));
      while (r.kind !== 'done') {
        if (r.kind === 'out-of-fuel') {
          r = await this.refuel(r, budget!);
          continue;
        }
        const call = r.call;
        const h = this.hosts[call.index];
        if (!h.suspending) {
          r = this.answerSync(call, run);
          continue;
        }
        let settled: { ok: true; value: unknown } | { ok: false; error: unknown };
        try {
          checkNoV128(h.type);
          const jsArgs = call.args.map((v) => this.toJs(v));
          settled = { ok: true, value: await this.callSuspending(h.fn, jsArgs) };
        } catch (e) {
          settled = { ok: false, error: e };
        }
        await this.turnOf(call);
        // A rejected promise, or results that do not convert: thrown into wasm, as by a plain import.
        let results: Val[];
        try {
          if (!settled.ok) throw settled.error;
          results = this.coerceReturn(settled.value, h.type.results);
        } catch (e) {
          r = this.throwInto(call, e, run);
          continue;
        }
        r = run(() => call.resume(results));
      }
      return this.resultsToJs(r.values);
    } catch (e) {
      abandon(r);
      throw this.jsError(e);
    } finally {
      this.returnToJs();
      this.wake();
    }
  }

  /** Calls a Suspending import's function (not itself suspendable) and awaits what it returns. */
  private callSuspending(fn: JsFunction, args: unknown[]): Promise<unknown> {
    const outer = this.suspendable;
    this.suspendable = false;
    let ret: unknown;
    this.returnToJs();
    try {
      ret = Reflect.apply(fn, undefined, args);
    } finally {
      this.suspendable = outer;
    }
    // Someone else may run while this invocation waits.
    this.wake();
    return Promise.resolve(ret);
  }

  /** Runs wasm on behalf of a promising call: Suspending imports may suspend it. */
  private runWasm(budget: Budget | undefined, step: () => RunResult): RunResult {
    const outer = this.suspendable;
    this.suspendable = true;
    try {
      return metered(budget, step);
    } finally {
      this.suspendable = outer;
    }
  }

  /**
   * A promising call that ran out of fuel: yields to the event loop (other work runs, other
   * exports may be called), then goes on with a fresh budget once the invocations started
   * meanwhile have finished. A pause that a whole budget did not move (its next step costs
   * more) would never end: it traps.
   */
  private async refuel(pause: OutOfFuel, budget: Budget): Promise<RunResult> {
    if (budget.left === this.fuel) return pause.trap(OUT_OF_FUEL);
    this.returnToJs();
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    while (this.store.lastPause() !== pause) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    budget.left = this.fuel!;
    return this.runWasm(budget, () => pause.resume());
  }

  /**
   * Waits until `call` is the store's innermost suspended call: invocations started while it
   * waited (other promising calls) must finish first, as the Store's stack discipline asks.
   */
  private async turnOf(call: Call): Promise<void> {
    while (this.store.lastCall() !== call) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
}

/** Runs `step` with `budget`'s fuel, or unmetered without one. */
function metered<T>(budget: Budget | undefined, step: () => T): T {
  return budget === undefined ? step() : budget.run(step);
}

/**
 * Ends the invocation a call from JavaScript was left at by an error thrown past it (JavaScript's
 * stack overflow can strike between two steps, when imports and exports nest deeply), so that
 * the invocations it is nested in can go on: its pending host call or fuel pause traps. One that
 * has ended already (a trap, or failCall) is left alone.
 */
function abandon(r: RunResult | undefined): void {
  if (r === undefined || r.kind === 'done') return;
  try {
    if (r.kind === 'host') r.call.trap(hostTrapReason);
    else r.trap(hostTrapReason);
  } catch (e) {
    // The Trap this throws, or InvalidError for an invocation that has ended already; anything
    // else (the stack overflowing again) leaves it for an outer call.
    if (!(e instanceof Trap) && !(e instanceof InvalidError)) throw e;
  }
}

/** Fails a host call whose JavaScript threw what wasm may not catch: its frames go; the caller rethrows the error. */
function failCall(call: Call): void {
  try {
    call.trap(hostTrapReason);
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
  }
}

function checkNoV128(type: FuncTypeDesc): void {
  if (type.params.includes('v128') || type.results.includes('v128')) {
    throw new TypeError('a function with v128 parameters or results cannot be called from JavaScript');
  }
}

/** ToBigInt64: BigInt.asIntN applies ECMAScript's ToBigInt, which refuses Numbers (unlike BigInt()). */
function toBigInt64(v: unknown): bigint {
  return BigInt.asIntN(64, v as bigint);
}

export { FuncRef };
