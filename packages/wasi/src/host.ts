/**
 * The functions of WASI preview1 over a file descriptor table. Each takes the call's arguments
 * and the caller's memory and returns an errno, or a promise of one when it completes later
 * (a read from a stream that delivers later, a poll that waits).
 *
 * Short names: `a` the call's arguments (i32 as numbers, i64 as bigints), `m` the caller's memory.
 */
import {
  ClockId,
  DIR_RIGHTS,
  Errno,
  EventType,
  FILE_RIGHTS,
  FdFlags,
  FileType,
  FstFlags,
  LookupFlags,
  OFlags,
  Rights,
  STREAM_RIGHTS,
  SubclockFlags,
} from './constants.js';
import { type FileHandle, type FileStat, type FileSystem, type FsPath, FsError } from './fs.js';
import { Fault, Mem, utf8 } from './memory.js';
import { Input, type InputSource, Output, type OutputSink } from './streams.js';

/** What the program sees: arguments, environment, streams, preopened directories. */
export interface WasiOptions {
  /** The program's arguments, argv[0] included. Default: none. */
  args?: readonly string[];
  /** The environment. Default: empty. */
  env?: Readonly<Record<string, string>>;
  stdin?: InputSource;
  stdout?: OutputSink;
  stderr?: OutputSink;
  /** Preopened directories: guest path (such as `/` or `/data`) to file system. */
  preopens?: Readonly<Record<string, FileSystem>>;
  /** Fills a buffer with random bytes. Default: `crypto.getRandomValues`. */
  random?: (buf: Uint8Array) => void;
}

interface FdBase {
  rights: bigint;
  inheriting: bigint;
  flags: number;
}
interface InFd extends FdBase {
  readonly kind: 'in';
  readonly input: Input;
}
interface OutFd extends FdBase {
  readonly kind: 'out';
  readonly output: Output;
}
interface FileFd extends FdBase {
  readonly kind: 'file';
  readonly handle: FileHandle;
  pos: bigint;
}
interface DirFd extends FdBase {
  readonly kind: 'dir';
  readonly fs: FileSystem;
  readonly path: FsPath;
  /** The guest path of a preopened directory. */
  readonly preopen?: string;
}
type Fd = InFd | OutFd | FileFd | DirFd;

/** An errno, a promise of one, or the program's exit. */
export type Outcome = number | Promise<number> | Exit;

/** `proc_exit` was called with `code`. */
export class Exit {
  constructor(readonly code: number) {}
}

/** The structure layouts that differ between `wasi_unstable` and `wasi_snapshot_preview1`. */
export interface Layout {
  readonly unstable: boolean;
}

const E = Errno;
const MAX_SYMLINKS = 40;
const NS_PER_MS = 1_000_000n;

/** The state of one WASI program: its file descriptors, streams and clocks. */
export class WasiState {
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly fds = new Map<number, Fd>();
  private readonly random: (buf: Uint8Array) => void;
  private readonly started = performance.now();

