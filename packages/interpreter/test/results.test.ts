/**
 * A function's result reaches its caller whatever its type and however the call is made, against
 * V8 on seeded inputs (NaN payloads included). In `compiled`, a return copies its result to the
 * start of its frame itself and says so to whoever called it: a compiled caller's own call site,
 * calls.ts (a caller too large to call its callees' JavaScript itself), or the run loop (a call
 * from the host, and metered runs that pause anywhere). Runs in every profile, like every API test.
 */
import { describe, expect, it } from 'vitest';
import { type RunResult, Store, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { done, prepare, V8Wasm, val, wat } from './wat.js';

/**
 * Callees of (param i64), each with its result as an i64 the callers return (its bits): for one
 * scalar result, from its type (bitsOf); the others say how.
 */
const CALLEES: Record<string, { type: string; body: string; bits?: string }> = {
  i32: { type: 'i32', body: '(i32.wrap_i64 (i64.rotl (local.get $x) (i64.const 7)))' },
  i64: { type: 'i64', body: '(i64.mul (local.get $x) (i64.const 0x9e3779b97f4a7c15))' },
  // Its parameter's cell is where the result goes.
  param: { type: 'i64', body: '(local.get $x)' },
  f32bits: { type: 'f32', body: '(f32.reinterpret_i32 (i32.wrap_i64 (local.get $x)))' },
  f32: { type: 'f32', body: '(f32.mul (f32.convert_i64_s (local.get $x)) (f32.const 1.5))' },
  // A result in a cell that was an i32, then an f32: the float holds it at the return.
  f32cell: { type: 'f32', body: '(f32.mul (f32.convert_i32_s (i32.add (i32.wrap_i64 (local.get $x)) (i32.const 1))) (f32.const 0.5))' },
  f64bits: { type: 'f64', body: '(f64.reinterpret_i64 (local.get $x))' },
  f64: { type: 'f64', body: '(f64.add (f64.convert_i64_s (local.get $x)) (f64.const 0.25))' },
  v128: {
    type: 'v128',
    body: '(i32x4.add (i64x2.splat (local.get $x)) (v128.const i32x4 1 2 3 4))',
    bits: '(i64.xor (i64x2.extract_lane 0 (call $v128 (local.get $x))) (i64.rotl (i64x2.extract_lane 1 (call $v128 (local.get $x))) (i64.const 1)))',
  },
  pair: {
    type: 'i32 i64',
    body: '(i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 32))) (i64.sub (i64.const 0) (local.get $x))',
    bits: '(block (result i64) (call $pair (local.get $x)) (local.set $b) (local.set $a) (i64.xor (i64.extend_i32_u (local.get $a)) (local.get $b)))',
  },
};

/** The bits of callee `name`'s result as an i64. */
function bitsOf(name: string): string {
  const { type, bits } = CALLEES[name];
  if (bits !== undefined) return bits;
  const call = `(call $${name} (local.get $x))`;
  if (type === 'i64') return call;
  if (type === 'i32') return `(i64.extend_i32_u ${call})`;
  if (type === 'f32') return `(i64.extend_i32_u (i32.reinterpret_f32 ${call}))`;
  if (type === 'f64') return `(i64.reinterpret_f64 ${call})`;
  throw new Error(`callee ${name}: say how its ${type} result becomes bits`);
}

/** Instructions that make a caller too large to call its callees' JavaScript itself. */
const PADDING = Array.from({ length: 50 }, (_, k) => `(local.set $p (i32.add (local.get $p) (i32.const ${k + 1})))`).join(' ');

const MODULE = `(module
  ${Object.entries(CALLEES)
    .map(([name, c]) => `(func $${name} (export "${name}") (param $x i64) (result ${c.type}) ${c.body})`)
    .join('\n  ')}
  ${Object.keys(CALLEES)
    .map(
      (name) => `(func (export "small_${name}") (param $x i64) (param $n i32) (result i64) (local $acc i64) (local $a i32) (local $b i64)
    (loop $l
      (local.set $acc (i64.add (i64.rotl (local.get $acc) (i64.const 5)) ${bitsOf(name)}))
      (local.set $x (i64.add (local.get $x) (i64.const 0x100000001)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  (func (export "large_${name}") (param $x i64) (param $n i32) (result i64) (local $acc i64) (local $a i32) (local $b i64) (local $p i32)
    (loop $l
      ${PADDING}
      (local.set $acc (i64.add (i64.rotl (local.get $acc) (i64.const 5)) ${bitsOf(name)}))
      (local.set $x (i64.add (local.get $x) (i64.extend_i32_u (local.get $p))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))`,
    )
    .join('\n  ')})`;

/** Inputs: small and large, negative, and the bits of NaNs with payloads. */
function inputs(seed: number, count: number): bigint[] {
  const next = rng32(seed);
  const word = (): bigint => BigInt(next() >>> 0);
  const edges = [0n, 1n, -1n, 0x7fc00001n, 0xff800123n, 0x7ff0000000000001n, -0x8000000000000000n];
  return [...edges, ...Array.from({ length: count }, () => BigInt.asIntN(64, (word() << 32n) | word()))];
}

/**
 * Runs `r` to its end, giving `store` `slice` more fuel at each pause, a little more each time
 * (one charge may cost more than a small slice: see the README's Fuel section).
 */
function finish(r: RunResult, store: Store, slice: number): RunResult {
  while (r.kind === 'out-of-fuel') {
    store.setFuel(slice);
    slice += (slice >> 3) + 1;
    r = r.resume();
  }
  return r;
}

describe('results', () => {
  const bytes = wat(MODULE);
  const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports as Record<string, (...args: unknown[]) => unknown>;
  const module = prepare(bytes);

  it('reach a caller small enough to call its callee itself, a large one, and the host, for every type', () => {
    const store = new Store();
    const inst = store.instantiate(module);
    for (const name of Object.keys(CALLEES)) {
      for (const x of inputs(name.length, 40)) {
        for (const caller of [`small_${name}`, `large_${name}`]) {
          // Enough calls for the compiled profile to translate the callers.
          const got = val(done(store.invoke(inst, caller, [Val.i64(x), Val.i32(3)]))[0]);
          expect({ caller, x, got }).toEqual({ caller, x, got: v8[caller](x, 3) });
        }
        // (The host sees floats as numbers: a NaN's payload is lost on both sides.)
        if (name === 'v128' || name === 'pair') continue;
        const got = val(done(store.invoke(inst, name, [Val.i64(x)]))[0]);
        expect({ name, x, got }).toEqual({ name, x, got: v8[name](x) });
      }
    }
  });

  it('reach their callers in metered runs that pause anywhere', () => {
    for (const slice of [1, 7, 60]) {
      const store = new Store({ fuel: slice });
      const inst = store.instantiate(module);
      for (const name of Object.keys(CALLEES)) {
        for (const x of inputs(slice, 5)) {
          for (const caller of [`small_${name}`, `large_${name}`]) {
            const got = val(done(finish(store.invoke(inst, caller, [Val.i64(x), Val.i32(4)]), store, slice))[0]);
            expect({ slice, caller, x, got }).toEqual({ slice, caller, x, got: v8[caller](x, 4) });
          }
        }
      }
    }
  });
});
