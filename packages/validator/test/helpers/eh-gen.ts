/**
 * Random modules that use legacy exception handling, for the EH differential test. Each has a
 * few tags (imported and defined, with various parameters) and functions whose bodies nest
 * block / loop / if / try, with catch, catch_all and delegate clauses, throw, rethrow and
 * branches. The generator tracks operand and label types so that a module is valid unless a
 * fault was injected on purpose; V8 is the judge either way. A module is derived from its PRNG
 * alone, so any failure reproduces from its seed.
 */
import { HEADER, type Rng, body, functype, name, section, uleb, vec } from '@proj/testkit';

const I32 = 0x7f;
const VALUE_TYPES = [0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f];

/** A constant of each value type (zero or null). */
const CONST: Record<number, number[]> = {
  0x7f: [0x41, 0],
  0x7e: [0x42, 0],
  0x7d: [0x43, 0, 0, 0, 0],
  0x7c: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  0x7b: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  0x70: [0xd0, 0x70],
  0x6f: [0xd0, 0x6f],
};

/** The faults a module may get (at most one kind per module, injected at one or more places). */
export const FAULTS = [
  'tag-index', // throw or catch names a tag past the last
  'throw-args', // throw's operands do not match its tag
  'rethrow-label', // rethrow names a frame that is not a catch clause, or no frame
  'delegate-label', // delegate names a label past the frames outside the try
  'delegate-after-clause', // a try with a catch clause ends with delegate
  'clause-after-catch-all', // catch or catch_all after catch_all
  'clause-outside-try', // catch_all in a block, loop or if
  'clause-stack', // a try body or clause ends with a value too many or too few
  'catch-sees-try-params', // a catch clause uses the try's parameters instead of the tag's
  'branch-types', // a branch to a try or catch frame carries the wrong types
  'else-in-try', // else in a try
  'tag-results', // a tag's function type has results
  'tag-type-index', // a tag's type index is past the last type
  'tag-export', // a tag export's index is past the last tag
  'tag-attribute', // a tag's attribute is not 0
  'tag-section-order', // the tag section is out of place, or twice
] as const;
export type Fault = (typeof FAULTS)[number];

export interface EhModule {
  readonly bytes: Uint8Array;
  /** The fault kind chosen for the module, and how many times it was injected (0: none). */
  readonly fault: Fault | undefined;
  readonly injected: number;
  /** How many of each instruction and clause the bodies hold, for coverage. */
  readonly counts: Record<string, number>;
}

type Kind = 'func' | 'block' | 'loop' | 'if' | 'else' | 'try' | 'catch' | 'catch_all';

interface Frame {
  kind: Kind;
  /** What a branch to the frame carries. */
  readonly label: readonly number[];
}

interface Type {
  readonly params: readonly number[];
  readonly results: readonly number[];
}

/** Generates one module from `rng`. */
export function ehModule(rng: Rng): EhModule {
  return new Gen(rng).module();
}

class Gen {
  private readonly types: Type[] = [];
  /** Type index of every tag, imported ones first. */
  private readonly tags: number[] = [];
  private readonly fault: Fault | undefined;
  private injected = 0;
  private readonly counts: Record<string, number> = {};
  private out: number[] = [];
  private ctl: Frame[] = [];

  constructor(private readonly rng: Rng) {
    this.fault = rng.chance(0.6) ? rng.pick(FAULTS) : undefined;
  }

  /** Whether to inject `f` here: the module's fault, at a rate that leaves a few sites each. */
  private take(f: Fault, p = 0.5): boolean {
    if (this.fault !== f || !this.rng.chance(p)) return false;
    this.injected++;
    return true;
  }

  private count(what: string): void {
    this.counts[what] = (this.counts[what] ?? 0) + 1;
  }

  private valType(): number {
    // i32 most often: it makes branches and clauses agree more often than not.
    return this.rng.chance(0.4) ? I32 : this.rng.pick(VALUE_TYPES);
  }

