import type { HandlerTable } from './exceptions.js';

/**
 * What the machine asks of a function's prepared code, answered the same way in every profile.
 * A profile's loop reads its own form beyond this (see fast/, compact/, compiled/).
 */
export interface PreparedCode {
  /**
   * The form the code is in: `fast` (the translator's code), `compiled` (that code with a
   * JavaScript translation, run by the fast loop), or `compact` (the module's bytes in place).
   */
  readonly kind: 'fast' | 'compiled' | 'compact';
  /**
   * Sets own function `i`'s declared locals to zero in the frame at `fp` of `r` (past its
   * `params` parameter cells): at least the words each local's type reads.
   */
  clearLocals(r: Int32Array, fp: number, i: number, params: number): void;
  /** Cells own function `i`'s frame needs: locals, constants and the deepest operand stack. */
  frameCells(i: number): number;
  /** Words to write at own function `i`'s entry: pairs of (Int32 index in the frame, value). */
  consts(i: number): Int32Array;
  /** Own function `i`'s try blocks, or null when it has none (see exceptions.ts). */
  handlers(i: number): HandlerTable | null;
}
