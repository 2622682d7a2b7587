/**
 * JSPI's members of one `WebAssembly` object: `Suspending` and `promising`.
 * https://github.com/WebAssembly/js-promise-integration
 */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import type { WebAssemblyNamespace } from '../types.js';
import { requireArgs } from '../webidl.js';
import type { Shared } from './shared.js';

/** Makes the Suspending interface and the promising function of one `WebAssembly` object. */
export function jspiMembers({ engine, store, suspendingFn }: Shared): Pick<WebAssemblyNamespace, 'Suspending' | 'promising'> {
  /** JSPI: an import whose returned promise suspends the wasm computation up to a `promising` export. */
  class Suspending {
    /** @throws TypeError unless `fn` is callable */
    constructor(fn: (...args: never[]) => unknown) {
      requireArgs(arguments, 1, 'WebAssembly.Suspending');
      if (typeof fn !== 'function') throw new TypeError('WebAssembly.Suspending: Argument 0 must be a function');
      suspendingFn.set(this, fn as (...args: unknown[]) => unknown);
    }
  }

  // A method, as a namespace member is: not a constructor.
  const members = {
    /** JSPI: a function returning a promise of `fn`'s results, whose Suspending imports may suspend it. @throws TypeError */
    promising(fn: unknown): (...args: unknown[]) => Promise<unknown> {
      requireArgs(arguments, 1, 'WebAssembly.promising');
      if (typeof fn !== 'function') throw new TypeError('WebAssembly.promising: Argument 0 must be a function');
      const ref = engine.funcRefOf(fn);
      if (ref === undefined) throw new TypeError('WebAssembly.promising: Argument 0 must be a WebAssembly exported function');
      const length = store.funcInfo(ref).params.length;
      const wrapper = (...args: unknown[]) => engine.callPromising(ref, args);
      Object.defineProperty(wrapper, 'length', { value: length });
      Object.defineProperty(wrapper, 'name', { value: fn.name });
      return wrapper;
    },
  };
  return { Suspending, promising: members.promising };
}
