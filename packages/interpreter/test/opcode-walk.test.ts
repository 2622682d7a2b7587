/**
 * A walk of the decoder's opcode table, and of every op of the `fast` profile's prepared code,
 * through the public API in the three profiles, against V8's own WebAssembly.
 *
 * - Every row with a signature and plain immediates (numeric, conversions, memory loads and
 *   stores, SIMD) gets an export that runs it alone; the export takes and returns floats as bit
 *   patterns (i32 / i64, reinterpreted inside) and a v128 as two i64, so no value crosses JS
 *   as a float and NaN payloads survive on the V8 side. Each runs on edge and seeded random
 *   arguments. Results must have V8's bits, except where the specification lets a NaN result be
 *   any NaN of a kind (see `nanAllowed`). Traps must agree, our reason being one that V8’s
 *   message stands for, and after a store so must memory.
 * - Rows without such a signature (control, variables, tables, references, bulk memory,
 *   constants) get small hand-written modules.
 * - Every op id of ops.ts gets a function that makes the translator emit it (checked on the
 *   function's disassembly), run the same way.
 * Each part fails when a row or an op id has no case.
 *
 * Each part runs all three profiles itself, whatever TEST_PROFILE says (the package's test script
 * runs the file once per value all the same: a few seconds each).
 */
import { describe, expect, it } from 'vitest';
import { OPCODES, type OpcodeRow, Imm } from '@proj/decoder';
import { Module, type Profile, Store, Trap, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
// interp-core's disassembler of fast code (an entry point of its own, outside the public API).
import { disassemble, preparedOps } from '@proj/interp-core/disassemble';
import { V8Wasm, wat } from './wat.js';

const PROFILES: readonly Profile[] = ['fast', 'compact', 'compiled'];

/** A value at the JS boundary: an i32 (or f32 bits) as a number, an i64 (or f64 bits) as a bigint. */
type Bits = number | bigint;
/** What a call gave: its results, or `trap: ` and our trap reason or V8's RuntimeError message. */
type Trapped = `trap: ${string}`;
type Outcome = Bits[] | Trapped;
const isTrap = (o: Outcome): o is Trapped => typeof o === 'string';

/** Our trap reasons that each of V8's RuntimeError messages stands for. */
const V8_TRAPS: readonly [RegExp, readonly string[]][] = [
  [/^unreachable/, ['unreachable']],
  [/^(divide|remainder) by zero$/, ['integer divide by zero']],
  [/^divide result unrepresentable$/, ['integer overflow']],
  [/^float unrepresentable in integer range$/, ['integer overflow', 'invalid conversion to integer']],
  [/^memory access out of bounds$/, ['out of bounds memory access']],
  [/^element segment out of bounds$/, ['out of bounds table access']],
  [/^table index is out of bounds$/, ['out of bounds table access', 'undefined element']],
  [/^null function or function signature mismatch$/, ['uninitialized element', 'indirect call type mismatch']],
];

/** Whether our trap `mine` is one V8's trap `theirs` stands for. */
function trapsAgree(mine: Trapped, theirs: Trapped): boolean {
  const message = theirs.slice('trap: '.length);
  const row = V8_TRAPS.find(([re]) => re.test(message));
  if (row === undefined) throw new Error(`a V8 trap message this test does not know: ${message}`);
  return row[1].includes(mine.slice('trap: '.length));
}

/** Expects the same results, or traps for the same reason. */
function expectOutcome(mine: Outcome, theirs: Outcome, what: string): void {
  if (isTrap(mine) && isTrap(theirs)) expect(trapsAgree(mine, theirs), `${what}: ${mine} where V8 gives ${theirs}`).toBe(true);
  else expect(mine, what).toEqual(theirs);
}

// ---------------------------------------------------------------------------------------------
// Engines: the module in each profile of ours, and in V8, called with the same arguments.

interface Engine {
  readonly name: string;
  /** Calls `fn`; `floats` marks the arguments that are f32 ('f') or f64 ('F') numbers, by position. */
  call(fn: string, args: readonly Bits[], floats?: string): Outcome;
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
    call(fn, args, floats = '') {
      const vals = args.map((a, k) =>
        floats[k] === 'f' ? Val.f32(a as number) : floats[k] === 'F' ? Val.f64(a as number) : typeof a === 'bigint' ? Val.i64(a) : Val.i32(a),
      );
      try {
        const r = store.invoke(inst, fn, vals);
        if (r.kind !== 'done') throw new Error(`${fn}: unexpected host call`);
        return r.values.map((v) => {
          if (v.type !== 'i32' && v.type !== 'i64') throw new Error(`${fn}: a ${v.type} result crossed the boundary`);
          return v.value as Bits;
        });
      } catch (e) {
        if (e instanceof Trap) return `trap: ${e.reason}`;
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
        if (e instanceof V8Wasm.RuntimeError) return `trap: ${e.message}`;
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
  if (isTrap(mine) || isTrap(theirs)) return isTrap(mine) && isTrap(theirs) && trapsAgree(mine, theirs);
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
        if (isTrap(theirs)) traps++;
      }
    }
    expect(checked).toBe(cases.length * SETS_PER_CASE * PROFILES.length);
    // The arguments reach the interesting paths: traps (memory, division, truncation) happen.
    expect(traps).toBeGreaterThan(100);
  });
});

