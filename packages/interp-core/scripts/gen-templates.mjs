/**
 * Generates src/compiled/templates.ts from the `fast` run loop (src/fast/run.ts): each case of
 * runFast's `switch (op)` becomes a JavaScript template that the `compiled` profile fills in with
 * an instruction's words. The loop stays the one definition of every instruction.
 *
 * In a template, `$cK$` is the instruction's word K (a constant once filled in), `$pK$` its pc
 * plus K, `$op$` its id, and `break $L$` leaves the instruction (the switch's `break`). `m` is
 * the Machine. Frame cells at a constant offset get placeholders of their own (see
 * frameAccess), so that a compiled function can keep i32 cells in variables.
 *
 * Usage: node scripts/gen-templates.mjs [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${root}src/compiled/templates.ts`;

/**
 * The compiled function's parameters: the run loop's state, in the order runFast passes it.
 * Templates may use these, `c` (the function's code, bound when it is made) and ENV (fast/run.ts).
 */
const PARAMS = ['m', 'pc', 'fp', 'r', 'f32', 'f64', 'inst', 'mem', 'mu8', 'dv', 'mlen'];
/** Run-loop state a compiled function does not have: instructions using it stay in the loop. */
const LOOP_ONLY = new Set(['ex', 'f', 's', 'funcs', 'maxDepth']);
/**
 * Lane views of the slots that SIMD cases use (`vi8` is the slots' Int8Array, ... see
 * scripts/gen-simd.mjs): a compiled function that uses them declares them from `m.slots`.
 */
const SLOT_VIEWS = new Set(['vi8', 'vu8', 'vi16', 'vu16', 'vi32', 'vu32', 'vf32', 'vf64']);
const GLOBALS = new Set(['Math', 'Number', 'undefined', 'NaN', 'Infinity', 'Int32Array', 'Uint8Array', 'Float32Array', 'Float64Array', 'DataView', 'BigInt']);

const source = readFileSync(`${root}src/fast/run.ts`, 'utf8');
const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, removeComments: true } }).outputText;
const sf = ts.createSourceFile('run.js', js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);

/** The names in fast/run.ts's ENV object: what templates may take from the module's scope. */
const env = new Set();
let loop;
/** The run loop's out-of-line cases: `rare`'s switch, and the cell aliases declared before it. */
let rareLoop;
let rareAliases = [];
/** The SIMD cases: `simd`'s switch. */
let simdLoop;
(function find(n) {
  if (ts.isVariableDeclaration(n) && n.name.getText() === 'ENV' && n.initializer && ts.isObjectLiteralExpression(n.initializer)) {
    for (const p of n.initializer.properties) env.add(p.name.getText());
  }
  if (ts.isFunctionDeclaration(n) && n.name?.getText() === 'rare') {
    for (const st of n.body.statements) {
      if (ts.isSwitchStatement(st) && st.expression.getText() === 'op') rareLoop = st;
      else if (ts.isVariableStatement(st) && /^fp \+ c\[pc \+ \d+\]$/.test(st.declarationList.declarations[0].initializer?.getText() ?? '')) rareAliases.push(st);
    }
  }
  if (ts.isFunctionDeclaration(n) && n.name?.getText() === 'simd') {
    for (const st of n.body.statements) if (ts.isSwitchStatement(st) && st.expression.getText() === 'op') simdLoop = st;
  }
  if (ts.isFunctionDeclaration(n) && n.name?.getText() === 'runFast') {
    (function visit(m) {
      if (!loop && ts.isSwitchStatement(m) && m.expression.getText() === 'op') loop = m;
      else ts.forEachChild(m, visit);
    })(n);
  }
  ts.forEachChild(n, find);
})(sf);
if (!loop) throw new Error("gen-templates: runFast's switch (op) not found");
if (env.size === 0) throw new Error('gen-templates: ENV not found in fast/run.ts');

const printer = ts.createPrinter({ removeComments: true });
const f = ts.factory;

/**
 * Template text of a case's statements (nodes of `file`), or a reason it stays in the loop.
 * `vectors`: a SIMD case, whose v128 cells (`fp + c[pc + K]` other than in a cell) become `$vK$`:
 * the cell's Int32 index, whose four words the compiled function then leaves in the frame; its
 * other uses of `r`, `f32` and `f64` are on those cells, so they do not make it opaque.
 */
