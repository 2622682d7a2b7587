#!/usr/bin/env node
// Runs the WebAssembly JS API test suite (the web-platform-tests `*.any.js` files of
// WebAssembly/spec's test/js-api, or JSPI's test/js-api/js-promise-integration) against this
// package's WebAssembly, each file in a fresh worker whose global `WebAssembly` is ours (the
// platform's is replaced before any test code runs). Prints per-file counts and a total line:
//
//   node scripts/run-js-api.mjs SUITE_DIR [--harness testharness.js] [--platform] [--verbose] [--profile P] [--timeout SECONDS]
//
// --platform runs the same files against Node's own WebAssembly, for comparison. A file still
// running after --timeout seconds (default 120) is stopped: its results so far count, and the
// line says so. A promise rejection nothing handles is printed with --verbose and counted in the
// file's line, not as a failure: the suites' shell mode (d8's, jsshell's) only prints one (JSPI's
// file leaves promise_rejects results unawaited, whose assertions settle after their tests end).
// The harness
// (testharness.js with its shell mode) defaults to SUITE_DIR/../harness/testharness.js, or the
// first test/harness/testharness.js above SUITE_DIR. Scripts named by `// META: script=/wasm/jsapi/X`
// are read from the nearest directory above the test that holds X.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import vm from 'node:vm';


if (isMainThread) await main();
else await runFile(workerData);

async function main() {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const platform = args.includes('--platform');
  const verbose = args.includes('--verbose');
  const harnessArg = flag('--harness');
  const profile = flag('--profile');
  const timeoutMs = Number(flag('--timeout') ?? 120) * 1000;
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: run-js-api.mjs SUITE_DIR [--harness FILE] [--platform] [--verbose] [--profile P] [--timeout SECONDS]');
    process.exit(2);
  }
  const suite = resolve(dir);
  const harness = harnessArg ? resolve(harnessArg) : findHarness(suite);
  const files = listTests(suite);
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const r = await runInWorker({ file, harness, platform, profile }, timeoutMs);
    passed += r.passed;
    failed += r.failed;
    const notes = [r.note, r.unhandled.length > 0 ? `${r.unhandled.length} unhandled rejection(s)` : undefined].filter(Boolean);
    console.log(`${relative(suite, file)}: ${r.passed} passed, ${r.failed} failed${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
    if (verbose) for (const f of r.failures) console.log(`    FAIL ${f.name}: ${f.message}`);
    if (verbose) for (const u of r.unhandled) console.log(`    UNHANDLED REJECTION: ${u}`);
  }
  console.log(`js-api${platform ? ' (platform)' : ''}: ${passed} passed, ${failed} failed`);
}

function findHarness(suite) {
  for (let d = suite; d !== dirname(d); d = dirname(d)) {
    for (const candidate of [join(d, 'harness/testharness.js'), join(d, 'test/harness/testharness.js')]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`no testharness.js found above ${suite}; pass --harness`);
}

function listTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTests(p));
    else if (name.endsWith('.any.js')) out.push(p);
  }
  return out;
}

function runInWorker(data, timeoutMs) {
  return new Promise((resolvePromise) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: data, stdout: true, stderr: true });
    let report = null;
    const results = [];
    const unhandled = [];
    worker.stdout.resume();
    worker.stderr.resume();
    const finish = (note) => {
      clearTimeout(timer);
      const failures = results.filter((r) => !r.pass);
      const done = report ?? { passed: results.length - failures.length, failed: failures.length, failures };
      if (note) done.note = note;
      done.unhandled = unhandled;
      resolvePromise(done);
    };
    const timer = setTimeout(() => {
      worker.terminate();
      finish('timed out: results so far');
    }, timeoutMs);
    worker.on('message', (m) => {
      if (m.type === 'result') results.push(m);
      else if (m.type === 'unhandled') unhandled.push(m.message);
      else if (m.type === 'done') {
        const failures = results.filter((r) => !r.pass);
        const harnessError = m.status !== 0 ? [{ name: 'harness', message: m.message }] : [];
        report = {
          passed: results.length - failures.length,
          failed: failures.length + harnessError.length,
          failures: [...failures, ...harnessError],
        };
        worker.terminate();
      }
    });
    worker.on('error', (e) => {
      results.push({ pass: false, name: 'worker', message: String(e && e.stack) });
    });
    worker.on('exit', () => finish(report ? undefined : 'the file did not complete'));
  });
}

/** In the worker: install the WebAssembly under test, then the harness, the META scripts and the test. */
async function runFile({ file, harness, platform, profile }) {
  if (!platform) {
    const { createWebAssembly } = await import('../dist/index.js');
    const ours = createWebAssembly(profile ? { profile } : {});
    Object.defineProperty(globalThis, 'WebAssembly', { value: ours, writable: true, configurable: true, enumerable: false });
  }
  globalThis.self = globalThis;
  const run = (path) => vm.runInThisContext(readFileSync(path, 'utf8'), { filename: path });
  run(harness);
  // Older files (JSPI's) use testharness.js's retired assert_throws(constructor, f) and
  // promise_rejects(t, error, p); the current harness names them *_js.
  // Either takes the error's constructor or an error object.
  const errorClass = (error) => (typeof error === 'function' ? error : error.constructor);
  globalThis.assert_throws ??= (error, f, description) => globalThis.assert_throws_js(errorClass(error), f, description);
  globalThis.promise_rejects ??= (t, error, p, description) => globalThis.promise_rejects_js(t, errorClass(error), p, description);
  const post = (m) => parentPort.postMessage(m);
  process.on('unhandledRejection', (reason) => {
    const message = String(reason && typeof reason === 'object' && 'message' in reason ? reason.message : reason);
    const line = message.replace(/\s+/g, ' ');
    post({ type: 'unhandled', message: line.length > 300 ? `${line.slice(0, 100)} … ${line.slice(-150)}` : line });
  });
  globalThis.add_result_callback((t) => post({ type: 'result', name: t.name, pass: t.status === 0, message: t.message ?? '' }));
  globalThis.add_completion_callback((_tests, status) => post({ type: 'done', status: status.status, message: status.message ?? '' }));
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/^\/\/ META: script=(\S+)/gm)) run(metaScript(file, m[1]));
  try {
    run(file);
  } catch (e) {
    post({ type: 'result', name: 'top level of the file', pass: false, message: String(e && e.stack) });
  }
}

function metaScript(file, script) {
  const name = script.replace(/^\/wasm\/jsapi\//, '');
  if (!script.startsWith('/')) return join(dirname(file), script);
  // /wasm/jsapi/ is the directory of the suite's wasm-module-builder.js (the js-api root).
  for (let d = dirname(file); d !== dirname(d); d = dirname(d)) {
    if (existsSync(join(d, 'wasm-module-builder.js')) && existsSync(join(d, name))) return join(d, name);
  }
  for (let d = dirname(file); d !== dirname(d); d = dirname(d)) {
    if (existsSync(join(d, name))) return join(d, name);
  }
  throw new Error(`META script ${script} not found above ${file}`);
}
