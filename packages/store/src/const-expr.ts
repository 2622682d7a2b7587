/**
 * Evaluating constant expressions (global initializers, segment offsets, element expressions).
 * They are valid, so only the constant instructions occur.
 *
 * https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions
 */
import { type ConstExpr, type ModuleInfo, Reader, readInstr } from '@proj/decoder';
import { i64_set, NULL_REF, type InstanceRt } from '@proj/interp-core';
import { writeV128 } from './convert.js';

/** Evaluates `expr` into a 16-byte cell (Int32 words, the value stack's layout). */
export function evalConst(m: ModuleInfo, inst: InstanceRt, expr: ConstExpr): Int32Array {
  const r = new Reader(m.bytes, expr.start, expr.end);
  const cell = new Int32Array(4);
  for (;;) {
    const { id, imms } = readInstr(r);
    switch (id) {
      case 0x41: // i32.const
      case 0x43: // f32.const (bits)
        cell[0] = imms[0] as number;
        break;
      case 0x42: // i64.const
      case 0x44: // f64.const (bits)
        i64_set(cell, 0, imms[0] as bigint);
        break;
      case 0x20c: // v128.const
        writeV128(cell, 0, imms[0] as Uint8Array);
        break;
      case 0xd0: // ref.null
        cell[0] = NULL_REF;
        break;
      case 0xd2: // ref.func
        cell[0] = inst.funcs[imms[0] as number];
        break;
      case 0x23: // global.get
        cell.set(inst.globals[imms[0] as number].cell);
        break;
      case 0x0b:
        return cell;
      default:
        throw new Error(`constant expression: unexpected op 0x${id.toString(16)} in a validated module`);
    }
  }
}
