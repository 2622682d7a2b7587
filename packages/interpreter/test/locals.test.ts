/**
 * Declared locals start at zero (null for references) in a frame where an earlier call left every
 * word set: a function's entry clears only the words its locals' types read, so each type's
 * width is checked here, read back through its own instructions. The functions are entered at
 * their start and, with a loop there, through the run loop's entry (in `compiled`, such a
 * function reads its locals from the frame); one is large enough for `compiled` to translate in
 * pieces, whose dispatcher sets the frame itself. Runs in every profile, like every API test.
 */
import { describe, expect, it } from 'vitest';
import { Store, Val } from '@proj/interpreter';
import { done, prepare, V8Wasm, val, wat } from './wat.js';

/** What a function reads of its scalar locals: 0 when every one starts at zero or null. */
const READ_SCALARS = `
    (i32.or (local.get $i)
      (i32.or (i32.wrap_i64 (i64.or (local.get $j) (i64.shr_u (local.get $j) (i64.const 32))))
        (i32.or (i32.reinterpret_f32 (local.get $s))
          (i32.or (i32.wrap_i64 (i64.or (i64.reinterpret_f64 (local.get $d)) (i64.shr_u (i64.reinterpret_f64 (local.get $d)) (i64.const 32))))
            (i32.or (i32.eqz (ref.is_null (local.get $f))) (i32.eqz (ref.is_null (local.get $e))))))))`;

const SCALARS = '(local $i i32) (local $j i64) (local $s f32) (local $d f64) (local $f funcref) (local $e externref)';

/** The same with a v128 local (in `compact`, a function with one moves its locals' whole cells). */
const READ_LOCALS = `(i32.or (v128.any_true (local.get $v)) ${READ_SCALARS})`;
const LOCALS = `${SCALARS} (local $v v128)`;

/** Instructions of $large: past what `compiled` translates as one function. */
const LARGE = 2000;

const MODULE = `(module
  ;; Sets every word of its locals and operand stack, as far up the frame as the others reach.
  (func $dirty (local v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    (local.set 0 (i8x16.splat (i32.const -1)))
    ${Array.from({ length: 11 }, (_, k) => `(local.set ${k + 1} (local.get ${k}))`).join(' ')})
  (func $fresh (param $n i32) (result i32) ${LOCALS}
    ${READ_LOCALS})
  ;; Entered at its loop: a branch goes back to its start.
  (func $looping (param $n i32) (result i32) ${LOCALS}
    (loop $again
      (br_if $again (i32.gt_s (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (i32.const 0))))
    ${READ_LOCALS})
  (func $scalars (param $n i32) (result i32) ${SCALARS}
    ${READ_SCALARS})
  ;; Large enough to be compiled in pieces (whose dispatcher sets the frame in \`compiled\`).
  (func $large (param $n i32) (result i32) ${LOCALS} (local $pad i32)
    ${'(local.set $pad (i32.add (local.get $pad) (i32.const 1)))\n'.repeat(LARGE)}
    (i32.or (i32.sub (local.get $pad) (i32.const ${LARGE})) ${READ_LOCALS}))
  ;; Dirties the frame, then reads the locals of a function called at the same place, n times.
  (func (export "run") (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (call $dirty)
      (local.set $acc (i32.or (local.get $acc) (call $fresh (i32.const 0))))
      (call $dirty)
      (local.set $acc (i32.or (local.get $acc) (i32.shl (call $looping (i32.const 3)) (i32.const 1))))
      (call $dirty)
      (local.set $acc (i32.or (local.get $acc) (i32.shl (call $scalars (i32.const 0)) (i32.const 2))))
      (call $dirty)
      (local.set $acc (i32.or (local.get $acc) (i32.shl (call $large (i32.const 0)) (i32.const 3))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc)))`;

describe('declared locals', () => {
  it('start at zero or null, in every word their type reads, after a call that set every word', () => {
    const bytes = wat(MODULE);
    const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports.run as (n: number) => number;
    expect(v8(1)).toBe(0);
    const store = new Store();
    const inst = store.instantiate(prepare(bytes));
    // Enough calls for the compiled profile to run its translations, not only the run loop.
    for (const n of [1, 50, 2000]) expect(val(done(store.invoke(inst, 'run', [Val.i32(n)]))[0]), `n = ${n}`).toBe(0);
  });
});
