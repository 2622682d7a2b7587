/**
 * Golden tests of the `fast` translator: module text in, the disassembly of one function's
 * prepared code out (see disassemble.ts), for each fused op of ops.ts, the notable lowerings,
 * and the cases where a fusion must not happen. The expected code is written out: a change to
 * the translator shows here as a changed listing, to be read and accepted by hand.
 */
import { assemble, loadWabt } from '@proj/testkit';
import { describe, expect, it } from 'vitest';
import { Module } from '../module.js';
import { registerProfile } from '../profiles.js';
import { disassemble, listing, preparedOps } from './disassemble.js';
import type { PreparedFunc } from './translate.js';
import { fastProfile } from './profile.js';
import { CATCH_ALL, NO_DELEGATE, TO_CALLER } from '../exceptions.js';

registerProfile(fastProfile);

const wabt = await loadWabt();

/**
 * The disassembly of own function `fn` of the module whose fields are `text`, in the fast
 * profile; `metered`: its code with fuel charges, as a store with fuel runs it.
 */
function fast(text: string, fn: number, metered = false): string {
  const f = new Module(assemble(wabt, `(module ${text})`, { features: { exceptions: true } }), { profile: 'fast' }).prepared(fn, metered) as PreparedFunc;
  expect(f.kind).toBe('fast');
  const listed = disassemble(f.code, f.entryWords);
  for (const line of listed.split('\n')) seen.add(line.split(' ')[1]);
  return listed;
}

/** The op names the listings below show (checked for coverage at the end). */
const seen = new Set<string>();

/** One golden case: function `fn` of `text` disassembles to `expected`. */
function golden(title: string, text: string, expected: string, fn = 0): void {
  it(title, () => expect(fast(text, fn)).toBe(listing(expected)));
}

/** A golden case of metered code (fuel/meter.ts): function `fn` of `text` with its charges. */
function meteredGolden(title: string, text: string, expected: string, fn = 0): void {
  it(title, () => expect(fast(text, fn, true)).toBe(listing(expected)));
}

