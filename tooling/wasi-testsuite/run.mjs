#!/usr/bin/env node
// Runs the official WASI test suite (github.com/WebAssembly/wasi-testsuite, branch
// prod/testsuite-base: prebuilt wasm32-wasip1 programs, each with a .json specification) through
// `wasm-ts run` in each profile, or through node:wasi for comparison, as the suite's
// doc/specification.md describes: args, env (and nothing else), the test's `root` preopened as `/`,
// then the exit code, and stdout/stderr starting with the expected text (the suite's own runner
// reads only that many characters).
//
//   node tooling/wasi-testsuite/run.mjs [--runtime wasm-ts|node] [--profile P]... [--jobs N]
//                                       [--filter TEXT] [SUITE_DIR]
//
// SUITE_DIR defaults to $WASI_TESTSUITE_DIR. Every test runs on a fresh copy of its root directory,
// so the suite is never modified and runs can be parallel. Exit status 1 when a test fails.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const RUNTIMES = {
  'wasm-ts': resolve(here, '../../packages/cli/dist/main.js'),
  node: resolve(here, 'node-wasi.mjs'),
};
const ALL_PROFILES = ['fast', 'compact', 'compiled'];
/** Operations of the newer specification format that need sockets or HTTP, which preview1 lacks. */
const SUPPORTED_OPERATIONS = new Set(['run', 'wait', 'read']);

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runtime: { type: 'string', default: 'wasm-ts' },
    profile: { type: 'string', multiple: true },
    jobs: { type: 'string', default: '2' },
    filter: { type: 'string' },
    timeout: { type: 'string', default: '120' },
  },
});
const suiteDir = positionals[0] ?? process.env.WASI_TESTSUITE_DIR;
if (!suiteDir) usage('no suite directory: pass SUITE_DIR or set WASI_TESTSUITE_DIR');
if (!existsSync(suiteDir)) usage(`${suiteDir}: no such directory`);
const runtimeScript = RUNTIMES[options.runtime];
if (!runtimeScript) usage(`--runtime ${options.runtime}: expected one of ${Object.keys(RUNTIMES).join(', ')}`);
if (!existsSync(runtimeScript)) usage(`${runtimeScript} is missing (run \`pnpm build\` first)`);
const profiles = options.runtime === 'node' ? ['node:wasi'] : (options.profile ?? ALL_PROFILES);
for (const profile of profiles) {
  if (options.runtime !== 'node' && !ALL_PROFILES.includes(profile)) usage(`unknown profile ${profile}`);
}
const timeoutMs = Number(options.timeout) * 1000;

function usage(message) {
  process.stderr.write(`wasi-testsuite: ${message}\n`);
  process.exit(2);
}

/** Every preview1 test program under DIR (directories for wasip2 and wasip3 hold components). */
function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!/^wasm32-wasip[23]$/.test(entry.name) && !entry.name.endsWith('.dir')) found.push(...findTests(path));
    } else if (entry.name.endsWith('.wasm')) {
      found.push(path);
    }
  }
  return found.sort();
}

/** The test's specification as a list of operations (legacy files converted as the suite does). */
function readSpec(wasmPath) {
  const jsonPath = wasmPath.replace(/\.wasm$/, '.json');
  const config = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : {};
  if (config.operations) return { proposals: config.proposals ?? [], operations: config.operations };
  const operations = [{ type: 'run', args: config.args, env: config.env, root: config.root }];
  if (config.stdout != null) operations.push({ type: 'read', id: 'stdout', payload: config.stdout });
  if (config.stderr != null) operations.push({ type: 'read', id: 'stderr', payload: config.stderr });
  operations.push({ type: 'wait', exit_code: config.exit_code ?? 0 });
  return { proposals: [], operations };
}

/** Why the test cannot run here, or undefined. */
function skipReason(spec) {
  if (spec.proposals.length > 0) return `needs proposals ${spec.proposals.join(', ')}`;
  const unsupported = spec.operations.find((operation) => !SUPPORTED_OPERATIONS.has(operation.type));
  if (unsupported) return `needs the ${unsupported.type} operation (sockets/HTTP)`;
  if (spec.operations.filter((operation) => operation.type === 'run').length !== 1) return 'needs several runs';
  return undefined;
}

