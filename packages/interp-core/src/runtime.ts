/**
 * Runtime structures the run loop works on: functions, memories, tables, globals and the
 * instances that hold them. References are numbers: a funcref is a function's address in its
 * store (`Runtime.funcs`), an externref an index into `Runtime.externs`; -1 is null.
 *
 * https://webassembly.github.io/spec/core/exec/runtime.html
 */
import type { FuncType, ModuleInfo, ValTypeCode } from '@proj/decoder';
import type { TagInst } from './exceptions.js';
import type { PreparedCode } from './prepared.js';
import { Trap, TrapReason, trap } from './trap.js';

export const PAGE = 65536;
/** Pages of the largest memory (4 GiB). */
export const MAX_PAGES = 65536;
export const NULL_REF = -1;

/** What a run loop reads through while the running instance has no memory. */
export const EMPTY_MEMORY = new Uint8Array(0);
export const EMPTY_VIEW = new DataView(EMPTY_MEMORY.buffer);

export interface HostFunc {
  readonly kind: 'host';
  readonly type: FuncType;
  /** The store-wide id of the function's type, for call_indirect's check. */
  readonly typeId: number;
  /** Which linked host function this is (link order). */
  readonly hostIndex: number;
}

export interface WasmFunc {
  readonly kind: 'wasm';
  readonly type: FuncType;
  readonly typeId: number;
  readonly inst: InstanceRt;
  /** Its prepared code: its own (fast), or its module's, where it is row `ownIndex` (compact). */
  readonly prepared: PreparedCode;
  /** Its index among its module's own functions (imports not counted). */
  readonly ownIndex: number;
}

export type FuncInst = HostFunc | WasmFunc;

/**
 * What the memories and tables of one store may hold together (StoreOptions.maxMemoryBytes and
 * maxTableElements), and what they hold now. Memories the host provides are not counted.
 */
export class ResourceBudget {
  memoryBytes = 0;
  tableElements = 0;
  /**
   * @param exactMemoryBuffers every memory's buffer is exactly its size, so every grow copies it
   *   (StoreOptions.exactMemoryBuffers); otherwise growth leaves spare capacity (see MemInst.grow)
   */
  constructor(
    readonly maxMemoryBytes: number,
    readonly maxTableElements: number,
    readonly exactMemoryBuffers = false,
  ) {}
}

/** A reallocated memory's capacity, as a multiple of the old capacity: page-by-page growth costs O(final size). */
const MEMORY_GROWTH_FACTOR = 1.5;

/**
 * A linear memory. `u8` and `dv` may reach past the memory's size into spare capacity, which is
 * always zero and never observable: every access is bounded by `limit`, and the host sees
 * `bytes()`. Views are replaced when it grows: reread them after anything that may grow it.
 */
export class MemInst {
  u8: Uint8Array;
  dv: DataView;
  /** Current size in pages, as memory.size reports it. */
  pages: number;
  /** Bytes an access may reach: the size in pages, bounded by the backing store. */
  limit: number;
  /** The last view `bytes()` made. */
  private view: Uint8Array = EMPTY_MEMORY;

  /**
   * @param backing the memory's bytes: a fresh buffer, or the host's whole backing store
   * @param hostProvided the backing store is the host's and can never be replaced: it bounds
   *   both accesses and growth
   * @param max maximum pages, if the memory type has one
   * @param budget the store's budget that growth is charged to (the caller charged the initial size)
   * @param shared a shared memory type (the threads proposal's): imported only as one; its
   *   backing (see memoryBacking) grows in place and is never detached
   */
  constructor(
    backing: Uint8Array,
    pages: number,
    readonly max: number | undefined,
    readonly hostProvided: boolean,
    readonly budget?: ResourceBudget,
    readonly shared = false,
  ) {
    this.u8 = backing;
    this.dv = new DataView(backing.buffer, backing.byteOffset, backing.byteLength);
    this.pages = pages;
    this.limit = Math.min(backing.length, pages * PAGE);
  }

  /**
   * The memory's bytes as the host sees them: a view of exactly its size (the host's whole
   * backing store if it provided one; an empty view if the host detached the buffer).
   */
  bytes(): Uint8Array {
    const { u8, limit } = this;
    if (this.hostProvided || u8.length <= limit) return u8;
    let v = this.view;
    if (v.length !== limit || v.buffer !== u8.buffer) v = this.view = u8.subarray(0, limit);
    return v;
  }

  /**
   * memory.grow: the old size in pages, or -1 if the memory cannot grow by `delta` pages. Grows
   * in place while the capacity lasts; otherwise copies into a buffer with spare capacity (see
   * `reallocate`). Only the size is charged to the budget.
   */
  grow(delta: number): number {
    const old = this.pages;
    const pages = old + delta;
    if (pages > (this.max ?? MAX_PAGES)) return -1;
    if (delta === 0) return old;
    const bytes = pages * PAGE;
    if (this.hostProvided) {
      if (bytes > this.u8.length) return -1;
    } else {
      const budget = this.budget;
      const left = budget ? budget.maxMemoryBytes - budget.memoryBytes : Infinity;
      if (delta * PAGE > left) return -1;
      if (this.u8.byteLength === 0 && this.limit > 0) return -1; // the host detached the buffer
      if (bytes > this.u8.length && !this.reallocate(bytes, left - delta * PAGE)) return -1;
      if (budget) budget.memoryBytes += delta * PAGE;
    }
    this.pages = pages;
    this.limit = Math.min(this.u8.length, bytes);
    return old;
  }

