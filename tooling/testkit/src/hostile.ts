/**
 * Hostile modules: valid (or deliberately malformed) modules built to cost an engine as much time
 * or memory as their size allows. Shared by the resource-bomb tests and the validation-time
 * script. Written straight into a growing byte buffer, since they reach megabytes.
 */
import { sleb, uleb } from './bytes.js';

const I32 = 0x7f;

/** A growing byte buffer with the few encodings module bytes need. */
export class ByteWriter {
  private buf = new Uint8Array(1024);
  length = 0;

  byte(b: number): this {
    if (this.length === this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.length++] = b;
    return this;
  }

  bytes(bs: ArrayLike<number>): this {
    for (let i = 0; i < bs.length; i++) this.byte(bs[i]);
    return this;
  }

  u32(n: number): this {
    return this.bytes(uleb(n));
  }

  /** `count` copies of `bs`. */
  repeat(count: number, bs: ArrayLike<number>): this {
    for (let i = 0; i < count; i++) this.bytes(bs);
    return this;
  }

  /** Appends `w`'s bytes prefixed with their length (a section's or body's size). */
  sized(w: ByteWriter): this {
    return this.u32(w.length).bytes(w.result());
  }

  result(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** A module of the given sections, each `[id, content]`, in order. */
export function moduleOf(sections: readonly (readonly [number, ByteWriter])[]): Uint8Array {
  const w = new ByteWriter().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  for (const [id, content] of sections) w.byte(id).sized(content);
  return w.result().slice();
}

/** A type section of one function type with `results` i32 results and no params. */
function resultsType(results: number): ByteWriter {
  return new ByteWriter().u32(1).byte(0x60).u32(0).u32(results).repeat(results, [I32]);
}

/** A code section of one body made of `instrs` (no locals). */
function oneBody(instrs: ByteWriter): ByteWriter {
  const body = new ByteWriter().u32(0).bytes(instrs.result());
  return new ByteWriter().u32(1).sized(body);
}

const oneFunc = (): ByteWriter => new ByteWriter().u32(1).u32(0);

/** `unreachable` then `returns` returns, in a function with `results` i32 results. */
export function manyReturns(returns: number, results: number): Uint8Array {
  const code = new ByteWriter().byte(0x00).repeat(returns, [0x0f]).byte(0x0b);
  return moduleOf([[1, resultsType(results)], [3, oneFunc()], [10, oneBody(code)]]);
}

/** `unreachable`, then a br_table of `targets` targets (all the function's label), in a function with `results` i32 results. */
export function wideBrTable(targets: number, results: number): Uint8Array {
  const code = new ByteWriter().byte(0x00).byte(0x0e).u32(targets).repeat(targets, [0x00]).byte(0x00).byte(0x0b);
  return moduleOf([[1, resultsType(results)], [3, oneFunc()], [10, oneBody(code)]]);
}

/** `depth` nested blocks (or loops), empty. */
export function nestedBlocks(depth: number, op: 'block' | 'loop' = 'block'): Uint8Array {
  const code = new ByteWriter().repeat(depth, [op === 'block' ? 0x02 : 0x03, 0x40]).repeat(depth, [0x0b]).byte(0x0b);
  return moduleOf([[1, resultsType(0)], [3, oneFunc()], [10, oneBody(code)]]);
}

/**
 * Exported "f", `(func (param i32) (result i32))`: a block holding `depth` nested loops, each
 * starting with `local.get 0 br_if 1` (to the enclosing loop, or out of the block); it returns
 * its argument. At 1,400 levels (9.8 kB) V8's parser overflows its stack on the JavaScript the
 * compiled profile makes of it.
 */
export function nestedLoops(depth: number): Uint8Array {
  const type = new ByteWriter().u32(1).byte(0x60).u32(1).byte(I32).u32(1).byte(I32);
  const code = new ByteWriter().bytes([0x02, 0x40]).repeat(depth, [0x03, 0x40, 0x20, 0x00, 0x0d, 0x01]).repeat(depth + 1, [0x0b]);
  code.bytes([0x20, 0x00, 0x0b]);
  const exports = new ByteWriter().u32(1).u32(1).byte(0x66).byte(0x00).u32(0);
  return moduleOf([[1, type], [3, oneFunc()], [7, exports], [10, oneBody(code)]]);
}

/** `n` empty functions of one type, the last one exported as "f". */
export function manyFunctions(n: number): Uint8Array {
  const funcs = new ByteWriter().u32(n).repeat(n, [0x00]);
  const exports = new ByteWriter().u32(1).u32(1).byte(0x66).byte(0x00).u32(n - 1);
  const code = new ByteWriter().u32(n).repeat(n, [0x02, 0x00, 0x0b]);
  return moduleOf([[1, resultsType(0)], [3, funcs], [7, exports], [10, code]]);
}

/** `n` function types (all `() -> ()`) and nothing else. */
export function manyTypes(n: number): Uint8Array {
  return moduleOf([[1, new ByteWriter().u32(n).repeat(n, [0x60, 0x00, 0x00])]]);
}

/** A memory of one page and `n` passive data segments of one byte each. */
export function manyDataSegments(n: number): Uint8Array {
  const data = new ByteWriter().u32(n).repeat(n, [0x01, 0x01, 0x2a]);
  return moduleOf([[5, new ByteWriter().u32(1).byte(0x00).u32(1)], [12, new ByteWriter().u32(n)], [11, data]]);
}

/**
 * A table of one element, an exported function "f", `n` element segments (passive, empty, but the
 * last holding "f") and an exported "init" that copies the last one into the table, then drops it.
 */
export function manyElemSegments(n: number): Uint8Array {
  const type = new ByteWriter().u32(1).byte(0x60).u32(0).u32(0);
  const funcs = new ByteWriter().u32(2).u32(0).u32(0);
  const table = new ByteWriter().u32(1).bytes([0x70, 0x00, 0x01]);
  const exports = new ByteWriter().u32(3).bytes([1, 0x66, 0x00, 0x00]).bytes([4, 0x69, 0x6e, 0x69, 0x74, 0x00, 0x01]);
  exports.bytes([1, 0x74, 0x01, 0x00]);
  const elems = new ByteWriter().u32(n).repeat(n - 1, [0x01, 0x00, 0x00]).bytes([0x01, 0x00, 0x01, 0x00]);
  // table.init (segment n - 1) of 1 element at 0, then elem.drop.
  const last = uleb(n - 1);
  const init = new ByteWriter().bytes([0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0xfc, 0x0c]).bytes(last).bytes([0x00, 0xfc, 0x0d]).bytes(last).byte(0x0b);
  const code = new ByteWriter().u32(2).sized(new ByteWriter().bytes([0x00, 0x0b])).sized(init);
  return moduleOf([[1, type], [3, funcs], [4, table], [7, exports], [9, elems], [10, code]]);
}

/** `n` mutable i32 globals, global i starting at i, the last exported as "g". */
export function manyGlobals(n: number): Uint8Array {
  const globals = new ByteWriter().u32(n);
  for (let i = 0; i < n; i++) globals.bytes([I32, 0x01, 0x41]).bytes(sleb(i)).byte(0x0b);
  const exports = new ByteWriter().u32(1).bytes([1, 0x67, 0x03]).u32(n - 1);
  return moduleOf([[6, globals], [7, exports]]);
}

/**
 * Sections whose vector counts claim 0xffffffff entries in a few bytes: each must fail fast
 * without allocating for the count.
 */
export function hugeCounts(): { name: string; bytes: Uint8Array }[] {
  const huge = 0xffffffff;
  const claim = (id: number) => moduleOf([[id, new ByteWriter().u32(huge).bytes([0x60, 0x00, 0x00])]]);
  const typeSec = resultsType(0);
  const bodyWith = (instrs: number[], locals: number[] = [0x00]) =>
    moduleOf([[1, typeSec], [3, oneFunc()], [10, new ByteWriter().u32(1).sized(new ByteWriter().bytes(locals).bytes(instrs))]]);
  return [
    ...[1, 2, 3, 4, 5, 6, 7, 9, 10, 11].map((id) => ({ name: `section ${id} count`, bytes: claim(id) })),
    { name: 'function params', bytes: moduleOf([[1, new ByteWriter().u32(1).byte(0x60).u32(huge).byte(I32)]]) },
    { name: 'br_table targets', bytes: bodyWith([0x41, 0x00, 0x0e, ...uleb(huge), 0x00, 0x00, 0x0b]) },
    { name: 'local groups', bytes: bodyWith([0x0b], [...uleb(huge), 0x01, I32]) },
    { name: 'locals in one group', bytes: bodyWith([0x0b], [0x01, ...uleb(huge), I32]) },
    { name: 'name length', bytes: moduleOf([[0, new ByteWriter().u32(huge).byte(0x61)]]) },
    { name: 'data count', bytes: moduleOf([[12, new ByteWriter().u32(huge)]]) },
  ];
}
