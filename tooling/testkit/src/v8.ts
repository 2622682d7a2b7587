/**
 * V8's own WebAssembly (the reference the tests compare against), typed here: the repository
 * compiles against lib ES2022 without DOM, where the `WebAssembly` global has no declaration.
 */
export interface V8WebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { readonly exports: Record<string, unknown> };
}

/** The platform's WebAssembly (never this engine's). */
export const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;
