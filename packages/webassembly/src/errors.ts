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

/** What a trap becomes in JavaScript: a RuntimeError, or V8's RangeError for stack exhaustion. */
export function trapToJs(e: Trap): Error {
  if (e.reason === 'call stack exhausted') return new RangeError('Maximum call stack size exceeded');
  return new RuntimeError(e.reason);
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
