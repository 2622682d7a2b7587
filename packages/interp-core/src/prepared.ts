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
  /** Cells of own function `i`'s parameters and declared locals. */
  locals(i: number): number;
  /** Cells own function `i`'s frame needs: locals, constants and the deepest operand stack. */
  frameCells(i: number): number;
  /** Words to write at own function `i`'s entry: pairs of (Int32 index in the frame, value). */
  consts(i: number): Int32Array;
}
