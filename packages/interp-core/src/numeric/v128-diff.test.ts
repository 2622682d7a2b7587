/**
 * Differential test of every SIMD instruction against V8's own WebAssembly.
 *
 * One module (assembled with wabt) has a function per instruction (per lane immediate, for lane
 * instructions): it loads its operands from memory (operand k at byte 16k: a v128, or a scalar
 * of the signature's type), applies the instruction, and stores the result at byte 48. Memory
 * instructions take the effective address as a parameter and work on bytes 64..255. JavaScript
 * fills the operands from a seeded PRNG (random bits mixed with edge lanes of the instruction's
 * input shape), runs V8, runs ours on a copy laid out in slots, and compares bytes.
 *
 * Our result slot varies over the cases that matter: equal to the first operand, to another
 * operand, and apart from all of them (a v128 cell is 16 bytes: a result never overlaps an
 * operand in part).
 *
 * NaNs: for float arithmetic (the `NAN_TOLERANT` set) a lane that is NaN in V8's result may be
 * any quiet NaN in ours; everything else (bitwise operations, abs/neg, pmin/pmax, lane moves,
 * shuffles, comparisons, loads and stores) must match bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { assemble, loadWabt } from '@proj/testkit';
import { Imm, OPCODES, PREFIX_FD, type OpcodeRow } from '@proj/decoder';
import { Slots } from '../slots.js';
import { SIMD_MEMORY_OPS, SIMD_OPS, i8x16_shuffle, type SimdOp } from './v128.js';
import * as memoryOps from './v128-memory.js';

const CASES = 800; // inputs per instruction (split among the lane immediates of lane instructions)

// ---------------------------------------------------------------------------------------------
// Seeded PRNG and edge values

function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) | 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return (x ^ (x >>> 14)) >>> 0;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  u32(): number {
    return this.next();
  }
  i32(): number {
    return this.next() | 0;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 4294967296) * n);
  }
  chance(p: number): boolean {
    return this.next() / 4294967296 < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const EDGE_I8 = [0, 1, -1, 2, -2, 127, -128, 126, -127, 0x40, -0x40, 0x55, -0x56];
const EDGE_I16 = [
  0, 1, -1, 2, 32767, -32768, 32766, -32767, 127, 128, -128, -129, 255, 256, -255, -256, 0x4000, -0x4000, 0x2000,
  0x3fff, -0x4001,
];
const EDGE_I32 = [
  0, 1, -1, 2, 0x7fffffff, -0x80000000, 0x7ffffffe, -0x7fffffff, 32767, 32768, -32768, -32769, 65535, 65536, -65536,
  255, 0x40000000, -0x40000000, 0x0000ffff, 0x12345678,
];
/** [lo, hi] pairs. */
const EDGE_I64: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [-1, -1],
  [-2, -1],
  [-1, 0x7fffffff],
  [0, -0x80000000],
  [1, -0x80000000],
  [-1, 0],
  [0, 1],
  [0x7fffffff, 0],
  [-0x80000000, 0],
  [-0x80000000, -1],
  [0x7fffffff, -1],
  [0, -1],
  [1, -1],
  [0x12345678, 0x9abcdef],
  [-0x10000, 0xffff],
];
const EDGE_F32_BITS = [
  0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fa00000,
  0x7fc12345, 0xffc54321, 0x7fbfffff, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000, 0x80800000,
  0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000,
  0xc0200000, 0x40600000, 0x4f000000, 0x4effffff, 0xcf000000, 0xcf000001, 0xceffffff, 0x4f800000, 0x4f7fffff,
  0x4f800001, 0xbf7fffff, 0x3effffff, 0xbeffffff, 0x3f7fffff, 0x4b000000, 0x4b000001, 0x4affffff, 0xcaffffff,
  0x4b7fffff, 0x3f800001,
].map((x) => x | 0);
const EDGE_F64: readonly number[] = [
  0, -0, Infinity, -Infinity, 5e-324, -5e-324, 2.225073858507201e-308, 2.2250738585072014e-308,
  1.7976931348623157e308, -1.7976931348623157e308, 1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, 0.49999999999999994,
  -0.49999999999999994, 2147483648, 2147483647, 2147483647.5, 2147483646.5, 2147483648.5, -2147483648,
  -2147483649, -2147483648.5, -2147483647.5, -2147483649.5, 4294967296, 4294967295, 4294967295.5, 4294967295.9,
  4294967296.5, -0.9999999999999999, -1.0000000000000002, -0.5, 4503599627370496, 4503599627370497,
  4503599627370495.5, -4503599627370495.5, 9007199254740992, 9007199254740994, 3.4028234663852886e38,
  3.4028235677973366e38, 3.4028235677973362e38, -3.4028235677973366e38, 1.401298464324817e-45,
  7.006492321624085e-46, 7.006492321624087e-46, 1.1754942106924411e-38, 1.0000000596046448, 1.0000001788139343,
  1.000000059604645, 16777217, -16777217, 16777219, 1e-310, 1e300, -1e-300,
];
/** f64 NaNs as [lo, hi] bit pairs: canonical, negative, signalling, with payloads. */
const EDGE_F64_NAN: readonly (readonly [number, number])[] = [
  [0, 0x7ff80000],
  [0, 0xfff80000 | 0],
  [1, 0x7ff00000],
  [0, 0x7ff40000],
  [0x9abcdef0 | 0, 0x7ff81234],
  [-1, 0x7fffffff],
  [-1, -1],
  [0x12345678, 0xfff7ffff | 0],
];

