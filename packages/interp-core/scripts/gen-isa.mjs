/**
 * Writes the run loops' per-instruction cases from the instruction set's description: the rows
 * of src/isa/instructions.ts and the families of src/isa/families.ts, with the decoder's opcode
 * table for opcodes, operand types and access widths. The cases go between
 * `// #region gen-isa NAME` and `// #endregion gen-isa NAME` markers in src/fast/run.ts,
 * src/compact/run.ts and src/compact/rare.ts; everything outside the markers is hand-written
 * (calls, returns, frames, memory views, host calls).
 *
 * Each profile differs only in where an operand is (the `cells` each case builder passes to
 * `fill`): the fast loop reads cells named by the op's words (`fp + c[pc + k]`), the compact
 * loop pops and pushes its operand stack (`sp`), and each has out-of-line functions for rare
 * instructions.
 *
 * The SIMD rows (src/isa/simd.ts) are rendered by gen-simd.mjs: the fast loop's regions
 * `fast-hot-simd` and `fast-simd`, and the generated files numeric/v128-generated.ts and
 * numeric/v128-memory.ts.
 *
 * Usage: node scripts/gen-isa.mjs [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { OPCODES } from '@proj/decoder';
import { MEMARG, simdFiles, simdInstructions, simdRegions } from './gen-simd.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const root = fileURLToPath(new URL('..', import.meta.url));

/** A module of the description (src/isa/NAME.ts), transpiled: it is data and imports nothing. */
async function loadDescription(name) {
  const source = readFileSync(`${root}src/isa/${name}.ts`, 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } }).outputText;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

const { SEMANTICS } = await loadDescription('instructions');
const { FAMILIES, COMPACT_BRANCHING, COMPACT_CONST_OPERANDS } = await loadDescription('families');
const { SIMD_SEMANTICS, SIMD_HOT, SIMD_COMPACT_INLINE } = await loadDescription('simd');
const simd = simdInstructions(SIMD_SEMANTICS, SIMD_HOT);
const simdCases = simdRegions(simd, SIMD_COMPACT_INLINE);

const byName = new Map();
for (const row of OPCODES) if (!byName.has(row.name)) byName.set(row.name, row);

/** An instruction of the description with what the opcode table says of it. */
function instruction(name) {
  const row = byName.get(name);
  if (!row) throw new Error(`gen-isa: '${name}' is not in the opcode table`);
  const sem = SEMANTICS[name];
  if (!sem) throw new Error(`gen-isa: '${name}' has no semantics`);
  if (row.sig === null) throw new Error(`gen-isa: '${name}' has no signature in the opcode table`);
  const [ops, res] = row.sig.split(':');
  return { name, id: row.id, width: row.width, ops: [...ops], res: res === '' ? null : res, sem, tier: sem.tier ?? 'hot' };
}

const hex = (n) => `0x${n.toString(16)}`;

/** A scalar read or write of cell expression `cell` as type letter `t`. */
function view(t, cell) {
  if (t === 'i') return `r[${cell}]`;
  if (t === 'f') return `f32[${cell}]`;
  if (t === 'F') return /^\w+$/.test(cell) ? `f64[${cell} >> 1]` : `f64[(${cell}) >> 1]`;
  throw new Error(`gen-isa: no scalar view of type '${t}'`);
}

/**
 * Fills a row's placeholders. `cells` maps operand letters (a, b, d, v) to where they are:
 * `{ cell, type, name? }`, `name` a declared constant holding the cell index (else one is
 * declared when the words or the cell itself are used). Returns the statements.
 */
function fill(text, cells) {
  const declared = [];
  const nameOf = (k) => {
    const p = cells[k];
    if (!p) throw new Error(`gen-isa: no operand '${k}' here: ${text}`);
    if (p.name) return p.name;
    const name = k.toUpperCase();
    if (!declared.includes(k)) declared.push(k);
    return name;
  };
  // A cell whose low word is all a row uses, once, is read or written in place.
  const once = (k) => (text.match(new RegExp(`\\$${k}0`, 'g')) ?? []).length === 1 && !new RegExp(`\\$${k}1|@${k}\\b`).test(text);
  const body = text
    .replace(/\$([abdv])([01])/g, (_, k, w) => (w === '0' && once(k) && !cells[k]?.name ? `r[${cells[k].cell}]` : `r[${nameOf(k)}${w === '1' ? ' + 1' : ''}]`))
    // A cell handed to a helper is written out: the compiled profile's templates see which cell it is.
    .replace(/@([abdv])\b/g, (_, k) => {
      const p = cells[k];
      if (!p) throw new Error(`gen-isa: no operand '${k}' here: ${text}`);
      return p.name ?? p.cell;
    })
    .replace(/\$([abdv])\b/g, (_, k) => {
      const p = cells[k];
      if (!p) throw new Error(`gen-isa: no operand '${k}' here: ${text}`);
      return view(p.type, p.name ?? p.cell);
    });
  const decls = declared.map((k) => `const ${k.toUpperCase()} = ${cells[k].cell};\n`).join('');
  // Where the result is the operand's own cell (the compact stack), copying a word is nothing.
  const kept = body.split('\n').filter((line) => !/^(.+) = \1;$/.test(line.trim()));
  return decls + kept.join('\n');
}

