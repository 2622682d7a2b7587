/**
 * The fuel cost model (meter.ts) on small hand-written functions: what each function's entry and
 * each loop's header charge. Every expected cost is counted by hand in the comment next to it:
 * the longest path through the region, one unit per instruction, a nested loop counting as its
 * `loop` and `end`, a branch skipping the `end` it goes past.
 */
import { assemble, loadWabt } from '@proj/testkit';
import { validateModule } from '@proj/validator';
import { describe, expect, it } from 'vitest';
import { BULK_OPS, bulkCost, FuelMeter, MEMORY_BYTES_PER_FUEL, TABLE_ELEMENTS_PER_FUEL } from './meter.js';

const wabt = await loadWabt();

/** The costs the meter computes for the module whose fields are `text`: entries, loops in byte order. */
function costs(text: string): { entry: number[]; loops: number[] } {
  const bytes = assemble(wabt, `(module ${text})`, { features: { exceptions: true } });
  const meter = new FuelMeter();
  validateModule(bytes, meter);
  const loops = [...meter.loopCosts].sort((a, b) => a[0] - b[0]);
  // Keyed by the byte offset of each `loop` opcode.
  for (const [at] of loops) expect(bytes[at]).toBe(0x03);
  return { entry: meter.entryCosts, loops: loops.map(([, cost]) => cost) };
}

describe('function entry', () => {
  it('pays each instruction of straight-line code, the final end included', () => {
    // i32.const, i32.const, i32.add, end.
    expect(costs('(func (result i32) (i32.add (i32.const 1) (i32.const 2)))')).toEqual({ entry: [4], loops: [] });
    // An empty body is its end.
    expect(costs('(func)')).toEqual({ entry: [1], loops: [] });
  });

  it('counts a call as one instruction: the callee pays for itself at its own entry', () => {
    // $f: 10 nops, end. The caller: call, end.
    const nops = Array.from({ length: 10 }, () => '(nop)').join(' ');
    expect(costs(`(func $f ${nops}) (func (call $f))`)).toEqual({ entry: [11, 2], loops: [] });
  });

  it('counts a bulk operation as one instruction (its length is paid when it runs)', () => {
    // local.get, i32.const, local.get, memory.fill, end.
    expect(costs('(memory 1) (func (param i32 i32) (memory.fill (local.get 0) (i32.const 0) (local.get 1)))')).toEqual({ entry: [5], loops: [] });
  });
});

