import { describe, expect, it } from 'vitest';
import { ByteWriter, concatBytes, moduleOf } from '@proj/testkit';
import { HEADER, body, functype, name, section, uleb, vec, wasm, wat, watEh } from '../test/wat.js';
import { InvalidError } from './errors.js';
import { SectionId, decodeModule, type ModuleInfo } from './module.js';
import { type ElemSegment, ExternKind, ValType, externKindNames } from './types.js';

const { i32, i64, f32, f64, v128, funcref, externref } = ValType;

function expectInvalid(bytes: Uint8Array, reason: string, offset: number): void {
  let err: unknown;
  try {
    decodeModule(bytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InvalidError);
  const e = err as InvalidError;
  expect({ reason: e.reason, offset: e.offset }).toEqual({ reason, offset });
}

const slice = (m: ModuleInfo, r: { start: number; end: number }) => [...m.bytes.subarray(r.start, r.end)];

// Sections used throughout: one type `() -> ()`, one function of it, its body `end`.
const TYPE = section(1, vec([functype()]));
const FUNC1 = section(3, vec([[0]]));
const CODE1 = section(10, vec([body([0x0b])]));

describe('header', () => {
  it('decodes the empty module', () => {
    const bytes = wasm();
    const m = decodeModule(bytes);
    expect(m.bytes).toBe(bytes);
    expect(m).toMatchObject({ types: [], imports: [], funcTypes: [], start: undefined });
    expect(m.customs).toHaveLength(0);
    expect(m.dataCount).toBeUndefined();
    expect(m.bodies).toHaveLength(0);
    expect(m.datas).toHaveLength(0);
  });

  it('needs the magic number and version 1', () => {
    expectInvalid(Uint8Array.of(0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0), 'magic header not detected', 0);
    expectInvalid(Uint8Array.of(0x6d, 0x73, 0x61, 0x00, 1, 0, 0, 0), 'magic header not detected', 0);
    expectInvalid(new TextEncoder().encode('(module)'), 'magic header not detected', 0);
    expectInvalid(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0), 'unknown binary version', 4);
    expectInvalid(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0, 0, 0, 0), 'unknown binary version', 4);
    expectInvalid(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0, 0x01, 0), 'unknown binary version', 4);
    expectInvalid(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 1), 'unknown binary version', 4);
  });

  it('reports short input as an unexpected end', () => {
    expectInvalid(new Uint8Array(0), 'unexpected end', 0);
    expectInvalid(Uint8Array.of(0x00, 0x61, 0x73), 'unexpected end', 3);
    expectInvalid(Uint8Array.of(0x00, 0x61, 0x73, 0x6d), 'unexpected end', 4);
    expectInvalid(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01), 'unexpected end', 5);
    expectInvalid(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00), 'unexpected end', 7);
  });
});

