import type { Suite } from '../suite.js';
import { validateSuite } from './validate.js';

/** Every suite, in the order they run. Add new suites (execution, load time, memory) here. */
export const SUITES: readonly Suite[] = [validateSuite];
