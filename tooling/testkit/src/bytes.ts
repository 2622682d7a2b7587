/**
 * Module bytes by hand, for tests that need encodings a text assembler never writes: written
 * independently of the decoder's Reader, so that tests of one do not lean on the other.
 */

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

/** The magic number and version 1. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A function type `(params) -> (results)` as type section entry bytes. */
export function functype(params: readonly number[] = [], results: readonly number[] = []): number[] {
  return [0x60, ...vec(params.map((t) => [t])), ...vec(results.map((t) => [t]))];
}

/** A code section entry: size, local groups `[count, type]`, then the instruction bytes. */
export function body(instrs: readonly number[], locals: readonly (readonly [number, number])[] = []): number[] {
  const content = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...instrs];
  return [...uleb(content.length), ...content];
}

/** The bytes of `parts`, one after another, in a new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
