/** `WebAssembly.Global`: https://webassembly.github.io/spec/js-api/#globals */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import { GlobalRef } from '@proj/interpreter';
import type { WebAssemblyNamespace } from '../types.js';
import { dictionary, requireArgs } from '../webidl.js';
import { defaultValue, type Shared, toValueType } from './shared.js';

/** Makes the Global interface of one `WebAssembly` object. */
export function globalInterface({ engine, store, fromRef, globalObjects, globalRefs }: Shared): WebAssemblyNamespace['Global'] {
  class Global {
    readonly #ref: GlobalRef;

    /** @throws TypeError for a bad descriptor or value */
    constructor(descriptor: { value: string; mutable?: boolean }, v?: unknown) {
      requireArgs(arguments, 1, 'WebAssembly.Global');
      if (descriptor instanceof GlobalRef && arguments[1] === fromRef) {
        this.#ref = descriptor;
      } else {
        const d = dictionary(descriptor, 'WebAssembly.Global descriptor');
        const mutable = Boolean(d.mutable);
        const typeName = d.value;
        if (typeName === undefined) throw new TypeError('WebAssembly.Global: value is required');
        const type = toValueType(typeName, 'WebAssembly.Global');
        if (type === 'v128') throw new TypeError('WebAssembly.Global: a v128 global cannot be made from JavaScript');
        const value = engine.toWasm(v === undefined ? defaultValue(type) : v, type);
        this.#ref = store.createGlobal(type, mutable, value);
      }
      globalObjects.set(this.#ref, this);
      globalRefs.set(this, this.#ref);
    }

    /** The global's value. @throws TypeError for a v128 global */
    get value(): unknown {
      return engine.toJs(store.globalValue(this.#ref));
    }

    /** @throws TypeError for an immutable global, a v128 global, or a value of another type */
    set value(v: unknown) {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Global.prototype.value setter');
      const { type, mutable } = store.globalType(ref);
      if (!mutable) throw new TypeError('WebAssembly.Global: the global is immutable');
      store.setGlobalValue(ref, engine.toWasm(v, type));
    }

    /** The global's value. @throws TypeError for a v128 global */
    valueOf(): unknown {
      return engine.toJs(store.globalValue(this.#ref));
    }
  }
  return Global;
}
