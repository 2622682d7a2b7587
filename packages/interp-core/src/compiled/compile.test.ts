/**
 * The shape of the JavaScript that the `compiled` profile generates (compile.ts), on a few
 * functions: which instructions it inlines, which frame cells become variables, where control
 * goes back to the run loop, and when a function stays with the loop. The assertions match
 * fragments that compile.ts itself writes, not the instruction templates' bodies (generated
 * from the run loop, whose text may change), and each names the function's fast code (shown
 * by the disassembler) that it follows from.
 */
import { assemble, loadWabt } from '@proj/testkit';
import { describe, expect, it } from 'vitest';
import { Module } from '../module.js';
import { registerProfile } from '../profiles.js';
import { disassemble } from '../fast/disassemble.js';
import { Op } from '../fast/ops.js';
import type { PreparedFunc } from '../fast/translate.js';
import { compiledProfile } from './profile.js';
import { pieceBounds } from './piece-bounds.js';
import { targetsOf } from './forms.js';

const wabt = await loadWabt();
registerProfile(compiledProfile);

/** Own function `fn` of `text` in the fast and the compiled profile, and the compiled source. */
function both(text: string, fn = 0): { fast: PreparedFunc; compiled: PreparedFunc; source: string } {
  const bytes = assemble(wabt, `(module ${text})`);
  const fast = new Module(bytes, { profile: 'fast' }).prepared(fn) as PreparedFunc;
  const compiled = new Module(bytes, { profile: 'compiled' }).prepared(fn) as PreparedFunc;
  // A function is translated when first entered.
  expect(compiled.compiled).toBeUndefined();
  if (compiled.kind === 'compiled') expect(compiled.code[0]).toBe(Op.compileOnEntry);
  compiled.compileNow();
  return { fast, compiled, source: String(compiled.compiled) };
}

/** The source between `from` and the first `to` after it. */
function between(source: string, from: string, to: string): string {
  const at = source.indexOf(from);
  expect(at, `${from} in the source`).toBeGreaterThanOrEqual(0);
  return source.slice(at, source.indexOf(to, at));
}

