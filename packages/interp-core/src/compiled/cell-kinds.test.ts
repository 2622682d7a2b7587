/** The kind analysis of cells kept in two kinds of variable (cell-kinds.ts), on small flow graphs. */
import { describe, expect, it } from 'vitest';
import { CellKind, cellKinds, type Step } from './cell-kinds.js';

const i32 = CellKind.i32;
const float = CellKind.float;
const both = CellKind.both;
const mixed = CellKind.mixed;
const ALL = [0, Infinity] as const;

/** A step: reads and writes of cell 0 (frame word 8) unless said, going on to `next`. */
function step(next: number[], access: { reads?: CellKind[]; writes?: CellKind[]; store?: boolean; reloadFrom?: number } = {}): Step {
  return {
    reads: (access.reads ?? []).map((k) => [0, k] as const),
    writes: (access.writes ?? []).map((k) => [0, k] as const),
    store: access.store ? ALL : undefined,
    reloadFrom: access.reloadFrom,
    next,
  };
}

describe('cell kinds', () => {
  it('a cell holds the kind last written, both at the entry', () => {
    const { before, givenUp } = cellKinds([step([1], { reads: [i32] }), step([2], { writes: [float] }), step([3], { reads: [float], store: true }), step([])], [8]);
    expect(before.map((b) => b[0])).toEqual([both, both, float, float]);
    expect(givenUp.size).toBe(0);
  });

  it('kinds that meet are mixed: given up at a store or a read, not where a write comes first', () => {
    // 0 branches to 1 (writes i32) or 2 (writes a float); both go to 3.
    const diamond = (at3: Parameters<typeof step>[1]): Step[] => [step([1, 2]), step([3], { writes: [i32] }), step([3], { writes: [float] }), step([4], at3), step([])];
    expect(cellKinds(diamond({ store: true }), [8]).givenUp).toEqual(new Set([0]));
    expect(cellKinds(diamond({ reads: [float] }), [8]).givenUp).toEqual(new Set([0]));
    const written = cellKinds(diamond({ writes: [float] }), [8]);
    expect(written.before[3][0]).toBe(mixed);
    expect(written.before[4][0]).toBe(float);
    expect(written.givenUp.size).toBe(0);
  });

  it('a loop carries the kind round to its header', () => {
    // 0 writes i32; 1 (the header) reads i32, then 2 writes a float and goes back to 1.
    const { givenUp, before } = cellKinds([step([1], { writes: [i32] }), step([2], { reads: [i32] }), step([1, 3], { writes: [float] }), step([])], [8]);
    expect(before[1][0]).toBe(mixed);
    expect(givenUp).toEqual(new Set([0]));
  });

  it('a read of the kind that does not hold the value goes through the frame first', () => {
    const { before, syncs, givenUp } = cellKinds([step([1], { writes: [float] }), step([2], { reads: [i32] }), step([3], { reads: [i32, float] }), step([])], [8]);
    expect(syncs.map((s) => s.map(([, kind]) => kind))).toEqual([[], [i32], [], []]);
    expect(before.map((b) => b[0])).toEqual([both, float, both, both]);
    expect(givenUp.size).toBe(0);
  });

  it('a reload makes both kinds hold the value again, for the cells from its frame word up', () => {
    const steps: Step[] = [
      step([1], { writes: [i32] }),
      { reads: [], writes: [[1, float]], next: [2] },
      step([3], { store: true, reloadFrom: 16 }),
      step([]),
    ];
    const { before } = cellKinds(steps, [8, 16]);
    expect(Array.from(before[3])).toEqual([i32, both]);
  });

  it('a step no path reaches is not checked', () => {
    const { before, givenUp } = cellKinds([step([]), step([], { reads: [float], store: true })], [8]);
    expect(before[1][0]).toBe(CellKind.unreached);
    expect(givenUp.size).toBe(0);
  });
});
