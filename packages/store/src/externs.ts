/**
 * External values as objects the host holds: memories, tables and globals it creates or takes
 * from an instance's exports, and functions (`FuncRef`). They let a host import its own memory,
 * table or global into a module, grow a memory or table, read and write table elements and set
 * globals: what the WebAssembly JavaScript API needs.
 *
 * https://webassembly.github.io/spec/core/appendix/embedding.html
 */
import { InvalidError, LimitError, ValType as Code, type ValTypeCode, valTypeName } from '@proj/decoder';
import {
  FuncRef,
  GlobalInst,
  MAX_PAGES,
  MemInst,
  memoryBacking,
  PAGE,
  type ResourceBudget,
  TableInst,
  type TagInst,
  type Val,
  type ValType,
  type WasmException,
} from '@proj/interp-core';
import { checkVals, readVal, type RefTable, writeVal } from './convert.js';

/** Limits of a memory (in pages of 64 KiB) or a table (in elements). */
export interface Limits {
  readonly min: number;
  readonly max?: number;
}

/**
 * A memory's limits, and whether it is shared (the threads proposal's shared memory: it must
 * have a maximum, and imports only where a module imports a shared memory).
 */
export interface MemoryLimits extends Limits {
  readonly shared?: boolean;
}

/** A linear memory of a store. */
export class MemoryRef {
  /** @internal */
  constructor(
    readonly owner: object,
    /** @internal */ readonly mem: MemInst,
  ) {}
}

/** A table of a store. */
export class TableRef {
  /** @internal */
  constructor(
    readonly owner: object,
    /** @internal */ readonly table: TableInst,
  ) {}
}

/** A global of a store. */
export class GlobalRef {
  /** @internal */
  constructor(
    readonly owner: object,
    /** @internal */ readonly global: GlobalInst,
  ) {}
}

/** A tag of a store: what identifies an exception and types its values. */
export class TagRef {
  /** @internal */
  constructor(
    readonly owner: object,
    /** @internal */ readonly tag: TagInst,
  ) {}
}

/** An exception of a store: thrown by wasm or by the host, caught and rethrown by wasm. */
export class ExceptionRef {
  /** @internal */
  constructor(
    readonly owner: object,
    /** @internal */ readonly exception: WasmException,
  ) {}
}

/** The one ref object of each memory, table, global, tag and exception, so that refs compare by identity. */
const refs = new WeakMap<object, MemoryRef | TableRef | GlobalRef | TagRef | ExceptionRef>();

/** The one ref of `inst` (a memory, table, global, tag or exception of store `owner`), made as a `Ref` the first time. */
function refOf<I extends object, R extends MemoryRef | TableRef | GlobalRef | TagRef | ExceptionRef>(
  owner: object,
  inst: I,
  Ref: new (owner: object, inst: I) => R,
): R {
  let r = refs.get(inst);
  if (r === undefined) refs.set(inst, (r = new Ref(owner, inst)));
  return r as R;
}

/** The ref of memory `mem` of store `owner`. */
export const memoryRef = (owner: object, mem: MemInst): MemoryRef => refOf(owner, mem, MemoryRef);
/** The ref of table `table` of store `owner`. */
export const tableRef = (owner: object, table: TableInst): TableRef => refOf(owner, table, TableRef);
/** The ref of global `global` of store `owner`. */
export const globalRef = (owner: object, global: GlobalInst): GlobalRef => refOf(owner, global, GlobalRef);
/** The ref of tag `tag` of store `owner`. */
export const tagRef = (owner: object, tag: TagInst): TagRef => refOf(owner, tag, TagRef);
/** The ref of exception `exception` of store `owner`. */
export const exceptionRef = (owner: object, exception: WasmException): ExceptionRef => refOf(owner, exception, ExceptionRef);

/** An external value: what a module imports or exports. */
export type Extern = FuncRef | MemoryRef | TableRef | GlobalRef | TagRef;

/** The type of a function: its parameter and result types. */
export interface FuncTypeDesc {
  readonly params: ValType[];
  readonly results: ValType[];
}

const codeOf: Record<ValType, ValTypeCode> = {
  i32: Code.i32,
  i64: Code.i64,
  f32: Code.f32,
  f64: Code.f64,
  v128: Code.v128,
  funcref: Code.funcref,
  externref: Code.externref,
};

