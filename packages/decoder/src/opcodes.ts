/**
 * The one opcode table: every WebAssembly 2.0 instruction, plus the six of the legacy
 * exception-handling proposal (try, catch, throw, rethrow, delegate, catch_all), each with its
 * opcode, its immediates, and its operand and result types. The decoder, the validator and the
 * executors read it; adding an instruction starts here.
 *
 * Short names used in this file:
 * - op id: a plain opcode is its byte (0x00–0xff); `0xFC n` is `0x100 + n`; `0xFD n` is `0x200 + n`.
 * - signature: operand types, `:`, result types, one letter each: `i` i32, `I` i64, `f` f32,
 *   `F` f64, `v` v128. `'ii:i'` pops two i32 and pushes one. `null` means the typing needs a
 *   rule of its own (control, variables, references, tables): see the validator.
 * - width: for a memory access, its size in bytes (which fixes the natural alignment); for a
 *   lane instruction, the lane count.
 *
 * https://webassembly.github.io/spec/core/binary/instructions.html and, for exception handling,
 * https://github.com/WebAssembly/exception-handling/blob/main/proposals/exception-handling/legacy/Exceptions.md
 */

/** Kinds of immediate operands that follow an opcode. */
export const Imm = {
  none: 0,
  blockType: 1,
  label: 2,
  brTable: 3,
  func: 4,
  callIndirect: 5, // type index, table index
  local: 6,
  global: 7,
  table: 8,
  memArg: 9, // alignment, offset
  zeroByte: 10, // memory index of memory.size / memory.grow / memory.fill (must be 0)
  i32: 11,
  i64: 12,
  f32: 13,
  f64: 14,
  refType: 15,
  selectTypes: 16, // vector of value types
  v128: 17, // 16 bytes
  shuffle: 18, // 16 lane indices
  lane: 19, // one lane index byte
  memArgLane: 20, // memarg, then lane index byte
  memoryInit: 21, // data index, zero byte
  data: 22,
  memoryCopy: 23, // two zero bytes
  tableInit: 24, // elem index, table index
  elem: 25,
  tableCopy: 26, // destination table, source table
  tag: 27, // tag index
} as const;
export type ImmKind = (typeof Imm)[keyof typeof Imm];

/** One row of the table. */
export interface OpcodeRow {
  readonly id: number;
  readonly name: string;
  readonly imm: ImmKind;
  readonly sig: string | null;
  readonly width: number;
}

const rows: OpcodeRow[] = [];
function op(id: number, name: string, imm: ImmKind, sig: string | null, width = 0): void {
  rows.push({ id, name, imm, sig, width });
}
const FC = 0x100;
const FD = 0x200;
const { none, memArg, lane, memArgLane } = Imm;

// Control: https://webassembly.github.io/spec/core/binary/instructions.html#control-instructions
op(0x00, 'unreachable', none, null);
op(0x01, 'nop', none, ':');
op(0x02, 'block', Imm.blockType, null);
op(0x03, 'loop', Imm.blockType, null);
op(0x04, 'if', Imm.blockType, null);
op(0x05, 'else', none, null);
// Legacy exception handling: 0x06–0x09 here, 0x18 and 0x19 below.
op(0x06, 'try', Imm.blockType, null);
op(0x07, 'catch', Imm.tag, null);
op(0x08, 'throw', Imm.tag, null);
op(0x09, 'rethrow', Imm.label, null);
op(0x0b, 'end', none, null);
op(0x0c, 'br', Imm.label, null);
op(0x0d, 'br_if', Imm.label, null);
op(0x0e, 'br_table', Imm.brTable, null);
op(0x0f, 'return', none, null);
op(0x10, 'call', Imm.func, null);
op(0x11, 'call_indirect', Imm.callIndirect, null);
// Legacy exception handling, continued.
op(0x18, 'delegate', Imm.label, null);
op(0x19, 'catch_all', none, null);

// Parametric
op(0x1a, 'drop', none, null);
op(0x1b, 'select', none, null);
op(0x1c, 'select', Imm.selectTypes, null);

// Variables and tables
op(0x20, 'local.get', Imm.local, null);
op(0x21, 'local.set', Imm.local, null);
op(0x22, 'local.tee', Imm.local, null);
op(0x23, 'global.get', Imm.global, null);
op(0x24, 'global.set', Imm.global, null);
op(0x25, 'table.get', Imm.table, null);
op(0x26, 'table.set', Imm.table, null);