  /**
   * Moves the memory into a new buffer of at least `bytes`: MEMORY_GROWTH_FACTOR times the old
   * capacity, within the memory's maximum and `room` bytes past `bytes` (what the budget has
   * left), or exactly `bytes` if the store asks for exact buffers or the platform refuses more.
   * @returns false if the platform cannot allocate even `bytes`
   */
  private reallocate(bytes: number, room: number): boolean {
    const buffer = this.u8.buffer;
    const growable = buffer as Growable;
    if (growable.growable === true) {
      // A shared memory's buffer: it grows in place, so that every view of it sees the new bytes.
      try {
        growable.grow!(bytes);
      } catch {
        return false;
      }
      this.u8 = new Uint8Array(buffer, 0, bytes);
      this.dv = new DataView(buffer, 0, bytes);
      return true;
    }
    let capacity = bytes;
    if (!this.budget?.exactMemoryBuffers) {
      const geometric = Math.ceil((this.u8.length * MEMORY_GROWTH_FACTOR) / PAGE) * PAGE;
      capacity = Math.max(bytes, Math.min(geometric, (this.max ?? MAX_PAGES) * PAGE, bytes + room));
    }
    let grown: Uint8Array;
    try {
      grown = new Uint8Array(capacity);
    } catch {
      if (capacity === bytes) return false; // the platform cannot allocate that much
      try {
        grown = new Uint8Array(bytes);
      } catch {
        return false;
      }
    }
    grown.set(this.u8.subarray(0, this.limit));
    this.u8 = grown;
    this.dv = new DataView(grown.buffer);
    return true;
  }
}

/** What a SharedArrayBuffer made with a maxByteLength has (ES2024, which the lib this builds with lacks). */
interface Growable {
  readonly growable?: boolean;
  grow?(bytes: number): void;
}

/**
 * A new memory's bytes, `pages` of zeros. A shared memory's are a SharedArrayBuffer that can grow
 * in place up to `max` pages, where the platform has one (a page that is not cross-origin
 * isolated has none: there, with one agent, an ArrayBuffer behaves the same).
 * @throws RangeError if the platform cannot allocate them
 */
export function memoryBacking(pages: number, max: number | undefined, shared: boolean): Uint8Array {
  const Shared = (globalThis as { SharedArrayBuffer?: new (bytes: number, options: { maxByteLength: number }) => ArrayBufferLike }).SharedArrayBuffer;
  if (!shared || Shared === undefined) return new Uint8Array(pages * PAGE);
  return new Uint8Array(new Shared(pages * PAGE, { maxByteLength: (max ?? MAX_PAGES) * PAGE }));
}

/** A table of references. */
export class TableInst {
  elems: Int32Array;
  size: number;

  /**
   * @param max maximum size, if the table type has one
   * @param budget the store's budget that growth is charged to (the caller charged the initial size)
   * @throws RangeError if the platform cannot allocate `size` elements
   */
  constructor(
    readonly type: ValTypeCode,
    size: number,
    readonly max: number | undefined,
    init = NULL_REF,
    readonly budget?: ResourceBudget,
  ) {
    this.elems = new Int32Array(size).fill(init);
    this.size = size;
  }

  /** table.grow: the old size, or -1 if the table cannot grow by `delta`. */
  grow(delta: number, init: number): number {
    const old = this.size;
    const size = old + delta;
    const max = this.max ?? 0xffffffff;
    if (size > max) return -1;
    const budget = this.budget;
    const left = budget ? budget.maxTableElements - budget.tableElements : Infinity;
    if (delta > left) return -1;
    if (size > this.elems.length) {
      let grown: Int32Array;
      try {
        // Spare capacity for later growth, but never past what the limits allow.
        grown = new Int32Array(Math.max(size, Math.min(max, old + left, this.elems.length * 2)));
      } catch {
        return -1;
      }
      grown.set(this.elems.subarray(0, old));
      this.elems = grown;
    }
    this.elems.fill(init, old, size);
    this.size = size;
    if (budget) budget.tableElements += delta;
    return old;
  }
}

/** A global: its value's bits in one 16-byte cell (the value stack's layout). */
export class GlobalInst {
  readonly cell = new Int32Array(4);
  constructor(
    readonly type: ValTypeCode,
    readonly mutable: boolean,
  ) {}
}

/** An instance as the run loop sees it. */
export class InstanceRt {
  /** The instance's id in its store. */
  id = -1;
  /** Store addresses of the instance's functions, by function index. */
  funcs: number[] = [];
  /** The instance's functions themselves, by function index: compiled code's direct calls read them. */
  callees: FuncInst[] = [];
  tables: TableInst[] = [];
  mems: MemInst[] = [];
  globals: GlobalInst[] = [];
  /** Tags, by tag index. */
  tags: TagInst[] = [];
  /** Store-wide type ids, by type index. */
  typeIds: number[] = [];
  /** Element segments as references; dropped segments are empty. */
  elems: Int32Array[] = [];
  /** Data segments; dropped segments are empty. */
  datas: Uint8Array[] = [];

  constructor(readonly module: ModuleInfo) {}
}

/** What the run loop needs from its store. */
export interface Runtime {
  /** Every function of the store, by address. */
  readonly funcs: FuncInst[];
}

/**
 * The address of the function that `call_indirect` calls: element `i` of table `tableIndex` of
 * `inst`, which must be a function of type `typeIndex`.
 * @throws Trap for an index out of the table, a null element or a type mismatch
 */
export function indirectCallAddress(inst: InstanceRt, funcs: readonly FuncInst[], typeIndex: number, tableIndex: number, i: number): number {
  const table = inst.tables[tableIndex];
  if (i >= table.size) trap(TrapReason.undefinedElement);
  const addr = table.elems[i];
  if (addr === NULL_REF) throw new Trap(TrapReason.uninitializedElement, String(i));
  if (funcs[addr].typeId !== inst.typeIds[typeIndex]) trap(TrapReason.indirectCallTypeMismatch);
  return addr;
}