function template(statements, file = sf, vectors = false) {
  let stmts = statements;
  if (stmts.length === 1 && ts.isBlock(stmts[0])) stmts = stmts[0].statements;
  const declared = new Set();
  const collect = (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) declared.add(n.name.text);
    ts.forEachChild(n, collect);
  };
  stmts.forEach(collect);
  let stays = null;
  const frame = frameAccess(stmts);
  /** Set when the frame is used other than through the cell placeholders: see frameAccess. */
  let opaque = false;
  /** Words (K of $cK$) that a branch assigns to pc: branch targets. */
  const targets = new Set();
  /** The words an expression assigned to pc can take as its value. */
  const collectTargets = (e) => {
    if (ts.isParenthesizedExpression(e)) collectTargets(e.expression);
    else if (ts.isConditionalExpression(e)) {
      collectTargets(e.whenTrue);
      collectTargets(e.whenFalse);
    } else if (ts.isElementAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'c') {
      const a = e.argumentExpression;
      if (ts.isBinaryExpression(a) && isPc(a.left) && ts.isNumericLiteral(a.right)) targets.add(Number(a.right.text));
    }
  };
  const isPc = (n) => ts.isIdentifier(n) && n.text === 'pc';
  const transformer = (ctx) => {
    const visit = (n, nested) => {
      // A SIMD case in the main switch reads lane views from the slots: `s.u8` is `vu8`.
      if (vectors && ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 's' && SLOT_VIEWS.has(`v${n.name.text}`)) {
        return f.createIdentifier(`v${n.name.text}`);
      }
      if (ts.isReturnStatement(n)) stays ??= 'returns from the loop';
      const isLabel = ts.isBreakOrContinueStatement(n.parent) && n.parent.label === n;
      if (ts.isIdentifier(n) && !isLabel && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        const t = n.text;
        if (!declared.has(t)) {
          if (LOOP_ONLY.has(t)) stays ??= `uses ${t}`;
          else if (!PARAMS.includes(t) && t !== 'c' && !env.has(t) && !GLOBALS.has(t) && !(vectors && SLOT_VIEWS.has(t)) && t !== 'op') {
            stays ??= `uses ${t}, not in ENV`;
          }
        }
      }
      if (frame.dropped.has(n)) return undefined;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const cell = frame.cell(n.left);
        // An Int32Array store converts with ToInt32; a cell kept in a variable needs the same.
        if (cell?.view === 'i') {
          const value = f.createBinaryExpression(f.createParenthesizedExpression(ts.visitNode(n.right, (x) => visit(x, nested))), ts.SyntaxKind.BarToken, f.createNumericLiteral(0));
          return f.createAssignment(f.createIdentifier(`$i${cell.k}_${cell.n}$`), value);
        }
      }
      // The I64 helpers take the frame and the offsets of i64 cells (two words each).
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.getText() === 'I64') {
        const args = n.arguments.map((a) => {
          const k = frame.base(a);
          if (k !== undefined) return f.createIdentifier(`$a${k}$`);
          return ts.isIdentifier(a) && a.text === 'r' ? a : ts.visitNode(a, (x) => visit(x, nested));
        });
        return f.updateCallExpression(n, n.expression, n.typeArguments, args);
      }
      const cell = frame.cell(n);
      if (cell) return f.createIdentifier(cell.view === 'i' ? `$i${cell.k}_${cell.n}$` : `$${cell.view}${cell.k}$`);
      if (vectors && frame.base(n) !== undefined) return f.createIdentifier(`$v${frame.base(n)}$`);
      // A SIMD case's own uses of the frame views are its v128 cells, which are $vK$ or i32 cells.
      if (ts.isIdentifier(n) && FRAME.has(n.text) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(vectors && n.text !== 'fp')) opaque = true;
      if (n.kind === ts.SyntaxKind.ThisKeyword) return f.createIdentifier('m');
      if (ts.isElementAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'c') {
        const a = n.argumentExpression;
        if (isPc(a)) return f.createIdentifier('$c0$');
        if (ts.isBinaryExpression(a) && a.operatorToken.kind === ts.SyntaxKind.PlusToken && isPc(a.left) && ts.isNumericLiteral(a.right)) {
          return f.createIdentifier(`$c${a.right.text}$`);
        }
      }
      if (ts.isBinaryExpression(n) && isPc(n.left)) {
        const k = n.operatorToken.kind;
        if (k === ts.SyntaxKind.PlusEqualsToken && ts.isNumericLiteral(n.right)) {
          return f.createAssignment(f.createIdentifier('pc'), f.createIdentifier(`$p${n.right.text}$`));
        }
        if (k === ts.SyntaxKind.PlusToken && ts.isNumericLiteral(n.right)) return f.createIdentifier(`$p${n.right.text}$`);
        if (k === ts.SyntaxKind.EqualsToken) {
          collectTargets(n.right);
          return f.createAssignment(f.createIdentifier('pc'), ts.visitNode(n.right, (x) => visit(x, nested)));
        }
        stays ??= 'uses pc in an unknown way';
      }
      if (ts.isPostfixUnaryExpression(n) && isPc(n.operand)) stays ??= 'changes pc in an unknown way';
      if (isPc(n)) return f.createIdentifier('$p0$');
      if (ts.isIdentifier(n) && n.text === 'op' && !declared.has('op')) return f.createIdentifier('$op$');
      if (ts.isBreakStatement(n) && !n.label && !nested) return f.createBreakStatement('$L$');
      const inner = nested || ts.isIterationStatement(n, false) || ts.isSwitchStatement(n);
      return ts.visitEachChild(n, (x) => visit(x, inner), ctx);
    };
    return (node) => visit(node, false);
  };
  const text = stmts
    .filter((s) => !frame.dropped.has(s))
    .map((s) => printer.printNode(ts.EmitHint.Unspecified, ts.transform(s, [transformer]).transformed[0], file))
    .join('\n');
  // A compiled function's variables are `l`, `d` or `s` and a frame word: a template's own names would hide them.
  const hiding = /\b(?:const|let|var) ([lds]\d+)\b/.exec(text);
  if (hiding && !stays) throw new Error(`gen-templates: a case declares ${hiding[1]}, a name of the compiled function's variables`);
  return stays ? { stays } : { text, targets: [...targets], opaque };
}

