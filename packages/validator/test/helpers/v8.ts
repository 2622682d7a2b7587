/**
 * V8's WebAssembly, restricted as far as Node 20 (V8 11.3) allows to WebAssembly 2.0, and the
 * precise list of the differences that remain.
 *
 * Post-2.0 proposals in V8 11.3 and what we do about each:
 * - tail calls (return_call, return_call_indirect): on by default; switched off below with
 *   --no-experimental-wasm-return-call (verified by the test's "V8 is 2.0" case).
 * - extended-const, memory64, GC, typed function references, relaxed SIMD, stringref, stack
 *   switching, branch hints, type reflection: off by default (verified too).
 * - multi-memory: not implemented in 11.3 (a second memory is rejected; verified).
 * - legacy exception handling (try/catch/throw/rethrow/delegate/catch_all, tag section id 13, tag
 *   imports/exports): shipped, no flag to turn it off (`--no-experimental-wasm-eh` is rejected by
 *   node as a bad option). Our validator implements it too, so V8 is its oracle as well (see
 *   eh-differential.test.ts). One difference: V8 reads a tag's attribute as a LEB128, so it
 *   accepts an overlong zero (0x80 0x00); the proposal makes it a byte.
 * - threads (shared memories: limits flags 0x02/0x03; atomic instructions, prefix 0xfe): shipped,
 *   no flag. Handled by classification.
 * - Implementation limit: V8 rejects a function with more than 50000 params + locals ("local
 *   count too large"); WebAssembly 2.0 allows up to 2^32-1. Handled by classification (our
 *   validator may accept such a module or refuse it with an UnsupportedError).
 */
import v8 from 'node:v8';
import { analyze, maxLocalsPerFunction } from '@proj/testkit';
import { WASM_2_0_FEATURES, wabtCheck, type Wabt } from '@proj/testkit';

/** V8 flags that remove post-2.0 features which are on by default in Node 20. */
export const V8_FLAGS = ['--no-experimental-wasm-return-call'] as const;

for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);

interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
}

/** The `WebAssembly` global, typed locally (the repo compiles against lib ES2022 without DOM). */
const WA = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

export function v8Validate(bytes: Uint8Array): boolean {
  return WA.validate(bytes);
}

/** V8's compile error message for an invalid module (null if it compiles). */
export function v8Error(bytes: Uint8Array): string | null {
  try {
    new WA.Module(bytes);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** V8's limit on params + locals of one function (kV8MaxWasmFunctionLocals). */
export const V8_MAX_FUNCTION_LOCALS = 50000;

export interface KnownDifference {
  readonly id: 'v8-threads' | 'locals-limit';
  readonly detail: string;
}

/**
 * Whether a disagreement between V8 and a correct 2.0 validator is one of the differences V8
 * cannot be configured away from. Returns null for anything else (a real mismatch).
 *
 * - V8 valid, ours invalid: the module must be invalid for wabt with the 2.0 features and
 *   exception handling (which we implement) and valid for wabt once threads are added, i.e. it is
 *   valid only because of a proposal V8 cannot turn off.
 * - V8 invalid, ours valid or "unsupported": the module must have a function with more than
 *   50000 params + locals (counted by our own walker: V8's message for it is not reliable, e.g.
 *   for 2^31 locals it reports a bogus "section extends past end"). WebAssembly 2.0 allows up
 *   to 2^32-1; V8 refuses more than 50000, and an engine may refuse with an UnsupportedError.
 */
export function knownDifference(wabt: Wabt, bytes: Uint8Array, v8Valid: boolean): KnownDifference | null {
  if (v8Valid) {
    // wabt's `exceptions` also allows the newer try_table form, which V8 11.3 rejects anyway.
    const ours = { ...WASM_2_0_FEATURES, exceptions: true };
    const asOurs = wabtCheck(wabt, bytes, ours);
    if (asOurs === null) return null;
    const firstLine = asOurs.split('\n').find((l) => l.includes('error')) ?? asOurs;
    if (wabtCheck(wabt, bytes, { ...ours, threads: true }) === null) {
      return { id: 'v8-threads', detail: `valid only with threads; wabt (2.0 + exceptions): ${firstLine}` };
    }
    return null;
  }
  const max = maxLocalsPerFunction(analyze(bytes));
  if (max <= V8_MAX_FUNCTION_LOCALS) return null;
  return { id: 'locals-limit', detail: `a function has ${max} params + locals (V8 limit ${V8_MAX_FUNCTION_LOCALS}); V8: ${v8Error(bytes) ?? '?'}` };
}
