/**
 * What validation knows of a module before its function bodies: `validate.ts` computes it once
 * from the module's sections, and the body rules of `func.ts` look it up.
 */
import type { ModuleInfo } from '@proj/decoder';

/** Per-module facts the body rules look up, computed once. */
export interface ModuleContext {
  readonly module: ModuleInfo;
  readonly typeParams: Uint8Array[];
  readonly typeResults: Uint8Array[];
  /** Parameter types of every tag, imported ones first. */
  readonly tagParams: Uint8Array[];
  /** Function indices that `ref.func` may name (C.refs). */
  readonly refs: Uint8Array;
  readonly tableTypes: Uint8Array;
  readonly globalTypes: Uint8Array;
  readonly globalMutable: Uint8Array;
}
