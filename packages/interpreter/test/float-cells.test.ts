/**
 * f64 and f32 values in operand cells that also hold i32 values (the compiled profile keeps such
 * a cell in a variable of each kind), moved by copyF64 and copyF32, across calls, host calls and
 * NaN payloads, v128 cells used both as i32 lanes and as whole vectors, and cells that hold a
 * scalar f32 and v128 lanes, against V8 on seeded
 * inputs. Runs in every profile, like every API test.
 */
import { describe, expect, it } from 'vitest';
import { type RunResult, Store, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { prepare, V8Wasm, val, wat } from './wat.js';

const MODULE = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (memory 1)
  (func $g (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  ;; A matrix product over f64s at computed addresses, its rows normalised, then a checksum.
  (func (export "matmul") (param $n i32) (result i64) (local $i i32) (local $j i32) (local $k i32) (local $s f64) (local $h i64)
    (loop $init
      (f64.store (i32.shl (local.get $i) (i32.const 3))
        (f64.sub (f64.div (f64.convert_i32_u (i32.rem_u (i32.mul (local.get $i) (i32.const 7)) (i32.const 17))) (f64.const 16)) (f64.const 0.5)))
      (br_if $init (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 256))))
    (local.set $i (i32.const 0))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $s (f64.const 0))
        (local.set $k (i32.const 0))
        (loop $dot
          (local.set $s (f64.add (local.get $s)
            (f64.mul (f64.load (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $k)) (i32.const 3)))
                     (f64.load (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 3))))))
          (br_if $dot (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
        (f64.store offset=4096 (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))
          (f64.div (local.get $s) (f64.add (f64.sqrt (f64.abs (local.get $s))) (f64.const 1e-9))))
        (local.set $h (i64.add (i64.mul (local.get $h) (i64.const 31))
          (i64.reinterpret_f64 (f64.load offset=4096 (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))))))
        (br_if $cols (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))
      (br_if $rows (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $h))
  ;; A cell holding a remainder, then its conversion, then a call's argument, in a loop.
  (func (export "calls") (param $n i32) (result f64) (local $s f64) (local $i i32)
    (loop $l
      (local.set $s (f64.add (local.get $s) (f64.mul (f64.convert_i32_s (i32.rem_u (local.get $i) (i32.const 7))) (f64.const 0.5))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (call $g (i32.and (local.get $i) (i32.const 1))))) (local.get $n))))
    (local.get $s))
  ;; The same with a host call, which suspends the computation with the f64 sum live.
  (func (export "host") (param $n i32) (result f64) (local $s f64) (local $i i32)
    (loop $l
      (local.set $s (f64.add (f64.convert_i32_s (i32.rem_u (local.get $i) (i32.const 5))) (f64.mul (local.get $s) (f64.const 0.75))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.add (i32.and (call $h (local.get $i)) (i32.const 3)) (i32.const 1)))) (local.get $n))))
    (local.get $s))
  ;; Kinds that meet at an opaque instruction (a select at the loop's top).
  (func (export "meet") (param $n i32) (result f64) (local $s f64) (local $i i32) (local $x i64)
    (local.set $i (i32.add (i32.rem_u (local.get $n) (i32.const 3)) (i32.const 1)))
    (loop $l
      (local.set $x (select (local.get $x) (i64.const 1) (i32.and (local.get $i) (i32.const 4))))
      (local.set $s (f64.add (f64.convert_i32_s (i32.rem_u (local.get $i) (i32.const 7))) (local.get $s)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (f64.add (local.get $s) (f64.convert_i64_s (local.get $x))))
  ;; An f32 escape-time loop (its locals set from constants, then iterated as floats).
  (func (export "mandel32") (param $cx f32) (param $cy f32) (result i32) (local $x f32) (local $y f32) (local $t f32) (local $i i32)
    (local.set $x (f32.const 0)) (local.set $y (f32.const 0))
    (block $out (loop $l
      (br_if $out (f32.gt (f32.add (f32.mul (local.get $x) (local.get $x)) (f32.mul (local.get $y) (local.get $y))) (f32.const 4)))
      (local.set $t (f32.add (f32.sub (f32.mul (local.get $x) (local.get $x)) (f32.mul (local.get $y) (local.get $y))) (local.get $cx)))
      (local.set $y (f32.add (f32.mul (f32.add (local.get $x) (local.get $x)) (local.get $y)) (local.get $cy)))
      (local.set $x (local.get $t))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 200)))))
    (i32.xor (i32.mul (local.get $i) (i32.const 65599)) (i32.reinterpret_f32 (local.get $x))))
  ;; An f32 parameter returned as it came on some paths and after arithmetic on others.
  (func $keep32 (param $x f32) (param $n i32) (result f32) (local $y f32)
    (local.set $y (local.get $x))
    (if (i32.and (local.get $n) (i32.const 1)) (then (local.set $x (f32.mul (local.get $x) (f32.const 2)))))
    (if (i32.and (local.get $n) (i32.const 2)) (then (drop (call $g (local.get $n))) (local.set $y (local.get $x))))
    (f32.reinterpret_i32 (i32.xor (i32.reinterpret_f32 (local.get $y)) (i32.and (local.get $n) (i32.const 4)))))
  (func (export "keep32") (param $bits i32) (param $n i32) (result i32)
    (i32.reinterpret_f32 (call $keep32 (f32.reinterpret_i32 (local.get $bits)) (local.get $n))))
  ;; v128 cells used as i32 lanes (variables) and as whole vectors (the frame), in a loop with a
  ;; call: an i16 dot product widened to i32 lanes, and lanes mixed by byte shuffles.
  (func (export "lanes") (param $n i32) (param $seed i32) (result i32) (local $acc v128) (local $v v128) (local $i i32)
    (loop $fill
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.mul (i32.add (local.get $i) (local.get $seed)) (i32.const 0x9e3779b1)))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 256))))
    (local.set $i (i32.const 0))
    (loop $l
      (local.set $v (i32x4.mul (i32x4.extend_low_i16x8_s (v128.load (i32.and (i32.shl (local.get $i) (i32.const 4)) (i32.const 1008))))
                               (i32x4.extend_high_i16x8_s (v128.load offset=16 (i32.and (i32.shl (local.get $i) (i32.const 4)) (i32.const 992))))))
      (local.set $acc (i32x4.add (local.get $acc) (local.get $v)))
      (if (i32.and (local.get $i) (i32.const 3))
        (then (local.set $acc (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $acc) (local.get $v)))))
      (local.set $acc (i32x4.add (local.get $acc) (i32x4.splat (call $g (i32x4.extract_lane 1 (local.get $acc))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.xor (i32x4.extract_lane 0 (local.get $acc)) (i32.xor (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
  ;; Operand cells that hold a scalar f32, then f32 lanes, i32 lanes and i8 lanes (on whole
  ;; words), in a loop with a call: the cell of the f32 is the frame's while it holds floats.
  (func (export "mixed") (param $n i32) (param $seed i32) (result i32) (local $i i32) (local $p i32) (local $h i32)
    (loop $fill
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.mul (i32.add (local.get $i) (local.get $seed)) (i32.const 0x9e3779b1)))
      (f32.store offset=2048 (i32.shl (local.get $i) (i32.const 2))
        (f32.convert_i32_s (i32.rem_s (i32.mul (local.get $i) (local.get $seed)) (i32.const 1000))))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 256))))
    (local.set $i (i32.const 0))
    (loop $l
      (local.set $p (i32.and (i32.shl (local.get $i) (i32.const 4)) (i32.const 1008)))
      (f32.store offset=2048 (local.get $p) (f32.mul (f32.load offset=2052 (local.get $p)) (f32.const 0.75)))
      (v128.store offset=2048 (local.get $p)
        (f32x4.add (v128.load offset=2048 (local.get $p)) (f32x4.convert_i32x4_s (i32x4.shr_s (v128.load (local.get $p)) (i32.const 20)))))
      (v128.store (local.get $p)
        (i32x4.add (v128.load (local.get $p))
          (i8x16.add_sat_u (v128.load offset=16 (local.get $p)) (i8x16.sub (v128.load offset=2048 (local.get $p)) (v128.load offset=32 (local.get $p))))))
      (local.set $h (i32.add (local.get $h)
        (call $g (i32.xor (i32.load (local.get $p)) (i32.trunc_sat_f32_s (f32.load offset=2048 (local.get $p)))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.set $i (i32.const 0))
    (loop $sum
      (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (i32.load (i32.shl (local.get $i) (i32.const 2)))))
      (br_if $sum (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 768))))
    (local.get $h))
  ;; A NaN's payload through a cell that held an i32, a float move and a call: every bit kept.
  (func (export "payload") (param $bits i64) (param $n i32) (result i64) (local $f f64) (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.rem_u (local.get $n) (i32.const 3))))
      (local.set $f (f64.reinterpret_i64 (i64.xor (local.get $bits) (i64.extend_i32_u (i32.and (local.get $i) (i32.const 1))))))
      (drop (call $g (local.get $i)))
      (br_if $l (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (i32.const 9))))
    (i64.reinterpret_f64 (local.get $f)))
)`;

/** What the host import returns, in both engines. */
const answer = (x: number): number => (Math.imul(x, 0x9e3779b1) >>> 29) | 0;

const bytes = wat(MODULE);
const store = new Store();
store.linkFuncCustom('env', 'h', { params: ['i32'], results: ['i32'] });
const inst = store.instantiate(prepare(bytes));
const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes), { env: { h: answer } }).exports as Record<string, (...args: unknown[]) => unknown>;

/** Our result of export `name`, host calls answered as V8's import does. */
function ours(name: string, args: Val[]): unknown {
  let r: RunResult = store.invoke(inst, name, args);
  while (r.kind === 'host') r = r.call.resume([Val.i32(answer(val(r.call.args[0]) as number))]);
  if (r.kind !== 'done') throw new Error(`expected done, got ${r.kind}`);
  return val(r.values[0]);
}

/** The same f64 as V8's, bit for bit (Object.is: NaN equals NaN, -0 is not 0). */
const sameF64 = (a: unknown, b: unknown): boolean => Object.is(a, b);

describe('float values in cells that also hold i32 values, against V8', () => {
  const next = rng32(0xf64);

  it('a matrix product at computed addresses', () => {
    for (const n of [1, 2, 3, 5, 8, 16]) expect(ours('matmul', [Val.i32(n)]), `n = ${n}`).toBe(v8.matmul(n));
  });

  it('loops with calls, host calls and an opaque instruction', () => {
    for (let k = 0; k < 20; k++) {
      const n = k < 4 ? k : next() % 300;
      for (const name of ['calls', 'host', 'meet']) expect(sameF64(ours(name, [Val.i32(n)]), v8[name](n)), `${name}(${n})`).toBe(true);
    }
  });

  it('an f32 loop', () => {
    for (let k = 0; k < 40; k++) {
      const cx = Math.fround(((next() % 3000) - 2000) / 1000);
      const cy = Math.fround(((next() % 2400) - 1200) / 1000);
      expect(ours('mandel32', [Val.f32(cx), Val.f32(cy)]), `(${cx}, ${cy})`).toBe(v8.mandel32(cx, cy));
    }
  });

  it('f32 NaN payloads kept through moves, calls and the paths that do no arithmetic', () => {
    for (let k = 0; k < 40; k++) {
      // Signalling and quiet NaNs with random payloads, and ordinary values.
      const bits = k % 4 === 3 ? next() | 0 : ((k & 1 ? 0xff800000 : 0x7f800000) | (next() & 0x7fffff) | 1) | 0;
      const n = next() % 8;
      expect(ours('keep32', [Val.i32(bits), Val.i32(n)]), `bits ${bits}, n ${n}`).toBe(v8.keep32(bits, n));
    }
  });

  it('v128 cells as i32 lanes in variables and as whole vectors in the frame', () => {
    for (let k = 0; k < 20; k++) {
      const n = k < 3 ? k + 1 : next() % 200;
      const seed = next() | 0;
      expect(ours('lanes', [Val.i32(n), Val.i32(seed)]), `lanes(${n}, ${seed})`).toBe(v8.lanes(n, seed));
    }
  });

  it('cells that hold a scalar f32 and v128 lanes of f32, i32 and i8', () => {
    for (let k = 0; k < 20; k++) {
      const n = k < 3 ? k + 1 : next() % 200;
      const seed = next() | 0;
      expect(ours('mixed', [Val.i32(n), Val.i32(seed)]), `mixed(${n}, ${seed})`).toBe(v8.mixed(n, seed));
    }
  });

  it('NaN payloads through a cell that held an i32', () => {
    for (let k = 0; k < 30; k++) {
      // Signalling and quiet NaNs with random payloads, and a few ordinary values.
      const payload = (BigInt(next() & 0x7ffff) << 32n) | BigInt(next());
      const bits = k % 5 === 4 ? BigInt.asIntN(64, BigInt(next()) << 20n) : BigInt.asIntN(64, ((k & 1 ? 0xfffn : 0x7ffn) << 52n) | payload | 1n);
      const n = next() % 9;
      expect(ours('payload', [Val.i64(bits), Val.i32(n)]), `bits ${bits}, n ${n}`).toBe(v8.payload(bits, n));
    }
  });
});
