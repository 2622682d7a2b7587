import { assemble, loadWabt } from '@proj/testkit';
import { expect, it } from 'vitest';
import { CHECK_WAT, installCheck, v8Outcome } from '../src/install-check.js';

it('the packed packages install with npm and work from Node, TypeScript --strict and an esbuild bundle', async () => {
  const bytes = assemble(await loadWabt(), CHECK_WAT);
  const expected = v8Outcome(bytes);
  const report = await installCheck(bytes);
  expect(report.tarballs.length).toBeGreaterThanOrEqual(5);
  expect(report.problems).toEqual([]);
  for (const way of [report.node, report.typescript, report.bundle]) {
    expect(Object.keys(way).sort()).toEqual(['compact', 'compiled', 'fast']);
    for (const outcome of Object.values(way)) expect(outcome).toEqual(expected);
  }
});
