/**
 * The demo behind `pnpm demo`: runs the hello example (a module that imports env.println(ptr, len)
 * and prints "hello" through it), driving the RunResult loop as an embedder does. Given .wasm
 * files as arguments, it validates each and prints its imports and exports instead.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Module, Store, WasmError, type ExternType } from '@proj/interpreter';

const here = fileURLToPath(new URL('.', import.meta.url));
const files = process.argv.slice(2);

if (files.length === 0) runHello(resolve(here, '../hello.wasm'));
else for (const file of files) describe(file);

function runHello(file: string): void {
  const store = new Store();
  store.linkFunc('env', 'println', 2, 0); // host function 0: println(ptr, len)
  const module = new Module(new Uint8Array(readFileSync(file)));
  const inst = store.instantiate(module);
  console.log(`${file}: imports ${module.imports.map((i) => `${i.module}.${i.name}`).join(', ')}`);
  let result = store.invoke(inst, 'main', []);
  while (result.kind === 'host') {
    const { call } = result;
    // The only linked host function is println: read the string from the caller's memory.
    const [ptr, len] = call.args.map((v) => (v.type === 'i32' ? v.value : 0));
    const text = new TextDecoder().decode(call.memory().subarray(ptr, ptr + len));
    console.log(`println(${ptr}, ${len}) from instance ${call.inst}: ${text}`);
    result = call.resume([]);
  }
  // Only a store made with { fuel } pauses for fuel (see fuel-slices.ts).
  if (result.kind !== 'done') throw new Error('unreachable: this store does not meter fuel');
  console.log(`main returned ${result.values.length} values`);
}

function describe(file: string): void {
  const bytes = new Uint8Array(readFileSync(file));
  const started = performance.now();
  try {
    const module = new Module(bytes);
    const ms = performance.now() - started;
    console.log(`${file}: valid, ${bytes.length} bytes, validated and prepared in ${ms.toFixed(2)} ms`);
    console.log(`imports (${module.imports.length}):`);
    for (const i of module.imports) console.log(`  ${i.module}.${i.name}: ${i.kind} ${typeText(i.type)}`);
    console.log(`exports (${module.exports.length}):`);
    for (const e of module.exports) console.log(`  ${e.name}: ${e.kind} ${typeText(e.type)}`);
  } catch (e) {
    if (!(e instanceof WasmError)) throw e;
    process.exitCode = 1;
    console.log(`${file}: ${e.kind}: ${e.message}`);
  }
}

function typeText(t: ExternType): string {
  if ('params' in t) return `(${t.params.join(', ')}) -> (${t.results.join(', ')})`;
  if ('element' in t) return `${t.element} ${limits(t)}`;
  if ('min' in t) return limits(t);
  return `${t.mutable ? 'mut ' : ''}${t.type}`;
}

function limits(l: { min: number; max?: number }): string {
  return l.max === undefined ? `min ${l.min}` : `min ${l.min} max ${l.max}`;
}
