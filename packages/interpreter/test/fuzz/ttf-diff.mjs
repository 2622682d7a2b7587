/**
 * Differential execution of one binaryen translate-to-fuzz module on V8 (node's WebAssembly) and on
 * our engine (the public API of @proj/interpreter only), export by export, in lockstep.
 *
 * ## Host functions ("fuzzing-support" imports)
 * Both sides implement the same deterministic host semantics and log every host call. They follow
 * binaryen's scripts/fuzz_shell.js, except where fuzz_shell's behaviour could not be mirrored through
 * the public API (each difference is listed here; the rule that allows it: the host functions are
 * ours to define, the test only needs both engines to get the same ones):
 *   - log-i32/i64/f32/f64(x): logged.
 *   - log-v128(x): logged lane-exact. (fuzz_shell imports a JS function, so V8 throws a TypeError at
 *     the wasm->JS boundary; here the V8 side gets a small wasm helper that splits the v128 into four
 *     i32 and calls JS, so the value is logged on both sides.)
 *   - table-get(i) / table-set(i, ref): on the exported "table". Out of range: fuzz_shell lets the
 *     JS RangeError propagate (call-export-catch may catch it). Here it is a "host abort" that
 *     unwinds the whole top-level export call (no call-export-catch catches it): the API cannot
 *     abandon a suspended invocation and then resume the one below it (Call.resume checks
 *     "resumed out of order"), so only an unwinding of everything can be mirrored.
 *   - call-export(i, flags): calls export #i (all exports, in order, as fuzz_shell's exportList) with
 *     zero/null arguments of its types, results dropped. A bad index or a non-function export is a
 *     host abort (as above). (fuzz_shell passes JS null, which throws a TypeError for i64 and v128
 *     parameters; here i64 gets 0n and v128 zero bytes, through a wasm trampoline on the V8 side.)
 *   - call-export-catch(i): as call-export, but a bad index or non-function export returns 1 without
 *     calling anything, else the call runs and 0 is returned. Traps are not caught (as in
 *     fuzz_shell's tryCall, which rethrows wasm traps) and neither are host aborts (see above).
 *   - sleep(ms, id): returns id.
 *   - call-ref(ref, flags) / call-ref-catch(ref): call a funcref with zero arguments of its type, as
 *     call-export / call-export-catch do with an export (null: host abort / returns 1). Both sides
 *     call it through the same helper module: a one-slot table and, per function type of the fuzz
 *     module, `c<k>(ref)` = table.set 0 ref; call_indirect (type k) with zero arguments. V8 knows
 *     the ref's type (a host function by identity, else the exported-function `name`, which the JS
 *     API defines as the function index); our API cannot tell a funcref's type, so our side tries
 *     each type in turn: a wrong type traps at once ("indirect call type mismatch", nothing run),
 *     the right one runs. If every type traps that way, the right one ran and trapped with that
 *     reason itself, so that trap is the outcome (traps end the top-level call on both sides).
 *   - Imported globals of "__fuzz_import" (externref): null on both sides (fuzz_shell gives a
 *     non-null JS value; our API can only provide an imported global from another instance, whose
 *     externref global can only be initialized to null by a constant expression).
 *   - While a start function runs, the exports are not known yet (as in fuzz_shell): call-export is
 *     a host abort, call-export-catch returns 1, table-get/set abort.
 * When a trap or a host abort ends a top-level call from inside nested invocations (call-export*,
 * call-ref*), V8 unwinds everything; our side stops driving: the outer invocations stay suspended in
 * the store, never resumed (the API has no way to drop them), and later invocations start above
 * them. Any other module import than those above: the module is skipped, counted by import name.
 *
 * ## Calls and comparisons
 * Instantiation (with the start function) is compared like a call. Then every exported function is
 * called in export order with arguments drawn from the seed (funcref arguments null, externref
 * arguments null or one of two host objects; no NaN). Exports whose type has v128 go through a wasm
 * trampoline on the V8 side that takes/returns each v128 as four i32. After each call: the outcome
 * (results, trap and its reason, host abort), the host-call log, memory 0 (all bytes; a module that
 * does not export it runs on both sides with an export added after the others, which moves no
 * export index) and every exported global are compared. After the first mismatch the module stops
 * (the states have diverged).
 *
 * Accepted differences (each counted in the stats):
 *   - NaN vs NaN with different bits (spec: NaN results are nondeterministic in sign and payload,
 *     numerics "NaN propagation"). f32/f64 crossing into JS lose their bits anyway; v128 lanes
 *     (results, globals, log-v128) and memory bytes that differ only where both sides hold a NaN
 *     (as f32 or f64) are accepted in seeds built without --denan. (NaN bits that flow on into
 *     integers: see runSeed in ttf-run.mjs.)
 *   - Trap reasons where V8's message covers several spec reasons (see V8_TRAPS).
 *   - Call stack exhaustion on either side (the spec leaves the depth limit to the implementation):
 *     the call is not compared and the module stops there.
 */
import { encodeModule, funcTypes, uleb, withMemoryExport, zero } from './wasm-enc.mjs';
import { rng32 } from '@proj/testkit';

/** V8 RuntimeError messages -> the spec test suite reasons they may stand for. */
export const V8_TRAPS = [
  [/^unreachable$/, ['unreachable']],
  [/^(divide|remainder) by zero$/, ['integer divide by zero']],
  [/^divide result unrepresentable$/, ['integer overflow']],
  [/^float unrepresentable in integer range$/, ['integer overflow', 'invalid conversion to integer']],
  [/^memory access out of bounds$/, ['out of bounds memory access']],
  [/^data segment out of bounds$/, ['out of bounds memory access']],
  [/^table index is out of bounds$/, ['undefined element', 'out of bounds table access']],
  [/^table (access|copy) out of bounds$/, ['out of bounds table access']],
  [/^element segment out of bounds$/, ['out of bounds table access']],
  [/^null function or function signature mismatch$/, ['uninitialized element', 'indirect call type mismatch']],
  [/^function signature mismatch$/, ['indirect call type mismatch']],
];

export function mapV8Trap(message) {
  for (const [re, reasons] of V8_TRAPS) if (re.test(message)) return reasons;
  return null;
}

