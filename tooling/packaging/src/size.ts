/**
 * Bundle sizes for the browser: what a user ships, bundled and minified by esbuild
 * (`platform: 'browser'`), raw and gzip. Each entry is what one kind of user imports.
 */
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

/** One bundle measured: its name, what it imports, and its sizes in bytes. */
export interface SizeRow {
  name: string;
  what: string;
  minified: number;
  gzip: number;
  /** Bytes of the minified output by input file, largest first. */
  inputs: [string, number][];
}

/** The bundles measured: a user of the whole API, of one profile, of the validator. */
export const ENTRIES: { name: string; what: string; source: string }[] = [
  {
    name: 'umbrella',
    what: 'everything @proj/interpreter exports',
    source: `export * from '@proj/interpreter';`,
  },
  ...(['fast', 'compact', 'compiled'] as const).map((profile) => ({
    name: `${profile} only`,
    what: `Module ({ profile: '${profile}' }), Store, Val from @proj/interpreter/${profile}`,
    source: `import { Module, Store, Val } from '@proj/interpreter/${profile}';
export function run(bytes, n) {
  const store = new Store();
  return store.invoke(store.instantiate(new Module(bytes, { profile: '${profile}' })), 'run', [Val.i32(n)]);
}`,
  })),
  {
    name: 'validator',
    what: 'validate from @proj/validator',
    source: `export { validate } from '@proj/validator';`,
  },
];

/** Bundles `source` (resolved from this package) for the browser and measures it. */
export async function measure(name: string, what: string, source: string): Promise<SizeRow> {
  const result = await build({
    stdin: { contents: source, resolveDir: new URL('.', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { name, what, minified: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs: byInput(result.metafile) };
}

function byInput(meta: Metafile): [string, number][] {
  const out = Object.values(meta.outputs)[0];
  return Object.entries(out.inputs)
    .map(([file, { bytesInOutput }]): [string, number] => [file.replace(/^.*?(packages\/)/, '$1'), bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
}

/** Every entry of ENTRIES, measured. */
export async function measureAll(): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  for (const e of ENTRIES) rows.push(await measure(e.name, e.what, e.source));
  return rows;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The rows as a Markdown table (the README's). */
export function table(rows: SizeRow[]): string {
  const lines = ['| bundle | what it imports | minified | gzip |', '| --- | --- | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.what} | ${kb(r.minified)} | ${kb(r.gzip)} |`);
  return lines.join('\n');
}

/** `pnpm size [--inputs]`: prints the table, and with --inputs where each bundle's bytes go. */
async function main(): Promise<void> {
  const rows = await measureAll();
  console.log(table(rows));
  if (process.argv.includes('--inputs')) {
    for (const r of rows) {
      console.log(`\n${r.name}: minified bytes by input file`);
      for (const [file, bytes] of r.inputs.slice(0, 25)) console.log(`${String(bytes).padStart(8)}  ${file}`);
    }
  }
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await main();
