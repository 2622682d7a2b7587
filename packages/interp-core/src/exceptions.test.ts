/**
 * The handler search (exceptions.ts) on hand-built tables: which clause takes an exception raised
 * at a pc, through nesting, parents and delegates. Execution through the preparers is tested
 * against V8 in the interpreter package.
 */
import { describe, expect, it } from 'vitest';
import { CATCH_ALL, findHandler, NO_DELEGATE, TagInst, TO_CALLER, type TryBlock } from './exceptions.js';

const A = new TagInst({ params: [], results: [] }, 0);
const B = new TagInst({ params: [0x7f], results: [] }, 1);
/** The instance's tags by index: 0 is A, 1 is B. */
const tags = [A, B];

function block(from: number, to: number, parent: number, tags: number[], delegate = NO_DELEGATE): TryBlock {
  return { from, to, parent, delegate, tags, targets: tags.map((_, j) => 1000 + from * 10 + j), stps: tags.map(() => 0), base: 0 };
}

describe('findHandler', () => {
  // Try 0 (body 10..100) catches A; try 1 (20..50) inside it catches B, then catch_all.
  const nested = [block(10, 100, TO_CALLER, [0]), block(20, 50, 0, [1, CATCH_ALL])];

  it('takes the innermost try whose body holds the pc, its first matching clause', () => {
    expect(findHandler(nested, 30, B, tags)).toEqual([1, 0]);
    expect(findHandler(nested, 30, A, tags)).toEqual([1, 1]); // catch_all before the outer try's catch A
    expect(findHandler(nested, 60, A, tags)).toEqual([0, 0]);
    expect(findHandler(nested, 60, B, tags)).toBeNull();
  });

  it('counts a pc as inside a body when from < pc <= to: pcs are just past the raising instruction', () => {
    expect(findHandler(nested, 10, A, tags)).toBeNull();
    expect(findHandler(nested, 11, A, tags)).toEqual([0, 0]);
    expect(findHandler(nested, 20, B, tags)).toBeNull(); // the instruction ending at 20 is before try 1
    expect(findHandler(nested, 50, B, tags)).toEqual([1, 0]);
    expect(findHandler(nested, 51, B, tags)).toBeNull();
    expect(findHandler(nested, 101, A, tags)).toBeNull();
  });

  it('goes on to the parent when no clause matches, not to another try that merely comes before', () => {
    // Try 1 (a sibling after try 0's body) has no parent: a miss there leaves the function.
    const siblings = [block(10, 20, TO_CALLER, [0]), block(30, 40, TO_CALLER, [1])];
    expect(findHandler(siblings, 35, A, tags)).toBeNull();
    expect(findHandler(siblings, 35, B, tags)).toEqual([1, 0]);
  });

  it('follows a delegate to the try it names, and to the caller', () => {
    // Try 0 catches A; try 1 inside it catches B; try 2 inside try 1 delegates to try 0 (skipping 1).
    const table = [block(10, 100, TO_CALLER, [0]), block(20, 80, 0, [1]), block(30, 40, 1, [], 0)];
    expect(findHandler(table, 35, B, tags)).toBeNull();
    expect(findHandler(table, 35, A, tags)).toEqual([0, 0]);
    expect(findHandler(table, 45, B, tags)).toEqual([1, 0]);
    table[2].delegate = TO_CALLER;
    expect(findHandler(table, 35, A, tags)).toBeNull();
  });

  it('compares tags by identity, not by type', () => {
    const twin = new TagInst({ params: [], results: [] }, 0);
    expect(findHandler([block(0, 10, TO_CALLER, [0])], 5, twin, tags)).toBeNull();
  });
});
