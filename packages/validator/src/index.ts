export { validate, validateModule } from './validate.js';
export { DENSE_LOCALS } from './func.js';
export type { CodeSink, FuncState } from './sink.js';
