/**
 * Functions longer than 32 kB: the compact profile keeps such a function's length apart from the
 * rest of its layout, so their ends (by falling off, `return` or a branch to the function's
 * label) and the returns into them are checked here, against V8, in both profiles.
 */
import { describe, expect, it } from 'vitest';
import { Store, Val } from '@proj/interpreter';
import { done, plain, prepare, V8Wasm, wat } from './wat.js';

const STEPS = 6000; // about 7 bytes each: a body of about 42 kB

const LONG = `(module
  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $long (export "long") (param $x i32) (result i32)
    (local $a i32)
    ${'(local.set $a (i32.add (local.get $a) (i32.const 1)))\n'.repeat(STEPS)}
    (local.set $a (call $inc (local.get $a)))
    ${'(local.set $a (i32.add (local.get $a) (i32.const 1)))\n'.repeat(STEPS)}
    (if (i32.eqz (local.get $x)) (then (return (local.get $a))))
    (drop (br_if 0 (local.get $a) (i32.eq (local.get $x) (i32.const 1))))
    (i32.add (local.get $a) (local.get $x)))
  (func (export "outer") (param i32) (result i32)
    (i32.mul (call $long (local.get 0)) (i32.const 2))))`;

describe('a function longer than 32 kB', () => {
  const bytes = wat(LONG);

  it('is that long', () => {
    expect(bytes.length).toBeGreaterThan(2 * 32 * 1024);
  });

  it('returns by falling off its end, by return and by a branch to its label, as in V8', () => {
    const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports as Record<string, (x: number) => number>;
    const s = new Store();
    const id = s.instantiate(prepare(bytes));
    for (const name of ['long', 'outer']) {
      for (const x of [0, 1, 5]) {
        const got = plain(done(s.invoke(id, name, [Val.i32(x)])));
        expect(got, `${name}(${x})`).toEqual([v8[name](x)]);
      }
    }
    expect(v8.long(5)).toBe(2 * STEPS + 1 + 5);
  });
});
