/**
 * What the compiled profile knows of each instruction's JavaScript (its form: the run loop's
 * template, or a fuel charge's) and of the frame cells the forms use: which instructions leave
 * for the run loop, where they branch, and which cells a function keeps in variables.
 */
import { opPopCount, opPops, opPush, PREFIX_FD, ValType } from '@proj/decoder';
import * as V from '../numeric/v128.js';
import { isUniformSimd } from '../fast/translate.js';
import { Op } from '../fast/ops.js';
import { LOOP_ONLY, OPAQUE, TARGETS, TEMPLATES } from './templates.js';
import { CellKind, cellKinds, moveKind, type Step } from './cell-kinds.js';

/**
 * The fuel charges of metered code (see Op.fuel). Where too little fuel is left, the function
 * returns the charge's pc as `-1 - pc`, and the run loop pauses there. Going on, the run loop runs
 * the charge again: in the JavaScript where the function is entered there, else in the loop,
 * which then runs the rest of that call. The fuel left is in a variable while the function runs.
 */
export const FUEL_FORMS = new Map<number, string>([
  [Op.fuel, 'if (fuel < $c1$) {\npc = -1 - $p0$;\nbreak out;\n}\nfuel -= $c1$;\npc = $p2$;'],
  [
    Op.fuelLength,
    'const cost = Math.ceil(($i1_0$ >>> 0) / $c2$);\nif (fuel < cost) {\npc = -1 - $p0$;\nbreak out;\n}\nfuel -= cost;\npc = $p3$;',
  ],
]);
/** Each instruction's template (see templates.ts), the fuel charges' included. */
export const FORMS = new Map<number, string>([...TEMPLATES, ...FUEL_FORMS]);
/** Instructions that leave the function's JavaScript for the run loop. */
export const LEAVES = new Set([...LOOP_ONLY].filter((op) => !FUEL_FORMS.has(op)));

/** The pcs the instruction at `pc` can branch to. */
export function targetsOf(code: Int32Array, pc: number): number[] {
  const op = code[pc];
  if (op === Op.brTable) return Array.from({ length: code[pc + 2] + 1 }, (_, k) => code[pc + 3 + k]);
  return (TARGETS.get(op) ?? []).map((k) => code[pc + k]);
}

/** Each instruction's index in `starts` (the pcs where the function's instructions start), by pc. */
export function indexByPc(starts: Int32Array): Map<number, number> {
  const index = new Map<number, number>();
  starts.forEach((pc, i) => index.set(pc, i));
  return index;
}

/** A template's placeholders of frame cells (see scripts/gen-templates.mjs); `$vK$` a v128 cell. */
export const CELL = /\$i(\d+)_(\d+)\$|\$([fdav])(\d+)\$/g;
/** A cell placeholder that a template assigns to. */
const WRITTEN = /\$(?:i(\d+)_(\d+)|[df](\d+))\$ = /g;

/**
 * Cells kept in variables, past which the rest stay in the frame: each costs a load where the
 * function is entered, a store where it leaves, and both around each opaque instruction.
 */
const MAX_CACHED_COPIES = 6000;

/**
 * The cells that a SIMD instruction without a template reads and writes, as (word of the
 * instruction, value type, whether written) from its layout in ops.ts: the run loop's case uses
 * the frame through these only.
 */
