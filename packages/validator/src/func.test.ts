/**
 * Function bodies: every message the body validator produces, with the offset it reports (the
 * failing instruction's opcode, unless the problem is in one of its immediates), and the valid
 * forms of unreachable code, multi-value blocks and function references.
 */
import { describe, expect, it } from 'vitest';
import {
  codeStart,
  expectInvalid,
  expectValid,
  externref,
  f32,
  f64,
  func,
  funcref,
  i32,
  i64,
  instrOffsets,
  limits,
  uleb,
  offsetOf,
  v128,
  wat,
  watFunc,
} from '../test/wat.js';
import { DENSE_LOCALS } from './index.js';

const MEM = '(memory 1)';
const TABLE = '(table 1 funcref)';

/** Offset of the first instruction of the only function, for hand-made bodies. */
const at0 = (bytes: Uint8Array) => codeStart(bytes).start;

describe('type mismatch', () => {
  it('operands of a plain instruction: at the instruction', () => {
    const b = watFunc('i32.const 0 i64.const 0 i32.add drop');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x6a));
    const b2 = watFunc('i32.const 0 i32.add drop');
    expectInvalid(b2, 'type mismatch', offsetOf(b2, 0x6a));
    const b3 = watFunc('f32.const 0 i32.eqz drop');
    expectInvalid(b3, 'type mismatch', offsetOf(b3, 0x45));
    const b4 = watFunc('i32.const 0 v128.const i64x2 0 0 i8x16.replace_lane 0 drop');
    expectInvalid(b4, 'type mismatch', offsetOf(b4, 0x217));
    const b5 = watFunc('i32.const 0 f32.const 0 i32.store', MEM);
    expectInvalid(b5, 'type mismatch', offsetOf(b5, 0x36));
  });

  it('function results: at the final end', () => {
    const b = watFunc('(result i32) i64.const 0');
    expectInvalid(b, 'type mismatch', b.length - 1);
    const b2 = watFunc('(result i32)');
    expectInvalid(b2, 'type mismatch', b2.length - 1);
    const b3 = watFunc('i32.const 0');
    expectInvalid(b3, 'type mismatch', b3.length - 1);
    const b4 = watFunc('(result i32 i64) i64.const 0 i32.const 0');
    expectInvalid(b4, 'type mismatch', b4.length - 1);
  });

  it('block results: at the block end', () => {
    const b = watFunc('block (result i32) end drop');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x0b, 0));
    const b2 = watFunc('block i32.const 1 end');
    expectInvalid(b2, 'type mismatch', offsetOf(b2, 0x0b, 0));
    const b3 = watFunc('loop (result f32) i32.const 1 end drop');
    expectInvalid(b3, 'type mismatch', offsetOf(b3, 0x0b, 0));
    const b4 = watFunc('i32.const 0 if (result i32) i32.const 1 else i64.const 1 end drop');
    expectInvalid(b4, 'type mismatch', offsetOf(b4, 0x0b, 0));
    const b5 = watFunc('i32.const 0 if (result i32) i64.const 1 else i32.const 1 end drop');
    expectInvalid(b5, 'type mismatch', offsetOf(b5, 0x05));
  });

  it('block parameters: at the block', () => {
    const b = watFunc('block (param i32) drop end');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x02));
    const b2 = watFunc('i64.const 0 block (param i32) drop end');
    expectInvalid(b2, 'type mismatch', offsetOf(b2, 0x02));
    const b3 = watFunc('if end');
    expectInvalid(b3, 'type mismatch', offsetOf(b3, 0x04));
  });

  it('if without else must have results equal to its parameters', () => {
    const b = watFunc('(result i32) i32.const 0 if (result i32) i32.const 1 end');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x0b, 0));
    const b2 = watFunc('(result i64) i32.const 5 i32.const 0 if (param i32) (result i64) drop i64.const 1 end');
    expectInvalid(b2, 'type mismatch', offsetOf(b2, 0x0b, 0));
    expectValid(watFunc('(result i32) i32.const 5 i32.const 0 if (param i32) (result i32) i32.const 1 i32.add end'));
  });

  it('branch operands', () => {
    const b = watFunc('block (result i32) i64.const 0 br 0 end drop');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x0c));
    const b2 = watFunc('block (result i32) i64.const 0 i32.const 0 br_if 0 drop i32.const 0 end drop');
    expectInvalid(b2, 'type mismatch', offsetOf(b2, 0x0d));
    const b3 = watFunc('block i64.const 0 br_if 0 end');
    expectInvalid(b3, 'type mismatch', offsetOf(b3, 0x0d));
    const b4 = watFunc('(result i32) i64.const 0 return');
    expectInvalid(b4, 'type mismatch', offsetOf(b4, 0x0f));
  });

  it('br_table: labels of different arity, or of a type the operand does not match', () => {
    const b = watFunc('(result i32) block (result i32) block i32.const 0 i32.const 0 br_table 0 1 end i32.const 1 end');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x0e));
    // Same arity, different types, in reachable code: the i32 operand does not match the f32 label.
    const b2 = watFunc('block (result f32) block (result i32) i32.const 7 i32.const 0 br_table 0 1 end drop f32.const 0 end drop');
    expectInvalid(b2, 'type mismatch', offsetOf(b2, 0x0e));
    // The index must be an i32.
    const b3 = watFunc('block i64.const 0 br_table 0 end');
    expectInvalid(b3, 'type mismatch', offsetOf(b3, 0x0e));
    // Even in unreachable code, arities must agree.
    const b4 = watFunc('block (result i32) block unreachable br_table 0 1 end i32.const 1 end drop');
    expectInvalid(b4, 'type mismatch', offsetOf(b4, 0x0e));
  });

  it('select: operands must agree and must not be references without a type', () => {
    const b = watFunc('ref.null func ref.null func i32.const 0 select drop');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x1b));
    const b2 = watFunc('i32.const 1 i64.const 1 i32.const 0 select drop');
    expectInvalid(b2, 'type mismatch', offsetOf(b2, 0x1b));
    const b3 = watFunc('unreachable ref.null extern i32.const 0 select drop');
    expectInvalid(b3, 'type mismatch', offsetOf(b3, 0x1b));
    const b4 = watFunc('i32.const 1 i32.const 1 i64.const 0 select drop');
    expectInvalid(b4, 'type mismatch', offsetOf(b4, 0x1b));
    const b5 = watFunc('ref.null func ref.null extern i32.const 0 select (result funcref) drop');
    expectInvalid(b5, 'type mismatch', offsetOf(b5, 0x1c));
    expectValid(watFunc('ref.null func ref.null func i32.const 0 select (result funcref) drop'));
    expectValid(watFunc('v128.const i64x2 0 0 v128.const i64x2 1 1 i32.const 0 select drop'));
    expectValid(watFunc('unreachable select drop'));
    expectValid(watFunc('(result i64) unreachable i64.const 1 i32.const 0 select'));
  });

  it('calls, locals, globals, references and tables', () => {
    const b = wat(`(module (func $f (param i32)) (func i64.const 0 call $f))`);
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x10, 0, 1));
    const b2 = wat(`(module (type (func (param i32))) (table 1 externref) (func i32.const 0 i32.const 0 call_indirect (type 0)))`);
    expectInvalid(b2, 'type mismatch', offsetOf(b2, 0x11));
    const b3 = wat(`(module (type (func (param i32))) ${TABLE} (func i64.const 0 i32.const 0 call_indirect (type 0)))`);
    expectInvalid(b3, 'type mismatch', offsetOf(b3, 0x11));
    const b4 = watFunc('(param i32) i64.const 0 local.set 0');
    expectInvalid(b4, 'type mismatch', offsetOf(b4, 0x21));
    const b5 = watFunc('(param f32) (result i32) i32.const 0 local.tee 0');
    expectInvalid(b5, 'type mismatch', offsetOf(b5, 0x22));
    const b6 = watFunc('f32.const 0 global.set 0', '(global (mut i32) (i32.const 0))');
    expectInvalid(b6, 'type mismatch', offsetOf(b6, 0x24));
    const b7 = watFunc('i32.const 0 ref.is_null drop');
    expectInvalid(b7, 'type mismatch', offsetOf(b7, 0xd1));
    const b8 = watFunc('i32.const 0 ref.null extern table.set 0', TABLE);
    expectInvalid(b8, 'type mismatch', offsetOf(b8, 0x26));
    const b9 = watFunc('ref.null extern i32.const 1 table.grow 0 drop', TABLE);
    expectInvalid(b9, 'type mismatch', offsetOf(b9, 0x10f));
    const b10 = watFunc('i32.const 0 ref.null extern i32.const 1 table.fill 0', TABLE);
    expectInvalid(b10, 'type mismatch', offsetOf(b10, 0x111));
    const b11 = watFunc('(result funcref) i32.const 0 table.get 0', '(table 1 externref)');
    expectInvalid(b11, 'type mismatch', b11.length - 1);
    const b12 = watFunc('i32.const 0 i32.const 0 i32.const 0 table.init 0', '(table 1 externref) (elem func) ');
    expectInvalid(b12, 'type mismatch', offsetOf(b12, 0x10c));
    const b13 = watFunc('i32.const 0 i32.const 0 i32.const 0 table.copy 0 1', '(table 1 externref) (table 1 funcref)');
    expectInvalid(b13, 'type mismatch', offsetOf(b13, 0x10e));
  });
});

