/**
 * The cost of memory.grow: a module grows its memory page by page (as malloc implementations
 * do) up to each target size, in each profile and on V8; then one grow by a page at that size.
 * Page-by-page growth should cost time linear in the final size.
 *
 *   node --expose-gc tooling/bench/dist/grow.js [--exact] [--steps-up-to=MiB] [MiB ...]
 *
 * after pnpm build; default sizes 256 and 1024. --exact runs our stores with exactMemoryBuffers
 * (every grow copies, as before spare capacity); --steps-up-to skips page-by-page runs above it.
 */
import { Module, Store, Val, type Profile } from '@proj/interpreter';
import { assemble, loadWabt, V8Wasm } from '@proj/testkit';

const PROFILES: readonly Profile[] = ['fast', 'compact', 'compiled'];
const PAGE = 65536;

/** grow(n) calls memory.grow(1) n times and returns the last old size (-1 on failure). */
function source(initialPages: number): string {
  return `(module
  (memory ${initialPages})
  (func (export "grow") (param $n i32) (result i32) (local $r i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $r (memory.grow (i32.const 1)))
      (br_if $done (i32.eq (local.get $r) (i32.const -1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $r)))`;
}

/** Grows by `n` pages, one at a time: returns the time in ms. */
type Grower = (n: number, expectedOld: number) => number;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function ours(bytes: Uint8Array, profile: Profile): Grower {
  const store = new Store({ exactMemoryBuffers: exact });
  const inst = store.instantiate(new Module(bytes, { profile }));
  return (n, expectedOld) => {
    const t0 = performance.now();
    const r = store.invoke(inst, 'grow', [Val.i32(n)]);
    const t = performance.now() - t0;
    const v = r.kind === 'done' ? r.values[0] : undefined;
    if (v?.type !== 'i32' || v.value !== expectedOld) throw new Error(`${profile}: growth failed`);
    return t;
  };
}

function v8(bytes: Uint8Array): Grower {
  const grow = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports.grow as (n: number) => number;
  return (n, expectedOld) => {
    const t0 = performance.now();
    const old = grow(n);
    const t = performance.now() - t0;
    if (old !== expectedOld) throw new Error('V8: growth failed');
    return t;
  };
}

const args = process.argv.slice(2);
const exact = args.includes('--exact');
const stepLimit = Number(args.find((a) => a.startsWith('--steps-up-to='))?.slice('--steps-up-to='.length) ?? Infinity);
const sizes = args.filter((a) => !a.startsWith('--')).map(Number);
const targets = sizes.length > 0 ? sizes : [256, 1024];
const wabt = await loadWabt();
const engines: [string, (bytes: Uint8Array) => Grower][] = [
  ['V8', v8],
  ...PROFILES.map((p): [string, (bytes: Uint8Array) => Grower] => [p, (bytes) => ours(bytes, p)]),
];

console.log('| target | engine | page by page from 64 KiB | its last grow | one grow of a fresh memory of that size |');
console.log('| ---: | --- | ---: | ---: | ---: |');
for (const mib of targets) {
  const pages = (mib * 1024 * 1024) / PAGE;
  for (const [name, make] of engines) {
    let steps = 'not run';
    let last = 'not run';
    if (mib <= stepLimit) {
      gc();
      const grow = make(assemble(wabt, source(1)));
      const total = grow(pages - 2, pages - 2);
      const one = grow(1, pages - 1);
      steps = `${(total + one).toFixed(0)} ms`;
      last = `${one.toFixed(2)} ms`;
    }
    gc();
    const fresh = make(assemble(wabt, source(pages - 1)))(1, pages - 1);
    console.log(`| ${mib} MiB | ${name} | ${steps} | ${last} | ${fresh.toFixed(2)} ms |`);
  }
}
