/** The seed corpus of the differential test: valid WebAssembly 2.0 modules. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeU } from '@proj/testkit';
import { assemble, type Wabt } from '@proj/testkit';

export interface Seed {
  readonly name: string;
  readonly origin: string;
  readonly bytes: Uint8Array;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The monorepo root: the nearest ancestor holding pnpm-workspace.yaml. */
export function repoRoot(): string {
  for (let dir = here; ; ) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(here, '../../../..');
    dir = parent;
  }
}

/** $WASM_BENCH_DIR, else `<repo root>/../shared/bench`. */
export function benchDir(): string {
  const env = process.env['WASM_BENCH_DIR'];
  return env !== undefined && env !== '' ? resolve(env) : resolve(repoRoot(), '..', 'shared', 'bench');
}

export const FIXTURES_DIR = resolve(here, '..', 'fixtures');

function benchSeeds(): Seed[] {
  const dir = benchDir();
  if (!existsSync(dir)) throw new Error(`benchmark module directory ${dir} not found (set WASM_BENCH_DIR)`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.wasm')).sort();
  if (files.length === 0) throw new Error(`no .wasm files in ${dir}`);
  return files.map((f) => ({ name: `bench/${basename(f, '.wasm')}`, origin: join(dir, f), bytes: new Uint8Array(readFileSync(join(dir, f))) }));
}

function fixtureSeeds(wabt: Wabt): Seed[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.wat'))
    .sort()
    .map((f) => {
      const path = join(FIXTURES_DIR, f);
      return { name: `wat/${basename(f, '.wat')}`, origin: path, bytes: assemble(wabt, readFileSync(path, 'utf8'), { filename: f, validate: true }) };
    });
}

const vec = (items: number[][]): number[] => [...encodeU(BigInt(items.length), 1), ...items.flat()];
const section = (id: number, body: number[], sizeLen = body.length < 128 ? 1 : 2): number[] => [id, ...encodeU(BigInt(body.length), sizeLen), ...body];

/**
 * Binary encodings that wabt never emits but that are valid 2.0: element segments with an
 * explicit table index 0 (flags 2 and 6), a data segment with an explicit memory index 0
 * (flag 2), non-minimal LEB128s (padded section size, function index and i32.const), and custom
 * sections between and around the others (one with an empty name).
 */
function handmadeSeed(): Seed {
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(0, [0x00]), // custom section with an empty name
    ...section(1, vec([[0x60, 0x00, 0x00], [0x60, 0x01, 0x7f, 0x01, 0x7f]]), 3), // padded section size
    // function section with a padded type index
    ...section(3, vec([[0x80, 0x00], [0x01]])),
    ...section(4, vec([[0x70, 0x00, 0x04], [0x6f, 0x01, 0x00, 0x02]])),
    ...section(0, [0x04, 0x6e, 0x6f, 0x74, 0x65, 0xde, 0xad]), // custom "note"
    ...section(5, vec([[0x00, 0x01]])),
    ...section(7, vec([[0x01, 0x66, 0x00, 0x81, 0x80, 0x80, 0x80, 0x00]])), // export "f" = func 1, padded
    ...section(9, vec([
      [0x02, 0x00, 0x41, 0x00, 0x0b, 0x00, 0x02, 0x00, 0x01], // flags 2: table 0 explicit, elemkind, 2 funcs
      [0x06, 0x01, 0x41, 0x00, 0x0b, 0x6f, 0x01, 0xd0, 0x6f, 0x0b], // flags 6: table 1, externref exprs
      [0x06, 0x00, 0x41, 0x02, 0x0b, 0x70, 0x01, 0xd2, 0x00, 0x0b], // flags 6: table 0 explicit
    ])),
    ...section(12, [0x02]),
    ...section(10, vec([
      [0x00, 0x0b],
      // (local i32) i32.const 5 (padded) local.get 0 i32.add; i32.const 0 x3 memory.init 1 0; end
      [0x01, 0x01, 0x7f, 0x41, 0x85, 0x80, 0x00, 0x20, 0x00, 0x6a, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x01, 0x00, 0x0b],
    ].map((body) => [body.length, ...body]))),
    ...section(11, vec([
      [0x02, 0x00, 0x41, 0x10, 0x0b, 0x03, 0x61, 0x62, 0x63], // flag 2: explicit memory 0
      [0x01, 0x02, 0x78, 0x79], // passive
    ])),
    ...section(0, [0x03, 0x65, 0x6e, 0x64]), // trailing custom "end"
  ];
  return { name: 'handmade/explicit-forms', origin: 'test/helpers/corpus.ts', bytes: new Uint8Array(bytes) };
}

/** All seeds: the shared benchmark kernels, the WAT fixtures and the handmade module. */
export function loadSeeds(wabt: Wabt): Seed[] {
  return [...benchSeeds(), ...fixtureSeeds(wabt), handmadeSeed()];
}
