/**
 * The hook through which a layer above prepares code in the validator's own pass: while a
 * function body is checked, each instruction is handed to the sink together with the operand
 * stack as it is before the instruction. Validation without a sink skips all of this.
 */
import type { ModuleInfo } from '@proj/decoder';

/** What the validator knows at the current instruction. Read it during a sink call only. */
export interface FuncState {
  readonly module: ModuleInfo;
  /** Index of the function in the module's function index space. */
  readonly funcIndex: number;
  /**
   * Types of the function's parameters and declared locals: all of them when `localCount` is at
   * most DENSE_LOCALS (50,000), only that many otherwise.
   */
  readonly localTypes: Uint8Array;
  readonly localCount: number;
  /** Byte offset of the current instruction's opcode. */
  readonly pos: number;
  /** Byte offset just past the current instruction's immediates. */
  readonly next: number;
  /** Operand stack height before the instruction. */
  readonly height: number;
  /** Operand types on the stack, `[0, height)`; 0 is the unknown type of unreachable code. */
  readonly stack: Uint8Array;
  /** Whether the instruction is in unreachable code. */
  readonly unreachable: boolean;
  /** Number of open control frames (the function's own frame included). */
  readonly depth: number;
  /**
   * First immediate as a number: an index (local, global, function, table, data, elem, type of
   * call_indirect), a label depth (br_table: the default), a memarg offset, a lane, an i32 constant,
   * a block type, the type of a typed select or of ref.null. Wider immediates (i64, f32, f64 and
   * v128 constants, shuffle lanes, br_table targets) are read from the bytes at `pos`.
   */
  readonly imm: number;
  /**
   * Second immediate: the table of call_indirect and table.init, the source table of table.copy,
   * the alignment of a memarg (the lane for lane loads and stores), the target count of br_table.
   */
  readonly imm2: number;
  /** Operand stack height at the bottom of the control frame `d` levels out (0 is innermost). */
  frameHeight(d: number): number;
  /** The opcode (block/loop/if/else, 0 for the function) of the control frame `d` levels out. */
  frameKind(d: number): number;
  /** The value types a branch to label `d` carries. */
  labelTypes(d: number): Uint8Array;
  /** The types a control frame `d` levels out produces at its end. */
  frameResults(d: number): Uint8Array;
  /** The types a control frame `d` levels out takes at its start. */
  frameParams(d: number): Uint8Array;
}

/** Receives each function body's instructions during validation. */
export interface CodeSink {
  /** Before the first instruction of a function body. */
  beginFunction(state: FuncState): void;
  /** Each instruction, after its immediates are read, before its operand types are checked. */
  instr(id: number, state: FuncState): void;
  /** After the function's final `end` has been checked. */
  endFunction(state: FuncState): void;
}
