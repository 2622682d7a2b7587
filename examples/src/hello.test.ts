import { readFileSync } from 'node:fs';
import { ExternKind } from '@proj/decoder';
import { validateModule } from '@proj/validator';
import wabtInit from 'wabt';
import { expect, it } from 'vitest';

const dir = new URL('..', import.meta.url);

it('hello.wasm is hello.wat assembled', async () => {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('hello.wat', readFileSync(new URL('hello.wat', dir), 'utf8'), {});
  const { buffer } = mod.toBinary({});
  mod.destroy();
  expect(new Uint8Array(readFileSync(new URL('hello.wasm', dir)))).toEqual(new Uint8Array(buffer));
});

it('hello.wasm imports env.println and exports main and memory', () => {
  const m = validateModule(new Uint8Array(readFileSync(new URL('hello.wasm', dir))));
  expect(m.imports.map((i) => `${i.module}.${i.name}`)).toEqual(['env.println']);
  expect(m.exports.map((e) => [e.name, e.kind])).toEqual([
    ['memory', ExternKind.memory],
    ['main', ExternKind.func],
  ]);
});
