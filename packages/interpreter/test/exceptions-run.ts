/**
 * Runs the generated exception-handling programs of exceptions-gen.ts in V8 and in this engine,
 * with the same deterministic host on both sides, and describes each call as one line that the
 * two can be compared by: `f0(3): done 42; g=…; host: h(3) hn(8)`, where the outcome is
 * `done <result>`, `uncaught t<k> [<values>]` or `trap <reason>`. Also: assembling text with the
 * exception-handling feature, and V8's WebAssembly typed as far as these tests use it.
 */
import {
  GlobalRef,
  type Module,
  type RunResult,
  Store,
  TagRef,
  Trap,
  UncaughtException,
  Val,
} from '@proj/interpreter';
import { COUNTERS, type EhProgram, type TagParam } from './exceptions-gen.js';
import { val, wat } from './wat.js';

/** Module text to bytes, with the (legacy) exception-handling instructions on. */
export function ehWat(text: string): Uint8Array {
  return wat(text, { exceptions: true });
}

/** A tag of V8's WebAssembly. */
export type V8Tag = object;

/** An exception of V8's WebAssembly, as thrown by wasm or by JavaScript. */
export interface V8Exception extends Error {
  is(tag: V8Tag): boolean;
  getArg(tag: V8Tag, index: number): unknown;
}

/** The parts of V8's own WebAssembly these tests use (the tsconfig has no DOM lib). */
export const V8 = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports?: object) => { readonly exports: Record<string, unknown> };
      Tag: new (type: { parameters: string[] }) => V8Tag;
      Exception: new (tag: V8Tag, values: unknown[]) => V8Exception;
      Global: new (type: { value: string; mutable?: boolean }, value?: unknown) => { value: unknown };
      RuntimeError: new () => Error;
    };
  }
).WebAssembly;

/** V8's names of value types in WebAssembly.Tag, where they differ from this engine's. */
export const v8Type = (t: string): string => (t === 'funcref' ? 'anyfunc' : t);

/** V8's trap messages, by the specification's (the reasons this engine's Traps carry). */
const V8_TRAPS: Readonly<Record<string, string>> = {
  unreachable: 'unreachable',
  'divide by zero': 'integer divide by zero',
  'remainder by zero': 'integer divide by zero',
  'divide result unrepresentable': 'integer overflow',
  'table index is out of bounds': 'undefined element',
};

/** The reason of a V8 trap, in the specification's words (V8's message if it has none here). */
export function v8TrapReason(e: Error): string {
  return V8_TRAPS[e.message] ?? `V8: ${e.message}`;
}

/** The two external objects the programs see (through `env.e`, and in the host's exceptions). */
export const EXTERNS: readonly object[] = [{ ext: 0 }, { ext: 1 }];

/** Loop passes each top-level call may take in all (the `passes` global). */
export const PASSES = 200;

/**
 * A value as both sides print it: numbers exactly (-0 too), NaN as NaN (JavaScript numbers do
 * not keep NaN payloads, so V8 loses them at the boundary: programs compare payload bits inside
 * wasm), externrefs by which of EXTERNS they are, v128s and funcrefs not at all: JavaScript
 * cannot read a v128, and Node 20's V8 gives an internal object for a funcref argument of an
 * exception (`getArg`: typeof 'symbol' whether it is null or not, and touching its properties
 * crashes the process). The programs check both inside wasm (funcrefs by calling them).
 */
export function show(type: TagParam | 'i32', x: unknown): string {
  switch (type) {
    case 'i32':
    case 'i64':
      return String(x);
    case 'f32':
    case 'f64':
      return Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : String(x);
    case 'externref': {
      if (x === null) return 'null';
      const k = EXTERNS.indexOf(x as object);
      return k < 0 ? 'ext?' : `ext${k}`;
    }
    case 'v128':
    case 'funcref':
      return type;
  }
}

/** A value the host puts in an exception: a number, a bigint or an EXTERNS index (or null). */
interface HostValue {
  readonly type: Exclude<TagParam, 'funcref' | 'v128'>;
  readonly v: number | bigint | null;
}

/**
 * What host function `h` does with `x`: return a value, or throw an exception of tag `tag`. Never
 * of a tag with a v128 param (JavaScript has no v128 values) or a funcref one: Node 20's V8 keeps
 * a funcref given to `new WebAssembly.Exception` as the JavaScript value (null is then not null
 * to `ref.is_null`, and calling it crashes).
 */
