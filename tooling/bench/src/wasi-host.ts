/**
 * A minimal WASI preview1 host for the programs suite, the same for V8 and for our engine:
 * arguments, environment, stdout/stderr into buffers, stdin from a buffer, clocks, random,
 * proc_exit. Every other function answers ENOSYS (or EBADF for file descriptors it does not
 * have). `@proj/wasi` (the full implementation) will replace it.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { type Module, type Profile, Store, Val, type ValType } from '@proj/interpreter';
import { concatBytes } from '@proj/testkit';
import { V8Wasm } from './v8.js';

const WASI_MODULE = 'wasi_snapshot_preview1';
const ESUCCESS = 0;
const EBADF = 8;
const ESPIPE = 70;
const ENOSYS = 52;

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

/** Thrown out of a V8 import (and recognised on our side) when the program calls proc_exit. */
class ProcExit extends Error {
  constructor(readonly code: number) {
    super(`proc_exit(${code})`);
  }
}

type Arg = number | bigint;

/** One program run's state: its input, output buffers and the functions it may call. */
class WasiState {
  private readonly argv: Uint8Array[];
  private readonly environ: Uint8Array[];
  private readonly stdin: Uint8Array;
  private stdinPos = 0;
  private readonly out: Uint8Array[] = [];
  private readonly err: Uint8Array[] = [];
  exitCode = 0;

  constructor(
    input: WasiInput,
    private readonly memory: () => Uint8Array,
  ) {
    const enc = new TextEncoder();
    this.argv = input.args.map((a) => enc.encode(`${a}\0`));
    this.environ = Object.entries(input.env ?? {}).map(([k, v]) => enc.encode(`${k}=${v}\0`));
    this.stdin = input.stdin ?? new Uint8Array(0);
  }

  result(): WasiRun {
    return { stdout: concatBytes(this.out), stderr: concatBytes(this.err), exitCode: this.exitCode };
  }

  private view(): DataView {
    const m = this.memory();
    return new DataView(m.buffer, m.byteOffset, m.byteLength);
  }

  /** Writes a list of NUL-terminated strings and the pointers to them (args_get, environ_get). */
  private putList(list: readonly Uint8Array[], ptrs: number, buf: number): number {
    const mem = this.memory();
    const v = this.view();
    for (const s of list) {
      v.setUint32(ptrs, buf, true);
      mem.set(s, buf);
      ptrs += 4;
      buf += s.length;
    }
    return ESUCCESS;
  }

  private putSizes(list: readonly Uint8Array[], countPtr: number, sizePtr: number): number {
    const v = this.view();
    v.setUint32(countPtr, list.length, true);
    v.setUint32(sizePtr, list.reduce((n, s) => n + s.length, 0), true);
    return ESUCCESS;
  }

  /** iovecs at `iovs` (count `n`): pairs of (pointer, length). */
  private iovecs(iovs: number, n: number): [number, number][] {
    const v = this.view();
    const out: [number, number][] = [];
    for (let i = 0; i < n; i++) out.push([v.getUint32(iovs + 8 * i, true), v.getUint32(iovs + 8 * i + 4, true)]);
    return out;
  }

  /** The WASI function `name` with its arguments; returns the errno. Throws ProcExit. */
  call(name: string, a: readonly Arg[]): number {
    const i = (k: number): number => Number(a[k]) >>> 0;
    switch (name) {
      case 'args_sizes_get':
        return this.putSizes(this.argv, i(0), i(1));
      case 'args_get':
        return this.putList(this.argv, i(0), i(1));
      case 'environ_sizes_get':
        return this.putSizes(this.environ, i(0), i(1));
      case 'environ_get':
        return this.putList(this.environ, i(0), i(1));
      case 'clock_res_get':
        this.view().setBigUint64(i(1), 1000n, true);
        return ESUCCESS;
      case 'clock_time_get': {
        const ns = i(0) === 0 ? BigInt(Date.now()) * 1_000_000n : BigInt(Math.round(performance.now() * 1e6));
        this.view().setBigUint64(i(2), ns, true);
        return ESUCCESS;
      }
      case 'random_get':
        globalThis.crypto.getRandomValues(this.memory().subarray(i(0), i(0) + i(1)));
        return ESUCCESS;
      case 'fd_write': {
        const fd = i(0);
        if (fd !== 1 && fd !== 2) return EBADF;
        const mem = this.memory();
        let n = 0;
        for (const [p, len] of this.iovecs(i(1), i(2))) {
          (fd === 1 ? this.out : this.err).push(mem.slice(p, p + len));
          n += len;
        }
        this.view().setUint32(i(3), n, true);
        return ESUCCESS;
      }
      case 'fd_read': {
        if (i(0) !== 0) return EBADF;
        const mem = this.memory();
        let n = 0;
        for (const [p, len] of this.iovecs(i(1), i(2))) {
          const chunk = this.stdin.subarray(this.stdinPos, this.stdinPos + len);
          mem.set(chunk, p);
          this.stdinPos += chunk.length;
          n += chunk.length;
          if (chunk.length < len) break;
        }
        this.view().setUint32(i(3), n, true);
        return ESUCCESS;
      }
      case 'fd_fdstat_get': {
        if (i(0) > 2) return EBADF;
        const v = this.view();
        const p = i(1);
        v.setUint8(p, 2); // filetype: character device
        v.setUint16(p + 2, 0, true);
        v.setBigUint64(p + 8, 0xffffffffn, true);
        v.setBigUint64(p + 16, 0xffffffffn, true);
        return ESUCCESS;
      }
      case 'fd_close':
        return i(0) > 2 ? EBADF : ESUCCESS;
      case 'fd_seek':
        return i(0) > 2 ? EBADF : ESPIPE; // the standard streams are not seekable
      case 'fd_prestat_get':
      case 'fd_prestat_dir_name':
        return EBADF; // no preopened directories
      case 'proc_exit':
        this.exitCode = i(0);
        throw new ProcExit(this.exitCode);
      case 'sched_yield':
        return ESUCCESS;
      default:
        return ENOSYS;
    }
  }
}

