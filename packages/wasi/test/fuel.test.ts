// Metered runs (RunOptions.fuel): with ample fuel a program behaves as it does unmetered, its
// asynchronous WASI calls included; the budget covers the whole run, start function included;
// running out ends the run as a trap with the reason `out of fuel`.
import { Module, Store, Trap } from '@proj/interpreter';
import { assemble, loadWabt } from '@proj/testkit';
import { describe, expect, test } from 'vitest';
import { createWebAssembly } from '@proj/webassembly';
import { OUT_OF_FUEL, Wasi, WasiJsApi, runCommand, runReactor, type OutputSink } from '../src/index.js';
import { PROFILE } from './harness.js';

const P = 'wasi_snapshot_preview1';
const wat = async (text: string) => assemble(await loadWabt(), text);

/**
 * A command whose start function counts to 50 and whose _start copies stdin to stdout 7 bytes at
 * a time, then writes the count and exits with 3.
 */
const COPY = `(module
  (import "${P}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "${P}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "${P}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (func $count
    (loop $l (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (br_if $l (i32.lt_u (global.get $count) (i32.const 50)))))
  (start $count)
  (func (export "_start")
    (loop $l
      (i32.store (i32.const 0) (i32.const 100))
      (i32.store (i32.const 4) (i32.const 7))
      (if (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)) (then (call $exit (i32.const 99))))
      (if (i32.load (i32.const 8)) (then
        (i32.store (i32.const 4) (i32.load (i32.const 8)))
        (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))
        (br $l))))
    (i32.store8 (i32.const 100) (global.get $count))
    (i32.store (i32.const 4) (i32.const 1))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))
    (call $exit (i32.const 3))))`;

/** A command that never ends: its _start loops without calling the host. */
const SPIN = `(module (memory (export "memory") 1) (func (export "_start") (loop (br 0))))`;

/** A command whose start function never ends. */
const SPIN_AT_START = `(module (memory (export "memory") 1) (func $spin (loop (br 0))) (start $spin) (func (export "_start")))`;

const INPUT = ['a first line\n', 'and a second, longer than seven bytes\n', 'the end'];
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Standard input that delivers each chunk after a delay, and stdout that completes later. */
function streams(): { stdin: () => Promise<string | null>; stdout: OutputSink; output: () => string } {
  const queue = [...INPUT];
  const out: number[] = [];
  return {
    stdin: () => later(2).then(() => queue.shift() ?? null),
    stdout: (bytes: Uint8Array) => later(1).then(() => void out.push(...bytes)),
    output: () => String.fromCharCode(...out),
  };
}

const EXPECTED_OUTPUT = INPUT.join('') + String.fromCharCode(50);

/** Runs COPY unmetered-equivalent with a huge budget through the Wasi class, returning what it used. */
async function fuelUsedByCopy(bytes: Uint8Array): Promise<number> {
  const budget = 1_000_000_000;
  const { stdin, stdout, output } = streams();
  const wasi = new Wasi({ stdin, stdout });
  const store = new Store({ fuel: budget });
  wasi.link(store);
  const inst = await wasi.instantiate(store, new Module(bytes, { profile: PROFILE }));
  const afterStart = store.getFuel();
  expect(afterStart).toBeLessThan(budget);
  expect(await wasi.start(store, inst)).toBe(3);
  expect(store.getFuel()).toBeLessThan(afterStart);
  expect(output()).toBe(EXPECTED_OUTPUT);
  return budget - store.getFuel();
}

