/**
 * Instruction sequences the fast profile fuses into one op (a comparison with the branch that
 * consumes it, a loop's add with the test after it), in every form the translator rewrites,
 * against V8 on seeded inputs. Runs on both profiles, like every API test.
 */
import { describe, expect, it } from 'vitest';
import { Store, Val } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { done, prepare, V8Wasm, wat } from './wat.js';

type Fn = (...args: number[]) => number;

/** Instantiates `text` on our engine and on V8; calls an export on each with the same i32/float args. */
function both(text: string): { ours: (name: string, args: Val[]) => number; v8: Record<string, Fn> } {
  const bytes = wat(text);
  const store = new Store();
  const inst = store.instantiate(prepare(bytes));
  const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes), {}).exports as unknown as Record<string, Fn>;
  return { ours: (name, args) => (done(store.invoke(inst, name, args))[0] as { value: number }).value, v8 };
}

const CMP = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

describe('float comparison fused with its branch', () => {
  const funcs = ['f32', 'f64'].flatMap((t) =>
    CMP.flatMap((k) => [
      // br_if: branches when the comparison holds.
      `(func (export "br_${t}_${k}") (param ${t} ${t}) (result i32)
         (block (result i32) (br_if 0 (i32.const 7) (${t}.${k} (local.get 0) (local.get 1))) (drop) (i32.const 3)))`,
      // if: falls to the else branch when it does not.
      `(func (export "if_${t}_${k}") (param ${t} ${t}) (result i32)
         (if (result i32) (${t}.${k} (local.get 0) (local.get 1)) (then (i32.const 5)) (else (i32.const 9))))`,
    ]),
  );
  const { ours, v8 } = both(`(module ${funcs.join('\n')})`);
  const values = [0, -0, 1, -1, 0.5, 1e-45, 3.4e38, Infinity, -Infinity, NaN, 2 ** 53, 1 / 3];

  for (const t of ['f32', 'f64'] as const) {
    it(`${t}: every comparison, branch taken and not, NaN and signed zeros included`, () => {
      const mk = (x: number): Val => (t === 'f32' ? Val.f32(x) : Val.f64(x));
      let checked = 0;
      for (const form of ['br', 'if']) {
        for (const k of CMP) {
          const name = `${form}_${t}_${k}`;
          for (const a of values) {
            for (const b of values) {
              expect(ours(name, [mk(a), mk(b)]), `${name}(${a}, ${b})`).toBe(v8[name]!(a, b));
              checked++;
            }
          }
        }
      }
      expect(checked).toBe(2 * 6 * values.length ** 2);
    });
  }
});

describe("a loop's add fused with the test after it", () => {
  // Each loop runs until its test fails or `fuel` runs out, and returns the counter mixed with
  // the number of rounds, so both the add's result and the branch decisions show.
  const loop = (name: string, step: string, test: string): string => `
    (func (export "${name}") (param $i i32) (param $step i32) (param $bound i32) (result i32)
      (local $fuel i32) (local $rounds i32)
      (local.set $fuel (i32.const 64))
      (block $out
        (loop $top
          (br_if $out (i32.eqz (local.get $fuel)))
          (local.set $fuel (i32.sub (local.get $fuel) (i32.const 1)))
          (local.set $rounds (i32.add (local.get $rounds) (i32.const 1)))
          ${step}
          (br_if $top ${test})))
      (i32.xor (local.get $i) (i32.mul (local.get $rounds) (i32.const 65599))))`;
  const forms: [string, string, string][] = [];
  for (const k of ['ne', 'lt_s', 'lt_u']) {
    // add of an immediate, compared with a local; with an immediate; add of a local, with a local.
    forms.push([`imm_${k}`, '(local.set $i (i32.add (local.get $i) (i32.const 3)))', `(i32.${k} (local.get $i) (local.get $bound))`]);
    forms.push([`immimm_${k}`, '(local.set $i (i32.add (local.get $i) (i32.const -5)))', `(i32.${k} (local.get $i) (i32.const 40))`]);
    forms.push([`reg_${k}`, '(local.set $i (i32.add (local.get $i) (local.get $step)))', `(i32.${k} (local.get $i) (local.get $bound))`]);
    // local.tee: the add writes the local and the test reads it.
    forms.push([`tee_${k}`, '', `(i32.${k} (local.tee $i (i32.add (local.get $i) (local.get $step))) (local.get $bound))`]);
    // The add's result only feeds the test (an operand-stack cell), and the bound is the counter itself.
    forms.push([`temp_${k}`, '', `(i32.${k} (i32.add (local.get $i) (i32.const 1)) (local.get $i))`]);
    // A subtraction of a constant is an add of its negation.
    forms.push([`sub_${k}`, '(local.set $i (i32.sub (local.get $i) (i32.const 7)))', `(i32.${k} (local.get $i) (local.get $bound))`]);
  }
  const { ours, v8 } = both(`(module ${forms.map(([n, s, t]) => loop(n, s, t)).join('\n')})`);
  const edges = [0, 1, -1, 2, 40, 41, 0x7fffffff, -0x80000000, 0x7ffffffe, -3, 100];

  it('gives V8’s results on edge and seeded random inputs, for each comparison and operand form', () => {
    const next = rng32(0x5eed);
    const inputs: [number, number, number][] = [];
    for (const a of edges) for (const b of edges) inputs.push([a, b % 9, b]);
    for (let n = 0; n < 300; n++) inputs.push([next() | 0, (next() % 17) - 8, next() | 0]);
    let checked = 0;
    for (const [name] of forms) {
      for (const [i, step, bound] of inputs) {
        const args = [Val.i32(i), Val.i32(step), Val.i32(bound)];
        expect(ours(name, args), `${name}(${i}, ${step}, ${bound})`).toBe(v8[name]!(i, step, bound));
        checked++;
      }
    }
    expect(checked).toBe(forms.length * (edges.length ** 2 + 300));
  });
});

