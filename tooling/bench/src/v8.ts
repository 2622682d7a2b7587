/**
 * V8's WebAssembly JS API, typed locally: the repo compiles against lib ES2022 without DOM, so
 * the `WebAssembly` global has no declaration.
 */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: {
    new (bytes: Uint8Array): object;
    imports(module: object): { module: string; name: string; kind: string }[];
    exports(module: object): { name: string; kind: string }[];
  };
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

export const V8Wasm: WebAssemblyApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
