/**
 * The ExecutionEngine of @proj/interpreter, through its public API only: one Store per script,
 * with the spectest host functions linked and the spectest wasm module registered before any of
 * the script's modules. Host calls (only spectest prints) are driven to completion here. With
 * `fuel` the store meters execution: a pause for fuel is then an error, never a result.
 */

import {
  Module,
  Store,
  UncaughtException,
  Val,
  type Call,
  type InstId,
  type OutOfFuel,
  type Profile,
  type RunResult,
} from '@proj/interpreter';
import type { Actual } from './compare.js';
import type { ExecutionEngine } from './engine.js';
import { SPECTEST, SPECTEST_PRINTS } from './spectest.js';
import type { Value } from './values.js';

export interface InterpreterEngineOptions {
  /** The spectest wasm module (see spectest.ts). */
  spectest: Uint8Array;
  /** Passed to every `new Module`; undefined leaves the engine's default. */
  profile?: string;
  /** Told about every spectest print call. */
  onPrint?: (name: string, args: readonly Val[]) => void;
  /** Make the store metered with this much fuel (see fuelFromEnv); undefined: unmetered. */
  fuel?: number;
}

/** The host value passed for `(ref.extern N)`: one object per N and engine, compared by identity. */
export interface HostRef {
  readonly externref: number;
}

/** The profile named by SPEC_PROFILE, or undefined (the engine's default) if unset or empty. */
export function profileFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const p = env.SPEC_PROFILE;
  return p === undefined || p === '' ? undefined : p;
}

/**
 * The fuel SPEC_FUEL asks for: `1` meters every store with Number.MAX_SAFE_INTEGER fuel (more
 * than any script uses, so a pause is a failure); unset, empty or `0`: unmetered.
 * @throws Error for any other value
 */
export function fuelFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const f = env.SPEC_FUEL;
  if (f === undefined || f === '' || f === '0') return undefined;
  if (f === '1') return Number.MAX_SAFE_INTEGER;
  throw new Error(`SPEC_FUEL must be 1 (metered, ample fuel), 0 or unset, not ${JSON.stringify(f)}`);
}

/** Thrown when a metered store pauses for fuel: the runner reports it as a crash of the directive. */
export class OutOfFuelError extends Error {
  constructor(where: string) {
    super(`out-of-fuel during ${where}: the store was made with fuel to spare, so metering must never pause`);
    this.name = 'OutOfFuelError';
  }
}

export class InterpreterEngine implements ExecutionEngine {
  private readonly store: Store;
  private readonly hostRefs = new Map<number, HostRef>();
  private readonly profile: string | undefined;
  private readonly onPrint: InterpreterEngineOptions['onPrint'];
  /** The spectest instance. */
  readonly spectest: InstId;

  constructor(options: InterpreterEngineOptions) {
    this.store = new Store(options.fuel === undefined ? {} : { fuel: options.fuel });
    this.profile = options.profile;
    this.onPrint = options.onPrint;
    for (const p of SPECTEST_PRINTS) this.store.linkFuncCustom(SPECTEST, p.name, { params: p.params, results: [] });
    this.spectest = this.instantiate(this.compile(options.spectest));
    this.store.setName(this.spectest, SPECTEST);
  }

  compile(bytes: Uint8Array): Module {
    // The profile is the engine's to check: an unknown name is passed on as given.
    return new Module(bytes, { profile: this.profile as Profile | undefined });
  }

  instantiate(module: unknown): InstId {
    const id = this.store.instantiate(module as Module);
    const call = this.store.lastCall();
    if (call !== undefined) this.drive({ kind: 'host', call });
    const pause = this.store.lastPause();
    if (pause !== undefined) this.outOfFuel(pause, 'instantiation');
    return id;
  }

  register(inst: unknown, as: string): void {
    this.store.setName(inst as InstId, as);
  }

  invoke(inst: unknown, field: string, args: Value[]): Actual[] {
    const result = this.store.invoke(inst as InstId, field, args.map((a) => this.toVal(a)));
    return this.drive(result).map((v) => this.toActual(v));
  }

  get(inst: unknown, field: string): Actual {
    return this.toActual(this.store.getGlobal(inst as InstId, field));
  }

  isUncaughtException(e: unknown): boolean {
    return e instanceof UncaughtException;
  }

  /** The host value for `(ref.extern n)`. */
  hostRef(n: number): HostRef {
    let ref = this.hostRefs.get(n);
    if (ref === undefined) this.hostRefs.set(n, (ref = Object.freeze({ externref: n })));
    return ref;
  }

  /** Resumes host calls until the execution is done. */
  private drive(result: RunResult): Val[] {
    let r = result;
    while (r.kind === 'host') r = r.call.resume(this.hostCall(r.call));
    if (r.kind === 'out-of-fuel') this.outOfFuel(r, 'an invocation');
    return r.values;
  }

  /** Ends the paused invocation (the store stays usable) and throws OutOfFuelError. */
  private outOfFuel(pause: OutOfFuel, where: string): never {
    try {
      pause.trap('out of fuel');
    } catch {
      // The Trap that ends it: the OutOfFuelError below, not a trap, is the outcome.
    }
    throw new OutOfFuelError(where);
  }

  private hostCall(call: Call): Val[] {
    const p = SPECTEST_PRINTS[call.index];
    if (p === undefined) throw new Error(`host call to unlinked host function ${call.index}`);
    this.onPrint?.(p.name, call.args);
    return [];
  }

  private toVal(v: Value): Val {
    switch (v.type) {
      case 'i32':
        return Val.i32(v.bits);
      case 'i64':
        return Val.i64(v.bits);
      case 'f32':
        return Val.f32Bits(v.bits);
      case 'f64':
        return Val.f64Bits(v.bits);
      case 'v128':
        return Val.v128(v.bytes);
      case 'funcref':
        return Val.funcref(null);
      case 'externref':
        return Val.externref(v.ref === null ? null : this.hostRef(v.ref));
    }
  }

  private toActual(v: Val): Actual {
    switch (v.type) {
      case 'i32':
        return { type: 'i32', bits: v.value >>> 0 };
      case 'i64':
        return { type: 'i64', bits: BigInt.asUintN(64, v.value) };
      case 'f32':
        return { type: 'f32', bits: v.bits };
      case 'f64':
        return { type: 'f64', bits: v.bits };
      case 'v128':
        return { type: 'v128', bytes: v.bytes };
      case 'funcref':
        return { type: 'funcref', ref: v.value === null ? null : 'func' };
      case 'externref': {
        const x = v.value;
        if (x === null) return { type: 'externref', ref: null };
        const n = (x as Partial<HostRef>).externref;
        return { type: 'externref', ref: typeof n === 'number' && this.hostRefs.get(n) === x ? n : 'foreign' };
      }
    }
  }
}

/** Logs spectest prints as the reference interpreter does (`name(args)`), prefixed with the script. */
export function printLogger(file: string, log: (line: string) => void): (name: string, args: readonly Val[]) => void {
  return (name, args) => {
    const text = args.map((v) => {
      if (v.type === 'v128') return `${[...v.bytes].join(' ')}:v128`;
      return `${String(v.value)}:${v.type}`;
    });
    log(`${file}: spectest.${name}(${text.join(', ')})`);
  };
}
