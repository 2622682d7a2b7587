/**
 * Differential test of generated C-like code against V8: bounded loops over locals and memory,
 * with the shapes the fast profile rewrites (address adds and scaled indexes folded into loads
 * and stores, loop steps fused with their test, comparisons fused with branches, f64 sums of
 * loads). Fixed seeds: a failure names the seed and prints the module. LOOP_SEEDS=n runs more.
 */
import { describe, expect, it } from 'vitest';
import { Store, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { done, prepare, V8Wasm, wat } from './wat.js';

const SEEDS = Number(process.env.LOOP_SEEDS ?? 300);

class Gen {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = rng32(seed);
  }
  int(n: number): number {
    return this.next() % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() / 2 ** 32 < p;
  }
}

const I32_LOCALS = ['$a', '$b', '$c', '$i', '$j'];
const CONSTS = [0, 1, 2, 3, 4, 7, 8, 16, 31, 255, 1024, 4096, -1, -8, 0x7fffffff, -0x80000000];

/** A memory address: in bounds most of the time, sometimes near or past the end (traps). */
function address(g: Gen, depth: number): string {
  const index = `(i32.and ${i32(g, depth + 1)} (i32.const ${g.pick([0xff, 0x3ff, 0xfff])}))`;
  switch (g.int(5)) {
    case 0:
      return `(i32.add (i32.shl ${index} (i32.const ${g.pick([1, 2, 3])})) (i32.const ${g.pick([0, 64, 1024, 8192])}))`;
    case 1:
      return `(i32.add (local.get ${g.pick(['$a', '$i'])}) (i32.const ${g.pick([0, 4, 8, 100])}))`;
    case 2:
      return `(i32.add (i32.const ${g.pick([16, 512])}) ${index})`;
    case 3:
      return `(i32.shl ${index} (i32.const 2))`;
    default:
      return g.chance(0.1) ? `(i32.const ${g.pick([65532, 65535, 65536, -4])})` : index;
  }
}

function i32(g: Gen, depth: number): string {
  if (depth > 3 || g.chance(0.3)) {
    return g.chance(0.6) ? `(local.get ${g.pick(I32_LOCALS)})` : `(i32.const ${g.pick(CONSTS)})`;
  }
  switch (g.int(8)) {
    case 0:
    case 1:
      return `(${g.pick(['i32.add', 'i32.sub', 'i32.mul', 'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_u', 'i32.shr_s'])} ${i32(g, depth + 1)} ${i32(g, depth + 1)})`;
    case 2:
      return `(i32.add ${i32(g, depth + 1)} (i32.const ${g.pick(CONSTS)}))`;
    case 3:
      return `(${g.pick(['i32.load', 'i32.load8_u', 'i32.load8_s', 'i32.load16_u'])} ${address(g, depth)})`;
    case 4:
      return `(${g.pick(['i32.eq', 'i32.ne', 'i32.lt_s', 'i32.lt_u', 'i32.gt_s', 'i32.ge_u', 'i32.le_s'])} ${i32(g, depth + 1)} ${i32(g, depth + 1)})`;
    case 5:
      return `(local.tee ${g.pick(I32_LOCALS)} ${i32(g, depth + 1)})`;
    case 6:
      return `(${g.pick(['f64.lt', 'f64.ge', 'f64.ne'])} ${f64(g, depth + 1)} ${f64(g, depth + 1)})`;
    default:
      return `(i32.wrap_i64 (i64.load ${address(g, depth)}))`;
  }
}

function f64(g: Gen, depth: number): string {
  if (depth > 3 || g.chance(0.3)) return g.chance(0.5) ? '(local.get $x)' : `(f64.convert_i32_s ${i32(g, depth + 1)})`;
  switch (g.int(3)) {
    case 0:
      return `(${g.pick(['f64.add', 'f64.mul'])} (f64.load ${address(g, depth)}) (f64.load ${address(g, depth)}))`;
    case 1:
      return `(${g.pick(['f64.add', 'f64.sub', 'f64.mul'])} ${f64(g, depth + 1)} ${f64(g, depth + 1)})`;
    default:
      return `(f64.load ${address(g, depth)})`;
  }
}

/**
 * An f64 with NaNs turned to 0: the bits of a NaN that arithmetic produces are not deterministic
 * (each engine may propagate another operand's payload), so none may reach memory or the result.
 */
function canon(expr: string): string {
  return `(select (f64.const 0) (local.tee $y ${expr}) (f64.ne (local.get $y) (local.get $y)))`;
}

