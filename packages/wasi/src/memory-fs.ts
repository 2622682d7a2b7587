/** An in-memory file system: works everywhere, can be preloaded with files and directories. */
import { type DirEntry, type FileHandle, type FileStat, type FileSystem, type FsPath, FsError, type OpenOptions } from './fs.js';

/** Preloaded contents: a string or bytes is a file, an object is a directory. */
export interface MemoryTree {
  readonly [name: string]: string | Uint8Array | MemoryTree;
}

interface Times {
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}
interface FileNode extends Times {
  readonly kind: 'file';
  readonly ino: bigint;
  nlink: bigint;
  data: Uint8Array;
  size: number;
}
interface DirNode extends Times {
  readonly kind: 'dir';
  readonly ino: bigint;
  nlink: bigint;
  readonly entries: Map<string, Node>;
}
interface LinkNode extends Times {
  readonly kind: 'symlink';
  readonly ino: bigint;
  nlink: bigint;
  readonly target: string;
}
type Node = FileNode | DirNode | LinkNode;

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;
const encoder = new TextEncoder();

/** The largest file this file system holds (the platform's typed arrays allow about this much). */
const MAX_FILE_SIZE = 2 ** 31 - 1;

/**
 * A file system held in memory. `new MemoryFs({ 'a.txt': 'text', sub: { 'b.bin': bytes } })`
 * preloads it; `readOnly` makes every change fail with `rofs`.
 */
export class MemoryFs implements FileSystem {
  private nextIno = 1n;
  private readonly root: DirNode;

  /**
   * @param tree the files and directories it starts with
   * @throws FsError (`inval`) for a name containing `/` or equal to `.` or `..`
   */
  constructor(
    tree: MemoryTree = {},
    private readonly options: { readOnly?: boolean } = {},
  ) {
    this.root = this.newDir();
    this.load(this.root, tree);
  }

  private times(): Times {
    const t = nowNs();
    return { atim: t, mtim: t, ctim: t };
  }

  private newDir(): DirNode {
    return { kind: 'dir', ino: this.nextIno++, nlink: 1n, entries: new Map(), ...this.times() };
  }

  private newFile(data: Uint8Array): FileNode {
    return { kind: 'file', ino: this.nextIno++, nlink: 1n, data, size: data.length, ...this.times() };
  }

  private load(dir: DirNode, tree: MemoryTree): void {
    for (const [name, value] of Object.entries(tree)) {
      if (name === '' || name === '.' || name === '..' || name.includes('/')) throw new FsError('inval', `bad file name ${JSON.stringify(name)}`);
      if (typeof value === 'string') dir.entries.set(name, this.newFile(encoder.encode(value)));
      else if (value instanceof Uint8Array) dir.entries.set(name, this.newFile(value.slice()));
      else {
        const sub = this.newDir();
        dir.entries.set(name, sub);
        this.load(sub, value);
      }
    }
  }

  /** The node at `path` (its parent directories must exist). */
  private node(path: FsPath): Node {
    let node: Node = this.root;
    for (const name of path) {
      if (node.kind !== 'dir') throw new FsError('notdir', name);
      const next = node.entries.get(name);
      if (next === undefined) throw new FsError('noent', path.join('/'));
      node = next;
    }
    return node;
  }

  /** The directory holding `path`'s last name, and that name. */
  private parent(path: FsPath): [DirNode, string] {
    if (path.length === 0) throw new FsError('busy', 'the root directory');
    const dir = this.node(path.slice(0, -1));
    if (dir.kind !== 'dir') throw new FsError('notdir', path.join('/'));
    return [dir, path[path.length - 1]];
  }

  private writable(): void {
    if (this.options.readOnly) throw new FsError('rofs');
  }

  private add(path: FsPath, node: Node): void {
    this.writable();
    const [dir, name] = this.parent(path);
    if (dir.entries.has(name)) throw new FsError('exist', path.join('/'));
    dir.entries.set(name, node);
    dir.mtim = dir.ctim = nowNs();
  }

  stat(path: FsPath): FileStat {
    return statOf(this.node(path));
  }

  readlink(path: FsPath): string {
    const node = this.node(path);
    if (node.kind !== 'symlink') throw new FsError('inval', `${path.join('/')} is not a symbolic link`);
    return node.target;
  }

  readdir(path: FsPath): DirEntry[] {
    const node = this.node(path);
    if (node.kind !== 'dir') throw new FsError('notdir', path.join('/'));
    return [...node.entries].map(([name, n]) => ({ name, type: statOf(n).type, ino: n.ino }));
  }