export function hostAnswer(prog: EhProgram, x: number): { value: number } | { tag: number; values: HostValue[] } {
  const u = x >>> 0;
  const throwable = [...prog.tags.keys()].filter((k) => prog.tags[k].params.every((t) => t !== 'funcref' && t !== 'v128'));
  if (u % 5 !== 1 || throwable.length === 0) return { value: (Math.imul(x, 7) + 3) | 0 };
  const tag = throwable[Math.floor(u / 5) % throwable.length];
  const values = prog.tags[tag].params.map((type, p): HostValue => {
    switch (type) {
      case 'i32':
        return { type, v: (Math.imul(x, 3) + p) | 0 };
      case 'i64':
        return { type, v: BigInt.asIntN(64, BigInt(x) * 1000003n + BigInt(p)) };
      case 'f32':
        return { type, v: Math.fround(x / 4 + p) };
      case 'f64':
        return { type, v: x * 0.5 - p };
      case 'externref':
        return { type, v: (u + p) % 3 === 0 ? null : (u + p) % 2 };
      default:
        throw new Error('unreachable: the host throws no funcref or v128');
    }
  });
  return { tag, values };
}

/**
 * The outcome of an exception of tag `k` that no handler caught, `read` giving its values as
 * JavaScript values: not for a funcref (see show), and not at all for a tag with a v128 param
 * (Node 20's V8 aborts the process in `getArg` of any param of such a tag).
 */
function uncaughtLine(prog: EhProgram, k: number, read: (i: number) => unknown): string {
  const params = k < 0 ? [] : prog.tags[k].params;
  const shown = params.includes('v128') ? ['not read: a v128 param'] : params.map((t, i) => show(t, t === 'funcref' ? null : read(i)));
  return `uncaught t${k} [${shown.join(', ')}]`;
}

/** The line of one call: its outcome, then the globals (`g` and the COUNTERS) and the host calls. */
const line = (c: { name: string; arg: number }, out: string, globals: (name: string) => unknown, log: string[]) =>
  `${c.name}(${c.arg}): ${out}; ${['g', ...COUNTERS].map((k) => `${k}=${String(globals(k))}`).join(' ')}; host: ${log.join(' ')}`;

/** Runs `prog` (assembled as `bytes`) in V8: one line per call. */
export function runV8(prog: EhProgram, bytes: Uint8Array): string[] {
  const log: string[] = [];
  const imported = prog.tags.map((t) => (t.imported ? new V8.Tag({ parameters: t.params.map(v8Type) }) : undefined));
  let exports: Record<string, unknown> = {};
  const tagOf = (k: number) => imported[k] ?? (exports[`t${k}`] as V8Tag);
  const toJs = (h: HostValue): unknown => (h.type === 'externref' ? (h.v === null ? null : EXTERNS[h.v as number]) : h.v);
  const env: Record<string, unknown> = {
    h: (x: number) => {
      log.push(`h(${x})`);
      const a = hostAnswer(prog, x);
      if ('value' in a) return a.value;
      throw new V8.Exception(tagOf(a.tag), a.values.map(toJs));
    },
    hn: (x: number) => {
      log.push(`hn(${x})`);
      return (exports[`f${prog.funcs - 1}`] as (n: number) => number)(x + 1);
    },
    e: new V8.Global({ value: 'externref', mutable: false }, EXTERNS[0]),
  };
  imported.forEach((t, k) => t && (env[`t${k}`] = t));
  exports = new V8.Instance(new V8.Module(bytes), { env }).exports;
  return prog.calls.map((c) => {
    (exports.passes as { value: number }).value = PASSES;
    let out: string;
    try {
      out = `done ${(exports[c.name] as (n: number) => number)(c.arg)}`;
    } catch (e) {
      if (e instanceof V8.Exception) {
        const k = prog.tags.findIndex((_, i) => e.is(tagOf(i)));
        out = uncaughtLine(prog, k, (i) => e.getArg(tagOf(k), i));
      } else if (e instanceof V8.RuntimeError) {
        out = `trap ${v8TrapReason(e)}`;
      } else {
        throw e;
      }
    }
    return line(c, out, (k) => (exports[k] as { value: number }).value, log.splice(0));
  });
}

