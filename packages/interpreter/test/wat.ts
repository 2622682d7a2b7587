/**
 * Test helpers: assembling WAT with wabt (WebAssembly 2.0 features) and small conveniences for
 * driving the public API.
 */
import { assemble, loadWabt, type WabtFeatures } from '@proj/testkit';
import { expect } from 'vitest';
import { Module, type Profile, type RunResult, type Val, WasmError } from '@proj/interpreter';

const wabt = await loadWabt();

/** Assembles WAT text to a fresh Uint8Array, with `features` past WebAssembly 2.0 where given. */
export function wat(text: string, features?: WabtFeatures): Uint8Array {
  return assemble(wabt, text, { features });
}

/**
 * The profile the tests prepare modules in: `TEST_PROFILE` (the package's test script runs the
 * suite once per profile), else the default.
 */
/** The parts of V8's own WebAssembly that differential tests use (the tsconfig has no DOM lib). */
export const V8Wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
      RuntimeError: new () => Error;
    };
  }
).WebAssembly;

export const profile = (process.env.TEST_PROFILE as Profile | undefined) || undefined;

/** Prepares module bytes in the profile under test. */
export function prepare(bytes: Uint8Array): Module {
  return new Module(bytes, { profile });
}

/** Assembles and validates WAT into a Module. */
export function watModule(text: string): Module {
  return prepare(wat(text));
}

/** What `f` throws (undefined if it returns). */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** `f` throws an error of class `cls` whose message matches `message`; returns it. */
export function expectThrow<T extends WasmError>(
  f: () => unknown,
  cls: abstract new (...args: never[]) => T,
  message?: RegExp,
): T {
  const e = thrown(f);
  expect(e, 'expected a throw').toBeInstanceOf(cls);
  expect(e).toBeInstanceOf(WasmError);
  if (message) expect((e as Error).message).toMatch(message);
  return e as T;
}

/** The values of a finished RunResult. */
export function done(r: RunResult): Val[] {
  if (r.kind === 'host') throw new Error(`expected done, got a host call to ${r.call.index}`);
  if (r.kind !== 'done') throw new Error(`expected done, got ${r.kind}`);
  return r.values;
}

/** The call of a suspended RunResult. */
export function host(r: RunResult) {
  if (r.kind !== 'host') throw new Error(`expected a host call, got ${r.kind}`);
  return r.call;
}

/** The plain JS readings of values (numbers, bigints, refs). */
export function plain(vals: readonly Val[]): unknown[] {
  return vals.map(val);
}

/** A value's plain JS reading: `.value`, or the bytes of a v128. */
export function val(v: Val): unknown {
  return v.type === 'v128' ? v.bytes : v.value;
}
