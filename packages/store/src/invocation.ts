/**
 * Invocations: what one gives back (a result, or a suspension the host answers: a host call, a
 * pause for fuel), the exception that ends one no handler caught, and how the Store keeps track
 * of the instances and of each invocation in progress.
 */
import type { Execution, HostFunc, InstanceRt, Module, Val } from '@proj/interp-core';
import { Trap } from '@proj/interp-core';
import type { ExceptionRef } from './externs.js';
import type { ExportDesc } from './instantiate.js';

/**
 * An exception that no handler caught (thrown by wasm, or by the host with call.throw): the
 * invocation ended, as for a trap. `exception` is what was thrown.
 */
export class UncaughtException extends Trap {
  constructor(readonly exception: ExceptionRef) {
    super('uncaught exception');
    this.name = 'UncaughtException';
  }
}

/** Identifies an instance in its store. */
export type InstId = number;

/** The outcome of a (possibly partial) execution. */
export type RunResult = { kind: 'done'; values: Val[] } | { kind: 'host'; call: Call } | OutOfFuel;

/** An execution paused because too little fuel was left for its next step (metered stores only). */
export interface OutOfFuel {
  readonly kind: 'out-of-fuel';
  /**
   * Goes on from where it paused, with the fuel the store has now (see Store.setFuel): with too
   * little for the next step, it pauses again at once.
   * @throws InvalidError for a stale pause, or one resumed out of order; Trap if execution traps
   */
  resume(): RunResult;
  /**
   * Ends the paused invocation with a trap, as call.trap does for a host call.
   * @throws Trap with `reason`, always; InvalidError (and nothing changes) for a stale pause or
   *   one that is not the innermost suspended invocation
   */
  trap(reason: string): never;
}

/** An execution suspended at a call into the host. */
export interface Call {
  /** Which linked host function is called (link order, from 0). */
  readonly index: number;
  readonly args: readonly Val[];
  /** The calling instance. */
  readonly inst: InstId;
  /** The calling instance's memory 0, as it is now. */
  memory(): Uint8Array;
  /**
   * Continues the execution with the host function's results.
   * @throws InvalidError for a stale call, a call resumed out of order, or results that do not
   *   match the host function's result types; Trap if execution traps
   */
  resume(results: Val[]): RunResult;
  /**
   * Fails the host function: the invocation traps as if the host function had trapped. Its
   * frames are discarded and invocations suspended further out can still be resumed.
   * @throws Trap with `reason`, always; InvalidError (and nothing changes) for a stale call or a
   *   call that is not the innermost suspended one
   */
  trap(reason: string): never;
  /**
   * Ends the host function by throwing `exception` where it was called: a handler of the wasm
   * frames may catch it; if none does, the invocation ends with an UncaughtException.
   * @throws InvalidError (and nothing changes) for a stale call, a call that is not the innermost
   *   suspended one, or an exception of another store; UncaughtException, Trap as for resume
   */
  throw(exception: ExceptionRef): RunResult;
}

/** @internal An invocation in progress: running, suspended in `call`, or paused for fuel (`pause`). */
export interface Activation {
  readonly ex: Execution | null;
  call: CallImpl | null;
  pause: PauseImpl | null;
  /** For the start function: the instance that becomes usable when it finishes. */
  readonly starting: Instance | null;
}

/** @internal */
export interface Instance {
  readonly id: InstId;
  readonly rt: InstanceRt;
  readonly module: Module;
  /** Indices of exports in the instance's spaces, by name. */
  readonly exports: ReadonlyMap<string, ExportDesc>;
  /** The start function's address, if the module has one. */
  readonly start: number | undefined;
  state: 'starting' | 'ready' | 'failed';
}

/** @internal What a pending call or pause asks of its store (the Store answers). */
export interface Driver {
  resumePause(pause: PauseImpl): RunResult;
  trapPause(pause: PauseImpl, reason: string): never;
  resumeCall(call: CallImpl, results: Val[]): RunResult;
  trapCall(call: CallImpl, reason: string): never;
  throwCall(call: CallImpl, exception: ExceptionRef): RunResult;
}

/** @internal A pause of `act` for fuel. */
export class PauseImpl implements OutOfFuel {
  readonly kind = 'out-of-fuel';

  constructor(
    private readonly store: Driver,
    readonly act: Activation,
  ) {}

  resume(): RunResult {
    return this.store.resumePause(this);
  }

  trap(reason: string): never {
    return this.store.trapPause(this, reason);
  }
}

/** @internal A host call `act` is suspended in. */
export class CallImpl implements Call {
  readonly index: number;
  readonly inst: InstId;

  constructor(
    private readonly store: Driver,
    readonly act: Activation,
    readonly host: HostFunc,
    readonly args: readonly Val[],
    private readonly caller: Instance | null,
  ) {
    this.index = host.hostIndex;
    this.inst = caller ? caller.id : -1;
  }

  memory(): Uint8Array {
    const mem = this.caller?.rt.mems[0];
    return mem ? mem.bytes() : new Uint8Array(0);
  }

  resume(results: Val[]): RunResult {
    return this.store.resumeCall(this, results);
  }

  trap(reason: string): never {
    return this.store.trapCall(this, reason);
  }

  throw(exception: ExceptionRef): RunResult {
    return this.store.throwCall(this, exception);
  }
}
