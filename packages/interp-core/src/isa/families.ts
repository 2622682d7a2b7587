/**
 * The fused forms of the instruction set, by family: which instructions take part in each and
 * with which op ids. scripts/gen-isa.mjs writes their cases from the members' rows in
 * instructions.ts; the fast translator's tables of which op to emit (fast/control.ts,
 * fast/fusion.ts) follow it, and families.test.ts checks that they agree. Plain data: nothing
 * here runs.
 */

/**
 * A fused form of the fast profile: one prepared op for a sequence the translator recognizes,
 * for each member instruction (op id `base + i` for `members[i]`; null leaves an id unused).
 * `layout` names the op's words after the id: `d` the result cell, `a`/`b` operand cells, `k`
 * an immediate operand, `t` a branch target, `ea` an address (two cells and an offset word),
 * `x` an index cell, `s` a shift. `form` says how the member's row is used:
 * - `set`: `d` gets the member's result, with `k` as its second operand when the layout has one;
 * - `branch` / `branchNot`: go to `t` when the member's comparison holds / does not;
 * - `stepBranch`: `d = a + k` (or `a + b` when the layout has no `k`), then branch when the
 *   member's comparison of `d` with `b2` (a cell) or `k2` (an immediate) holds;
 * - `setBranchIf` / `setBranch`: `d = a + k` as `set` does, then branch when `d` is nonzero /
 *   always;
 * - `load` / `store`: the member's access at a scaled address `((x << s) + b) + offset`;
 * - `ofLoads`: the member applied to two values loaded from the addresses `ea` and `ea2` (each two
 *   cells and an offset word), the first one first;
 * - `mulAdd`: the member (an add) of `c` and the product of `a` and `b`, the product rounded to
 *   the member's type first, as the two instructions would;
 * - `mulAddLoads`: the member (an f64 add) of `c` and the product of two values loaded as
 *   `ofLoads` loads them (a dot product's step);
 * - `loadBranch` / `loadBranchNot`: go to `t` when the value the member loads from `ea` is
 *   nonzero / zero (a `br_if` on a loaded flag or pointer);
 * - `loadCompareBranch`: go to `t` when the member's comparison of the i32 loaded from `ea` with
 *   `b` (a cell) or `k` (an immediate) holds (a tag or a key tested in a list or a tree);
 * - `loadTable`: a br_table on the value the member loads from the scaled address `((x << s) + b)
 *   + offset` (a shift of 0 for a plain load), its count `n` and targets after (an interpreter's
 *   dispatch; the `fast` profile only: the compiled one switches on the index itself);
 * - `ofLoad`: `d = member(load(ea), c)`, the family's `first` (a load) read from the address `ea`
 *   and handed to the member without a cell (a sum of values loaded one by one);
 * - `addAt`: the member (an i32 add) of the immediate `k` to the i32 in memory at the address `ea`,
 *   loaded and stored back (a counter's increment: a load, an add of a constant, a store);
 * - `chain`: `d = member(first(a, b), c)`, the family's `first` instruction's result taken by the
 *   member as its first operand without going through a cell (hash rounds: rotations, xors, adds;
 *   i64 or i32; sums of floats, an f32 result rounded to f32 as the cell would).
 * The translator chooses when a form applies (fast/control.ts, fast/fusion.ts); the ids are here
 * and in fast/ops.ts, which names each family's base.
 */
export interface Family {
  readonly name: string;
  readonly base: number;
  readonly members: readonly (string | null)[];
  readonly layout: readonly string[];
  readonly form: 'set' | 'branch' | 'branchNot' | 'stepBranch' | 'setBranchIf' | 'setBranch' | 'load' | 'store' | 'ofLoads' | 'mulAdd' | 'mulAddLoads' | 'loadBranch' | 'loadBranchNot' | 'loadCompareBranch' | 'loadTable' | 'ofLoad' | 'addAt' | 'chain';
  /** The `chain` form's first instruction, the `ofLoad` form's load. */
  readonly first?: string;
}