/** Calls both engines; a trap on either side reads 'trap' (the result is the i32, or the i64 as a string). */
function outcome(f: () => unknown): unknown {
  try {
    const v = f();
    return typeof v === 'bigint' ? String(BigInt.asIntN(64, v)) : v;
  } catch (e) {
    if (e instanceof V8Wasm.RuntimeError || (e as { kind?: string }).kind === 'trap') return 'trap';
    throw e;
  }
}

describe('memory accesses that fold a scaled index', () => {
  // Memory is one page; each export stores `v` at, then loads from, an address built from x
  // scaled by a shift, in the forms the translator folds (base on either side of the add, an
  // immediate base, no base), for each 32- and 64-bit access type.
  const types: [string, string][] = [
    ['i32', '(local.get $v)'],
    ['i64', '(i64.extend_i32_s (local.get $v))'],
    ['f32', '(f32.reinterpret_i32 (local.get $v))'],
    ['f64', '(f64.reinterpret_i64 (i64.extend_i32_s (local.get $v)))'],
  ];
  const back: Record<string, string> = {
    i32: '',
    i64: '(i32.wrap_i64)',
    f32: '(i32.reinterpret_f32)',
    f64: '(i32.wrap_i64 (i64.reinterpret_f64))',
  };
  const addresses: [string, (shift: number) => string][] = [
    ['left', (k) => `(i32.add (i32.shl (local.get $x) (i32.const ${k})) (local.get $base))`],
    ['right', (k) => `(i32.add (local.get $base) (i32.shl (local.get $x) (i32.const ${k})))`],
    ['imm', (k) => `(i32.add (i32.shl (local.get $x) (i32.const ${k})) (i32.const 1000))`],
    ['bare', (k) => `(i32.shl (local.get $x) (i32.const ${k}))`],
  ];
  const funcs: string[] = [];
  const names: string[] = [];
  for (const [t, value] of types) {
    for (const [form, addr] of addresses) {
      for (const shift of [0, 2, 3, 33]) {
        const name = `${t}_${form}_${shift}`;
        names.push(name);
        funcs.push(`(func (export "${name}") (param $x i32) (param $base i32) (param $v i32) (result i32)
          (${t}.store offset=8 ${addr(shift)} ${value})
          (${t}.load offset=8 ${addr(shift)}) ${back[t]})`);
      }
    }
  }
  const { ours, v8 } = both(`(module (memory 1) ${funcs.join('\n')})`);

  it('store then load round-trips, wraps and traps as V8 does', () => {
    const next = rng32(0xadd7);
    const xs = [0, 1, 7, 1000, 8190, 16382, 16383, 0x3fffffff, -1, -2, 0x40000000];
    const bases = [0, 4, 65520, 65536, -8, -16, 0x7fffffff];
    const inputs: [number, number][] = [];
    for (const x of xs) for (const b of bases) inputs.push([x, b]);
    for (let n = 0; n < 60; n++) inputs.push([next() % 20000, next() % 70000]);
    let checked = 0;
    let traps = 0;
    for (const name of names) {
      for (const [x, base] of inputs) {
        const v = (x * 2654435761) | 0;
        const mine = outcome(() => ours(name, [Val.i32(x), Val.i32(base), Val.i32(v)]));
        expect(mine, `${name}(${x}, ${base})`).toEqual(outcome(() => v8[name]!(x, base, v)));
        if (mine === 'trap') traps++;
        checked++;
      }
    }
    expect(checked).toBe(names.length * inputs.length);
    expect(traps).toBeGreaterThan(0);
    expect(traps).toBeLessThan(checked);
  });
});