/** A row as statements: conditions and expressions become an assignment to `$d`. */
function statements(ins) {
  const s = ins.sem;
  if ('cond' in s) return `$d = ${s.cond} ? 1 : 0;`;
  if ('expr' in s) return `$d = ${s.expr};`;
  if ('words' in s) return s.words;
  if ('load' in s) return s.load;
  return s.store;
}

/** Replaces `$a`/`$b` in an expression by the given JavaScript (values, not cells). */
function withValues(expr, values) {
  return expr.replace(/\$([ab])\b/g, (_, k) => {
    if (values[k] === undefined) throw new Error(`gen-isa: '${expr}' needs operand ${k}`);
    return values[k];
  });
}

const isMemory = (ins) => 'load' in ins.sem || 'store' in ins.sem;

// ---- the fast loop: operands are cells named by the op's words ----

const word = (k) => `c[pc + ${k}]`;
const cellAt = (k) => `fp + ${word(k)}`;
const BOUNDS = (width) => `if (ea + ${width} > mlen) trap(TrapReason.memoryOutOfBounds);\n`;
/** The effective address of an access whose two address cells and offset are the words from `k` on. */
const address = (k) => `((r[${cellAt(k)}] + r[${cellAt(k + 1)}]) >>> 0) + (${word(k + 2)} >>> 0)`;

/** A plain instruction's case body in the fast loop's main switch: `[id, d?, operands...]`. */
function fastCase(ins) {
  if (isMemory(ins)) {
    const load = 'load' in ins.sem;
    // loads [id, d, addrA, addrB, offset]; stores [id, addrA, addrB, value, offset]
    const first = load ? 2 : 1;
    const cells = load ? { d: { cell: cellAt(1), type: ins.res } } : { v: { cell: cellAt(3), type: ins.ops[1] } };
    const ea = `const ea = ((r[${cellAt(first)}] + r[${cellAt(first + 1)}]) >>> 0) + (${word(4)} >>> 0);\n`;
    return `${ea}${BOUNDS(ins.width)}${fill(statements(ins), cells)}\npc += 5;\nbreak;`;
  }
  const cells = {};
  let k = 1;
  if (ins.res) cells.d = { cell: cellAt(k++), type: ins.res };
  ins.ops.forEach((t, i) => (cells['ab'[i]] = { cell: cellAt(k++), type: t }));
  return `${fill(statements(ins), cells)}\npc += ${k};\nbreak;`;
}

/** A cold instruction's case in the fast loop's `rare`, where `d` and `a` are the first two words' cells. */
function fastRareCase(ins) {
  if (ins.ops.length !== 1 || !ins.res) throw new Error(`gen-isa: cold '${ins.name}' is not unary`);
  const cells = { d: { cell: 'd', type: ins.res, name: 'd' }, a: { cell: 'a', type: ins.ops[0], name: 'a' } };
  return `${fill(statements(ins), cells)}\nreturn pc + 3;`;
}

/**
 * i64 row `ins` with its first operand the words t0, t1 (a value the case computed or loaded) and
 * its second the cell `c`, its result to the cell `d`.
 */
function ofWords(ins, d, c) {
  const text = statements(ins).replace(/\$a([01])/g, 't$1').replace(/\$b([01])/g, '$$v$1');
  return fill(text, { d: { cell: d, type: ins.res }, v: { cell: c, type: 'I' } });
}

