/**
 * Golden tests of the `compact` preparation: module text in, the side table of its last
 * function out, printed one entry per line next to the branch instruction that owns it (see the
 * top of prepare.ts): `+at owner -> +target (instruction there) stp n`, and `move a down d` for an
 * entry that moves values. The expected tables are written out, to be read and accepted by hand.
 */
import { opcodeRow, readInstr, Reader } from '@proj/decoder';
import { assemble, loadWabt } from '@proj/testkit';
import { describe, expect, it } from 'vitest';
import { listing } from '../fast/disassemble.js';
import { Module } from '../module.js';
import { registerProfile } from '../profiles.js';
import { compactProfile } from './profile.js';
import { CATCH_ALL, NO_DELEGATE } from '../exceptions.js';
import { type CompactCode, M_LAYOUT, M_LOCALS, M_FRAME, M_SB, M_START, META } from './prepare.js';

const wabt = await loadWabt();
registerProfile(compactProfile);

/** Branch instructions own side-table entries; br_table one per target and its default. */
const BRANCHES = new Set(['br', 'br_if', 'br_table', 'if', 'else', 'catch', 'catch_all']);

/**
 * The side table of the module's last own function, printed readably; `metered`: of its code
 * with fuel charges, followed by the charges (fuel/meter.ts): the entry's cost, and each loop's
 * by the offset of its `loop` opcode.
 */
