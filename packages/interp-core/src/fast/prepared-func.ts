/**
 * The prepared code of the `fast` form (translate.ts writes it, run.ts runs it), and the shape of
 * a function's JavaScript translation in the `compiled` form.
 */
import type { HandlerTable } from '../exceptions.js';
import type { PreparedCode } from '../prepared.js';
import { MIN_JS_FRAME_COST } from '../machine/stack.js';

/** A function's prepared code in the `fast` form (and the `compiled` form, which adds `compiled`). */
export class PreparedFunc implements PreparedCode {
  constructor(
    readonly kind: 'fast' | 'compiled',
    readonly code: Int32Array,
    /** Cells of parameters and declared locals. */
    readonly localCells: number,
    /** Cells of parameters (the first localCells). */
    readonly paramCells: number,
    /** Cells the frame needs: locals, constants and the deepest operand stack. */
    readonly cells: number,
    /** Words to write at entry: pairs of (Int32 index relative to the frame, value). */
    readonly entryWords: Int32Array,
    /**
     * The words of declared locals that start at zero (Int32 indices relative to the frame): one
     * for an i32 or f32, two for an i64 or f64, four for a v128. Nothing reads the rest of a
     * local's cell, and a reference starts null (an entry word).
     */
    readonly zeroWords: Int32Array,
    /** The words of its result where it has one (see wordsOf), else 0. */
    readonly resultWords: number,
    /** Where each instruction starts (kept only when asked for: the `compiled` profile reads it). */
    readonly starts?: Int32Array,
    /** A JavaScript translation of `code` (the `compiled` profile), run in place of the loop. */
    public compiled?: CompiledCode,
    /**
     * The `compiled` profile: makes `compiled` (and writes Op.enterCompiled into `code`) when the
     * function is first entered, where `code` starts with Op.compileOnEntry.
     */
    private compileLater?: (p: PreparedFunc) => void,
  ) {}

  /**
   * What a call of this function's JavaScript from another compiled function takes of
   * JS_STACK_BUDGET (see compiled/calls.ts): more for a function with more variables.
   */
  jsFrameCost = MIN_JS_FRAME_COST;

  /**
   * Whether the function's JavaScript, entered at its start, sets its declared locals and entry
   * words itself: a call from compiled code (calls.ts) then need not write them to the frame.
   */
  initsOwnFrame = false;

  /**
   * The translation, where a compiled caller may call it itself at its start (calls.ts): it is
   * whole, unmetered and sets its own frame (initsOwnFrame), so that the call needs only the
   * checks callWasm makes for the depth, the JavaScript stack and the frame's room.
   */
  direct: CompiledCode | undefined = undefined;

  /** Its try blocks (exceptions.ts), if it has any. */
  tries: HandlerTable | null = null;

  /** Whether it throws or catches: such a function stays in the `fast` form (exceptions.ts). */
  usesExceptions = false;

  /** Translates the function to JavaScript now if that is still to be done (see compileLater). */
  compileNow(): void {
    const later = this.compileLater;
    if (later === undefined) return;
    this.compileLater = undefined;
    later(this);
  }

  clearLocals(r: Int32Array, fp: number): void {
    const z = this.zeroWords;
    for (let j = 0; j < z.length; j++) r[fp + z[j]] = 0;
  }

  frameCells(): number {
    return this.cells;
  }

  consts(): Int32Array {
    return this.entryWords;
  }

  handlers(): HandlerTable | null {
    return this.tries;
  }
}

/**
 * A function's code translated to JavaScript: runs from `pc` until an instruction it leaves to the
 * run loop (a return, a call it cannot make itself) and gives back that instruction's pc, or
 * RETURNED_IN_PLACE where it returned with its results in place (see compiled/compile.ts), or
 * UNWOUND (see compiled/calls.ts). Arguments are part of the run loop's state (see `runFast`;
 * the function reads the rest from `m` and `inst`) and the function itself.
 */
export type CompiledCode = (
  m: unknown,
  pc: number,
  fp: number,
  r: Int32Array,
  inst: unknown,
  self: unknown,
  budget: number,
) => number;

