/**
 * What the common SIMD (0xFD) instructions compute, once for every profile, as instructions.ts
 * does for the scalar ones. scripts/gen-isa.mjs writes from these rows the `fast` loop's SIMD
 * cases (and so the `compiled` templates), the `compact` loop's, and the instruction functions of
 * numeric/v128-generated.ts and numeric/v128-memory.ts that the dispatch tables of numeric/v128.ts
 * hold (the reference the differential test checks against V8). The other SIMD instructions
 * (swizzle, extension, dot products, i64x2, most f64x2) are written by hand in
 * numeric/ and reached through those tables.
 *
 * A row is one of:
 * - `lanes`: lane-wise, `expr` the result lane k from `$a`, `$b`, `$c`, lane k of each v128
 *   operand read through the lane view `lanes`, or the value of a scalar operand (a shift
 *   count); the result lane is written through the view `to` (default `lanes`), whose store wraps
 *   or rounds it. Output lane k depends on input lanes k only, so the result may be computed in
 *   place where the result's cell is an operand's.
 * - `words`: word-wise (SWAR) arithmetic on 8- or 16-bit lanes packed in i32 words: statements
 *   that set `$d`, word k of the result, from `$a`, `$b`, `$c`, word k of each v128 operand or
 *   the value of a scalar operand. The names they declare are word k's own. `setup`: statements
 *   run once before, on scalar operands only. A compiled function keeps such cells in i32
 *   variables, as it keeps `lanes: 'i32'` rows'.
 * - `vector`: statements. `@a`, `@b`, `@d` are a v128 operand's or the result's cell as an Int32
 *   index into the slots, `$a`, `$b` a scalar operand's 32-bit word (an f32 by its bits) and `$d`
 *   the scalar result's, `lane` the lane immediate (`lane(k)` the k-th of i8x16.shuffle's 16); a
 *   memory instruction (a memarg in the opcode
 *   table) has its effective address in `ea`, already checked against the memory's size for the
 *   row's access width, and the memory as `mu8` (bytes) and `dv` (a DataView). A vector result
 *   is written after every operand lane it needs has been read (the cells may coincide).
 *
 * The rows of SIMD_HOT (the commonest in vectorized loops) get their case in the `fast` loop's main
 * switch, the others in its `simd` function, one call away. That switch must stay under the size
 * past which V8 does not optimize a function (60 kB of bytecode): hot rows are few and short.
 *
 * Lane views of the slots (slots.ts): `vi8`, `vu8`, `vi16`, `vu16`, `vi32`, `vu32`, `vf32`,
 * `vf64`; a cell at Int32 index x has byte lane k at `vu8[(x << 2) + k]`, i16 lane k at
 * `vi16[(x << 1) + k]`, i32 lane k at `vi32[x + k]`, f64 lane k at `vf64[(x >> 1) + k]`. `F` is
 * numeric/float.ts. Statements may declare names of their own, but not `a`, `b`, `c`, `d`, `ea`,
 * the capitals `A`, `B`, `C`, `D`, or `l`, `d` or `s` followed by digits (a compiled function's
 * variables).
 *
 * Semantics: https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 */

export type LaneView = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'f32' | 'f64';

export type SimdSemantics =
  | { readonly lanes: LaneView; readonly to?: LaneView; readonly expr: string }
  | { readonly words: string; readonly setup?: string }
  | { readonly vector: string };

/** The 16 bytes of the cell at `@from`, read before any is written, to the cell at `@d`. */
const copy = (from: string): string =>
  `const w0 = vi32[${from}];\nconst w1 = vi32[${from} + 1];\nconst w2 = vi32[${from} + 2];\nconst w3 = vi32[${from} + 3];\n` +
  'vi32[@d] = w0;\nvi32[@d + 1] = w1;\nvi32[@d + 2] = w2;\nvi32[@d + 3] = w3;';