/** Runs one test in one profile; resolves to a list of failure reasons (empty when it passed). */
async function runTest(wasmPath, spec, profile) {
  const run = spec.operations.find((operation) => operation.type === 'run');
  const reads = spec.operations.filter((operation) => operation.type === 'read');
  const wait = spec.operations.find((operation) => operation.type === 'wait') ?? {};
  const argv = [runtimeScript, 'run'];
  if (options.runtime !== 'node') argv.push('--profile', profile);
  for (const [key, value] of Object.entries(run.env ?? {})) argv.push('--env', `${key}=${value}`);
  let root;
  if (run.root) {
    root = mkdtempSync(join(tmpdir(), 'wasi-testsuite-'));
    cpSync(join(dirname(wasmPath), run.root), root, { recursive: true, verbatimSymlinks: true });
    argv.push('--dir', `${root}::/`);
  }
  argv.push(wasmPath, ...(run.args ?? []));

  const child = spawn(process.execPath, argv, { stdio: 'pipe' });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (text) => {
    output.stdout += text;
    closeStdinOnceRead();
  });
  child.stderr.setEncoding('utf8').on('data', (text) => {
    output.stderr += text;
    closeStdinOnceRead();
  });
  child.stdin.on('error', () => {});
  // Like the suite's runner: standard input stays open (and empty) until the expected output
  // has been read, then closes.
  function closeStdinOnceRead() {
    if (reads.every((read) => output[read.id ?? 'stdout'].length >= (read.payload ?? '').length)) child.stdin.end();
  }
  closeStdinOnceRead();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const status = await new Promise((done) => child.on('close', (code) => done(code)));
  clearTimeout(timer);
  if (root) rmSync(root, { recursive: true, force: true });

  const failures = [];
  if (timedOut) failures.push(`timed out after ${timeoutMs / 1000} s`);
  else if (status !== (wait.exit_code ?? 0)) failures.push(`exit status ${status}, expected ${wait.exit_code ?? 0}`);
  for (const read of reads) {
    const stream = read.id ?? 'stdout';
    const expected = read.payload ?? '';
    const actual = output[stream].slice(0, expected.length);
    if (actual !== expected) failures.push(`${stream} ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
  if (failures.length > 0) {
    const tail = (text) => JSON.stringify(text.length > 600 ? `…${text.slice(-600)}` : text);
    if (output.stdout) failures.push(`stdout was ${tail(output.stdout)}`);
    if (output.stderr) failures.push(`stderr was ${tail(output.stderr)}`);
  }
  return failures;
}

/** Runs TASKS (functions returning promises) with at most LIMIT at a time. */
async function runLimited(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  return results;
}

const tests = findTests(suiteDir)
  .filter((path) => !options.filter || path.includes(options.filter))
  .map((path) => ({ path, name: relative(suiteDir, path), spec: readSpec(path) }));
if (tests.length === 0) usage(`${suiteDir}: no .wasm test programs found`);
process.stdout.write(`${tests.length} tests in ${suiteDir}, runtime ${options.runtime}\n`);

const totals = { passed: 0, failed: 0, skipped: 0 };
const failureLines = [];
for (const profile of profiles) {
  const started = Date.now();
  const outcomes = await runLimited(
    tests.map((test) => async () => {
      const reason = skipReason(test.spec);
      if (reason) return { test, skipped: reason };
      return { test, failures: await runTest(test.path, test.spec, profile) };
    }),
    Number(options.jobs),
  );
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const outcome of outcomes) {
    if (outcome.skipped) {
      counts.skipped++;
      failureLines.push(`SKIP [${profile}] ${outcome.test.name}: ${outcome.skipped}`);
    } else if (outcome.failures.length > 0) {
      counts.failed++;
      failureLines.push(`FAIL [${profile}] ${outcome.test.name}\n    ${outcome.failures.join('\n    ')}`);
    } else {
      counts.passed++;
    }
  }
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `profile ${profile}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)\n`,
  );
}
if (failureLines.length > 0) process.stdout.write(`\n${failureLines.join('\n')}\n\n`);
process.stdout.write(`wasi-testsuite: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