describe('unknown indices', () => {
  it('unknown local N', () => {
    const b = watFunc('(param i32) local.get 5 drop');
    expectInvalid(b, 'unknown local 5', offsetOf(b, 0x20));
    const b2 = watFunc('(param i32) (local i64) i64.const 0 local.set 2');
    expectInvalid(b2, 'unknown local 2', offsetOf(b2, 0x21));
    const b3 = watFunc('(param i32) (result i32) local.get 0 local.tee 200');
    expectInvalid(b3, 'unknown local 200', offsetOf(b3, 0x22));
    // A local index as an overlong LEB128 still names local 0.
    expectValid(func([0x20, 0x80, 0x80, 0x00, 0x1a, 0x0b], { params: [i32] }));
    const b4 = func([0x20, 0x81, 0x80, 0x00, 0x1a, 0x0b], { params: [i32] });
    expectInvalid(b4, 'unknown local 1', at0(b4));
  });

  it('unknown global N', () => {
    const b = watFunc('global.get 3 drop', '(global i32 (i32.const 0))');
    expectInvalid(b, 'unknown global 3', offsetOf(b, 0x23));
    const b2 = watFunc('i32.const 0 global.set 1', '(global (mut i32) (i32.const 0))');
    expectInvalid(b2, 'unknown global 1', offsetOf(b2, 0x24));
  });

  it('unknown function N', () => {
    const b = watFunc('call 7');
    expectInvalid(b, 'unknown function 7', offsetOf(b, 0x10));
    const b2 = watFunc('ref.func 9 drop');
    expectInvalid(b2, 'unknown function 9', offsetOf(b2, 0xd2));
  });

  it('unknown table N', () => {
    const b = watFunc('i32.const 0 table.get 2 drop', TABLE);
    expectInvalid(b, 'unknown table 2', offsetOf(b, 0x25));
    const b2 = watFunc('table.size 0 drop');
    expectInvalid(b2, 'unknown table 0', offsetOf(b2, 0x110));
    const b3 = watFunc('ref.null func i32.const 0 table.grow 1 drop', TABLE);
    expectInvalid(b3, 'unknown table 1', offsetOf(b3, 0x10f));
    const b4 = watFunc('i32.const 0 i32.const 0 i32.const 0 table.init 1 0', `${TABLE} (elem func)`);
    expectInvalid(b4, 'unknown table 1', offsetOf(b4, 0x10c));
    const b5 = watFunc('i32.const 0 i32.const 0 i32.const 0 table.copy 0 3', TABLE);
    expectInvalid(b5, 'unknown table 3', offsetOf(b5, 0x10e));
    const b6 = wat('(module (type (func)) (func i32.const 0 call_indirect (type 0)))');
    expectInvalid(b6, 'unknown table 0', offsetOf(b6, 0x11));
    const b7 = func([0x41, 0x00, 0x11, 0x00, 0x01, 0x0b], { tables: [[funcref, ...limits(0)]] });
    expectInvalid(b7, 'unknown table 1', at0(b7) + 2);
  });

  it('unknown memory 0', () => {
    for (const text of [
      'i32.const 0 i32.load drop',
      'i32.const 0 i64.const 0 i64.store32',
      'memory.size drop',
      'i32.const 1 memory.grow drop',
      'i32.const 0 i32.const 0 i32.const 0 memory.fill',
      'i32.const 0 i32.const 0 i32.const 0 memory.copy',
      'i32.const 0 v128.load32_splat drop',
      'i32.const 0 v128.const i64x2 0 0 v128.store64_lane 1',
    ]) {
      const b = watFunc(text);
      const offsets = instrOffsets(b);
      expectInvalid(b, 'unknown memory 0', offsets[offsets.length - (text.endsWith('drop') ? 3 : 2)]);
    }
    const b = watFunc('i32.const 0 i32.const 0 i32.const 0 memory.init 0', '(data "")');
    expectInvalid(b, 'unknown memory 0', offsetOf(b, 0x108));
  });

  it('unknown type', () => {
    const b = watFunc('i32.const 0 call_indirect (type 5)', TABLE);
    expectInvalid(b, 'unknown type', offsetOf(b, 0x11));
    const b2 = func([0x02, 0x05, 0x0b, 0x0b]);
    expectInvalid(b2, 'unknown type', at0(b2));
    const b3 = func([0x41, 0x00, 0x04, 0x01, 0x0b, 0x0b]);
    expectInvalid(b3, 'unknown type', at0(b3) + 2);
  });

  it('unknown label', () => {
    const b = watFunc('block br 3 end');
    expectInvalid(b, 'unknown label', offsetOf(b, 0x0c));
    const b2 = watFunc('i32.const 0 br_if 1');
    expectInvalid(b2, 'unknown label', offsetOf(b2, 0x0d));
    const b3 = watFunc('block i32.const 0 br_table 0 5 end');
    expectInvalid(b3, 'unknown label', offsetOf(b3, 0x0e));
    const b4 = watFunc('block i32.const 0 br_table 5 0 end');
    expectInvalid(b4, 'unknown label', offsetOf(b4, 0x0e));
    // The function's own frame is label 0 at top level.
    expectValid(watFunc('br 0'));
    expectValid(watFunc('block block br 2 end end'));
  });

  it('unknown data segment N', () => {
    const b = watFunc('data.drop 1', '(data "")');
    expectInvalid(b, 'unknown data segment 1', offsetOf(b, 0x109));
    const b2 = watFunc('i32.const 0 i32.const 0 i32.const 0 memory.init 4', `${MEM} (data "")`);
    expectInvalid(b2, 'unknown data segment 4', offsetOf(b2, 0x108));
  });

  it('unknown elem segment N', () => {
    const b = watFunc('elem.drop 2', '(elem func)');
    expectInvalid(b, 'unknown elem segment 2', offsetOf(b, 0x10d));
    const b2 = watFunc('i32.const 0 i32.const 0 i32.const 0 table.init 0', TABLE);
    expectInvalid(b2, 'unknown elem segment 0', offsetOf(b2, 0x10c));
  });

  it('data count section required', () => {
    const datas = [[1, 0]];
    const b = func([0xfc, 0x09, 0x00, 0x0b], { datas });
    expectInvalid(b, 'data count section required', at0(b));
    const instrs = [0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x08, 0x00, 0x00, 0x0b];
    const b2 = func(instrs, { datas, mems: [limits(1)] });
    expectInvalid(b2, 'data count section required', at0(b2) + 6);
    expectValid(func(instrs, { datas, mems: [limits(1)], dataCount: 1 }));
  });
});

