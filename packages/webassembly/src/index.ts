/**
 * The standard WebAssembly JavaScript API (JSPI's `Suspending` and `promising` included) running
 * on this engine: `WebAssembly`, made with the default profile, and `createWebAssembly` to
 * choose another.
 */
import { createWebAssembly, type WebAssemblyNamespace } from './api.js';

export { createWebAssembly, type WebAssemblyOptions, type WebAssemblyNamespace, type Exports } from './api.js';
export { CompileError, LinkError, RuntimeError, SuspendError } from './errors.js';

/** A `WebAssembly` object on this engine, with the default profile. */
export const WebAssembly: WebAssemblyNamespace = createWebAssembly();
export default WebAssembly;
