/** Runs a short ES module in a fresh Node process (its own registry of profiles, its own flags). */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs `script` with `flags` from this package's folder (so `@proj/interpreter` and its subpaths
 * resolve to this package's build) and returns what it printed, parsed as JSON.
 */
export function runInNode<T>(script: string, flags: string[] = []): T {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const out = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
  return JSON.parse(out) as T;
}
