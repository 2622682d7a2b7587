// WasiJsApi: C programs instantiated through @proj/webassembly's WebAssembly (and V8's own) with
// its import object, with a synchronous and an asynchronous stdin, against the same program run
// through runCommand and through node:wasi live: output, errors and exit codes must agree.
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';
import { Trap, UnsupportedError } from '@proj/interpreter';
import { assemble, loadWabt } from '@proj/testkit';
import { createWebAssembly } from '@proj/webassembly';
import { afterAll, describe, expect, test } from 'vitest';
import { MemoryFs, WasiExit, WasiJsApi, runCommand, type InputSource, type WasiOptions } from '../src/index.js';
import { NodeFs } from '../src/node.js';
import { PROFILE, keep, removeDir, tempDir } from './harness.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = join(root, 'examples/wasi/data');
const Wasm = createWebAssembly({ profile: PROFILE });
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const decode = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));

/** What a run of a program gave. */
interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A program: its .wasm, its arguments and environment, and what it reads on stdin. */
interface Case {
  wasm: string;
  args: string[];
  env?: Record<string, string>;
  stdin: string;
}

const program = (name: string) => join(root, 'packages/cli/test/programs', `${name}.wasm`);
const CAT = join(root, 'examples/wasi/cat.wasm');
const STDIN = 'typed on stdin\nand a second line\n\nlast, no newline';

const CASES: [string, Case][] = [
  ['cat: stdin, then a file', { wasm: CAT, args: ['cat', '/data/note.txt'], stdin: STDIN }],
  ['cat: a file that is not there (exit 2)', { wasm: CAT, args: ['cat', '/data/note.txt', '/data/none'], stdin: STDIN }],
  ['cat: a path outside the preopen (exit 2)', { wasm: CAT, args: ['cat', '/etc/passwd'], stdin: '' }],
  ['stdin_lines', { wasm: program('stdin_lines'), args: ['stdin_lines'], stdin: STDIN }],
  ['args_env', { wasm: program('args_env'), args: ['args_env', 'one', 'two words', 'é'], env: { LANG: 'C', EMPTY: '' }, stdin: '' }],
  ['exit_codes: exit(7) is proc_exit', { wasm: program('exit_codes'), args: ['exit_codes', 'exit', '7'], stdin: '' }],
  ['exit_codes: return 5 from main', { wasm: program('exit_codes'), args: ['exit_codes', 'return', '5'], stdin: '' }],
  ['exit_codes: exit flushes stdio', { wasm: program('exit_codes'), args: ['exit_codes', 'flush', '5'], stdin: '' }],
  ['async_stdin: a chunked copy of 20 KiB', { wasm: program('async_stdin'), args: ['async_stdin'], stdin: 'abcdefghij'.repeat(2048) }],
  ['args_env: no arguments, no environment', { wasm: program('args_env'), args: ['args_env'], stdin: '' }],
  ['clocks', { wasm: program('clocks'), args: ['clocks'], stdin: '' }],
  ['random', { wasm: program('random'), args: ['random'], stdin: '' }],
];

/** The program on V8 with node:wasi, stdin from a file, stdout and stderr to files. */
async function nodeWasi(c: Case): Promise<Outcome> {
  const dir = tempDir();
  dirs.push(dir);
  writeFileSync(join(dir, 'in'), c.stdin);
  const stdio = { stdin: openSync(join(dir, 'in'), 'r'), stdout: openSync(join(dir, 'out'), 'w+'), stderr: openSync(join(dir, 'err'), 'w+') };
  const wasi = keep(new WASI({ version: 'preview1', args: c.args, env: c.env ?? {}, preopens: { '/data': dataDir }, returnOnExit: true, ...stdio }));
  const { instance } = (await WebAssembly.instantiate(readFileSync(c.wasm), wasi.getImportObject() as WebAssembly.Imports)) as unknown as {
    instance: WebAssembly.Instance;
  };
  const code = wasi.start(instance);
  return { code, stdout: readFileSync(join(dir, 'out'), 'utf8'), stderr: readFileSync(join(dir, 'err'), 'utf8') };
}

/** WASI options for case `c` with `stdin`, collecting stdout and stderr. */
function options(c: Case, stdin: InputSource): { wasi: WasiOptions; outcome: (code: number) => Outcome } {
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  const wasi: WasiOptions = {
    args: c.args,
    env: c.env,
    stdin,
    stdout: (b) => void out.push(b.slice()),
    stderr: (b) => void err.push(b.slice()),
    preopens: { '/data': new NodeFs(dataDir) },
  };
  return { wasi, outcome: (code) => ({ code, stdout: decode(out), stderr: decode(err) }) };
}

