export * from './errors.js';
export * from './reader.js';
export * from './types.js';
export * from './opcodes.js';
export * from './instr.js';
export * from './module.js';
