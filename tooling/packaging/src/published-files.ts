/**
 * Checks on a package's published files, shared by the metadata test (on `dist/` in the
 * repository) and the install check (on what npm installed from the tarball).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { walk } from './workspace.js';

/** Problems in the `.d.ts` and `.map` files under `dir` (a package's folder), as sentences. */
export function declarationAndMapProblems(dir: string): string[] {
  const problems: string[] = [];
  for (const file of walk(dir)) {
    const name = relative(dir, file);
    if (name.startsWith('node_modules') || name.startsWith('dist-workspace')) continue;
    if (file.endsWith('.d.ts') && readFileSync(file, 'utf8').includes('@internal')) {
      problems.push(`${name} still declares an @internal member`);
    }
    if (file.endsWith('.map')) {
      const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      map.sources.forEach((source, i) => {
        const resolved = resolve(dirname(file), source);
        if (map.sourcesContent?.[i] == null && !existsSync(resolved)) {
          problems.push(`${name} maps to ${source}, which is neither shipped nor embedded`);
        }
      });
    }
  }
  return problems;
}

/** True when `dir` holds a LICENSE file. */
export function hasLicense(dir: string): boolean {
  return existsSync(join(dir, 'LICENSE'));
}
