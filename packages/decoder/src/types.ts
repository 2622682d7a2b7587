/**
 * The module's static structure as the binary format encodes it. Value types are kept as their
 * binary codes (`0x7f` is i32) so that the layers above compare numbers, never strings.
 *
 * https://webassembly.github.io/spec/core/binary/types.html
 */

/** Binary codes of the value types. */
export const ValType = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
} as const;

/** A value type's binary code. */
export type ValTypeCode = (typeof ValType)[keyof typeof ValType];
/** A reference type's binary code. */
export type RefTypeCode = typeof ValType.funcref | typeof ValType.externref;
/** A value type's text name. */
export type ValTypeName = keyof typeof ValType;

const names: Record<number, ValTypeName> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};

/** The text name of a value type code (`0x7f` → `'i32'`). */
export function valTypeName(code: number): ValTypeName {
  return names[code];
}

/** Whether `code` is a value type of WebAssembly 2.0. */
export function isValType(code: number): code is ValTypeCode {
  return names[code] !== undefined;
}

/** Whether `code` is a reference type. */
export function isRefType(code: number): code is RefTypeCode {
  return code === ValType.funcref || code === ValType.externref;
}

export interface FuncType {
  readonly params: readonly ValTypeCode[];
  readonly results: readonly ValTypeCode[];
}

export interface Limits {
  readonly min: number;
  /** `undefined` when the limits have no maximum. */
  readonly max: number | undefined;
}

export interface TableType {
  readonly elem: RefTypeCode;
  readonly limits: Limits;
}

export interface MemType {
  readonly limits: Limits;
  /**
   * A shared memory (the threads proposal's flag): it may be imported only as a shared memory,
   * and must have a maximum (the validator checks).
   */
  readonly shared: boolean;
}

export interface GlobalType {
  readonly type: ValTypeCode;
  readonly mutable: boolean;
}

/** External kinds, by their binary codes; `tag` is legacy exception handling's. */
export const ExternKind = { func: 0, table: 1, memory: 2, global: 3, tag: 4 } as const;
export type ExternKindCode = (typeof ExternKind)[keyof typeof ExternKind];
export type ExternKindName = keyof typeof ExternKind;
export const externKindNames: readonly ExternKindName[] = ['func', 'table', 'memory', 'global', 'tag'];

/** A byte range of the module: `[start, end)`. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export type ImportDesc =
  | { readonly kind: typeof ExternKind.func; readonly type: number }
  | { readonly kind: typeof ExternKind.table; readonly type: TableType }
  | { readonly kind: typeof ExternKind.memory; readonly type: MemType }
  | { readonly kind: typeof ExternKind.global; readonly type: GlobalType }
  /** A tag: `type` is the index of the function type that gives its parameters. */
  | { readonly kind: typeof ExternKind.tag; readonly type: number };

export type Import = ImportDesc & {
  readonly module: string;
  readonly name: string;
  /** Offset of the import entry, for error messages. */
  readonly offset: number;
};

export interface Export {
  readonly name: string;
  readonly kind: ExternKindCode;
  readonly index: number;
  readonly offset: number;
}

/** A constant expression: the bytes of its instructions, `end` included. */
export type ConstExpr = Range;

export interface Global {
  readonly type: GlobalType;
  readonly init: ConstExpr;
}

export type SegmentMode = 'active' | 'passive' | 'declarative';

export interface ElemSegment {
  readonly mode: SegmentMode;
  /** The table an active segment initializes. */
  readonly table: number;
  /** The offset expression of an active segment. */
  readonly offset: ConstExpr | undefined;
  readonly type: RefTypeCode;
  /** Function indices, when the segment is written in that form. */
  readonly funcs: Uint32Array | undefined;
  /** Element expressions, when the segment is written in that form. */
  readonly exprs: readonly ConstExpr[] | undefined;
  readonly offsetInModule: number;
}

export interface DataSegment {
  readonly mode: 'active' | 'passive';
  readonly memory: number;
  readonly offset: ConstExpr | undefined;
  /** The segment's bytes within the module. */
  readonly init: Range;
  readonly offsetInModule: number;
}

/** A function body: `start` is its local declarations, `end` is one past its final `end`. */
export type FuncBody = Range;

export interface CustomSection {
  readonly name: string;
  readonly content: Range;
}