/** All four i32 lanes of the result set to `x` (declared by the statements before). */
const FILL = 'vi32[@d] = x;\nvi32[@d + 1] = x;\nvi32[@d + 2] = x;\nvi32[@d + 3] = x;';

/** Comparisons of one integer shape: lanes of -1 (all ones) or 0. */
function compare(shape: string, signed: LaneView, unsigned: LaneView): Record<string, SimdSemantics> {
  const cmp = (view: LaneView, op: string): SimdSemantics => ({ lanes: view, expr: `$a ${op} $b ? -1 : 0` });
  return {
    [`${shape}.eq`]: cmp(signed, '==='),
    [`${shape}.ne`]: cmp(signed, '!=='),
    [`${shape}.lt_s`]: cmp(signed, '<'),
    [`${shape}.lt_u`]: cmp(unsigned, '<'),
    [`${shape}.gt_s`]: cmp(signed, '>'),
    [`${shape}.gt_u`]: cmp(unsigned, '>'),
    [`${shape}.le_s`]: cmp(signed, '<='),
    [`${shape}.le_u`]: cmp(unsigned, '<='),
    [`${shape}.ge_s`]: cmp(signed, '>='),
    [`${shape}.ge_u`]: cmp(unsigned, '>='),
  };
}

/** min, max and the shifts of one integer shape (`bits` per lane); the shift count is modulo bits. */
function minMaxShifts(shape: string, signed: LaneView, unsigned: LaneView, bits: number): Record<string, SimdSemantics> {
  return {
    [`${shape}.min_s`]: { lanes: signed, expr: 'Math.min($a, $b)' },
    [`${shape}.min_u`]: { lanes: unsigned, expr: 'Math.min($a, $b)' },
    [`${shape}.max_s`]: { lanes: signed, expr: 'Math.max($a, $b)' },
    [`${shape}.max_u`]: { lanes: unsigned, expr: 'Math.max($a, $b)' },
    [`${shape}.shl`]: { lanes: signed, expr: `$a << ($b & ${bits - 1})` },
    [`${shape}.shr_s`]: { lanes: signed, expr: `$a >> ($b & ${bits - 1})` },
    [`${shape}.shr_u`]: { lanes: unsigned, expr: `$a >>> ($b & ${bits - 1})` },
  };
}

/**
 * The 8- and 16-bit integer rows (but widening ones) as SWAR arithmetic on whole i32 words:
 * additions that keep each lane's carry out of the next lane, and lane masks built from each
 * lane's top bit. `H` has the top bit of every lane, `L` the others.
 */