export function simdCells(op: number): readonly (readonly [number, number, boolean])[] | undefined {
  if (op < PREFIX_FD) return undefined;
  const V128 = ValType.v128;
  if (isUniformSimd(op)) {
    const cells: [number, number, boolean][] = [];
    if (opPush[op] !== 0) cells.push([1, opPush[op], true]);
    for (let k = 0; k < opPopCount[op]; k++) cells.push([2 + k, opPops[op * 3 + k], false]);
    return cells;
  }
  if (op === PREFIX_FD + 0x0d) return [[1, V128, true], [2, V128, false], [3, V128, false]]; // i8x16.shuffle
  const memory = V.SIMD_MEMORY_OPS[op - PREFIX_FD];
  if (memory === undefined) return undefined;
  // stores [op, addrA, addrB, v, ...], lane stores [op, addr, v, ...]; loads [op, d, addrA,
  // addrB, ...], lane loads [op, d, addr, v, ...]
  const I32 = ValType.i32;
  if (memory.store) return memory.lane ? [[1, I32, false], [2, V128, false]] : [[1, I32, false], [2, I32, false], [3, V128, false]];
  return memory.lane ? [[1, V128, true], [2, I32, false], [3, V128, false]] : [[1, V128, true], [2, I32, false], [3, I32, false]];
}

/** Whether an instruction uses the frame other than through cell placeholders (see OPAQUE). */
export const isOpaque = (op: number): boolean => !FORMS.has(op) || OPAQUE.has(op);

/**
 * Whether an opaque instruction's frame use is only its cells (simdCellWords): those stay in
 * the frame, and the function's variables need not go back to the frame around it.
 */
export const usesOnlyItsCells = (op: number): boolean => !FORMS.has(op) && simdCells(op) !== undefined;

/** The frame cell of a placeholder: the instruction's word `word`, plus `plus`. */
export const cellOf = (code: Int32Array, at: number, word: string, plus = '0'): number => code[at + Number(word)] + Number(plus);

/**
 * A frame word (Int32 index) kept in a JavaScript variable, named by its kind and the word: an
 * i32 word (`l`), or the first word of an f64 (`d`) or f32 (`f`) cell, which the variable holds
 * as a number. Float64Array reads and writes keep every bit, NaN payloads included; an f32
 * variable is kept as cell-kinds.ts says.
 */
export interface Cached {
  readonly x: number;
  readonly kind: 'l' | 'd' | 'f';
}

/** A cell's variable: `l`, `d` or `s` (an f32: `f32` is the frame's view) and its word. */
export const variable = (c: Cached): string => `${c.kind === 'f' ? 's' : c.kind}${c.x}`;
/**
 * A variable's cell in the frame: an i32 word or an f64. An f32 goes through its bits, which keep
 * a signalling NaN that a Float32Array read would quiet (see F.f32FromBits).
 */
const frameWord = (c: Cached): string => (c.kind === 'd' ? `f64[(fp + ${c.x}) >> 1]` : `r[fp + ${c.x}]`);
/** A variable's value in the frame, as the variable holds it. */
export const frameValue = (c: Cached): string => (c.kind === 'f' ? `F.f32FromBits(r[fp + ${c.x}])` : frameWord(c));
/** Reads a variable from the frame. */
export const loadOf = (c: Cached): string => `${variable(c)} = ${frameValue(c)};`;
/** Writes a variable to the frame. */
export const storeOf = (c: Cached): string => `${frameWord(c)} = ${c.kind === 'f' ? `F.f32ToBits(${variable(c)})` : variable(c)};`;
/** Writes the variables of `list` to the frame. */
export const toFrame = (list: Cached[]): string => list.map(storeOf).join(' ');
/** Reads the variables of `list` from the frame. */
export const fromFrame = (list: Cached[]): string => list.map(loadOf).join(' ');

/** The cells whose kinds are tracked (cell-kinds.ts): their kinds and syncs, by pc. */
export interface Tracked {
  readonly cells: ReadonlySet<number>;
  /** The tracked cells used as v128 values in the frame: all four words are their i32 kind's. */
  readonly vectors: ReadonlySet<number>;
  before(at: number, cell: number): CellKind;
  syncs(at: number): readonly (readonly [number, CellKind])[];
  /** The syncs where control falls into the instruction at a pc from the one before. */
  entrySyncs(at: number): readonly (readonly [number, CellKind])[];
  /** Whether the f32 move at a pc copies the float variable (see Step.move). */
  floatMove(at: number): boolean;
}

