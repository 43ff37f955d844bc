/** One benchmark: `npm run bench -- <name> [--quick]`. */
export interface Benchmark {
  name: string;
  description: string;
  /** Prints its table through `print` and returns the figures for the final JSON line. */
  run(options: BenchOptions): Promise<Record<string, unknown>>;
}

export interface BenchOptions {
  quick: boolean;
  /** Repository root (dist/ is built there). */
  root: string;
  print(line: string): void;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}
