/**
 * What every profile's run loop shares: the value stack, the frames below the running one, and
 * the state of one invocation (Execution). The loops import this file; nothing here imports a
 * loop (machine.ts dispatches to them).
 *
 * The protocol between the loops. A Machine runs one invocation at a time in the loop of the
 * current function's profile (`fast` and `compiled` code run in the fast loop; `compact` code in
 * its own). A loop returns a Stop code:
 * - `done`: the invoked function returned; its results are the first cells of its frame.
 * - `host`: it calls a host function: `ex.host`, with its arguments at cells from `ex.hostBase`.
 *   `ex.func`/`ex.pc`/`ex.fp` say where to go on, and the loop set `ex.resume` to
 *   RESUME_SUSPENDED.
 * - `fuel`: metered code needs more fuel than is left (`CallStack.fuel`) for its next step: a
 *   region's charge (function entry, loop header) or a bulk operation's length. Where it stopped
 *   is saved as for `host` (`ex.host` null, `ex.sp` the compact operand stack top); going on
 *   runs that charge again.
 * - `throw`: it throws `ex.thrown` (throw, rethrow) from `ex.func` at `ex.pc` (just past the
 *   instruction) with `ex.fp`; the machine finds its handler (see exceptions.ts).
 * - `switch`: control passes to a function of the other loop's profile. A call has pushed the
 *   caller's frame (`frameFunc`/`framePc`/`frameFp` at `depth`) and entered the callee
 *   (`ex.resume` = RESUME_ENTER); a return has popped it (`ex.resume` = RESUME_AFTER_CALL,
 *   `ex.sp` just past the results, where a compact caller's operand stack goes on).
 * Calls use one convention in every loop: the arguments are cells at `base` in the caller's frame
 * and become the callee's first locals (its frame pointer is `base`); results come back there.
 * A compact caller also saves its side-table pointer in `frameStp[depth]`; while it waits for a
 * host, the pointer is in the last cell of its own frame.
 */
import type { WasmException } from '../exceptions.js';
import type { HostFunc, Runtime, WasmFunc } from '../runtime.js';
import { Slots } from '../slots.js';
import { Trap, TrapReason } from '../trap.js';

/** What a run loop stopped for (see above). */
export const Stop = { done: 0, host: 1, switch: 2, fuel: 3, throw: 4 } as const;

/**
 * How a loop picks up an Execution (see above): at its function's entry, after a call into the
 * other loop's profile returned, or where it was suspended (after a host call or a fuel pause).
 * (Separate constants, which a bundler inlines as numbers.)
 */
export const RESUME_ENTER = 0;
export const RESUME_AFTER_CALL = 1;
export const RESUME_SUSPENDED = 2;

/**
 * What a compiled function gives back, in place of a pc, when a call it made directly (see
 * compiled/calls.ts) could not finish in JavaScript: the frames are pushed and exact, and the run
 * loop goes on in `CallStack.resumeFunc` at `resumePc` with frame pointer `resumeFp`.
 */
export const UNWOUND = -0x80000000;

/**
 * What a compiled function gives back where it returned with its results already at the start of
 * its frame (compiled/compile.ts): the run loop goes on at the Op.return that ends its code.
 */
export const RETURNED_IN_PLACE = -0x7fffffff;

/**
 * How deep compiled functions may call each other in JavaScript (see compiled/calls.ts) before
 * the next call goes through the run loop, which starts again from a shallow JavaScript stack: a
 * sum of per-call costs (compiled/calls.ts), about 5 bytes of V8 stack each.
 */
export const JS_STACK_BUDGET = 40_000;

/** The least per-call cost of JS_STACK_BUDGET (PreparedFunc.jsFrameCost). */
export const MIN_JS_FRAME_COST = 64;

/**
 * The budget compiled code starts with where the run loop enters it at `depth`: JS_STACK_BUDGET,
 * and no more than MIN_JS_FRAME_COST for each call the depth limit leaves (`maxDepth`, the
 * deepest depth that may still call), so that the budget alone keeps the calls compiled code
 * makes itself within that limit.
 */
export function jsBudgetAt(depth: number, maxDepth: number): number {
  return Math.min(JS_STACK_BUDGET, (maxDepth + 1 - depth) * MIN_JS_FRAME_COST);
}

