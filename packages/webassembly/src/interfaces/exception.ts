/**
 * `WebAssembly.Exception`, of the exception-handling proposal:
 * https://webassembly.github.io/exception-handling/js-api/#runtime-exceptions
 *
 * `getArg` takes the tag and the index, as in the proposal's legacy JS API, its test suite and
 * V8 (the current draft has dropped the tag argument).
 */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import { ExceptionRef, type TagRef } from '@proj/interpreter';
import type { WebAssemblyNamespace } from '../types.js';
import { dictionary, enforceRangeU32, requireArgs, sequence } from '../webidl.js';
import type { Shared } from './shared.js';
import type { TagMembers } from './tag.js';

/** Makes the Exception interface of one `WebAssembly` object: the objects of its store's exceptions. */
export function exceptionInterface(shared: Shared, { tagOf }: Pick<TagMembers, 'tagOf'>): WebAssemblyNamespace['Exception'] {
  const { engine, store, fromRef } = shared;
  const bridge = engine.exceptions;

  const requireTag = (v: unknown, what: string): TagRef => {
    const tag = tagOf(v);
    if (tag === undefined) throw new TypeError(`${what}: the tag must be a WebAssembly.Tag`);
    return tag;
  };

  /** An exception: its tag and the values it carries (its payload). */
  class Exception {
    readonly #ref: ExceptionRef;
    readonly #stack: string | undefined;

    /**
     * @throws TypeError for a tag that is not a Tag or is WebAssembly.JSTag, a payload that is
     *   not iterable or not of the tag's length, a value that does not convert, a v128 parameter
     */
    constructor(exceptionTag: object, payload: Iterable<unknown>, options?: { traceStack?: boolean }) {
      if (exceptionTag instanceof ExceptionRef && (payload as unknown) === fromRef) {
        this.#ref = exceptionTag;
      } else {
        requireArgs(arguments, 2, 'WebAssembly.Exception');
        const what = 'WebAssembly.Exception';
        const tag = requireTag(exceptionTag, what);
        const values = sequence(payload, `${what}: the payload`);
        const traceStack = Boolean(dictionary(options, `${what} options`).traceStack);
        if (tag === bridge.jsTag()) throw new TypeError(`${what}: an exception of WebAssembly.JSTag cannot be made from JavaScript`);
        const { params } = store.tagType(tag);
        if (values.length !== params.length) throw new TypeError(`${what}: the tag takes ${params.length} values, not ${values.length}`);
        const vals = params.map((t, i) => {
          if (t === 'v128') throw new TypeError(`${what}: a v128 value cannot come from JavaScript`);
          return engine.toWasm(values[i], t);
        });
        this.#ref = store.createException(tag, vals);
        if (traceStack) this.#stack = callStack(Exception);
      }
      bridge.register(this, this.#ref);
    }

    /**
     * The value at `index` of the payload. @throws TypeError for a tag that is not this
     *   exception's, an index that is not an unsigned long, a v128 value; RangeError for an
     *   index past the payload
     */
    getArg(exceptionTag: object, index: number): unknown {
      const ref = this.#ref;
      requireArgs(arguments, 2, 'WebAssembly.Exception.prototype.getArg');
      const what = 'WebAssembly.Exception.prototype.getArg';
      const tag = requireTag(exceptionTag, what);
      const i = enforceRangeU32(index, `${what}: the index`);
      if (store.exceptionTag(ref) !== tag) throw new TypeError(`${what}: the tag is not the exception's`);
      const { params } = store.tagType(tag);
      if (i >= params.length) throw new RangeError(`${what}: index ${i} is past the payload's ${params.length} values`);
      if (params[i] === 'v128') throw new TypeError(`${what}: a v128 value cannot cross into JavaScript`);
      return engine.toJs(store.exceptionValues(ref)[i]);
    }

    /** Whether the exception is of tag `exceptionTag`. @throws TypeError unless it is a Tag */
    is(exceptionTag: object): boolean {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Exception.prototype.is');
      return store.exceptionTag(ref) === requireTag(exceptionTag, 'WebAssembly.Exception.prototype.is');
    }

    /** The stack where the exception was made with `traceStack`, else undefined. */
    get stack(): string | undefined {
      return this.#stack;
    }
  }

  bridge.makeObject = (ref) => Reflect.construct(Exception, [ref, fromRef]) as object;
  return Exception as unknown as WebAssemblyNamespace['Exception'];
}

/** The current call stack, as the platform writes an Error's, from the caller of `above` where the platform can say. */
function callStack(above: abstract new (...args: never[]) => unknown): string | undefined {
  const capture = (Error as { captureStackTrace?: (target: object, above: unknown) => void }).captureStackTrace;
  if (capture === undefined) return new Error().stack;
  const holder: { stack?: string } = {};
  capture(holder, above);
  return holder.stack;
}