describe('section framing', () => {
  it('rejects section ids past 13 (the tag section)', () => {
    expectInvalid(wasm([14, 0]), 'malformed section id', 8);
    expectInvalid(wasm(TYPE, [0x7f, 0]), 'malformed section id', 8 + TYPE.length);
    expectInvalid(wasm([0x80, 0x00, 0]), 'malformed section id', 8);
  });

  it('rejects a section whose content is shorter than its size', () => {
    // Type section of size 5 holding 4 bytes of content and one stray byte.
    expectInvalid(wasm([1, 5, 1, 0x60, 0, 0, 0]), 'section size mismatch', 14);
    // Data count section with a stray byte after the count.
    expectInvalid(wasm([12, 2, 0, 0]), 'section size mismatch', 11);
    // Start section with two bytes for a one-byte index.
    expectInvalid(wasm(TYPE, FUNC1, [8, 2, 0, 0], CODE1), 'section size mismatch', 8 + TYPE.length + FUNC1.length + 3);
  });

  it('reports content running past the section size as an overrun of the section', () => {
    // Size 3 cuts the function type short before its results vector.
    expectInvalid(wasm([1, 3, 1, 0x60, 0, 0], [0, 1, 0x61]), 'unexpected end of section or function', 13);
  });

  it('rejects a section size past the end of the module', () => {
    expectInvalid(wasm([1, 5, 1, 0x60, 0, 0]), 'length out of bounds', 9);
    expectInvalid(wasm([0, 0x80, 0x01]), 'length out of bounds', 9);
  });

  it('rejects duplicate and out-of-order sections', () => {
    expectInvalid(wasm(TYPE, TYPE), 'unexpected content after last section', 8 + TYPE.length);
    expectInvalid(wasm(FUNC1, TYPE), 'unexpected content after last section', 8 + FUNC1.length);
    const dc = section(12, [0]);
    const code0 = section(10, [0]);
    expectInvalid(wasm(code0, dc), 'unexpected content after last section', 8 + code0.length);
    const data0 = section(11, [0]);
    expectInvalid(wasm(data0, code0), 'unexpected content after last section', 8 + data0.length);
    expectInvalid(wasm(section(7, [0]), section(6, [0])), 'unexpected content after last section', 11);
    // The data count section sits between the element and code sections.
    expect(() => decodeModule(wasm(section(9, [0]), dc, code0, data0))).not.toThrow();
  });

  it('function and code sections must agree on the count', () => {
    // A function without a code section: reported at the module end.
    const noCode = wasm(TYPE, FUNC1);
    expectInvalid(noCode, 'function and code section have inconsistent lengths', noCode.length);
    // ...or at the first section after where the code section would be.
    const data0 = section(11, [0]);
    expectInvalid(wasm(TYPE, FUNC1, data0), 'function and code section have inconsistent lengths', 8 + TYPE.length + FUNC1.length);
    // Counts differ: reported at the start of the code section's content.
    const code2 = section(10, vec([body([0x0b]), body([0x0b])]));
    expectInvalid(wasm(TYPE, FUNC1, code2), 'function and code section have inconsistent lengths', 8 + TYPE.length + FUNC1.length + 2);
    // Code without functions.
    expectInvalid(wasm(TYPE, CODE1), 'function and code section have inconsistent lengths', 8 + TYPE.length + 2);
    // Empty function and code sections, or neither, are fine.
    expect(() => decodeModule(wasm(TYPE, section(3, [0]), section(10, [0])))).not.toThrow();
    expect(() => decodeModule(wasm(TYPE, section(3, [0])))).not.toThrow();
  });

  it('data count and data sections must agree', () => {
    const dc2 = section(12, [2]);
    const data1 = section(11, vec([[1, 0]]));
    const at = 8 + dc2.length + 2;
    expectInvalid(wasm(dc2, data1), 'data count and data section have inconsistent lengths', at);
    const dc1 = section(12, [1]);
    const bytes = wasm(dc1);
    expectInvalid(bytes, 'data count and data section have inconsistent lengths', bytes.length);
    expect(decodeModule(wasm(section(12, [0]))).dataCount).toBe(0);
    const m = decodeModule(wasm(dc1, data1));
    expect(m.dataCount).toBe(1);
    expect(m.datas).toHaveLength(1);
    // No data count section: any number of segments.
    expect(decodeModule(wasm(data1)).dataCount).toBeUndefined();
  });

  it('rejects a vector count past the section', () => {
    expectInvalid(wasm([1, 2, 5, 0x60], [0, 1, 0x61]), 'unexpected end of section or function', 12);
  });
});