// ---------------------------------------------------------------------------------------------
// Operand generation

type Shape = 'i8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';
const SHAPES: readonly Shape[] = ['i8', 'i16', 'i32', 'i64', 'f32', 'f64'];

/** The shape of an instruction's vector input: the last `iNxM`/`fNxM` in its name. */
function inputShape(name: string): Shape | undefined {
  const all = [...name.matchAll(/([if])(8|16|32|64)x\d+/g)];
  const last = all[all.length - 1];
  return last ? (`${last[1]}${last[2]}` as Shape) : undefined;
}

const gen = new DataView(new ArrayBuffer(16));

/** A float with a moderate exponent and a fractional part, ties (k + 0.5) more often. */
function moderateFloat(r: Rng): number {
  const e = r.int(36) - 3;
  let x = (r.u32() / 4294967296) * 2 ** e;
  if (r.chance(0.3)) x = Math.round(x * 2) / 2;
  return r.chance(0.5) ? -x : x;
}

function putLane(view: DataView, off: number, shape: Shape, r: Rng): void {
  const edge = r.chance(0.5);
  switch (shape) {
    case 'i8':
      view.setInt8(off, edge ? r.pick(EDGE_I8) : r.i32());
      return;
    case 'i16':
      view.setInt16(off, edge ? r.pick(EDGE_I16) : r.i32(), true);
      return;
    case 'i32':
      view.setInt32(off, edge ? r.pick(EDGE_I32) : r.i32(), true);
      return;
    case 'i64': {
      const [lo, hi] = edge ? r.pick(EDGE_I64) : [r.i32(), r.chance(0.3) ? r.i32() >> 31 : r.i32()];
      view.setInt32(off, lo, true);
      view.setInt32(off + 4, hi, true);
      return;
    }
    case 'f32':
      if (edge) view.setInt32(off, r.pick(EDGE_F32_BITS), true);
      else if (r.chance(0.5)) view.setFloat32(off, moderateFloat(r), true);
      else view.setInt32(off, r.i32(), true);
      return;
    case 'f64':
      if (edge && r.chance(0.2)) {
        const [lo, hi] = r.pick(EDGE_F64_NAN);
        view.setInt32(off, lo, true);
        view.setInt32(off + 4, hi, true);
      } else if (edge) view.setFloat64(off, r.pick(EDGE_F64), true);
      else if (r.chance(0.5)) view.setFloat64(off, moderateFloat(r), true);
      else {
        view.setInt32(off, r.i32(), true);
        view.setInt32(off + 4, r.i32(), true);
      }
      return;
  }
}