function wordwise(shape: 'i8x16' | 'i16x8', bits: 8 | 16): Record<string, SimdSemantics> {
  const H = bits === 8 ? '0x80808080' : '0x80008000';
  const L = bits === 8 ? '0x7f7f7f7f' : '0x7fff7fff';
  const full = 2 ** bits - 1;
  const ones = bits === 8 ? '0x01010101' : '0x10001';
  /** Every lane whose top bit is set in `h` (which has no other bits) to all ones. */
  const spread = (h: string): string => `((${h}) >>> ${bits - 1}) * ${full}`;
  /** Lane-wise x + y and x - y, wrapping (x and y are names). */
  const add = (x: string, y: string): string => `((${x} & ${L}) + (${y} & ${L})) ^ ((${x} ^ ${y}) & ${H})`;
  const sub = (x: string, y: string): string => `((${x} | ${H}) - (${y} & ${L})) ^ ((${x} ^ ~${y}) & ${H})`;
  /** The top bit of each lane where x < y as unsigned lanes: the borrow out of x - y. */
  const below = (x: string, y: string): string => `((~${x} & ${y}) | (~(${x} ^ ${y}) & ~((${x} | ${H}) - (${y} & ${L})))) & ${H}`;
  const flip = `const x = $a ^ ${H};\nconst y = $b ^ ${H};\n`;
  const compares: Record<string, SimdSemantics> = {
    [`${shape}.eq`]: { words: `const x = $a ^ $b;\n$d = ~(${spread(`(((x & ${L}) + ${L}) | x) & ${H}`)});` },
    [`${shape}.ne`]: { words: `const x = $a ^ $b;\n$d = ${spread(`(((x & ${L}) + ${L}) | x) & ${H}`)};` },
    [`${shape}.lt_u`]: { words: `$d = ${spread(below('$a', '$b'))};` },
    [`${shape}.gt_u`]: { words: `$d = ${spread(below('$b', '$a'))};` },
    [`${shape}.le_u`]: { words: `$d = ~(${spread(below('$b', '$a'))});` },
    [`${shape}.ge_u`]: { words: `$d = ~(${spread(below('$a', '$b'))});` },
    [`${shape}.lt_s`]: { words: `${flip}$d = ${spread(below('x', 'y'))};` },
    [`${shape}.gt_s`]: { words: `${flip}$d = ${spread(below('y', 'x'))};` },
    [`${shape}.le_s`]: { words: `${flip}$d = ~(${spread(below('y', 'x'))});` },
    [`${shape}.ge_s`]: { words: `${flip}$d = ~(${spread(below('x', 'y'))});` },
  };
  /** min or max: `m` has the lanes where a < b (from the statements `lt`). */
  const pick = (lt: string, min: boolean): SimdSemantics => ({
    words: `${lt}const m = ${spread(lt === '' ? below('$a', '$b') : below('x', 'y'))};\n$d = ${min ? '($a & m) | ($b & ~m)' : '($b & m) | ($a & ~m)'};`,
  });
  /** A shift by the scalar count modulo `bits`: `n`, and the mask `m` of each lane's bits that stay. */
  const count = (kept: string): string => `const n = $b & ${bits - 1};\nconst m = Math.imul(${kept}, ${ones});`;
  /** A saturated signed result: s where `o` (top bits) has no overflow, else a's sign's limit. */
  const saturateSigned = (o: string): string =>
    `const m = ${spread(o)};\n$d = (s & ~m) | ((${L} ^ ${spread(`$a & ${H}`)}) & m);`;
  return {
    ...compares,
    [`${shape}.abs`]: { words: `const m = ${spread(`$a & ${H}`)};\nconst x = $a ^ m;\n$d = ${sub('x', 'm')};` },
    [`${shape}.neg`]: { words: `const x = 0;\n$d = ${sub('x', '$a')};` },
    [`${shape}.add`]: { words: `$d = ${add('$a', '$b')};` },
    [`${shape}.sub`]: { words: `$d = ${sub('$a', '$b')};` },
    [`${shape}.add_sat_u`]: { words: `const s = ${add('$a', '$b')};\n$d = s | ${spread(`(($a & $b) | (($a | $b) & ~s)) & ${H}`)};` },
    [`${shape}.sub_sat_u`]: { words: `const s = ${sub('$a', '$b')};\n$d = s & ~(${spread(below('$a', '$b'))});` },
    [`${shape}.add_sat_s`]: { words: `const s = ${add('$a', '$b')};\n${saturateSigned(`~($a ^ $b) & ($a ^ s) & ${H}`)}` },
    [`${shape}.sub_sat_s`]: { words: `const s = ${sub('$a', '$b')};\n${saturateSigned(`($a ^ $b) & ($a ^ s) & ${H}`)}` },
    // (a + b + 1) >> 1 = (a | b) - ((a ^ b) >> 1), which borrows across no lane
    [`${shape}.avgr_u`]: { words: `$d = ($a | $b) - ((($a ^ $b) >>> 1) & ${L});` },
    [`${shape}.min_u`]: pick('', true),
    [`${shape}.max_u`]: pick('', false),
    [`${shape}.min_s`]: pick(flip, true),
    [`${shape}.max_s`]: pick(flip, false),
    [`${shape}.shl`]: { setup: count(`(${full} << n) & ${full}`), words: '$d = ($a << n) & m;' },
    [`${shape}.shr_u`]: { setup: count(`${full} >>> n`), words: '$d = ($a >>> n) & m;' },
    // the logical shift's lanes, sign-extended from their top kept bit g: (x ^ g) - g
    [`${shape}.shr_s`]: {
      setup: `${count(`${full} >>> n`)}\nconst g = Math.imul(${2 ** (bits - 1)} >>> n, ${ones});`,
      words: `const x = (($a >>> n) & m) ^ g;\n$d = ${sub('x', 'g')};`,
    },
  };
}