/** A deliberate unwinding of the whole top-level call by a host function (see the header). */
export class HostAbort extends Error {
  constructor(why) {
    super(`host abort: ${why}`);
    this.why = why;
  }
}

// ---------------------------------------------------------------------------------------------
// Values and formatting

const f32buf = new Float32Array(1);
const u32buf = new Uint32Array(f32buf.buffer);
const f64buf = new Float64Array(1);
const u64buf = new BigUint64Array(f64buf.buffer);

function f32FromBits(bits) {
  u32buf[0] = bits;
  return f32buf[0];
}
function f32Bits(x) {
  f32buf[0] = x;
  return u32buf[0];
}
function f64FromBits(bits) {
  u64buf[0] = BigInt.asUintN(64, bits);
  return f64buf[0];
}
function f64Bits(x) {
  f64buf[0] = x;
  return u64buf[0];
}

function fmtNum(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

function hex32(n) {
  return (n >>> 0).toString(16).padStart(8, '0');
}

function v128FromLanes(lanes) {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  for (let i = 0; i < 4; i++) dv.setInt32(i * 4, lanes[i], true);
  return b;
}

function fmtV128(bytes) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return `v128:${[0, 1, 2, 3].map((i) => hex32(dv.getUint32(i * 4, true))).join(' ')}`;
}

/** Host objects passed as externref arguments: the same objects go to both engines. */
export const EXTERNS = [{ ext: 1 }, { ext: 2 }];

function fmtExtern(x) {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'object' && x !== null && 'ext' in x) return `ext#${x.ext}`;
  return `extern(${typeof x})`;
}

/**
 * A comparable value: { t: type, s: text, bytes?: v128 bytes }. Text equality is equality, except
 * for NaN (see sameVal).
 */
function fromV8(t, x) {
  switch (t) {
    case 'i32':
      return { t, s: String(x | 0) };
    case 'i64':
      return { t, s: String(BigInt.asIntN(64, x)) };
    case 'f32':
    case 'f64':
      return { t, s: fmtNum(x) };
    case 'funcref':
      return { t, s: x === null ? 'null' : 'func' };
    case 'externref':
      return { t, s: fmtExtern(x) };
  }
  throw new Error(`fromV8 ${t}`);
}

export function fromOurs(v) {
  switch (v.type) {
    case 'i32':
    case 'i64':
      return { t: v.type, s: String(v.value) };
    case 'f32':
    case 'f64':
      return { t: v.type, s: fmtNum(v.value) };
    case 'v128':
      return { t: 'v128', s: fmtV128(v.bytes), bytes: v.bytes.slice() };
    case 'funcref':
      return { t: 'funcref', s: v.value === null ? 'null' : 'func' };
    case 'externref':
      return { t: 'externref', s: fmtExtern(v.value) };
  }
  throw new Error(`fromOurs ${v.type}`);
}

function v128Val(bytes) {
  return { t: 'v128', s: fmtV128(bytes), bytes };
}

function isNaN32(dv, o) {
  return (dv.getUint32(o, true) & 0x7fffffff) > 0x7f800000;
}
function isNaN64(dv, o) {
  const hi = dv.getUint32(o + 4, true) & 0x7fffffff;
  const lo = dv.getUint32(o, true);
  return hi > 0x7ff00000 || (hi === 0x7ff00000 && lo !== 0);
}

/**
 * Whether byte arrays a and b differ only where both hold a NaN: every differing byte lies in some
 * 4-byte window that is an f32 NaN on both sides, or an 8-byte window that is an f64 NaN on both.
 */
function diffOnlyNaN(a, b) {
  if (a.length !== b.length) return false;
  const da = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const db = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let p = 0; p < a.length; p++) {
    if (a[p] === b[p]) continue;
    let ok = false;
    for (let o = Math.max(0, p - 3); o <= p && o + 4 <= a.length && !ok; o++) ok = isNaN32(da, o) && isNaN32(db, o);
    for (let o = Math.max(0, p - 7); o <= p && o + 8 <= a.length && !ok; o++) ok = isNaN64(da, o) && isNaN64(db, o);
    if (!ok) return false;
  }
  return true;
}

/** Compares two host-log entries: 'same', 'nan' (log-v128 values differing only in NaN lanes), 'differ'. */
function sameLogEntry(a, b, allowNaNBits) {
  if (a === b) return 'same';
  if (!allowNaNBits || a === undefined || b === undefined) return 'differ';
  const m = /^log-v128 v128:(.*)$/;
  const ma = m.exec(a);
  const mb = m.exec(b);
  if (!ma || !mb) return 'differ';
  const bytesOf = (s) => v128FromLanes(s.split(' ').map((h) => parseInt(h, 16) | 0));
  return diffOnlyNaN(bytesOf(ma[1]), bytesOf(mb[1])) ? 'nan' : 'differ';
}

/** Compares two comparable values: 'same', 'nan' (both NaN, accepted), or 'differ'. */
function sameVal(a, b, allowNaNBits) {
  if (a.t !== b.t) return 'differ';
  if (a.s === b.s) return 'same';
  if (a.t === 'v128' && allowNaNBits && diffOnlyNaN(a.bytes, b.bytes)) return 'nan';
  return 'differ';
}

// ---------------------------------------------------------------------------------------------
// Arguments

function argRng(seed, index) {
  return rng32(seed * 0x9e3779b1 + index * 0x85ebca6b + 0x27d4eb2f);
}

const I32S = [0, 1, -1, 2, 7, 0x7fffffff, -0x80000000, 255, 65535, 65536, 0x10000 * 16];
const I64S = [0n, 1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x100000000n];
const F32S = [0, -0, 1, -1.5, 0.5, Infinity, -Infinity, 3.4e38, 1e-45, 2147483648, -2147483904, 4294967296];
const F64S = [0, -0, 1, -1.5, 0.5, Infinity, -Infinity, 1.7e308, 5e-324, 2147483648, -2147483649, 9223372036854775808];

/**
 * Arguments for export #index of the module of `seed`: per parameter { v8: JS value (v128: four
 * i32), ours: Val }. No NaN arguments: a NaN crossing into V8 from JS gets bits of V8's choosing.
 */