/**
 * The tracked cell (in `cells`) whose i32 kind frame word `x` is part of, if any: the first two
 * words of a float cell, all four of a v128 cell (`vectors`).
 */
export function trackedCellOfWord(x: number, cells: { has(cell: number): boolean }, vectors: ReadonlySet<number>): number | undefined {
  const cell = x - (x & 3);
  return cells.has(cell) && ((x & 3) < 2 || vectors.has(cell)) ? cell : undefined;
}

/**
 * The frame words the function can keep in JavaScript variables: those only its non-opaque
 * instructions use, as i32 words or as floats. Entering the function loads them, leaving it (or
 * running an opaque instruction) stores the ones it writes back, so the frame is exact wherever
 * the run loop or a helper reads it. With `twoKinds` (a function in loops and blocks), an f32
 * cell, and an f64 cell whose words are also used as i32 words, are kept as cell-kinds.ts says
 * (`tracked`); without, they stay in the frame.
 */
export function cachedCells(code: Int32Array, starts: Int32Array, twoKinds: boolean): { cached: Cached[]; written: Cached[]; tracked?: Tracked } {
  const uses = new Map<number, number>();
  // (A `v` cell has no variable of its own: its other kind is the frame.)
  const floats = new Map<number, { view: 'd' | 'f' | 'v'; count: number }>();
  const other = new Set<number>();
  const written = new Set<number>();
  const floatWritten = new Set<number>();
  /** A use of cell x as a float, or in the frame as a v128 (`v`). */
  const use = (x: number, view: 'd' | 'f' | 'v'): void => {
    const known = floats.get(x);
    if (known === undefined) floats.set(x, { view, count: 1 });
    else if (known.view === view) known.count++;
    else if (known.view === 'v' || view === 'v') {
      // A cell that is a v128 and a scalar float: both in the frame, its other kind (the words
      // past the float are unused while it holds one).
      known.view = 'v';
      known.count++;
    } else for (let w = 0; w < 4; w++) other.add(x + w);
  };
  let opaqueSites = 0;
  for (const at of starts) {
    const op = code[at];
    if (LEAVES.has(op)) continue;
    if (usesOnlyItsCells(op)) {
      // Its i32 cells may be variables (written to the frame before it, read back after); it
      // uses the others in the frame, as a v128 view does.
      for (const [k, type] of simdCells(op)!) if (type !== ValType.i32) use(code[at + k], 'v');
      continue;
    }
    if (isOpaque(op)) {
      opaqueSites++;
      continue;
    }
    const template = FORMS.get(op)!;
    for (const [, k, n, view, kv] of template.matchAll(CELL)) {
      if (view === undefined) {
        const x = cellOf(code, at, k, n);
        uses.set(x, (uses.get(x) ?? 0) + 1);
      } else if (view === 'd' || view === 'f' || view === 'v') use(cellOf(code, at, kv), view);
      else {
        const x = cellOf(code, at, kv);
        for (let w = 0; w < 2; w++) other.add(x + w);
      }
    }
    for (const [, k, n, kf] of template.matchAll(WRITTEN)) {
      if (kf === undefined) written.add(cellOf(code, at, k, n));
      else floatWritten.add(cellOf(code, at, kf));
    }
  }
  const wordCount = { d: 2, f: 1, v: 4 } as const;
  /** The words of the float or v128 cell at x. */
  const wordsOf = (x: number): number[] => Array.from({ length: wordCount[floats.get(x)!.view] }, (_, w) => x + w);
  /** The float or v128 cell that covers word x, if any. */
  const coverOf = (x: number): number | undefined => {
    for (let w = 0; w < 4; w++) if (floats.has(x - w) && w < wordCount[floats.get(x - w)!.view]) return x - w;
    return undefined;
  };
  const usable = [...floats.keys()].filter((x) => wordsOf(x).every((w) => !other.has(w)));
  // f32 cells, and f64 and v128 cells whose words are also i32 words, need their kinds tracked.
  const candidates = usable.filter((x) => floats.get(x)!.view === 'f' || wordsOf(x).some((w) => uses.has(w)));
  const isCandidate = new Set(candidates);
  const vectors = new Set(candidates.filter((x) => floats.get(x)!.view === 'v'));
  const analysis = twoKinds && candidates.length > 0 ? trackKinds(code, starts, candidates, vectors) : undefined;
  const select = (tracked: ReadonlySet<number>): Cached[] => [
    ...[...uses.keys()]
      .filter((x) => {
        // (A word of a float cell in the frame stays there too.)
        const cover = coverOf(x);
        return !other.has(x) && (cover === undefined || tracked.has(cover));
      })
      .map((x): Cached => ({ x, kind: 'l' })),
    ...usable
      .filter((x) => floats.get(x)!.view !== 'v' && (tracked.has(x) || !isCandidate.has(x)))
      .map((x): Cached => ({ x, kind: floats.get(x)!.view as 'd' | 'f' })),
  ];
  // (The analysis's cells are the candidates it did not give up.)
  let tracked: ReadonlySet<number> = analysis?.cells ?? new Set();
  let cached = select(tracked);
  const most = Math.floor(MAX_CACHED_COPIES / (opaqueSites + 2));
  if (cached.length > most) {
    // (Tracked cells are kept whole or not at all.)
    tracked = new Set();
    const count = (c: Cached): number => (c.kind === 'l' ? uses.get(c.x)! : floats.get(c.x)!.count);
    cached = select(tracked)
      .sort((a, b) => count(b) - count(a))
      .slice(0, most);
  }
  return {
    cached,
    written: cached.filter((c) => (c.kind === 'l' ? written : floatWritten).has(c.x)),
    tracked: tracked.size > 0 ? analysis : undefined,
  };
}

