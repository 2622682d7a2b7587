/** The wabt toolkit (wat2wasm and a second, independent validator), loaded once. */
import wabtInit from 'wabt';

export type Wabt = Awaited<ReturnType<typeof wabtInit>>;

/** WebAssembly 2.0 = MVP + these proposals (wabt names); everything else off. */
export const WASM_2_0_FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  bulk_memory: true,
  reference_types: true,
  multi_value: true,
  exceptions: false,
  threads: false,
  tail_call: false,
  function_references: false,
  gc: false,
  memory64: false,
  extended_const: false,
  relaxed_simd: false,
  annotations: false,
  code_metadata: false,
} as const;

export type WabtFeatures = { -readonly [K in keyof typeof WASM_2_0_FEATURES]?: boolean };

let instance: Promise<Wabt> | undefined;

type WabtModule = ReturnType<Wabt['readWasm']>;

/**
 * `validate` takes the feature set too (wabt.js accepts it; its typings omit it). Without it the
 * validator uses wabt's defaults, whatever the module was read with.
 */
function validateWith(m: WabtModule, features: WabtFeatures): void {
  (m.validate as (this: WabtModule, options: WabtFeatures) => void).call(m, features);
}

export function loadWabt(): Promise<Wabt> {
  instance ??= wabtInit();
  return instance;
}

/** Assembles WAT text with the 2.0 features; throws with wabt's message on error. */
export function assemble(wabt: Wabt, filename: string, text: string): Uint8Array {
  const m = wabt.parseWat(filename, text, WASM_2_0_FEATURES);
  try {
    m.resolveNames();
    validateWith(m, WASM_2_0_FEATURES);
    return new Uint8Array(m.toBinary({}).buffer);
  } finally {
    m.destroy();
  }
}

/**
 * wabt's verdict on a binary with the given features: null if valid, else its message.
 * (Always hand wabt a fresh, unshared Uint8Array: given a Node Buffer view into a larger pool it
 * reads past the end.)
 */
export function wabtCheck(wabt: Wabt, bytes: Uint8Array, features: WabtFeatures): string | null {
  let m: WabtModule | undefined;
  try {
    m = wabt.readWasm(new Uint8Array(bytes), { readDebugNames: false, ...features });
    validateWith(m, features);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message.trim() : String(e);
  } finally {
    m?.destroy();
  }
}
