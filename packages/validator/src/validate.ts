/**
 * Module-level validation: limits, imports, tags, exports, constant expressions, element and data
 * segments, the start function; then every function body.
 *
 * https://webassembly.github.io/spec/core/valid/modules.html; tags are legacy exception handling's:
 * https://github.com/WebAssembly/exception-handling/blob/main/document/legacy/exceptions/core/valid.rst
 */
import {
  ExternKind,
  type FuncType,
  InvalidError,
  type Limits,
  type MemType,
  type ModuleInfo,
  Reader,
  SectionId,
  ValType,
  decodeModule,
  readOpId,
  readRefType,
} from '@proj/decoder';
import type { ModuleContext } from './context.js';
import { FuncValidator } from './func.js';
import type { CodeSink } from './sink.js';

/** Memories are at most 65536 pages of 64 KiB (4 GiB). */
const MAX_PAGES = 65536;

/**
 * Checks that `bytes` are a valid WebAssembly 2.0 module, which may use the legacy
 * exception-handling proposal.
 * @throws InvalidError naming the problem and its byte offset, for malformed or invalid bytes
 * @throws UnsupportedError for a valid module past this engine's implementation limits
 */
export function validate(bytes: Uint8Array): void {
  validateModule(bytes);
}

/**
 * Decodes and validates a module, handing each function body's instructions to `sink` if one is
 * given, and returns the decoded module.
 * @throws InvalidError, UnsupportedError as {@link validate}
 */
export function validateModule(bytes: Uint8Array, sink: CodeSink | null = null): ModuleInfo {
  if (!(bytes instanceof Uint8Array)) throw new InvalidError(`module bytes must be a Uint8Array, not ${bytes === null ? 'null' : typeof bytes}`);
  // Bodies are checked as soon as the code section is decoded, before the data section, so
  // that errors are reported in the order the bytes come in.
  let consts: ConstChecker | undefined;
  const m = decodeModule(bytes, {
    afterCode(m) {
      const cx = checkModule(m);
      consts = cx.consts;
      const v = new FuncValidator(cx, sink);
      for (let i = 0; i < m.bodies.length; i++) {
        const body = m.bodies.at(i);
        v.validate(m.importedFuncs + i, body.start, body.end);
      }
    },
  });
  for (const seg of m.datas) {
    if (seg.mode === 'active') {
      if (seg.memory >= m.memories.length) fail(`unknown memory ${seg.memory}`, seg.offsetInModule);
      const offset = seg.offset!;
      consts!.check(offset.start, offset.end, ValType.i32, m.importedGlobals);
    }
  }
  return m;
}

function fail(reason: string, at: number): never {
  throw new InvalidError(reason, at);
}

function checkLimits(l: Limits, at: number): void {
  if (l.max !== undefined && l.min > l.max) fail('size minimum must not be greater than maximum', at);
}

function checkMemoryLimits(l: Limits, at: number): void {
  if (l.min > MAX_PAGES || (l.max !== undefined && l.max > MAX_PAGES)) {
    fail('memory size must be at most 65536 pages (4GiB)', at);
  }
  checkLimits(l, at);
}

function checkMemoryType(t: MemType, at: number): void {
  checkMemoryLimits(t.limits, at);
  if (t.shared && t.limits.max === undefined) fail('shared memory must have maximum', at);
}

/**
 * Checks everything outside function bodies and data segments, and builds the context the bodies
 * are checked in.
 */
