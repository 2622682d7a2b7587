import { describe, expect, it } from 'vitest';
import { createWabtAssembler, placeAt } from './assemble.js';

const assembler = await createWabtAssembler();
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

describe('wabt assembler', () => {
  it('assembles WebAssembly 2.0 features', () => {
    const r = assembler.assemble(
      '(module (func (param v128 externref) (result i32 i32) (i32.const 1) (i32.extend8_s (i32.const 2))) (memory 1) (data "x"))',
      'a.wast',
    );
    expect(r.ok && [...r.bytes.slice(0, 8)]).toEqual(HEADER);
  });

  it('refuses features newer than 2.0', () => {
    const r = assembler.assemble('(module (func (return_call 0)))', 'a.wast');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/a\.wast:1:\d+: error: /);
  });

  it('does not validate', () => {
    expect(assembler.assemble('(module (func (result i32) (f32.const 0)))', 'a.wast').ok).toBe(true);
  });

  it('reports errors at the script position', () => {
    const r = assembler.assemble(placeAt('(module\n  (func (bogus)))', 7, 3), 'long-name.wast');
    expect(!r.ok && r.error).toMatch(/^long-name\.wast:8:\d+: error: /);
  });

  it('keeps non-ASCII text and names intact', () => {
    const r = assembler.assemble('(module (func (export "\u{feff}é")))', 'a.wast');
    expect(r.ok).toBe(true);
    const bytes = r.ok ? r.bytes : new Uint8Array();
    expect(Buffer.from(bytes).includes(Buffer.from('\u{feff}é'))).toBe(true);
  });

  it('names files of any length correctly in errors', () => {
    for (let n = 1; n <= 24; n++) {
      const name = 'f'.repeat(n);
      const r = assembler.assemble('(module (func (i32.const x)))', name);
      expect(!r.ok && r.error.split(':')[0].replace(/^\.\//, '')).toBe(name);
    }
  });

  it('assembles from a view into a larger buffer', () => {
    const text = new TextEncoder().encode('xxx(module)yyy');
    expect(assembler.assemble(text.subarray(3, 11), 'v.wast')).toMatchObject({ ok: true });
  });
});