// Memory
op(0x28, 'i32.load', memArg, 'i:i', 4);
op(0x29, 'i64.load', memArg, 'i:I', 8);
op(0x2a, 'f32.load', memArg, 'i:f', 4);
op(0x2b, 'f64.load', memArg, 'i:F', 8);
op(0x2c, 'i32.load8_s', memArg, 'i:i', 1);
op(0x2d, 'i32.load8_u', memArg, 'i:i', 1);
op(0x2e, 'i32.load16_s', memArg, 'i:i', 2);
op(0x2f, 'i32.load16_u', memArg, 'i:i', 2);
op(0x30, 'i64.load8_s', memArg, 'i:I', 1);
op(0x31, 'i64.load8_u', memArg, 'i:I', 1);
op(0x32, 'i64.load16_s', memArg, 'i:I', 2);
op(0x33, 'i64.load16_u', memArg, 'i:I', 2);
op(0x34, 'i64.load32_s', memArg, 'i:I', 4);
op(0x35, 'i64.load32_u', memArg, 'i:I', 4);
op(0x36, 'i32.store', memArg, 'ii:', 4);
op(0x37, 'i64.store', memArg, 'iI:', 8);
op(0x38, 'f32.store', memArg, 'if:', 4);
op(0x39, 'f64.store', memArg, 'iF:', 8);
op(0x3a, 'i32.store8', memArg, 'ii:', 1);
op(0x3b, 'i32.store16', memArg, 'ii:', 2);
op(0x3c, 'i64.store8', memArg, 'iI:', 1);
op(0x3d, 'i64.store16', memArg, 'iI:', 2);
op(0x3e, 'i64.store32', memArg, 'iI:', 4);
op(0x3f, 'memory.size', Imm.zeroByte, ':i');
op(0x40, 'memory.grow', Imm.zeroByte, 'i:i');

// Numeric constants
op(0x41, 'i32.const', Imm.i32, ':i');
op(0x42, 'i64.const', Imm.i64, ':I');
op(0x43, 'f32.const', Imm.f32, ':f');
op(0x44, 'f64.const', Imm.f64, ':F');

