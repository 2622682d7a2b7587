/**
 * Seeded mutations of WebAssembly modules for the differential test. Every mutant is derived
 * from (base seed, seed-module name, mutant index) alone, so a failure reproduces exactly.
 */
import {
  LEB_MAX_LEN, analyze, encodeLeb, encodeU, enclosuresAt, minLebLen, sectionName,
  type ByteSite, type LebSite, type SizeField, type Structure,
} from './structure.js';

/** mulberry32: a tiny, good-enough 32-bit PRNG. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from empty list');
    return xs[Math.floor(this.next() * xs.length)]!;
  }
}

/** FNV-1a of a string, for deriving per-module seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** murmur3's 32-bit finalizer: a bijective, well-mixing hash of a 32-bit integer. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The PRNG seed of mutant `index` of seed module `name` under `baseSeed`. */
export function mutantSeed(baseSeed: number, name: string, index: number): number {
  const h = fmix32(fmix32(baseSeed) ^ hashString(name));
  return fmix32((h + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
}

export interface Mutant {
  readonly bytes: Uint8Array;
  /** Human-readable list of the mutations applied, in order. */
  readonly desc: string;
}

type Mutator = (b: Uint8Array, s: Structure, rng: Rng) => Mutant | null;

const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

function splice(b: Uint8Array, pos: number, deleteLen: number, insert: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(b.length - deleteLen + insert.length);
  out.set(b.subarray(0, pos), 0);
  out.set(insert, pos);
  out.set(b.subarray(pos + deleteLen), pos + insert.length);
  return out;
}

/**
 * Replaces `deleteLen` bytes at `pos` with `insert`, then rewrites the enclosing size fields
 * (innermost first) so the module stays well-formed around the edit. A size field may grow a
 * byte, which the next outer field absorbs in turn.
 */
function spliceFixed(b: Uint8Array, pos: number, deleteLen: number, insert: ArrayLike<number>, encl: readonly SizeField[]): Uint8Array {
  let out = splice(b, pos, deleteLen, insert);
  let delta = insert.length - deleteLen;
  for (const f of encl) {
    if (delta === 0) break;
    const value = f.value + delta;
    if (value < 0 || value > 0xffffffff) break;
    const len = Math.max(f.len, minLebLen(BigInt(value), 'u32'));
    out = splice(out, f.pos, f.len, encodeU(BigInt(value), len));
    delta = len - f.len;
  }
  return out;
}

const fixDesc = (fix: boolean, encl: readonly SizeField[]): string => (fix && encl.length > 0 ? ', sizes fixed' : '');

const randomBytes = (rng: Rng, n: number): number[] =>
  Array.from({ length: n }, () => (rng.chance(0.3) ? rng.pick([0x00, 0x01, 0x0b, 0x40, 0x41, 0x60, 0x7f, 0x80, 0xfc, 0xfd, 0xff]) : rng.int(0, 255)));

/** A position biased away from the 8-byte header (mutating it is boring: always invalid). */
const bodyPos = (b: Uint8Array, rng: Rng): number => (b.length > 8 && rng.chance(0.95) ? rng.int(8, b.length - 1) : rng.int(0, b.length - 1));

const bitFlip: Mutator = (b, _s, rng) => {
  if (b.length === 0) return null;
  const out = b.slice();
  const n = rng.int(1, 3);
  const flips: string[] = [];
  for (let i = 0; i < n; i++) {
    const pos = bodyPos(out, rng);
    const bit = rng.int(0, 7);
    out[pos]! ^= 1 << bit;
    flips.push(`@${pos} bit ${bit}`);
  }
  return { bytes: out, desc: `bit-flip ${flips.join(', ')}` };
};

const byteSet: Mutator = (b, _s, rng) => {
  if (b.length === 0) return null;
  const out = b.slice();
  const pos = bodyPos(out, rng);
  const old = out[pos]!;
  out[pos] = rng.pick([0x00, 0xff, 0x7f, 0x80, (old + 1) & 0xff, (old - 1) & 0xff, rng.int(0, 255)]);
  return { bytes: out, desc: `byte-set @${pos} ${hex(old)} -> ${hex(out[pos]!)}` };
};

const truncate: Mutator = (b, s, rng) => {
  if (b.length === 0) return null;
  let len = rng.int(0, b.length - 1);
  // Half the time cut exactly at or next to a section boundary.
  if (s.sections !== null && s.sections.length > 0 && rng.chance(0.5)) {
    const sec = rng.pick(s.sections);
    len = Math.min(b.length - 1, Math.max(0, rng.pick([sec.start, sec.start + 1, sec.contentStart, sec.end - 1])));
  }
  return { bytes: b.slice(0, len), desc: `truncate to ${len} of ${b.length} bytes` };
};

const insertBytes: Mutator = (b, s, rng) => {
  const pos = b.length > 8 ? rng.int(8, b.length) : rng.int(0, b.length);
  const ins = randomBytes(rng, rng.int(1, 8));
  const fix = rng.chance(0.7);
  const encl = fix ? enclosuresAt(s, pos) : [];
  return { bytes: spliceFixed(b, pos, 0, ins, encl), desc: `insert [${ins.map(hex).join(' ')}] @${pos}${fixDesc(fix, encl)}` };
};

const deleteBytes: Mutator = (b, s, rng) => {
  if (b.length <= 8) return null;
  const pos = rng.int(8, b.length - 1);
  const n = Math.min(rng.int(1, 8), b.length - pos);
  const fix = rng.chance(0.7);
  let encl = fix ? enclosuresAt(s, pos) : [];
  // Only fix sizes if the deleted range lies inside the innermost enclosing extent.
  if (encl.length > 0) {
    const inner = encl[0]!;
    if (pos + n > inner.pos + inner.len + inner.value) encl = [];
  }
  return { bytes: spliceFixed(b, pos, n, [], encl), desc: `delete ${n} bytes @${pos}${fixDesc(fix, encl)}` };
};

function sectionLabel(s: Structure, i: number): string {
  const sec = s.sections![i]!;
  return `#${i} (${sectionName(sec.id)}, ${sec.end - sec.start} bytes)`;
}

/** Reassembles the header and the given section byte arrays. */
function withSections(b: Uint8Array, parts: readonly number[][], desc: string): Mutant {
  const out = new Uint8Array(8 + parts.reduce((n, c) => n + c.length, 0));
  out.set(b.subarray(0, 8));
  let pos = 8;
  for (const c of parts) {
    out.set(c, pos);
    pos += c.length;
  }
  return { bytes: out, desc };
}

const sectionBytes = (b: Uint8Array, s: Structure): number[][] => s.sections!.map((x) => Array.from(b.subarray(x.start, x.end)));

const dupSection: Mutator = (b, s, rng) => {
  if (s.sections === null || s.sections.length === 0) return null;
  const parts = sectionBytes(b, s);
  const i = rng.int(0, parts.length - 1);
  const at = rng.chance(0.6) ? i + 1 : rng.int(0, parts.length);
  parts.splice(at, 0, parts[i]!);
  return withSections(b, parts, `duplicate section ${sectionLabel(s, i)} at position ${at}`);
};

const swapSections: Mutator = (b, s, rng) => {
  if (s.sections === null || s.sections.length < 2) return null;
  const parts = sectionBytes(b, s);
  const i = rng.int(0, parts.length - 2);
  const j = rng.chance(0.6) ? i + 1 : rng.int(i + 1, parts.length - 1);
  [parts[i], parts[j]] = [parts[j]!, parts[i]!];
  return withSections(b, parts, `swap sections ${sectionLabel(s, i)} and ${sectionLabel(s, j)}`);
};

const moveSection: Mutator = (b, s, rng) => {
  if (s.sections === null || s.sections.length < 2) return null;
  const parts = sectionBytes(b, s);
  const i = rng.int(0, parts.length - 1);
  const [p] = parts.splice(i, 1);
  const at = rng.int(0, parts.length);
  parts.splice(at, 0, p!);
  return withSections(b, parts, `move section ${sectionLabel(s, i)} to position ${at}`);
};

const deleteSection: Mutator = (b, s, rng) => {
  if (s.sections === null || s.sections.length === 0) return null;
  const parts = sectionBytes(b, s);
  const i = rng.int(0, parts.length - 1);
  parts.splice(i, 1);
  return withSections(b, parts, `delete section ${sectionLabel(s, i)}`);
};

const sectionSize: Mutator = (b, s, rng) => {
  if (s.sections === null || s.sections.length === 0) return null;
  const i = rng.int(0, s.sections.length - 1);
  const f = s.sections[i]!.size;
  const value = rng.pick([
    f.value + rng.int(1, 4), Math.max(0, f.value - rng.int(1, 4)), 0, rng.int(0, b.length), 0xffffffff, 0x7fffffff, b.length,
  ]);
  const len = Math.max(f.len, minLebLen(BigInt(value), 'u32'));
  return { bytes: splice(b, f.pos, f.len, encodeU(BigInt(value), len)), desc: `section ${sectionLabel(s, i)} size ${f.value} -> ${value}` };
};

/** Re-encodes a LEB128 with extra bytes: valid padding (<= max length) or an invalid too-long form. */
const lebLengthen: Mutator = (b, s, rng) => {
  if (s.lebs.length === 0) return null;
  const site = rng.pick(s.lebs);
  const max = LEB_MAX_LEN[site.kind];
  const fix = rng.chance(0.9);
  const encl = fix ? site.encl : [];
  let enc: number[];
  let form: string;
  const mode = rng.int(0, 2);
  if (mode === 0 && site.len < max) {
    const len = rng.int(site.len + 1, max);
    enc = encodeLeb(site.value, site.kind, len);
    form = `padded to ${len} bytes (valid)`;
  } else if (mode === 1) {
    const len = rng.int(max + 1, max + 3);
    enc = encodeLeb(site.value, site.kind, len);
    form = `padded to ${len} bytes (too long)`;
  } else {
    // Maximum length with unused high bits of the last byte set: "integer too large".
    enc = encodeLeb(site.value, site.kind, max);
    const usedBits = { u32: 4, s32: 4, s33: 5, s64: 1 }[site.kind]; // value bits in the last byte
    const bit = rng.int(usedBits, 6);
    enc[max - 1]! ^= 1 << bit;
    form = `${max} bytes, unused bit ${bit} of last byte flipped (too large)`;
  }
  return {
    bytes: spliceFixed(b, site.pos, site.len, enc, encl),
    desc: `lengthen LEB ${site.what} @${site.pos} (${site.kind} ${site.value}) ${form}${fixDesc(fix, encl)}`,
  };
};

/** Changes the value of a LEB128 field (index, count, immediate, size), re-encoded. */
const lebValue: Mutator = (b, s, rng) => {
  if (s.lebs.length === 0) return null;
  const site: LebSite = rng.pick(s.lebs);
  const v = site.value;
  let value = rng.pick([v + 1n, v - 1n, v + BigInt(rng.int(2, 20)), 0n, BigInt(rng.int(0, 0xffffffff)), 0xffffffffn, 0x80000000n, BigInt(rng.int(0, 300)), -1n]);
  if (site.kind === 'u32') value = BigInt.asUintN(32, value);
  else if (site.kind === 's32') value = BigInt.asIntN(32, value);
  else if (site.kind === 's33') value = BigInt.asIntN(33, value);
  else value = BigInt.asIntN(64, value);
  const len = rng.chance(0.7) ? minLebLen(value, site.kind) : Math.max(site.len, minLebLen(value, site.kind));
  const fix = rng.chance(0.9);
  const encl = fix ? site.encl : [];
  return {
    bytes: spliceFixed(b, site.pos, site.len, encodeLeb(value, site.kind, len), encl),
    desc: `set LEB ${site.what} @${site.pos} ${v} -> ${value}${fixDesc(fix, encl)}`,
  };
};

/** Opcodes worth trying: every 2.0 single-byte opcode plus post-2.0 ones (EH, tail calls, GC, threads). */
const INTERESTING_OPCODES = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x1a, 0x1b, 0x1c,
  0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x28, 0x29, 0x2d, 0x36, 0x3a, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x44,
  0x45, 0x50, 0x6a, 0x7c, 0x92, 0xa0, 0xa7, 0xbc, 0xc0, 0xc4, 0xd0, 0xd1, 0xd2, 0xfc, 0xfd,
  0x06, 0x07, 0x08, 0x09, 0x0a, 0x12, 0x13, 0x14, 0x15, 0x18, 0x19, 0x1d, 0x1f, 0x27, 0xc5, 0xd3, 0xd4, 0xd5, 0xd6, 0xfb, 0xfe, 0xff,
];

const opcodeReplace: Mutator = (b, s, rng) => {
  if (s.opcodes.length === 0) return null;
  const site = rng.pick(s.opcodes);
  // The walker is lenient: on an already mutated module it may name a site past the end.
  if (site.pos >= b.length) return null;
  const out = b.slice();
  const old = out[site.pos]!;
  out[site.pos] = rng.chance(0.5) ? rng.pick(INTERESTING_OPCODES) : rng.int(0, 255);
  return { bytes: out, desc: `replace ${site.what} @${site.pos} ${hex(old)} -> ${hex(out[site.pos]!)}` };
};

/** Value-type-like bytes: the 2.0 ones, 0x40 (empty), and post-2.0 heap/ref types. */
const TYPE_BYTES = [0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f, 0x40, 0x7a, 0x79, 0x78, 0x77, 0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x69, 0x64, 0x63, 0x60, 0x00];

const byteSiteChange = (list: (s: Structure) => ByteSite[], label: string, choices: (old: number, rng: Rng) => number): Mutator => (b, s, rng) => {
  const sites = list(s);
  if (sites.length === 0) return null;
  const site = rng.pick(sites);
  if (site.pos >= b.length) return null;
  const out = b.slice();
  const old = out[site.pos]!;
  out[site.pos] = choices(old, rng) & 0xff;
  return { bytes: out, desc: `${label} ${site.what} @${site.pos} ${hex(old)} -> ${hex(out[site.pos]!)}` };
};

const valtypeChange = byteSiteChange((s) => s.valtypes, 'change type', (_old, rng) => (rng.chance(0.8) ? rng.pick(TYPE_BYTES) : rng.int(0, 255)));

const tagChange = byteSiteChange((s) => s.tags, 'change', (old, rng) => rng.pick([old + 1, old - 1, old ^ 1, old | 2, old | 4, rng.int(0, 8), rng.int(0, 255)]));

/** The mutators with their relative weights. */
const MUTATORS: readonly [Mutator, number][] = [
  [bitFlip, 12], [byteSet, 8], [truncate, 6], [insertBytes, 6], [deleteBytes, 4],
  [dupSection, 4], [swapSections, 4], [moveSection, 3], [deleteSection, 4], [sectionSize, 5],
  [lebLengthen, 10], [lebValue, 12], [opcodeReplace, 10], [valtypeChange, 8], [tagChange, 5],
];
const TOTAL_WEIGHT = MUTATORS.reduce((n, [, w]) => n + w, 0);

function pickMutator(rng: Rng): Mutator {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const [m, w] of MUTATORS) {
    r -= w;
    if (r < 0) return m;
  }
  return MUTATORS[0]![0];
}

/** Applies one to three random mutations to `seed` (usually one), re-analysing between steps. */
export function mutate(seed: Uint8Array, seedStructure: Structure, rng: Rng): Mutant {
  const steps = rng.chance(0.85) ? 1 : rng.chance(0.8) ? 2 : 3;
  let bytes = seed;
  let s = seedStructure;
  const descs: string[] = [];
  for (let i = 0; i < steps; i++) {
    let m: Mutant | null = null;
    for (let tries = 0; m === null && tries < 10; tries++) m = pickMutator(rng)(bytes, s, rng);
    if (m === null) m = truncate(bytes, s, rng) ?? { bytes, desc: 'no-op' };
    bytes = m.bytes;
    descs.push(m.desc);
    if (i + 1 < steps) s = analyze(bytes);
  }
  return { bytes, desc: descs.join(' ; then ') };
}
