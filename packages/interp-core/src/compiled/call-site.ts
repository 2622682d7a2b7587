/**
 * The JavaScript of a call or call_indirect in a compiled function (see calls.ts for what it
 * calls): its arguments' variables to the frame, the callee called at the call site where it can
 * be, and the frames handed to the run loop where it cannot.
 */
import { Op } from '../fast/ops.js';
import { RETURNED_IN_PLACE, UNWOUND } from '../machine/stack.js';
import { LEAVE, RETURNED } from './calls.js';
import { type Cached, fromFrame, toFrame, variable } from './forms.js';

/** Where a function's call of itself uses its own frame cost (PreparedFunc.jsFrameCost), until that is known. */
export const SELF_COST = '$SELF_COST$';

/** Where a call may have grown the memory, the function's views of it are read again. */
export const MEMORY_CHECK = 'if (mem !== undefined && mem.limit !== mlen) {\nmu8 = mem.u8;\ndv = mem.dv;\nmlen = mem.limit;\n}';

/**
 * A call or call_indirect at `at` made from the JavaScript (see calls.ts): the variables of its
 * arguments' cells (those from its base up) go to the frame first, and those cells are read back
 * after, where its results are. The cells below its base are stored only when the run loop
 * takes over (UNWOUND): the callee's frame starts at the base, so they stay the caller's.
 * `written` are the variables to store there, `leaving` what else to store where the run loop
 * makes the call instead.
 */
export function call(
  code: Int32Array,
  at: number,
  next: number,
  cached: Cached[],
  written: Cached[],
  leaving: string,
  inVariable: Map<number, Cached>,
  metered: boolean,
  small: boolean,
  importedFuncs: number | undefined,
  self?: { index: number; cells: number },
): string {
  const indirect = code[at] === Op.callIndirect;
  const own = !indirect && importedFuncs !== undefined && code[at + 1] >= importedFuncs;
  const base = code[at + (indirect ? 3 : 2)];
  const index = indirect ? inVariable.get(code[at + 4]) : undefined;
  const address = `inst.funcs[${code[at + 1]}]`;
  const indexSource = index ? variable(index) : `r[fp + ${code[at + 4]}]`;
  const generic = indirect
    ? `callIndirect(m, self, fp, inst, ${code[at + 1]}, ${code[at + 2]}, ${indexSource}, fp + ${base}, ${next}, budget)`
    : `callWasm(m, self, fp, ${address}, fp + ${base}, ${next}, budget)`;
  // Metered code writes the fuel left back around the call. In a small function (see
  // DIRECT_CALLS_UP_TO), a call of a function of the same instance that can be called at its start
  // (PreparedFunc.direct) calls its JavaScript here: for a direct call, one call site and one
  // callee, which V8 can inline.
  const make = metered
    ? `m.fuel = fuel;\ntry {\nmade = ${generic};\n} finally {\nfuel = m.fuel;\n}`
    : small && !indirect && self !== undefined && code[at + 1] === self.index
      ? [
          // (Its frame cost is known once its variables are: SELF_COST.)
          `if (budget >= ${SELF_COST} && (((fp + ${base}) >> 2) + ${self.cells}) * 2 <= m.slots.count) {`,
          'const d = m.depth;',
          'm.depth = d + 1;',
          `const end = compiled(m, 0, fp + ${base}, r, inst, self, budget - ${SELF_COST});`,
          `if (end === ${RETURNED_IN_PLACE}) {\nm.depth = d;\nmade = ${RETURNED};\n} else made = returned(m, d, self, fp, ${next}, self, end, fp + ${base});`,
          `} else made = ${generic};`,
        ].join('\n')
    : !small
      ? `made = ${generic};`
      : [
          ...(indirect
            ? [
                // (It traps as the run loop's call_indirect does.)
                `const addr = indirectCallAddress(inst, m.rt.funcs, ${code[at + 1]}, ${code[at + 2]}, ${indexSource} >>> 0);`,
                'const callee = m.rt.funcs[addr];',
              ]
            : [`const callee = inst.callees[${code[at + 1]}];`]),
          'const p = callee.prepared;',
          // An imported function or a table's may be the host's (no prepared code) or another
          // instance's; one of the module's own is neither. (The budget also bounds the depth: see
          // jsBudgetAt.)
          own ? 'const run = p.direct;' : 'const run = p === undefined ? undefined : p.direct;',
          `if (run !== undefined${own ? '' : ' && callee.inst === inst'} && budget >= p.jsFrameCost &&`,
          `  (((fp + ${base}) >> 2) + p.cells) * 2 <= m.slots.count) {`,
          'const d = m.depth;',
          'm.depth = d + 1;',
          `const end = run(m, 0, fp + ${base}, r, inst, callee, budget - p.jsFrameCost);`,
          `if (end === ${RETURNED_IN_PLACE}) {\nm.depth = d;\nmade = ${RETURNED};\n} else made = returned(m, d, self, fp, ${next}, callee, end, fp + ${base});`,
          `} else made = ${indirect ? `callWasm(m, self, fp, addr, fp + ${base}, ${next}, budget)` : generic};`,
        ].join('\n');
  return [
    `L${at}: {`,
    toFrame(written.filter((c) => c.x >= base)),
    'let made;',
    make,
    `if (made !== ${RETURNED}) {`,
    `if (made === ${LEAVE}) {\n${leaving}\npc = ${at};\nbreak out;\n}`,
    toFrame(written.filter((c) => c.x < base)),
    `return ${UNWOUND};`,
    '}',
    fromFrame(cached.filter((c) => c.x >= base)),
    MEMORY_CHECK,
    `pc = ${next};`,
    '}',
  ].join('\n');
}