describe('compiled code', () => {
  it('a SIMD loop: its instructions inline; a v128 cell used as i32 lanes is four variables, in the frame where used whole', () => {
    const { fast, source } = both(`(func (param $n i32) (result i32) (local $v v128) (local $i i32)
      (loop $l
        (local.set $v (i32x4.add (local.get $v) (i32x4.splat (local.get $i))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (i32x4.extract_lane 0 (local.get $v)))`);
    expect(disassemble(fast.code)).toMatch(/^0: i32x4\.splat \$5 \$2\n6: i32x4\.add \$1 \$1 \$5\n12: addImmBrCmp\.lt_u \$2 \$2 1 \$0 @0\n18: i32x4\.extract_lane \$4 \$1 lane=0/);
    // $n (cell 0), $i (cell 8), the extracted lane (cell 16), the splat's four lanes (cell 20)
    // and $v's (cell 4) are variables.
    expect(source).toMatch(/^let l8 = r\[fp \+ 8\], l20 = r\[fp \+ 20\], l21 = r\[fp \+ 21\], l22 = r\[fp \+ 22\], l23 = r\[fp \+ 23\], l4 = r\[fp \+ 4\], l5 = r\[fp \+ 5\], l6 = r\[fp \+ 6\], l7 = r\[fp \+ 7\], l0 = r\[fp \+ 0\], l16 = r\[fp \+ 16\];$/m);
    const loop = between(source, 'W0: for (;;) {', 'break W0; }');
    // No call out to the run loop; the splat writes variables, the add reads them.
    expect(loop).not.toMatch(/rare\(|simd\(/);
    expect(loop).toContain('l23 = (x) | 0;');
    expect(loop).toContain('l7 = ((l7 + l23) | 0) | 0;');
    expect(loop).not.toMatch(/r\[fp/);
    // extract_lane reads $v by a lane index in the frame: its lanes go there first, once.
    expect(between(source, 'break W0; }', 'return -2147483647;')).toMatch(/^break W0; \}\nr\[fp \+ 4\] = l4; r\[fp \+ 5\] = l5; r\[fp \+ 6\] = l6; r\[fp \+ 7\] = l7;\nL18: \{\nconst A = fp \+ 4;\n\$?l16 = \(?r\[A \+ \(0\)\]/);
  });

  it('a counting loop: one JavaScript loop, its i32 cells in variables, the frame written back on leaving', () => {
    const { fast, compiled, source } = both(`(func (param $n i32) (result i32) (local $i i32) (local $s i32)
      (loop $l
        (local.set $s (i32.add (local.get $s) (i32.mul (local.get $i) (local.get $i))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $s))`);
    expect(disassemble(fast.code)).toBe(
      ['0: i32.mul $5 $1 $1', '4: i32.add $2 $2 $5', '8: addImmBrCmp.lt_u $1 $1 1 $0 @0', '14: return1 $2'].join('\n'),
    );
    expect(compiled.kind).toBe('compiled');
    // The run loop enters at the start only: the code there is Op.enterCompiled, the rest as it
    // was, then an Op.return where a return that copied its result itself goes on (see below).
    expect(compiled.code[0]).toBe(Op.enterCompiled);
    expect(Array.from(compiled.code.subarray(1))).toEqual([...fast.code.subarray(1), Op.return]);
    // Cells $n (0), $i (4), $s (8) and the product (20) are variables, loaded once at entry. The
    // function does not set its locals itself: it starts with a loop, where the run loop may
    // enter it again (metered, after a pause at the loop's charge).
    expect(source).toMatch(/^let l20 = r\[fp \+ 20\], l4 = r\[fp \+ 4\], l8 = r\[fp \+ 8\], l0 = r\[fp \+ 0\];$/m);
    expect(compiled.initsOwnFrame).toBe(false);
    // Structured: no dispatch switch, one loop at the branch target 0, each instruction inlined,
    // the loop's step and test an if that continues it (no pc).
    expect(source).not.toMatch(/switch \(pc\)/);
    const loop = between(source, 'W0: for (;;) {', 'break W0; }');
    for (const pc of [0, 4]) expect(loop).toContain(`L${pc}: {`);
    expect(loop).toMatch(/\{\nconst x = \(l4 \+ \(1\)\) \| 0;\nl4 = \(x\) \| 0;\nconst y = l0;\nif \(x >>> 0 < y >>> 0\) continue W0;\n\}\n$/);
    expect(loop).not.toMatch(/pc =/);
    // Inside the loop no cell is read or written in the frame: only the variables.
    expect(loop).not.toMatch(/r\[fp/);
    // The return copies $s from its variable to the result's place (cell 0) itself, and says so
    // to the run loop: nothing else is stored.
    expect(source).toMatch(/break W0; \}\nr\[fp \+ 0\] = l8;\s*return -2147483647;/);
    expect(between(source, 'break W0; }', 'throw')).not.toMatch(/r\[fp \+ (4|8|20)\] =/);
  });

  it('a br_table on a load: fast fuses them, compiled keeps both and switches on the index', () => {
    const { fast, compiled, source } = both(`(memory 1) (func (param i32) (result i32)
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (block (block (br_table 0 1 (i32.load (local.get 0)))) (return (i32.const 1))) (i32.const 2))`);
    expect(disassemble(fast.code)).toMatch(/\nbrTableLoad|: brTableLoad /);
    const listing = disassemble(compiled.code.subarray(4));
    expect(listing).toMatch(/: i32\.load \$\d+ \$0 /);
    expect(listing).toMatch(/: brTable \$\d+ 1 /);
    expect(source).toMatch(/switch \(i < 1 \? i : 1\)/);
  });

  it('a call: made from the JavaScript, with the frames exact wherever the run loop takes over', () => {
    const { fast, compiled, source } = both(
      `(func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
       (func (param $x i32) (result i32) (i32.add (call $sq (local.get $x)) (i32.const 1)))`,
      1,
    );
    expect(disassemble(fast.code, fast.entryWords)).toBe(
      ['0: copy1 $2 $0', '3: call #0 $2', '6: i32Imm.add $2 $2 1', '10: return1 $2', 'entry: $1=1'].join('\n'),
    );
    // The run loop enters it at its start, and after the call when the call did not finish in
    // JavaScript; the second entry goes to a translation with a switch, made then.
    expect([compiled.code[0], compiled.code[3], compiled.code[6]]).toEqual([Op.enterCompiled, Op.call, Op.enterCompiled]);
    expect(source).not.toContain('switch (pc)');
    expect(source).toContain('if (pc !== 0) return resume(');
    // Nothing branches to its start: it sets its own locals there, and a call skips that.
    expect(compiled.initsOwnFrame).toBe(true);
    expect(compiled.direct).toBe(compiled.compiled);
    expect(source).toMatch(/^let l8 = 0, l0 = r\[fp \+ 0\];\nr\[fp \+ 4\] = 1;$/m);
    const call = between(source, 'L3: {', '\ncase 6:');
    // The argument (cell 8) goes to the frame before the call, and is read back after it, where
    // the result is. A callee that can be called at its start is called here; any other through
    // callWasm. A call to a host function (LEAVE) is left to the run loop at pc 3.
    expect(call).toMatch(/r\[fp \+ 8\] = l8;\s*let made;\s*const callee = inst\.callees\[0\];/);
    expect(call).toMatch(/const end = run\(m, 0, fp \+ 8, r, inst, callee, budget - p\.jsFrameCost\);/);
    // One of the module's own functions has prepared code and is of this instance.
    expect(call).toContain('const run = p.direct;\nif (run !== undefined && budget >= p.jsFrameCost &&');
    // A callee that copied its result to the start of its frame says so (RETURNED_IN_PLACE):
    // nothing is left to do but drop its frame record.
    expect(call).toMatch(/if \(end === -2147483647\) \{\s*m\.depth = d;\s*made = 0;\s*\} else made = returned\(m, d, self, fp, 6, callee, end, fp \+ 8\);/);
    expect(call).toMatch(/\} else made = callWasm\(m, self, fp, inst\.funcs\[0\], fp \+ 8, 6, budget\);/);
    expect(call).toMatch(/if \(made === 1\) \{\s*pc = 3;\s*break out;/);
    expect(call).toMatch(/return -2147483648;[\s\S]*l8 = r\[fp \+ 8\];[\s\S]*pc = 6;/);
    // Its return copies the result (cell 8) to the start of the frame, from its variable.
    expect(source).toMatch(/\}\nr\[fp \+ 0\] = l8;\s*return -2147483647;/);
  });

  it('reads itself only the run-loop state its code uses: none for a call without floats or memory', () => {
    // A recursive function on i32s: called with six arguments, reads no float or memory view,
    // and has no memory to look at again after its call.
    const { source } = both(`(func $f (param $n i32) (result i32)
      (if (result i32) (i32.lt_u (local.get $n) (i32.const 2)) (then (local.get $n))
        (else (i32.add (local.get $n) (call $f (i32.sub (local.get $n) (i32.const 1)))))))`);
    expect(source).toMatch(/^function compiled\(m, pc, fp, r, inst, self, budget\) \{$/m);
    expect(source).not.toMatch(/f32|f64|mem|mu8|dv|mlen/);
    // With a load and an f64 too: each view is read once, before the code, and the memory's
    // views again after the call (it may have grown the memory).
    const withMemory = both(`(memory 1) (func $g (param $n i32) (result f64)
      (f64.add (f64.load (local.get $n)) (call $g (i32.load (local.get $n)))))`).source;
    const head = between(withMemory, 'function compiled', 'out:');
    expect(head).toContain('const f64 = m.slots.f64;');
    expect(head).not.toContain('f32');
    expect(head).toContain('const mem = inst.mems[0];\nlet mu8 = mem ? mem.u8 : EMPTY_MEMORY, dv = mem ? mem.dv : EMPTY_VIEW, mlen = mem ? mem.limit : 0;');
    expect(between(withMemory, 'const end = compiled(', 'L')).toMatch(/if \(mem !== undefined && mem\.limit !== mlen\) \{\nmu8 = mem\.u8;\ndv = mem\.dv;\nmlen = mem\.limit;\n\}/);
  });

  it('a call of itself: by its own name, with its frame cost and size as literals, where it is its direct entry', () => {
    const { compiled, source } = both(`(func $f (param $n i32) (result i32)
      (if (result i32) (i32.lt_u (local.get $n) (i32.const 2)) (then (local.get $n))
        (else (i32.add (call $f (i32.sub (local.get $n) (i32.const 1))) (call $f (i32.sub (local.get $n) (i32.const 2)))))))`);
    expect(compiled.direct).toBe(compiled.compiled);
    const cost = compiled.jsFrameCost;
    expect(cost).toBeGreaterThan(64);
    expect(source).not.toContain('$SELF_COST$');
    expect(source).not.toContain('inst.callees');
    // Both calls: the budget and the stack's room checked with literals, then its own function.
    const calls = source.match(new RegExp(`if \\(budget >= ${cost} && \\(\\(\\(fp \\+ \\d+\\) >> 2\\) \\+ ${compiled.cells}\\) \\* 2 <= m\\.slots\\.count\\) \\{\\nconst d = m\\.depth;\\nm\\.depth = d \\+ 1;\\nconst end = compiled\\(m, 0, fp \\+ \\d+, r, inst, self, budget - ${cost}\\);`, 'g'));
    expect(calls).toHaveLength(2);
    // Past the budget, or where the stack must grow: callWasm, which leaves the call to the run loop.
    expect(source.match(/\} else made = callWasm\(m, self, fp, inst\.funcs\[0\]/g)).toHaveLength(2);
    // Metered, it calls through callWasm, which charges the callee's entry.
    const bytes = assemble(wabt, `(module (func $f (param $n i32) (result i32) (if (result i32) (local.get $n) (then (call $f (i32.sub (local.get $n) (i32.const 1)))) (else (i32.const 0)))))`);
    const metered = new Module(bytes, { profile: 'compiled' }).prepared(0, true) as PreparedFunc;
    metered.compileNow();
    expect(String(metered.compiled)).toContain('made = callWasm(m, self, fp, inst.funcs[0]');
    expect(String(metered.compiled)).not.toContain('const end = compiled(');
  });

  it('a call of an imported function: checked to be of this instance, with prepared code', () => {
    // (It may be the host's, or another instance's.)
    const { source } = both(`(import "env" "f" (func $f (param i32) (result i32)))
      (func (param $x i32) (result i32) (i32.add (call $f (local.get $x)) (i32.const 1)))`);
    expect(source).toContain('const callee = inst.callees[0];\nconst p = callee.prepared;\nconst run = p === undefined ? undefined : p.direct;\nif (run !== undefined && callee.inst === inst && budget >= p.jsFrameCost &&');
  });

  it('an operand cell used as an i32 and then as an f64: a variable of each kind, stored from the one that holds it', () => {
    const { fast, source } = both(
      `(func $g (param i32) (result i32) (local.get 0))
       (func (param $n i32) (result f64) (local $s f64) (local $i i32)
         (loop $l
           (local.set $s (f64.add (local.get $s) (f64.mul (f64.convert_i32_s (i32.rem_u (local.get $i) (i32.const 7))) (f64.const 0.5))))
           (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (call $g (i32.const 1)))) (local.get $n))))
         (local.get $s))`,
      1,
    );
    // Cell $7 (frame word 28) holds the remainder, then its conversion, then the call's argument.
    expect(disassemble(fast.code)).toMatch(/^0: i32\.rem_u \$7 \$2 \$3\n4: f64\.convert_i32_s \$7 \$7\n7: f64MulAdd \$1 \$7 \$4 \$1\n12: copy1 \$7 \$5\n15: call #0 \$7/);
    expect(source).toMatch(/^let .*\bl28 = r\[fp \+ 28\],.*\bd28 = f64\[\(fp \+ 28\) >> 1\]/m);
    const loop = between(source, 'W0: for (;;) {', 'break W0; }');
    expect(loop).toContain('d28 = l28;');
    expect(loop).toContain('d4 = (d28 * d16) + d4;');
    // The call's argument is an i32 there: its i32 variable goes to the frame, and both kinds
    // are read back after the call.
    expect(between(loop, 'L15: {', 'let made;')).toMatch(/^L15: \{\s*r\[fp \+ 28\] = l28;\s*$/);
    expect(loop).toContain('l28 = r[fp + 28]; d28 = f64[(fp + 28) >> 1];');
    expect(loop).not.toMatch(/f64\[\(fp \+ 28\) >> 1\] =/);
  });

  it('a v128 select reads its operands in the frame, their lanes stored there first, and writes its lanes as variables', () => {
    const { fast, source } = both(`(func (param $n i32) (result f64) (local $s f64) (local $i i32) (local $v v128)
      (if (local.get $n)
        (then (local.set $s (f64.add (f64.convert_i32_s (i32.rem_u (local.get $n) (i32.const 7))) (local.get $s))))
        (else (local.set $i (i32.add (i32.rem_u (local.get $n) (i32.const 3)) (i32.const 1)))))
      (local.set $v (select (local.get $v) (v128.const i64x2 1 1) (local.get $n)))
      (f64.add (local.get $s) (f64.add (f64.convert_i32_s (local.get $i)) (f64.convert_i64_s (i64x2.extract_lane 0 (local.get $v))))))`);
    expect(disassemble(fast.code)).toMatch(/\n24: v128\.const \$8 0x00000001 0x00000000 0x00000001 0x00000000\n30: select4 \$3 \$3 \$8 \$0\n/);
    const select = between(source, 'L30: {', 'pc = 35;');
    // The constant's lanes (cell $8, words 32-35) go to the frame before it; $v's (words 12-15)
    // are there already (set at entry), and become its result's variables.
    expect(source).toContain('r[fp + 32] = l32; r[fp + 33] = l33; r[fp + 34] = l34; r[fp + 35] = l35;\nL30: {');
    expect(select).toContain('const A = l0 !== 0 ? fp + 12 : fp + 32;');
    for (let w = 12; w < 16; w++) expect(select).toContain(`l${w} = (r[A + ${w - 12}]) | 0;`);
    // Cell $7 (word 28), an i32 or an f64 where the branches meet, stays in its variables.
    expect(select).not.toMatch(/\b[ld]28\b/);
  });

  it('a SIMD result is written whole: a cell held as i32 lanes goes to the frame as the result of an f32x4 op without a store first', () => {
    const { fast, source } = both(`(memory 1) (func (param $p i32) (param $n i32) (result i32) (local $v v128)
      (loop $l
        (local.set $v (i32x4.add (v128.load (local.get $p)) (v128.load offset=32 (local.get $p))))
        (v128.store offset=64 (local.get $p) (local.get $v))
        (local.set $v (f32x4.mul (v128.load offset=16 (local.get $p)) (v128.load offset=32 (local.get $p))))
        (v128.store offset=48 (local.get $p) (local.get $v))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $p))`);
    expect(disassemble(fast.code)).toMatch(/\n10: i32x4\.add \$2 \$6 \$7\n16: v128\.store \$0 \$3 \$2 offset=64\n[^]*\n31: f32x4\.mul \$2 \$6 \$7\n37: v128\.store \$0 \$3 \$2 offset=48\n/);
    // $v (cell 2, words 8-11) is four i32 variables from the add to the first store, then the
    // f32x4.mul's result in the frame, read back into them for the second store. The mul's
    // operands (cells 6 and 7) go to the frame before it; $v's old lanes do not.
    const before = between(source, 'L26: {', 'L31: {');
    expect(before).toContain('r[fp + 24] = l24;');
    expect(before).not.toMatch(/r\[fp \+ (8|9|10|11)\] =/);
    expect(between(source, 'L31: {', 'L37: {')).toMatch(/\}\nl8 = r\[fp \+ 8\]; l9 = r\[fp \+ 9\]; l10 = r\[fp \+ 10\]; l11 = r\[fp \+ 11\];\n$/);
  });

  it('a loop entered with an f32 local set as words and coming round with it as a float: the entry goes through the frame', () => {
    const { fast, source } = both(`(func (param $n i32) (result f32) (local $z f32) (local $i i32)
      (local.set $z (f32.const 0.5))
      (loop $l
        (local.set $z (f32.add (f32.mul (local.get $z) (local.get $z)) (f32.const 0.25)))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $z))`);
    expect(disassemble(fast.code, fast.entryWords)).toMatch(/^0: copyF32 \$1 \$3\n3: f32MulAdd \$1 \$1 \$1 \$4\n/);
    // $z (word 4) gets the constant's words, from a variable that holds no float: it enters the
    // loop as words, and comes round as a float. The entry writes it to the frame and reads
    // the float back (through its bits, which keep a signalling NaN), once; in the loop it is a
    // float variable, its result rounded.
    expect(between(source, 'L0: {', 'W3: for')).toMatch(/l4 = \(l12\) \| 0;\s*\}\s*r\[fp \+ 4\] = l4; s4 = F\.f32FromBits\(r\[fp \+ 4\]\);\s*$/);
    const loop = between(source, 'W3: for (;;) {', 'break W3; }');
    expect(loop).toContain('s4 = Math.fround(Math.fround(s4 * s4) + s16);');
    expect(loop).not.toMatch(/f32\[|r\[fp \+ 4\]/);
    // It leaves as a float: its bits go to the frame, and from there to the result's place.
    expect(source).toMatch(/r\[fp \+ 4\] = F\.f32ToBits\(s4\); r\[fp \+ 0\] = r\[fp \+ 4\];\s*return -2147483647;/);
  });

  it('a call_indirect: its index read from its variable, its callee called at the call site where it can be', () => {
    const { source } = both(
      `(type $t (func (param i32) (result i32))) (table 1 funcref)
       (func (param $x i32) (result i32) (call_indirect (type $t) (local.get $x) (i32.add (local.get $x) (i32.const 1))))`,
    );
    // The table's element, checked as the run loop checks it; then, as for an imported function,
    // whether it is of this instance and has prepared code.
    expect(source).toMatch(/const addr = indirectCallAddress\(inst, m\.rt\.funcs, 0, 0, l\d+ >>> 0\);\nconst callee = m\.rt\.funcs\[addr\];/);
    expect(source).toContain('const run = p === undefined ? undefined : p.direct;\nif (run !== undefined && callee.inst === inst && budget >= p.jsFrameCost &&');
    expect(source).toMatch(/\} else made = callWasm\(m, self, fp, addr, fp \+ \d+, \d+, budget\);/);
  });

  it('a function whose first instruction is left to the run loop does not set its own frame', () => {
    const { compiled } = both(`(func (result i32) (i32.const -1))`);
    expect(compiled.code[0]).toBe(Op.return1);
    expect(compiled.initsOwnFrame).toBe(false);
    expect(compiled.direct).toBeUndefined();
  });

  it('a memory access: inlined with its bounds check against the memory length', () => {
    const { fast, source } = both(`(memory 1) (func (param $p i32) (result i32)
      (i32.store offset=4 (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
      (i32.load offset=4 (local.get $p)))`);
    expect(disassemble(fast.code, fast.entryWords)).toBe(
      [
        '0: i32.load $4 $0 $1 offset=0',
        '5: i32Imm.add $4 $4 1',
        '9: i32.store $0 $1 $4 offset=4',
        '14: i32.load $3 $0 $1 offset=4',
        '19: return1 $3',
        'entry: $1=0 $2=1',
      ].join('\n'),
    );
    // Straight-line code: one block, no loop, no switch.
    expect(source).not.toMatch(/switch \(pc\)|W\d+: for/);
    for (const pc of [0, 5, 9, 14]) {
      const body = between(source, `L${pc}: {`, '\n}');
      // The address is the local plus the constant cell's zero (both variables), and every access
      // is checked against mlen, the run loop's memory length.
      if (pc !== 5) expect(body, `L${pc}`).toMatch(/l0 \+ l4/);
      if (pc !== 5) expect(body, `L${pc}`).toContain('mlen');
    }
    expect(source).toMatch(/r\[fp \+ 0\] = l12;\s*return -2147483647;/);
  });

  it('a function past the size V8 optimizes is compiled in pieces, run one after the other', () => {
    // One instruction each (an i32Imm.xor into the local, with few distinct constants so that
    // none becomes an instruction of its own): past 1500, compile.ts makes pieces of 1000.
    const steps = (n: number): string =>
      Array.from({ length: n }, (_, k) => `(local.set 0 (i32.xor (local.get 0) (i32.const ${k % 32})))`).join(' ');
    const { fast, compiled, source } = both(`(func (param i32) (result i32) ${steps(1600)} (local.get 0))`);
    expect(disassemble(fast.code).split('\n').length).toBe(1601);
    expect(compiled.kind).toBe('compiled');
    expect(compiled.code[0]).toBe(Op.enterCompiled);
    // The function is the dispatcher over the pieces, not a generated one.
    expect(source).not.toContain('switch (pc)');
    expect(source).toContain('parts[k]');
  });

  it("a piece's straight-line instructions run into each other: pc is set only where control may leave", () => {
    const steps = (n: number): string =>
      Array.from({ length: n }, (_, k) => `(local.set 0 (i32.xor (local.get 0) (i32.const ${k % 32})))`).join(' ');
    const sources: string[] = [];
    const plain = globalThis.Function;
    globalThis.Function = new Proxy(plain, {
      construct(target, args: string[]) {
        sources.push(args[args.length - 1]);
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      both(`(func (param i32) (result i32) ${steps(1600)} (local.get 0))`);
    } finally {
      globalThis.Function = plain;
    }
    // The first piece is made with the dispatcher: a switch over its entries, one instruction
    // after the other inside it, and pc set once, where it ends.
    const piece = sources.find((text) => text.includes('switch (pc)'));
    expect(piece).toBeDefined();
    expect(piece!.match(/^L\d+: \{$/gm)!.length).toBeGreaterThanOrEqual(100);
    expect(piece!.match(/if \(pc !== \d+\) continue;/g)).toHaveLength(1);
    expect(piece!.match(/\bpc = \d+;/g)).toHaveLength(1);
  });

  it('an i64 select reads and writes its cells as variables: the frame is not written around it', () => {
    const { fast, source } = both(`(func (param $n i32) (param $a i64) (param $b i64) (result i64)
      (loop $l
        (local.set $a (select (i64.add (local.get $a) (local.get $b)) (local.get $b) (i32.and (local.get $n) (i32.const 1))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $a))`);
    expect(disassemble(fast.code)).toMatch(/select2 \$1 \$\d+ \$2 \$\d+/);
    const loop = between(source, 'W0: for (;;) {', 'break W0; }');
    expect(loop).not.toMatch(/r\[fp \+ \d+\]/);
    expect(loop).toMatch(/^\s*l4 = \(l16\) \| 0;$/m);
  });

  it('cuts a function into pieces where the cuts go through the fewest loops', () => {
    const steps = (n: number): string =>
      Array.from({ length: n }, (_, k) => `(local.set 0 (i32.xor (local.get 0) (i32.const ${k % 32})))`).join(' ');
    const loop = `(loop $l ${steps(12)} (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))`;
    // A short loop across instruction 200, where pieces of 200 instructions would cut it, and
    // one of 600 instructions further on, which cuts must go through.
    const { fast } = both(`(func (param i32 i32) (result i32) ${steps(190)} ${loop} ${steps(300)} (loop $m ${steps(600)} (br_if $m (local.get 1))) ${steps(500)} (local.get 0))`);
    const starts = Int32Array.from(disassemble(fast.code).split('\n'), (line) => parseInt(line, 10));
    const index = new Map(Array.from(starts, (pc, i) => [pc, i]));
    const loops = starts.reduce<[number, number][]>((found, pc, b) => {
      for (const t of targetsOf(fast.code, pc)) if (index.get(t)! <= b) found.push([index.get(t)!, b]);
      return found;
    }, []);
    expect(loops.map(([t, b]) => b - t + 1)).toEqual([13, 601]);
    const bounds = pieceBounds(fast.code, starts);
    expect(bounds[0]).toBe(0);
    expect(bounds[bounds.length - 1]).toBe(starts.length);
    for (let k = 1; k < bounds.length; k++) expect(bounds[k] - bounds[k - 1]).toBeLessThanOrEqual(400);
    for (let k = 1; k < bounds.length - 1; k++) expect(bounds[k] - bounds[k - 1]).toBeGreaterThanOrEqual(100);
    const cuts = (t: number, b: number): number => bounds.filter((i) => t < i && i <= b).length;
    // The short loop stays whole; the long one is cut as few times as its length allows.
    expect(cuts(...loops[0])).toBe(0);
    expect(cuts(...loops[1])).toBe(1);
    // Long templates keep pieces to 200 instructions: i64 multiplications (a dozen lines each).
    const muls = Array.from({ length: 900 }, () => '(local.set 0 (i64.mul (local.get 0) (local.get 1)))').join(' ');
    const heavy = both(`(func (param i64 i64 i32) (result i64) (loop $l ${muls} (br_if $l (local.tee 2 (i32.sub (local.get 2) (i32.const 1))))) (local.get 0))`).fast;
    const heavyStarts = Int32Array.from(disassemble(heavy.code).split('\n'), (line) => parseInt(line, 10));
    const heavyBounds = pieceBounds(heavy.code, heavyStarts);
    for (let k = 1; k < heavyBounds.length; k++) expect(heavyBounds[k] - heavyBounds[k - 1]).toBeLessThanOrEqual(200);
  });

  it('a function whose JavaScript would be too large is compiled in pieces, sooner without loops', () => {
    // 100 i64 multiplications (a dozen lines each) in a row: few instructions, much JavaScript.
    const muls = (n: number): string => Array.from({ length: n }, () => '(local.set 0 (i64.mul (local.get 0) (local.get 1)))').join(' ');
    const loopFree = both(`(func (param i64 i64) (result i64) ${muls(100)} (local.get 0))`);
    expect(loopFree.compiled.kind).toBe('compiled');
    expect(loopFree.source).toContain('parts[k]');
    // The same in a loop stays whole: V8 optimizes it, and sees the loop.
    const loop = (n: number): string => `(loop $l ${muls(n)} (br_if $l (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))`;
    const looped = both(`(func (param i64 i64 i32) (result i64) ${loop(100)} (local.get 0))`);
    expect(looped.source).not.toContain('parts[k]');
    expect(looped.source).toMatch(/^W\d+: for \(;;\) \{$/m);
    // Past what V8 would optimize at all, a function with loops goes to pieces too.
    const huge = both(`(func (param i64 i64 i32) (result i64) ${loop(250)} (local.get 0))`);
    expect(huge.source).toContain('parts[k]');
  });
});
