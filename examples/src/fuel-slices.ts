/**
 * Runs an untrusted module in fuel slices: the store meters execution, each slice may use
 * `slice` units of fuel, the event loop runs between slices (timers, I/O, a page's rendering),
 * and the run is stopped once it has taken more than `timeBudgetMs` of wall time. Run as a
 * script (`node examples/dist/fuel-slices.js`, after `pnpm build`), it stops `forever` and
 * computes `triangle` from ../fuel.wasm.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Module, type RunResult, Store, Trap, Val } from '@proj/interpreter';

export interface SliceOptions {
  /** Fuel for each slice. Default: 1,000,000 (a few milliseconds of work). */
  slice?: number;
  /** Wall time after which the run is stopped, in milliseconds. Default: 1,000. */
  timeBudgetMs?: number;
}

/** How a run in slices ended. */
export type SliceOutcome =
  | { kind: 'done'; values: Val[]; slices: number }
  | { kind: 'stopped'; slices: number; elapsedMs: number };

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs `result` slice by slice until it is done or its time is up (then ends it with a trap, which
 * releases its frames). The module has no host functions: a store with none linked cannot
 * instantiate one that imports any.
 */
async function drive(store: Store, result: RunResult, started: number, slice: number, timeBudgetMs: number): Promise<SliceOutcome> {
  let slices = 1;
  while (result.kind !== 'done') {
    if (result.kind === 'host') throw new Error('unreachable: nothing is linked for the module to call');
    const elapsedMs = performance.now() - started;
    if (elapsedMs > timeBudgetMs) {
      try {
        result.trap('time budget spent');
      } catch (e) {
        if (!(e instanceof Trap)) throw e;
      }
      return { kind: 'stopped', slices, elapsedMs };
    }
    await yieldToEventLoop();
    store.setFuel(slice);
    slices++;
    result = result.resume();
  }
  return { kind: 'done', values: result.values, slices };
}

/**
 * Instantiates `bytes` (its start function runs in slices too) and invokes export `name`.
 * @throws what `new Module` and `instantiate` throw for a bad module; Trap if it traps
 */
export async function runInSlices(bytes: Uint8Array, name: string, args: Val[], options: SliceOptions = {}): Promise<SliceOutcome> {
  const { slice = 1_000_000, timeBudgetMs = 1_000 } = options;
  const started = performance.now();
  const store = new Store({ fuel: slice, maxMemoryBytes: 64 << 20 });
  const inst = store.instantiate(new Module(bytes));
  // A start function that ran out of fuel left its pause behind.
  const start = store.lastPause();
  if (start !== undefined) {
    const outcome = await drive(store, start, started, slice, timeBudgetMs);
    if (outcome.kind === 'stopped') return outcome;
  }
  store.setFuel(slice);
  return drive(store, store.invoke(inst, name, args), started, slice, timeBudgetMs);
}

async function main(): Promise<void> {
  const bytes = new Uint8Array(readFileSync(resolve(fileURLToPath(new URL('.', import.meta.url)), '../fuel.wasm')));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const forever = await runInSlices(bytes, 'forever', [], { timeBudgetMs: 200 });
  console.log(`forever: ${forever.kind} after ${forever.slices} slices; a 10 ms timer fired ${ticks} times meanwhile`);
  const triangle = await runInSlices(bytes, 'triangle', [Val.i64(10_000_000n)]);
  clearInterval(timer);
  const [sum] = triangle.kind === 'done' ? triangle.values : [];
  if (sum?.type === 'i64') console.log(`triangle(10,000,000) = ${sum.value} in ${triangle.slices} slices`);
  else console.log(`triangle: stopped after ${triangle.slices} slices`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
