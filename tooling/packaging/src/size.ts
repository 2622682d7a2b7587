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
  /**
   * Bytes of the gzip size by input file, largest first (when asked for): what the gzip of the
   * output loses without that file's code. Gzip compresses a file's code against the others', so
   * these do not add up to the total; they rank what removing a file would save.
   */
  gzipInputs?: [string, number][];
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

/**
 * Bundles `source` (resolved from this package) for the browser and measures it; `gzipInputs`:
 * also the gzip bytes by input file (a gzip of the output per input: about a second).
 */
export async function measure(name: string, what: string, source: string, gzipInputs = false): Promise<SizeRow> {
  const result = await build({
    stdin: { contents: source, resolveDir: new URL('.', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    // 'external' writes the map beside the code and adds nothing to the code itself.
    sourcemap: gzipInputs ? 'external' : false,
    outfile: 'bundle.js',
    logLevel: 'silent',
  });
  const output = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))!;
  const code = output('.js').contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  const row: SizeRow = { name, what, minified: code.length, gzip, inputs: byInput(result.metafile) };
  if (gzipInputs) row.gzipInputs = gzipByInput(output('.js').text, JSON.parse(output('.js.map').text) as SourceMap, gzip);
  return row;
}

function byInput(meta: Metafile): [string, number][] {
  const out = Object.values(meta.outputs)[0];
  return Object.entries(out.inputs)
    .map(([file, { bytesInOutput }]): [string, number] => [file.replace(/^.*?(packages\/)/, '$1'), bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one source map segment (base64 VLQ). */
function segmentFields(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/**
 * The gzip bytes each source of `map` costs in `code` (whose gzip size is `gzip`): the output's
 * characters are given to the source of the segment they are in (-1: none), then gzipped
 * without each source's characters.
 */
function gzipByInput(code: string, map: SourceMap, gzip: number): [string, number][] {
  const lines = code.split('\n');
  const owners: Int32Array[] = [];
  let source = 0;
  map.mappings.split(';').forEach((mapped, i) => {
    const line = lines[i] ?? '';
    const owner = new Int32Array(line.length).fill(-1);
    const starts: [number, number][] = [];
    let column = 0;
    for (const segment of mapped.split(',')) {
      if (segment === '') continue;
      const fields = segmentFields(segment);
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      starts.push([column, fields.length > 1 ? source : -1]);
    }
    starts.forEach(([from, src], k) => owner.fill(src, from, k + 1 < starts.length ? starts[k + 1][0] : line.length));
    owners.push(owner);
  });
  const present = new Set(owners.flatMap((o) => [...new Set(o)]));
  const rows: [string, number][] = [];
  for (const src of present) {
    const without = lines.map((line, i) => [...line].filter((_, k) => owners[i][k] !== src).join('')).join('\n');
    const name = src < 0 ? '(bundler)' : map.sources[src].replace(/^.*?(packages\/)/, '$1');
    rows.push([name, gzip - gzipSync(without, { level: 9 }).length]);
  }
  return rows.sort((a, b) => b[1] - a[1]);
}

/** Every entry of ENTRIES, measured (`gzipInputs`: see measure). */
export async function measureAll(gzipInputs = false): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  for (const e of ENTRIES) rows.push(await measure(e.name, e.what, e.source, gzipInputs));
  return rows;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The rows as a Markdown table (the README's). */
export function table(rows: SizeRow[]): string {
  const lines = ['| bundle | what it imports | minified | gzip |', '| --- | --- | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.what} | ${kb(r.minified)} | ${kb(r.gzip)} |`);
  return lines.join('\n');
}

/**
 * `pnpm size [--inputs] [--gzip-inputs]`: prints the table, and with --inputs where each bundle's
 * minified bytes go, with --gzip-inputs its gzip bytes (see SizeRow.gzipInputs).
 */
async function main(): Promise<void> {
  const gzipInputs = process.argv.includes('--gzip-inputs');
  const rows = await measureAll(gzipInputs);
  console.log(table(rows));
  for (const r of rows) {
    const lists: [string, [string, number][] | undefined][] = [];
    if (process.argv.includes('--inputs')) lists.push(['minified bytes', r.inputs]);
    if (gzipInputs) lists.push(['gzip bytes (what the bundle would lose without it)', r.gzipInputs]);
    for (const [what, list] of lists) {
      console.log(`\n${r.name}: ${what} by input file`);
      for (const [file, bytes] of list!.slice(0, 25)) console.log(`${String(bytes).padStart(8)}  ${file}`);
    }
  }
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await main();
