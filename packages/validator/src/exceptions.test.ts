/**
 * Legacy exception handling: tags at module level, and try / catch / catch_all / delegate /
 * throw / rethrow in bodies, with the messages and offsets reported. Every case is also checked
 * against V8 (Node 20 implements this proposal), so the rules here are the ones V8 applies.
 * Messages follow the proposal's tests (test/legacy/exceptions/core/*.wast, test/core/tag.wast)
 * where they have one.
 */
import { decodeModule } from '@proj/decoder';
import { describe, expect, it } from 'vitest';
import {
  codeStart,
  expectInvalid,
  expectValid,
  f64,
  func,
  functype,
  i32,
  mod,
  name,
  offsetOf,
  watEh,
  watEhFunc,
} from '../test/wat.js';
import { v8Validate } from '../test/helpers/v8.js';

/** Ours and V8 both accept `b`. */
function valid(b: Uint8Array): void {
  expectValid(b);
  expect(v8Validate(b), 'V8 accepts it too').toBe(true);
}

/** Ours rejects `b` with this reason at this offset, and V8 rejects it too. */
function invalid(b: Uint8Array, reason: string, offset: number): void {
  expectInvalid(b, reason, offset);
  expect(v8Validate(b), 'V8 rejects it too').toBe(false);
}

/** Offset of the first instruction of the only function, for hand-made bodies. */
const at0 = (bytes: Uint8Array) => codeStart(bytes).start;

// Tags used by the text cases: $e (), $i (param i32), $l (param i64), $if (param i32 f64).
const TAGS = '(tag $e) (tag $i (param i32)) (tag $l (param i64)) (tag $if (param i32 f64))';
const ehFunc = (sigAndBody: string, rest = '') => watEhFunc(sigAndBody, `${TAGS} ${rest}`);

// Opcodes for hand-made bodies.
const TRY = 0x06;
const CATCH = 0x07;
const THROW = 0x08;
const RETHROW = 0x09;
const DELEGATE = 0x18;
const CATCH_ALL = 0x19;
const END = 0x0b;
const EMPTY = 0x40;
/** A body for a module with one tag of type `() -> ()` (type 1). */
const withTag = (instrs: number[]) => func(instrs, { types: [functype()], tags: [[0, 1]] });

describe('tags', () => {
  it('are valid with a type without results, imported or defined, and exported by index', () => {
    valid(watEh('(module (import "m" "t" (tag (param i32 i64))) (tag (param f32)) (tag) (export "a" (tag 0)) (export "b" (tag 2)))'));
    valid(mod({ types: [functype([i32, f64])], tags: [[0, 0], [0, 0]] }));
  });

  it('non-empty tag result type: at the tag section, or at the import', () => {
    const b = mod({ types: [functype([], [i32])], tags: [[0, 0]] });
    invalid(b, 'non-empty tag result type', decodeModule(b).sectionStarts[13]);
    const b2 = mod({ types: [functype([i32], [i32])], imports: [[...name('m'), ...name('t'), 4, 0, 0]] });
    invalid(b2, 'non-empty tag result type', decodeModule(b2).imports[0].offset);
  });

  it('unknown type: at the tag section, or at the import', () => {
    const b = mod({ types: [functype()], tags: [[0, 0], [0, 1]] });
    invalid(b, 'unknown type', decodeModule(b).sectionStarts[13]);
    const b2 = mod({ imports: [[...name('m'), ...name('t'), 4, 0, 0]] });
    invalid(b2, 'unknown type', decodeModule(b2).imports[0].offset);
  });

  it('unknown tag N: exports, counting imported tags first', () => {
    const imp = [...name('m'), ...name('t'), 4, 0, 0];
    valid(mod({ types: [functype()], imports: [imp], tags: [[0, 0]], exports: [[...name('x'), 4, 1]] }));
    const b = mod({ types: [functype()], imports: [imp], tags: [[0, 0]], exports: [[...name('x'), 4, 2]] });
    invalid(b, 'unknown tag 2', decodeModule(b).exports[0].offset);
    const b2 = mod({ types: [functype()], exports: [[...name('x'), 4, 0]] });
    invalid(b2, 'unknown tag 0', decodeModule(b2).exports[0].offset);
    const b3 = watEh('(module (tag (export "x")) (func (export "x")))');
    invalid(b3, 'duplicate export name', decodeModule(b3).exports[1].offset);
  });

  it('zero byte expected for an attribute other than 0', () => {
    invalid(mod({ types: [functype()], tags: [[1, 0]] }), 'zero byte expected', 8 + 6 + 3);
  });

  it('an overlong attribute byte is malformed, where V8 reads the attribute as a LEB128 (a known difference)', () => {
    const b = mod({ types: [functype()], tags: [[0x80, 0x00, 0]] });
    expectInvalid(b, 'zero byte expected', 8 + 6 + 3);
    expect(v8Validate(b)).toBe(true);
  });
});