// ---------------------------------------------------------------------------------------------
// Part 2: rows the generic walk leaves out, each in a small module of its own kind.

interface HandCase {
  /** The rows it runs, by name (a name shared by two rows, like select, covers both). */
  readonly covers: readonly string[];
  readonly text: string;
  /** Exports to call in order, with their arguments (i32 numbers, i64 bigints). */
  readonly calls: readonly (readonly [string, ...Bits[]])[];
}

const loop = (n: number, f: (k: number) => [string, ...Bits[]]): [string, ...Bits[]][] => Array.from({ length: n }, (_, k) => f(k));
const HAND_ARGS = [0, 1, 2, 3, 5, 7, -1, 1000, 0x7fffffff, -0x80000000];

const HAND: HandCase[] = [
  {
    covers: ['unreachable', 'nop', 'block', 'loop', 'if', 'else', 'end', 'br', 'br_if', 'br_table', 'return', 'call', 'call_indirect', 'drop', 'select', 'local.get', 'local.set', 'local.tee'],
    text: `(module
      (type $ii (func (param i32) (result i32)))
      (table 3 funcref) (elem (i32.const 0) $square $negate)
      (func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
      (func $negate (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
      (func (export "control") (param $x i32) (param $y i32) (result i32) (local $t i32) (local $n i32)
        nop
        (local.set $n (i32.and (local.get $y) (i32.const 63)))
        block $out
          loop $again
            (local.set $t (i32.add (local.get $t) (local.get $x)))
            (br_if $out (i32.gt_u (local.get $t) (i32.const 1000)))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (br_if $again (i32.gt_s (local.get $n) (i32.const 0)))
          end
        end
        (if (i32.and (local.get $x) (i32.const 1))
          (then (local.set $t (i32.xor (local.get $t) (i32.const 0x55))))
          (else (local.set $t (i32.add (local.get $t) (i32.const 3)))))
        (block $a (block $b (block $c (br_table $a $b $c (i32.and (local.get $y) (i32.const 3))))
            (local.set $t (i32.add (local.get $t) (call $square (local.get $x)))) (br $a))
          (local.set $t (i32.add (local.get $t) (call_indirect (type $ii) (local.get $x) (i32.and (local.get $y) (i32.const 1))))))
        (drop (local.tee $x (select (local.get $x) (local.get $y) (i32.lt_s (local.get $x) (local.get $y)))))
        (local.set $t (i32.add (local.get $t) (select (result i32) (local.get $x) (i32.const 9) (local.get $y))))
        (if (i32.eq (local.get $t) (i32.const 3)) (then (return (i32.const -1))))
        (local.get $t))
      (func (export "traps") (param $x i32) (result i32)
        (if (i32.eq (local.get $x) (i32.const 7)) (then unreachable))
        ;; index 2 is null, 3 is past the table
        (call_indirect (type $ii) (local.get $x) (local.get $x))))`,
    calls: [
      ...HAND_ARGS.flatMap((x) => HAND_ARGS.map((y): [string, ...Bits[]] => ['control', x, y])),
      ...loop(9, (k) => ['traps', k - 1]),
    ],
  },
  {
    covers: ['global.get', 'global.set'],
    text: `(module
      (global $g (mut i32) (i32.const 5)) (global $h (mut i64) (i64.const -1)) (global $k i32 (i32.const 77))
      (func (export "globals") (param $x i32) (result i64)
        (global.set $g (i32.add (global.get $g) (i32.mul (local.get $x) (global.get $k))))
        (global.set $h (i64.rotl (global.get $h) (i64.extend_i32_u (global.get $g))))
        (i64.add (global.get $h) (i64.extend_i32_s (global.get $g)))))`,
    calls: HAND_ARGS.map((x) => ['globals', x]),
  },
  {
    covers: ['i32.const', 'i64.const', 'f32.const', 'f64.const', 'v128.const'],
    text: `(module
      (func (export "i32") (result i32) (i32.add (i32.const -2147483648) (i32.const 0x7fffffff)))
      (func (export "i64") (result i64) (i64.xor (i64.const -9223372036854775808) (i64.const 0x123456789abcdef)))
      (func (export "f32") (result i32 i32 i32)
        (i32.reinterpret_f32 (f32.const nan:0x200001)) (i32.reinterpret_f32 (f32.const -0x1p-149)) (i32.reinterpret_f32 (f32.const -inf)))
      (func (export "f64") (result i64 i64 i64)
        (i64.reinterpret_f64 (f64.const -nan:0x8000000000001)) (i64.reinterpret_f64 (f64.const 0x1.fffffffffffffp+1023)) (i64.reinterpret_f64 (f64.const -0)))
      (func (export "v128") (result i64 i64 i32)
        (i64x2.extract_lane 0 (v128.const i32x4 -1 0x80000000 7 0xdeadbeef))
        (i64x2.extract_lane 1 (v128.const f32x4 nan:0x1 -0 inf 1.5))
        (i8x16.extract_lane_u 15 (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 255)))
      ;; more constants than a frame gets constant cells: the last ones are instructions
      (func (export "many") (result i32)
        ${Array.from({ length: 70 }, (_, k) => `(i32.const ${k * 0x01010101})`).join(' ')}
        ${'(i32.xor)'.repeat(69)}))`,
    calls: [['i32'], ['i64'], ['f32'], ['f64'], ['v128'], ['many']],
  },
  {
    covers: ['ref.null', 'ref.is_null', 'ref.func', 'table.get', 'table.set', 'table.size', 'table.grow', 'table.fill', 'table.copy', 'table.init', 'elem.drop'],
    text: `(module
      (type $v (func (result i32)))
      (table $t 4 10 funcref) (table $e 2 externref)
      (func $one (result i32) (i32.const 1)) (func $two (result i32) (i32.const 2))
      (elem $seg func $one $two $one)
      (elem declare func $two)
      (func (export "tables") (param $i i32) (param $n i32) (result i32) (local $acc i32)
        (local.set $acc (table.grow $t (ref.func $two) (local.get $n)))
        (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (table.size $t)))
        (table.set $t (i32.const 0) (ref.func $one))
        (table.copy $t $t (i32.const 1) (i32.const 0) (i32.const 1))
        (local.set $acc (i32.add (local.get $acc) (i32.mul (i32.const 7) (call_indirect $t (type $v) (i32.const 1)))))
        (local.set $acc (i32.add (local.get $acc) (ref.is_null (table.get $t (local.get $i)))))
        (table.fill $t (local.get $i) (ref.null func) (i32.const 1))
        (local.set $acc (i32.add (local.get $acc) (i32.mul (i32.const 100) (ref.is_null (table.get $t (local.get $i))))))
        (table.set $e (i32.const 1) (ref.null extern))
        (i32.add (local.get $acc) (i32.mul (i32.const 1000) (ref.is_null (table.get $e (i32.const 1))))))
      (func (export "init") (param $d i32) (param $s i32) (param $n i32) (result i32)
        (table.init $t $seg (local.get $d) (local.get $s) (local.get $n))
        (call_indirect $t (type $v) (local.get $d)))
      (func (export "drop") (elem.drop $seg)))`,
    calls: [
      ['tables', 0, 1], ['tables', 3, 2], ['tables', 4, 0], ['tables', 5, 3], ['tables', 9, 5], ['tables', -1, 1], ['tables', 2, 0],
      ['init', 0, 0, 3], ['init', 2, 1, 2], ['init', 1, 2, 2], ['init', 5, 3, 0], ['init', 20, 0, 0], ['init', 0, 4, 0],
      ['drop'], ['init', 0, 0, 1], ['init', 0, 0, 0],
    ],
  },
  {
    covers: ['memory.size', 'memory.grow', 'memory.init', 'data.drop', 'memory.copy', 'memory.fill'],
    text: `(module
      (memory (export "mem") 1 3)
      (data $d "hello, world: a passive segment")
      (data (i32.const 64) "\\01\\02\\03\\04\\05\\06\\07\\08")
      (func (export "bulk") (param $a i32) (param $b i32) (param $n i32) (result i32)
        (memory.fill (local.get $a) (i32.add (local.get $n) (i32.const 0x5a)) (local.get $n))
        (memory.copy (local.get $b) (i32.const 60) (local.get $n))
        (memory.init $d (local.get $a) (i32.const 3) (i32.and (local.get $n) (i32.const 15)))
        (i32.add (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
      (func (export "drop") (data.drop $d))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (result i32) (memory.size)))`,
    calls: [
      ['bulk', 0, 100, 4], ['bulk', 200, 100, 12], ['bulk', 65530, 0, 6], ['bulk', 65530, 0, 7], ['bulk', 0, 65535, 2],
      ['bulk', 10, 12, 20], ['bulk', 12, 10, 20], ['bulk', 0, 0, 0], ['bulk', 65536, 65536, 0], ['bulk', 65537, 0, 0],
      ['size'], ['grow', 1], ['size'], ['bulk', 131000, 70000, 9], ['grow', 2], ['grow', 0], ['size'],
      ['drop'], ['bulk', 0, 0, 1], ['bulk', 5, 5, 0], ['drop'], ['grow', -1],
    ],
  },
];

