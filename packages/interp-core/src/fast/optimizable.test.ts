/**
 * V8 optimizes no function whose bytecode is longer than `--max-optimized-bytecode-size` (60 KB
 * in Node 20's V8, as in Chrome's): past it, the fast loop would stay in V8's interpreter and
 * run about ten times slower, with every test still passing. Each fused op adds to the loop, so
 * the loops that ship (dist/, built before the tests run) are held under the limit.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Where V8 stops optimizing, and how far under it the loop must stay. */
const LIMIT = 61440;
const ROOM = 1024;

describe("the run loops' sizes", () => {
  /** Each loop, the functions of it that run hot, and where it ships. */
  const loops: [string, string][] = [
    ['runFast', '../../dist/fast/run.js'],
    ['simd', '../../dist/fast/run.js'],
    ['runCompact', '../../dist/compact/run.js'],
  ];
  for (const [name, file] of loops) {
    it(`${name}'s bytecode stays under V8's limit for optimizing a function`, () => {
      const path = fileURLToPath(new URL(file, import.meta.url));
      // --no-lazy compiles every function as the module loads, so the function's bytecode is printed.
      const out = execFileSync(
        process.execPath,
        ['--no-lazy', '--print-bytecode', `--print-bytecode-filter=${name}`, '--input-type=module', '-e', `await import(${JSON.stringify(path)})`],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      const length = Number(/Bytecode length: (\d+)/.exec(out)?.[1]);
      expect(length, `${name} printed its bytecode`).toBeGreaterThan(10000);
      expect(length, `${name}'s bytecode: ${length} bytes, V8 optimizes up to ${LIMIT}`).toBeLessThan(LIMIT - ROOM);
    });
  }
});
