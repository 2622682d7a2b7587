/**
 * Bulk memory and table instructions: rare enough to live outside the run loop. Each checks its
 * whole range before it writes anything, as WebAssembly 2.0 requires.
 *
 * https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions
 */
import type { InstanceRt, MemInst, TableInst } from './runtime.js';
import { Trap, TrapReason } from './trap.js';

function memoryTrap(): never {
  throw new Trap(TrapReason.memoryOutOfBounds);
}

function tableTrap(): never {
  throw new Trap(TrapReason.tableOutOfBounds);
}

export function memory_fill(mem: MemInst, d: number, value: number, n: number): void {
  if (d + n > mem.limit) memoryTrap();
  mem.u8.fill(value, d, d + n);
}

export function memory_copy(mem: MemInst, d: number, s: number, n: number): void {
  const len = mem.limit;
  if (s + n > len || d + n > len) memoryTrap();
  mem.u8.copyWithin(d, s, s + n);
}

export function memory_init(inst: InstanceRt, mem: MemInst, x: number, d: number, s: number, n: number): void {
  const data = inst.datas[x];
  if (s + n > data.length || d + n > mem.limit) memoryTrap();
  mem.u8.set(data.subarray(s, s + n), d);
}

export function table_init(inst: InstanceRt, table: TableInst, y: number, d: number, s: number, n: number): void {
  const elem = inst.elems[y];
  if (s + n > elem.length || d + n > table.size) tableTrap();
  table.elems.set(elem.subarray(s, s + n), d);
}

export function table_copy(dst: TableInst, src: TableInst, d: number, s: number, n: number): void {
  if (s + n > src.size || d + n > dst.size) tableTrap();
  if (dst === src) dst.elems.copyWithin(d, s, s + n);
  else dst.elems.set(src.elems.subarray(s, s + n), d);
}

export function table_fill(table: TableInst, i: number, ref: number, n: number): void {
  if (i + n > table.size) tableTrap();
  table.elems.fill(ref, i, i + n);
}
