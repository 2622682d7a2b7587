/**
 * The engines the execute suite compares, behind one shape: prepare a module once, instantiate it,
 * call its `run(n)` export and get the i32 checksum back.
 */
import { createRequire } from 'node:module';
import { Module, type Profile, Store, Val } from '@proj/interpreter';
import { WebAssembly as Polywasm } from 'polywasm';
import { V8Wasm } from './v8.js';

const require = createRequire(import.meta.url);
const polywasmVersion = (require('polywasm/package.json') as { version: string }).version;

/** A `run(n)` export bound to one instance: returns the checksum as a signed i32. */
export type RunFn = (n: number) => number;

export interface Engine {
  /** Column name: `V8`, a profile name (`fast`, `compact`, `compiled`) or `polywasm`. */
  readonly name: string;
  /** What it is, for the notes. */
  readonly description: string;
  /** True for our own engine (a wrong result fails the run); false for V8 and the peer. */
  readonly ours: boolean;
  /** Ours, with stores that meter fuel (ample, so that nothing pauses): see --fuel. */
  readonly metered?: boolean;
  /** Decodes (and for ours validates and prepares) the bytes; throws what the engine throws. */
  prepare(bytes: Uint8Array): unknown;
  /** A fresh instance of a prepared module, with its `run` export. */
  instantiate(prepared: unknown): RunFn;
}

function runExport(exports: Record<string, unknown>): RunFn {
  const run = exports['run'];
  if (typeof run !== 'function') throw new Error('the module exports no function `run`');
  return (n) => (run as (n: number) => number)(n) | 0;
}

export const v8Engine: Engine = {
  name: 'V8',
  description: `V8's own WebAssembly (node ${process.version}, V8 ${process.versions.v8})`,
  ours: false,
  prepare: (bytes) => new V8Wasm.Module(bytes),
  instantiate: (prepared) => runExport(new V8Wasm.Instance(prepared as object, {}).exports),
};

/**
 * Our engine in one profile: `new Module(bytes, { profile })`, then a Store per instance; with
 * `metered`, stores with ample fuel (`<profile>+fuel`), so that a run measures metering's cost.
 */
export function oursEngine(profile: Profile, metered = false): Engine {
  return {
    name: metered ? `${profile}+fuel` : profile,
    description: `@proj/interpreter, new Module(bytes, { profile: '${profile}' })${metered ? ', new Store({ fuel: 2 ** 53 - 1 })' : ''}`,
    ours: true,
    metered,
    prepare: (bytes) => new Module(bytes, { profile }),
    instantiate(prepared) {
      const store = metered ? new Store({ fuel: Number.MAX_SAFE_INTEGER }) : new Store();
      const inst = store.instantiate(prepared as Module);
      return (n) => {
        const result = store.invoke(inst, 'run', [Val.i32(n)]);
        if (result.kind !== 'done') throw new Error(`run suspended: ${result.kind === 'host' ? `host call ${result.call.index}` : result.kind}`);
        const v = result.values[0];
        if (v === undefined || v.type !== 'i32') throw new Error(`run returned ${result.values.map((x) => x.type).join(',') || 'nothing'}`);
        return (v.value as number) | 0;
      };
    },
  };
}

export const polywasmEngine: Engine = {
  name: 'polywasm',
  description: `polywasm@${polywasmVersion} (npm), which translates each function to JavaScript at instantiation`,
  ours: false,
  prepare: (bytes) => new Polywasm.Module(bytes),
  instantiate: (prepared) => runExport(new Polywasm.Instance(prepared as object, {}).exports),
};
