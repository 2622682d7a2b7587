/** Types of fuel-diff.mjs (the differential runner is plain JavaScript so node can run it as is). */
export interface FuelStats {
  modules: number;
  calls: number;
  pausesCompared: number;
  maxPauses: number;
  fuelUsed: number;
  capped: number;
  outcomes: Record<string, number>;
  interleaved: number;
  trappedAtPause: number;
  disturbedPauses: number;
  skips: Record<string, number>;
}

export interface FuelSeedsResult {
  stats: FuelStats;
  failures: { seed: number; mismatches: string[] }[];
  generated: number;
  ms: number;
}

export const PROFILES: readonly string[];
export const DEFAULT_FUEL_MODULES: number;
export const AMPLE: number;
export const PAUSE_CAP: number;
export const PAUSE_TRAP: string;
export function fuelReproCommand(seed: number): string;
export function runFuelSeeds(api: unknown, start: number, count: number): Promise<FuelSeedsResult>;
export function fuelSummaryText(r: FuelSeedsResult, start: number, count: number): string;
