import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { benchDir, commandsDir, kernelsDir, programsDir } from './paths.js';
import { assemble, loadWabt } from '@proj/testkit';

/** One WebAssembly module to benchmark. */
export interface BenchModule {
  /** Short name shown in tables and matched by CLI filters. */
  readonly name: string;
  /**
   * Where it comes from: `shared/bench`, `programs` (tooling/bench/programs), `kernels`
   * (tooling/bench/kernels), `commands` (tooling/bench/commands, WASI), `npm:<package>@<version>`
   * (the large modules of the load suite) or `npm-lib:<package>@<version>` (libraries).
   */
  readonly source: string;
  /** Absolute path of the .wasm file. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A large real-world module shipped inside an npm package (a dependency of @proj/bench). */
interface NpmModule {
  readonly name: string;
  readonly packageName: string;
  /** Import specifier of the .wasm file, resolvable through the package's exports. */
  readonly specifier: string;
}

/** The npm-shipped modules: all validate in V8 and use WebAssembly 2.0 features only. */
const NPM_MODULES: readonly NpmModule[] = [
  { name: 'esbuild', packageName: 'esbuild-wasm', specifier: 'esbuild-wasm/esbuild.wasm' }, // Go, ~14 MB
  { name: 'swc', packageName: '@swc/wasm', specifier: '@swc/wasm/wasm_bg.wasm' }, // Rust, ~18 MB
  { name: 'sql.js', packageName: 'sql.js', specifier: 'sql.js/dist/sql-wasm.wasm' }, // C (SQLite, Emscripten), ~0.7 MB
];

const require = createRequire(import.meta.url);

/** Version of the package that owns `file` (walks up to its package.json; exports maps may hide it). */
function packageVersion(file: string, packageName: string): string {
  for (let dir = dirname(file); ; ) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (json.name === packageName) return json.version ?? '?';
    }
    const parent = dirname(dir);
    if (parent === dir) return '?';
    dir = parent;
  }
}

function toBytes(buffer: Buffer): Uint8Array {
  // A plain Uint8Array with its own ArrayBuffer (a Buffer may be a view into a shared pool).
  return new Uint8Array(buffer);
}

/** Every `.wasm` in `dir` (sorted by name), marked with `source`. */
function wasmFiles(dir: string, source: string): BenchModule[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wasm'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      return { name: basename(f, '.wasm'), source, path, bytes: toBytes(readFileSync(path)) };
    });
}

/** Every `.wasm` in the shared bench directory (sorted by name); throws if the directory is missing. */
export function sharedBenchModules(dir: string = benchDir()): BenchModule[] {
  if (!existsSync(dir)) {
    throw new Error(`benchmark directory ${dir} does not exist (set WASM_BENCH_DIR to override)`);
  }
  return wasmFiles(dir, 'shared/bench');
}

/** The C kernels of tooling/bench/kernels (their committed .wasm). */
export function kernelModules(dir: string = kernelsDir()): BenchModule[] {
  return wasmFiles(dir, 'kernels');
}

/** The WASI commands of tooling/bench/commands (their committed .wasm). */
export function commandModules(dir: string = commandsDir()): BenchModule[] {
  return wasmFiles(dir, 'commands');
}

/** hash-wasm's modules benchmarked by the programs suite (see HASH_WASM_FUNCTIONS). */
const HASH_WASM_MODULES = ['md5', 'sha256', 'sha512', 'sha3', 'blake3', 'xxhash128'];

/**
 * Libraries that npm packages ship as wasm: hash-wasm (MIT) embeds each of its modules in its
 * JavaScript as base64 (`var name = "sha256"; var data = "..."`), decoded here.
 */
export function npmLibraryModules(): BenchModule[] {
  const path = require.resolve('hash-wasm/dist/index.esm.js');
  const source = `npm-lib:hash-wasm@${packageVersion(path, 'hash-wasm')}`;
  const text = readFileSync(path, 'utf8');
  const found = new Map<string, Uint8Array>();
  for (const m of text.matchAll(/var name(\$\w+)? = "([^"]+)";\s*var data\1 = "([^"]+)"/g)) {
    found.set(m[2]!, toBytes(Buffer.from(m[3]!, 'base64')));
  }
  return HASH_WASM_MODULES.map((name) => {
    const bytes = found.get(name);
    if (bytes === undefined) throw new Error(`hash-wasm no longer embeds a module named ${name} in ${path}`);
    return { name: `hash-wasm.${name}`, source, path, bytes };
  });
}

/**
 * The programs written for the project in tooling/bench/programs: each `.wat` (assembled here with
 * wabt) and each `.wasm` (whose source sits beside it), sorted by name. A missing folder is empty.
 */
export async function localPrograms(dir: string = programsDir()): Promise<BenchModule[]> {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.wat') || f.endsWith('.wasm'))
    .sort();
  const out: BenchModule[] = [];
  for (const f of files) {
    const path = join(dir, f);
    if (f.endsWith('.wasm')) {
      out.push({ name: basename(f, '.wasm'), source: 'programs', path, bytes: toBytes(readFileSync(path)) });
    } else {
      const bytes = assemble(await loadWabt(), readFileSync(path, 'utf8'), { filename: f });
      out.push({ name: basename(f, '.wat'), source: 'programs', path, bytes });
    }
  }
  return out;
}

/** The large modules from npm packages. */
export function npmModules(): BenchModule[] {
  return NPM_MODULES.map((m) => {
    const path = require.resolve(m.specifier);
    return {
      name: m.name,
      source: `npm:${m.packageName}@${packageVersion(path, m.packageName)}`,
      path,
      bytes: toBytes(readFileSync(path)),
    };
  });
}

/**
 * All benchmark modules: the shared kernels, the project's WAT programs, its C kernels, its WASI
 * commands, the npm libraries, then the large npm modules. With `filters`, only modules whose name (or source) contains one of the
 * substrings are kept.
 */
export async function findModules(filters: readonly string[] = []): Promise<BenchModule[]> {
  const all = [
    ...sharedBenchModules(),
    ...(await localPrograms()),
    ...kernelModules(),
    ...commandModules(),
    ...npmLibraryModules(),
    ...npmModules(),
  ];
  if (filters.length === 0) return all;
  return all.filter((m) => filters.some((f) => m.name.includes(f) || m.source.includes(f)));
}