// Comparisons, arithmetic, conversions: rows written as families.
function family(first: number, prefix: string, sig: string, names: string): void {
  names.split(' ').forEach((n, i) => op(first + i, `${prefix}.${n}`, none, sig));
}
op(0x45, 'i32.eqz', none, 'i:i');
family(0x46, 'i32', 'ii:i', 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u');
op(0x50, 'i64.eqz', none, 'I:i');
family(0x51, 'i64', 'II:i', 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u');
family(0x5b, 'f32', 'ff:i', 'eq ne lt gt le ge');
family(0x61, 'f64', 'FF:i', 'eq ne lt gt le ge');
family(0x67, 'i32', 'i:i', 'clz ctz popcnt');
family(0x6a, 'i32', 'ii:i', 'add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr');
family(0x79, 'i64', 'I:I', 'clz ctz popcnt');
family(0x7c, 'i64', 'II:I', 'add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr');
family(0x8b, 'f32', 'f:f', 'abs neg ceil floor trunc nearest sqrt');
family(0x92, 'f32', 'ff:f', 'add sub mul div min max copysign');
family(0x99, 'f64', 'F:F', 'abs neg ceil floor trunc nearest sqrt');
family(0xa0, 'f64', 'FF:F', 'add sub mul div min max copysign');
op(0xa7, 'i32.wrap_i64', none, 'I:i');
op(0xa8, 'i32.trunc_f32_s', none, 'f:i');
op(0xa9, 'i32.trunc_f32_u', none, 'f:i');
op(0xaa, 'i32.trunc_f64_s', none, 'F:i');
op(0xab, 'i32.trunc_f64_u', none, 'F:i');
op(0xac, 'i64.extend_i32_s', none, 'i:I');
op(0xad, 'i64.extend_i32_u', none, 'i:I');
op(0xae, 'i64.trunc_f32_s', none, 'f:I');
op(0xaf, 'i64.trunc_f32_u', none, 'f:I');
op(0xb0, 'i64.trunc_f64_s', none, 'F:I');
op(0xb1, 'i64.trunc_f64_u', none, 'F:I');
op(0xb2, 'f32.convert_i32_s', none, 'i:f');
op(0xb3, 'f32.convert_i32_u', none, 'i:f');
op(0xb4, 'f32.convert_i64_s', none, 'I:f');
op(0xb5, 'f32.convert_i64_u', none, 'I:f');
op(0xb6, 'f32.demote_f64', none, 'F:f');
op(0xb7, 'f64.convert_i32_s', none, 'i:F');
op(0xb8, 'f64.convert_i32_u', none, 'i:F');
op(0xb9, 'f64.convert_i64_s', none, 'I:F');
op(0xba, 'f64.convert_i64_u', none, 'I:F');
op(0xbb, 'f64.promote_f32', none, 'f:F');
op(0xbc, 'i32.reinterpret_f32', none, 'f:i');
op(0xbd, 'i64.reinterpret_f64', none, 'F:I');
op(0xbe, 'f32.reinterpret_i32', none, 'i:f');
op(0xbf, 'f64.reinterpret_i64', none, 'I:F');
op(0xc0, 'i32.extend8_s', none, 'i:i');
op(0xc1, 'i32.extend16_s', none, 'i:i');
op(0xc2, 'i64.extend8_s', none, 'I:I');
op(0xc3, 'i64.extend16_s', none, 'I:I');
op(0xc4, 'i64.extend32_s', none, 'I:I');

// References
op(0xd0, 'ref.null', Imm.refType, null);
op(0xd1, 'ref.is_null', none, null);
op(0xd2, 'ref.func', Imm.func, null);

// 0xFC: saturating truncation, bulk memory, tables
op(FC + 0, 'i32.trunc_sat_f32_s', none, 'f:i');
op(FC + 1, 'i32.trunc_sat_f32_u', none, 'f:i');
op(FC + 2, 'i32.trunc_sat_f64_s', none, 'F:i');
op(FC + 3, 'i32.trunc_sat_f64_u', none, 'F:i');
op(FC + 4, 'i64.trunc_sat_f32_s', none, 'f:I');
op(FC + 5, 'i64.trunc_sat_f32_u', none, 'f:I');
op(FC + 6, 'i64.trunc_sat_f64_s', none, 'F:I');
op(FC + 7, 'i64.trunc_sat_f64_u', none, 'F:I');
op(FC + 8, 'memory.init', Imm.memoryInit, 'iii:');
op(FC + 9, 'data.drop', Imm.data, ':');
op(FC + 10, 'memory.copy', Imm.memoryCopy, 'iii:');
op(FC + 11, 'memory.fill', Imm.zeroByte, 'iii:');
op(FC + 12, 'table.init', Imm.tableInit, 'iii:');
op(FC + 13, 'elem.drop', Imm.elem, ':');
op(FC + 14, 'table.copy', Imm.tableCopy, 'iii:');
op(FC + 15, 'table.grow', Imm.table, null);
op(FC + 16, 'table.size', Imm.table, ':i');
op(FC + 17, 'table.fill', Imm.table, null);

// 0xFD: SIMD. https://webassembly.github.io/spec/core/binary/instructions.html#vector-instructions
op(FD + 0x00, 'v128.load', memArg, 'i:v', 16);
op(FD + 0x01, 'v128.load8x8_s', memArg, 'i:v', 8);
op(FD + 0x02, 'v128.load8x8_u', memArg, 'i:v', 8);
op(FD + 0x03, 'v128.load16x4_s', memArg, 'i:v', 8);
op(FD + 0x04, 'v128.load16x4_u', memArg, 'i:v', 8);
op(FD + 0x05, 'v128.load32x2_s', memArg, 'i:v', 8);
op(FD + 0x06, 'v128.load32x2_u', memArg, 'i:v', 8);
op(FD + 0x07, 'v128.load8_splat', memArg, 'i:v', 1);
op(FD + 0x08, 'v128.load16_splat', memArg, 'i:v', 2);
op(FD + 0x09, 'v128.load32_splat', memArg, 'i:v', 4);
op(FD + 0x0a, 'v128.load64_splat', memArg, 'i:v', 8);
op(FD + 0x0b, 'v128.store', memArg, 'iv:', 16);
op(FD + 0x0c, 'v128.const', Imm.v128, ':v');
op(FD + 0x0d, 'i8x16.shuffle', Imm.shuffle, 'vv:v', 32);
op(FD + 0x0e, 'i8x16.swizzle', none, 'vv:v');
op(FD + 0x0f, 'i8x16.splat', none, 'i:v');
op(FD + 0x10, 'i16x8.splat', none, 'i:v');
op(FD + 0x11, 'i32x4.splat', none, 'i:v');
op(FD + 0x12, 'i64x2.splat', none, 'I:v');
op(FD + 0x13, 'f32x4.splat', none, 'f:v');
op(FD + 0x14, 'f64x2.splat', none, 'F:v');
op(FD + 0x15, 'i8x16.extract_lane_s', lane, 'v:i', 16);
op(FD + 0x16, 'i8x16.extract_lane_u', lane, 'v:i', 16);
op(FD + 0x17, 'i8x16.replace_lane', lane, 'vi:v', 16);
op(FD + 0x18, 'i16x8.extract_lane_s', lane, 'v:i', 8);
op(FD + 0x19, 'i16x8.extract_lane_u', lane, 'v:i', 8);
op(FD + 0x1a, 'i16x8.replace_lane', lane, 'vi:v', 8);
op(FD + 0x1b, 'i32x4.extract_lane', lane, 'v:i', 4);
op(FD + 0x1c, 'i32x4.replace_lane', lane, 'vi:v', 4);
op(FD + 0x1d, 'i64x2.extract_lane', lane, 'v:I', 2);
op(FD + 0x1e, 'i64x2.replace_lane', lane, 'vI:v', 2);
op(FD + 0x1f, 'f32x4.extract_lane', lane, 'v:f', 4);
op(FD + 0x20, 'f32x4.replace_lane', lane, 'vf:v', 4);
op(FD + 0x21, 'f64x2.extract_lane', lane, 'v:F', 2);
op(FD + 0x22, 'f64x2.replace_lane', lane, 'vF:v', 2);
family(FD + 0x23, 'i8x16', 'vv:v', 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u');
family(FD + 0x2d, 'i16x8', 'vv:v', 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u');
family(FD + 0x37, 'i32x4', 'vv:v', 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u');
family(FD + 0x41, 'f32x4', 'vv:v', 'eq ne lt gt le ge');
family(FD + 0x47, 'f64x2', 'vv:v', 'eq ne lt gt le ge');
op(FD + 0x4d, 'v128.not', none, 'v:v');
family(FD + 0x4e, 'v128', 'vv:v', 'and andnot or xor');
op(FD + 0x52, 'v128.bitselect', none, 'vvv:v');
op(FD + 0x53, 'v128.any_true', none, 'v:i');
op(FD + 0x54, 'v128.load8_lane', memArgLane, 'iv:v', 1);
op(FD + 0x55, 'v128.load16_lane', memArgLane, 'iv:v', 2);
op(FD + 0x56, 'v128.load32_lane', memArgLane, 'iv:v', 4);
op(FD + 0x57, 'v128.load64_lane', memArgLane, 'iv:v', 8);
op(FD + 0x58, 'v128.store8_lane', memArgLane, 'iv:', 1);
op(FD + 0x59, 'v128.store16_lane', memArgLane, 'iv:', 2);
op(FD + 0x5a, 'v128.store32_lane', memArgLane, 'iv:', 4);
op(FD + 0x5b, 'v128.store64_lane', memArgLane, 'iv:', 8);
op(FD + 0x5c, 'v128.load32_zero', memArg, 'i:v', 4);
op(FD + 0x5d, 'v128.load64_zero', memArg, 'i:v', 8);
op(FD + 0x5e, 'f32x4.demote_f64x2_zero', none, 'v:v');
op(FD + 0x5f, 'f64x2.promote_low_f32x4', none, 'v:v');
op(FD + 0x60, 'i8x16.abs', none, 'v:v');
op(FD + 0x61, 'i8x16.neg', none, 'v:v');
op(FD + 0x62, 'i8x16.popcnt', none, 'v:v');
op(FD + 0x63, 'i8x16.all_true', none, 'v:i');
op(FD + 0x64, 'i8x16.bitmask', none, 'v:i');
op(FD + 0x65, 'i8x16.narrow_i16x8_s', none, 'vv:v');
op(FD + 0x66, 'i8x16.narrow_i16x8_u', none, 'vv:v');
family(FD + 0x67, 'f32x4', 'v:v', 'ceil floor trunc nearest');
family(FD + 0x6b, 'i8x16', 'vi:v', 'shl shr_s shr_u');
family(FD + 0x6e, 'i8x16', 'vv:v', 'add add_sat_s add_sat_u sub sub_sat_s sub_sat_u');
family(FD + 0x74, 'f64x2', 'v:v', 'ceil floor');
family(FD + 0x76, 'i8x16', 'vv:v', 'min_s min_u max_s max_u');
op(FD + 0x7a, 'f64x2.trunc', none, 'v:v');
op(FD + 0x7b, 'i8x16.avgr_u', none, 'vv:v');
op(FD + 0x7c, 'i16x8.extadd_pairwise_i8x16_s', none, 'v:v');
op(FD + 0x7d, 'i16x8.extadd_pairwise_i8x16_u', none, 'v:v');
op(FD + 0x7e, 'i32x4.extadd_pairwise_i16x8_s', none, 'v:v');
op(FD + 0x7f, 'i32x4.extadd_pairwise_i16x8_u', none, 'v:v');
op(FD + 0x80, 'i16x8.abs', none, 'v:v');
op(FD + 0x81, 'i16x8.neg', none, 'v:v');
op(FD + 0x82, 'i16x8.q15mulr_sat_s', none, 'vv:v');
op(FD + 0x83, 'i16x8.all_true', none, 'v:i');
op(FD + 0x84, 'i16x8.bitmask', none, 'v:i');
op(FD + 0x85, 'i16x8.narrow_i32x4_s', none, 'vv:v');
op(FD + 0x86, 'i16x8.narrow_i32x4_u', none, 'vv:v');
family(FD + 0x87, 'i16x8', 'v:v', 'extend_low_i8x16_s extend_high_i8x16_s extend_low_i8x16_u extend_high_i8x16_u');
family(FD + 0x8b, 'i16x8', 'vi:v', 'shl shr_s shr_u');
family(FD + 0x8e, 'i16x8', 'vv:v', 'add add_sat_s add_sat_u sub sub_sat_s sub_sat_u');
op(FD + 0x94, 'f64x2.nearest', none, 'v:v');
family(FD + 0x95, 'i16x8', 'vv:v', 'mul min_s min_u max_s max_u');
op(FD + 0x9b, 'i16x8.avgr_u', none, 'vv:v');
family(FD + 0x9c, 'i16x8', 'vv:v', 'extmul_low_i8x16_s extmul_high_i8x16_s extmul_low_i8x16_u extmul_high_i8x16_u');
op(FD + 0xa0, 'i32x4.abs', none, 'v:v');
op(FD + 0xa1, 'i32x4.neg', none, 'v:v');
op(FD + 0xa3, 'i32x4.all_true', none, 'v:i');
op(FD + 0xa4, 'i32x4.bitmask', none, 'v:i');
family(FD + 0xa7, 'i32x4', 'v:v', 'extend_low_i16x8_s extend_high_i16x8_s extend_low_i16x8_u extend_high_i16x8_u');
family(FD + 0xab, 'i32x4', 'vi:v', 'shl shr_s shr_u');
op(FD + 0xae, 'i32x4.add', none, 'vv:v');
op(FD + 0xb1, 'i32x4.sub', none, 'vv:v');
family(FD + 0xb5, 'i32x4', 'vv:v', 'mul min_s min_u max_s max_u dot_i16x8_s');
family(FD + 0xbc, 'i32x4', 'vv:v', 'extmul_low_i16x8_s extmul_high_i16x8_s extmul_low_i16x8_u extmul_high_i16x8_u');
op(FD + 0xc0, 'i64x2.abs', none, 'v:v');
op(FD + 0xc1, 'i64x2.neg', none, 'v:v');
op(FD + 0xc3, 'i64x2.all_true', none, 'v:i');
op(FD + 0xc4, 'i64x2.bitmask', none, 'v:i');
family(FD + 0xc7, 'i64x2', 'v:v', 'extend_low_i32x4_s extend_high_i32x4_s extend_low_i32x4_u extend_high_i32x4_u');
family(FD + 0xcb, 'i64x2', 'vi:v', 'shl shr_s shr_u');
op(FD + 0xce, 'i64x2.add', none, 'vv:v');
op(FD + 0xd1, 'i64x2.sub', none, 'vv:v');
op(FD + 0xd5, 'i64x2.mul', none, 'vv:v');
family(FD + 0xd6, 'i64x2', 'vv:v', 'eq ne lt_s gt_s le_s ge_s');
family(FD + 0xdc, 'i64x2', 'vv:v', 'extmul_low_i32x4_s extmul_high_i32x4_s extmul_low_i32x4_u extmul_high_i32x4_u');
op(FD + 0xe0, 'f32x4.abs', none, 'v:v');
op(FD + 0xe1, 'f32x4.neg', none, 'v:v');
op(FD + 0xe3, 'f32x4.sqrt', none, 'v:v');
family(FD + 0xe4, 'f32x4', 'vv:v', 'add sub mul div min max pmin pmax');
op(FD + 0xec, 'f64x2.abs', none, 'v:v');
op(FD + 0xed, 'f64x2.neg', none, 'v:v');
op(FD + 0xef, 'f64x2.sqrt', none, 'v:v');
family(FD + 0xf0, 'f64x2', 'vv:v', 'add sub mul div min max pmin pmax');
op(FD + 0xf8, 'i32x4.trunc_sat_f32x4_s', none, 'v:v');
op(FD + 0xf9, 'i32x4.trunc_sat_f32x4_u', none, 'v:v');
op(FD + 0xfa, 'f32x4.convert_i32x4_s', none, 'v:v');
op(FD + 0xfb, 'f32x4.convert_i32x4_u', none, 'v:v');
op(FD + 0xfc, 'i32x4.trunc_sat_f64x2_s_zero', none, 'v:v');
op(FD + 0xfd, 'i32x4.trunc_sat_f64x2_u_zero', none, 'v:v');
op(FD + 0xfe, 'f64x2.convert_low_i32x4_s', none, 'v:v');
op(FD + 0xff, 'f64x2.convert_low_i32x4_u', none, 'v:v');

/** Every row (WebAssembly 2.0 and legacy exception handling), in opcode order within each prefix. */
export const OPCODES: readonly OpcodeRow[] = rows;

/** Size of the op id space: plain, 0xFC and 0xFD opcodes. */
export const OP_ID_LIMIT = 0x300;
export const PREFIX_FC = FC;
export const PREFIX_FD = FD;

const byId: (OpcodeRow | undefined)[] = new Array(OP_ID_LIMIT).fill(undefined);
for (const row of rows) {
  if (byId[row.id]) throw new Error(`opcode table: duplicate id 0x${row.id.toString(16)}`);
  byId[row.id] = row;
}

/** The row of an op id, or `undefined` for an opcode that does not exist. */
export function opcodeRow(id: number): OpcodeRow | undefined {
  return byId[id];
}

const typeLetters: Record<string, number> = { i: 0x7f, I: 0x7e, f: 0x7d, F: 0x7c, v: 0x7b };

/** Parses a signature string into operand and result type codes. */
export function parseSignature(sig: string): { params: number[]; results: number[] } {
  const [p, r] = sig.split(':');
  return { params: [...p].map((c) => typeLetters[c]), results: [...r].map((c) => typeLetters[c]) };
}

/**
 * Dense per-op-id views of the table for hot loops: `opImm[id]`, `opWidth[id]`, and for rows with
 * a signature `opPopCount[id]`, operand types `opPops[id * 3 + k]` (in operand order) and the
 * result `opPush[id]` (0 when none). `opHasSig[id]` is 1 for rows typed by their signature.
 */
export const opImm = new Uint8Array(OP_ID_LIMIT);
export const opWidth = new Uint8Array(OP_ID_LIMIT);
export const opHasSig = new Uint8Array(OP_ID_LIMIT);
export const opPopCount = new Uint8Array(OP_ID_LIMIT);
export const opPops = new Uint8Array(OP_ID_LIMIT * 3);
export const opPush = new Uint8Array(OP_ID_LIMIT);
/** 1 for op ids that exist. */
export const opExists = new Uint8Array(OP_ID_LIMIT);
for (const row of rows) {
  opExists[row.id] = 1;
  opImm[row.id] = row.imm;
  opWidth[row.id] = row.width;
  if (row.sig !== null) {
    const { params, results } = parseSignature(row.sig);
    if (params.length > 3 || results.length > 1) throw new Error(`opcode table: ${row.name} signature too wide`);
    opHasSig[row.id] = 1;
    opPopCount[row.id] = params.length;
    params.forEach((t, k) => (opPops[row.id * 3 + k] = t));
    opPush[row.id] = results[0] ?? 0;
  }
}
