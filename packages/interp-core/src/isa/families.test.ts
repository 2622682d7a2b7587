import { Imm, OPCODES } from '@proj/decoder';
import { describe, expect, it } from 'vitest';
import { BRANCH_LOADS, fusable, fusableFloat, STEP_COMPARES } from '../fast/control.js';
import { CHAINS, immediateForm } from '../fast/fusion.js';
import { Op } from '../fast/ops.js';
import { FAMILIES } from './families.js';
import { SEMANTICS } from './instructions.js';

describe('the families of fused forms', () => {
  const ids = FAMILIES.flatMap((f) => f.members.map((m, k) => (m === null ? -1 : f.base + k))).filter((id) => id >= 0);

  it('start at a base that fast/ops.ts names, and take ids of their own', () => {
    const named = new Set<number>(Object.values(Op));
    for (const f of FAMILIES) expect(named.has(f.base), `${f.name} at 0x${f.base.toString(16)}`).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const plain = Object.values(Op).filter((id) => !FAMILIES.some((f) => id >= f.base && id < f.base + f.members.length));
    for (const id of ids) expect(plain).not.toContain(id);
  });

  it('have members that are in the opcode table and described, with a comparison where they branch', () => {
    const names = new Set(OPCODES.map((r) => r.name));
    for (const f of FAMILIES) {
      for (const m of f.members) {
        if (m === null) continue;
        expect(names.has(m), m).toBe(true);
        const sem = SEMANTICS[m];
        expect(sem, m).toBeDefined();
        if (f.form === 'branch' || f.form === 'branchNot' || f.form === 'stepBranch') expect('cond' in sem, `${f.name}: ${m}`).toBe(true);
      }
    }
  });
});

describe('the description', () => {
  it('describes every numeric and scalar memory instruction of the opcode table', () => {
    // Typed by signature, with no immediate or a memarg: everything but control, variables,
    // tables, references, constants, bulk memory and SIMD (which numeric/v128.ts describes).
    const scalar = OPCODES.filter((r) => r.sig !== null && r.sig !== ':' && r.id < 0x200 && (r.imm === Imm.none || r.imm === Imm.memArg));
    const missing = scalar.filter((r) => SEMANTICS[r.name] === undefined).map((r) => r.name);
    expect(missing).toEqual([]);
  });
});

describe("the fast translator's tables", () => {
  const id = (name: string): number => OPCODES.find((r) => r.name === name)!.id;
  const family = (base: number) => FAMILIES.find((f) => f.base === base)!;

  it('number the compare-and-branch forms as the families do', () => {
    for (const [base, notBase] of [[Op.brCmp, Op.brNotCmp]]) {
      const f = family(base);
      expect(family(notBase).members).toEqual(f.members);
      expect([...fusable.entries()]).toEqual(f.members.map((m, k) => [id(m!), k]));
    }
    for (const [base, notBase] of [
      [Op.brCmpF32, Op.brNotCmpF32],
      [Op.brCmpF64, Op.brNotCmpF64],
    ]) {
      const f = family(base);
      expect(family(notBase).members).toEqual(f.members);
      f.members.forEach((m, k) => expect(fusableFloat.get(id(m!))).toEqual([base + k, notBase + k]));
    }
  });

  it('number the branches on a load as the families do', () => {
    for (const base of [Op.brIfLoad, Op.brUnlessLoad]) expect(family(base).members.map((m) => id(m!))).toEqual(BRANCH_LOADS);
  });

  it('number the i64 chains as the families do', () => {
    const expected = FAMILIES.filter((f) => f.form === 'chain').flatMap((f) =>
      f.members.flatMap((m, k) => (m === null ? [] : [[(id(f.first!) << 8) | id(m), f.base + k]])),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect([...CHAINS.entries()].sort()).toEqual(expected.sort());
  });

  it('number the immediate forms and the loop steps as the families do', () => {
    for (const base of [Op.i32Imm, Op.i32CmpImm]) {
      family(base).members.forEach((m, k) => m !== null && expect(immediateForm.get(id(m))?.op, m).toBe(base + k));
    }
    for (const base of [Op.addImmBrCmp, Op.addImmBrCmpImm, Op.addBrCmp]) {
      expect(family(base).members.map((m) => family(Op.brCmp).members.indexOf(m))).toEqual(STEP_COMPARES);
    }
  });
});
