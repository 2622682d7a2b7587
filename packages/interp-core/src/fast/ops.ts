/**
 * The prepared code's instruction set. A wasm instruction typed by the opcode table keeps its op
 * id (below 0x300) and is laid out as `[id, d?, operands..., immediates...]`; the instructions
 * that only exist in prepared code take ids from 0x300 on.
 *
 * Short names: a *cell* is 16 bytes of the value stack (one local or operand, any type); every
 * operand in code is a cell's index in Int32 units (cell × 4) relative to the frame pointer, so
 * an i32 operand `a` reads `i32[fp + a]`. `d` is the result cell, `pc` an index into the code.
 *
 * Layouts of the table-typed ops, by immediate kind (pops in operand order):
 * - none: `[id, d?, pops...]`; i32: `[id, d, value]`; i64, f64: `[id, d, lo, hi]`; f32: `[id, d, bits]`
 * - memArg (scalar and SIMD): loads `[id, d, addrA, addrB, offset]`, stores `[id, addrA, addrB,
 *   value, offset]`: the address is addrA + addrB (wrapping), where an i32.add before the access
 *   is folded in and addrB is otherwise a constant zero
 * - zeroByte: memory.size `[id, d]`, memory.grow `[id, d, n]`, memory.fill `[id, dst, value, n]`
 * - memoryInit `[id, dst, src, n, data]`; data.drop `[id, data]`; memory.copy `[id, dst, src, n]`
 * - tableInit `[id, dst, src, n, elem, table]`; elem.drop `[id, elem]`; tableCopy `[id, dst, src, n, x, y]`
 * - table.size `[id, d, table]`
 * - SIMD (0x200 + sub) other than memory ops and v128.const: `[id, d, a, b, c, lane]` (unused 0)
 * - memArgLane (SIMD): lane loads `[id, d, addr, v, offset, lane]`, lane stores `[id, addr, v,
 *   offset, lane]`
 * - v128.const `[id, d, w0, w1, w2, w3]`; i8x16.shuffle `[id, d, a, b, w0, w1, w2, w3]`
 */
