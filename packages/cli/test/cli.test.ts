// The wasm-ts command, run as a process: exit statuses, messages, flags, standard streams and
// preopened directories; `validate` agrees with V8's WebAssembly.validate.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, loadWabt } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseRun } from '../src/cli.js';

const main = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/main.js');
const P = 'wasi_snapshot_preview1';
let dir: string;

/** Runs wasm-ts with `args` in `dir`; returns status, stdout and stderr. */
function wasmTs(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: dir, input, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Prints argv (one per line) and the environment, copies stdin, writes FILE into /out, exits with 5. */
const PROGRAM = `(module
  (import "${P}" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "${P}" "args_get" (func $args (param i32 i32) (result i32)))
  (import "${P}" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
  (import "${P}" "environ_get" (func $env (param i32 i32) (result i32)))
  (import "${P}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "${P}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "${P}" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "${P}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 2)
  (data (i32.const 900) "FILE")
  ;; Writes the NUL-terminated strings whose pointers are at ptrs[0..n), each with a newline.
  (func $lines (param $ptrs i32) (param $n i32)
    (local $s i32) (local $len i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.load (local.get $ptrs)))
      (local.set $len (i32.const 0))
      (block $end (loop $scan
        (br_if $end (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $len)))))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (br $scan)))
      (i32.store8 (i32.add (local.get $s) (local.get $len)) (i32.const 10))
      (i32.store (i32.const 0) (local.get $s))
      (i32.store (i32.const 4) (i32.add (local.get $len) (i32.const 1)))
      (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (local.set $ptrs (i32.add (local.get $ptrs) (i32.const 4)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next))))
  (func (export "_start")
    (drop (call $args_sizes (i32.const 16) (i32.const 20)))
    (drop (call $args (i32.const 1000) (i32.const 2000)))
    (call $lines (i32.const 1000) (i32.load (i32.const 16)))
    (drop (call $env_sizes (i32.const 16) (i32.const 20)))
    (drop (call $env (i32.const 3000) (i32.const 4000)))
    (call $lines (i32.const 3000) (i32.load (i32.const 16)))
    ;; stdin to stdout
    (i32.store (i32.const 0) (i32.const 8000))
    (i32.store (i32.const 4) (i32.const 4096))
    (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
    (i32.store (i32.const 4) (i32.load (i32.const 8)))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    ;; the stdin bytes again into FILE (created or truncated) under the first preopen (fd 3), if there is one
    (if (i32.eqz (call $open (i32.const 3) (i32.const 0) (i32.const 900) (i32.const 4) (i32.const 9)
                   (i64.const 0x7fffffff) (i64.const 0x7fffffff) (i32.const 0) (i32.const 24)))
      (then (drop (call $write (i32.load (i32.const 24)) (i32.const 0) (i32.const 1) (i32.const 8)))))
    (call $exit (i32.const 5))))`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wasm-ts-cli-'));
  const wabt = await loadWabt();
  writeFileSync(join(dir, 'program.wasm'), assemble(wabt, PROGRAM));
  writeFileSync(join(dir, 'trap.wasm'), assemble(wabt, '(module (memory (export "memory") 1) (func (export "_start") (i32.div_s (i32.const 1) (i32.const 0)) drop))'));
  writeFileSync(join(dir, 'returns.wasm'), assemble(wabt, '(module (memory (export "memory") 1) (func (export "_start")))'));
  writeFileSync(join(dir, 'env-import.wasm'), assemble(wabt, '(module (import "env" "magic" (func)) (func (export "_start")))'));
  writeFileSync(join(dir, 'memory-import.wasm'), assemble(wabt, '(module (import "env" "memory" (memory 1)) (func (export "_start")))'));
  writeFileSync(join(dir, 'no-start.wasm'), assemble(wabt, '(module (memory (export "memory") 1))'));
  // Valid bytes, then a type error in the code (i32.add of nothing), then a bad magic number.
  writeFileSync(join(dir, 'ill-typed.wasm'), assemble(wabt, '(module (func (result i32) i32.add))'));
  writeFileSync(join(dir, 'not-wasm.wasm'), 'hello');
  // Writes "y\n" until fd_write fails, then exits with 9 (or with 0 after a million lines).
  writeFileSync(
    join(dir, 'yes.wasm'),
    assemble(
      wabt,
      `(module (import "${P}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (import "${P}" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1) (data (i32.const 100) "y\\n")
        (func (export "_start") (local $i i32)
          (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 2))
          (loop $l
            (if (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (then (call $exit (i32.const 9))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get $i) (i32.const 1000000))))))`,
    ),
  );
  writeFileSync(join(dir, 'spin.wasm'), assemble(wabt, '(module (memory (export "memory") 1) (func (export "_start") (loop (br 0))))'));
  mkdirSync(join(dir, 'host'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wasm-ts run', () => {
  test('arguments (argv[0] as given), environment, stdin, a preopened directory, exit status', () => {
    const r = wasmTs(['run', '--env', 'A=1', '--env=B=x=y', '--dir', 'host::/out', './program.wasm', 'one', '--two'], 'input bytes');
    expect(r).toEqual({ status: 5, stdout: './program.wasm\none\n--two\nA=1\nB=x=y\ninput bytes', stderr: '' });
    expect(readFileSync(join(dir, 'host', 'FILE'), 'utf8')).toBe('input bytes');
  });

  test('--dir D alone preopens D under its own name; every profile gives the same output', () => {
    const outputs = ['fast', 'compact', 'compiled'].map((p) => wasmTs(['run', '--profile', p, '--dir', 'host', 'program.wasm'], p));
    outputs.forEach((r) => expect(r.status, r.stderr).toBe(5));
    expect(outputs.map((r) => r.stdout.split('\n')[0])).toEqual(['program.wasm', 'program.wasm', 'program.wasm']);
    expect(readFileSync(join(dir, 'host', 'FILE'), 'utf8')).toBe('compiled');
  });

  test('a closed output pipe: fd_write fails with io for the program, no crash', async () => {
    const child = spawn(process.execPath, [main, 'run', 'yes.wasm'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect({ status, stderr }).toEqual({ status: 9, stderr: '' });
  });

  test('a program that returns from _start exits with 0', () => {
    expect(wasmTs(['run', 'returns.wasm'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('a trap prints "trap: REASON" and exits with 134', () => {
    expect(wasmTs(['run', 'trap.wasm'])).toEqual({ status: 134, stdout: '', stderr: 'trap: integer divide by zero\n' });
  });

  test('--fuel N with ample fuel: the same output and status as unmetered, in every profile', () => {
    const args = ['--env', 'A=1', './program.wasm', 'one'];
    const unmetered = wasmTs(['run', ...args], 'input bytes');
    expect(unmetered.status).toBe(5);
    for (const profile of ['fast', 'compact', 'compiled']) {
      expect(wasmTs(['run', '--profile', profile, '--fuel', '1000000', ...args], 'input bytes')).toEqual(unmetered);
    }
    expect(wasmTs(['run', '--fuel=0', 'trap.wasm']).stderr).toBe('trap: out of fuel\n');
  });

  test('--fuel N stops a program that runs out: "trap: out of fuel", status 134', () => {
    for (const profile of ['fast', 'compact', 'compiled']) {
      expect(wasmTs(['run', '--profile', profile, '--fuel', '100000', 'spin.wasm'])).toEqual({ status: 134, stdout: '', stderr: 'trap: out of fuel\n' });
    }
    // yes.wasm would write a million lines: what it wrote before its fuel ran out stays written.
    const r = wasmTs(['run', '--fuel', '20000', 'yes.wasm']);
    expect(r.status).toBe(134);
    expect(r.stderr).toBe('trap: out of fuel\n');
    expect(r.stdout).toMatch(/^(y\n)+$/);
    expect(r.stdout.length / 2).toBeLessThan(20000);
  });

  test('an invalid module prints its error with the byte offset and exits with 1', () => {
    const r = wasmTs(['run', 'not-wasm.wasm']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^wasm-ts: invalid: .*\(at byte offset \d+\)\n$/);
  });

  test.each([
    [['run', 'missing.wasm'], 1, /cannot read missing\.wasm: ENOENT/],
    [['run', 'env-import.wasm'], 1, /cannot provide import env\.magic \(func\)/],
    [['run', 'memory-import.wasm'], 1, /cannot provide import env\.memory \(memory\)/],
    [['run', 'no-start.wasm'], 1, /_start/],
    [['run', '--dir', 'nowhere', 'program.wasm'], 1, /--dir nowhere: not a directory/],
    [['run', '--profile', 'turbo', 'program.wasm'], 2, /--profile must be one of fast, compact, compiled, not turbo/],
    [['run', '--fuel', '-1', 'program.wasm'], 2, /--fuel must be an integer from 0 to 9007199254740991, not -1/],
    [['run', '--fuel=1.5', 'program.wasm'], 2, /--fuel must be an integer .*, not 1\.5/],
    [['run', '--fuel', '1e6', 'program.wasm'], 2, /--fuel must be an integer .*, not 1e6/],
    [['run', '--fuel=', 'program.wasm'], 2, /--fuel must be an integer .*, not $/m],
    [['run', '--fuel', 'lots', 'program.wasm'], 2, /--fuel must be an integer .*, not lots/],
    [['run', '--fuel', '9007199254740992', 'program.wasm'], 2, /--fuel must be an integer .*, not 9007199254740992/],
    [['run', '--fuel'], 2, /--fuel needs a value/],
    [['run', '--env', 'NOVALUE', 'program.wasm'], 2, /--env NOVALUE: expected KEY=VALUE/],
    [['run', '--bogus', 'program.wasm'], 2, /unknown option --bogus/],
    [['run', '--dir'], 2, /--dir needs a value/],
    [['run'], 2, /missing FILE\.wasm/],
    [['frobnicate'], 2, /unknown command frobnicate/],
    [[], 2, /missing command/],
  ])('%j: status %i and a message that names the problem', (args, status, message) => {
    const r = wasmTs(args);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error| {4}at /);
  });
});

describe('wasm-ts validate', () => {
  test('one line per file, status 1 if any is invalid; the verdicts are V8s', () => {
    const files = ['program.wasm', 'ill-typed.wasm', 'trap.wasm', 'not-wasm.wasm'];
    const r = wasmTs(['validate', ...files]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(files.length);
    files.forEach((file, i) => {
      const valid = WebAssembly.validate(readFileSync(join(dir, file)));
      expect(lines[i]).toMatch(valid ? new RegExp(`^${file}: valid$`) : new RegExp(`^${file}: invalid: .*at byte offset \\d+`));
    });
  });

  test('all valid: status 0; a missing file: status 1 and its name', () => {
    expect(wasmTs(['validate', 'program.wasm', 'returns.wasm'])).toMatchObject({ status: 0, stderr: '' });
    const r = wasmTs(['validate', 'program.wasm', 'gone.wasm']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot read gone\.wasm/);
  });
});

describe('parseRun', () => {
  test('options stop at the file; later arguments belong to the program', () => {
    expect(parseRun(['--profile=compact', '--dir', 'a::/b', '--dir', 'c', 'f.wasm', '--profile', 'x'])).toEqual({
      profile: 'compact',
      dirs: [
        { host: 'a', guest: '/b' },
        { host: 'c', guest: 'c' },
      ],
      env: {},
      file: 'f.wasm',
      args: ['--profile', 'x'],
    });
    expect(parseRun(['--', '--odd-name.wasm']).file).toBe('--odd-name.wasm');
    expect(parseRun(['--fuel=250', 'f.wasm'])).toMatchObject({ fuel: 250, file: 'f.wasm' });
    expect(parseRun(['f.wasm']).fuel).toBeUndefined();
  });
});
