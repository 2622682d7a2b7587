/** `WebAssembly.Table`: https://webassembly.github.io/spec/js-api/#tables */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import { TableRef } from '@proj/interpreter';
import { toJsError } from '../errors.js';
import { MAX_TABLE_INITIAL } from '../limits.js';
import type { WebAssemblyNamespace } from '../types.js';
import { dictionary, enforceRangeU32, requireArgs, toStringArg } from '../webidl.js';
import { defaultValue, readLimits, type Shared } from './shared.js';

const MAX_TABLE = MAX_TABLE_INITIAL;

const tableTypes: Record<string, 'funcref' | 'externref'> = { anyfunc: 'funcref', funcref: 'funcref', externref: 'externref' };

/** Makes the Table interface of one `WebAssembly` object. */
export function tableInterface({ engine, store, fromRef, tableObjects, tableRefs }: Shared): WebAssemblyNamespace['Table'] {
  class Table {
    readonly #ref: TableRef;

    /** @throws TypeError for a bad descriptor or value; RangeError for limits out of range */
    constructor(descriptor: { element: string; initial: number; maximum?: number }, value?: unknown) {
      requireArgs(arguments, 1, 'WebAssembly.Table');
      if (descriptor instanceof TableRef && arguments[1] === fromRef) {
        this.#ref = descriptor;
      } else {
        const d = dictionary(descriptor, 'WebAssembly.Table descriptor');
        const elementName = d.element;
        if (elementName === undefined) throw new TypeError('WebAssembly.Table: element is required');
        const elementText = toStringArg(elementName);
        const element = Object.hasOwn(tableTypes, elementText) ? tableTypes[elementText] : undefined;
        const { min, max } = readLimits(d, MAX_TABLE, 'WebAssembly.Table', 0xffffffff);
        if (element === undefined) throw new TypeError(`WebAssembly.Table: unknown element type ${elementText}`);
        const init = engine.toWasm(arguments.length < 2 ? defaultValue(element) : value, element);
        try {
          this.#ref = store.createTable(element, max === undefined ? { min } : { min, max }, init);
        } catch (e) {
          throw toJsError(e);
        }
      }
      tableObjects.set(this.#ref, this);
      tableRefs.set(this, this.#ref);
    }

    /** The number of elements. */
    get length(): number {
      return store.tableType(this.#ref).min;
    }

    /** Grows by `delta` elements set to `value`: the old length. @throws RangeError if it cannot grow */
    grow(delta: number, value?: unknown): number {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Table.prototype.grow');
      const n = enforceRangeU32(delta, 'delta');
      const t = store.tableType(ref).element;
      const init = engine.toWasm(arguments.length < 2 ? defaultValue(t) : value, t);
      if (store.tableType(ref).min + n > MAX_TABLE) throw new RangeError(`WebAssembly.Table.grow: cannot grow by ${n}`);
      const old = store.growTable(ref, n, init);
      if (old === -1) throw new RangeError(`WebAssembly.Table.grow: cannot grow by ${n}`);
      return old;
    }

    /** Element `index`. @throws RangeError out of bounds */
    get(index: number): unknown {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Table.prototype.get');
      const i = this.#index(index);
      return engine.toJs(store.tableGet(ref, i));
    }

    /** Sets element `index` to `value`. @throws RangeError out of bounds; TypeError for a value of another type */
    set(index: number, value?: unknown): undefined {
      const ref = this.#ref;
      requireArgs(arguments, 1, 'WebAssembly.Table.prototype.set');
      const i = this.#index(index);
      const t = store.tableType(ref).element;
      store.tableSet(ref, i, engine.toWasm(arguments.length < 2 ? defaultValue(t) : value, t));
      return undefined;
    }

    #index(index: unknown): number {
      const i = enforceRangeU32(index, 'index');
      if (i >= store.tableType(this.#ref).min) throw new RangeError(`table index ${i} is out of bounds`);
      return i;
    }
  }
  return Table;
}
