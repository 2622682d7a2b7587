/**
 * Module-level validation: constant expressions, limits, imports, exports, the start function,
 * element and data segments, with the offsets reported; and the order errors come in.
 */
import { UnsupportedError, WasmError, decodeModule } from '@proj/decoder';
import { ByteWriter, moduleOf, uleb } from '@proj/testkit';
import { describe, expect, it } from 'vitest';
import {
  body,
  expectInvalid,
  expectValid,
  externref,
  funcref,
  functype,
  i32,
  i64,
  limits,
  mod,
  name,
  offsetOf,
  wat,
} from '../test/wat.js';
import { validate, validateModule } from './index.js';

/** Offset of the `end` of global `i`'s initializer (module's own globals). */
const globalEnd = (b: Uint8Array, i = 0) => decodeModule(b).globals.at(i).init.end - 1;

describe('validate', () => {
  it('returns nothing for a valid module and the decoded module from validateModule', () => {
    const b = wat('(module (func (export "f") (result i32) i32.const 1) (memory 1) (data (i32.const 0) "x"))');
    expect(validate(b)).toBeUndefined();
    const m = validateModule(b);
    expect(m.bytes).toBe(b);
    expect(m).toEqual(decodeModule(b));
  });

  it('throws InvalidError, a WasmError, for malformed bytes too', () => {
    const e = expectInvalid(Uint8Array.of(0, 0x61, 0x73, 0x6d, 2, 0, 0, 0), 'unknown binary version', 4);
    expect(e).toBeInstanceOf(WasmError);
    expect(e).not.toBeInstanceOf(UnsupportedError);
    expect(e.kind).toBe('invalid');
  });
});