/** The fast loop's case for member `ins` of family `fam`, at word positions from the layout. */
function familyCase(fam, ins) {
  // A unary comparison (eqz) branches on one operand.
  const unary = (fam.form === 'branch' || fam.form === 'branchNot') && ins.ops.length === 1;
  const layout = unary ? fam.layout.filter((w) => w !== 'b') : fam.layout;
  const at = (w) => layout.indexOf(w) + 1;
  const next = `pc + ${layout.length + 1}`;
  const read = (w, t) => (w === 'k' || w === 'k2' ? word(at(w)) : view(t, cellAt(at(w))));
  const t = ins.ops[0];
  switch (fam.form) {
    case 'set': {
      const values = { a: read('a', t), b: read('k', t) };
      const value = 'cond' in ins.sem ? `${withValues(ins.sem.cond, values)} ? 1 : 0` : withValues(ins.sem.expr, values);
      return `${view(ins.res, cellAt(at('d')))} = ${value};\npc += ${layout.length + 1};\nbreak;`;
    }
    case 'branch':
    case 'branchNot': {
      const values = { a: read('a', t) };
      if (ins.ops.length === 2) values.b = read(layout.includes('k') ? 'k' : 'b', t);
      const cond = withValues(ins.sem.cond, values);
      return `pc = ${fam.form === 'branch' ? cond : `!(${cond})`} ? ${word(at('t'))} : ${next};\nbreak;`;
    }
    case 'stepBranch': {
      const add = withValues(SEMANTICS['i32.add'].expr, { a: read('a', 'i'), b: layout.includes('k') ? word(at('k')) : read('b', 'i') });
      const other = layout.includes('k2') ? word(at('k2')) : read('b2', 'i');
      const cond = withValues(ins.sem.cond, { a: 'x', b: 'y' });
      return `const x = ${add};\n${view('i', cellAt(at('d')))} = x;\nconst y = ${other};\npc = ${cond} ? ${word(at('t'))} : ${next};\nbreak;`;
    }
    case 'setBranchIf':
    case 'setBranch': {
      const value = withValues(ins.sem.expr, { a: read('a', t), b: word(at('k')) });
      const target = word(at('t'));
      if (fam.form === 'setBranch') return `${view(ins.res, cellAt(at('d')))} = ${value};\npc = ${target};\nbreak;`;
      return `const x = ${value};\n${view(ins.res, cellAt(at('d')))} = x;\npc = x !== 0 ? ${target} : ${next};\nbreak;`;
    }
    case 'ofLoads': {
      // Each address: [a, b, offset] words from the layout's position.
      const first = at('ea');
      const read64 = (name) => `dv.getFloat64(${name}, true)`;
      if (t !== 'F') throw new Error(`gen-isa: ${fam.name} loads f64 only`);
      return `const ea = ${address(first)};\n${BOUNDS(8)}const eb = ${address(first + 3)};\nif (eb + 8 > mlen) trap(TrapReason.memoryOutOfBounds);\nconst x = ${read64('ea')};\nconst y = ${read64('eb')};\n${view(ins.res, cellAt(at('d')))} = ${withValues(ins.sem.expr, { a: 'x', b: 'y' })};\npc += ${layout.length + 5};\nbreak;`;
    }
    case 'mulAddLoads': {
      const first = at('ea');
      const product = withValues(instruction('f64.mul').sem.expr, { a: 'dv.getFloat64(ea, true)', b: 'dv.getFloat64(eb, true)' });
      if (t !== 'F') throw new Error(`gen-isa: ${fam.name} is f64 only`);
      return `const ea = ${address(first)};\n${BOUNDS(8)}const eb = ${address(first + 3)};\nif (eb + 8 > mlen) trap(TrapReason.memoryOutOfBounds);\n${view(ins.res, cellAt(at('d')))} = ${withValues(ins.sem.expr, { a: `(${product})`, b: read('c', t) })};\npc += ${layout.length + 5};\nbreak;`;
    }
    case 'mulAdd': {
      const mul = instruction(ins.name.replace(/\.add$/, '.mul'));
      const product = withValues(mul.sem.expr, { a: read('a', t), b: read('b', t) });
      const rounded = t === 'f' ? `Math.fround(${product})` : `(${product})`;
      return `${view(ins.res, cellAt(at('d')))} = ${withValues(ins.sem.expr, { a: rounded, b: read('c', t) })};\npc += ${layout.length + 1};\nbreak;`;
    }
    case 'loadBranch':
    case 'loadBranchNot': {
      // [op, a, b, offset, target]
      const load = ins.sem.load.replace('$d', 'const x');
      return `const ea = ${address(1)};\n${BOUNDS(ins.width)}${load}\npc = x ${fam.form === 'loadBranch' ? '!==' : '==='} 0 ? ${word(4)} : pc + 5;\nbreak;`;
    }
    case 'loadCompareBranch': {
      // [op, a, b, offset, other, target]
      const load = instruction('i32.load').sem.load.replace('$d', 'const x');
      const cond = withValues(ins.sem.cond, { a: 'x', b: layout.includes('k') ? word(4) : view('i', cellAt(4)) });
      return `const ea = ${address(1)};\n${BOUNDS(4)}${load}\npc = ${cond} ? ${word(5)} : pc + 6;\nbreak;`;
    }
    case 'loadTable': {
      // [op, x, b, offset, shift, n, targets...]: the load, then br_table's choice of target.
      const ea = `(((r[${cellAt(1)}] << ${word(4)}) + r[${cellAt(2)}]) >>> 0) + (${word(3)} >>> 0)`;
      const load = ins.sem.load.replace('$d', 'const x');
      return `const ea = ${ea};\n${BOUNDS(ins.width)}${load}\nconst i = x >>> 0;\nconst n = ${word(5)};\npc = c[pc + 6 + (i < n ? i : n)];\nbreak;`;
    }
    case 'ofLoad': {
      // [op, d, c, a, b, offset]: the load's words in t0, t1, which the member takes as its $a.
      const load = instruction(fam.first);
      const words = load.sem.load.replace(/^\$d([01]) = /gm, 'const t$1 = ');
      return `const ea = ${address(3)};\n${BOUNDS(load.width)}${words}\n{\n${ofWords(ins, cellAt(1), cellAt(2))}\n}\npc += ${layout.length + 3};\nbreak;`;
    }
    case 'addAt': {
      // [op, a, b, offset, k]: the i32.load and i32.store rows at one address.
      const load = instruction('i32.load').sem.load.replace('$d', 'const x');
      const store = instruction('i32.store').sem.store.replace('$v', `(${withValues(ins.sem.expr, { a: 'x', b: word(4) })})`);
      return `const ea = ${address(1)};\n${BOUNDS(4)}${load}\n${store}\npc += 5;\nbreak;`;
    }
    case 'chain': {
      const first = instruction(fam.first);
      if ('expr' in first.sem && 'expr' in ins.sem) {
        // i32 and floats: one expression, the first's the member's $a (an f32 rounded as its cell would).
        const value = withValues(first.sem.expr, { a: read('a', t), b: read('b', t) });
        const inner = t === 'f' ? `Math.fround(${value})` : value;
        return `${view(ins.res, cellAt(at('d')))} = ${withValues(ins.sem.expr, { a: `(${inner})`, b: read('c', t) })};\npc += ${layout.length + 1};\nbreak;`;
      }
      // i64: the first instruction's result in t0, t1 (its words), which the member takes as its $a.
      const step1 = fill(statements(first).replace(/\$d([01])/g, 't$1'), { a: { cell: cellAt(at('a')), type: t }, b: { cell: cellAt(at('b')), type: t } });
      return `let t0 = 0;\nlet t1 = 0;\n{\n${step1}\n}\n{\n${ofWords(ins, cellAt(at('d')), cellAt(at('c')))}\n}\npc += ${layout.length + 1};\nbreak;`;
    }
    case 'load':
    case 'store': {
      const ea = `const ea = (((r[${cellAt(at('x'))}] << ${word(at('s'))}) + r[${cellAt(at('b'))}]) >>> 0) + (${word(at('offset'))} >>> 0);\n`;
      const cells = fam.form === 'load' ? { d: { cell: cellAt(at('d')), type: ins.res } } : { v: { cell: cellAt(at('v')), type: ins.ops[1] } };
      return `${ea}${BOUNDS(ins.width)}${fill(statements(ins), cells)}\npc += ${layout.length + 1};\nbreak;`;
    }
  }
  throw new Error(`gen-isa: unknown form ${fam.form}`);
}