/** The type code of value type `t`, naming `what` in the error. */
export function valTypeCode(t: ValType, what: string): ValTypeCode {
  const c = Object.hasOwn(codeOf, t) ? codeOf[t] : undefined;
  if (c === undefined) throw new InvalidError(`${what}: unknown value type ${String(t)}`);
  return c;
}

function checkLimits(l: Limits, top: number, what: string): void {
  const ok = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= top;
  if (!ok(l.min) || (l.max !== undefined && (!ok(l.max) || l.max < l.min))) {
    throw new InvalidError(`${what}: limits must be integers with 0 <= min <= max <= ${top}`);
  }
}

/**
 * A new memory of `limits` pages, zeroed, charged to `budget` (so is its growth).
 * @throws LimitError past the store's maxMemoryBytes or the platform's memory
 */
export function newMemory(owner: object, budget: ResourceBudget, limits: MemoryLimits): MemoryRef {
  checkLimits(limits, MAX_PAGES, 'createMemory');
  const shared = limits.shared === true;
  if (shared && limits.max === undefined) throw new InvalidError('createMemory: a shared memory must have a maximum');
  const size = limits.min * PAGE;
  if (size > budget.maxMemoryBytes - budget.memoryBytes) {
    throw new LimitError(`createMemory: ${limits.min} pages pass the store's maxMemoryBytes (${budget.maxMemoryBytes})`);
  }
  const mem = allocateMemory(limits.min, limits.max, shared, budget);
  budget.memoryBytes += size;
  return memoryRef(owner, mem);
}

/**
 * A memory of `min` pages (a new module's or the host's), growth charged to `budget` (the caller
 * charges the initial size).
 * @throws LimitError if the platform cannot allocate it
 */
export function allocateMemory(min: number, max: number | undefined, shared: boolean, budget: ResourceBudget): MemInst {
  let bytes: Uint8Array;
  try {
    bytes = memoryBacking(min, max, shared);
  } catch {
    throw new LimitError(`the platform cannot allocate a memory of ${min} pages`);
  }
  return new MemInst(bytes, min, max, false, budget, shared);
}

/**
 * A table of `min` elements, each `init` (a reference word), growth charged to `budget` (the
 * caller charges the initial size).
 * @throws LimitError if the platform cannot allocate it
 */
export function allocateTable(elem: ValTypeCode, min: number, max: number | undefined, init: number, budget: ResourceBudget): TableInst {
  try {
    return new TableInst(elem, min, max, init, budget);
  } catch {
    throw new LimitError(`the platform cannot allocate a table of ${min} elements`);
  }
}

/**
 * A new table of `limits` elements, each `init`, charged to `budget` (so is its growth).
 * @throws LimitError past the store's maxTableElements or the platform's memory
 */
export function newTable(
  owner: object,
  refs: RefTable,
  budget: ResourceBudget,
  elem: 'funcref' | 'externref',
  limits: Limits,
  init: Val,
): TableRef {
  if (elem !== 'funcref' && elem !== 'externref') throw new InvalidError(`createTable: ${String(elem)} is not a reference type`);
  checkLimits(limits, 0xffffffff, 'createTable');
  const code = codeOf[elem];
  const word = refWord(refs, code, init, 'createTable');
  if (limits.min > budget.maxTableElements - budget.tableElements) {
    throw new LimitError(`createTable: ${limits.min} elements pass the store's maxTableElements (${budget.maxTableElements})`);
  }
  const table = allocateTable(code, limits.min, limits.max, word, budget);
  budget.tableElements += limits.min;
  return tableRef(owner, table);
}

/** A new global of type `type` holding `value`. */
export function newGlobal(owner: object, refs: RefTable, type: ValType, mutable: boolean, value: Val): GlobalRef {
  const code = valTypeCode(type, 'createGlobal');
  checkVals([value], [code], 'createGlobal');
  const g = new GlobalInst(code, mutable === true);
  writeVal(g.cell, 0, value, refs);
  return globalRef(owner, g);
}

/** The reference word of `v`, checked to be of reference type `code`. */
function refWord(refs: RefTable, code: ValTypeCode, v: Val, what: string): number {
  checkVals([v], [code], what);
  const cell = new Int32Array(4);
  writeVal(cell, 0, v, refs);
  return cell[0];
}

