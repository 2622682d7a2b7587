/**
 * The live frame words of small functions (liveness.ts), read off their fast code: which words a
 * piece entered at an instruction would load, and which it would store where control goes on.
 */
import { assemble, loadWabt } from '@proj/testkit';
import { describe, expect, it } from 'vitest';
import { Module } from '../module.js';
import { registerProfile } from '../profiles.js';
import { fastProfile } from '../fast/profile.js';
import { disassemble } from '../fast/disassemble.js';
import type { PreparedFunc } from '../fast/translate.js';
import { isLive, liveWords } from './liveness.js';

const wabt = await loadWabt();
registerProfile(fastProfile);

/** The fast code of function 0 of `text`, its instructions' pcs, its disassembly and its live words. */
function analyse(text: string) {
  const fast = new Module(assemble(wabt, `(module ${text})`), { profile: 'fast' }).prepared(0) as PreparedFunc;
  const listing = disassemble(fast.code);
  const starts = Int32Array.from(listing.split('\n'), (line) => parseInt(line, 10));
  const live = liveWords(fast.code, starts, fast.frameCells() * 4);
  /** The words of cell `cell` live at instruction `i`. */
  const liveCell = (i: number, cell: number): boolean[] => [0, 1, 2, 3].map((w) => isLive(live(starts[i]), cell * 4 + w));
  return { listing, starts, live, liveCell };
}

describe('live frame words', () => {
  it('a local written before it is read is dead before the write, live after it; a parameter is live until its last read', () => {
    const { listing, liveCell } = analyse(`(func (param i32) (result i32) (local i32)
      (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (local.get 1))`);
    expect(listing).toMatch(/^0: i32Imm\.mul \$1 \$0 3\n\d+: i32\.add \$1 \$1 \$0\n\d+: return1 \$1$/);
    // At the multiply: the parameter (cell 0) is read, the local (cell 1) not yet.
    expect(liveCell(0, 0)[0]).toBe(true);
    expect(liveCell(0, 1)[0]).toBe(false);
    // At the add: both are read.
    expect(liveCell(1, 0)[0]).toBe(true);
    expect(liveCell(1, 1)[0]).toBe(true);
    // At the return: its result cell, whole; the parameter no longer.
    expect(liveCell(2, 1)).toEqual([true, true, true, true]);
    expect(liveCell(2, 0)[0]).toBe(false);
  });

  it('a word written on one path only stays live before the branch', () => {
    const { listing, liveCell } = analyse(`(func (param i32) (result i32) (local i32)
      (block (br_if 0 (local.get 0)) (local.set 1 (i32.const 7)))
      (local.get 1))`);
    expect(listing).toMatch(/^0: brIf \$0 @\d+\n/);
    // Where the branch skips the write, the local's value on entry is the result.
    expect(liveCell(0, 1)[0]).toBe(true);
  });

  it('a loop keeps what it reads live around it, and a call makes every word live', () => {
    const { listing, starts, live, liveCell } = analyse(`(func $f (param i32) (result i32) (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 2)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (drop (call $g))
      (local.get 1))
      (func $g (result i32) (i32.const 0))`);
    expect(listing).toMatch(/^0: i32Imm\.add \$1 \$1 2\n/);
    // The sum is read at the loop's start: live there (and so where the function starts).
    expect(liveCell(0, 1)[0]).toBe(true);
    const call = starts.findIndex((pc) => /^\d+: call /.test(listing.split('\n')[starts.indexOf(pc)]));
    expect(call).toBeGreaterThan(0);
    expect([...live(starts[call])!].every((bits) => bits === 0xffffffff)).toBe(true);
  });
});
