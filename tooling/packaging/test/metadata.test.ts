import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declarationAndMapProblems } from '../src/published-files.js';
import { type Manifest, publishedPackages, ROOT } from '../src/workspace.js';

/** The project has no public address yet: one placeholder, the same in every package. */
const REPOSITORY = 'git+https://example.invalid/wasm-ts.git';
const WEB = 'https://example.invalid/wasm-ts';

const published = publishedPackages();

/** The file paths an exports map points to (its string leaves). */
function leaves(map: unknown): string[] {
  if (typeof map === 'string') return [map];
  return map && typeof map === 'object' ? Object.values(map).flatMap(leaves) : [];
}

it('the file check finds an @internal declaration and a map to a source that is not shipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'published-files-'));
  try {
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 1;');
    writeFileSync(join(dir, 'dist', 'a.d.ts'), '/** @internal */ export declare const a = 1;');
    writeFileSync(join(dir, 'dist', 'a.js.map'), JSON.stringify({ sources: ['../src/a.ts', '../src/b.ts'] }));
    writeFileSync(join(dir, 'dist', 'c.js.map'), JSON.stringify({ sources: ['../src/c.ts'], sourcesContent: ['export {}'] }));
    expect(declarationAndMapProblems(dir)).toEqual([
      'dist/a.d.ts still declares an @internal member',
      'dist/a.js.map maps to ../src/b.ts, which is neither shipped nor embedded',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('the repository has the Apache-2.0 LICENSE the packages name', () => {
  const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
  expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  expect(text).toContain('END OF TERMS AND CONDITIONS');
});

it('this package depends on every published package, so that turbo builds them before its tests', () => {
  const own = JSON.parse(readFileSync(join(ROOT, 'tooling/packaging/package.json'), 'utf8')) as Manifest & {
    devDependencies: Record<string, string>;
  };
  expect(published.length).toBeGreaterThanOrEqual(5);
  for (const { manifest } of published) expect(own.devDependencies[manifest.name]).toBe('workspace:*');
});

describe.each(published.map((p) => [p.manifest.name, p] as const))('%s', (_, { dir, manifest }) => {
  it('says where it comes from, how it is licensed and what it needs', () => {
    expect(manifest.license).toBe('Apache-2.0');
    expect(manifest.repository).toEqual({ type: 'git', url: REPOSITORY, directory: dir });
    expect(manifest.homepage).toBe(`${WEB}/tree/main/${dir}#readme`);
    expect(manifest.bugs).toEqual({ url: `${WEB}/issues` });
    expect(manifest.keywords).toContain('webassembly');
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(existsSync(join(ROOT, dir, 'README.md'))).toBe(true);
  });

  it('builds before it is packed, and ships the sources its maps name', () => {
    expect(manifest.scripts?.prepack).toBe('node ../../tooling/packaging/bin/prepack.mjs');
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'src', '!dist/**/*.test.*', '!src/**/*.test.*']));
  });

  it('publishes types from dist/, where no @internal member survives', () => {
    const exportsMap = (manifest.publishConfig?.exports ?? manifest.exports) as Record<string, unknown>;
    const targets = leaves(exportsMap);
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(t).toMatch(/^\.\/(dist\/|package\.json$)/);
    expect(existsSync(join(ROOT, dir, 'dist'))).toBe(true);
    expect(declarationAndMapProblems(join(ROOT, dir))).toEqual([]);
  });
});