  /** @throws InvalidError for a stream of an unknown kind */
  constructor(options: WasiOptions) {
    this.args = options.args ?? [];
    this.env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`);
    this.random = options.random ?? ((buf) => crypto.getRandomValues(buf));
    this.fds.set(0, { kind: 'in', input: new Input(options.stdin), rights: STREAM_RIGHTS, inheriting: 0n, flags: 0 });
    this.fds.set(1, { kind: 'out', output: new Output(options.stdout, 'stdout'), rights: STREAM_RIGHTS, inheriting: 0n, flags: FdFlags.append });
    this.fds.set(2, { kind: 'out', output: new Output(options.stderr, 'stderr'), rights: STREAM_RIGHTS, inheriting: 0n, flags: FdFlags.append });
    let fd = 3;
    for (const [guest, fs] of Object.entries(options.preopens ?? {})) {
      this.fds.set(fd++, { kind: 'dir', fs, path: [], preopen: guest, rights: DIR_RIGHTS, inheriting: DIR_RIGHTS | FILE_RIGHTS, flags: 0 });
    }
  }

  // ---- helpers ----

  private fd(n: number, rights: bigint): Fd {
    const fd = this.fds.get(n >>> 0);
    if (fd === undefined) throw new FsError('badf');
    if ((fd.rights & rights) !== rights) throw new FsError('notcapable');
    return fd;
  }

  private dir(n: number, rights: bigint): DirFd {
    const fd = this.fd(n, rights);
    if (fd.kind !== 'dir') throw new FsError('notdir');
    return fd;
  }

  private file(n: number, rights: bigint): FileFd {
    const fd = this.fd(n, rights);
    if (fd.kind === 'dir') throw new FsError('isdir');
    if (fd.kind !== 'file') throw new FsError('spipe');
    return fd;
  }

  /** The path `m[ptr..ptr+len]` names below directory `dir`. */
  private path(m: Mem, dir: DirFd, ptr: number, len: number, follow: boolean): FsPath {
    const text = m.string(ptr, len);
    if (text === null) throw new FsError('ilseq');
    return resolve(dir, text, follow);
  }

  /** The path for a new link: a name ending with `/` fails (`exist` if it is there, else `noent`). */
  private linkPath(m: Mem, dir: DirFd, ptr: number, len: number): FsPath {
    const path = this.path(m, dir, ptr, len, false);
    if (!m.string(ptr, len)?.endsWith('/')) return path;
    try {
      dir.fs.stat(path);
    } catch {
      throw new FsError('noent', 'a link name cannot end with /');
    }
    throw new FsError('exist');
  }

  /** A stat of an fd that is not a file system object. */
  private streamStat(): FileStat {
    return { type: 'other', dev: 0n, ino: 0n, nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n };
  }

  private writeStat(m: Mem, ptr: number, s: FileStat, layout: Layout, type = fileType(s.type)): void {
    m.bytes(ptr, layout.unstable ? 56 : 64).fill(0);
    m.setU64(ptr, s.dev);
    m.setU64(ptr + 8, s.ino);
    m.setU8(ptr + 16, type);
    if (layout.unstable) {
      m.setU32(ptr + 20, Number(BigInt.asUintN(32, s.nlink)));
      m.setU64(ptr + 24, s.size);
      m.setU64(ptr + 32, s.atim);
      m.setU64(ptr + 40, s.mtim);
      m.setU64(ptr + 48, s.ctim);
    } else {
      m.setU64(ptr + 24, s.nlink);
      m.setU64(ptr + 32, s.size);
      m.setU64(ptr + 40, s.atim);
      m.setU64(ptr + 48, s.mtim);
      m.setU64(ptr + 56, s.ctim);
    }
  }

  private now(id: number): bigint | null {
    switch (id) {
      case ClockId.realtime:
        return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
      case ClockId.monotonic:
        return BigInt(Math.round(performance.now() * 1e6));
      case ClockId.process_cputime_id:
      case ClockId.thread_cputime_id:
        // No CPU clock in browsers: the time since the program started stands for it.
        return BigInt(Math.round((performance.now() - this.started) * 1e6));
      default:
        return null;
    }
  }

  /** Times for a set_times call from `fstflags`; throws `inval` for contradictory flags. */
  private times(atim: bigint, mtim: bigint, flags: number): [bigint | null, bigint | null] {
    if ((flags & FstFlags.atim && flags & FstFlags.atim_now) || (flags & FstFlags.mtim && flags & FstFlags.mtim_now) || flags & ~15) {
      throw new FsError('inval');
    }
    const now = this.now(ClockId.realtime)!;
    const a = flags & FstFlags.atim_now ? now : flags & FstFlags.atim ? atim : null;
    const t = flags & FstFlags.mtim_now ? now : flags & FstFlags.mtim ? mtim : null;
    return [a, t];
  }

  // ---- args, environ ----

  private static strings(m: Mem, list: readonly string[], ptrs: number, buf: number): number {
    let at = buf >>> 0;
    list.forEach((s, i) => {
      const bytes = utf8(s);
      m.setU32(ptrs + i * 4, at);
      m.bytes(at, bytes.length + 1).set(bytes);
      m.setU8(at + bytes.length, 0);
      at += bytes.length + 1;
    });
    return E.success;
  }

  private static sizes(m: Mem, list: readonly string[], countPtr: number, sizePtr: number): number {
    m.setU32(countPtr, list.length);
    m.setU32(sizePtr, list.reduce((n, s) => n + utf8(s).length + 1, 0));
    return E.success;
  }

  args_get(a: number[], m: Mem): Outcome {
    return WasiState.strings(m, this.args, a[0], a[1]);
  }
  args_sizes_get(a: number[], m: Mem): Outcome {
    return WasiState.sizes(m, this.args, a[0], a[1]);
  }
  environ_get(a: number[], m: Mem): Outcome {
    return WasiState.strings(m, this.env, a[0], a[1]);
  }
  environ_sizes_get(a: number[], m: Mem): Outcome {
    return WasiState.sizes(m, this.env, a[0], a[1]);
  }

  // ---- clocks, random, process ----

  clock_res_get(a: number[], m: Mem): Outcome {
    if (this.now(a[0]) === null) return E.inval;
    m.setU64(a[1], 1000n);
    return E.success;
  }
  clock_time_get(a: [number, bigint, number], m: Mem): Outcome {
    const t = this.now(a[0]);
    if (t === null) return E.inval;
    m.setU64(a[2], t);
    return E.success;
  }
  random_get(a: number[], m: Mem): Outcome {
    const buf = m.bytes(a[0], a[1]);
    // getRandomValues fills at most 64 KiB per call.
    for (let i = 0; i < buf.length; i += 65536) this.random(buf.subarray(i, i + 65536));
    return E.success;
  }
  proc_exit(a: number[]): Outcome {
    return new Exit(a[0] >>> 0);
  }
  proc_raise(): Outcome {
    return E.nosys;
  }
  sched_yield(): Outcome {
    return E.success;
  }

  // ---- file descriptors ----

  fd_advise(a: [number, bigint, bigint, number]): Outcome {
    const fd = this.fd(a[0], Rights.fd_advise);
    if (a[3] < 0 || a[3] > 5) return E.inval;
    if (fd.kind === 'dir') return E.isdir;
    if (fd.kind !== 'file') return E.spipe;
    return E.success;
  }
  fd_allocate(a: [number, bigint, bigint]): Outcome {
    const fd = this.file(a[0], Rights.fd_allocate);
    if (a[1] < 0n || a[2] <= 0n) return E.inval;
    const end = a[1] + a[2];
    if (end > fd.handle.stat().size) fd.handle.setSize(end);
    return E.success;
  }
  fd_close(a: number[]): Outcome {
    const fd = this.fd(a[0], 0n);
    if (fd.kind === 'file') fd.handle.close();
    this.fds.delete(a[0] >>> 0);
    return E.success;
  }
  fd_datasync(a: number[]): Outcome {
    const fd = this.fd(a[0], Rights.fd_datasync);
    if (fd.kind === 'file') fd.handle.sync();
    return fd.kind === 'file' ? E.success : E.inval;
  }
  fd_sync(a: number[]): Outcome {
    const fd = this.fd(a[0], Rights.fd_sync);
    if (fd.kind === 'file') fd.handle.sync();
    return fd.kind === 'out' || fd.kind === 'in' ? E.inval : E.success;
  }
  fd_fdstat_get(a: number[], m: Mem): Outcome {
    const fd = this.fd(a[0], 0n);
    const type = fd.kind === 'dir' ? FileType.directory : fd.kind === 'file' ? FileType.regular_file : streamType(fd);
    m.bytes(a[1], 24).fill(0);
    m.setU8(a[1], type);
    m.setU16(a[1] + 2, fd.flags);
    m.setU64(a[1] + 8, fd.rights);
    m.setU64(a[1] + 16, fd.inheriting);
    return E.success;
  }
  fd_fdstat_set_flags(a: number[]): Outcome {
    const fd = this.fd(a[0], Rights.fd_fdstat_set_flags);
    if (a[1] & ~31) return E.inval;
    fd.flags = a[1];
    return E.success;
  }
  fd_fdstat_set_rights(a: [number, bigint, bigint]): Outcome {
    const fd = this.fd(a[0], 0n);
    const [base, inheriting] = [BigInt.asUintN(64, a[1]), BigInt.asUintN(64, a[2])];
    if ((base & ~fd.rights) !== 0n || (inheriting & ~fd.inheriting) !== 0n) return E.notcapable;
    fd.rights = base;
    fd.inheriting = inheriting;
    return E.success;
  }
  fd_filestat_get(a: number[], m: Mem, layout: Layout): Outcome {
    const fd = this.fd(a[0], Rights.fd_filestat_get);
    if (fd.kind === 'file') this.writeStat(m, a[1], fd.handle.stat(), layout);
    else if (fd.kind === 'dir') this.writeStat(m, a[1], fd.fs.stat(fd.path), layout);
    else this.writeStat(m, a[1], this.streamStat(), layout, streamType(fd));
    return E.success;
  }
  fd_filestat_set_size(a: [number, bigint]): Outcome {
    const fd = this.file(a[0], Rights.fd_filestat_set_size);
    if (a[1] < 0n) return E.inval;
    fd.handle.setSize(a[1]);
    return E.success;
  }
  fd_filestat_set_times(a: [number, bigint, bigint, number]): Outcome {
    const fd = this.fd(a[0], Rights.fd_filestat_set_times);
    const [atim, mtim] = this.times(BigInt.asUintN(64, a[1]), BigInt.asUintN(64, a[2]), a[3]);
    if (fd.kind === 'file') fd.handle.setTimes(atim, mtim);
    else if (fd.kind === 'dir') fd.fs.setTimes(fd.path, atim, mtim);
    else return E.badf;
    return E.success;
  }
  fd_pread(a: [number, number, number, bigint, number], m: Mem): Outcome {
    const fd = this.fd(a[0], Rights.fd_read | Rights.fd_seek);
    if (fd.kind === 'dir') return E.isdir;
    if (fd.kind !== 'file') return E.spipe;
    if (a[3] < 0n) return E.inval;
    m.setU32(a[4], readInto(fd.handle, m.iovecs(a[1], a[2]), a[3]));
    return E.success;
  }
  fd_pwrite(a: [number, number, number, bigint, number], m: Mem): Outcome {
    const fd = this.fd(a[0], Rights.fd_write | Rights.fd_seek);
    if (fd.kind === 'dir') return E.isdir;
    if (fd.kind !== 'file') return E.spipe;
    if (a[3] < 0n) return E.inval;
    m.setU32(a[4], writeFrom(fd.handle, m.iovecs(a[1], a[2]), a[3]));
    return E.success;
  }
  fd_read(a: number[], m: Mem, _layout: Layout, memory: () => Mem): Outcome {
    const fd = this.fd(a[0], Rights.fd_read);
    if (fd.kind === 'dir') return E.isdir;
    const iovs = m.iovecs(a[1], a[2]);
    if (fd.kind === 'file') {
      const n = readInto(fd.handle, iovs, fd.pos);
      fd.pos += BigInt(n);
      m.setU32(a[3], n);
      return E.success;
    }
    if (fd.kind !== 'in') return E.badf;
    const total = iovs.reduce((n, v) => n + v.length, 0);
    const done = (bytes: Uint8Array): number => {
      // The memory may have been replaced (grown) while the read was pending.
      const now = memory();
      const fresh = now.iovecs(a[1], a[2]);
      scatter(fresh, bytes);
      now.setU32(a[3], bytes.length);
      return E.success;
    };
    const bytes = fd.input.read(total);
    return bytes instanceof Promise ? bytes.then(done, () => E.io) : done(bytes);
  }
  fd_write(a: number[], m: Mem): Outcome {
    const fd = this.fd(a[0], Rights.fd_write);
    if (fd.kind === 'dir') return E.isdir;
    const iovs = m.iovecs(a[1], a[2]);
    if (fd.kind === 'file') {
      if (fd.flags & FdFlags.append) fd.pos = fd.handle.stat().size;
      const n = writeFrom(fd.handle, iovs, fd.pos);
      fd.pos += BigInt(n);
      m.setU32(a[3], n);
      return E.success;
    }
    if (fd.kind !== 'out') return E.badf;
    const bytes = concat(iovs);
    m.setU32(a[3], bytes.length);
    const written = bytes.length === 0 ? undefined : fd.output.write(bytes);
    return written instanceof Promise ? written.then(() => E.success, () => E.io) : E.success;
  }
  fd_prestat_get(a: number[], m: Mem): Outcome {
    const fd = this.fd(a[0], 0n);
    if (fd.kind !== 'dir' || fd.preopen === undefined) return E.badf;
    m.setU32(a[1], 0);
    m.setU32(a[1] + 4, utf8(fd.preopen).length);
    return E.success;
  }
  fd_prestat_dir_name(a: number[], m: Mem): Outcome {
    const fd = this.fd(a[0], 0n);
    if (fd.kind !== 'dir' || fd.preopen === undefined) return E.badf;
    const name = utf8(fd.preopen);
    if (a[2] >>> 0 < name.length) return E.nametoolong;
    m.bytes(a[1], name.length).set(name);
    return E.success;
  }
  fd_readdir(a: [number, number, number, bigint, number], m: Mem): Outcome {
    const fd = this.fd(a[0], Rights.fd_readdir);
    if (fd.kind !== 'dir') return E.notdir;
    const self = fd.fs.stat(fd.path);
    const entries = [
      { name: '.', type: 'dir' as const, ino: self.ino },
      { name: '..', type: 'dir' as const, ino: 0n },
      ...fd.fs.readdir(fd.path),
    ];
    // Each entry is a 24-byte dirent and its name; the last one that fits only in part is cut
    // short, and a full buffer tells the program to call again from the last whole entry's cookie.
    const buf = m.bytes(a[1], a[2]);
    const header = new Uint8Array(24);
    const hv = new DataView(header.buffer);
    let used = 0;
    for (let i = Number(a[3] < 0n ? 0n : a[3]); i < entries.length && used < buf.length; i++) {
      const e = entries[i];
      const name = utf8(e.name);
      hv.setBigUint64(0, BigInt(i + 1), true);
      hv.setBigUint64(8, e.ino, true);
      hv.setUint32(16, name.length, true);
      hv.setUint8(20, fileType(e.type));
      const record = concat([header, name]);
      const n = Math.min(record.length, buf.length - used);
      buf.set(record.subarray(0, n), used);
      used += n;
    }
    m.setU32(a[4], used);
    return E.success;
  }
  fd_renumber(a: number[]): Outcome {
    const from = this.fd(a[0], 0n);
    const to = this.fd(a[1], 0n);
    if (from === to) return E.success;
    if (to.kind === 'file') to.handle.close();
    this.fds.set(a[1] >>> 0, from);
    this.fds.delete(a[0] >>> 0);
    return E.success;
  }
  fd_seek(a: [number, bigint, number, number], m: Mem, layout: Layout): Outcome {
    const whenceOf = layout.unstable ? [2, 0, 1] : [0, 1, 2]; // the numbers of set, cur and end
    const whence = whenceOf.indexOf(a[2]);
    const rights = a[1] === 0n && whence === 1 ? Rights.fd_tell | Rights.fd_seek : Rights.fd_seek;
    const fd = this.fd(a[0], a[1] === 0n && whence === 1 ? Rights.fd_tell : rights);
    if (fd.kind === 'dir') return E.isdir;
    if (fd.kind !== 'file') return E.spipe;
    if (whence < 0) return E.inval;
    const base = whence === 0 ? 0n : whence === 1 ? fd.pos : fd.handle.stat().size;
    const pos = base + a[1];
    if (pos < 0n) return E.inval;
    fd.pos = pos;
    m.setU64(a[3], pos);
    return E.success;
  }
  fd_tell(a: number[], m: Mem): Outcome {
    const fd = this.fd(a[0], Rights.fd_tell);
    if (fd.kind === 'dir') return E.isdir;
    if (fd.kind !== 'file') return E.spipe;
    m.setU64(a[1], fd.pos);
    return E.success;
  }

  // ---- paths ----

  path_create_directory(a: number[], m: Mem): Outcome {
    const dir = this.dir(a[0], Rights.path_create_directory);
    dir.fs.mkdir(this.path(m, dir, a[1], a[2], false));
    return E.success;
  }
  path_filestat_get(a: number[], m: Mem, layout: Layout): Outcome {
    const dir = this.dir(a[0], Rights.path_filestat_get);
    const path = this.path(m, dir, a[2], a[3], (a[1] & LookupFlags.symlink_follow) !== 0);
    this.writeStat(m, a[4], dir.fs.stat(path), layout);
    return E.success;
  }
  path_filestat_set_times(a: [number, number, number, number, bigint, bigint, number], m: Mem): Outcome {
    const dir = this.dir(a[0], Rights.path_filestat_set_times);
    const path = this.path(m, dir, a[2], a[3], (a[1] & LookupFlags.symlink_follow) !== 0);
    const [atim, mtim] = this.times(BigInt.asUintN(64, a[4]), BigInt.asUintN(64, a[5]), a[6]);
    dir.fs.setTimes(path, atim, mtim);
    return E.success;
  }
  path_link(a: number[], m: Mem): Outcome {
    const from = this.dir(a[0], Rights.path_link_source);
    const to = this.dir(a[4], Rights.path_link_target);
    const fromPath = this.path(m, from, a[2], a[3], (a[1] & LookupFlags.symlink_follow) !== 0);
    from.fs.link(fromPath, this.linkPath(m, to, a[5], a[6]), to.fs);
    return E.success;
  }
  path_open(a: [number, number, number, number, number, bigint, bigint, number, number], m: Mem): Outcome {
    const [dirfd, dirflags, pathPtr, pathLen, oflags, , , fdflags, outPtr] = a;
    // Rights beyond what the directory passes on are dropped, not refused (programs often ask for all).
    const base = BigInt.asUintN(64, a[5]);
    const inheriting = BigInt.asUintN(64, a[6]);
    let needed = Rights.path_open;
    if (oflags & OFlags.creat) needed |= Rights.path_create_file;
    if (oflags & OFlags.trunc) needed |= Rights.path_filestat_set_size;
    const dir = this.dir(dirfd, needed);
    // Creating a directory is path_create_directory's job (Linux's open refuses it the same way).
    if (oflags & OFlags.creat && oflags & OFlags.directory) return E.inval;
    const path = this.path(m, dir, pathPtr, pathLen, (dirflags & LookupFlags.symlink_follow) !== 0);
    let stat: FileStat | null = null;
    try {
      stat = dir.fs.stat(path);
    } catch (e) {
      if (!(e instanceof FsError && e.errno === 'noent' && oflags & OFlags.creat)) throw e;
    }
    const write = (base & (Rights.fd_write | Rights.fd_allocate | Rights.fd_filestat_set_size)) !== 0n;
    if (stat?.type === 'dir') {
      if (oflags & OFlags.creat && oflags & OFlags.excl) return E.exist;
      if (oflags & OFlags.trunc || (base & Rights.fd_write) !== 0n) return E.isdir;
      const fd: DirFd = { kind: 'dir', fs: dir.fs, path, rights: base & DIR_RIGHTS & dir.inheriting, inheriting: inheriting & dir.inheriting, flags: fdflags };
      m.setU32(outPtr, this.add(fd));
      return E.success;
    }
    if (oflags & OFlags.directory) return stat?.type === 'symlink' ? E.loop : stat === null ? E.noent : E.notdir;
    if (stat?.type === 'symlink' && !(oflags & OFlags.creat && oflags & OFlags.excl)) return E.loop;
    const handle = dir.fs.open(path, {
      create: (oflags & OFlags.creat) !== 0,
      exclusive: (oflags & OFlags.excl) !== 0,
      truncate: (oflags & OFlags.trunc) !== 0,
      write: write || (oflags & OFlags.trunc) !== 0,
    });
    const fd: FileFd = { kind: 'file', handle, pos: 0n, rights: base & FILE_RIGHTS & dir.inheriting, inheriting: 0n, flags: fdflags };
    m.setU32(outPtr, this.add(fd));
    return E.success;
  }
  path_readlink(a: number[], m: Mem): Outcome {
    const dir = this.dir(a[0], Rights.path_readlink);
    const target = utf8(dir.fs.readlink(this.path(m, dir, a[1], a[2], false)));
    const n = Math.min(target.length, a[4] >>> 0);
    m.bytes(a[3], n).set(target.subarray(0, n));
    m.setU32(a[5], n);
    return E.success;
  }
  path_remove_directory(a: number[], m: Mem): Outcome {
    const dir = this.dir(a[0], Rights.path_remove_directory);
    dir.fs.rmdir(this.path(m, dir, a[1], a[2], false));
    return E.success;
  }
  path_rename(a: number[], m: Mem): Outcome {
    const from = this.dir(a[0], Rights.path_rename_source);
    const to = this.dir(a[3], Rights.path_rename_target);
    const fromPath = this.path(m, from, a[1], a[2], false);
    const toPath = this.path(m, to, a[4], a[5], false);
    // A name ending with `/` names a directory: only a directory may move there.
    if (m.string(a[4], a[5])?.endsWith('/') && from.fs.stat(fromPath).type !== 'dir') return E.notdir;
    from.fs.rename(fromPath, toPath, to.fs);
    return E.success;
  }
  path_symlink(a: number[], m: Mem): Outcome {
    const dir = this.dir(a[2], Rights.path_symlink);
    const target = m.string(a[0], a[1]);
    if (target === null) return E.ilseq;
    // A link to an absolute path could never be followed inside the sandbox.
    if (target.startsWith('/')) return E.notcapable;
    dir.fs.symlink(target, this.linkPath(m, dir, a[3], a[4]));
    return E.success;
  }
  path_unlink_file(a: number[], m: Mem): Outcome {
    const dir = this.dir(a[0], Rights.path_unlink_file);
    const text = m.string(a[1], a[2]);
    const path = this.path(m, dir, a[1], a[2], false);
    if (text?.endsWith('/') && dir.fs.stat(path).type !== 'dir') return E.notdir;
    dir.fs.unlink(path);
    return E.success;
  }

  private add(fd: Fd): number {
    let n = 3;
    while (this.fds.has(n)) n++;
    this.fds.set(n, fd);
    return n;
  }

  // ---- poll ----

  poll_oneoff(a: number[], m: Mem, layout: Layout, memory: () => Mem): Outcome {
    const [inPtr, outPtr, count, neventsPtr] = a;
    if (count >>> 0 === 0) return E.inval;
    const size = layout.unstable ? 56 : 48;
    interface Sub {
      userdata: bigint;
      type: number;
      /** For a clock: when it fires, in monotonic nanoseconds; for an fd: its number. */
      deadline: bigint;
      fd: number;
    }
    const subs: Sub[] = [];
    const start = this.now(ClockId.monotonic)!;
    for (let i = 0; i < count >>> 0; i++) {
      const p = inPtr + i * size;
      const userdata = m.u64(p);
      const type = m.u8At(p + 8);
      const u = p + (layout.unstable ? 24 : 16); // the union's fields after an unstable clock's identifier
      if (type === EventType.clock) {
        const id = m.u32(u);
        const timeout = m.u64(u + 8);
        const flags = m.u16(u + 24);
        const now = this.now(id);
        const deadline = now === null ? -1n : flags & SubclockFlags.subscription_clock_abstime ? start + (timeout - now) : start + timeout;
        subs.push({ userdata, type, deadline, fd: -1 });
      } else if (type === EventType.fd_read || type === EventType.fd_write) {
        subs.push({ userdata, type, deadline: 0n, fd: m.u32(p + 16) });
      } else {
        subs.push({ userdata, type, deadline: -2n, fd: -1 });
      }
    }
    const events = (): { sub: Sub; error: number; nbytes: bigint; flags: number }[] => {
      const now = this.now(ClockId.monotonic)!;
      const out: { sub: Sub; error: number; nbytes: bigint; flags: number }[] = [];
      for (const sub of subs) {
        if (sub.type === EventType.clock) {
          if (sub.deadline === -1n) out.push({ sub, error: E.inval, nbytes: 0n, flags: 0 });
          else if (sub.deadline <= now) out.push({ sub, error: E.success, nbytes: 0n, flags: 0 });
        } else if (sub.deadline === -2n) {
          out.push({ sub, error: E.inval, nbytes: 0n, flags: 0 });
        } else {
          const fd = this.fds.get(sub.fd);
          const want = sub.type === EventType.fd_read ? Rights.fd_read : Rights.fd_write;
          if (fd === undefined) out.push({ sub, error: E.badf, nbytes: 0n, flags: 0 });
          else if ((fd.rights & (want | Rights.poll_fd_readwrite)) === 0n) out.push({ sub, error: E.notcapable, nbytes: 0n, flags: 0 });
          else if (fd.kind === 'file') {
            const left = sub.type === EventType.fd_read ? fd.handle.stat().size - fd.pos : 0n;
            out.push({ sub, error: E.success, nbytes: left > 0n ? left : 0n, flags: 0 });
          } else if (fd.kind === 'in' && sub.type === EventType.fd_read) {
            if (fd.input.ready) out.push({ sub, error: E.success, nbytes: 1n, flags: 0 });
          } else if (fd.kind === 'out' && sub.type === EventType.fd_write) {
            out.push({ sub, error: E.success, nbytes: 0n, flags: 0 });
          } else out.push({ sub, error: E.badf, nbytes: 0n, flags: 0 });
        }
      }
      return out;
    };
    const report = (): number => {
      const mem = memory();
      const ready = events();
      ready.forEach((e, i) => {
        const p = outPtr + i * 32;
        mem.bytes(p, 32).fill(0);
        mem.setU64(p, e.sub.userdata);
        mem.setU16(p + 8, e.error);
        mem.setU8(p + 10, e.sub.type);
        mem.setU64(p + 16, e.nbytes);
        mem.setU16(p + 24, e.flags);
      });
      mem.setU32(neventsPtr, ready.length);
      return E.success;
    };
    if (events().length > 0) return report();
    // Nothing is ready: wait for the first clock or the first input.
    const waits: Promise<void>[] = [];
    const clocks = subs.filter((s) => s.type === EventType.clock).map((s) => s.deadline);
    if (clocks.length > 0) {
      const first = clocks.reduce((x, y) => (y < x ? y : x));
      const ms = Number((first - this.now(ClockId.monotonic)! + NS_PER_MS - 1n) / NS_PER_MS);
      waits.push(new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))));
    }
    for (const sub of subs) {
      const fd = this.fds.get(sub.fd);
      if (sub.type === EventType.fd_read && fd?.kind === 'in') {
        const filled = fd.input.fill();
        if (filled) waits.push(filled.catch(() => {}));
      }
    }
    if (waits.length === 0) return report();
    const again = async (): Promise<number> => {
      await Promise.race(waits);
      // A timer may fire a little early by the monotonic clock: wait out the rest.
      while (events().length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      return report();
    };
    return again();
  }

  // ---- sockets: this host has none, so no open fd is one ----

  sock_accept(a: number[]): Outcome {
    this.fd(a[0], 0n);
    return E.notsock;
  }
  sock_recv(a: number[]): Outcome {
    this.fd(a[0], 0n);
    return E.notsock;
  }
  sock_send(a: number[]): Outcome {
    this.fd(a[0], 0n);
    return E.notsock;
  }
  sock_shutdown(a: number[]): Outcome {
    this.fd(a[0], 0n);
    return E.notsock;
  }
}

/**
 * Resolves `text` below directory `dir`: `.` and `..` and symbolic links, never above `dir`
 * (`notcapable`), never through an absolute path (`notcapable`). The last name is followed if it
 * is a symbolic link and `follow` is set (or the path ends with `/`).
 */
export function resolve(dir: DirFd | { fs: FileSystem; path: FsPath }, text: string, follow: boolean): FsPath {
  if (text === '') throw new FsError('noent', 'empty path');
  if (text.includes('\0')) throw new FsError('inval', 'path contains NUL');
  if (text.startsWith('/')) throw new FsError('notcapable', `absolute path ${text}`);
  const floor = dir.path.length;
  const stack = [...dir.path];
  let parts = text.split('/');
  let links = 0;
  while (parts.length > 0) {
    const name = parts.shift()!;
    if (name === '' || name === '.') continue;
    if (name === '..') {
      if (stack.length <= floor) throw new FsError('notcapable', `${text} leaves its directory`);
      stack.pop();
      continue;
    }
    // Only slashes after a name: it is the last, and must be a directory (a link is followed).
    const trailing = parts.length > 0 && parts.every((p) => p === '');
    const last = parts.length === 0 || trailing;
    stack.push(name);
    if (last && !follow && !trailing) break;
    let stat: FileStat;
    try {
      stat = dir.fs.stat(stack);
    } catch (e) {
      if (last && e instanceof FsError && e.errno === 'noent') break;
      throw e;
    }
    if (stat.type === 'symlink') {
      if (++links > MAX_SYMLINKS) throw new FsError('loop', text);
      const target = dir.fs.readlink(stack);
      stack.pop();
      if (target.startsWith('/')) throw new FsError('notcapable', `${text} links to the absolute path ${target}`);
      parts = [...target.split('/'), ...parts];
      continue;
    }
    if ((!last || trailing) && stat.type !== 'dir') {
      throw new FsError('notdir', text);
    }
    if (last) break;
  }
  return stack;
}

/** A terminal is a character device (so that isatty holds); other streams are of unknown type. */
function streamType(fd: InFd | OutFd): number {
  return (fd.kind === 'in' ? fd.input.terminal : fd.output.terminal) ? FileType.character_device : FileType.unknown;
}

function fileType(type: FileStat['type']): number {
  return type === 'file' ? FileType.regular_file : type === 'dir' ? FileType.directory : type === 'symlink' ? FileType.symbolic_link : FileType.unknown;
}

function readInto(handle: FileHandle, iovs: Uint8Array[], offset: bigint): number {
  let total = 0;
  for (const iov of iovs) {
    const n = handle.read(iov, offset + BigInt(total));
    total += n;
    if (n < iov.length) break;
  }
  return total;
}

function writeFrom(handle: FileHandle, iovs: Uint8Array[], offset: bigint): number {
  let total = 0;
  for (const iov of iovs) total += handle.write(iov, offset + BigInt(total));
  return total;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function scatter(iovs: Uint8Array[], bytes: Uint8Array): void {
  let at = 0;
  for (const iov of iovs) {
    if (at >= bytes.length) break;
    const n = Math.min(iov.length, bytes.length - at);
    iov.set(bytes.subarray(at, at + n));
    at += n;
  }
}

export { Fault };
