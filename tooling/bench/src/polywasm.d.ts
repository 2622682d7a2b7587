/** The part of polywasm's API the bench uses (the package ships no types). */
declare module 'polywasm' {
  export const WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  };
}