describe('types, imports, exports, globals', () => {
  it('decodes function types with every value type', () => {
    const m = decodeModule(wasm(section(1, vec([functype([i32, i64, f32, f64], [v128]), functype([funcref, externref], [i32, i64])]))));
    expect(m.types).toEqual([
      { params: [i32, i64, f32, f64], results: [v128] },
      { params: [funcref, externref], results: [i32, i64] },
    ]);
  });

  it('gives equal function types one object, and keeps unequal ones apart', () => {
    const long = functype(new Array(100).fill(i32));
    const types = [functype([i32], [i32]), functype([i32], [i32]), functype([i64], [i32]), functype([i32], [i32]), long, long, functype()];
    const m = decodeModule(wasm(section(1, vec(types))));
    expect(m.types).toHaveLength(7);
    expect(m.types[1]).toBe(m.types[0]);
    expect(m.types[3]).toBe(m.types[0]);
    expect(m.types[2]).toEqual({ params: [i64], results: [i32] });
    expect(m.types[0]).toEqual({ params: [i32], results: [i32] });
    expect(m.types[5]).toEqual(m.types[4]);
    expect(m.types[4].params).toHaveLength(100);
    expect(m.types[6]).toEqual({ params: [], results: [] });
  });

  it('decodes 100,000 equal function types into one object', () => {
    const m = decodeModule(moduleOf([[1, new ByteWriter().u32(100_000).repeat(100_000, functype([i32], [i32]))]]));
    expect(m.types).toHaveLength(100_000);
    expect(new Set(m.types).size).toBe(1);
  });

  it('rejects bad function type forms and value types', () => {
    expectInvalid(wasm(section(1, vec([[0x61, 0, 0]]))), 'malformed function type', 11);
    expectInvalid(wasm(section(1, vec([[0xe0, 0x7f, 0, 0]]))), 'integer representation too long', 11);
    expectInvalid(wasm(section(1, vec([[0x60, 1, 0x7a, 0]]))), 'malformed value type', 13);
    expectInvalid(wasm(section(1, vec([[0x60, 0, 1, 0x40]]))), 'malformed value type', 14);
  });

  it('decodes imports of each kind into the index spaces', () => {
    const bytes = wat(`(module
      (type (func (param i32)))
      (import "m" "f" (func (type 0)))
      (import "m" "t" (table 1 2 externref))
      (import "m" "mem" (memory 1))
      (import "m" "g" (global (mut i64)))
      (import "m" "g2" (global f32))
      (func (type 0))
      (table 3 funcref)
      (global f64 (f64.const 0)))`);
    const m = decodeModule(bytes);
    expect(m.imports.map((i) => [i.module, i.name, i.kind])).toEqual([
      ['m', 'f', ExternKind.func],
      ['m', 't', ExternKind.table],
      ['m', 'mem', ExternKind.memory],
      ['m', 'g', ExternKind.global],
      ['m', 'g2', ExternKind.global],
    ]);
    expect(m.funcTypes).toEqual([0, 0]);
    expect(m.importedFuncs).toBe(1);
    expect(m.tables).toEqual([
      { elem: externref, limits: { min: 1, max: 2 } },
      { elem: funcref, limits: { min: 3, max: undefined } },
    ]);
    expect(m.importedTables).toBe(1);
    expect(m.memories).toEqual([{ limits: { min: 1, max: undefined }, shared: false }]);
    expect(m.importedMemories).toBe(1);
    expect(m.globalTypes).toEqual([
      { type: i64, mutable: true },
      { type: f32, mutable: false },
      { type: f64, mutable: false },
    ]);
    expect(m.importedGlobals).toBe(2);
    expect(m.globals).toHaveLength(1);
    expect(slice(m, m.globals.at(0).init)).toEqual([0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b]);
    expect(m.globals.at(0).type).toBe(m.globalTypes[2]);
    // Import offsets point at each entry's module name.
    for (const imp of m.imports) {
      const r = m.bytes.subarray(imp.offset);
      expect(new TextDecoder().decode(r.subarray(1, 1 + r[0]))).toBe(imp.module);
    }
  });

  it('rejects a malformed import kind, mutability, reference type, limits flag', () => {
    const imp = (desc: number[]) => wasm(section(2, vec([[...name('m'), ...name('x'), ...desc]])));
    // Entry starts at 11; kind byte at 11 + 2 + 2 = 15.
    expectInvalid(imp([5, 0]), 'malformed import kind', 15);
    expectInvalid(imp([0x80, 0]), 'malformed import kind', 15);
    expectInvalid(imp([3, i32, 2]), 'malformed mutability', 17);
    expectInvalid(imp([3, 0x40, 0]), 'malformed value type', 16);
    expectInvalid(imp([1, i32, 0, 0]), 'malformed reference type', 16);
    expectInvalid(imp([1, funcref, 2, 0, 0]), 'integer too large', 17);
    expectInvalid(imp([1, funcref, 0x81, 0, 0]), 'integer representation too long', 17);
    expectInvalid(imp([2, 4, 0, 0]), 'integer too large', 16);
    expectInvalid(imp([2, 0x82, 0, 0]), 'integer representation too long', 16);
    expect(decodeModule(imp([2, 1, 1, 2])).memories).toEqual([{ limits: { min: 1, max: 2 }, shared: false }]);
    // Bit 1 of a memory's flags: shared (the threads proposal).
    expect(decodeModule(imp([2, 3, 1, 2])).memories).toEqual([{ limits: { min: 1, max: 2 }, shared: true }]);
    expect(decodeModule(imp([2, 2, 1])).memories).toEqual([{ limits: { min: 1, max: undefined }, shared: true }]);
    expect(decodeModule(imp([0, 0x80, 0x01])).imports[0]).toMatchObject({ kind: 0, type: 128 });
  });

  it('rejects malformed table, memory and global definitions', () => {
    expectInvalid(wasm(section(4, vec([[0x7b, 0, 0]]))), 'malformed reference type', 11);
    expectInvalid(wasm(section(4, vec([[funcref, 2, 0]]))), 'integer too large', 12);
    expectInvalid(wasm(section(5, vec([[4, 0]]))), 'integer too large', 11);
    expect(decodeModule(wasm(section(5, vec([[3, 0, 1]])))).memories).toEqual([{ limits: { min: 0, max: 1 }, shared: true }]);
    expectInvalid(wasm(section(6, vec([[i32, 2, 0x41, 0, 0x0b]]))), 'malformed mutability', 12);
    expectInvalid(wasm(section(6, vec([[0x6e, 0, 0x41, 0, 0x0b]]))), 'malformed value type', 11);
    // The initializer's instructions are read with the opcode table.
    expectInvalid(wasm(section(6, vec([[i32, 0, 0x0a, 0x0b]]))), 'illegal opcode', 13);
  });

  it('decodes exports and rejects a malformed export kind', () => {
    const m = decodeModule(wat(`(module (func (export "f")) (memory (export "mem") 1) (global (export "g") i32 (i32.const 0)) (table (export "t") 0 funcref))`));
    expect(m.exports.map((e) => [e.name, e.kind, e.index])).toEqual([
      ['f', ExternKind.func, 0],
      ['mem', ExternKind.memory, 0],
      ['g', ExternKind.global, 0],
      ['t', ExternKind.table, 0],
    ]);
    expectInvalid(wasm(section(7, vec([[...name('e'), 5, 0]]))), 'malformed export kind', 13);
    expectInvalid(wasm(section(7, vec([[...name('e'), 0xff, 0]]))), 'malformed export kind', 13);
    expectInvalid(wasm(section(7, vec([[2, 0xc0, 0x80, 0, 0]]))), 'malformed UTF-8 encoding', 12);
  });

  it('decodes the start section with its offset', () => {
    const start = section(8, [0x80, 0x00]);
    const m = decodeModule(wasm(TYPE, FUNC1, start, CODE1));
    expect(m.start).toBe(0);
    expect(m.startOffset).toBe(8 + TYPE.length + FUNC1.length + 2);
  });
});