/** The run loop's views of the frame: a template that uses them other than on cells is opaque. */
const FRAME = new Set(['r', 'f32', 'f64', 'fp']);

/**
 * The frame cells a case's statements address by a constant offset, so that a compiled function
 * may keep them in variables: `r[fp + c[pc + K] + N]` becomes `$iK_N$`, `f32[fp + c[pc + K]]`
 * becomes `$fK$` and `f64[(fp + c[pc + K]) >> 1]` becomes `$dK$`, also through a constant
 * `const d = fp + c[pc + K]` (an alias) used only that way; such an alias's declaration is dropped.
 * An i64 cell's offset passed to an I64 helper, `fp + c[pc + K]`, becomes `$aK$`.
 */
function frameAccess(stmts) {
  const isWord = (e) =>
    ts.isElementAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'c' &&
    ts.isBinaryExpression(e.argumentExpression) && e.argumentExpression.operatorToken.kind === ts.SyntaxKind.PlusToken &&
    ts.isIdentifier(e.argumentExpression.left) && e.argumentExpression.left.text === 'pc' && ts.isNumericLiteral(e.argumentExpression.right);
  const strip = (e) => (ts.isParenthesizedExpression(e) ? strip(e.expression) : e);
  /** K when `e` is `fp + c[pc + K]`. */
  const base = (e) => {
    e = strip(e);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isIdentifier(e.left) && e.left.text === 'fp' && isWord(e.right)) {
      return Number(e.right.argumentExpression.right.text);
    }
    return undefined;
  };
  const declarations = new Map();
  const visitDecl = (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && base(n.initializer) !== undefined) declarations.set(n.name.text, n);
    ts.forEachChild(n, visitDecl);
  };
  stmts.forEach(visitDecl);
  const aliases = new Map();
  for (const [name, d] of declarations) aliases.set(name, base(d.initializer));
  /** {k, n} when `e` is a cell's offset: `fp + c[pc + K]`, an alias, or an alias plus a literal. */
  const offset = (e, withAliases) => {
    e = strip(e);
    const k = base(e);
    if (k !== undefined) return { k, n: 0 };
    if (ts.isIdentifier(e) && withAliases.has(e.text)) return { k: withAliases.get(e.text), n: 0 };
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isIdentifier(e.left) && withAliases.has(e.left.text) && ts.isNumericLiteral(e.right)) {
      return { k: withAliases.get(e.left.text), n: Number(e.right.text) };
    }
    return undefined;
  };
  const cellWith = (e, withAliases) => {
    if (!ts.isElementAccessExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
    const view = e.expression.text;
    const a = strip(e.argumentExpression);
    if (view === 'r') {
      const o = offset(a, withAliases);
      return o && { view: 'i', ...o };
    }
    if (view === 'f32') {
      const o = offset(a, withAliases);
      return o && o.n === 0 ? { view: 'f', k: o.k } : undefined;
    }
    if (view === 'f64' && ts.isBinaryExpression(a) && a.operatorToken.kind === ts.SyntaxKind.GreaterThanGreaterThanToken && ts.isNumericLiteral(a.right) && a.right.text === '1') {
      const o = offset(a.left, withAliases);
      return o && o.n === 0 ? { view: 'd', k: o.k } : undefined;
    }
    return undefined;
  };
  // An alias is dropped when every use of it is in a cell.
  const used = new Map();
  const visitUse = (n) => {
    if (cellWith(n, aliases)) return;
    if (ts.isIdentifier(n) && aliases.has(n.text) && !(ts.isVariableDeclaration(n.parent) && n.parent.name === n)) used.set(n.text, true);
    ts.forEachChild(n, visitUse);
  };
  stmts.forEach(visitUse);
  const clean = new Map([...aliases].filter(([name]) => !used.get(name)));
  const dropped = new Set();
  for (const name of clean.keys()) {
    const list = declarations.get(name).parent;
    if (list.declarations.length !== 1) throw new Error(`gen-templates: ${name} shares its declaration`);
    dropped.add(list.parent);
  }
  return { base, cell: (e) => cellWith(e, clean), dropped };
}