describe('constant expressions', () => {
  it('type mismatch: at the end of the expression', () => {
    const b = wat('(module (global i32 (i64.const 0)))');
    expectInvalid(b, 'type mismatch', globalEnd(b));
    const b2 = wat('(module (global funcref (ref.null extern)))');
    expectInvalid(b2, 'type mismatch', globalEnd(b2));
    const b3 = wat('(module (global v128 (f64.const 0)))');
    expectInvalid(b3, 'type mismatch', globalEnd(b3));
    const b4 = wat('(module (import "m" "g" (global i64)) (global i32 (global.get 0)))');
    expectInvalid(b4, 'type mismatch', globalEnd(b4));
    // No value, or two.
    const b5 = mod({ globals: [[i32, 0, 0x0b]] });
    expectInvalid(b5, 'type mismatch', globalEnd(b5));
    const b6 = mod({ globals: [[i32, 0, 0x41, 0, 0x41, 0, 0x0b]] });
    expectInvalid(b6, 'type mismatch', globalEnd(b6));
  });

  it('constant expression required: at the instruction', () => {
    const b = wat('(module (global i32 (i32.add (i32.const 1) (i32.const 2))))');
    expectInvalid(b, 'constant expression required', decodeModule(b).globals.at(0).init.start + 4);
    const b2 = mod({ globals: [[i32, 0, 0x01, 0x41, 0, 0x0b]] });
    expectInvalid(b2, 'constant expression required', decodeModule(b2).globals.at(0).init.start);
    const b3 = wat('(module (import "m" "g" (global (mut i32))) (global i32 (global.get 0)))');
    expectInvalid(b3, 'constant expression required', decodeModule(b3).globals.at(0).init.start);
    const b4 = wat('(module (global i32 block (result i32) i32.const 0 end))');
    expectInvalid(b4, 'constant expression required', decodeModule(b4).globals.at(0).init.start);
    const b5 = wat('(module (memory 1) (global i32 (memory.size)))');
    expectInvalid(b5, 'constant expression required', decodeModule(b5).globals.at(0).init.start);
    const b6 = wat('(module (table 1 funcref) (func) (elem (offset (i32.const 1) (i32.const 2) i32.add) func 0))');
    expectInvalid(b6, 'constant expression required', decodeModule(b6).elems.at(0).offset!.start + 4);
  });

  it('only imported globals are visible', () => {
    const b = wat('(module (global i32 (i32.const 0)) (global i32 (global.get 0)))');
    expectInvalid(b, 'unknown global 0', decodeModule(b).globals.at(1).init.start);
    const b2 = wat('(module (import "m" "g" (global i32)) (global i32 (i32.const 0)) (global i32 (global.get 1)))');
    expectInvalid(b2, 'unknown global 1', decodeModule(b2).globals.at(1).init.start);
    const b3 = wat('(module (global i32 (i32.const 0)) (memory 1) (data (global.get 0) ""))');
    expectInvalid(b3, 'unknown global 0', decodeModule(b3).datas.at(0).offset!.start);
    const b4 = wat('(module (global i32 (i32.const 0)) (table 1 funcref) (elem (global.get 0) func))');
    expectInvalid(b4, 'unknown global 0', decodeModule(b4).elems.at(0).offset!.start);
    expectValid(wat('(module (import "m" "g" (global i32)) (global i32 (global.get 0)) (memory 1) (data (global.get 0) "x"))'));
  });

  it('ref.func names a function that exists', () => {
    const b = wat('(module (global funcref (ref.func 5)))');
    expectInvalid(b, 'unknown function 5', decodeModule(b).globals.at(0).init.start);
    // A ref.null makes wabt write the expression form.
    const b2 = wat('(module (func) (elem funcref (ref.null func) (ref.func 1)))');
    expectInvalid(b2, 'unknown function 1', decodeModule(b2).elems.at(0).exprs![1].start);
    // All ref.func: wabt writes function indices, checked at the segment.
    const b3 = wat('(module (func) (elem funcref (ref.func 0) (ref.func 1)))');
    expectInvalid(b3, 'unknown function 1', decodeModule(b3).elems.at(0).offsetInModule);
  });

  it('accepts every constant instruction of its type', () => {
    expectValid(
      wat(`(module
        (import "m" "g" (global externref))
        (func $f)
        (global i32 (i32.const -1))
        (global i64 (i64.const -1))
        (global f32 (f32.const nan))
        (global f64 (f64.const -0))
        (global v128 (v128.const i32x4 1 2 3 4))
        (global funcref (ref.null func))
        (global funcref (ref.func $f))
        (global externref (ref.null extern))
        (global externref (global.get 0)))`),
    );
  });

  it('element and data offsets must be i32, element expressions of the segment type', () => {
    const b = wat('(module (table 1 funcref) (func) (elem (offset (i64.const 0)) func 0))');
    expectInvalid(b, 'type mismatch', decodeModule(b).elems.at(0).offset!.end - 1);
    const b2 = wat('(module (memory 1) (data (offset (f32.const 0)) ""))');
    expectInvalid(b2, 'type mismatch', decodeModule(b2).datas.at(0).offset!.end - 1);
    const b3 = wat('(module (elem funcref (ref.null func) (ref.null extern)))');
    expectInvalid(b3, 'type mismatch', decodeModule(b3).elems.at(0).exprs![1].end - 1);
    const b4 = wat('(module (func) (elem externref (ref.func 0)))');
    expectInvalid(b4, 'type mismatch', decodeModule(b4).elems.at(0).exprs![0].end - 1);
    expectValid(wat('(module (import "m" "g" (global funcref)) (elem funcref (global.get 0) (ref.null func)))'));
  });
});

