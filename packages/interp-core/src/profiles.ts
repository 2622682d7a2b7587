/**
 * Each profile lives in modules of its own, which a Module and the machine reach only through
 * this registry: a bundle holds the profiles its entry point registers and no others
 * (`@proj/interpreter` registers them all, `@proj/interpreter/compact` only `compact`).
 */
import type { CodeSink } from '@proj/validator';
import type { CompactCode } from './compact/prepare.js';
import type { FuelMeter } from './fuel/meter.js';
import type { PreparedFunc, Translator } from './fast/translate.js';
import type { CallStack, Execution } from './machine/stack.js';

/** What the `fast` profile provides: its translator (a validation sink) and its run loop. */
export interface FastSupport {
  readonly name: 'fast';
  /** A translator for one module; `compiled` keeps what the `compiled` profile reads. */
  translator(compiled: boolean, meter: FuelMeter | null): Translator;
  run(m: CallStack, ex: Execution): number;
}

/** What the `compact` profile provides: its preparer (a validation sink) and its run loop. */
export interface CompactSupport {
  readonly name: 'compact';
  preparer(bytes: Uint8Array, meter: FuelMeter | null): CodeSink & { readonly code: CompactCode };
  run(m: CallStack, ex: Execution): number;
}

/**
 * What the `compiled` profile provides: a fast function made JavaScript, and whether it can be.
 * It runs on the `fast` profile (its translator, its loop for what is not compiled), registered
 * with it.
 */
export interface CompiledSupport {
  readonly name: 'compiled';
  readonly fast: FastSupport;
  /** `p` of a module with `importedFuncs` imported functions, in the compiled form. */
  compile(p: PreparedFunc, importedFuncs: number, ownIndex: number): PreparedFunc;
  allowed(): boolean;
}

/** A profile to register with registerProfile. */
export type ProfileSupport = FastSupport | CompactSupport | CompiledSupport;

/** The registered profiles. */
export const registered: { fast?: FastSupport; compact?: CompactSupport; compiled?: CompiledSupport } = {};

/** Makes a profile available to `new Module(bytes, { profile })`. Never throws. */
export function registerProfile(support: ProfileSupport): void {
  if (support.name === 'fast') registered.fast = support;
  else if (support.name === 'compact') registered.compact = support;
  else {
    registered.compiled = support;
    registered.fast = support.fast;
  }
}
