/**
 * i64 instructions computed on their 32-bit words (comparisons, multiply, shifts, rotations,
 * sign extensions) and f64 loads and stores moved as floats, against V8 on seeded inputs. Each
 * operation runs with both operands from parameters, with a constant count or operand (which the
 * compiled profile keeps as a constant), and in a loop that keeps its values in variables; the
 * accesses run plain and at a scaled index. Runs in every profile, like every API test.
 */
import { describe, expect, it } from 'vitest';
import { Store, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { done, prepare, V8Wasm, wat } from './wat.js';

const BINARY = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const COMPARE = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const UNARY = ['extend8_s', 'extend16_s', 'extend32_s'];
/** Second operands written as constants: shift counts around the word boundary, and a few others. */
const CONSTANTS = [0n, 1n, 7n, 31n, 32n, 33n, 63n, 64n, 100n, -1n, 0x9e3779b97f4a7c15n - (1n << 64n)];

const EDGES = [0n, 1n, -1n, 31n, 32n, 63n, 64n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 1n << 32n, (1n << 63n) - 1n, -(1n << 63n)];

const MODULE = `(module
  (memory 1)
  ${BINARY.map((k) => `(func (export "${k}") (param i64 i64) (result i64) (i64.${k} (local.get 0) (local.get 1)))`).join('\n  ')}
  ${COMPARE.map((k) => `(func (export "${k}") (param i64 i64) (result i32) (i64.${k} (local.get 0) (local.get 1)))`).join('\n  ')}
  ${UNARY.map((k) => `(func (export "${k}") (param i64) (result i64) (i64.${k} (local.get 0)))`).join('\n  ')}
  (func (export "eqz") (param i64) (result i32) (i64.eqz (local.get 0)))
  ${BINARY.flatMap((k) => CONSTANTS.map((c, j) => `(func (export "${k}_k${j}") (param i64) (result i64) (i64.${k} (local.get 0) (i64.const ${c})))`)).join('\n  ')}
  ${COMPARE.flatMap((k) => CONSTANTS.map((c, j) => `(func (export "${k}_k${j}") (param i64) (result i32) (i64.${k} (local.get 0) (i64.const ${c})))`)).join('\n  ')}
  ;; A mixing loop in the style of a 64-bit hash: the values stay in locals across iterations.
  (func (export "mix") (param $x i64) (param $y i64) (param $n i32) (result i64) (local $t i64)
    (loop $l
      (local.set $t (i64.mul (i64.xor (local.get $x) (i64.rotr (local.get $y) (i64.const 29))) (i64.const 0x100000001b3)))
      (local.set $x (i64.add (i64.rotl (local.get $t) (local.get $y)) (i64.shr_u (local.get $x) (i64.const 33))))
      (local.set $y (i64.sub (i64.shl (local.get $y) (i64.const 5)) (i64.shr_s (local.get $t) (local.get $x))))
      (if (i64.lt_u (local.get $x) (local.get $y)) (then (local.set $y (i64.extend32_s (i64.xor (local.get $y) (local.get $x))))))
      (if (i64.ge_s (local.get $t) (i64.const 0)) (then (local.set $x (i64.extend16_s (local.get $x)))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i64.xor (local.get $x) (local.get $y)))
  ;; f64 bits through memory: stored as i64 and loaded as f64 (or the reverse), plain and at a
  ;; scaled index, then back; every bit of a NaN must survive.
  (func (export "f64_via_memory") (param $bits i64) (param $i i32) (result i64)
    (i64.store (i32.shl (local.get $i) (i32.const 3)) (local.get $bits))
    (f64.store offset=8 (i32.shl (local.get $i) (i32.const 3)) (f64.load (i32.shl (local.get $i) (i32.const 3))))
    (f64.store (i32.const 800) (f64.load offset=8 (i32.shl (local.get $i) (i32.const 3))))
    (i64.load (i32.const 800)))
  ;; f64 arithmetic on loaded values in a loop (the compiled profile keeps them in variables).
  (func (export "f64_sum") (param $n i32) (result f64) (local $s f64) (local $i i32)
    (loop $l
      (f64.store (i32.shl (local.get $i) (i32.const 3)) (f64.convert_i32_s (local.get $i)))
      (local.set $s (f64.add (f64.mul (local.get $s) (f64.const 0.5)) (f64.load (i32.shl (local.get $i) (i32.const 3)))))
      (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
)`;

const bytes = wat(MODULE);
const store = new Store();
const inst = store.instantiate(prepare(bytes));
const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes), {}).exports as Record<string, (...args: unknown[]) => unknown>;

