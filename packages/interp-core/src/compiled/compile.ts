/**
 * The `compiled` profile: a function's prepared code translated to JavaScript, so that V8
 * compiles it. Each instruction becomes its run-loop case (templates.ts, generated from run.ts)
 * with its words filled in as constants, and control runs from one instruction into the next
 * without a dispatch. Frame cells used as i32 words or as f64 values live in JavaScript
 * variables while the function runs, a cell used as both in one of each kind (forms.ts). A call
 * to another compiled function is a JavaScript call (calls.ts) with the frames kept as the run
 * loop keeps them, so that a host call still suspends the whole computation; returns go back to
 * the run loop or to calls.ts. A function is translated when it is first called; one too large
 * for V8 to optimize is translated in pieces (see pieces).
 *
 * Where code generation is forbidden (a Content-Security-Policy without 'unsafe-eval') or V8
 * cannot compile its source (nesting too deep for its parser), a function's code stays as it is
 * and the run loop runs it.
 */
import { ENV } from '../fast/run.js';
import { trap, TrapReason } from '../trap.js';
import { ValType } from '@proj/decoder';
import { type CompiledCode, PreparedFunc } from '../fast/translate.js';
import { Op } from '../fast/ops.js';
import { OTHER } from './templates.js';
import { pieceBounds } from './piece-bounds.js';
import { handsFrameOver, isLive, type LiveAt, liveWords } from './liveness.js';
import { callIndirect, callWasm, returned } from './calls.js';
import { call, MEMORY_CHECK, SELF_COST } from './call-site.js';
import { MIN_JS_FRAME_COST, RETURNED_IN_PLACE } from '../machine/stack.js';
import { indirectCallAddress } from '../runtime.js';
import { CellKind } from './cell-kinds.js';
import {
  type Cached,
  cachedCells,
  CELL,
  cellOf,
  FORMS,
  frameValue,
  fromFrame,
  FUEL_FORMS,
  indexByPc,
  isOpaque,
  LEAVES,
  loadOf,
  simdCells,
  storeOf,
  targetsOf,
  toFrame,
  trackedCellOfWord,
  usesOnlyItsCells,
  variable,
} from './forms.js';

/**
 * Instructions past which a function is compiled in pieces (see pieces): V8 does not optimize a
 * function whose bytecode passes 60 kB, and a slow unoptimized translation would lose to the loop.
 * A function in nested loops and blocks (structure) stays whole up to MAX_INSTRUCTIONS, or
 * MAX_CALLING_INSTRUCTIONS if it calls (each call site is a dozen lines); one with a switch
 * dispatch up to MAX_SWITCH_INSTRUCTIONS. V8 left a lisp interpreter's 1,000-instruction
 * function unoptimized: 7 times slower than the run loop as a switch, 2.3 times in loops and
 * blocks with its calls (a CoreMark-like kernel's calling functions, below 800, run 3 times
 * faster whole than in pieces).
 */
const MAX_INSTRUCTIONS = 1500;
const MAX_SWITCH_INSTRUCTIONS = 300;
const MAX_CALLING_INSTRUCTIONS = 800;

/**
 * Characters of JavaScript past which a function is compiled in pieces all the same. V8's bytecode
 * is about 0.85 bytes per character of this source, and V8 never optimizes a function past 60 kB
 * of bytecode: a hash finalization of 1,000 instructions, 56 of them i64 multiplications, made
 * 117 kB of source and ran unoptimized, 3.5 times slower than the run loop. A function without
 * loops goes to pieces sooner: each of its instructions runs once per call, so pieces cost it
 * little, and V8 optimizes small pieces much sooner than one large function.
 */
const MAX_SOURCE_LENGTH = 64_000;
const MAX_LOOP_FREE_SOURCE_LENGTH = 24_000;

/**
 * Instructions up to which a function calls its callees' JavaScript at the call site (see call).
 * Such a site is twice the code of a call through callWasm, and in larger functions the code
 * alone cost more than the calls gained: with 300, a Lisp interpreter ran 1.5 times slower, even
 * where the direct branch was never taken; in every function (with smaller sites), lz ran 2.5
 * times slower while the Lisp interpreter gained 4%. Small recursive functions gain most.
 */
const DIRECT_CALLS_UP_TO = 40;


const PLACEHOLDER = /\$(c|p)(\d+)\$|\$op\$|\$L\$/g;

/** Whether the platform lets code be generated: unknown until the first function is compiled. */
let generationAllowed: boolean | undefined;

/** The shape of a document, as far as reading its policy needs (the build has no DOM types). */
interface PolicyDocument {
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
}

/**
 * False when a Content-Security-Policy of the document, declared in a `<meta http-equiv>`
 * element, forbids `new Function` (its script-src, or else default-src, lacks 'unsafe-eval'):
 * asking first means a refused attempt is never made, so the browser reports no violation. A
 * policy sent only as an HTTP header cannot be read by scripts; there the first attempt fails.
 */
function policyAllowsEval(): boolean {
  const doc = (globalThis as { document?: PolicyDocument }).document;
  if (doc === undefined) return true;
  const metas = doc.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]');
  for (let i = 0; i < metas.length; i++) {
    const directives = (metas[i].getAttribute('content') ?? '').split(';').map((d) => d.trim().toLowerCase().split(/\s+/));
    const rule = directives.find((d) => d[0] === 'script-src') ?? directives.find((d) => d[0] === 'default-src');
    if (rule !== undefined && !rule.includes("'unsafe-eval'")) return false;
  }
  return true;
}

