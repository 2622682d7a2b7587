// Running programs: exit codes, traps, standard input that arrives later (the program stays
// suspended meanwhile), output sinks, poll_oneoff, reactors, the user's own host functions beside
// WASI's, and wasi_unstable's layouts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { WASI } from 'node:wasi';
import { Module, Store, Trap, Val } from '@proj/interpreter';
import { assemble, loadWabt } from '@proj/testkit';
import { afterAll, describe, expect, test } from 'vitest';
import { ClockId, Errno, EventType, MemoryFs, OFlags, Rights, SubclockFlags, Wasi, WasiExit, runCommand, runReactor, FILE_RIGHTS, type InputSource } from '../src/index.js';
import { PROFILE, keep, ours, putString, referenceStdio, removeDir, setU32, tempDir, u32, u64 } from './harness.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const P = 'wasi_snapshot_preview1';
const wat = async (text: string) => assemble(await loadWabt(), text);

/** A command that copies stdin to stdout 7 bytes at a time, then exits with 3 (or 99 on error). */
const ECHO = `(module
  (import "${P}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "${P}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "${P}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $l
      (i32.store (i32.const 0) (i32.const 100))
      (i32.store (i32.const 4) (i32.const 7))
      (if (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)) (then (call $exit (i32.const 99))))
      (if (i32.eqz (i32.load (i32.const 8))) (then (call $exit (i32.const 3))))
      (i32.store (i32.const 4) (i32.load (i32.const 8)))
      (if (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)) (then (call $exit (i32.const 98))))
      (br $l))))`;

/** A command whose _start exits with its argument count times 10, or traps with "trap" as argv[1]. */
const EXITS = `(module
  (import "${P}" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "${P}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (if (i32.eq (i32.load (i32.const 0)) (i32.const 3)) (then unreachable))
    (if (i32.eq (i32.load (i32.const 0)) (i32.const 1)) (then return))
    (call $exit (i32.mul (i32.load (i32.const 0)) (i32.const 10)))
    unreachable))`;

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));

describe('exit codes and traps', () => {
  test.each([
    [['p'], 0],
    [['p', 'x'], 20],
    [['p', 'x', 'y', 'z'], 40],
  ])('args %j: the exit code node:wasi gives', async (args, code) => {
    const bytes = await wat(EXITS);
    const dir = tempDir();
    dirs.push(dir);
    const wasi = keep(new WASI({ version: 'preview1', args, returnOnExit: true, ...referenceStdio(join(dir, 'out')) }));
    const { instance } = (await WebAssembly.instantiate(bytes, wasi.getImportObject() as WebAssembly.Imports)) as unknown as { instance: WebAssembly.Instance };
    const expected = wasi.start(instance);
    expect(expected).toBe(code);
    expect(await runCommand(bytes, { args, profile: PROFILE })).toBe(expected);
  });

  test('a trap throws Trap with the reason; proc_exit is not a trap', async () => {
    const bytes = await wat(EXITS);
    await expect(runCommand(bytes, { args: ['p', 'a', 'b'], profile: PROFILE })).rejects.toThrow(Trap);
    await expect(runCommand(bytes, { args: ['p', 'a', 'b'], profile: PROFILE })).rejects.toMatchObject({ reason: 'unreachable' });
  });

  test('a missing _start or an import nothing provides is a NotFoundError', async () => {
    await expect(runCommand(await wat('(module)'))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(runCommand(await wat('(module (import "env" "f" (func)))'))).rejects.toMatchObject({ kind: 'not-found' });
  });

  test('an invalid module is an InvalidError with its offset', async () => {
    await expect(runCommand(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]))).rejects.toMatchObject({ kind: 'invalid', offset: 4 });
  });
});

