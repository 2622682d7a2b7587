/**
 * The programs suite's workloads: whole programs rather than `run(n)` kernels. Each one is run
 * the same way on V8 and on each profile of ours, and gives an output text that must be the same
 * everywhere:
 *
 * - WASI commands (tooling/bench/commands, C built with wasi-libc): `_start` through `@proj/wasi`
 *   (see ./wasi-run.ts), with arguments and standard input; the output is what they write.
 * - wasm libraries that npm packages ship (hash-wasm's hash functions, C built by its authors):
 *   called from JavaScript the way the package calls them; the output is the digests in hex.
 */
import { Module, type Profile, Store, Val } from '@proj/interpreter';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng32 } from '@proj/testkit';
import type { BenchModule } from './modules.js';
import { commandsDir } from './paths.js';
import { V8Wasm } from './v8.js';
import { runWasiOnOurs, runWasiOnV8, type WasiInput } from './wasi-run.js';

/** `V8` (the reference), a profile of ours, or a profile metered with ample fuel (`--fuel`). */
export type EngineName = 'V8' | Profile | `${Profile}+fuel`;

/** Fuel for a metered run: more than any run uses, so it measures what metering costs. */
export const AMPLE_FUEL = Number.MAX_SAFE_INTEGER;

/** The profile of one of our engines. */
export const profileOf = (engine: Exclude<EngineName, 'V8'>): Profile => engine.replace(/\+fuel$/, '') as Profile;

/** Whether an engine of ours meters fuel. */
export const isMetered = (engine: EngineName): boolean => engine.endsWith('+fuel');

/** Workload sizes: `bench` for timing, `test` for the quick checks of the vitest test. */
export type Scale = 'bench' | 'test';

export interface Workload {
  /** What the program does with its input, for the notes. */
  readonly description: string;
  /** The input for one run, built once per scale (outside the timed runs). */
  input(scale: Scale): unknown;
  /**
   * One complete run on a fresh instance of `prepared` (from `prepare`); returns its output
   * text, or a promise of it for a WASI command (`@proj/wasi` runs return promises). Throws (or
   * rejects with) what the engine throws, or when the program fails (a non-zero exit status).
   */
  run(engine: EngineName, prepared: object, input: unknown): string | Promise<string>;
}

/** `new WebAssembly.Module` for V8, `new Module(bytes, { profile })` for ours; throws what they throw. */
export function prepare(engine: EngineName, bytes: Uint8Array): object {
  return engine === 'V8' ? new V8Wasm.Module(bytes) : new Module(bytes, { profile: profileOf(engine) });
}

/** A WASI command run with `input`; its standard output is the result, a failure is an error. */
function wasiWorkload(description: string, input: (scale: Scale) => WasiInput): Workload {
  return {
    description,
    input,
    async run(engine, prepared, inp) {
      const given = inp as WasiInput;
      const r = await (engine === 'V8' ? runWasiOnV8(prepared, given) : runWasiOnOurs(prepared as Module, given, isMetered(engine) ? AMPLE_FUEL : undefined));
      const text = new TextDecoder().decode(r.stdout);
      if (r.exitCode !== 0) throw new Error(`exit status ${r.exitCode}: ${new TextDecoder().decode(r.stderr)}${text}`);
      return text;
    },
  };
}

/** A JSON document of `records` generated records (numbers, strings with escapes, nesting). */
export function generatedJson(records: number, seed = 7): string {
  const next = rng32(seed);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'line\nbreak', 'quote"d', 'tab\there', 'unicode é ü ☃', 'emoji 😀'];
  const pick = (): string => words[next() % words.length]!;
  const out = [];
  for (let i = 0; i < records; i++) {
    out.push({
      id: i,
      name: `${pick()} ${pick()}`,
      score: (next() % 100000) / 100 - 250,
      ratio: next() / 4294967296,
      active: next() % 3 === 0,
      tags: Array.from({ length: next() % 5 }, pick),
      nested: { depth: { level: [i % 7, null, { x: next() % 1000 }] } },
    });
  }
  return JSON.stringify({ version: 1, generator: 'bench', records: out }, null, 1);
}

// ---- libraries: hash-wasm ----

/** A call into a library instance by export name, with i32 arguments; returns the i32 result or 0. */
interface LibraryInstance {
  call(name: string, args: readonly number[]): number;
  memory(): Uint8Array;
}

function libraryInstance(engine: EngineName, prepared: object): LibraryInstance {
  if (engine === 'V8') {
    const exports = new V8Wasm.Instance(prepared, {}).exports;
    return {
      call: (name, args) => ((exports[name] as (...a: number[]) => number | undefined)(...args) ?? 0) | 0,
      memory: () => new Uint8Array((exports['memory'] as { buffer: ArrayBuffer }).buffer),
    };
  }
  const store = isMetered(engine) ? new Store({ fuel: AMPLE_FUEL }) : new Store();
  const inst = store.instantiate(prepared as Module);
  return {
    call(name, args) {
      const r = store.invoke(inst, name, args.map((a) => Val.i32(a)));
      if (r.kind !== 'done') throw new Error(`${name} suspended (${r.kind}): the library imports nothing`);
      const v = r.values[0];
      return v?.type === 'i32' ? (v.value as number) : 0;
    },
    memory: () => store.memory(inst),
  };
}

