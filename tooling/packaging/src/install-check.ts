/**
 * The install check: packs every published package with `pnpm pack` (its `prepack` builds it),
 * installs the tarballs with npm into an empty temporary project, and uses them there the three
 * ways a user does: an ES module run by Node, a TypeScript file checked by `tsc --strict`, and an
 * esbuild bundle for the browser (run by Node). Each runs one module in every profile; the
 * results must equal V8's for the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble, loadWabt, V8Wasm } from '@proj/testkit';
import { build } from 'esbuild';
import { declarationAndMapProblems, hasLicense } from './published-files.js';
import { publishedPackages, ROOT, walk } from './workspace.js';

const require = createRequire(import.meta.url);

/** The module every check runs: a loop that reports its sum to the host, and a recursion on i64. */
export const CHECK_WAT = `(module
  (import "env" "log" (func $log (param i32)))
  (func (export "sum") (param $n i32) (result i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (local.get $n)))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (call $log (local.get $s))
    (local.get $s))
  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1))))))))`;

/** What the check programs print for one profile, and what V8 gives for the same calls. */
export interface Outcome {
  sum: number;
  logged: number[];
  fac: string;
}

/** The calls of the check programs, on V8's own WebAssembly. */
export function v8Outcome(bytes: Uint8Array): Outcome {
  const logged: number[] = [];
  const instance = new V8Wasm.Instance(new V8Wasm.Module(bytes), { env: { log: (x: number) => logged.push(x) } });
  const { sum, fac } = instance.exports as { sum(n: number): number; fac(n: bigint): bigint };
  return { sum: sum(1000), logged, fac: String(fac(20n)) };
}

/** The check program; `typed` adds the type annotations a TypeScript user writes. */
function program(typed: boolean): string {
  const t = (s: string) => (typed ? s : '');
  return `import { Module, Store, Val, InvalidError${t(', type RunResult, type Profile')} } from '@proj/interpreter';
import { validate } from '@proj/validator';
import { bytes } from './module-bytes.js';

validate(bytes);
const out${t(': Record<string, { sum: number; logged: number[]; fac: string }>')} = {};
for (const profile of ['fast', 'compact', 'compiled']${t(' as Profile[]')}) {
  const store = new Store();
  store.linkFunc('env', 'log', 1, 0);
  const inst = store.instantiate(new Module(bytes, { profile }));
  const logged${t(': number[]')} = [];
  let result${t(': RunResult')} = store.invoke(inst, 'sum', [Val.i32(1000)]);
  while (result.kind === 'host') {
    const arg = result.call.args[0];
    logged.push(arg.type === 'i32' ? arg.value : NaN);
    result = result.call.resume([]);
  }
  if (result.kind !== 'done') throw new Error('sum did not finish');
  const sum = result.values[0];
  const fac = store.invoke(inst, 'fac', [Val.i64(20n)]);
  if (fac.kind !== 'done') throw new Error('fac did not finish');
  const product = fac.values[0];
  if (sum.type !== 'i32' || product.type !== 'i64') throw new Error('unexpected result types');
  out[profile] = { sum: sum.value, logged, fac: String(product.value) };
}
let refused = false;
try {
  new Module(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]));
} catch (e) {
  if (!(e instanceof InvalidError)) throw e;
  refused = true;
}
if (!refused) throw new Error('a module of version 2 was accepted');
console.log(JSON.stringify(out));
`;
}

/** What the install check found: each way's printed outcomes, by profile. */
export interface InstallReport {
  tarballs: string[];
  /** What is wrong with the installed files (LICENSE, @internal, source maps), as sentences. */
  problems: string[];
  node: Record<string, Outcome>;
  typescript: Record<string, Outcome>;
  bundle: Record<string, Outcome>;
  bundleBytes: number;
}

/** Runs `cmd` in `cwd` and returns its standard output; throws with its output when it fails. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/**
 * Packs, installs and uses every published package in a fresh temporary folder (removed after).
 * `bytes` is CHECK_WAT assembled. Throws when a step fails (with the step's output).
 */