const I32_COMPARISONS = ['i32.eqz', 'i32.eq', 'i32.ne', 'i32.lt_s', 'i32.lt_u', 'i32.gt_s', 'i32.gt_u', 'i32.le_s', 'i32.le_u', 'i32.ge_s', 'i32.ge_u'];
const BINARY_I32_COMPARISONS = [null, ...I32_COMPARISONS.slice(1)];
const F32_COMPARISONS = ['f32.eq', 'f32.ne', 'f32.lt', 'f32.gt', 'f32.le', 'f32.ge'];
const F64_COMPARISONS = ['f64.eq', 'f64.ne', 'f64.lt', 'f64.gt', 'f64.le', 'f64.ge'];
const LOOP_TESTS = ['i32.ne', 'i32.lt_s', 'i32.lt_u'];
/** The loads a branch takes in one instruction: words (pointers, counts) and bytes (flags). */
const BRANCH_LOADS = ['i32.load', 'i32.load8_u'];
/** The `chain` families' members (null where no program we measure chains them). */
const chain = (first: string, base: number, members: readonly (string | null)[]): Family => ({
  name: `${first}, then an operation of its result`,
  base,
  first,
  members,
  layout: ['d', 'a', 'b', 'c'],
  form: 'chain',
});

export const FAMILIES: readonly Family[] = [
  { name: 'br_if on an i32 comparison', base: 0x320, members: I32_COMPARISONS, layout: ['a', 'b', 't'], form: 'branch' },
  { name: 'br_unless on an i32 comparison', base: 0x330, members: I32_COMPARISONS, layout: ['a', 'b', 't'], form: 'branchNot' },
  {
    name: 'i32 with an immediate',
    base: 0x340,
    members: ['i32.add', 'i32.mul', 'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u'],
    layout: ['d', 'a', 'k'],
    form: 'set',
  },
  { name: 'i32 comparison with an immediate', base: 0x350, members: BINARY_I32_COMPARISONS, layout: ['d', 'a', 'k'], form: 'set' },
  { name: 'br_if on an i32 comparison with an immediate', base: 0x360, members: BINARY_I32_COMPARISONS, layout: ['a', 'k', 't'], form: 'branch' },
  { name: 'br_unless on an i32 comparison with an immediate', base: 0x370, members: BINARY_I32_COMPARISONS, layout: ['a', 'k', 't'], form: 'branchNot' },
  { name: 'br_if on an f32 comparison', base: 0x380, members: F32_COMPARISONS, layout: ['a', 'b', 't'], form: 'branch' },
  { name: 'br_unless on an f32 comparison', base: 0x386, members: F32_COMPARISONS, layout: ['a', 'b', 't'], form: 'branchNot' },
  { name: 'br_if on an f64 comparison', base: 0x38c, members: F64_COMPARISONS, layout: ['a', 'b', 't'], form: 'branch' },
  { name: 'br_unless on an f64 comparison', base: 0x392, members: F64_COMPARISONS, layout: ['a', 'b', 't'], form: 'branchNot' },
  { name: 'i32.add with an immediate, then br_if on a comparison of its result', base: 0x3a0, members: LOOP_TESTS, layout: ['d', 'a', 'k', 'b2', 't'], form: 'stepBranch' },
  {
    name: 'i32.add with an immediate, then br_if on a comparison of its result with an immediate',
    base: 0x3a3,
    members: LOOP_TESTS,
    layout: ['d', 'a', 'k', 'k2', 't'],
    form: 'stepBranch',
  },
  { name: 'i32.add, then br_if on a comparison of its result', base: 0x3a6, members: LOOP_TESTS, layout: ['d', 'a', 'b', 'b2', 't'], form: 'stepBranch' },
  { name: 'i32.add with an immediate, then br_if on its result', base: 0x3a9, members: ['i32.add'], layout: ['d', 'a', 'k', 't'], form: 'setBranchIf' },
  { name: 'i32.add with an immediate, then br', base: 0x3aa, members: ['i32.add'], layout: ['d', 'a', 'k', 't'], form: 'setBranch' },
  { name: 'a load at a scaled index', base: 0x3b0, members: ['i32.load', 'i64.load'], layout: ['d', 'x', 'b', 'offset', 's'], form: 'load' },
  { name: 'a store at a scaled index', base: 0x3b2, members: ['i32.store', 'i64.store'], layout: ['x', 'b', 'v', 'offset', 's'], form: 'store' },
  { name: 'an f64 operation on two f64.loads', base: 0x3b4, members: ['f64.add', 'f64.mul'], layout: ['d', 'ea', 'ea2'], form: 'ofLoads' },
  { name: 'a multiply, then an add of its product', base: 0x3b6, members: ['f32.add', 'f64.add'], layout: ['d', 'a', 'b', 'c'], form: 'mulAdd' },
  { name: 'an f64 load at a scaled index', base: 0x3b8, members: ['f64.load'], layout: ['d', 'x', 'b', 'offset', 's'], form: 'load' },
  { name: 'an f64 store at a scaled index', base: 0x3b9, members: ['f64.store'], layout: ['x', 'b', 'v', 'offset', 's'], form: 'store' },
  { name: 'an f64 add of the product of two f64.loads', base: 0x3ba, members: ['f64.add'], layout: ['d', 'c', 'ea', 'ea2'], form: 'mulAddLoads' },
  { name: 'br_if on an i32 loaded', base: 0x3c4, members: BRANCH_LOADS, layout: ['ea', 't'], form: 'loadBranch' },
  { name: 'br_unless on an i32 loaded', base: 0x3c6, members: BRANCH_LOADS, layout: ['ea', 't'], form: 'loadBranchNot' },
  { name: 'br_if on a comparison of an i32.load', base: 0x3c8, members: ['i32.eq', 'i32.ne'], layout: ['ea', 'b', 't'], form: 'loadCompareBranch' },
  { name: 'br_if on a comparison of an i32.load with an immediate', base: 0x3ca, members: ['i32.eq', 'i32.ne'], layout: ['ea', 'k', 't'], form: 'loadCompareBranch' },
  { name: 'br_table on an i32 loaded', base: 0x3cc, members: ['i32.load'], layout: ['x', 'b', 'offset', 's', 'n'], form: 'loadTable' },
  { name: 'an i64.add of an i64.load', base: 0x3cd, first: 'i64.load', members: ['i64.add'], layout: ['d', 'c', 'ea'], form: 'ofLoad' },
  { name: 'an add of a constant to the i32 in memory at an address', base: 0x3bb, members: ['i32.add'], layout: ['ea', 'k'], form: 'addAt' },
  chain('i64.xor', 0x3d0, ['i64.xor', 'i64.add', 'i64.and', 'i64.rotl']),
  chain('i64.add', 0x3d4, ['i64.xor', 'i64.add']),
  chain('i64.and', 0x3d8, ['i64.xor']),
  chain('i64.rotl', 0x3dc, ['i64.xor']),
  chain('i64.shr_u', 0x3e0, ['i64.xor']),
  chain('i32.xor', 0x3e4, [null, 'i32.add', 'i32.and', 'i32.rotl']),
  chain('i32.add', 0x3e8, ['i32.xor', 'i32.add', null, 'i32.rotl']),
  chain('i32.and', 0x3ec, ['i32.xor']),
  chain('i32.rotl', 0x3f0, ['i32.xor', 'i32.add']),
  chain('f64.add', 0x3f4, ['f64.add']),
  chain('f32.sub', 0x3f5, ['f32.add']),
  chain('f32.add', 0x3f6, ['f32.add']),
];

/**
 * The compact profile's fused forms, which it finds while it runs: a comparison whose result a
 * `br_if` takes right away branches without pushing it.
 */
export const COMPACT_BRANCHING: readonly string[] = ['i32.eqz', 'i32.ne', 'i32.lt_u'];

/**
 * The compact profile's other fused form: an `i32.const` right before one of these applies it to
 * the operand below with the constant as its second operand (addresses and indices).
 */
export const COMPACT_CONST_OPERANDS: readonly string[] = ['i32.add', 'i32.shl', 'i32.and'];
