/**
 * Frame cells that a compiled function uses both as i32 words and as an f64 (an operand cell that
 * holds an integer at one point and a float at another) may live in two JavaScript variables, one
 * per kind, when the function's control flow says, wherever the frame must be exact, which of
 * the two holds the cell's value. This is that flow analysis, over the function's instructions.
 *
 * Validation makes it hold on real paths: a cell is read as the kind it was last written as.
 * The analysis checks it all the same, over every path it sees (it assumes an instruction goes on
 * to the next unless it is sure it does not), and gives a cell up (it stays in the frame) where
 * a read or a store would find the kinds mixed.
 */

/** What a cell's variables hold at a point: nothing known yet, then see below. */
export const enum CellKind {
  unreached = 0,
  /** The i32 variables hold the value (the f64 one is stale). */
  i32 = 1,
  /** The f64 variable holds it. */
  f64 = 2,
  /** Both do: they were read from the frame, or set to the same words. */
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
}

function join(a: CellKind, b: CellKind): CellKind {
  if (a === CellKind.unreached || a === b) return b;
  if (b === CellKind.unreached) return a;
  if (a === CellKind.both) return b;
  if (b === CellKind.both) return a;
  return CellKind.mixed;
}

/**
 * The kinds of the cells (whose first frame words are `words`) before each step, the first
 * entered with every cell `both`; and the cells to give up: those a step reads as another kind
 * than they hold, or that a store finds mixed.
 */
export function cellKinds(steps: readonly Step[], words: readonly number[]): { before: Uint8Array[]; givenUp: Set<number> } {
  const cells = words.length;
  const before = steps.map(() => new Uint8Array(cells));
  if (steps.length === 0) return { before, givenUp: new Set() };
  before[0].fill(CellKind.both);
  const after = new Uint8Array(cells);
  const pending = [0];
  const queued = new Uint8Array(steps.length);
  queued[0] = 1;
  while (pending.length > 0) {
    const i = pending.pop()!;
    queued[i] = 0;
    const step = steps[i];
    after.set(before[i]);
    for (const [cell, kind] of step.writes) after[cell] = kind;
    if (step.reloadFrom !== undefined) for (let x = 0; x < cells; x++) if (words[x] >= step.reloadFrom) after[x] = CellKind.both;
    for (const j of step.next) {
      const into = before[j];
      let changed = false;
      for (let x = 0; x < cells; x++) {
        const joined = join(into[x], after[x]);
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
  const givenUp = new Set<number>();
  steps.forEach((step, i) => {
    const at = before[i];
    if (step.store) for (let x = 0; x < cells; x++) if (at[x] === CellKind.mixed && words[x] >= step.store[0] && words[x] < step.store[1]) givenUp.add(x);
    for (const [cell, kind] of step.reads) if (at[cell] !== kind && at[cell] !== CellKind.both && at[cell] !== CellKind.unreached) givenUp.add(cell);
  });
  return { before, givenUp };
}
