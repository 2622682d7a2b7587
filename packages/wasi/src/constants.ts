/**
 * The numbers of WASI preview1 (`wasi_snapshot_preview1`), from the specification's witx files:
 * errno values, rights, file types and flags.
 */

/** Error codes (`errno`), by the specification's names. */
export const Errno = {
  success: 0, '2big': 1, acces: 2, addrinuse: 3, addrnotavail: 4, afnosupport: 5, again: 6,
  already: 7, badf: 8, badmsg: 9, busy: 10, canceled: 11, child: 12, connaborted: 13,
  connrefused: 14, connreset: 15, deadlk: 16, destaddrreq: 17, dom: 18, dquot: 19, exist: 20,
  fault: 21, fbig: 22, hostunreach: 23, idrm: 24, ilseq: 25, inprogress: 26, intr: 27, inval: 28,
  io: 29, isconn: 30, isdir: 31, loop: 32, mfile: 33, mlink: 34, msgsize: 35, multihop: 36,
  nametoolong: 37, netdown: 38, netreset: 39, netunreach: 40, nfile: 41, nobufs: 42, nodev: 43,
  noent: 44, noexec: 45, nolck: 46, nolink: 47, nomem: 48, nomsg: 49, noprotoopt: 50, nospc: 51,
  nosys: 52, notconn: 53, notdir: 54, notempty: 55, notrecoverable: 56, notsock: 57, notsup: 58,
  notty: 59, nxio: 60, overflow: 61, ownerdead: 62, perm: 63, pipe: 64, proto: 65,
  protonosupport: 66, prototype: 67, range: 68, rofs: 69, spipe: 70, srch: 71, stale: 72,
  timedout: 73, txtbsy: 74, xdev: 75, notcapable: 76,
} as const;

/** The name of an errno value. */
export type ErrnoName = keyof typeof Errno;

/** Rights (`rights`): one bit each. */
export const Rights = {
  fd_datasync: 1n << 0n,
  fd_read: 1n << 1n,
  fd_seek: 1n << 2n,
  fd_fdstat_set_flags: 1n << 3n,
  fd_sync: 1n << 4n,
  fd_tell: 1n << 5n,
  fd_write: 1n << 6n,
  fd_advise: 1n << 7n,
  fd_allocate: 1n << 8n,
  path_create_directory: 1n << 9n,
  path_create_file: 1n << 10n,
  path_link_source: 1n << 11n,
  path_link_target: 1n << 12n,
  path_open: 1n << 13n,
  fd_readdir: 1n << 14n,
  path_readlink: 1n << 15n,
  path_rename_source: 1n << 16n,
  path_rename_target: 1n << 17n,
  path_filestat_get: 1n << 18n,
  path_filestat_set_size: 1n << 19n,
  path_filestat_set_times: 1n << 20n,
  fd_filestat_get: 1n << 21n,
  fd_filestat_set_size: 1n << 22n,
  fd_filestat_set_times: 1n << 23n,
  path_symlink: 1n << 24n,
  path_remove_directory: 1n << 25n,
  path_unlink_file: 1n << 26n,
  poll_fd_readwrite: 1n << 27n,
  sock_shutdown: 1n << 28n,
  sock_accept: 1n << 29n,
} as const;

const R = Rights;
/** Every right a regular file can have. */
export const FILE_RIGHTS =
  R.fd_datasync | R.fd_read | R.fd_seek | R.fd_fdstat_set_flags | R.fd_sync | R.fd_tell | R.fd_write |
  R.fd_advise | R.fd_allocate | R.fd_filestat_get | R.fd_filestat_set_size | R.fd_filestat_set_times |
  R.poll_fd_readwrite;
/** Every right a directory can have (for itself). */
export const DIR_RIGHTS =
  R.fd_fdstat_set_flags | R.fd_sync | R.fd_advise | R.path_create_directory | R.path_create_file |
  R.path_link_source | R.path_link_target | R.path_open | R.fd_readdir | R.path_readlink |
  R.path_rename_source | R.path_rename_target | R.path_filestat_get | R.path_filestat_set_size |
  R.path_filestat_set_times | R.fd_filestat_get | R.fd_filestat_set_times | R.path_symlink |
  R.path_remove_directory | R.path_unlink_file;
/** The rights of a standard stream. */
export const STREAM_RIGHTS = R.fd_read | R.fd_write | R.fd_fdstat_set_flags | R.fd_filestat_get | R.poll_fd_readwrite;

/** File types (`filetype`). */
export const FileType = {
  unknown: 0,
  block_device: 1,
  character_device: 2,
  directory: 3,
  regular_file: 4,
  socket_dgram: 5,
  socket_stream: 6,
  symbolic_link: 7,
} as const;

/** `fdflags` */
export const FdFlags = { append: 1, dsync: 2, nonblock: 4, rsync: 8, sync: 16 } as const;
/** `oflags` */
export const OFlags = { creat: 1, directory: 2, excl: 4, trunc: 8 } as const;
/** `lookupflags` */
export const LookupFlags = { symlink_follow: 1 } as const;
/** `fstflags` */
export const FstFlags = { atim: 1, atim_now: 2, mtim: 4, mtim_now: 8 } as const;
/** `clockid` */
export const ClockId = { realtime: 0, monotonic: 1, process_cputime_id: 2, thread_cputime_id: 3 } as const;
/** `eventtype` */
export const EventType = { clock: 0, fd_read: 1, fd_write: 2 } as const;
/** `subclockflags` */
export const SubclockFlags = { subscription_clock_abstime: 1 } as const;
/** `eventrwflags` */
export const EventRwFlags = { fd_readwrite_hangup: 1 } as const;
