/**
 * A walk of the decoder's opcode table, and of every op of the `fast` profile's prepared code,
 * through the public API in the three profiles, against V8's own WebAssembly.
 *
 * - Every row with a signature and plain immediates (numeric, conversions, memory loads and
 *   stores, SIMD) gets an export that runs it alone; the export takes and returns floats as bit
 *   patterns (i32 / i64, reinterpreted inside) and a v128 as two i64, so no value crosses JS
 *   as a float and NaN payloads survive on the V8 side. Each runs on edge and seeded random
 *   arguments. Results must have V8's bits, except where the specification lets a NaN result be
 *   any NaN of a kind (see `nanAllowed`). Traps must agree, and after a store so must memory.
 * - Rows without such a signature (control, variables, tables, references, bulk memory,
 *   constants) get small hand-written modules.
 * - Every op id of ops.ts gets a function that makes the translator emit it (checked on the
 *   function's disassembly), run the same way.
 * Each part fails when a row or an op id has no case.
 *
 * The test runs all three profiles itself, so it runs once, whatever TEST_PROFILE says.
 */
import { describe, expect, it } from 'vitest';
import { OPCODES, type OpcodeRow, Imm } from '@proj/decoder';
import { Module, type Profile, Store, Trap, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
// The disassembler is interp-core's test tool, not part of any package's public surface.
import { disassemble, preparedOps } from '../../interp-core/src/fast/disassemble.js';
import { V8Wasm, wat } from './wat.js';

const PROFILES: readonly Profile[] = ['fast', 'compact', 'compiled'];

/** A value at the JS boundary: an i32 (or f32 bits) as a number, an i64 (or f64 bits) as a bigint. */
type Bits = number | bigint;
/** What a call gave: its results, or 'trap'. */
type Outcome = Bits[] | 'trap';

// ---------------------------------------------------------------------------------------------
// Engines: the module in each profile of ours, and in V8, called with the same arguments.

interface Engine {
  readonly name: string;
  call(fn: string, args: readonly Bits[]): Outcome;
  /** Memory 0 as it is now, or undefined when the module has none exported as "mem". */
  memory(): Uint8Array | undefined;
}

function ours(bytes: Uint8Array, profile: Profile): Engine & { module: Module } {
  const module = new Module(bytes, { profile });
  const store = new Store();
  const inst = store.instantiate(module);
  const hasMemory = module.exports.some((e) => e.kind === 'memory');
  return {
    name: profile,
    module,
    call(fn, args) {
      const vals = args.map((a) => (typeof a === 'bigint' ? Val.i64(a) : Val.i32(a)));
      try {
        const r = store.invoke(inst, fn, vals);
        if (r.kind !== 'done') throw new Error(`${fn}: unexpected host call`);
        return r.values.map((v) => {
          if (v.type !== 'i32' && v.type !== 'i64') throw new Error(`${fn}: a ${v.type} result crossed the boundary`);
          return v.value as Bits;
        });
      } catch (e) {
        if (e instanceof Trap) return 'trap';
        throw e;
      }
    },
    memory: () => (hasMemory ? store.memory(inst) : undefined),
  };
}

function v8(bytes: Uint8Array): Engine {
  const exports = new V8Wasm.Instance(new V8Wasm.Module(bytes), {}).exports;
  const mem = exports['mem'] as { buffer: ArrayBuffer } | undefined;
  return {
    name: 'V8',
    call(fn, args) {
      try {
        const r = (exports[fn] as (...a: Bits[]) => unknown)(...args);
        return r === undefined ? [] : Array.isArray(r) ? (r as Bits[]) : [r as Bits];
      } catch (e) {
        if (e instanceof V8Wasm.RuntimeError) return 'trap';
        throw e;
      }
    },
    memory: () => (mem ? new Uint8Array(mem.buffer) : undefined),
  };
}

/** Ours in each profile, then V8 (the reference, last). */
function engines(bytes: Uint8Array): { profiles: (Engine & { module: Module })[]; reference: Engine } {
  return { profiles: PROFILES.map((p) => ours(bytes, p)), reference: v8(bytes) };
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

// ---------------------------------------------------------------------------------------------
// NaNs: https://webassembly.github.io/spec/core/exec/numerics.html#nan-propagation
// An operator that computes a float (not abs, neg, copysign, which work on bits, nor moves and
// reinterpretations) returns, when its result is a NaN, a canonical NaN (payload = the quiet bit
// only, either sign) if every NaN operand is canonical, else any arithmetic NaN (quiet bit set).

type FloatWidth = 32 | 64;
const FLOAT_ARITHMETIC = /^(f32|f64)(x4|x2)?\.(add|sub|mul|div|sqrt|min|max|ceil|floor|trunc|nearest|demote_f64|promote_f32|demote_f64x2_zero|promote_low_f32x4)$/;

const QUIET: Record<FloatWidth, bigint> = { 32: 1n << 22n, 64: 1n << 51n };
const EXP: Record<FloatWidth, bigint> = { 32: 0xffn << 23n, 64: 0x7ffn << 52n };
const FRAC: Record<FloatWidth, bigint> = { 32: (1n << 23n) - 1n, 64: (1n << 52n) - 1n };
const isNaNBits = (w: FloatWidth, b: bigint): boolean => (b & EXP[w]) === EXP[w] && (b & FRAC[w]) !== 0n;
const isCanonical = (w: FloatWidth, b: bigint): boolean => isNaNBits(w, b) && (b & FRAC[w]) === QUIET[w];
const isArithmetic = (w: FloatWidth, b: bigint): boolean => isNaNBits(w, b) && (b & QUIET[w]) !== 0n;

/**
 * Whether our NaN lane `mine` may stand for V8's NaN lane, given the float operand lanes the
 * lane was computed from: canonical when they are all canonical (or not NaN), else arithmetic.
 */
function nanAllowed(w: FloatWidth, mine: bigint, inputs: readonly bigint[], inputWidth: FloatWidth): boolean {
  const canonicalOnly = inputs.every((x) => !isNaNBits(inputWidth, x) || isCanonical(inputWidth, x));
  return canonicalOnly ? isCanonical(w, mine) : isArithmetic(w, mine);
}

/** The unsigned lanes of width w of a v128 given as two i64 halves. */
function lanes(halves: readonly bigint[], w: FloatWidth): bigint[] {
  const all = (BigInt.asUintN(64, halves[1]) << 64n) | BigInt.asUintN(64, halves[0]);
  return Array.from({ length: 128 / w }, (_, k) => (all >> BigInt(k * w)) & ((1n << BigInt(w)) - 1n));
}

// ---------------------------------------------------------------------------------------------
// Arguments: edge values per type, and seeded random ones.

const f32Bits = (x: number): number => new Int32Array(Float32Array.of(x).buffer)[0];
const f64Bits = (x: number): bigint => new BigInt64Array(Float64Array.of(x).buffer)[0];
const S64 = (x: bigint): bigint => BigInt.asIntN(64, x);

const I32_EDGES = [
  0, 1, -1, 2, -2, 7, 8, 15, 16, 31, 32, 33, 63, 64, 127, 128, 255, 256, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff,
  -0x80000000, -0x7fffffff, 0x55555555, 0xaaaaaaaa | 0, 0x12345678, 0x80000001 | 0,
];
const I64_EDGES = [
  0n, 1n, -1n, 2n, 31n, 32n, 63n, 64n, 65n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n,
  (1n << 63n) - 1n, S64(1n << 63n), S64((1n << 63n) + 1n), 0x5555555555555555n, S64(0xaaaaaaaaaaaaaaaan), 0x123456789abcdefn,
];
/** f32 bit patterns: zeros, ones, halves and ties, infinities, NaNs (quiet, signalling, payloads), subnormals, limits, conversion bounds. */
const F32_EDGES = [
  0, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0x40200000, 0xbfc00000, 0x3effffff,
  0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00001, 0x7fc12345, 0xff812345, 0x00000001, 0x80000001,
  0x007fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x4f000000, 0x4effffff, 0xcf000000, 0xcf000001, 0x4f800000,
  0x5f000000, 0xdf000000, 0x5f800000, 0x4b800000, 0x4b7fffff, 0x4b000001,
].map((b) => b | 0);
const F64_EDGES = [
  0n, 1n << 63n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n, 0xbfe0000000000000n, 0x3ff8000000000000n,
  0x4004000000000000n, 0xbff8000000000000n, 0x3fdfffffffffffffn, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff0000000000001n, 0x7ff8000000012345n, 0xfff4000000000000n, 1n,
  0x8000000000000001n, 0x000fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn, 0x41e0000000000000n,
  0x41dfffffffc00000n, 0x41dfffffffe00000n, 0xc1e0000000000000n, 0xc1e0000000200000n, 0x41f0000000000000n,
  0x41efffffffe00000n, 0x43e0000000000000n, 0xc3e0000000000000n, 0x43f0000000000000n, 0x4340000000000001n,
  0x47efffffe0000000n, 0x47effffff0000000n, 0x36a0000000000000n, 0x3690000000000000n,
].map(S64);
/** Addresses: in bounds, at the end of the one page, past it, wrapped. */
const ADDRESSES = [0, 1, 3, 8, 100, 4096, 65520, 65528, 65532, 65534, 65535, 65536, 65537, -1, -8, 0x7fffffff];

type Letter = 'i' | 'I' | 'f' | 'F' | 'v';

class Inputs {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = rng32(seed);
  }
  private pick<X>(xs: readonly X[]): X {
    return xs[this.next() % xs.length];
  }
  private u64(): bigint {
    return S64((BigInt(this.next()) << 32n) | BigInt(this.next()));
  }
  /** A small number as a float, so that arithmetic on it is exact often enough to mean something. */
  private plain(): number {
    return ((this.next() % 2001) - 1000) / [1, 2, 8, 3][this.next() % 4];
  }
  i32(): number {
    const k = this.next() % 8;
    return k < 4 ? this.pick(I32_EDGES) : k < 5 ? (this.next() % 201) - 100 : this.next() | 0;
  }
  i64(): bigint {
    const k = this.next() % 8;
    return k < 4 ? this.pick(I64_EDGES) : k < 5 ? BigInt((this.next() % 201) - 100) : this.u64();
  }
  f32(): number {
    const k = this.next() % 8;
    return k < 4 ? this.pick(F32_EDGES) : k < 6 ? f32Bits(this.plain()) : this.next() | 0;
  }
  f64(): bigint {
    const k = this.next() % 8;
    return k < 4 ? this.pick(F64_EDGES) : k < 6 ? f64Bits(this.plain()) : this.u64();
  }
  address(): number {
    return this.next() % 3 === 0 ? this.next() % 65536 : this.pick(ADDRESSES);
  }
  /** A v128 as two i64: lanes of one type's edge values, or random bytes. */
  v128(): [bigint, bigint] {
    const k = this.next() % 8;
    let all = 0n;
    const fill = (w: number, lane: () => bigint): void => {
      for (let i = 0; i < 128 / w; i++) all |= BigInt.asUintN(w, lane()) << BigInt(i * w);
    };
    if (k === 0) fill(8, () => BigInt(this.pick([0, 1, 0x7f, 0x80, 0xff, 0x55, 2, 0xfe])));
    else if (k === 1) fill(16, () => BigInt(this.pick([0, 1, 0x7fff, 0x8000, 0xffff, 0xff, 0x100, 0x7f, 0x80])));
    else if (k === 2) fill(32, () => BigInt(this.i32()));
    else if (k === 3) fill(64, () => this.i64());
    else if (k === 4 || k === 5) fill(32, () => BigInt(this.f32()));
    else if (k === 6) fill(64, () => this.f64());
    else fill(64, () => this.u64());
    return [S64(all), S64(all >> 64n)];
  }
  /** Arguments for operand types `letters` (a v128 as two i64); the first is an address with `address`. */
  args(letters: readonly Letter[], address: boolean): Bits[] {
    return letters.flatMap((t, k): Bits[] => {
      if (k === 0 && address) return [this.address()];
      switch (t) {
        case 'i':
          return [this.i32()];
        case 'f':
          return [this.f32()];
        case 'I':
          return [this.i64()];
        case 'F':
          return [this.f64()];
        case 'v':
          return this.v128();
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Part 1: rows with a signature, each alone in an export.

const PARAM: Record<Letter, string> = { i: 'i32', f: 'i32', I: 'i64', F: 'i64', v: 'i64 i64' };
const RESULT: Record<Letter, string> = { i: 'i32', f: 'i32', I: 'i64', F: 'i64', v: 'i64 i64' };
/** Immediate kinds the generic walk handles: the rest have hand-written modules (part 2). */
const WALKED_IMMEDIATES = new Set<number>([Imm.none, Imm.lane, Imm.shuffle, Imm.memArg, Imm.memArgLane]);
const SKIPPED_BY_WALK = new Set(['nop']);

interface WalkCase {
  readonly row: OpcodeRow;
  readonly name: string;
  readonly params: Letter[];
  readonly result: Letter | undefined;
  readonly text: string;
}

/** The variants of a row's immediates, as WAT after its name. */
function immediates(row: OpcodeRow): string[] {
  switch (row.imm) {
    case Imm.lane:
      return [' 0', ` ${row.width - 1}`, ` ${row.width >> 1}`];
    case Imm.shuffle:
      return [` ${Array.from({ length: 16 }, (_, k) => 31 - 2 * k).join(' ')}`, ' 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31'];
    case Imm.memArg:
      return [' offset=0', ' offset=13', ' offset=65530 align=1'];
    case Imm.memArgLane:
      return [' offset=0 0', ` offset=9 ${(16 / row.width) - 1}`];
    default:
      return [''];
  }
}

function walkCases(): WalkCase[] {
  const cases: WalkCase[] = [];
  for (const row of OPCODES) {
    if (row.sig === null || !WALKED_IMMEDIATES.has(row.imm) || SKIPPED_BY_WALK.has(row.name)) continue;
    const [pops, push] = row.sig.split(':') as [string, string];
    const params = [...pops] as Letter[];
    const result = (push || undefined) as Letter | undefined;
    immediates(row).forEach((imm, variant) => {
      const name = `${row.name}#${variant}`;
      const decl = params.map((t) => `(param ${PARAM[t]})`).join(' ');
      let local = 0;
      const operands = params.map((t) => {
        const x = local;
        local += t === 'v' ? 2 : 1;
        if (t === 'f') return `local.get ${x} f32.reinterpret_i32`;
        if (t === 'F') return `local.get ${x} f64.reinterpret_i64`;
        if (t === 'v') return `local.get ${x} i64x2.splat local.get ${x + 1} i64x2.replace_lane 1`;
        return `local.get ${x}`;
      });
      const back =
        result === 'f'
          ? 'i32.reinterpret_f32'
          : result === 'F'
            ? 'i64.reinterpret_f64'
            : result === 'v'
              ? `local.set ${local} local.get ${local} i64x2.extract_lane 0 local.get ${local} i64x2.extract_lane 1`
              : '';
      const text = `(func (export "${name}") ${decl} ${result ? `(result ${RESULT[result]})` : ''} ${result === 'v' ? '(local v128)' : ''}
        ${operands.join(' ')} ${row.name}${imm} ${back})`;
      cases.push({ row, name, params, result, text });
    });
  }
  return cases;
}

/** Data for loads: pseudo-random bytes at the start and the end of the page. */
function dataSegments(seed: number): string {
  const next = rng32(seed);
  const hex = (n: number): string =>
    Array.from({ length: n }, () => `\\${(next() & 0xff).toString(16).padStart(2, '0')}`).join('');
  return `(data (i32.const 0) "${hex(512)}") (data (i32.const 65024) "${hex(512)}")`;
}

/** The float operand lanes lane k of a result is computed from, and their width. */
function inputLanes(c: WalkCase, args: readonly Bits[], k: number): { inputs: bigint[]; width: FloatWidth } {
  const width: FloatWidth = /^f32|promote_low_f32x4|promote_f32/.test(c.row.name) && !/demote/.test(c.row.name) ? 32 : 64;
  const inputs: bigint[] = [];
  let at = 0;
  for (const t of c.params) {
    if (t === 'v') {
      inputs.push(lanes([args[at] as bigint, args[at + 1] as bigint], width)[k] ?? 0n);
      at += 2;
    } else {
      if (t === 'f' || t === 'F') inputs.push(BigInt.asUintN(t === 'f' ? 32 : 64, BigInt(args[at])));
      at++;
    }
  }
  return { inputs, width };
}

/** Whether `mine` is what the specification allows where V8 gave `theirs` (both the results of c on args). */
function agrees(c: WalkCase, args: readonly Bits[], mine: Outcome, theirs: Outcome): boolean {
  if (mine === 'trap' || theirs === 'trap') return mine === theirs;
  if (mine.length !== theirs.length) return false;
  if (mine.every((x, k) => x === theirs[k])) return true;
  if (!FLOAT_ARITHMETIC.test(c.row.name)) return false;
  // A float result that differs: each differing lane must be a NaN where V8's is, of the right kind.
  const w: FloatWidth = /^f32/.test(c.row.name) ? 32 : 64;
  const ml = c.result === 'v' ? lanes(mine as bigint[], w) : [BigInt.asUintN(w, BigInt(mine[0]))];
  const tl = c.result === 'v' ? lanes(theirs as bigint[], w) : [BigInt.asUintN(w, BigInt(theirs[0]))];
  return ml.every((m, k) => {
    if (m === tl[k]) return true;
    if (!isNaNBits(w, tl[k])) return false;
    const { inputs, width } = inputLanes(c, args, k);
    return nanAllowed(w, m, inputs, width);
  });
}

const SETS_PER_CASE = 64;

describe('every row of the opcode table with a signature, alone, against V8', () => {
  const cases = walkCases();
  const text = `(module (memory (export "mem") 1) ${dataSegments(0xda7a)} ${cases.map((c) => c.text).join('\n')})`;
  const { profiles, reference } = engines(wat(text));

  it(`runs ${cases.length} exports on ${SETS_PER_CASE} argument sets each and agrees bit for bit, but for NaNs the spec leaves open`, () => {
    const inputs = new Inputs(0x0bc0de);
    let checked = 0;
    let traps = 0;
    for (const c of cases) {
      const address = c.row.imm === Imm.memArg || c.row.imm === Imm.memArgLane;
      const writes = address && c.result === undefined;
      for (let n = 0; n < SETS_PER_CASE; n++) {
        const args = inputs.args(c.params, address);
        const theirs = reference.call(c.name, args);
        for (const e of profiles) {
          const mine = e.call(c.name, args);
          if (!agrees(c, args, mine, theirs)) {
            expect(mine, `${c.name}(${args.join(', ')}) in ${e.name}`).toEqual(theirs);
          }
          if (writes) expect(sameBytes(e.memory()!, reference.memory()!), `memory after ${c.name}(${args.join(', ')}) in ${e.name}`).toBe(true);
          checked++;
        }
        if (theirs === 'trap') traps++;
      }
    }
    expect(checked).toBe(cases.length * SETS_PER_CASE * PROFILES.length);
    // The arguments reach the interesting paths: traps (memory, division, truncation) happen.
    expect(traps).toBeGreaterThan(100);
  });
});