// ---- the compact loop: operands are the top cells of the operand stack ----

/** Takes the branch of the `br_if` at pc when `c` holds, else steps over it (see prepare.ts). */
const COMPACT_BR_IF = `if (c) {
  let w = side[stp];
  if (stride === 1) pc = fs + (w >>> pcSh);
  else {
    pc = fs + w;
    w = side[stp + 1];
  }
  const adj = w & adjMask;
  stp = (sb + ((w >>> adjBits) & stpMask)) | 0;
  if (adj !== 0) sp = adjust(r, sp, side, sb - 2 * adj) | 0;
} else {
  stp += stride;
  pc += 2;
  if (b[pc - 1] & 0x80) pc = skipLeb(b, pc) | 0;
}
break;`;

/** A hot instruction's case in the compact loop's main switch. */
function compactCase(ins) {
  if (isMemory(ins)) {
    if ('load' in ins.sem) {
      const cells = { d: { cell: 'sp - 4', type: ins.res } };
      return `${MEMARG}const ea = (r[sp - 4] >>> 0) + off;\n${BOUNDS(ins.width)}${fill(statements(ins), cells)}\nbreak;`;
    }
    const cells = { v: { cell: 'sp + 4', type: ins.ops[1] } };
    return `${MEMARG}sp -= 8;\nconst ea = (r[sp] >>> 0) + off;\n${BOUNDS(ins.width)}${fill(statements(ins), cells)}\nbreak;`;
  }
  const binary = ins.ops.length === 2;
  const pop = binary ? 'sp -= 4;\n' : '';
  const cells = { a: { cell: 'sp - 4', type: ins.ops[0] } };
  if (binary) cells.b = { cell: 'sp', type: ins.ops[1] };
  if (ins.res) cells.d = { cell: 'sp - 4', type: ins.res };
  if (COMPACT_BRANCHING.includes(ins.name)) {
    const cond = withValues(ins.sem.cond, { a: view(cells.a.type, cells.a.cell), b: binary ? view(cells.b.type, cells.b.cell) : undefined });
    return `${pop}const c = ${cond};\nif (b[pc] === 0x0d) {\n// br_if right after: branch on c\nsp -= 4;\n${COMPACT_BR_IF}\n}\nr[sp - 4] = c ? 1 : 0;\nbreak;`;
  }
  return `${pop}${fill(statements(ins), cells)}\nbreak;`;
}