describe('memory access immediates', () => {
  it('alignment must not be larger than natural: at the instruction', () => {
    for (const [text, op] of [
      ['i32.const 0 i32.load align=8 drop', 0x28],
      ['i32.const 0 i64.load8_s align=2 drop', 0x30],
      ['i32.const 0 i64.const 0 i64.store32 align=8', 0x3e],
      ['i32.const 0 v128.load align=32 drop', 0x200],
      ['i32.const 0 v128.load8x8_u align=16 drop', 0x202],
      ['i32.const 0 v128.load16_splat align=4 drop', 0x208],
      ['i32.const 0 v128.const i64x2 0 0 v128.load8_lane align=2 0 drop', 0x254],
      ['i32.const 0 v128.const i64x2 0 0 v128.store64_lane align=16 0', 0x25b],
    ] as const) {
      const b = watFunc(text, MEM);
      expectInvalid(b, 'alignment must not be larger than natural', offsetOf(b, op));
    }
    // Natural alignment itself is fine.
    expectValid(watFunc('i32.const 0 i64.load align=8 drop i32.const 0 v128.load align=16 drop', MEM));
  });

  it('alignment 31 in binary is too large, 32 and past are malformed flags', () => {
    const mems = [limits(1)];
    const load = (align: number[]) => func([0x41, 0x00, 0x28, ...align, 0x00, 0x1a, 0x0b], { mems });
    const b = load([31]);
    expectInvalid(b, 'alignment must not be larger than natural', at0(b) + 2);
    const b2 = load([32]);
    expectInvalid(b2, 'malformed memop flags', at0(b2) + 3);
    const b3 = load([0x80, 0x01]);
    expectInvalid(b3, 'malformed memop flags', at0(b3) + 3);
    const b4 = load([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expectInvalid(b4, 'malformed memop flags', at0(b4) + 3);
    const b5 = load([0x82, 0x00]); // overlong 2 = natural for i32.load
    expectValid(b5);
    // A lane access too.
    const lane = [0x41, 0x00, 0xfd, 0x0c, ...new Array(16).fill(0), 0xfd, 0x54, 40, 0x00, 0x00, 0x1a, 0x0b];
    const b6 = func(lane, { mems });
    expectInvalid(b6, 'malformed memop flags', at0(b6) + 22);
  });

  it('zero byte expected where the memory index goes', () => {
    const mems = [limits(1)];
    const b = func([0x3f, 0x01, 0x1a, 0x0b], { mems });
    expectInvalid(b, 'zero byte expected', at0(b) + 1);
    const b2 = func([0x41, 0x00, 0x40, 0x80, 0x00, 0x1a, 0x0b], { mems });
    expectInvalid(b2, 'zero byte expected', at0(b2) + 3);
    const three = [0x41, 0x00, 0x41, 0x00, 0x41, 0x00];
    const b3 = func([...three, 0xfc, 0x0b, 0x01, 0x0b], { mems });
    expectInvalid(b3, 'zero byte expected', at0(b3) + 8);
    const b4 = func([...three, 0xfc, 0x0a, 0x00, 0x01, 0x0b], { mems });
    expectInvalid(b4, 'zero byte expected', at0(b4) + 9);
    const b5 = func([...three, 0xfc, 0x08, 0x00, 0x02, 0x0b], { mems, dataCount: 1, datas: [[1, 0]] });
    expectInvalid(b5, 'zero byte expected', at0(b5) + 9);
  });
});

describe('lanes', () => {
  const V = 'v128.const i64x2 0 0';
  it('invalid lane index: at the lane byte', () => {
    for (const [text, op] of [
      [`${V} i8x16.extract_lane_s 16 drop`, 0x215],
      [`${V} i16x8.extract_lane_u 8 drop`, 0x219],
      [`${V} i32.const 0 i32x4.replace_lane 4 drop`, 0x21c],
      [`${V} i64x2.extract_lane 2 drop`, 0x21d],
      [`${V} f32x4.extract_lane 255 drop`, 0x21f],
      [`${V} f64.const 0 f64x2.replace_lane 2 drop`, 0x222],
    ] as const) {
      const b = watFunc(text);
      expectInvalid(b, 'invalid lane index', offsetOf(b, op) + 2);
    }
    for (const [text, op] of [
      [`i32.const 0 ${V} v128.load8_lane 16 drop`, 0x254],
      [`i32.const 0 ${V} v128.load64_lane 2 drop`, 0x257],
      [`i32.const 0 ${V} v128.store32_lane 4`, 0x25a],
    ] as const) {
      const b = watFunc(text, MEM);
      // opcode (2 bytes), align, offset, lane
      expectInvalid(b, 'invalid lane index', offsetOf(b, op) + 4);
    }
    const lanes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 32, 15];
    const b = watFunc(`${V} ${V} i8x16.shuffle ${lanes.join(' ')} drop`);
    expectInvalid(b, 'invalid lane index', offsetOf(b, 0x20d) + 2 + 14);
  });

  it('accepts the largest lane indices', () => {
    expectValid(
      watFunc(
        `${V} i8x16.extract_lane_u 15 drop ${V} i64x2.extract_lane 1 drop ${V} ${V} i8x16.shuffle 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 drop`,
      ),
    );
    expectValid(watFunc(`i32.const 0 ${V} v128.load8_lane 15 drop i32.const 0 ${V} v128.store64_lane 1`, MEM));
  });
});

describe('other body rules', () => {
  it('global is immutable', () => {
    const b = watFunc('i32.const 1 global.set 0', '(global i32 (i32.const 0))');
    expectInvalid(b, 'global is immutable', offsetOf(b, 0x24));
    const b2 = watFunc('i32.const 1 global.set 0', '(import "m" "g" (global i32))');
    expectInvalid(b2, 'global is immutable', offsetOf(b2, 0x24));
    expectValid(watFunc('i32.const 1 global.set 0', '(import "m" "g" (global (mut i32)))'));
  });

  it('undeclared function reference', () => {
    const b = watFunc('ref.func 0 drop');
    expectInvalid(b, 'undeclared function reference', offsetOf(b, 0xd2));
    // Neither a call nor the start section declares a function.
    const b2 = wat('(module (func $f) (func call $f ref.func $f drop) (start $f))');
    expectInvalid(b2, 'undeclared function reference', offsetOf(b2, 0xd2, 0, 1));
  });

  it('ref.func is declared by an elem segment of any mode or form, an export, or a global', () => {
    const body = '(func $g ref.func $f drop)';
    for (const decl of [
      '(elem declare func $f)',
      '(elem func $f)',
      '(elem funcref (ref.func $f))',
      '(elem funcref (ref.null func) (ref.func $f))', // the expression form
      '(elem declare funcref (ref.null func) (ref.func $f))',
      '(table 1 funcref) (elem (i32.const 0) $f)',
      '(table 1 funcref) (elem (table 0) (i32.const 0) funcref (ref.func $f))',
      '(export "f" (func $f))',
      '(global funcref (ref.func $f))',
      '(global (mut funcref) (ref.func $f))',
    ]) {
      expectValid(wat(`(module (func $f) ${body} ${decl})`));
    }
    // Declaring one function does not declare another.
    const b = wat(`(module (func $f) (func $h) (func ref.func $h drop) (elem declare func $f))`);
    expectInvalid(b, 'undeclared function reference', offsetOf(b, 0xd2, 0, 2));
  });

  it('invalid result arity for a typed select', () => {
    const three = [0x41, 0x00, 0x41, 0x00, 0x41, 0x00];
    const b = func([...three, 0x1c, 0x00, 0x1a, 0x0b]);
    expectInvalid(b, 'invalid result arity', at0(b) + 6);
    const b2 = func([...three, 0x1c, 0x02, i32, i32, 0x1a, 0x0b]);
    expectInvalid(b2, 'invalid result arity', at0(b2) + 6);
    expectValid(func([...three, 0x1c, 0x01, i32, 0x1a, 0x0b]));
    const b3 = func([...three, 0x1c, 0x01, 0x40, 0x1a, 0x0b]);
    expectInvalid(b3, 'malformed value type', at0(b3) + 8);
  });

  it('too many locals: more than 2^32-1 declared is malformed, at the count that overflows', () => {
    const b = func([0x0b], { locals: [[0xffffffff, i32], [1, i64]] });
    expectInvalid(b, 'too many locals', at0(b) - 2);
    const b2 = func([0x0b], { locals: [[0x80000000, i32], [0x80000000, i32]] });
    expectInvalid(b2, 'too many locals', at0(b2) - 6);
    // Exactly 2^32-1 declared locals is fine, and valid.
    expectValid(func([0x20, 0xfe, 0xff, 0xff, 0xff, 0x0f, 0x1a, 0x0b], { locals: [[0xffffffff, i32]] }));
    const b3 = func([0x20, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x1a, 0x0b], { locals: [[0xffffffff, i32]] });
    expectInvalid(b3, 'unknown local 4294967295', at0(b3));
  });

  // The binary format limits the declared locals of a body (params not included) to fewer than
  // 2^32 (https://webassembly.github.io/spec/core/binary/modules.html#code-section); validation has
  // no limit. With a parameter and 2^32-1 declared locals the module is well-formed and valid.
  it('too many locals counts declared locals only, not parameters', () => {
    expectValid(func([0x0b], { params: [i32], locals: [[0xffffffff, i32]] }));
    expectValid(func([0x0b], { params: [i32, i64], locals: [[0xfffffffe, i32], [1, i64]] }));
  });

  it('functions with more than DENSE_LOCALS locals are valid, with every local typed', () => {
    expect(DENSE_LOCALS).toBe(50_000);
    // Param 0: f64; 1..50000: i32; 50001..50010: i64; 50011..50015: f32.
    const locals: [number, number][] = [
      [DENSE_LOCALS, i32],
      [10, i64],
      [5, f32],
    ];
    const get = (x: number, ...rest: number[]) => func([0x20, ...uleb(x), ...rest, 0x0b], { params: [f64], locals });
    expectValid(get(0, 0x9a, 0x1a)); // f64.neg drop
    expectValid(get(49999, 0x45, 0x1a)); // last dense: i32.eqz drop
    expectValid(get(50000, 0x45, 0x1a)); // first sparse, still i32
    expectValid(get(50001, 0x50, 0x1a)); // i64.eqz
    expectValid(get(50010, 0x50, 0x1a));
    expectValid(get(50011, 0x8c, 0x1a)); // f32.neg
    expectValid(get(50015, 0x8c, 0x1a));
    for (const [x, op] of [
      [50000, 0x50],
      [50001, 0x45],
      [50010, 0x8c],
      [50011, 0x50],
    ]) {
      const b = get(x, op, 0x1a);
      expectInvalid(b, 'type mismatch', at0(b) + 1 + uleb(x).length);
    }
    const b = get(50016, 0x1a);
    expectInvalid(b, 'unknown local 50016', at0(b));
    const set = func([0x43, 0, 0, 0, 0, 0x21, ...uleb(50013), 0x0b], { params: [f64], locals });
    expectValid(set);
    const set2 = func([0x43, 0, 0, 0, 0, 0x21, ...uleb(50003), 0x0b], { params: [f64], locals });
    expectInvalid(set2, 'type mismatch', at0(set2) + 5);
    // Many parameters past the dense count.
    const params = new Array(DENSE_LOCALS + 2).fill(i32);
    params[DENSE_LOCALS + 1] = i64;
    expectValid(func([0x20, ...uleb(DENSE_LOCALS + 1), 0x50, 0x1a, 0x0b], { params }));
    expectValid(func([0x20, ...uleb(DENSE_LOCALS), 0x45, 0x1a, 0x0b], { params, locals: [[3, f32]] }));
    expectValid(func([0x20, ...uleb(DENSE_LOCALS + 2), 0x8c, 0x1a, 0x0b], { params, locals: [[3, f32]] }));
  });

  it('illegal opcode: at the opcode, prefix included', () => {
    for (const op of [[0x0a], [0x27], [0xc5], [0xd3], [0xfd, 0x9a, 0x01], [0xfc, 18], [0xfd, 0x80, 0x02], [0xfc, 0xff, 0xff, 0xff, 0xff, 0x0f]]) {
      const b = func([0x01, ...op, 0x0b]);
      expectInvalid(b, 'illegal opcode', at0(b) + 1);
    }
  });

  it('else without matching if', () => {
    const b = func([0x02, 0x40, 0x05, 0x0b, 0x0b]);
    expectInvalid(b, 'else without matching if', at0(b) + 2);
    const b2 = func([0x05, 0x0b]);
    expectInvalid(b2, 'else without matching if', at0(b2));
    const b3 = func([0x41, 0x00, 0x04, 0x40, 0x05, 0x05, 0x0b, 0x0b]);
    expectInvalid(b3, 'else without matching if', at0(b3) + 5);
  });

  it('block types: malformed value types', () => {
    const b = func([0x02, 0x60, 0x0b, 0x0b]);
    expectInvalid(b, 'malformed value type', at0(b) + 1);
  });

  // blocktype ::= 0x40 | t:valtype | x:s33 (x ≥ 0). A negative s33 of more than one byte is none
  // of these, so it is malformed; here 0xff 0x7e is -129, whose low 7 bits read as i32.
  it('block types: a multi-byte negative s33 is malformed', () => {
    const b = func([0x02, 0xff, 0x7e, 0x41, 0x00, 0x0b, 0x1a, 0x0b]);
    const e = expectInvalid(b, 'malformed value type');
    expect(e.offset).toBe(at0(b) + 1);
  });

  it('bodies must end exactly at their final end', () => {
    const b = func([0x01]);
    expectInvalid(b, 'unexpected end', b.length);
    // Not at the module end: a second body follows.
    const b2 = func([0x01], { types: [], funcs: [0], codes: [[2, 0, 0x0b]] });
    expectInvalid(b2, 'unexpected end of section or function', b2.length - 3);
    const b3 = func([0x0b, 0x01]);
    expectInvalid(b3, 'section size mismatch', b3.length - 1);
  });
});

describe('valid: unreachable code', () => {
  it.each([
    ['unreachable i32.add drop', ''],
    ['unreachable drop drop drop', ''],
    ['(result i32) unreachable', ''],
    ['(result i32 i64 v128) unreachable', ''],
    ['(result i32) unreachable i32.const 0 i32.add', ''],
    ['(result i64) i64.const 1 return i64.const 0 i64.eqz drop', ''],
    ['block br 0 i32.add i64.const 0 i64.eqz drop drop end', ''],
    ['(result i32) block (result i32) i32.const 1 br 0 i64.add drop f32.const 0 drop end', ''],
    ['block unreachable br_if 0 end', ''],
    ['(result i32) unreachable br_if 0', ''],
    ['unreachable ref.is_null drop', ''],
    ['unreachable select (result funcref) ref.is_null drop', ''],
    ['unreachable call_indirect (type 0) drop', '(type (func (param i32) (result i64))) (table 1 funcref)'],
    ['unreachable table.grow 0 drop', '(table 1 externref)'],
    ['unreachable i32.load offset=4 i64.extend_i32_u i64.eqz drop', MEM],
    ['unreachable v128.any_true if end', ''],
    ['loop unreachable end block (result f64) unreachable end drop', ''],
    ['i32.const 0 if unreachable else nop end', ''],
    // br_table in dead code: labels of the same arity but different types.
    ['block (result f32) block (result i32) unreachable br_table 0 1 end drop f32.const 0 end drop', ''],
    ['block (result f32) block (result i32) unreachable br_table 1 0 end drop f32.const 0 end drop', ''],
  ])('%s', (text, rest) => {
    expectValid(watFunc(text, rest));
  });

  it('checks known operands even in unreachable code', () => {
    const b = watFunc('unreachable i64.const 0 i32.add drop');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x6a));
    const b2 = watFunc('block br 0 f32.const 0 i32.eqz drop end');
    expectInvalid(b2, 'type mismatch', offsetOf(b2, 0x45));
    const b3 = watFunc('(result i32) unreachable i64.const 0');
    expectInvalid(b3, 'type mismatch', b3.length - 1);
    const b4 = watFunc('unreachable i32.const 0 i32.const 0');
    expectInvalid(b4, 'type mismatch', b4.length - 1);
    // Unreachability ends with the frame: an outer frame is reachable again.
    const b5 = watFunc('block unreachable end i32.add drop');
    expectInvalid(b5, 'type mismatch', offsetOf(b5, 0x6a));
    // br_table in dead code still checks a known operand against every label.
    const b6 = watFunc('block (result f32) block (result i32) unreachable i32.const 1 i32.const 0 br_table 0 1 end drop f32.const 0 end drop');
    expectInvalid(b6, 'type mismatch', offsetOf(b6, 0x0e));
  });
});

