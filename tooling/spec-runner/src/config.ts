/** Where the spec scripts are and which of them to run. */

import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `WASM_SPEC_DIR`, or `<repo root>/../shared/spec/wasm-2.0` (this file is in tooling/spec-runner/dist/). */
export function specDir(): string {
  const fromEnv = process.env.WASM_SPEC_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return fileURLToPath(new URL('../../../../shared/spec/wasm-2.0/', import.meta.url));
}

/** The directory's .wast files, sorted by name. */
export function listScripts(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wast'))
    .sort();
}

/**
 * Restricts `files` to those named by `args` (a basename with or without `.wast`, or a path to one);
 * no arguments selects all. Names matching nothing are returned in `unknown`.
 */
export function selectScripts(files: string[], args: string[]): { selected: string[]; unknown: string[] } {
  if (args.length === 0) return { selected: files, unknown: [] };
  const wanted = new Set<string>();
  const unknown: string[] = [];
  for (const arg of args) {
    const name = basename(arg);
    const file = name.endsWith('.wast') ? name : `${name}.wast`;
    if (files.includes(file)) wanted.add(file);
    else unknown.push(arg);
  }
  return { selected: files.filter((f) => wanted.has(f)), unknown };
}

export function scriptPath(dir: string, file: string): string {
  return join(dir, file);
}
