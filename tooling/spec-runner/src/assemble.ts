/** Turns text-format modules into binary with wabt (its parser only: no wabt validation). */

import { assemble, loadWabt, wabtErrors } from '@proj/testkit';

export type Assembly = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** Assembles text-format module source; `filename` names it in error messages. */
export interface Assembler {
  assemble(source: string | Uint8Array, filename: string): Assembly;
}

export async function createWabtAssembler(): Promise<Assembler> {
  const wabt = await loadWabt();
  return {
    assemble(source, filename) {
      try {
        return { ok: true, bytes: assemble(wabt, source, { filename }) };
      } catch (e) {
        return { ok: false, error: wabtErrors(e) };
      }
    },
  };
}

/**
 * Pads a module's text so that wabt's line:column positions match the script's:
 * the text starts at `line`/`column` of the script.
 */
export function placeAt(text: string, line: number, column: number): string {
  return '\n'.repeat(line - 1) + ' '.repeat(column - 1) + text;
}
