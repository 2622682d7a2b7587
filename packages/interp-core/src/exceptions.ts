/**
 * Exception handling (the exception-handling proposal's `try`, `catch`, `catch_all`, `delegate`,
 * `throw` and `rethrow`): tags, thrown exceptions, and the handler tables the preparers write.
 *
 * A run loop stops at `throw` and `rethrow` (Stop.throw, the exception in `Execution.thrown`);
 * the machine then looks for a handler in the frames from the innermost out (`findHandler`),
 * and goes on there, or ends the invocation with NoHandler. Functions with handlers
 * or throws run in the run loops (the `compiled` profile leaves them in their `fast` form), so
 * their frames' pcs are exact whenever an exception passes.
 *
 * https://github.com/WebAssembly/exception-handling/blob/main/proposals/exception-handling/legacy/Exceptions.md
 */
import type { FuncType } from '@proj/decoder';
import { Trap } from './trap.js';

/** A tag: what identifies an exception and types its values. */
export class TagInst {
  constructor(
    readonly type: FuncType,
    /** The store-wide id of its type. */
    readonly typeId: number,
  ) {}
}

/** A thrown exception: its tag and its values (four words each, the value stack's layout). */
export class WasmException {
  constructor(
    readonly tag: TagInst,
    readonly words: Int32Array,
  ) {}
}

/** Thrown by Machine.run when no frame of the invocation catches `exception` (the store reports it). */
export class NoHandler extends Trap {
  constructor(readonly exception: WasmException) {
    super('uncaught exception');
    this.name = 'NoHandler';
  }
}

/** TryBlock.delegate of a try that does not delegate. */
export const NO_DELEGATE = -2;
/** TryBlock.delegate (and parent) for "the caller": the exception leaves the function. */
export const TO_CALLER = -1;
/** A catch clause's tag index for `catch_all`. */
export const CATCH_ALL = -1;

/**
 * A try block of a function, as the handler search reads it. Positions are the preparer's pcs:
 * an exception raised at `pc` (the pc just after the throwing instruction or the call it came
 * through) is inside the try's body when `from < pc <= to`.
 */
export interface TryBlock {
  from: number;
  to: number;
  /** The innermost try whose body holds this one (an index in the table), or TO_CALLER. */
  readonly parent: number;
  /** NO_DELEGATE, or where a `delegate` sends exceptions: a try's index or TO_CALLER. */
  delegate: number;
  /** Each catch clause's tag index (CATCH_ALL for catch_all) and where its code starts. */
  readonly tags: number[];
  readonly targets: number[];
  /** The `compact` profile: the side-table position at each clause's start. */
  readonly stps: number[];
  /** The frame cell where the caught values go (the try's operand stack base). */
  base: number;
}

/** The handlers of a function: its try blocks, outer ones before the ones they hold. */
export type HandlerTable = readonly TryBlock[];

/**
 * The clause of `table` that catches an exception of tag `tag` raised at `pc`, as [try index,
 * clause index], or null when none does (it leaves the function). `tags` are the tags of the
 * function's instance, by tag index.
 */
export function findHandler(table: HandlerTable, pc: number, tag: TagInst, tags: readonly TagInst[]): [number, number] | null {
  // The innermost try holding pc: the last in the table, which lists outer tries first.
  let k = TO_CALLER;
  for (let i = table.length - 1; i >= 0; i--) {
    const t = table[i];
    if (t.from < pc && pc <= t.to) {
      k = i;
      break;
    }
  }
  while (k >= 0) {
    const t = table[k];
    if (t.delegate !== NO_DELEGATE) {
      k = t.delegate;
      continue;
    }
    for (let j = 0; j < t.tags.length; j++) {
      const x = t.tags[j];
      if (x === CATCH_ALL || tags[x] === tag) return [k, j];
    }
    k = t.parent;
  }
  return null;
}

/**
 * A function's try blocks as a preparer records them while it reads the body, and the try whose
 * body holds the current instruction (where a try opening now nests). Each preparer keeps, for
 * its open frames, a try's index and the try that held the frame's start (see delegateTarget).
 */
export class TryRecorder {
  tries: TryBlock[] = [];
  current = TO_CALLER;

  /** Starts a function's body. */
  reset(): void {
    this.tries = [];
    this.current = TO_CALLER;
  }

  /** A try whose body starts at `from` and whose clauses get their values at cell `base`: its index. */
  open(from: number, base: number): number {
    const k = this.tries.push({ from, to: from, parent: this.current, delegate: NO_DELEGATE, tags: [], targets: [], stps: [], base }) - 1;
    this.current = k;
    return k;
  }

  /** Try `k`'s body ends at `to` (its first clause, its delegate or its end): what follows is its parent's to catch. */
  endBody(k: number, to: number): void {
    const t = this.tries[k];
    t.to = to;
    this.current = t.parent;
  }

  /** A clause of try `k` for tag index `tag` (CATCH_ALL for catch_all), starting at `target`. */
  clause(k: number, tag: number, target: number, stp = 0): void {
    const t = this.tries[k];
    t.tags.push(tag);
    t.targets.push(target);
    t.stps.push(stp);
  }
}

/**
 * Where a delegate to a frame sends exceptions: the frame's own clauses if it is a try still in
 * its body (`kind` 0x06, index `tryIndex`), else the try whose body held the frame's start
 * (`enclosing`; TO_CALLER for the function's own frame).
 */
export function delegateTarget(kind: number, tryIndex: number, enclosing: number): number {
  return kind === 0x06 ? tryIndex : enclosing;
}
