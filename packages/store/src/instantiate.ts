/**
 * Instantiation as the specification describes it: imports resolved with type matching, globals
 * from constant expressions, active element and data segments applied in order with the 2.0
 * bounds rules (a trap leaves earlier writes in place). It only reads the store: what it built
 * comes back as an Instantiation, which the Store registers, and the Store runs the start function.
 *
 * https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 */
import {
  ExternKind,
  type FuncType,
  type Import,
  InvalidError,
  LimitError,
  type Limits,
  type ModuleInfo,
  NotFoundError,
  valTypeName,
} from '@proj/decoder';
import {
  type FuncInst,
  FuncRef,
  GlobalInst,
  type HostFunc,
  InstanceRt,
  MemInst,
  type Module,
  NULL_REF,
  PAGE,
  type ResourceBudget,
  type TableInst,
  TagInst,
  Trap,
  TrapReason,
  type WasmFunc,
} from '@proj/interp-core';
import { evalConst } from './const-expr.js';
import { allocateMemory, allocateTable, type Extern, GlobalRef, MemoryRef, TableRef, TagRef } from './externs.js';

/** An export of an instance: its kind and its index in the instance's space of that kind. */
export interface ExportDesc {
  readonly kind: number;
  readonly index: number;
}

/** What instantiation reads of a store (the Store itself); it changes none of it. */
export interface StoreState {
  /** Every function of the store, by address. */
  readonly funcs: readonly FuncInst[];
  readonly instances: readonly { readonly rt: InstanceRt; readonly exports: ReadonlyMap<string, ExportDesc> }[];
  /** Instances registered by name for later imports. */
  readonly names: ReadonlyMap<string, number>;
  /** Host functions linked by name (key: module, NUL, name). */
  readonly hostLinks: ReadonlyMap<string, { readonly addr: number }>;
  /** Host function index serving unresolved function imports of a module. */
  readonly defaults: ReadonlyMap<string, number>;
  /** What the store's memories and tables hold, against its limits. */
  readonly budget: ResourceBudget;
  /** Whether the store meters fuel: its instances run the modules' metered code. */
  readonly metered: boolean;
}

/**
 * A new instance, built and initialized, for the Store to register: nothing of the store was
 * changed yet, apart from the writes of active segments into imported tables and memories.
 */
export interface Instantiation {
  /** Its runtime; `rt.id` is for the Store to set. */
  readonly rt: InstanceRt;
  readonly exports: Map<string, ExportDesc>;
  /** Functions to add to the store, in order, from address `store.funcs.length` on. */
  readonly funcs: readonly FuncInst[];
  /** Bytes of memory and table elements its own memories and tables take from the budget. */
  readonly memoryBytes: number;
  readonly tableElements: number;
  /** The start function's address, if the module has one. */
  readonly start: number | undefined;
  /**
   * What initialization threw (a Trap), if it failed: the instance is registered all the same
   * (its functions may already sit in an imported table), as failed, and this is thrown.
   */
  readonly failure?: unknown;
}

const EMPTY_BYTES = new Uint8Array(0);
/** A segment without elements (or dropped): one array shared by all, which nothing writes to. */
const EMPTY_ELEMS = new Int32Array(0);

function sameFuncType(a: FuncType, b: FuncType): boolean {
  return a.params.join() === b.params.join() && a.results.join() === b.results.join();
}

function funcTypeText(t: FuncType): string {
  return `(${t.params.map(valTypeName).join(' ')}) -> (${t.results.map(valTypeName).join(' ')})`;
}

/** Import matching of limits: the actual ones must be within the wanted ones. */
function limitsMatch(size: number, max: number | undefined, want: Limits): boolean {
  if (size < want.min) return false;
  if (want.max === undefined) return true;
  return max !== undefined && max <= want.max;
}

function incompatible(imp: Import, detail: string): never {
  throw new NotFoundError(`incompatible import type for ${imp.module}.${imp.name}: ${detail}`);
}

type Resolved = number | TableInst | MemInst | GlobalInst | TagInst | undefined;

const kindNames = ['function', 'table', 'memory', 'global', 'tag'];

/**
 * What import `imp` resolves to by name: an export of an instance registered under its module
 * name, else (for functions) a linked host function; undefined for a function nothing resolves.
 */
function namedExtern(store: StoreState, imp: Import, memory: Uint8Array | undefined): Resolved {
  if (imp.kind === ExternKind.memory && memory !== undefined) {
    throw new InvalidError('a memory was given but the module imports its memory');
  }
  const owner = store.names.get(imp.module);
  const source = owner !== undefined ? store.instances[owner] : undefined;
  const exp = source?.exports.get(imp.name);
  if (exp === undefined) {
    if (imp.kind === ExternKind.func) return store.hostLinks.get(`${imp.module}\u0000${imp.name}`)?.addr;
    throw new NotFoundError(`unknown import ${imp.module}.${imp.name}`);
  }
  if (exp.kind !== imp.kind) incompatible(imp, `not a ${kindNames[imp.kind]}`);
  const rt = source!.rt;
  return [rt.funcs, rt.tables, rt.mems, rt.globals, rt.tags][imp.kind][exp.index];
}

