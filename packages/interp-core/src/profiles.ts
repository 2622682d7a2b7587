/**
 * The profiles beyond `fast` live in modules of their own, which a Module reaches only through
 * this registry: a bundle holds the profiles its entry point registers and no others
 * (`@proj/interpreter` registers them all, `@proj/interpreter/fast` none).
 */
import type { CodeSink } from '@proj/validator';
import type { CompactCode } from './compact/prepare.js';
import type { FuelMeter } from './fuel/meter.js';
import type { PreparedFunc } from './fast/translate.js';
import type { CallStack, Execution } from './machine/stack.js';

/** What the `compact` profile provides: its preparer (a validation sink) and its run loop. */
export interface CompactSupport {
  readonly name: 'compact';
  preparer(bytes: Uint8Array, meter: FuelMeter | null): CodeSink & { readonly code: CompactCode };
  run(m: CallStack, ex: Execution): number;
}

/** What the `compiled` profile provides: a fast function made JavaScript, and whether it can be. */
export interface CompiledSupport {
  readonly name: 'compiled';
  compile(p: PreparedFunc): PreparedFunc;
  allowed(): boolean;
}

/** A profile to register with registerProfile. */
export type ProfileSupport = CompactSupport | CompiledSupport;

/** The registered profiles. */
export const registered: { compact?: CompactSupport; compiled?: CompiledSupport } = {};

/** Makes a profile available to `new Module(bytes, { profile })`. Never throws. */
export function registerProfile(support: ProfileSupport): void {
  if (support.name === 'compact') registered.compact = support;
  else registered.compiled = support;
}
