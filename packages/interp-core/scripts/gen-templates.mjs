/**
 * Generates src/compiled/templates.ts from the `fast` run loop (src/run.ts): each case of
 * runFast's `switch (op)` becomes a JavaScript template that the `compiled` profile fills in with
 * an instruction's words. The loop stays the one definition of every instruction.
 *
 * In a template, `$cK$` is the instruction's word K (a constant once filled in), `$pK$` its pc
 * plus K, `$op$` its id, and `break $L$` leaves the instruction (the switch's `break`). `this`
 * (the Machine) is `m`.
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
 * Templates may use these, `c` (the function's code, bound when it is made) and ENV (run.ts).
 */
const PARAMS = ['m', 'pc', 'fp', 'r', 'f32', 'f64', 'inst', 'mem', 'mu8', 'dv', 'mlen'];
/** Run-loop state a compiled function does not have: instructions using it stay in the loop. */
const LOOP_ONLY = new Set(['ex', 'f', 's', 'funcs', 'maxDepth']);
const GLOBALS = new Set(['Math', 'Number', 'undefined', 'NaN', 'Infinity', 'Int32Array', 'Uint8Array', 'Float32Array', 'Float64Array', 'DataView', 'BigInt']);

const source = readFileSync(`${root}src/run.ts`, 'utf8');
const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, removeComments: true } }).outputText;
const sf = ts.createSourceFile('run.js', js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);

/** The names in run.ts's ENV object: what templates may take from the module's scope. */
const env = new Set();
let loop;
(function find(n) {
  if (ts.isVariableDeclaration(n) && n.name.getText() === 'ENV' && n.initializer && ts.isObjectLiteralExpression(n.initializer)) {
    for (const p of n.initializer.properties) env.add(p.name.getText());
  }
  if (ts.isMethodDeclaration(n) && n.name.getText() === 'runFast') {
    (function visit(m) {
      if (!loop && ts.isSwitchStatement(m) && m.expression.getText() === 'op') loop = m;
      else ts.forEachChild(m, visit);
    })(n);
  }
  ts.forEachChild(n, find);
})(sf);
if (!loop) throw new Error("gen-templates: runFast's switch (op) not found");
if (env.size === 0) throw new Error('gen-templates: ENV not found in run.ts');

const printer = ts.createPrinter({ removeComments: true });
const f = ts.factory;

/** Template text of a case's statements, or a reason it stays in the loop. */
function template(statements) {
  let stmts = statements;
  if (stmts.length === 1 && ts.isBlock(stmts[0])) stmts = stmts[0].statements;
  const declared = new Set();
  const collect = (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) declared.add(n.name.text);
    ts.forEachChild(n, collect);
  };
  stmts.forEach(collect);
  let stays = null;
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
      if (ts.isReturnStatement(n)) stays ??= 'returns from the loop';
      if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        const t = n.text;
        if (!declared.has(t)) {
          if (LOOP_ONLY.has(t)) stays ??= `uses ${t}`;
          else if (!PARAMS.includes(t) && t !== 'c' && !env.has(t) && !GLOBALS.has(t) && t !== 'op') stays ??= `uses ${t}, not in ENV`;
        }
      }
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
    .map((s) => printer.printNode(ts.EmitHint.Unspecified, ts.transform(s, [transformer]).transformed[0], sf))
    .join('\n');
  return stays ? { stays } : { text, targets: [...targets] };
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

const bodies = [];
const branches = [];
const stays = [];
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
  const t = template(statements);
  for (const id of ids) {
    if (t.text !== undefined) {
      bodies.push([id, t.text]);
      if (t.targets.length > 0) branches.push([id, t.targets]);
    }
    else stays.push([id, t.stays]);
  }
  ids = [];
}
if (rare === null) throw new Error('gen-templates: no default case');

const hex = (id) => `0x${id.toString(16)}`;
const out = `// Generated by scripts/gen-templates.mjs from src/run.ts: do not edit. Regenerate with
// \`pnpm --filter @proj/interp-core gen\` after changing the run loop.

/** Templates of the instructions a compiled function runs itself, by id (see the script). */
export const TEMPLATES: ReadonlyMap<number, string> = new Map([
${bodies.map(([id, t]) => `  [${hex(id)}, ${JSON.stringify(t)}],`).join('\n')}
]);

/** Branches: the words of each that hold a target pc (Op.brTable's list aside), by id. */
export const TARGETS: ReadonlyMap<number, readonly number[]> = new Map([
${branches.map(([id, ks]) => `  [${hex(id)}, [${ks.join(', ')}]],`).join('\n')}
]);

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