/** Our result of export `name`, as V8's JavaScript API gives it (an i64 as a BigInt). */
function ours(name: string, args: Val[]): unknown {
  return (done(store.invoke(inst, name, args))[0] as { value: unknown }).value;
}

/** Seeded i64 inputs: the edges, then random words, some with a small high or low word. */
function inputs(seed: number, count: number): bigint[] {
  const next = rng32(seed);
  const out = [...EDGES];
  while (out.length < count) {
    const lo = BigInt(next());
    const hi = BigInt(next() % 4 === 0 ? next() % 3 : next());
    out.push(BigInt.asIntN(64, (hi << 32n) | lo));
  }
  return out;
}

describe('i64 operations on words, against V8', () => {
  const values = inputs(64, 40);

  it('binary operations and comparisons with both operands from parameters', () => {
    let checked = 0;
    for (const k of [...BINARY, ...COMPARE]) {
      for (const a of values) {
        for (const b of values) {
          expect(ours(k, [Val.i64(a), Val.i64(b)]), `${k}(${a}, ${b})`).toBe(v8[k]!(a, b));
          checked++;
        }
      }
    }
    expect(checked).toBe(21 * values.length ** 2);
  });

  it('with a constant second operand', () => {
    for (const k of [...BINARY, ...COMPARE]) {
      CONSTANTS.forEach((c, j) => {
        const name = `${k}_k${j}`;
        for (const a of values) expect(ours(name, [Val.i64(a)]), `${k}(${a}, ${c})`).toBe(v8[name]!(a));
      });
    }
  });

  it('unary operations', () => {
    for (const k of [...UNARY, 'eqz']) for (const a of values) expect(ours(k, [Val.i64(a)]), `${k}(${a})`).toBe(v8[k]!(a));
  });

  it('in a loop that keeps its values in variables', () => {
    const next = rng32(7);
    for (let i = 0; i < 60; i++) {
      const x = values[i % values.length]!;
      const y = values[(i * 7 + 3) % values.length]!;
      const n = 1 + (next() % 300);
      expect(ours('mix', [Val.i64(x), Val.i64(y), Val.i32(n)]), `mix(${x}, ${y}, ${n})`).toBe(v8.mix!(x, y, n));
    }
  });
});

describe('f64 loads and stores, against V8', () => {
  it('keep every bit of NaNs and other values, plain and at a scaled index', () => {
    const nans = [0x7ff0000000000001n, 0x7ff8000000000000n, 0x7ff4000000000000n, 0xfff0000000000abcn, 0x7fffffffffffffffn];
    const others = [0n, 0x8000000000000000n, 0x3ff0000000000000n, 0x7ff0000000000000n, 1n];
    let checked = 0;
    for (const bits of [...nans, ...others].map((b) => BigInt.asIntN(64, b))) {
      for (const i of [0, 3, 50]) {
        expect(ours('f64_via_memory', [Val.i64(bits), Val.i32(i)]), `bits ${bits.toString(16)} at ${i}`).toBe(bits);
        expect(v8.f64_via_memory!(bits, i)).toBe(bits);
        checked++;
      }
    }
    expect(checked).toBe(30);
  });

  it('arithmetic on loaded values in a loop', () => {
    for (const n of [1, 2, 17, 500]) expect(ours('f64_sum', [Val.i32(n)]), `f64_sum(${n})`).toBe(v8.f64_sum!(n));
  });
});
