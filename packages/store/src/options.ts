/**
 * The Store's options, with their defaults and bounds; the checks of API arguments that name
 * what was expected; and how an error that is not a WasmError is reported.
 */
import { InvalidError } from '@proj/decoder';
import { DEFAULT_LIMITS, Trap } from '@proj/interp-core';

export interface StoreOptions {
  /**
   * Wasm calls that may be active at once; one more traps with `call stack exhausted`.
   * Default 20,000; an integer from 1 to 10,000,000.
   */
  maxCallDepth?: number;
  /**
   * Bytes the value stack (locals and operands of every active call) may grow to.
   * Default 64 MiB; an integer from 4,096 to 4 GiB.
   */
  maxStackBytes?: number;
  /**
   * Bytes of linear memory all the store's instances may hold together (memories the host
   * provides to `instantiate` are not counted). Default 4 GiB; an integer from 0 to 2**53 - 1.
   */
  maxMemoryBytes?: number;
  /**
   * Table elements all the store's instances may hold together. Default 10,000,000; an integer
   * from 0 to 2**32.
   */
  maxTableElements?: number;
  /**
   * Keep every memory's buffer exactly its size, as the JavaScript API's `Memory.buffer` needs:
   * each `memory.grow` then copies the whole memory. Default false: growth leaves spare capacity
   * (at most half the memory's size again, never observable), so that growing page by page costs
   * time linear in the final size.
   */
  exactMemoryBuffers?: boolean;
  /**
   * Meter execution with this much fuel to start with (see getFuel, setFuel and the
   * `out-of-fuel` RunResult). Default: no metering, at no cost. An integer from 0 to 2**53 - 1.
   */
  fuel?: number;
}

/** Each option's default and bounds (StoreOptions documents them). */
const OPTION_BOUNDS = {
  maxCallDepth: { default: DEFAULT_LIMITS.maxCallDepth, min: 1, max: 10_000_000 },
  maxStackBytes: { default: 64 * 1024 * 1024, min: 4096, max: 2 ** 32 },
  maxMemoryBytes: { default: 2 ** 32, min: 0, max: Number.MAX_SAFE_INTEGER },
  maxTableElements: { default: 10_000_000, min: 0, max: 2 ** 32 },
  fuel: { default: 0, min: 0, max: Number.MAX_SAFE_INTEGER },
} as const;

/** The value of option `key`: its default, or the given value if it is an integer within bounds. */
export function option(options: StoreOptions, key: keyof typeof OPTION_BOUNDS): number {
  const b = OPTION_BOUNDS[key];
  const v: unknown = options[key];
  if (v === undefined) return b.default;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < b.min || v > b.max) {
    throw new InvalidError(`StoreOptions.${key} must be an integer from ${b.min} to ${b.max}, not ${describe(v)}`);
  }
  return v;
}

/** Throws InvalidError unless `s` is a string; `what` names the argument. */
export function checkString(s: unknown, what: string): asserts s is string {
  if (typeof s !== 'string') throw new InvalidError(`${what} must be a string, not ${describe(s)}`);
}

/** A short description of a value the API did not expect, for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  if (typeof v === 'bigint') return `bigint ${v}n`;
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : `an object (${Object.getPrototypeOf(v)?.constructor?.name ?? 'no prototype'})`;
  return typeof v;
}

/** Params or results a host function type may have (the JavaScript API's limit, js-api "Limits"). */
export const MAX_HOST_TYPE_ARITY = 1000;

/** A failure that is not a WasmError is a bug of the engine: report it as one, never silently. */
export function internalError(e: unknown): Error {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new Trap('call stack exhausted');
  return e instanceof Error ? e : new Error(String(e));
}
