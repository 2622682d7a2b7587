/**
 * Module: a valid module, prepared for execution once, whatever number of instances it gets.
 */
import {
  ExternKind,
  FuncBodies,
  type FuncType,
  InvalidError,
  type GlobalType,
  type Limits,
  type ModuleInfo,
  type TableType,
  UnsupportedError,
  valTypeName,
} from '@proj/decoder';
import { type CodeSink, validateModule } from '@proj/validator';
import { FuelMeter } from './fuel/meter.js';
import type { CompactCode } from './compact/prepare.js';
import { registered } from './profiles.js';
import type { PreparedFunc } from './fast/translate.js';
import type { PreparedCode } from './prepared.js';
import type { ValType } from './values.js';

/** How a Module is prepared: the footprint/performance trade-off (see the README). */
export type Profile = 'fast' | 'compact' | 'compiled';

export interface ModuleOptions {
  /**
   * Default `'fast'`; `'compact'` where only that profile is loaded (an import of
   * `@proj/interpreter/compact` alone).
   */
  profile?: Profile;
}

/** Locals (parameters included) a function may have here: the limit browsers share. */
export const MAX_FUNCTION_LOCALS = 50_000;

export type ExternKindName = 'func' | 'table' | 'memory' | 'global' | 'tag';

/** A function's type, a table's, a memory's, a global's; a tag's is a function type without results. */
export type ExternType =
  | { readonly params: readonly ValType[]; readonly results: readonly ValType[] }
  | { readonly element: 'funcref' | 'externref'; readonly min: number; readonly max?: number }
  | { readonly min: number; readonly max?: number }
  | { readonly type: ValType; readonly mutable: boolean };

export interface ImportDesc {
  readonly module: string;
  readonly name: string;
  readonly kind: ExternKindName;
  readonly type: ExternType;
}

export interface ExportDesc {
  readonly name: string;
  readonly kind: ExternKindName;
  readonly type: ExternType;
}

const NO_BODIES = new FuncBodies();

const kindNames: ExternKindName[] = ['func', 'table', 'memory', 'global', 'tag'];

function funcTypeDesc(t: FuncType): ExternType {
  return { params: t.params.map(valTypeName), results: t.results.map(valTypeName) };
}

function limitsDesc(l: Limits): { min: number; max?: number } {
  return l.max === undefined ? { min: l.min } : { min: l.min, max: l.max };
}

function tableDesc(t: TableType): ExternType {
  return { element: valTypeName(t.elem) as 'funcref' | 'externref', ...limitsDesc(t.limits) };
}

function globalDesc(g: GlobalType): ExternType {
  return { type: valTypeName(g.type), mutable: g.mutable };
}

function describeImports(m: ModuleInfo): ImportDesc[] {
  return m.imports.map((imp) => ({
    module: imp.module,
    name: imp.name,
    kind: kindNames[imp.kind],
    type:
      imp.kind === ExternKind.func || imp.kind === ExternKind.tag
        ? funcTypeDesc(m.types[imp.type])
        : imp.kind === ExternKind.table
          ? tableDesc(imp.type)
          : imp.kind === ExternKind.memory
            ? limitsDesc(imp.type.limits)
            : globalDesc(imp.type),
  }));
}

function describeExports(m: ModuleInfo): ExportDesc[] {
  return m.exports.map((e) => ({
    name: e.name,
    kind: kindNames[e.kind],
    type:
      e.kind === ExternKind.func
        ? funcTypeDesc(m.types[m.funcTypes[e.index]])
        : e.kind === ExternKind.tag
          ? funcTypeDesc(m.types[m.tagTypes[e.index]])
          : e.kind === ExternKind.table
          ? tableDesc(m.tables[e.index])
          : e.kind === ExternKind.memory
            ? limitsDesc(m.memories[e.index].limits)
            : globalDesc(m.globalTypes[e.index]),
  }));
}

export class Module {
  /** @internal The decoded module, without its bodies' offsets: its bytes are the Module's own copy. */
  readonly info: ModuleInfo;
  /** @internal Prepared code: one PreparedFunc per own function (fast), or the module's CompactCode. */
  private readonly code: readonly PreparedFunc[] | CompactCode;
  /** A `compiled` Module where code generation is allowed: its functions become JavaScript. */
  private generation: boolean | undefined;
  /** The code with fuel charges, once a metered store has asked for it. */
  private meteredCode: readonly PreparedFunc[] | CompactCode | undefined;
  readonly profile: Profile;
  /**
   * The form the code actually takes: `profile`, except that a `'compiled'` Module keeps the
   * `'fast'` form where code generation is forbidden (a Content-Security-Policy without
   * 'unsafe-eval'). Functions too large to compile run in the fast form in either case.
   */
  readonly form: Profile;
  private importDescs: readonly ImportDesc[] | undefined;
  private exportDescs: readonly ExportDesc[] | undefined;