/** Runs each call of `calls` in every engine, comparing the results and, when exported, memory. */
function expectSameRuns(bytes: Uint8Array, calls: readonly (readonly [string, ...Bits[]])[]): number {
  const { profiles, reference } = engines(bytes);
  let checked = 0;
  for (const [fn, ...args] of calls) {
    const theirs = reference.call(fn, args);
    for (const e of profiles) {
      const what = `${fn}(${args.join(', ')}) in ${e.name}`;
      expectOutcome(e.call(fn, args), theirs, what);
      const mem = reference.memory();
      if (mem) expect(sameBytes(e.memory()!, mem), `memory after ${what}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

describe('rows without a plain signature, in hand-written modules, against V8', () => {
  for (const c of HAND) {
    it(c.covers.join(', '), () => {
      // Each row it claims is written in its text (flat or folded).
      for (const name of c.covers) expect(c.text, name).toMatch(new RegExp(`(^|[\\s(])${name.replace('.', '\\.')}($|[\\s)])`, 'm'));
      expect(expectSameRuns(wat(c.text), c.calls)).toBe(c.calls.length * PROFILES.length);
    });
  }

  it('every row of the opcode table is walked (part 1) or has a hand-written case', () => {
    const walked = new Set(walkCases().map((c) => c.row.id));
    // Exception handling's rows run against V8 in exceptions.test.ts.
    const handled = new Set([...HAND.flatMap((c) => c.covers), 'try', 'catch', 'catch_all', 'delegate', 'throw', 'rethrow']);
    const missing = OPCODES.filter((r) => !walked.has(r.id) && !handled.has(r.name)).map((r) => r.name);
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Part 3: every op of the fast profile's prepared code (ops.ts), each made by a function whose
// fast code is checked to contain it.

interface FusedCase {
  /** The prepared op's name, as the disassembler prints it. */
  readonly op: string;
  /** Parameters: 'i' i32, 'I' i64, 'f' f32, 'F' f64 (floats passed as numbers). */
  readonly params: string;
  readonly results: string;
  readonly body: string;
  /**
   * For a float result returned as bits: its width, and the NaN it may be where V8's is a NaN
   * (canonical when every NaN operand is, as JS numbers give; arithmetic for NaNs loaded from memory).
   */
  readonly nan?: { readonly width: FloatWidth; readonly kind: 'canonical' | 'arithmetic' };
}

const CMP = ['eqz', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const FLOAT_CMP = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const STEP_CMP = ['ne', 'lt_s', 'lt_u'];
const icmp = (k: string, a: string, b: string): string => (k === 'eqz' ? `(i32.eqz ${a})` : `(i32.${k} ${a} ${b})`);
const $a = '(local.get $a)';
const $b = '(local.get $b)';
/** Branches when `cond` holds: 1, else 2 (a br_if that carries no value). */
const brIfForm = (cond: string): string => `(block (br_if 0 ${cond}) (return (i32.const 2))) (i32.const 1)`;
/** An if on `cond`: 1, else 2. */
const ifForm = (cond: string): string => `(if (result i32) ${cond} (then (i32.const 1)) (else (i32.const 2)))`;
/** A loop that runs `step` and then `test` until the test fails or its fuel (a & 63 rounds) ends; returns $a mixed with the fuel left. */
const stepLoop = (step: string, test: string): string => `(local $fuel i32)
  (local.set $fuel (i32.const 40))
  (block $out (loop $top
    (br_if $out (i32.eqz (local.get $fuel)))
    (local.set $fuel (i32.sub (local.get $fuel) (i32.const 1)))
    ${step}
    (br_if $top ${test})))
  (i32.xor (local.get $a) (i32.mul (local.get $fuel) (i32.const 65599)))`;
const IMM_CONST: Record<string, number> = { add: 12345, mul: -7, and: 0xff00, or: 0x0f0f, xor: -1, shl: 33, shr_s: 31, shr_u: 35 };

const ii = (op: string, body: string): FusedCase => ({ op, params: 'ii', results: 'i', body });

const FUSED: FusedCase[] = [
  ii('copy1', `(local $c i32) (local.set $c ${$a}) (i32.sub (local.get $c) ${$b})`),
  ii('copy2', `(local $x i64) (local $y i64) (local.set $x (i64.extend_i32_s ${$a})) (local.set $y (local.get $x))
    (i32.wrap_i64 (i64.shr_s (i64.mul (local.get $y) (i64.extend_i32_s ${$b})) (i64.const 17)))`),
  // Two copies in a row, the second reading the first's local (a swap through a third).
  ii('copy1Pair', `(local $c i32) (local $d i32) (local.set $c ${$a}) (local.set $d ${$b})
    (local.set $a (local.get $d)) (local.set $b (local.get $c)) (i32.sub (local.get $a) (i32.mul (local.get $b) (i32.const 3)))`),
  ii('copy2Pair', `(local $x i64) (local $y i64) (local $t i64) (local.set $x (i64.extend_i32_s ${$a})) (local.set $y (i64.rotl (i64.extend_i32_u ${$b}) (i64.const 37)))
    (local.set $t (local.get $x)) (local.set $x (local.get $y)) (local.set $y (local.get $t))
    (i32.wrap_i64 (i64.xor (i64.shr_u (i64.mul (local.get $x) (i64.const 0x9e3779b97f4a7c15)) (i64.const 29)) (i64.rotl (local.get $y) (i64.const 40))))`),
  // A signalling NaN's payload too: copyF64 moves the float, copyF32 the bits.
  ii('copyF64', `(local $x f64) (local $y f64) (local.set $x (f64.reinterpret_i64 (i64.or (i64.const 0x7ff0000000000001) (i64.extend_i32_u ${$a}))))
    (local.set $y (local.get $x)) (i32.xor (i32.wrap_i64 (i64.reinterpret_f64 (local.get $y))) ${$b})`),
  ii('copyF32', `(local $x f32) (local $y f32) (local.set $x (f32.reinterpret_i32 (i32.or (i32.const 0x7f800001) (i32.and ${$a} (i32.const 0x3fffff)))))
    (local.set $y (local.get $x)) (i32.xor (i32.reinterpret_f32 (local.get $y)) ${$b})`),
  ii('copy4', `(local $v v128) (local $w v128) (local.set $v (i32x4.splat ${$a})) (local.set $w (local.get $v))
    (i32x4.extract_lane 1 (i32x4.add (local.get $w) (i32x4.splat ${$b})))`),
  ii('br', `(if (result i32) ${$a} (then (i32.mul ${$b} ${$b})) (else (i32.const 9)))`),
  ii('brIf', brIfForm($a)),
  ii('brUnless', ifForm($b)),
  ii('brTable', `(block (block (block (br_table 0 1 2 ${$a})) (return (i32.const 10))) (return (i32.const 20))) (i32.const 30)`),
  { op: 'return', params: 'ii', results: 'ii', body: `${$b} ${$a}` },
  ii('return1', `(i32.rotl ${$a} ${$b})`),
  ii('call', `(call $helper ${$a} ${$b})`),
  ii('callIndirect', `(call_indirect $funcs (type $ii_i) ${$a} ${$b} (i32.and ${$b} (i32.const 3)))`),
  ii('select1', `(select ${$a} ${$b} (i32.lt_u ${$a} ${$b}))`),
  ii('select2', `(i32.wrap_i64 (select (i64.extend_i32_s ${$a}) (i64.const -5) ${$b}))`),
  ii('select4', `(i32x4.extract_lane 2 (select (i32x4.splat ${$a}) (v128.const i32x4 1 2 3 4) ${$b}))`),
  ii('globalGet', `(i32.add (global.get $g) ${$a})`),
  ii('globalSet', `(global.set $g (i32.add (global.get $g) ${$a})) (global.get $g)`),
  ii('unreachable', `(if (i32.eqz ${$a}) (then unreachable)) ${$b}`),
  ii('tableGet', `(ref.is_null (table.get $refs ${$a}))`),
  ii('tableSet', `(table.set $refs ${$a} (ref.func $helper)) (ref.is_null (table.get $refs ${$b}))`),
  ii('tableGrow', `(table.grow $refs (ref.null func) (i32.and ${$a} (i32.const 3)))`),
  ii('tableFill', `(table.fill $refs ${$a} (ref.null func) ${$b}) (table.size $refs)`),
  ii('refNull', `(ref.is_null (ref.null func))`),
  ii('refIsNull', `(ref.is_null (table.get $refs (i32.and ${$a} (i32.const 3))))`),
  ii('refFunc', `(table.set $refs (i32.and ${$a} (i32.const 3)) (ref.func $helper)) (i32.const 0)`),
  ...CMP.map((k) => ii(`brCmp.${k}`, brIfForm(icmp(k, $a, $b)))),
  ...CMP.map((k) => ii(`brNotCmp.${k}`, ifForm(icmp(k, $a, $b)))),
  ...Object.entries(IMM_CONST).map(([k, v]) => ii(`i32Imm.${k}`, `(i32.${k} ${$a} (i32.const ${v}))`)),
  ...CMP.slice(1).map((k) => ii(`i32CmpImm.${k}`, `(i32.${k} ${$a} (i32.const 5))`)),
  ...CMP.slice(1).map((k) => ii(`brCmpImm.${k}`, brIfForm(`(i32.${k} ${$a} (i32.const -5))`))),
  ...CMP.slice(1).map((k) => ii(`brNotCmpImm.${k}`, ifForm(`(i32.${k} ${$a} (i32.const 40))`))),
  ...(['f32', 'f64'] as const).flatMap((t) => {
    const T = t === 'f32' ? 'F32' : 'F64';
    const params = t === 'f32' ? 'ff' : 'FF';
    return [
      ...FLOAT_CMP.map((k): FusedCase => ({ op: `brCmp${T}.${k}`, params, results: 'i', body: brIfForm(`(${t}.${k} ${$a} ${$b})`) })),
      ...FLOAT_CMP.map((k): FusedCase => ({ op: `brNotCmp${T}.${k}`, params, results: 'i', body: ifForm(`(${t}.${k} ${$a} ${$b})`) })),
    ];
  }),
  ...STEP_CMP.map((k) => ii(`addImmBrCmp.${k}`, stepLoop('', `(i32.${k} (local.tee $a (i32.add ${$a} (i32.const 3))) ${$b})`))),
  ...STEP_CMP.map((k) => ii(`addImmBrCmpImm.${k}`, stepLoop('', `(i32.${k} (local.tee $a (i32.add ${$a} (i32.const -5))) (i32.const 40))`))),
  ...STEP_CMP.map((k) => ii(`addBrCmp.${k}`, stepLoop('', `(i32.${k} (local.tee $a (i32.add ${$a} ${$b})) ${$b})`))),
  ii('addImmBrNz', `(local $n i32) (local.set $a (i32.add (i32.and ${$a} (i32.const 63)) (i32.const 1)))
    (loop $l (local.set $n (i32.add (local.get $n) ${$b})) (br_if $l (local.tee $a (i32.add ${$a} (i32.const -1)))))
    (local.get $n)`),
  ii('addImmBr', `(local.set $a (i32.and ${$a} (i32.const 63)))
    (block (loop (br_if 1 (i32.eqz ${$a})) (local.set $a (i32.add ${$a} (i32.const -1))) (local.set $b (i32.add ${$b} (i32.const 3))) (br 0)))
    ${$b}`),
  ii('loadScaled32', `(i32.load offset=4 (i32.add (i32.shl ${$a} (i32.const 2)) ${$b}))`),
  { op: 'loadScaled64', params: 'ii', results: 'I', body: `(i64.load (i32.add ${$b} (i32.shl ${$a} (i32.const 3))))` },
  ii('storeScaled32', `(i32.store (i32.add ${$b} (i32.shl ${$a} (i32.const 2))) ${$b}) (i32.const 0)`),
  ii('storeScaled64', `(local $v i64) (local.set $v (i64.extend_i32_s ${$b}))
    (i64.store offset=8 (i32.shl ${$a} (i32.const 3)) (local.get $v)) (i32.const 0)`),
  { op: 'loadScaledF64', params: 'ii', results: 'I', body: `(i64.reinterpret_f64 (f64.load (i32.add ${$b} (i32.shl ${$a} (i32.const 3)))))` },
  ii('storeScaledF64', `(local $v f64) (local.set $v (f64.convert_i32_s ${$b}))
    (f64.store offset=8 (i32.shl ${$a} (i32.const 3)) (local.get $v)) (i32.load offset=12 (i32.shl ${$a} (i32.const 3)))`),
  { op: 'f64AddLoads', params: 'ii', results: 'I', nan: { width: 64, kind: 'arithmetic' }, body: `(i64.reinterpret_f64 (f64.add (f64.load ${$a}) (f64.load offset=8 ${$b})))` },
  { op: 'f64MulLoads', params: 'ii', results: 'I', nan: { width: 64, kind: 'arithmetic' }, body: `(i64.reinterpret_f64 (f64.mul (f64.load offset=16 ${$a}) (f64.load (i32.add ${$b} (i32.const 8)))))` },
  { op: 'f32MulAdd', params: 'fff', results: 'i', nan: { width: 32, kind: 'canonical' }, body: `(i32.reinterpret_f32 (f32.add (f32.mul ${$a} ${$b}) (local.get $c)))` },
  { op: 'f64MulAdd', params: 'FFF', results: 'I', nan: { width: 64, kind: 'canonical' }, body: `(i64.reinterpret_f64 (f64.add (local.get $c) (f64.mul ${$a} ${$b})))` },
  { op: 'f64MulAddLoads', params: 'iiF', results: 'I', nan: { width: 64, kind: 'arithmetic' }, body: `(i64.reinterpret_f64 (f64.add (local.get $c) (f64.mul (f64.load offset=16 ${$a}) (f64.load (i32.add ${$b} (i32.const 8))))))` },
  ...['load', 'load8_u'].flatMap((l) => [
    ii(`brIfLoad.${l}`, brIfForm(`(i32.${l} offset=2 ${$a})`)),
    ii(`brUnlessLoad.${l}`, ifForm(`(i32.${l} ${$a})`)),
  ]),
  ii('brTableLoad', `(block (block (block (br_table 0 1 2 (i32.load offset=1 ${$a}))) (return (i32.const 10))) (return (i32.const 20))) (i32.const 30)`),
  ii('brCmpLoad.eq', brIfForm(`(i32.eq (i32.load offset=2 ${$a}) ${$b})`)),
  ii('brCmpLoad.ne', brIfForm(`(i32.ne ${$b} (i32.load ${$a}))`)),
  ii('brCmpImmLoad.eq', brIfForm(`(i32.eq (i32.load ${$a}) (i32.const 0x0f05e0f0))`)),
  ii('brCmpImmLoad.ne', brIfForm(`(i32.ne (i32.load offset=1 ${$a}) (i32.const 0))`)),
  { op: 'i64AddLoad', params: 'iI', results: 'I', body: `(i64.add (local.get $b) (i64.load offset=3 ${$a}))` },
  ii('i32AddImmAt', `(i32.store offset=4 ${$a} (i32.add (i32.load offset=4 ${$a}) (i32.const -5))) (i32.load offset=4 ${$a})`),
  ...(
    [
      ['i64', 'Xor', 'xor', ['xor', 'add', 'and', 'rotl']],
      ['i64', 'Add', 'add', ['xor', 'add']],
      ['i64', 'And', 'and', ['xor']],
      ['i64', 'Rotl', 'rotl', ['xor']],
      ['i64', 'ShrU', 'shr_u', ['xor']],
      ['i32', 'Xor', 'xor', ['add', 'and', 'rotl']],
      ['i32', 'Add', 'add', ['xor', 'add', 'rotl']],
      ['i32', 'And', 'and', ['xor']],
      ['i32', 'Rotl', 'rotl', ['xor', 'add']],
    ] as const
  ).flatMap(([t, key, first, seconds]) =>
    seconds.map((second): FusedCase => ({
      op: `${t}${key}Then.${second}`,
      params: t === 'i64' ? 'III' : 'iii',
      results: t === 'i64' ? 'I' : 'i',
      body: `(${t}.${second} (${t}.${first} ${$a} ${$b}) (local.get $c))`,
    })),
  ),
  { op: 'f64AddThen.add', params: 'FFF', results: 'I', nan: { width: 64, kind: 'canonical' }, body: `(i64.reinterpret_f64 (f64.add (f64.add ${$a} ${$b}) (local.get $c)))` },
  { op: 'f32SubThen.add', params: 'fff', results: 'i', nan: { width: 32, kind: 'canonical' }, body: `(i32.reinterpret_f32 (f32.add (local.get $c) (f32.sub ${$a} ${$b})))` },
  { op: 'f32AddThen.add', params: 'fff', results: 'i', nan: { width: 32, kind: 'canonical' }, body: `(i32.reinterpret_f32 (f32.add (f32.add ${$a} ${$b}) (local.get $c)))` },
  // Written by the compiled profile only, where the run loop enters a compiled function.
  ii('enterCompiled', `(i32.add ${$a} ${$b})`),
];

const FUSED_TYPES: Record<string, string> = { i: 'i32', I: 'i64', f: 'f32', F: 'f64' };
const FUSED_NAMES = ['$a', '$b', '$c'];

/** The module of every fused case: helpers first (own functions 0 and 1), then one export per case. */
const FUSED_MODULE = `(module
  (type $ii_i (func (param i32 i32) (result i32)))
  (memory (export "mem") 1) ${dataSegments(0xf05e)}
  (global $g (mut i32) (i32.const 11))
  (table $funcs 3 funcref) (elem (table $funcs) (i32.const 0) func $helper $other)
  (table $refs 4 8 funcref) (elem declare func $helper)
  (func $helper (param i32 i32) (result i32) (i32.sub (local.get 0) (i32.mul (local.get 1) (i32.const 3))))
  (func $other (param i32 i32) (result i32) (i32.xor (local.get 0) (local.get 1)))
  ${FUSED.map(
    (c) => `(func (export "${c.op}") ${[...c.params].map((t, k) => `(param ${FUSED_NAMES[k]} ${FUSED_TYPES[t]})`).join(' ')}
      (result ${[...c.results].map((t) => FUSED_TYPES[t]).join(' ')}) ${c.body})`,
  ).join('\n')})`;
const FUSED_HELPERS = 2;

/** i32 arguments for the fused cases: around their constants (5, -5, 40), addresses, and random. */
const FUSED_I32 = [0, 1, 2, 3, 4, 5, 6, -1, -4, -5, -6, 39, 40, 41, 43, 100, 16382, 16383, 16384, 65528, 65532, 65535, 65536, 0x7fffffff, -0x80000000, 0x3fffffff];
const FUSED_FLOATS = [0, -0, 1, -1, 0.5, -2.5, 1 / 3, 1e-45, 3.4e38, -3.4e38, 1e300, 2 ** 53, Infinity, -Infinity, NaN];

function fusedArgs(c: FusedCase, next: () => number): Bits[] {
  return [...c.params].map((t) => {
    if (t === 'i') return next() % 4 === 0 ? (next() % 3 === 0 ? next() | 0 : next() % 70000) : FUSED_I32[next() % FUSED_I32.length];
    if (t === 'I') return BigInt.asIntN(64, (BigInt(next() | 0) << 32n) | BigInt(next() % 4 === 0 ? FUSED_I32[next() % FUSED_I32.length]! >>> 0 : next() >>> 0));
    const x = FUSED_FLOATS[next() % FUSED_FLOATS.length];
    return t === 'f' ? Math.fround(x) : x;
  });
}

describe('every op of the fast profile, made by the translator, against V8', () => {
  const bytes = wat(FUSED_MODULE);
  const { profiles, reference } = engines(bytes);
  const fast = profiles.find((e) => e.name === 'fast')!.module;
  const compiled = profiles.find((e) => e.name === 'compiled')!.module;

  it('each case makes its op (checked on the disassembly of its fast code)', () => {
    FUSED.forEach((c, k) => {
      const p = (c.op === 'enterCompiled' ? compiled : fast).prepared(FUSED_HELPERS + k) as unknown as { code: Int32Array; compileNow?(): void };
      if (c.op === 'enterCompiled') {
        p.compileNow!(); // as when first entered
        expect(p.code[0], 'the compiled function starts where the run loop enters it').toBe(0x3ff);
        return;
      }
      const ops = disassemble(p.code).split('\n').map((line) => line.split(' ')[1]);
      expect(ops, `${c.op}'s function`).toContain(c.op);
    });
  });

  it('every op id of ops.ts has a case', () => {
    const cased = new Set(FUSED.map((c) => c.op));
    // Fuel charges are made in metered code only: fuel.test.ts and fuel-diff.test.ts run them.
    // compileOnEntry starts every compiled function until its first call (compile.test.ts).
    // throw and rethrow run against V8 in exceptions.test.ts.
    const elsewhere = new Set(['fuel', 'fuelLength', 'compileOnEntry', 'throw', 'rethrow']);
    expect([...preparedOps().values()].filter((name) => !cased.has(name) && !elsewhere.has(name))).toEqual([]);
  });

  it('each case gives V8’s results, traps and memory on edge and seeded random arguments', () => {
    const next = rng32(0xf05ed);
    let checked = 0;
    for (const c of FUSED) {
      for (let n = 0; n < 64; n++) {
        const args = fusedArgs(c, next);
        const theirs = reference.call(c.op, args);
        for (const e of profiles) {
          const mine = e.call(c.op, args, c.params);
          const what = `${c.op}(${args.join(', ')}) in ${e.name}`;
          if (c.nan !== undefined && !isTrap(mine) && !isTrap(theirs) && mine[0] !== theirs[0]) {
            const { width, kind } = c.nan;
            const bits = (x: Bits): bigint => BigInt.asUintN(width, BigInt(x));
            expect(isNaNBits(width, bits(theirs[0])), `${what}: ${mine[0]} where V8 gives ${theirs[0]}`).toBe(true);
            const ok = kind === 'canonical' ? isCanonical(width, bits(mine[0])) : isArithmetic(width, bits(mine[0]));
            expect(ok, `${what}: ${mine[0]} is not a ${kind} NaN`).toBe(true);
          } else expectOutcome(mine, theirs, what);
          const mem = reference.memory()!;
          expect(sameBytes(e.memory()!, mem), `memory after ${what}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBe(FUSED.length * 64 * PROFILES.length);
  });
});