/**
 * What runOurs gives: one line per call, and for each call its pauses, as `<fuel left>@<host
 * calls made before it>` (so that where pauses fall between host calls is compared too).
 */
export interface OurRun {
  readonly lines: string[];
  readonly pauses: string[][];
}

/**
 * Runs `prog` in this engine (`module` prepared in any profile). With `slice`, the store meters
 * fuel, starts with `slice` and gets `slice` again at each pause, doubled as often as needed
 * when a pause found the fuel it was given untouched (a step costs more than that).
 */
export function runOurs(prog: EhProgram, module: Module, slice?: number): OurRun {
  const store = slice === undefined ? new Store() : new Store({ fuel: slice });
  const h = store.createHostFunc({ params: ['i32'], results: ['i32'] });
  const hn = store.createHostFunc({ params: ['i32'], results: ['i32'] });
  const imported = prog.tags.map((t) => (t.imported ? store.createTag([...t.params]) : undefined));
  const e = store.createGlobal('externref', false, Val.externref(EXTERNS[0]));
  const inst = store.instantiateWith(module, [h.func, hn.func, e, ...imported.filter((t) => t !== undefined)]);
  const tags = prog.tags.map((_, k) => store.exportOf(inst, `t${k}`) as TagRef);
  const toVal = (v: HostValue): Val => {
    switch (v.type) {
      case 'i32':
        return Val.i32(v.v as number);
      case 'i64':
        return Val.i64(v.v as bigint);
      case 'f32':
        return Val.f32(v.v as number);
      case 'f64':
        return Val.f64(v.v as number);
      case 'externref':
        return Val.externref(v.v === null ? null : EXTERNS[v.v as number]);
    }
  };
  const log: string[] = [];
  let pauses: string[] = [];
  let given = slice ?? 0;
  let doublings = 0;
  const drive = (r: RunResult): Val[] => {
    for (;;) {
      if (r.kind === 'done') return r.values;
      if (r.kind === 'out-of-fuel') {
        const left = store.getFuel();
        pauses.push(`${left}@${log.length}`);
        if (pauses.length > 100_000) throw new Error(`seed ${prog.seed}: runaway pauses`);
        doublings = left === given ? doublings + 1 : 0;
        given = slice! * 2 ** doublings;
        store.setFuel(given);
        r = r.resume();
        continue;
      }
      const call = r.call;
      const x = val(call.args[0]) as number;
      if (call.index === h.index) {
        log.push(`h(${x})`);
        const a = hostAnswer(prog, x);
        r = 'value' in a ? call.resume([Val.i32(a.value)]) : call.throw(store.createException(tags[a.tag], a.values.map(toVal)));
        continue;
      }
      log.push(`hn(${x})`);
      let results: Val[];
      try {
        results = drive(store.invoke(inst, `f${prog.funcs - 1}`, [Val.i32(x + 1)]));
      } catch (err) {
        // What the nested invocation did not catch goes on from the host call, as in V8, where
        // it passes through the JavaScript import; a trap stays a trap.
        if (err instanceof UncaughtException) {
          r = call.throw(err.exception);
          continue;
        }
        if (err instanceof Trap) call.trap(err.reason);
        throw err;
      }
      r = call.resume(results);
    }
  };
  const passes = store.exportOf(inst, 'passes') as GlobalRef;
  const lines: string[] = [];
  const allPauses: string[][] = [];
  for (const c of prog.calls) {
    store.setGlobalValue(passes, Val.i32(PASSES));
    pauses = [];
    let out: string;
    try {
      out = `done ${String(val(drive(store.invoke(inst, c.name, [Val.i32(c.arg)]))[0]))}`;
    } catch (err) {
      if (err instanceof UncaughtException) {
        const k = tags.indexOf(store.exceptionTag(err.exception));
        const values = store.exceptionValues(err.exception);
        out = uncaughtLine(prog, k, (i) => val(values[i]));
      } else if (err instanceof Trap) {
        out = `trap ${err.reason}`;
      } else {
        throw err;
      }
    }
    lines.push(line(c, out, (k) => val(store.getGlobal(inst, k)), log.splice(0)));
    allPauses.push(pauses);
  }
  return { lines, pauses: allPauses };
}