  private valTypes(max: number): number[] {
    return Array.from({ length: this.rng.int(0, max) }, () => this.valType());
  }

  module(): EhModule {
    const rng = this.rng;
    // Type 0 is () -> (); then types with and without results.
    this.types.push({ params: [], results: [] });
    for (let n = rng.int(1, 5); n > 0; n--) {
      this.types.push({ params: this.valTypes(3), results: rng.chance(0.5) ? [] : this.valTypes(2) });
    }
    const tagTypes = this.types.map((t, i) => (t.results.length === 0 ? i : -1)).filter((i) => i >= 0);
    const tagType = (): number => {
      if (this.take('tag-results', 0.5)) {
        const withResults = this.types.findIndex((t) => t.results.length > 0);
        if (withResults >= 0) return withResults;
      }
      if (this.take('tag-type-index', 0.5)) return this.types.length + rng.int(0, 3);
      return rng.pick(tagTypes);
    };
    const importedTags = rng.int(0, 2);
    for (let i = 0; i < importedTags; i++) this.tags.push(tagType());
    const definedTags = rng.int(importedTags === 0 ? 1 : 0, 3);
    for (let i = 0; i < definedTags; i++) this.tags.push(tagType());

    const funcTypes = Array.from({ length: rng.int(1, 3) }, () => rng.int(0, this.types.length - 1));
    const bodies = funcTypes.map((t) => this.body(this.types[t]));

    const attribute = (): number => (this.take('tag-attribute', 0.5) ? rng.int(1, 3) : 0);
    const imports = this.tags.slice(0, importedTags).map((t, i) => [...name('m'), ...name(`t${i}`), 4, attribute(), ...uleb(t)]);
    const tagSection = section(13, vec(this.tags.slice(importedTags).map((t) => [attribute(), ...uleb(t)])));
    const exports: number[][] = [];
    for (let i = 0; i < this.tags.length; i++) {
      if (rng.chance(0.3)) exports.push([...name(`e${i}`), 4, ...uleb(i)]);
    }
    if (this.take('tag-export', 0.7)) exports.push([...name('bad'), 4, ...uleb(this.tags.length + rng.int(0, 2))]);

    const memory = rng.chance(0.4) ? section(5, vec([[0, 1]])) : [];
    const global = rng.chance(0.4) ? section(6, vec([[I32, 0, 0x41, 0, 0x0b]])) : [];
    // The tag section sits between memory and global; a fault moves it or repeats it.
    let before: number[] = [];
    let between = tagSection;
    let after: number[] = [];
    if (this.take('tag-section-order', 0.8)) {
      const where = rng.int(0, 2);
      if (where === 0) [before, between] = [tagSection, []];
      else if (where === 1) [between, after] = [[], tagSection];
      else between = [...tagSection, ...tagSection];
      // Out of place only counts next to a memory or global section.
      if (memory.length === 0) memory.push(...section(5, vec([[0, 1]])));
      if (global.length === 0) global.push(...section(6, vec([[I32, 0, 0x41, 0, 0x0b]])));
    }
    const bytes = [
      ...HEADER,
      ...section(1, vec(this.types.map((t) => functype(t.params, t.results)))),
      ...(imports.length > 0 ? section(2, vec(imports)) : []),
      ...section(3, vec(funcTypes.map((t) => uleb(t)))),
      ...before,
      ...memory,
      ...between,
      ...global,
      ...after,
      ...(exports.length > 0 ? section(7, vec(exports)) : []),
      ...section(10, vec(bodies)),
    ];
    return { bytes: Uint8Array.from(bytes), fault: this.fault, injected: this.injected, counts: this.counts };
  }

  private body(t: Type): number[] {
    this.out = [];
    this.ctl = [{ kind: 'func', label: t.results }];
    // The parameters are locals, not operands: the body starts with an empty stack.
    this.seq([], t.results, this.rng.int(1, 4));
    this.out.push(0x0b);
    return body(this.out);
  }