describe('RunOptions.fuel', () => {
  test('with ample fuel a program runs as unmetered: asynchronous input and output, exit code', async () => {
    const bytes = await wat(COPY);
    const unmetered = streams();
    expect(await runCommand(bytes, { stdin: unmetered.stdin, stdout: unmetered.stdout, profile: PROFILE })).toBe(3);
    const metered = streams();
    expect(await runCommand(bytes, { stdin: metered.stdin, stdout: metered.stdout, profile: PROFILE, fuel: 10_000_000 })).toBe(3);
    expect(metered.output()).toBe(unmetered.output());
    expect(metered.output()).toBe(EXPECTED_OUTPUT);
  });

  test('the budget covers the whole run: exactly what it uses suffices, one unit less traps', async () => {
    const bytes = await wat(COPY);
    const used = await fuelUsedByCopy(bytes);
    const enough = streams();
    expect(await runCommand(bytes, { stdin: enough.stdin, stdout: enough.stdout, profile: PROFILE, fuel: used })).toBe(3);
    expect(enough.output()).toBe(EXPECTED_OUTPUT);
    const short = streams();
    const run = runCommand(bytes, { stdin: short.stdin, stdout: short.stdout, profile: PROFILE, fuel: used - 1 });
    await expect(run).rejects.toThrow(Trap);
    await expect(run).rejects.toMatchObject({ reason: OUT_OF_FUEL });
    // It ran out after copying its input, before writing the count.
    expect(short.output()).toBe(INPUT.join(''));
  });

  test('a program that never calls the host is stopped', async () => {
    const run = runCommand(await wat(SPIN), { profile: PROFILE, fuel: 100_000 });
    await expect(run).rejects.toThrow(Trap);
    await expect(run).rejects.toMatchObject({ reason: 'out of fuel' });
  });

  test('a start function that never ends is stopped during instantiation', async () => {
    const run = runCommand(await wat(SPIN_AT_START), { profile: PROFILE, fuel: 100_000 });
    await expect(run).rejects.toMatchObject({ reason: 'out of fuel' });
  });

  test('a start function is metered too', async () => {
    const bytes = await wat(COPY);
    // The start function's loop costs more than 10 units: it cannot finish.
    await expect(runCommand(bytes, { stdin: '', profile: PROFILE, fuel: 10 })).rejects.toMatchObject({ reason: OUT_OF_FUEL });
    expect(await runCommand(bytes, { stdin: '', stdout: () => {}, profile: PROFILE })).toBe(3);
  });

  test('a reactor shares one budget among its invocations, and its store can be given more', async () => {
    const bytes = await wat(`(module (memory (export "memory") 1)
      (func (export "work") (local $i i32)
        (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (i32.const 100))))))`);
    const reactor = await runReactor(bytes, { profile: PROFILE, fuel: 2_000 });
    await reactor.invoke('work');
    const perCall = 2_000 - reactor.store.getFuel();
    expect(perCall).toBeGreaterThan(100);
    let calls = 1;
    await expect(
      (async () => {
        for (; calls < 100; calls++) await reactor.invoke('work');
      })(),
    ).rejects.toMatchObject({ reason: OUT_OF_FUEL });
    expect(calls).toBe(Math.floor(2_000 / perCall));
    reactor.store.setFuel(perCall);
    expect(await reactor.invoke('work')).toEqual([]);
    expect(reactor.store.getFuel()).toBe(0);
  });

  test('refuses a budget that is not a non-negative integer', async () => {
    const bytes = await wat(SPIN);
    for (const fuel of [-1, 1.5, Infinity, NaN]) await expect(runCommand(bytes, { fuel })).rejects.toMatchObject({ kind: 'invalid' });
  });

  test('through WasiJsApi on a metered @proj/webassembly: with JSPI the run goes on in slices, without it traps', async () => {
    const bytes = await wat(COPY);
    const input = 'seven b'.repeat(100);
    // 500 units pay for the start function (about 400), not for _start's copy of 700 bytes.
    const W = createWebAssembly({ profile: PROFILE, fuel: 500 });
    const out: number[] = [];
    const jspi = new WasiJsApi({ stdin: input, stdout: (b) => void out.push(...b) }, W);
    const { instance } = (await W.instantiate(bytes, jspi.getImportObject())) as { instance: { exports: Record<string, unknown> } };
    expect(await jspi.start(instance)).toBe(3);
    expect(String.fromCharCode(...out)).toBe(input + String.fromCharCode(50));
    const plain = new WasiJsApi({ stdin: input, stdout: () => {} });
    const { instance: unsliced } = (await W.instantiate(bytes, plain.getImportObject())) as { instance: { exports: Record<string, unknown> } };
    await expect(plain.start(unsliced)).rejects.toThrow(new W.RuntimeError('out of fuel'));
  });
});
