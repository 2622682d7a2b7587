/**
 * Decoding a module's sections into its static structure. Function bodies, constant expressions
 * and data are kept as byte ranges into the one buffer; the validator reads the bodies.
 *
 * https://webassembly.github.io/spec/core/binary/modules.html; the tag section and tag imports and
 * exports are legacy exception handling's:
 * https://github.com/WebAssembly/exception-handling/blob/main/proposals/exception-handling/legacy/Exceptions.md#changes-to-the-binary-model
 */
import { readRefType, readValType, readZeroByte, skipExpr } from './instr.js';
import { Reader } from './reader.js';
import {
  ExternKind,
  type ConstExpr,
  type CustomSection,
  type DataSegment,
  type ElemSegment,
  type Export,
  type ExternKindCode,
  type FuncBody,
  type FuncType,
  type Global,
  type GlobalType,
  type Import,
  type Limits,
  type MemType,
  type RefTypeCode,
  type TableType,
  type ValTypeCode,
  ValType,
} from './types.js';

/** Section ids. https://webassembly.github.io/spec/core/binary/modules.html#sections */
export const SectionId = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
} as const;

/**
 * The order sections must come in: the tag section sits between memory and global, the data count
 * section between element and code.
 */
const sectionOrder = [0, 1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

/** A module's static structure. Index spaces count imports first, as the specification does. */
export interface ModuleInfo {
  readonly bytes: Uint8Array;
  readonly types: FuncType[];
  readonly imports: Import[];
  /** Type index of every function, imported ones first. */
  readonly funcTypes: number[];
  readonly importedFuncs: number;
  readonly tables: TableType[];
  readonly importedTables: number;
  readonly memories: MemType[];
  readonly importedMemories: number;
  /** Type index of every tag, imported ones first. */
  readonly tagTypes: number[];
  readonly importedTags: number;
  /** Types of every global, imported ones first. */
  readonly globalTypes: GlobalType[];
  readonly importedGlobals: number;
  /** The module's own globals with their initializers. */
  readonly globals: Globals;
  readonly exports: Export[];
  readonly start: number | undefined;
  readonly startOffset: number;
  readonly elems: ElemSegments;
  readonly datas: DataSegments;
  readonly dataCount: number | undefined;
  /** Bodies of the module's own functions, in order. */
  readonly bodies: FuncBodies;
  readonly customs: CustomSections;
  /** Where the code section starts, for error messages about function counts. */
  readonly codeOffset: number;
  /** Where each section's content starts, by section id (0 when absent), for error messages. */
  readonly sectionStarts: number[];
}

const MAGIC = 0x6d736100;

/** Hooks into decoding, for a validator that works in the same pass. */
export interface DecodeHooks {
  /**
   * Called once every section up to the code section has been decoded (whether or not there is
   * a code section), before the data section: everything function bodies can refer to is known.
   */
  afterCode?(m: ModuleInfo): void;
}

/** Decodes the sections of a module. Throws InvalidError for malformed bytes. */
export function decodeModule(bytes: Uint8Array, hooks: DecodeHooks = {}): ModuleInfo {
  const r = new Reader(bytes);
  if (bytes.length < 4) r.overrun();
  if (readU32LE(bytes, 0) !== MAGIC) r.fail('magic header not detected', 0);
  if (bytes.length < 8) {
    r.pos = bytes.length;
    r.overrun();
  }
  if (readU32LE(bytes, 4) !== 1) r.fail('unknown binary version', 4);
  r.pos = 8;

  const m: {
    -readonly [K in keyof ModuleInfo]: ModuleInfo[K];
  } = {
    bytes,
    types: [],
    imports: [],
    funcTypes: [],
    importedFuncs: 0,
    tables: [],
    importedTables: 0,
    memories: [],
    importedMemories: 0,
    tagTypes: [],
    importedTags: 0,
    globalTypes: [],
    importedGlobals: 0,
    globals: new Globals(bytes),
    exports: [],
    start: undefined,
    startOffset: 0,
    elems: new ElemSegments(bytes),
    datas: new DataSegments(bytes),
    dataCount: undefined,
    bodies: new FuncBodies(),
    customs: new CustomSections(bytes),
    codeOffset: 0,
    sectionStarts: new Array(14).fill(0),
  };
  let definedFuncs: number | undefined;
  let codeCount: number | undefined;
  let lastOrder = 0;
  let codeHookDone = false;
  const codeOrder = sectionOrder.indexOf(SectionId.code);
  const codeCheck = (at: number) => {
    if (codeCount === undefined && (definedFuncs ?? 0) !== 0) {
      r.fail('function and code section have inconsistent lengths', at);
    }
    codeHookDone = true;
    hooks.afterCode?.(m);
  };

  while (r.pos < bytes.length) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > 13) r.fail('malformed section id', idAt);
    const size = r.length();
    const start = r.pos;
    const end = start + size;
    if (id !== SectionId.custom) {
      const order = sectionOrder.indexOf(id);
      if (order <= lastOrder) r.fail('unexpected content after last section', idAt);
      lastOrder = order;
      if (order > codeOrder && !codeHookDone) codeCheck(idAt);
    }
    m.sectionStarts[id] = start;
    const s = new Reader(bytes, start, end);
    switch (id) {
      case SectionId.custom:
        m.customs.read(s);
        break;
      case SectionId.type:
        readTypes(s, m.types);
        break;
      case SectionId.import:
        for (let n = s.count(); n > 0; n--) {
          const imp = readImport(s);
          m.imports.push(imp);
          switch (imp.kind) {
            case ExternKind.func:
              m.funcTypes.push(imp.type);
              m.importedFuncs++;
              break;
            case ExternKind.table:
              m.tables.push(imp.type);
              m.importedTables++;
              break;
            case ExternKind.memory:
              m.memories.push(imp.type);
              m.importedMemories++;
              break;
            case ExternKind.global:
              m.globalTypes.push(imp.type);
              m.importedGlobals++;
              break;
            case ExternKind.tag:
              m.tagTypes.push(imp.type);
              m.importedTags++;
              break;
          }
        }
        break;
      case SectionId.function:
        definedFuncs = s.count();
        for (let n = definedFuncs; n > 0; n--) m.funcTypes.push(s.u32());
        break;
      case SectionId.table:
        for (let n = s.count(); n > 0; n--) m.tables.push(readTableType(s));
        break;
      case SectionId.memory:
        for (let n = s.count(); n > 0; n--) m.memories.push(readMemType(s));
        break;
      case SectionId.tag:
        for (let n = s.count(); n > 0; n--) m.tagTypes.push(readTagType(s));
        break;
      case SectionId.global:
        m.globals.read(s, s.count(), m.globalTypes);
        break;
      case SectionId.export:
        for (let n = s.count(); n > 0; n--) {
          const offset = s.pos;
          const name = s.name();
          const kindAt = s.pos;
          const kind = s.u8();
          if (kind > 4) s.fail('malformed export kind', kindAt);
          m.exports.push({ name, kind: kind as ExternKindCode, index: s.u32(), offset });
        }
        break;
      case SectionId.start:
        m.startOffset = s.pos;
        m.start = s.u32();
        break;
      case SectionId.element:
        m.elems.read(s, s.count());
        break;
      case SectionId.code:
        m.codeOffset = start;
        codeCount = s.count();
        if (codeCount !== (definedFuncs ?? 0)) {
          s.fail('function and code section have inconsistent lengths', start);
        }
        m.bodies.read(s, codeCount);
        break;
      case SectionId.data:
        {
          const countAt = s.pos;
          const n = s.count();
          if (m.dataCount !== undefined && n !== m.dataCount) {
            s.fail('data count and data section have inconsistent lengths', countAt);
          }
          m.datas.read(s, n);
        }
        break;
      case SectionId.dataCount:
        m.dataCount = s.u32();
        break;
    }
    if (s.pos !== end) r.fail('section size mismatch', s.pos);
    r.pos = end;
    if (id === SectionId.code) codeCheck(end);
  }

  if (!codeHookDone) codeCheck(bytes.length);
  // Without a data section there are no segments, which a nonzero data count contradicts.
  if (m.dataCount !== undefined && m.dataCount !== m.datas.length) {
    r.fail('data count and data section have inconsistent lengths', bytes.length);
  }
  // Arrays grown by push keep spare capacity; a Module keeps these for its whole life.
  m.types = exact(m.types);
  m.imports = exact(m.imports);
  m.funcTypes = exact(m.funcTypes);
  m.tables = exact(m.tables);
  m.memories = exact(m.memories);
  m.tagTypes = exact(m.tagTypes);
  m.globalTypes = exact(m.globalTypes);
  m.exports = exact(m.exports);
  return m;
}

