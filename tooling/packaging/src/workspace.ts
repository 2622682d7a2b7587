/** The repository's published packages: every package under `packages/` that is not private. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tooling/packaging/{src,dist}/workspace.*). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A package.json, as far as these checks read it. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  keywords?: string[];
  homepage?: string;
  bugs?: { url?: string } | string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  engines?: Record<string, string>;
  files?: string[];
  scripts?: Record<string, string>;
  exports?: Record<string, unknown>;
  publishConfig?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  sideEffects?: boolean | string[];
}

/** A published package: its folder (relative to the root) and manifest. */
export interface Published {
  dir: string;
  manifest: Manifest;
}

/** Every non-private package under `packages/`, in name order. */
export function publishedPackages(): Published[] {
  const found: Published[] = [];
  for (const entry of readdirSync(join(ROOT, 'packages')).sort()) {
    const file = join(ROOT, 'packages', entry, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    if (!manifest.private) found.push({ dir: `packages/${entry}`, manifest });
  }
  return found;
}

/** Every file under `dir` (absolute paths), depth first, in name order. */
export function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}