const LANE_BYTES: Record<Shape, number> = { i8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 };

/** 16 bytes of vector operand into mem at off. */
function genVector(mem: Uint8Array, off: number, shape: Shape | undefined, r: Rng): void {
  if (r.chance(0.15)) {
    for (let k = 0; k < 16; k++) mem[off + k] = r.u32();
    return;
  }
  const sh = shape === undefined || r.chance(0.2) ? r.pick(SHAPES) : shape;
  const w = LANE_BYTES[sh];
  for (let k = 0; k < 16; k += w) putLane(gen, k, sh, r);
  for (let k = 0; k < 16; k++) mem[off + k] = gen.getUint8(k);
}

/** A scalar operand of type letter t into mem at off. */
function genScalar(mem: Uint8Array, off: number, t: string, r: Rng): void {
  const view = new DataView(mem.buffer, mem.byteOffset + off, 8);
  view.setFloat64(0, 0, true);
  switch (t) {
    case 'i': {
      // Shift counts and lane values: small counts, counts past the lane width, edges, random.
      const p = r.int(4);
      view.setInt32(0, p === 0 ? r.int(80) : p === 1 ? r.pick(EDGE_I32) : p === 2 ? -r.int(80) : r.i32(), true);
      return;
    }
    case 'I':
      putLane(view, 0, 'i64', r);
      return;
    case 'f':
      putLane(view, 0, 'f32', r);
      return;
    case 'F':
      putLane(view, 0, 'f64', r);
      return;
  }
}

/** Makes some lanes of operand b equal to a's, so that equality cases occur. */
function shareLanes(mem: Uint8Array, shape: Shape | undefined, r: Rng): void {
  if (!r.chance(0.3)) return;
  const w = LANE_BYTES[shape ?? 'i32'];
  for (let k = 0; k < 16; k += w) {
    if (!r.chance(0.5)) continue;
    for (let j = 0; j < w; j++) mem[16 + k + j] = mem[k + j];
  }
}

// ---------------------------------------------------------------------------------------------
// Module construction

const LOAD: Record<string, string> = { v: 'v128.load', i: 'i32.load', I: 'i64.load', f: 'f32.load', F: 'f64.load' };
const STORE: Record<string, string> = {
  v: 'v128.store',
  i: 'i32.store',
  I: 'i64.store',
  f: 'f32.store',
  F: 'f64.store',
};
const RESULT_BYTES: Record<string, number> = { v: 16, i: 4, I: 8, f: 4, F: 8 };

const fdRows = OPCODES.filter((row) => row.id >= PREFIX_FD && row.id < PREFIX_FD + 256);
const isMemory = (row: OpcodeRow): boolean => row.imm === Imm.memArg || row.imm === Imm.memArgLane;
const computeRows = fdRows.filter((row) => !isMemory(row) && row.name !== 'v128.const' && row.name !== 'i8x16.shuffle');
const memoryRows = fdRows.filter(isMemory);

const shuffleRng = new Rng(0x5eed5);
const SHUFFLES: Uint8Array[] = [
  Uint8Array.from({ length: 16 }, (_, k) => k),
  Uint8Array.from({ length: 16 }, (_, k) => k + 16),
  Uint8Array.from({ length: 16 }, (_, k) => 31 - k),
  Uint8Array.from({ length: 16 }, (_, k) => (k & 1 ? 16 + (k >> 1) : k >> 1)),
  new Uint8Array(16),
  new Uint8Array(16).fill(31),
  ...Array.from({ length: 26 }, () => Uint8Array.from({ length: 16 }, () => shuffleRng.int(32))),
];

function computeFunc(row: OpcodeRow, lane: number | null): string {
  const sig = row.sig!;
  const [params, result] = sig.split(':');
  const operands = [...params].map((t, k) => `(${LOAD[t]} offset=${16 * k} (i32.const 0))`).join(' ');
  const imm = lane === null ? '' : ` ${lane}`;
  const name = lane === null ? `c${row.id - PREFIX_FD}` : `c${row.id - PREFIX_FD}_${lane}`;
  return `(func (export "${name}") (${STORE[result]} offset=48 (i32.const 0) (${row.name}${imm} ${operands})))`;
}

