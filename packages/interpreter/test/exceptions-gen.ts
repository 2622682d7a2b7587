/**
 * A seeded generator of modules that use legacy exception handling (try / catch / catch_all /
 * delegate / throw / rethrow) for the differential tests in exceptions.test.ts.
 *
 * Every generated module has the same frame (exceptions-run.ts runs it in V8 and in this engine):
 *
 * - imports `env.h` and `env.hn`, both `(i32) -> i32` host functions (h returns a value or throws
 *   a tag's exception; hn invokes the last function's export again, nested), the immutable
 *   externref global `env.e`, and the first tags (`env.t0`, ...), which the host creates;
 * - defines the other tags; every tag k is exported as `t<k>`;
 * - a mutable i32 global `g` (exported), into which functions mix what they see, so that the order
 *   of side effects is compared too, and `passes`, the loop passes an invocation has left;
 * - a table of the leaf functions, which catch clauses call through to check the identity of
 *   caught funcrefs, and one of the functions f<k>, for call_indirect;
 * - leaf functions `leaf<k>` (pure arithmetic) and functions `f<k>` `(param i32) (result i32)`,
 *   all exported. f<i> calls only f<j> with j > i (and hn only from f<i> with i < n - 1), and every
 *   loop counts down a counter of its own that nothing else writes and the global `passes`, so
 *   every program terminates, soon.
 *
 * Statements leave the operand stack as they find it; expressions push one i32. Names: `L` a
 * label, `E` an i32 expression, `Ctx` what encloses the code being written.
 */
import { rng32 } from '@proj/testkit';

/** The value types tags carry here. */
export type TagParam = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'externref' | 'funcref';

/** One tag of a generated module: its params, and whether the host creates it (imported). */
export interface TagSpec {
  readonly params: readonly TagParam[];
  readonly imported: boolean;
}

/** A generated module and the calls to make on it, in order. */
export interface EhProgram {
  readonly seed: number;
  readonly text: string;
  readonly tags: readonly TagSpec[];
  /** Number of functions f0..f<n-1>. */
  readonly funcs: number;
  /** Number of leaf functions leaf0..leaf<n-1>. */
  readonly leaves: number;
  readonly calls: readonly { readonly name: string; readonly arg: number }[];
}

/** What a branch may target; `try` is a try's body, `catch` one of its clauses (same label). */
interface Label {
  readonly name: string;
  readonly kind: 'block' | 'loop' | 'if' | 'try' | 'catch';
  /** The i32 values a branch to it carries (a loop's: none). */
  readonly arity: Arity;
  /** A loop's counter local. */
  readonly counter?: string;
}

type Arity = 0 | 1 | 2;

interface Ctx {
  readonly fi: number;
  readonly labels: readonly Label[];
  /** Loops around this point in the function (the next loop's counter is `$c<loops>`). */
  readonly loops: number;
}

/** Exported globals that count what ran: throws (before they throw), rethrows, clauses entered. */
export const COUNTERS = ['thrown', 'rethrown', 'caught'] as const;

const MAX_NESTING = 5;
const MAX_LOOPS = 3;
const PARAM_TYPES: readonly TagParam[] = ['i32', 'i32', 'i64', 'f32', 'f64', 'v128', 'externref', 'funcref'];
/** Quiet and signalling NaNs with payloads, for float values that must keep their bits. */
const F32_NANS = ['nan:0x200001', '-nan:0x7fffff', 'nan:0x1', 'nan'];
const F64_NANS = ['nan:0x8000000000001', '-nan:0x4000000000123', 'nan:0x1'];

/**
 * Whether a loop goes on: its counter, and the loop passes left to the whole invocation (the
 * exported global `passes`, which the harness sets before each call), are positive.
 */
const again = (counter: string): string =>
  `(i32.and (i32.gt_s (local.get ${counter}) (i32.const 0)) (i32.gt_s (global.get $passes) (i32.const 0)))`;

/** Adds 1 to global `name`, one of the counters of what ran (`thrown`, `rethrown`, `caught`). */
const count = (name: string): string => `(global.set $${name} (i32.add (global.get $${name}) (i32.const 1)))`;

/** The generator of one module. */
class Gen {
  private readonly next: () => number;
  private labelCount = 0;
  /** Statements left to write in the current function. */
  private budget = 0;
  tags: TagSpec[] = [];
  funcs = 0;
  leaves = 0;

