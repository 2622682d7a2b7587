import { Trap } from '../src/trap.js';

/** The reason `f` traps with, or undefined when it returns; anything else it throws goes on. */
export function trapOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof Trap) return e.reason;
    throw e;
  }
}