function checkModule(m: ModuleInfo): ModuleContext & { consts: ConstChecker } {
  // The decoder shares equal types: so do these arrays.
  const typeCodes = new Map<FuncType, [Uint8Array, Uint8Array]>();
  const typeParams = new Array<Uint8Array>(m.types.length);
  const typeResults = new Array<Uint8Array>(m.types.length);
  for (let i = 0; i < m.types.length; i++) {
    const t = m.types[i];
    let codes = typeCodes.get(t);
    if (codes === undefined) typeCodes.set(t, (codes = [Uint8Array.from(t.params), Uint8Array.from(t.results)]));
    typeParams[i] = codes[0];
    typeResults[i] = codes[1];
  }

  // A tag's type gives the values an exception carries: parameters only.
  const checkTag = (x: number, at: number) => {
    if (x >= m.types.length) fail('unknown type', at);
    if (m.types[x].results.length !== 0) fail('non-empty tag result type', at);
  };
  for (const imp of m.imports) {
    switch (imp.kind) {
      case ExternKind.func:
        if (imp.type >= m.types.length) fail('unknown type', imp.offset);
        break;
      case ExternKind.tag:
        checkTag(imp.type, imp.offset);
        break;
      case ExternKind.table:
        checkLimits(imp.type.limits, imp.offset);
        break;
      case ExternKind.memory:
        checkMemoryType(imp.type, imp.offset);
        break;
    }
  }
  for (let i = m.importedFuncs; i < m.funcTypes.length; i++) {
    if (m.funcTypes[i] >= m.types.length) fail('unknown type', m.sectionStarts[SectionId.function]);
  }
  for (const t of m.tables) checkLimits(t.limits, m.sectionStarts[SectionId.table]);
  if (m.memories.length > 1) fail('multiple memories', m.sectionStarts[SectionId.memory]);
  for (const mem of m.memories) checkMemoryType(mem, m.sectionStarts[SectionId.memory]);
  for (let i = m.importedTags; i < m.tagTypes.length; i++) checkTag(m.tagTypes[i], m.sectionStarts[SectionId.tag]);
  const tagParams = m.tagTypes.map((x) => typeParams[x]);

  const nfuncs = m.funcTypes.length;
  const refs = new Uint8Array(nfuncs);
  const tableTypes = Uint8Array.from(m.tables, (t) => t.elem);
  const globalTypes = Uint8Array.from(m.globalTypes, (g) => g.type);
  const globalMutable = Uint8Array.from(m.globalTypes, (g) => (g.mutable ? 1 : 0));
  const consts = new ConstChecker(m, globalTypes, globalMutable, refs);

  // Constant expressions see only the imported globals (WebAssembly 2.0).
  for (let i = 0; i < m.globals.length; i++) {
    const g = m.globals.at(i);
    consts.check(g.init.start, g.init.end, g.type.type, m.importedGlobals);
  }

  const names = new Set<string>();
  for (const e of m.exports) {
    if (names.has(e.name)) fail('duplicate export name', e.offset);
    names.add(e.name);
    const [count, what] =
      e.kind === ExternKind.func
        ? [nfuncs, 'function']
        : e.kind === ExternKind.table
          ? [m.tables.length, 'table']
          : e.kind === ExternKind.memory
            ? [m.memories.length, 'memory']
            : e.kind === ExternKind.global
              ? [m.globalTypes.length, 'global']
              : [m.tagTypes.length, 'tag'];
    if (e.index >= count) fail(`unknown ${what} ${e.index}`, e.offset);
    if (e.kind === ExternKind.func) refs[e.index] = 1;
  }

  if (m.start !== undefined) {
    if (m.start >= nfuncs) fail(`unknown function ${m.start}`, m.startOffset);
    const t = m.types[m.funcTypes[m.start]];
    if (t.params.length !== 0 || t.results.length !== 0) fail('start function', m.startOffset);
  }

  for (let i = 0; i < m.elems.length; i++) {
    const seg = m.elems.at(i);
    if (seg.mode === 'active') {
      if (seg.table >= m.tables.length) fail(`unknown table ${seg.table}`, seg.offsetInModule);
      if (m.tables[seg.table].elem !== seg.type) fail('type mismatch', seg.offsetInModule);
      consts.check(seg.offset!.start, seg.offset!.end, ValType.i32, m.importedGlobals);
    }
    if (seg.funcs) {
      for (const f of seg.funcs) {
        if (f >= nfuncs) fail(`unknown function ${f}`, seg.offsetInModule);
        refs[f] = 1;
      }
    } else {
      for (const e of seg.exprs!) consts.check(e.start, e.end, seg.type, m.importedGlobals);
    }
  }

  return { module: m, typeParams, typeResults, tagParams, refs, tableTypes, globalTypes, globalMutable, consts };
}

/**
 * Constant expressions: only constants, `ref.null`, `ref.func` and `global.get` of an immutable
 * global, leaving exactly one value of the expected type.
 * https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions
 */
class ConstChecker {
  private readonly r: Reader;

  constructor(
    private readonly m: ModuleInfo,
    private readonly globalTypes: Uint8Array,
    private readonly globalMutable: Uint8Array,
    private readonly refs: Uint8Array,
  ) {
    this.r = new Reader(m.bytes);
  }

  /** `globals` is how many globals the expression may refer to. */
  /** The expression is the bytes `[start, end)`. */
  check(start: number, end: number, expect: number, globals: number): void {
    // The common `i32.const n end` with a one- or two-byte n, without the generic decoder.
    const b = this.m.bytes;
    const len = end - start;
    if (b[start] === 0x41 && ((len === 3 && b[start + 1] < 0x80) || (len === 4 && b[start + 1] >= 0x80 && b[start + 2] < 0x80))) {
      if (expect !== ValType.i32) fail('type mismatch', end - 1);
      return;
    }
    const r = this.r;
    r.pos = start;
    r.end = end;
    let count = 0;
    let last = 0;
    for (;;) {
      const offset = r.pos;
      const id = readOpId(r);
      let t: number;
      switch (id) {
        case 0x41:
          r.s32();
          t = ValType.i32;
          break;
        case 0x42:
          r.skipS64();
          t = ValType.i64;
          break;
        case 0x43:
          r.skip(4);
          t = ValType.f32;
          break;
        case 0x44:
          r.skip(8);
          t = ValType.f64;
          break;
        case 0x20c: // v128.const
          r.skip(16);
          t = ValType.v128;
          break;
        case 0xd0: // ref.null
          t = readRefType(r);
          break;
        case 0xd2: {
          // ref.func: naming a function here also declares it for ref.func in bodies.
          const x = r.u32();
          if (x >= this.m.funcTypes.length) fail(`unknown function ${x}`, offset);
          this.refs[x] = 1;
          t = ValType.funcref;
          break;
        }
        case 0x23: {
          const x = r.u32();
          if (x >= globals) fail(`unknown global ${x}`, offset);
          if (this.globalMutable[x]) fail('constant expression required', offset);
          t = this.globalTypes[x];
          break;
        }
        case 0x0b:
          if (count !== 1 || last !== expect) fail('type mismatch', offset);
          return;
        default:
          fail('constant expression required', offset);
      }
      count++;
      last = t;
    }
  }
}