/**
 * A warm or cold instruction's case in the compact loop's `numeric` (plain opcodes: `a` and `b`
 * are the top two cells, it returns the new sp) or `prefixFC` (`t` is the top cell).
 */
function compactOutOfLineCase(ins) {
  if (ins.id >= 0x100) {
    if (ins.ops.length !== 1) throw new Error(`gen-isa: 0xFC '${ins.name}' is not unary`);
    const cells = { a: { cell: 't', type: ins.ops[0], name: 't' }, d: { cell: 't', type: ins.res, name: 't' } };
    return `${fill(statements(ins), cells)}\nreturn sp;`;
  }
  if (ins.ops.length === 2) {
    const cells = { a: { cell: 'a', type: ins.ops[0], name: 'a' }, b: { cell: 'b', type: ins.ops[1], name: 'b' }, d: { cell: 'a', type: ins.res, name: 'a' } };
    return `${fill(statements(ins), cells)}\nreturn b;`;
  }
  const cells = { a: { cell: 'b', type: ins.ops[0], name: 'b' }, d: { cell: 'b', type: ins.res, name: 'b' } };
  return `${fill(statements(ins), cells)}\nreturn sp;`;
}

// ---- assembling the regions ----

/** Cases with the same body share it: `[{ labels: [[id, comment]], body }]`, in first-seen order. */
function group(cases) {
  const out = [];
  const byBody = new Map();
  for (const { label, comment, body } of cases) {
    let g = byBody.get(body);
    if (!g) {
      g = { labels: [], body };
      byBody.set(body, g);
      out.push(g);
    }
    g.labels.push([label, comment]);
  }
  return out;
}

function render(groups, indent) {
  const lines = [];
  for (const g of groups) {
    g.labels.forEach(([label, comment], i) => {
      const last = i === g.labels.length - 1;
      lines.push(`case ${label}:${last ? ' {' : ''} // ${comment}`);
    });
    for (const line of g.body.split('\n')) if (line.trim() !== '') lines.push(`  ${line}`);
    lines.push('}');
  }
  return lines.map((l) => indent + l).join('\n');
}

/** Re-indents a case body's statements by brace depth (the rows are written flat). */
function reindent(body) {
  let depth = 0;
  return body
    .split('\n')
    .map((l) => {
      const t = l.trim();
      if (t.startsWith('}')) depth--;
      const out = '  '.repeat(Math.max(depth, 0)) + t;
      if (t.endsWith('{')) depth++;
      return out;
    })
    .join('\n');
}

const all = Object.keys(SEMANTICS).map(instruction);
const plain = all.filter((i) => i.id < 0x300);

