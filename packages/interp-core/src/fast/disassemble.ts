/**
 * A disassembler for `fast` code (the layouts of ops.ts), for tests and debugging: one line per
 * instruction, `pc: name operands`. Ops below 0x300 are named by the decoder's opcode table,
 * the others by ops.ts. Not part of the package's index.
 *
 * Operands print by kind: a cell as `$n` (n = the word / 4, the cell's number in the frame), a
 * branch target as `@pc`, an immediate as its decimal value, an index (function, global, table,
 * type, data, elem) as `#x`, and named immediates as `offset=`, `shift=`, `lane=`; the v128
 * words of v128.const and i8x16.shuffle print as hex.
 */
import { Imm, opcodeRow, PREFIX_FD } from '@proj/decoder';
import { isUniformSimd } from './translate.js';
import { Op } from './ops.js';

/**
 * Kinds of operand words: `d` a result cell, `c` an operand cell, `i` an immediate, `x` an index,
 * `t` a branch target, `o` a memory offset, `s` a shift, `l` a lane, `w` a v128 word, `_` a word
 * the layout leaves unused (0).
 */
type Kind = 'd' | 'c' | 'i' | 'x' | 't' | 'o' | 's' | 'l' | 'w' | '_';

/** A prepared op's name and the kinds of its words after the op id. */
interface Layout {
  readonly name: string;
  readonly words: readonly Kind[];
}

