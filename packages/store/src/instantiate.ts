/**
 * Instantiation as the specification describes it: imports resolved with type matching, globals
 * from constant expressions, active element and data segments applied in order with the 2.0
 * bounds rules (a trap leaves earlier writes in place), then the start function (run by Store).
 *
 * https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 */
import {
  ExternKind,
  type FuncType,
  type Import,
  InvalidError,
  type Limits,
  type ModuleInfo,
  NotFoundError,
  UnsupportedError,
  valTypeName,
} from '@proj/decoder';
import {
  FuncRef,
  GlobalInst,
  InstanceRt,
  MemInst,
  type Module,
  PAGE,
  TableInst,
  Trap,
  TrapReason,
  type WasmFunc,
} from '@proj/interp-core';
import { evalConst } from './const-expr.js';
import { type Extern, GlobalRef, MemoryRef, TableRef } from './externs.js';
import type { Instance, Store } from './store.js';

const EMPTY_BYTES = new Uint8Array(0);

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

type Resolved = number | TableInst | MemInst | GlobalInst | undefined;

const kindNames = ['function', 'table', 'memory', 'global'];

/**
 * What import `imp` resolves to by name: an export of an instance registered under its module
 * name, else (for functions) a linked host function; undefined for a function nothing resolves.
 */
function namedExtern(store: Store, imp: Import, memory: Uint8Array | undefined): Resolved {
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
  return [rt.funcs, rt.tables, rt.mems, rt.globals][imp.kind][exp.index];
}

/** What import `imp` resolves to when the host gives `ext` for it. */
function providedExtern(store: Store, imp: Import, ext: Extern | undefined): Resolved {
  const cls = [FuncRef, TableRef, MemoryRef, GlobalRef][imp.kind];
  if (!(ext instanceof cls)) incompatible(imp, `not a ${kindNames[imp.kind]}`);
  if (ext.owner !== store) throw new InvalidError(`import ${imp.module}.${imp.name} belongs to another store`);
  if (ext instanceof FuncRef) return ext.addr;
  return ext instanceof TableRef ? ext.table : ext instanceof MemoryRef ? ext.mem : (ext as GlobalRef).global;
}

/**
 * Allocates and initializes an instance of `module`, its imports resolved by name or, with
 * `provided`, given one per import in order.
 */
export function instantiate(
  store: Store,
  module: Module,
  memory: Uint8Array | undefined,
  provided?: readonly Extern[],
): Instance {
  const m = module.info;
  const rt = new InstanceRt(m);
  rt.typeIds = m.types.map((t) => store.typeId(t));
  if (memory !== undefined && !(memory instanceof Uint8Array)) throw new InvalidError('memory must be a Uint8Array');
  if (memory !== undefined && m.memories.length === 0) {
    throw new InvalidError('a memory was given but the module has no memory');
  }

  if (provided !== undefined && provided.length !== m.imports.length) {
    throw new InvalidError(`the module has ${m.imports.length} imports, but ${provided.length} externs were given`);
  }
  m.imports.forEach((imp, i) => {
    const ext = provided !== undefined ? providedExtern(store, imp, provided[i]) : namedExtern(store, imp, memory);
    switch (imp.kind) {
      case ExternKind.func: {
        const want = m.types[imp.type];
        let addr = ext as number | undefined;
        if (addr === undefined) {
          const hostIndex = store.defaults.get(imp.module);
          if (hostIndex !== undefined && want.results.length === 1 && want.results[0] === 0x7f) {
            addr = store.addHostFunc(want, hostIndex);
          }
        }
        if (addr === undefined) throw new NotFoundError(`unknown import ${imp.module}.${imp.name}`);
        const have = store.funcs[addr].type;
        if (!sameFuncType(have, want)) incompatible(imp, `expected ${funcTypeText(want)}, found ${funcTypeText(have)}`);
        rt.funcs.push(addr);
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
    }
  });

  // The module's own functions, then everything that may refer to them.
  for (let i = 0; i < m.funcTypes.length - m.importedFuncs; i++) {
    const typeIndex = m.funcTypes[m.importedFuncs + i];
    const type = m.types[typeIndex];
    const f: WasmFunc = { kind: 'wasm', type, typeId: rt.typeIds[typeIndex], inst: rt, prepared: module.prepared(i), ownIndex: i };
    store.funcs.push(f);
    rt.funcs.push(store.funcs.length - 1);
  }
  for (let i = m.importedTables; i < m.tables.length; i++) {
    const t = m.tables[i];
    let table: TableInst;
    try {
      table = new TableInst(t.elem, t.limits.min, t.limits.max);
    } catch {
      throw new UnsupportedError(`cannot allocate a table of ${t.limits.min} elements`);
    }
    rt.tables.push(table);
  }
  for (let i = m.importedMemories; i < m.memories.length; i++) {
    const l = m.memories[i].limits;
    if (memory !== undefined) rt.mems.push(new MemInst(memory, l.min, l.max, true));
    else {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(l.min * PAGE);
      } catch {
        throw new UnsupportedError(`cannot allocate a memory of ${l.min} pages`);
      }
      rt.mems.push(new MemInst(bytes, l.min, l.max, false));
    }
  }
  for (const g of m.globals) {
    const inst = new GlobalInst(g.type.type, g.type.mutable);
    inst.cell.set(evalConst(m, rt, g.init));
    rt.globals.push(inst);
  }
  rt.elems = m.elems.map((seg) => {
    if (seg.funcs) return Int32Array.from(seg.funcs, (x) => rt.funcs[x]);
    return Int32Array.from(seg.exprs!, (e) => evalConst(m, rt, e)[0]);
  });
  // Active segments are dropped once initialization copies them: only passive ones keep bytes.
  rt.datas = Array.from(m.datas, (seg) =>
    seg.mode === 'passive' ? m.bytes.subarray(seg.init.start, seg.init.end) : EMPTY_BYTES,
  );

  const inst: Instance = { id: store.instances.length, rt, module, exports: new Map(), state: 'starting' };
  rt.id = inst.id;
  for (const e of m.exports) inst.exports.set(e.name, { kind: e.kind, index: e.index });
  // Registered at once, so that its id stays its own even if initialization traps (its functions
  // may already sit in an imported table).
  store.register(inst);
  try {
    initialize(m, rt);
  } catch (e) {
    inst.state = 'failed';
    throw e;
  }
  return inst;
}

/** Active segments: table.init / memory.init then drop, in order; declarative ones are dropped. */
function initialize(m: ModuleInfo, rt: InstanceRt): void {
  const empty32 = new Int32Array(0);
  m.elems.forEach((seg, i) => {
    if (seg.mode === 'active') {
      const offset = evalConst(m, rt, seg.offset!)[0] >>> 0;
      const t = rt.tables[seg.table];
      const elems = rt.elems[i];
      if (offset + elems.length > t.size) throw new Trap(TrapReason.tableOutOfBounds);
      t.elems.set(elems, offset);
    }
    if (seg.mode !== 'passive') rt.elems[i] = empty32;
  });
  for (const seg of m.datas) {
    if (seg.mode !== 'active') continue;
    const offset = evalConst(m, rt, seg.offset!)[0] >>> 0;
    const mem = rt.mems[seg.memory];
    const { start, end } = seg.init;
    if (offset + (end - start) > mem.limit) throw new Trap(TrapReason.memoryOutOfBounds);
    mem.u8.set(m.bytes.subarray(start, end), offset);
  }
}
