/** Types of ttf-run.mjs (the differential runner is plain JavaScript so node can run it as is). */
export interface DiffStats {
  modules: number;
  exportsCalled: number;
  resultsCompared: number;
  trapsCompared: number;
  abortsCompared: number;
  logEntries: number;
  memoryCompares: number;
  globalCompares: number;
  trapReasons: Record<string, number>;
  accepted: Record<string, number>;
  skips: Record<string, number>;
}

export interface SeedsResult {
  stats: DiffStats;
  failures: { seed: number; mismatches: string[] }[];
  generated: number;
  ms: number;
}

export const DEFAULT_MODULES: number;
export function reproCommand(seed: number): string;
export function runSeeds(api: unknown, start: number, count: number, onSeed?: (r: unknown) => void): Promise<SeedsResult>;
export function summaryText(r: SeedsResult, start: number, count: number): string;