describe('standard input that arrives later', () => {
  const input = ['first chunk\n', 'second, a longer one than seven bytes\n', 'ünïcödé last'];

  async function echo(stdin: InputSource | undefined): Promise<[number, string]> {
    const out: Uint8Array[] = [];
    const code = await runCommand(await wat(ECHO), { stdin, stdout: (b) => void out.push(b), profile: PROFILE });
    return [code, text(out)];
  }

  test('a web ReadableStream that delivers each chunk after a delay', async () => {
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const chunk of input) {
          await later(15);
          controller.enqueue(new TextEncoder().encode(chunk));
        }
        controller.close();
      },
    });
    expect(await echo(stream)).toEqual([3, input.join('')]);
  });

  test('a Node Readable (async iterable) of delayed strings', async () => {
    const stream = Readable.from(
      (async function* () {
        for (const chunk of input) {
          await later(10);
          yield chunk;
        }
      })(),
    );
    expect(await echo(stream)).toEqual([3, input.join('')]);
  });

  test('a callback returning promises, then null at the end', async () => {
    const queue = [...input];
    expect(await echo(() => later(5).then(() => queue.shift() ?? null))).toEqual([3, input.join('')]);
  });

  test('a string, bytes, and nothing', async () => {
    expect(await echo(input.join(''))).toEqual([3, input.join('')]);
    expect(await echo(new TextEncoder().encode('bytes'))).toEqual([3, 'bytes']);
    expect(await echo(undefined)).toEqual([3, '']);
  });

  test('the same output as node:wasi reading the same input from a file', async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir, 'in'), input.join(''));
    const wasi = keep(new WASI({ version: 'preview1', ...referenceStdio(join(dir, 'out'), join(dir, 'in')), returnOnExit: true }));
    const { instance } = (await WebAssembly.instantiate(await wat(ECHO), wasi.getImportObject() as WebAssembly.Imports)) as unknown as { instance: WebAssembly.Instance };
    const code = wasi.start(instance);
    const { readFileSync } = await import('node:fs');
    expect(await echo(input.join(''))).toEqual([code, readFileSync(join(dir, 'out'), 'utf8')]);
  });

  test('a failing input stream: fd_read answers io', async () => {
    const out: Uint8Array[] = [];
    const code = await runCommand(await wat(ECHO), { stdin: () => Promise.reject(new Error('gone')), stdout: (b) => void out.push(b) });
    expect(code).toBe(99);
  });

  test('output to a web WritableStream and to a Node Writable', async () => {
    const chunks: string[] = [];
    const web = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(new TextDecoder().decode(c)) });
    expect(await runCommand(await wat(ECHO), { stdin: 'to the web', stdout: web })).toBe(3);
    expect(chunks.join('')).toBe('to the web');
    const node = new PassThrough();
    const got: Buffer[] = [];
    node.on('data', (c: Buffer) => got.push(c));
    expect(await runCommand(await wat(ECHO), { stdin: 'to node', stdout: node })).toBe(3);
    expect(Buffer.concat(got).toString()).toBe('to node');
  });
});

describe('poll_oneoff', () => {
  const SUBS = 1000;
  const EVENTS = 2000;
  /** Writes subscriptions (preview1 layout: 48 bytes each). */
  function subscribe(side: Awaited<ReturnType<typeof ours>>, subs: { userdata: bigint; type: number; clock?: [number, bigint, number]; fd?: number }[]): void {
    const m = new DataView(side.memory().buffer);
    subs.forEach((s, i) => {
      const p = SUBS + i * 48;
      for (let k = 0; k < 48; k++) m.setUint8(p + k, 0);
      m.setBigUint64(p, s.userdata, true);
      m.setUint8(p + 8, s.type);
      if (s.clock) {
        m.setUint32(p + 16, s.clock[0], true);
        m.setBigUint64(p + 24, s.clock[1], true);
        m.setUint16(p + 40, s.clock[2], true);
      } else m.setUint32(p + 16, s.fd!, true);
    });
  }
  const events = (side: Awaited<ReturnType<typeof ours>>) =>
    Array.from({ length: u32(side, 0) }, (_, i) => {
      const p = EVENTS + i * 32;
      return { userdata: u64(side, p), error: new DataView(side.memory().buffer).getUint16(p + 8, true), type: side.memory()[p + 10] };
    });

  test('a relative clock sleeps about that long', async () => {
    const a = await ours({});
    subscribe(a, [{ userdata: 7n, type: EventType.clock, clock: [ClockId.monotonic, 30_000_000n, 0] }]);
    const t0 = performance.now();
    expect(await a.call('poll_oneoff', SUBS, EVENTS, 1, 0)).toBe(Errno.success);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(28);
    expect(events(a)).toEqual([{ userdata: 7n, error: 0, type: EventType.clock }]);
  });

  test('an absolute realtime clock in the past fires at once', async () => {
    const a = await ours({});
    subscribe(a, [{ userdata: 1n, type: EventType.clock, clock: [ClockId.realtime, 1n, SubclockFlags.subscription_clock_abstime] }]);
    expect(await a.call('poll_oneoff', SUBS, EVENTS, 1, 0)).toBe(Errno.success);
    expect(events(a)).toEqual([{ userdata: 1n, error: 0, type: EventType.clock }]);
  });

  test('stdin that arrives after 20 ms wakes the poll before a 5 s clock', async () => {
    const a = await ours({ stdin: () => later(20).then(() => 'data') });
    subscribe(a, [
      { userdata: 1n, type: EventType.clock, clock: [ClockId.monotonic, 5_000_000_000n, 0] },
      { userdata: 2n, type: EventType.fd_read, fd: 0 },
    ]);
    const t0 = performance.now();
    expect(await a.call('poll_oneoff', SUBS, EVENTS, 2, 0)).toBe(Errno.success);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(events(a)).toEqual([{ userdata: 2n, error: 0, type: EventType.fd_read }]);
    // The data is still there to read.
    [100, 10].forEach((v, i) => setU32(a, 50 + 4 * i, v));
    expect(await a.call('fd_read', 0, 50, 1, 60)).toBe(Errno.success);
    expect(u32(a, 60)).toBe(4);
  });

  test('a closed fd is an event at once, with badf', async () => {
    const a = await ours({ stdin: () => later(5000).then(() => null) });
    subscribe(a, [
      { userdata: 2n, type: EventType.fd_read, fd: 0 },
      { userdata: 3n, type: EventType.fd_read, fd: 42 },
    ]);
    expect(await a.call('poll_oneoff', SUBS, EVENTS, 2, 0)).toBe(Errno.success);
    expect(events(a)).toEqual([{ userdata: 3n, error: Errno.badf, type: EventType.fd_read }]);
  });

  test('stdout is always writable, a file always readable; several events at once', async () => {
    const a = await ours({ preopens: { '/': new MemoryFs({ f: 'abc' }) } });
    const n = putString(a, 500, 'f');
    expect(await a.call('path_open', 3, 0, 500, n, 0, FILE_RIGHTS, 0n, 0, 8)).toBe(Errno.success);
    subscribe(a, [
      { userdata: 1n, type: EventType.fd_write, fd: 1 },
      { userdata: 2n, type: EventType.fd_read, fd: u32(a, 8) },
      { userdata: 3n, type: EventType.clock, clock: [ClockId.monotonic, 10_000_000_000n, 0] },
    ]);
    expect(await a.call('poll_oneoff', SUBS, EVENTS, 3, 0)).toBe(Errno.success);
    expect(events(a)).toEqual([
      { userdata: 1n, error: 0, type: EventType.fd_write },
      { userdata: 2n, error: 0, type: EventType.fd_read },
    ]);
    expect(u64(a, EVENTS + 32 + 16)).toBe(3n); // bytes available to read
  });

  test('no subscriptions: inval', async () => {
    const a = await ours({});
    expect(await a.call('poll_oneoff', SUBS, EVENTS, 0, 0)).toBe(Errno.inval);
  });
});

