/**
 * The host's file system under Node.js, confined to one directory: `new NodeFs('/some/dir')`.
 * A separate entry point (`@proj/wasi/node`) so that browser bundles never see `node:fs`.
 * Confinement: the WASI layer resolves `..` and symbolic links itself and hands this class only
 * paths below its root whose directories are not links; every operation here acts on the last
 * name itself, never following a link there (O_NOFOLLOW, lstat, lutimes).
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Errno, type ErrnoName } from './constants.js';
import { type DirEntry, type FileHandle, type FileStat, type FileSystem, type FsPath, FsError, type OpenOptions } from './fs.js';

export * from './index.js';

const errnoByCode = new Map<string, ErrnoName>(
  (Object.keys(Errno) as ErrnoName[]).map((name) => [`E${name.toUpperCase()}`, name]),
);

/** Runs a node:fs call, turning its error into the matching WASI errno. */
function host<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new FsError(code === 'EEXIST' ? 'exist' : 'notempty', what);
    throw new FsError((code && errnoByCode.get(code)) || 'io', what);
  }
}

function statOf(s: fs.BigIntStats): FileStat {
  const type = s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'symlink' : 'other';
  return { type, dev: s.dev, ino: s.ino, nlink: s.nlink, size: s.size, atim: s.atimeNs, mtim: s.mtimeNs, ctim: s.ctimeNs };
}

/** Nanoseconds since the epoch as node:fs takes them (seconds, fractional). */
const seconds = (ns: bigint): number => Number(ns) / 1e9;

/** A directory of the host's file system, seen as a WASI file system. */
export class NodeFs implements FileSystem {
  private readonly root: string;

  /** @throws FsError (`notdir` or `noent`) if `root` is not a directory */
  constructor(root: string) {
    this.root = nodePath.resolve(root);
    if (!host(root, () => fs.statSync(this.root)).isDirectory()) throw new FsError('notdir', root);
  }

  private real(path: FsPath): string {
    return nodePath.join(this.root, ...path);
  }

  stat(path: FsPath): FileStat {
    return host(path.join('/'), () => statOf(fs.lstatSync(this.real(path), { bigint: true })));
  }

  readlink(path: FsPath): string {
    return host(path.join('/'), () => fs.readlinkSync(this.real(path)));
  }

  readdir(path: FsPath): DirEntry[] {
    const dir = this.real(path);
    return host(path.join('/'), () =>
      fs.readdirSync(dir, { withFileTypes: true }).map((d) => ({
        name: d.name,
        type: d.isFile() ? 'file' : d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'symlink' : 'other',
        ino: fs.lstatSync(nodePath.join(dir, d.name), { bigint: true }).ino,
      })),
    );
  }

  open(path: FsPath, options: OpenOptions): FileHandle {
    const c = fs.constants;
    let flags = (options.write ? c.O_RDWR : c.O_RDONLY) | c.O_NOFOLLOW;
    if (options.create) flags |= c.O_CREAT;
    if (options.exclusive) flags |= c.O_EXCL;
    if (options.truncate) flags |= c.O_TRUNC;
    const what = path.join('/');
    const fd = host(what, () => fs.openSync(this.real(path), flags, 0o666));
    if (host(what, () => fs.fstatSync(fd)).isDirectory()) {
      fs.closeSync(fd);
      throw new FsError('isdir', what);
    }
    return {
      read: (buf, offset) => host(what, () => fs.readSync(fd, buf, 0, buf.length, Number(offset))),
      write: (buf, offset) => host(what, () => fs.writeSync(fd, buf, 0, buf.length, Number(offset))),
      stat: () => host(what, () => statOf(fs.fstatSync(fd, { bigint: true }))),
      setSize: (size) => host(what, () => fs.ftruncateSync(fd, Number(size))),
      setTimes: (atim, mtim) =>
        host(what, () => {
          const s = fs.fstatSync(fd, { bigint: true });
          fs.futimesSync(fd, seconds(atim ?? s.atimeNs), seconds(mtim ?? s.mtimeNs));
        }),
      sync: () => host(what, () => fs.fsyncSync(fd)),
      close: () => host(what, () => fs.closeSync(fd)),
    };
  }

  mkdir(path: FsPath): void {
    host(path.join('/'), () => fs.mkdirSync(this.real(path)));
  }

  rmdir(path: FsPath): void {
    host(path.join('/'), () => fs.rmdirSync(this.real(path)));
  }

  unlink(path: FsPath): void {
    host(path.join('/'), () => fs.unlinkSync(this.real(path)));
  }

  /** The host path of `to` in `target`, which must be a NodeFs too (the same host file system). */
  private realIn(target: FileSystem, to: FsPath): string {
    if (!(target instanceof NodeFs)) throw new FsError('xdev', 'between a host and another file system');
    return target.real(to);
  }

  rename(from: FsPath, to: FsPath, target: FileSystem = this): void {
    const dest = this.realIn(target, to);
    host(from.join('/'), () => fs.renameSync(this.real(from), dest));
  }

  link(from: FsPath, to: FsPath, target: FileSystem = this): void {
    const dest = this.realIn(target, to);
    host(from.join('/'), () => fs.linkSync(this.real(from), dest));
  }

  symlink(target: string, path: FsPath): void {
    host(path.join('/'), () => fs.symlinkSync(target, this.real(path)));
  }

  setTimes(path: FsPath, atim: bigint | null, mtim: bigint | null): void {
    const real = this.real(path);
    host(path.join('/'), () => {
      const s = fs.lstatSync(real, { bigint: true });
      fs.lutimesSync(real, seconds(atim ?? s.atimeNs), seconds(mtim ?? s.mtimeNs));
    });
  }
}