/**
 * Whether functions can be compiled here: false where the document's policy forbids code
 * generation, or once an attempt has failed. While that is unknown, one empty function is made
 * to find out (functions themselves are translated later, when first called: the Module must
 * know its form now). Never throws.
 */
export function codeGenerationAllowed(): boolean {
  if (generationAllowed === false) return false;
  if (!policyAllowsEval()) return (generationAllowed = false);
  try {
    new Function('');
  } catch {
    return (generationAllowed = false);
  }
  return (generationAllowed = true);
}

/**
 * `p` in the compiled form: its code with Op.compileOnEntry where the run loop first enters it,
 * and translated to JavaScript then (translate), so that loading a module translates nothing and
 * functions never called are never translated. `p` itself where it cannot be translated (see
 * above: the Module asks codeGenerationAllowed first) or throws or catches exceptions (the run
 * loop keeps their frames exact for the handler search).
 */
export function compileFunction(p: PreparedFunc, importedFuncs: number, ownIndex: number): PreparedFunc {
  let starts = p.starts;
  // A metered function's entry charge stays with the run loop, which enters the JavaScript after
  // it: a pause there then never re-enters the JavaScript at the same point.
  if (starts !== undefined && p.code[0] === Op.fuel) starts = starts.subarray(1);
  if (starts === undefined || generationAllowed === false || p.usesExceptions) return p;
  // The code ends with an Op.return where the run loop goes on when the JavaScript gives back
  // RETURNED_IN_PLACE.
  const code = new Int32Array(p.code.length + 1);
  code.set(p.code);
  code[p.code.length] = Op.return;
  code[starts[0]] = Op.compileOnEntry;
  const original = p.code;
  const instructions = starts;
  return new PreparedFunc('compiled', code, p.localCells, p.paramCells, p.cells, p.entryWords, p.zeroWords, p.resultWords, undefined, undefined, (q) => translate(q, original, instructions, importedFuncs, importedFuncs + ownIndex));
}

/**
 * Makes `q.compiled` from `code` (its instructions at `starts`) and writes Op.enterCompiled at
 * its resume points in `q.code`; where that fails, puts the original instruction back.
 */
function translate(q: PreparedFunc, code: Int32Array, starts: Int32Array, importedFuncs: number, index: number): void {
  const points = resumePoints(code, starts);
  try {
    const regions = structure(code, starts);
    const most = !regions ? MAX_SWITCH_INSTRUCTIONS : points.length === 1 ? MAX_INSTRUCTIONS : MAX_CALLING_INSTRUCTIONS;
    // Entered at its start by the JavaScript, not the run loop: if it sets its own frame, its
    // translation is its direct entry (PreparedFunc.direct), which its calls of itself call.
    const atStart = points[0] === 0 && !LEAVES.has(code[0]);
    const self = atStart ? index : undefined;
    const whole = starts.length > most ? undefined : source(code, starts, { regions, frame: q, importedFuncs, self });
    const loops = regions !== undefined && regions.some((r) => r.kind === 'loop');
    if (whole === undefined || whole.text.length > (loops ? MAX_SOURCE_LENGTH : MAX_LOOP_FREE_SOURCE_LENGTH)) {
      // Its dispatcher sets the frame where it is entered at the start, unless a branch goes
      // there (the run loop may enter it there again, where the locals are not new).
      const setsFrame = !starts.some((at) => targetsOf(code, at).includes(starts[0]));
      q.compiled = pieces(q, code, starts, importedFuncs, setsFrame);
      q.jsFrameCost = PIECES_FRAME_COST;
      q.initsOwnFrame = setsFrame;
      if (setsFrame && points[0] === 0) q.direct = q.compiled;
    } else {
      const { variables, initsFrame } = whole;
      const text = whole.text.replaceAll(SELF_COST, String(MIN_JS_FRAME_COST + variables));
      q.compiled = make(code, text, points.length > 1 ? resumeLater(q, code, starts, points, importedFuncs) : undefined);
      q.jsFrameCost = MIN_JS_FRAME_COST + variables;
      // (Unless the run loop runs its first instruction: see below.)
      q.initsOwnFrame = initsFrame && !LEAVES.has(code[points[0]]);
      if (initsFrame && atStart) q.direct = q.compiled;
    }
  } catch (e) {
    // EvalError: the platform forbids code generation. Anything else (V8's own stack overflow
    // on deeply nested source, a source too large): this function stays in its fast form.
    if (e instanceof EvalError) generationAllowed = false;
    q.code[points[0]] = code[points[0]];
    return;
  }
  for (const at of points) q.code[at] = LEAVES.has(code[at]) ? code[at] : Op.enterCompiled;
}

/**
 * The JavaScript function of `source` over `code`; `resume` is what a function in loops and
 * blocks (structure) calls when it is entered after a call rather than at its start.
 */
function make(code: Int32Array, source: string, resume?: CompiledCode): CompiledCode {
  return new Function('ENV', 'c', 'resume', `const {${Object.keys(COMPILED_ENV).join(', ')}} = ENV;\n${source}`)(COMPILED_ENV, code, resume) as CompiledCode;
}

