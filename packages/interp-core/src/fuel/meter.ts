/**
 * The fuel cost model, computed once from a module's own instructions so that every profile
 * charges the same amounts at the same points (the README's "Fuel" section is its user-facing
 * description).
 *
 * A function body is cut into *regions*: the loop bodies (the instructions strictly between a
 * `loop` and its `end`, without the bodies of loops nested in it) and the rest of the function.
 * A region is paid for where it is entered: the function's region at the function's entry, a
 * loop's region at its header, each time the loop is entered or a branch goes back to it. The
 * price is the region's longest path: the most of its instructions that one pass through it can
 * execute (each instruction costs 1; a nested loop counts as its `loop` and `end` only; a call
 * counts 1 and the callee pays for itself). So no instruction runs unpaid, and a pass that takes
 * a short branch of a switch pays for the longest branch only, not for all of them.
 *
 * A `catch` or `catch_all` clause, entered by an exception from anywhere in its try's body, is
 * counted in the try's region as if it began after the longest path of that region so far: a
 * pass that runs part of the body, then a clause, then what follows the try, pays for all of it.
 *
 * Bulk operations also pay for their length when they run (bulkCost).
 */
import { Reader } from '@proj/decoder';
import type { CodeSink, FuncState } from '@proj/validator';

/** A charge is never above this: a region whose longest path is longer pays this much. */
export const MAX_CHARGE = 0x3fffffff;

/** Bytes of a bulk memory operation (memory.fill, memory.copy, memory.init) that one unit pays for. */
export const MEMORY_BYTES_PER_FUEL = 64;
/** Elements of a bulk table operation (table.fill, copy, init, grow) that one unit pays for. */
export const TABLE_ELEMENTS_PER_FUEL = 16;

/** What a bulk operation over `n` bytes or elements costs, beyond its own instruction. */
export function bulkCost(n: number, perFuel: number): number {
  return Math.ceil(n / perFuel);
}

/** Op ids (as the decoder numbers them) of the bulk operations, with what one unit pays for. */
export const BULK_OPS: ReadonlyMap<number, number> = new Map([
  [0x108, MEMORY_BYTES_PER_FUEL], // memory.init
  [0x10a, MEMORY_BYTES_PER_FUEL], // memory.copy
  [0x10b, MEMORY_BYTES_PER_FUEL], // memory.fill
  [0x10c, TABLE_ELEMENTS_PER_FUEL], // table.init
  [0x10e, TABLE_ELEMENTS_PER_FUEL], // table.copy
  [0x10f, TABLE_ELEMENTS_PER_FUEL], // table.grow
  [0x111, TABLE_ELEMENTS_PER_FUEL], // table.fill
]);

/** A path that cannot be taken (code after a branch, a return or `unreachable`). */
const NONE = -1;

interface MeterFrame {
  /** block, loop, if, try, or else / catch / catch_all once one is reached; 0 for the function. */
  kind: number;
  /** Longest path to a branch that leaves this block or if for its end (NONE if none does). */
  branches: number;
  /** if: the path to the `if` itself (its false edge starts the else arm or goes past the end). */
  readonly atIf: number;
  /** if with an else: the then arm's path into the `else`; try: the longest into a clause. */
  thenEnd: number;
  /** loop: the path to the `loop` in the enclosing region, and the `loop`'s byte offset. */
  readonly atLoop: number;
  readonly pos: number;
}

interface Region {
  /** Its longest path so far. */
  longest: number;
}

/**
 * A validation sink that computes the costs of every region: `loopCosts` by the byte offset of
 * each `loop` instruction, `entryCosts` by own function index. Runs before the preparer in the
 * same pass (see Module), so that both are known when a preparer ends a function.
 */
export class FuelMeter implements CodeSink {
  /** Cost of each loop's region, by the byte offset of its `loop` opcode (unique in a module). */
  readonly loopCosts = new Map<number, number>();
  /** Cost of each function's own region, by index among the module's own functions. */
  readonly entryCosts: number[] = [];

  private frames: MeterFrame[] = [];
  private regions: Region[] = [];
  /** Indices in `frames` of the open loops, innermost last. */
  private loops: number[] = [];
  /** Longest path to the next instruction, in the current region (NONE when unreachable). */
  private path = 0;

  beginFunction(): void {
    this.frames = [{ kind: 0, branches: NONE, atIf: NONE, thenEnd: NONE, atLoop: NONE, pos: 0 }];
    this.regions = [{ longest: 0 }];
    this.loops = [];
    this.path = 0;
  }

