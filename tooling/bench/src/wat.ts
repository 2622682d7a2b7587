/** Assembles the text-format benchmark programs with wabt (WebAssembly 2.0 features only). */
import wabtInit from 'wabt';

const WASM_2_0 = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  bulk_memory: true,
  reference_types: true,
  multi_value: true,
  exceptions: false,
  threads: false,
  function_references: false,
  tail_call: false,
  annotations: false,
  code_metadata: false,
  gc: false,
  memory64: false,
  multi_memory: false,
  extended_const: false,
  relaxed_simd: false,
} as const;

/**
 * wabt.js writes the filename's terminating NUL one byte past its allocation, which corrupts its
 * heap when the length is 4 mod 8; "./" keeps it inside the allocation's slack (see the spec runner).
 */
const safeFilename = (name: string): string => (name.length % 8 === 4 ? `./${name}` : name);

/** Text → binary; throws with wabt's error lines when the text does not assemble. */
let wabtPromise: ReturnType<typeof wabtInit> | undefined;

export async function assembleWat(source: string, filename: string): Promise<Uint8Array> {
  wabtPromise ??= wabtInit();
  const wabt = await wabtPromise;
  const module = wabt.parseWat(safeFilename(filename), new TextEncoder().encode(source), WASM_2_0);
  try {
    module.resolveNames();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}