describe('tags (legacy exception handling)', () => {
  const TYPES = section(1, vec([functype(), functype([i32, f64])]));
  const tags = (...entries: number[][]) => section(13, vec(entries));

  it('decodes imported and defined tags into one index space, imports first', () => {
    const bytes = watEh(`(module
      (type (func (param i64)))
      (import "m" "f" (func))
      (import "m" "t0" (tag (param i32)))
      (import "m" "t1" (tag (type 0)))
      (memory 1)
      (tag $a (param i64))
      (tag $b)
      (global i32 (i32.const 0))
      (export "a" (tag $a))
      (export "t0" (tag 0)))`);
    const m = decodeModule(bytes);
    expect(m.imports.map((i) => [i.name, i.kind, i.type])).toEqual([
      ['f', ExternKind.func, 1],
      ['t0', ExternKind.tag, 2],
      ['t1', ExternKind.tag, 0],
    ]);
    expect(m.types.slice(1)).toEqual([{ params: [], results: [] }, { params: [i32], results: [] }]);
    expect(m.tagTypes).toEqual([2, 0, 0, 1]);
    expect(m.importedTags).toBe(2);
    expect(m.importedFuncs).toBe(1);
    expect(m.exports.map((e) => [e.name, e.kind, e.index])).toEqual([
      ['a', ExternKind.tag, 2],
      ['t0', ExternKind.tag, 0],
    ]);
    expect(m.sectionStarts[SectionId.tag]).toBeGreaterThan(m.sectionStarts[SectionId.memory]);
    expect(m.sectionStarts[SectionId.tag]).toBeLessThan(m.sectionStarts[SectionId.global]);
  });

  it('has no tags without a tag section or tag imports', () => {
    const m = decodeModule(wasm(TYPE, FUNC1, CODE1));
    expect(m.tagTypes).toEqual([]);
    expect(m.importedTags).toBe(0);
    expect(SectionId.tag).toBe(13);
    expect(externKindNames[ExternKind.tag]).toBe('tag');
  });

  it('reads the type index as a u32 and keeps it unchecked for the validator', () => {
    const m = decodeModule(wasm(TYPES, tags([0, 1], [0, 0x80, 0x01], [0, 0x81, 0x80, 0x80, 0x80, 0x00])));
    expect(m.tagTypes).toEqual([1, 128, 1]);
    const imp = decodeModule(wasm(section(2, vec([[...name('m'), ...name('t'), 4, 0, 0x80, 0x00]]))));
    expect(imp.imports[0]).toMatchObject({ kind: ExternKind.tag, type: 0 });
    expect(imp.tagTypes).toEqual([0]);
  });

  it('needs the attribute byte to be 0 (an exception), one byte', () => {
    // Tag section content at 8 + TYPES.length + 2; the first entry's attribute after the count.
    const at = 8 + TYPES.length + 3;
    expectInvalid(wasm(TYPES, tags([1, 0])), 'zero byte expected', at);
    expectInvalid(wasm(TYPES, tags([0, 0], [0xff, 0])), 'zero byte expected', at + 2);
    // 0x80 0x00 is zero as a LEB128, but the attribute is a byte (V8 reads it as a LEB128).
    expectInvalid(wasm(TYPES, tags([0x80, 0x00, 0])), 'zero byte expected', at);
    const imp = (desc: number[]) => wasm(section(2, vec([[...name('m'), ...name('t'), ...desc]])));
    expectInvalid(imp([4, 1, 0]), 'zero byte expected', 16);
  });

  it('rejects truncated tag entries and imports', () => {
    const at = 8 + TYPES.length + 2;
    const custom = section(0, name('x'));
    expectInvalid(wasm(TYPES, section(13, [1, 0])), 'unexpected end', at + 2);
    expectInvalid(wasm(TYPES, section(13, [1, 0]), custom), 'unexpected end of section or function', at + 2);
    expectInvalid(wasm(TYPES, section(13, [2, 0, 0]), custom), 'unexpected end of section or function', at + 3);
    // Import kind 4 was malformed in WebAssembly 2.0; now it is a tag, and its type is missing.
    expectInvalid(wasm(section(2, vec([[...name('m'), ...name('t'), 4]]))), 'unexpected end', 16);
    expectInvalid(wasm(section(2, vec([[...name('m'), ...name('t'), 4, 0]])), custom), 'unexpected end of section or function', 17);
  });

  it('nests try in constant expressions as in bodies, closed by end or delegate (the validator rejects them)', () => {
    const init = (...expr: number[]) => {
      const m = decodeModule(wasm(section(6, vec([[i32, 0, ...expr]]))));
      return slice(m, m.globals.at(0).init);
    };
    expect(init(0x06, 0x40, 0x0b, 0x41, 0, 0x0b)).toEqual([0x06, 0x40, 0x0b, 0x41, 0, 0x0b]);
    expect(init(0x06, 0x40, 0x18, 0, 0x41, 0, 0x0b)).toEqual([0x06, 0x40, 0x18, 0, 0x41, 0, 0x0b]);
    expect(init(0x06, 0x40, 0x07, 0, 0x19, 0x0b, 0x0b)).toEqual([0x06, 0x40, 0x07, 0, 0x19, 0x0b, 0x0b]);
    // A delegate outside any try closes nothing.
    expect(init(0x18, 0, 0x0b)).toEqual([0x18, 0, 0x0b]);
  });

  it('sits between the memory and global sections, once', () => {
    const mem = section(5, vec([[0, 1]]));
    const glob = section(6, vec([[i32, 0, 0x41, 0, 0x0b]]));
    const tag = tags([0, 0]);
    expect(decodeModule(wasm(TYPE, mem, tag, glob)).tagTypes).toEqual([0]);
    expect(decodeModule(wasm(TYPE, tag, glob)).tagTypes).toEqual([0]);
    expectInvalid(wasm(TYPE, tag, mem), 'unexpected content after last section', 8 + TYPE.length + tag.length);
    expectInvalid(wasm(TYPE, glob, tag), 'unexpected content after last section', 8 + TYPE.length + glob.length);
    expectInvalid(wasm(TYPE, tag, tag), 'unexpected content after last section', 8 + TYPE.length + tag.length);
    // The tag section comes before the code section: a missing code section is still noticed at the end.
    expectInvalid(wasm(TYPE, FUNC1, tag), 'function and code section have inconsistent lengths', 8 + TYPE.length + FUNC1.length + tag.length);
  });
});

