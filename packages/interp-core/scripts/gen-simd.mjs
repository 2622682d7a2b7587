/**
 * The SIMD part of gen-isa.mjs: from the rows of src/isa/simd.ts (and the decoder's opcode table
 * for opcodes, operand types, immediates and access widths) it writes
 * - the `fast` loop's cases (hot rows in runFast's switch, region `fast-hot-simd`, the others in
 *   the switch of `simd` in src/fast/run.ts, `fast-simd`), from which gen-templates.mjs makes the
 *   `compiled` templates;
 * - the `compact` loop's cases for the hot memory rows without a lane (region `compact-simd` in
 *   src/compact/run.ts), operands on its stack;
 * - the instruction functions the dispatch tables of src/numeric/v128.ts hold (which the `compact`
 *   loop calls for the other rows): src/numeric/v128-generated.ts (the non-memory rows) and
 *   src/numeric/v128-memory.ts.
 *
 * The two renderings differ only in where an operand is (`env`): the fast loop's cells are named
 * by the op's words, the functions' are slot indices. Both compute a lane-wise result in place:
 * v128 cells are 16-byte aligned, so a result cell either is an operand's or overlaps none.
 */
import { Imm, OPCODES } from '@proj/decoder';

const FD = 0x200;
/** Lane views of simd.ts: the lane count, and the index of lane k of the cell at Int32 index x. */
const VIEWS = {
  i8: { n: 16, index: (x, k) => `(${x} << 2) + ${k}` },
  u8: { n: 16, index: (x, k) => `(${x} << 2) + ${k}` },
  i16: { n: 8, index: (x, k) => `(${x} << 1) + ${k}` },
  u16: { n: 8, index: (x, k) => `(${x} << 1) + ${k}` },
  i32: { n: 4, index: (x, k) => (k === '0' ? x : `${x} + ${k}`) },
  u32: { n: 4, index: (x, k) => (k === '0' ? x : `${x} + ${k}`) },
  f32: { n: 4, index: (x, k) => (k === '0' ? x : `${x} + ${k}`) },
  f64: { n: 2, index: (x, k) => (k === '0' ? `${x} >> 1` : `(${x} >> 1) + ${k}`) },
};
/**
 * The slot views (slots.ts) behind the lane views' names. The i32, f32 and f64 lane views are
 * the run loop's own views of the frame, `r`, `f32` and `f64`, under those names.
 */