/** Float comparisons: lanes of -1 or 0 (false for NaN but in ne). */
function floatCompare(shape: string, view: LaneView): Record<string, SimdSemantics> {
  const ops: Record<string, string> = { eq: '===', ne: '!==', lt: '<', gt: '>', le: '<=', ge: '>=' };
  return Object.fromEntries(Object.entries(ops).map(([name, op]) => [`${shape}.${name}`, { lanes: view, to: 'i32', expr: `$a ${op} $b ? -1 : 0` }]));
}

/**
 * Float arithmetic. An f32 lane is exact as a double and the double result of add, sub, mul
 * and div rounded once more by the Float32Array store is the correctly rounded f32 (a double has
 * more than 2 × 24 + 2 bits). min and max: NaN if either lane is NaN, -0 below +0, as Math.min
 * and Math.max do; the NaN they return is one of their own (the canonical NaN in V8, in every
 * tier, jitless too), a valid f32 lane result for any NaN operand. An f64 lane's NaN is written
 * as JavaScript's NaN all the same, so that no operand's payload could pass through a
 * Float64Array, which keeps every bit.
 */
function floatArithmetic(shape: string, view: LaneView): Record<string, SimdSemantics> {
  const minMax = (f: string): string => (view === 'f32' ? `Math.${f}($a, $b)` : `$a !== $a || $b !== $b ? NaN : Math.${f}($a, $b)`);
  return {
    [`${shape}.add`]: { lanes: view, expr: '$a + $b' },
    [`${shape}.sub`]: { lanes: view, expr: '$a - $b' },
    [`${shape}.mul`]: { lanes: view, expr: '$a * $b' },
    [`${shape}.div`]: { lanes: view, expr: '$a / $b' },
    [`${shape}.min`]: { lanes: view, expr: minMax('min') },
    [`${shape}.max`]: { lanes: view, expr: minMax('max') },
  };
}

/**
 * Narrowing with saturation: the result's lanes are a's lanes (`from`, twice as wide), then
 * b's, each clamped to [min, max]. The four result words are built before any is written.
 */
function narrow(from: 'i16' | 'i32', min: number, max: number): SimdSemantics {
  const perWord = from === 'i16' ? 4 : 2;
  const bits = 32 / perWord;
  const lane = (x: string, j: number): string => (from === 'i16' ? `vi16[(${x} << 1) + ${j}]` : `vi32[${x} + ${j}]`);
  const words = [0, 1, 2, 3].map((w) => {
    const x = w < 2 ? '@a' : '@b';
    const parts = Array.from({ length: perWord }, (_, i) => {
      const sat = `(Math.max(${min}, Math.min(${max}, ${lane(x, (w % 2) * perWord + i)})) & ${2 ** bits - 1})`;
      return i === 0 ? sat : `(${sat} << ${bits * i})`;
    });
    return `const x${w} = ${parts.join(' | ')};`;
  });
  return { vector: `${words.join('\n')}\nvi32[@d] = x0;\nvi32[@d + 1] = x1;\nvi32[@d + 2] = x2;\nvi32[@d + 3] = x3;` };
}

/**
 * `i8x16.shuffle`: result byte k is byte `lane(k)` of a and b side by side (0-15 from a, 16-31
 * from b), `lane(k)` being the k-th of its 16 lane immediates. The four result words are built
 * before any is written.
 */
