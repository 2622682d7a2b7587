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
import { CellKind, cellKinds, type Step } from './cell-kinds.js';

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

/** A template's placeholders of frame cells (see scripts/gen-templates.mjs); `$vK$` a v128 cell. */
export const CELL = /\$i(\d+)_(\d+)\$|\$([fdav])(\d+)\$/g;
/** A cell placeholder that a template assigns to. */
const WRITTEN = /\$(?:i(\d+)_(\d+)|d(\d+))\$ = /g;

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
  // stores [op, addr, v, ...]; loads [op, d, addr, ...], lane loads [op, d, addr, v, ...]
  if (memory.store) return [[1, ValType.i32, false], [2, V128, false]];
  return memory.lane ? [[1, V128, true], [2, ValType.i32, false], [3, V128, false]] : [[1, V128, true], [2, ValType.i32, false]];
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
 * A frame word (Int32 index) kept in a JavaScript variable: an i32 word, or the first word of
 * an f64 cell (which the variable holds as a number: Float64Array reads and writes keep every
 * bit, NaN payloads included).
 */
export interface Cached {
  readonly x: number;
  readonly f64: boolean;
}

/**
 * The frame words the function can keep in JavaScript variables: those only its non-opaque
 * instructions use, as i32 words or as f64 values. Entering the function loads them, leaving it
 * (or running an opaque instruction) stores the ones it writes back, so the frame is exact
 * wherever the run loop or a helper reads it. With `twoKinds` (a function in loops and blocks),
 * an f64 cell whose words are also used as i32 words gets both kinds of variable where
 * mixedKinds keeps it: `mixed` says which kind holds it where the frame is written.
 */
export function cachedCells(
  code: Int32Array,
  starts: Int32Array,
  twoKinds: boolean,
): { cached: Cached[]; written: Cached[]; mixed?: { cells: Set<number>; before: (at: number, cell: number) => CellKind } } {
  const uses = new Map<number, number>();
  const f64Uses = new Map<number, number>();
  const other = new Set<number>();
  const written = new Set<number>();
  const f64Written = new Set<number>();
  let opaqueSites = 0;
  for (const at of starts) {
    const op = code[at];
    if (LEAVES.has(op)) continue;
    if (usesOnlyItsCells(op)) {
      // Its i32 cells may be variables (written to the frame before it, read back after);
      // the others stay in the frame.
      for (const [k, type] of simdCells(op)!) if (type !== ValType.i32) for (let w = 0; w < 4; w++) other.add(code[at + k] + w);
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
      } else if (view === 'd') {
        const x = cellOf(code, at, kv);
        f64Uses.set(x, (f64Uses.get(x) ?? 0) + 1);
      } else {
        const x = cellOf(code, at, kv);
        const words = view === 'f' ? 1 : view === 'v' ? 4 : 2;
        for (let w = 0; w < words; w++) other.add(x + w);
      }
    }
    for (const [, k, n, kd] of template.matchAll(WRITTEN)) {
      if (kd === undefined) written.add(cellOf(code, at, k, n));
      else f64Written.add(cellOf(code, at, kd));
    }
  }
  const count = (c: Cached): number => (c.f64 ? f64Uses : uses).get(c.x)!;
  const select = (mixed: Set<number>): Cached[] => [
    ...[...uses.keys()].filter((x) => !other.has(x) && (mixed.has(x - (x & 1)) || (!f64Uses.has(x) && !f64Uses.has(x - 1)))).map((x) => ({ x, f64: false })),
    ...[...f64Uses.keys()].filter((x) => !other.has(x) && !other.has(x + 1) && (mixed.has(x) || (!uses.has(x) && !uses.has(x + 1)))).map((x) => ({ x, f64: true })),
  ];
  const candidates = [...f64Uses.keys()].filter((x) => (uses.has(x) || uses.has(x + 1)) && !other.has(x) && !other.has(x + 1));
  const analysis = twoKinds && candidates.length > 0 ? mixedKinds(code, starts, candidates) : undefined;
  let mixed = new Set(candidates.filter((x) => analysis !== undefined && !analysis.givenUp.has(x)));
  let cached = select(mixed);
  const most = Math.floor(MAX_CACHED_COPIES / (opaqueSites + 2));
  if (cached.length > most) {
    // (A cell kept in two kinds is kept whole or not at all.)
    mixed = new Set();
    cached = select(mixed)
      .sort((a, b) => count(b) - count(a))
      .slice(0, most);
  }
  return {
    cached,
    written: cached.filter((c) => (c.f64 ? f64Written : written).has(c.x)),
    mixed: mixed.size > 0 ? { cells: mixed, before: analysis!.before } : undefined,
  };
}

/**
 * The kind analysis (cell-kinds.ts) of a function in loops and blocks, over the f64 cells in
 * `cells` whose first two words are also used as i32 words: the cells to give up, and each
 * cell's kind before the instruction at a pc.
 */
function mixedKinds(code: Int32Array, starts: Int32Array, cells: number[]): { givenUp: Set<number>; before: (at: number, cell: number) => CellKind } {
  const indexOf = new Map(cells.map((x, k) => [x, k]));
  const index = new Map<number, number>();
  starts.forEach((pc, i) => index.set(pc, i));
  const i32Cell = (x: number): number | undefined => ((x & 3) < 2 ? indexOf.get(x - (x & 3)) : undefined);
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
      for (const [k, type, write] of simdCells(op)!) if (type === ValType.i32) i32Access(code[at + k], write);
      steps.push({ reads, writes, next });
    } else {
      const template = FORMS.get(op)!;
      for (const match of template.matchAll(CELL)) {
        const [all, k, n, view, kv] = match;
        const write = template.startsWith(' = ', match.index + all.length);
        if (view === undefined) i32Access(cellOf(code, at, k, n), write);
        else if (view === 'd') {
          const cell = indexOf.get(cellOf(code, at, kv));
          if (cell !== undefined) (write ? writes : reads).push([cell, CellKind.f64]);
        }
      }
      steps.push({ reads, writes, store: FUEL_FORMS.has(op) ? ALL : undefined, next });
    }
  }
  const { before, givenUp } = cellKinds(steps, cells);
  return { givenUp: new Set([...givenUp].map((k) => cells[k])), before: (at, x) => before[index.get(at)!][indexOf.get(x)!] };
}
