/**
 * `WebAssembly.Memory`, and the detaching of the buffers JavaScript holds when wasm grows a
 * memory: https://webassembly.github.io/spec/js-api/#memories
 */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import { MemoryRef } from '@proj/interpreter';
import { toJsError } from '../errors.js';
import type { WebAssemblyNamespace } from '../types.js';
import { enforceRangeU32, requireArgs } from '../webidl.js';
import { readLimits, type Shared } from './shared.js';

const MAX_PAGES = 65536;

/** Makes the Memory interface of one `WebAssembly` object, and hooks its buffers to `engine.returnToJs`. */
export function memoryInterface({ engine, store, fromRef, memoryObjects, memoryRefs }: Shared): WebAssemblyNamespace['Memory'] {
  /** Memories whose buffer JavaScript has read: their old buffers detach when control returns to JavaScript. */
  const watched = new Set<WeakRef<Memory>>();
  let refreshBuffer: (m: Memory) => void = () => {};
  engine.returnToJs = () => {
    for (const w of watched) {
      const m = w.deref();
      if (m === undefined) watched.delete(w);
      else refreshBuffer(m);
    }
  };

  class Memory {
    readonly #ref: MemoryRef;
    #buffer: ArrayBuffer | undefined;

    /** @throws TypeError for a bad descriptor; RangeError for limits out of range or memory the platform cannot give */
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean }) {
      requireArgs(arguments, 1, 'WebAssembly.Memory');
      if (descriptor instanceof MemoryRef && arguments[1] === fromRef) {
        this.#ref = descriptor;
      } else {
        const { min, max, shared } = readLimits(descriptor, MAX_PAGES, 'WebAssembly.Memory', MAX_PAGES, true);
        try {
          this.#ref = store.createMemory(max === undefined ? { min } : { min, max, shared });
        } catch (e) {
          throw toJsError(e);
        }
      }
      memoryObjects.set(this.#ref, this);
      memoryRefs.set(this, this.#ref);
    }

    /**
     * The memory's bytes; a new ArrayBuffer after growth (the old one is detached). A shared
     * memory's is a frozen SharedArrayBuffer that grows in place.
     */
    get buffer(): ArrayBuffer {
      if (this.#buffer === undefined) watched.add(new WeakRef(this));
      return this.#refresh();
    }

    /** Detaches the buffer JavaScript holds if wasm grew the memory since, and returns the current one. */
    #refresh(): ArrayBuffer {
      const current = store.memoryBytes(this.#ref).buffer as ArrayBuffer;
      if (current !== this.#buffer) {
        if (this.#buffer !== undefined && this.#buffer.byteLength > 0) detach(this.#buffer);
        if (!(current instanceof ArrayBuffer)) Object.freeze(current);
        this.#buffer = current;
      }
      return current;
    }

    static {
      refreshBuffer = (m) => m.#refresh();
    }

    /** Grows by `delta` pages: the old size. @throws RangeError if it cannot grow */
    grow(delta: number): number {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Memory.prototype.grow');
      const pages = enforceRangeU32(delta, 'delta');
      const old = store.growMemory(ref, pages);
      if (old === -1) throw new RangeError(`WebAssembly.Memory.grow: cannot grow by ${pages} pages`);
      this.#refresh();
      return old;
    }
  }
  return Memory;
}

/** Detaches an ArrayBuffer the memory no longer uses. */
function detach(buffer: ArrayBuffer): void {
  const transfer = (globalThis as { structuredClone?: (v: unknown, o: { transfer: ArrayBuffer[] }) => unknown }).structuredClone;
  transfer?.(buffer, { transfer: [buffer] });
}