function shuffle(): SimdSemantics {
  const byte = (k: number): string => `vu8[lane(${k}) < 16 ? (@a << 2) + lane(${k}) : (@b << 2) + lane(${k}) - 16]`;
  const words = [0, 1, 2, 3].map((w) => `const x${w} = ${[0, 1, 2, 3].map((i) => (i === 0 ? byte(4 * w) : `(${byte(4 * w + i)} << ${8 * i})`)).join(' | ')};`);
  return { vector: `${words.join('\n')}\nvi32[@d] = x0;\nvi32[@d + 1] = x1;\nvi32[@d + 2] = x2;\nvi32[@d + 3] = x3;` };
}

export const SIMD_SEMANTICS: Readonly<Record<string, SimdSemantics>> = {
  // ---- whole vectors ----
  'v128.not': { lanes: 'i32', expr: '~$a' },
  'v128.and': { lanes: 'i32', expr: '$a & $b' },
  'v128.andnot': { lanes: 'i32', expr: '$a & ~$b' },
  'v128.or': { lanes: 'i32', expr: '$a | $b' },
  'v128.xor': { lanes: 'i32', expr: '$a ^ $b' },
  'v128.bitselect': { lanes: 'i32', expr: '($a & $c) | ($b & ~$c)' },

  // ---- i8x16, i16x8 (on whole words) ----
  ...wordwise('i8x16', 8),
  ...wordwise('i16x8', 16),
  // the low halves' product in the low lane, the high halves' in the high one
  'i16x8.mul': { words: '$d = (Math.imul($a, $b) & 0xffff) | (Math.imul($a >>> 16, $b >>> 16) << 16);' },

  // ---- i32x4 ----
  ...compare('i32x4', 'i32', 'u32'),
  'i32x4.abs': { lanes: 'i32', expr: '$a < 0 ? -$a | 0 : $a' },
  'i32x4.neg': { lanes: 'i32', expr: '-$a | 0' },
  'i32x4.add': { lanes: 'i32', expr: '($a + $b) | 0' },
  'i32x4.sub': { lanes: 'i32', expr: '($a - $b) | 0' },
  'i32x4.mul': { lanes: 'i32', expr: 'Math.imul($a, $b)' },
  ...minMaxShifts('i32x4', 'i32', 'u32', 32),

  // ---- f32x4, f64x2 (abs and neg on the bits, so that NaN payloads survive) ----
  ...floatCompare('f32x4', 'f32'),
  'f32x4.abs': { lanes: 'i32', expr: '$a & 0x7fffffff' },
  'f32x4.neg': { lanes: 'i32', expr: '$a ^ -0x80000000' },
  ...floatArithmetic('f32x4', 'f32'),
  ...floatArithmetic('f64x2', 'f64'),

  // ---- conversions (an i32 or u32 is exact as a double: the f32 store rounds it once) ----
  'f32x4.convert_i32x4_s': { lanes: 'i32', to: 'f32', expr: '$a' },
  'f32x4.convert_i32x4_u': { lanes: 'u32', to: 'f32', expr: '$a' },
  'i32x4.trunc_sat_f32x4_s': { lanes: 'f32', to: 'i32', expr: 'F.i32_trunc_sat_f32_s($a)' },
  'i32x4.trunc_sat_f32x4_u': { lanes: 'f32', to: 'i32', expr: 'F.i32_trunc_sat_f32_u($a)' },

  // ---- splat, extract_lane, replace_lane (floats by their bits) ----
  'i8x16.splat': { vector: `const x = Math.imul($a & 0xff, 0x01010101);\n${FILL}` },
  'i16x8.splat': { vector: `const x = Math.imul($a & 0xffff, 0x10001);\n${FILL}` },
  'i32x4.splat': { vector: `const x = $a;\n${FILL}` },
  'f32x4.splat': { vector: `const x = $a;\n${FILL}` },
  'i8x16.extract_lane_s': { vector: '$d = vi8[(@a << 2) + lane];' },
  'i8x16.extract_lane_u': { vector: '$d = vu8[(@a << 2) + lane];' },
  'i16x8.extract_lane_s': { vector: '$d = vi16[(@a << 1) + lane];' },
  'i16x8.extract_lane_u': { vector: '$d = vu16[(@a << 1) + lane];' },
  'i32x4.extract_lane': { vector: '$d = vi32[@a + lane];' },
  'f32x4.extract_lane': { vector: '$d = vi32[@a + lane];' },
  'i8x16.replace_lane': { vector: `const x = $b;\n${copy('@a')}\nvu8[(@d << 2) + lane] = x;` },
  'i16x8.replace_lane': { vector: `const x = $b;\n${copy('@a')}\nvu16[(@d << 1) + lane] = x;` },
  'i32x4.replace_lane': { vector: `const x = $b;\n${copy('@a')}\nvi32[@d + lane] = x;` },
  'f32x4.replace_lane': { vector: `const x = $b;\n${copy('@a')}\nvi32[@d + lane] = x;` },

  // ---- lane rearrangements ----
  'i8x16.shuffle': shuffle(),
  'i8x16.narrow_i16x8_s': narrow('i16', -128, 127),
  'i8x16.narrow_i16x8_u': narrow('i16', 0, 255),
  'i16x8.narrow_i32x4_s': narrow('i32', -32768, 32767),
  'i16x8.narrow_i32x4_u': narrow('i32', 0, 65535),

  // ---- memory (little-endian, as the slots are) ----
  'v128.load': {
    vector: 'vi32[@d] = dv.getInt32(ea, true);\nvi32[@d + 1] = dv.getInt32(ea + 4, true);\nvi32[@d + 2] = dv.getInt32(ea + 8, true);\nvi32[@d + 3] = dv.getInt32(ea + 12, true);',
  },
  'v128.load8x8_s': { vector: 'for (let k = 0; k < 8; k++) vi16[(@d << 1) + k] = dv.getInt8(ea + k);' },
  'v128.load8x8_u': { vector: 'for (let k = 0; k < 8; k++) vi16[(@d << 1) + k] = mu8[ea + k];' },
  'v128.load16x4_s': {
    vector: 'vi32[@d] = dv.getInt16(ea, true);\nvi32[@d + 1] = dv.getInt16(ea + 2, true);\nvi32[@d + 2] = dv.getInt16(ea + 4, true);\nvi32[@d + 3] = dv.getInt16(ea + 6, true);',
  },
  'v128.load16x4_u': {
    vector: 'vi32[@d] = dv.getUint16(ea, true);\nvi32[@d + 1] = dv.getUint16(ea + 2, true);\nvi32[@d + 2] = dv.getUint16(ea + 4, true);\nvi32[@d + 3] = dv.getUint16(ea + 6, true);',
  },
  'v128.load32x2_s': {
    vector: 'const x = dv.getInt32(ea, true);\nconst y = dv.getInt32(ea + 4, true);\nvi32[@d] = x;\nvi32[@d + 1] = x >> 31;\nvi32[@d + 2] = y;\nvi32[@d + 3] = y >> 31;',
  },
  'v128.load32x2_u': {
    vector: 'const x = dv.getInt32(ea, true);\nconst y = dv.getInt32(ea + 4, true);\nvi32[@d] = x;\nvi32[@d + 1] = 0;\nvi32[@d + 2] = y;\nvi32[@d + 3] = 0;',
  },
  'v128.load8_splat': { vector: `const x = Math.imul(mu8[ea], 0x01010101);\n${FILL}` },
  'v128.load16_splat': { vector: `const x = Math.imul(dv.getUint16(ea, true), 0x10001);\n${FILL}` },
  'v128.load32_splat': { vector: `const x = dv.getInt32(ea, true);\n${FILL}` },
  'v128.load64_splat': {
    vector: 'const x = dv.getInt32(ea, true);\nconst y = dv.getInt32(ea + 4, true);\nvi32[@d] = x;\nvi32[@d + 1] = y;\nvi32[@d + 2] = x;\nvi32[@d + 3] = y;',
  },
  'v128.load32_zero': { vector: 'vi32[@d] = dv.getInt32(ea, true);\nvi32[@d + 1] = 0;\nvi32[@d + 2] = 0;\nvi32[@d + 3] = 0;' },
  'v128.load64_zero': {
    vector: 'vi32[@d] = dv.getInt32(ea, true);\nvi32[@d + 1] = dv.getInt32(ea + 4, true);\nvi32[@d + 2] = 0;\nvi32[@d + 3] = 0;',
  },
  'v128.load8_lane': { vector: `${copy('@b')}\nvu8[(@d << 2) + lane] = mu8[ea];` },
  'v128.load16_lane': { vector: `${copy('@b')}\nvi16[(@d << 1) + lane] = dv.getInt16(ea, true);` },
  'v128.load32_lane': { vector: `${copy('@b')}\nvi32[@d + lane] = dv.getInt32(ea, true);` },
  'v128.load64_lane': {
    vector: `${copy('@b')}\nvi32[@d + 2 * lane] = dv.getInt32(ea, true);\nvi32[@d + 2 * lane + 1] = dv.getInt32(ea + 4, true);`,
  },
  'v128.store': {
    vector: 'dv.setInt32(ea, vi32[@b], true);\ndv.setInt32(ea + 4, vi32[@b + 1], true);\ndv.setInt32(ea + 8, vi32[@b + 2], true);\ndv.setInt32(ea + 12, vi32[@b + 3], true);',
  },
  'v128.store8_lane': { vector: 'mu8[ea] = vu8[(@b << 2) + lane];' },
  'v128.store16_lane': { vector: 'dv.setInt16(ea, vi16[(@b << 1) + lane], true);' },
  'v128.store32_lane': { vector: 'dv.setInt32(ea, vi32[@b + lane], true);' },
  'v128.store64_lane': { vector: 'dv.setInt32(ea, vi32[@b + 2 * lane], true);\ndv.setInt32(ea + 4, vi32[@b + 2 * lane + 1], true);' },
};