const CMP = ['eqz', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const FLOAT_CMP = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
/** An i32 comparison of a and b (eqz of a alone). */
const cmp = (k: string, a = '(local.get $a)', b = '(local.get $b)'): string => (k === 'eqz' ? `(i32.eqz ${a})` : `(i32.${k} ${a} ${b})`);
const P = '(param $a i32) (param $b i32)';

describe('compare-and-branch', () => {
  golden('br_if on each i32 comparison becomes brCmp',
    `(func ${P} (block ${CMP.map((k) => `(br_if 0 ${cmp(k)})`).join(' ')}))`,
    `
      0: brCmp.eqz $0 @43
      3: brCmp.eq $0 $1 @43
      7: brCmp.ne $0 $1 @43
      11: brCmp.lt_s $0 $1 @43
      15: brCmp.lt_u $0 $1 @43
      19: brCmp.gt_s $0 $1 @43
      23: brCmp.gt_u $0 $1 @43
      27: brCmp.le_s $0 $1 @43
      31: brCmp.le_u $0 $1 @43
      35: brCmp.ge_s $0 $1 @43
      39: brCmp.ge_u $0 $1 @43
      43: return
    `);

  golden('if on each i32 comparison becomes brNotCmp to the else',
    `(func ${P} ${CMP.map((k) => `(if ${cmp(k)} (then (unreachable)))`).join(' ')})`,
    `
      0: brNotCmp.eqz $0 @4
      3: unreachable
      4: brNotCmp.eq $0 $1 @9
      8: unreachable
      9: brNotCmp.ne $0 $1 @14
      13: unreachable
      14: brNotCmp.lt_s $0 $1 @19
      18: unreachable
      19: brNotCmp.lt_u $0 $1 @24
      23: unreachable
      24: brNotCmp.gt_s $0 $1 @29
      28: unreachable
      29: brNotCmp.gt_u $0 $1 @34
      33: unreachable
      34: brNotCmp.le_s $0 $1 @39
      38: unreachable
      39: brNotCmp.le_u $0 $1 @44
      43: unreachable
      44: brNotCmp.ge_s $0 $1 @49
      48: unreachable
      49: brNotCmp.ge_u $0 $1 @54
      53: unreachable
      54: return
    `);

  golden('float comparisons: brCmpF32/F64 for br_if, brNotCmpF32/F64 for if',
    `(func (param $x f32) (param $y f32) (param $u f64) (param $v f64) (block
    ${FLOAT_CMP.map((k) => `(br_if 0 (f32.${k} (local.get $x) (local.get $y))) (br_if 0 (f64.${k} (local.get $u) (local.get $v)))`).join('\n')})
    ${FLOAT_CMP.map((k) => `(if (f32.${k} (local.get $x) (local.get $y)) (then (unreachable))) (if (f64.${k} (local.get $u) (local.get $v)) (then (unreachable)))`).join('\n')})`,
    `
      0: brCmpF32.eq $0 $1 @48
      4: brCmpF64.eq $2 $3 @48
      8: brCmpF32.ne $0 $1 @48
      12: brCmpF64.ne $2 $3 @48
      16: brCmpF32.lt $0 $1 @48
      20: brCmpF64.lt $2 $3 @48
      24: brCmpF32.gt $0 $1 @48
      28: brCmpF64.gt $2 $3 @48
      32: brCmpF32.le $0 $1 @48
      36: brCmpF64.le $2 $3 @48
      40: brCmpF32.ge $0 $1 @48
      44: brCmpF64.ge $2 $3 @48
      48: brNotCmpF32.eq $0 $1 @53
      52: unreachable
      53: brNotCmpF64.eq $2 $3 @58
      57: unreachable
      58: brNotCmpF32.ne $0 $1 @63
      62: unreachable
      63: brNotCmpF64.ne $2 $3 @68
      67: unreachable
      68: brNotCmpF32.lt $0 $1 @73
      72: unreachable
      73: brNotCmpF64.lt $2 $3 @78
      77: unreachable
      78: brNotCmpF32.gt $0 $1 @83
      82: unreachable
      83: brNotCmpF64.gt $2 $3 @88
      87: unreachable
      88: brNotCmpF32.le $0 $1 @93
      92: unreachable
      93: brNotCmpF64.le $2 $3 @98
      97: unreachable
      98: brNotCmpF32.ge $0 $1 @103
      102: unreachable
      103: brNotCmpF64.ge $2 $3 @108
      107: unreachable
      108: return
    `);

  golden('a comparison with a constant: brCmpImm and brNotCmpImm, turned around when the constant is first',
    `(func ${P} (block ${CMP.slice(1).map((k) => `(br_if 0 ${cmp(k, '(local.get $a)', '(i32.const 7)')})`).join(' ')}
    (br_if 0 (i32.lt_s (i32.const 7) (local.get $a))) (br_if 0 (i32.ge_u (i32.const -1) (local.get $a))))
    ${CMP.slice(1).map((k) => `(if ${cmp(k, '(local.get $a)', '(i32.const -3)')} (then (unreachable)))`).join(' ')})`,
    `
      0: brCmpImm.eq $0 7 @48
      4: brCmpImm.ne $0 7 @48
      8: brCmpImm.lt_s $0 7 @48
      12: brCmpImm.lt_u $0 7 @48
      16: brCmpImm.gt_s $0 7 @48
      20: brCmpImm.gt_u $0 7 @48
      24: brCmpImm.le_s $0 7 @48
      28: brCmpImm.le_u $0 7 @48
      32: brCmpImm.ge_s $0 7 @48
      36: brCmpImm.ge_u $0 7 @48
      40: brCmpImm.gt_s $0 7 @48
      44: brCmpImm.le_u $0 -1 @48
      48: brNotCmpImm.eq $0 -3 @53
      52: unreachable
      53: brNotCmpImm.ne $0 -3 @58
      57: unreachable
      58: brNotCmpImm.lt_s $0 -3 @63
      62: unreachable
      63: brNotCmpImm.lt_u $0 -3 @68
      67: unreachable
      68: brNotCmpImm.gt_s $0 -3 @73
      72: unreachable
      73: brNotCmpImm.gt_u $0 -3 @78
      77: unreachable
      78: brNotCmpImm.le_s $0 -3 @83
      82: unreachable
      83: brNotCmpImm.le_u $0 -3 @88
      87: unreachable
      88: brNotCmpImm.ge_s $0 -3 @93
      92: unreachable
      93: brNotCmpImm.ge_u $0 -3 @98
      97: unreachable
      98: return
    `);

  golden('not fused: the comparison is kept in a local',
    `(func ${P} (local $c i32) (block (br_if 0 (local.tee $c (i32.lt_s (local.get $a) (local.get $b))))))`,
    `
      0: i32.lt_s $2 $0 $1
      4: brIf $2 @7
      7: return
    `);

  golden('not fused: a branch target lies between the comparison and the branch',
    `(func ${P} (block (br_if 0 (block (result i32) (br_if 0 (i32.const 1) (local.get $b)) (drop) (i32.lt_s (local.get $a) (local.get $b))))))`,
    `
      0: brUnless $1 @8
      3: copy4 $3 $2
      6: br @12
      8: i32.lt_s $3 $0 $1
      12: brIf $3 @15
      15: return
      entry: $2=1
    `);

  golden('not fused: a br_if that carries a value moves it first',
    `(func ${P} (result i32) (block (result i32) (br_if 0 (local.get $a) (i32.eq (local.get $a) (local.get $b))) (drop) (i32.const 2)))`,
    `
      0: brNotCmp.eq $0 $1 @9
      4: copy4 $3 $0
      7: br @12
      9: copy1 $3 $2
      12: return1 $3
      entry: $2=2
    `);
});

describe('immediate forms', () => {
  golden('i32Imm for each i32 op with a constant operand, sub as the add of the negation',
    `(func ${P} ${['add','mul','and','or','xor','shl','shr_s','shr_u'].map((k) => `(local.set $b (i32.${k} (local.get $a) (i32.const 5)))`).join(' ')}
    (local.set $b (i32.sub (local.get $a) (i32.const 5))) (local.set $b (i32.mul (i32.const 3) (local.get $a))))`,
    `
      0: i32Imm.add $1 $0 5
      4: i32Imm.mul $1 $0 5
      8: i32Imm.and $1 $0 5
      12: i32Imm.or $1 $0 5
      16: i32Imm.xor $1 $0 5
      20: i32Imm.shl $1 $0 5
      24: i32Imm.shr_s $1 $0 5
      28: i32Imm.shr_u $1 $0 5
      32: i32Imm.add $1 $0 -5
      36: i32Imm.mul $1 $0 3
      40: return
    `);

  golden('not an immediate: a shift of a constant, a sub from a constant',
    `(func ${P} (local.set $b (i32.shl (i32.const 5) (local.get $a))) (local.set $b (i32.sub (i32.const 5) (local.get $a))))`,
    `
      0: i32.shl $1 $2 $0
      4: i32.sub $1 $2 $0
      8: return
      entry: $2=5
    `);

  golden('i32CmpImm for each comparison with a constant, turned around when the constant is first',
    `(func ${P} ${CMP.slice(1).map((k) => `(local.set $b ${cmp(k, '(local.get $a)', '(i32.const 9)')})`).join(' ')}
    (local.set $b (i32.le_s (i32.const 9) (local.get $a))) (local.set $b (i32.gt_u (i32.const 9) (local.get $a))))`,
    `
      0: i32CmpImm.eq $1 $0 9
      4: i32CmpImm.ne $1 $0 9
      8: i32CmpImm.lt_s $1 $0 9
      12: i32CmpImm.lt_u $1 $0 9
      16: i32CmpImm.gt_s $1 $0 9
      20: i32CmpImm.gt_u $1 $0 9
      24: i32CmpImm.le_s $1 $0 9
      28: i32CmpImm.le_u $1 $0 9
      32: i32CmpImm.ge_s $1 $0 9
      36: i32CmpImm.ge_u $1 $0 9
      40: i32CmpImm.ge_s $1 $0 9
      44: i32CmpImm.lt_u $1 $0 9
      48: return
    `);
});

describe('loop steps', () => {
  golden('an add of a constant then br_if ne / lt_s / lt_u against a local: addImmBrCmp',
    `(func ${P} ${['ne','lt_s','lt_u'].map((k) => `(loop (br_if 0 (i32.${k} (local.tee $a (i32.add (local.get $a) (i32.const 1))) (local.get $b))))`).join(' ')})`,
    `
      0: addImmBrCmp.ne $0 $0 1 $1 @0
      6: addImmBrCmp.lt_s $0 $0 1 $1 @6
      12: addImmBrCmp.lt_u $0 $0 1 $1 @12
      18: return
    `);

  golden('the same against a constant: addImmBrCmpImm',
    `(func ${P} ${['ne','lt_s','lt_u'].map((k) => `(loop (br_if 0 (i32.${k} (local.tee $a (i32.add (local.get $a) (i32.const -2))) (i32.const 100))))`).join(' ')})`,
    `
      0: addImmBrCmpImm.ne $0 $0 -2 100 @0
      6: addImmBrCmpImm.lt_s $0 $0 -2 100 @6
      12: addImmBrCmpImm.lt_u $0 $0 -2 100 @12
      18: return
    `);

  golden('an add of two locals then the test: addBrCmp',
    `(func ${P} (local $i i32) ${['ne','lt_s','lt_u'].map((k) => `(loop (br_if 0 (i32.${k} (local.tee $i (i32.add (local.get $i) (local.get $a))) (local.get $b))))`).join(' ')})`,
    `
      0: addBrCmp.ne $2 $2 $0 $1 @0
      6: addBrCmp.lt_s $2 $2 $0 $1 @6
      12: addBrCmp.lt_u $2 $2 $0 $1 @12
      18: return
    `);

  golden('not fused: other comparisons (eq, gt_s), and the add of a different local',
    `(func ${P} (local $i i32) (loop (br_if 0 (i32.eq (local.tee $a (i32.add (local.get $a) (i32.const 1))) (local.get $b))))
    (loop (br_if 0 (i32.gt_s (local.tee $a (i32.add (local.get $a) (i32.const 1))) (local.get $b))))
    (loop (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if 0 (i32.lt_s (local.get $a) (local.get $b)))))`,
    `
      0: i32Imm.add $0 $0 1
      4: brCmp.eq $0 $1 @0
      8: i32Imm.add $0 $0 1
      12: brCmp.gt_s $0 $1 @8
      16: i32Imm.add $2 $2 1
      20: brCmp.lt_s $0 $1 @16
      24: return
    `);

  golden('an add of a constant then br_if on the result: addImmBrNz',
    `(func ${P} (loop (br_if 0 (local.tee $a (i32.add (local.get $a) (i32.const -1))))))`,
    `
      0: addImmBrNz $0 $0 -1 @0
      5: return
    `);

  golden('an add of a constant then br: addImmBr',
    `(func ${P} (block (loop (br_if 1 (i32.eqz (local.get $a))) (local.set $a (i32.add (local.get $a) (i32.const -1))) (br 0))))`,
    `
      0: brCmp.eqz $0 @8
      3: addImmBr $0 $0 -1 @0
      8: return
    `);
});

describe('memory', () => {
  golden(
    'an address add waits while the value is computed, then folds into the store; a dropped one is never computed',
    `(memory 1) (func ${P} (i32.store (i32.add (local.get $a) (i32.const 64)) (i32.mul (local.get $b) (i32.const 3)))
      (drop (i32.add (local.get $a) (i32.const 1))))`,
    `
      0: i32Imm.mul $6 $1 3
      4: i32.store $0 $2 $6 offset=0
      9: return
      entry: $2=64
    `,
  );

  // The entry word $2=64 is written though no code reads cell 2: the store's address is stack
  // cell 0 (word 8 before the shift past the constants), which marks constant cell 2 as used.
  golden(
    'an address add whose local is rewritten while it waits is computed first',
    `(memory 1) (func ${P} (i32.store (i32.add (local.get $a) (i32.const 64)) (local.tee $a (i32.const 5))))`,
    `
      0: i32Imm.add $5 $0 64
      4: copy1 $0 $3
      7: i32.store $5 $4 $0 offset=0
      12: return
      entry: $3=5 $2=64 $4=0
    `,
  );

  golden('an i32.add folds into the address of loads and stores; otherwise addrB is a zero constant',
    `(memory 1) (func ${P} (result i32)
    (i32.store offset=8 (i32.add (local.get $a) (local.get $b)) (local.get $b))
    (i64.store (i32.add (local.get $a) (i32.const 16)) (i64.const 5))
    (drop (f32.load (local.get $a)))
    (i32.load16_u offset=2 (i32.add (local.get $a) (local.get $b))))`,
    `
      0: i32.store $0 $1 $1 offset=8
      5: i64.store $0 $2 $3 offset=0
      10: f32.load $5 $0 $4 offset=0
      15: i32.load16_u $5 $0 $1 offset=2
      20: return1 $5
      entry: $2=16 $3=5 $3+1=0 $4=0
    `);

  golden('loadScaled32/64/F64 and storeScaled32/64/F64: a shift by a constant folds into the access',
    `(memory 1) (func ${P} (result f64)
    (i32.store (i32.add (local.get $b) (i32.shl (local.get $a) (i32.const 2))) (local.get $b))
    (f64.store (i32.shl (local.get $a) (i32.const 3)) (f64.const 1.5))
    (i64.store (i32.shl (local.get $a) (i32.const 3)) (i64.const 7))
    (drop (i64.load (i32.shl (local.get $a) (i32.const 3))))
    (drop (i32.load offset=4 (i32.add (i32.shl (local.get $a) (i32.const 2)) (local.get $b))))
    (f64.load (i32.add (i32.shl (local.get $a) (i32.const 3)) (i32.const 64))))`,
    `
      0: storeScaled32 $0 $1 $1 offset=0 shift=2
      6: storeScaledF64 $0 $5 $4 offset=0 shift=3
      12: storeScaled64 $0 $5 $6 offset=0 shift=3
      18: loadScaled64 $8 $0 $5 offset=0 shift=3
      24: loadScaled32 $8 $0 $1 offset=4 shift=2
      30: loadScaledF64 $8 $0 $7 offset=0 shift=3
      36: return1 $8
      entry: $5=0 $4=0 $4+1=1073217536 $6=7 $6+1=0 $7=64
    `);

  golden('not scaled: the value is computed between the shift and the store',
    `(memory 1) (func ${P} (i32.store (i32.shl (local.get $a) (i32.const 2)) (i32.load (local.get $b))))`,
    `
      0: i32Imm.shl $4 $0 2
      4: i32.load $5 $1 $3 offset=0
      9: i32.store $4 $3 $5 offset=0
      14: return
      entry: $3=0 $2=2
    `);

  golden('not scaled: a shift by a local, and a narrow access',
    `(memory 1) (func ${P} (result i32)
    (drop (i32.load (i32.shl (local.get $a) (local.get $b))))
    (i32.load8_u (i32.shl (local.get $a) (i32.const 2))))`,
    `
      0: i32.shl $4 $0 $1
      4: i32.load $4 $4 $2 offset=0
      9: i32Imm.shl $4 $0 2
      13: i32.load8_u $4 $4 $2 offset=0
      18: return1 $4
      entry: $2=0
    `);

  golden('f64AddLoads and f64MulLoads: an add or mul of two f64.loads',
    `(memory 1) (func ${P} (result f64)
    (f64.mul (f64.load offset=8 (local.get $a)) (f64.load (i32.add (local.get $b) (i32.const 16))))
    (f64.add (f64.load (local.get $a)) (f64.load offset=24 (local.get $b)))
    (f64.add))`,
    `
      0: f64MulLoads $4 $0 $2 offset=8 $1 $3 offset=0
      8: f64AddLoads $5 $0 $2 offset=0 $1 $2 offset=24
      16: f64.add $4 $4 $5
      20: return1 $4
      entry: $2=0 $3=16
    `);

  golden('not fused: one operand is not a load',
    `(memory 1) (func ${P} (param $x f64) (result f64) (f64.add (f64.load (local.get $a)) (local.get $x)))`,
    `
      0: f64.load $4 $0 $3 offset=0
      5: f64.add $4 $4 $2
      9: return1 $4
      entry: $3=0
    `);
});

describe('multiply-add', () => {
  golden('f64MulAddLoads: an f64.add of the product of two f64.loads, the product on either side',
    `(memory 1) (func ${P} (param $x f64) (result f64)
    (local.set $x (f64.add (local.get $x) (f64.mul (f64.load offset=8 (local.get $a)) (f64.load (local.get $b)))))
    (f64.add (f64.mul (f64.load (local.get $a)) (f64.load offset=16 (local.get $b))) (local.get $x)))`,
    `
      0: f64MulAddLoads $2 $2 $0 $3 offset=8 $1 $3 offset=0
      9: f64MulAddLoads $4 $2 $0 $3 offset=0 $1 $3 offset=16
      18: return1 $4
      entry: $3=0
    `);

  golden('f32MulAdd and f64MulAdd, the product on either side',
    `(func (param $x f32) (param $y f32) (param $u f64) (param $v f64) (result f64)
    (drop (f32.add (f32.mul (local.get $x) (local.get $y)) (local.get $x)))
    (f64.add (local.get $u) (f64.mul (local.get $u) (local.get $v))))`,
    `
      0: f32MulAdd $4 $0 $1 $0
      5: f64MulAdd $4 $2 $3 $2
      10: return1 $4
    `);

  golden('not fused: the product is kept in a local',
    `(func (param $x f32) (param $y f32) (result f32) (local $p f32) (f32.add (local.tee $p (f32.mul (local.get $x) (local.get $y))) (local.get $p)))`,
    `
      0: f32.mul $2 $0 $1
      4: f32.add $3 $2 $2
      8: return1 $3
    `);
});

describe('a branch on a loaded i32', () => {
  golden('br_if and br_unless (an if) on an i32.load and an i32.load8_u, the address add folded in',
    `(memory 1) (func ${P} (result i32)
    (block
      (br_if 0 (i32.load (local.get $a)))
      (br_if 0 (i32.load8_u offset=3 (i32.add (local.get $a) (local.get $b))))
      (if (i32.load offset=8 (local.get $b)) (then (local.set $a (i32.const 1))))
      (if (i32.load8_u (local.get $b)) (then (local.set $a (i32.const 2)))))
    (local.get $a))`,
    `
      0: brIfLoad.load $0 $2 offset=0 @26
      5: brIfLoad.load8_u $0 $1 offset=3 @26
      10: brUnlessLoad.load $1 $2 offset=8 @18
      15: copy1 $0 $3
      18: brUnlessLoad.load8_u $1 $2 offset=0 @26
      23: copy1 $0 $4
      26: return1 $0
      entry: $2=0 $3=1 $4=2
    `);

  golden('br_if on i32.eq and i32.ne of an i32.load and a cell (either side) or an immediate',
    `(memory 1) (func ${P} (result i32)
    (block
      (br_if 0 (i32.eq (i32.load (local.get $a)) (local.get $b)))
      (br_if 0 (i32.ne (local.get $b) (i32.load offset=4 (local.get $a))))
      (br_if 0 (i32.eq (i32.load offset=8 (local.get $a)) (i32.const 7)))
      (br_if 0 (i32.ne (i32.load (i32.add (local.get $a) (local.get $b))) (i32.const -1)))
      (br_if 0 (i32.lt_u (i32.load (local.get $a)) (local.get $b)))
      (if (i32.eq (i32.load (local.get $a)) (i32.const 3)) (then (local.set $b (i32.const 1)))))
    (local.get $b))`,
    `
      0: brCmpLoad.eq $0 $2 offset=0 $1 @45
      6: brCmpLoad.ne $0 $2 offset=4 $1 @45
      12: brCmpImmLoad.eq $0 $2 offset=8 7 @45
      18: brCmpImmLoad.ne $0 $1 offset=0 -1 @45
      24: i32.load $7 $0 $2 offset=0
      29: brCmp.lt_u $7 $1 @45
      33: i32.load $7 $0 $2 offset=0
      38: brNotCmpImm.eq $7 3 @45
      42: copy1 $1 $6
      45: return1 $1
      entry: $2=0 $6=1
    `);

  golden('br_table on an i32.load and on a load at a scaled index',
    `(memory 1) (func ${P} (result i32)
    (block (block (br_table 0 1 (i32.load offset=4 (local.get $a)))) (return (i32.const 1)))
    (block (block (block (br_table 0 1 2 (i32.load (i32.add (i32.shl (local.get $b) (i32.const 2)) (local.get $a))))) (return (i32.const 2))) (return (i32.const 3)))
    (i32.const 4))`,
    `
      0: brTableLoad $0 $2 offset=4 shift=0 1 @8 @10
      8: return1 $3
      10: brTableLoad $1 $0 offset=0 shift=2 2 @19 @21 @23
      19: return1 $4
      21: return1 $5
      23: return1 $6
      entry: $2=0 $3=1 $4=2 $5=3 $6=4
    `);

  golden('not fused: the loaded value kept in a local, other loads, a branch target between',
    `(memory 1) (func ${P} (result i32)
    (block
      (br_if 0 (local.tee $b (i32.load (local.get $a))))
      (br_if 0 (i32.load16_u (local.get $a)))
      (br_if 0 (i32.wrap_i64 (i64.load (local.get $a))))
      (br_if 0 (if (result i32) (local.get $b) (then (i32.load (local.get $a))) (else (i32.const 0)))))
    (local.get $b))`,
    `
      0: i32.load $1 $0 $2 offset=0
      5: brIf $1 @43
      8: i32.load16_u $3 $0 $2 offset=0
      13: brIf $3 @43
      16: i64.load $3 $0 $2 offset=0
      21: i32.wrap_i64 $3 $3
      24: brIf $3 @43
      27: brUnless $1 @37
      30: i32.load $3 $0 $2 offset=0
      35: br @40
      37: copy1 $3 $2
      40: brIf $3 @43
      43: return1 $1
      entry: $2=0
    `);
});

describe('an add of a constant to memory', () => {
  golden('a load, an add of a constant and a store back at the same address (a local, a local plus a constant)',
    `(memory 1) (func ${P}
    (i32.store offset=8 (local.get $a) (i32.add (i32.load offset=8 (local.get $a)) (i32.const 1)))
    (i32.store (i32.add (local.get $b) (i32.const 64)) (i32.sub (i32.load (i32.add (local.get $b) (i32.const 64))) (i32.const 3))))`,
    `
      0: i32AddImmAt $0 $2 offset=8 1
      5: i32AddImmAt $1 $4 offset=0 -3
      10: return
      entry: $2=0 $3=1 $4=64
    `);

  golden('not fused: another offset, another address, the value used again, a branch target between',
    `(memory 1) (func ${P}
    (i32.store offset=4 (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
    (i32.store (local.get $b) (i32.add (i32.load (local.get $a)) (i32.const 1)))
    (i32.store (local.get $a) (local.tee $b (i32.add (i32.load (local.get $a)) (i32.const 1))))
    (i32.store (local.get $a) (i32.add (if (result i32) (local.get $b) (then (i32.load (local.get $a))) (else (i32.const 0))) (i32.const 1))))`,
    `
      0: i32.load $5 $0 $2 offset=0
      5: i32Imm.add $5 $5 1
      9: i32.store $0 $2 $5 offset=4
      14: i32.load $5 $0 $2 offset=0
      19: i32Imm.add $5 $5 1
      23: i32.store $1 $2 $5 offset=0
      28: i32.load $5 $0 $2 offset=0
      33: i32Imm.add $1 $5 1
      37: i32.store $0 $2 $1 offset=0
      42: copy1 $4 $0
      45: brUnless $1 @55
      48: i32.load $5 $0 $2 offset=0
      53: br @58
      55: copy1 $5 $2
      58: i32Imm.add $5 $5 1
      62: i32.store $4 $2 $5 offset=0
      67: return
      entry: $2=0 $3=1
    `);
});

describe('i64 and i32 chains', () => {
  const X = '(local.get $x)';
  const Y = '(local.get $y)';
  const Z = '(local.get $z)';
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
  const LISTINGS: Record<string, string> = {
    i64: `
      0: i64XorThen.xor $2 $0 $1 $2
      5: i64XorThen.add $2 $0 $1 $2
      10: i64XorThen.and $2 $0 $1 $2
      15: i64XorThen.rotl $2 $0 $1 $2
      20: i64AddThen.xor $2 $0 $1 $2
      25: i64AddThen.add $2 $0 $1 $2
      30: i64AndThen.xor $2 $0 $1 $2
      35: i64RotlThen.xor $2 $0 $1 $2
      40: i64ShrUThen.xor $2 $0 $1 $2
      45: return1 $2
    `,
    i32: `
      0: i32XorThen.add $2 $0 $1 $2
      5: i32XorThen.and $2 $0 $1 $2
      10: i32XorThen.rotl $2 $0 $1 $2
      15: i32AddThen.xor $2 $0 $1 $2
      20: i32AddThen.add $2 $0 $1 $2
      25: i32AddThen.rotl $2 $0 $1 $2
      30: i32AndThen.xor $2 $0 $1 $2
      35: i32RotlThen.xor $2 $0 $1 $2
      40: i32RotlThen.add $2 $0 $1 $2
      45: return1 $2
    `,
  };
  for (const t of ['i64', 'i32']) {
    const chains = CHAINED.filter(([first]) => first.startsWith(t));
    golden(`${t}: an operation of the result of the one before: the chained value on either side, the rotated one of a rotl`,
      `(func (param $x ${t}) (param $y ${t}) (param $z ${t}) (result ${t})
      ${chains.flatMap(([first, seconds]) => seconds.map((second, k) => {
        const inner = `(${first} ${X} ${Y})`;
        return `(local.set $z (${t}.${second} ${k % 2 === 0 || second === 'rotl' ? `${inner} ${Z}` : `${Z} ${inner}`}))`;
      })).join('\n')}
      (local.get $z))`,
      LISTINGS[t]!,
    );
  }

  golden('floats: sums of an f64 add, an f32 sub and an f32 add, either side',
    `(func (param $x f64) (param $y f64) (param $u f32) (param $v f32) (result f64)
    (local.set $x (f64.add (f64.add (local.get $x) (local.get $y)) (local.get $y)))
    (local.set $u (f32.add (local.get $v) (f32.sub (local.get $u) (local.get $v))))
    (local.set $u (f32.add (f32.add (local.get $u) (local.get $v)) (local.get $u)))
    (local.get $x))`,
    `
      0: f64AddThen.add $0 $0 $1 $1
      5: f32SubThen.add $2 $2 $3 $3
      10: f32AddThen.add $2 $2 $3 $2
      15: return1 $0
    `);

  golden('an i64.add of an i64.load, the loaded value on either side; not where the value is kept',
    `(memory 1) (func (param $p i32) (param $x i64) (result i64)
    (local.set $x (i64.add (local.get $x) (i64.load offset=8 (local.get $p))))
    (local.set $x (i64.add (i64.load (i32.add (local.get $p) (i32.const 16))) (local.get $x)))
    (local.set $x (i64.add (local.get $x) (local.tee $x (i64.load (local.get $p)))))
    (local.get $x))`,
    `
      0: i64AddLoad $1 $1 $0 $2 offset=8
      6: i64AddLoad $1 $1 $0 $3 offset=0
      12: i64.load $5 $0 $2 offset=0
      17: copy2Pair $4 $1 $1 $5
      22: i64.add $1 $4 $1
      26: return1 $1
      entry: $2=0 $3=16
    `);

  golden('not chained: the rotl count, a value kept in a local, a pair without a form, the operation of another type, a branch target between',
    `(func (param $x i64) (param $y i64) (result i64) (local $t i64)
    (local.set $x (i64.rotl ${Y} (i64.xor ${X} ${Y})))
    (local.set $x (i64.add (local.tee $t (i64.xor ${X} ${Y})) (local.get $t)))
    (local.set $x (i64.xor (i64.sub ${X} ${Y}) ${X}))
    (local.set $x (i64.and (i64.add ${X} ${Y}) ${X}))
    (i64.add (if (result i64) (i32.wrap_i64 ${X}) (then (i64.and ${X} ${Y})) (else ${Y})) ${X}))`,
    `
      0: i64.xor $4 $0 $1
      4: i64.rotl $0 $1 $4
      8: i64.xor $2 $0 $1
      12: i64.add $0 $2 $2
      16: i64.sub $3 $0 $1
      20: i64.xor $0 $3 $0
      24: i64.add $3 $0 $1
      28: i64.and $0 $3 $0
      32: i32.wrap_i64 $3 $0
      35: brUnless $3 @44
      38: i64.and $3 $0 $1
      42: br @47
      44: copy2 $3 $1
      47: i64.add $3 $3 $0
      51: return1 $3
    `);
});

describe('moves', () => {
  golden('select1/2/4 by operand size',
    `(func (param $c i32) (param $x i64) (param $v v128) (result i32)
    (drop (select (local.get $x) (i64.const 1) (local.get $c)))
    (drop (select (local.get $v) (v128.const i32x4 1 2 3 4) (local.get $c)))
    (select (local.get $c) (i32.const 3) (local.get $c)))`,
    `
      0: select2 $5 $1 $3 $0
      5: v128.const $6 0x00000001 0x00000002 0x00000003 0x00000004
      11: select4 $5 $2 $6 $0
      16: select1 $5 $0 $4 $0
      21: return1 $5
      entry: $3=1 $3+1=0 $4=3
    `);

  golden('copy1/2/4: a local written from another, by size; floats by their own copies',
    `(func (param $a i32) (param $x i64) (param $v v128) (param $f f64) (param $e f32)
    (local $b i32) (local $y i64) (local $w v128) (local $g f64) (local $h f32)
    (local.set $b (local.get $a)) (local.set $y (local.get $x)) (local.set $w (local.get $v)) (local.set $g (local.get $f))
    (local.set $h (local.get $e)))`,
    `
      0: copy1 $5 $0
      3: copy2 $6 $1
      6: copy4 $7 $2
      9: copyF64 $8 $3
      12: copyF32 $9 $4
      15: return
    `);

  golden('return1 for one result; copies then return for several',
    `(func (param $a i32) (param $b i32) (result i32) (i32.add (local.get $a) (local.get $b)))
   (func (param $a i32) (param $b i32) (result i32 i32) (local.get $b) (local.get $a))`,
    `
      0: i32.add $2 $0 $1
      4: return1 $2
    `);

  golden('return1 for one result; copies then return for several',
    `(func (param $a i32) (param $b i32) (result i32) (i32.add (local.get $a) (local.get $b)))
   (func (param $a i32) (param $b i32) (result i32 i32) (local.get $b) (local.get $a))`,
    `
      0: copy1Pair $2 $1 $3 $0
      5: copy4 $0 $2
      8: copy4 $1 $3
      11: return
    `, 1);

  golden('two copies of one size in a row: one instruction, in order (the second may read the first), not across a branch target',
    `(func (param $x i64) (param $y i64) (param $i i32) (result i64) (local $t i64) (local $j i32)
    (local.set $t (local.get $x)) (local.set $x (local.get $y)) (local.set $y (local.get $t))
    (local.set $j (local.get $i)) (local.set $i (i32.const 7))
    (local.set $t (local.get $y))
    (loop $l (local.set $x (local.get $t)))
    (i64.add (local.get $x) (i64.extend_i32_u (local.get $j))))`,
    `
      0: copy2Pair $3 $0 $0 $1
      5: copy2 $1 $3
      8: copy1Pair $4 $2 $2 $5
      13: copy2 $3 $1
      16: copy2 $0 $3
      19: i64.extend_i32_u $7 $4
      22: i64.add $6 $0 $7
      26: return1 $6
      entry: $5=7
    `);
});

describe('lowerings', () => {
  golden('a result computed straight into the local that local.set writes',
    `(func ${P} (local.set $b (i32.rotl (local.get $a) (local.get $b))))`,
    `
      0: i32.rotl $1 $0 $1
      4: return
    `);

  golden('a pending local read is copied before the local is overwritten',
    `(func ${P} (result i32) (local.get $a) (local.set $a (local.get $b)) (i32.rotl (local.get $a)))`,
    `
      0: copy1Pair $2 $0 $0 $1
      5: i32.rotl $2 $2 $0
      9: return1 $2
    `);

  golden('call: arguments are written to their cells first, results come back there',
    `(func $f (param i32 i32) (result i32) (local.get 0)) (func ${P} (result i32) (call $f (local.get $b) (i32.const 3)))`,
    `
      0: copy1Pair $3 $1 $4 $2
      5: call #0 $3
      8: return1 $3
      entry: $2=3
    `, 1);

  golden('br_table: direct targets, and stubs for a target that moves values',
    `(func ${P} (result i32)
    (block $x (result i32) (block $y (result i32) (br_table $y $x 2 (i32.mul (local.get $b) (local.get $b)) (local.get $a)))
      (i32.const 1) (i32.add)))`,
    `
      0: i32.mul $3 $1 $1
      4: brTable $0 2 @12 @16 @10
      10: return1 $3
      12: i32Imm.add $3 $3 1
      16: return1 $3
      entry: $2=1
    `);

  golden('constants past the 64 constant cells are written by instructions',
    `(func (result i32) ${Array.from({ length: 64 }, (_, k) => `(drop (i32.const ${k}))`).join(' ')} (i32.const 999))`,
    `
      0: i32.const $64 999
      3: return1 $64
    `);

  golden('globals, reference and table instructions',
    `(table $t 2 funcref) (global $g (mut i32) (i32.const 0)) (func $h) (elem declare func $h)
   (func ${P} (result i32) (global.set $g (i32.add (global.get $g) (local.get $a)))
     (table.set $t (local.get $a) (ref.func $h)) (drop (table.grow $t (ref.null func) (local.get $b)))
     (table.fill $t (local.get $a) (table.get $t (local.get $b)) (local.get $b))
     (ref.is_null (table.get $t (local.get $a))))`,
    `
      0: globalGet $2 #0
      3: i32.add $2 $2 $0
      7: globalSet #0 $2
      10: refFunc $3 #0
      13: tableSet $0 $3 #0
      17: refNull $2
      19: tableGrow $2 $2 $1 #0
      24: tableGet $3 $1 #0
      28: tableFill $0 $3 $1 #0
      33: tableGet $2 $0 #0
      37: refIsNull $2 $2
      40: return1 $2
    `, 1);

  golden('unreachable code is left out',
    `(func ${P} (result i32) (block (br 0) (local.set $a (i32.const 1))) (return (local.get $a)) (drop (i32.const 5)) (i32.const 4))`,
    `
      0: br @2
      2: return1 $0
    `);
});

describe('metered code: fuel charges', () => {
  // A charge is `fuel cost` where a region starts (the function's entry, each loop's header,
  // where its back edges land) and `fuelLength $n perFuel` just before a bulk operation. Each
  // cost is the region's longest path in WebAssembly instructions (fuel/meter.ts), counted by
  // hand below; fusion does not change it.
  meteredGolden('a loop: the entry pays up to the loop and past it, the header pays one pass',
    `(func (param $n i32) (result i32) (local $i i32)
      (block $out (loop $l
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (local.get $i))`,
    // Entry 4: block, loop, then (the body never falls through) the br_if's way out to past the
    // block (its end not run), local.get, end. Loop 9: its nine instructions, br_if to br.
    `
      0: fuel 4
      2: fuel 9
      4: brCmp.ge_u $1 $0 @13
      8: addImmBr $1 $1 1 @2
      13: return1 $1
    `);

  meteredGolden('nested loops: each header pays its own body, an inner loop counts as its loop and end',
    `(func (param $n i32) (result i32) (local $i i32) (local $j i32) (local $s i32)
      (loop $outer
        (local.set $j (i32.const 0))
        (loop $inner
          (local.set $s (i32.add (local.get $s) (local.get $j)))
          (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))
        (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $s))`,
    // Entry 4: loop, the outer loop's end, local.get, end. Outer 11: i32.const, local.set, loop,
    // the inner loop's end, then seven instructions to the br_if. Inner 11: its instructions.
    `
      0: fuel 4
      2: fuel 11
      4: copy1 $2 $4
      7: fuel 11
      9: i32.add $3 $3 $2
      13: addImmBrCmp.lt_u $2 $2 1 $0 @7
      19: addImmBrCmp.lt_u $1 $1 1 $0 @2
      25: return1 $3
      entry: $4=0
    `);

  meteredGolden('if and else: the entry pays for the longer arm only',
    `(func (param $a i32) (result i32)
      (if (result i32) (local.get $a)
        (then (i32.const 1))
        (else (i32.mul (i32.add (local.get $a) (i32.const 2)) (local.get $a)))))`,
    // Entry 9: local.get, if, then the else arm (local.get, i32.const, i32.add, local.get,
    // i32.mul, end: 6, where the then arm is i32.const, else: 2), the function's end.
    `
      0: fuel 9
      2: brUnless $0 @10
      5: copy1 $3 $1
      8: br @18
      10: i32Imm.add $3 $0 2
      14: i32.mul $3 $3 $0
      18: return1 $3
      entry: $1=1
    `);

  meteredGolden('a br_table switch: the entry pays for its longest case',
    `(func (param $k i32) (result i32)
      (block $c (block $b (block $a (br_table $a $b $c (local.get $k)))
          (return (i32.const 10)))
        (return (i32.add (local.get $k) (i32.mul (local.get $k) (i32.const 20)))))
      (i32.const 30))`,
    // Entry 11: three blocks, local.get, br_table (5), then case $b: local.get, local.get,
    // i32.const, i32.mul, i32.add, return (6). Cases $a (i32.const, return) and $c (i32.const,
    // end) are 2 each: a pass pays for the longest case, not for all three.
    `
      0: fuel 11
      2: brTable $0 2 @8 @10 @20
      8: return1 $1
      10: i32Imm.mul $5 $0 20
      14: i32.add $4 $0 $5
      18: return1 $4
      20: return1 $3
      entry: $1=10 $3=30
    `);

  meteredGolden('memory.fill pays for its length first: one unit per 64 bytes of the length cell',
    `(memory 1) (func (param $p i32) (param $n i32) (memory.fill (local.get $p) (i32.const 0) (local.get $n)))`,
    // Entry 5: local.get, i32.const, local.get, memory.fill, end. Then ceil($n / 64).
    `
      0: fuel 5
      2: fuelLength $1 64
      5: memory.fill $0 $2 $1
      9: return
      entry: $2=0
    `);
});

describe('exception handling', () => {
  // A try (0) whose body is a try (1) delegating to it, with a clause for $e that runs a try (2)
  // whose catch_all rethrows what try 0 caught, and a catch_all.
  const text = `(tag $e (param i32)) (tag $f)
    (func (param i32) (result i32) (local i32)
      (try (result i32)
        (do (try (result i32) (do (throw $e (local.get 0))) (delegate 0)))
        (catch $e (local.set 1) (try (do (throw $f)) (catch_all (rethrow 1))) (local.get 1))
        (catch_all (i32.const -1))))`;

  golden(
    'throw takes its values from their own cells; clauses start after the jump that ends the arm before',
    text,
    `
      0: copy1 $3 $0
      3: throw #0 $3
      6: br @24
      8: copy1 $1 $3
      11: throw #1 $3
      14: rethrow 0
      16: copy1 $3 $1
      19: br @24
      21: copy1 $3 $2
      24: return1 $3
      entry: $2=-1
    `,
  );

  it('writes each try\'s body range, clauses, parent, delegate and base cell', () => {
    const f = new Module(assemble(wabt, `(module ${text})`, { features: { exceptions: true } }), { profile: 'fast' }).prepared(0, false) as PreparedFunc;
    expect(f.usesExceptions).toBe(true);
    expect(f.tries!.map(({ from, to, parent, delegate, tags, targets, base }) => ({ from, to, parent, delegate, tags, targets, base }))).toEqual([
      // Cell 3 is the operand stack's first: after two locals and the constant -1.
      { from: 0, to: 8, parent: TO_CALLER, delegate: NO_DELEGATE, tags: [0, CATCH_ALL], targets: [8, 21], base: 3 },
      { from: 0, to: 6, parent: 0, delegate: 0, tags: [], targets: [], base: 3 },
      // In a clause of try 0, so not in its body: an exception there leaves the function.
      { from: 11, to: 14, parent: TO_CALLER, delegate: NO_DELEGATE, tags: [CATCH_ALL], targets: [14], base: 3 },
    ]);
  });
});

describe('coverage and the disassembler itself', () => {
  golden('call_indirect: the arguments, then the index', `(type $t (func (param i32) (result i32))) (table 1 funcref)
    (func ${P} (result i32) (call_indirect (type $t) (local.get $b) (local.get $a)))`, `
      0: copy1 $2 $1
      3: callIndirect #0 #0 $2 $0
      8: return1 $2
    `);

  it('every op of ops.ts shows in a listing above, but the two the compiled profile writes', () => {
    const compiledOnly = new Set(['enterCompiled', 'compileOnEntry']);
    const missing = [...preparedOps().values()].filter((name) => !seen.has(name) && !compiledOnly.has(name));
    expect(missing).toEqual([]);
  });

  it('refuses an op it cannot lay out, and code that ends inside an instruction', () => {
    expect(() => disassemble(Int32Array.of(0x3fd))).toThrow(/no layout for op 0x3fd at 0/);
    expect(() => disassemble(Int32Array.of(0x02, 0))).toThrow(/no layout for op 0x2 at 0/);
    expect(() => disassemble(Int32Array.of(0x307, 0x6a, 4, 0))).toThrow(/i32.add at 1 runs past the end/);
    expect(disassemble(Int32Array.of(0x307, 0x6a, 8, 0, 4))).toBe('0: return\n1: i32.add $2 $0 $1');
  });
});