/** What import `imp` resolves to when the host gives `ext` for it. */
function providedExtern(store: StoreState, imp: Import, ext: Extern | undefined): Resolved {
  const cls = [FuncRef, TableRef, MemoryRef, GlobalRef, TagRef][imp.kind];
  if (!(ext instanceof cls)) incompatible(imp, `not a ${kindNames[imp.kind]}`);
  if (ext.owner !== store) throw new InvalidError(`import ${imp.module}.${imp.name} belongs to another store`);
  if (ext instanceof FuncRef) return ext.addr;
  if (ext instanceof TagRef) return ext.tag;
  return ext instanceof TableRef ? ext.table : ext instanceof MemoryRef ? ext.mem : (ext as GlobalRef).global;
}

/**
 * Throws LimitError unless the module's own memories and tables, at their declared minimums, fit
 * in what `budget` has left. Checked before anything is allocated.
 */
function checkLimits(m: ModuleInfo, budget: ResourceBudget, hostMemory: boolean): { bytes: number; elems: number } {
  let bytes = 0;
  for (let i = m.importedMemories; i < m.memories.length; i++) if (!hostMemory) bytes += m.memories[i].limits.min * PAGE;
  let elems = 0;
  for (let i = m.importedTables; i < m.tables.length; i++) elems += m.tables[i].limits.min;
  if (bytes > budget.maxMemoryBytes - budget.memoryBytes) {
    throw new LimitError(
      `instantiation needs ${bytes} bytes of memory; the store's maxMemoryBytes (${budget.maxMemoryBytes}) leaves ${budget.maxMemoryBytes - budget.memoryBytes}`,
    );
  }
  if (elems > budget.maxTableElements - budget.tableElements) {
    throw new LimitError(
      `instantiation needs ${elems} table elements; the store's maxTableElements (${budget.maxTableElements}) leaves ${budget.maxTableElements - budget.tableElements}`,
    );
  }
  return { bytes, elems };
}

/**
 * Instantiates `module` against `store` up to its start function: the instance's runtime,
 * exports, new functions and budget share, for the Store to register. A failure before
 * initialization throws, the store untouched; one of initialization comes back as `failure`.
 * @param typeIds the store-wide ids of the module's types, by type index
 * @throws NotFoundError for an import that cannot be resolved; InvalidError for a misuse;
 *   LimitError past the store's limits or the platform's memory
 */
export function instantiate(
  store: StoreState,
  module: Module,
  typeIds: number[],
  memory: Uint8Array | undefined,
  provided?: readonly Extern[],
): Instantiation {
  const m = module.info;
  if (memory !== undefined && !(memory instanceof Uint8Array)) throw new InvalidError('memory must be a Uint8Array');
  if (memory !== undefined && m.memories.length === 0) {
    throw new InvalidError('a memory was given but the module has no memory');
  }
  if (provided !== undefined && provided.length !== m.imports.length) {
    throw new InvalidError(`the module has ${m.imports.length} imports, but ${provided.length} externs were given`);
  }
  const need = checkLimits(m, store.budget, memory !== undefined);
  const { rt, funcs } = build(store, module, typeIds, memory, provided);
  const exports = new Map<string, ExportDesc>();
  for (const e of m.exports) exports.set(e.name, { kind: e.kind, index: e.index });
  const start = m.start === undefined ? undefined : rt.funcs[m.start];
  const built = { rt, exports, funcs, memoryBytes: need.bytes, tableElements: need.elems, start };
  try {
    initialize(m, rt);
  } catch (failure) {
    return { ...built, failure };
  }
  return built;
}

/**
 * The instance's runtime, imports resolved (by name or, with `provided`, one extern per import in
 * order) and everything allocated, and the functions it adds to the store: host functions for
 * defaults, then the module's own.
 */