describe('element segments', () => {
  const tables = section(4, vec([[funcref, 0, 1], [funcref, 0, 1]]));
  const segs: number[][] = [
    [0x00, 0x41, 0x00, 0x0b, 1, 0], // active, table 0, funcs
    [0x01, 0x00, 2, 0, 0], // passive, elemkind, funcs
    [0x02, 0x01, 0x41, 0x01, 0x0b, 0x00, 1, 0], // active, explicit table 1, elemkind, funcs
    [0x03, 0x00, 1, 0], // declarative, elemkind, funcs
    [0x04, 0x41, 0x02, 0x0b, 1, 0xd2, 0x00, 0x0b], // active, table 0, exprs
    [0x05, funcref, 2, 0xd0, funcref, 0x0b, 0xd2, 0x00, 0x0b], // passive, reftype, exprs
    [0x06, 0x01, 0x41, 0x03, 0x0b, funcref, 1, 0xd0, funcref, 0x0b], // active, table 1, reftype, exprs
    [0x07, externref, 1, 0xd0, externref, 0x0b], // declarative, reftype, exprs
  ];
  const elem = section(9, vec(segs));
  const summarize = (m: ModuleInfo, e: ElemSegment) => ({
    mode: e.mode,
    table: e.table,
    type: e.type,
    offset: e.offset && slice(m, e.offset),
    funcs: e.funcs && [...e.funcs],
    exprs: e.exprs?.map((x) => slice(m, x)),
  });
  const prefix = [...HEADER, ...TYPE, ...FUNC1, ...tables];
  const bytes = Uint8Array.from([...prefix, ...elem, ...CODE1]);

  it('decodes all eight flag forms', () => {
    const m = decodeModule(bytes);
    expect(m.elems).toHaveLength(8);
    const summary = [...m.elems].map((e) => summarize(m, e));
    expect(summary).toEqual([
      { mode: 'active', table: 0, type: funcref, offset: [0x41, 0, 0x0b], funcs: [0], exprs: undefined },
      { mode: 'passive', table: 0, type: funcref, offset: undefined, funcs: [0, 0], exprs: undefined },
      { mode: 'active', table: 1, type: funcref, offset: [0x41, 1, 0x0b], funcs: [0], exprs: undefined },
      { mode: 'declarative', table: 0, type: funcref, offset: undefined, funcs: [0], exprs: undefined },
      { mode: 'active', table: 0, type: funcref, offset: [0x41, 2, 0x0b], funcs: undefined, exprs: [[0xd2, 0, 0x0b]] },
      {
        mode: 'passive',
        table: 0,
        type: funcref,
        offset: undefined,
        funcs: undefined,
        exprs: [
          [0xd0, funcref, 0x0b],
          [0xd2, 0, 0x0b],
        ],
      },
      { mode: 'active', table: 1, type: funcref, offset: [0x41, 3, 0x0b], funcs: undefined, exprs: [[0xd0, funcref, 0x0b]] },
      { mode: 'declarative', table: 0, type: externref, offset: undefined, funcs: undefined, exprs: [[0xd0, externref, 0x0b]] },
    ]);
    // Each segment's offset is where its flags are.
    let at = prefix.length + 3;
    for (let i = 0; i < segs.length; i++) {
      expect(m.elems.at(i).offsetInModule).toBe(at);
      at += segs[i].length;
    }
  });

  it('keeps 100,000 segments of every form as offsets, read again on demand', () => {
    const many = 100_000;
    const round = segs.flat();
    const elems = new ByteWriter().u32(many).repeat(many / 8, round);
    const m = decodeModule(concatBytes([Uint8Array.from([...prefix, 9, ...uleb(elems.length)]), elems.result(), Uint8Array.from(CODE1)]));
    expect(m.elems).toHaveLength(many);
    const iterated = [...m.elems];
    // Segments follow the section's id, size and count, in rounds of the eight forms.
    const sectionAt = prefix.length + 1 + uleb(elems.length).length + uleb(many).length;
    for (const i of [0, 7, 8, 4_321, many - 1]) {
      const seg = m.elems.at(i);
      expect(summarize(m, seg)).toEqual(summarize(m, m.elems.at(i % 8)));
      expect(seg.offsetInModule).toBe(sectionAt + Math.floor(i / 8) * round.length + segs.slice(0, i % 8).flat().length);
      expect(iterated[i]).toEqual(seg);
      expect(m.elems.type(i)).toBe(i % 8 === 7 ? externref : funcref);
    }
  });

  it('rejects bad flags, element kinds and reference types', () => {
    const seg = (s: number[]) => Uint8Array.from([...prefix, ...section(9, vec([s])), ...CODE1]);
    const at = prefix.length + 3;
    expectInvalid(seg([0x08, 0x41, 0, 0x0b, 0]), 'malformed elements segment kind', at);
    expectInvalid(seg([0x88, 0x00, 0x41, 0, 0x0b, 0]), 'malformed elements segment kind', at);
    expectInvalid(seg([0x01, 0x01, 0]), 'malformed element kind', at + 1);
    expectInvalid(seg([0x05, i32, 0]), 'malformed reference type', at + 1);
    // Flags as a multi-byte LEB128 are fine.
    expect(decodeModule(seg([0x81, 0x00, 0x00, 0])).elems.at(0).mode).toBe('passive');
  });
});