/**
 * For a function in loops and blocks that calls: its translation with a switch dispatch, made
 * when the run loop first enters it after a call (a call that did not finish in JavaScript: see
 * calls.ts). Where that translation fails, the run loop runs those entries.
 */
function resumeLater(q: PreparedFunc, code: Int32Array, starts: Int32Array, points: number[], importedFuncs: number): CompiledCode {
  let made: CompiledCode | undefined;
  return (m, pc, fp, r, inst, self, budget) => {
    if (made === undefined) {
      try {
        made = make(code, source(code, starts, { importedFuncs }).text);
      } catch {
        for (const at of points.slice(1)) q.code[at] = code[at];
        made = (_m, at) => at;
      }
    }
    return made(m, pc, fp, r, inst, self, budget);
  };
}

/** The names compiled functions see: the run loop's (ENV) and those of their calls. */
const COMPILED_ENV = { ...ENV, callWasm, callIndirect, indirectCallAddress, returned, outOfBounds: () => trap(TrapReason.memoryOutOfBounds) };

/**
 * Shorter JavaScript for V8 to parse where a function is first run: a constant made unsigned is
 * its value, and the bounds check of every memory access traps through one short name.
 */
const UNSIGNED_LITERAL = /\(\((-?\d+)\) >>> 0\)/g;
const OUT_OF_BOUNDS = 'trap(TrapReason.memoryOutOfBounds)';

/**
 * A compiled function's parameters (see CompiledCode): the run loop's state it always uses (of
 * PARAMS, the names templates use), itself, and what is left of its JavaScript stack budget
 * (calls.ts). It reads the rest of PARAMS itself where its code uses them (stateReads).
 */
const ARGUMENTS = ['m', 'pc', 'fp', 'r', 'inst', 'self', 'budget'];

/** A name of the run loop's state that is not among ARGUMENTS, used as a variable. */
const STATE_NAME = /(?<![\w$.])(f32|f64|mem|mu8|dv|mlen)(?![\w$])/g;

/**
 * The declarations of the state a function's code (`text`) uses beyond ARGUMENTS, and whether it
 * uses the memory (MEMORY_CHECK aside: a function that does not need it).
 */
function stateReads(text: string): { lines: string[]; memory: boolean } {
  const used = new Set(Array.from(text.replaceAll(MEMORY_CHECK, '').matchAll(STATE_NAME), (x) => x[1]));
  const lines: string[] = [];
  if (used.has('f32')) lines.push('const f32 = m.slots.f32;');
  if (used.has('f64')) lines.push('const f64 = m.slots.f64;');
  const memory = used.has('mem') || used.has('mu8') || used.has('dv') || used.has('mlen');
  if (memory) lines.push('const mem = inst.mems[0];', 'let mu8 = mem ? mem.u8 : EMPTY_MEMORY, dv = mem ? mem.dv : EMPTY_VIEW, mlen = mem ? mem.limit : 0;');
  return { lines, memory };
}

/**
 * The jsFrameCost of a function compiled in pieces (calls.ts): its pieces' variables are not
 * known before they are translated.
 */
const PIECES_FRAME_COST = 1000;

/**
 * A piece of a large function: where control enters it, the pc just past it, and the function's
 * live words (see liveness.ts).
 */
interface Piece {
  readonly entries: ReadonlySet<number>;
  readonly next: number;
  readonly live: LiveAt;
}

/** The frame words a variable holds. */
const wordsOf = (c: Cached): number[] => (c.kind === 'd' ? [c.x, c.x + 1] : [c.x]);

/**
 * The words live where control goes on after piece `starts` (its next pc, and the targets of
 * its branches out of it); undefined (every word) where it may also leave for the run loop at
 * one of its own instructions (a call, a return, an instruction the loop runs, a fuel pause).
 */
function liveAfter(code: Int32Array, starts: Int32Array, piece: Piece): Uint32Array | undefined {
  const first = starts[0];
  const exits = [piece.next];
  for (const at of starts) {
    const op = code[at];
    if (handsFrameOver(op) || FUEL_FORMS.has(op)) return undefined;
    for (const t of targetsOf(code, at)) if (t < first || t >= piece.next) exits.push(t);
  }
  let union: Uint32Array | undefined;
  for (const t of exits) {
    const bits = t < code.length ? piece.live(t) : undefined;
    if (bits === undefined) return undefined;
    union ??= new Uint32Array(bits.length);
    for (let j = 0; j < bits.length; j++) union[j] |= bits[j];
  }
  return union;
}

/**
 * A large function (see MAX_INSTRUCTIONS) compiled in pieces (pieceBounds): each piece is a
 * switch over its entries (its first instruction, and every branch target and resume point in
 * it) that returns the pc where control leaves it. The function returned runs piece after piece
 * until control reaches an instruction the run loop runs (a call, a return) or a fuel pause.
 * Each piece keeps its own variables, stored when it leaves, and is translated when control
 * first enters it. V8 optimizes pieces of this size (functions of 1,000 instructions ran 15
 * times slower than the run loop). A piece that cannot be translated is left to the run loop:
 * its resume points in `q.code` get their instructions back.
 */
