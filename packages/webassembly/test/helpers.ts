/**
 * Test helpers: module text to bytes (wabt), and the two WebAssembly objects the differential
 * tests run the same scenario on: ours and V8's own.
 */
import { assemble, loadWabt, type WabtFeatures } from '@proj/testkit';
import { type Profile } from '@proj/interpreter';
import { createWebAssembly, type WebAssemblyNamespace } from '../src/index.js';

const wabt = await loadWabt();

/** Assembles WAT text, with `features` past WebAssembly 2.0 where given. */
export function wat(text: string, features?: WabtFeatures): Uint8Array {
  return assemble(wabt, text, { features });
}

/** Assembles WAT text that uses exception handling (legacy: try, catch, catch_all, delegate, throw, rethrow). */
export function ehWat(text: string): Uint8Array {
  return wat(text, { exceptions: true });
}

/** Instantiates WAT text with exception handling synchronously with `imports`; returns the exports. */
export function ehInstantiate(W: WebAssemblyNamespace, text: string, imports?: object): Record<string, unknown> {
  return new W.Instance(new W.Module(ehWat(text)), imports).exports;
}

/** The profile under test (`TEST_PROFILE`), else the default. */
export const profile = (process.env.TEST_PROFILE as Profile | undefined) || undefined;

/** A fresh WebAssembly object of ours, in the profile under test. */
export function ours(): WebAssemblyNamespace {
  return createWebAssembly({ profile });
}

/** V8's own WebAssembly (the tsconfig has no DOM lib: it is typed as ours). */
export const v8 = (globalThis as unknown as { WebAssembly: WebAssemblyNamespace }).WebAssembly;

/** Both, named, for `describe.each`. */
export const engines = (): [string, WebAssemblyNamespace][] => [
  ['ours', ours()],
  ['v8', v8],
];

/** Instantiates WAT text synchronously with `imports`; returns the exports. */
export function instantiate(W: WebAssemblyNamespace, text: string, imports?: object): Record<string, unknown> {
  return new W.Instance(new W.Module(wat(text)), imports).exports;
}

/** What calling `f` gives: its value, or the thrown value's class name and message (for comparisons). */
export function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { threw: e instanceof Error ? e.constructor.name : typeof e };
  }
}

/** The value `f` throws (the test fails if it returns). */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** Calls a function of unknown type. */
export function call(f: unknown, ...args: unknown[]): unknown {
  return (f as (...a: unknown[]) => unknown)(...args);
}
