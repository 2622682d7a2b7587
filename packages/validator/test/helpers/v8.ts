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
 * - exception handling (try/catch/throw/rethrow/delegate/catch_all, tag section id 13, tag
 *   imports/exports): shipped, NO flag to turn it off (`--no-experimental-wasm-eh` is rejected by
 *   node as a bad option). Handled by classification: see knownDifference().
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
  readonly id: 'v8-exceptions' | 'v8-threads' | 'v8-exceptions+threads' | 'locals-limit';
  readonly detail: string;
}

/**
 * Whether a disagreement between V8 and a correct 2.0 validator is one of the differences V8
 * cannot be configured away from. Returns null for anything else (a real mismatch).
 *
 * - V8 valid, ours invalid: the module must be invalid for wabt with exactly the 2.0 features
 *   and valid for wabt once exception handling and/or threads are added, i.e. it is valid only
 *   because of a proposal V8 cannot turn off.
 * - V8 invalid, ours valid or "unsupported": the module must have a function with more than
 *   50000 params + locals (counted by our own walker: V8's message for it is not reliable, e.g.
 *   for 2^31 locals it reports a bogus "section extends past end"). WebAssembly 2.0 allows up
 *   to 2^32-1; V8 refuses more than 50000, and an engine may refuse with an UnsupportedError.
 */
export function knownDifference(wabt: Wabt, bytes: Uint8Array, v8Valid: boolean): KnownDifference | null {
  if (v8Valid) {
    const as20 = wabtCheck(wabt, bytes, WASM_2_0_FEATURES);
    if (as20 === null) return null;
    const withEh = wabtCheck(wabt, bytes, { ...WASM_2_0_FEATURES, exceptions: true }) === null;
    const withThreads = wabtCheck(wabt, bytes, { ...WASM_2_0_FEATURES, threads: true }) === null;
    const withBoth = wabtCheck(wabt, bytes, { ...WASM_2_0_FEATURES, exceptions: true, threads: true }) === null;
    const firstLine = as20.split('\n').find((l) => l.includes('error')) ?? as20;
    if (withEh) return { id: 'v8-exceptions', detail: `valid only with exception handling; wabt (2.0): ${firstLine}` };
    if (withThreads) return { id: 'v8-threads', detail: `valid only with threads; wabt (2.0): ${firstLine}` };
    if (withBoth) return { id: 'v8-exceptions+threads', detail: `valid only with exceptions + threads; wabt (2.0): ${firstLine}` };
    return null;
  }
  const max = maxLocalsPerFunction(analyze(bytes));
  if (max <= V8_MAX_FUNCTION_LOCALS) return null;
  return { id: 'locals-limit', detail: `a function has ${max} params + locals (V8 limit ${V8_MAX_FUNCTION_LOCALS}); V8: ${v8Error(bytes) ?? '?'}` };
}
