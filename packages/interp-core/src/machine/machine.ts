/**
 * The machine: runs invocations in the loops of the profiles and owns their life cycle. The
 * store asks it to begin an invocation, to go on after a host call, and to abandon one (a trap
 * or the host's `call.trap`); it does no frame arithmetic of its own.
 */
import { registered } from '../profiles.js';
import type { WasmFunc } from '../runtime.js';
import { CallStack, Execution, RESUME_SUSPENDED, Stop } from './stack.js';

export class Machine extends CallStack {
  /**
   * Runs `ex` until its function returns (Stop.done) or it calls the host (Stop.host: `ex.host`
   * says which function; hostArgs reads its arguments). Each profile has its own loop; they hand
   * over at calls and returns (stack.ts).
   * @throws Trap
   */
  run(ex: Execution): number {
    for (;;) {
      const stop = ex.func.prepared.kind === 'compact' ? registered.compact!.run(this, ex) : registered.fast!.run(this, ex);
      if (stop !== Stop.switch) return stop;
    }
  }

  /**
   * A new invocation of `f` with arguments `args` (four words a value), on top of `below`, the
   * innermost suspended one (null when none is).
   * @throws Trap `call stack exhausted` when the stack cannot hold its frame
   */
  begin(f: WasmFunc, args: Int32Array, below: Execution | null): Execution {
    // A nested invocation starts above the suspended frame of the one it is nested in.
    const fp = below ? below.fp + below.func.prepared.frameCells(below.func.ownIndex) * 4 : 0;
    const ex = new Execution(f, fp, this.depth);
    this.enter(f, fp);
    this.slots.i32.set(args, fp);
    return ex;
  }

  /** The results of `ex`, once run returned Stop.done: four words a value. */
  results(ex: Execution): Int32Array {
    return this.slots.i32.subarray(ex.entryFp, ex.entryFp + ex.entry.type.results.length * 4);
  }

  /** The arguments of the host call `ex` waits for: four words a value. */
  hostArgs(ex: Execution): Int32Array {
    return this.slots.i32.subarray(ex.hostBase, ex.hostBase + ex.host!.type.params.length * 4);
  }

  /** Gives `ex` the results of its host call (four words a value); run goes on from there. */
  hostReturn(ex: Execution, results: Int32Array): void {
    this.slots.i32.set(results, ex.hostBase);
    // A compact frame's operand stack continues just past the results.
    ex.sp = ex.hostBase + results.length;
    ex.host = null;
    ex.resume = RESUME_SUSPENDED;
  }

  /** Drops `ex`'s frames: it trapped or the host ended it; the invocations below go on. */
  abandon(ex: Execution): void {
    this.unwind(ex.baseDepth);
  }
}
