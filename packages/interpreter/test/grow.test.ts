/**
 * memory.grow with spare capacity (the default) and with exact buffers (StoreOptions
 * exactMemoryBuffers): the spare bytes are never observable. Random sequences of growth and of
 * accesses, bulk operations and data segments around the memory's end run on V8's own
 * WebAssembly and on this engine, which must agree on every result and trap and on the bytes.
 */
import { describe, expect, it } from 'vitest';
import { MemoryRef, Store, Trap, Val, type RunResult } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { done, host, plain, thrown, V8Wasm, wat, watModule } from './wat.js';

const PAGE = 65536;
const MAX_PAGES = 40;

const SOURCE = `(module
  (import "env" "h" (func $h))
  (memory (export "memory") 1 ${MAX_PAGES})
  (data (i32.const 65530) "\\01\\02\\03\\04\\05\\06")
  (data $tail "\\a1\\a2\\a3\\a4\\a5\\a6\\a7\\a8\\a9\\aa\\ab\\ac\\ad\\ae\\af\\b0")
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "loadOff") (param i32) (result i32) (i32.load offset=7 (local.get 0)))
  (func (export "v128sum") (param i32) (result i32)
    (i32x4.extract_lane 0 (i32x4.add (v128.load (local.get 0)) (v128.load offset=4 (local.get 0)))))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $tail (local.get 0) (local.get 1) (local.get 2)))
  (func (export "growStoreLoad") (param i32 i32) (result i32)
    (drop (memory.grow (local.get 0)))
    (i32.store8 (local.get 1) (i32.const 0x5a))
    (i32.load8_u (local.get 1)))
  (func (export "hostThenLoad") (param i32) (result i32 i32) (call $h) (memory.size) (i32.load8_u (local.get 0))))`;

const bytes = wat(SOURCE);

/** One call of an export: its name and i32 arguments (i64 ones as bigints). */
type Op = [string, ...(number | bigint)[]];

/** A call's outcome (its results, or 'trap') and the length of the host's view of the memory after it. */
type Outcome = [unknown[] | 'trap', number];

/** A random sequence of grows and of operations near the memory's current end. */
function randomOps(seed: number, count: number): Op[] {
  const next = rng32(seed);
  const pick = (n: number): number => next() % n;
  let pages = 1;
  const near = (): number => pages * PAGE - 20 + pick(40); // around the end, both sides
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) {
    switch (pick(14)) {
      case 0:
      case 1: {
        const delta = pick(10) === 0 ? pick(MAX_PAGES) : pick(3);
        ops.push(['grow', delta]);
        if (pages + delta <= MAX_PAGES) pages += delta;
        break;
      }
      case 2: ops.push(['size']); break;
      case 3: ops.push(['load8', near()]); break;
      case 4: ops.push(['load', near()]); break;
      case 5: ops.push(['load64', near()]); break;
      case 6: ops.push(['loadOff', near()]); break;
      case 7: ops.push(['v128sum', near()]); break;
      case 8: ops.push(['store8', near(), next() | 0]); break;
      case 9: ops.push(['store', near(), next() | 0]); break;
      case 10: ops.push(['store64', near(), BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next()))]); break;
      case 11: ops.push(['fill', near(), pick(256), pick(30)]); break;
      case 12: ops.push(['copy', near(), pick(pages * PAGE), pick(30)]); break;
      default: ops.push(['init', near(), pick(18), pick(18)]);
    }
  }
  return ops;
}

/** Runs `ops` on V8: each outcome, and the memory's bytes at the end. */
function runV8(ops: readonly Op[]): { outcomes: Outcome[]; memory: Uint8Array } {
  const { exports } = new V8Wasm.Instance(new V8Wasm.Module(bytes), { env: { h: () => {} } });
  const memory = (): ArrayBuffer => (exports.memory as { buffer: ArrayBuffer }).buffer;
  const outcomes = ops.map(([name, ...args]): Outcome => {
    try {
      const r = (exports[name] as (...a: unknown[]) => unknown)(...args);
      return [r === undefined ? [] : [r], memory().byteLength];
    } catch (e) {
      if (e instanceof V8Wasm.RuntimeError) return ['trap', memory().byteLength];
      throw e;
    }
  });
  return { outcomes, memory: new Uint8Array(memory()).slice() };
}

/** Runs `ops` on this engine: each outcome, and `store.memory` at the end. */
function runOurs(store: Store, ops: readonly Op[]): { outcomes: Outcome[]; memory: Uint8Array } {
  store.linkFunc('env', 'h', 0, 0);
  const id = store.instantiate(watModule(SOURCE));
  const outcomes = ops.map(([name, ...args]): Outcome => {
    const vals = args.map((a) => (typeof a === 'bigint' ? Val.i64(a) : Val.i32(a)));
    let result: RunResult | undefined;
    const e = thrown(() => (result = store.invoke(id, name, vals)));
    if (e === undefined) return [plain(done(result!)), store.memory(id).length];
    expect(e, String(e)).toBeInstanceOf(Trap);
    expect((e as Trap).reason).toBe('out of bounds memory access');
    return ['trap', store.memory(id).length];
  });
  return { outcomes, memory: store.memory(id).slice() };
}