export async function installCheck(bytes: Uint8Array): Promise<InstallReport> {
  const work = mkdtempSync(join(tmpdir(), 'wasm-ts-install-'));
  try {
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    const published = publishedPackages();
    // One build for all (each package's prepack would start turbo again), then one pnpm packs all.
    const filters = published.map(({ manifest }) => `--filter=${manifest.name}`);
    run('pnpm', ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], ROOT);
    const prebuilt = { ...process.env, PROJ_PACK_PREBUILT: '1' };
    const dirs = published.map(({ dir }) => `--filter=./${dir}`);
    run('pnpm', ['-r', ...dirs, 'pack', '--pack-destination', tarballs], ROOT, prebuilt);
    const files = readdirSync(tarballs).sort();
    const project = join(work, 'project');
    mkdirSync(project);
    const deps: Record<string, string> = {};
    for (const { manifest } of published) {
      const file = files.find((f) => f === `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`);
      if (!file) throw new Error(`no tarball for ${manifest.name} among ${files.join(', ')}`);
      deps[manifest.name] = `file:../tarballs/${file}`;
    }
    // The overrides make npm take every @proj dependency from the tarballs, never a registry.
    const pkg = { name: 'install-check', private: true, type: 'module', dependencies: deps, overrides: deps };
    writeFileSync(join(project, 'package.json'), JSON.stringify(pkg, null, 2));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], project);

    const problems = published.flatMap(({ manifest }) => {
      const installed = join(project, 'node_modules', manifest.name);
      const missing = hasLicense(installed) ? [] : ['LICENSE is missing'];
      if (existsSync(join(installed, 'dist-workspace'))) missing.push('dist-workspace/ (the workspace-only declarations) is packed');
      for (const file of walk(installed)) if (/\.test\./.test(file)) missing.push(`${file.slice(installed.length + 1)} is a test`);
      return [...missing, ...declarationAndMapProblems(installed)].map((p) => `${manifest.name}: ${p}`);
    });

    const b64 = Buffer.from(bytes).toString('base64');
    const decode = `Uint8Array.from(atob('${b64}'), (c) => c.charCodeAt(0))`;
    mkdirSync(join(project, 'ts-out'));
    for (const at of ['', 'ts-out']) writeFileSync(join(project, at, 'module-bytes.js'), `export const bytes = ${decode};\n`);
    writeFileSync(join(project, 'module-bytes.d.ts'), 'export declare const bytes: Uint8Array;\n');
    writeFileSync(join(project, 'check.js'), program(false));
    writeFileSync(join(project, 'check.ts'), program(true));
    const node = JSON.parse(run(process.execPath, ['check.js'], project)) as Record<string, Outcome>;

    const tsc = require.resolve('typescript/bin/tsc');
    // Library declarations are checked too (no skipLibCheck): a user's strict build reads them.
    const compilerOptions = { strict: true, module: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [], outDir: 'ts-out' };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['check.ts'] }));
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    const typescript = JSON.parse(run(process.execPath, [join('ts-out', 'check.js')], project)) as Record<string, Outcome>;

    const out = await build({
      entryPoints: [join(project, 'check.js')],
      absWorkingDir: project,
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    writeFileSync(join(project, 'bundle.mjs'), out.outputFiles[0].contents);
    const bundle = JSON.parse(run(process.execPath, ['bundle.mjs'], project)) as Record<string, Outcome>;
    return { tarballs: files, problems, node, typescript, bundle, bundleBytes: out.outputFiles[0].contents.length };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `pnpm install-check`: runs the check on CHECK_WAT and prints what each way gave. */
async function main(): Promise<void> {
  const bytes = assemble(await loadWabt(), CHECK_WAT);
  const started = Date.now();
  const report = await installCheck(bytes);
  const expected = JSON.stringify(v8Outcome(bytes));
  let ok = report.problems.length === 0;
  for (const p of report.problems) console.log(`problem: ${p}`);
  for (const way of ['node', 'typescript', 'bundle'] as const) {
    for (const [profile, outcome] of Object.entries(report[way])) {
      const same = JSON.stringify(outcome) === expected;
      ok &&= same;
      console.log(`${way} ${profile}: ${same ? 'same as V8' : `differs from V8: ${JSON.stringify(outcome)} vs ${expected}`}`);
    }
  }
  console.log(`${report.tarballs.length} tarballs, ${((Date.now() - started) / 1000).toFixed(1)} s: ${ok ? 'ok' : 'FAILED'}`);
  if (!ok) process.exitCode = 1;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await main();