describe('loops', () => {
  it('(loop (br 0)): the entry pays the loop, the header its br; nothing after it is reachable', () => {
    expect(costs('(func (loop (br 0)) (nop) (nop))')).toEqual({ entry: [1], loops: [1] });
  });

  it('a loop that falls through: the entry pays loop, its end and what follows', () => {
    // Entry: loop, end (of the loop), end. Loop: local.get, br_if.
    expect(costs('(func (param i32) (loop (br_if 0 (local.get 0))))')).toEqual({ entry: [3], loops: [2] });
  });

  it('loops one after the other: each header pays its own body', () => {
    // Entry: loop, end, loop, end, end. Loops: local.get, br_if; then nop, local.get, br_if.
    expect(costs('(func (param i32) (loop (br_if 0 (local.get 0))) (loop (nop) (br_if 0 (local.get 0))))')).toEqual({
      entry: [5],
      loops: [2, 3],
    });
  });

  it('nested loops: an inner loop counts as its loop and end in the outer body', () => {
    // Entry: loop, end, end. Outer: nop, loop, end (inner), local.get, br_if. Inner: local.get,
    // i32.eqz, br_if.
    expect(costs('(func (param i32) (loop (nop) (loop (br_if 0 (i32.eqz (local.get 0)))) (br_if 0 (local.get 0))))')).toEqual({
      entry: [3],
      loops: [5, 3],
    });
  });

  it('a branch out of two nested loops to a block: the path there reached the outer loop and left it', () => {
    // Entry: block, loop $a, (from inside: the way out to past $done, its end not run)
    // i32.const, end = 4. $a: loop $b (which never falls through) = 1. $b: local.get, br_if, br.
    const text = `(func (param i32) (result i32)
      (block $done (loop $a (loop $b (br_if $done (local.get 0)) (br $b))))
      (i32.const 7))`;
    expect(costs(text)).toEqual({ entry: [4], loops: [1, 3] });
  });

  it('a branch out of an inner loop to a block inside the outer loop counts in the outer body', () => {
    // Entry: loop, end, end. Outer: block, loop $inner, (the way out of it to past $x) nop,
    // nop, local.get, br_if = 6. Inner: local.get, br_if, br.
    const text = `(func (param i32)
      (loop $outer
        (block $x (loop $inner (br_if $x (local.get 0)) (br $inner)))
        (nop) (nop)
        (br_if $outer (local.get 0))))`;
    expect(costs(text)).toEqual({ entry: [3], loops: [6, 3] });
  });

  it('a branch out of a loop to the function is a return: it adds nothing to the entry', () => {
    // Entry: loop (whose body never falls through). Loop: local.get, br_if, br.
    expect(costs('(func (param i32) (loop (br_if 1 (local.get 0)) (br 0)) (nop) (nop))')).toEqual({ entry: [1], loops: [3] });
  });

  it('a loop in an if arm: the arm counts its loop and end', () => {
    // Entry: local.get, if, then loop, end, else (5); the else arm from the if: 4 nops, end (7);
    // end. Loop: local.get, br_if.
    expect(costs('(func (param i32) (if (local.get 0) (then (loop (br_if 0 (local.get 0)))) (else (nop) (nop) (nop) (nop))))')).toEqual({
      entry: [8],
      loops: [2],
    });
  });
});

describe('branches', () => {
  it('if without else: the false edge may skip the then arm, the longer way counts', () => {
    // local.get, if, 3 nops, end, i32.const, end.
    expect(costs('(func (param i32) (result i32) (if (local.get 0) (then (nop) (nop) (nop))) (i32.const 1))')).toEqual({ entry: [8], loops: [] });
    // An empty then arm: local.get, if, end, end.
    expect(costs('(func (param i32) (if (local.get 0) (then)))')).toEqual({ entry: [4], loops: [] });
  });

  it('if without else whose then arm branches out: the false edge goes on past the if', () => {
    // block, local.get, if, (br: out, 4) or the false edge (3) past the if's end, 3 nops, the
    // block's end (7, longer than the br's 4), end.
    expect(costs('(func (param i32) (block (if (local.get 0) (then (br 1))) (nop) (nop) (nop)))')).toEqual({ entry: [8], loops: [] });
  });

  it('if and else: the longer arm counts, the then arm ending at the else', () => {
    // local.get, if; then: i32.const, else (4); else: nop, nop, i32.const, end (6); end.
    expect(costs('(func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (nop) (nop) (i32.const 2))))')).toEqual({
      entry: [7],
      loops: [],
    });
  });

  it('br_table: a pass pays for the longest case only', () => {
    // Three blocks, local.get, br_table (5); case $a: i32.const, return (7); case $b: nop,
    // nop, i32.const, return (9); case $c: i32.const, end (7).
    const text = `(func (param i32) (result i32)
      (block $c (block $b (block $a (br_table $a $b $c (local.get 0)))
          (return (i32.const 10)))
        (nop) (nop) (return (i32.const 20)))
      (i32.const 30))`;
    expect(costs(text)).toEqual({ entry: [9], loops: [] });
    // Repeated targets, one way: block, local.get, br_table, (the block's end, skipped) end.
    expect(costs('(func (param i32) (block (br_table 0 0 0 0 (local.get 0))))')).toEqual({ entry: [4], loops: [] });
  });

  it('br_if: both the branch and the fall-through count', () => {
    // block, local.get, br_if, then 3 nops and the block's end (7) beat the branch (3); end.
    expect(costs('(func (param i32) (block (br_if 0 (local.get 0)) (nop) (nop) (nop)))')).toEqual({ entry: [8], loops: [] });
  });
});

