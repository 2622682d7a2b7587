/** Argument constants and expected results of .wast actions, read from their S-expressions. */

import { LiteralError, parseF32, parseF64, parseI32, parseI64, parseIntBits } from './literals.js';
import type { SExpr, SList } from './sexpr.js';

/** A concrete value; numbers are kept as exact bit patterns. */
export type Value =
  | { type: 'i32'; bits: number }
  | { type: 'i64'; bits: bigint }
  | { type: 'f32'; bits: number }
  | { type: 'f64'; bits: bigint }
  | { type: 'v128'; bytes: Uint8Array }
  | { type: 'funcref'; ref: null }
  /** `ref` is the host reference's number from `(ref.extern N)`, or null. */
  | { type: 'externref'; ref: number | null };

export type NanPattern = 'nan:canonical' | 'nan:arithmetic';

/** What a result must be. */
export type Expected =
  | { kind: 'exact'; value: Value }
  | { kind: 'nan'; type: 'f32' | 'f64'; nan: NanPattern }
  /** A float vector with at least one NaN-pattern lane; other lanes are bit patterns. */
  | { kind: 'f32x4'; lanes: (number | NanPattern)[] }
  | { kind: 'f64x2'; lanes: (bigint | NanPattern)[] }
  /** Any non-null reference: `(ref.func)` or `(ref.extern)`. */
  | { kind: 'non-null'; type: 'funcref' | 'externref' };

export type LaneShape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';

const LANES: Record<LaneShape, { count: number; bytes: number }> = {
  i8x16: { count: 16, bytes: 1 },
  i16x8: { count: 8, bytes: 2 },
  i32x4: { count: 4, bytes: 4 },
  i64x2: { count: 2, bytes: 8 },
  f32x4: { count: 4, bytes: 4 },
  f64x2: { count: 2, bytes: 8 },
};

function isNanPattern(text: string): text is NanPattern {
  return text === 'nan:canonical' || text === 'nan:arithmetic';
}

/** The atom texts of a list's items after the head, or an error if any is not an atom. */
function atomArgs(list: SList): string[] {
  return list.items.slice(1).map((item) => {
    if (item.kind !== 'atom') throw new LiteralError('expected a literal');
    return item.text;
  });
}

function one(args: string[], head: string): string {
  if (args.length !== 1) throw new LiteralError(`${head} takes one literal`);
  return args[0];
}

function headOf(expr: SExpr): { list: SList; head: string } {
  if (expr.kind !== 'list' || expr.items[0]?.kind !== 'atom')
    throw new LiteralError('expected a constant like (i32.const 0)');
  return { list: expr, head: expr.items[0].text };
}

/** Little-endian bytes of a v128 built from lane bit patterns. */
export function v128Bytes(shape: LaneShape, lanes: readonly (number | bigint)[]): Uint8Array {
  const { bytes } = LANES[shape];
  const out = new Uint8Array(16);
  lanes.forEach((lane, i) => {
    let v = BigInt(lane);
    for (let b = 0; b < bytes; b++, v >>= 8n) out[i * bytes + b] = Number(v & 0xffn);
  });
  return out;
}

function laneBits(shape: LaneShape, text: string): number | bigint {
  switch (shape) {
    case 'i8x16':
      return Number(parseIntBits(text, 8));
    case 'i16x8':
      return Number(parseIntBits(text, 16));
    case 'i32x4':
      return parseI32(text);
    case 'i64x2':
      return parseI64(text);
    case 'f32x4':
      return parseF32(text);
    case 'f64x2':
      return parseF64(text);
  }
}

function parseRefNull(args: string[]): Value {
  const t = one(args, 'ref.null');
  if (t === 'func') return { type: 'funcref', ref: null };
  if (t === 'extern') return { type: 'externref', ref: null };
  throw new LiteralError(`unknown reference type "${t}"`);
}

function parseExternId(text: string): number {
  return Number(parseIntBits(text, 32));
}

/** Parses an argument constant such as `(i32.const 1)` or `(v128.const i8x16 0 ...)`. */
export function parseConst(expr: SExpr): Value {
  const { list, head } = headOf(expr);
  const args = atomArgs(list);
  switch (head) {
    case 'i32.const':
      return { type: 'i32', bits: parseI32(one(args, head)) };
    case 'i64.const':
      return { type: 'i64', bits: parseI64(one(args, head)) };
    case 'f32.const':
      return { type: 'f32', bits: parseF32(one(args, head)) };
    case 'f64.const':
      return { type: 'f64', bits: parseF64(one(args, head)) };
    case 'v128.const': {
      const { shape, lanes } = splitV128(args);
      return { type: 'v128', bytes: v128Bytes(shape, lanes.map((l) => laneBits(shape, l))) };
    }
    case 'ref.null':
      return parseRefNull(args);
    case 'ref.extern':
      return { type: 'externref', ref: parseExternId(one(args, head)) };
  }
  throw new LiteralError(`unknown constant "${head}"`);
}

function splitV128(args: string[]): { shape: LaneShape; lanes: string[] } {
  const shape = args[0] as LaneShape;
  if (!(shape in LANES)) throw new LiteralError(`unknown v128 lane shape "${args[0] ?? ''}"`);
  const lanes = args.slice(1);
  if (lanes.length !== LANES[shape].count)
    throw new LiteralError(`${shape} needs ${LANES[shape].count} lanes, got ${lanes.length}`);
  return { shape, lanes };
}

/** Parses an expected result: a constant, a NaN pattern, or a non-null reference. */
export function parseExpected(expr: SExpr): Expected {
  const { list, head } = headOf(expr);
  const args = atomArgs(list);
  if ((head === 'f32.const' || head === 'f64.const') && args.length === 1 && isNanPattern(args[0]))
    return { kind: 'nan', type: head === 'f32.const' ? 'f32' : 'f64', nan: args[0] };
  if (head === 'v128.const' && args.slice(1).some(isNanPattern)) {
    const { shape, lanes } = splitV128(args);
    if (shape === 'f32x4')
      return { kind: 'f32x4', lanes: lanes.map((l) => (isNanPattern(l) ? l : parseF32(l))) };
    if (shape === 'f64x2')
      return { kind: 'f64x2', lanes: lanes.map((l) => (isNanPattern(l) ? l : parseF64(l))) };
    throw new LiteralError(`NaN pattern in an integer ${shape} lane`);
  }
  if (head === 'ref.func' && args.length === 0) return { kind: 'non-null', type: 'funcref' };
  if (head === 'ref.extern' && args.length === 0) return { kind: 'non-null', type: 'externref' };
  return { kind: 'exact', value: parseConst(expr) };
}