/** `a` itself when empty (no storage), else a copy without spare capacity. */
function exact<T>(a: T[]): T[] {
  return a.length === 0 ? a : a.slice();
}

function readU32LE(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function readFuncType(r: Reader): FuncType {
  const at = r.pos;
  const form = r.u8();
  // The form is a one-byte signed LEB128 (-0x20).
  if (form & 0x80) r.fail('integer representation too long', at);
  if (form !== 0x60) r.fail('malformed function type', at);
  const params: ValTypeCode[] = [];
  for (let n = r.count(); n > 0; n--) params.push(readValType(r) as ValTypeCode);
  const results: ValTypeCode[] = [];
  for (let n = r.count(); n > 0; n--) results.push(readValType(r) as ValTypeCode);
  return { params: exact(params), results: exact(results) };
}

/** Types of at most this many bytes are shared: the same bytes give the same FuncType object. */
const SHARED_TYPE_BYTES = 64;

/**
 * Reads the type section's function types into `types`. Equal short types share one object, so
 * that a module repeating a type a million times holds one.
 */
function readTypes(r: Reader, types: FuncType[]): void {
  const known = new Map<string, FuncType>();
  for (let n = r.count(); n > 0; n--) {
    const at = r.pos;
    const key = typeKey(r);
    const same = key === undefined ? undefined : known.get(key);
    if (same !== undefined) {
      types.push(same);
      continue;
    }
    r.pos = at;
    const t = readFuncType(r);
    if (key !== undefined) known.set(key, t);
    types.push(t);
  }
}

/**
 * The bytes of the function type at `r` as a string, `r` moved past them; undefined (and `r`
 * anywhere) for a type too long to share or bytes that are not one (readFuncType says why).
 */
function typeKey(r: Reader): string | undefined {
  const at = r.pos;
  const b = r.bytes;
  if (b[at] !== 0x60) return undefined;
  let p = at + 1;
  for (let vec = 0; vec < 2; vec++) {
    const n = b[p];
    // One-byte counts only, each value type one byte.
    if (n === undefined || n >= 0x80) return undefined;
    p += 1 + n;
  }
  if (p > r.end || p - at > SHARED_TYPE_BYTES) return undefined;
  r.pos = p;
  return String.fromCharCode.apply(null, b.subarray(at, p) as unknown as number[]);
}

/** Limits after their flags field: a maximum when bit 0 of `flag` is set. */
function readLimits(r: Reader, flag: number): Limits {
  const min = r.u32();
  const max = flag & 1 ? r.u32() : undefined;
  return { min, max };
}

/** A flags field: a one-byte LEB128 whose value is at most `max`. */
function readFlag(r: Reader, max: number): number {
  const at = r.pos;
  const flag = r.u8();
  if (flag & 0x80) r.fail('integer representation too long', at);
  if (flag > max) r.fail('integer too large', at);
  return flag;
}

function readTableType(r: Reader): TableType {
  const elem = readRefType(r) as RefTypeCode;
  return { elem, limits: readLimits(r, readFlag(r, 1)) };
}

/** A memory type; flag bit 1 (the threads proposal's) makes it shared. */
function readMemType(r: Reader): MemType {
  const flag = readFlag(r, 3);
  return { limits: readLimits(r, flag), shared: (flag & 2) !== 0 };
}

/** The global types, one object each (`[code][mutable]`): a module may have a million globals. */
const GLOBAL_TYPES: Record<number, [GlobalType, GlobalType]> = {};
for (const code of Object.values(ValType)) {
  GLOBAL_TYPES[code] = [Object.freeze({ type: code, mutable: false }), Object.freeze({ type: code, mutable: true })];
}

function readGlobalType(r: Reader): GlobalType {
  const type = readValType(r) as ValTypeCode;
  const at = r.pos;
  const mut = r.u8();
  if (mut > 1) r.fail('malformed mutability', at);
  return GLOBAL_TYPES[type][mut];
}

/** A tag type: the attribute byte (0, an exception), then the index of its function type. */
function readTagType(r: Reader): number {
  readZeroByte(r);
  return r.u32();
}

function readImport(r: Reader): Import {
  const offset = r.pos;
  const module = r.name();
  const name = r.name();
  const kindAt = r.pos;
  const kind = r.u8();
  switch (kind) {
    case ExternKind.func:
      return { module, name, offset, kind, type: r.u32() };
    case ExternKind.table:
      return { module, name, offset, kind, type: readTableType(r) };
    case ExternKind.memory:
      return { module, name, offset, kind, type: readMemType(r) };
    case ExternKind.global:
      return { module, name, offset, kind, type: readGlobalType(r) };
    case ExternKind.tag:
      return { module, name, offset, kind, type: readTagType(r) };
    default:
      r.fail('malformed import kind', kindAt);
  }
}

function readExpr(r: Reader): ConstExpr {
  const start = r.pos;
  return { start, end: readExprEnd(r) };
}

/** Reads a constant expression and returns where it ends. */
function readExprEnd(r: Reader): number {
  const start = r.pos;
  // The common offset `i32.const n end` with a short n, read without the generic decoder.
  const b = r.bytes;
  if (b[start] === 0x41 && start + 2 < r.end) {
    if (b[start + 1] < 0x80 && b[start + 2] === 0x0b) return (r.pos = start + 3);
    if (b[start + 1] >= 0x80 && b[start + 2] < 0x80 && start + 3 < r.end && b[start + 3] === 0x0b) {
      return (r.pos = start + 4);
    }
  }
  return skipExpr(r);
}

function readElemKind(r: Reader): RefTypeCode {
  const at = r.pos;
  if (r.u8() !== 0x00) r.fail('malformed element kind', at);
  return ValType.funcref;
}

function readFuncIndices(r: Reader): Uint32Array {
  const n = r.count();
  if (n === 0) return NO_OFFSETS;
  const funcs = new Uint32Array(n);
  for (let i = 0; i < n; i++) funcs[i] = r.u32();
  return funcs;
}

function readExprs(r: Reader): ConstExpr[] {
  const exprs: ConstExpr[] = [];
  for (let n = r.count(); n > 0; n--) exprs.push(readExpr(r));
  return exprs;
}

/** Element segments: the flags' bits say passive/declarative, explicit table, and expressions. */
function readElem(r: Reader): ElemSegment {
  const offsetInModule = r.pos;
  const flags = r.u32();
  if (flags > 7) r.fail('malformed elements segment kind', offsetInModule);
  const usesExprs = (flags & 4) !== 0;
  const active = (flags & 1) === 0;
  const mode = active ? 'active' : flags & 2 ? 'declarative' : 'passive';
  const table = active && flags & 2 ? r.u32() : 0;
  const offset = active ? readExpr(r) : undefined;
  // Flags 0 and 4 leave out the element type: funcref.
  let type: RefTypeCode = ValType.funcref;
  if (flags & 3) type = usesExprs ? (readRefType(r) as RefTypeCode) : readElemKind(r);
  if (usesExprs) return { mode, table, offset, type, funcs: undefined, exprs: readExprs(r), offsetInModule };
  return { mode, table, offset, type, funcs: readFuncIndices(r), exprs: undefined, offsetInModule };
}

function readData(r: Reader): DataSegment {
  const offsetInModule = r.pos;
  const flags = r.u32();
  if (flags > 2) r.fail('malformed data segment kind', offsetInModule);
  const memory = flags === 2 ? r.u32() : 0;
  let offset: ConstExpr | undefined;
  if (flags !== 1) {
    const start = r.pos;
    offset = { start, end: readExprEnd(r) };
  }
  const n = r.length();
  const init = { start: r.pos, end: r.pos + n };
  r.pos += n;
  return { mode: flags === 1 ? 'passive' : 'active', memory, offset, init, offsetInModule };
}

/** The function bodies, kept as two offsets each in one array. */
/** A list read again from the module's bytes on demand: `length`, `at(i)` and iteration. */
abstract class Entries<T> implements Iterable<T> {
  abstract get length(): number;

  /** Entry `i` (0 ≤ i < length). */
  abstract at(i: number): T;

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** No entries: shared by every module that has none (each typed array costs about 200 bytes). */
const NO_OFFSETS = new Uint32Array(0);
const NO_TYPES = new Uint8Array(0);

/**
 * The custom sections, kept as two offsets each (where the name starts, where the section
 * ends); the name is read again when asked for.
 */
export class CustomSections extends Entries<CustomSection> {
  private readonly bounds: number[] = [];

  constructor(private readonly bytes: Uint8Array) {
    super();
  }

  get length(): number {
    return this.bounds.length >> 1;
  }

  /** Reads a custom section's name from `r` (checking it) and skips its content. */
  read(r: Reader): void {
    const at = r.pos;
    r.name();
    this.bounds.push(at, r.end);
    r.pos = r.end;
  }

  /** Section `i` (0 ≤ i < length). */
  at(i: number): CustomSection {
    const r = new Reader(this.bytes, this.bounds[2 * i], this.bounds[2 * i + 1]);
    return { name: r.name(), content: { start: r.pos, end: r.end } };
  }

}

export class FuncBodies extends Entries<FuncBody> {
  private ranges = NO_OFFSETS;

  get length(): number {
    return this.ranges.length >> 1;
  }

  /** Reads the code section's `n` bodies from `r` (sizes only: the validator reads inside). */
  read(r: Reader, n: number): void {
    this.ranges = n === 0 ? NO_OFFSETS : new Uint32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const size = r.length();
      this.ranges[2 * i] = r.pos;
      this.ranges[2 * i + 1] = r.pos + size;
      r.pos += size;
    }
  }

  /** Body `i` (0 ≤ i < length). */
  at(i: number): FuncBody {
    return { start: this.ranges[2 * i], end: this.ranges[2 * i + 1] };
  }

}

/**
 * Entries kept as the offset where each starts in the module's bytes (already checked), and read
 * again from there when asked for: a module may have millions of them.
 */
abstract class ReadAgain<T> extends Entries<T> {
  private starts = NO_OFFSETS;
  private end = 0;

  constructor(private readonly bytes: Uint8Array) {
    super();
  }

  get length(): number {
    return this.starts.length;
  }

  /** Reads a section's `n` entries from `r`, each with `each`, noting where each starts. */
  protected readEach(r: Reader, n: number, each: (r: Reader, i: number) => void): void {
    this.starts = n === 0 ? NO_OFFSETS : new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      this.starts[i] = r.pos;
      each(r, i);
    }
    this.end = r.end;
  }

  /** A reader at the start of entry `i` (0 ≤ i < length). */
  protected readerAt(i: number): Reader {
    return new Reader(this.bytes, this.starts[i], this.end);
  }
}

