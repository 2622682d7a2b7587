// Where the platform forbids generating code, a 'compiled' Module keeps the fast form and says so.
import { Module } from '@proj/interpreter';
import { expect, it } from 'vitest';
import { runInNode as runScript } from './child-node.js';
import { V8Wasm, wat } from './wat.js';

const BYTES = wat(`(module (func (export "run") (param i32) (result i32)
  (i32.mul (local.get 0) (i32.add (local.get 0) (i32.const 1)))))`);

/** Runs BYTES' `run(n)` in a fresh Node with `flags`; prints the Module's form and the result. */
function runInNode(flags: string[], n: number): { form: string; result: number } {
  const script = `import { Module, Store, Val } from '@proj/interpreter';
    const module = new Module(new Uint8Array([${Array.from(BYTES).join(',')}]), { profile: 'compiled' });
    const store = new Store();
    const r = store.invoke(store.instantiate(module), 'run', [Val.i32(${n})]);
    console.log(JSON.stringify({ form: module.form, result: r.values[0].value }));`;
  return runScript<{ form: string; result: number }>(script, flags);
}

const v8Run = (n: number) => (new V8Wasm.Instance(new V8Wasm.Module(BYTES)).exports.run as (n: number) => number)(n);

it('form is the profile where code generation is allowed', () => {
  expect(new Module(BYTES, { profile: 'compiled' }).form).toBe('compiled');
  expect(new Module(BYTES, { profile: 'compact' }).form).toBe('compact');
  expect(new Module(BYTES).form).toBe('fast');
  expect(runInNode([], 41)).toEqual({ form: 'compiled', result: v8Run(41) });
});

it("a 'compiled' Module keeps the fast form, with the same results, where code generation is forbidden", () => {
  expect(runInNode(['--disallow-code-generation-from-strings'], 41)).toEqual({ form: 'fast', result: v8Run(41) });
});