describe('data segments', () => {
  const mem = section(5, vec([[0, 1]]));
  const segs: number[][] = [
    [0x00, 0x41, 0x00, 0x0b, 2, 0x61, 0x62], // active, memory 0
    [0x01, 1, 0x63], // passive
    [0x02, 0x00, 0x41, 0x05, 0x0b, 0], // active, explicit memory, empty
  ];
  const prefix = [...HEADER, ...mem];

  it('decodes the three forms, with ranges into the input', () => {
    const bytes = Uint8Array.from([...prefix, ...section(11, vec(segs))]);
    const m = decodeModule(bytes);
    expect(m.bytes).toBe(bytes);
    expect(
      Array.from(m.datas, (d) => ({ mode: d.mode, memory: d.memory, offset: d.offset && slice(m, d.offset), init: slice(m, d.init) })),
    ).toEqual([
      { mode: 'active', memory: 0, offset: [0x41, 0, 0x0b], init: [0x61, 0x62] },
      { mode: 'passive', memory: 0, offset: undefined, init: [0x63] },
      { mode: 'active', memory: 0, offset: [0x41, 5, 0x0b], init: [] },
    ]);
    const at = prefix.length + 3;
    expect(Array.from(m.datas, (d) => d.offsetInModule)).toEqual([at, at + segs[0].length, at + segs[0].length + segs[1].length]);
    expect(m.datas.at(0).init.start).toBe(at + 5);
  });

  it('keeps a memory index other than 0 for the validator to reject', () => {
    const m = decodeModule(Uint8Array.from([...prefix, ...section(11, vec([[0x02, 0x01, 0x41, 0, 0x0b, 0]]))]));
    expect(m.datas.at(0).memory).toBe(1);
  });

  it('rejects bad flags and lengths past the section', () => {
    const at = prefix.length + 3;
    expectInvalid(Uint8Array.from([...prefix, ...section(11, vec([[0x03, 0]]))]), 'malformed data segment kind', at);
    expectInvalid(Uint8Array.from([...prefix, ...section(11, vec([[0x01, 5, 1, 2]]))]), 'length out of bounds', at + 1);
  });
});

