// The C programs beside this file (see build.sh), run by `wasm-ts run` in each profile and by
// Node's own WASI (node:wasi, through tooling/wasi-testsuite/node-wasi.mjs, which takes the same
// command line): standard output, standard error, exit status and the files left in the
// preopened directory must agree. Where node:wasi departs from the WASI specification, the case's
// `specAnswer` rewrites Node's output into the specification's answer, with the reason beside it.
// Departures the programs avoid instead: node:wasi's fd_readdir omits "." and ".." (files.c skips
// them), and it fails poll_oneoff's fd_write subscription with EPERM when stdout is a regular file
// (stdout is a pipe here).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const wasmTs = resolve(here, '../../dist/main.js');
const nodeWasi = resolve(here, '../../../../tooling/wasi-testsuite/node-wasi.mjs');
const PROFILES = ['fast', 'compact', 'compiled'] as const;
const RUN_TIMEOUT_MS = 30_000;

interface Case {
  name: string;
  program: string;
  args?: string[];
  env?: Record<string, string>;
  /** Standard input, written at once and then closed. */
  stdin?: string;
  /** Standard input given in steps: each sends its text (if any), then waits until the output
   * contains `until` before the next step. */
  dialogue?: { send?: string; until: string }[];
  /** Guest paths under which fresh temporary directories are preopened, filled by `setup` first. */
  preopens?: string[];
  setup?: (dirs: string[]) => Promise<void>;
  /** Read nothing from stdout for the first second, so that the pipe fills up. */
  slowReader?: boolean;
  /** Node's result turned into the specification's, where the two differ. */
  specAnswer?: (reference: Outcome) => Outcome;
}

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The preopened directories afterwards: one line per entry. */
  files: string[][];
}

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wasm-ts-programs-'));
  scratch.push(dir);
  return dir;
}

/** A file's contents as shown in a snapshot: the text when short, else its size and hash. */
function describeContents(bytes: Buffer): string {
  if (bytes.length <= 200) return JSON.stringify(bytes.toString('latin1'));
  return `${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`;
}

/** One line per entry under DIR, sorted: type, path, and contents or link target. Modification
 * times are kept only when a program set them to a fixed date (before 2011); others vary. */
async function snapshot(dir: string, prefix = ''): Promise<string[]> {
  const lines: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const shown = prefix + name;
    const stats = await lstat(path);
    const fixedTime = stats.mtimeMs < Date.UTC(2011, 0) ? ` mtime ${Math.floor(stats.mtimeMs / 1000)}` : '';
    if (stats.isSymbolicLink()) lines.push(`symlink ${shown} -> ${await readlink(path)}`);
    else if (stats.isDirectory()) lines.push(`dir ${shown}`, ...(await snapshot(path, `${shown}/`)));
    else lines.push(`file ${shown} ${describeContents(await readFile(path))}${fixedTime}`);
  }
  return lines;
}

/** Runs `node SCRIPT ...options FILE ...args` for the case and collects its outcome. */
async function run(script: string, options: string[], spec: Case): Promise<Outcome> {
  const guests = spec.preopens ?? [];
  const dirs = await Promise.all(guests.map(() => freshDir()));
  if (spec.setup) await spec.setup(dirs);
  const env = Object.entries(spec.env ?? {}).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
  const preopens = dirs.flatMap((dir, i) => ['--dir', `${dir}::${guests[i]}`]);
  const child = spawn(
    process.execPath,
    [script, ...options, ...preopens, ...env, join(here, `${spec.program}.wasm`), ...(spec.args ?? [])],
    { stdio: 'pipe' },
  );
  let stdout = '';
  let stderr = '';
  let waiting: (() => void) | undefined;
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    waiting?.();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  if (spec.slowReader) {
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 1000);
  }
  child.stdin.on('error', () => {}); // a program that ends without reading its input
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));

  if (spec.dialogue) {
    for (const { send, until } of spec.dialogue) {
      if (send !== undefined) child.stdin.write(send);
      // Input arrives only once the program has answered what it had: a host that waits for
      // the end of input before running the program never answers, and the run times out.
      while (!stdout.includes(until) && child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((wake) => {
          waiting = wake;
          setTimeout(wake, 200);
        });
      }
    }
  } else if (spec.stdin !== undefined) {
    child.stdin.write(spec.stdin);
  }
  child.stdin.end();
  const status = await exited;
  clearTimeout(timer);
  return { status, stdout, stderr, files: await Promise.all(dirs.map((dir) => snapshot(dir))) };
}

/** Output past a few kilobytes as its length, hash and ending, so that a difference stays readable. */
function summarize(text: string): string {
  if (text.length <= 4096) return text;
  const hash = createHash('sha256').update(text).digest('hex');
  return `${text.length} characters, sha256 ${hash}, ending ${JSON.stringify(text.slice(-80))}`;
}

/** The outcome as compared: a trap's reason is the engine's own wording, so only the `trap: `
 * prefix counts, and long output is summarized. */
function comparable(outcome: Outcome): Outcome {
  const stderr = outcome.stderr.replace(/^trap: .*$/gm, 'trap: (reason)');
  return { ...outcome, stdout: summarize(outcome.stdout), stderr: summarize(stderr) };
}

/** Where node:wasi (uvwasi) departs from the specification in files.c, the specification's answer:
 * - path_readlink into a buffer shorter than the link fails with ENOBUFS in Node; the link is
 *   truncated to the buffer, as POSIX readlink and the official suite's readlink test have it.
 * - fd_fdstat_get does not report the APPEND flag that fd_fdstat_set_flags set (the write does
 *   append); fd_fdstat_get returns the descriptor's flags (the suite's path_filestat checks it). */
