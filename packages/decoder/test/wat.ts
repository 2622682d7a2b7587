/**
 * Test-only helpers: assembling WAT text with wabt (its parser only; wabt's validator is never
 * run, so ill-typed modules assemble too), and building module bytes by hand.
 */
import { assemble, loadWabt } from '@proj/testkit';

const wabt = await loadWabt();

/** Assembles WAT text to a fresh Uint8Array (names resolved, no validation). */
export function wat(text: string): Uint8Array {
  return assemble(wabt, text);
}

// ---- LEB128 encoders, written independently of the Reader under test ----

/** Unsigned LEB128, shortest form. */
export function uleb(value: number | bigint): number[] {
  let v = BigInt(value);
  if (v < 0n) throw new Error('uleb: negative');
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}

/** Signed LEB128, shortest form. */
export function sleb(value: number | bigint): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n; // arithmetic shift on bigint
    const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

/** A UTF-8 name: its byte length, then its bytes. */
export function name(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
}

/** A vector: the count, then the items' bytes. */
export function vec(items: readonly (readonly number[])[]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A section: id, content size, content. */
export function section(id: number, content: readonly number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** The header followed by the given raw section bytes, in the order given. */
export function wasm(...sections: readonly (readonly number[])[]): Uint8Array {
  return Uint8Array.from([...HEADER, ...sections.flat()]);
}

/** A function type `(params) -> (results)` as type section entry bytes. */
export function functype(params: readonly number[] = [], results: readonly number[] = []): number[] {
  return [0x60, ...vec(params.map((t) => [t])), ...vec(results.map((t) => [t]))];
}

/** A code section entry: size, local groups `[count, type]`, then the instruction bytes. */
export function body(instrs: readonly number[], locals: readonly (readonly [number, number])[] = []): number[] {
  const content = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...instrs];
  return [...uleb(content.length), ...content];
}

/** Where a sub-array first occurs in `bytes` at or after `from`, or -1. */
export function indexOfBytes(bytes: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
