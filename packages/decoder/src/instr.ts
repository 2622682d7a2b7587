/**
 * Reading instructions generically from the opcode table: opcodes with their prefixes, and
 * immediates by kind. The validator has its own fused loop for function bodies; this is for
 * everything else (constant expressions, tools, tests).
 */
import { Imm, OP_ID_LIMIT, PREFIX_FC, PREFIX_FD, opExists, opImm } from './opcodes.js';
import type { Reader } from './reader.js';
import { isRefType, isValType } from './types.js';

/** Reads an opcode, with its 0xFC / 0xFD prefix, and returns its op id. */
export function readOpId(r: Reader): number {
  const at = r.pos;
  const b = r.u8();
  let id = b;
  if (b === 0xfc || b === 0xfd) {
    const sub = r.u32();
    id = sub < 0x100 ? (b === 0xfc ? PREFIX_FC : PREFIX_FD) + sub : OP_ID_LIMIT;
  }
  if (id >= OP_ID_LIMIT || !opExists[id]) r.fail('illegal opcode', at);
  return id;
}

/** Reads a memarg's alignment exponent, which must be below 32 (larger flags are other proposals'). */
export function readAlign(r: Reader): number {
  const at = r.pos;
  const align = r.u32();
  if (align >= 32) r.fail('malformed memop flags', at);
  return align;
}

/** Reads a byte that the encoding reserves as zero (a memory index, a tag's attribute). */
export function readZeroByte(r: Reader): void {
  const at = r.pos;
  if (r.u8() !== 0) r.fail('zero byte expected', at);
}

/** Reads a value type byte. */
export function readValType(r: Reader): number {
  const at = r.pos;
  const t = r.u8();
  if (!isValType(t)) r.fail('malformed value type', at);
  return t;
}

/** Reads a reference type byte. */
export function readRefType(r: Reader): number {
  const at = r.pos;
  const t = r.u8();
  if (!isRefType(t)) r.fail('malformed reference type', at);
  return t;
}

/**
 * Reads a block type: -64 (the empty type), a negative value type code (`bt & 0x7f` is the
 * code), or a type index (≥ 0).
 */
export function readBlockType(r: Reader): number {
  const at = r.pos;
  const bt = r.s33();
  // The empty type (0x40) and value types are single bytes; only a type index is a longer s33.
  if (bt < 0 && (r.pos - at !== 1 || (bt !== -64 && !isValType(bt & 0x7f)))) r.fail('malformed value type', at);
  return bt;
}

/** One immediate operand: an index or small integer, an i64, raw bytes, or a list. */
export type Immediate = number | bigint | Uint8Array | readonly number[];

/** A decoded instruction: its op id, its position, and its immediates in encoding order. */
export interface Instr {
  readonly id: number;
  readonly offset: number;
  readonly imms: readonly Immediate[];
}

/** Reads one instruction with its immediates. */
export function readInstr(r: Reader): Instr {
  const offset = r.pos;
  const id = readOpId(r);
  const imms: Immediate[] = [];
  readImmediatesInto(r, id, imms);
  return { id, offset, imms };
}

function readImmediatesInto(r: Reader, id: number, imms: Immediate[]): void {
  switch (opImm[id]) {
    case Imm.none:
      break;
    case Imm.blockType:
      imms.push(readBlockType(r));
      break;
    case Imm.label:
    case Imm.func:
    case Imm.local:
    case Imm.global:
    case Imm.table:
    case Imm.data:
    case Imm.elem:
    case Imm.tag:
      imms.push(r.u32());
      break;
    case Imm.brTable: {
      const n = r.count();
      const labels: number[] = [];
      for (let i = 0; i <= n; i++) labels.push(r.u32());
      imms.push(labels);
      break;
    }
    case Imm.callIndirect:
    case Imm.tableInit:
    case Imm.tableCopy:
      imms.push(r.u32(), r.u32());
      break;
    case Imm.memArg:
      imms.push(readAlign(r), r.u32());
      break;
    case Imm.memArgLane:
      imms.push(readAlign(r), r.u32(), r.u8());
      break;
    case Imm.zeroByte:
      readZeroByte(r);
      break;
    case Imm.memoryInit:
      imms.push(r.u32());
      readZeroByte(r);
      break;
    case Imm.memoryCopy:
      readZeroByte(r);
      readZeroByte(r);
      break;
    case Imm.i32:
      imms.push(r.s32());
      break;
    case Imm.i64:
      imms.push(r.s64());
      break;
    case Imm.f32:
      imms.push(r.f32Bits());
      break;
    case Imm.f64:
      imms.push(r.f64Bits());
      break;
    case Imm.refType:
      imms.push(readRefType(r));
      break;
    case Imm.selectTypes: {
      const n = r.count();
      const types: number[] = [];
      for (let i = 0; i < n; i++) types.push(readValType(r));
      imms.push(types);
      break;
    }
    case Imm.v128:
    case Imm.shuffle: {
      const start = r.pos;
      r.skip(16);
      imms.push(r.bytes.subarray(start, start + 16));
      break;
    }
    case Imm.lane:
      imms.push(r.u8());
      break;
  }
}

/** Moves past the immediates of op `id`, checking their encoding, without building values. */
export function skipImmediates(r: Reader, id: number): void {
  switch (opImm[id]) {
    case Imm.none:
      return;
    case Imm.i64:
      r.skipS64();
      return;
    case Imm.f32:
      r.skip(4);
      return;
    case Imm.f64:
      r.skip(8);
      return;
    case Imm.i32:
      r.s32();
      return;
    case Imm.label:
    case Imm.func:
    case Imm.local:
    case Imm.global:
    case Imm.table:
    case Imm.data:
    case Imm.elem:
    case Imm.tag:
      r.u32();
      return;
    default:
      readImmediatesInto(r, id, []);
  }
}

/**
 * Reads a constant expression's instructions up to and including its final `end`, and returns
 * where it ends. Whether the instructions are constant is the validator's matter.
 */
export function skipExpr(r: Reader): number {
  let depth = 0;
  for (;;) {
    const id = readOpId(r);
    skipImmediates(r, id);
    // Blocks nest as in function bodies; `delegate` closes a `try` as `end` does.
    if (id === 0x02 || id === 0x03 || id === 0x04 || id === 0x06) depth++;
    else if (id === 0x0b || (id === 0x18 && depth > 0)) {
      if (depth === 0) return r.pos;
      depth--;
    }
  }
}