  private emit(...bytes: number[]): void {
    this.out.push(...bytes);
  }

  private consts(types: readonly number[]): void {
    for (const t of types) this.emit(...CONST[t]);
  }

  /**
   * Instructions that start with `entry` on the stack (the frame's own) and end with `results`;
   * `clause` marks the code of a try body or clause, where the clause-stack fault applies.
   */
  private seq(entry: readonly number[], results: readonly number[], depth: number, clause = false): void {
    const stack = [...entry];
    let reachable = true;
    for (let n = this.rng.int(0, depth > 0 ? 4 : 2); n > 0 && reachable; n--) reachable = this.instr(stack, depth);
    if (!reachable) {
      // Anything of the right types may follow, or nothing at all; a value too many may not.
      if (clause && this.take('clause-stack')) this.consts([...results, this.valType()]);
      else if (this.rng.chance(0.5)) this.consts(results);
      return;
    }
    if (!sameTypes(stack, results)) {
      for (let i = 0; i < stack.length; i++) this.emit(0x1a);
      this.consts(results);
    }
    if (clause && this.take('clause-stack')) {
      if (results.length > 0 && this.rng.chance(0.5)) this.emit(0x1a);
      else this.consts([this.valType()]);
    }
  }

  /** One instruction (or construct) on `stack`; returns whether the code after it is reachable. */
  private instr(stack: number[], depth: number): boolean {
    const rng = this.rng;
    const r = rng.int(0, 99);
    if (r < 12) {
      const t = this.valType();
      this.consts([t]);
      stack.push(t);
      return true;
    }
    if (r < 18 && stack.length > 0) {
      this.emit(0x1a);
      stack.pop();
      return true;
    }
    if (r < 60 && depth > 0) {
      const kind = rng.int(0, 9) < 6 ? 'try' : rng.pick(['block', 'loop', 'if'] as const);
      stack.push(...this.construct(kind, depth - 1));
      return true;
    }
    if (r < 70) return this.throw();
    if (r < 78) return this.rethrow();
    if (r < 92) return this.branch(stack);
    this.emit(0x01); // nop
    return true;
  }

  /** A block type and its parameters and results: empty, one value type, or a type index. */
  private blockType(): { bt: number[]; params: readonly number[]; results: readonly number[] } {
    const r = this.rng.int(0, 9);
    if (r < 3) return { bt: [0x40], params: [], results: [] };
    if (r < 6) {
      const t = this.valType();
      return { bt: [t], params: [], results: [t] };
    }
    const x = this.rng.int(0, this.types.length - 1);
    return { bt: uleb(x), ...this.types[x] };
  }

  /** A block, loop, if or try with its clauses; returns the types it leaves. */
  private construct(kind: 'block' | 'loop' | 'if' | 'try', depth: number): readonly number[] {
    const rng = this.rng;
    const { bt, params, results } = this.blockType();
    this.consts(params);
    if (kind === 'if') this.consts([I32]);
    this.emit({ block: 0x02, loop: 0x03, if: 0x04, try: 0x06 }[kind], ...bt);
    this.count(kind);
    const frame: Frame = { kind, label: kind === 'loop' ? params : results };
    this.ctl.push(frame);
    this.seq(params, results, depth, kind === 'try');
    if (kind === 'try') {
      const r = rng.int(0, 9);
      if (this.take('else-in-try')) {
        this.emit(0x05);
        frame.kind = 'else';
        this.seq(params, results, depth);
      } else if (r < 6) {
        this.clauses(frame, params, results, depth);
        if (this.take('delegate-after-clause', 0.5)) {
          this.ctl.pop();
          this.emit(0x18, ...uleb(rng.int(0, this.ctl.length - 1)));
          return results;
        }
      } else if (r < 9) {
        this.ctl.pop();
        let l = rng.int(0, this.ctl.length - 1);
        if (this.take('delegate-label', 0.5)) l = this.ctl.length + rng.int(0, 1);
        this.emit(0x18, ...uleb(l));
        this.count('delegate');
        return results;
      }
    } else if (kind === 'if' && (!sameTypes(params, results) || rng.chance(0.5))) {
      this.emit(0x05);
      frame.kind = 'else';
      this.seq(params, results, depth);
    }
    if (kind !== 'try' && this.take('clause-outside-try', 0.5)) {
      this.emit(0x19);
      this.seq([], results, depth);
    }
    this.emit(0x0b);
    this.ctl.pop();
    return results;
  }