  constructor(seed: number) {
    this.next = rng32(seed);
  }

  /** An integer in [0, k). */
  n(k: number): number {
    return this.next() % k;
  }

  chance(p: number): boolean {
    return this.next() / 2 ** 32 < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.n(xs.length)];
  }

  /** A signed 32-bit constant: small mostly, sometimes anything. */
  int(): number {
    return this.chance(0.7) ? this.n(17) - 4 : this.next() | 0;
  }

  private label(prefix: string): string {
    return `$${prefix}${this.labelCount++}`;
  }

  /** A weighted choice among the entries whose weight is positive. */
  private weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let r = this.n(entries.reduce((s, [, w]) => s + Math.max(w, 0), 0));
    for (const [k, w] of entries) {
      if (w <= 0) continue;
      if (r < w) return k;
      r -= w;
    }
    throw new Error('unreachable: empty weights');
  }

  // ---- expressions ------------------------------------------------------------------------

  /** An i32 read of a local, a constant or the global. */
  leaf(ctx: Ctx): string {
    const counters = Array.from({ length: ctx.loops }, (_, k) => `(local.get $c${k})`);
    return this.pick(['(local.get $x)', '(local.get $a)', '(local.get $b)', `(i32.const ${this.int()})`, '(global.get $g)', ...counters]);
  }

  /** An i32 expression; `d` is its depth (deeper ones are leaves). */
  expr(ctx: Ctx, d = 0): string {
    if (d >= 3) return this.leaf(ctx);
    const canNest = d <= 1 && ctx.labels.length < MAX_NESTING && this.budget > 0;
    const k = this.weighted({
      leaf: 6,
      binop: 5,
      call: ctx.fi + 1 < this.funcs ? 2 : 0,
      indirect: ctx.fi + 1 < this.funcs ? 1 : 0,
      host: 2,
      nested: ctx.fi + 1 < this.funcs ? 1 : 0,
      div: 1,
      tryExpr: canNest ? 2 : 0,
      paramTry: canNest ? 1 : 0,
      blockExpr: canNest ? 1 : 0,
      ifExpr: canNest ? 1 : 0,
    });
    switch (k) {
      case 'leaf':
        return this.leaf(ctx);
      case 'binop':
        return `(i32.${this.pick(['add', 'sub', 'mul', 'xor', 'and', 'or', 'shl', 'rotl'])} ${this.expr(ctx, d + 1)} ${this.expr(ctx, d + 1)})`;
      case 'call':
        return `(call $f${this.callee(ctx)} ${this.expr(ctx, d + 1)})`;
      case 'indirect':
        return `(call_indirect $ftbl (type $i32T) ${this.expr(ctx, d + 1)} (i32.const ${this.callee(ctx)}))`;
      case 'host':
        return `(call $h ${this.expr(ctx, d + 1)})`;
      case 'nested':
        return `(call $hn ${this.expr(ctx, d + 1)})`;
      case 'div':
        // Sometimes a divisor that may be zero (integer divide by zero), or -1 (integer overflow).
        return `(i32.div_s ${this.expr(ctx, d + 1)} (i32.${this.chance(0.3) ? 'and' : 'or'} ${this.expr(ctx, d + 1)} (i32.const 7)))`;
      case 'tryExpr': {
        // One result, or two that i32.sub folds into one.
        const arity = this.chance(0.3) ? 2 : 1;
        return arity === 1 ? this.tryCode(ctx, 1, 0) : `(i32.sub ${this.tryCode(ctx, 2, 0)})`;
      }
      case 'paramTry': {
        const params = this.chance(0.3) ? 2 : 1;
        const arity = this.chance(0.3) ? 2 : 1;
        const args = Array.from({ length: params }, () => this.expr(ctx, d + 1)).join(' ');
        return arity === 1 ? `${args} ${this.tryCode(ctx, 1, params)}` : `(i32.sub ${args} ${this.tryCode(ctx, 2, params)})`;
      }
      case 'blockExpr': {
        const L = this.label('b');
        const inner = this.push(ctx, { name: L, kind: 'block', arity: 1 });
        return `(block ${L} (result i32) ${this.stmts(inner)} ${this.expr(inner, 1)})`;
      }
      case 'ifExpr': {
        const L = this.label('i');
        const inner = this.push(ctx, { name: L, kind: 'if', arity: 1 });
        return `(if ${L} (result i32) ${this.cond(ctx)} (then ${this.stmts(inner)} ${this.expr(inner, 1)}) (else ${this.stmts(inner)} ${this.expr(inner, 1)}))`;
      }
    }
  }

  /** A function f<j> that f<fi> may call: j > fi. */
  callee(ctx: Ctx): number {
    return ctx.fi + 1 + this.n(this.funcs - ctx.fi - 1);
  }

  /** An i32 that is zero about a quarter (or `1/mod`) of the time, varying with the loop counters. */
  cond(ctx: Ctx): string {
    const mod = this.pick([2, 3, 4, 4, 8]);
    return `(i32.eqz (i32.rem_u (i32.add ${this.leaf(ctx)} ${this.leaf(ctx)}) (i32.const ${mod})))`;
  }

  /** A value of type `t`, for a throw. */
  value(ctx: Ctx, t: TagParam): string {
    switch (t) {
      case 'i32':
        return this.expr(ctx, 1);
      case 'i64':
        return this.pick([`(i64.extend_i32_s ${this.expr(ctx, 2)})`, '(local.get $l)', `(i64.const ${BigInt.asIntN(64, (BigInt(this.next()) << 32n) | BigInt(this.next()))})`]);
      case 'f32':
        return this.pick([`(f32.reinterpret_i32 ${this.expr(ctx, 2)})`, '(local.get $fl)', `(f32.const ${this.pick(F32_NANS)})`, `(f32.convert_i32_s ${this.expr(ctx, 2)})`, '(f32.const -0)']);
      case 'f64':
        return this.pick([`(f64.reinterpret_i64 (i64.extend_i32_s ${this.expr(ctx, 2)}))`, '(local.get $d)', `(f64.const ${this.pick(F64_NANS)})`, `(f64.convert_i32_s ${this.expr(ctx, 2)})`]);
      case 'v128':
        return this.pick([
          `(v128.const i32x4 ${[0, 1, 2, 3].map(() => this.next() | 0).join(' ')})`,
          `(i32x4.splat ${this.expr(ctx, 2)})`,
          '(local.get $v)',
          `(i32x4.replace_lane 2 (local.get $v) ${this.expr(ctx, 2)})`,
        ]);
      case 'externref':
        return this.pick(['(global.get $e)', '(ref.null extern)', '(local.get $r)']);
      case 'funcref':
        return this.pick([`(ref.func $leaf${this.n(this.leaves)})`, '(ref.null func)', '(local.get $fr)']);
    }
  }

  /**
   * Pops the values of a tag's params (the last one first) and mixes each into $a, exactly: floats
   * by their bits, references by whether they are null, a non-null funcref by calling it.
   */
  consume(params: readonly TagParam[]): string {
    if (this.chance(0.15)) return params.map(() => 'drop').join(' ');
    const mix = (v: string) => `(local.set $a (i32.add (i32.mul (local.get $a) (i32.const 33)) ${v}))`;
    const hi64 = (v: string) => `(i32.wrap_i64 (i64.xor ${v} (i64.shr_u ${v} (i64.const 32))))`;
    const parts: string[] = [];
    for (const t of [...params].reverse()) {
      switch (t) {
        case 'i32':
          parts.push('(local.set $b)', mix('(local.get $b)'));
          break;
        case 'i64':
          parts.push('(local.set $l)', mix(hi64('(local.get $l)')));
          break;
        case 'f32':
          parts.push('(local.set $fl)', mix('(i32.reinterpret_f32 (local.get $fl))'));
          break;
        case 'f64':
          parts.push('(local.set $d)', mix(hi64('(i64.reinterpret_f64 (local.get $d))')));
          break;
        case 'v128': {
          const lane = (k: number) => `(i32.rotl (i32x4.extract_lane ${k} (local.get $v)) (i32.const ${8 * k}))`;
          parts.push('(local.set $v)', mix(`(i32.xor (i32.xor ${lane(0)} ${lane(1)}) (i32.xor ${lane(2)} ${lane(3)}))`));
          break;
        }
        case 'externref':
          parts.push('(local.set $r)', mix('(ref.is_null (local.get $r))'));
          break;
        case 'funcref':
          parts.push(
            '(local.set $fr)',
            mix(
              '(if (result i32) (ref.is_null (local.get $fr)) (then (i32.const 0x55)) ' +
                '(else (table.set $tbl (i32.const 3) (local.get $fr)) (call_indirect $tbl (type $i32T) (local.get $a) (i32.const 3))))',
            ),
          );
          break;
      }
    }
    return parts.join(' ');
  }

  // ---- statements -------------------------------------------------------------------------

  private push(ctx: Ctx, l: Label, loops = ctx.loops): Ctx {
    return { fi: ctx.fi, labels: [...ctx.labels, l], loops };
  }

  /** A few statements (fewer as the function's budget runs out). */
  stmts(ctx: Ctx): string {
    const count = this.budget <= 0 ? 0 : 1 + this.n(ctx.labels.length < 2 ? 4 : 3);
    const out: string[] = [];
    for (let i = 0; i < count && this.budget > 0; i++) {
      this.budget--;
      out.push(this.stmt(ctx));
    }
    return out.join(' ');
  }

  stmt(ctx: Ctx): string {
    const canNest = ctx.labels.length < MAX_NESTING;
    const catches = ctx.labels.filter((l) => l.kind === 'catch');
    const inTry = ctx.labels.some((l) => l.kind === 'try');
    const k = this.weighted({
      set: 10,
      trace: 5,
      setOther: 3,
      throw: inTry ? 10 : 4,
      rethrow: catches.length > 0 ? 12 : 0,
      block: canNest ? 3 : 0,
      loop: canNest && ctx.loops < MAX_LOOPS ? 4 : 0,
      if: canNest ? 4 : 0,
      try: canNest ? (inTry ? 8 : ctx.labels.length === 0 ? 30 : 16) : 0,
      delegate: canNest ? 4 : 0,
      branch: ctx.labels.length > 0 ? 8 : 0,
      return: 1,
      trap: 1,
    });
    switch (k) {
      case 'set':
        return `(local.set ${this.pick(['$a', '$b'])} ${this.expr(ctx)})`;
      case 'trace':
        return `(global.set $g (i32.xor (i32.mul (global.get $g) (i32.const 31)) ${this.expr(ctx)}))`;
      case 'setOther':
        return this.pick([
          `(local.set $l (i64.extend_i32_s ${this.expr(ctx, 1)}))`,
          `(local.set $fl (f32.reinterpret_i32 ${this.expr(ctx, 1)}))`,
          `(local.set $d (f64.convert_i32_s ${this.expr(ctx, 1)}))`,
          `(local.set $v (i32x4.splat ${this.expr(ctx, 1)}))`,
          '(local.set $r (global.get $e))',
          '(local.set $r (ref.null extern))',
          `(local.set $fr (ref.func $leaf${this.n(this.leaves)}))`,
        ]);
      case 'throw': {
        const tag = this.n(this.tags.length);
        return this.sometimes(ctx, 0.8, (c) => `${count('thrown')} (throw $t${tag} ${this.tags[tag].params.map((t) => this.value(c, t)).join(' ')})`);
      }
      case 'rethrow':
        return this.sometimes(ctx, 0.5, () => `${count('rethrown')} (rethrow ${this.pick(catches).name})`);
      case 'block': {
        const L = this.label('b');
        return `(block ${L} ${this.stmts(this.push(ctx, { name: L, kind: 'block', arity: 0 }))})`;
      }
      case 'loop':
        return this.loop(ctx);
      case 'if': {
        const L = this.label('i');
        const inner = this.push(ctx, { name: L, kind: 'if', arity: 0 });
        return `(if ${L} ${this.cond(ctx)} (then ${this.stmts(inner)}) (else ${this.stmts(inner)}))`;
      }
      case 'try':
        return this.tryCode(ctx, 0, 0);
      case 'delegate':
        return this.delegate(ctx);
      case 'branch':
        return this.branch(ctx);
      case 'return':
        return this.sometimes(ctx, 1, (c) => `(return ${this.expr(c, 1)})`);
      case 'trap':
        return `(if (i32.eq (i32.and ${this.expr(ctx, 1)} (i32.const 15)) (i32.const ${1 + this.n(15)})) (then unreachable))`;
    }
  }

  /**
   * `code` (written in the context it gets), with probability `p` under an `if` on a condition
   * (whose label counts in numeric depths), else alone.
   */
  sometimes(ctx: Ctx, p: number, code: (c: Ctx) => string): string {
    if (!this.chance(p)) return code(ctx);
    const L = this.label('i');
    return `(if ${L} ${this.cond(ctx)} (then ${code(this.push(ctx, { name: L, kind: 'if', arity: 0 }))}))`;
  }

  /** A loop run 1 to 6 times: its counter counts down on entry; `br_if` back while it is positive. */
  loop(ctx: Ctx): string {
    const L = this.label('l');
    const c = `$c${ctx.loops}`;
    const inner = this.push(ctx, { name: L, kind: 'loop', arity: 0, counter: c }, ctx.loops + 1);
    return (
      `(local.set ${c} (i32.const ${1 + this.n(6)})) (loop ${L} (local.set ${c} (i32.sub (local.get ${c}) (i32.const 1))) ` +
      `(global.set $passes (i32.sub (global.get $passes) (i32.const 1))) ${this.stmts(inner)} (br_if ${L} ${again(c)}))`
    );
  }

  /**
   * A try with catch clauses (some tags, maybe catch_all), of `arity` i32 results; with `params`
   * (and a result), it takes that many i32s (pushed by the caller of this method), which its body
   * folds into its first result.
   */
  tryCode(ctx: Ctx, arity: Arity, params: 0 | 1 | 2): string {
    const L = this.label('t');
    const type = `${params ? ` (param${' i32'.repeat(params)})` : ''}${arity ? ` (result${' i32'.repeat(arity)})` : ''}`;
    const body = this.push(ctx, { name: L, kind: 'try', arity });
    const tail = (c: Ctx, n: number) => Array.from({ length: n }, () => ` ${this.expr(c, 1)}`).join('');
    const fold = params ? ` ${'(i32.add) '.repeat(params - 1)}(i32.xor (local.get $a))${tail(body, arity - 1)}` : tail(body, arity);
    let code = `(try ${L}${type} (do ${this.stmts(body)}${fold})`;
    if (!params && this.chance(0.2)) return `${code} (delegate ${this.delegateTarget(ctx)}))`;
    const clause = this.push(ctx, { name: L, kind: 'catch', arity });
    const tags = [...this.tags.keys()].filter(() => this.chance(0.35));
    for (const t of tags) code += ` (catch $t${t} ${this.caught()} ${this.consume(this.tags[t].params)} ${this.stmts(clause)}${tail(clause, arity)})`;
    if (tags.length === 0 || this.chance(0.4)) code += ` (catch_all ${this.caught()} ${this.stmts(clause)}${tail(clause, arity)})`;
    return `${code})`;
  }

  /** At a clause's start: counts it in `caught`, and mixes a number of its own into `g`. */
  caught(): string {
    return `${count('caught')} (global.set $g (i32.xor (i32.mul (global.get $g) (i32.const 31)) (i32.const ${this.labelCount++})))`;
  }

  /** Any label around the try, or (numerically) the function's: where delegate sends exceptions. */
  delegateTarget(ctx: Ctx): string {
    return this.chance(0.25) || ctx.labels.length === 0 ? String(ctx.labels.length) : this.pick(ctx.labels).name;
  }

  delegate(ctx: Ctx): string {
    const L = this.label('t');
    return `(try ${L} (do ${this.stmts(this.push(ctx, { name: L, kind: 'try', arity: 0 }))}) (delegate ${this.delegateTarget(ctx)}))`;
  }

  /** br, br_if or br_table out to enclosing labels (the function's too), or on to a loop's next pass. */
  branch(ctx: Ctx): string {
    const loops = ctx.labels.filter((l) => l.kind === 'loop');
    if (loops.length > 0 && this.chance(0.2)) {
      const l = this.pick(loops);
      return `(br_if ${l.name} ${again(l.counter!)})`;
    }
    // The function's label (numeric) carries one i32.
    const targets: { name: string; arity: Arity }[] = [
      ...ctx.labels.filter((l) => l.kind !== 'loop').map((l) => ({ name: l.name, arity: l.arity })),
      { name: String(ctx.labels.length), arity: 1 },
    ];
    const t = this.pick(targets);
    const v = Array.from({ length: t.arity }, () => ` ${this.expr(ctx, 1)}`).join('');
    const form = this.n(10);
    // br_if leaves its values when it does not branch.
    if (form < 6) return `(br_if ${t.name}${v} ${this.cond(ctx)})${' (drop)'.repeat(t.arity)}`;
    if (form < 7) return `(br ${t.name}${v})`;
    const same = targets.filter((x) => x.arity === t.arity);
    const names = Array.from({ length: 1 + this.n(3) }, () => this.pick(same).name);
    return `(br_table ${names.join(' ')} ${t.name}${v} (i32.rem_u ${this.leaf(ctx)} (i32.const 4)))`;
  }

  // ---- the module -------------------------------------------------------------------------

  func(fi: number): string {
    this.budget = 8 + this.n(24);
    const ctx: Ctx = { fi, labels: [], loops: 0 };
    const parts: string[] = [];
    while (this.budget > 0) parts.push(this.stmts(ctx));
    const body = parts.join(' ');
    return (
      `(func $f${fi} (export "f${fi}") (param $x i32) (result i32) (local $a i32) (local $b i32) (local $l i64) (local $fl f32) (local $d f64) ` +
      `(local $v v128) (local $r externref) (local $fr funcref) (local $c0 i32) (local $c1 i32) (local $c2 i32)\n  ${body}\n  (i32.add (local.get $a) (i32.mul (local.get $b) (i32.const 3))))`
    );
  }

  module(seed: number): EhProgram {
    const tagCount = 1 + this.n(4);
    const imported = this.n(Math.min(tagCount, 2) + 1);
    // Node 20's WebAssembly.Tag takes no v128 param: the host's tags have none.
    const hostTypes = PARAM_TYPES.filter((t) => t !== 'v128');
    this.tags = Array.from({ length: tagCount }, (_, k) => ({
      params: Array.from({ length: this.n(4) }, () => this.pick(k < imported ? hostTypes : PARAM_TYPES)),
      imported: k < imported,
    }));
    this.funcs = 2 + this.n(4);
    this.leaves = 2;
    const params = (t: TagSpec) => t.params.map((p) => ` ${p}`).join('');
    const parts = [
      '(type $i32T (func (param i32) (result i32)))',
      '(import "env" "h" (func $h (param i32) (result i32)))',
      '(import "env" "hn" (func $hn (param i32) (result i32)))',
      '(import "env" "e" (global $e externref))',
      ...this.tags.map((t, k) => (t.imported ? `(import "env" "t${k}" (tag $t${k} (param${params(t)})))` : `(tag $t${k} (param${params(t)}))`)),
      ...this.tags.map((_, k) => `(export "t${k}" (tag $t${k}))`),
      '(global $g (export "g") (mut i32) (i32.const 0))',
      '(global $passes (export "passes") (mut i32) (i32.const 0))',
      ...COUNTERS.map((c) => `(global $${c} (export "${c}") (mut i32) (i32.const 0))`),
      '(table $tbl 4 funcref)',
      `(table $ftbl ${this.funcs} funcref)`,
      `(elem (table $ftbl) (i32.const 0) func ${Array.from({ length: this.funcs }, (_, k) => `$f${k}`).join(' ')})`,
      `(elem (table $tbl) (i32.const 0) func ${Array.from({ length: this.leaves }, (_, k) => `$leaf${k}`).join(' ')})`,
      ...Array.from(
        { length: this.leaves },
        (_, k) => `(func $leaf${k} (export "leaf${k}") (type $i32T) (i32.add (i32.mul (local.get 0) (i32.const ${2 * k + 3})) (i32.const ${k + 1})))`,
      ),
      ...Array.from({ length: this.funcs }, (_, fi) => this.func(fi)),
    ];
    const calls = Array.from({ length: 4 }, (_, k) => ({ name: `f${k < 2 ? 0 : this.n(this.funcs)}`, arg: this.int() }));
    return { seed, text: `(module\n${parts.join('\n')})`, tags: this.tags, funcs: this.funcs, leaves: this.leaves, calls };
  }
}

/** The module of `seed`. */
export function generateEh(seed: number): EhProgram {
  return new Gen(seed).module(seed);
}
