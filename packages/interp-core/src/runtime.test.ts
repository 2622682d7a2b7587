/**
 * MemInst's growth: spare capacity within the memory's maximum and the store's budget, exact
 * buffers on request, and what happens when the platform refuses an allocation.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemInst, memoryBacking, PAGE, ResourceBudget } from './runtime.js';

function memory(pages: number, max: number | undefined, budget: ResourceBudget): MemInst {
  budget.memoryBytes += pages * PAGE;
  return new MemInst(new Uint8Array(pages * PAGE), pages, max, false, budget);
}

/** Makes `new Uint8Array(n)` throw a RangeError, as V8 does when it cannot allocate, for n > `most`. */
function refuseAllocationsOver(most: number): void {
  const Real = Uint8Array;
  const Refusing = function (this: unknown, ...args: unknown[]) {
    if (typeof args[0] === 'number' && args[0] > most) throw new RangeError('Array buffer allocation failed');
    return Reflect.construct(Real, args) as Uint8Array;
  };
  vi.stubGlobal('Uint8Array', Refusing);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('MemInst.grow', () => {
  it('grows in place while the capacity lasts, then reallocates 1.5 times the capacity; the host sees the exact size', () => {
    const mem = memory(2, undefined, new ResourceBudget(2 ** 32, 0));
    const capacities: number[] = [];
    for (let pages = 2; pages < 20; pages++) {
      expect(mem.grow(1)).toBe(pages);
      expect(mem.limit).toBe((pages + 1) * PAGE);
      expect(mem.bytes().length).toBe(mem.limit);
      capacities.push(mem.u8.length / PAGE);
    }
    expect([...new Set(capacities)]).toEqual([3, 5, 8, 12, 18, 27]);
  });

  it('never reserves past the memory maximum or what the budget has left, and charges only the size', () => {
    const budget = new ResourceBudget(9 * PAGE, 0);
    const capped = memory(4, 6, budget);
    expect(capped.grow(1)).toBe(4);
    expect(capped.u8.length).toBe(6 * PAGE);
    const other = memory(1, undefined, budget); // 6 of 9 pages charged
    expect(other.grow(1)).toBe(1);
    expect(budget.memoryBytes).toBe(7 * PAGE);
    expect(other.grow(1)).toBe(2); // 3 pages: 1.5 x 2 = 3, one page short of the budget
    expect(other.grow(1)).toBe(3); // 4 pages: 1.5 x 3 = 5 would pass the budget
    expect(other.u8.length).toBe(4 * PAGE);
    expect(other.grow(1)).toBe(-1);
    expect(budget.memoryBytes).toBe(9 * PAGE);
  });

  it('keeps buffers exactly the size with exactMemoryBuffers', () => {
    const mem = memory(1, undefined, new ResourceBudget(2 ** 32, 0, true));
    for (let pages = 1; pages < 8; pages++) {
      const before = mem.u8;
      expect(mem.grow(1)).toBe(pages);
      expect(mem.u8).not.toBe(before);
      expect(mem.u8.length).toBe((pages + 1) * PAGE);
      expect(mem.bytes()).toBe(mem.u8);
    }
  });

  it('falls back to the exact size when the platform refuses the spare capacity, and returns -1 when it refuses that too', () => {
    const mem = memory(4, undefined, new ResourceBudget(2 ** 32, 0));
    mem.u8[4 * PAGE - 1] = 9;
    refuseAllocationsOver(5 * PAGE);
    expect(mem.grow(1)).toBe(4);
    expect(mem.u8.length).toBe(5 * PAGE);
    expect(mem.grow(1)).toBe(-1);
    vi.unstubAllGlobals();
    expect(mem.limit).toBe(5 * PAGE);
    expect(mem.u8[4 * PAGE - 1]).toBe(9);
    expect(mem.grow(1)).toBe(5);
  });
});

describe('a shared memory\'s backing', () => {
  const kind = (u8: Uint8Array): string => Object.prototype.toString.call(u8.buffer);

  it('is one growable SharedArrayBuffer: growth keeps it, and views made before see the new bytes', () => {
    const budget = new ResourceBudget(2 ** 32, 0);
    budget.memoryBytes += PAGE;
    const mem = new MemInst(memoryBacking(1, 4, true), 1, 4, false, budget, true);
    expect(kind(mem.u8)).toBe('[object SharedArrayBuffer]');
    const before = new Uint8Array(mem.u8.buffer);
    const buffer = mem.u8.buffer;
    expect(mem.grow(2)).toBe(1);
    expect(mem.u8.buffer).toBe(buffer);
    expect(mem.u8.length).toBe(3 * PAGE);
    expect(mem.limit).toBe(3 * PAGE);
    mem.u8[2 * PAGE + 5] = 7;
    expect(before[2 * PAGE + 5]).toBe(7);
    // Its maximum bounds it, as any memory's.
    expect(mem.grow(2)).toBe(-1);
    expect(mem.grow(1)).toBe(3);
    expect(budget.memoryBytes).toBe(4 * PAGE);
  });

  it('is an ArrayBuffer where the platform has no SharedArrayBuffer (a page without cross-origin isolation), and grows by copying', () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    const mem = new MemInst(memoryBacking(1, 4, true), 1, 4, false, new ResourceBudget(2 ** 32, 0), true);
    expect(kind(mem.u8)).toBe('[object ArrayBuffer]');
    mem.u8[9] = 3;
    expect(mem.grow(1)).toBe(1);
    expect(mem.u8[9]).toBe(3);
    expect(mem.limit).toBe(2 * PAGE);
  });

  it('is an ordinary buffer for a memory that is not shared', () => {
    expect(kind(memoryBacking(1, 4, false))).toBe('[object ArrayBuffer]');
    expect(memoryBacking(2, undefined, false).length).toBe(2 * PAGE);
  });
});