export function makeArgs(Val, seed, index, params) {
  const next = argRng(seed, index);
  return params.map((t) => {
    const pick = (arr) => arr[next() % arr.length];
    const r = next() % 3;
    switch (t) {
      case 'i32': {
        const n = r === 0 ? next() | 0 : pick(I32S);
        return { v8: n, ours: Val.i32(n) };
      }
      case 'i64': {
        const n = r === 0 ? BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next())) : pick(I64S);
        return { v8: n, ours: Val.i64(n) };
      }
      case 'f32': {
        let x = r === 0 ? f32FromBits(next()) : pick(F32S);
        if (Number.isNaN(x)) x = 1.25;
        x = Math.fround(x);
        return { v8: x, ours: Val.f32Bits(f32Bits(x)) };
      }
      case 'f64': {
        let x = r === 0 ? f64FromBits((BigInt(next()) << 32n) | BigInt(next())) : pick(F64S);
        if (Number.isNaN(x)) x = 1.25;
        return { v8: x, ours: Val.f64Bits(f64Bits(x)) };
      }
      case 'v128': {
        const lanes = [next() | 0, next() | 0, next() | 0, next() | 0];
        return { v8: lanes, ours: Val.v128(v128FromLanes(lanes)) };
      }
      case 'funcref':
        return { v8: null, ours: Val.funcref(null) };
      case 'externref': {
        const x = r === 0 ? null : EXTERNS[next() % 2];
        return { v8: x, ours: Val.externref(x) };
      }
    }
    throw new Error(`makeArgs ${t}`);
  });
}

function ourZero(Val, t) {
  switch (t) {
    case 'i32':
      return Val.i32(0);
    case 'i64':
      return Val.i64(0n);
    case 'f32':
      return Val.f32Bits(0);
    case 'f64':
      return Val.f64Bits(0n);
    case 'v128':
      return Val.v128(new Uint8Array(16));
    case 'funcref':
      return Val.funcref(null);
    case 'externref':
      return Val.externref(null);
  }
  throw new Error(`zero ${t}`);
}

// ---------------------------------------------------------------------------------------------
// Helper modules

const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const CALL = 0x10;
const DROP = 0x1a;
const simd = (op, lane) => (lane === undefined ? [0xfd, ...uleb(op)] : [0xfd, ...uleb(op), lane]);
const I32X4_SPLAT = 0x11;
const I32X4_EXTRACT = 0x1b;
const I32X4_REPLACE = 0x1c;

/** V8 side: `log-v128` as a wasm function that calls JS `h.log4` with the four i32 lanes. */
function v8LogV128Helper() {
  const body = [];
  for (let l = 0; l < 4; l++) body.push(LOCAL_GET, 0, ...simd(I32X4_EXTRACT, l));
  body.push(CALL, 0);
  return encodeModule({
    imports: [{ module: 'h', name: 'log4', kind: 'func', type: { params: ['i32', 'i32', 'i32', 'i32'], results: [] } }],
    funcs: [{ type: { params: ['v128'], results: [] }, body }],
    exports: [{ name: 'log-v128', kind: 'func', index: 1 }],
  });
}

const expand = (ts) => ts.flatMap((t) => (t === 'v128' ? ['i32', 'i32', 'i32', 'i32'] : [t]));

/**
 * V8 side: trampolines into the fuzz module's exports ("fz"):
 *   z<j>: calls function export j with zero arguments, drops its results (host call-export*);
 *   w<j>: for an export whose type has v128: the same function with each v128 parameter and
 *         result as four i32;
 *   g<j>: for an exported v128 global: its value as four i32.
 */
function v8Trampolines(exportsInfo) {
  const imports = [];
  const funcs = [];
  const exps = [];
  const importIndex = new Map();
  for (const e of exportsInfo) {
    if (e.kind === 'func') {
      importIndex.set(e.index, imports.length);
      imports.push({ module: 'fz', name: e.name, kind: 'func', type: e.type });
    }
  }
  const nImportedFuncs = imports.length;
  for (const e of exportsInfo) {
    if (e.kind === 'global' && e.type.type === 'v128') imports.push({ module: 'fz', name: e.name, kind: 'global', type: e.type });
  }
  const addFunc = (name, f) => {
    exps.push({ name, kind: 'func', index: nImportedFuncs + funcs.length });
    funcs.push(f);
  };
  for (const e of exportsInfo) {
    if (e.kind !== 'func') continue;
    const callee = importIndex.get(e.index);
    const { params, results } = e.type;
    const z = [];
    for (const t of params) z.push(...zero(t));
    z.push(CALL, ...uleb(callee));
    for (let i = 0; i < results.length; i++) z.push(DROP);
    addFunc(`z${e.index}`, { type: { params: [], results: [] }, body: z });
    if (![...params, ...results].includes('v128')) continue;
    const xp = expand(params);
    const body = [];
    let p = 0;
    for (const t of params) {
      if (t === 'v128') {
        body.push(LOCAL_GET, ...uleb(p), ...simd(I32X4_SPLAT));
        for (let l = 1; l < 4; l++) body.push(LOCAL_GET, ...uleb(p + l), ...simd(I32X4_REPLACE, l));
        p += 4;
      } else {
        body.push(LOCAL_GET, ...uleb(p));
        p += 1;
      }
    }
    body.push(CALL, ...uleb(callee));
    // Results: pop into locals (one per result), then push back with v128 split into lanes.
    const base = xp.length;
    for (let i = results.length - 1; i >= 0; i--) body.push(LOCAL_SET, ...uleb(base + i));
    for (let i = 0; i < results.length; i++) {
      if (results[i] === 'v128') {
        for (let l = 0; l < 4; l++) body.push(LOCAL_GET, ...uleb(base + i), ...simd(I32X4_EXTRACT, l));
      } else {
        body.push(LOCAL_GET, ...uleb(base + i));
      }
    }
    addFunc(`w${e.index}`, { type: { params: xp, results: expand(results) }, locals: results, body });
  }
  let g = 0;
  for (const e of exportsInfo) {
    if (e.kind === 'global' && e.type.type === 'v128') {
      const body = [0x23, ...uleb(g), LOCAL_SET, 0];
      for (let l = 0; l < 4; l++) body.push(LOCAL_GET, 0, ...simd(I32X4_EXTRACT, l));
      addFunc(`g${e.index}`, { type: { params: [], results: ['i32', 'i32', 'i32', 'i32'] }, locals: ['v128'], body });
      g++;
    }
  }
  return encodeModule({ imports, funcs, exports: exps });
}

