/** Bytes retained by prepared modules, measured as heap growth between full collections. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gcFn: (() => void) | undefined;

/**
 * The `gc` function: the global one under `node --expose-gc` (as `pnpm bench` runs), else the
 * flag is turned on at run time and `gc` taken from a fresh context.
 */
export function getGc(): () => void {
  if (gcFn !== undefined) return gcFn;
  const global = (globalThis as { gc?: unknown }).gc;
  if (typeof global === 'function') gcFn = global as () => void;
  else {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  return gcFn;
}

/** JS heap in use plus memory outside it (ArrayBuffer backing stores of typed arrays, mostly). */
function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function settledHeap(gc: () => void): number {
  gc();
  gc();
  return heapBytes();
}

/**
 * How many objects of `size` bytes retainedPerObject should keep: enough to total `total` bytes,
 * between `min` and `max`. Code V8 compiles during a measurement (tens of kB) is counted too, so
 * the total must dwarf it.
 */
export function countToTotal(size: number, total: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.ceil(total / size)));
}

export interface Retained {
  /** Heap growth divided by `count`, in bytes. */
  readonly bytesPerModule: number;
  /** How many objects were kept alive during the measurement. */
  readonly count: number;
}

/**
 * Creates `count` objects with `make(i)`, keeps them all referenced, and divides the heap growth
 * (after full collections before and after) by `count`. `make` should give each object its own
 * copy of any input it may keep (a shared input would be counted once, not per object).
 */
export function retainedPerObject(make: (i: number) => unknown, count: number): Retained {
  const gc = getGc();
  const keep: unknown[] = new Array<unknown>(count).fill(null);
  const before = settledHeap(gc);
  for (let i = 0; i < count; i++) keep[i] = make(i);
  const after = settledHeap(gc);
  if (keep.some((x) => x === null)) throw new Error('retainedPerObject: lost an object');
  return { bytesPerModule: (after - before) / count, count };
}
