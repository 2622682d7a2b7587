/** Turns text-format modules into binary with wabt (its parser only: no wabt validation). */

import wabtInit from 'wabt';

export type Assembly = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** Assembles text-format module source; `filename` names it in error messages. */
export interface Assembler {
  assemble(source: string | Uint8Array, filename: string): Assembly;
}

/** Exactly the WebAssembly 2.0 feature set: everything newer is off. */
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

/** Keeps wabt's error lines ("file:line:col: error: ...") and drops its source excerpts. */
function wabtErrors(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.split('\n').filter((l) => / error: /.test(l));
  return lines.length > 0 ? lines.join('; ') : text.replace(/\s+/g, ' ').trim();
}

const encoder = new TextEncoder();

/**
 * The bytes to hand wabt.js. It copies a string as if ASCII (so non-ASCII text must be UTF-8
 * encoded first) and copies a view's whole underlying buffer (so the view must span it exactly).
 */
function wabtBuffer(source: string | Uint8Array): Uint8Array {
  const bytes = typeof source === 'string' ? encoder.encode(source) : source;
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length ? bytes : bytes.slice();
}

/**
 * wabt.js allocates filename.length bytes and then writes the terminating NUL one past them; with
 * its allocator that byte lands on the next heap chunk's header when length % 8 === 4. Adding "./"
 * keeps the NUL inside the allocation's slack and names the same file.
 */
function wabtFilename(name: string): string {
  return name.length % 8 === 4 ? `./${name}` : name;
}

export async function createWabtAssembler(): Promise<Assembler> {
  const wabt = await wabtInit();
  return {
    assemble(source, filename) {
      let module: ReturnType<typeof wabt.parseWat> | undefined;
      try {
        module = wabt.parseWat(wabtFilename(filename), wabtBuffer(source), WASM_2_0);
        module.resolveNames();
        return { ok: true, bytes: new Uint8Array(module.toBinary({}).buffer) };
      } catch (e) {
        return { ok: false, error: wabtErrors(e) };
      } finally {
        module?.destroy();
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