  /**
   * Validates `bytes` and prepares them for execution. The bytes are copied: a later change to
   * the caller's array cannot reach execution.
   * @throws InvalidError for malformed or invalid bytes
   * @throws UnsupportedError past this engine's limits, or for a profile that no entry point
   *   registered (see registerProfile)
   */
  constructor(bytes: Uint8Array, options: ModuleOptions = {}) {
    if (!(bytes instanceof Uint8Array)) throw new InvalidError(`new Module takes a Uint8Array of module bytes, not ${bytes === null ? 'null' : typeof bytes}`);
    if (typeof options !== 'object' || options === null) throw new InvalidError('new Module: the options must be an object');
    if (options.profile !== undefined && typeof options.profile !== 'string') {
      throw new InvalidError(`ModuleOptions.profile must be 'fast', 'compact' or 'compiled', not a ${typeof options.profile}`);
    }
    this.profile = options.profile ?? (registered.compact && !registered.fast ? 'compact' : 'fast');
    if (this.profile !== 'fast' && this.profile !== 'compact' && this.profile !== 'compiled') {
      throw new UnsupportedError(`the '${String(this.profile)}' profile is not implemented`);
    }
    if (!registered[this.profile]) {
      throw new UnsupportedError(
        `the '${this.profile}' profile is not loaded: import '@proj/interpreter' (every profile) or '@proj/interpreter/${this.profile}'`,
      );
    }
    const own = bytes.slice();
    const { info, code } = this.prepare(own, null);
    // The bodies' offsets serve validation and preparation only: the Module does not keep them.
    this.info = { ...info, bodies: NO_BODIES };
    this.code = code;
    this.form = this.profile === 'compiled' && !this.generation ? 'fast' : this.profile;
  }

  /**
   * Validates `bytes` and prepares their code in this Module's profile, metered when `meter` is
   * given (it computes the charges in the same pass: see fuel/meter.ts).
   */
  private prepare(bytes: Uint8Array, meter: FuelMeter | null): { info: ModuleInfo; code: readonly PreparedFunc[] | CompactCode } {
    const { fast, compact, compiled } = registered;
    const translator = this.profile === 'compact' ? compact!.preparer(bytes, meter) : fast!.translator(this.profile === 'compiled', meter);
    const limits = {
      beginFunction: (st: { localCount: number; pos: number }) => {
        if (st.localCount > MAX_FUNCTION_LOCALS) {
          throw new UnsupportedError(
            `a function with ${st.localCount} locals is past this engine's limit of ${MAX_FUNCTION_LOCALS}`,
            st.pos,
          );
        }
      },
    };
    const sink: CodeSink = {
      beginFunction(st) {
        limits.beginFunction(st);
        meter?.beginFunction();
        translator.beginFunction(st);
      },
      instr(id, st) {
        meter?.instr(id, st);
        translator.instr(id, st);
      },
      endFunction(st) {
        // The meter first: the translator reads the function's costs when it ends.
        meter?.endFunction();
        translator.endFunction(st);
      },
    };
    const info = validateModule(bytes, sink);
    this.generation ??= this.profile === 'compiled' && compiled!.allowed();
    const code = !('funcs' in translator)
      ? translator.code
      : this.generation
        ? translator.funcs.map((p, i) => compiled!.compile(p, info.importedFuncs, i))
        : translator.funcs;
    return { info, code };
  }

  /**
   * The code with fuel charges (see fuel/meter.ts), prepared when a store with fuel first
   * instantiates this Module: a Module that only ever runs unmetered pays nothing for metering.
   */
  private metered(): readonly PreparedFunc[] | CompactCode {
    return (this.meteredCode ??= this.prepare(this.info.bytes, new FuelMeter()).code);
  }

  /**
   * @internal The prepared code of own function `i` (imports not counted), metered or not: see
   * WasmFunc.prepared.
   */
  prepared(i: number, metered = false): PreparedCode {
    const code = metered ? this.metered() : this.code;
    return Array.isArray(code) ? (code as readonly PreparedFunc[])[i] : (code as CompactCode);
  }

  /** The module's imports, described (built when first asked for: most users never ask). */
  get imports(): readonly ImportDesc[] {
    return (this.importDescs ??= describeImports(this.info));
  }

  /** The contents of the module's custom sections named `name`, in order (copies). */
  customSections(name: string): Uint8Array[] {
    const { customs, bytes } = this.info;
    const found: Uint8Array[] = [];
    for (let i = 0; i < customs.length; i++) {
      const s = customs.at(i);
      if (s.name === name) found.push(bytes.slice(s.content.start, s.content.end));
    }
    return found;
  }

  /** The module's exports, described (built when first asked for). */
  get exports(): readonly ExportDesc[] {
    return (this.exportDescs ??= describeExports(this.info));
  }
}
