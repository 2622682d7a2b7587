import type { TimingOptions } from './measure.js';
import type { BenchModule } from './modules.js';

/** One column of a suite's printed table. */
export interface Column {
  readonly header: string;
  readonly align: 'left' | 'right';
}

/** What a suite hands back: a table to print and a JSON-serialisable record to save. */
export interface SuiteReport {
  readonly columns: readonly Column[];
  /** Cell text, one array per row, in column order. */
  readonly rows: readonly (readonly string[])[];
  /** Lines printed under the table (method, notes). */
  readonly notes: readonly string[];
  /** Suite-specific results, saved under `results` in `bench-results/<suite>.json`. */
  readonly results: unknown;
}

export interface SuiteContext {
  readonly modules: readonly BenchModule[];
  readonly timing: TimingOptions;
  readonly quick: boolean;
  /** Progress output (stderr), so the table on stdout stays clean. */
  readonly log: (line: string) => void;
}

/**
 * A measurement suite. Each lives in src/suites/ and is registered in src/suites/index.ts;
 * `main` selects suites with --suite, prints their tables and saves their JSON.
 */
export interface Suite {
  /** Also the JSON file name: bench-results/<name>.json. */
  readonly name: string;
  readonly title: string;
  run(ctx: SuiteContext): Promise<SuiteReport>;
}
