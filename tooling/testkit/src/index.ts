/**
 * Shared by the project's tests and tools: module text to binary with wabt, restricted to the
 * WebAssembly 2.0 feature set, wabt's own verdict on a binary, and a seeded random generator.
 */
import wabtInit from 'wabt';

export type Wabt = Awaited<ReturnType<typeof wabtInit>>;
type WabtModule = ReturnType<Wabt['readWasm']>;

/** WebAssembly 2.0 = the MVP and these proposals (wabt's names); everything newer is off. */
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

export type WabtFeatures = { -readonly [K in keyof typeof WASM_2_0_FEATURES]?: boolean };

let instance: Promise<Wabt> | undefined;

/** wabt, loaded once per process. */
export function loadWabt(): Promise<Wabt> {
  instance ??= wabtInit();
  return instance;
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

/** Keeps wabt's error lines ("file:line:col: error: ...") and drops its source excerpts. */
export function wabtErrors(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.split('\n').filter((l) => / error: /.test(l));
  return lines.length > 0 ? lines.join('; ') : text.replace(/\s+/g, ' ').trim();
}

/**
 * `validate` takes the feature set too (wabt.js accepts it; its typings omit it). Without it the
 * validator uses wabt's defaults, whatever the module was read with.
 */
function validateWith(m: WabtModule, features: WabtFeatures): void {
  (m.validate as (this: WabtModule, options: WabtFeatures) => void).call(m, features);
}

export interface AssembleOptions {
  /** Names the text in wabt's messages (default `module.wat`). */
  readonly filename?: string;
  /** Run wabt's validator too (default: its parser only, so ill-typed modules assemble). */
  readonly validate?: boolean;
  /**
   * Features to turn on or off over the WebAssembly 2.0 set (e.g. `{ exceptions: true }` for the
   * legacy exception-handling instructions); the default is that set alone.
   */
  readonly features?: WabtFeatures;
}

/** Module text to a fresh Uint8Array, names resolved; throws wabt's error when it does not assemble. */
export function assemble(wabt: Wabt, source: string | Uint8Array, options: AssembleOptions = {}): Uint8Array {
  const features = options.features ? { ...WASM_2_0_FEATURES, ...options.features } : WASM_2_0_FEATURES;
  const m = wabt.parseWat(wabtFilename(options.filename ?? 'module.wat'), wabtBuffer(source), features);
  try {
    m.resolveNames();
    if (options.validate) validateWith(m, features);
    return new Uint8Array(m.toBinary({}).buffer);
  } finally {
    m.destroy();
  }
}

/**
 * wabt's verdict on a binary with the given features: null if valid, else its message. The bytes
 * are copied first: given a Node Buffer view into a larger pool, wabt reads past the end.
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

/** A seeded generator of unsigned 32-bit integers (mulberry32), so every failure reproduces. */
export function rng32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
export * from './bytes.js';
export * from './hostile.js';
export * from './structure.js';
export * from './mutate.js';
export { V8Wasm, type V8WebAssembly } from './v8.js';
