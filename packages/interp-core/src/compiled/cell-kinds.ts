/**
 * Frame cells that a compiled function uses as a float (f64 or f32) and maybe also as i32 words
 * (an operand cell that holds an integer at one point and a float at another) may live in two
 * JavaScript variables, one per kind, when the function's control flow says which of them holds
 * the cell's value wherever the frame must be exact. This is that flow analysis, over the
 * function's instructions. A v128 cell used as i32 lanes by some instructions and as a whole in
 * the frame by others is tracked the same way: its "float" kind is the frame itself.
 *
 * Validation makes it hold on real paths: a cell is read as the kind it was last written as.
 * The analysis checks it all the same, over every path it sees (it assumes an instruction goes on
 * to the next unless it is sure it does not): a read of the other kind goes through the frame
 * first (a sync), and a cell is given up (it stays in the frame) where a read or a store finds
 * the kinds mixed. Where both variables hold the value, so does the frame: an f32 variable may
 * hold a NaN read from the frame with its signalling bit set (as V8 reads it), so it is written
 * to the frame only after it was assigned, never when it merely holds what the frame holds.
 */

/** What a cell's variables hold at a point: nothing known yet, then see below. */
export const enum CellKind {
  unreached = 0,
  /** The i32 variables hold the value (the float one is stale). */
  i32 = 1,
  /** The float variable holds it (for a v128 cell: the frame does). */
  float = 2,
  /** Both do, and the frame holds it too. */
  both = 3,
  /** Paths with different kinds meet here: no read or store may follow before a write. */
  mixed = 4,
}

/** One instruction as the analysis sees it; cells are numbered 0..n-1, accesses are [cell, kind]. */
export interface Step {
  readonly reads: readonly (readonly [number, CellKind])[];
  readonly writes: readonly (readonly [number, CellKind])[];
  /**
   * Where the function's variables of the cells whose first frame words are in [from, to) go to
   * the frame before this step (an opaque instruction, a fuel charge, a call, a return or an
   * exit); with `reloadFrom`, those of the cells from that frame word up (all: 0) are read back
   * after it.
   */
  readonly store?: readonly [from: number, to: number];
  readonly reloadFrom?: number;
  /** Indices of the instructions control goes to: the next one unless it surely does not, and branch targets. */
  readonly next: readonly number[];
  /**
   * Cells made `both` (by a sync) where control falls into this step from the one before: at a
   * loop's header, so that the kind the loop's back edge brings is not mixed with the entry's.
   */
  syncOnEntry?: readonly number[];
  /**
   * An f32 move (copyF32) from cell to cell (-1 where one is not tracked): the float variable is
   * copied when the source's holds the value and the destination is tracked (a float assigned by
   * arithmetic, whose NaN may be any); else the words, which keep every bit.
   */
  readonly move?: readonly [from: number, to: number];
}

function join(a: CellKind, b: CellKind): CellKind {
  if (a === CellKind.unreached || a === b) return b;
  if (b === CellKind.unreached) return a;
  if (a === CellKind.both) return b;
  if (b === CellKind.both) return a;
  return CellKind.mixed;
}

const definite = (kind: CellKind): boolean => kind === CellKind.i32 || kind === CellKind.float;

/** The kind a move (Step.move) copies, given the kinds before it. */
export function moveKind([from, to]: readonly [number, number], kinds: ArrayLike<CellKind>): CellKind {
  return from >= 0 && to >= 0 && kinds[from] === CellKind.float ? CellKind.float : CellKind.i32;
}

/** The reads of `step` given the kinds before it: its own, and its move's source. */
function readsOf(step: Step, kinds: Uint8Array): readonly (readonly [number, CellKind])[] {
  return step.move !== undefined && step.move[0] >= 0 ? [...step.reads, [step.move[0], moveKind(step.move, kinds)]] : step.reads;
}