describe('try', () => {
  it('types like block: parameters and results from its block type', () => {
    valid(ehFunc('(result i32) try (result i32) i32.const 1 end'));
    valid(ehFunc('(result i64) i32.const 1 try (param i32) (result i64) drop i64.const 2 end'));
    valid(ehFunc('try end try catch_all end try delegate 0'));
    const b = ehFunc('(result i32) try (result i32) end');
    invalid(b, 'type mismatch', offsetOf(b, END, 0));
    const b2 = ehFunc('(result i32) try (result i32) i64.const 42 end');
    invalid(b2, 'type mismatch', offsetOf(b2, END, 0));
    const b3 = ehFunc('try (param i32) drop end');
    invalid(b3, 'type mismatch', offsetOf(b3, TRY));
    const b4 = func([TRY, 0x05, END, END]);
    invalid(b4, 'unknown type', at0(b4));
  });

  it('a branch to a try or catch frame carries its results', () => {
    valid(ehFunc('(result i32) try (result i32) i32.const 1 br 0 catch $i br 0 catch_all i32.const 2 br 0 end'));
    valid(ehFunc('(result i32) block (result i32) try (result i32) i32.const 1 i32.const 0 br_table 0 1 catch_all i32.const 2 end end'));
    valid(ehFunc('loop try br 1 catch_all br 1 end end'));
    const b = ehFunc('(result i32) try (result i32) i64.const 1 br 0 catch_all i32.const 2 end');
    invalid(b, 'type mismatch', offsetOf(b, 0x0c));
    const b2 = ehFunc('try (result i32) i32.const 1 catch_all f32.const 2 br 0 end drop');
    invalid(b2, 'type mismatch', offsetOf(b2, 0x0c));
  });

  it('else without matching if: inside a try', () => {
    const b = func([TRY, EMPTY, 0x05, END, END]);
    invalid(b, 'else without matching if', at0(b) + 2);
  });
});