/** The names of the module's WASI function imports; throws when it imports anything else. */
function wasiImports(imports: readonly { module: string; name: string; kind: string }[]): string[] {
  return imports.map((im) => {
    if (im.module !== WASI_MODULE || im.kind !== 'func' && im.kind !== 'function') throw new Error(`import ${im.module}.${im.name} (${im.kind}) is not a WASI function`);
    return im.name;
  });
}

/**
 * Runs a WASI command on V8 (`module` from `new WebAssembly.Module`): a fresh instance with this
 * host, then `_start`. Throws what the program throws, except proc_exit.
 */
export function runWasiOnV8(module: object, input: WasiInput): WasiRun {
  const exported: { memory?: { buffer: ArrayBuffer } } = {}; // set once instantiated
  const state = new WasiState(input, () => new Uint8Array(exported.memory!.buffer));
  const imports = V8Wasm.Module.imports(module);
  const fns: Record<string, (...args: Arg[]) => number> = {};
  for (const name of wasiImports(imports)) fns[name] = (...args: Arg[]) => state.call(name, args);
  const instance = new V8Wasm.Instance(module, { [WASI_MODULE]: fns });
  exported.memory = instance.exports['memory'] as { buffer: ArrayBuffer };
  try {
    (instance.exports['_start'] as () => void)();
  } catch (e) {
    if (!(e instanceof ProcExit)) throw e;
  }
  return state.result();
}

/**
 * Runs a WASI command on our engine (a prepared `Module`): a fresh Store and instance with this
 * host, then `_start`, answering each host call. Throws what the engine throws (a `Trap`, for
 * one), except the trap that ends a proc_exit.
 */
export function runWasiOnOurs(module: Module, input: WasiInput): WasiRun {
  const store = new Store();
  const names = wasiImports(module.imports);
  for (const im of module.imports) {
    const type = im.type as { params: ValType[]; results: ValType[] };
    store.linkFuncCustom(im.module, im.name, { params: [...type.params], results: [...type.results] });
  }
  const inst = store.instantiate(module);
  const state = new WasiState(input, () => store.memory(inst));
  let result = store.invoke(inst, '_start', []);
  while (result.kind === 'host') {
    const call = result.call;
    let errno: number;
    try {
      errno = state.call(names[call.index]!, call.args.map((v) => (v as { value: unknown }).value as number | bigint));
    } catch (e) {
      if (!(e instanceof ProcExit)) throw e;
      try {
        call.trap('proc_exit');
      } catch {
        // the invocation is over: its frames are released
      }
      return state.result();
    }
    result = call.resume([Val.i32(errno)]); // every WASI function returns an i32 errno
  }
  return state.result();
}

/** Runs a WASI command on `engine`: `prepared` is a V8 module or a Module of ours. */
export function runWasi(engine: 'V8' | Profile, prepared: object, input: WasiInput): WasiRun {
  return engine === 'V8' ? runWasiOnV8(prepared, input) : runWasiOnOurs(prepared as Module, input);
}

/**
 * Runs a WASI command on V8 with node's own `node:wasi` (stdin and stdout through temporary
 * files): the reference our minimal host is checked against.
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