/**
 * Lane-wise rows that the `compact` loop runs in line, before its call through the table of
 * instruction functions for the others: the arithmetic of i32x4 and f32x4 loops.
 */
export const SIMD_COMPACT_INLINE: ReadonlySet<string> = new Set(['i32x4.add', 'i32x4.sub', 'i32x4.mul', 'f32x4.add', 'f32x4.sub', 'f32x4.mul', 'f32x4.min', 'f32x4.max']);

/** The rows whose `fast` case is in the loop's main switch (see above). */
export const SIMD_HOT: ReadonlySet<string> = new Set([
  'v128.load',
  'v128.store',
  'v128.load32_zero',
  'v128.load64_zero',
  'v128.load16x4_s',
  'v128.and',
  'v128.or',
  'v128.xor',
  'v128.bitselect',
  'i32x4.add',
  'i32x4.sub',
  'i32x4.mul',
  'i32x4.shl',
  'i32x4.shr_s',
  'i32x4.splat',
  'i32x4.extract_lane',
  'i8x16.extract_lane_u',
  'i8x16.eq',
  'i8x16.gt_u',
  'i8x16.add_sat_u',
  'i8x16.sub',
  'i8x16.shr_u',
  'i8x16.min_s',
  'i8x16.max_s',
  'i8x16.max_u',
  'i32x4.abs',
  'v128.load8_lane',
  'i16x8.add',
  'i16x8.mul',
  'f32x4.lt',
  'f32x4.splat',
  'f32x4.replace_lane',
  'f32x4.add',
  'f32x4.sub',
  'f32x4.mul',
  'f32x4.min',
  'f32x4.max',
  'f32x4.convert_i32x4_s',
  'i32x4.trunc_sat_f32x4_s',
]);