function memoryFunc(row: OpcodeRow, lane: number | null): string {
  const imm = lane === null ? '' : ` ${lane}`;
  const name = lane === null ? `m${row.id - PREFIX_FD}` : `m${row.id - PREFIX_FD}_${lane}`;
  const store = row.sig!.endsWith(':');
  const v = '(v128.load (i32.const 0))';
  const body =
    store && lane !== null
      ? `(${row.name}${imm} (local.get 0) ${v})`
      : store
        ? `(${row.name} (local.get 0) ${v})`
        : lane !== null
          ? `(v128.store offset=48 (i32.const 0) (${row.name}${imm} (local.get 0) ${v}))`
          : `(v128.store offset=48 (i32.const 0) (${row.name} (local.get 0)))`;
  return `(func (export "${name}") (param i32) ${body})`;
}

const laneCount = (row: OpcodeRow): number => (row.imm === Imm.memArgLane ? 16 / row.width : row.width);

function buildWat(): string {
  const funcs: string[] = [];
  for (const row of computeRows) {
    if (row.imm === Imm.lane) for (let l = 0; l < row.width; l++) funcs.push(computeFunc(row, l));
    else funcs.push(computeFunc(row, null));
  }
  SHUFFLES.forEach((lanes, k) =>
    funcs.push(
      `(func (export "shuf${k}") (v128.store offset=48 (i32.const 0) (i8x16.shuffle ${[...lanes].join(' ')} ` +
        `(v128.load (i32.const 0)) (v128.load offset=16 (i32.const 0)))))`,
    ),
  );
  for (const row of memoryRows) {
    if (row.imm === Imm.memArgLane) for (let l = 0; l < laneCount(row); l++) funcs.push(memoryFunc(row, l));
    else funcs.push(memoryFunc(row, null));
  }
  return `(module (memory (export "mem") 1)\n${funcs.join('\n')})`;
}

const binary = assemble(await loadWabt(), buildWat(), { filename: 'v128-diff.wat' });
/** The `WebAssembly` global, typed locally (the repo compiles against lib ES2022 without DOM). */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const WA = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
const exportsOf = (await WA.instantiate(binary)).instance.exports;
const wasmMem = new Uint8Array((exportsOf.mem as { buffer: ArrayBuffer }).buffer, 0, 256);
const fn = (name: string): ((ea?: number) => void) => exportsOf[name] as (ea?: number) => void;

// ---------------------------------------------------------------------------------------------
// Comparison

/** Float arithmetic: a NaN lane in V8's result may be any quiet NaN in ours. */
const NAN_TOLERANT = new Set([
  ...['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'].flatMap((op) => [
    `f32x4.${op}`,
    `f64x2.${op}`,
  ]),
  'f32x4.demote_f64x2_zero',
  'f64x2.promote_low_f32x4',
  'f32x4.convert_i32x4_s',
  'f32x4.convert_i32x4_u',
  'f64x2.convert_low_i32x4_s',
  'f64x2.convert_low_i32x4_u',
]);

const hex = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** True when the little-endian float lane at bytes[off..off+w) is a NaN (w = 4 or 8). */
function isNaNLane(bytes: Uint8Array, off: number, w: number): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset + off, w);
  return w === 4 ? Number.isNaN(view.getFloat32(0, true)) : Number.isNaN(view.getFloat64(0, true));
}

/** Quiet bit of the NaN lane at bytes[off..off+w). */
function isQuiet(bytes: Uint8Array, off: number, w: number): boolean {
  return w === 4 ? (bytes[off + 2] & 0x40) !== 0 : (bytes[off + 6] & 0x08) !== 0;
}