function build(
  store: StoreState,
  module: Module,
  typeIds: number[],
  memory: Uint8Array | undefined,
  provided: readonly Extern[] | undefined,
): { rt: InstanceRt; funcs: FuncInst[] } {
  const m = module.info;
  const budget = store.budget;
  const rt = new InstanceRt(m);
  rt.typeIds = typeIds;
  const funcs: FuncInst[] = [];
  const add = (f: FuncInst): number => store.funcs.length + funcs.push(f) - 1;
  const func = (addr: number): FuncInst => (addr < store.funcs.length ? store.funcs[addr] : funcs[addr - store.funcs.length]);
  m.imports.forEach((imp, i) => {
    const ext = provided !== undefined ? providedExtern(store, imp, provided[i]) : namedExtern(store, imp, memory);
    switch (imp.kind) {
      case ExternKind.func: {
        const want = m.types[imp.type];
        let addr = ext as number | undefined;
        if (addr === undefined) {
          const hostIndex = store.defaults.get(imp.module);
          if (hostIndex !== undefined && want.results.length === 1 && want.results[0] === 0x7f) {
            const host: HostFunc = { kind: 'host', type: want, typeId: typeIds[imp.type], hostIndex };
            addr = add(host);
          }
        }
        if (addr === undefined) throw new NotFoundError(`unknown import ${imp.module}.${imp.name}`);
        const have = func(addr).type;
        if (!sameFuncType(have, want)) incompatible(imp, `expected ${funcTypeText(want)}, found ${funcTypeText(have)}`);
        rt.funcs.push(addr);
        rt.callees.push(func(addr));
        break;
      }
      case ExternKind.table: {
        const t = ext as TableInst;
        if (t.type !== imp.type.elem) incompatible(imp, 'element types differ');
        if (!limitsMatch(t.size, t.max, imp.type.limits)) {
          incompatible(imp, 'table limits do not match');
        }
        rt.tables.push(t);
        break;
      }
      case ExternKind.memory: {
        const mem = ext as MemInst;
        if (mem.shared !== imp.type.shared) incompatible(imp, imp.type.shared ? 'expected a shared memory' : 'expected a memory that is not shared');
        if (!limitsMatch(mem.pages, mem.max, imp.type.limits)) {
          incompatible(imp, 'memory limits do not match');
        }
        rt.mems.push(mem);
        break;
      }
      case ExternKind.global: {
        const g = ext as GlobalInst;
        if (g.type !== imp.type.type || g.mutable !== imp.type.mutable) incompatible(imp, 'global types differ');
        rt.globals.push(g);
        break;
      }
      case ExternKind.tag: {
        const t = ext as TagInst;
        if (t.typeId !== typeIds[imp.type]) incompatible(imp, `expected ${funcTypeText(m.types[imp.type])}, found ${funcTypeText(t.type)}`);
        rt.tags.push(t);
        break;
      }
    }
  });
  for (let i = m.importedTags; i < m.tagTypes.length; i++) rt.tags.push(new TagInst(m.types[m.tagTypes[i]], typeIds[m.tagTypes[i]]));

  // The module's own functions, then everything that may refer to them.
  for (let i = 0; i < m.funcTypes.length - m.importedFuncs; i++) {
    const typeIndex = m.funcTypes[m.importedFuncs + i];
    const type = m.types[typeIndex];
    const f: WasmFunc = { kind: 'wasm', type, typeId: rt.typeIds[typeIndex], inst: rt, prepared: module.prepared(i, store.metered), ownIndex: i };
    rt.funcs.push(add(f));
    rt.callees.push(f);
  }
  for (let i = m.importedTables; i < m.tables.length; i++) {
    const t = m.tables[i];
    rt.tables.push(allocateTable(t.elem, t.limits.min, t.limits.max, NULL_REF, budget));
  }
  for (let i = m.importedMemories; i < m.memories.length; i++) {
    const { limits: l, shared } = m.memories[i];
    if (memory !== undefined) rt.mems.push(new MemInst(memory, l.min, l.max, true, undefined, shared));
    else rt.mems.push(allocateMemory(l.min, l.max, shared, budget));
  }
  for (const g of m.globals) {
    const inst = new GlobalInst(g.type.type, g.type.mutable);
    inst.cell.set(evalConst(m, rt, g.init));
    rt.globals.push(inst);
  }
  rt.elems = new Array<Int32Array>(m.elems.length);
  for (let i = 0; i < m.elems.length; i++) {
    const seg = m.elems.at(i);
    const n = seg.funcs ? seg.funcs.length : seg.exprs!.length;
    if (n === 0) rt.elems[i] = EMPTY_ELEMS;
    else if (seg.funcs) rt.elems[i] = Int32Array.from(seg.funcs, (x) => rt.funcs[x]);
    else rt.elems[i] = Int32Array.from(seg.exprs!, (e) => evalConst(m, rt, e)[0]);
  }
  // Active segments are dropped once initialization copies them: only passive ones keep bytes.
  rt.datas = Array.from(m.datas, (seg) =>
    seg.mode === 'passive' ? m.bytes.subarray(seg.init.start, seg.init.end) : EMPTY_BYTES,
  );

  return { rt, funcs };
}

/** Active segments: table.init / memory.init then drop, in order; declarative ones are dropped. */
function initialize(m: ModuleInfo, rt: InstanceRt): void {
  for (let i = 0; i < m.elems.length; i++) {
    const seg = m.elems.at(i);
    if (seg.mode === 'active') {
      const offset = evalConst(m, rt, seg.offset!)[0] >>> 0;
      const t = rt.tables[seg.table];
      const elems = rt.elems[i];
      if (offset + elems.length > t.size) throw new Trap(TrapReason.tableOutOfBounds);
      t.elems.set(elems, offset);
    }
    if (seg.mode !== 'passive') rt.elems[i] = EMPTY_ELEMS;
  }
  for (const seg of m.datas) {
    if (seg.mode !== 'active') continue;
    const offset = evalConst(m, rt, seg.offset!)[0] >>> 0;
    const mem = rt.mems[seg.memory];
    const { start, end } = seg.init;
    if (offset + (end - start) > mem.limit) throw new Trap(TrapReason.memoryOutOfBounds);
    mem.u8.set(m.bytes.subarray(start, end), offset);
  }
}
