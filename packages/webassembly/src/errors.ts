/**
 * The WebAssembly error classes: native-error-like constructors shared by every `WebAssembly`
 * object this package makes, so that `instanceof` holds across them.
 *
 * https://webassembly.github.io/spec/js-api/#error-objects
 */
import { InvalidError, NotFoundError, Trap, UnsupportedError, WasmError } from '@proj/interpreter';

/** A module that does not decode or validate (or that this engine cannot run). */
export class CompileError extends Error {}
/** An import that does not match what the module asks for. */
export class LinkError extends Error {}
/** A trap. */
export class RuntimeError extends Error {}
/** JSPI: a suspension with no `promising` export to suspend up to. */
export class SuspendError extends Error {}

for (const cls of [CompileError, LinkError, RuntimeError, SuspendError]) {
  // As for TypeError: `name` and an empty `message` on the prototype, not enumerable.
  Object.defineProperty(cls.prototype, 'name', { value: cls.name, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(cls.prototype, 'message', { value: '', writable: true, enumerable: false, configurable: true });
  Object.defineProperty(cls, 'length', { value: 1 });
}

/** V8's message for an exhausted call stack, which this package gives for the engine's too. */
const STACK_OVERFLOW = 'Maximum call stack size exceeded';

/**
 * The errors traps became (of every `WebAssembly` object this package makes): when one comes back
 * into wasm through an import, no handler may catch it, as the exception-handling proposal asks
 * ("Traps" in its JS API overview): catching it after it crossed JavaScript would not be
 * consistent with not catching the trap itself.
 */
const fromTraps = new WeakSet<object>();

/** What a trap becomes in JavaScript: a RuntimeError, or V8's RangeError for stack exhaustion. */
export function trapToJs(e: Trap): Error {
  const error = e.reason === 'call stack exhausted' ? new RangeError(STACK_OVERFLOW) : new RuntimeError(e.reason);
  fromTraps.add(error);
  return error;
}

/**
 * Whether a value JavaScript threw must pass through wasm frames uncaught: an error a trap became,
 * the engine's own Trap (a host that means the call to trap, as @proj/wasi's adapter does: it
 * reaches the caller as a RuntimeError), or the platform's own stack overflow (told by V8's
 * message: the platform marks it in no other way JavaScript can see), which the proposal also
 * keeps from wasm handlers.
 */
export function isUncatchable(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  return fromTraps.has(e) || e instanceof Trap || (e instanceof RangeError && e.message === STACK_OVERFLOW);
}

/** Maps an engine error to its JavaScript API class; anything else is returned as it is. */
export function toJsError(e: unknown, compiling = false): unknown {
  if (!(e instanceof WasmError)) return e;
  if (e instanceof Trap) return trapToJs(e);
  if (compiling && (e instanceof InvalidError || e instanceof UnsupportedError)) return new CompileError(e.message);
  if (e instanceof NotFoundError) return new LinkError(e.message);
  if ((e.kind as string) === 'limit' || e instanceof UnsupportedError) return new RangeError(e.message);
  return new TypeError(e.message);
}
