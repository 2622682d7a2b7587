/**
 * `import '@proj/webassembly/install'`: makes this package's `WebAssembly` the global one where
 * the platform has none. An existing `WebAssembly` is never replaced.
 */
import { WebAssembly } from './index.js';

const g = globalThis as { WebAssembly?: unknown };
if (g.WebAssembly === undefined) {
  Object.defineProperty(globalThis, 'WebAssembly', { value: WebAssembly, writable: true, enumerable: false, configurable: true });
}
