/**
 * The Web IDL conversions and object shapes the JavaScript API is specified with: integer
 * arguments with [EnforceRange], buffer sources, dictionary members, and interfaces whose
 * operations and attributes are enumerable and whose prototypes carry a `Symbol.toStringTag`.
 *
 * https://webidl.spec.whatwg.org/#es-type-mapping
 */

/** [EnforceRange] unsigned long: a TypeError unless `v` converts to an integer in [0, 2^32). */
export function enforceRangeU32(v: unknown, what: string): number {
  const x = toNumber(v);
  if (!Number.isFinite(x)) throw new TypeError(`${what} must be a finite number`);
  const n = Math.trunc(x);
  if (n < 0 || n > 0xffffffff) throw new TypeError(`${what} must be in the range of an unsigned long`);
  return n;
}

/** ECMAScript ToNumber (a BigInt or a Symbol throws a TypeError). */
export function toNumber(v: unknown): number {
  return +(v as number);
}

/**
 * The bytes of a BufferSource (an ArrayBuffer or a view of one), not copied: for work done before
 * any other JavaScript runs (the engine's Module keeps a copy of its own).
 */
export function bufferView(source: unknown, what: string): Uint8Array {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) {
    const b = source.buffer;
    if (!(b instanceof ArrayBuffer)) throw new TypeError(`${what} must be a BufferSource`);
    return new Uint8Array(b, source.byteOffset, source.byteLength);
  }
  throw new TypeError(`${what} must be an ArrayBuffer or a typed array`);
}

/** A dictionary argument: undefined and null are empty; any other non-object is a TypeError. */
export function dictionary(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' && typeof v !== 'function') throw new TypeError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

/**
 * A sequence<any> argument: the values of iterable object `v` (through the iterator method it
 * has now), else a TypeError (a string is not an object, an array-like is not iterable).
 */
export function sequence(v: unknown, what: string): unknown[] {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) throw new TypeError(`${what} must be an iterable object`);
  const method = (v as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') throw new TypeError(`${what} must be an iterable object`);
  const iterator = Reflect.apply(method, v, []) as unknown;
  if (iterator === null || (typeof iterator !== 'object' && typeof iterator !== 'function')) {
    throw new TypeError(`${what}: its iterator must be an object`);
  }
  const next = (iterator as { next: unknown }).next;
  const values: unknown[] = [];
  for (;;) {
    const step = Reflect.apply(next as () => unknown, iterator, []) as { done: unknown; value: unknown } | null;
    if (step === null || (typeof step !== 'object' && typeof step !== 'function')) throw new TypeError(`${what}: an iterator result must be an object`);
    if (step.done) return values;
    values.push(step.value);
  }
}

/** ECMAScript ToString for a DOMString / USVString argument (a Symbol throws a TypeError). */
export function toStringArg(v: unknown): string {
  return `${v as string}`;
}

/** A TypeError unless `args` has at least `n` entries. */
export function requireArgs(args: { length: number }, n: number, what: string): void {
  if (args.length < n) throw new TypeError(`${what}: ${n} argument${n > 1 ? 's' : ''} required, but only ${args.length} present`);
}

/**
 * Gives class `cls` the shape of a Web IDL interface: its prototype's methods and accessors
 * enumerable, its static methods enumerable, and `Symbol.toStringTag` on the prototype.
 */
export function asInterface(cls: { prototype: object; name: string }, tag: string): void {
  for (const target of [cls.prototype, cls]) {
    for (const key of Object.getOwnPropertyNames(target)) {
      if (key === 'constructor' || (target === cls && (key === 'prototype' || key === 'length' || key === 'name'))) continue;
      const d = Object.getOwnPropertyDescriptor(target, key)!;
      Object.defineProperty(target, key, { ...d, enumerable: true });
    }
  }
  Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: tag, writable: false, enumerable: false, configurable: true });
}

/** Defines a property as Web IDL defines a namespace's or an interface's members. */
export function defineMember(target: object, key: string, value: unknown, enumerable: boolean): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable, configurable: true });
}
