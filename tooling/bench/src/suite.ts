import type { TimingOptions } from './measure.js';
import type { BenchModule } from './modules.js';

/** One column of a suite's printed table. */
export interface Column {
  readonly header: string;
  readonly align: 'left' | 'right';
}

/** One printed table. */
export interface ReportTable {
  /** Printed above the table; the suite's title when absent. */
  readonly title?: string;
  readonly columns: readonly Column[];
  /** Cell text, one array per row, in column order. */
  readonly rows: readonly (readonly string[])[];
  /** Lines printed under this table. */
  readonly notes?: readonly string[];
}

/** What a suite hands back: tables to print and a JSON-serialisable record to save. */
export interface SuiteReport {
  readonly tables: readonly ReportTable[];
  /** Lines printed under the suite's last table (method, notes). */
  readonly notes: readonly string[];
  /** Suite-specific results, saved under `results` in `bench-results/<suite>.json`. */
  readonly results: unknown;
  /** The timing options the suite actually used, when not the context's (saved as `timing`). */
  readonly timing?: unknown;
  /** Lines printed again after every suite has run (e.g. geomeans), so they close the output. */
  readonly summary?: readonly string[];
  /**
   * Problems that must fail the run (a wrong checksum from our engine, for one): printed at the
   * end, and the process exits 1.
   */
  readonly failures?: readonly string[];
}

export interface SuiteContext {
  /** The selected modules (CLI filters applied): shared kernels, local programs, npm modules. */
  readonly modules: readonly BenchModule[];
  readonly timing: TimingOptions;
  /** `--samples=N`, when given: overrides every suite's own sample count. */
  readonly samples: number | undefined;
  readonly quick: boolean;
  /** `--find-n`: the execute suite finds each program's n by doubling instead of using its table. */
  readonly findN: boolean;
  /** Whether the run(n) and programs suites also time a first run in a fresh process (off with --no-first-run). */
  readonly firstRun: boolean;
  /** `--fuel`: the run(n) and programs suites also run each profile metered (with ample fuel), as `<profile>+fuel`. */
  readonly fuel: boolean;
  /** Progress output (stderr), so the tables on stdout stay clean. */
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
