/**
 * What the interfaces of one `WebAssembly` object share: its engine, the links between the
 * engine's objects (modules, memories, tables, globals) and the JavaScript objects that stand for
 * them, and the Web IDL helpers more than one interface needs.
 */
import type { GlobalRef, MemoryRef, Module as EngineModule, TableRef, TagRef, ValType } from '@proj/interpreter';
import type { Engine } from '../engine.js';
import { dictionary, enforceRangeU32, toStringArg } from '../webidl.js';

/** The state one `WebAssembly` object's interfaces share; each interface's maker takes it. */
export interface Shared {
  readonly engine: Engine;
  readonly store: Engine['store'];
  /** Marks a constructor call that wraps an existing ref instead of reading a descriptor. */
  readonly fromRef: symbol;
  /** The engine's module behind each WebAssembly.Module. */
  readonly moduleOf: WeakMap<object, EngineModule>;
  /** The initial sizes of each compiled module's own tables, checked at instantiation. */
  readonly tablesOf: WeakMap<EngineModule, number[]>;
  /** Each ref's JavaScript object, made once, and each object's ref. */
  readonly memoryObjects: WeakMap<MemoryRef, object>;
  readonly memoryRefs: WeakMap<object, MemoryRef>;
  readonly tableObjects: WeakMap<TableRef, object>;
  readonly tableRefs: WeakMap<object, TableRef>;
  readonly globalObjects: WeakMap<GlobalRef, object>;
  readonly globalRefs: WeakMap<object, GlobalRef>;
  readonly tagObjects: WeakMap<TagRef, object>;
  readonly tagRefs: WeakMap<object, TagRef>;
  /** The function each WebAssembly.Suspending wraps. */
  readonly suspendingFn: WeakMap<object, (...args: unknown[]) => unknown>;
}

/** Fresh shared state for a `WebAssembly` object on `engine`. */
export function createShared(engine: Engine): Shared {
  return {
    engine,
    store: engine.store,
    fromRef: Symbol('fromRef'),
    moduleOf: new WeakMap(),
    tablesOf: new WeakMap(),
    memoryObjects: new WeakMap(),
    memoryRefs: new WeakMap(),
    tableObjects: new WeakMap(),
    tableRefs: new WeakMap(),
    globalObjects: new WeakMap(),
    globalRefs: new WeakMap(),
    tagObjects: new WeakMap(),
    tagRefs: new WeakMap(),
    suspendingFn: new WeakMap(),
  };
}

/** The value types of the JavaScript API (its ValueType enum), by name; `funcref` also names funcref. */
const valueTypes: Record<string, ValType> = {
  i32: 'i32',
  i64: 'i64',
  f32: 'f32',
  f64: 'f64',
  v128: 'v128',
  externref: 'externref',
  anyfunc: 'funcref',
  funcref: 'funcref',
};

/** ToValueType of a ValueType enum argument (converted with ToString). @throws TypeError for a name that is not one */
export function toValueType(v: unknown, what: string): ValType {
  const name = toStringArg(v);
  if (!Object.hasOwn(valueTypes, name)) throw new TypeError(`${what}: unknown value type ${name}`);
  return valueTypes[name];
}

/** DefaultValue(t): what a missing value of type `t` is. */
export function defaultValue(t: ValType): unknown {
  switch (t) {
    case 'i64':
      return 0n;
    case 'funcref':
      return null;
    case 'externref':
      return undefined;
    default:
      return 0;
  }
}

/**
 * Limits from a Memory or Table descriptor, read in Web IDL's order (initial, maximum): `initial`
 * up to `top`, `maximum` up to `maxTop` (a table's maximum may pass the embedding's limit on its
 * size: growth is what stops there).
 */
export function readLimits(
  descriptor: unknown,
  top: number,
  what: string,
  maxTop = top,
  withShared = false,
): { min: number; max: number | undefined; shared: boolean } {
  const d = dictionary(descriptor, `${what} descriptor`);
  const initial = d.initial;
  if (initial === undefined) throw new TypeError(`${what}: initial is required`);
  const min = enforceRangeU32(initial, 'initial');
  const maximum = d.maximum;
  const max = maximum === undefined ? undefined : enforceRangeU32(maximum, 'maximum');
  // (A Memory descriptor's `shared`, the threads proposal's, comes after `maximum` in Web IDL's order.)
  const shared = withShared && Boolean(d.shared);
  if (shared && max === undefined) throw new TypeError(`${what}: a shared memory needs a maximum`);
  if (min > top) throw new RangeError(`${what}: initial ${min} is larger than ${top}`);
  if (max !== undefined && (max > maxTop || max < min)) throw new RangeError(`${what}: maximum ${max} is out of range`);
  return { min, max, shared };
}
