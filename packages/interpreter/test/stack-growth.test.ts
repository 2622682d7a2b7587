/**
 * The value stack grows while a function's frame is live: a call whose callee's frame does not
 * fit moves every frame to a larger stack. The caller goes on after the call on the new stack, in
 * every profile; in `compiled`, whose functions keep views of the stack in variables, this is why
 * such a call is left to the run loop. Functions with locals enough to end their frames at every
 * place around the initial stack's end make sure one of them calls past it.
 */
import { describe, expect, it } from 'vitest';
import { Store, Val } from '@proj/interpreter';
import { done, prepare, V8Wasm, val, wat } from './wat.js';

/** A frame of `locals` cells, with a v128 local (SIMD code reads the frame through its lane views) and an i64 one. */
function moduleText(locals: number): string {
  return `(module
    (func $deep (param $n i32) (result i32)
      (if (result i32) (local.get $n)
        (then (i32.add (call $deep (i32.sub (local.get $n) (i32.const 1))) (i32.const 1)))
        (else (i32.const 0))))
    (func $big (param $n i32) (result i64) (local $v v128) (local $w v128) (local $j i64) (local ${'i32 '.repeat(locals)})
      (local.set $v (f32x4.splat (f32.convert_i32_s (local.get $n))))
      (local.set $w (i8x16.splat (i32.const -7)))
      (local.set $j (i64.const 0x1234567890))
      (local.set $n (i32.add (local.get $n) (call $deep (local.get $n))))
      ;; Vectors written after the call, read a lane at a time.
      (local.set $w (i16x8.replace_lane 5 (i8x16.splat (local.get $n)) (i32.const 1000)))
      (i64.add
        (i64.add (local.get $j) (i64.extend_i32_s (local.get $n)))
        (i64.extend_i32_s
          (i32.add
            (i32.trunc_f32_s (f32x4.extract_lane 1 (f32x4.add (local.get $v) (local.get $v))))
            (i32.mul (i8x16.extract_lane_s 3 (local.get $w)) (i16x8.extract_lane_u 5 (local.get $w)))))))
    (func (export "run") (param $n i32) (result i64) (local $acc i64) (local $i i32)
      (loop $l
        (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 31)) (call $big (i32.add (local.get $i) (i32.const 3)))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $acc)))`;
}

describe('a call past the end of the value stack', () => {
  it('grows the stack and the caller goes on with its frame, its vectors and its wide values', () => {
    for (let locals = 4060; locals <= 4110; locals += 5) {
      const bytes = wat(moduleText(locals));
      const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports.run as (n: number) => bigint;
      // A fresh store per run: its stack starts at the initial size.
      for (const n of [1, 40]) {
        const store = new Store();
        const inst = store.instantiate(prepare(bytes));
        expect(val(done(store.invoke(inst, 'run', [Val.i32(n)]))[0]), `${locals} locals, n = ${n}`).toBe(v8(n));
      }
    }
  });
});
