/**
 * The file system interface behind WASI's preopened directories. Paths are lists of names
 * relative to the file system's root; the WASI layer resolves `.`, `..` and symbolic links itself
 * (so that no path escapes the preopened directory) and hands a file system only paths whose
 * directories are real directories. Operations never follow a symbolic link in the last name.
 * Failures throw {@link FsError} with the WASI errno.
 */
import { InvalidError } from '@proj/interpreter';
import { Errno, type ErrnoName } from './constants.js';

/** A path below a file system's root: names without `.`, `..` or `/`. */
export type FsPath = readonly string[];

/** What `stat` tells about a file (times in nanoseconds since the epoch). */
export interface FileStat {
  readonly type: 'file' | 'dir' | 'symlink' | 'other';
  readonly dev: bigint;
  readonly ino: bigint;
  readonly nlink: bigint;
  readonly size: bigint;
  readonly atim: bigint;
  readonly mtim: bigint;
  readonly ctim: bigint;
}

/** One entry of a directory listing. */
export interface DirEntry {
  readonly name: string;
  readonly type: FileStat['type'];
  readonly ino: bigint;
}

/** How to open a regular file. */
export interface OpenOptions {
  /** Create it if it does not exist. */
  readonly create: boolean;
  /** Fail with `exist` if it exists (with `create`). */
  readonly exclusive: boolean;
  /** Truncate it to zero bytes. */
  readonly truncate: boolean;
  /** Whether it will be written (a read-only file system refuses with `rofs`). */
  readonly write: boolean;
}

/** An open regular file. Offsets are byte positions; the WASI layer keeps the file position. */
export interface FileHandle {
  /** Reads into `buf` from `offset`; returns how many bytes were read (0 at the end). */
  read(buf: Uint8Array, offset: bigint): number;
  /** Writes `buf` at `offset` (the file grows as needed); returns how many bytes were written. */
  write(buf: Uint8Array, offset: bigint): number;
  stat(): FileStat;
  setSize(size: bigint): void;
  /** Sets the access and/or modification time (null: leave as is). */
  setTimes(atim: bigint | null, mtim: bigint | null): void;
  sync(): void;
  close(): void;
}

/** A file system a WASI program can see through a preopened directory. */
export interface FileSystem {
  /** The entry at `path`, without following a symbolic link there. */
  stat(path: FsPath): FileStat;
  readlink(path: FsPath): string;
  /** The entries of the directory at `path`, without `.` and `..`. */
  readdir(path: FsPath): DirEntry[];
  open(path: FsPath, options: OpenOptions): FileHandle;
  mkdir(path: FsPath): void;
  rmdir(path: FsPath): void;
  unlink(path: FsPath): void;
  /**
   * Moves `from` to `to` in `target` (this file system, or another preopened one); `xdev` if
   * this file system cannot move entries into `target`.
   */
  rename(from: FsPath, to: FsPath, target: FileSystem): void;
  /** Makes `to` in `target` a hard link to `from`; `xdev` as for `rename`. */
  link(from: FsPath, to: FsPath, target: FileSystem): void;
  symlink(target: string, path: FsPath): void;
  setTimes(path: FsPath, atim: bigint | null, mtim: bigint | null): void;
}

/** A file system operation failed with a WASI errno. */
export class FsError extends InvalidError {
  /**
   * @param errno the specification's name of the error (`noent`, `exist`, ...)
   * @param detail what failed, for the message
   */
  constructor(
    readonly errno: ErrnoName,
    detail?: string,
  ) {
    super(detail === undefined ? `WASI errno ${errno}` : `WASI errno ${errno}: ${detail}`);
    this.name = 'FsError';
  }

  /** The errno's number. */
  get code(): number {
    return Errno[this.errno];
  }
}