describe('catch and catch_all', () => {
  it('check the try body as end would, then start with the tag\'s parameters (catch_all: none)', () => {
    valid(ehFunc('(result i32) try (result i32) i32.const 1 catch $i catch $if drop catch $e i32.const 2 catch_all i32.const 3 end'));
    valid(ehFunc('(result i32 f64) try (result i32 f64) i32.const 1 f64.const 2 catch $if end'));
    valid(ehFunc('try catch $l drop catch_all end'));
    const b = ehFunc('(result i32) try (result i32) i64.const 1 catch $i end');
    invalid(b, 'type mismatch', offsetOf(b, CATCH, 0));
    const b2 = ehFunc('try i32.const 1 catch_all end');
    invalid(b2, 'type mismatch', offsetOf(b2, CATCH_ALL));
    // The previous clause is checked at the next one.
    const b3 = ehFunc('try catch $e i32.const 1 catch_all end');
    invalid(b3, 'type mismatch', offsetOf(b3, CATCH_ALL));
  });

  it('the clause must end with the try\'s results (the proposal\'s tests)', () => {
    const b = ehFunc('try catch $e i32.const 42 end');
    invalid(b, 'type mismatch', offsetOf(b, END, 0));
    const b2 = ehFunc('(result i32) try (result i32) i32.const 42 catch $l end');
    invalid(b2, 'type mismatch', offsetOf(b2, END, 0));
    const b3 = ehFunc('try catch_all i32.const 42 end');
    invalid(b3, 'type mismatch', offsetOf(b3, END, 0));
    const b4 = ehFunc('(result i32) try (result i32) i32.const 1 catch_all end');
    invalid(b4, 'type mismatch', offsetOf(b4, END, 0));
  });

  it('a clause does not see the try\'s parameters', () => {
    const b = ehFunc('i32.const 1 try (param i32) drop catch_all drop end');
    invalid(b, 'type mismatch', offsetOf(b, 0x1a, 1));
  });

  it('a clause is reachable again after an unreachable try body or clause', () => {
    valid(ehFunc('(result i32) try (result i32) unreachable catch_all i32.const 1 end'));
    valid(ehFunc('(result i32) try (result i32) i32.const 0 catch $i throw $i catch_all i32.const 1 end'));
    const b = ehFunc('(result i32) try (result i32) unreachable catch_all end');
    invalid(b, 'type mismatch', offsetOf(b, END, 0));
    const b2 = ehFunc('try unreachable catch $i end');
    invalid(b2, 'type mismatch', offsetOf(b2, END, 0));
  });

  it('unknown tag N: at the catch', () => {
    const b = func([TRY, EMPTY, CATCH, 0, END, END]);
    invalid(b, 'unknown tag 0', at0(b) + 2);
    const b2 = withTag([TRY, EMPTY, CATCH, 1, END, END]);
    invalid(b2, 'unknown tag 1', at0(b2) + 2);
  });

  it('catch / catch_all without matching try', () => {
    const b = withTag([CATCH, 0, END]);
    invalid(b, 'catch without matching try', at0(b));
    const b2 = func([CATCH_ALL, END]);
    invalid(b2, 'catch_all without matching try', at0(b2));
    const b3 = func([0x02, EMPTY, CATCH_ALL, END, END]);
    invalid(b3, 'catch_all without matching try', at0(b3) + 2);
    const b4 = withTag([0x41, 0, 0x04, EMPTY, 0x05, CATCH, 0, END, END]);
    invalid(b4, 'catch without matching try', at0(b4) + 5);
    // A block inside a clause is not the try.
    const b5 = func([TRY, EMPTY, CATCH_ALL, 0x02, EMPTY, CATCH_ALL, END, END, END]);
    invalid(b5, 'catch_all without matching try', at0(b5) + 5);
  });

  it('catch / catch_all after catch_all', () => {
    const b = withTag([TRY, EMPTY, CATCH_ALL, CATCH, 0, END, END]);
    invalid(b, 'catch after catch_all', at0(b) + 3);
    const b2 = func([TRY, EMPTY, CATCH_ALL, CATCH_ALL, END, END]);
    invalid(b2, 'catch_all after catch_all', at0(b2) + 3);
    // A nested try in a clause has clauses of its own.
    valid(withTag([TRY, EMPTY, CATCH_ALL, TRY, EMPTY, CATCH, 0, CATCH_ALL, END, END, END]));
  });
});

describe('delegate', () => {
  it('ends a try as end would; its label counts from outside the try, the function\'s included', () => {
    valid(ehFunc('try delegate 0'));
    valid(ehFunc('block try delegate 1 end'));
    valid(ehFunc('try try delegate 0 catch_all end'));
    valid(ehFunc('try catch_all try delegate 0 end'));
    valid(ehFunc('(result i32) try (result i32) i32.const 1 delegate 0'));
    valid(ehFunc('(result i64) i32.const 1 try (param i32) (result i64) drop i64.const 1 delegate 0'));
    const b = ehFunc('(result i32) try (result i32) delegate 0');
    invalid(b, 'type mismatch', offsetOf(b, DELEGATE));
    const b2 = ehFunc('try i32.const 1 delegate 0');
    invalid(b2, 'type mismatch', offsetOf(b2, DELEGATE));
  });

  it('unknown label: past the frames outside the try', () => {
    const b = ehFunc('try delegate 1');
    invalid(b, 'unknown label', offsetOf(b, DELEGATE));
    const b2 = ehFunc('block try delegate 2 end');
    invalid(b2, 'unknown label', offsetOf(b2, DELEGATE));
  });

  it('delegate without matching try: no try, or a try already in a clause', () => {
    const b = func([DELEGATE, 0, END]);
    invalid(b, 'delegate without matching try', at0(b));
    const b2 = func([0x02, EMPTY, DELEGATE, 0, END]);
    invalid(b2, 'delegate without matching try', at0(b2) + 2);
    const b3 = func([TRY, EMPTY, CATCH_ALL, DELEGATE, 0, END]);
    invalid(b3, 'delegate without matching try', at0(b3) + 3);
    const b4 = withTag([TRY, EMPTY, CATCH, 0, DELEGATE, 0, END]);
    invalid(b4, 'delegate without matching try', at0(b4) + 4);
  });
});

