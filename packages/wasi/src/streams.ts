/**
 * Standard streams as the user supplies them: strings or bytes, callbacks, async iterables (Node
 * streams among them), web ReadableStream / WritableStream. Reads may complete later: the WASI
 * function then returns a promise and the program stays suspended until it settles.
 */
import { InvalidError } from '@proj/interpreter';

/** Where standard input comes from. */
export type InputSource =
  | string
  | Uint8Array
  /** Called for more input: bytes (or text), or null at the end. */
  | (() => Uint8Array | string | null | Promise<Uint8Array | string | null>)
  /** Node's Readable streams are async iterables. */
  | AsyncIterable<Uint8Array | string>
  | ReadableStream<Uint8Array>;

/** A Node Writable, or anything with its `write(chunk, callback)`. */
export interface NodeWritableLike {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
}

/** Where standard output or error goes. */
export type OutputSink =
  /** Called with each write's bytes (a copy the callee may keep). */
  | ((bytes: Uint8Array) => void | Promise<void>)
  | WritableStream<Uint8Array>
  | NodeWritableLike;

const encoder = new TextEncoder();
const empty = new Uint8Array(0);

type Chunk = Uint8Array | null;
const toBytes = (c: Uint8Array | string | null): Chunk => (typeof c === 'string' ? encoder.encode(c) : c);

/** Whether a stream is a terminal (Node's streams say so in `isTTY`). */
export const isTerminal = (stream: unknown): boolean =>
  (typeof stream === 'object' || typeof stream === 'function') && stream !== null && (stream as { isTTY?: unknown }).isTTY === true;

/** Standard input with a buffer, so that a poll can wait for data without consuming it. */
export class Input {
  /** Whether the source is a terminal. */
  readonly terminal: boolean;
  private buffered: Uint8Array = empty;
  private ended = false;
  private filling: Promise<void> | null = null;
  private readonly pull: () => Chunk | Promise<Chunk>;

  /** @throws InvalidError for a source of an unknown kind */
  constructor(source: InputSource | undefined) {
    this.pull = pullerOf(source);
    this.terminal = isTerminal(source);
  }

  /** Whether a read would complete at once (data is buffered or the input has ended). */
  get ready(): boolean {
    return this.buffered.length > 0 || this.ended;
  }

  /** Settles once data is buffered or the input has ended. */
  fill(): Promise<void> | void {
    if (this.ready) return;
    if (this.filling) return this.filling;
    const next = (c: Chunk): void => {
      if (c === null) this.ended = true;
      else this.buffered = c;
    };
    const chunk = this.pull();
    if (!(chunk instanceof Promise)) {
      // A function that has nothing right now (an empty chunk) makes this read return 0 bytes.
      next(chunk);
      return;
    }
    this.filling = chunk.then(next).finally(() => (this.filling = null));
    return this.filling.then(() => this.fill());
  }

  /** Up to `max` bytes, fewer if that is what is there, none at the end. */
  read(max: number): Uint8Array | Promise<Uint8Array> {
    const pending = this.fill();
    if (pending) return pending.then(() => this.take(max));
    return this.take(max);
  }

  private take(max: number): Uint8Array {
    const out = this.buffered.subarray(0, max);
    this.buffered = this.buffered.subarray(out.length);
    return out;
  }
}

function pullerOf(source: InputSource | undefined): () => Chunk | Promise<Chunk> {
  if (source === undefined) return () => null;
  if (typeof source === 'string' || source instanceof Uint8Array) {
    let rest: Chunk = toBytes(source);
    return () => {
      const c = rest;
      rest = null;
      return c;
    };
  }
  if (typeof source === 'function') {
    return () => {
      const c = source();
      return c instanceof Promise ? c.then(toBytes) : toBytes(c);
    };
  }
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
    const reader = source.getReader();
    return () => reader.read().then((r) => (r.done ? null : r.value));
  }
  if (typeof source === 'object' && source !== null && Symbol.asyncIterator in source) {
    const it = source[Symbol.asyncIterator]();
    return () => it.next().then((r) => (r.done ? null : toBytes(r.value)));
  }
  throw new InvalidError('stdin: expected a string, bytes, a function, an async iterable or a ReadableStream');
}

/** Standard output or error. */
export class Output {
  readonly write: (bytes: Uint8Array) => void | Promise<void>;
  /** Whether the sink is a terminal. */
  readonly terminal: boolean;

  /** @throws InvalidError for a sink of an unknown kind */
  constructor(sink: OutputSink | undefined, name: string) {
    this.write = writerOf(sink, name);
    this.terminal = isTerminal(sink);
  }
}

function writerOf(sink: OutputSink | undefined, name: string): (bytes: Uint8Array) => void | Promise<void> {
  if (sink === undefined) return () => {};
  if (typeof sink === 'function') return sink;
  if (typeof WritableStream !== 'undefined' && sink instanceof WritableStream) {
    const writer = sink.getWriter();
    return (bytes) => writer.write(bytes);
  }
  if (typeof (sink as NodeWritableLike).write === 'function') {
    const node = sink as NodeWritableLike;
    // A failed write (a closed pipe) reaches the program as `io` through the write's callback;
    // without a listener the stream's 'error' event would end the whole process.
    (node as { on?: (event: string, listener: () => void) => void }).on?.('error', () => {});
    return (bytes) =>
      new Promise<void>((resolve, reject) => {
        node.write(bytes, (error) => (error ? reject(error) : resolve()));
      });
  }
  throw new InvalidError(`${name}: expected a function, a WritableStream or a Node Writable`);
}