/** An asynchronous stdin: `text` in chunks of 5 bytes, each in a later turn of the event loop. */
function asyncStdin(text: string): InputSource {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (at >= bytes.length) return null;
    at += 5;
    return bytes.slice(at - 5, at);
  };
}

/** Whether stdin is read in more than one host turn (asynchronously). */
function counting(source: InputSource): { source: InputSource; reads: () => number } {
  let reads = 0;
  const f = source as () => Promise<Uint8Array | null>;
  return { source: () => (reads++, f()), reads: () => reads };
}

type WebAssemblyLike = { instantiate(bytes: Uint8Array, imports: object): Promise<unknown> };

async function throughJsApi(c: Case, stdin: InputSource, wasm: WebAssemblyLike, jspi: boolean): Promise<Outcome> {
  const { wasi: opts, outcome } = options(c, stdin);
  const wasi = new WasiJsApi(opts, jspi ? Wasm : undefined);
  const { instance } = (await wasm.instantiate(readFileSync(c.wasm), wasi.getImportObject())) as { instance: { exports: Record<string, unknown> } };
  return outcome(await wasi.start(instance));
}

describe.each(CASES)('%s', (_, c) => {
  test('through @proj/webassembly (sync stdin, and async stdin with JSPI), runCommand and V8, as node:wasi', async () => {
    const expected = await nodeWasi(c);
    const run = options(c, c.stdin);
    expect(run.outcome(await runCommand(readFileSync(c.wasm), { ...run.wasi, profile: PROFILE }))).toEqual(expected);
    expect(await throughJsApi(c, c.stdin, Wasm, false)).toEqual(expected);
    expect(await throughJsApi(c, c.stdin, WebAssembly as unknown as WebAssemblyLike, false)).toEqual(expected);
    const stdin = counting(asyncStdin(c.stdin));
    expect(await throughJsApi(c, stdin.source, Wasm, true)).toEqual(expected);
    if (c.stdin.length > 0) expect(stdin.reads()).toBeGreaterThan(c.stdin.length / 5);
  });
});