function filesSpecAnswer(reference: Outcome): Outcome {
  const stdout = reference.stdout
    .replace(
      'readlink into 3 bytes: error (No buffer space available)\nreadlink truncated text: ""',
      'readlink into 3 bytes: ok (3)\nreadlink truncated text: "b.t"',
    )
    .replace('O_APPEND now set: no', 'O_APPEND now set: yes');
  return { ...reference, stdout };
}

const lines = (...text: string[]) => text.map((line) => `${line}\n`).join('');

const CASES: Case[] = [
  {
    name: 'files: every file and directory operation',
    program: 'files',
    args: ['/sandbox'],
    preopens: ['/sandbox'],
    specAnswer: filesSpecAnswer,
  },
  { name: 'files: preopened as /', program: 'files', args: ['/'], preopens: ['/'], specAnswer: filesSpecAnswer },
  {
    name: 'files: preopened as . (relative paths)',
    program: 'files',
    args: ['.'],
    preopens: ['.'],
    specAnswer: filesSpecAnswer,
  },
  {
    name: 'files: over an existing tree',
    program: 'files',
    args: ['/sandbox'],
    preopens: ['/sandbox'],
    specAnswer: filesSpecAnswer,
    setup: async ([dir]) => {
      await mkdir(join(dir, 'd'));
      await writeFile(join(dir, 'd', 'a.txt'), 'existing contents, longer than the new ones\n');
      await writeFile(join(dir, 'd', 'lines.txt'), 'old\n');
      await symlink('a.txt', join(dir, 'd', 'old-link'));
      await mkdir(join(dir, 'e'));
    },
  },
  { name: 'stdin: lines until end of file', program: 'stdin_lines', stdin: lines('first', '', 'third line', 'x'.repeat(1500)) + 'no newline' },
  { name: 'stdin: empty input', program: 'stdin_lines', stdin: '' },
  { name: 'stdin: 50 KiB', program: 'stdin_lines', stdin: lines(...Array.from({ length: 1000 }, (_, i) => `line ${i} `.repeat(6))) },
  {
    name: 'stdin: chunks answered as they arrive',
    program: 'async_stdin',
    dialogue: [
      { send: 'hello\n', until: 'HELLO\n' },
      { send: 'a longer chunk than the buffer\n', until: 'A LONGER CHUNK THAN THE BUFFER\n' },
      { send: 'end', until: 'END' },
    ],
  },
  {
    name: 'poll on stdin before and after input arrives',
    program: 'poll_stdin',
    dialogue: [{ until: 'waiting for input\n' }, { send: 'hello\n', until: 'read ' }],
  },
  { name: 'stdin: chunked copy of 20 KiB', program: 'async_stdin', stdin: 'abcdefghij'.repeat(2048) },
  {
    name: 'args and environment',
    program: 'args_env',
    args: ['one', 'two words', '', 'ünïcödé', '--flag=value'],
    env: { GREETING: 'hello there', EMPTY: '', EQUALS: 'a=b=c', UNICODE: 'é☃' },
  },
  { name: 'no args, no environment', program: 'args_env' },
  { name: 'exit: return 7 from main', program: 'exit_codes', args: ['return', '7'] },
  { name: 'exit: exit(3)', program: 'exit_codes', args: ['exit', '3'] },
  { name: 'exit: exit flushes stdio', program: 'exit_codes', args: ['flush', '5'] },
  {
    name: 'exit: 256 KiB of output to a slow reader, then exit(3)',
    program: 'big_output',
    args: ['4096'],
    slowReader: true,
  },
  { name: 'exit: abort() traps', program: 'exit_codes', args: ['abort'] },
  { name: 'exit: unreachable traps', program: 'exit_codes', args: ['trap'] },
  { name: 'random', program: 'random' },
  { name: 'clocks', program: 'clocks' },
  {
    name: 'poll and sleeps',
    program: 'poll',
    stdin: 'ready\n',
  },
  { name: 'errors without a preopen', program: 'errors' },
  { name: 'errors with a preopen', program: 'errors', args: ['/sandbox'], preopens: ['/sandbox'] },
  {
    name: 'two preopens: copy across and rename back',
    program: 'two_dirs',
    args: ['/in/source.bin', '/out/copy.bin', '/in/moved.bin'],
    preopens: ['/in', '/out'],
    setup: async ([input]) => {
      // Every byte value, in an order that is not a plain ramp; 10000 bytes is 2.4 read buffers.
      const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 167 + (i >> 8)) & 0xff);
      await writeFile(join(input, 'source.bin'), bytes);
    },
  },
];

describe('C programs: wasm-ts run in every profile vs node:wasi', () => {
  for (const spec of CASES) {
    test(spec.name, async () => {
      const [reference, ...ours] = await Promise.all([
        run(nodeWasi, [], spec),
        ...PROFILES.map((profile) => run(wasmTs, ['run', '--profile', profile], spec)),
      ]);
      const expected = comparable(spec.specAnswer ? spec.specAnswer(reference) : reference);
      // Properties the programs assert themselves hold in the reference too.
      expect(expected.stdout).not.toMatch(/: no$/m);
      PROFILES.forEach((profile, i) => {
        expect({ profile, ...comparable(ours[i]) }).toEqual({ profile, ...expected });
      });
    });
  }
});