function pieces(q: PreparedFunc, code: Int32Array, starts: Int32Array, importedFuncs: number, setsFrame: boolean): CompiledCode {
  const all = entries(code, starts);
  const bounds = pieceBounds(code, starts);
  /** The pc where each piece starts. */
  const firsts = bounds.slice(0, -1).map((i) => starts[i]);
  /** The pc just past piece k. */
  const end = (k: number): number => (k + 1 < firsts.length ? firsts[k + 1] : code.length);
  const parts: (CompiledCode | null | undefined)[] = firsts.map(() => undefined);
  /** The instructions of piece k. */
  const ownOf = (k: number): Int32Array => starts.subarray(bounds[k], bounds[k + 1]);
  /** The function's live words, found when its first piece is translated. */
  let live: LiveAt | undefined;
  const liveAt = (pc: number): Uint32Array | undefined => (live ??= liveWords(code, starts, q.cells * 4))(pc);
  const translatePiece = (k: number): CompiledCode => {
    const own = ownOf(k);
    const next = end(k);
    const inside = new Set([own[0], ...[...all].filter((at) => at >= own[0] && at < next)]);
    return make(code, source(code, own, { piece: { entries: inside, next, live: liveAt }, frame: q, importedFuncs }).text);
  };
  /**
   * Where control enters piece k at `pc` often (ENTRY_VERSION_AFTER times), its code from there
   * to the piece's end in loops and blocks (structure): its loops are JavaScript loops, where
   * the piece's switch goes round its dispatch. Null where they do not nest, or it fails.
   */
  const versionAt = (k: number, pc: number, resume: CompiledCode): CompiledCode | null => {
    const own = ownOf(k);
    const from = own.subarray(own.indexOf(pc));
    const regions = structure(code, from, end(k));
    if (regions === undefined) return null;
    try {
      return make(code, source(code, from, { regions, piece: { entries: new Set([pc]), next: end(k), live: liveAt }, frame: q, importedFuncs }).text, resume);
    } catch {
      return null;
    }
  };
  /**
   * Each entry's slot (by pc; 0 until first taken) in `versions` (versionAt's, null where there
   * is none) and `counts` (how often it was taken without one): arrays, not Maps, read at every
   * dispatch.
   */
  const slots = new Int32Array(code.length + 1);
  const versions: (CompiledCode | null | undefined)[] = [undefined];
  const counts: number[] = [0];
  /** Piece k, or null where it could not be translated (the run loop runs it). */
  const piece = (k: number): CompiledCode | null => {
    try {
      return (parts[k] = translatePiece(k));
    } catch {
      for (const at of all) if (at >= firsts[k] && at < end(k) && q.code[at] === Op.enterCompiled) q.code[at] = code[at];
      return (parts[k] = null);
    }
  };
  // The first piece now: a platform that forbids code generation says so here.
  parts[0] = translatePiece(0);
  /** 1 at the pcs where control leaves the function for the run loop (and at its end). */
  const leaves = new Uint8Array(code.length + 1);
  for (const at of starts) if (LEAVES.has(code[at])) leaves[at] = 1;
  leaves[code.length] = 1;
  const start = setsFrame ? starts[0] : -1;
  const setFrame = setsFrame ? frameSetter(q) : undefined;
  return (m, pc, fp, r, inst, self, budget) => {
    if (pc === start) setFrame!(r, fp);
    for (;;) {
      let slot = slots[pc];
      if (slot === 0) {
        slot = slots[pc] = versions.length;
        versions.push(undefined);
        counts.push(0);
      }
      let run = versions[slot];
      if (run === undefined || run === null) {
        // the last piece that starts at or before pc
        let k = 0;
        for (let hi = firsts.length - 1; k < hi; ) {
          const mid = (k + hi + 1) >> 1;
          if (firsts[mid] <= pc) k = mid;
          else hi = mid - 1;
        }
        let part = parts[k];
        if (part === undefined) part = piece(k);
        if (part === null) return pc;
        if (run === undefined && ++counts[slot] >= ENTRY_VERSION_AFTER) run = versions[slot] = versionAt(k, pc, part);
        run ??= part;
      }
      pc = run(m, pc, fp, r, inst, self, budget);
      if (pc < 0 || pc > code.length || leaves[pc] !== 0) return pc;
    }
  };
}

/** Entries into a piece at one pc before that entry gets its own version (see pieces). */
const ENTRY_VERSION_AFTER = 64;

/**
 * What the run loop's entry does to `q`'s frame (CallStack.enter: its locals cleared, its
 * constants written), the stack being large enough, as JavaScript: a large function in pieces
 * writes a few dozen words a call.
 */
function frameSetter(q: PreparedFunc): (r: Int32Array, fp: number) => void {
  const lines = Array.from(q.zeroWords, (x) => `r[fp + ${x}] = 0;`);
  const k = q.consts();
  for (let j = 0; j < k.length; j += 2) lines.push(`r[fp + ${k[j]}] = ${k[j + 1]};`);
  return new Function('r', 'fp', lines.join('\n')) as (r: Int32Array, fp: number) => void;
}

/** Where the run loop takes up a function: its start, and the instruction after each call. */
function resumePoints(code: Int32Array, starts: Int32Array): number[] {
  const at = [starts[0]];
  for (let i = 0; i + 1 < starts.length; i++) {
    const op = code[starts[i]];
    if (op === Op.call || op === Op.callIndirect) at.push(starts[i + 1]);
  }
  return at;
}


/** Where control can arrive other than from the instruction before: resume points, branch targets. */
function entries(code: Int32Array, starts: Int32Array): Set<number> {
  const at = new Set(resumePoints(code, starts));
  for (const pc of starts) for (const t of targetsOf(code, pc)) at.add(t);
  return at;
}