export const Op = {
  /** `[op, d, s]`: copy one, two or four Int32 words (a 32-bit, 64-bit or 128-bit value). */
  copy1: 0x300,
  copy2: 0x301,
  copy4: 0x302,
  /** `[op, d, s]`: copy2 of an f64 value, moved as a float (compiled keeps f64 cells in variables). */
  copyF64: 0x318,
  /** `[op, d, s]`: copy1 of an f32 value, its bits kept (compiled moves it as a float where it can). */
  copyF32: 0x319,
  /** `[op, d1, s1, d2, s2]`: two copy1 or two copy2 in a row, in that order (see pairCopies). */
  copy1Pair: 0x31a,
  copy2Pair: 0x31b,
  /** `[op, pc]` */
  br: 0x303,
  /** `[op, c, pc]`: branch if the i32 at c is nonzero / zero. */
  brIf: 0x304,
  brUnless: 0x305,
  /** `[op, c, n, pc0, ..., pcn]`: the last target is the default. */
  brTable: 0x306,
  /** `[op]`: return; the results are already in the frame's first cells. */
  return: 0x307,
  /** `[op, src]`: return one result, copying it from src to the frame's first cell. */
  return1: 0x317,
  /** `[op, func, base]`: the arguments (then the results) are at cell `base`. */
  call: 0x308,
  /** `[op, type, table, base, i]` */
  callIndirect: 0x309,
  /** `[op, d, a, b, c]`: d = c ? a : b, one, two or four words. */
  select1: 0x30a,
  select2: 0x30b,
  select4: 0x30c,
  /** `[op, d, global]`, `[op, global, s]` */
  globalGet: 0x30d,
  globalSet: 0x30e,
  /** `[op]` */
  unreachable: 0x30f,
  /** `[op, d, a, table]`: table.get; `[op, a, v, table]`: table.set */
  tableGet: 0x310,
  tableSet: 0x311,
  /** `[op, d, v, n, table]` */
  tableGrow: 0x312,
  /** `[op, i, v, n, table]` */
  tableFill: 0x313,
  /** `[op, d]`: ref.null; `[op, d, a]`: ref.is_null; `[op, d, func]`: ref.func */
  refNull: 0x314,
  refIsNull: 0x315,
  refFunc: 0x316,
  /**
   * Compare-and-branch, 11 each: `[op, a, pc]` for eqz, `[op, a, b, pc]` for the others, in the
   * order eqz eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u; brCmp branches when the comparison
   * holds, brNotCmp when it does not.
   */
  brCmp: 0x320,
  brNotCmp: 0x330,
  /**
   * i32 with an immediate: `[op, d, a, value]`, for add mul and or xor shl shr_s shr_u (0x340..),
   * and the comparisons eq .. ge_u (0x351.., same order as brCmp, from 1).
   */
  i32Imm: 0x340,
  i32CmpImm: 0x350,
  /** Compare-with-immediate-and-branch: `[op, a, value, pc]`, comparisons as in i32CmpImm. */
  brCmpImm: 0x360,
  brNotCmpImm: 0x370,
  /**
   * Float compare-and-branch, `[op, a, b, pc]`, 6 each in the order eq ne lt gt le ge: f32 then
   * f64, each branching when the comparison holds, then when it does not (NaN compares false).
   */
  brCmpF32: 0x380,
  brNotCmpF32: 0x386,
  brCmpF64: 0x38c,
  brNotCmpF64: 0x392,
  /**
   * A loop's step and test in one: an i32 add whose result the next br_if compares (ne, lt_s,
   * lt_u, in that order, 3 each). `[op, d, a, k, b, pc]`: d = a + k (k an immediate), then branch
   * if d ≷ b (a cell); then the same with an immediate `value` for b; then `[op, d, a, a2, b, pc]`
   * with d = a + a2 (cells).
   */
  addImmBrCmp: 0x3a0,
  addImmBrCmpImm: 0x3a3,
  addBrCmp: 0x3a6,
  /** `[op, d, a, k, pc]`: d = a + k (k an immediate), then branch if d is nonzero. */
  addImmBrNz: 0x3a9,
  /** `[op, d, a, k, pc]`: d = a + k (k an immediate), then branch. */
  addImmBr: 0x3aa,
  /**
   * A 32- or 64-bit access at a scaled index: loads `[op, d, x, b, offset, shift]`, stores
   * `[op, x, b, value, offset, shift]`, at address ((x << shift) + b, wrapping) + offset.
   */
  loadScaled32: 0x3b0,
  loadScaled64: 0x3b1,
  storeScaled32: 0x3b2,
  storeScaled64: 0x3b3,
  /**
   * f64.add / f64.mul of two f64.loads, as in a dot product: `[op, d, a1, b1, offset1, a2, b2,
   * offset2]`, each operand loaded from ((a + b) wrapping) + offset, the first one first.
   */
  f64AddLoads: 0x3b4,
  f64MulLoads: 0x3b5,
  /** `[op, d, a, b, c]`: d = a * b + c in f32 / f64, each operation rounded on its own. */
  f32MulAdd: 0x3b6,
  f64MulAdd: 0x3b7,
  /** f64.load and f64.store at a scaled index, as loadScaled64 and storeScaled64 (a float value). */
  loadScaledF64: 0x3b8,
  storeScaledF64: 0x3b9,
  /**
   * f64.add of c and the product of two f64.loads (f64MulLoads, then the add of its result), as
   * in a dot product's step: `[op, d, c, a1, b1, offset1, a2, b2, offset2]`.
   */
  f64MulAddLoads: 0x3ba,
  /**
   * `[op, a, b, offset, k]`: adds the immediate k to the i32 in memory at ((a + b) wrapping) +
   * offset (an i32.load, an add of a constant and an i32.store back at the same address).
   */
  i32AddImmAt: 0x3bb,
  /**
   * An i64 operation of the result of the one before (isa/families.ts, `chain`): `[op, d, a, b,
   * c]` for d = second(first(a, b), c), second one of xor, add, and, rotl (in that order, 4 ids
   * per first; c is the count of a rotl).
   */
  i64XorThen: 0x3d0,
  i64AddThen: 0x3d4,
  i64AndThen: 0x3d8,
  i64RotlThen: 0x3dc,
  i64ShrUThen: 0x3e0,
  /** The same for i32 operations (each first: xor, add, and, rotl in that order, 4 ids each). */
  i32XorThen: 0x3e4,
  i32AddThen: 0x3e8,
  i32AndThen: 0x3ec,
  i32RotlThen: 0x3f0,
  /** An f64 add, an f32 sub and an f32 add, then an add of the result (one id each). */
  f64AddThen: 0x3f4,
  f32SubThen: 0x3f5,
  f32AddThen: 0x3f6,
  /**
   * Metered code only (fuel/meter.ts). `[op, cost]`: the charge for the region that starts here
   * (a function's entry, a loop's header): pauses with Stop.fuel when less than `cost` is left.
   * `[op, n, perFuel]`: the charge for a bulk operation's length (the i32 at `n`) just before it.
   */
  fuel: 0x3c0,
  fuelLength: 0x3c1,
  /**
   * A br_if / br_unless on the i32 just loaded: `[op, a, b, offset, pc]` branches when the value
   * at ((a + b) wrapping) + offset is nonzero / zero; i32.load, then i32.load8_u.
   */
  brIfLoad: 0x3c4,
  brUnlessLoad: 0x3c6,
  /**
   * A br_if on i32.eq / i32.ne of an i32.load and a cell (`[op, a, b, offset, x, pc]`) or an
   * immediate (`[op, a, b, offset, value, pc]`), the load at ((a + b) wrapping) + offset.
   */
  brCmpLoad: 0x3c8,
  brCmpImmLoad: 0x3ca,
  /**
   * A br_table on an i32 just loaded (a bytecode interpreter's dispatch): `[op, x, b, offset,
   * shift, n, pc...]`, the index at ((x << shift) + b wrapping) + offset, then as brTable. Written
   * by the fast profile only (the compiled one switches on the index itself).
   */
  brTableLoad: 0x3cc,
  /** `[op, d, c, a, b, offset]`: d = c + the i64 at ((a + b) wrapping) + offset. */
  i64AddLoad: 0x3cd,
  /** `[op, tag, base]`: throws an exception of tag `tag`, its values at cell `base` on (Stop.throw). */
  throw: 0x3c2,
  /** `[op, try]`: throws again what the clause of try `try` (its index in the function's table) caught. */
  rethrow: 0x3c3,
  /**
   * `[op]` in place of the instruction where a function of the `compiled` profile is first
   * entered: translates it to JavaScript (PreparedFunc.compileNow), which puts enterCompiled
   * there, or the instruction back where it cannot be translated.
   */
  compileOnEntry: 0x3fe,
  /**
   * `[op]` in place of the instruction where the run loop enters a function of the `compiled`
   * profile (its start, and each return point after a call): runs the function's JavaScript,
   * from the original instruction there up to its next call or return.
   */
  enterCompiled: 0x3ff,
} as const;