function typeKey(t) {
  return `${t.params.join(',')}>${t.results.join(',')}`;
}

/** The distinct (structural) function types of the fuzz module, in order. */
function distinctTypes(types) {
  const seen = new Map();
  for (const t of types) if (!seen.has(typeKey(t))) seen.set(typeKey(t), t);
  return [...seen.values()];
}

/** Both sides: `c<k>(ref)` calls `ref` as a function of type k with zero arguments (see header). */
function refCaller(types) {
  return encodeModule({
    tables: [{ elem: 'funcref', min: 1 }],
    funcs: types.map((t) => ({
      type: { params: ['funcref'], results: [] },
      body: (typeIndex) => [
        0x41, 0, LOCAL_GET, 0, 0x26, 0,
        ...t.params.flatMap(zero),
        0x41, 0, 0x11, ...uleb(typeIndex(t)), 0,
        ...t.results.map(() => DROP),
      ],
    })),
    exports: types.map((_, k) => ({ name: `c${k}`, kind: 'func', index: k })),
  });
}

/** Our side: accessors for the fuzz module's exported table ("fz" "table"). */
function ourTableHelper() {
  return encodeModule({
    imports: [{ module: 'fz', name: 'table', kind: 'table', elem: 'funcref' }],
    funcs: [
      { type: { params: ['i32'], results: ['funcref'] }, body: [LOCAL_GET, 0, 0x25, 0] },
      { type: { params: ['i32', 'funcref'], results: [] }, body: [LOCAL_GET, 0, LOCAL_GET, 1, 0x26, 0] },
      { type: { params: [], results: ['i32'] }, body: [0xfc, 16, 0] },
    ],
    exports: [
      { name: 'get', kind: 'func', index: 0 },
      { name: 'set', kind: 'func', index: 1 },
      { name: 'size', kind: 'func', index: 2 },
    ],
  });
}

/** Our side: a module exporting the given globals, each with its zero/null value. */
function ourGlobalProvider(globals) {
  return encodeModule({
    globals: globals.map((g) => ({ type: g.type.type, mutable: g.type.mutable, init: zero(g.type.type) })),
    exports: globals.map((g, i) => ({ name: g.name, kind: 'global', index: i })),
  });
}