  endFunction(): void {
    this.entryCosts.push(Math.min(this.regions[0].longest, MAX_CHARGE));
  }

  instr(id: number, st: FuncState): void {
    // The instruction itself, in the current region (a loop's end counts in the enclosing one).
    const region = this.regions[this.regions.length - 1];
    const frames = this.frames;
    if (id === 0x0b && frames[frames.length - 1].kind === 0x03) {
      this.endLoop();
      return;
    }
    const here = this.path === NONE ? NONE : this.path + 1;
    if (here > region.longest) region.longest = here;
    switch (id) {
      case 0x02: // block
      case 0x06: // try
        frames.push({ kind: id, branches: NONE, atIf: NONE, thenEnd: NONE, atLoop: NONE, pos: 0 });
        this.path = here;
        return;
      case 0x04: // if
        frames.push({ kind: id, branches: NONE, atIf: here, thenEnd: NONE, atLoop: NONE, pos: 0 });
        this.path = here;
        return;
      case 0x03: // loop: a region of its own
        this.loops.push(frames.length);
        frames.push({ kind: id, branches: NONE, atIf: NONE, thenEnd: NONE, atLoop: here, pos: st.pos });
        this.regions.push({ longest: 0 });
        this.path = here === NONE ? NONE : 0;
        return;
      case 0x05: {
        // else: the then arm ends here; the else arm starts from the if
        const f = frames[frames.length - 1];
        f.thenEnd = here;
        f.kind = id;
        this.path = f.atIf;
        return;
      }
      case 0x07: // catch, catch_all: the arm before goes to the end
      case 0x19: {
        const f = frames[frames.length - 1];
        f.thenEnd = Math.max(f.thenEnd, here);
        f.kind = id;
        this.path = region.longest;
        return;
      }
      case 0x18: // delegate: the end of a try
      case 0x0b: {
        // end of a block, an if, a try or the function
        const f = frames.pop()!;
        let path = Math.max(here, f.branches);
        // An if without else may skip to its end; with one, the then arm ended at the else (and a
        // try's arms at its clauses).
        if (f.kind === 0x04) path = Math.max(path, f.atIf);
        else if (f.kind === 0x05 || f.kind === 0x07 || f.kind === 0x19) path = Math.max(path, f.thenEnd);
        this.path = path;
        return;
      }
      case 0x0c: // br
        this.branch(st.imm, here);
        this.path = NONE;
        return;
      case 0x0d: // br_if
        this.branch(st.imm, here);
        this.path = here;
        return;
      case 0x0e: {
        // br_table: each distinct target, then nothing falls through
        if (here !== NONE) {
          const r = new Reader(st.module.bytes, st.pos + 1);
          const n = r.u32();
          const seen = new Set<number>();
          for (let i = 0; i <= n; i++) {
            const d = r.u32();
            if (!seen.has(d)) {
              seen.add(d);
              this.branch(d, here);
            }
          }
        }
        this.path = NONE;
        return;
      }
      case 0x00: // unreachable
      case 0x0f: // return
      case 0x08: // throw
      case 0x09: // rethrow
        this.path = NONE;
        return;
      default:
        this.path = here;
    }
  }

  /** A loop's end: its region is complete, and the enclosing one goes on past the loop. */
  private endLoop(): void {
    const f = this.frames.pop()!;
    this.loops.pop();
    this.loopCosts.set(f.pos, Math.min(this.regions.pop()!.longest, MAX_CHARGE));
    // The code after the loop is reached when its body falls through.
    const here = this.path !== NONE && f.atLoop !== NONE ? f.atLoop + 1 : NONE;
    const region = this.regions[this.regions.length - 1];
    if (here > region.longest) region.longest = here;
    this.path = here;
  }

  /** A branch to label `d` on a path of length `here`. */
  private branch(d: number, here: number): void {
    if (here === NONE) return;
    const frames = this.frames;
    const t = frames.length - 1 - d;
    const target = frames[t];
    // To a loop: back to its header, which charges again. To the function: a return.
    if (target.kind === 0x03 || t === 0) return;
    // From inside loops nested in the target's region, the path there reached the outermost
    // of those loops and then left its body.
    const loops = this.loops;
    let lo = 0;
    let hi = loops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (loops[mid] > t) hi = mid;
      else lo = mid + 1;
    }
    const path = lo < loops.length ? frames[loops[lo]].atLoop : here;
    if (path > target.branches) target.branches = path;
  }
}
