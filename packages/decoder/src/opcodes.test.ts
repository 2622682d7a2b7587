import { describe, expect, it } from 'vitest';
import { uleb, watEh } from '../test/wat.js';
import { InvalidError } from './errors.js';
import { readInstr, readOpId } from './instr.js';
import { decodeModule } from './module.js';
import {
  Imm,
  OPCODES,
  OP_ID_LIMIT,
  PREFIX_FC,
  PREFIX_FD,
  opExists,
  opHasSig,
  opImm,
  opPopCount,
  opPops,
  opPush,
  opWidth,
  opcodeRow,
  parseSignature,
  type OpcodeRow,
} from './opcodes.js';
import { Reader } from './reader.js';

const hex = (id: number) => `0x${id.toString(16)}`;

/** The binary encoding of an op id's opcode: one byte, or a prefix and a LEB128 sub-opcode. */
function opcodeBytes(id: number): number[] {
  if (id < 0x100) return [id];
  return [id < PREFIX_FD ? 0xfc : 0xfd, ...uleb(id & 0xff)];
}

function expectInvalid(f: () => unknown, reason: string, offset: number): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InvalidError);
  expect({ reason: (err as InvalidError).reason, offset: (err as InvalidError).offset }).toEqual({ reason, offset });
}

describe('the opcode table', () => {
  it('has unique ids in range, each with a name and a known immediate kind', () => {
    const ids = new Set<number>();
    const immKinds = new Set<number>(Object.values(Imm));
    for (const row of OPCODES) {
      expect(ids.has(row.id), `duplicate ${hex(row.id)}`).toBe(false);
      ids.add(row.id);
      expect(row.id).toBeGreaterThanOrEqual(0);
      expect(row.id).toBeLessThan(OP_ID_LIMIT);
      // The prefix bytes themselves are not instructions.
      expect([0xfc, 0xfd]).not.toContain(row.id);
      expect(row.name).toMatch(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)?$/);
      expect(immKinds.has(row.imm), `${row.name}: immediate kind ${row.imm}`).toBe(true);
      expect(opcodeRow(row.id)).toBe(row);
    }
    // Names are unique but for the two forms of select.
    const names = OPCODES.map((r) => r.name);
    expect(names.filter((n) => n === 'select')).toHaveLength(2);
    expect(new Set(names).size).toBe(names.length - 1);
    // WebAssembly 2.0 has 183 one-byte instructions, 18 after 0xFC and 236 after 0xFD; legacy
    // exception handling adds six one-byte ones.
    expect(OPCODES.filter((r) => r.id < 0x100)).toHaveLength(183 + 6);
    expect(OPCODES.filter((r) => r.id >= PREFIX_FC && r.id < PREFIX_FD)).toHaveLength(18);
    expect(OPCODES.filter((r) => r.id >= PREFIX_FD)).toHaveLength(236);
  });

  it('lists rows in opcode order within each prefix', () => {
    for (let i = 1; i < OPCODES.length; i++) expect(OPCODES[i].id).toBeGreaterThan(OPCODES[i - 1].id);
  });

  it('has signatures that parse into value type codes, within the dense views bounds', () => {
    const codes = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b]);
    for (const row of OPCODES) {
      if (row.sig === null) {
        expect(opHasSig[row.id]).toBe(0);
        continue;
      }
      expect(row.sig, row.name).toMatch(/^[iIfFv]{0,3}:[iIfFv]?$/);
      const { params, results } = parseSignature(row.sig);
      for (const t of [...params, ...results]) expect(codes.has(t), `${row.name}: ${row.sig}`).toBe(true);
      expect(opHasSig[row.id]).toBe(1);
      expect(opPopCount[row.id]).toBe(params.length);
      expect([...opPops.subarray(row.id * 3, row.id * 3 + params.length)]).toEqual(params);
      expect(opPush[row.id]).toBe(results[0] ?? 0);
    }
    expect(parseSignature('iI:F')).toEqual({ params: [0x7f, 0x7e], results: [0x7c] });
    expect(parseSignature(':')).toEqual({ params: [], results: [] });
    expect(parseSignature('vv:v')).toEqual({ params: [0x7b, 0x7b], results: [0x7b] });
  });

  it('has dense views that agree with the rows', () => {
    const byId = new Map(OPCODES.map((r) => [r.id, r]));
    for (let id = 0; id < OP_ID_LIMIT; id++) {
      const row = byId.get(id);
      expect(opExists[id]).toBe(row ? 1 : 0);
      expect(opcodeRow(id)).toBe(row);
      if (row) {
        expect(opImm[id]).toBe(row.imm);
        expect(opWidth[id]).toBe(row.width);
      }
    }
  });

  it('gives memory accesses a natural width, lane instructions a lane count', () => {
    for (const row of OPCODES) {
      if (row.imm === Imm.memArg || row.imm === Imm.memArgLane) {
        expect([1, 2, 4, 8, 16], row.name).toContain(row.width);
        expect(row.sig![0], row.name).toBe('i'); // the address
      } else if (row.imm === Imm.lane) {
        const lanes = Number(/x(\d+)\./.exec(row.name)![1]);
        expect(row.width, row.name).toBe(lanes);
      } else if (row.imm === Imm.shuffle) {
        expect(row.width).toBe(32);
      } else {
        expect(row.width, row.name).toBe(0);
      }
      if (row.imm === Imm.memArgLane) {
        // v128.load8_lane: width 1 ... the number in the name is the lane's bits.
        expect(row.width * 8).toBe(Number(/(\d+)_lane$/.exec(row.name)![1]));
      }
    }
  });
});

