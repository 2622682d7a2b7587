/**
 * The engine behind one `WebAssembly` object: one Store for every module, instance and object
 * it makes (so that a function exported by one instance and imported by another is the same
 * function), the value conversions, exported functions, and the loops that answer host calls:
 * synchronously for plain exports, asynchronously for JSPI's `promising` ones.
 *
 * https://webassembly.github.io/spec/js-api/#exported-function-exotic-objects
 */
import { type Call, FuncRef, type FuncTypeDesc, type Profile, type RunResult, Store, Trap, Val, type ValType } from '@proj/interpreter';
import { SuspendError, toJsError } from './errors.js';
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

export class Engine {
  /** Memory.buffer is an ArrayBuffer of exactly the memory's size, replaced on every grow. */
  readonly store = new Store({ exactMemoryBuffers: true });
  private readonly exported = new Map<number, JsFunction>();
  private readonly refs = new WeakMap<object, FuncRef>();
  private readonly hosts: HostEntry[] = [];
  private readonly hostNames = new Map<number, string>();
  /** JSPI: whether a `Suspending` import may suspend now (a `promising` call runs wasm directly). */
  private suspendable = false;
  /**
   * Called whenever control passes from wasm to JavaScript (an import is called, an export
   * returns or throws), so that memories grown inside wasm detach their old buffers at once.
   */
  returnToJs: () => void = () => {};
  /** Asynchronous drivers waiting for the invocations above theirs to finish. */
  private waiters: (() => void)[] = [];

  constructor(readonly profile: Profile | undefined) {}

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
    try {
      return this.resultsToJs(this.runSync(this.store.invokeFunc(ref, vals)));
    } catch (e) {
      throw toJsError(e);
    } finally {
      this.suspendable = outer;
      this.returnToJs();
    }
  }

  /** Answers host calls until the invocation is done; a throwing import unwinds it. */
  runSync(r: RunResult): Val[] {
    while (r.kind === 'host') {
      const call = r.call;
      r = call.resume(this.answerOrFail(call));
    }
    // Its stores do not meter fuel, so nothing pauses.
    if (r.kind !== 'done') throw new Error('webassembly: an unmetered invocation paused');
    return r.values;
  }

  /** `answer`, failing the call (its frames go) if the import throws. */
  private answerOrFail(call: Call): Val[] {
    try {
      return this.answer(call);
    } catch (e) {
      failCall(call);
      throw e;
    }
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
   * as their promises settle. Returns a promise of its results.
   */
  async callPromising(ref: FuncRef, args: unknown[]): Promise<unknown> {
    const type = this.store.funcInfo(ref);
    checkNoV128(type);
    const vals = type.params.map((t, i) => this.toWasm(args[i], t));
    try {
      let r = this.runWasm(() => this.store.invokeFunc(ref, vals));
      while (r.kind === 'host') {
        const call = r.call;
        const h = this.hosts[call.index];
        if (!h.suspending) {
          const results = this.answerOrFail(call);
          r = this.runWasm(() => call.resume(results));
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
        if (!settled.ok) {
          failCall(call);
          throw settled.error;
        }
        let results: Val[];
        try {
          results = this.coerceReturn(settled.value, h.type.results);
        } catch (e) {
          failCall(call);
          throw e;
        }
        r = this.runWasm(() => call.resume(results));
      }
      if (r.kind !== 'done') throw new Error('webassembly: an unmetered invocation paused');
      return this.resultsToJs(r.values);
    } catch (e) {
      throw toJsError(e);
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
  private runWasm(step: () => RunResult): RunResult {
    const outer = this.suspendable;
    this.suspendable = true;
    try {
      return step();
    } finally {
      this.suspendable = outer;
    }
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

/** Fails a host call whose JavaScript threw: its frames go; the JavaScript error is rethrown by the caller. */
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
