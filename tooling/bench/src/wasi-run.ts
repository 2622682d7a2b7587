/**
 * WASI commands for the programs suite, run through `@proj/wasi`: on our engine with
 * `runCommand`, on V8 with `WasiJsApi` (plain synchronous imports on V8's own WebAssembly), so
 * that the same code answers the program's WASI calls on both sides. Standard input is a buffer
 * and standard output and error are collected into buffers, so no WASI call completes later.
 * Node's own `node:wasi` runs the command on V8 as the reference that code is checked against.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import type { Module } from '@proj/interpreter';
import { concatBytes } from '@proj/testkit';
import { runCommand, type WasiOptions, WasiJsApi } from '@proj/wasi';
import { V8Wasm } from './v8.js';

/** What a program is given and what it produced. */
export interface WasiRun {
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
  /** proc_exit's code, or 0 when `_start` returned. */
  readonly exitCode: number;
}

export interface WasiInput {
  /** argv, program name first. */
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: Uint8Array;
}

/** The options for `@proj/wasi` that give the program `input` and keep what it writes. */
function capture(input: WasiInput): { options: WasiOptions; result: (exitCode: number) => WasiRun } {
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  return {
    // Each write is a copy of the program's bytes, ours to keep.
    options: { args: input.args, env: input.env, stdin: input.stdin, stdout: (bytes) => void out.push(bytes), stderr: (bytes) => void err.push(bytes) },
    result: (exitCode) => ({ stdout: concatBytes(out), stderr: concatBytes(err), exitCode }),
  };
}

/**
 * Runs a WASI command on V8 (`module` from `new WebAssembly.Module`): a fresh instance with
 * `WasiJsApi`'s imports, then `_start`. Rejects with what the program throws, except proc_exit.
 */
export async function runWasiOnV8(module: object, input: WasiInput): Promise<WasiRun> {
  const { options, result } = capture(input);
  const wasi = new WasiJsApi(options);
  const instance = new V8Wasm.Instance(module, wasi.getImportObject());
  return result(await wasi.start(instance));
}

/**
 * Runs a WASI command on our engine (a prepared `Module`) with `runCommand`: a fresh Store and
 * instance, then `_start`; with `fuel`, in a store metered with that budget. Rejects with what
 * the engine throws (a `Trap`, for one).
 */
export async function runWasiOnOurs(module: Module, input: WasiInput, fuel?: number): Promise<WasiRun> {
  const { options, result } = capture(input);
  return result(await runCommand(module, { ...options, fuel }));
}

/**
 * Runs a WASI command on V8 with Node's own `node:wasi` (stdin and stdout through temporary
 * files): the reference `@proj/wasi`'s output is checked against.
 */
export function runWasiOnNode(bytes: Uint8Array, input: WasiInput): WasiRun {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wasi-'));
  const paths = ['stdin', 'stdout', 'stderr'].map((n) => join(dir, n));
  writeFileSync(paths[0]!, input.stdin ?? new Uint8Array(0));
  const fds = [openSync(paths[0]!, 'r'), openSync(paths[1]!, 'w'), openSync(paths[2]!, 'w')];
  try {
    const wasi = new WASI({ version: 'preview1', args: [...input.args], env: { ...input.env }, stdin: fds[0], stdout: fds[1], stderr: fds[2], returnOnExit: true });
    const instance = new V8Wasm.Instance(new V8Wasm.Module(bytes), wasi.getImportObject());
    const exitCode = wasi.start(instance);
    return { stdout: readFileSync(paths[1]!), stderr: readFileSync(paths[2]!), exitCode };
  } finally {
    for (const fd of fds) closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}