const regions = {
  'fast-main': () =>
    group([
      ...plain.filter((i) => i.tier !== 'cold').map((i) => ({ label: hex(i.id), comment: i.name, body: reindent(fastCase(i)) })),
      ...FAMILIES.flatMap((fam) =>
        fam.members.flatMap((name, k) => (name === null ? [] : [{ label: hex(fam.base + k), comment: `${fam.name}: ${name}`, body: reindent(familyCase(fam, instruction(name))) }])),
      ),
    ]),
  'fast-rare': () => group(plain.filter((i) => i.tier === 'cold').map((i) => ({ label: hex(i.id), comment: i.name, body: reindent(fastRareCase(i)) }))),
  'compact-main': () => group(plain.filter((i) => i.tier === 'hot').map((i) => ({ label: hex(i.id), comment: i.name, body: reindent(compactCase(i)) }))),
  'compact-numeric': () =>
    group(plain.filter((i) => i.tier !== 'hot' && i.id < 0x100).map((i) => ({ label: hex(i.id), comment: i.name, body: reindent(compactOutOfLineCase(i)) }))),
  'fast-hot-simd': () => group(simdCases['fast-hot-simd'].map((c) => ({ ...c, body: reindent(c.body) }))),
  'fast-simd': () => group(simdCases['fast-simd'].map((c) => ({ ...c, body: reindent(c.body) }))),
  'compact-simd': () => group(simdCases['compact-simd'].map((c) => ({ ...c, body: reindent(c.body) }))),
  'compact-simd-lanes': () => group(simdCases['compact-simd-lanes'].map((c) => ({ ...c, body: reindent(c.body) }))),
  'compact-fc': () =>
    group(plain.filter((i) => i.tier !== 'hot' && i.id >= 0x100).map((i) => ({ label: String(i.id - 0x100), comment: i.name, body: reindent(compactOutOfLineCase(i)) }))),
};

/**
 * The tests, inside the compact loop's `i32.const` case, for an instruction right after it that
 * takes the constant `v` as its second operand: not a switch's cases but `if`s, so each is a
 * group whose label is the opcode test.
 */
function compactConstFusions() {
  return COMPACT_CONST_OPERANDS.map((name) => {
    const ins = instruction(name);
    const value = withValues(ins.sem.expr, { a: 'r[sp - 4]', b: 'v' });
    return `if (next === ${hex(ins.id)}) {\n  // ${name}\n  r[sp - 4] = ${value};\n  pc++;\n  break;\n}`;
  }).join('\n');
}

const FILES = {
  'src/fast/run.ts': ['fast-main', 'fast-hot-simd', 'fast-rare', 'fast-simd'],
  'src/compact/run.ts': ['compact-main', 'compact-const', 'compact-simd', 'compact-simd-lanes'],
  'src/compact/rare.ts': ['compact-numeric', 'compact-fc'],
};

const check = process.argv.includes('--check');
let stale = false;
for (const [file, names] of Object.entries(FILES)) {
  const path = `${root}${file}`;
  const before = readFileSync(path, 'utf8');
  let text = before;
  for (const name of names) {
    const start = new RegExp(`^([ \\t]*)// #region gen-isa ${name}(?::.*)?$`, 'm');
    const m = start.exec(text);
    const endMarker = `// #endregion gen-isa ${name}`;
    const end = text.indexOf(endMarker, m ? m.index : 0);
    if (!m || end < 0) throw new Error(`gen-isa: ${file} has no region '${name}'`);
    const indent = m[1];
    const from = name.includes('-simd') ? 'src/isa/simd.ts' : 'src/isa/instructions.ts';
    const head = `${indent}// #region gen-isa ${name}: generated by scripts/gen-isa.mjs from ${from}; do not edit\n`;
    const lineStart = text.lastIndexOf('\n', end) + 1;
    const body = name === 'compact-const' ? compactConstFusions().split('\n').map((l) => indent + l).join('\n') : render(regions[name](), indent);
    text = text.slice(0, m.index) + head + body + '\n' + text.slice(lineStart);
  }
  if (text !== before) {
    stale = true;
    if (!check) writeFileSync(path, text);
  }
}
for (const [file, text] of Object.entries(simdFiles(simd))) {
  const path = `${root}${file}`;
  let before = '';
  try {
    before = readFileSync(path, 'utf8');
  } catch {
    // a new file
  }
  if (text !== before) {
    stale = true;
    if (!check) writeFileSync(path, text);
  }
}
if (check && stale) {
  console.error('the generated cases are out of date: run `pnpm --filter @proj/interp-core gen`');
  process.exit(1);
}
