export { Store, type StoreOptions, type InstId, type RunResult, type Call, type OutOfFuel } from './store.js';
export { type Extern, type FuncTypeDesc, GlobalRef, type Limits, MemoryRef, TableRef } from './externs.js';
