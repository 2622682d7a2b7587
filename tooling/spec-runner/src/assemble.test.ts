import { Module } from '@proj/interpreter';
import { describe, expect, it } from 'vitest';
import { createWabtAssembler, featureList, featuresFromEnv, placeAt } from './assemble.js';

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

const LEGACY_EH = `(module
  (tag $e (export "e") (param i32))
  (func (export "f") (result i32)
    (try (result i32) (do (i32.const 1) (throw $e)) (catch $e) (catch_all (i32.const 2))))
  (func (try (do (throw $e (i32.const 0))) (catch_all (try (do (rethrow 1)) (delegate 0))))))`;

describe('wabt features (SPEC_FEATURES)', () => {
  it('refuses the exception-handling proposal by default', () => {
    const r = assembler.assemble(LEGACY_EH, 'eh.wast');
    expect(!r.ok && r.error).toMatch(/eh\.wast:2:\d+: error: tag not allowed/);
  });

  it('assembles legacy exception handling with the exceptions feature, and nothing else newer', async () => {
    const eh = await createWabtAssembler({ exceptions: true });
    const r = eh.assemble(LEGACY_EH, 'eh.wast');
    expect(r.ok && [...r.bytes.slice(0, 8)]).toEqual(HEADER);
    expect(new Module(r.ok ? r.bytes : new Uint8Array()).exports).toContainEqual({
      name: 'e',
      kind: 'tag',
      type: { params: ['i32'], results: [] },
    });
    expect(eh.assemble('(module (func (return_call 0)))', 'a.wast').ok).toBe(false);
  });

  it('reads SPEC_FEATURES: unset or empty is the 2.0 set; a list of wabt names turns them on', () => {
    expect(featuresFromEnv({})).toBeUndefined();
    expect(featuresFromEnv({ SPEC_FEATURES: '' })).toBeUndefined();
    expect(featuresFromEnv({ SPEC_FEATURES: ' , ' })).toBeUndefined();
    expect(featuresFromEnv({ SPEC_FEATURES: 'exceptions' })).toEqual({ exceptions: true });
    const two = featuresFromEnv({ SPEC_FEATURES: ' exceptions, tail_call ' });
    expect(two).toEqual({ exceptions: true, tail_call: true });
    expect(featureList(two!)).toBe('exceptions, tail_call');
  });

  it('refuses a name wabt does not know', () => {
    expect(() => featuresFromEnv({ SPEC_FEATURES: 'exceptions,exception-handling' })).toThrow(
      /SPEC_FEATURES: unknown wabt feature "exception-handling" \(known: .*exceptions/,
    );
  });
});
