/** Turns text-format modules into binary with wabt (its parser only: no wabt validation). */

import { assemble, loadWabt, wabtErrors, WASM_2_0_FEATURES, type WabtFeatures } from '@proj/testkit';

export type Assembly = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** Assembles text-format module source; `filename` names it in error messages. */
export interface Assembler {
  assemble(source: string | Uint8Array, filename: string): Assembly;
}

/**
 * An assembler of the WebAssembly 2.0 text format; `features` turns wabt features on over that set
 * (e.g. `{ exceptions: true }` for the legacy exception-handling proposal). Undefined: 2.0 alone.
 */
export async function createWabtAssembler(features?: WabtFeatures): Promise<Assembler> {
  const wabt = await loadWabt();
  const options = features === undefined ? {} : { features };
  return {
    assemble(source, filename) {
      try {
        return { ok: true, bytes: assemble(wabt, source, { filename, ...options }) };
      } catch (e) {
        return { ok: false, error: wabtErrors(e) };
      }
    },
  };
}

/** The names `SPEC_FEATURES` accepts: wabt's feature names. */
export const FEATURE_NAMES = Object.keys(WASM_2_0_FEATURES) as (keyof WabtFeatures)[];

/**
 * The wabt features SPEC_FEATURES turns on, a comma-separated list of wabt's names (e.g.
 * `exceptions`); unset or empty: undefined, the WebAssembly 2.0 set alone.
 * @throws Error for a name wabt does not know
 */
export function featuresFromEnv(env: NodeJS.ProcessEnv = process.env): WabtFeatures | undefined {
  const names = (env.SPEC_FEATURES ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) return undefined;
  const features: WabtFeatures = {};
  for (const name of names) {
    if (!(FEATURE_NAMES as string[]).includes(name))
      throw new Error(`SPEC_FEATURES: unknown wabt feature ${JSON.stringify(name)} (known: ${FEATURE_NAMES.join(', ')})`);
    features[name as keyof WabtFeatures] = true;
  }
  return features;
}

/** The features as the report names them: `exceptions, tail_call`. */
export function featureList(features: WabtFeatures): string {
  return Object.keys(features).join(', ');
}

/**
 * Pads a module's text so that wabt's line:column positions match the script's:
 * the text starts at `line`/`column` of the script.
 */
export function placeAt(text: string, line: number, column: number): string {
  return '\n'.repeat(line - 1) + ' '.repeat(column - 1) + text;
}
