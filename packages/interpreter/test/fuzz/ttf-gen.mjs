/**
 * Module generation for the differential fuzz test: binaryen's `wasm-opt --translate-to-fuzz`
 * (the `bin/wasm-opt` of the `binaryen` npm package, an emscripten build of binaryen) turns
 * seeded random bytes into a valid module that uses only WebAssembly 2.0 features.
 *
 * Starting `bin/wasm-opt` as a process costs ~0.4 s (most of it compiling binaryen's own wasm),
 * so the script is loaded once into this process (with `noInitialRun`) and its `main` is called
 * once per module: ~40 ms a module. Output is byte-identical to running the CLI with the same
 * arguments (see `cliCommand`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { rng32 } from '@proj/testkit';

const require = createRequire(import.meta.url);
/** Path of binaryen's wasm-opt script (a node program). */
export const WASM_OPT = path.join(path.dirname(require.resolve('binaryen/package.json')), 'bin', 'wasm-opt');

/**
 * Exactly the WebAssembly 2.0 feature set: MVP + mutable-globals, nontrapping-float-to-int,
 * sign-ext, simd, bulk-memory (binaryen adds its bulk-memory-opt subset), reference-types,
 * multivalue, and call-indirect-overlong (a table index encoded as a u32 LEB, which 2.0 allows).
 * `-mvp` first disables everything newer: tail-call, exception-handling, gc, memory64,
 * multimemory, relaxed-simd, extended-const, strings, threads, typed function references, ...
 */
export const FEATURE_FLAGS = [
  '-mvp',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-simd',
  '--enable-bulk-memory',
  '--enable-reference-types',
  '--enable-multivalue',
  '--enable-call-indirect-overlong',
];

/** Generation flags: translate-to-fuzz with exactly the 2.0 features, nothing else. */
export const GEN_FLAGS = ['-ttf', ...FEATURE_FLAGS];

/** The random input bytes for `seed`: 1 KiB to 12 KiB (ttf's module size grows with it). */
export function inputBytes(seed) {
  const next = rng32(seed * 0x9e3779b1 + 0x1234567);
  const len = 1024 + (next() % (11 * 1024));
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i += 4) {
    const x = next();
    out[i] = x;
    if (i + 1 < len) out[i + 1] = x >>> 8;
    if (i + 2 < len) out[i + 2] = x >>> 16;
    if (i + 3 < len) out[i + 3] = x >>> 24;
  }
  return out;
}

/** Whether seed's module is instrumented with `--denan` (see `genFlags`). */
export function usesDenan(seed) {
  return seed % 4 !== 3;
}

/**
 * The flags for `seed`. Three seeds in four add binaryen's `--denan` pass (every float value
 * that is NaN becomes 0), as binaryen's own cross-VM fuzzing does: the spec lets NaN bits differ
 * between engines, and a NaN's bits can flow into integers (reinterpret, stores) where a
 * difference could not be told from a bug. The fourth seed keeps NaNs, so NaN handling is tested
 * too; there NaN-vs-NaN is accepted wherever a NaN is observed directly.
 */
export function genFlags(seed, denan = usesDenan(seed)) {
  return denan ? [...GEN_FLAGS, '--denan'] : GEN_FLAGS;
}

let tool = null;

async function loadTool() {
  let src = fs.readFileSync(WASM_OPT, 'utf8');
  if (src.startsWith('#!')) src = '//' + src;
  let ready;
  const initialized = new Promise((resolve) => (ready = resolve));
  const out = [];
  const Module = {
    noInitialRun: true,
    noExitRuntime: true,
    print: (s) => out.push(s),
    printErr: (s) => out.push(s),
    onRuntimeInitialized: () => ready(),
  };
  const fakeModule = { exports: {} };
  const fn = new Function(
    'Module',
    'require',
    'process',
    '__filename',
    '__dirname',
    'module',
    'exports',
    `${src}\n;return { callMain, stackSave, stackRestore };`,
  );
  const api = fn(Module, createRequire(WASM_OPT), process, WASM_OPT, path.dirname(WASM_OPT), fakeModule, fakeModule.exports);
  await initialized;
  return { api, out };
}

let tmpDir = null;
let counter = 0;

/** Runs wasm-opt in-process with `args` (paths are real files); returns its exit code and output. */
export async function runWasmOpt(args) {
  tool ??= await loadTool();
  const { api, out } = tool;
  out.length = 0;
  const sp = api.stackSave();
  let rc;
  try {
    rc = api.callMain([...args]);
  } finally {
    api.stackRestore(sp);
  }
  return { rc, output: out.join('\n') };
}

/** Generates seed's module (`denan` overrides the seed's choice); returns its bytes. */
export async function generate(seed, denan = usesDenan(seed)) {
  tmpDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ttf-'));
  const n = counter++;
  const inFile = path.join(tmpDir, `in${n}.bin`);
  const outFile = path.join(tmpDir, `out${n}.wasm`);
  fs.writeFileSync(inFile, inputBytes(seed));
  try {
    const { rc, output } = await runWasmOpt([inFile, ...genFlags(seed, denan), '-q', '-o', outFile]);
    if (rc !== 0) throw new Error(`wasm-opt -ttf failed for seed ${seed} (exit ${rc}): ${output}`);
    return new Uint8Array(fs.readFileSync(outFile));
  } finally {
    fs.rmSync(inFile, { force: true });
    fs.rmSync(outFile, { force: true });
  }
}

/** Prints a module as text (binaryen's --print, 2.0 features). */
export async function toText(bytes) {
  tmpDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ttf-'));
  const f = path.join(tmpDir, `print${counter++}.wasm`);
  const o = path.join(tmpDir, `print${counter++}.wat`);
  fs.writeFileSync(f, bytes);
  try {
    const { rc, output } = await runWasmOpt([f, ...FEATURE_FLAGS, '-q', '--emit-text', '-o', o]);
    if (rc !== 0) return `(wasm-opt could not print the module: ${output})`;
    return fs.readFileSync(o, 'utf8');
  } finally {
    fs.rmSync(f, { force: true });
    fs.rmSync(o, { force: true });
  }
}

/** A shell command that reproduces seed's module with the CLI (writes the input bytes first). */
export function cliCommand(seed, outFile = `seed${seed}.wasm`, denan = usesDenan(seed)) {
  return `node -e "import('./test/fuzz/ttf-gen.mjs').then(g=>require('fs').writeFileSync('seed${seed}.bin', g.inputBytes(${seed})))" && node node_modules/binaryen/bin/wasm-opt seed${seed}.bin ${genFlags(seed, denan).join(' ')} -o ${outFile}`;
}