const CMP = ['eqz', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const FLOAT_CMP = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const IMM_OPS = ['add', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u'];
const STEP_CMP = ['ne', 'lt_s', 'lt_u'];

/** The ops of ops.ts (0x300 and above), families expanded: id → layout. */
const PREPARED = new Map<number, Layout>();

function single(key: keyof typeof Op, words: string): void {
  PREPARED.set(Op[key], { name: key, words: [...words] as Kind[] });
}

/** A family of ops.ts: `names[k]` at `Op[key] + k` from k = `first` (none where null); `words` may depend on the member. */
function family(key: keyof typeof Op, names: readonly (string | null)[], words: string | ((k: number) => string), first = 0): void {
  names.forEach((n, k) => {
    if (k < first || n === null) return;
    const w = typeof words === 'string' ? words : words(k);
    PREPARED.set(Op[key] + k, { name: `${key}.${n}`, words: [...w] as Kind[] });
  });
}

single('copy1', 'dc');
single('copy2', 'dc');
single('copyF64', 'dc');
single('copyF32', 'dc');
single('copy4', 'dc');
single('copy1Pair', 'dcdc');
single('copy2Pair', 'dcdc');
single('br', 't');
single('brIf', 'ct');
single('brUnless', 'ct');
// br_table's targets follow its count: see disassemble.
single('brTable', 'ci');
single('brTableLoad', 'ccosi');
single('return', '');
single('return1', 'c');
single('call', 'xc');
single('callIndirect', 'xxcc');
single('select1', 'dccc');
single('select2', 'dccc');
single('select4', 'dccc');
single('globalGet', 'dx');
single('globalSet', 'xc');
single('unreachable', '');
single('tableGet', 'dcx');
single('tableSet', 'ccx');
single('tableGrow', 'dccx');
single('tableFill', 'cccx');
single('refNull', 'd');
single('refIsNull', 'dc');
single('refFunc', 'dx');
family('brCmp', CMP, (k) => (k === 0 ? 'ct' : 'cct'));
family('brNotCmp', CMP, (k) => (k === 0 ? 'ct' : 'cct'));
family('i32Imm', IMM_OPS, 'dci');
family('i32CmpImm', CMP, 'dci', 1);
family('brCmpImm', CMP, 'cit', 1);
family('brNotCmpImm', CMP, 'cit', 1);
family('brCmpF32', FLOAT_CMP, 'cct');
family('brNotCmpF32', FLOAT_CMP, 'cct');
family('brCmpF64', FLOAT_CMP, 'cct');
family('brNotCmpF64', FLOAT_CMP, 'cct');
family('addImmBrCmp', STEP_CMP, 'dcict');
family('addImmBrCmpImm', STEP_CMP, 'dciit');
family('addBrCmp', STEP_CMP, 'dccct');
family('i64XorThen', ['xor', 'add', 'and', 'rotl'], 'dccc');
family('i64AddThen', ['xor', 'add'], 'dccc');
family('i64AndThen', ['xor'], 'dccc');
family('i64RotlThen', ['xor'], 'dccc');
family('i64ShrUThen', ['xor'], 'dccc');
family('i32XorThen', [null, 'add', 'and', 'rotl'], 'dccc');
family('i32AddThen', ['xor', 'add', null, 'rotl'], 'dccc');
family('i32AndThen', ['xor'], 'dccc');
family('i32RotlThen', ['xor', 'add'], 'dccc');
for (const key of ['f64AddThen', 'f32SubThen', 'f32AddThen'] as const) family(key, ['add'], 'dccc');
single('addImmBrNz', 'dcit');
single('addImmBr', 'dcit');
single('loadScaled32', 'dccos');
single('loadScaled64', 'dccos');
single('storeScaled32', 'cccos');
single('storeScaled64', 'cccos');
single('loadScaledF64', 'dccos');
single('storeScaledF64', 'cccos');
single('f64AddLoads', 'dccocco');
single('f64MulLoads', 'dccocco');
single('f64MulAddLoads', 'dcccocco');
single('i32AddImmAt', 'ccoi');
single('i64AddLoad', 'dccco');
const LOADS = ['load', 'load8_u'];
family('brIfLoad', LOADS, 'ccot');
family('brUnlessLoad', LOADS, 'ccot');
family('brCmpLoad', ['eq', 'ne'], 'ccoct');
family('brCmpImmLoad', ['eq', 'ne'], 'ccoit');
single('f32MulAdd', 'dccc');
single('f64MulAdd', 'dccc');
single('fuel', 'i');
single('fuelLength', 'ci');
single('throw', 'xc');
single('rethrow', 'i');
single('compileOnEntry', '');
single('enterCompiled', '');

/** Every op id of ops.ts (families expanded), with its name: what a walk of the ops covers. */
export function preparedOps(): ReadonlyMap<number, string> {
  return new Map([...PREPARED].map(([id, l]) => [id, l.name]));
}

/** Word kinds of an instruction's immediates laid out after its operands (table-typed ops). */
const IMMEDIATE_WORDS: Partial<Record<number, string>> = {
  [Imm.none]: '',
  [Imm.zeroByte]: '',
  [Imm.memoryCopy]: '',
  [Imm.memoryInit]: 'x',
  [Imm.data]: 'x',
  [Imm.elem]: 'x',
  [Imm.table]: 'x',
  [Imm.tableInit]: 'xx',
  [Imm.tableCopy]: 'xx',
};

/** The layout of a table-typed op (below 0x300), or undefined when prepared code has none. */
function tableLayout(id: number): Layout | undefined {
  const row = opcodeRow(id);
  if (row === undefined || row.sig === null) return undefined;
  const [pops, push] = row.sig.split(':');
  const result = push.length > 0 ? 'd' : '';
  const operands = 'c'.repeat(pops.length);
  let words: string | undefined;
  if (id === 0x41 || id === 0x43) words = 'di';
  else if (id === 0x42 || id === 0x44) words = 'dii';
  else if (id === PREFIX_FD + 0x0c) words = 'dwwww';
  else if (id === PREFIX_FD + 0x0d) words = 'dccwwww';
  else if (isUniformSimd(id)) words = `${result}${operands}${'_'.repeat(3 - pops.length)}${row.imm === Imm.lane ? 'l' : '_'}`;
  else if (row.imm === Imm.memArg) words = push.length > 0 ? 'dcco' : 'ccco';
  else if (row.imm === Imm.memArgLane) words = `${result}${operands}ol`;
  else if (IMMEDIATE_WORDS[row.imm] !== undefined) words = `${result}${operands}${IMMEDIATE_WORDS[row.imm]}`;
  return words === undefined ? undefined : { name: row.name, words: [...words] as Kind[] };
}

/** The layout of op `id` in prepared code, or undefined when it has none. */
export function layoutOf(id: number): Layout | undefined {
  return id >= 0x300 ? PREPARED.get(id) : tableLayout(id);
}

/** A cell word: `$n`, or `$n+k` for the k-th Int32 word of cell n. */
function cellName(w: number): string {
  return w % 4 === 0 ? `$${w / 4}` : `$${(w - (w % 4)) / 4}+${w % 4}`;
}

function operand(kind: Kind, w: number): string | undefined {
  switch (kind) {
    case 'd':
    case 'c':
      return cellName(w);
    case 'i':
      return String(w);
    case 'x':
      return `#${w}`;
    case 't':
      return `@${w}`;
    case 'o':
      return `offset=${w >>> 0}`;
    case 's':
      return `shift=${w}`;
    case 'l':
      return `lane=${w}`;
    case 'w':
      return `0x${(w >>> 0).toString(16).padStart(8, '0')}`;
    case '_':
      return undefined;
  }
}

/**
 * The instructions of `code`, one line each: `pc: name operands`, then with `entryWords` (a
 * PreparedFunc's, pairs of word index and value) a line `entry: $n=value ...`. Throws on an op
 * id it cannot lay out, or code that ends inside an instruction.
 */
export function disassemble(code: Int32Array, entryWords: Int32Array = new Int32Array(0)): string {
  const lines: string[] = [];
  let pc = 0;
  while (pc < code.length) {
    const id = code[pc];
    const layout = layoutOf(id);
    if (layout === undefined) throw new Error(`disassemble: no layout for op 0x${id.toString(16)} at ${pc}`);
    let words: readonly Kind[] = layout.words;
    // br_table: the condition, the count n, then n + 1 targets.
    if (id === Op.brTable) words = ['c', 'i', ...new Array<Kind>(code[pc + 2] + 1).fill('t')];
    else if (id === Op.brTableLoad) words = ['c', 'c', 'o', 's', 'i', ...new Array<Kind>(code[pc + 5] + 1).fill('t')];
    if (pc + 1 + words.length > code.length) {
      throw new Error(`disassemble: ${layout.name} at ${pc} runs past the end of the code`);
    }
    const parts = [layout.name];
    words.forEach((kind, k) => {
      const text = operand(kind, code[pc + 1 + k]);
      if (text !== undefined) parts.push(text);
    });
    lines.push(`${pc}: ${parts.join(' ')}`);
    pc += 1 + words.length;
  }
  const entry: string[] = [];
  for (let k = 0; k + 1 < entryWords.length; k += 2) entry.push(`${cellName(entryWords[k])}=${entryWords[k + 1]}`);
  if (entry.length > 0) lines.push(`entry: ${entry.join(' ')}`);
  return lines.join('\n');
}

/** A listing as a golden test writes it (indented lines in a template string), trimmed line by line. */
export function listing(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .join('\n');
}
