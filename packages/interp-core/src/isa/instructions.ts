/**
 * What each numeric and memory instruction computes, once for every profile. The decoder's
 * opcode table gives an instruction's opcode, immediates and operand types; a row here gives its
 * meaning, and families.ts the fused forms it takes part in. scripts/gen-isa.mjs writes
 * the run loops' cases from both (the `fast` and `compact` loops; the `compiled` templates come
 * from the fast loop), so adding a numeric instruction is a row in the opcode table and a row
 * here.
 *
 * A row is one of:
 * - `cond`: a comparison, as a boolean JavaScript expression; the result is 1 or 0, and the
 *   instruction can take part in compare-and-branch families.
 * - `expr`: the result as an expression (an i32 as a signed 32-bit integer, an f32 or f64 as a
 *   number: storing it in its cell rounds an f32).
 * - `words`: statements that write the result's 32-bit words (i64 results, and float operations
 *   on the bits, which must keep NaN payloads).
 * - `load` / `store`: statements for a memory access at the byte address `ea`, already checked
 *   against the memory's size for the access's width (the opcode table's).
 *
 * Placeholders: `$a`, `$b` the operands' values (an i32 operand reads its word, an f32 or f64
 * operand its float; i64 operands have no such value), `$a0`/`$a1` an operand's low and high
 * 32-bit words, `@a` its cell (an index into `r`, the stack as an Int32Array, for the helpers of
 * numeric/ that work on cells); `$d`, `$d0`/`$d1`, `@d` the result the same way; `$v`, `$v0`/`$v1`
 * the value a store writes. `r`, `mu8` (the memory's bytes) and `dv` (a DataView of them) are in
 * scope, and the modules `I32`, `I64`, `F` of numeric/. The statements may declare names of their
 * own, except `a`, `b`, `d`, `v` and `ea`.
 *
 * `tier` places a case: `hot` in the main switch of both loops, `warm` in the fast loop's main
 * switch and the compact loop's out-of-line one, `cold` out of line in both (default `hot`).
 */

export type Tier = 'hot' | 'warm' | 'cold';

export type Semantics =
  | { readonly cond: string; readonly tier?: Tier }
  | { readonly expr: string; readonly tier?: Tier }
  | { readonly words: string; readonly tier?: Tier }
  | { readonly load: string; readonly tier?: Tier }
  | { readonly store: string; readonly tier?: Tier };

/**
 * The rest of a left rotation of the i64 `lo`/`hi` by `s` (0-63): by 32 or more the words swap,
 * then each takes its own bits shifted by `s & 31` and the other's top bits.
 */
const ROTATE =
  'const x = s & 32 ? hi : lo;\nconst y = s & 32 ? lo : hi;\nconst t = s & 31;\n' +
  '$d0 = (x << t) | ((y >>> 1) >>> (31 - t));\n$d1 = (y << t) | ((x >>> 1) >>> (31 - t));';

/**
 * An i64 ordering `op` on the halves: the high halves decide (signed, or unsigned), and where
 * they are equal the low halves, always unsigned.
 */
function order64(op: '<' | '>' | '<=' | '>=', unsigned: boolean): Semantics {
  const high = (x: string): string => (unsigned ? `${x} >>> 0` : x);
  const strict = op[0];
  return { cond: `${high('$a1')} ${strict} ${high('$b1')} || ($a1 === $b1 && $a0 >>> 0 ${op} $b0 >>> 0)`, tier: 'warm' };
}

