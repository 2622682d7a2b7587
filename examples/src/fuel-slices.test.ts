import { readFileSync } from 'node:fs';
import { Trap, Val } from '@proj/interpreter';
import { assemble, loadWabt } from '@proj/testkit';
import { expect, it } from 'vitest';
import { runInSlices } from './fuel-slices.js';

const dir = new URL('..', import.meta.url);
const bytes = new Uint8Array(readFileSync(new URL('fuel.wasm', dir)));
const wat = async (text: string) => assemble(await loadWabt(), text);

it('fuel.wasm is fuel.wat assembled', async () => {
  expect(bytes).toEqual(await wat(readFileSync(new URL('fuel.wat', dir), 'utf8')));
});

it('runs a module that finishes to its result, over several slices', async () => {
  const outcome = await runInSlices(bytes, 'triangle', [Val.i64(200_000n)], { slice: 100_000 });
  expect(outcome).toMatchObject({ kind: 'done', values: [Val.i64(199_999n * 100_000n)] });
  expect(outcome.slices).toBeGreaterThan(10);
  // One slice is enough for a short run.
  expect(await runInSlices(bytes, 'triangle', [Val.i64(10n)])).toEqual({ kind: 'done', values: [Val.i64(45n)], slices: 1 });
});

it('stops a module that loops forever once its time is spent, and the event loop runs meanwhile', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    const outcome = await runInSlices(bytes, 'forever', [], { slice: 100_000, timeBudgetMs: 300 });
    expect(outcome.kind).toBe('stopped');
    if (outcome.kind !== 'stopped') return;
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(300);
    // Stopped at the first pause past the budget: one slice later, not seconds (the machine may be busy).
    expect(outcome.elapsedMs).toBeLessThan(3_000);
    expect(outcome.slices).toBeGreaterThan(2);
    expect(ticks).toBeGreaterThan(2);
  } finally {
    clearInterval(timer);
  }
});

it('runs a start function in slices too: one that never ends is stopped, one that ends runs on', async () => {
  const endless = await wat('(module (func $spin (loop (br 0))) (start $spin) (func (export "f")))');
  expect(await runInSlices(endless, 'f', [], { slice: 10_000, timeBudgetMs: 100 })).toMatchObject({ kind: 'stopped' });
  const counting = await wat(`(module (global $g (mut i32) (i32.const 0))
    (func $count (loop $l (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (br_if $l (i32.lt_u (global.get $g) (i32.const 100000)))))
    (start $count)
    (func (export "g") (result i32) (global.get $g)))`);
  expect(await runInSlices(counting, 'g', [], { slice: 10_000 })).toEqual({ kind: 'done', values: [Val.i32(100_000)], slices: 1 });
});

it('rejects with the Trap of a module that traps', async () => {
  const trapping = await wat('(module (func (export "f") unreachable))');
  await expect(runInSlices(trapping, 'f', [])).rejects.toThrow(Trap);
});