  open(path: FsPath, options: OpenOptions): FileHandle {
    let node: Node | undefined;
    try {
      node = this.node(path);
    } catch (e) {
      if (!(e instanceof FsError && e.errno === 'noent' && options.create)) throw e;
    }
    if (node === undefined) {
      node = this.newFile(new Uint8Array(0));
      this.add(path, node);
    } else if (options.create && options.exclusive) throw new FsError('exist', path.join('/'));
    if (node.kind === 'dir') throw new FsError('isdir', path.join('/'));
    if (node.kind === 'symlink') throw new FsError('loop', path.join('/'));
    if (options.write || options.truncate) this.writable();
    const file = node;
    if (options.truncate) resize(file, 0);
    return {
      read: (buf, offset) => {
        if (offset >= BigInt(file.size)) return 0;
        const start = Number(offset);
        const n = Math.min(buf.length, file.size - start);
        buf.set(file.data.subarray(start, start + n));
        file.atim = nowNs();
        return n;
      },
      write: (buf, offset) => {
        this.writable();
        const end = offset + BigInt(buf.length);
        if (end > BigInt(MAX_FILE_SIZE)) throw new FsError('fbig');
        if (Number(end) > file.size) resize(file, Number(end));
        file.data.set(buf, Number(offset));
        file.mtim = file.ctim = nowNs();
        return buf.length;
      },
      stat: () => statOf(file),
      setSize: (size) => {
        this.writable();
        if (size > BigInt(MAX_FILE_SIZE)) throw new FsError('fbig');
        resize(file, Number(size));
      },
      setTimes: (atim, mtim) => setTimes(file, atim, mtim),
      sync: () => {},
      close: () => {},
    };
  }

  mkdir(path: FsPath): void {
    this.add(path, this.newDir());
  }

  rmdir(path: FsPath): void {
    this.writable();
    const [dir, name] = this.parent(path);
    const node = dir.entries.get(name);
    if (node === undefined) throw new FsError('noent', path.join('/'));
    if (node.kind !== 'dir') throw new FsError('notdir', path.join('/'));
    if (node.entries.size > 0) throw new FsError('notempty', path.join('/'));
    dir.entries.delete(name);
  }

  unlink(path: FsPath): void {
    this.writable();
    const [dir, name] = this.parent(path);
    const node = dir.entries.get(name);
    if (node === undefined) throw new FsError('noent', path.join('/'));
    if (node.kind === 'dir') throw new FsError('isdir', path.join('/'));
    dir.entries.delete(name);
    node.nlink--;
  }

  rename(from: FsPath, to: FsPath, target: FileSystem = this): void {
    if (target !== this) throw new FsError('xdev', 'rename between file systems');
    this.writable();
    const [fromDir, fromName] = this.parent(from);
    const node = fromDir.entries.get(fromName);
    if (node === undefined) throw new FsError('noent', from.join('/'));
    const [toDir, toName] = this.parent(to);
    if (node.kind === 'dir' && to.length > from.length && from.every((n, i) => n === to[i])) {
      throw new FsError('inval', 'a directory cannot move into itself');
    }
    const old = toDir.entries.get(toName);
    if (old === node) return;
    if (old !== undefined) {
      if (node.kind === 'dir' && old.kind !== 'dir') throw new FsError('notdir', to.join('/'));
      if (node.kind !== 'dir' && old.kind === 'dir') throw new FsError('isdir', to.join('/'));
      if (old.kind === 'dir' && old.entries.size > 0) throw new FsError('notempty', to.join('/'));
    }
    fromDir.entries.delete(fromName);
    toDir.entries.set(toName, node);
  }

  link(from: FsPath, to: FsPath, target: FileSystem = this): void {
    if (target !== this) throw new FsError('xdev', 'link between file systems');
    const node = this.node(from);
    if (node.kind === 'dir') throw new FsError('perm', 'hard links to directories');
    this.add(to, node);
    node.nlink++;
  }

  symlink(target: string, path: FsPath): void {
    this.add(path, { kind: 'symlink', ino: this.nextIno++, nlink: 1n, target, ...this.times() });
  }

  setTimes(path: FsPath, atim: bigint | null, mtim: bigint | null): void {
    setTimes(this.node(path), atim, mtim);
  }
}

function statOf(node: Node): FileStat {
  const size = node.kind === 'file' ? BigInt(node.size) : node.kind === 'symlink' ? BigInt(encoder.encode(node.target).length) : 0n;
  return { type: node.kind, dev: 0n, ino: node.ino, nlink: node.nlink, size, atim: node.atim, mtim: node.mtim, ctim: node.ctim };
}

function resize(file: FileNode, size: number): void {
  if (size > file.data.length) {
    const data = new Uint8Array(Math.max(size, Math.min(MAX_FILE_SIZE, file.data.length * 2)));
    data.set(file.data.subarray(0, file.size));
    file.data = data;
  } else if (size < file.size) {
    file.data.fill(0, size, file.size);
  }
  file.size = size;
  file.mtim = file.ctim = nowNs();
}

function setTimes(node: Node, atim: bigint | null, mtim: bigint | null): void {
  if (atim !== null) node.atim = atim;
  if (mtim !== null) node.mtim = mtim;
  node.ctim = nowNs();
}
