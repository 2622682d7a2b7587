/** The types of the `WebAssembly` object `createWebAssembly` makes, and of its interfaces. */
import type { CompileError, LinkError, RuntimeError, SuspendError } from './errors.js';

/** An instance's exports, as the JavaScript API gives them. */
export type Exports = Record<string, unknown>;

/** The type of a `WebAssembly` object made by `createWebAssembly`. */
export interface WebAssemblyNamespace {
  Module: (new (bytes: ArrayBuffer | ArrayBufferView) => object) & {
    exports(module: object): { name: string; kind: string }[];
    imports(module: object): { module: string; name: string; kind: string }[];
    customSections(module: object, name: string): ArrayBuffer[];
  };
  Instance: new (module: object, importObject?: object) => { readonly exports: Exports };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => { readonly buffer: ArrayBuffer; grow(delta: number): number };
  Table: new (descriptor: { element: string; initial: number; maximum?: number }, value?: unknown) => {
    readonly length: number;
    get(index: number): unknown;
    set(index: number, value?: unknown): void;
    grow(delta: number, value?: unknown): number;
  };
  Global: new (descriptor: { value: string; mutable?: boolean }, value?: unknown) => { value: unknown; valueOf(): unknown };
  /** Exception handling: a type of exception. */
  Tag: new (type: { parameters: Iterable<string> }) => object;
  /** Exception handling: an exception of a tag, carrying values of its parameter types. */
  Exception: new (
    tag: object,
    payload: Iterable<unknown>,
    options?: { traceStack?: boolean },
  ) => {
    getArg(tag: object, index: number): unknown;
    is(tag: object): boolean;
    readonly stack: string | undefined;
  };
  /** Exception handling: the tag of the exceptions that carry what JavaScript throws into wasm (one externref). */
  readonly JSTag: object;
  CompileError: typeof CompileError;
  LinkError: typeof LinkError;
  RuntimeError: typeof RuntimeError;
  SuspendError: typeof SuspendError;
  Suspending: new (fn: (...args: never[]) => unknown) => object;
  validate(bytes: ArrayBuffer | ArrayBufferView): boolean;
  compile(bytes: ArrayBuffer | ArrayBufferView): Promise<object>;
  instantiate(source: unknown, importObject?: object): Promise<unknown>;
  compileStreaming?(source: unknown): Promise<object>;
  instantiateStreaming?(source: unknown, importObject?: object): Promise<{ module: object; instance: { readonly exports: Exports } }>;
  promising(fn: (...args: never[]) => unknown): (...args: unknown[]) => Promise<unknown>;
}
