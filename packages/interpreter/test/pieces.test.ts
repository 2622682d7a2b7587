/**
 * Large generated functions against V8's own WebAssembly: past the size `compiled` translates
 * whole, such a function runs in pieces, and each piece loads only the frame words live where it
 * is entered and stores only those live where control goes on (interp-core's compiled/liveness.ts).
 * The functions mix straight-line i32, i64 and f64 work on locals with blocks left by br_if,
 * short loops, selects and (in half of them) calls, so that values cross the cuts between pieces in every way:
 * written before a cut and read after it, written on one branch only, live around a loop, or
 * dead. Fixed seeds; a failure names its seed.
 */
import { describe, expect, it } from 'vitest';
import { Store, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { done, prepare, V8Wasm, wat } from './wat.js';

const SEEDS = 6;
/** Statements per function: each is a few instructions, so that the function passes 1,500. */
const STATEMENTS = 700;

const I32 = ['$a', '$b', '$c', '$d'];
const I64 = ['$x', '$y', '$z'];
const F64 = ['$p', '$q'];

function generate(seed: number): string {
  const next = rng32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length]!;
  const i32 = (): string => (next() % 3 === 0 ? `(i32.const ${(next() | 0) % 1000})` : `(local.get ${pick(I32)})`);
  const i64 = (): string => (next() % 3 === 0 ? `(i64.const ${next() | 0})` : `(local.get ${pick(I64)})`);
  const statement = (depth: number): string => {
    switch (next() % 10) {
      case 0:
      case 1:
        return `(local.set ${pick(I32)} (${pick(['i32.add', 'i32.sub', 'i32.xor', 'i32.mul', 'i32.rotl'])} ${i32()} ${i32()}))`;
      case 2:
        return `(local.set ${pick(I64)} (${pick(['i64.add', 'i64.xor', 'i64.mul', 'i64.rotr', 'i64.shr_u'])} ${i64()} ${i64()}))`;
      case 3:
        return `(local.set ${pick(F64)} (f64.add (local.get ${pick(F64)}) (f64.convert_i32_s ${i32()})))`;
      case 4:
        return `(local.set ${pick(I64)} (select ${i64()} ${i64()} ${i32()}))`;
      case 5:
        // A block left early: what it sets is written on one path only.
        return depth > 2
          ? `(local.set ${pick(I32)} ${i32()})`
          : `(block (br_if 0 (i32.and ${i32()} (i32.const 1))) ${statement(depth + 1)} ${statement(depth + 1)})`;
      case 6:
        return depth > 2
          ? `(local.set ${pick(I32)} (i32.wrap_i64 ${i64()}))`
          : `(if ${i32()} (then ${statement(depth + 1)}) (else ${statement(depth + 1)}))`;
      case 7:
        // A short loop (not nested: its counter is $i): its locals live around it.
        return depth > 2
          ? `(local.set ${pick(I32)} (i32.popcnt ${i32()}))`
          : `(local.set $i (i32.const ${1 + (next() % 4)})) (loop $l ${statement(3)} (br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))`;
      case 8:
        // (Odd seeds make no calls: a piece without one stores only the words live after it.)
        return seed % 2 === 0 ? `(local.set ${pick(I32)} (call $mix ${i32()} ${i32()}))` : `(local.set ${pick(I32)} (i32.clz ${i32()}))`;
      default:
        return `(local.set ${pick(I64)} (i64.extend_i32_u ${i32()}))`;
    }
  };
  const body = Array.from({ length: STATEMENTS }, () => statement(0)).join('\n');
  return `(module
    (func $mix (param i32 i32) (result i32) (i32.xor (i32.mul (local.get 0) (i32.const 31)) (local.get 1)))
    (func (export "run") (param $a i32) (param $x i64) (result i64)
      (local $b i32) (local $c i32) (local $d i32) (local $i i32) (local $y i64) (local $z i64) (local $p f64) (local $q f64)
      ${body}
      (i64.xor
        (i64.xor (i64.extend_i32_u (i32.xor (i32.xor (local.get $a) (local.get $b)) (i32.xor (local.get $c) (local.get $d))))
          (i64.xor (local.get $x) (i64.xor (local.get $y) (local.get $z))))
        (i64.xor (i64.trunc_sat_f64_s (local.get $p)) (i64.trunc_sat_f64_s (local.get $q))))))`;
}

describe('large functions (pieces in compiled) against V8', () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    it(`seed ${seed}`, () => {
      const bytes = wat(generate(seed));
      const theirs = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports['run'] as (a: number, x: bigint) => bigint;
      const store = new Store();
      const inst = store.instantiate(prepare(bytes));
      const args = rng32(seed * 7919);
      // Several calls each: the pieces are translated on the first, run warm after.
      for (let k = 0; k < 4; k++) {
        const a = args() | 0;
        const x = BigInt.asIntN(64, (BigInt(args()) << 32n) | BigInt(args()));
        const [v] = done(store.invoke(inst, 'run', [Val.i32(a), Val.i64(x)])) as { value: bigint }[];
        expect(v?.value, `seed ${seed}, a ${a}, x ${x}`).toBe(theirs(a, x));
      }
    });
  }
});