/** Limits of a Machine. */
export interface MachineLimits {
  /** Wasm calls that may be active at once; one more traps with `call stack exhausted`. */
  readonly maxCallDepth: number;
  /** Most 16-byte cells the value stack may grow to. */
  readonly maxStackCells: number;
}

export const DEFAULT_LIMITS: MachineLimits = { maxCallDepth: 20_000, maxStackCells: 1 << 22 };

/** One invocation: where it is, and what it waits for when suspended at a host call. */
export class Execution {
  /** The invoked function and its frame: its results end up there. */
  readonly entry: WasmFunc;
  readonly entryFp: number;
  /** Where execution is (the frame that called the host, while suspended). */
  func: WasmFunc;
  pc = 0;
  fp: number;
  /** Where a compact frame's operand stack top is when it goes on. */
  sp = 0;
  /** How the loop picks it up: one of the RESUME_ constants. */
  resume: number = RESUME_ENTER;
  /** Frame depth at which this invocation started; returning below it finishes the invocation. */
  readonly baseDepth: number;
  /** The host function it is suspended in, and where its arguments (then results) are. */
  host: HostFunc | null = null;
  hostBase = 0;
  /** The exception it throws, from a Stop.throw (or the host) until a handler takes it. */
  thrown: WasmException | null = null;
  /**
   * What the catch clauses running in its frames caught, by depth and try index (rethrow reads
   * them): kept by invocation, since a nested one's frames take the depths of the frame it is
   * nested in. Made at its first catch.
   */
  caught: WasmException[][] | null = null;

  constructor(func: WasmFunc, fp: number, baseDepth: number) {
    this.entry = func;
    this.entryFp = fp;
    this.func = func;
    this.fp = fp;
    this.baseDepth = baseDepth;
  }
}

/** The value stack and the frames of every invocation in one store. */
export class CallStack {
  slots: Slots;
  /** Frames below the current one: the caller's function, return pc and fp, by depth. */
  depth = 0;
  readonly frameFunc: WasmFunc[] = [];
  readonly framePc: number[] = [];
  readonly frameFp: number[] = [];
  /** A compact caller's side-table pointer, by depth. */
  frameStp: Int32Array = new Int32Array(64);
  /**
   * Fuel left, when the code running is metered (prepared with fuel charges: see fuel/meter.ts).
   * Each charge point subtracts its cost, or stops with Stop.fuel when less than that is left.
   */
  fuel = 0;
  /** Where the run loop goes on after a compiled function gave back UNWOUND. */
  resumeFunc: WasmFunc | null = null;
  resumePc = 0;
  resumeFp = 0;

  constructor(
    readonly rt: Runtime,
    readonly limits: MachineLimits = DEFAULT_LIMITS,
  ) {
    this.slots = new Slots(2 * Math.min(4096, limits.maxStackCells));
  }

  /**
   * Makes room for `f`'s frame at Int32 index `fp`, zeroes its declared locals and writes its
   * entry words.
   * @throws Trap `call stack exhausted` past the limits
   */
  enter(f: WasmFunc, fp: number): void {
    const p = f.prepared;
    const i = f.ownIndex;
    const end = (fp >> 2) + p.frameCells(i);
    if (end * 2 > this.slots.count) {
      if (end > this.limits.maxStackCells) throw new Trap(TrapReason.callStackExhausted);
      let grown: Slots;
      try {
        grown = new Slots(2 * Math.min(this.limits.maxStackCells, Math.max(end, this.slots.count)));
      } catch {
        throw new Trap(TrapReason.callStackExhausted); // the platform cannot allocate a stack that large
      }
      grown.i32.set(this.slots.i32);
      this.slots = grown;
    }
    const r = this.slots.i32;
    p.clearLocals(r, fp, i, f.type.params.length);
    const k = p.consts(i);
    for (let j = 0; j < k.length; j += 2) r[fp + k[j]] = k[j + 1];
  }

  /**
   * Drops the frames above `depth`: a trapped invocation is gone, and the ones it was nested in
   * go on from where they were.
   */
  unwind(depth: number): void {
    this.depth = depth;
    this.frameFunc.length = depth;
    this.framePc.length = depth;
    this.frameFp.length = depth;
  }
}
