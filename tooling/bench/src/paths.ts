import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The monorepo root: the nearest ancestor of this script that holds pnpm-workspace.yaml
 * (the script runs from tooling/bench/dist/, so normally three levels up).
 */
export function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; ) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(here, '../../..');
    dir = parent;
  }
}

/** Directory of the small benchmark kernels: $WASM_BENCH_DIR, else `<repo root>/../shared/bench`. */
export function benchDir(): string {
  const fromEnv = process.env['WASM_BENCH_DIR'];
  return fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : resolve(repoRoot(), '..', 'shared', 'bench');
}

/** Where result files go: `<repo root>/bench-results`. */
export function resultsDir(): string {
  return join(repoRoot(), 'bench-results');
}

/** Benchmark programs written for the project (.wat, or .wasm with its source): `tooling/bench/programs`. */
export function programsDir(): string {
  return join(repoRoot(), 'tooling', 'bench', 'programs');
}

/** The C kernels written for the project, built to .wasm beside their source: `tooling/bench/kernels`. */
export function kernelsDir(): string {
  return join(repoRoot(), 'tooling', 'bench', 'kernels');
}

/** The WASI commands written for the project (C and the .wasm built from it): `tooling/bench/commands`. */
export function commandsDir(): string {
  return join(repoRoot(), 'tooling', 'bench', 'commands');
}