/** A loop (its header is the target) or a block (its end is), over instructions first..last. */
interface Region {
  readonly kind: 'loop' | 'block';
  readonly target: number;
  first: number;
  last: number;
}

/**
 * The function's branches as nested JavaScript loops and blocks, so that V8 sees its loops: a
 * loop from each backward target to its last branch back, a block before each forward target
 * from its first branch in. Undefined when they do not nest (then a switch dispatches). With
 * `end` (code from starts[0] to `end` of a function in pieces), branches out of it leave it.
 */
function structure(code: Int32Array, starts: Int32Array, end?: number): Region[] | undefined {
  const index = indexByPc(starts);
  const loops = new Map<number, Region>();
  const blocks = new Map<number, Region>();
  for (let i = 0; i < starts.length; i++) {
    for (const t of targetsOf(code, starts[i])) {
      if (end !== undefined && (t < starts[0] || t >= end)) continue;
      const at = index.get(t);
      if (at === undefined) return undefined;
      if (at <= i) {
        const loop = loops.get(t);
        loops.set(t, { kind: 'loop', target: t, first: at, last: Math.max(i, loop?.last ?? i) });
      } else if (at > i + 1) {
        const block = blocks.get(t);
        blocks.set(t, { kind: 'block', target: t, first: Math.min(i, block?.first ?? i), last: at - 1 });
      }
    }
  }
  const regions = [...loops.values(), ...blocks.values()];
  // Where b starts before a and ends inside it, a block a may start earlier, or a loop b end
  // later (a loop only repeats where a branch goes back), to enclose the other.
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of regions) {
      for (const b of regions) {
        if (b.first < a.first && a.first <= b.last && b.last < a.last) {
          if (a.kind === 'block') a.first = b.first;
          else if (b.kind === 'loop') b.last = a.last;
          else return undefined;
          changed = true;
        }
      }
    }
  }
  return regions;
}

/** A br_table's template filled in: its index first (then its count and its jump through `c`). */
const BR_TABLE_INDEX = /^const i = (.*) >>> 0;\n/;

/**
 * A conditional branch's template filled in: `pc = condition ? (target) : next;`, then its break,
 * after the statements that compute the condition (a loaded value's), if any.
 */
const BRANCH = /^([\s\S]*?\n)?pc = (.*) \? \((-?\d+)\) : (\d+);\nbreak L\d+;$/;


/** The lane views SIMD templates use, and the slots' views they are. */
const SLOT_VIEWS = [
  ['vi8', 'i8'],
  ['vu8', 'u8'],
  ['vi16', 'i16'],
  ['vu16', 'u16'],
  ['vi32', 'i32'],
  ['vu32', 'u32'],
  ['vf32', 'f32'],
  ['vf64', 'f64'],
] as const;

/** copyF32 where it moves the float variable (see cell-kinds.ts). */
const FLOAT_MOVE = '$f1$ = $f2$;\npc = $p3$;\nbreak $L$;';

/** An assignment to an f32 cell in a template: the cell's word, the value. */
const F32_WRITE = /\$f(\d+)\$ = ([^;]*);/g;

/** What a function's frame holds where it starts: see initialWords. */
interface FrameLayout {
  readonly paramCells: number;
  readonly localCells: number;
  readonly zeroWords: Int32Array;
  readonly entryWords: Int32Array;
  readonly resultWords: number;
}

/**
 * The frame words a function entered at its start sets itself (see PreparedFunc.initsOwnFrame):
 * its declared locals' words (zero: see PreparedFunc.zeroWords; or an entry word) and its
 * constants' (entry words), by index. Parameters are the caller's; the other words (the operand
 * stack's) are written before they are read.
 */
function initialWords(frame: FrameLayout): Map<number, number> {
  const words = new Map<number, number>();
  for (const x of frame.zeroWords) words.set(x, 0);
  for (let j = 0; j < frame.entryWords.length; j += 2) words.set(frame.entryWords[j], frame.entryWords[j + 1]);
  return words;
}

/**
 * The words of the function's constant cells (its entry words past its locals), by index: no
 * instruction writes them, so that code entered anywhere in the function (a piece, a resume)
 * may take them as literals, which V8 folds (an i64 rotation by a constant count, say).
 */
function constantWords(frame: FrameLayout): Map<number, number> {
  const words = new Map<number, number>();
  for (let j = 0; j < frame.entryWords.length; j += 2) if (frame.entryWords[j] >= frame.localCells * 4) words.set(frame.entryWords[j], frame.entryWords[j + 1]);
  return words;
}

/**
 * The float of kind `kind` whose words are `lo` and `hi`, as JavaScript source; a NaN keeps its
 * payload: an f64 goes through the frame's cell `x`, an f32 through F.f32FromBits.
 */
function floatSource(kind: 'd' | 'f', lo: number, hi: number, x: number): string {
  const value = kind === 'd' ? new Float64Array(new Int32Array([lo, hi]).buffer)[0] : new Float32Array(new Int32Array([lo]).buffer)[0];
  if (Number.isNaN(value)) return kind === 'd' ? `(r[fp + ${x}] = ${lo}, r[fp + ${x + 1}] = ${hi}, f64[(fp + ${x}) >> 1])` : `F.f32FromBits(${lo})`;
  return Object.is(value, -0) ? '-0' : String(value);
}