/** Checks that `x` is an extern of kind `cls` from store `owner`. */
export function own<T extends MemoryRef | TableRef | GlobalRef | TagRef | ExceptionRef>(
  owner: object,
  x: unknown,
  cls: abstract new (...args: never[]) => T,
  what: string,
): T {
  if (!(x instanceof cls)) throw new InvalidError(`${what}: expected a ${cls.name}`);
  if (x.owner !== owner) throw new InvalidError(`${what}: the ${cls.name} belongs to another store`);
  return x;
}

/**
 * memory.grow from the host: the old size in pages, or -1. Unless it fails, the memory gets a
 * fresh buffer and the old one is detached (as the JavaScript API asks, even for a delta of 0).
 */
export function growMemory(mem: MemInst, delta: number): number {
  if (!Number.isInteger(delta) || delta < 0) throw new InvalidError('growMemory: delta must be a non-negative integer');
  if (delta > MAX_PAGES) return -1;
  const old = mem.u8;
  const result = mem.grow(delta);
  // (A shared memory's buffer grows in place: see memoryBacking.)
  if (result === -1 || mem.hostProvided || mem.shared) return result;
  if (mem.u8 === old) {
    const moved = detach(old.buffer as ArrayBuffer);
    if (moved !== undefined) {
      mem.u8 = new Uint8Array(moved);
      mem.dv = new DataView(moved);
    }
  } else {
    detach(old.buffer as ArrayBuffer);
  }
  return result;
}

type Transfer = (v: ArrayBuffer, o: { transfer: ArrayBuffer[] }) => ArrayBuffer;

/** Detaches `buffer`, returning a new ArrayBuffer with its bytes (undefined where the platform cannot). */
function detach(buffer: ArrayBuffer): ArrayBuffer | undefined {
  const transfer = (globalThis as { structuredClone?: Transfer }).structuredClone;
  return transfer === undefined ? undefined : transfer(buffer, { transfer: [buffer] });
}

/** Table element `i`. */
export function tableGet(t: TableInst, refs: RefTable, i: number): Val {
  checkIndex(t, i, 'tableGet');
  return readVal(t.elems, i, t.type, refs);
}

/** Sets table element `i` to `v`. */
export function tableSet(t: TableInst, refs: RefTable, i: number, v: Val): void {
  checkIndex(t, i, 'tableSet');
  t.elems[i] = refWord(refs, t.type, v, 'tableSet');
}

/** table.grow from the host: the old size, or -1. */
export function growTable(t: TableInst, refs: RefTable, delta: number, init: Val): number {
  if (!Number.isInteger(delta) || delta < 0) throw new InvalidError('growTable: delta must be a non-negative integer');
  const word = refWord(refs, t.type, init, 'growTable');
  if (delta > 0xffffffff) return -1;
  return t.grow(delta, word);
}

function checkIndex(t: TableInst, i: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= t.size) {
    throw new InvalidError(`${what}: index ${String(i)} is out of bounds for a table of ${t.size} elements`);
  }
}

/** The value of global `g`. */
export function globalGet(g: GlobalInst, refs: RefTable): Val {
  return readVal(g.cell, 0, g.type, refs);
}

/** Sets mutable global `g` to `v`. */
export function globalSet(g: GlobalInst, refs: RefTable, v: Val): void {
  if (!g.mutable) throw new InvalidError('setGlobalValue: the global is immutable');
  checkVals([v], [g.type], 'setGlobalValue');
  writeVal(g.cell, 0, v, refs);
}

/** A memory's type: its size now and maximum, in pages, and `shared` for a shared memory. */
export function memoryType(m: MemInst): MemoryLimits {
  const limits = m.max === undefined ? { min: m.pages } : { min: m.pages, max: m.max };
  return m.shared ? { ...limits, shared: true } : limits;
}

/** A table's type: its element type, its size now and maximum. */
export function tableType(t: TableInst): Limits & { element: 'funcref' | 'externref' } {
  const element = valTypeName(t.type) as 'funcref' | 'externref';
  return t.max === undefined ? { element, min: t.size } : { element, min: t.size, max: t.max };
}

/** A global's type. */
export function globalType(g: GlobalInst): { type: ValType; mutable: boolean } {
  return { type: valTypeName(g.type), mutable: g.mutable };
}