const SAME_AS_FRAME = { vi32: 'r', vf32: 'f32', vf64: 'f64' };
const LANE_VIEWS = { vi8: 'i8', vu8: 'u8', vi16: 'i16', vu16: 'u16', vu32: 'u32', r: 'i32', f32: 'f32', f64: 'f64' };
const frameViews = (text) => text.replace(/\b(vi32|vf32|vf64)\[/g, (_, v) => `${SAME_AS_FRAME[v]}[`);

const byName = new Map();
for (const row of OPCODES) if (!byName.has(row.name)) byName.set(row.name, row);

/** A row of simd.ts with what the opcode table says of it. */
function instruction(name, sem, hot) {
  const row = byName.get(name);
  if (!row || row.id < FD || row.id >= FD + 0x100) throw new Error(`gen-simd: '${name}' is not a SIMD row of the opcode table`);
  const [ops, res] = row.sig.split(':');
  const memory = row.imm === Imm.memArg || row.imm === Imm.memArgLane;
  const lane = row.imm === Imm.lane || row.imm === Imm.memArgLane;
  const shuffle = row.imm === Imm.shuffle;
  if (('lanes' in sem || 'words' in sem) && (memory || lane)) throw new Error(`gen-simd: '${name}' cannot be lane-wise`);
  return { name, id: row.id, width: row.width, ops: [...ops], res: res === '' ? null : res, sem, memory, lane, store: memory && res === '', hot, shuffle };
}

export function simdInstructions(semantics, hot) {
  for (const name of hot) if (!semantics[name]) throw new Error(`gen-simd: hot '${name}' has no row`);
  return Object.entries(semantics).map(([name, sem]) => instruction(name, sem, hot.has(name)));
}

const hex = (n) => `0x${n.toString(16)}`;

/**
 * A row's statements where `env` places operands: `env.cell[k]` the Int32 index (an expression)
 * of operand k (a, b, c in operand order; d the result), `env.lane` the lane immediate,
 * `env.shuffleLane(k)` i8x16.shuffle's k-th; `env.unroll`: a lane-wise row of four lanes or
 * fewer as one statement per lane rather than a loop.
 */
function body(ins, env) {
  return frameViews(rawBody(ins, env));
}

function rawBody(ins, env) {
  const scalar = (k) => `r[${env.cell[k]}]`;
  if ('lanes' in ins.sem) {
    const { lanes, to = lanes, expr } = ins.sem;
    const { n } = VIEWS[lanes];
    if (VIEWS[to].n !== n) throw new Error(`gen-simd: '${ins.name}' changes the lane count`);
    const names = { a: 'A', b: 'B', c: 'C' };
    const decls = [];
    /** Lane k of vector operand x. */
    const read = (x, k) => `v${lanes}[${VIEWS[lanes].index(names[x], k)}]`;
    /** The expression for lane k, a vector operand's lane as `laneOf` gives it. */
    const value = (k, laneOf) =>
      expr.replace(/\$([abc])\b/g, (_, x) => {
        const t = ins.ops['abc'.indexOf(x)];
        if (t === undefined) throw new Error(`gen-simd: '${ins.name}' has no operand ${x}`);
        if (t !== 'v') return names[x].toLowerCase() + 's';
        return laneOf(x);
      });
    ins.ops.forEach((t, i) => {
      const x = 'abc'[i];
      if (t === 'v') decls.push(`const ${names[x]} = ${env.cell[x]};`);
      else decls.push(`const ${x}s = ${scalar(x)};`);
    });
    const target = (k) => `v${to}[${VIEWS[to].index('D', k)}]`;
    decls.push(`const D = ${env.cell.d};`);
    // A lane read more than once (min, max: a NaN test, then the choice) is read once into a
    // name: V8 does not reuse a typed array's load across the stores between.
    const repeated = [...'ab'].filter((x) => (expr.match(new RegExp(`\\$${x}\\b`, 'g')) ?? []).length > 1 && ins.ops['abc'.indexOf(x)] === 'v');
    const lane = (k, suffix) => [
      ...repeated.map((x) => `const ${x}${suffix} = ${read(x, k)};`),
      `${target(k)} = ${value(k, (x) => (repeated.includes(x) ? `${x}${suffix}` : read(x, k)))};`,
    ];
    if (n <= 4 && env.unroll) return [...decls, ...Array.from({ length: n }, (_, k) => lane(String(k), String(k))).flat()].join('\n');
    const each = lane('k', 'k');
    return [...decls, each.length === 1 ? `for (let k = 0; k < ${n}; k++) ${each[0]}` : `for (let k = 0; k < ${n}; k++) {\n  ${each.join('\n  ')}\n}`].join('\n');
  }
  if ('words' in ins.sem) return wordsBody(ins, env);
  const text = ins.sem.vector;
  const decls = [];
  const out = text
    .replace(/@([abcd])\b/g, (_, x) => {
      if (!decls.includes(x)) decls.push(x);
      return x.toUpperCase();
    })
    .replace(/\$([abcd])\b/g, (_, x) => scalar(x))
    .replace(/\blane\((\d+)\)/g, (_, k) => env.shuffleLane(Number(k)))
    .replace(/\blane\b/g, env.lane);
  return [...decls.map((x) => `const ${x.toUpperCase()} = ${env.cell[x]};`), out].join('\n');
}

/**
 * A `words` row: its setup, then a loop over k = 0..3 computing word k of the result from word k
 * of the v128 operands (`ak`, `bk`), the names its statements declare suffixed with k (the loop
 * keeps the `fast` loop and the instruction functions small; gen-templates.mjs unrolls it).
 */
function wordsBody(ins, env) {
  const { words, setup = '' } = ins.sem;
  const isVector = (x) => {
    const t = ins.ops['abc'.indexOf(x)];
    if (t === undefined) throw new Error(`gen-simd: '${ins.name}' has no operand ${x}`);
    return t === 'v';
  };
  const decls = [];
  for (const x of 'abc'.slice(0, ins.ops.length)) {
    decls.push(isVector(x) ? `const ${x.toUpperCase()} = ${env.cell[x]};` : `const ${x}s = r[${env.cell[x]}];`);
  }
  decls.push(`const D = ${env.cell.d};`);
  const scalars = setup.replace(/\$([abc])\b/g, (_, x) => {
    if (isVector(x)) throw new Error(`gen-simd: '${ins.name}' setup uses the v128 operand ${x}`);
    return `${x}s`;
  });
  const own = [...words.matchAll(/\bconst (\w+)/g)].map((m) => m[1]);
  const reads = [...new Set(words.match(/\$[abc]\b/g) ?? [])].map((v) => v[1]).filter(isVector);
  let word = words;
  for (const name of own) word = word.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}k`);
  word = word.replace(/\$([abcd])\b/g, (_, x) => (x === 'd' ? 'vi32[D + k]' : isVector(x) ? `${x}k` : `${x}s`));
  const loop = [...reads.map((x) => `const ${x}k = vi32[${x.toUpperCase()} + k];`), word].join('\n');
  return [...decls, scalars, `for (let k = 0; k < 4; k++) {\n${loop}\n}`].filter((t) => t !== '').join('\n');
}

/** The lane views and scalar view a rendering uses, declared from slots `s`. */
function viewDecls(text, slots) {
  const used = Object.keys(LANE_VIEWS).filter((v) => new RegExp(`\\b${v}\\[`).test(text));
  return used.map((v) => `const ${v} = ${slots}.${LANE_VIEWS[v]};`).join('\n');
}

// ---- the fast loop: `[id, d, a, b, c, lane]`; memory layouts in ops.ts ----

const word = (k) => `c[pc + ${k}]`;
const cellAt = (k) => `fp + ${word(k)}`;

/** Word positions of each operand, the offset and lane words, and the op's length. */
function fastLayout(ins) {
  if (ins.shuffle) return { cell: { d: 1, a: 2, b: 3 }, length: 8 };
  if (!ins.memory) return { cell: { d: 1, a: 2, b: 3, c: 4 }, lane: 5, length: 6 };
  // Without a lane, the address is a + e as a scalar access's (ops.ts).
  if (ins.store) return ins.lane ? { cell: { a: 1, b: 2 }, offset: 3, lane: 4, length: 5 } : { cell: { a: 1, e: 2, b: 3 }, offset: 4, length: 5 };
  return ins.lane ? { cell: { d: 1, a: 2, b: 3 }, offset: 4, lane: 5, length: 6 } : { cell: { d: 1, a: 2, e: 3 }, offset: 4, length: 5 };
}

function fastCase(ins) {
  const layout = fastLayout(ins);
  const cell = Object.fromEntries(Object.entries(layout.cell).map(([k, w]) => [k, cellAt(w)]));
  let head = '';
  if (ins.memory) {
    const address = cell.e === undefined ? `r[${cell.a}]` : `(r[${cell.a}] + r[${cell.e}])`;
    head = `const ea = (${address} >>> 0) + (${word(layout.offset)} >>> 0);\nif (ea + ${ins.width} > mlen) trap(TrapReason.memoryOutOfBounds);\n`;
  }
  const lane = layout.lane === undefined ? '0' : word(layout.lane);
  // i8x16.shuffle's lane immediates: four words of four bytes from word 4 (each byte < 32)
  const shuffleLane = (k) => `((${word(4 + (k >> 2))} >>> ${8 * (k & 3)}) & 31)`;
  const text = body(ins, { cell, lane, shuffleLane, unroll: ins.hot });
  if (!ins.hot) return `${head}${text}\nreturn pc + ${layout.length};`;
  // The main switch has no lane views of its own: it reads them from the slots `s`.
  const own = text.replace(/\bv([iu]\d+)\[/g, (_, v) => `s.${v}[`);
  return `${head}${own}\npc += ${layout.length};\nbreak;`;
}

// ---- the compact loop: operands are the top cells of its stack, `pc` past the sub-opcode ----

/**
 * Reads a memory access's memarg (alignment, offset) from the bytes at pc into `off`: the compact
 * loop's cases here and gen-isa.mjs's.
 */
export const MEMARG = `let off = b[pc + 1];
if ((b[pc] | off) < 0x80) pc += 2;
else {
  off = memargSlow(b, pc);
  pc = lebEnd | 0;
}
`;

function compactCase(ins) {
  const load = !ins.store;
  const head = `${MEMARG}${load ? '' : 'sp -= 8;\n'}const ea = (r[${load ? 'sp - 4' : 'sp'}] >>> 0) + off;\nif (ea + ${ins.width} > mlen) trap(TrapReason.memoryOutOfBounds);\n`;
  // The loop has the frame's views (r, f32, f64) and reads the others from the slots `s`.
  const text = body(ins, { cell: load ? { d: 'sp - 4' } : { b: 'sp + 4' }, unroll: true }).replace(/\bv([iu]\d+)\[/g, (_, v) => `s.${v}[`);
  return `${head}${text}\nbreak;`;
}

/** A lane-wise row in line in the compact loop: its operands from `base` (a, then b), its result at `base`. */
function compactLanesCase(ins) {
  if (!('lanes' in ins.sem) || ins.ops.join('') !== 'vv') throw new Error(`gen-simd: '${ins.name}' is not a binary lane-wise row`);
  const text = body(ins, { cell: { a: 'base', b: 'base + 4', d: 'base' }, unroll: true }).replace(/\bv([iu]\d+)\[/g, (_, v) => `s.${v}[`);
  return `${text}\nbreak;`;
}

// ---- the instruction functions (numeric/v128.ts: SimdOp, SimdMemoryRun, i8x16_shuffle) ----

/** Parameters named in order, those before a used one kept with a leading `_` when unused. */
function params(names, text) {
  const used = names.map((p) => p === 's' || new RegExp(`\\b${p}\\b`).test(text));
  const last = used.lastIndexOf(true);
  const types = { s: 'Slots', mu8: 'Uint8Array', dv: 'DataView', lanes: 'Uint8Array' };
  return names.slice(0, last + 1).map((p, i) => `${used[i] ? p : `_${p}`}: ${types[p] ?? 'number'}`).join(', ');
}

function functionOf(ins) {
  const fn = ins.name.replace('.', '_');
  let text;
  let names;
  if (ins.shuffle) {
    names = ['s', 'd', 'a', 'b', 'lanes'];
    text = body(ins, { cell: { d: 'd << 1', a: 'a << 1', b: 'b << 1' }, shuffleLane: (k) => `lanes[${k}]` });
  } else if (!ins.memory) {
    names = ['s', 'd', 'a', 'b', 'c', 'imm'];
    const cell = { d: 'd << 1', a: 'a << 1', b: 'b << 1', c: 'c << 1' };
    text = body(ins, { cell, lane: 'imm' });
  } else {
    // SimdMemoryRun (s, d, a, mu8, dv, ea, lane): `a` is the v128 operand's slot (@b of the row).
    names = ['s', 'd', 'a', 'mu8', 'dv', 'ea', 'lane'];
    text = body(ins, { cell: { d: 'd << 1', b: 'a << 1' }, lane: 'lane' });
  }
  const decls = viewDecls(text, 's');
  return `export function ${fn}(${params(names, text)}): void {\n${reindent(`${decls}\n${text}`)}\n}`;
}

function reindent(text) {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `  ${l.trim()}`)
    .join('\n');
}

const HEADER = (what) => `// Generated by scripts/gen-isa.mjs from src/isa/simd.ts: do not edit. Regenerate with
// \`pnpm --filter @proj/interp-core gen\`.
/**
 * ${what}
 *
 * Every export is one instruction, named after it with \`.\` replaced by \`_\`; \`v128.ts\` builds the
 * dispatch tables from these names. See v128-common.ts for the conventions.
 */
`;

/** The generated files: path → text. */
export function simdFiles(instructions) {
  const compute = instructions.filter((i) => !i.memory);
  const memory = instructions.filter((i) => i.memory);
  const functions = compute.map(functionOf).join('\n\n');
  const generated =
    HEADER('The SIMD instructions of src/isa/simd.ts that are not memory accesses (lane-wise arithmetic,\n * comparisons, conversions, lane moves, shuffle, narrowing), computed in place: slot d equals an\n * operand\'s slot or overlaps none (see v128-common.ts).') +
    (/\bF\./.test(functions) ? "import * as F from './float.js';\n" : '') +
    "import type { Slots } from '../slots.js';\n\n" +
    functions +
    '\n';
  const mem =
    HEADER('SIMD memory instructions, each a `SimdMemoryRun` of `v128.ts`: `mu8` and `dv` are the linear\n * memory\'s bytes and DataView, `ea` the effective address, which the caller has already checked:\n * ea + access width ≤ mu8.length (the opcode table\'s width).') +
    "import type { Slots } from '../slots.js';\n\n" +
    memory.map(functionOf).join('\n\n') +
    '\n';
  return { 'src/numeric/v128-generated.ts': generated, 'src/numeric/v128-memory.ts': mem };
}

/** Region cases: `[{ label, comment, body }]` for gen-isa's grouping. */
export function simdRegions(instructions, compactInline) {
  return {
    'fast-hot-simd': instructions.filter((i) => i.hot).map((i) => ({ label: hex(i.id), comment: i.name, body: fastCase(i) })),
    'fast-simd': instructions.filter((i) => !i.hot).map((i) => ({ label: hex(i.id), comment: i.name, body: fastCase(i) })),
    'compact-simd': instructions.filter((i) => i.hot && i.memory && !i.lane).map((i) => ({ label: hex(i.id - FD), comment: i.name, body: compactCase(i) })),
    'compact-simd-lanes': instructions.filter((i) => compactInline.has(i.name)).map((i) => ({ label: hex(i.id - FD), comment: i.name, body: compactLanesCase(i) })),
  };
}