describe('unknown indices outside bodies', () => {
  it('unknown type: an imported function, at the import; a defined one, at the function section', () => {
    const b = mod({ types: [functype()], imports: [[...name('m'), ...name('f'), 0, 3]] });
    expectInvalid(b, 'unknown type', decodeModule(b).imports[0].offset);
    const b2 = mod({ types: [functype()], funcs: [0, 1], codes: [body([0x0b]), body([0x0b])] });
    expectInvalid(b2, 'unknown type', decodeModule(b2).sectionStarts[3]);
  });

  it('unknown function N: start, exports, element segments', () => {
    const b = mod({ types: [functype()], funcs: [0], start: 5, codes: [body([0x0b])] });
    expectInvalid(b, 'unknown function 5', decodeModule(b).startOffset);
    const b2 = wat('(module (export "f" (func 3)))');
    expectInvalid(b2, 'unknown function 3', decodeModule(b2).exports[0].offset);
    const b3 = wat('(module (func) (elem declare func 0 4))');
    expectInvalid(b3, 'unknown function 4', decodeModule(b3).elems.at(0).offsetInModule);
  });

  it('unknown table N: active element segments, exports', () => {
    const b = wat('(module (table 1 funcref) (func) (elem (table 1) (i32.const 0) func 0))');
    expectInvalid(b, 'unknown table 1', decodeModule(b).elems.at(0).offsetInModule);
    const b2 = wat('(module (func) (elem (i32.const 0) func 0))');
    expectInvalid(b2, 'unknown table 0', decodeModule(b2).elems.at(0).offsetInModule);
    const b3 = wat('(module (export "t" (table 0)))');
    expectInvalid(b3, 'unknown table 0', decodeModule(b3).exports[0].offset);
    // Passive and declarative segments need no table.
    expectValid(wat('(module (func) (elem func 0) (elem declare func 0))'));
  });

  it('unknown memory N: active data segments, exports', () => {
    const b = wat('(module (data (i32.const 0) "x"))');
    expectInvalid(b, 'unknown memory 0', decodeModule(b).datas.at(0).offsetInModule);
    const b2 = mod({ mems: [limits(1)], datas: [[2, 1, 0x41, 0, 0x0b, 0]] });
    expectInvalid(b2, 'unknown memory 1', decodeModule(b2).datas.at(0).offsetInModule);
    const b3 = wat('(module (export "m" (memory 0)))');
    expectInvalid(b3, 'unknown memory 0', decodeModule(b3).exports[0].offset);
    expectValid(wat('(module (data "passive"))'));
  });

  it('unknown global N: exports', () => {
    const b = wat('(module (global i32 (i32.const 0)) (export "g" (global 2)))');
    expectInvalid(b, 'unknown global 2', decodeModule(b).exports[0].offset);
  });
});

describe('exports and start', () => {
  it('duplicate export name: at the second export', () => {
    const b = wat('(module (func) (export "a" (func 0)) (export "b" (func 0)) (export "a" (func 0)))');
    expectInvalid(b, 'duplicate export name', decodeModule(b).exports[2].offset);
    const b2 = wat('(module (func (export "x")) (memory (export "x") 1))');
    expectInvalid(b2, 'duplicate export name', decodeModule(b2).exports[1].offset);
    expectValid(wat('(module (func (export "x") (export "X") (export "x ") (export "")))'));
  });

  it('start function: must take and return nothing', () => {
    const b = wat('(module (func (param i32)) (start 0))');
    expectInvalid(b, 'start function', decodeModule(b).startOffset);
    const b2 = wat('(module (func (result i32) i32.const 0) (start 0))');
    expectInvalid(b2, 'start function', decodeModule(b2).startOffset);
    expectValid(wat('(module (import "m" "f" (func)) (start 0))'));
    expectValid(wat('(module (func) (func) (start 1))'));
  });
});