describe('exits and failures', () => {
  const exitCodes = { wasm: program('exit_codes'), stdin: '' };

  test('a trap is the WebAssembly object RuntimeError, not an exit code', async () => {
    for (const how of ['abort', 'trap']) {
      const c = { ...exitCodes, args: ['exit_codes', how] };
      await expect(throughJsApi(c, '', Wasm, false)).rejects.toBeInstanceOf(Wasm.RuntimeError);
      await expect(throughJsApi(c, '', Wasm, true)).rejects.toBeInstanceOf(Wasm.RuntimeError);
      await expect(throughJsApi(c, '', WebAssembly as unknown as WebAssemblyLike, false)).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
    }
  });

  test('an asynchronous stdin without JSPI fails with UnsupportedError naming the function', async () => {
    const c = { wasm: CAT, args: ['cat'], stdin: 'x' };
    for (const wasm of [Wasm, WebAssembly as unknown as WebAssemblyLike]) {
      const failure = throughJsApi(c, asyncStdin('some input'), wasm, false);
      await expect(failure).rejects.toBeInstanceOf(UnsupportedError);
      await expect(failure).rejects.toThrow(/fd_read completes asynchronously/);
    }
  });

  test('a program that sleeps runs with JSPI as through runCommand; without JSPI it fails in poll_oneoff', async () => {
    // node:wasi is not the reference here: it fails poll_oneoff on a stdout that is a regular file.
    const c = { wasm: program('poll'), args: ['poll'], stdin: 'ready\n' };
    for (const stdin of [() => c.stdin, () => asyncStdin(c.stdin)]) {
      const run = options(c, stdin());
      const expected = run.outcome(await runCommand(readFileSync(c.wasm), { ...run.wasi, profile: PROFILE }));
      expect(expected.stdout).toContain('poll waited: yes');
      expect(await throughJsApi(c, stdin(), Wasm, true)).toEqual(expected);
    }
    await expect(throughJsApi(c, c.stdin, Wasm, false)).rejects.toThrow(/poll_oneoff completes asynchronously/);
  });

  test('an output sink that answers later (a WritableStream) works with JSPI, as node:wasi; without JSPI it fails in fd_write', async () => {
    const c = { wasm: CAT, args: ['cat', '/data/note.txt'], stdin: STDIN };
    const expected = await nodeWasi(c);
    const run = (jspi: boolean) => {
      const written: Uint8Array[] = [];
      const stdout = new WritableStream<Uint8Array>({
        write: async (chunk) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          written.push(chunk.slice());
        },
      });
      const err: Uint8Array[] = [];
      const wasi = new WasiJsApi({ args: c.args, stdin: c.stdin, stdout, stderr: (b) => void err.push(b.slice()), preopens: { '/data': new NodeFs(dataDir) } }, jspi ? Wasm : undefined);
      return (async () => {
        const { instance } = (await Wasm.instantiate(readFileSync(c.wasm), wasi.getImportObject())) as { instance: { exports: Record<string, unknown> } };
        const code = await wasi.start(instance);
        return { code, stdout: decode(written), stderr: decode(err) };
      })();
    };
    expect(await run(true)).toEqual(expected);
    await expect(run(false)).rejects.toThrow(/fd_write completes asynchronously/);
  });

  test('a WASI call from a start function, before start names the memory, fails naming the problem', async () => {
    const bytes = assemble(
      await loadWabt(),
      `(module (import "${P}" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1) (func $s (drop (call $w (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))) (start $s))`,
    );
    await expect(Wasm.instantiate(bytes, new WasiJsApi({}).getImportObject())).rejects.toBeInstanceOf(Wasm.RuntimeError);
    await expect(Wasm.instantiate(bytes, new WasiJsApi({}).getImportObject())).rejects.toThrow(/WASI fd_write failed: no memory yet/);
    await expect(WebAssembly.instantiate(bytes, new WasiJsApi({}).getImportObject() as WebAssembly.Imports)).rejects.toThrow(/no memory yet/);
  });

  test('an instance without memory or without _start is a NotFoundError', async () => {
    const wasi = new WasiJsApi({});
    await expect(wasi.start({ exports: {} })).rejects.toMatchObject({ kind: 'not-found', message: expect.stringMatching(/memory/) as unknown });
    const memory = new Wasm.Memory({ initial: 1 });
    await expect(wasi.start({ exports: { memory } })).rejects.toMatchObject({ kind: 'not-found', message: expect.stringMatching(/_start/) as unknown });
    await expect(wasi.initialize({ exports: { memory } })).resolves.toBeUndefined();
  });
});

const P = 'wasi_snapshot_preview1';
/**
 * A reactor: `_initialize` writes "ready\n" (or exits with 9 if argv has two entries); `copy`
 * reads up to 64 bytes of stdin into memory, writes them to stdout and returns how many; `quit`
 * exits with its argument.
 */
const REACTOR = `(module
  (import "${P}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "${P}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "${P}" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "${P}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 200) "ready\\n")
  (func (export "_initialize")
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (if (i32.eq (i32.load (i32.const 0)) (i32.const 2)) (then (call $exit (i32.const 9))))
    (i32.store (i32.const 16) (i32.const 200))
    (i32.store (i32.const 20) (i32.const 6))
    (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))
  (func (export "copy") (result i32)
    (i32.store (i32.const 16) (i32.const 100))
    (i32.store (i32.const 20) (i32.const 64))
    (drop (call $read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)))
    (i32.store (i32.const 20) (i32.load (i32.const 24)))
    (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 28)))
    (i32.load (i32.const 24)))
  (func (export "quit") (param i32) (call $exit (local.get 0))))`;

/** A command that grows its memory, then writes "grown\n" from the new page (through `ns`). */
const GROWS = (ns: string) => `(module
  (import "${ns}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 70000) (i32.const 70016))
    (i32.store (i32.const 70004) (i32.const 6))
    (i64.store (i32.const 70016) (i64.const 0x0a6e776f7267))
    (if (call $write (i32.const 1) (i32.const 70000) (i32.const 1) (i32.const 70008)) (then unreachable))))`;

describe('memory and namespaces', () => {
  test('a memory grown by the program is seen at the next call, as node:wasi sees it; wasi_unstable as runCommand', async () => {
    const bytes = assemble(await loadWabt(), GROWS(P));
    const file = join(tempDir(), 'grows.wasm');
    dirs.push(join(file, '..'));
    writeFileSync(file, bytes);
    const c = { wasm: file, args: ['grows'], stdin: '' };
    const expected = await nodeWasi(c);
    expect(expected.stdout).toBe('grown\n');
    expect(await throughJsApi(c, '', Wasm, false)).toEqual(expected);
    expect(await throughJsApi(c, '', Wasm, true)).toEqual(expected);
    expect(await throughJsApi(c, '', WebAssembly as unknown as WebAssemblyLike, false)).toEqual(expected);

    writeFileSync(file, assemble(await loadWabt(), GROWS('wasi_unstable')));
    const run = options(c, '');
    expect(await throughJsApi(c, '', Wasm, true)).toEqual(run.outcome(await runCommand(readFileSync(file), { ...run.wasi, profile: PROFILE })));
  });
});