describe('composition with the user host functions, reactors', () => {
  const MIXED = `(module
    (import "env" "double" (func $double (param i32) (result i32)))
    (import "${P}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
    (import "env" "later" (func $later (param i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 100) "ok\\n")
    (global $g (mut i32) (i32.const 0))
    (func (export "_initialize") (global.set $g (i32.const 5)))
    (func (export "compute") (param i32) (result i32)
      (i32.store (i32.const 0) (i32.const 100))
      (i32.store (i32.const 4) (i32.const 3))
      (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (i32.add (global.get $g) (call $later (call $double (local.get 0))))))`;

  test('the user links first and keeps indices 0 and 1; WASI calls are answered around them', async () => {
    const seen: number[] = [];
    const out: Uint8Array[] = [];
    const reactor = await runReactor(await wat(MIXED), {
      profile: PROFILE,
      stdout: (b) => void out.push(b),
      link: (store) => {
        store.linkFunc('env', 'double', 1, 1);
        store.linkFunc('env', 'later', 1, 1);
      },
      onHostCall: async (call) => {
        seen.push(call.index);
        const x = (call.args[0] as { value: number }).value;
        if (call.index === 0) return [Val.i32(x * 2)];
        await later(5);
        return [Val.i32(x + 1)];
      },
    });
    const [result] = await reactor.invoke('compute', [Val.i32(20)]);
    expect(result).toEqual(Val.i32(5 + 41));
    expect(seen).toEqual([0, 1]);
    expect(text(out)).toBe('ok\n');
  });

  test('a host call without a handler traps, naming the host function', async () => {
    const store = new Store();
    store.linkFunc('env', 'double', 1, 1);
    store.linkFunc('env', 'later', 1, 1);
    const wasi = new Wasi({});
    wasi.link(store);
    const module = new Module(await wat(MIXED));
    const inst = await wasi.instantiate(store, module);
    await expect(wasi.invoke(store, inst, 'compute', [Val.i32(1)])).rejects.toThrow(/host function 0 has no handler/);
    // The store stays usable.
    await expect(wasi.invoke(store, inst, 'compute', [Val.i32(1)], () => [Val.i32(1)])).resolves.toHaveLength(1);
  });

  test('proc_exit in a reactor export rejects with WasiExit carrying the code', async () => {
    const reactor = await runReactor(
      await wat(`(module (import "${P}" "proc_exit" (func $exit (param i32))) (memory (export "memory") 1)
        (func (export "quit") (param i32) (call $exit (local.get 0))))`),
    );
    const error = await reactor.invoke('quit', [Val.i32(42)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WasiExit);
    expect((error as WasiExit).code).toBe(42);
  });

  test('a start function that calls WASI is driven by instantiate', async () => {
    const out: Uint8Array[] = [];
    const code = await runCommand(
      await wat(`(module (import "${P}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1) (data (i32.const 100) "start\\n")
        (func $s (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 6))
          (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
        (start $s) (func (export "_start")))`),
      { stdout: (b) => void out.push(b) },
    );
    expect([code, text(out)]).toEqual([0, 'start\n']);
  });
});

describe('suspended while the host does other work', () => {
  test('memory that grows while a read is pending: the bytes land in its new buffer', async () => {
    const store = new Store();
    let deliver: (text: string) => void = () => {};
    const wasi = new Wasi({ stdin: () => new Promise<string>((resolve) => (deliver = resolve)) });
    wasi.link(store);
    const module = new Module(
      await wat(`(module (import "${P}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "read") (result i32)
          (i32.store (i32.const 0) (i32.const 65000)) (i32.store (i32.const 4) (i32.const 16))
          (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
        (func (export "grow") (result i32) (memory.grow (i32.const 1))))`),
      { profile: PROFILE },
    );
    const inst = await wasi.instantiate(store, module);
    const pending = wasi.invoke(store, inst, 'read', []);
    await later(5);
    // Stack discipline: another export runs to completion while `read` is suspended.
    const grown = store.invoke(inst, 'grow', []);
    expect(grown).toMatchObject({ kind: 'done', values: [Val.i32(1)] });
    deliver('late bytes');
    expect(await pending).toEqual([Val.i32(Errno.success)]);
    const memory = store.memory(inst);
    expect(memory.length).toBe(2 * 65536);
    expect(new TextDecoder().decode(memory.subarray(65000, 65010))).toBe('late bytes');
    expect(new DataView(memory.buffer).getUint32(8, true)).toBe(10);
  });

  test('an output sink that completes later keeps the order of writes', async () => {
    const seen: string[] = [];
    const sink = async (bytes: Uint8Array) => {
      await later(bytes.length % 3);
      seen.push(new TextDecoder().decode(bytes));
    };
    const input = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const queue = [...input];
    expect(await runCommand(await wat(ECHO), { stdin: () => queue.shift() ?? null, stdout: sink })).toBe(3);
    expect(seen).toEqual(input);
  });

  test('linking WASI twice into one store is an InvalidError that names the function', async () => {
    const store = new Store();
    const wasi = new Wasi({});
    wasi.link(store);
    expect(() => new Wasi({}).link(store)).toThrow(/wasi_snapshot_preview1\.sched_yield|first instantiation/);
  });

  test('a stream of an unknown kind is an InvalidError', () => {
    expect(() => new Wasi({ stdin: 42 as never })).toThrow(/stdin: expected/);
    expect(() => new Wasi({ stdout: {} as never })).toThrow(/stdout: expected/);
  });
});

describe('wasi_unstable', () => {
  test('filestat has a 32-bit nlink and the size at 24; whence numbers differ', async () => {
    const fs = new MemoryFs({ f: 'abcdef' });
    const a = await ours({ preopens: { '/': fs } }, 'wasi_unstable');
    const n = putString(a, 500, 'f');
    expect(await a.call('path_open', 3, 0, 500, n, 0, Rights.fd_read | Rights.fd_seek | Rights.fd_tell | Rights.fd_filestat_get, 0n, 0, 8)).toBe(Errno.success);
    const fd = u32(a, 8);
    expect(await a.call('fd_filestat_get', fd, 16)).toBe(Errno.success);
    expect(u32(a, 16 + 20)).toBe(1); // nlink
    expect(u64(a, 16 + 24)).toBe(6n); // size
    expect(await a.call('fd_seek', fd, 4n, 2, 8)).toBe(Errno.success); // WHENCE_SET is 2
    expect(u64(a, 8)).toBe(4n);
    expect(await a.call('fd_seek', fd, -1n, 1, 8)).toBe(Errno.success); // WHENCE_END is 1
    expect(u64(a, 8)).toBe(5n);
    expect(await a.call('fd_seek', fd, 0n, 0, 8)).toBe(Errno.success); // WHENCE_CUR is 0
    expect(u64(a, 8)).toBe(5n);
    void OFlags;
  });
});
