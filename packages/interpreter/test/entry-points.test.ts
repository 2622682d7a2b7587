// @proj/interpreter registers every profile; its subpaths /fast, /compact and /compiled register
// one each (/compiled with the fast one it runs on), so that a bundle holds only that profile's
// code. Each runs in a fresh process: the registry belongs to the process.
import { describe, expect, it } from 'vitest';
import { runInNode } from './child-node.js';
import { V8Wasm, wat } from './wat.js';

const BYTES = wat(`(module (func (export "run") (param i32) (result i32) (local i32)
  (loop (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
  (local.get 1)))`);

type Outcome = { form: string; result: number } | { error: string; kind: string; message: string };

/** For each profile: what a Module from `entry` gives, or the error it throws. */
function outcomes(entry: string): Record<string, Outcome> {
  return runInNode(`import { Module, Store, Val, WasmError } from '${entry}';
    const out = {};
    for (const profile of ['fast', 'compact', 'compiled']) {
      try {
        const module = new Module(new Uint8Array([${Array.from(BYTES).join(',')}]), { profile });
        const store = new Store();
        const r = store.invoke(store.instantiate(module), 'run', [Val.i32(100)]);
        out[profile] = { form: module.form, result: r.values[0].value };
      } catch (e) {
        if (!(e instanceof WasmError)) throw e;
        out[profile] = { error: e.constructor.name, kind: e.kind, message: e.message };
      }
    }
    console.log(JSON.stringify(out));`);
}

/** The profile of a Module made from `entry` without options. */
function defaultProfile(entry: string): string {
  return runInNode<string>(`import { Module } from '${entry}';
    console.log(JSON.stringify(new Module(new Uint8Array([${Array.from(BYTES).join(',')}])).profile));`);
}

const expected = (new V8Wasm.Instance(new V8Wasm.Module(BYTES)).exports.run as (n: number) => number)(100);
const ran = (form: string): Outcome => ({ form, result: expected });
const notLoaded = (profile: string): Outcome => ({
  error: 'UnsupportedError',
  kind: 'unsupported',
  message: expect.stringContaining(`the '${profile}' profile is not loaded: import '@proj/interpreter' (every profile) or '@proj/interpreter/${profile}'`) as unknown as string,
});

describe('entry points', () => {
  it('@proj/interpreter runs every profile, fast by default', () => {
    expect(outcomes('@proj/interpreter')).toEqual({ fast: ran('fast'), compact: ran('compact'), compiled: ran('compiled') });
    expect(defaultProfile('@proj/interpreter')).toBe('fast');
  });

  it('@proj/interpreter/fast runs fast and refuses the others, naming the import', () => {
    expect(outcomes('@proj/interpreter/fast')).toEqual({ fast: ran('fast'), compact: notLoaded('compact'), compiled: notLoaded('compiled') });
  });

  it('@proj/interpreter/compact runs compact only, its default', () => {
    expect(outcomes('@proj/interpreter/compact')).toEqual({ fast: notLoaded('fast'), compact: ran('compact'), compiled: notLoaded('compiled') });
    expect(defaultProfile('@proj/interpreter/compact')).toBe('compact');
  });

  it('@proj/interpreter/compiled runs fast and compiled', () => {
    expect(outcomes('@proj/interpreter/compiled')).toEqual({ fast: ran('fast'), compact: notLoaded('compact'), compiled: ran('compiled') });
  });
});