describe('f64.add and f64.mul of two loads', () => {
  const funcs = ['add', 'mul'].map(
    (k) => `(func (export "${k}") (param $a i32) (param $b i32) (result i64)
      (i64.reinterpret_f64 (f64.${k} (f64.load offset=16 (local.get $a)) (f64.load offset=8 (i32.add (local.get $b) (i32.const 8))))))`,
  );
  const { ours, v8 } = both(`(module (memory 1)
    (data (i32.const 0) "\\00\\00\\00\\00\\00\\00\\f0\\3f" "\\00\\00\\00\\00\\00\\00\\f8\\7f" "\\01\\00\\00\\00\\00\\00\\f0\\ff" "\\9a\\99\\99\\99\\99\\99\\b9\\3f")
    ${funcs.join('\n')})`);
  const addrs = [0, 1, 8, 16, 24, 65512, 65513, 65520, 65528, -8, -16, 0x7ffffff8];

  it('gives V8’s bits, and the first out-of-bounds load traps', () => {
    let checked = 0;
    for (const k of ['add', 'mul']) {
      for (const a of addrs) {
        for (const b of addrs) {
          const mine = outcome(() => ours(k, [Val.i32(a), Val.i32(b)]));
          const theirs = outcome(() => v8[k]!(a, b));
          // NaN results may differ in payload (both are arithmetic NaNs); compare the rest exactly.
          const nan = (x: unknown): boolean => typeof x === 'string' && x !== 'trap' && Number.isNaN(new Float64Array(BigInt64Array.of(BigInt(x)).buffer)[0]);
          if (nan(mine) && nan(theirs)) continue;
          expect(mine, `${k}(${a}, ${b})`).toEqual(theirs);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('an f64 add of the product of two loads (a dot product\'s step)', () => {
  // The product on either side of the add, the other operand a local or a computed value, and a
  // loop that sums products as a dot product does.
  const { ours, v8 } = both(`(module (memory 1)
    (data (i32.const 0) "\\00\\00\\00\\00\\00\\00\\f0\\3f" "\\00\\00\\00\\00\\00\\00\\f8\\7f" "\\01\\00\\00\\00\\00\\00\\f0\\ff" "\\9a\\99\\99\\99\\99\\99\\b9\\3f" "\\00\\00\\00\\00\\00\\00\\00\\80" "\\ff\\ff\\ff\\ff\\ff\\ff\\ef\\7f")
    (func (export "left") (param $a i32) (param $b i32) (param $c f64) (result i64)
      (i64.reinterpret_f64 (f64.add (f64.mul (f64.load offset=8 (local.get $a)) (f64.load (local.get $b))) (local.get $c))))
    (func (export "right") (param $a i32) (param $b i32) (param $c f64) (result i64)
      (i64.reinterpret_f64 (f64.add (f64.sqrt (local.get $c)) (f64.mul (f64.load (local.get $a)) (f64.load offset=16 (local.get $b))))))
    (func (export "dot") (param $a i32) (param $b i32) (param $c f64) (result i64) (local $i i32)
      (loop $l
        (local.set $c (f64.add (local.get $c) (f64.mul (f64.load (i32.add (local.get $a) (local.get $i))) (f64.load (i32.add (local.get $b) (local.get $i))))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 48))))
      (i64.reinterpret_f64 (local.get $c))))`);
  const addrs = [0, 8, 16, 24, 40, 65520, 65528, 65536 - 48, -8, 0x7ffffff8];
  const cs = [0, -0, 1.5, -2.25, Infinity, NaN, 1e308];

  it('gives V8’s bits, and traps where V8 does', () => {
    let checked = 0;
    for (const k of ['left', 'right', 'dot']) {
      for (const a of addrs) {
        for (const b of addrs) {
          for (const c of cs) {
            const mine = outcome(() => ours(k, [Val.i32(a), Val.i32(b), Val.f64(c)]));
            const theirs = outcome(() => v8[k]!(a, b, c));
            // NaN results may differ in payload (both are arithmetic NaNs); compare the rest exactly.
            const nan = (x: unknown): boolean => typeof x === 'string' && x !== 'trap' && Number.isNaN(new Float64Array(BigInt64Array.of(BigInt(x)).buffer)[0]);
            if (nan(mine) && nan(theirs)) continue;
            expect(mine, `${k}(${a}, ${b}, ${c})`).toEqual(theirs);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('an address add that waits for its load or store', () => {
  // `(i32.store (i32.add base k) value)`: the add waits while the value is computed, then folds
  // into the store. Each export returns a checksum of the words it wrote and read back.
  const body = (store: string): string => `
    ${store}
    (i32.add (i32.load (i32.const 64)) (i32.mul (i32.load (i32.const 68)) (i32.const 31)))`;
  const funcs: [string, string][] = [
    // base a local, value computed from other locals
    ['local', '(i32.store (i32.add (local.get $p) (i32.const 64)) (i32.mul (local.get $v) (i32.const 3)))'],
    // base computed on the stack; the constant first
    ['stack', '(i32.store (i32.add (i32.and (local.get $p) (i32.const 4)) (i32.const 64)) (local.get $v))'],
    ['constFirst', '(i32.store (i32.add (i32.const 64) (i32.and (local.get $p) (i32.const 4))) (local.get $v))'],
    // the value itself is an add that waits (and must be computed, not folded)
    ['valueAdd', '(i32.store (i32.add (local.get $p) (i32.const 64)) (i32.add (local.get $v) (i32.const 7)))'],
    // the base local changes while the add waits: the old value must be used
    ['teeBase', '(i32.store (i32.add (local.get $p) (i32.const 64)) (local.tee $p (i32.add (local.get $v) (i32.const 1))))'],
    ['blockBase', '(i32.store (i32.add (local.get $p) (i32.const 64)) (block (result i32) (local.set $p (i32.const 4)) (local.get $v)))'],
    // the add is an operand of something else first, then of a load
    ['notAddress', '(i32.store (i32.const 64) (i32.mul (i32.add (local.get $p) (i32.const 64)) (local.get $v)))'],
    ['dropped', '(drop (i32.add (local.get $p) (i32.const 64))) (i32.store (i32.const 68) (local.get $v))'],
    // a call and a branch while it waits
    ['acrossCall', '(i32.store (i32.add (local.get $p) (i32.const 64)) (call $twice (local.get $v)))'],
    ['acrossIf', '(i32.store (i32.add (local.get $p) (i32.const 64)) (if (result i32) (local.get $v) (then (local.get $v)) (else (i32.const 9))))'],
    // a sub of a constant, an i64 store, a load through a waiting add
    ['sub', '(i32.store (i32.sub (local.get $p) (i32.const -64)) (local.get $v))'],
    ['i64', '(i64.store (i32.add (local.get $p) (i32.const 64)) (i64.extend_i32_s (local.get $v)))'],
    ['load', '(i32.store (i32.const 64) (i32.load (i32.add (local.get $p) (i32.const 64))))'],
  ];
  const text = `(module (memory 1)
    (func $twice (param i32) (result i32) (i32.add (local.get 0) (local.get 0)))
    ${funcs.map(([n, s]) => `(func (export "${n}") (param $p i32) (param $v i32) (result i32) ${body(s)})`).join('\n')})`;
  const { ours, v8 } = both(text);

  it('stores and loads what V8 does, traps where V8 does', () => {
    const next = rng32(0xadd5);
    const inputs: [number, number][] = [[0, 5], [4, -1], [65472, 3], [65473, 3], [-64, 2], [-68, 9], [0x7fffffff, 1]];
    for (let n = 0; n < 40; n++) inputs.push([next() % 70000, next() | 0]);
    let checked = 0;
    for (const [name] of funcs) {
      for (const [p, v] of inputs) {
        expect(outcome(() => ours(name, [Val.i32(p), Val.i32(v)])), `${name}(${p}, ${v})`).toEqual(outcome(() => v8[name]!(p, v)));
        checked++;
      }
    }
    expect(checked).toBe(funcs.length * inputs.length);
  });
});

describe('SIMD loads and stores that take an address add', () => {
  // Memory holds bytes 0..255 from 0 (and zeros above). Each export loads through an address
  // the translator folds (a local plus a constant or a local, a sum computed on the stack, none),
  // stores the v128 at another such address and returns a checksum of what it loaded and of the
  // words the store wrote.
  const loads = ['v128.load', 'v128.load8x8_s', 'v128.load8x8_u', 'v128.load16x4_s', 'v128.load16x4_u', 'v128.load32x2_s', 'v128.load32x2_u', 'v128.load8_splat', 'v128.load16_splat', 'v128.load32_splat', 'v128.load64_splat', 'v128.load32_zero', 'v128.load64_zero'];
  const addresses: [string, string][] = [
    ['imm', '(i32.add (local.get $p) (i32.const 32))'],
    ['sum', '(i32.add (local.get $p) (local.get $q))'],
    ['stack', '(i32.add (i32.and (local.get $q) (i32.const -4)) (local.get $p))'],
    ['plain', '(local.get $p)'],
  ];
  const lanes = (v: string): string =>
    `(i32.xor (i32.xor (i32x4.extract_lane 0 ${v}) (i32.rotl (i32x4.extract_lane 1 ${v}) (i32.const 7))) (i32.xor (i32.rotl (i32x4.extract_lane 2 ${v}) (i32.const 13)) (i32.rotl (i32x4.extract_lane 3 ${v}) (i32.const 19))))`;
  const funcs: string[] = [];
  const names: string[] = [];
  for (const load of loads) {
    for (const [form, addr] of addresses) {
      const name = `${load}_${form}`;
      names.push(name);
      // The store's address add waits while its value is loaded.
      funcs.push(`(func (export "${name}") (param $p i32) (param $q i32) (result i32) (local $v v128)
        (v128.store offset=16 (i32.add (local.get $q) (i32.const 4096)) (local.tee $v (${load} offset=8 ${addr})))
        (i32.add ${lanes('(local.get $v)')} (i32.mul (i32.const 31) ${lanes('(v128.load offset=16 (i32.add (local.get $q) (i32.const 4096)))')})))`);
    }
  }
  const init = Array.from({ length: 256 }, (_, k) => `\\${k.toString(16).padStart(2, '0')}`).join('');
  const { ours, v8 } = both(`(module (memory 1) (data (i32.const 0) "${init}") ${funcs.join('\n')})`);

  it('loads, stores and traps as V8 does, the address add wrapping', () => {
    const next = rng32(0x5d1a);
    // Sums past 2^32 that wrap back into memory (-16 + 32), ends of memory, negative bases.
    const inputs: [number, number][] = [[0, 0], [-16, 0], [-40, 16], [3, -4], [65500, 0], [65496, 8], [65497, 0], [0, 61400], [0, 61425], [0x7fffffff, 1]];
    for (let n = 0; n < 30; n++) inputs.push([next() % 300, next() % 60000]);
    let checked = 0;
    let traps = 0;
    for (const name of names) {
      for (const [p, q] of inputs) {
        const mine = outcome(() => ours(name, [Val.i32(p), Val.i32(q)]));
        expect(mine, `${name}(${p}, ${q})`).toEqual(outcome(() => v8[name]!(p, q)));
        if (mine === 'trap') traps++;
        checked++;
      }
    }
    expect(checked).toBe(names.length * inputs.length);
    expect(traps).toBeGreaterThan(0);
    expect(traps).toBeLessThan(checked / 2);
  });
});

describe('a counting loop: add of a constant, then br_if on the result', () => {
  const { ours, v8 } = both(`(module
    (func (export "tee") (param $k i32) (result i32) (local $s i32)
      (loop $l
        (local.set $s (i32.add (local.get $s) (local.get $k)))
        (br_if $l (i32.and (local.tee $k (i32.sub (local.get $k) (i32.const 1))) (i32.const 255))))
      (i32.xor (local.get $s) (local.get $k)))
    (func (export "direct") (param $k i32) (result i32) (local $s i32)
      (loop $l
        (local.set $s (i32.add (local.get $s) (i32.const 3)))
        (br_if $l (local.tee $k (i32.add (local.get $k) (i32.const -1)))))
      (i32.xor (local.get $s) (local.get $k)))
    (func (export "temp") (param $k i32) (result i32)
      (block $out (result i32)
        (br_if $out (i32.const 11) (i32.add (local.get $k) (i32.const 5)))
        (drop)
        (i32.const 22))))`);

  it('gives V8’s results', () => {
    let checked = 0;
    for (const name of ['tee', 'direct', 'temp']) {
      for (const k of [1, 2, 7, 255, 256, 300, 1000, -5, 0]) {
        if (name !== 'temp' && (k <= 0 || k > 1000)) continue;
        expect(ours(name, [Val.i32(k)]), `${name}(${k})`).toBe(v8[name]!(k));
        checked++;
      }
    }
    expect(checked).toBe(2 * 7 + 9);
  });
});

describe('a br_if on an i32 just loaded', () => {
  const LOADS = ['load', 'load8_s', 'load8_u', 'load16_s', 'load16_u'];
  // Each export branches on the value at p (br_if, and an if: br_unless), and returns where it went.
  const funcs = LOADS.flatMap((l) => [
    `(func (export "brIf_${l}") (param $p i32) (result i32) (block (br_if 0 (i32.${l} offset=2 (local.get $p))) (return (i32.const 7))) (i32.const 9))`,
    `(func (export "if_${l}") (param $p i32) (result i32) (if (result i32) (i32.${l} (i32.add (local.get $p) (i32.const 1))) (then (i32.const 3)) (else (i32.const 5))))`,
    // in a loop: walks memory until a zero, as a scan over flags or a list does
    `(func (export "scan_${l}") (param $p i32) (result i32) (local $n i32)
      (block $out (loop $l
        (br_if $out (i32.eqz (local.get $p)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $p (i32.and (i32.add (local.get $p) (i32.const 3)) (i32.const 0xffff)))
        (br_if $l (i32.${l} (local.get $p)))))
      (i32.add (local.get $n) (i32.mul (local.get $p) (i32.const 100000))))`,
  ]);
  // Bytes of every kind: zero, nonzero only in a high byte, 0x80 (negative as i8), 0xff.
  const data = Array.from({ length: 64 }, (_, k) => [0, 0, 0x80, 0, 1, 0xff, 0, 0, 0, 0, 0, 0x40][k % 12]!);
  const text = `(module (memory 1) (data (i32.const 0) "${data.map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}")
    (data (i32.const 65530) "\\00\\01\\00\\00\\80\\00") ${funcs.join('\n')})`;
  const { ours, v8 } = both(text);

  it('branches, and traps past the end, where V8 does', () => {
    const addresses = [...Array.from({ length: 40 }, (_, k) => k), 65528, 65529, 65530, 65531, 65532, 65533, 65534, 65535, 65536, -1, -3];
    let checked = 0;
    for (const l of LOADS) {
      for (const name of [`brIf_${l}`, `if_${l}`, `scan_${l}`]) {
        for (const p of addresses) {
          expect(outcome(() => ours(name, [Val.i32(p)])), `${name}(${p})`).toEqual(outcome(() => v8[name]!(p)));
          checked++;
        }
      }
    }
    expect(checked).toBe(LOADS.length * 3 * addresses.length);
  });
});

describe('a br_if on i32.eq or i32.ne of an i32 just loaded (a tag or key test)', () => {
  const tests = [
    ['eqCell', '(i32.eq (i32.load offset=4 (local.get $p)) (local.get $k))'],
    ['neCell', '(i32.ne (local.get $k) (i32.load (local.get $p)))'],
    ['eqImm', '(i32.eq (i32.load (local.get $p)) (i32.const -2))'],
    ['neImm', '(i32.ne (i32.load offset=8 (local.get $p)) (i32.const 0x01000000))'],
  ];
  const funcs = tests.map(([name, cond]) => `(func (export "${name}") (param $p i32) (param $k i32) (result i32)
    (block (br_if 0 ${cond}) (return (i32.const 7))) (i32.const 9))`);
  // Words of every kind: -2, 0x01000000, 1, 0, at addresses 0, 4, 8, ...
  const words = Array.from({ length: 16 }, (_, k) => [-2, 0x01000000, 1, 0][k % 4]!);
  const hex = words.map((w) => [0, 8, 16, 24].map((s) => `\\${((w >>> s) & 255).toString(16).padStart(2, '0')}`).join('')).join('');
  const { ours, v8 } = both(`(module (memory 1) (data (i32.const 0) "${hex}") (data (i32.const 65532) "\\fe\\ff\\ff\\ff") ${funcs.join('\n')})`);

  it('branches, and traps past the end, where V8 does', () => {
    const addresses = [...Array.from({ length: 24 }, (_, k) => k), 65524, 65527, 65528, 65529, 65532, 65533, 65536, -1, -4];
    let checked = 0;
    for (const [name] of tests) {
      for (const p of addresses) {
        for (const k of [-2, 0, 1, 0x01000000]) {
          expect(outcome(() => ours(name!, [Val.i32(p), Val.i32(k)])), `${name}(${p}, ${k})`).toEqual(outcome(() => v8[name!]!(p, k)));
          checked++;
        }
      }
    }
    expect(checked).toBe(tests.length * addresses.length * 4);
  });
});

describe('a br_table on an i32 just loaded (an interpreter\'s dispatch)', () => {
  const table = '(block (block (block (block (br_table 0 1 2 3';
  const arms = '(return (i32.const 10))) (return (i32.const 20))) (return (i32.const 30))) (i32.const 40)';
  const { ours, v8 } = both(`(module (memory 1)
    (data (i32.const 0) "\\00\\00\\00\\00\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00\\ff\\ff\\ff\\ff\\00\\00\\00\\80\\07")
    (func (export "plain") (param $p i32) (result i32) ${table} (i32.load (local.get $p)))) ${arms})
    (func (export "scaled") (param $p i32) (result i32) ${table} (i32.load offset=0 (i32.add (i32.shl (local.get $p) (i32.const 2)) (i32.const 0))))) ${arms}))`);

  it('takes the arm V8 takes, the index past the count to the default, and traps past the end', () => {
    const inputs = [...Array.from({ length: 26 }, (_, k) => k), 16383, 16384, 65532, 65533, 65536, -1, 0x40000000];
    let checked = 0;
    for (const name of ['plain', 'scaled']) {
      for (const p of inputs) {
        expect(outcome(() => ours(name, [Val.i32(p)])), `${name}(${p})`).toEqual(outcome(() => v8[name]!(p)));
        checked++;
      }
    }
    expect(checked).toBe(2 * inputs.length);
  });
});

describe('an i64.add of an i64 just loaded', () => {
  const sig = '(param $p i32) (param $x i64) (result i64)';
  const funcs = [
    `(func (export "right") ${sig} (i64.add (local.get $x) (i64.load offset=8 (local.get $p))))`,
    `(func (export "left") ${sig} (i64.add (i64.load (i32.add (local.get $p) (i32.const 3))) (local.get $x)))`,
    // the address computed on the stack, in the cell the loaded value takes
    `(func (export "computed") ${sig} (i64.add (local.get $x) (i64.load (i32.xor (local.get $p) (i32.const 5)))))`,
    // a running sum in a loop (the compiled profile's variables)
    `(func (export "sum") ${sig} (local $n i32) (local.set $n (i32.const 5))
      (loop $l (local.set $x (i64.add (local.get $x) (i64.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $x))`,
  ];
  const bytes = wat(`(module (memory 1) (data (i32.const 0) "\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\7f\\01\\00\\00\\00\\00\\00\\00\\80\\fe\\ff\\ff\\ff\\00\\00\\00\\00\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff") ${funcs.join('\n')})`);
  const store = new Store();
  const inst = store.instantiate(prepare(bytes));
  const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes), {}).exports as unknown as Record<string, (p: number, x: bigint) => bigint>;

  it('adds with the carry and traps past the end where V8 does', () => {
    const addresses = [0, 1, 3, 4, 7, 8, 16, 24, 65520, 65521, 65525, 65528, 65529, 65536, -1, -8];
    const values = [0n, 1n, -1n, 0xffffffffn, 2n ** 63n - 1n, -(2n ** 63n), 0x123456789abcdefn];
    const result = (f: () => bigint): string => {
      try {
        return String(BigInt.asIntN(64, f()));
      } catch (e) {
        if (e instanceof V8Wasm.RuntimeError || (e as { kind?: string }).kind === 'trap') return 'trap';
        throw e;
      }
    };
    let checked = 0;
    for (const name of ['right', 'left', 'computed', 'sum']) {
      for (const p of addresses) {
        for (const x of values) {
          const mine = result(() => (done(store.invoke(inst, name, [Val.i32(p), Val.i64(x)]))[0] as { value: bigint }).value);
          expect(mine, `${name}(${p}, ${x})`).toBe(result(() => v8[name]!(p, x)));
          checked++;
        }
      }
    }
    expect(checked).toBe(4 * addresses.length * values.length);
  });
});

describe('an add of a constant to the i32 in memory (a counter\'s increment)', () => {
  // Each export adds to memory, then returns a checksum of two words near the address.
  const inc = (addr: string, k: string, offset = ''): string => `(i32.store${offset} ${addr} (i32.add (i32.load${offset} ${addr}) ${k}))`;
  const sum = '(i32.add (i32.load (i32.and (local.get $p) (i32.const 0xfff8))) (i32.mul (i32.load offset=8 (i32.and (local.get $p) (i32.const 0xfff8))) (i32.const 31)))';
  const funcs: [string, string][] = [
    ['local', inc('(local.get $p)', '(i32.const 1)')],
    ['offset', inc('(local.get $p)', '(i32.const -7)', ' offset=8')],
    ['addK', inc('(i32.add (local.get $p) (i32.const 65528))', '(i32.const 0x7fffffff)')],
    ['sub', `(i32.store (local.get $p) (i32.sub (i32.load (local.get $p)) (i32.const 3)))`],
    ['absolute', inc('(i32.const 65532)', '(i32.const 5)')],
    // twice in a row, then a store of another value between the load and the store: not fused
    ['twice', `${inc('(local.get $p)', '(i32.const 1)')} ${inc('(local.get $p)', '(i32.const 2)')}`],
    ['other', `(i32.store (local.get $p) (i32.add (i32.load (i32.xor (local.get $p) (i32.const 4))) (i32.const 1)))`],
  ];
  const text = `(module (memory (export "mem") 1)
    ${funcs.map(([n, st]) => `(func (export "${n}") (param $p i32) (result i32) ${st} ${sum})`).join('\n')})`;
  const bytes = wat(text);
  const store = new Store();
  const inst = store.instantiate(prepare(bytes));
  const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes), {}).exports as unknown as Record<string, Fn>;

  it('adds, wraps and traps as V8 does, on edge and seeded addresses', () => {
    const next = rng32(0xc0de);
    const addresses = [0, 4, 7, 8, 65520, 65524, 65527, 65528, 65529, 65532, 65533, 65536, -1, -8, 0x7fffffff, -65536];
    for (let n = 0; n < 30; n++) addresses.push(next() % 66000);
    let checked = 0;
    for (const [name] of funcs) {
      for (const p of addresses) {
        const mine = outcome(() => (done(store.invoke(inst, name, [Val.i32(p)]))[0] as { value: number }).value);
        expect(mine, `${name}(${p})`).toEqual(outcome(() => v8[name]!(p)));
        checked++;
      }
    }
    expect(checked).toBe(funcs.length * addresses.length);
    const theirs = new Uint8Array((v8['mem'] as unknown as { buffer: ArrayBuffer }).buffer);
    expect(Buffer.from(store.memory(inst)).equals(Buffer.from(theirs)), 'the memories after every call').toBe(true);
  });
});

describe('an i64 or i32 operation of the result of the one before (hash rounds)', () => {
  /** Each first operation, then the operations that take its result in one instruction. */
  const CHAINED: [string, string[]][] = [
    ['i64.xor', ['xor', 'add', 'and', 'rotl']],
    ['i64.add', ['xor', 'add']],
    ['i64.and', ['xor']],
    ['i64.rotl', ['xor']],
    ['i64.shr_u', ['xor']],
    ['i32.xor', ['add', 'and', 'rotl']],
    ['i32.add', ['xor', 'add', 'rotl']],
    ['i32.and', ['xor']],
    ['i32.rotl', ['xor', 'add']],
  ];
  const pairs = CHAINED.flatMap(([first, seconds]) => seconds.map((second) => [first, `${first.slice(0, 3)}.${second}`] as const));
  const A = '(local.get $a)';
  const B = '(local.get $b)';
  const C = '(local.get $c)';
  const funcs = pairs.flatMap(([first, second]) => {
    const t = first.slice(0, 3);
    const name = `${first}_${second}`.replace(/\./g, '');
    const inner = `(${first} ${A} ${B})`;
    const sig = `(param $a ${t}) (param $b ${t}) (param $c ${t}) (result ${t})`;
    return [
      `(func (export "${name}_left") ${sig} (${second} ${inner} ${C}))`,
      // the chained value as the second operand (not fused for a rotl, whose count it would be)
      `(func (export "${name}_right") ${sig} (${second} ${C} ${inner}))`,
      // the result overwrites an operand of the first operation, then of the second
      `(func (export "${name}_alias") ${sig} (local.set $a (${second} ${inner} ${A})) (local.set $c (${second} (${first} ${C} ${A}) ${C})) (${t}.xor ${A} ${C}))`,
      // the first result is kept in a local too: not fused
      `(func (export "${name}_tee") ${sig} (local $t ${t}) (drop (${second} (local.tee $t ${inner}) ${C})) (local.get $t))`,
      // a loop that feeds each result back (the compiled profile's variables)
      `(func (export "${name}_loop") ${sig} (local $n i32) (local.set $n (i32.const 9))
        (loop $l
          (local.set $a (${second} (${first} ${A} ${B}) ${C}))
          (local.set $c (${t}.add ${C} (${t}.const 0x7f4a7c15)))
          (local.set $b (${second} (${first} ${B} ${C}) ${A}))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (${t}.xor ${A} (${t}.rotl ${B} (${t}.const 17))))`,
    ];
  });
  const bytes = wat(`(module ${funcs.join('\n')})`);
  const store = new Store();
  const inst = store.instantiate(prepare(bytes));
  const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes), {}).exports as unknown as Record<string, (...args: (bigint | number)[]) => bigint | number>;

  it('gives V8’s results on edge and seeded random operands, in every operand form', () => {
    const next = rng32(64);
    const random = (): bigint => (BigInt(next() >>> 0) << 32n) | BigInt(next() >>> 0);
    const edges = [0n, 1n, -1n, 31n, 32n, 63n, 64n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -(2n ** 63n), 2n ** 63n - 1n];
    const values = [...edges, ...Array.from({ length: 12 }, random)];
    let checked = 0;
    for (const [first, second] of pairs) {
      const is64 = first.startsWith('i64');
      const arg = (x: bigint): bigint | number => (is64 ? BigInt.asIntN(64, x) : Number(BigInt.asIntN(32, x)));
      const val = (x: bigint): Val => (is64 ? Val.i64(BigInt.asIntN(64, x)) : Val.i32(Number(BigInt.asIntN(32, x))));
      for (const form of ['left', 'right', 'alias', 'tee', 'loop']) {
        const name = `${first}_${second}_${form}`.replace(/\./g, '');
        for (let k = 0; k < 60; k++) {
          const a = values[k % values.length]!;
          const b = k < values.length ? values[(k * 7 + 3) % values.length]! : random();
          const c = k % 3 === 0 ? BigInt(k) : random();
          const mine = (done(store.invoke(inst, name, [val(a), val(b), val(c)]))[0] as { value: bigint | number }).value;
          expect(mine, `${name}(${a}, ${b}, ${c})`).toBe(v8[name]!(arg(a), arg(b), arg(c)));
          checked++;
        }
      }
    }
    expect(checked).toBe(pairs.length * 5 * 60);
  });
});

describe('a float add of the sum or difference just computed', () => {
  const CHAINS: [string, string][] = [
    ['f64.add', 'f64.add'],
    ['f32.sub', 'f32.add'],
    ['f32.add', 'f32.add'],
  ];
  const funcs = CHAINS.flatMap(([first, second]) => {
    const t = first.slice(0, 3);
    const bits = t === 'f32' ? 'i32.reinterpret_f32' : 'i64.reinterpret_f64';
    const r = t === 'f32' ? 'i32' : 'i64';
    const name = first.replace('.', '_');
    const sig = `(param $a ${t}) (param $b ${t}) (param $c ${t}) (result ${r})`;
    return [
      `(func (export "${name}_left") ${sig} (${bits} (${second} (${first} (local.get $a) (local.get $b)) (local.get $c))))`,
      `(func (export "${name}_right") ${sig} (${bits} (${second} (local.get $c) (${first} (local.get $a) (local.get $b)))))`,
      `(func (export "${name}_alias") ${sig} (local.set $a (${second} (${first} (local.get $a) (local.get $b)) (local.get $a))) (${bits} (local.get $a)))`,
      `(func (export "${name}_tee") ${sig} (local $t ${t}) (drop (${second} (local.tee $t (${first} (local.get $a) (local.get $b))) (local.get $c))) (${bits} (local.get $t)))`,
    ];
  });
  const { ours, v8 } = both(`(module ${funcs.join('\n')})`);
  // Sums that round differently in f32 and f64 (1 - 2^-30 is 1 in f32), overflow, cancel, NaN.
  const values = [0, -0, 1, -1, 2 ** -30, 1 / 3, 16777217, 3e38, -3e38, 1e300, -1e300, Infinity, -Infinity, NaN, 2 ** -149];

  it('rounds the first result to its type, as its cell would, in every operand form', () => {
    let checked = 0;
    for (const [first] of CHAINS) {
      const t = first.slice(0, 3);
      const mk = (x: number): Val => (t === 'f32' ? Val.f32(x) : Val.f64(x));
      for (const form of ['left', 'right', 'alias', 'tee']) {
        const name = `${first.replace('.', '_')}_${form}`;
        for (const a of values) {
          for (const b of values) {
            for (const c of [0, -1, 1, 2 ** -30, -Infinity]) {
              const mine = outcome(() => ours(name, [mk(a), mk(b), mk(c)]));
              const theirs = outcome(() => v8[name]!(a, b, c));
              const isNaN = (x: unknown): boolean => {
                const v = typeof x === 'string' ? BigInt(x) : BigInt(x as number);
                return t === 'f32' ? (Number(v & 0x7f800000n) === 0x7f800000 && (v & 0x7fffffn) !== 0n) : ((v >> 52n) & 0x7ffn) === 0x7ffn && (v & 0xfffffffffffffn) !== 0n;
              };
              if (isNaN(mine) && isNaN(theirs)) continue;
              expect(mine, `${name}(${a}, ${b}, ${c})`).toEqual(theirs);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(2500);
  });
});

describe('a product added right away (f32 and f64 multiply-add)', () => {
  const funcs = ['f32', 'f64'].flatMap((t) => {
    const bits = t === 'f32' ? 'i32.reinterpret_f32' : 'i64.reinterpret_f64';
    const r = t === 'f32' ? 'i32' : 'i64';
    return [
      `(func (export "${t}_left") (param ${t} ${t} ${t}) (result ${r}) (${bits} (${t}.add (${t}.mul (local.get 0) (local.get 1)) (local.get 2))))`,
      `(func (export "${t}_right") (param ${t} ${t} ${t}) (result ${r}) (${bits} (${t}.add (local.get 2) (${t}.mul (local.get 0) (local.get 1)))))`,
      // the product goes to a local as well: it must still be written
      `(func (export "${t}_tee") (param ${t} ${t} ${t}) (result ${r}) (local $p ${t})
         (drop (${t}.add (local.tee $p (${t}.mul (local.get 0) (local.get 1))) (local.get 2)))
         (${bits} (local.get $p)))`,
    ];
  });
  const { ours, v8 } = both(`(module ${funcs.join('\n')})`);
  // Values whose products round differently in f32 and f64, and overflow to infinity.
  const values = [0, -0, 1, -1, 1 / 3, 0.1, 16777217, 1e-30, 3e38, -3e38, 1e300, Infinity, 2 ** -149, 1.0000001];

  it('rounds the product first, as the two instructions do, in both orders', () => {
    let checked = 0;
    for (const t of ['f32', 'f64'] as const) {
      const mk = (x: number): Val => (t === 'f32' ? Val.f32(x) : Val.f64(x));
      for (const form of ['left', 'right', 'tee']) {
        const name = `${t}_${form}`;
        for (const a of values) {
          for (const b of values) {
            for (const c of [0, 1, -1, 0.5, 1e-8, -Infinity]) {
              const mine = outcome(() => ours(name, [mk(a), mk(b), mk(c)]));
              const theirs = outcome(() => v8[name]!(a, b, c));
              // NaN results may differ in payload (both are arithmetic NaNs).
              const isNaN = (x: unknown): boolean => {
                const v = typeof x === 'string' && x !== 'trap' ? BigInt(x) : typeof x === 'number' ? BigInt(x) : 0n;
                return t === 'f32'
                  ? (Number(v & 0x7f800000n) === 0x7f800000 && (v & 0x7fffffn) !== 0n)
                  : ((v >> 52n) & 0x7ffn) === 0x7ffn && (v & 0xfffffffffffffn) !== 0n;
              };
              if (isNaN(mine) && isNaN(theirs)) continue;
              expect(mine, `${name}(${a}, ${b}, ${c})`).toEqual(theirs);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });
});
