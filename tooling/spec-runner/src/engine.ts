/**
 * What the runner will need from an execution engine to run the execution directives
 * (register, invoke, get and the assert_* forms that run code). Nothing implements it yet:
 * until the interpreter exists, ScriptRunner counts those directives as pending, and its
 * per-directive methods are where an engine plugs in.
 */

import type { Value } from './values.js';

export interface ExecutionEngine {
  /** Instantiates a module as the current one, also under `name` if given; throws a WasmError on failure. */
  instantiate(bytes: Uint8Array, name?: string): void;
  /** Makes the exports of module `name` (default: the current one) importable as `as`. */
  register(as: string, name?: string): void;
  /** Calls an exported function; throws a WasmError (kind 'trap' for traps). */
  invoke(field: string, args: Value[], module?: string): Value[];
  /** Reads an exported global. */
  get(field: string, module?: string): Value;
}