/** The kinds after `step`, from those before it in `kinds` (changed in place). */
function transfer(step: Step, kinds: Uint8Array, words: readonly number[]): void {
  const moved = step.move !== undefined && step.move[1] >= 0 ? moveKind(step.move, kinds) : undefined;
  for (const [cell, kind] of readsOf(step, kinds)) if (kinds[cell] !== kind && definite(kinds[cell])) kinds[cell] = CellKind.both;
  if (moved !== undefined) kinds[step.move![1]] = moved;
  for (const [cell, kind] of step.writes) kinds[cell] = kind;
  if (step.reloadFrom !== undefined) for (let x = 0; x < kinds.length; x++) if (words[x] >= step.reloadFrom) kinds[x] = CellKind.both;
}

/** What a sync that makes both kinds hold a cell reads: the kind that does not hold it. */
const otherKind = (kind: CellKind): CellKind => (kind === CellKind.i32 ? CellKind.float : CellKind.i32);

/** The analysis: see cellKinds. */
export interface CellKinds {
  /** The kinds before each step. */
  readonly before: Uint8Array[];
  /** The syncs before each step: [cell, the kind it reads], where the other kind holds the value. */
  readonly syncs: (readonly [number, CellKind])[][];
  /** The syncs where control falls into a step from the one before (see Step.syncOnEntry). */
  readonly entrySyncs: (readonly [number, CellKind])[][];
  /** The cells that a step reads, or a store writes, where the kinds are mixed. */
  readonly givenUp: Set<number>;
}

/**
 * The kinds of the cells (whose first frame words are `words`) before each step, the first
 * entered with every cell `both`, and what follows from them (see CellKinds).
 */
export function cellKinds(steps: readonly Step[], words: readonly number[]): CellKinds {
  const cells = words.length;
  const before = steps.map(() => new Uint8Array(cells));
  const syncs: (readonly [number, CellKind])[][] = steps.map(() => []);
  const entrySyncs: (readonly [number, CellKind])[][] = steps.map(() => []);
  const givenUp = new Set<number>();
  if (steps.length === 0) return { before, syncs, entrySyncs, givenUp };
  before[0].fill(CellKind.both);
  const after = new Uint8Array(cells);
  const pending = [0];
  const queued = new Uint8Array(steps.length);
  queued[0] = 1;
  while (pending.length > 0) {
    const i = pending.pop()!;
    queued[i] = 0;
    after.set(before[i]);
    transfer(steps[i], after, words);
    for (const j of steps[i].next) {
      const into = before[j];
      const synced = j === i + 1 ? steps[j].syncOnEntry : undefined;
      let changed = false;
      for (let x = 0; x < cells; x++) {
        const joined = join(into[x], synced?.includes(x) && definite(after[x]) ? CellKind.both : after[x]);
        if (joined !== into[x]) {
          into[x] = joined;
          changed = true;
        }
      }
      if (changed && !queued[j]) {
        queued[j] = 1;
        pending.push(j);
      }
    }
  }
  steps.forEach((step, i) => {
    const at = after;
    at.set(before[i]);
    if (step.store) for (let x = 0; x < cells; x++) if (at[x] === CellKind.mixed && words[x] >= step.store[0] && words[x] < step.store[1]) givenUp.add(x);
    for (const [cell, kind] of readsOf(step, at)) {
      if (at[cell] === CellKind.mixed) givenUp.add(cell);
      else if (definite(at[cell]) && at[cell] !== kind) {
        syncs[i].push([cell, kind]);
        at[cell] = CellKind.both;
      }
    }
    const next = steps[i + 1];
    if (next?.syncOnEntry !== undefined && step.next.includes(i + 1)) {
      at.set(before[i]);
      transfer(step, at, words);
      for (const x of next.syncOnEntry) if (definite(at[x])) entrySyncs[i + 1].push([x, otherKind(at[x])]);
    }
  });
  return { before, syncs, entrySyncs, givenUp };
}