/** Returns a description of the first difference, or '' when ours is acceptable. */
function diff(name: string, ours: Uint8Array, theirs: Uint8Array): string {
  if (NAN_TOLERANT.has(name)) {
    const w = name.startsWith('f32x4') ? 4 : 8;
    for (let off = 0; off < theirs.length; off += w) {
      const t = theirs.subarray(off, off + w);
      const o = ours.subarray(off, off + w);
      if (isNaNLane(theirs, off, w)) {
        if (!isNaNLane(ours, off, w)) return `lane at byte ${off}: V8 NaN ${hex(t)}, ours ${hex(o)}`;
        if (!isQuiet(ours, off, w)) return `lane at byte ${off}: ours is a signalling NaN ${hex(o)}`;
      } else if (hex(t) !== hex(o)) return `lane at byte ${off}: V8 ${hex(t)}, ours ${hex(o)}`;
    }
    return '';
  }
  return hex(ours) === hex(theirs) ? '' : `V8 ${hex(theirs)}, ours ${hex(ours)}`;
}

// ---------------------------------------------------------------------------------------------
// Tests

/** Operand slots and the result slots tried in turn: = a, = b, = c, apart. */
const A = 2;
const B = 4;
const C = 6;
const RESULT_SLOTS = [A, B, C, 10];
const slots = new Slots(16);

/** Runs one computed case: operands are at wasm bytes 0..47; returns '' or a failure text. */
function runCompute(
  name: string,
  wasmFn: () => void,
  ours: (d: number) => void,
  d: number,
  resultBytes: number,
): string {
  const before = wasmMem.slice(0, 48);
  wasmMem.fill(0xa5, 48, 64);
  wasmFn();
  const theirs = wasmMem.slice(48, 48 + resultBytes);
  slots.u8.fill(0x5a);
  slots.u8.set(before, 8 * A);
  ours(d);
  const got = slots.u8.slice(8 * d, 8 * d + resultBytes);
  const why = diff(name, got, theirs);
  if (why === '') return '';
  const operands = [0, 16, 32].map((k) => hex(before.subarray(k, k + 16))).join(' ');
  return `${name} d=${d} operands ${operands}: ${why}`;
}

function fillOperands(row: { name: string; sig: string }, r: Rng): void {
  const params = row.sig.split(':')[0];
  const shape = inputShape(row.name);
  for (let k = 0; k < params.length; k++) {
    if (params[k] === 'v') genVector(wasmMem, 16 * k, shape, r);
    else genScalar(wasmMem, 16 * k, params[k], r);
  }
  if (params.startsWith('vv')) shareLanes(wasmMem, shape, r);
}

/** Runs `CASES` inputs of a computed row through V8 and `op`; returns up to 5 failure texts. */
function checkCompute(row: OpcodeRow, op: SimdOp): { failures: string[]; n: number } {
  const sub = row.id - PREFIX_FD;
  const r = new Rng(hashName(row.name));
  const resultBytes = RESULT_BYTES[row.sig!.split(':')[1]];
  const lanes = row.imm === Imm.lane ? row.width : 1;
  const perLane = Math.max(40, Math.ceil(CASES / lanes));
  const failures: string[] = [];
  let n = 0;
  for (let l = 0; l < lanes; l++) {
    const wasmFn = fn(row.imm === Imm.lane ? `c${sub}_${l}` : `c${sub}`);
    for (let i = 0; i < perLane; i++, n++) {
      fillOperands({ name: row.name, sig: row.sig! }, r);
      const d = RESULT_SLOTS[n % RESULT_SLOTS.length];
      const why = runCompute(row.name, wasmFn, (dd) => op(slots, dd, A, B, C, l), d, resultBytes);
      if (why && failures.length < 5) failures.push(why);
    }
  }
  return { failures, n };
}

const rowNamed = (name: string): OpcodeRow => computeRows.find((row) => row.name === name)!;
const opNamed = (name: string): SimdOp => SIMD_OPS[rowNamed(name).id - PREFIX_FD]!;

