/**
 * The machine: runs invocations in the loops of the profiles and owns their life cycle. The
 * store asks it to begin an invocation, to go on after a host call, and to abandon one (a trap
 * or the host's `call.trap`); it does no frame arithmetic of its own.
 */
import { CATCH_ALL, findHandler, NoHandler, type WasmException } from '../exceptions.js';
import { registered } from '../profiles.js';
import type { WasmFunc } from '../runtime.js';
import { CallStack, Execution, RESUME_SUSPENDED, Stop } from './stack.js';

export class Machine extends CallStack {
  /**
   * Runs `ex` until its function returns (Stop.done) or it calls the host (Stop.host: `ex.host`
   * says which function; hostArgs reads its arguments). Each profile has its own loop; they hand
   * over at calls and returns (stack.ts). An exception thrown goes to its handler (deliver).
   * @throws Trap, NoHandler when no frame of `ex` catches an exception
   */
  run(ex: Execution): number {
    for (;;) {
      if (ex.thrown !== null) this.deliver(ex);
      const stop = ex.func.prepared.kind === 'compact' ? registered.compact!.run(this, ex) : registered.fast!.run(this, ex);
      if (stop !== Stop.switch && stop !== Stop.throw) return stop;
    }
  }

  /**
   * Makes `ex` go on at the handler of `ex.thrown` in the innermost of its frames that has one
   * (from `ex.func` at `ex.pc` out): the frames above it go, the exception's values are put at
   * the try's operand stack base, and the exception is kept for a rethrow.
   * @throws NoHandler when none has one (the caller abandons `ex`)
   */
  private deliver(ex: Execution): void {
    const e = ex.thrown!;
    ex.thrown = null;
    let f = ex.func;
    let pc = ex.pc;
    let fp = ex.fp;
    for (let d = this.depth; ; ) {
      const p = f.prepared;
      const table = p.handlers(f.ownIndex);
      const found = table === null ? null : findHandler(table, pc, e.tag, f.inst.tags);
      if (found !== null) {
        const t = table![found[0]];
        this.unwind(d);
        // A catch clause gets the values; catch_all none.
        const at = fp + t.base * 4;
        const words = t.tags[found[1]] === CATCH_ALL ? 0 : e.words.length;
        if (words > 0) this.slots.i32.set(e.words, at);
        ((ex.caught ??= [])[d] ??= [])[found[0]] = e;
        ex.func = f;
        ex.pc = t.targets[found[1]];
        ex.fp = fp;
        // A compact frame's operand stack goes on past the values, from the clause's side-table position.
        ex.sp = at + words;
        if (p.kind === 'compact') this.slots.i32[fp + (p.frameCells(f.ownIndex) - 1) * 4] = t.stps[found[1]];
        ex.resume = RESUME_SUSPENDED;
        return;
      }
      if (d === ex.baseDepth) throw new NoHandler(e);
      d--;
      f = this.frameFunc[d];
      pc = this.framePc[d];
      fp = this.frameFp[d];
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

  /** Makes the host call `ex` waits for throw `e` where it was called; run goes on from there. */
  hostThrow(ex: Execution, e: WasmException): void {
    ex.host = null;
    ex.thrown = e;
    ex.resume = RESUME_SUSPENDED;
  }

  /** Drops `ex`'s frames: it trapped or the host ended it; the invocations below go on. */
  abandon(ex: Execution): void {
    this.unwind(ex.baseDepth);
  }
}