describe('a reactor', () => {
  test('_initialize, then an export through promising with an async stdin, as node:wasi', async () => {
    const bytes = assemble(await loadWabt(), REACTOR);
    const input = 'reactor input';

    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir, 'in'), input);
    const stdio = { stdin: openSync(join(dir, 'in'), 'r'), stdout: openSync(join(dir, 'out'), 'w+'), stderr: openSync('/dev/null', 'w') };
    const reference = keep(new WASI({ version: 'preview1', args: ['r'], returnOnExit: true, ...stdio }));
    const v8 = (await WebAssembly.instantiate(bytes, reference.getImportObject() as WebAssembly.Imports)) as unknown as { instance: WebAssembly.Instance };
    reference.initialize(v8.instance);
    const expectedCount = (v8.instance.exports.copy as () => number)();
    const expectedOut = readFileSync(join(dir, 'out'), 'utf8');

    const out: Uint8Array[] = [];
    const wasi = new WasiJsApi({ args: ['r'], stdin: asyncStdin(input), stdout: (b) => void out.push(b.slice()) }, Wasm);
    const { instance } = (await Wasm.instantiate(bytes, wasi.getImportObject())) as { instance: { exports: Record<string, unknown> } };
    await wasi.initialize(instance);
    const copy = Wasm.promising(instance.exports.copy as () => number);
    let count = (await wasi.invoke(instance, 'copy')) as number;
    for (let n = (await copy()) as number; n > 0; n = (await copy()) as number) count += n;
    // node:wasi reads the whole (short) file at once; the async stdin gives it 5 bytes a call.
    expect(count).toBe(expectedCount);
    expect(decode(out)).toBe(expectedOut);
    // Called directly (not through promising), an import that may suspend is a SuspendError.
    expect(() => (instance.exports.copy as () => number)()).toThrow(Wasm.SuspendError);
    await expect(wasi.invoke(instance, 'none')).rejects.toMatchObject({ kind: 'not-found' });
  });

  test('proc_exit in an export rejects invoke with WasiExit; through promising directly, an Error caused by it', async () => {
    const bytes = assemble(await loadWabt(), REACTOR);
    for (const webAssembly of [Wasm, undefined]) {
      const wasi = new WasiJsApi({ args: ['r'], stdout: () => undefined }, webAssembly);
      const { instance } = (await Wasm.instantiate(bytes, wasi.getImportObject())) as { instance: { exports: Record<string, unknown> } };
      await wasi.initialize(instance);
      await expect(wasi.invoke(instance, 'quit', 4)).rejects.toMatchObject({ name: 'WasiExit', code: 4 });
      await expect(wasi.invoke(instance, 'quit', -1)).rejects.toMatchObject({ code: 4294967295 });
    }
    const wasi = new WasiJsApi({ args: ['r'], stdout: () => undefined }, Wasm);
    const { instance } = (await Wasm.instantiate(bytes, wasi.getImportObject())) as { instance: { exports: Record<string, unknown> } };
    await wasi.initialize(instance);
    const direct = Wasm.promising(instance.exports.quit as (code: number) => void)(6);
    await expect(direct).rejects.toMatchObject({ cause: { code: 6 } });
  });

  test('proc_exit in _initialize rejects with WasiExit and its code, in memory or not', async () => {
    const bytes = assemble(await loadWabt(), REACTOR);
    for (const webAssembly of [Wasm, undefined]) {
      const wasi = new WasiJsApi({ args: ['r', 'exit'], preopens: { '/': new MemoryFs() } }, webAssembly);
      const { instance } = (await Wasm.instantiate(bytes, wasi.getImportObject())) as { instance: { exports: Record<string, unknown> } };
      const failure = wasi.initialize(instance);
      await expect(failure).rejects.toBeInstanceOf(WasiExit);
      await expect(failure).rejects.toMatchObject({ code: 9 });
      await expect(failure).rejects.toBeInstanceOf(Trap);
    }
  });
});
