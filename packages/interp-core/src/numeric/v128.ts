/**
 * The SIMD (0xFD) instructions for the run loop, found by sub-opcode (the byte after 0xFD, i.e.
 * op id - PREFIX_FD). Every 0xFD row of the opcode table has exactly one home:
 *
 * - `v128.const` (0x0C): none; the run loop writes the 16 immediate bytes itself.
 * - `i8x16.shuffle` (0x0D): `i8x16_shuffle(s, d, a, b, lanes)` with the 16 lane immediates.
 * - every other non-memory instruction: `SIMD_OPS[sub](s, d, a, b, c, imm)` (see `SimdOp`):
 *   d the result slot, a, b, c the operand slots in operand order, imm the lane index of
 *   extract_lane / replace_lane (0 otherwise). d may equal or overlap any operand.
 * - memory instructions: `SIMD_MEMORY_OPS[sub]`, a `SimdMemoryOp` descriptor: `store` (stores
 *   write memory and have no result), `lane` (a lane immediate follows the memarg), `width` (the
 *   access size in bytes, from the opcode table), and `run(s, d, a, mem, ea, lane)`, one shape for
 *   all: d the result slot (unused by stores), a the v128 operand slot (unused by plain loads),
 *   `mem` the memory's bytes, `ea` the effective address, already bounds-checked by the caller
 *   (ea + width <= mem.length), `lane` the lane immediate (0 when none). `run` forwards to the
 *   named export, whose own signature is one of `SimdLoad`, `SimdStore`, `SimdLoadLane`,
 *   `SimdStoreLane`:
 *   - loads `v128_load(s, d, mem, ea)`, load8x8_s/u, load16x4_s/u, load32x2_s/u,
 *     load8/16/32/64_splat, load32/64_zero;
 *   - `v128_store(s, a, mem, ea)`;
 *   - lane loads `v128_load8_lane(s, d, a, mem, ea, lane)` (16, 32, 64 likewise);
 *   - lane stores `v128_store8_lane(s, a, mem, ea, lane)` (16, 32, 64 likewise).
 *
 * The tables are built from the opcode table by name: the implementation of instruction
 * `i8x16.add_sat_s` is the export `i8x16_add_sat_s` of one of the instruction modules
 * (`v128-lanes.ts`, `v128-i8x16.ts`, `-i16x8`, `-i32x4`, `-i64x2`, `v128-float.ts`, and the
 * generated `v128-generated.ts` and `v128-memory.ts` for the rows of src/isa/simd.ts), so a table
 * slot cannot disagree with the row it stands for. The run loops have the rows of simd.ts as
 * cases of their own and use these tables for the other instructions.
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

/** A load: the v128 read from mem[ea ..] goes to slots d, d + 1. */
export type SimdLoad = (s: Slots, d: number, mem: Uint8Array, ea: number) => void;
/** `v128.store`: the v128 at slot a goes to mem[ea .. ea + 15]. */
export type SimdStore = (s: Slots, a: number, mem: Uint8Array, ea: number) => void;
/** A lane load: the v128 at slot a, its lane `lane` read from mem[ea ..], goes to slot d. */
export type SimdLoadLane = (s: Slots, d: number, a: number, mem: Uint8Array, ea: number, lane: number) => void;
/** A lane store: lane `lane` of the v128 at slot a goes to mem[ea ..]. */
export type SimdStoreLane = (s: Slots, a: number, mem: Uint8Array, ea: number, lane: number) => void;

/** Uniform entry point of a memory instruction (see the top of this file). */
export type SimdMemoryRun = (s: Slots, d: number, a: number, mem: Uint8Array, ea: number, lane: number) => void;

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

/** The uniform `run` for a named memory instruction of the given shape. */
function memoryRun(fn: unknown, store: boolean, lane: boolean): SimdMemoryRun {
  if (store && lane) {
    const f = fn as SimdStoreLane;
    return (s, _d, a, mem, ea, l) => f(s, a, mem, ea, l);
  }
  if (store) {
    const f = fn as SimdStore;
    return (s, _d, a, mem, ea) => f(s, a, mem, ea);
  }
  if (lane) return fn as SimdLoadLane;
  const f = fn as SimdLoad;
  return (s, d, _a, mem, ea) => f(s, d, mem, ea);
}

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
    SIMD_MEMORY_OPS[sub] = { name: row.name, store, lane, width: row.width, run: memoryRun(fn, store, lane) };
  } else if (row.imm === Imm.none || row.imm === Imm.lane) {
    const fn = computeOps[key];
    if (typeof fn === 'function') SIMD_OPS[sub] = fn as SimdOp;
  }
}