describe('custom sections', () => {
  it('may come anywhere, any number of times, and keep their names and content ranges', () => {
    const c = (n: string, content: number[]) => section(0, [...name(n), ...content]);
    const c1 = c('first', [1, 2, 3]);
    const c2 = c('', []);
    const c3 = c('name', [9]);
    const c4 = c('first', [4]);
    const c5 = c('é𝄞', [0xff, 0x00]);
    const bytes = wasm(c1, TYPE, c2, FUNC1, c3, CODE1, c4, c5);
    const m = decodeModule(bytes);
    expect(Array.from(m.customs, (s) => [s.name, slice(m, s.content)])).toEqual([
      ['first', [1, 2, 3]],
      ['', []],
      ['name', [9]],
      ['first', [4]],
      ['é𝄞', [0xff, 0x00]],
    ]);
    expect(m.customs.at(0).content.start).toBe(8 + 2 + 6);
    expect(m.bodies).toHaveLength(1);
  });

  it('rejects a custom section with a malformed name', () => {
    expectInvalid(wasm(section(0, [2, 0xc0, 0x80])), 'malformed UTF-8 encoding', 11);
    expectInvalid(wasm(section(0, [5, 0x61]), [0, 0]), 'length out of bounds', 10);
  });
});

describe('code section and buffer ranges', () => {
  it('keeps function bodies as ranges into the input, without copies', () => {
    const b1 = body([0x41, 0x01, 0x1a, 0x0b], [[2, i32]]);
    const b2 = body([0x0b]);
    const code = section(10, vec([b1, b2]));
    const bytes = wasm(TYPE, section(3, vec([[0], [0]])), code);
    const m = decodeModule(bytes);
    expect(m.bytes).toBe(bytes);
    const codeStart = bytes.length - code.length + 2;
    expect(m.codeOffset).toBe(codeStart);
    expect(m.sectionStarts[10]).toBe(codeStart);
    expect(m.sectionStarts[1]).toBe(10);
    expect(Array.from(m.bodies)).toEqual([
      { start: codeStart + 2, end: codeStart + 9 },
      { start: codeStart + 10, end: bytes.length },
    ]);
    expect(slice(m, m.bodies.at(0))).toEqual([1, 2, i32, 0x41, 0x01, 0x1a, 0x0b]);
    expect(slice(m, m.bodies.at(1))).toEqual([0, 0x0b]);
  });

  it('rejects a body size past the section', () => {
    const bytes = wasm(TYPE, FUNC1, [10, 3, 1, 5, 0x0b], [0, 0, 0, 0]);
    expectInvalid(bytes, 'length out of bounds', 8 + TYPE.length + FUNC1.length + 3);
  });

  it('decodes a large wabt-assembled module consistently', () => {
    const bytes = wat(`(module
      (type $t (func (param i32) (result i32)))
      (func $a (type $t) local.get 0)
      (func $b (type $t) local.get 0 call $a)
      (table 2 funcref)
      (memory 1 2)
      (elem (i32.const 0) $a $b)
      (data (i32.const 8) "hello")
      (data "passive")
      (export "b" (func $b)))`);
    const m = decodeModule(bytes);
    expect(m.types).toEqual([{ params: [i32], results: [i32] }]);
    expect(m.funcTypes).toEqual([0, 0]);
    expect(m.bodies).toHaveLength(2);
    expect(m.elems.at(0)).toMatchObject({ mode: 'active', table: 0 });
    expect([...m.elems.at(0).funcs!]).toEqual([0, 1]);
    expect(new TextDecoder().decode(m.bytes.subarray(m.datas.at(0).init.start, m.datas.at(0).init.end))).toBe('hello');
    expect(m.datas.at(1).mode).toBe('passive');
    expect(m.dataCount).toBeUndefined(); // wabt writes a data count section only for memory.init / data.drop
    expect(m.exports).toMatchObject([{ name: 'b', kind: ExternKind.func, index: 1 }]);
  });
});