describe('memories and tables', () => {
  it('multiple memories', () => {
    const b = mod({ mems: [limits(1), limits(1)] });
    expectInvalid(b, 'multiple memories', decodeModule(b).sectionStarts[5]);
    const b2 = wat('(module (import "m" "m" (memory 1)) (memory 1))');
    expectInvalid(b2, 'multiple memories', decodeModule(b2).sectionStarts[5]);
    const imp = (n: string) => [...name('m'), ...name(n), 2, ...limits(1)];
    expectInvalid(mod({ imports: [imp('a'), imp('b')] }), 'multiple memories');
  });

  it('memory size must be at most 65536 pages (4GiB)', () => {
    const msg = 'memory size must be at most 65536 pages (4GiB)';
    const b = mod({ mems: [limits(65537)] });
    expectInvalid(b, msg, decodeModule(b).sectionStarts[5]);
    expectInvalid(mod({ mems: [limits(0, 65537)] }), msg);
    expectInvalid(mod({ mems: [limits(0xffffffff, 0xffffffff)] }), msg);
    // Also when the maximum is below the minimum: the size is checked first.
    expectInvalid(mod({ mems: [limits(65537, 1)] }), msg);
    const b2 = mod({ imports: [[...name('m'), ...name('m'), 2, ...limits(1, 65537)]] });
    expectInvalid(b2, msg, decodeModule(b2).imports[0].offset);
    expectValid(mod({ mems: [limits(65536, 65536)] }));
    expectValid(mod({ mems: [limits(0, 0)] }));
  });

  it('shared memory must have maximum (the threads proposal\'s flag 2; flag 3 has one)', () => {
    const msg = 'shared memory must have maximum';
    const shared = mod({ mems: [[2, 1]] });
    expectInvalid(shared, msg, decodeModule(shared).sectionStarts[5]);
    const imported = mod({ imports: [[...name('m'), ...name('m'), 2, 2, 1]] });
    expectInvalid(imported, msg, decodeModule(imported).imports[0].offset);
    expectValid(mod({ mems: [[3, 1, 2]] }));
    expectValid(mod({ imports: [[...name('m'), ...name('m'), 2, 3, 0, 0]] }));
    // The limits are checked as any memory's.
    expectInvalid(mod({ mems: [[3, 2, 1]] }), 'size minimum must not be greater than maximum');
  });

  it('size minimum must not be greater than maximum', () => {
    const msg = 'size minimum must not be greater than maximum';
    const b = mod({ mems: [limits(2, 1)] });
    expectInvalid(b, msg, decodeModule(b).sectionStarts[5]);
    const b2 = mod({ tables: [[funcref, ...limits(2, 1)]] });
    expectInvalid(b2, msg, decodeModule(b2).sectionStarts[4]);
    const b3 = mod({ imports: [[...name('m'), ...name('t'), 1, externref, ...limits(5, 4)]] });
    expectInvalid(b3, msg, decodeModule(b3).imports[0].offset);
    const b4 = mod({ imports: [[...name('m'), ...name('m'), 2, ...limits(5, 4)]] });
    expectInvalid(b4, msg, decodeModule(b4).imports[0].offset);
    // Tables have no limit but u32.
    expectValid(mod({ tables: [[funcref, ...limits(0xffffffff, 0xffffffff)], [externref, ...limits(0)]] }));
  });

  it('active element segments must match their table type', () => {
    const b = wat('(module (table 1 externref) (func) (elem (i32.const 0) func 0))');
    expectInvalid(b, 'type mismatch', decodeModule(b).elems.at(0).offsetInModule);
    const b2 = wat('(module (table 1 funcref) (elem (i32.const 0) externref (ref.null extern)))');
    expectInvalid(b2, 'type mismatch', decodeModule(b2).elems.at(0).offsetInModule);
    expectValid(wat('(module (table 1 funcref) (table 1 externref) (elem (table 1) (i32.const 0) externref (ref.null extern)))'));
  });
});

describe('error order', () => {
  it('reports module rules before bodies, bodies before data segments', () => {
    // A body error and a data segment error: the body comes first in the bytes.
    const b = wat('(module (memory 1) (func i32.add drop) (data (i64.const 0) ""))');
    expectInvalid(b, 'type mismatch', offsetOf(b, 0x6a));
    // An export error and a body error: the export section comes first.
    const b2 = wat('(module (func i32.add drop) (export "x" (global 0)))');
    expectInvalid(b2, 'unknown global 0', decodeModule(b2).exports[0].offset);
    // Bodies in order.
    const b3 = wat('(module (func i64.const 0 drop) (func i32.add drop) (func f32.add drop))');
    expectInvalid(b3, 'type mismatch', offsetOf(b3, 0x6a, 0, 1));
  });

  it('checks bodies before a malformed section after the code section', () => {
    const good = mod({ types: [functype()], funcs: [0], codes: [body([0x6a, 0x0b])] });
    const b = Uint8Array.from([...good, 11, 1, 5]); // data section with a count past its end
    expectInvalid(b, 'type mismatch', good.length - 2);
  });

  it('checks the function section type indices before bodies that use them', () => {
    const b = mod({ types: [functype([i64])], funcs: [3], codes: [body([0x20, 0x00, 0x0b])] });
    expectInvalid(b, 'unknown type', decodeModule(b).sectionStarts[3]);
  });
});

