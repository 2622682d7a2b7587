// Arguments, environment, clocks, random, standard streams and errno values, function by
// function through a module that re-exports every WASI function, against node:wasi on V8 where
// it can answer the same question.
import { describe, expect, test } from 'vitest';
import { ClockId, Errno, FileType, Rights } from '../src/index.js';
import { bytesAt, ours, putString, reference, setU32, stringAt, u32, u64 } from './harness.js';

const args = ['prog.wasm', 'one', 'two words', 'ünïcödé', ''];
const env = { HOME: '/home/x', EMPTY: '', EQUALS: 'a=b=c' };

describe('args and environ', () => {
  test.each([
    ['args', 'args_sizes_get', 'args_get'],
    ['environ', 'environ_sizes_get', 'environ_get'],
  ])('%s: the same sizes and bytes as node:wasi', async (_, sizes, get) => {
    const [a, b] = [await ours({ args, env }), await reference({ args, env })];
    for (const side of [a, b]) {
      expect(await side.call(sizes, 0, 4)).toBe(Errno.success);
      expect(await side.call(get, 64, 1024)).toBe(Errno.success);
    }
    const count = u32(b, 0);
    const size = u32(b, 4);
    expect(count).toBeGreaterThan(0);
    expect(bytesAt(a, 0, 8)).toEqual(bytesAt(b, 0, 8));
    expect(bytesAt(a, 64, count * 4)).toEqual(bytesAt(b, 64, count * 4));
    expect(bytesAt(a, 1024, size)).toEqual(bytesAt(b, 1024, size));
  });

  // node:wasi answers overflow; the specification's errno for a bad address is fault.
  test('a pointer past the end of memory fails with fault (node:wasi fails too)', async () => {
    const [a, b] = [await ours({ args }), await reference({ args })];
    expect(await a.call('args_sizes_get', 65536, 0)).toBe(Errno.fault);
    expect(await b.call('args_sizes_get', 65536, 0)).not.toBe(Errno.success);
  });
});

describe('clocks', () => {
  test('realtime is within a second of Date.now(); monotonic advances', async () => {
    const a = await ours({});
    expect(await a.call('clock_time_get', ClockId.realtime, 0n, 0)).toBe(Errno.success);
    expect(Math.abs(Number(u64(a, 0) / 1_000_000n) - Date.now())).toBeLessThan(1000);
    await a.call('clock_time_get', ClockId.monotonic, 0n, 8);
    await new Promise((r) => setTimeout(r, 5));
    await a.call('clock_time_get', ClockId.monotonic, 0n, 16);
    expect(u64(a, 16) - u64(a, 8)).toBeGreaterThanOrEqual(4_000_000n);
  });

  test.each([ClockId.realtime, ClockId.monotonic, ClockId.process_cputime_id, ClockId.thread_cputime_id, 4, -1])(
    'clock %i: the same errno as node:wasi for res and time',
    async (id) => {
      const [a, b] = [await ours({}), await reference({})];
      for (const f of ['clock_res_get', 'clock_time_get']) {
        const call = (s: typeof a) => (f === 'clock_res_get' ? s.call(f, id, 0) : s.call(f, id, 1n, 0));
        expect(await call(a)).toBe(await call(b));
      }
      if (id >= 0 && id <= 3) expect(u64(a, 0)).toBeGreaterThan(0n);
    },
  );
});

describe('random_get', () => {
  test('fills the buffer, differently each time, beyond 64 KiB', async () => {
    const a = await ours({});
    expect(await a.call('random_get', 0, 40000)).toBe(Errno.success);
    expect(await a.call('random_get', 40000, 25000)).toBe(Errno.success);
    const bytes = bytesAt(a, 0, 65000);
    const zeros = bytes.filter((x) => x === 0).length;
    expect(zeros).toBeLessThan(65000 / 128);
    expect(bytesAt(a, 0, 16)).not.toEqual(bytesAt(a, 40000, 16));
  });

  test('a buffer past the end of memory: fault (node:wasi fails too)', async () => {
    const [a, b] = [await ours({}), await reference({})];
    expect(await a.call('random_get', 65530, 10)).toBe(Errno.fault);
    expect(await b.call('random_get', 65530, 10)).not.toBe(Errno.success);
  });
});