/** The data segments (see ReadAgain: modules can have a hundred thousand of them). */
export class DataSegments extends ReadAgain<DataSegment> {
  /** Reads the data section's `n` segments from `r`, checking them. */
  read(r: Reader, n: number): void {
    this.readEach(r, n, readData);
  }

  /** Segment `i` (0 ≤ i < length). */
  at(i: number): DataSegment {
    return readData(this.readerAt(i));
  }
}

/** The element segments (see ReadAgain: modules can have ten million), with their element types. */
export class ElemSegments extends ReadAgain<ElemSegment> {
  private types = NO_TYPES;

  /** Reads the element section's `n` segments from `r`, checking them. */
  read(r: Reader, n: number): void {
    this.types = n === 0 ? NO_TYPES : new Uint8Array(n);
    this.readEach(r, n, (r, i) => {
      this.types[i] = readElem(r).type;
    });
  }

  /** Segment `i` (0 ≤ i < length). */
  at(i: number): ElemSegment {
    return readElem(this.readerAt(i));
  }

  /** The element type of segment `i` (0 ≤ i < length), without reading the segment again. */
  type(i: number): RefTypeCode {
    return this.types[i] as RefTypeCode;
  }
}

/** The module's own globals (see ReadAgain: a module may have a million), read with their initializers. */
export class Globals extends ReadAgain<Global> {
  /** Reads the global section's `n` globals from `r`, checking them, and adds their types to `types`. */
  read(r: Reader, n: number, types: GlobalType[]): void {
    this.readEach(r, n, (r) => {
      types.push(readGlobalType(r));
      readExprEnd(r);
    });
  }

  /** Global `i` (0 ≤ i < length). */
  at(i: number): Global {
    const r = this.readerAt(i);
    const type = readGlobalType(r);
    return { type, init: readExpr(r) };
  }
}
