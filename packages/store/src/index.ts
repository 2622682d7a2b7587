export { Store, type InstId, type RunResult, type Call, type OutOfFuel } from './store.js';
export type { StoreOptions } from './options.js';
export { type Extern, type FuncTypeDesc, GlobalRef, type Limits, MemoryRef, TableRef } from './externs.js';
