import { describe, expect, it } from 'vitest';
import { brokenResult } from './pool.js';
import { fileLine, issueLines, skipReason, sumResults, summaryLines } from './report.js';
import { emptyResult, type FileResult } from './run-script.js';

function result(file: string, failures: number): FileResult {
  const r = emptyResult(file);
  Object.assign(r.counts, { passed: 5, failed: failures, skipped: 1, pending: 3, 'n/a': 2 });
  r.kinds = { module: 4, assert_return: 3 };
  r.pending = { 'execution comes with the interpreter': 3 };
  r.notApplicable = { 'text-form malformed module': 2 };
  for (let i = 1; i <= failures; i++) r.failures.push({ line: i, kind: 'module', message: `bad ${i}` });
  r.skips.push({ line: 9, kind: 'module', message: `wabt cannot assemble: ${file}:9:3: error: oops` });
  r.wordingDiffs.push({ line: 7, kind: 'assert_invalid', expected: 'a', got: 'b' });
  return r;
}

describe('report', () => {
  it('prints one line per file', () => {
    expect(fileLine(result('x.wast', 2))).toBe('x.wast: 5 passed, 2 failed, 1 skipped, 3 pending, 2 n/a');
  });

  it('caps failures unless verbose and always lists skips', () => {
    const r = result('x.wast', 12);
    const capped = issueLines(r, { verbose: false, failureCap: 10 });
    expect(capped.filter((l) => l.includes('FAIL'))).toHaveLength(10);
    expect(capped).toContain('  ... and 2 more failures (SPEC_VERBOSE=1 lists all)');
    expect(capped).toContain('  SKIP x.wast:9: module: wabt cannot assemble: x.wast:9:3: error: oops');
    expect(capped.some((l) => l.includes('WORDING'))).toBe(false);
    const all = issueLines(r, { verbose: true, failureCap: 10 });
    expect(all.filter((l) => l.includes('FAIL'))).toHaveLength(12);
    expect(all).toContain('  WORDING x.wast:7: assert_invalid: expected "a", got "b"');
    expect(issueLines(brokenResult('y.wast', 'worker exited with code 3'), { verbose: false, failureCap: 10 })).toEqual([
      '  FAIL y.wast: worker: worker exited with code 3',
    ]);
  });

  it('sums results and ends with the total line', () => {
    const t = sumResults([result('a.wast', 1), result('b.wast', 0), brokenResult('c.wast', 'crash')]);
    expect(t.counts).toEqual({ passed: 10, failed: 2, skipped: 2, pending: 6, 'n/a': 4 });
    expect(t.kinds).toEqual({ module: 8, assert_return: 6 });
    expect(t.wordingDiffs).toBe(2);
    expect(t.skipReasons).toEqual({ 'wabt cannot assemble: error: oops': 2 });
    const lines = summaryLines(t, false, 'time: 1 s');
    expect(lines.at(-1)).toBe('spec: 10 passed, 2 failed, 2 skipped');
    expect(lines.at(-2)).toBe('time: 1 s');
    expect(lines).toContain('directives: 14 — module 8, assert_return 6');
    expect(lines).toContain('pending: 6 — 6 (execution comes with the interpreter)');
  });

  it('groups skip reasons without positions', () => {
    expect(skipReason('wabt cannot assemble: a.wast:3:4: error: x; a.wast:9(quote):1:2: error: y')).toBe(
      'wabt cannot assemble: error: x; error: y',
    );
  });
});