function v8GlobalValue(t) {
  switch (t) {
    case 'i64':
      return 0n;
    case 'funcref':
    case 'externref':
      return null;
    default:
      return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// The two sides

const HOST_FUNCS = ['log-i32', 'log-i64', 'log-f32', 'log-f64', 'log-v128', 'table-get', 'table-set', 'call-export', 'call-export-catch', 'call-ref', 'call-ref-catch', 'sleep'];

/** The outcome of a call on V8 that threw. */
function v8Outcome(err) {
  if (err instanceof WebAssembly.RuntimeError) return { kind: 'trap', message: err.message };
  if (err instanceof HostAbort) return { kind: 'abort', why: err.why };
  if (err instanceof RangeError && /Maximum call stack size exceeded/.test(err.message)) return { kind: 'stack' };
  return { kind: 'error', message: `${err?.constructor?.name}: ${err?.message ?? err}` };
}

/** The outcome of a call on our engine that threw. */
function ourOutcome(err) {
  if (err instanceof HostAbort) return { kind: 'abort', why: err.why };
  if (err?.kind === 'trap') {
    if (err.reason === 'call stack exhausted') return { kind: 'stack' };
    return { kind: 'trap', reason: err.reason };
  }
  return { kind: 'error', message: `${err?.constructor?.name}(${err?.kind ?? '-'}): ${err?.message ?? err}\n${err?.stack ?? ''}` };
}

/** V8 side. */
class V8Side {
  constructor(bytes, info) {
    this.info = info;
    this.log = [];
    const log = this.log;
    const module = new WebAssembly.Module(bytes);
    const logV128 = new WebAssembly.Instance(new WebAssembly.Module(v8LogV128Helper()), {
      h: { log4: (a, b, c, d) => log.push(`log-v128 ${fmtV128(v128FromLanes([a, b, c, d]))}`) },
    }).exports['log-v128'];
    const exportList = info.exports;
    const host = {
      'log-i32': (x) => log.push(`log-i32 ${x | 0}`),
      'log-i64': (x) => log.push(`log-i64 ${BigInt.asIntN(64, x)}`),
      'log-f32': (x) => log.push(`log-f32 ${fmtNum(x)}`),
      'log-f64': (x) => log.push(`log-f64 ${fmtNum(x)}`),
      'log-v128': logV128,
      'table-get': (i) => {
        const table = this.exports.table;
        if (!(table instanceof WebAssembly.Table) || i >>> 0 >= table.length) {
          log.push(`table-get ${i >>> 0} abort`);
          throw new HostAbort(`table-get ${i >>> 0}`);
        }
        const r = table.get(i >>> 0);
        log.push(`table-get ${i >>> 0} -> ${r === null ? 'null' : 'func'}`);
        return r;
      },
      'table-set': (i, v) => {
        const table = this.exports.table;
        if (!(table instanceof WebAssembly.Table) || i >>> 0 >= table.length) {
          log.push(`table-set ${i >>> 0} abort`);
          throw new HostAbort(`table-set ${i >>> 0}`);
        }
        log.push(`table-set ${i >>> 0} ${v === null ? 'null' : 'func'}`);
        table.set(i >>> 0, v);
      },
      'call-export': (index, flags) => {
        const e = this.trampolines ? exportList[index] : undefined;
        if (e === undefined || e.kind !== 'func') {
          log.push(`call-export ${index} ${flags} abort`);
          throw new HostAbort(`call-export ${index}`);
        }
        log.push(`call-export ${index} ${flags} ${e.name}`);
        this.trampolines[`z${e.index}`]();
        log.push(`call-export ${index} returned`);
      },
      'call-export-catch': (index) => {
        const e = this.trampolines ? exportList[index] : undefined;
        if (e === undefined || e.kind !== 'func') {
          log.push(`call-export-catch ${index} -> 1`);
          return 1;
        }
        log.push(`call-export-catch ${index} ${e.name}`);
        this.trampolines[`z${e.index}`]();
        log.push(`call-export-catch ${index} -> 0`);
        return 0;
      },
      'call-ref': (ref, flags) => {
        if (ref === null) {
          log.push(`call-ref null ${flags} abort`);
          throw new HostAbort('call-ref null');
        }
        log.push(`call-ref ${flags}`);
        this.refCaller[`c${this.refType(ref)}`](ref);
        log.push(`call-ref returned`);
      },
      'call-ref-catch': (ref) => {
        if (ref === null) {
          log.push(`call-ref-catch null -> 1`);
          return 1;
        }
        log.push(`call-ref-catch`);
        this.refCaller[`c${this.refType(ref)}`](ref);
        log.push(`call-ref-catch -> 0`);
        return 0;
      },
      sleep: (ms, id) => {
        log.push(`sleep ${ms} ${id}`);
        return id;
      },
    };
    // Function index of each host function imported (for call-ref's type lookup).
    this.hostIndex = new Map();
    let fi = 0;
    for (const im of info.imports) if (im.kind === 'func') this.hostIndex.set(host[im.name], fi++);
    this.refCaller = new WebAssembly.Instance(new WebAssembly.Module(refCaller(info.types)), {}).exports;
    const imports = {};
    for (const im of info.imports) {
      imports[im.module] ??= {};
      if (im.kind === 'func') imports[im.module][im.name] = host[im.name];
      else if (im.kind === 'global') imports[im.module][im.name] = new WebAssembly.Global({ value: im.type.type === 'funcref' ? 'anyfunc' : im.type.type, mutable: im.type.mutable }, v8GlobalValue(im.type.type));
    }
    // While the start function runs, the exports are not known yet: call-export* see an empty
    // export list and table-get/set no table (as in fuzz_shell, where `exports` is not yet set).
    this.exports = {};
    this.trampolines = null;
    this.startOutcome = null;
    try {
      this.instance = new WebAssembly.Instance(module, imports);
    } catch (err) {
      this.startOutcome = v8Outcome(err);
      return;
    }
    this.exports = this.instance.exports;
    this.trampolines = new WebAssembly.Instance(new WebAssembly.Module(v8Trampolines(info.exports)), { fz: this.exports }).exports;
  }

  /** The index (in info.types) of the type of funcref `ref`. */
  refType(ref) {
    const fi = this.hostIndex.get(ref) ?? Number(ref.name);
    const t = this.info.funcTypes.types[this.info.funcTypes.funcs[fi]];
    if (t === undefined) throw new Error(`V8 side: funcref ${ref.name} not found in the module`);
    return this.info.typeIndex.get(typeKey(t));
  }

  /** Calls export e; returns an outcome. */
  call(e, args) {
    this.log.length = 0;
    const { params, results } = e.type;
    const hasV128 = [...params, ...results].includes('v128');
    const f = hasV128 ? this.trampolines[`w${e.index}`] : this.exports[e.name];
    const jsArgs = hasV128 ? args.flatMap((a, i) => (params[i] === 'v128' ? a.v8 : [a.v8])) : args.map((a) => a.v8);
    let r;
    try {
      r = f(...jsArgs);
    } catch (err) {
      return v8Outcome(err);
    }
    const flat = expand(results).length === 1 ? [r] : results.length === 0 ? [] : [...r];
    const values = [];
    let k = 0;
    for (const t of results) {
      if (t === 'v128') {
        values.push(v128Val(v128FromLanes(flat.slice(k, k + 4))));
        k += 4;
      } else {
        values.push(fromV8(t, flat[k++]));
      }
    }
    return { kind: 'done', values };
  }

  memory() {
    const m = this.exports[this.info.memoryName];
    return new Uint8Array(m.buffer);
  }

  global(e) {
    if (e.type.type === 'v128') return v128Val(v128FromLanes(this.trampolines[`g${e.index}`]()));
    return fromV8(e.type.type, this.exports[e.name].value);
  }
}

/** Ends suspended host `call` with a trap, because `err` ended the call its host function made. */
function endCall(call, err) {
  const reason = `unwound: ${err?.reason ?? err?.why ?? err?.message}`;
  try {
    call.trap(reason);
  } catch (t) {
    if (t?.kind !== 'trap' || t.reason !== reason) throw t;
  }
}

/**
 * Our side, through the public API only. Options (for fuel-diff.mjs; the V8 comparison uses none):
 *   - profile: the profile modules are prepared in (default FUZZ_PROFILE, else TEST_PROFILE);
 *   - fuel: make the store metered with this much fuel; `onOutOfFuel(pause)` then gets each
 *     `out-of-fuel` result (and the store) and returns the RunResult to go on with (without it,
 *     a pause throws);
 *   - unwind: when a trap or a host abort ends a call made from a host function, end the
 *     suspended host call too (`call.trap`), so that no invocation stays suspended in the store.
 */
export class OurSide {
  constructor(api, bytes, info, options = {}) {
    const { Module, Store, Val } = api;
    // FUZZ_PROFILE (or TEST_PROFILE) picks the profile our side prepares modules in.
    const profile = options.profile ?? (process.env.FUZZ_PROFILE || process.env.TEST_PROFILE || undefined);
    const newModule = (bytes) => new Module(bytes, { profile });
    this.api = api;
    this.info = info;
    this.log = [];
    this.unwind = options.unwind === true;
    this.onOutOfFuel =
      options.onOutOfFuel ??
      (() => {
        throw new Error('out-of-fuel from an unmetered store');
      });
    const store = (this.store = new Store(options.fuel === undefined ? {} : { fuel: options.fuel }));
    this.hostNames = [];
    for (const name of HOST_FUNCS) {
      const im = info.imports.find((i) => i.kind === 'func' && i.module === 'fuzzing-support' && i.name === name);
      if (im === undefined) continue;
      store.linkFuncCustom('fuzzing-support', name, { params: [...im.type.params], results: [...im.type.results] });
      this.hostNames.push(name);
    }
    const globals = info.imports.filter((i) => i.kind === 'global');
    for (const mod of new Set(globals.map((g) => g.module))) {
      const p = store.instantiate(newModule(ourGlobalProvider(globals.filter((g) => g.module === mod))));
      store.setName(p, mod);
    }
    const module = newModule(bytes);
    this.Val = Val;
    this.refCaller = store.instantiate(newModule(refCaller(info.types)));
    this.table = null;
    this.inst = undefined;
    this.startOutcome = null;
    // While the start function runs: no exports yet (see V8Side).
    this.starting = true;
    try {
      this.inst = store.instantiate(module);
      // A start function that calls the host suspends instantiation (or pauses it, metered).
      const pending = store.lastCall();
      const paused = store.lastPause();
      if (pending) this.drive({ kind: 'host', call: pending });
      else if (paused) this.drive(paused);
    } catch (err) {
      this.startOutcome = ourOutcome(err);
      return;
    }
    this.starting = false;
    if (info.exports.some((e) => e.name === 'table' && e.kind === 'table')) {
      store.setName(this.inst, 'fz');
      this.table = store.instantiate(newModule(ourTableHelper()));
    }
  }

  /** Runs a RunResult to completion, serving host calls and fuel pauses; throws Trap / HostAbort. */
  drive(result) {
    for (;;) {
      if (result.kind === 'done') return result.values;
      if (result.kind === 'out-of-fuel') {
        result = this.onOutOfFuel(result, this.store);
        continue;
      }
      const { call } = result;
      let out;
      try {
        out = this.host(this.hostNames[call.index], call.args);
      } catch (err) {
        if (this.unwind) endCall(call, err);
        throw err;
      }
      result = call.resume(out);
    }
  }

  tableCall(name, args) {
    return this.drive(this.store.invoke(this.table, name, args));
  }

  callExport(e) {
    const args = e.type.params.map((t) => ourZero(this.Val, t));
    this.drive(this.store.invoke(this.inst, e.name, args));
  }

  /** Calls funcref `ref` with zero arguments, trying each type (see the header). */
  callRef(ref) {
    let mismatch = null;
    for (let k = 0; k < this.info.types.length; k++) {
      try {
        this.drive(this.store.invoke(this.refCaller, `c${k}`, [ref]));
        return;
      } catch (e) {
        if (e?.kind !== 'trap' || e.reason !== 'indirect call type mismatch') throw e;
        mismatch = e;
      }
    }
    throw mismatch;
  }

  host(name, args) {
    const { log, Val } = this;
    const a = args;
    switch (name) {
      case 'log-i32':
      case 'log-i64':
        log.push(`${name} ${a[0].value}`);
        return [];
      case 'log-f32':
      case 'log-f64':
        log.push(`${name} ${fmtNum(a[0].value)}`);
        return [];
      case 'log-v128':
        log.push(`log-v128 ${fmtV128(a[0].bytes)}`);
        return [];
      case 'table-get': {
        const i = a[0].value >>> 0;
        if (this.table === null || i >= this.tableCall('size', [])[0].value >>> 0) {
          log.push(`table-get ${i} abort`);
          throw new HostAbort(`table-get ${i}`);
        }
        const r = this.tableCall('get', [Val.i32(i)])[0];
        log.push(`table-get ${i} -> ${r.value === null ? 'null' : 'func'}`);
        return [r];
      }
      case 'table-set': {
        const i = a[0].value >>> 0;
        if (this.table === null || i >= this.tableCall('size', [])[0].value >>> 0) {
          log.push(`table-set ${i} abort`);
          throw new HostAbort(`table-set ${i}`);
        }
        log.push(`table-set ${i} ${a[1].value === null ? 'null' : 'func'}`);
        this.tableCall('set', [Val.i32(i), a[1]]);
        return [];
      }
      case 'call-export': {
        const index = a[0].value;
        const flags = a[1].value;
        const e = this.starting ? undefined : this.info.exports[index];
        if (e === undefined || e.kind !== 'func') {
          log.push(`call-export ${index} ${flags} abort`);
          throw new HostAbort(`call-export ${index}`);
        }
        log.push(`call-export ${index} ${flags} ${e.name}`);
        this.callExport(e);
        log.push(`call-export ${index} returned`);
        return [];
      }
      case 'call-export-catch': {
        const index = a[0].value;
        const e = this.starting ? undefined : this.info.exports[index];
        if (e === undefined || e.kind !== 'func') {
          log.push(`call-export-catch ${index} -> 1`);
          return [Val.i32(1)];
        }
        log.push(`call-export-catch ${index} ${e.name}`);
        this.callExport(e);
        log.push(`call-export-catch ${index} -> 0`);
        return [Val.i32(0)];
      }
      case 'call-ref':
      case 'call-ref-catch': {
        const catching = name === 'call-ref-catch';
        if (a[0].value === null) {
          if (catching) {
            log.push(`call-ref-catch null -> 1`);
            return [Val.i32(1)];
          }
          log.push(`call-ref null ${a[1].value} abort`);
          throw new HostAbort('call-ref null');
        }
        log.push(catching ? 'call-ref-catch' : `call-ref ${a[1].value}`);
        this.callRef(a[0]);
        log.push(catching ? 'call-ref-catch -> 0' : 'call-ref returned');
        return catching ? [Val.i32(0)] : [];
      }
      case 'sleep':
        log.push(`sleep ${a[0].value} ${a[1].value}`);
        return [a[1]];
    }
    throw new Error(`unknown host function ${name}`);
  }

  call(e, args) {
    this.log.length = 0;
    try {
      const values = this.drive(this.store.invoke(this.inst, e.name, args.map((x) => x.ours)));
      return { kind: 'done', values: values.map(fromOurs) };
    } catch (err) {
      return ourOutcome(err);
    }
  }

  memory() {
    return this.store.memory(this.inst);
  }

  global(e) {
    return fromOurs(this.store.getGlobal(this.inst, e.name));
  }
}

// ---------------------------------------------------------------------------------------------
// One module

export function typeText(t) {
  return `(${t.params.join(' ')}) -> (${t.results.join(' ')})`;
}

function fnv(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return hex32(h);
}

function firstDiff(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

function bump(map, key, by = 1) {
  map[key] = (map[key] ?? 0) + by;
}

/** What the sides need to know of a module (`ourModule`, our Module of `bytes`). */
export function moduleInfo(ourModule, bytes) {
  const info = {
    imports: ourModule.imports.map((i) => ({ module: i.module, name: i.name, kind: i.kind, type: i.type })),
    exports: ourModule.exports.map((e, index) => ({ index, name: e.name, kind: e.kind, type: e.type })),
    memoryName: undefined,
    funcTypes: funcTypes(bytes),
    types: [],
    typeIndex: new Map(),
  };
  info.types = distinctTypes(info.funcTypes.types);
  info.types.forEach((t, k) => info.typeIndex.set(typeKey(t), k));
  return info;
}

/** The first import the host functions and global providers do not provide, if any. */
export function unmirroredImport(info) {
  return info.imports.find(
    (im) =>
      !(
        (im.kind === 'func' && im.module === 'fuzzing-support' && HOST_FUNCS.includes(im.name)) ||
        (im.kind === 'global' && !im.type.mutable && ['externref', 'funcref', 'i32', 'i64', 'f32', 'f64'].includes(im.type.type))
      ),
  );
}

/**
 * The bytes to run, and `info.memoryName` set: memory is compared through an export; without
 * one, the sides run the module with an export of memory 0 added after the others (export
 * indices, as call-export sees them, do not move).
 */
export function withComparableMemory(bytes, info) {
  info.memoryName = info.exports.find((e) => e.kind === 'memory')?.name;
  if (info.memoryName !== undefined) return bytes;
  const runBytes = withMemoryExport(bytes, '__diff_memory');
  if (runBytes !== bytes) info.memoryName = '__diff_memory';
  return runBytes;
}

/**
 * Runs one module on both engines. `api` is the @proj/interpreter module. Returns
 * { status: 'compared' | 'skipped', skip?, mismatches: string[], stats, details: string[] }.
 * stats: counters (see `emptyStats`); skips: reason -> count.
 */
export function diffModule(api, bytes, { allowNaNBits = false, verbose = false, seed = 0 } = {}) {
  const stats = emptyStats();
  const mismatches = [];
  const details = [];
  // Set when a mismatch is a float that is NaN on one side only: NaN-ness is deterministic, so
  // such a mismatch is never put down to NaN bits (see ttf-run.mjs).
  let nanness = false;
  const isNaNText = (v) => v !== undefined && / NaN$|^NaN$/.test(v);
  const say = (s) => verbose && details.push(s);
  const fail = (s) => mismatches.push(s);
  const skip = (reason) => {
    bump(stats.skips, reason);
    return { status: 'skipped', skip: reason, mismatches, stats, details };
  };

  // Validation.
  let v8Error = null;
  let ourError = null;
  try {
    new WebAssembly.Module(bytes);
  } catch (e) {
    v8Error = e.message;
  }
  let ourModule = null;
  try {
    ourModule = new api.Module(bytes);
  } catch (e) {
    ourError = `${e.kind ?? e.constructor?.name}: ${e.message}`;
  }
  if (v8Error !== null || ourError !== null) {
    if (v8Error !== null && ourError !== null && !ourError.startsWith('unsupported')) {
      const m = /Invalid opcode (0x[0-9a-f]+)/.exec(v8Error);
      return skip(`module invalid for both engines${m ? ` (V8: invalid opcode ${m[1]})` : ''}`);
    }
    fail(`validation differs: V8 ${v8Error === null ? 'accepts' : `rejects (${v8Error})`}; ours ${ourError === null ? 'accepts' : `rejects (${ourError})`}`);
    return { status: 'compared', mismatches, stats, details };
  }

  // Imports and exports, as both engines see them.
  const info = moduleInfo(ourModule, bytes);
  const v8Mod = new WebAssembly.Module(bytes);
  const v8Exports = WebAssembly.Module.exports(v8Mod);
  const v8Imports = WebAssembly.Module.imports(v8Mod);
  const kindName = { function: 'func', table: 'table', memory: 'memory', global: 'global' };
  const listText = (l) => l.map((x) => `${x.module ? `${x.module}.` : ''}${x.name}:${x.kind}`).join(', ');
  if (listText(v8Exports.map((e) => ({ ...e, kind: kindName[e.kind] }))) !== listText(info.exports)) {
    fail(`export lists differ: V8 [${listText(v8Exports)}], ours [${listText(info.exports)}]`);
    return { status: 'compared', mismatches, stats, details };
  }
  if (listText(v8Imports.map((e) => ({ ...e, kind: kindName[e.kind] }))) !== listText(info.imports)) {
    fail(`import lists differ: V8 [${listText(v8Imports)}], ours [${listText(info.imports)}]`);
    return { status: 'compared', mismatches, stats, details };
  }
  const unknown = unmirroredImport(info);
  if (unknown !== undefined) return skip(`unmirrored import ${unknown.module}.${unknown.name} (${unknown.kind})`);
  const runBytes = withComparableMemory(bytes, info);

  // Instantiation (with the start function, if any).
  let v8;
  let ours;
  try {
    v8 = new V8Side(runBytes, info);
    ours = new OurSide(api, runBytes, info);
  } catch (e) {
    // Helper modules or linking: a failure of the harness or of our engine on a helper.
    fail(`instantiation: harness error: ${e?.stack ?? e}`);
    return { status: 'compared', mismatches, stats, details };
  }

  /** Compares one outcome and the host-call logs; returns false if the module must stop here. */
  const compareCall = (where, a, b) => {
    say(`  V8:   ${JSON.stringify(a.kind === 'done' ? a.values.map((v) => v.s) : a)}  log ${v8.log.length}`);
    say(`  ours: ${JSON.stringify(b.kind === 'done' ? b.values.map((v) => v.s) : b)}  log ${ours.log.length}`);
    if (a.kind === 'stack' || b.kind === 'stack') {
      // Depth limits are the implementation's: the states after unequal exhaustion differ.
      bump(stats.skips, `call stack exhausted (V8: ${a.kind}, ours: ${b.kind}): rest of module not compared`);
      return false;
    }
    if (a.kind === 'error' || b.kind === 'error') {
      fail(`${where}: unexpected error: V8 ${a.kind === 'error' ? a.message : a.kind}; ours ${b.kind === 'error' ? b.message : b.kind}`);
    } else if (a.kind !== b.kind) {
      fail(`${where}: V8 ${describe(a)}, ours ${describe(b)}`);
    } else if (a.kind === 'done' && a.values.length !== b.values.length) {
      fail(`${where}: result counts differ: V8 ${describe(a)}, ours ${describe(b)}`);
    } else if (a.kind === 'done') {
      stats.resultsCompared += a.values.length;
      for (let i = 0; i < a.values.length; i++) {
        const c = sameVal(a.values[i], b.values[i], allowNaNBits);
        if (c === 'nan') bump(stats.accepted, 'NaN bits differ in a v128 result');
        if (c === 'differ') {
          if (isNaNText(a.values[i].s) !== isNaNText(b.values[i].s)) nanness = true;
          fail(`${where}: result ${i} differs: V8 ${a.values[i].s}, ours ${b.values[i].s}`);
        }
      }
    } else if (a.kind === 'trap') {
      stats.trapsCompared++;
      const reasons = mapV8Trap(a.message);
      if (reasons === null) fail(`${where}: V8 trap message not mapped: "${a.message}" (ours: ${b.reason})`);
      else if (!reasons.includes(b.reason)) fail(`${where}: trap differs: V8 "${a.message}", ours "${b.reason}"`);
      bump(stats.trapReasons, b.reason);
    } else if (a.kind === 'abort') {
      stats.abortsCompared++;
      if (a.why !== b.why) fail(`${where}: host abort differs: V8 ${a.why}, ours ${b.why}`);
    }
    // Host-call logs.
    stats.logEntries += v8.log.length;
    const n = Math.max(v8.log.length, ours.log.length);
    for (let i = 0; i < n; i++) {
      const c = sameLogEntry(v8.log[i], ours.log[i], allowNaNBits);
      if (c === 'nan') bump(stats.accepted, 'NaN bits differ in a log-v128 value');
      if (c === 'differ') {
        if (isNaNText(v8.log[i]) !== isNaNText(ours.log[i])) nanness = true;
        fail(`${where}: host log differs at entry ${i}: V8 ${v8.log[i] ?? '(end)'}, ours ${ours.log[i] ?? '(end)'}`);
        break;
      }
    }
    return true;
  };

  const compareState = (where) => {
    if (info.memoryName !== undefined) {
      const a = v8.memory();
      const b = ours.memory();
      stats.memoryCompares++;
      if (a.length !== b.length) {
        fail(`${where}: memory size differs: V8 ${a.length} bytes, ours ${b.length}`);
      } else if (!Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length))) {
        if (allowNaNBits && diffOnlyNaN(a, b)) {
          bump(stats.accepted, 'NaN bits differ in memory');
        } else {
          const at = firstDiff(a, b);
          fail(`${where}: memory differs first at byte ${at} (V8 ${[...a.slice(at, at + 8)].join(',')} vs ours ${[...b.slice(at, at + 8)].join(',')}; hash V8 ${fnv(a)} ours ${fnv(b)})`);
        }
      }
    }
    for (const e of info.exports) {
      if (e.kind !== 'global') continue;
      stats.globalCompares++;
      const a = v8.global(e);
      const b = ours.global(e);
      const c = sameVal(a, b, allowNaNBits);
      if (c === 'nan') bump(stats.accepted, 'NaN bits differ in a v128 global');
      if (c === 'differ') {
        if (isNaNText(a.s) !== isNaNText(b.s)) nanness = true;
        fail(`${where}: global ${e.name} differs: V8 ${a.s}, ours ${b.s}`);
      }
    }
  };

  const dumpLogs = () => {
    if (!verbose) return;
    details.push(`  V8 log:   ${v8.log.slice(0, 40).join(' | ')}`);
    details.push(`  ours log: ${ours.log.slice(0, 40).join(' | ')}`);
  };

  const started = { kind: 'done', values: [] };
  say('instantiation');
  const goOn = compareCall('instantiation', v8.startOutcome ?? started, ours.startOutcome ?? started);
  if (mismatches.length > 0) {
    dumpLogs();
    return { status: 'compared', mismatches, stats, details };
  }
  if (!goOn) return { status: 'compared', mismatches, stats, details };
  if (v8.startOutcome !== null) {
    bump(stats.skips, 'instantiation failed on both engines (compared; no exports to call)');
    return { status: 'compared', mismatches, stats, details };
  }
  stats.modules = 1;
  compareState('after instantiation');

  for (const e of info.exports) {
    if (mismatches.length > 0) break;
    if (e.kind !== 'func') continue;
    const where = `export #${e.index} ${e.name} ${typeText(e.type)}`;
    const args = makeArgs(api.Val, seed, e.index, e.type.params);
    const a = v8.call(e, args);
    const b = ours.call(e, args);
    stats.exportsCalled++;
    say(`${where} args [${args.map((x) => fromOurs(x.ours).s).join(', ')}]`);
    if (!compareCall(where, a, b)) break;
    compareState(where);
    // After a mismatch the states have diverged: later exports would only repeat the difference.
    if (mismatches.length > 0) dumpLogs();
  }
  return { status: 'compared', mismatches, stats, details, nanness };
  return { status: 'compared', mismatches, stats, details };
}

function describe(o) {
  switch (o.kind) {
    case 'done':
      return `returned [${o.values.map((v) => v.s).join(', ')}]`;
    case 'trap':
      return `trapped "${o.message ?? o.reason}"`;
    case 'abort':
      return `host abort (${o.why})`;
    default:
      return o.kind;
  }
}

export function emptyStats() {
  return {
    modules: 0,
    exportsCalled: 0,
    resultsCompared: 0,
    trapsCompared: 0,
    abortsCompared: 0,
    logEntries: 0,
    memoryCompares: 0,
    globalCompares: 0,
    trapReasons: {},
    accepted: {},
    skips: {},
  };
}

export function addStats(into, s) {
  for (const [k, v] of Object.entries(s)) {
    if (typeof v === 'number') into[k] += v;
    else for (const [kk, vv] of Object.entries(v)) bump(into[k], kk, vv);
  }
  return into;
}
