import { readFileSync } from 'node:fs';
import { ExternKind } from '@proj/decoder';
import { validateModule } from '@proj/validator';
import { assemble, loadWabt } from '@proj/testkit';
import { expect, it } from 'vitest';

const dir = new URL('..', import.meta.url);

it('hello.wasm is hello.wat assembled', async () => {
  const bytes = assemble(await loadWabt(), readFileSync(new URL('hello.wat', dir), 'utf8'), { filename: 'hello.wat' });
  expect(new Uint8Array(readFileSync(new URL('hello.wasm', dir)))).toEqual(bytes);
});

it('hello.wasm imports env.println and exports main and memory', () => {
  const m = validateModule(new Uint8Array(readFileSync(new URL('hello.wasm', dir))));
  expect(m.imports.map((i) => `${i.module}.${i.name}`)).toEqual(['env.println']);
  expect(m.exports.map((e) => [e.name, e.kind])).toEqual([
    ['memory', ExternKind.memory],
    ['main', ExternKind.func],
  ]);
});
