/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value
 * of rank ⌈p/100 × n⌉, always one of the measured times (never an interpolation between two requests),
 * which is what a reader of the PV can check against the raw history.
 */

/** Nearest-rank percentile of ascending `sorted` values; undefined when there are none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface LatencyStats {
  /** Requests that got an HTTP answer and a measured time. */
  count: number;
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
  /** Answers slower than the 1 s target. */
  over1s: number;
  /** Answers slower than the SAS 7 s time-out. */
  over7s: number;
}

export const TARGET_MS = 1000;
export const SAS_TIMEOUT_MS = 7000;

/** p50 / p95 / p99, max and the counts over the target and the time-out; sorts `values` in place. */
export function latencyStats(values: number[]): LatencyStats {
  values.sort((a, b) => a - b);
  let over1s = 0;
  let over7s = 0;
  for (const v of values) {
    if (v > TARGET_MS) over1s += 1;
    if (v > SAS_TIMEOUT_MS) over7s += 1;
  }
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.at(-1),
    over1s,
    over7s,
  };
}