interface HashSpec {
  /** Arguments of Hash_Init and Hash_Final, as hash-wasm's own wrapper passes them. */
  readonly init: readonly number[];
  readonly final: readonly number[];
  readonly digestBytes: number;
}

/** hash-wasm's functions benchmarked, by its module names. */
export const HASH_WASM_FUNCTIONS: Readonly<Record<string, HashSpec>> = {
  md5: { init: [], final: [], digestBytes: 16 },
  sha256: { init: [256], final: [], digestBytes: 32 },
  sha512: { init: [512], final: [], digestBytes: 64 },
  sha3: { init: [512], final: [6], digestBytes: 64 },
  blake3: { init: [0], final: [32], digestBytes: 32 },
  xxhash128: { init: [], final: [], digestBytes: 16 },
};

/** hash-wasm keeps at most this many bytes in its buffer per Hash_Update. */
const CHUNK = 16 * 1024;

interface HashInput {
  readonly data: Uint8Array;
  /** Lengths of the short messages hashed one by one after the long one. */
  readonly shortLengths: readonly number[];
}

function hashWorkload(spec: HashSpec): Workload {
  return {
    description: `digests of one long message (hash-wasm's Hash_Update in 16 kB chunks) and of many short ones`,
    input(scale): HashInput {
      const next = rng32(11);
      const size = scale === 'bench' ? 256 * 1024 : 8 * 1024;
      const data = Uint8Array.from({ length: size }, () => next() & 255);
      const shortLengths = Array.from({ length: scale === 'bench' ? 200 : 20 }, () => next() % 300);
      return { data, shortLengths };
    },
    run(engine, prepared, inp) {
      const { data, shortLengths } = inp as HashInput;
      const lib = libraryInstance(engine, prepared);
      const hex: string[] = [];
      const digest = (message: Uint8Array): void => {
        const buffer = lib.call('Hash_GetBuffer', []) >>> 0;
        lib.memory().fill(0, buffer, buffer + 8); // xxhash's seed, read by Hash_Init
        lib.call('Hash_Init', spec.init);
        for (let off = 0; off < message.length || off === 0; off += CHUNK) {
          const chunk = message.subarray(off, off + CHUNK);
          lib.memory().set(chunk, buffer);
          lib.call('Hash_Update', [chunk.length]);
          if (message.length === 0) break;
        }
        lib.call('Hash_Final', spec.final);
        hex.push(Buffer.from(lib.memory().subarray(buffer, buffer + spec.digestBytes)).toString('hex'));
      };
      digest(data);
      let off = 0;
      for (const len of shortLengths) {
        digest(data.subarray(off, off + len));
        off = (off + 997) % (data.length - 300);
      }
      return `${hex[0]}\n${hex.length - 1} short messages, last ${hex[hex.length - 1]}\n`;
    },
  };
}

/** The workload for a module of the programs suite, by its name and source; undefined for others. */
export function workloadFor(m: BenchModule): Workload | undefined {
  if (m.source === 'commands') {
    if (m.name === 'lz')
      return wasiWorkload('compresses generated text (LZ77 + Huffman), decompresses it and checks the round trip', (scale) => ({
        args: ['lz', scale === 'bench' ? '48' : '2'],
      }));
    if (m.name === 'json') {
      const docs = new Map<Scale, Uint8Array>();
      return wasiWorkload('parses a generated JSON document from stdin, prints it back, reparses and queries it', (scale) => {
        let doc = docs.get(scale);
        // node:wasi (node 20) aborted the process on this program with a 60 kB document: 30 kB, 4 rounds
        if (doc === undefined) docs.set(scale, (doc = new TextEncoder().encode(generatedJson(scale === 'bench' ? 100 : 20))));
        return { args: ['json', scale === 'bench' ? '4' : '1'], stdin: doc };
      });
    }
    if (m.name === 'lisp') {
      const script = readFileSync(join(commandsDir(), 'lisp.scm'), 'utf8');
      return wasiWorkload('a Lisp interpreter (mark-and-sweep heap) runs lisp.scm: recursion, closures, sorting, n-queens, an expression evaluator', (scale) => {
        const rounds = Array.from({ length: scale === 'bench' ? 4 : 1 }, (_, k) => `(round ${k} ${scale === 'bench' ? 4 : 0})`).join('\n');
        // The heap (in 16-byte cells) holds twice what one round allocates: at bench size, 270k.
        return { args: ['lisp', String(scale === 'bench' ? 1 << 19 : 1 << 17)], stdin: new TextEncoder().encode(`${script}\n${rounds}\n`) };
      });
    }
    return undefined;
  }
  if (m.source.startsWith('npm-lib:hash-wasm')) {
    const spec = HASH_WASM_FUNCTIONS[m.name.replace(/^hash-wasm\./, '')];
    return spec === undefined ? undefined : hashWorkload(spec);
  }
  return undefined;
}

/** Whether `m` belongs to the programs suite. */
export const isProgram = (m: BenchModule): boolean => workloadFor(m) !== undefined;