describe('afterCode hook', () => {
  it('runs once, after the code section and before the data section', () => {
    const dc = section(12, [1]);
    const data = section(11, vec([[1, 0]]));
    const seen: number[] = [];
    decodeModule(wasm(TYPE, FUNC1, dc, CODE1, data), {
      afterCode(m) {
        seen.push(m.bodies.length, m.datas.length, m.dataCount ?? -1);
      },
    });
    expect(seen).toEqual([1, 0, 1]);
  });

  it('runs without a code section, and not when the function/code counts disagree', () => {
    let calls = 0;
    decodeModule(wasm(TYPE), { afterCode: () => calls++ });
    decodeModule(wasm(section(11, [0])), { afterCode: () => calls++ });
    expect(calls).toBe(2);
    expect(() => decodeModule(wasm(TYPE, FUNC1), { afterCode: () => calls++ })).toThrow(InvalidError);
    expect(calls).toBe(2);
  });

  it('runs before a later malformed custom section is read', () => {
    let calls = 0;
    const bad = section(0, [2, 0xc0, 0x80]);
    expect(() => decodeModule(wasm(TYPE, FUNC1, CODE1, bad), { afterCode: () => calls++ })).toThrow(InvalidError);
    expect(calls).toBe(1);
  });
});

describe('sizes as multi-byte LEB128', () => {
  it('accepts overlong section sizes and counts', () => {
    const m = decodeModule(wasm([1, 0x85, 0x80, 0x80, 0x80, 0x00, 0x81, 0x00, 0x60, 0, 0]));
    expect(m.types).toHaveLength(1);
    expect(uleb(300)).toEqual([0xac, 0x02]);
  });
});