  /** Catch clauses, then perhaps catch_all. */
  private clauses(frame: Frame, params: readonly number[], results: readonly number[], depth: number): void {
    const rng = this.rng;
    let catches = rng.int(0, 2);
    const catchAll = rng.chance(0.5);
    if (catches === 0 && !catchAll) catches = 1;
    for (let i = 0; i < catches; i++) this.catchClause(frame, params, results, depth);
    if (catchAll) {
      this.emit(0x19);
      this.count('catch_all');
      frame.kind = 'catch_all';
      this.seq([], results, depth, true);
      if (this.take('clause-after-catch-all', 0.5)) {
        if (rng.chance(0.5)) this.catchClause(frame, params, results, depth);
        else {
          this.emit(0x19);
          this.seq([], results, depth);
        }
      }
    }
  }

  private catchClause(frame: Frame, params: readonly number[], results: readonly number[], depth: number): void {
    const x = this.tag();
    this.emit(0x07, ...uleb(x));
    this.count('catch');
    frame.kind = 'catch';
    const entry = this.take('catch-sees-try-params') ? params : this.tagParams(x);
    this.seq(entry, results, depth, true);
  }

  /** A tag index: an existing one, unless the tag-index fault says otherwise. */
  private tag(): number {
    if (this.tags.length === 0 || this.take('tag-index')) return this.tags.length + this.rng.int(0, 2);
    return this.rng.int(0, this.tags.length - 1);
  }

  private tagParams(x: number): readonly number[] {
    return this.types[this.tags[x]]?.params ?? [];
  }

  private throw(): boolean {
    const x = this.tag();
    let args = [...this.tagParams(x)];
    if (this.take('throw-args')) {
      if (args.length > 0 && this.rng.chance(0.5)) args.pop();
      else args = [...args.slice(1), this.valType()];
    }
    this.consts(args);
    this.emit(0x08, ...uleb(x));
    this.count('throw');
    return false;
  }

  private rethrow(): boolean {
    const depths = this.ctl.map((_, i) => this.ctl.length - 1 - i);
    const catches = depths.filter((d) => {
      const k = this.ctl[this.ctl.length - 1 - d].kind;
      return k === 'catch' || k === 'catch_all';
    });
    let d: number;
    if (this.take('rethrow-label', 0.5)) {
      const others = depths.filter((x) => !catches.includes(x));
      d = this.rng.chance(0.7) && others.length > 0 ? this.rng.pick(others) : this.ctl.length + this.rng.int(0, 1);
    } else if (catches.length > 0) d = this.rng.pick(catches);
    else return true;
    this.emit(0x09, ...uleb(d));
    this.count('rethrow');
    return false;
  }

  /** br or br_if to any frame, often a try or clause. */
  private branch(stack: number[]): boolean {
    const d = this.rng.int(0, this.ctl.length - 1);
    const frame = this.ctl[this.ctl.length - 1 - d];
    let label = frame.label;
    const eh = frame.kind === 'try' || frame.kind === 'catch' || frame.kind === 'catch_all';
    if (eh) this.count('branch to try');
    if (eh && this.take('branch-types')) label = [...label.slice(1), this.valType()];
    this.consts(label);
    if (this.rng.chance(0.6)) {
      this.emit(0x0c, ...uleb(d));
      return false;
    }
    this.consts([I32]);
    this.emit(0x0d, ...uleb(d));
    stack.push(...label);
    return true;
  }
}

function sameTypes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
