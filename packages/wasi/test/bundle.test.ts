// The browser entry point (`@proj/wasi`) must not reach Node's modules: only `@proj/wasi/node`
// may import `node:fs`. Walks the built files' imports from each entry.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');

/** Every module specifier reachable from `entry` through relative imports, and the files. */
function reachable(entry: string): { files: string[]; external: string[] } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      if (spec === undefined) continue;
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else external.add(spec);
    }
  };
  visit(join(dist, entry));
  return { files: [...files], external: [...external].sort() };
}

describe('entry points', () => {
  test('@proj/wasi reaches only @proj/interpreter, never node:*', () => {
    const { files, external } = reachable('index.js');
    expect(files.length).toBeGreaterThan(3);
    expect(external).toEqual(['@proj/interpreter']);
  });

  test('@proj/wasi/node is where node:fs comes in', () => {
    expect(reachable('node.js').external).toEqual(['@proj/interpreter', 'node:fs', 'node:path']);
  });
});