describe('throw', () => {
  it('pops the tag\'s parameters, then the stack is polymorphic', () => {
    valid(ehFunc('i32.const 1 f64.const 2 throw $if'));
    valid(ehFunc('throw $e'));
    valid(ehFunc('(result i32 i64) throw $e'));
    valid(ehFunc('(result i32) i64.const 1 throw $l i32.add'));
    const b = ehFunc('throw $i');
    invalid(b, 'type mismatch', offsetOf(b, THROW));
    const b2 = ehFunc('i64.const 5 throw $i');
    invalid(b2, 'type mismatch', offsetOf(b2, THROW));
    const b3 = ehFunc('f64.const 2 i32.const 1 throw $if');
    invalid(b3, 'type mismatch', offsetOf(b3, THROW));
    const b4 = ehFunc('(result i32) throw $e i64.const 0');
    invalid(b4, 'type mismatch', b4.length - 1);
  });

  it('unknown tag N: at the throw', () => {
    const b = func([THROW, 0, END]);
    invalid(b, 'unknown tag 0', at0(b));
    const b2 = func([THROW, 2, END], { types: [functype()], imports: [[...name('m'), ...name('t'), 4, 0, 1]], tags: [[0, 1]] });
    invalid(b2, 'unknown tag 2', at0(b2));
    valid(func([THROW, 1, END], { types: [functype()], imports: [[...name('m'), ...name('t'), 4, 0, 1]], tags: [[0, 1]] }));
  });
});

describe('rethrow', () => {
  it('names a catch or catch_all clause, from inside nested frames too; then the stack is polymorphic', () => {
    valid(ehFunc('try catch $e rethrow 0 catch_all rethrow 0 end'));
    valid(ehFunc('try catch_all block loop rethrow 2 end end end'));
    valid(ehFunc('try catch_all try rethrow 1 catch_all rethrow 0 end end'));
    valid(ehFunc('try catch_all try rethrow 1 delegate 0 end'));
    valid(ehFunc('(result f32) try (result f32) f32.const 0 catch $i rethrow 0 i64.add drop end'));
  });

  it('invalid rethrow label: the function, a block, a try body (the proposal\'s tests)', () => {
    const b = ehFunc('rethrow 0');
    invalid(b, 'invalid rethrow label', offsetOf(b, RETHROW));
    const b2 = ehFunc('block rethrow 0 end');
    invalid(b2, 'invalid rethrow label', offsetOf(b2, RETHROW));
    const b3 = ehFunc('try rethrow 0 delegate 0');
    invalid(b3, 'invalid rethrow label', offsetOf(b3, RETHROW));
    const b4 = ehFunc('try catch_all try rethrow 0 catch_all end end');
    invalid(b4, 'invalid rethrow label', offsetOf(b4, RETHROW));
    const b5 = ehFunc('try catch_all block rethrow 0 end end');
    invalid(b5, 'invalid rethrow label', offsetOf(b5, RETHROW));
  });

  it('unknown label: past the function', () => {
    const b = ehFunc('rethrow 1');
    invalid(b, 'unknown label', offsetOf(b, RETHROW));
    const b2 = ehFunc('try catch_all rethrow 2 end');
    invalid(b2, 'unknown label', offsetOf(b2, RETHROW));
  });

  it('a rethrow in a clause leaves the rest of the clause unreachable, not the code after the try', () => {
    const b = ehFunc('try catch_all rethrow 0 end i32.add drop');
    invalid(b, 'type mismatch', offsetOf(b, 0x6a));
    valid(ehFunc('(result i64) try catch_all rethrow 0 i32.add drop end i64.const 0'));
  });
});
