/**
 * The SIMD (0xFD) instructions for the run loop, found by sub-opcode (the byte after 0xFD, i.e.
 * op id - PREFIX_FD). Every 0xFD row of the opcode table has exactly one home:
 *
 * - `v128.const` (0x0C): none; the run loop writes the 16 immediate bytes itself.
 * - `i8x16.shuffle` (0x0D): `i8x16_shuffle(s, d, a, b, lanes)` with the 16 lane immediates.
 * - every other non-memory instruction: `SIMD_OPS[sub](s, d, a, b, c, imm)` (see `SimdOp`):
 *   d the result slot, a, b, c the operand slots in operand order, imm the lane index of
 *   extract_lane / replace_lane (0 otherwise). d equals an operand's slot or overlaps none.
 * - memory instructions: `SIMD_MEMORY_OPS[sub]`, a `SimdMemoryOp` descriptor: `store` (stores
 *   write memory and have no result), `lane` (a lane immediate follows the memarg), `width` (the
 *   access size in bytes, from the opcode table), and `run` (see `SimdMemoryRun`), the named
 *   export (`v128_load`, `v128_store8_lane` ...).
 *
 * The tables are built from the opcode table by name: the implementation of instruction
 * `i8x16.add_sat_s` is the export `i8x16_add_sat_s` of one of the instruction modules
 * (`v128-lanes.ts`, `v128-i8x16.ts`, `-i16x8`, `-i32x4`, `-i64x2`, `v128-float.ts`, and the
 * generated `v128-generated.ts` and `v128-memory.ts` for the rows of src/isa/simd.ts), so a table
 * slot cannot disagree with the row it stands for. The `fast` loop has the rows of simd.ts as
 * cases of its own and uses these tables for the other instructions; `compact` has cases of its
 * own for the hot memory rows without a lane and uses the tables for the rest.
 */
import { Imm, OPCODES, PREFIX_FD } from '@proj/decoder';
import type { Slots } from '../slots.js';
import type { SimdOp } from './v128-common.js';
import * as laneOps from './v128-lanes.js';
import * as i8x16Ops from './v128-i8x16.js';
import * as i16x8Ops from './v128-i16x8.js';
import * as i32x4Ops from './v128-i32x4.js';
import * as i64x2Ops from './v128-i64x2.js';
import * as floatOps from './v128-float.js';
import * as memoryOps from './v128-memory.js';
import * as generatedOps from './v128-generated.js';

export type { SimdOp } from './v128-common.js';
export * from './v128-lanes.js';
export * from './v128-i8x16.js';
export * from './v128-i16x8.js';
export * from './v128-i32x4.js';
export * from './v128-i64x2.js';
export * from './v128-float.js';
export * from './v128-memory.js';
export * from './v128-generated.js';

/**
 * A memory instruction (see the top of this file): d the result slot (unused by stores), a the
 * v128 operand's slot (unused by plain loads), `mu8` and `dv` the memory's bytes and DataView, `ea`
 * the effective address, already bounds-checked by the caller (ea + width <= mu8.length), `lane`
 * the lane immediate (0 when none).
 */
export type SimdMemoryRun = (s: Slots, d: number, a: number, mu8: Uint8Array, dv: DataView, ea: number, lane: number) => void;

/** A SIMD memory instruction, as the run loop needs it. */
export interface SimdMemoryOp {
  readonly name: string;
  /** Writes memory, no result. */
  readonly store: boolean;
  /** Has a lane immediate. */
  readonly lane: boolean;
  /** Access size in bytes. */
  readonly width: number;
  readonly run: SimdMemoryRun;
}

/** Non-memory SIMD instructions by sub-opcode (not v128.const, not i8x16.shuffle). */
export const SIMD_OPS: (SimdOp | undefined)[] = new Array<SimdOp | undefined>(256).fill(undefined);
/** SIMD memory instructions by sub-opcode. */
export const SIMD_MEMORY_OPS: (SimdMemoryOp | undefined)[] = new Array<SimdMemoryOp | undefined>(256).fill(undefined);

const computeOps = {
  ...laneOps,
  ...i8x16Ops,
  ...i16x8Ops,
  ...i32x4Ops,
  ...i64x2Ops,
  ...floatOps,
  ...generatedOps,
} as Record<string, unknown>;
const memOps = memoryOps as Record<string, unknown>;

for (const row of OPCODES) {
  if (row.id < PREFIX_FD || row.id >= PREFIX_FD + 256) continue;
  const sub = row.id - PREFIX_FD;
  const key = row.name.replace('.', '_');
  if (row.imm === Imm.memArg || row.imm === Imm.memArgLane) {
    const fn = memOps[key];
    if (typeof fn !== 'function') continue;
    const lane = row.imm === Imm.memArgLane;
    const store = row.sig !== null && row.sig.endsWith(':');
    SIMD_MEMORY_OPS[sub] = { name: row.name, store, lane, width: row.width, run: fn as SimdMemoryRun };
  } else if (row.imm === Imm.none || row.imm === Imm.lane) {
    const fn = computeOps[key];
    if (typeof fn === 'function') SIMD_OPS[sub] = fn as SimdOp;
  }
}