/**
 * The kind analysis (cell-kinds.ts) of a function in loops and blocks, over the float cells in
 * `cells` (f32 cells, and f64 cells whose first two words are also used as i32 words), repeated
 * without the cells it gives up until it gives up none.
 */
function trackKinds(code: Int32Array, starts: Int32Array, cells: number[], vectors: ReadonlySet<number>): Tracked & { givenUp: Set<number> } {
  const givenUp = new Set<number>();
  for (;;) {
    const kept = cells.filter((x) => !givenUp.has(x));
    const tracked = trackedKinds(code, starts, kept, vectors);
    if (tracked.givenUp.size === 0 || kept.length === 0) return { ...tracked, givenUp };
    for (const x of tracked.givenUp) givenUp.add(x);
  }
}

/** One round of trackKinds, over `cells`. */
function trackedKinds(code: Int32Array, starts: Int32Array, cells: number[], vectors: ReadonlySet<number>): Tracked & { givenUp: Set<number> } {
  const indexOf = new Map(cells.map((x, k) => [x, k]));
  const index = indexByPc(starts);
  const i32Cell = (x: number): number | undefined => {
    const cell = trackedCellOfWord(x, indexOf, vectors);
    return cell === undefined ? undefined : indexOf.get(cell);
  };
  const steps: Step[] = [];
  const ALL = [0, Infinity] as const;
  for (let i = 0; i < starts.length; i++) {
    const at = starts[i];
    const op = code[at];
    const reads: [number, CellKind][] = [];
    const writes: [number, CellKind][] = [];
    const i32Access = (x: number, write: boolean): void => {
      const cell = i32Cell(x);
      if (cell !== undefined) (write ? writes : reads).push([cell, CellKind.i32]);
    };
    const goesOn = op !== Op.br && op !== Op.brTable && op !== Op.unreachable;
    const next = [...(goesOn && i + 1 < starts.length ? [i + 1] : []), ...targetsOf(code, at).map((t) => index.get(t)!)];
    if (op === Op.call || op === Op.callIndirect) {
      const indirect = op === Op.callIndirect;
      if (indirect) i32Access(code[at + 4], false);
      steps.push({ reads, writes, store: ALL, reloadFrom: code[at + (indirect ? 3 : 2)], next: [i + 1] });
    } else if (op === Op.return1) {
      steps.push({ reads, writes, store: [code[at + 1], code[at + 1] + 4], next: [] });
    } else if (LEAVES.has(op)) {
      steps.push({ reads, writes, store: ALL, next: [] });
    } else if (isOpaque(op) && !usesOnlyItsCells(op)) {
      steps.push({ reads, writes, store: ALL, reloadFrom: 0, next });
    } else if (usesOnlyItsCells(op)) {
      for (const [k, type, write] of simdCells(op)!) {
        if (type === ValType.i32) i32Access(code[at + k], write);
        else if (indexOf.has(code[at + k])) (write ? writes : reads).push([indexOf.get(code[at + k])!, CellKind.float]);
      }
      steps.push({ reads, writes, next });
    } else if (op === Op.copyF32) {
      steps.push({ reads, writes, move: [i32Cell(code[at + 2]) ?? -1, i32Cell(code[at + 1]) ?? -1], next });
    } else {
      const template = FORMS.get(op)!;
      // The words of a SIMD instruction's result (see below).
      const results = (simdCells(op) ?? []).filter(([, , written]) => written).map(([k]) => String(k));
      for (const match of template.matchAll(CELL)) {
        const [all, k, n, view, kv] = match;
        const write = template.startsWith(' = ', match.index + all.length);
        if (view === undefined) i32Access(cellOf(code, at, k, n), write);
        else if (view === 'd' || view === 'f') {
          const cell = indexOf.get(cellOf(code, at, kv));
          if (cell !== undefined) (write ? writes : reads).push([cell, CellKind.float]);
        } else if (view === 'v') {
          // A v128 cell is an address in the frame, read or written: both, to be safe; but a
          // SIMD instruction's result is written whole, and only written (where it is also an
          // operand, that operand's word says it is read).
          const cell = indexOf.get(cellOf(code, at, kv));
          if (cell !== undefined) {
            if (!results.includes(kv)) reads.push([cell, CellKind.float]);
            writes.push([cell, CellKind.float]);
          }
        }
      }
      steps.push({ reads, writes, store: FUEL_FORMS.has(op) ? ALL : undefined, next });
    }
  }
  let kinds = cellKinds(steps, cells);
  // Where kinds meet at a loop's header that only its entry and its back edges reach, and that
  // would give the cell up, the entry makes both kinds hold the value (see Step.syncOnEntry).
  const reachedFrom = steps.map((): number[] => []);
  steps.forEach((step, i) => step.next.forEach((j) => reachedFrom[j].push(i)));
  let entries = 0;
  steps.forEach((step, j) => {
    const from = reachedFrom[j];
    if (j === 0 || !from.includes(j - 1) || !from.some((i) => i >= j) || from.some((i) => i < j - 1)) return;
    const meet = cells.map((_, k) => k).filter((k) => kinds.before[j][k] === CellKind.mixed && kinds.givenUp.has(k));
    if (meet.length > 0) {
      step.syncOnEntry = meet;
      entries++;
    }
  });
  if (entries > 0) kinds = cellKinds(steps, cells);
  const { before, syncs, entrySyncs, givenUp } = kinds;
  const named = (list: (readonly [number, CellKind])[]) => list.map(([k, kind]) => [cells[k], kind] as const);
  return {
    cells: new Set(cells),
    vectors,
    givenUp: new Set([...givenUp].map((k) => cells[k])),
    before: (at, x) => before[index.get(at)!][indexOf.get(x)!],
    syncs: (at) => named(syncs[index.get(at)!]),
    entrySyncs: (at) => named(entrySyncs[index.get(at)!]),
    floatMove: (at) => {
      const i = index.get(at)!;
      return steps[i].move !== undefined && moveKind(steps[i].move!, before[i]) === CellKind.float;
    },
  };
}