function statement(g: Gen, depth: number): string {
  switch (g.int(9)) {
    case 0:
    case 1:
      return `(local.set ${g.pick(I32_LOCALS)} ${i32(g, depth)})`;
    case 2:
      return `(${g.pick(['i32.store', 'i32.store8', 'i32.store16'])} ${address(g, depth)} ${i32(g, depth)})`;
    case 3:
      return `(i64.store ${address(g, depth)} (i64.extend_i32_s ${i32(g, depth)}))`;
    case 4:
      return `(f64.store ${address(g, depth)} ${canon(f64(g, depth))})`;
    case 5:
      return `(local.set $x ${canon(f64(g, depth))})`;
    case 6:
      return depth > 1
        ? `(local.set $a (i32.add (local.get $a) (i32.const 1)))`
        : `(if ${i32(g, depth)} (then ${statement(g, depth + 1)}) (else ${statement(g, depth + 1)}))`;
    case 7:
      return depth > 1 ? `(drop ${i32(g, depth)})` : loop(g, depth + 1);
    default:
      return `(br_if $body ${i32(g, depth)})`;
  }
}

/** A loop bounded by fuel, with a step-and-test of a generated shape at its end. */
function loop(g: Gen, depth: number): string {
  const counter = g.pick(['$i', '$j']);
  const step = g.pick(['1', '4', '-1', '3']);
  const bound = g.pick([`(local.get $b)`, `(i32.const ${g.pick([10, 100, 0, -1])})`]);
  const test = g.pick([
    `(i32.ne (local.tee ${counter} (i32.add (local.get ${counter}) (i32.const ${step}))) ${bound})`,
    `(i32.lt_s (local.tee ${counter} (i32.add (local.get ${counter}) (i32.const ${step}))) ${bound})`,
    `(i32.lt_u (local.tee ${counter} (i32.add (local.get ${counter}) (local.get $c))) ${bound})`,
    `(local.tee ${counter} (i32.add (local.get ${counter}) (i32.const -1)))`,
  ]);
  const body = Array.from({ length: 1 + g.int(4) }, () => statement(g, depth + 1)).join('\n        ');
  return `(block $body (loop $top
        (br_if $body (i32.eqz (local.get $fuel)))
        (local.set $fuel (i32.sub (local.get $fuel) (i32.const 1)))
        ${body}
        (br_if $top ${test})))`;
}

function moduleText(seed: number): string {
  const g = new Gen(seed);
  const stmts = Array.from({ length: 2 + g.int(4) }, () => (g.chance(0.5) ? loop(g, 0) : statement(g, 2))).join('\n    ');
  return `(module (memory 1)
  (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\00\\00\\f0\\3f\\9a\\99\\99\\99\\99\\99\\b9\\3f")
  (func (export "f") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (local $i i32) (local $j i32) (local $x f64) (local $y f64) (local $fuel i32) (local $h i32) (local $k i32)
    (local.set $fuel (i32.const 300))
    (block $body
    ${stmts})
    ;; Checksum: the locals and the first 8 KiB of memory, word by word.
    (local.set $h (i32.xor (i32.xor (local.get $a) (i32.mul (local.get $b) (i32.const 31)))
      (i32.xor (i32.mul (local.get $c) (i32.const 131)) (i32.xor (local.get $i) (i32.mul (local.get $j) (i32.const 7))))))
    (local.set $h (i32.xor (local.get $h) (i32.wrap_i64 (i64.reinterpret_f64 (local.get $x)))))
    (block $done (loop $sum
      (br_if $done (i32.ge_u (local.get $k) (i32.const 8192)))
      (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 16777619)) (i32.load (local.get $k))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $sum)))
    (local.get $h)))`;
}

function outcome(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof V8Wasm.RuntimeError || (e as { kind?: string }).kind === 'trap') return 'trap';
    throw e;
  }
}

describe('generated loops with memory traffic', () => {
  it(`behave as on V8 (${SEEDS} seeded modules, 4 calls each)`, () => {
    const inputs = [
      [0, 10, 1],
      [5, 100, 3],
      [-1, 0, 7],
      [1000, -1, 2],
    ];
    let compared = 0;
    let traps = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const text = moduleText(seed);
      const bytes = wat(text);
      for (const args of inputs) {
        // A fresh instance per call on each side: memory starts from the data segment.
        const store = new Store();
        const inst = store.instantiate(prepare(bytes));
        const f = new V8Wasm.Instance(new V8Wasm.Module(bytes), {}).exports.f as (...a: number[]) => number;
        const mine = outcome(() => (done(store.invoke(inst, 'f', args.map((x) => Val.i32(x))))[0] as { value: number }).value);
        const theirs = outcome(() => f(...args));
        if (mine !== theirs) throw new Error(`seed ${seed}, args ${args.join(',')}: ours ${mine}, V8 ${theirs}\n${text}`);
        if (mine === 'trap') traps++;
        compared++;
      }
    }
    console.log(`loops: ${compared} calls compared, ${traps} trapped on both sides`);
    expect(compared).toBe(SEEDS * inputs.length);
    // The generator should trap sometimes (addresses past the end) but not most of the time.
    expect(traps).toBeGreaterThan(0);
    expect(traps).toBeLessThan(compared / 2);
  });
});
