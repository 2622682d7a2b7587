/** The module the pages run: a sieve in linear memory that reports to the host, and an i64 recursion. */
export const TEST_WAT = `(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (func (export "primes") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $count i32)
    (local.set $i (i32.const 2))
    (block $done (loop $outer
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.eqz (i32.load8_u (local.get $i)))
        (then
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (local.set $j (i32.mul (local.get $i) (local.get $i)))
          (block $marked (loop $mark
            (br_if $marked (i32.ge_u (local.get $j) (local.get $n)))
            (i32.store8 (local.get $j) (i32.const 1))
            (local.set $j (i32.add (local.get $j) (local.get $i)))
            (br $mark)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $outer)))
    (call $log (local.get $count))
    (local.get $count))
  (func $fib (export "fib") (param $n i64) (result i64)
    (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
      (then (local.get $n))
      (else (i64.add (call $fib (i64.sub (local.get $n) (i64.const 1)))
                     (call $fib (i64.sub (local.get $n) (i64.const 2))))))))`;