describe('illegal opcodes', () => {
  const known = new Set(OPCODES.map((r) => r.id));
  it('rejects every op id outside the table at the opcode offset', () => {
    let checked = 0;
    for (let id = 0; id < OP_ID_LIMIT; id++) {
      if (known.has(id) || id === 0xfc || id === 0xfd) continue;
      const bytes = Uint8Array.from([0x01, ...opcodeBytes(id), 0x00, 0x00]);
      expectInvalid(() => readOpId(new Reader(bytes, 1)), 'illegal opcode', 1);
      expectInvalid(() => readInstr(new Reader(bytes, 1)), 'illegal opcode', 1);
      checked++;
    }
    expect(checked).toBe(OP_ID_LIMIT - 2 - OPCODES.length);
  });

  it.each([
    ['0x0a', [0x0a]],
    ['0x27', [0x27]],
    ['0xff', [0xff]],
    ['0xFD 0x9a', [0xfd, 0x9a, 0x01]],
    ['0xFD 0xa2', [0xfd, 0xa2, 0x01]],
    ['0xFC 18', [0xfc, 18]],
    ['0xFC 0xff', [0xfc, 0xff, 0x01]],
    ['0xFD 256', [0xfd, 0x80, 0x02]],
    ['0xFC 256', [0xfc, 0x80, 0x02]],
    ['0xFD 0x10c (v128.const + 256)', [0xfd, 0x8c, 0x02]],
    ['0xFD 2^32-1', [0xfd, 0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('rejects %s', (_name, bytes) => {
    expectInvalid(() => readInstr(new Reader(Uint8Array.from([...bytes, 0, 0]))), 'illegal opcode', 0);
  });

  it('reads sub-opcodes as u32 LEB128: overlong forms are fine, bad ones are malformed', () => {
    expect(readOpId(new Reader(Uint8Array.of(0xfc, 0x80, 0x00)))).toBe(PREFIX_FC);
    expect(readOpId(new Reader(Uint8Array.of(0xfd, 0x8c, 0x80, 0x80, 0x80, 0x00)))).toBe(PREFIX_FD + 0x0c);
    expectInvalid(() => readOpId(new Reader(Uint8Array.of(0xfd, 0x80, 0x80, 0x80, 0x80, 0x10))), 'integer too large', 5);
    expectInvalid(() => readOpId(new Reader(Uint8Array.of(0xfd))), 'unexpected end', 1);
    expectInvalid(() => readOpId(new Reader(Uint8Array.of(0xfc, 0x80, 0x01), 0, 2)), 'unexpected end of section or function', 2);
  });
});

// ---- Cross-check against wabt: names and opcode numbers ----

/** The WAT text of one instruction of `row` with suitable immediates, and how many instructions precede it. */
function instrText(row: OpcodeRow): { text: string; before: number } {
  const n = row.name;
  if (row.id === 0x05) return { text: 'i32.const 0 if nop else nop end', before: 3 }; // wabt drops an empty else
  if (row.id === 0x0b) return { text: 'block end', before: 1 };
  if (row.id === 0x07) return { text: 'try catch 0 end', before: 1 };
  if (row.id === 0x18) return { text: 'try delegate 0', before: 1 };
  if (row.id === 0x19) return { text: 'try catch_all end', before: 1 };
  switch (row.imm) {
    case Imm.none:
    case Imm.memArg:
    case Imm.zeroByte:
    case Imm.memoryCopy:
      return { text: n, before: 0 };
    case Imm.blockType:
      return { text: `${n} (result i32) end`, before: 0 };
    case Imm.label:
    case Imm.func:
    case Imm.local:
    case Imm.global:
    case Imm.table:
    case Imm.data:
    case Imm.elem:
    case Imm.tag:
    case Imm.lane:
    case Imm.memArgLane:
    case Imm.memoryInit:
    case Imm.tableInit:
    case Imm.i32:
    case Imm.i64:
    case Imm.f32:
    case Imm.f64:
      return { text: `${n} 0`, before: 0 };
    case Imm.brTable:
      return { text: `${n} 0 0`, before: 0 };
    case Imm.callIndirect:
      return { text: `${n} (type 0)`, before: 0 };
    case Imm.tableCopy:
      return { text: `${n} 0 0`, before: 0 };
    case Imm.refType:
      return { text: `${n} func`, before: 0 };
    case Imm.selectTypes:
      return { text: `${n} (result i32)`, before: 0 };
    case Imm.v128:
      return { text: `${n} i32x4 0 0 0 0`, before: 0 };
    case Imm.shuffle:
      return { text: `${n} ${Array(16).fill(0).join(' ')}`, before: 0 };
  }
  throw new Error(`no text for ${n}`);
}

/** A module with everything the rows' immediates can name (assembled with exception handling, for the tag). */
function moduleText(instr: string): string {
  return `(module
    (type (func))
    (table 1 funcref)
    (memory 1)
    (tag)
    (tag (param i32))
    (global (mut i32) (i32.const 0))
    (func (param i32)
      ${instr})
    (elem func 0)
    (elem declare func 0)
    (data "x"))`;
}

describe('cross-check against wabt', () => {
  it.each(OPCODES.map((r) => [`${r.name} ${hex(r.id)}`, r] as const))('%s', (_label, row) => {
    const { text, before } = instrText(row);
    const bytes = watEh(moduleText(text));
    const m = decodeModule(bytes);
    const fn = m.bodies.at(0);
    expect(bytes[fn.start], 'no locals').toBe(0);
    const r = new Reader(bytes, fn.start + 1, fn.end);
    for (let i = 0; i < before; i++) readInstr(r);
    const at = r.pos;
    // wabt's bytes for the instruction start with the opcode the table gives...
    const expected = opcodeBytes(row.id);
    expect([...bytes.subarray(at, at + expected.length)]).toEqual(expected);
    // ...and readInstr reads the same id from them.
    const ins = readInstr(r);
    expect(ins.id).toBe(row.id);
    expect(ins.offset).toBe(at);
    // The rest of the body reads too, up to the function's final `end`, so the immediates were
    // read with the lengths wabt wrote.
    let last = ins;
    while (r.pos < fn.end) last = readInstr(r);
    expect(r.pos).toBe(fn.end);
    expect(last.id).toBe(0x0b);
  });

  it('reads immediates with the values wabt wrote', () => {
    const bytes = watEh(
      moduleText(`
        i32.const -5
        i64.const -9223372036854775808
        f32.const nan:0x200001
        f64.const -0x1p-1074
        br_table 0 0 0
        local.get 0
        i32.load16_u offset=70000 align=1
        v128.load32_lane offset=3 align=2 3
        i16x8.replace_lane 7
        select (result i32)
        ref.null extern
        call_indirect (type 0)
        memory.init 0
        table.copy 0 0
        block (param i32)
        end
        i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
        v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
        try (result f32)
        catch 1
          rethrow 2
        catch_all
        end
        try
        delegate 3
        throw 1`),
    );
    const m = decodeModule(bytes);
    const r = new Reader(bytes, m.bodies.at(0).start + 1, m.bodies.at(0).end);
    const got: unknown[] = [];
    while (r.pos < r.end) {
      const ins = readInstr(r);
      for (const x of ins.imms) {
        // 16-byte immediates are views of the module's bytes, not copies.
        if (x instanceof Uint8Array) expect(x.buffer).toBe(bytes.buffer);
      }
      got.push([opcodeRow(ins.id)!.name, ...ins.imms.map((x) => (x instanceof Uint8Array ? [...x] : x))]);
    }
    expect(got).toEqual([
      ['i32.const', -5],
      ['i64.const', -(2n ** 63n)],
      ['f32.const', 0x7fa00001],
      ['f64.const', 0x8000000000000001n],
      ['br_table', [0, 0, 0]],
      ['local.get', 0],
      ['i32.load16_u', 0, 70000],
      ['v128.load32_lane', 1, 3, 3], // align=2 is the exponent 1
      ['i16x8.replace_lane', 7],
      ['select', [0x7f]],
      ['ref.null', 0x6f],
      ['call_indirect', 0, 0],
      ['memory.init', 0],
      ['table.copy', 0, 0],
      ['block', 1], // type 1: (func (param i32)), the function's own type
      ['end'],
      ['i8x16.shuffle', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31]],
      ['v128.const', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]],
      ['try', -3], // f32
      ['catch', 1],
      ['rethrow', 2],
      ['catch_all'],
      ['end'],
      ['try', -64],
      ['delegate', 3],
      ['throw', 1],
      ['end'],
    ]);
  });
});

describe('block types', () => {
  const bt = (bytes: number[]) => readInstr(new Reader(Uint8Array.from([0x02, ...bytes, 0x0b]))).imms[0];
  it('reads the empty type, value types and type indices', () => {
    expect(bt([0x40])).toBe(-64);
    expect(bt([0x7f])).toBe(-1);
    expect(bt([0x7b])).toBe(-5);
    expect(bt([0x70])).toBe(-16);
    expect(bt([0x6f])).toBe(-17);
    expect(bt([0x00])).toBe(0);
    expect(bt([0x3f])).toBe(63);
    expect(bt([0xc0, 0x00])).toBe(64);
    expect(bt([0xff, 0xff, 0xff, 0xff, 0x0f])).toBe(2 ** 32 - 1);
  });

  it('rejects one-byte negative codes that are not value types', () => {
    for (const b of [0x41, 0x60, 0x6e, 0x71, 0x7a]) {
      expectInvalid(() => bt([b]), 'malformed value type', 1);
    }
    expectInvalid(() => bt([0x80, 0x80, 0x80, 0x80, 0x70]), 'malformed value type', 1);
    expectInvalid(() => bt([0x80, 0x80, 0x80, 0x80, 0x20]), 'integer too large', 5);
  });

  // The binary format has blocktype ::= 0x40 | t:valtype | x:s33 (x ≥ 0): the empty type and value
  // types are single bytes, and an s33 of more than one byte must be a non-negative type index.
  // A multi-byte negative s33 is malformed, whatever its low 7 bits.
  it('rejects multi-byte encodings of negative block types', () => {
    expectInvalid(() => bt([0xff, 0x7e]), 'malformed value type', 1); // -129: low bits 0x7f (i32)
    expectInvalid(() => bt([0xc0, 0x7f]), 'malformed value type', 1); // -64 in two bytes
    expectInvalid(() => bt([0xff, 0x7f]), 'malformed value type', 1); // -1 in two bytes
    expectInvalid(() => bt([0xfb, 0xff, 0xff, 0xff, 0x7f]), 'malformed value type', 1); // -5 in five bytes
  });
});
