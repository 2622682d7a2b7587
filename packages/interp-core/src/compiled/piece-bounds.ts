/**
 * Where a large function compiled in pieces (compile.ts) is cut: pieces V8 optimizes, cut through
 * as few loops as they can be.
 */
import { OTHER } from './templates.js';
import { FORMS, indexByPc, targetsOf } from './forms.js';

/**
 * Instructions of one piece of a function compiled in pieces: about this many, from half to
 * twice as many where that keeps a loop whole (see pieceBounds).
 */
const PIECE_INSTRUCTIONS = 200;

/**
 * Characters of templates (their length before they are filled in) past which a piece has no
 * more than PIECE_INSTRUCTIONS: V8 does not optimize a piece whose bytecode passes 60 kB. lz's
 * pieces of up to 400 instructions have 23-30 k characters of templates and 43-61 k of
 * JavaScript, which V8 optimizes; a piece of 85 k characters of SIMD code ran unoptimized, 30
 * times slower.
 */
const MAX_PIECE_TEXT = 30_000;

/**
 * Where the pieces of a large function start (indices into `starts`, the first 0), and the end
 * (`starts.length`). Control that goes from one piece to another passes through the dispatcher
 * and each piece's stores and loads, so a cut inside a loop costs on each of its iterations. The
 * cuts (pieces of PIECE_INSTRUCTIONS / 2 to 2 * PIECE_INSTRUCTIONS, the last one shorter, and
 * past PIECE_INSTRUCTIONS only within MAX_PIECE_TEXT) go through as few loops as they can, a
 * short loop (an inner one, likely hot) counting more than a long one; among equal cuts, pieces
 * nearest 2 * PIECE_INSTRUCTIONS.
 */
export function pieceBounds(code: Int32Array, starts: Int32Array): number[] {
  const n = starts.length;
  const shortest = PIECE_INSTRUCTIONS / 2;
  const longest = 2 * PIECE_INSTRUCTIONS;
  if (n <= PIECE_INSTRUCTIONS) return [0, n];
  const indexOf = indexByPc(starts);
  // cost[i]: the loops a cut before instruction i goes through, each weighted by 1 / its length
  const cost = new Float64Array(n + 1);
  let loops = false;
  for (let b = 0; b < n; b++) {
    for (const target of targetsOf(code, starts[b])) {
      const t = indexOf.get(target);
      if (t === undefined || t > b) continue;
      const weight = 1 / (b - t + 1);
      cost[t + 1] += weight;
      cost[b + 1] -= weight;
      loops = true;
    }
  }
  if (!loops) {
    // A loop-free function keeps pieces of PIECE_INSTRUCTIONS: on hash-wasm's sha512, pieces of
    // 100 to 1,000 instructions ran no faster, and each piece's translation is paid on first use.
    const even = Array.from({ length: Math.ceil(n / PIECE_INSTRUCTIONS) }, (_, k) => k * PIECE_INSTRUCTIONS);
    return [...even, n];
  }
  for (let i = 1; i <= n; i++) cost[i] += cost[i - 1];
  // text[i]: the templates' length before instruction i (see MAX_PIECE_TEXT)
  const text = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) text[i + 1] = text[i] + (FORMS.get(code[starts[i]])?.length ?? OTHER.length);
  // best[i]: the least cost of pieces that end at i (a size penalty far below any loop's weight)
  const best = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1);
  best[0] = 0;
  for (let i = shortest; i <= n; i++) {
    const cut = i === n ? 0 : cost[i];
    for (let j = Math.max(0, i - longest); j <= i - (i === n ? 1 : shortest); j++) {
      if (i - j > PIECE_INSTRUCTIONS && text[i] - text[j] > MAX_PIECE_TEXT) continue;
      const size = i - j - longest;
      const total = best[j] + cut + 1e-12 * size * size;
      if (total < best[i]) {
        best[i] = total;
        from[i] = j;
      }
    }
  }
  const bounds = [n];
  for (let i = n; i > 0; i = from[i]) bounds.push(from[i]);
  return bounds.reverse();
}
