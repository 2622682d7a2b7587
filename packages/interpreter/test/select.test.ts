/**
 * `select` of every width (i32, i64, f32, f64, v128) in loops, against V8's own WebAssembly: the
 * operands are locals and values just computed, the result goes back into one of them, so that in
 * `compiled` the cells are JavaScript variables (an i64 or f64 select names its two words one by
 * one; a v128 select reads its operands in the frame and writes its lanes as variables). Fixed
 * seeds pick the conditions and the starting values; the digest of the final values is compared.
 */
import { describe, expect, it } from 'vitest';
import { Store, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { done, prepare, V8Wasm, wat } from './wat.js';

const SEEDS = 40;

/** The loop: each width's select, its operands updated in every round. */
const MODULE = `(module
  (func (export "run") (param $n i32) (param $k i32) (param $x i64) (param $y f64) (result i64)
    (local $i i32) (local $a i32) (local $b i64) (local $c f32) (local $d f64) (local $v v128) (local $w v128)
    (local.set $b (local.get $x))
    (local.set $d (local.get $y))
    (local.set $c (f32.demote_f64 (local.get $y)))
    (local.set $w (i64x2.splat (local.get $x)))
    (loop $l
      (local.set $a (select (i32.add (local.get $a) (local.get $i)) (i32.xor (local.get $a) (local.get $k)) (i32.and (local.get $i) (local.get $k))))
      (local.set $b (select (i64.mul (local.get $b) (i64.const 0x9e3779b97f4a7c15)) (i64.add (local.get $b) (i64.extend_i32_s (local.get $a))) (i32.and (local.get $a) (i32.const 4))))
      (local.set $c (select (f32.add (local.get $c) (f32.const 1.5)) (f32.mul (local.get $c) (f32.const -0.75)) (i32.and (local.get $i) (i32.const 1))))
      (local.set $d (select (local.get $d) (f64.sub (local.get $d) (f64.convert_i32_s (local.get $i))) (i32.and (local.get $a) (i32.const 2))))
      (local.set $v (i32x4.add (local.get $v) (i32x4.splat (local.get $a))))
      (local.set $w (select (local.get $v) (i32x4.mul (local.get $w) (i32x4.splat (i32.const 3))) (i32.and (local.get $i) (i32.const 2))))
      (local.set $w (i64x2.add (local.get $w) (i64x2.splat (local.get $b))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i64.xor
      (i64.xor (i64.extend_i32_u (local.get $a)) (local.get $b))
      (i64.xor
        (i64.xor (i64.reinterpret_f64 (local.get $d)) (i64.extend_i32_u (i32.reinterpret_f32 (local.get $c))))
        (i64.xor (i64x2.extract_lane 0 (local.get $w)) (i64x2.extract_lane 1 (local.get $w)))))))`;

describe('select of every width in loops, against V8', () => {
  const bytes = wat(MODULE, { simd: true });
  const theirs = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports['run'] as (n: number, k: number, x: bigint, y: number) => bigint;

  it(`${SEEDS} seeded runs give V8's digest`, () => {
    const store = new Store();
    const inst = store.instantiate(prepare(bytes));
    const next = rng32(7);
    for (let seed = 0; seed < SEEDS; seed++) {
      const n = 1 + (next() % 200);
      const k = next() | 0;
      const x = (BigInt(next()) << 32n) | BigInt(next());
      const y = (next() | 0) / 4096;
      // Twice, so that compiled code runs the second time (and a warm one the same).
      for (let rep = 0; rep < 2; rep++) {
        const [v] = done(store.invoke(inst, 'run', [Val.i32(n), Val.i32(k), Val.i64(x), Val.f64(y)])) as { value: bigint }[];
        expect(v?.value, `seed ${seed}: n ${n}, k ${k}, x ${x}, y ${y}`).toBe(BigInt.asIntN(64, theirs(n, k, x, y)));
      }
    }
  });
});
