/**
 * Exceptions crossing between JavaScript and wasm, as the exception-handling proposal's JS API
 * says (https://webassembly.github.io/exception-handling/js-api/): a value JavaScript throws
 * where wasm called it becomes an exception of the store (a `WebAssembly.Exception` stays the
 * exception it stands for; anything else is carried by the JavaScript exception tag), and an
 * exception no wasm handler caught becomes a JavaScript value again (the carried value, or the
 * `WebAssembly.Exception` of the exception). One JavaScript object per exception, both ways, so
 * that an exception wasm catches and rethrows reaches JavaScript as the object that was thrown.
 */
import { type ExceptionRef, type Store, type TagRef, Val } from '@proj/interpreter';

export class ExceptionBridge {
  /** The `WebAssembly.Exception` of each exception that has one, and each one's exception. */
  private readonly objects = new WeakMap<ExceptionRef, object>();
  private readonly refs = new WeakMap<object, ExceptionRef>();
  /** The JavaScript exception tag (`WebAssembly.JSTag`): made on first use, as the proposal says. */
  private jsTagRef: TagRef | undefined;
  /** Makes the `WebAssembly.Exception` of an exception wasm threw (set by the Exception interface, which registers it). */
  makeObject: (exception: ExceptionRef) => object = () => {
    throw new Error('internal: no Exception interface');
  };

  constructor(private readonly store: Store) {}

  /** The JavaScript exception tag: one externref parameter, one per store. */
  jsTag(): TagRef {
    return (this.jsTagRef ??= this.store.createTag(['externref']));
  }

  /** Links a `WebAssembly.Exception` and its exception (the Exception constructor calls it). */
  register(object: object, exception: ExceptionRef): void {
    this.objects.set(exception, object);
    this.refs.set(object, exception);
  }

  /** The exception behind `object`, if it is a `WebAssembly.Exception` of this store. */
  exceptionOf(object: unknown): ExceptionRef | undefined {
    return typeof object === 'object' && object !== null ? this.refs.get(object) : undefined;
  }

  /**
   * The exception value `thrown` becomes in wasm, thrown by JavaScript where wasm called it: the
   * exception of a `WebAssembly.Exception` of this store, else a new exception of the JavaScript
   * exception tag carrying `thrown` (a `WebAssembly.Exception` of another `WebAssembly` object
   * is a value like any other: its tag means nothing in this store).
   */
  fromJs(thrown: unknown): ExceptionRef {
    return this.exceptionOf(thrown) ?? this.store.createException(this.jsTag(), [Val.externref(thrown)]);
  }

  /**
   * What JavaScript receives for an exception that no wasm handler caught: the value it carries
   * if it is of the JavaScript exception tag, else its `WebAssembly.Exception` (the same object
   * each time).
   */
  toJs(exception: ExceptionRef): unknown {
    if (this.store.exceptionTag(exception) === this.jsTagRef) {
      const [carried] = this.store.exceptionValues(exception);
      if (carried.type === 'externref') return carried.value;
    }
    return this.objects.get(exception) ?? this.makeObject(exception);
  }
}
