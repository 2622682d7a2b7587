/**
 * The run loop of the `compact` profile: in-place interpretation of the module's bytes.
 * (Being built.)
 */
import type { Execution, Machine } from '../run.js';

/** Runs `ex`, whose current function is compact; returns a Stop code as Machine.run does. */
export function runCompact(_m: Machine, _ex: Execution): number {
  throw new Error('the compact profile is not built yet');
}