describe('a larger valid module', () => {
  it('validates', () => {
    expectValid(
      wat(`(module
        (type $bin (func (param i32 i32) (result i32)))
        (import "env" "log" (func $log (param i32)))
        (import "env" "mem" (memory 1 10))
        (import "env" "tab" (table 4 funcref))
        (import "env" "base" (global $base i32))
        (global $counter (mut i32) (global.get $base))
        (func $add (type $bin) local.get 0 local.get 1 i32.add)
        (func $fac (export "fac") (param i64) (result i64)
          local.get 0 i64.eqz
          if (result i64) i64.const 1
          else local.get 0 local.get 0 i64.const 1 i64.sub call $fac i64.mul end)
        (func (export "run") (param i32) (result i32)
          (local $i i32)
          block $done
            loop $next
              local.get $i local.get 0 i32.ge_u br_if $done
              local.get $i call $log
              local.get $i i32.const 1 i32.const 2 i32.const 0 call_indirect (type $bin) drop
              global.get $counter i32.const 1 i32.add global.set $counter
              local.get $i i32.const 1 i32.add local.set $i
              br $next
            end
          end
          local.get $i i32.load offset=4
          ref.func $add ref.is_null i32.add)
        (elem (global.get $base) $add $fac)
        (data (i32.const 16) "data")
        (export "add" (func $add)))`),
    );
  });
});

describe('many entries', () => {
  const n = 100_000;
  const header = (): ByteWriter => new ByteWriter();

  it('element segments: all checked, an error in the last one found at its offset', () => {
    const segments = (last: number[]) => {
      // A table, one function, then n - 1 empty active segments and `last`.
      const elems = header().u32(n).repeat(n - 1, [0x00, 0x41, 0x00, 0x0b, 0x00]).bytes(last);
      return moduleOf([
        [1, header().u32(1).bytes(functype())],
        [3, header().u32(1).u32(0)],
        [4, header().u32(1).bytes([funcref, 0x00, 0x01])],
        [9, elems],
        [10, header().u32(1).sized(header().bytes([0x00, 0x0b]))],
      ]);
    };
    expectValid(segments([0x00, 0x41, 0x00, 0x0b, 0x01, 0x00]));
    const bad = segments([0x00, 0x41, 0x00, 0x0b, 0x01, 0x01]);
    expectInvalid(bad, 'unknown function 1', decodeModule(bad).elems.at(n - 1).offsetInModule);
    // elem.drop of the last segment: the body looks its type up.
    const dropLast = moduleOf([
      [1, header().u32(1).bytes(functype())],
      [3, header().u32(1).u32(0)],
      [9, header().u32(n).repeat(n, [0x01, 0x00, 0x00])],
      [12, header().u32(0)],
      [10, header().u32(1).sized(header().bytes([0x00, 0xfc, 0x0d, ...uleb(n - 1), 0x0b]))],
    ]);
    expectValid(dropLast);
  });

  it('globals: every initializer checked, an error in the last one found at its offset', () => {
    const globals = (last: number[]) =>
      moduleOf([[6, header().u32(n).repeat(n - 1, [i64, 0x01, 0x42, 0x07, 0x0b]).repeat(1, last)]]);
    expectValid(globals([i32, 0x00, 0x41, 0x07, 0x0b]));
    const bad = globals([i32, 0x00, 0x42, 0x07, 0x0b]);
    expectInvalid(bad, 'type mismatch', globalEnd(bad, n - 1));
  });

  it('types: 300,000 equal ones, the last used by call_indirect', () => {
    const types = 300_000;
    const b = moduleOf([
      [1, header().u32(types).repeat(types, functype([i32], [i32]))],
      [3, header().u32(1).u32(0)],
      [4, header().u32(1).bytes([funcref, 0x00, 0x01])],
      [10, header().u32(1).sized(header().bytes([0x00, 0x20, 0x00, 0x41, 0x00, 0x11, ...uleb(types - 1), 0x00, 0x0b]))],
    ]);
    expectValid(b);
    expect(decodeModule(b).types).toHaveLength(types);
  });
});
