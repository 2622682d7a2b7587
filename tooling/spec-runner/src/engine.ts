/**
 * What the runner needs from an execution engine to run the execution directives (module,
 * register, invoke, get and the assert_* forms that run code). One engine serves one script:
 * all of its modules share one store, so that registered instances stay importable.
 * interp-engine.ts implements it with @proj/interpreter.
 */

import type { Actual } from './compare.js';
import type { Value } from './values.js';

/** A compiled module and an instance, as the engine represents them. */
export type ModuleHandle = unknown;
export type InstanceHandle = unknown;

export interface ExecutionEngine {
  /** Validates and prepares a module; throws a WasmError if the engine rejects it. */
  compile(bytes: Uint8Array): ModuleHandle;
  /**
   * Instantiates a compiled module and runs its start function to completion; throws a WasmError
   * (kind 'trap' if initialization or the start function traps, another kind if linking fails).
   */
  instantiate(module: ModuleHandle): InstanceHandle;
  /** Makes the instance's exports importable under `as`. */
  register(inst: InstanceHandle, as: string): void;
  /** Calls an exported function to completion; throws a WasmError (kind 'trap' for traps). */
  invoke(inst: InstanceHandle, field: string, args: Value[]): Actual[];
  /** Reads an exported global. */
  get(inst: InstanceHandle, field: string): Actual;
  /**
   * Is `e` what invoke or instantiate throws for a wasm exception no handler caught (exception
   * handling)? The suite tells it from a trap (assert_exception), whatever kind the error has.
   */
  isUncaughtException(e: unknown): boolean;
}
