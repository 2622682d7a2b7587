/**
 * Fuel (API.md, "Bounded execution"): metering pauses and resumes, the cost model's charges,
 * stack discipline while paused, and the API's checks. Runs in the profile TEST_PROFILE names;
 * fuel-diff.test.ts compares the profiles with each other.
 */
import { describe, expect, it } from 'vitest';
import { InvalidError, Module, type RunResult, Store, Trap, Val } from '@proj/interpreter';
import { done, expectThrow, prepare, profile, val, wat } from './wat.js';

/** Runs `r` to its end, giving `slice` fuel at each pause; returns the values and the pauses. */
function drive(store: Store, r: RunResult, slice: number): { values: Val[]; pauses: number } {
  let pauses = 0;
  while (r.kind !== 'done') {
    if (r.kind !== 'out-of-fuel') throw new Error(`unexpected ${r.kind}`);
    pauses++;
    store.setFuel(slice);
    r = r.resume();
  }
  return { values: r.values, pauses };
}

const COUNTER = wat(`(module
  (func (export "count") (param $n i32) (result i32) (local $i i32)
    (block $out (loop $l
      (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $i))
  (func (export "spin") (loop (br 0))))`);

describe('fuel', () => {
  it('pauses a loop that never calls the host, and resumes it to the same result', () => {
    const store = new Store({ fuel: 100 });
    const inst = store.instantiate(prepare(COUNTER));
    const first = store.invoke(inst, 'count', [Val.i32(1000)]);
    expect(first.kind).toBe('out-of-fuel');
    const { values, pauses } = drive(store, first, 100);
    expect(values).toEqual([Val.i32(1000)]);
    expect(pauses).toBeGreaterThan(10);
  });

  it('charges every pass through a loop: (loop (br 0)) always pauses', () => {
    const store = new Store({ fuel: 10_000 });
    const inst = store.instantiate(prepare(COUNTER));
    let r = store.invoke(inst, 'spin', []);
    for (let k = 0; k < 3; k++) {
      expect(r.kind).toBe('out-of-fuel');
      // A pause leaves less than the next step costs; the loop's step costs its one `br`.
      expect(store.getFuel()).toBe(0);
      store.setFuel(1000);
      if (r.kind === 'out-of-fuel') r = r.resume();
    }
    if (r.kind === 'out-of-fuel') expect(() => r.kind === 'out-of-fuel' && r.trap('budget spent')).toThrow(Trap);
  });

  it('uses exactly the documented costs: function entry and loop header, longest paths', () => {
    // count(n): the function's region outside the loop costs its longest path: block, loop, then
    // (the loop's body never falls through its end) the br_if's way out to the block's end,
    // local.get, end = 4. The loop's region costs 9: local.get, local.get, i32.ge_u, br_if,
    // local.get, i32.const, i32.add, local.set, br.
    const store = new Store({ fuel: 1_000_000 });
    const inst = store.instantiate(prepare(COUNTER));
    const before = store.getFuel();
    done(store.invoke(inst, 'count', [Val.i32(10)]));
    // The loop is entered 11 times: 10 full passes and the last, which leaves at br_if.
    expect(before - store.getFuel()).toBe(4 + 11 * 9);
  });

  it('pauses again at once when resumed with too little fuel for the next step', () => {
    const store = new Store({ fuel: 0 });
    const inst = store.instantiate(prepare(COUNTER));
    const r = store.invoke(inst, 'count', [Val.i32(3)]);
    expect(r.kind).toBe('out-of-fuel');
    store.setFuel(3); // the entry costs 4
    const again = r.kind === 'out-of-fuel' ? r.resume() : r;
    expect(again.kind).toBe('out-of-fuel');
    expect(store.getFuel()).toBe(3);
    expect(drive(store, again, 9).values).toEqual([Val.i32(3)]);
  });

  it('lets other exports run while paused, and the pause resume after they finish', () => {
    const store = new Store({ fuel: 50 });
    const inst = store.instantiate(prepare(COUNTER));
    const outer = store.invoke(inst, 'count', [Val.i32(100)]);
    expect(outer.kind).toBe('out-of-fuel');
    store.setFuel(1_000_000);
    expect(done(store.invoke(inst, 'count', [Val.i32(7)]))).toEqual([Val.i32(7)]);
    // A nested invocation that pauses must finish before the outer one goes on.
    store.setFuel(30);
    const inner = store.invoke(inst, 'count', [Val.i32(50)]);
    expect(inner.kind).toBe('out-of-fuel');
    if (outer.kind === 'out-of-fuel') expectThrow(() => outer.resume(), InvalidError, /out of order/);
    expect(drive(store, inner, 30).values).toEqual([Val.i32(50)]);
    expect(drive(store, outer, 30).values).toEqual([Val.i32(100)]);
  });

  it('ends a paused invocation with trap(reason); a stale pause is an InvalidError', () => {
    const store = new Store({ fuel: 20 });
    const inst = store.instantiate(prepare(COUNTER));
    const r = store.invoke(inst, 'count', [Val.i32(100)]);
    if (r.kind !== 'out-of-fuel') throw new Error('expected a pause');
    expectThrow(() => r.trap('too slow'), Trap, /too slow/);
    expectThrow(() => r.resume(), InvalidError, /stale/);
    store.setFuel(1_000_000);
    expect(done(store.invoke(inst, 'count', [Val.i32(4)]))).toEqual([Val.i32(4)]);
  });

  it('pauses inside a host call chain and keeps the host call protocol', () => {
    const store = new Store({ fuel: 1_000 });
    store.linkFunc('env', 'tick', 1, 1);
    const inst = store.instantiate(
      prepare(
        wat(`(module (import "env" "tick" (func $tick (param i32) (result i32)))
          (func (export "run") (param $n i32) (result i32) (local $s i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (call $tick (local.get $n))))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $s)))`),
      ),
    );
    let r = store.invoke(inst, 'run', [Val.i32(200)]);
    const log: number[] = [];
    let pauses = 0;
    while (r.kind !== 'done') {
      if (r.kind === 'host') {
        const x = val(r.call.args[0]) as number;
        log.push(x);
        r = r.call.resume([Val.i32(x * 2)]);
      } else {
        pauses++;
        store.setFuel(40);
        r = r.resume();
      }
    }
    expect(pauses).toBeGreaterThan(5);
    expect(log).toEqual(Array.from({ length: 200 }, (_, i) => 200 - i));
    expect(r.values).toEqual([Val.i32(200 * 201)]);
  });

  it('makes bulk operations pay for their length', () => {
    const store = new Store({ fuel: 1_000_000 });
    const inst = store.instantiate(
      prepare(wat(`(module (memory 2) (func (export "fill") (param i32) (memory.fill (i32.const 0) (i32.const 7) (local.get 0))))`)),
    );
    const before = store.getFuel();
    done(store.invoke(inst, 'fill', [Val.i32(64 * 1000)]));
    const used = before - store.getFuel();
    // The function's region (local.get, two consts, memory.fill, end = 5) and 1000 units of 64 bytes.
    expect(used).toBe(5 + 1000);
    store.setFuel(500);
    const r = store.invoke(inst, 'fill', [Val.i32(64 * 1000)]);
    expect(r.kind).toBe('out-of-fuel');
    // Paused before the fill: the entry was paid, the fill not yet.
    expect(store.getFuel()).toBe(495);
    expect(drive(store, r, 2000).values).toEqual([]);
  });

  it('reports its API misuse as InvalidErrors', () => {
    const unmetered = new Store();
    expectThrow(() => unmetered.getFuel(), InvalidError, /does not meter fuel/);
    expectThrow(() => unmetered.setFuel(5), InvalidError, /does not meter fuel/);
    const store = new Store({ fuel: 5 });
    expectThrow(() => store.setFuel(-1), InvalidError, /integer/);
    expectThrow(() => store.setFuel(1.5), InvalidError, /integer/);
    expectThrow(() => store.setFuel('5' as unknown as number), InvalidError, /integer/);
    expectThrow(() => new Store({ fuel: -1 }), InvalidError, /fuel/);
    expectThrow(() => new Store({ fuel: Infinity }), InvalidError, /fuel/);
  });

  it('runs a module in every store: metered code is prepared when a metered store first needs it', () => {
    const module = new Module(COUNTER, profile ? { profile } : {});
    const plainStore = new Store();
    expect(done(plainStore.invoke(plainStore.instantiate(module), 'count', [Val.i32(5)]))).toEqual([Val.i32(5)]);
    const metered = new Store({ fuel: 10 });
    const r = metered.invoke(metered.instantiate(module), 'count', [Val.i32(5)]);
    expect(r.kind).toBe('out-of-fuel');
    expect(drive(metered, r, 10).values).toEqual([Val.i32(5)]);
  });
});
