/**
 * The code sink: validateModule hands each body's instructions, in order, to the sink with the
 * validator's state before each one.
 */
import { InvalidError, decodeModule, opcodeRow } from '@proj/decoder';
import { describe, expect, it } from 'vitest';
import { f32, func, functype, i32, i64, instrOffsets, offsetOf, uleb, wat, watEh } from '../test/wat.js';
import { type CodeSink, type FuncState, DENSE_LOCALS, validate, validateModule } from './index.js';

type Event = (string | number | boolean | number[])[];

/** Records the calls, with the state fields a sink reads. */
class Recorder implements CodeSink {
  events: Event[] = [];
  extra: ((id: number, s: FuncState) => void) | undefined;
  beginFunction(s: FuncState): void {
    this.events.push(['begin', s.funcIndex, s.pos, s.next, s.localCount, [...s.localTypes.subarray(0, s.localCount)], s.height, s.depth]);
  }
  instr(id: number, s: FuncState): void {
    this.events.push([opcodeRow(id)!.name, s.pos, s.next, s.height, s.imm, s.depth, s.unreachable, [...s.stack.subarray(0, s.height)]]);
    this.extra?.(id, s);
  }
  endFunction(s: FuncState): void {
    this.events.push(['end-function', s.funcIndex, s.pos]);
  }
}

const TEXT = `(module
  (import "m" "f" (func $imp (param i32)))
  (func $a (param i32) (result i32) (local i64 f32)
    local.get 0
    i32.const 5
    i32.add
    block (result i32)
      i32.const 1
      br 0
    end
    i32.add
    call $a
    drop
    local.get 0)
  (func $b))`;