function sideTable(text: string, metered = false): string {
  const module = new Module(assemble(wabt, `(module ${text})`, { features: { exceptions: true } }), { profile: 'compact' });
  const funcs = module.info.funcTypes.length - module.info.imports.filter((i) => i.kind === 0).length;
  const code = module.prepared(funcs - 1, metered) as CompactCode;
  expect(code.kind).toBe('compact');
  const i = funcs - 1;
  const m = (k: number): number => code.meta[i * META + k];
  const start = m(M_START);
  const sb = m(M_SB);
  const layout = m(M_LAYOUT);
  const stride = (layout & 1) + 1;
  const pcSh = (layout >>> 2) & 31;
  const adjBits = (layout >>> 7) & 31;
  const stpBits = (layout >>> 12) & 31;
  const end = code.end(i, start, layout);
  // The function's instructions: where each starts, its name, and the entries it owns.
  const names = new Map<number, string>();
  const owners: [number, string][] = [];
  const r = new Reader(code.bytes, start);
  while (r.pos < end) {
    const ins = readInstr(r);
    const name = opcodeRow(ins.id)!.name;
    names.set(ins.offset - start, name);
    if (!BRANCHES.has(name)) continue;
    const n = name === 'br_table' ? (ins.imms[0] as readonly number[]).length : 1;
    for (let k = 0; k < n; k++) owners.push([ins.offset - start, name]);
  }
  const lines = [`locals ${m(M_LOCALS)}, frame ${m(M_FRAME)}${stride === 2 ? ', wide entries' : ''}`];
  owners.forEach(([at, owner], k) => {
    let pc: number;
    let rest: number;
    if (stride === 1) {
      const w = code.side[sb + k];
      pc = w >>> pcSh;
      rest = w & ((1 << pcSh) - 1);
    } else {
      pc = code.side[sb + 2 * k];
      rest = code.side[sb + 2 * k + 1];
    }
    const adj = rest & ((1 << adjBits) - 1);
    const stp = (stride === 1 ? (rest >>> adjBits) & ((1 << stpBits) - 1) : rest >>> adjBits) / stride;
    const moves = adj === 0 ? '' : ` move ${code.side[sb - 2 * adj]} down ${code.side[sb - 2 * adj + 1]}`;
    lines.push(`${k}: +${at} ${owner} -> +${pc} (${names.get(pc) ?? 'past the end'}) stp ${stp}${moves}`);
  });
  // Try blocks: the body's range, what encloses it, its base cell, and each clause's start.
  for (const [k, t] of (code.handlers(i) ?? []).entries()) {
    const clauses = t.tags.map((x, j) => `${x === CATCH_ALL ? 'all' : `#${x}`} -> +${t.targets[j] - start} (${names.get(t.targets[j] - start)}) stp ${(t.stps[j] - sb) / stride}`);
    const delegate = t.delegate === NO_DELEGATE ? '' : ` delegate ${t.delegate}`;
    lines.push(`try ${k}: +${t.from - start}..+${t.to - start} parent ${t.parent}${delegate} base ${t.base}${clauses.map((c) => `, ${c}`).join('')}`);
  }
  const entry = code.consts(i);
  if (entry.length > 0) lines.push(`entry: ${Array.from(entry).join(' ')}`);
  const meter = code.meter;
  expect(meter !== null).toBe(metered);
  if (meter !== null) {
    const loops = [...meter.loopCosts].filter(([at]) => at >= start && at < end).sort((a, b) => a[0] - b[0]);
    lines.push(`fuel: entry ${meter.entryCosts[i]}${loops.map(([at, cost]) => `, +${at - start} ${names.get(at - start)} ${cost}`).join('')}`);
  }
  return lines.join('\n');
}

function golden(title: string, text: string, expected: string): void {
  it(title, () => expect(sideTable(text)).toBe(listing(expected)));
}

function meteredGolden(title: string, text: string, expected: string): void {
  it(title, () => expect(sideTable(text, true)).toBe(listing(expected)));
}

describe('compact side table', () => {
  golden(
    'block and br_if: forward entries to past the block\'s end, stp after the last entry inside',
    `(func (param i32) (block (br_if 0 (local.get 0)) (br 0)) (nop))`,
    `
    locals 1, frame 4
    0: +4 br_if -> +9 (nop) stp 2
    1: +6 br -> +9 (nop) stp 2
  `,
  );

  golden(
    'a loop\'s back edge targets its first instruction, with the stp of its first entry',
    `(func (param i32) (loop (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) (loop (br_if 1 (i32.eqz (local.get 0))) (br 0)))`,
    `
    locals 1, frame 5
    0: +9 br_if -> +2 (local.get) stp 0
    1: +17 br_if -> +22 (end) stp 3
    2: +19 br -> +14 (local.get) stp 1
  `,
  );

  golden(
    'if without else: one entry, the false edge past the end',
    `(func (param i32) (result i32) (if (local.get 0) (then (local.set 0 (i32.const 5)))) (local.get 0))`,
    `
    locals 1, frame 4
    0: +2 if -> +9 (local.get) stp 1
  `,
  );

  golden(
    'if and else: the false edge lands after the else, the else jumps past the end',
    `(func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 5)) (else (i32.const 7))))`,
    `
    locals 1, frame 4
    0: +2 if -> +7 (i32.const) stp 2
    1: +6 else -> +10 (end) stp 2
  `,
  );

  golden(
    'a branch with values over others: it moves its arity down by the drop',
    `(func (param i32) (result i32) (block (result i32) (i32.const 1) (i32.const 2) (i32.const 3) (br_if 0 (local.get 0)) (drop) (drop)) (block (result i64 i32) (i32.const 9) (i64.const 1) (i32.const 2) (br 0)) (drop) (drop))`,
    `
    locals 1, frame 7
    0: +10 br_if -> +15 (block) stp 1 move 1 down 2
    1: +23 br -> +26 (drop) stp 2 move 2 down 1
  `,
  );

  golden(
    'br_table: one entry per target and the default, each with its own adjustment',
    `(func (param i32) (result i32) (block $a (result i32) (block $b (result i32) (i32.const 8) (i32.const 9) (local.get 0) (br_table $a $b $a 0 (local.get 0))) (drop) (i32.const 1)) (local.get 0) (i32.add))`,
    `
    locals 1, frame 7
    0: +12 br_table -> +23 (local.get) stp 4 move 1 down 2
    1: +12 br_table -> +19 (drop) stp 4 move 1 down 2
    2: +12 br_table -> +23 (local.get) stp 4 move 1 down 2
    3: +12 br_table -> +19 (drop) stp 4 move 1 down 2
  `,
  );

  golden(
    'branches to the function\'s label target its final end and move nothing',
    `(func (param i32) (result i32) (i32.const 1) (i32.const 2) (br_if 0 (local.get 0)) (drop) (drop (block (result i32) (br_table 1 0 (local.get 0) (local.get 0)))) (return (i32.const 4)))`,
    `
    locals 1, frame 6
    0: +6 br_if -> +24 (end) stp 3
    1: +15 br_table -> +24 (end) stp 3
    2: +15 br_table -> +20 (drop) stp 3
  `,
  );

  golden(
    'dead branches keep their entries, so positions do not depend on reachability',
    `(func (param i32) (result i32) (return (i32.const 0)) (drop (br_if 0 (i32.const 1) (local.get 0))) (if (result i32) (local.get 0) (then (br 1 (i32.const 2))) (else (i32.const 3))))`,
    `
    locals 1, frame 5
    0: +7 br_if -> +22 (end) stp 4
    1: +12 if -> +19 (i32.const) stp 4
    2: +16 br -> +22 (end) stp 4
    3: +18 else -> +22 (end) stp 4
  `,
  );

  golden(
    'a loop with a parameter: the branch back carries it, already in place',
    `(type $t (func (param i32) (result i32))) (func (param i32) (result i32) (i32.const 0) (local.get 0) (loop (type $t) (i32.const 1) (i32.sub) (local.tee 0) (br_if 0 (local.get 0))) (i32.add))`,
    `
    locals 1, frame 6
    0: +13 br_if -> +6 (i32.const) stp 0
  `,
  );

  golden(
    'declared reference locals start null: entry words (cell index, -1)',
    `(func (param externref) (local funcref i32 externref) (block (br_if 0 (ref.is_null (local.get 1)))))`,
    `
    locals 4, frame 7
    0: +5 br_if -> +8 (end) stp 1
    entry: 4 -1 12 -1
  `,
  );

  golden('a function without branches has no entries', `(func (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))`, `
    locals 1, frame 5
  `);
});

describe('compact side table, metered', () => {
  // Metered code charges at function entry and at each `loop` opcode, so a loop's back edges
  // target the loop itself rather than its first instruction; costs as in fuel/meter.ts,
  // counted by hand below.
  meteredGolden(
    'a loop: back edges land on the loop, which charges its body',
    `(func (param $n i32) (result i32) (local $i i32)
      (block $out (loop $l
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (local.get $i))`,
    // Entry 4: block, loop, the br_if's way out past the block, local.get, end. Loop 9: its
    // nine instructions, local.get to br. (Unmetered, the br would go to +4, the local.get.)
    `
    locals 2, frame 6
    0: +9 br_if -> +22 (local.get) stp 2
    1: +18 br -> +2 (loop) stp 0
    fuel: entry 4, +2 loop 9
  `,
  );

  meteredGolden(
    'nested loops right after each other: each loop is its own label, neither skipped',
    `(func (param $n i32) (local $i i32)
      (loop $outer
        (loop $inner
          (br_if $inner (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
        (br_if $outer (i32.lt_u (local.get $i) (i32.const 100)))))`,
    // Entry 3: loop, the outer loop's end, end. Outer 6: loop, the inner loop's end, local.get,
    // i32.const, i32.lt_u, br_if. Inner 7: local.get, i32.const, i32.add, local.tee, local.get,
    // i32.lt_u, br_if. (Unmetered, both branches would go to +4, the inner body's first.)
    `
    locals 2, frame 6
    0: +14 br_if -> +2 (loop) stp 0
    1: +23 br_if -> +0 (loop) stp 0
    fuel: entry 3, +0 loop 6, +2 loop 7
  `,
  );

  meteredGolden(
    'if and else, br_table: the entry pays for the longest way through',
    `(func (param $k i32) (result i32)
      (block $c (block $b (block $a (br_table $a $b $c (local.get $k)))
          (return (i32.const 10)))
        (return (if (result i32) (local.get $k) (then (i32.const 1)) (else (i32.mul (local.get $k) (i32.const 20))))))
      (i32.const 30))`,
    // Entry 12: three blocks, local.get, br_table (5), then case $b: local.get, if, the else arm
    // (local.get, i32.const, i32.mul, end), return (7). The then arm (i32.const, else) is
    // shorter, and so are cases $a and $c (i32.const, then return or end: 2).
    `
    locals 1, frame 5
    0: +8 br_table -> +14 (i32.const) stp 3
    1: +8 br_table -> +18 (local.get) stp 3
    2: +8 br_table -> +33 (i32.const) stp 5
    3: +20 if -> +25 (local.get) stp 5
    4: +24 else -> +31 (return) stp 5
    fuel: entry 12
  `,
  );

  meteredGolden(
    'memory.fill: the entry pays for the instruction (no side-table entry), its run for the length',
    `(memory 1) (func (param $p i32) (param $n i32) (memory.fill (local.get $p) (i32.const 0) (local.get $n)))`,
    // Entry 5: local.get, i32.const, local.get, memory.fill, end (the length is paid when it runs).
    `
    locals 2, frame 7
    fuel: entry 5
  `,
  );

  golden(
    'try: catch and catch_all own an entry each (the jump past the end, as else); clauses start after them',
    `(tag $e (param i32)) (tag $f)
    (func (param i32) (result i32) (local i32)
      (try (result i32)
        (do (try (result i32) (do (throw $e (local.get 0))) (delegate 0)))
        (catch $e (local.set 1) (try (do (throw $f)) (catch_all (rethrow 1))) (local.get 1))
        (catch_all (i32.const -1))))`,
    `
    locals 2, frame 5
    0: +10 catch -> +28 (end) stp 3
    1: +18 catch_all -> +22 (local.get) stp 2
    2: +24 catch_all -> +28 (end) stp 3
    try 0: +2..+10 parent -1 base 2, #0 -> +12 (local.set) stp 1, all -> +25 (i32.const) stp 3
    try 1: +4..+8 parent 0 delegate 0 base 2
    try 2: +16..+18 parent -1 base 2, all -> +19 (rethrow) stp 2
  `,
  );
});
