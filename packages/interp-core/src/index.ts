export * from './slots.js';
export * from './trap.js';
export * from './values.js';
export * from './runtime.js';
export * from './module.js';
export { Execution, Machine, Stop, DEFAULT_LIMITS, frameCells, type MachineLimits } from './run.js';
export { Translator, type PreparedFunc } from './prepare/translate.js';
export { Op } from './prepare/ops.js';
export { i64_get, i64_set } from './numeric/i64.js';
