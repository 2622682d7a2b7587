/**
 * What the store and the umbrella package need of the core: values, traps, the runtime
 * structures, Module, the Machine that runs invocations, and the profiles to register.
 */
export * from './values.js';
export * from './trap.js';
export * from './runtime.js';
export { TagInst, WasmException, NoHandler } from './exceptions.js';
export * from './module.js';
export type { PreparedCode } from './prepared.js';
export { Machine } from './machine/machine.js';
export { DEFAULT_LIMITS, Stop, type Execution, type MachineLimits } from './machine/stack.js';
export { i64_get, i64_set } from './numeric/i64.js';
export { registerProfile, type ProfileSupport, type FastSupport, type CompactSupport, type CompiledSupport } from './profiles.js';
export { fastProfile } from './fast/profile.js';
export { compactProfile } from './compact/profile.js';
export { compiledProfile } from './compiled/profile.js';