/**
 * The JavaScript of a function over `code`: its instructions in order, in the nested loops and
 * blocks of `regions` (see structure) or, without them, with a case of a switch at each entry. A
 * whole function in loops and blocks, given its `frame`, sets its locals itself (initsFrame).
 */
function source(
  code: Int32Array,
  starts: Int32Array,
  options: { regions?: Region[]; piece?: Piece; frame?: FrameLayout & { cells: number }; importedFuncs?: number; self?: number } = {},
): { text: string; variables: number; initsFrame: boolean } {
  const piece = options.piece;
  const regions = options.regions;
  // (A piece keeps f32 cells in the frame: it has no kind analysis of its exits.)
  const cells = cachedCells(code, starts, regions !== undefined && piece === undefined);
  const cached = cells.cached;
  // Only where nothing branches to its start: the run loop may enter such a function there
  // again, going on after a fuel pause at that loop's charge, where the locals are not new.
  const restarts = starts.some((at) => targetsOf(code, at).includes(starts[0]));
  const initial = regions && options.frame && !restarts && !piece ? initialWords(options.frame) : undefined;
  // Variables set at entry (see initialWords) count as written: the frame gets them wherever it
  // must be exact (around an opaque instruction, where the run loop takes over).
  const templateWritten = new Set(cells.written);
  const written = initial ? cached.filter((c) => templateWritten.has(c) || initial.has(c.x)) : cells.written;
  const inVariable = new Map(cached.filter((c) => c.kind === 'l').map((c) => [c.x, c]));
  const floatInVariable = new Map(cached.filter((c) => c.kind !== 'l').map((c) => [c.x, c]));
  const load = fromFrame(cached);
  // A tracked cell (cachedCells) is stored only from the kind of variable assigned last, where
  // the frame does not hold it already.
  const tracked = cells.tracked;
  /** Each tracked cell's variables (its i32 words' and its float's), and the cell of each. */
  const variablesOf = new Map<number, Cached[]>();
  const cellOfVariable = new Map<Cached, number>();
  if (tracked !== undefined) {
    for (const c of cached) {
      const x = c.kind === 'l' ? trackedCellOfWord(c.x, tracked.cells, tracked.vectors) : tracked.cells.has(c.x) ? c.x : undefined;
      if (x === undefined) continue;
      cellOfVariable.set(c, x);
      variablesOf.set(x, [...(variablesOf.get(x) ?? []), c]);
    }
  }
  const trackedCell = (c: Cached): number | undefined => cellOfVariable.get(c);
  /** Whether variable c always holds its cell's value (it is not one of a tracked cell's). */
  const holds = (c: Cached | undefined): c is Cached => c !== undefined && trackedCell(c) === undefined;
  /**
   * A return's copy of its result, the first `words` words of cell `src`, to the start of the
   * frame where the caller reads it, from the result's variables where they hold it, else from
   * the frame after `stores`. The function then gives back RETURNED_IN_PLACE, so that neither
   * calls.ts nor the run loop look up the return instruction to make the copy.
   */
  const resultInPlace = (src: number, words: number, stores: string): string => {
    if (src === 0) return stores;
    const float = floatInVariable.get(src);
    if (words === 2 && float?.kind === 'd' && holds(float)) return `f64[fp >> 1] = ${variable(float)};`;
    const own = Array.from({ length: words }, (_, k) => inVariable.get(src + k));
    if (own.every(holds)) return own.map((c, k) => `r[fp + ${k}] = ${variable(c)};`).join(' ');
    return [stores, ...own.map((_, k) => `r[fp + ${k}] = r[fp + ${src + k}];`)].join(' ');
  };
  /** The variables of `list` to store before the instruction at `at`. */
  const current = (list: Cached[], at: number): Cached[] =>
    list.filter((c) => {
      const x = trackedCell(c);
      return x === undefined || tracked!.before(at, x) === (c.kind === 'l' ? CellKind.i32 : CellKind.float);
    });
  /** What leaving for the run loop at `at` stores besides `store` (which runs after `break out`). */
  const leaving = (at: number): string => toFrame(current(written.filter((c) => trackedCell(c) !== undefined), at));
  // A piece stores only the words live where control goes on after it.
  const after = piece ? liveAfter(code, starts, piece) : undefined;
  const store = toFrame(written.filter((c) => trackedCell(c) === undefined && (after === undefined || wordsOf(c).some((x) => isLive(after, x)))));
  /** Where a tracked cell is read as the kind that does not hold it: it goes through the frame. */
  const syncs = (list: readonly (readonly [number, CellKind])[]): string =>
    list
      .map(([x, kind]) => {
        const own = variablesOf.get(x) ?? [];
        const from = own.filter((c) => (c.kind === 'l') === (kind !== CellKind.i32));
        const to = own.filter((c) => (c.kind === 'l') === (kind === CellKind.i32));
        return [toFrame(from), fromFrame(to)].filter((part) => part !== '').join(' ');
      })
      .join('\n');
  const out: string[] = [`return (function compiled(${ARGUMENTS.join(', ')}) {`];
  // Entered after a call: see resumeLater.
  if (regions) out.push(`if (pc !== ${starts[0]}) return resume(${ARGUMENTS.join(', ')});`);
  const head = out.length;
  // A function that sets its own frame (initial) starts every variable past its parameters as a
  // literal; code entered part-way, only those of constants (see constantWords).
  const literals = initial ?? (options.frame ? constantWords(options.frame) : undefined);
  // A piece loads only the words live where it may be entered.
  const entering = piece ? [...piece.entries].map((pc) => piece.live(pc)) : undefined;
  const start = (c: Cached): string => {
    const lo = literals?.get(c.x);
    const hi = literals?.get(c.x + 1);
    const literal = initial !== undefined ? c.x >= options.frame!.paramCells * 4 : lo !== undefined && (c.kind !== 'd' || hi !== undefined);
    if (!literal && entering !== undefined && !entering.some((bits) => wordsOf(c).some((x) => isLive(bits, x)))) return '0';
    if (!literal) return frameValue(c);
    return c.kind === 'l' ? String(lo ?? 0) : floatSource(c.kind, lo ?? 0, hi ?? 0, c.x);
  };
  if (cached.length > 0) out.push(`let ${cached.map((c) => `${variable(c)} = ${start(c)}`).join(', ')};`);
  if (initial !== undefined) {
    // (A tracked cell's frame words hold its value while both its variables do.)
    const kept = new Set(cached.filter((c) => trackedCell(c) === undefined).flatMap((c) => (c.kind === 'd' ? [c.x, c.x + 1] : [c.x])));
    for (const [x, w] of initial) if (!kept.has(x)) out.push(`r[fp + ${x}] = ${w};`);
  }
  // Metered code keeps the fuel left in a variable, written back however the function ends.
  const metered = starts.some((at) => FUEL_FORMS.has(code[at]));
  if (metered) out.push('let fuel = m.fuel;', 'try {');
  out.push(regions ? 'out: {' : 'out: for (;;) switch (pc) {');
  const entered = regions ? new Set<number>() : piece ? piece.entries : entries(code, starts);
  const open: Region[] = [];
  const opening = (regions ?? []).sort((a, b) => a.first - b.first || b.last - a.last || (a.kind === 'block' ? -1 : 1));
  let o = 0;
  for (let i = 0; i < starts.length; i++) {
    const at = starts[i];
    const next = i + 1 < starts.length ? starts[i + 1] : piece ? piece.next : code.length;
    const op = code[at];
    // (Before the loops opening here: only the instruction before goes through it.)
    const entering = tracked ? syncs(tracked.entrySyncs(at)) : '';
    if (entering) out.push(entering);
    for (; o < opening.length && opening[o].first === i; o++) {
      const region = opening[o];
      out.push(region.kind === 'loop' ? `W${region.target}: for (;;) {` : `B${region.target}: {`);
      open.push(region);
    }
    if (entered.has(at)) out.push(`case ${at}:`);
    const synced = tracked ? syncs(tracked.syncs(at)) : '';
    if (synced) out.push(synced);
    if (op === Op.call || op === Op.callIndirect) {
      const small = starts.length <= DIRECT_CALLS_UP_TO;
      // A function that sets its own frame and is entered at its start (options.self) calls itself
      // by name: no lookup of its callee, and a call V8 knows the target of.
      const self = initial !== undefined && options.self !== undefined ? { index: options.self, cells: options.frame!.cells } : undefined;
      out.push(call(code, at, next, cached, current(written, at), leaving(at), inVariable, metered, small, options.importedFuncs, self));
    }
    else if (op === Op.return1) {
      // Only the result's cell need be in the frame, where the run loop (or calls.ts) copies it;
      // a function with a frame layout copies it itself (resultInPlace).
      const src = code[at + 1];
      const stores = toFrame(current(written, at).filter((c) => c.x >= src && c.x < src + 4));
      const words = options.frame?.resultWords ?? 0;
      out.push(words === 0 ? `${stores}\nreturn ${at};` : `${resultInPlace(src, words, stores)}\nreturn ${RETURNED_IN_PLACE};`);
    } else if (op === Op.return && options.frame) out.push(`${leaving(at)} pc = ${RETURNED_IN_PLACE}; break out;`);
    else if (LEAVES.has(op)) out.push(`${leaving(at)} pc = ${at}; break out;`);
    else {
      const opaque = isOpaque(op) && !usesOnlyItsCells(op);
      const floatMove = op === Op.copyF32 && tracked !== undefined && tracked.floatMove(at);
      const body = (floatMove ? FLOAT_MOVE : (FORMS.get(op) ?? OTHER))
        // The frame's Float32Array rounds what it is given; an f32 variable needs Math.fround.
        .replace(F32_WRITE, (all: string, k: string, value: string) =>
          !opaque && !floatMove && floatInVariable.has(cellOf(code, at, k)) ? `$f${k}$ = Math.fround(${value});` : all,
        )
        .replace(CELL, (_all: string, k?: string, n?: string, view?: string, kv?: string) => {
          if (view === undefined) {
            const x = cellOf(code, at, k!, n);
            const c = opaque ? undefined : inVariable.get(x);
            return c ? variable(c) : `r[fp + ${x}]`;
          }
          const x = cellOf(code, at, kv!);
          const c = opaque || (view !== 'd' && view !== 'f') ? undefined : floatInVariable.get(x);
          if (c) return variable(c);
          return view === 'f' ? `f32[fp + ${x}]` : view === 'd' ? `f64[(fp + ${x}) >> 1]` : `fp + ${x}`;
        })
        .replace(PLACEHOLDER, (all: string, kind?: string, k?: string) => {
          if (all === '$op$') return String(op);
          if (all === '$L$') return `L${at}`;
          return kind === 'c' ? `(${code[at + Number(k)]})` : String(at + Number(k));
        })
        .replace(/break out;/g, () => `${leaving(at)} break out;`)
        .replace(UNSIGNED_LITERAL, (_all: string, n: string) => `(${Number(n) >>> 0})`)
        .replaceAll(OUT_OF_BOUNDS, 'outOfBounds()');
      const stores = opaque ? toFrame(current(written, at)) : '';
      if (stores) out.push(stores);
      // A SIMD instruction left to the run loop reads and writes its i32 cells in the frame.
      const own = !opaque && usesOnlyItsCells(op) ? simdCells(op)!.filter(([k, type]) => type === ValType.i32 && inVariable.has(code[at + k])) : [];
      for (const [k, , written] of own) if (!written) out.push(storeOf(inVariable.get(code[at + k])!));
      const jumps = [...new Set(targetsOf(code, at))].filter((t) => t !== next);
      // A branch out of a piece leaves it with pc set (see pieces): `jump` where the body set it,
      // `goTo` where it did not.
      const exits = (t: number): boolean => piece !== undefined && (t < starts[0] || t >= piece.next);
      const jump = (t: number) => (exits(t) ? 'break out;' : t <= at ? `continue W${t};` : `break B${t};`);
      const goTo = (t: number) => (exits(t) ? `{ pc = ${t}; break out; }` : jump(t));
      // In loops and blocks nothing reads pc after an instruction but its own jump: one that
      // goes on to the next needs no pc, and a branch becomes an if.
      const branch = regions !== undefined && jumps.length === 1 && !opaque && own.length === 0 ? BRANCH.exec(body) : null;
      // A br_table switches on its index, each case a jump: no pc, no second dispatch on it.
      const table = regions !== undefined && op === Op.brTable && !opaque && own.length === 0 ? BR_TABLE_INDEX.exec(body) : null;
      if (table !== null) {
        const cases = new Map<number, number[]>();
        for (const [k, t] of targetsOf(code, at).entries()) cases.set(t, [...(cases.get(t) ?? []), k]);
        const arms = [...cases].map(([t, ks]) => `${ks.map((k) => `case ${k}:`).join(' ')} ${t === next ? `break L${at};` : goTo(t)}`);
        out.push(`L${at}: {\nconst i = ${table[1]} >>> 0;\nswitch (i < ${code[at + 2]} ? i : ${code[at + 2]}) {\n${arms.join('\n')}\n}\n}`);
      } else if (branch !== null && Number(branch[3]) === jumps[0] && Number(branch[4]) === next) {
        const test = `if (${branch[2]}) ${goTo(jumps[0])}`;
        out.push(branch[1] === undefined ? test : `{\n${branch[1]}${test}\n}`);
      }
      else {
        // One that goes on to the next instruction in this source needs no pc either (in a
        // switch, the last one before the piece's end or the default sets it).
        const ends = `pc = ${next};\nbreak L${at};`;
        const plain = (regions !== undefined || i + 1 < starts.length) && jumps.length === 0 && body.endsWith(ends);
        out.push(`L${at}: {\n${plain ? body.slice(0, -ends.length).trimEnd() : body}\n}`);
        for (const [k, , written] of own) if (written) out.push(loadOf(inVariable.get(code[at + k])!));
        if (opaque && load) out.push(load);
        if (!regions && !plain) out.push(`if (pc !== ${next}) continue;`);
        else if (regions && jumps.length === 1) out.push(`if (pc !== ${next}) ${jump(jumps[0])}`);
        else if (regions && jumps.length > 1) out.push(`switch (pc) {`, ...jumps.map((t) => `case ${t}: ${jump(t)}`), '}');
      }
    }
    while (open.length > 0 && open[open.length - 1].last === i) {
      const region = open.pop()!;
      out.push(region.kind === 'loop' ? `break W${region.target}; }` : '}');
    }
  }
  // SIMD templates use lane views of the slots (see scripts/gen-simd.mjs).
  const views = SLOT_VIEWS.filter(([name]) => out.some((line) => line.includes(`${name}[`)));
  if (views.length > 0) out.splice(head, 0, `const ${views.map(([name, view]) => `${name} = m.slots.${view}`).join(', ')};`);
  if (regions) out.push(piece ? `pc = ${piece.next};` : 'throw new Error(`compiled code: ran past its last instruction`);', '}');
  // A piece leaves for the dispatcher (see pieces) at a pc outside it.
  else if (piece) out.push('default: break out;', '}');
  else out.push('default: throw new Error(`compiled code: no instruction at ${pc}`);', '}');
  if (store) out.push(store);
  out.push('return pc;');
  if (metered) out.push('} finally {', 'm.fuel = fuel;', '}');
  out.push('});');
  const reads = stateReads(out.slice(head).join('\n'));
  if (!reads.memory) for (let k = head; k < out.length; k++) out[k] = out[k].replaceAll(`\n${MEMORY_CHECK}`, '');
  out.splice(head, 0, ...reads.lines);
  return { text: out.join('\n'), variables: cached.length, initsFrame: initial !== undefined };
}

