/**
 * SIMD instructions whose result overwrites one of their operands, in the three profiles,
 * against V8's own WebAssembly. `(local.set $x (op (local.get $x) (local.get $y)))` makes the
 * `fast` translator write the result into the cell of $x: the run loops compute lane-wise rows
 * of interp-core's isa/simd.ts in place, and the other rows (shuffle, narrowing) read every
 * lane before they write. Each row runs with the result in its first operand's cell, then in
 * its second's (then third's, for bitselect); the disassembly shows the cells coincide.
 */
import { describe, expect, it } from 'vitest';
import { OPCODES, Imm, PREFIX_FD } from '@proj/decoder';
import { Module, type Profile, Store } from '@proj/interpreter';
import { rng32 } from '@proj/testkit';
import { disassemble } from '@proj/interp-core/disassemble';
import { V8Wasm, wat } from './wat.js';

const PROFILES: readonly Profile[] = ['fast', 'compact', 'compiled'];
const CASES = 24;

/** SIMD rows of one to three v128 operands (or a v128 and a shift count) and a v128 result. */
const ROWS = OPCODES.filter(
  (row) => row.id >= PREFIX_FD && row.id < PREFIX_FD + 0x100 && (row.imm === Imm.none || row.imm === Imm.shuffle) && row.sig !== null && /^v[vi]?v?:v$/.test(row.sig),
);

/** The instruction's text with its immediates (shuffle: bytes from both operands, backwards). */
function instr(name: string): string {
  return name === 'i8x16.shuffle' ? `${name} ${Array.from({ length: 16 }, (_, k) => (k * 7 + 3) % 32).join(' ')}` : name;
}

/**
 * Function k of the module overwrites operand k: operands $v0.. are loaded from bytes 0, 16, 32
 * (a shift count from byte 16), the result stored at byte 48.
 */
function module(name: string, sig: string): string {
  const ops = sig.split(':')[0];
  const funcs = [...ops].map((t, k) => {
    if (t !== 'v') return '';
    const locals = [...ops].map((u, j) => `(local $v${j} ${u === 'v' ? 'v128' : 'i32'})`).join(' ');
    const loads = [...ops].map((u, j) => `(local.set $v${j} (${u === 'v' ? 'v128' : 'i32'}.load (i32.const ${16 * j})))`).join('\n');
    const args = [...ops].map((_, j) => `(local.get $v${j})`).join(' ');
    return `(func (export "f${k}") ${locals}
      ${loads}
      (local.set $v${k} (${instr(name)} ${args}))
      (v128.store (i32.const 48) (local.get $v${k})))`;
  });
  return `(module (memory (export "mem") 1) ${funcs.join('\n')})`;
}

/**
 * Where our result differs from V8's: float arithmetic may give any NaN where V8 gives a NaN
 * (the specification leaves the payload open); everything else must match bit for bit.
 */
function differs(name: string, ours: Uint8Array, theirs: Uint8Array): string {
  const float = /^f(32x4|64x2)\./.test(name) && !/\.(abs|neg|eq|ne|lt|gt|le|ge|pmin|pmax)$/.test(name);
  const width = name.startsWith('f64x2') ? 8 : 4;
  const nan = (b: Uint8Array, at: number): boolean => {
    const v = new DataView(b.buffer, b.byteOffset + at, width);
    return Number.isNaN(width === 8 ? v.getFloat64(0, true) : v.getFloat32(0, true));
  };
  for (let at = 0; at < 16; at += width) {
    if (float && nan(theirs, at) && nan(ours, at)) continue;
    for (let j = at; j < at + width; j++) if (ours[j] !== theirs[j]) return `byte ${j}: ours ${ours[j]}, V8 ${theirs[j]}`;
  }
  return '';
}

describe('SIMD instructions writing over an operand agree with V8', () => {
  it('covers the lane-wise rows and the shuffle', () => {
    expect(ROWS.map((r) => r.name)).toEqual(expect.arrayContaining(['i32x4.add', 'i8x16.add_sat_u', 'f32x4.min', 'v128.bitselect', 'i8x16.shuffle', 'i16x8.narrow_i32x4_u', 'i8x16.shl']));
  });

  for (const row of ROWS) {
    it(row.name, () => {
      const bytes = wat(module(row.name, row.sig!));
      const targets = [...row.sig!.split(':')[0]].flatMap((t, k) => (t === 'v' ? [k] : []));
      // The fast code writes the result into the operand's own cell.
      const fast = new Module(bytes, { profile: 'fast' });
      for (const k of targets) {
        const line = disassemble((fast.prepared(k) as unknown as { code: Int32Array }).code)
          .split('\n')
          .find((l) => l.split(' ')[1] === row.name)!;
        const cells = line.split(' ').slice(2);
        expect(cells[0], line).toBe(cells[1 + k]);
      }
      const v8 = new V8Wasm.Instance(new V8Wasm.Module(bytes)).exports;
      const v8mem = new Uint8Array((v8.mem as { buffer: ArrayBuffer }).buffer);
      const next = rng32(row.id);
      for (const p of PROFILES) {
        const store = new Store();
        const inst = store.instantiate(new Module(bytes, { profile: p }));
        const ours = store.memory(inst);
        for (let i = 0; i < CASES; i++) {
          for (let j = 0; j < 48; j += 4) {
            const x = next();
            // Edge lanes often: zero, all ones, sign bits.
            const w = i % 4 === 0 ? [0, -1, 0x80808080, 0x7fff7fff][j % 16 >> 2] : x;
            new DataView(v8mem.buffer).setInt32(j, w, true);
          }
          for (const k of targets) {
            (v8[`f${k}`] as () => void)();
            const theirs = v8mem.slice(48, 64);
            ours.set(v8mem.subarray(0, 48), 0);
            const result = store.invoke(inst, `f${k}`, []);
            expect(result.kind).toBe('done');
            const why = differs(row.name, ours.subarray(48, 64), theirs);
            expect(why, `${p} f${k} operands ${Array.from(v8mem.slice(0, 48)).join(',')}`).toBe('');
          }
        }
      }
    });
  }
});
