/**
 * A module that re-exports every WASI function (`call(name, ...args)` from a test), run on this
 * engine and, for comparison, on V8 with node:wasi: the same calls must give the same errno and
 * write the same bytes.
 */
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { Val, type Profile } from '@proj/interpreter';
import { assemble, loadWabt } from '@proj/testkit';
import { WASI_FUNCTIONS, type WasiOptions, runReactor } from '../src/index.js';

const wat = (module: string): string => {
  const names = Object.keys(WASI_FUNCTIONS).filter((n) => module === 'wasi_snapshot_preview1' || n !== 'sock_accept');
  const type = (n: string): string => {
    const params = [...WASI_FUNCTIONS[n]].map((c) => (c === 'I' ? 'i64' : 'i32')).join(' ');
    return `(param ${params}) ${n === 'proc_exit' ? '' : '(result i32)'}`;
  };
  const imports = names.map((n) => `(import "${module}" "${n}" (func $${n} ${type(n)}))`);
  const exports = names.map((n) => {
    const gets = [...WASI_FUNCTIONS[n]].map((_, i) => `local.get ${i}`).join(' ');
    return `(func (export "${n}") ${type(n)} ${gets} call $${n})`;
  });
  return `(module ${imports.join('\n')} (memory (export "memory") 1) ${exports.join('\n')})`;
};

/** The caller module's bytes for `module` (a WASI namespace). */
export async function callerModule(module = 'wasi_snapshot_preview1'): Promise<Uint8Array> {
  return assemble(await loadWabt(), wat(module));
}

/** One engine running the caller module. */
export interface Side {
  call(name: string, ...args: (number | bigint)[]): Promise<number>;
  memory(): Uint8Array;
}

/** Profile for this run of the tests (TEST_PROFILE, as the other packages' tests). */
export const PROFILE = (process.env.TEST_PROFILE ?? 'fast') as Profile;

/** The caller module on this engine. */
export async function ours(options: WasiOptions, module = 'wasi_snapshot_preview1'): Promise<Side> {
  const reactor = await runReactor(await callerModule(module), { ...options, profile: PROFILE });
  return {
    async call(name, ...args) {
      const vals = [...WASI_FUNCTIONS[name]].map((c, i) => (c === 'I' ? Val.i64(BigInt(args[i])) : Val.i32(Number(args[i]))));
      const [result] = await reactor.invoke(name, vals);
      return result === undefined ? 0 : (result as { value: number }).value;
    },
    memory: () => reactor.store.memory(reactor.inst),
  };
}

/** Host directories that live until the test file ends. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wasi-test-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const kept: WASI[] = [];
/**
 * Keeps a node:wasi instance alive until the test process ends: collecting one during the tests
 * has now and then killed the test process (node 20).
 */
export function keep(wasi: WASI): WASI {
  kept.push(wasi);
  return wasi;
}

/**
 * Standard streams of their own for a node:wasi instance: stdout to `out`, stdin from and stderr
 * to /dev/null. (node:wasi may close the descriptors it was given, so never the test's own 0-2.)
 */
export function referenceStdio(out: string, stdin = '/dev/null'): { stdin: number; stdout: number; stderr: number } {
  return { stdin: openSync(stdin, 'r'), stdout: openSync(out, 'w+'), stderr: openSync('/dev/null', 'w') };
}

/** The caller module on V8 with node:wasi; stdout goes to a file, read by `stdout()`. */
export async function reference(options: {
  args?: string[];
  env?: Record<string, string>;
  preopens?: Record<string, string>;
}): Promise<Side & { stdout(): string }> {
  const out = join(tempDir(), 'stdout');
  const wasi = keep(new WASI({ version: 'preview1', returnOnExit: true, ...referenceStdio(out), ...options }));
  const { instance } = (await WebAssembly.instantiate(await callerModule(), wasi.getImportObject() as WebAssembly.Imports)) as unknown as {
    instance: WebAssembly.Instance;
  };
  wasi.initialize(instance);
  const exports = instance.exports as Record<string, (...a: (number | bigint)[]) => number>;
  return {
    call: async (name, ...args) => exports[name](...[...WASI_FUNCTIONS[name]].map((c, i) => (c === 'I' ? BigInt(args[i]) : Number(args[i])))),
    memory: () => new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer),
    stdout: () => readFileSync(out, 'utf8'),
  };
}

const encoder = new TextEncoder();

/** Writes `text` (UTF-8) at `ptr`; returns its length in bytes. */
export function putString(side: Side, ptr: number, text: string): number {
  const bytes = encoder.encode(text);
  side.memory().set(bytes, ptr);
  return bytes.length;
}

export const u32 = (side: Side, ptr: number): number => new DataView(side.memory().buffer).getUint32(ptr, true);
export const u64 = (side: Side, ptr: number): bigint => new DataView(side.memory().buffer).getBigUint64(ptr, true);
export const setU32 = (side: Side, ptr: number, v: number): void => new DataView(side.memory().buffer).setUint32(ptr, v, true);
export const bytesAt = (side: Side, ptr: number, len: number): Uint8Array => side.memory().slice(ptr, ptr + len);
export const stringAt = (side: Side, ptr: number, len: number): string => new TextDecoder().decode(bytesAt(side, ptr, len));
