import { Imm, OPCODES } from '@proj/decoder';
import { describe, expect, it } from 'vitest';
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