describe('unreachable code', () => {
  it('code after return, br or unreachable is never paid for', () => {
    // i32.const, return.
    expect(costs('(func (result i32) (return (i32.const 1)) (drop (i32.const 2)) (i32.const 3))')).toEqual({ entry: [2], loops: [] });
    // unreachable.
    expect(costs('(func (unreachable) (nop) (nop) (nop))')).toEqual({ entry: [1], loops: [] });
    // block, br, then the block's end is skipped; nop, end.
    expect(costs('(func (block (br 0) (nop) (nop) (nop)) (nop))')).toEqual({ entry: [4], loops: [] });
  });

  it('a loop in unreachable code costs nothing and adds nothing', () => {
    expect(costs('(func (return) (loop (nop) (br 0)))')).toEqual({ entry: [1], loops: [0] });
  });
});

describe('bulk operations', () => {
  it('pay one unit per 64 bytes or 16 table elements of their length, rounded up', () => {
    expect([0, 1, 64, 65, 128].map((n) => bulkCost(n, MEMORY_BYTES_PER_FUEL))).toEqual([0, 1, 1, 2, 2]);
    expect(bulkCost(2 ** 32 - 1, MEMORY_BYTES_PER_FUEL)).toBe(2 ** 26);
    expect([0, 1, 16, 17].map((n) => bulkCost(n, TABLE_ELEMENTS_PER_FUEL))).toEqual([0, 1, 1, 2]);
  });

  it('are memory.init, copy, fill and table.init, copy, grow, fill (not drops, sizes or memory.grow)', () => {
    const memory = [0x108, 0x10a, 0x10b];
    const table = [0x10c, 0x10e, 0x10f, 0x111];
    expect([...BULK_OPS.keys()].sort()).toEqual([...memory, ...table].sort());
    for (const op of memory) expect(BULK_OPS.get(op)).toBe(MEMORY_BYTES_PER_FUEL);
    for (const op of table) expect(BULK_OPS.get(op)).toBe(TABLE_ELEMENTS_PER_FUEL);
  });
});

describe('exception handling', () => {
  it('a clause starts after the longest path of its try so far: body, clause and what follows are paid', () => {
    // try, i32.const, throw (3); the clause from there: end of the try (4), end (5).
    expect(costs('(tag $e (param i32)) (func (result i32) (try (result i32) (do (i32.const 1) (throw $e)) (catch $e)))')).toEqual({ entry: [5], loops: [] });
    // try, i32.const, catch_all (3, also the body's way to the end); nop, nop, i32.const, end, end.
    expect(costs('(func (result i32) (try (result i32) (do (i32.const 1)) (catch_all (nop) (nop) (i32.const 2))))')).toEqual({ entry: [8], loops: [] });
  });

  it('the longest path so far may be one that returned before the try', () => {
    // local.get, if, 5 nops, return (8): the clause starts at 8 though the try is at 3; nop, end, end.
    expect(costs('(func (param i32) (if (local.get 0) (then nop nop nop nop nop return)) (try (do nop) (catch_all nop)))')).toEqual({ entry: [11], loops: [] });
  });

  it('delegate ends a try as end does; throw and rethrow end a path', () => {
    // try, try, nop, delegate (4), catch_all (5), end (6), end (7).
    expect(costs('(func (try (do (try (do nop) (delegate 0))) (catch_all)))')).toEqual({ entry: [7], loops: [] });
    // try, throw (2); the clause: rethrow (3); nothing after is reachable.
    expect(costs('(tag $e) (func (try (do (throw $e)) (catch $e (rethrow 0))))')).toEqual({ entry: [3], loops: [] });
  });

  it('a clause in a loop is paid by the loop\'s header', () => {
    // Entry: loop, end, end. Loop: try, local.get, br_if, catch_all (4: the body's jump past the
    // try's end, as else's); the clause from 4: br (5).
    expect(costs('(func (param i32) (loop (try (do (br_if 1 (local.get 0))) (catch_all (br 1)))))')).toEqual({ entry: [3], loops: [5] });
  });
});
