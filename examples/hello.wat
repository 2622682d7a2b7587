;; The classic hello example: the host provides env.println(ptr, len) and prints the string it
;; reads from this module's memory.
(module
  (import "env" "println" (func $println (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello")
  (func (export "main")
    (call $println (i32.const 16) (i32.const 5))))
