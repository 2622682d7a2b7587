;; Bulk memory and 64-bit memory traffic: memory.fill, overlapping memory.copy in both
;; directions, then a fold over the buffer with i64.load (aligned and unaligned) and i64.load32_u.
;; run(n) -> i32 checksum; no imports; one page of memory.
(module
  (memory 1)
  (func (export "run") (param $n i32) (result i32)
    (local $rep i32) (local $i i32) (local $h i64) (local $x i64)
    ;; Seed 16 KiB with an LCG, 8 bytes at a time.
    (local.set $x (i64.const 0x9E3779B97F4A7C15))
    (loop $seed
      (local.set $x
        (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
      (i64.store (local.get $i) (local.get $x))
      (br_if $seed (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 16384))))
    (block $done
      (loop $round
        (br_if $done (i32.ge_s (local.get $rep) (local.get $n)))
        ;; A 1 KiB window filled with a byte, at an offset that moves each round.
        (memory.fill
          (i32.and (i32.mul (local.get $rep) (i32.const 40)) (i32.const 8191))
          (i32.and (local.get $rep) (i32.const 255))
          (i32.const 1024))
        ;; Overlapping copies: forward (dst > src), then backward (dst < src).
        (memory.copy
          (i32.add (i32.and (local.get $rep) (i32.const 63)) (i32.const 1)) (i32.const 0) (i32.const 12288))
        (memory.copy
          (i32.const 0) (i32.add (i32.and (local.get $rep) (i32.const 31)) (i32.const 3)) (i32.const 12288))
        ;; Fold the buffer: every 8-byte word, plus an unaligned 4-byte read beside it.
        (local.set $i (i32.const 0))
        (loop $fold
          (local.set $h
            (i64.add
              (i64.rotl (i64.xor (local.get $h) (i64.load (local.get $i))) (i64.const 23))
              (i64.load32_u offset=3 (local.get $i))))
          (br_if $fold (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 16376))))
        ;; Feed the hash back so each round depends on the last.
        (i64.store (i32.and (i32.wrap_i64 (local.get $h)) (i32.const 16376)) (local.get $h))
        (local.set $rep (i32.add (local.get $rep) (i32.const 1)))
        (br $round)))
    (i32.xor (i32.wrap_i64 (local.get $h)) (i32.wrap_i64 (i64.shr_u (local.get $h) (i64.const 32))))))