/** Whether control can run off the end of a case's statements into the next case. */
function fallsThrough(statements) {
  let last = statements[statements.length - 1];
  while (last && ts.isBlock(last)) last = last.statements[last.statements.length - 1];
  if (!last) return true;
  // trap() never returns.
  const traps = ts.isExpressionStatement(last) && ts.isCallExpression(last.expression) && last.expression.expression.getText() === 'trap';
  return !(traps || ts.isBreakStatement(last) || ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/** Whether op `id` is a SIMD instruction (0xFD prefix: ids 0x200 to 0x2ff). */
const isSimd = (id) => id >= 0x200 && id < 0x300;

/**
 * SIMD cases loop over a v128 cell's four i32 words (`for (let k = 0; k < 4; k++)`, the rows
 * of simd.ts written on words): a template has them once per word, with k a constant, so that
 * `r[A + k]` becomes a cell placeholder. Loops that use another view of the frame stay loops.
 */
const unrollWordLoops = (ctx) => {
  const constant = (k) => (c) => {
    const visit = (n) => (ts.isIdentifier(n) && n.text === 'k' && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) ? f.createNumericLiteral(k) : ts.visitEachChild(n, visit, c));
    return (node) => visit(node);
  };
  const overWords = (n) => {
    if (!ts.isForStatement(n) || !n.initializer || !n.condition || !n.incrementor) return false;
    const text = (x) => x.getText().replace(/\s+/g, ' ');
    if (text(n.initializer) !== 'let k = 0' || text(n.condition) !== 'k < 4' || text(n.incrementor) !== 'k++') return false;
    let others = false;
    const look = (m) => {
      if (ts.isIdentifier(m) && /^(v[iuf]\d+|f32|f64)$/.test(m.text)) others = true;
      if (ts.isPropertyAccessExpression(m) && m.expression.getText() === 's') others = true;
      ts.forEachChild(m, look);
    };
    look(n.statement);
    return !others;
  };
  const visit = (n) => {
    if (overWords(n)) {
      return f.createBlock([0, 1, 2, 3].map((k) => {
        const body = ts.transform(n.statement, [constant(k)]).transformed[0];
        return ts.isBlock(body) ? body : f.createBlock([body]);
      }), true);
    }
    return ts.visitEachChild(n, visit, ctx);
  };
  return (node) => visit(node);
};

/**
 * The template of `statements` (nodes of the run loop's source) changed by `transformers`,
 * printed and parsed again, so that every node (the new ones too) has its parent and text.
 */
function reparsedTemplate(statements, transformers, vectors = false) {
  const text = statements.map((st) => printer.printNode(ts.EmitHint.Unspecified, ts.transform(st, transformers).transformed[0], sf)).join('\n');
  const file = ts.createSourceFile('case.js', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  return template([...file.statements], file, vectors);
}

const bodies = [];
const branches = [];
const stays = [];
const opaque = [];
let rare = null;
let ids = [];
const clauses = loop.caseBlock.clauses;
for (let i = 0; i < clauses.length; i++) {
  const clause = clauses[i];
  if (ts.isDefaultClause(clause)) {
    const t = template(clause.statements);
    if (!t.text) throw new Error(`gen-templates: the default case ${t.stays}`);
    rare = t.text;
    continue;
  }
  ids.push(Number(clause.expression.getText()));
  if (clause.statements.length === 0) continue;
  // A case that runs on into the next one (unreachable's trap, say) gets the next one's statements too.
  let statements = [...clause.statements];
  for (let j = i + 1; fallsThrough(statements) && j < clauses.length; j++) statements.push(...clauses[j].statements);
  const t = ids.some(isSimd) ? reparsedTemplate(statements, [unrollWordLoops], true) : template(statements);
  for (const id of ids) {
    if (t.text !== undefined) {
      bodies.push([id, t.text]);
      if (t.opaque) opaque.push(id);
      if (t.targets.length > 0) branches.push([id, t.targets]);
    }
    else stays.push([id, t.stays]);
  }
  ids = [];
}
if (rare === null) throw new Error('gen-templates: no default case');

const hex = (id) => `0x${id.toString(16)}`;

/**
 * The out-of-line cases get templates too (a compiled function then runs them itself): each
 * case's statements after `rare`'s cell aliases, with `return X` as `pc = X` leaving the case.
 */
const returnsAsJumps = (ctx) => {
  const visit = (n) => {
    if (ts.isReturnStatement(n) && n.expression) {
      return f.createBlock([f.createExpressionStatement(f.createAssignment(f.createIdentifier('pc'), n.expression)), f.createBreakStatement('$L$')]);
    }
    return ts.visitEachChild(n, visit, ctx);
  };
  return (node) => visit(node);
};
if (!rareLoop) throw new Error("gen-templates: rare's switch (op) not found");
const cased = new Set(bodies.map(([id]) => id).concat(stays.map(([id]) => id)));
ids = [];
for (const clause of rareLoop.caseBlock.clauses) {
  if (ts.isDefaultClause(clause)) continue;
  ids.push(Number(clause.expression.getText()));
  if (clause.statements.length === 0) continue;
  const t = reparsedTemplate([...rareAliases, ...clause.statements], [returnsAsJumps]);
  for (const id of ids) {
    if (cased.has(id) || t.text === undefined) continue;
    bodies.push([id, t.text]);
    if (t.opaque) opaque.push(id);
    if (t.targets.length > 0) branches.push([id, t.targets]);
  }
  ids = [];
}

/** The SIMD cases (simd.ts's rows), the same way. */
if (!simdLoop) throw new Error("gen-templates: simd's switch (op) not found");
ids = [];
for (const clause of simdLoop.caseBlock.clauses) {
  if (ts.isDefaultClause(clause)) continue;
  ids.push(Number(clause.expression.getText()));
  if (clause.statements.length === 0) continue;
  const t = reparsedTemplate(clause.statements, [returnsAsJumps, unrollWordLoops], true);
  for (const id of ids) {
    if (cased.has(id)) continue;
    if (t.text === undefined) throw new Error(`gen-templates: SIMD case ${hex(id)} ${t.stays}`);
    bodies.push([id, t.text]);
    if (t.opaque) opaque.push(id);
  }
  ids = [];
}

const out = `// Generated by scripts/gen-templates.mjs from src/fast/run.ts: do not edit. Regenerate with
// \`pnpm --filter @proj/interp-core gen\` after changing the run loop.

/** Templates of the instructions a compiled function runs itself, by id (see the script). */
export const TEMPLATES: ReadonlyMap<number, string> = new Map([
${bodies.map(([id, t]) => `  [${hex(id)}, ${JSON.stringify(t)}],`).join('\n')}
]);

/** Branches: the words of each that hold a target pc (Op.brTable's list aside), by id. */
export const TARGETS: ReadonlyMap<number, readonly number[]> = new Map([
${branches.map(([id, ks]) => `  [${hex(id)}, [${ks.join(', ')}]],`).join('\n')}
]);

/** Templates that use the frame other than through cell placeholders ($iK_N$, $fK$, $dK$), by id. */
export const OPAQUE: ReadonlySet<number> = new Set([${opaque.map(hex).join(', ')}]);

/** The compiled function's parameters, in the order the run loop passes them. */
export const PARAMS: readonly string[] = ${JSON.stringify(PARAMS)};

/** Instructions left to the run loop (calls and returns), by id. */
export const LOOP_ONLY: ReadonlySet<number> = new Set([${stays.map(([id]) => hex(id)).join(', ')}]);

/** Template of every other instruction (the loop's default case). */
export const OTHER = ${JSON.stringify(rare)};
`;
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== out) {
    console.error('src/compiled/templates.ts is out of date: run `pnpm --filter @proj/interp-core gen`');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, out);
  console.log(`templates: ${bodies.length}, left to the loop: ${stays.map(([id, why]) => `${hex(id)} (${why})`).join(', ')}`);
}
