export { Store } from './store.js';
export { UncaughtException, type InstId, type RunResult, type Call, type OutOfFuel } from './invocation.js';
export type { StoreOptions } from './options.js';
export { ExceptionRef, type Extern, type FuncTypeDesc, GlobalRef, type Limits, type MemoryLimits, MemoryRef, TableRef, TagRef } from './externs.js';
