/**
 * Which frame words are live where each instruction of a function starts: read on some path from
 * there before they are written. A piece of a large function (compile.ts) loads into its
 * variables only the words live where it is entered, and stores back only those live where
 * control goes on after it.
 *
 * An instruction's reads and writes come from its template's cell placeholders (forms.ts). A
 * write counts only where it surely happens: a statement of its own at the template's top level,
 * with no way out of the instruction before it. Everything else a template names counts as read.
 * Where the frame is used other than through placeholders (a call, a return, an instruction the
 * run loop runs, an opaque one, a SIMD row without a template) every word counts as read.
 */
import { ValType } from '@proj/decoder';
import { Op } from '../fast/ops.js';
import { CELL, cellOf, FORMS, indexByPc, isOpaque, LEAVES, simdCells, targetsOf, usesOnlyItsCells } from './forms.js';

/** The live words at an instruction's pc, as bits; undefined where every word is. */
export type LiveAt = (pc: number) => Uint32Array | undefined;

/** A placeholder written as a statement of its own at the top level of a template. */
const TOP_LEVEL_WRITE = /^\$(?:i(\d+)_(\d+)|([df])(\d+))\$ = /;
/** What can leave an instruction's template before its end. */
const WAY_OUT = /\b(?:break|continue|return)\b/;

interface Use {
  /** Every word counts as read. */
  readonly all: boolean;
  readonly reads: readonly number[];
  readonly writes: readonly number[];
}

const EVERYTHING: Use = { all: true, reads: [], writes: [] };

/**
 * Whether control may leave the function's JavaScript at `op` with the whole frame read there
 * (by the run loop or a callee): a call, a return, an instruction the run loop runs.
 */
export const handsFrameOver = (op: number): boolean => LEAVES.has(op) || op === Op.call || op === Op.callIndirect || op === Op.return;

/** The four words of the v128 (or the cell) at word `x`. */
const cellWords = (x: number): number[] => [x, x + 1, x + 2, x + 3];

/** The words the instruction at `at` reads and surely writes. */
function useOf(code: Int32Array, at: number): Use {
  const op = code[at];
  if (op === Op.return1) return { all: false, reads: cellWords(code[at + 1]), writes: [] };
  if (handsFrameOver(op)) return EVERYTHING;
  if (usesOnlyItsCells(op)) {
    const reads = simdCells(op)!.flatMap(([k, type]) => (type === ValType.i32 ? [code[at + k]] : cellWords(code[at + k])));
    return { all: false, reads, writes: [] };
  }
  if (isOpaque(op)) return EVERYTHING;
  const template = FORMS.get(op)!;
  const writes: number[] = [];
  let out = false;
  for (const line of template.split('\n')) {
    const write = out ? null : TOP_LEVEL_WRITE.exec(line);
    if (write !== null) {
      if (write[1] !== undefined) writes.push(cellOf(code, at, write[1], write[2]));
      else {
        const x = cellOf(code, at, write[4]);
        writes.push(x);
        if (write[3] === 'd') writes.push(x + 1);
      }
    }
    if (WAY_OUT.test(line)) out = true;
  }
  const mentions: number[] = [];
  for (const [, k, n, view, kv] of template.matchAll(CELL)) {
    if (view === undefined) mentions.push(cellOf(code, at, k, n));
    else {
      const x = cellOf(code, at, kv);
      const words = view === 'f' ? 1 : view === 'd' ? 2 : 4;
      for (let w = 0; w < words; w++) mentions.push(x + w);
    }
  }
  // A word is read unless each of its mentions is one of its sure writes.
  const count = new Map<number, number>();
  for (const x of mentions) count.set(x, (count.get(x) ?? 0) + 1);
  for (const x of writes) count.set(x, (count.get(x) ?? 0) - 1);
  const reads = [...count].filter(([, c]) => c > 0).map(([x]) => x);
  return { all: false, reads, writes: writes.filter((x) => !reads.includes(x)) };
}

/**
 * The live words of a function over `code` (its instructions at `starts`, its frame `words`
 * long) where each instruction starts: a backward flow to a fixed point over the instructions'
 * successors (the next one, and every branch target).
 */
export function liveWords(code: Int32Array, starts: Int32Array, words: number): LiveAt {
  const n = starts.length;
  const size = (words + 31) >>> 5;
  const index = indexByPc(starts);
  const uses = Array.from(starts, (at) => useOf(code, at));
  /** Successor indices; -1 for the function's end, where every word counts as live. A return has none. */
  const next = Array.from(starts, (at, i) => (code[at] === Op.return1 ? [] : [i + 1 < n ? i + 1 : -1, ...targetsOf(code, at).map((t) => index.get(t) ?? -1)]));
  const live = Array.from({ length: n }, () => new Uint32Array(size));
  const all = new Uint32Array(size).fill(0xffffffff);
  const out = new Uint32Array(size);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      const use = uses[i];
      let word = use.all ? all : undefined;
      if (word === undefined) {
        out.fill(0);
        for (const s of next[i]) {
          const from = s < 0 ? all : live[s];
          for (let j = 0; j < size; j++) out[j] |= from[j];
        }
        for (const x of use.writes) out[x >>> 5] &= ~(1 << (x & 31));
        for (const x of use.reads) out[x >>> 5] |= 1 << (x & 31);
        word = out;
      }
      const mine = live[i];
      for (let j = 0; j < size; j++) {
        if (mine[j] !== word[j]) {
          mine[j] = word[j];
          changed = true;
        }
      }
    }
  }
  return (pc) => {
    const i = index.get(pc);
    return i === undefined ? undefined : live[i];
  };
}

/** Whether word `x` is among the bits `live` (undefined: every word is). */
export const isLive = (live: Uint32Array | undefined, x: number): boolean => live === undefined || x >>> 5 >= live.length || (live[x >>> 5] & (1 << (x & 31))) !== 0;