export const SEMANTICS: Readonly<Record<string, Semantics>> = {
  // ---- memory ----
  'i32.load': { load: '$d = dv.getInt32(ea, true);' },
  'i64.load': { load: '$d0 = dv.getInt32(ea, true);\n$d1 = dv.getInt32(ea + 4, true);' },
  'f32.load': { load: '$d0 = dv.getInt32(ea, true);' },
  'f64.load': { load: '$d = dv.getFloat64(ea, true);' },
  'i32.load8_s': { load: '$d = (mu8[ea] << 24) >> 24;' },
  'i32.load8_u': { load: '$d = mu8[ea];' },
  'i32.load16_s': { load: '$d = dv.getInt16(ea, true);' },
  'i32.load16_u': { load: '$d = dv.getUint16(ea, true);' },
  'i64.load8_s': { load: 'const x = (mu8[ea] << 24) >> 24;\n$d0 = x;\n$d1 = x >> 31;' },
  'i64.load8_u': { load: '$d0 = mu8[ea];\n$d1 = 0;' },
  'i64.load16_s': { load: 'const x = dv.getInt16(ea, true);\n$d0 = x;\n$d1 = x >> 31;' },
  'i64.load16_u': { load: '$d0 = dv.getUint16(ea, true);\n$d1 = 0;' },
  'i64.load32_s': { load: 'const x = dv.getInt32(ea, true);\n$d0 = x;\n$d1 = x >> 31;' },
  'i64.load32_u': { load: '$d0 = dv.getInt32(ea, true);\n$d1 = 0;' },
  'i32.store': { store: 'dv.setInt32(ea, $v, true);' },
  'i64.store': { store: 'dv.setInt32(ea, $v0, true);\ndv.setInt32(ea + 4, $v1, true);' },
  'f32.store': { store: 'dv.setInt32(ea, $v0, true);' },
  'f64.store': { store: 'dv.setFloat64(ea, $v, true);' },
  'i32.store8': { store: 'mu8[ea] = $v;' },
  'i32.store16': { store: 'dv.setInt16(ea, $v, true);' },
  'i64.store8': { store: 'mu8[ea] = $v0;' },
  'i64.store16': { store: 'dv.setInt16(ea, $v0, true);' },
  'i64.store32': { store: 'dv.setInt32(ea, $v0, true);' },

  // ---- i32 ----
  'i32.eqz': { cond: '$a === 0' },
  'i32.eq': { cond: '$a === $b' },
  'i32.ne': { cond: '$a !== $b' },
  'i32.lt_s': { cond: '$a < $b' },
  'i32.lt_u': { cond: '$a >>> 0 < $b >>> 0' },
  'i32.gt_s': { cond: '$a > $b' },
  'i32.gt_u': { cond: '$a >>> 0 > $b >>> 0' },
  'i32.le_s': { cond: '$a <= $b' },
  'i32.le_u': { cond: '$a >>> 0 <= $b >>> 0' },
  'i32.ge_s': { cond: '$a >= $b' },
  'i32.ge_u': { cond: '$a >>> 0 >= $b >>> 0' },
  'i32.clz': { expr: 'Math.clz32($a)' },
  'i32.ctz': { expr: 'I32.i32_ctz($a)' },
  'i32.popcnt': { expr: 'I32.i32_popcnt($a)' },
  'i32.add': { expr: '($a + $b) | 0' },
  'i32.sub': { expr: '($a - $b) | 0' },
  'i32.mul': { expr: 'Math.imul($a, $b)' },
  'i32.div_s': { expr: 'I32.i32_div_s($a, $b)' },
  'i32.div_u': { expr: 'I32.i32_div_u($a, $b)' },
  'i32.rem_s': { expr: 'I32.i32_rem_s($a, $b)' },
  'i32.rem_u': { expr: 'I32.i32_rem_u($a, $b)' },
  'i32.and': { expr: '$a & $b' },
  'i32.or': { expr: '$a | $b' },
  'i32.xor': { expr: '$a ^ $b' },
  'i32.shl': { expr: '$a << $b' },
  'i32.shr_s': { expr: '$a >> $b' },
  'i32.shr_u': { expr: '$a >>> $b' },
  'i32.rotl': { expr: 'I32.i32_rotl($a, $b)' },
  'i32.rotr': { expr: 'I32.i32_rotr($a, $b)' },
  'i32.extend8_s': { expr: '($a << 24) >> 24' },
  'i32.extend16_s': { expr: '($a << 16) >> 16' },

  // ---- i64 ----
  'i64.eqz': { cond: '($a0 | $a1) === 0' },
  'i64.eq': { cond: '$a0 === $b0 && $a1 === $b1' },
  'i64.ne': { cond: '$a0 !== $b0 || $a1 !== $b1' },
  'i64.lt_s': order64('<', false),
  'i64.lt_u': order64('<', true),
  'i64.gt_s': order64('>', false),
  'i64.gt_u': order64('>', true),
  'i64.le_s': order64('<=', false),
  'i64.le_u': order64('<=', true),
  'i64.ge_s': order64('>=', false),
  'i64.ge_u': order64('>=', true),
  'i64.clz': { words: 'const hi = $a1;\n$d0 = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32($a0);\n$d1 = 0;', tier: 'cold' },
  'i64.ctz': { words: 'const lo = $a0;\n$d0 = lo !== 0 ? I32.i32_ctz(lo) : 32 + I32.i32_ctz($a1);\n$d1 = 0;', tier: 'cold' },
  'i64.popcnt': { words: '$d0 = I32.i32_popcnt($a0) + I32.i32_popcnt($a1);\n$d1 = 0;', tier: 'cold' },
  'i64.add': {
    words: 'const alo = $a0;\nconst lo = (alo + $b0) | 0;\n$d1 = ($a1 + $b1 + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;\n$d0 = lo;',
  },
  'i64.sub': { words: 'const alo = $a0;\nconst blo = $b0;\n$d1 = ($a1 - $b1 - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;\n$d0 = (alo - blo) | 0;' },
  // The low words' 64-bit product from 16-bit halves (each partial product exact in a double).
  'i64.mul': {
    words:
      'const x = $a0;\nconst y = $b0;\nconst xl = x & 0xffff;\nconst xh = x >>> 16;\nconst yl = y & 0xffff;\nconst yh = y >>> 16;\n' +
      'const lh = xl * yh;\nconst hl = xh * yl;\nconst carry = (((xl * yl) >>> 16) + (lh & 0xffff) + (hl & 0xffff)) >>> 16;\n' +
      '$d1 = (xh * yh + (lh >>> 16) + (hl >>> 16) + carry + Math.imul(x, $b1) + Math.imul($a1, y)) | 0;\n$d0 = Math.imul(x, y);',
  },
  'i64.div_s': { words: 'I64.i64_div_s($a0, $a1, $b0, $b1);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'warm' },
  'i64.div_u': { words: 'I64.i64_div_u($a0, $a1, $b0, $b1);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'warm' },
  'i64.rem_s': { words: 'I64.i64_rem_s($a0, $a1, $b0, $b1);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'warm' },
  'i64.rem_u': { words: 'I64.i64_rem_u($a0, $a1, $b0, $b1);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'warm' },
  'i64.and': { words: '$d0 = $a0 & $b0;\n$d1 = $a1 & $b1;' },
  'i64.or': { words: '$d0 = $a0 | $b0;\n$d1 = $a1 | $b1;' },
  'i64.xor': { words: '$d0 = $a0 ^ $b0;\n$d1 = $a1 ^ $b1;' },
  // Shifts and rotations on the words, without a branch on the count's size below 32:
  // `(w >>> 1) >>> (31 - s)` is `w >>> (32 - s)` but 0 when s is 0.
  'i64.shl': {
    words:
      'const s = $b0 & 63;\nconst lo = $a0;\nif (s >= 32) {\n$d1 = lo << (s - 32);\n$d0 = 0;\n} else {\n' +
      '$d1 = ($a1 << s) | ((lo >>> 1) >>> (31 - s));\n$d0 = lo << s;\n}',
  },
  'i64.shr_s': {
    words:
      'const s = $b0 & 63;\nconst hi = $a1;\nif (s >= 32) {\n$d0 = hi >> (s - 32);\n$d1 = hi >> 31;\n} else {\n' +
      '$d0 = ($a0 >>> s) | ((hi << 1) << (31 - s));\n$d1 = hi >> s;\n}',
  },
  'i64.shr_u': {
    words:
      'const s = $b0 & 63;\nconst hi = $a1;\nif (s >= 32) {\n$d0 = hi >>> (s - 32);\n$d1 = 0;\n} else {\n' +
      '$d0 = ($a0 >>> s) | ((hi << 1) << (31 - s));\n$d1 = hi >>> s;\n}',
  },
  'i64.rotl': { words: 'const s = $b0 & 63;\nconst lo = $a0;\nconst hi = $a1;\n' + ROTATE, tier: 'warm' },
  'i64.rotr': { words: 'const s = -$b0 & 63;\nconst lo = $a0;\nconst hi = $a1;\n' + ROTATE, tier: 'warm' },
  'i64.extend8_s': { words: 'const x = ($a0 << 24) >> 24;\n$d0 = x;\n$d1 = x >> 31;', tier: 'cold' },
  'i64.extend16_s': { words: 'const x = ($a0 << 16) >> 16;\n$d0 = x;\n$d1 = x >> 31;', tier: 'cold' },
  'i64.extend32_s': { words: 'const x = $a0;\n$d0 = x;\n$d1 = x >> 31;', tier: 'warm' },

  // ---- f32 (sign operations work on the bits, so that NaN payloads survive) ----
  'f32.eq': { cond: '$a === $b', tier: 'warm' },
  'f32.ne': { cond: '$a !== $b', tier: 'warm' },
  'f32.lt': { cond: '$a < $b', tier: 'warm' },
  'f32.gt': { cond: '$a > $b', tier: 'warm' },
  'f32.le': { cond: '$a <= $b', tier: 'warm' },
  'f32.ge': { cond: '$a >= $b', tier: 'warm' },
  'f32.abs': { words: '$d0 = $a0 & 0x7fffffff;', tier: 'warm' },
  'f32.neg': { words: '$d0 = $a0 ^ 0x80000000;', tier: 'warm' },
  'f32.ceil': { expr: 'F.f32_ceil($a)', tier: 'cold' },
  'f32.floor': { expr: 'F.f32_floor($a)', tier: 'cold' },
  'f32.trunc': { expr: 'F.f32_trunc($a)', tier: 'cold' },
  'f32.nearest': { expr: 'F.f32_nearest($a)', tier: 'cold' },
  'f32.sqrt': { expr: 'F.f32_sqrt($a)', tier: 'warm' },
  'f32.add': { expr: '$a + $b' },
  'f32.sub': { expr: '$a - $b' },
  'f32.mul': { expr: '$a * $b' },
  'f32.div': { expr: '$a / $b' },
  'f32.min': { expr: 'F.f32_min($a, $b)', tier: 'warm' },
  'f32.max': { expr: 'F.f32_max($a, $b)', tier: 'warm' },
  'f32.copysign': { words: '$d0 = ($a0 & 0x7fffffff) | ($b0 & 0x80000000);', tier: 'warm' },

  // ---- f64 ----
  'f64.eq': { cond: '$a === $b' },
  'f64.ne': { cond: '$a !== $b' },
  'f64.lt': { cond: '$a < $b' },
  'f64.gt': { cond: '$a > $b' },
  'f64.le': { cond: '$a <= $b' },
  'f64.ge': { cond: '$a >= $b' },
  'f64.abs': { words: '$d0 = $a0;\n$d1 = $a1 & 0x7fffffff;' },
  'f64.neg': { words: '$d0 = $a0;\n$d1 = $a1 ^ 0x80000000;' },
  'f64.ceil': { expr: 'F.f64_ceil($a)', tier: 'warm' },
  'f64.floor': { expr: 'F.f64_floor($a)', tier: 'warm' },
  'f64.trunc': { expr: 'F.f64_trunc($a)', tier: 'warm' },
  'f64.nearest': { expr: 'F.f64_nearest($a)', tier: 'cold' },
  'f64.sqrt': { expr: 'F.f64_sqrt($a)', tier: 'warm' },
  'f64.add': { expr: '$a + $b' },
  'f64.sub': { expr: '$a - $b' },
  'f64.mul': { expr: '$a * $b' },
  'f64.div': { expr: '$a / $b' },
  'f64.min': { expr: 'F.f64_min($a, $b)', tier: 'warm' },
  'f64.max': { expr: 'F.f64_max($a, $b)', tier: 'warm' },
  'f64.copysign': { words: '$d0 = $a0;\n$d1 = ($a1 & 0x7fffffff) | ($b1 & 0x80000000);', tier: 'warm' },

  // ---- conversions ----
  'i32.wrap_i64': { words: '$d0 = $a0;' },
  'i32.trunc_f32_s': { expr: 'F.i32_trunc_f32_s($a)', tier: 'cold' },
  'i32.trunc_f32_u': { expr: 'F.i32_trunc_f32_u($a)', tier: 'cold' },
  'i32.trunc_f64_s': { expr: 'F.i32_trunc_f64_s($a)', tier: 'cold' },
  'i32.trunc_f64_u': { expr: 'F.i32_trunc_f64_u($a)', tier: 'cold' },
  'i64.extend_i32_s': { words: 'const x = $a0;\n$d0 = x;\n$d1 = x >> 31;' },
  'i64.extend_i32_u': { words: '$d0 = $a0;\n$d1 = 0;' },
  'i64.trunc_f32_s': { words: 'I64.i64_trunc_f32_s($a);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'cold' },
  'i64.trunc_f32_u': { words: 'I64.i64_trunc_f32_u($a);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'cold' },
  'i64.trunc_f64_s': { words: 'I64.i64_trunc_f64_s($a);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'cold' },
  'i64.trunc_f64_u': { words: 'I64.i64_trunc_f64_u($a);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'cold' },
  'f32.convert_i32_s': { expr: '$a', tier: 'warm' },
  'f32.convert_i32_u': { expr: '$a >>> 0', tier: 'warm' },
  'f32.convert_i64_s': { expr: 'I64.f32_convert_i64_s($a0, $a1)', tier: 'cold' },
  'f32.convert_i64_u': { expr: 'I64.f32_convert_i64_u($a0, $a1)', tier: 'cold' },
  'f32.demote_f64': { expr: '$a', tier: 'cold' },
  'f64.convert_i32_s': { expr: '$a', tier: 'cold' },
  'f64.convert_i32_u': { expr: '$a >>> 0', tier: 'cold' },
  'f64.convert_i64_s': { expr: 'I64.f64_convert_i64_s($a0, $a1)', tier: 'cold' },
  'f64.convert_i64_u': { expr: 'I64.f64_convert_i64_u($a0, $a1)', tier: 'cold' },
  'f64.promote_f32': { expr: 'F.f64_promote_f32($a)', tier: 'cold' },
  'i32.reinterpret_f32': { words: '$d0 = $a0;' },
  'i64.reinterpret_f64': { words: '$d0 = $a0;\n$d1 = $a1;' },
  'f32.reinterpret_i32': { words: '$d0 = $a0;' },
  'f64.reinterpret_i64': { words: '$d0 = $a0;\n$d1 = $a1;' },
  'i32.trunc_sat_f32_s': { expr: 'F.i32_trunc_sat_f32_s($a)', tier: 'cold' },
  'i32.trunc_sat_f32_u': { expr: 'F.i32_trunc_sat_f32_u($a)', tier: 'cold' },
  'i32.trunc_sat_f64_s': { expr: 'F.i32_trunc_sat_f64_s($a)', tier: 'cold' },
  'i32.trunc_sat_f64_u': { expr: 'F.i32_trunc_sat_f64_u($a)', tier: 'cold' },
  'i64.trunc_sat_f32_s': { words: 'I64.i64_trunc_sat_f32_s($a);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'cold' },
  'i64.trunc_sat_f32_u': { words: 'I64.i64_trunc_sat_f32_u($a);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'cold' },
  'i64.trunc_sat_f64_s': { words: 'I64.i64_trunc_sat_f64_s($a);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'cold' },
  'i64.trunc_sat_f64_u': { words: 'I64.i64_trunc_sat_f64_u($a);\n$d0 = I64.result64[0];\n$d1 = I64.result64[1];', tier: 'cold' },
};
