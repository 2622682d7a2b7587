/**
 * WASI preview1 for the engine: every function of `wasi_snapshot_preview1` (and
 * `wasi_unstable`) as host calls that may complete asynchronously, an in-memory file system,
 * and standard streams from strings, callbacks, Node or web streams. The host's file system is
 * in `@proj/wasi/node`.
 */
export { Wasi, WasiExit, OUT_OF_FUEL, WASI_FUNCTIONS, runCommand, runReactor, WASI_MODULES, type RunOptions, type Reactor, type HostCallHandler } from './wasi.js';
export type { WasiOptions } from './host.js';
export { type FileSystem, type FileHandle, type FileStat, type DirEntry, type OpenOptions, type FsPath, FsError } from './fs.js';
export { MemoryFs, type MemoryTree } from './memory-fs.js';
export type { InputSource, OutputSink, NodeWritableLike } from './streams.js';
export * from './constants.js';
export { WasiJsApi, type JspiWebAssembly, type InstanceLike, type WasiImports } from './jsapi.js';
