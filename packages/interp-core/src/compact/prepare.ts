/**
 * The `compact` preparation: functions run in place from the module's own bytes, with a side
 * table computed during validation. (Being built: see compact/run.ts.)
 */
import type { CodeSink, FuncState } from '@proj/validator';

/** A function prepared in the `compact` profile. */
export interface CompactFunc {
  readonly kind: 'compact';
  /** The module's bytes (the Module's own copy, shared by all its functions). */
  readonly bytes: Uint8Array;
  /** Byte offset of the first instruction (after the local declarations) and one past the final end. */
  readonly start: number;
  readonly end: number;
  /** Branch targets and stack adjustments, in the order the branches occur. */
  readonly sideTable: Int32Array;
  /** Cells of parameters; of parameters and declared locals; of the whole frame. */
  readonly params: number;
  readonly locals: number;
  readonly frameCells: number;
  /** Nothing to write at entry (kept for the frame protocol shared with the fast profile). */
  readonly consts: Int32Array;
  readonly typeIndex: number;
}

/** Builds CompactFuncs during validation. */
export class CompactPreparer implements CodeSink {
  readonly funcs: CompactFunc[] = [];
  beginFunction(_st: FuncState): void {
    throw new Error('the compact profile is not built yet');
  }
  instr(_id: number, _st: FuncState): void {}
  endFunction(_st: FuncState): void {}
}