describe.each([
  ['spare capacity (the default)', { exactMemoryBuffers: false }],
  ['exactMemoryBuffers', { exactMemoryBuffers: true }],
])('memory.grow with %s', (_, options) => {
  it.each([1, 2, 3, 4])('agrees with V8 on random growth and accesses near the end (seed %i)', (seed) => {
    const ops = randomOps(seed, 600);
    const v8 = runV8(ops);
    const ours = runOurs(new Store(options), ops);
    for (let i = 0; i < ops.length; i++) expect(ours.outcomes[i], `op ${i}: ${ops[i].join(' ')}`).toEqual(v8.outcomes[i]);
    expect(v8.outcomes.filter(([o]) => o === 'trap').length).toBeGreaterThan(50);
    expect(v8.outcomes.filter(([o], i) => ops[i][0] === 'grow' && (o as unknown[])[0] === -1).length).toBeGreaterThan(0);
    expect(ours.memory.length).toBe(v8.memory.length);
    expect(Buffer.compare(ours.memory, v8.memory)).toBe(0);
  });

  it('grows page by page to the maximum keeping every byte, then returns -1', () => {
    const s = new Store(options);
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(SOURCE));
    for (let pages = 1; pages < MAX_PAGES; pages++) {
      // the last byte of the memory, written before the grow, is still there after it
      done(s.invoke(id, 'store8', [Val.i32(pages * PAGE - 1), Val.i32(pages)]));
      expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([pages]);
      const view = s.memory(id);
      expect(view.length).toBe((pages + 1) * PAGE);
      if (options.exactMemoryBuffers) expect(view.buffer.byteLength).toBe(view.length);
      expect(plain(done(s.invoke(id, 'load8', [Val.i32((pages + 1) * PAGE - 1)])))).toEqual([0]);
      expect(thrown(() => s.invoke(id, 'load8', [Val.i32((pages + 1) * PAGE)]))).toBeInstanceOf(Trap);
    }
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([-1]);
    expect(plain(done(s.invoke(id, 'size', [])))).toEqual([MAX_PAGES]);
    const view = s.memory(id);
    for (let pages = 1; pages < MAX_PAGES; pages++) expect(view[pages * PAGE - 1]).toBe(pages);
  });

  it('grows past maxMemoryBytes return -1, and no buffer holds more than the limit allows', () => {
    const s = new Store({ ...options, maxMemoryBytes: 7 * PAGE });
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(SOURCE));
    for (let pages = 1; pages < 7; pages++) {
      expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([pages]);
      expect(s.memory(id).buffer.byteLength).toBeLessThanOrEqual(7 * PAGE);
    }
    expect(plain(done(s.invoke(id, 'grow', [Val.i32(1)])))).toEqual([-1]);
    expect(plain(done(s.invoke(id, 'size', [])))).toEqual([7]);
    expect(thrown(() => s.invoke(id, 'store8', [Val.i32(7 * PAGE), Val.i32(1)]))).toBeInstanceOf(Trap);
  });

  it('a grow inside wasm is seen by the next access at once', () => {
    const s = new Store(options);
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(SOURCE));
    for (let pages = 1; pages < 12; pages++) {
      expect(plain(done(s.invoke(id, 'growStoreLoad', [Val.i32(1), Val.i32((pages + 1) * PAGE - 1)])))).toEqual([0x5a]);
      expect(thrown(() => s.invoke(id, 'growStoreLoad', [Val.i32(0), Val.i32((pages + 1) * PAGE)]))).toBeInstanceOf(Trap);
    }
  });

  it('a host growing the memory with store.growMemory while suspended: wasm sees the new size and bytes', () => {
    const s = new Store(options);
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(SOURCE));
    const ref = s.exportOf(id, 'memory') as MemoryRef;
    for (let pages = 1; pages < 10; pages += 3) {
      const call = host(s.invoke(id, 'hostThenLoad', [Val.i32((pages + 3) * PAGE - 1)]));
      const before = call.memory();
      expect(s.growMemory(ref, 3)).toBe(pages);
      expect(before.length).toBe(0); // the old view is detached
      const after = call.memory();
      expect(after.length).toBe((pages + 3) * PAGE);
      after[after.length - 1] = 0x77;
      expect(plain(done(call.resume([])))).toEqual([pages + 3, 0x77]);
      const past = host(s.invoke(id, 'hostThenLoad', [Val.i32((pages + 3) * PAGE)]));
      expect(thrown(() => past.resume([]))).toBeInstanceOf(Trap);
    }
    expect(s.growMemory(ref, MAX_PAGES)).toBe(-1);
  });
});

describe('exactMemoryBuffers', () => {
  it('by default, growth page by page leaves spare capacity in the buffer, which the host does not see', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(SOURCE));
    done(s.invoke(id, 'grow', [Val.i32(2)]));
    done(s.invoke(id, 'grow', [Val.i32(1)]));
    const view = s.memory(id);
    expect(view.length).toBe(4 * PAGE);
    expect(view.buffer.byteLength).toBeGreaterThan(view.length);
  });

  it('must be a boolean', () => {
    expect(thrown(() => new Store({ exactMemoryBuffers: 1 as unknown as boolean }))).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/exactMemoryBuffers must be a boolean/),
    });
  });
});

describe('a memory whose buffer the host detached', () => {
  it('store.growMemory returns -1 instead of throwing, and the next invocation traps', () => {
    const s = new Store();
    s.linkFunc('env', 'h', 0, 0);
    const id = s.instantiate(watModule(SOURCE));
    done(s.invoke(id, 'grow', [Val.i32(1)]));
    const buffer = s.memory(id).buffer as ArrayBuffer;
    structuredClone(buffer, { transfer: [buffer] });
    expect(s.growMemory(s.exportOf(id, 'memory') as MemoryRef, 1)).toBe(-1);
    expect(thrown(() => s.invoke(id, 'size', []))).toBeInstanceOf(Trap);
  });
});
