/**
 * The public API of the engine (see API.md): validate, Module, Store, Val, RunResult, Call and
 * the error classes. The entry points (index.ts, fast.ts, compact.ts, compiled.ts) export it
 * with the profiles they register.
 */
export { WasmError, InvalidError, NotFoundError, UnsupportedError, LimitError, type WasmErrorKind } from '@proj/decoder';
export { validate } from '@proj/validator';
export {
  Module,
  type ModuleOptions,
  type Profile,
  type ImportDesc,
  type ExportDesc,
  type ExternType,
  type ExternKindName,
  Val,
  type ValType,
  FuncRef,
  Trap,
  TrapReason,
} from '@proj/interp-core';
export {
  Store,
  type StoreOptions,
  type InstId,
  type RunResult,
  type Call,
  type OutOfFuel,
  type Extern,
  type FuncTypeDesc,
  type Limits,
  type MemoryLimits,
  MemoryRef,
  TableRef,
  GlobalRef,
  TagRef,
  ExceptionRef,
  UncaughtException,
} from '@proj/store';
