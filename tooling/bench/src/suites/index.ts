import type { Suite } from '../suite.js';
import { executeSuite, kernelsSuite } from './execute.js';
import { loadSuite } from './load.js';
import { programsSuite } from './programs.js';
import { validateSuite } from './validate.js';

/** Every suite, in the order they run (and print). Add new suites here. */
export const SUITES: readonly Suite[] = [executeSuite, kernelsSuite, programsSuite, loadSuite, validateSuite];