describe('standard streams', () => {
  test('fd_write gathers iovecs to stdout as node:wasi does', async () => {
    const chunks: Uint8Array[] = [];
    const a = await ours({ stdout: (bytes) => void chunks.push(bytes) });
    const b = await reference({});
    for (const side of [a, b]) {
      const n1 = putString(side, 100, 'hello, ');
      const n2 = putString(side, 200, 'wörld\n');
      [100, n1, 200, n2].forEach((v, i) => setU32(side, 16 + i * 4, v));
      expect(await side.call('fd_write', 1, 16, 2, 8)).toBe(Errno.success);
      expect(u32(side, 8)).toBe(n1 + n2);
    }
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(b.stdout());
  });

  test('fdstat of the standard streams: rights allow read and write, never seek', async () => {
    const a = await ours({});
    for (const fd of [0, 1, 2]) {
      expect(await a.call('fd_fdstat_get', fd, 0)).toBe(Errno.success);
      const rights = u64(a, 8);
      expect(rights & Rights.fd_seek).toBe(0n);
      expect(rights & (fd === 0 ? Rights.fd_read : Rights.fd_write)).not.toBe(0n);
      expect(a.memory()[0]).toBe(FileType.unknown);
    }
  });

  test('a terminal is a character device (isatty)', async () => {
    const tty = Object.assign((_: Uint8Array) => {}, { isTTY: true });
    const a = await ours({ stdout: tty });
    await a.call('fd_fdstat_get', 1, 0);
    expect(a.memory()[0]).toBe(FileType.character_device);
  });

  test.each([
    ['fd_read of a closed fd', 'fd_read', [9, 0, 0, 0]],
    ['fd_write of a closed fd', 'fd_write', [9, 0, 0, 0]],
    ['fd_close of a closed fd', 'fd_close', [9]],
    ['fd_fdstat_get of a huge fd', 'fd_fdstat_get', [-1, 0]],
    ['fd_renumber to a closed fd', 'fd_renumber', [1, 9]],
    ['path_open without a directory', 'path_open', [1, 0, 0, 1, 0, 0n, 0n, 0, 0]],
    ['sched_yield', 'sched_yield', []],
    ['sock_accept of a closed fd', 'sock_accept', [9, 0, 0]],
  ] as [string, string, (number | bigint)[]][])('%s: the same errno as node:wasi', async (_, name, callArgs) => {
    const [a, b] = [await ours({}), await reference({})];
    expect(await a.call(name, ...callArgs)).toBe(await b.call(name, ...callArgs));
  });

  // node:wasi checks its arguments before the fd (inval, or notsup for any fd): the
  // specification's answer for a closed fd is badf.
  test('sockets: this host has none (notsock on an open fd, as the official wasi-testsuite expects; badf on a closed one)', async () => {
    const a = await ours({});
    expect(await a.call('sock_recv', 9, 0, 0, 0, 0, 0)).toBe(Errno.badf);
    expect(await a.call('sock_send', 9, 0, 0, 0, 0)).toBe(Errno.badf);
    expect(await a.call('sock_shutdown', 9, 1)).toBe(Errno.badf);
    expect(await a.call('sock_recv', 1, 0, 0, 0, 0, 0)).toBe(Errno.notsock);
    expect(await a.call('sock_send', 1, 0, 0, 0, 0)).toBe(Errno.notsock);
    expect(await a.call('sock_shutdown', 1, 1)).toBe(Errno.notsock);
    expect(await a.call('sock_accept', 1, 0, 0)).toBe(Errno.notsock);
    expect(await a.call('sock_accept', 77, 0, 0)).toBe(Errno.badf);
  });

  test('fd_prestat_get: badf for a stream (wasi-libc stops scanning preopens at badf)', async () => {
    const a = await ours({});
    expect(await a.call('fd_prestat_get', 1, 0)).toBe(Errno.badf);
    expect(await a.call('fd_prestat_get', 3, 0)).toBe(Errno.badf);
  });

  // node:wasi's answers depend on what its descriptors really are (a file, a pipe).
  test('seeking, telling or listing a stream: notcapable (a stream has no such right)', async () => {
    const a = await ours({});
    expect(await a.call('fd_tell', 1, 0)).toBe(Errno.notcapable);
    expect(await a.call('fd_seek', 0, 0n, 0, 0)).toBe(Errno.notcapable);
    expect(await a.call('fd_readdir', 0, 0, 100, 0n, 200)).toBe(Errno.notcapable);
  });

  test('proc_raise is not available', async () => {
    const a = await ours({});
    expect(await a.call('proc_raise', 6)).toBe(Errno.nosys);
  });

  test('fd_renumber moves stdout onto stderr; the old number is closed', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const a = await ours({ stdout: (b) => void out.push(new TextDecoder().decode(b)), stderr: (b) => void err.push(new TextDecoder().decode(b)) });
    expect(await a.call('fd_renumber', 1, 2)).toBe(Errno.success);
    const n = putString(a, 100, 'moved');
    setU32(a, 16, 100);
    setU32(a, 20, n);
    expect(await a.call('fd_write', 2, 16, 1, 8)).toBe(Errno.success);
    expect(await a.call('fd_write', 1, 16, 1, 8)).toBe(Errno.badf);
    expect({ out, err }).toEqual({ out: ['moved'], err: [] });
    expect(stringAt(a, 100, n)).toBe('moved');
  });
});
