;; The module of the fuel-slices example (src/fuel-slices.ts): `forever` never returns and never
;; calls the host; `triangle(n)` returns 0 + 1 + ... + (n - 1) after n passes through its loop.
(module
  (func (export "forever")
    (loop $l (br $l)))
  (func (export "triangle") (param $n i64) (result i64) (local $i i64) (local $sum i64)
    (block $done (loop $l
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (local.set $sum (i64.add (local.get $sum) (local.get $i)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $l)))
    (local.get $sum)))
