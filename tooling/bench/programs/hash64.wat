;; i64 without division: a splitmix64 stream folded by xxHash64-style rounds (mul, rotl, xor,
;; shifts) in a called function, with i64 compares, select, rotr by a variable amount and
;; clz/ctz/popcnt. Complements ../shared/bench/i64 (whose time goes mostly to div/rem).
;; run(n) -> i32 checksum; no imports, no memory.
(module
  (func $round (param $acc i64) (param $v i64) (result i64)
    (i64.mul
      (i64.rotl (i64.add (local.get $acc) (i64.mul (local.get $v) (i64.const 0xC2B2AE3D27D4EB4F))) (i64.const 31))
      (i64.const 0x9E3779B185EBCA87)))
  (func (export "run") (param $n i32) (result i32)
    (local $rep i32) (local $k i32) (local $s i64) (local $v i64) (local $a i64) (local $b i64) (local $c i64)
    (local.set $s (i64.const 0x0123456789ABCDEF))
    (local.set $a (i64.const 0x60EA27EEADC0B5D6))
    (local.set $b (i64.const 0x3C6EF372FE94F82B))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_s (local.get $rep) (local.get $n)))
        (local.set $k (i32.const 1000))
        (loop $inner
          ;; splitmix64
          (local.set $s (i64.add (local.get $s) (i64.const 0x9E3779B97F4A7C15)))
          (local.set $v (local.get $s))
          (local.set $v (i64.mul (i64.xor (local.get $v) (i64.shr_u (local.get $v) (i64.const 30))) (i64.const 0xBF58476D1CE4E5B9)))
          (local.set $v (i64.mul (i64.xor (local.get $v) (i64.shr_u (local.get $v) (i64.const 27))) (i64.const 0x94D049BB133111EB)))
          (local.set $v (i64.xor (local.get $v) (i64.shr_u (local.get $v) (i64.const 31))))
          ;; fold
          (local.set $a (call $round (local.get $a) (local.get $v)))
          (local.set $b
            (select
              (i64.sub (local.get $b) (i64.shr_s (local.get $v) (i64.const 7)))
              (i64.xor (local.get $b) (i64.shl (local.get $v) (i64.const 5)))
              (i64.lt_u (local.get $a) (local.get $v))))
          (local.set $b (i64.rotr (local.get $b) (i64.extend_i32_u (local.get $k))))
          (local.set $c
            (i64.add (local.get $c)
              (i64.add (i64.popcnt (local.get $a))
                (i64.add (i64.clz (local.get $b)) (i64.ctz (i64.or (local.get $v) (i64.const 0x8000000000000000)))))))
          (br_if $inner (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
        (local.set $rep (i32.add (local.get $rep) (i32.const 1)))
        (br $outer)))
    (i32.wrap_i64
      (i64.xor (i64.xor (local.get $a) (i64.rotl (local.get $b) (i64.const 17)))
        (i64.xor (local.get $c) (i64.shr_u (local.get $a) (i64.const 32)))))))