describe('valid: multi-value, blocks with type indices, nesting', () => {
  it('block types given by type index, with parameters and several results', () => {
    expectValid(
      wat(`(module
        (type $pair (func (param i32 i64) (result i64 i32)))
        (func (result i64 i32)
          i32.const 1 i64.const 2
          block (type $pair) (param i32 i64) (result i64 i32)
            drop drop i64.const 3 i32.const 4
          end))`),
    );
    expectValid(
      watFunc(`(param i32) (result i32)
        i32.const 10 i64.const 0
        loop (param i32 i64) (result i32)
          drop
          i32.const 1 i32.sub
          local.tee 0
          i64.const 0
          local.get 0
          br_if 0
          drop
        end`),
    );
    expectValid(watFunc('(result i32 i32) i32.const 1 i32.const 2 i32.const 0 if (param i32 i32) (result i32 i32) else end'));
    expectValid(watFunc('(result f32 i64) block (result f32 i64) f32.const 1 i64.const 2 br 0 end'));
    expectValid(watFunc('(result i32 i64) i32.const 1 i64.const 2 return'));
    // The block's parameters are checked against the stack.
    const b = watFunc('(result i64 i32) i64.const 1 i32.const 2 block (param i32 i64) (result i64 i32) drop drop i64.const 3 i32.const 4 end');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x02));
  });

  it('calls with several results', () => {
    expectValid(wat('(module (func $f (result i32 i64) i32.const 1 i64.const 2) (func (result i64) call $f i64.const 1 i64.add drop drop i64.const 0))'));
    expectValid(wat('(module (func $f (result i32 i64) i32.const 1 i64.const 2) (func (result i32 i64) call $f))'));
    const b = wat('(module (func $f (result i32 i64) i32.const 1 i64.const 2) (func (result i64 i32) call $f))');
    expectInvalid(b, 'type mismatch', b.length - 1);
  });

  it('handles deep nesting and tall operand stacks', () => {
    // Built by hand: wabt's text parser is very slow on deeply nested blocks.
    const n = 300;
    const blocks = (bt: number) => new Array(n).fill([0x02, bt]).flat();
    const ends = new Array(n).fill(0x0b);
    expectValid(func([...blocks(0x40), 0x0c, ...[0xab, 0x02], ...ends, 0x0b])); // br 299
    const br301 = func([...blocks(0x40), 0x0c, ...[0xad, 0x02], ...ends, 0x0b]);
    expectInvalid(br301, 'unknown label', at0(br301) + 2 * n); // 300 is the function's own label
    expectValid(func([...blocks(i32), 0x41, 0x07, ...ends, 0x0b], { results: [i32] }));
    const b = func([...blocks(i32), 0x42, 0x07, ...ends, 0x0b], { results: [i32] });
    expectInvalid(b, 'type mismatch', at0(b) + 2 * n + 2);
    expectValid(watFunc(`(result i32) ${'i32.const 1 '.repeat(n)} ${'i32.add '.repeat(n - 1)}`));
    expectValid(watFunc(`(result v128) ${'v128.const i64x2 1 2 '.repeat(n)} ${'i8x16.add '.repeat(n - 1)}`));
  });

  it('every value type as a local, parameter and result', () => {
    expectValid(
      watFunc(`(param i32 i64 f32 f64 v128 funcref externref) (result externref funcref v128 f64 f32 i64 i32)
        (local i32 i64 f32 f64 v128 funcref externref)
        local.get 13 local.get 12 local.get 11 local.get 10 local.get 9 local.get 8 local.get 7`),
    );
    const b = watFunc('(param externref) (result funcref) local.get 0');
    expectInvalid(b, 'type mismatch', b.length - 1);
  });

  it('other instructions type-check as the table says', () => {
    expectValid(
      watFunc(
        `(result i32)
        i32.const 0 v128.load8x8_s i16x8.extend_low_i8x16_s i8x16.popcnt v128.any_true drop
        f64.const 1 i64.trunc_sat_f64_u f32.convert_i64_s i32.trunc_sat_f32_s drop
        i32.const 0 i32.const 0 i32.const 0 memory.copy
        i32.const 0 i32.const 0 i32.const 0 memory.fill
        data.drop 0 elem.drop 0
        ref.null func i32.const 1 table.grow 0
        table.size 0 i32.add
        i32.const 0 table.get 0 ref.is_null i32.add`,
        `${MEM} ${TABLE} (data "x") (elem func 0)`,
      ),
    );
  });
});

describe('constant instructions in bodies', () => {
  it('skips over the immediates of constants', () => {
    expectValid(
      func([0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0x1a, 0x43, 0, 0, 0xc0, 0x7f, 0x1a, 0x0b]),
    );
    const b = func([0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x1a, 0x0b]);
    expectInvalid(b, 'integer too large', at0(b) + 10);
    const b2 = func([0x41, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1a, 0x0b]);
    expectInvalid(b2, 'integer too large', at0(b2) + 5);
  });

  it('v128 and externref values', () => {
    expectValid(func([0xfd, 0x0c, ...new Array(16).fill(0xff), 0x1a, 0xd0, externref, 0x1a, 0x0b]));
    const b = func([0xd0, v128, 0x1a, 0x0b]);
    expectInvalid(b, 'malformed reference type', at0(b) + 1);
    const b2 = func([0xd0, i64, 0x1a, 0x0b]);
    expectInvalid(b2, 'malformed reference type', at0(b2) + 1);
  });
});
