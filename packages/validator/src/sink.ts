/**
 * The hook through which a layer above prepares code in the validator's own pass: while a
 * function body is checked, each instruction is handed to the sink together with the operand
 * stack as it is before the instruction. Validation without a sink skips all of this.
 *
 * Instructions that close a frame (`else`, `end`, and exception handling's `catch`, `catch_all`
 * and `delegate`) are handed over before it closes: the state is that of the end of the frame's
 * code so far (its stack, whether it is unreachable), `depth` still counts the frame, and
 * `frameKind(0)` says what it is (a try body 0x06, a catch clause 0x07, a catch_all clause 0x19).
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
   * call_indirect, tag of catch and throw), a label depth (br_table: the default; rethrow), a
   * memarg offset, a lane, an i32 constant, a block type (try too), the type of a typed select or
   * of ref.null. The label depth of `delegate` counts from the frames outside its try, so it names
   * the frame `imm + 1` levels out of the state it is handed with. Wider immediates (i64, f32, f64
   * and v128 constants, shuffle lanes, br_table targets) are read from the bytes at `pos`.
   */
  readonly imm: number;
  /**
   * Second immediate: the table of call_indirect and table.init, the source table of table.copy,
   * the alignment of a memarg (the lane for lane loads and stores), the target count of br_table.
   */
  readonly imm2: number;
  /** Operand stack height at the bottom of the control frame `d` levels out (0 is innermost). */
  frameHeight(d: number): number;
  /**
   * The kind of the control frame `d` levels out: the opcode that opened it (0x02 block, 0x03
   * loop, 0x04 if, 0x06 try) or the clause it is in (0x05 else; 0x07 catch and 0x19 catch_all,
   * the frames `rethrow` may name); 0 for the function.
   */
  frameKind(d: number): number;
  /** The value types a branch to label `d` carries. */
  labelTypes(d: number): Uint8Array;
  /** The types a control frame `d` levels out produces at its end. */
  frameResults(d: number): Uint8Array;
  /**
   * The types a control frame `d` levels out takes at its start (for a catch or catch_all clause,
   * its try's parameters, not the caught tag's).
   */
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
