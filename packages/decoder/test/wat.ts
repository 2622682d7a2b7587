/**
 * Test-only helpers: assembling WAT text with wabt (its parser only; wabt's validator is never
 * run, so ill-typed modules assemble too), and building module bytes by hand.
 */
import { HEADER, assemble, loadWabt } from '@proj/testkit';

const wabt = await loadWabt();

/** Assembles WAT text to a fresh Uint8Array (names resolved, no validation). */
export function wat(text: string): Uint8Array {
  return assemble(wabt, text);
}

/** As {@link wat}, for text that uses legacy exception handling (wabt's `exceptions` feature). */
export function watEh(text: string): Uint8Array {
  return assemble(wabt, text, { features: { exceptions: true } });
}

export { HEADER, body, functype, name, section, sleb, uleb, vec } from '@proj/testkit';

/** The header followed by the given raw section bytes, in the order given. */
export function wasm(...sections: readonly (readonly number[])[]): Uint8Array {
  return Uint8Array.from([...HEADER, ...sections.flat()]);
}

/** Where a sub-array first occurs in `bytes` at or after `from`, or -1. */
export function indexOfBytes(bytes: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
