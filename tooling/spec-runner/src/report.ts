/** Formats the per-file lines, the issues and the summary of a run. */

import type { FileResult, Issue, Outcome } from './run-script.js';

export interface ReportOptions {
  /** List every failure and every wording difference. */
  verbose: boolean;
  /** Failures listed per file when not verbose. */
  failureCap: number;
}

export interface Totals {
  counts: Record<Outcome, number>;
  kinds: Record<string, number>;
  pending: Record<string, number>;
  notApplicable: Record<string, number>;
  wordingDiffs: number;
  /** Skip reasons with positions removed, and how often each occurred. */
  skipReasons: Record<string, number>;
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

/** A skip message without file:line:col positions, so that equal reasons group together. */
export function skipReason(message: string): string {
  return message.replace(/\S*\.wast(:\d+)?(\(quote\))?:\d+:\d+: /g, '');
}

export function sumResults(results: FileResult[]): Totals {
  const t: Totals = {
    counts: { passed: 0, failed: 0, skipped: 0, pending: 0, 'n/a': 0 },
    kinds: {},
    pending: {},
    notApplicable: {},
    wordingDiffs: 0,
    skipReasons: {},
  };
  for (const r of results) {
    add(t.counts, r.counts);
    add(t.kinds, r.kinds);
    add(t.pending, r.pending);
    add(t.notApplicable, r.notApplicable);
    t.wordingDiffs += r.wordingDiffs.length;
    for (const s of r.skips) add(t.skipReasons, { [skipReason(s.message)]: 1 });
  }
  return t;
}

export function fileLine(r: FileResult): string {
  const c = r.counts;
  return `${r.file}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c.pending} pending, ${c['n/a']} n/a`;
}

function where(file: string, i: Issue | { line: number }): string {
  return i.line > 0 ? `${file}:${i.line}` : file;
}

/** The lines printed under a file's line: its failures (capped), all skips, and wording differences if verbose. */
export function issueLines(r: FileResult, o: ReportOptions): string[] {
  const out: string[] = [];
  const shown = o.verbose ? r.failures : r.failures.slice(0, o.failureCap);
  for (const f of shown) out.push(`  FAIL ${where(r.file, f)}: ${f.kind}: ${f.message}`);
  const hidden = r.failures.length - shown.length;
  if (hidden > 0) out.push(`  ... and ${hidden} more failures (SPEC_VERBOSE=1 lists all)`);
  for (const s of r.skips) out.push(`  SKIP ${where(r.file, s)}: ${s.kind}: ${s.message}`);
  if (o.verbose)
    for (const w of r.wordingDiffs)
      out.push(`  WORDING ${where(r.file, w)}: ${w.kind}: expected "${w.expected}", got "${w.got}"`);
  return out;
}

function byCount(m: Record<string, number>): [string, number][] {
  return Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Summary lines; the last is the total line `spec: N passed, N failed, N skipped`. */
export function summaryLines(t: Totals, verbose: boolean, timing?: string): string[] {
  const out: string[] = [];
  const reasons = (m: Record<string, number>) =>
    byCount(m)
      .map(([why, n]) => `${n} (${why})`)
      .join(', ');
  out.push(`pending: ${t.counts.pending}${t.counts.pending > 0 ? ` — ${reasons(t.pending)}` : ''}`);
  out.push(`n/a: ${t.counts['n/a']}${t.counts['n/a'] > 0 ? ` — ${reasons(t.notApplicable)}` : ''}`);
  if (t.counts.skipped > 0) {
    out.push('skips by reason:');
    for (const [why, n] of byCount(t.skipReasons)) out.push(`  ${n} × ${why}`);
  }
  out.push(`wording differs: ${t.wordingDiffs}${verbose || t.wordingDiffs === 0 ? '' : ' (SPEC_VERBOSE=1 lists them)'}`);
  const total = Object.values(t.kinds).reduce((a, b) => a + b, 0);
  out.push(`directives: ${total} — ${byCount(t.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (timing !== undefined) out.push(timing);
  out.push(`spec: ${t.counts.passed} passed, ${t.counts.failed} failed, ${t.counts.skipped} skipped`);
  return out;
}