describe('SIMD instructions agree with V8', () => {
  for (const row of computeRows) {
    const sub = row.id - PREFIX_FD;
    it(`${row.name} (0xfd ${sub})`, () => {
      const op = SIMD_OPS[sub];
      expect(op, 'SIMD_OPS entry').toBeTypeOf('function');
      const { failures, n } = checkCompute(row, op!);
      expect(failures).toEqual([]);
      expect(n).toBeGreaterThanOrEqual(CASES);
    });
  }

  it('the comparison notices wrong implementations', () => {
    // Saturation missing; NaN bits lost where they must be kept; NaN tolerance not hiding a wrong value.
    expect(checkCompute(rowNamed('i8x16.add_sat_s'), opNamed('i8x16.add')).failures).not.toEqual([]);
    expect(checkCompute(rowNamed('f32x4.pmin'), opNamed('f32x4.min')).failures).not.toEqual([]);
    expect(checkCompute(rowNamed('f64x2.max'), opNamed('f64x2.pmax')).failures).not.toEqual([]);
  });

  it('i8x16.shuffle (0xfd 13)', () => {
    const r = new Rng(hashName('i8x16.shuffle'));
    const failures: string[] = [];
    let n = 0;
    SHUFFLES.forEach((lanes, k) => {
      for (let i = 0; i < Math.ceil(CASES / SHUFFLES.length); i++, n++) {
        fillOperands({ name: 'i8x16.shuffle', sig: 'vv:v' }, r);
        const d = RESULT_SLOTS[n % RESULT_SLOTS.length];
        const why = runCompute('i8x16.shuffle', fn(`shuf${k}`), (dd) => i8x16_shuffle(slots, dd, A, B, lanes), d, 16);
        if (why && failures.length < 5) failures.push(`lanes ${[...lanes].join(',')}: ${why}`);
      }
    });
    expect(failures).toEqual([]);
    expect(n).toBeGreaterThanOrEqual(CASES);
  });
});

describe('SIMD memory instructions agree with V8', () => {
  /** Memory bytes 64..255 hold the data; bytes with sign bits and extremes come often. */
  function fillMemory(r: Rng): void {
    for (let k = 0; k < 256; k++) wasmMem[k] = r.chance(0.3) ? r.pick([0, 0xff, 0x80, 0x7f, 0x01, 0xfe]) : r.u32();
  }

  for (const row of memoryRows) {
    const sub = row.id - PREFIX_FD;
    it(`${row.name} (0xfd ${sub})`, () => {
      const m = SIMD_MEMORY_OPS[sub];
      expect(m, 'SIMD_MEMORY_OPS entry').toBeDefined();
      const named = (memoryOps as Record<string, unknown>)[row.name.replace('.', '_')];
      expect(m!.run, 'the named export').toBe(named);
      const r = new Rng(hashName(row.name));
      const lanes = row.imm === Imm.memArgLane ? laneCount(row) : 1;
      const perLane = Math.max(40, Math.ceil(CASES / lanes));
      const store = row.sig!.endsWith(':');
      const failures: string[] = [];
      let n = 0;
      for (let l = 0; l < lanes; l++) {
        const wasmFn = fn(row.imm === Imm.memArgLane ? `m${sub}_${l}` : `m${sub}`);
        for (let i = 0; i < perLane; i++, n++) {
          fillMemory(r);
          const ea = 64 + r.int(256 - 64 - row.width + 1);
          const before = wasmMem.slice(0, 256);
          wasmFn(ea);
          const ours = before.slice();
          const d = RESULT_SLOTS[n % RESULT_SLOTS.length];
          slots.u8.fill(0x5a);
          slots.u8.set(before.subarray(0, 16), 8 * A);
          m!.run(slots, d, A, ours, new DataView(ours.buffer), ea, l);
          let why: string;
          if (!store) why = diff(row.name, slots.u8.slice(8 * d, 8 * d + 16), wasmMem.slice(48, 64));
          else if (hex(ours) === hex(wasmMem)) why = '';
          else why = `memory: V8 ${hex(wasmMem.subarray(ea, ea + 16))}, ours ${hex(ours.subarray(ea, ea + 16))}`;
          if (why && failures.length < 5)
            failures.push(`${row.name} lane=${l} ea=${ea} d=${d}: ${why}`);
        }
      }
      expect(failures).toEqual([]);
      expect(n).toBeGreaterThanOrEqual(CASES);
    });
  }
});