describe('the code sink', () => {
  it('sees one small function in full', () => {
    const bytes = wat(TEXT);
    const rec = new Recorder();
    const m = validateModule(bytes, rec);
    expect(m).toEqual(decodeModule(bytes));
    const at = instrOffsets(bytes, 0);
    const [b0, b1] = Array.from(m.bodies);
    expect(at).toHaveLength(12);
    const next = (k: number) => (k + 1 < at.length ? at[k + 1] : b0.end);
    // [name, pos, next, height, imm, depth, unreachable, stack]; `imm` is meaningless (any) for
    // instructions without immediates.
    const any = expect.anything();
    expect(rec.events).toEqual([
      ['begin', 1, b0.start, at[0], 3, [i32, i64, f32], 0, 1],
      ['local.get', at[0], next(0), 0, 0, 1, false, []],
      ['i32.const', at[1], next(1), 1, 5, 1, false, [i32]],
      ['i32.add', at[2], next(2), 2, any, 1, false, [i32, i32]],
      ['block', at[3], next(3), 1, -1, 1, false, [i32]],
      ['i32.const', at[4], next(4), 1, 1, 2, false, [i32]],
      ['br', at[5], next(5), 2, 0, 2, false, [i32, i32]],
      ['end', at[6], next(6), 1, any, 2, true, [i32]],
      ['i32.add', at[7], next(7), 2, any, 1, false, [i32, i32]],
      ['call', at[8], next(8), 1, 1, 1, false, [i32]],
      ['drop', at[9], next(9), 1, any, 1, false, [i32]],
      ['local.get', at[10], next(10), 0, 0, 1, false, []],
      ['end', at[11], next(11), 1, any, 1, false, [i32]],
      ['end-function', 1, b0.end],
      ['begin', 2, b1.start, b1.start + 1, 0, [], 0, 1],
      ['end', b1.start + 1, b1.end, 0, any, 1, false, []],
      ['end-function', 2, b1.end],
    ]);
  });

  it('validate without a sink accepts and rejects the same modules', () => {
    const bytes = wat(TEXT);
    expect(validate(bytes)).toBeUndefined();
    expect(validateModule(bytes)).toEqual(validateModule(bytes, new Recorder()));
    const bad = wat('(module (func i64.const 0 i32.eqz drop))');
    const rec = new Recorder();
    let e1: unknown, e2: unknown;
    try {
      validate(bad);
    } catch (e) {
      e1 = e;
    }
    try {
      validateModule(bad, rec);
    } catch (e) {
      e2 = e;
    }
    expect(e1).toBeInstanceOf(InvalidError);
    expect(e2).toEqual(e1);
    // The failing instruction reaches the sink before its operands are checked; the function does not end.
    const names = rec.events.map((e) => e[0]);
    expect(names).toEqual(['begin', 'i64.const', 'i32.eqz']);
    expect(rec.events[2][1]).toBe(offsetOf(bad, 0x45));
  });

  it('gives the first and second immediates', () => {
    const bytes = wat(`(module
      (type $t (func (param i32)))
      (memory 1)
      (table 2 funcref)
      (table 1 funcref)
      (global (mut i32) (i32.const 0))
      (elem func 0)
      (data "x")
      (func (param i32) (local v128)
        i32.const -7 drop
        local.get 0 i32.load16_u offset=300 align=1 drop
        local.get 0 local.get 1 v128.load32_lane offset=8 2 drop
        local.get 1 i16x8.extract_lane_u 6 drop
        i32.const 0 global.set 0
        i32.const 0 i32.const 1 call_indirect 1 (type $t)
        i32.const 0 i32.const 0 i32.const 0 table.init 1 0
        i32.const 0 i32.const 0 i32.const 0 table.copy 0 1
        i32.const 0 i32.const 0 i32.const 0 memory.init 0
        data.drop 0 elem.drop 0
        ref.null extern drop
        block $a block $b i32.const 0 br_table $a $b $a end end
        i32.const 1 i32.const 2 i32.const 0 select (result i32) drop))`);
    const seen = new Map<string, [number, number][]>();
    const rec = new Recorder();
    rec.extra = (id, s) => {
      const name = opcodeRow(id)!.name;
      seen.set(name, [...(seen.get(name) ?? []), [s.imm, s.imm2]]);
    };
    validateModule(bytes, rec);
    const first = (n: string) => seen.get(n)![0];
    expect(first('i32.const')[0]).toBe(-7);
    expect(first('i32.load16_u')).toEqual([300, 0]);
    expect(first('v128.load32_lane')).toEqual([8, 2]); // offset; the lane replaces the alignment
    expect(first('i16x8.extract_lane_u')[0]).toBe(6);
    expect(first('global.set')[0]).toBe(0);
    expect(first('call_indirect')).toEqual([0, 1]); // type, table
    expect(first('table.init')).toEqual([0, 1]); // elem, table
    expect(first('table.copy')).toEqual([0, 1]); // destination, source
    expect(first('memory.init')[0]).toBe(0);
    expect(first('ref.null')[0]).toBe(0x6f);
    expect(first('br_table')).toEqual([1, 2]); // the default label ($a), the target count
    expect(first('select')[0]).toBe(i32);
    expect(seen.get('local.get')!.map(([x]) => x)).toEqual([0, 0, 1, 1]);
  });

  it('exposes the control frames', () => {
    const bytes = wat(`(module (func (param i64) (result f32)
      i32.const 1
      loop (param i32) (result i32)
        block (result f32)
          i32.const 7
          i32.const 0
          br_if 1
          drop
          unreachable
        end
        drop
      end
      drop
      f32.const 0))`);
    const frames: unknown[] = [];
    const rec = new Recorder();
    rec.extra = (id, s) => {
      if (id !== 0x0d) return;
      for (let d = 0; d < s.depth; d++) {
        frames.push([s.frameKind(d), s.frameHeight(d), [...s.labelTypes(d)], [...s.frameParams(d)], [...s.frameResults(d)]]);
      }
    };
    validateModule(bytes, rec);
    expect(frames).toEqual([
      [0x02, 1, [f32], [], [f32]],
      [0x03, 0, [i32], [i32], [i32]], // a loop's label takes its parameters
      [0, 0, [f32], [], [f32]],
    ]);
  });

  it('sees exception handling as block, else and end: clauses and delegate before their frame closes', () => {
    const bytes = watEh(`(module
      (type $t (func (param i32) (result i64)))
      (tag $e (param f32))
      (func (type $t)
        local.get 0
        try (type $t)
          drop
          i64.const 1
        catch $e
          drop
          i64.const 2
        catch_all
          unreachable
        end
        drop
        block
          try
            try
            delegate 1
          catch_all
            rethrow 0
          end
        end
        f32.const 0
        throw $e))`);
    const rec = new Recorder();
    const frames: unknown[] = [];
    const withImm = new Set(['try', 'catch', 'delegate', 'rethrow', 'throw', 'block']);
    rec.extra = (id, s) => {
      const name = opcodeRow(id)!.name;
      const kinds = Array.from({ length: s.depth }, (_, d) => s.frameKind(d));
      frames.push([name, s.height, withImm.has(name) ? s.imm : '-', s.depth, s.unreachable, [...s.stack.subarray(0, s.height)], kinds]);
      if (name === 'catch' || name === 'delegate') {
        frames.push(['frame 0', s.frameHeight(0), [...s.frameParams(0)], [...s.frameResults(0)], [...s.labelTypes(0)]]);
      }
    };
    validateModule(bytes, rec);
    const [TRY, CATCH, CATCH_ALL, BLOCK] = [0x06, 0x07, 0x19, 0x02];
    // [name, height, imm, depth, unreachable, stack, frame kinds from the innermost out]
    expect(frames).toEqual([
      ['local.get', 0, '-', 1, false, [], [0]],
      ['try', 1, 0, 1, false, [i32], [0]],
      ['drop', 1, '-', 2, false, [i32], [TRY, 0]],
      ['i64.const', 0, '-', 2, false, [], [TRY, 0]],
      ['catch', 1, 0, 2, false, [i64], [TRY, 0]],
      ['frame 0', 0, [i32], [i64], [i64]], // a catch clause keeps its try's parameters and label
      ['drop', 1, '-', 2, false, [f32], [CATCH, 0]],
      ['i64.const', 0, '-', 2, false, [], [CATCH, 0]],
      ['catch_all', 1, '-', 2, false, [i64], [CATCH, 0]],
      ['unreachable', 0, '-', 2, false, [], [CATCH_ALL, 0]],
      ['end', 0, '-', 2, true, [], [CATCH_ALL, 0]],
      ['drop', 1, '-', 1, false, [i64], [0]],
      ['block', 0, -64, 1, false, [], [0]],
      ['try', 0, -64, 2, false, [], [BLOCK, 0]],
      ['try', 0, -64, 3, false, [], [TRY, BLOCK, 0]],
      // delegate 1 names the block: label 1 of the frames outside the try, frame imm + 1 here.
      ['delegate', 0, 1, 4, false, [], [TRY, TRY, BLOCK, 0]],
      ['frame 0', 0, [], [], []],
      ['catch_all', 0, '-', 3, false, [], [TRY, BLOCK, 0]],
      ['rethrow', 0, 0, 3, false, [], [CATCH_ALL, BLOCK, 0]],
      ['end', 0, '-', 3, true, [], [CATCH_ALL, BLOCK, 0]],
      ['end', 0, '-', 2, false, [], [BLOCK, 0]],
      ['f32.const', 0, '-', 1, false, [], [0]],
      ['throw', 1, 0, 1, false, [f32], [0]],
      ['end', 0, '-', 1, true, [], [0]],
    ]);
  });

  it('sees instructions in unreachable code as unreachable', () => {
    const bytes = wat('(module (func (result i32) unreachable i32.add block end i32.eqz))');
    const rec = new Recorder();
    validateModule(bytes, rec);
    const flags = rec.events.filter((e) => e[0] !== 'begin' && e[0] !== 'end-function').map((e) => [e[0], e[6], e[7]]);
    expect(flags).toEqual([
      ['unreachable', false, []],
      ['i32.add', true, []],
      ['block', true, [i32]],
      ['end', false, [i32]],
      ['i32.eqz', true, [i32]],
      ['end', true, [i32]],
    ]);
  });

  it('gives the local count and the dense local types past DENSE_LOCALS', () => {
    const bytes = func([0x20, ...uleb(DENSE_LOCALS + 5), 0x1a, 0x0b], { params: [i64], locals: [[DENSE_LOCALS + 9, f32]] });
    let count = -1;
    let typesLen = -1;
    validateModule(bytes, {
      beginFunction(s) {
        count = s.localCount;
        typesLen = s.localTypes.length;
        expect(s.localTypes[0]).toBe(i64);
        expect(s.localTypes[DENSE_LOCALS - 1]).toBe(f32);
      },
      instr() {},
      endFunction() {},
    });
    expect(count).toBe(DENSE_LOCALS + 10);
    expect(typesLen).toBeGreaterThanOrEqual(DENSE_LOCALS);
  });

  it('calls nothing for a module without functions', () => {
    const rec = new Recorder();
    validateModule(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...[1, 4, 1, ...functype()]]), rec);
    expect(rec.events).toEqual([]);
  });
});
