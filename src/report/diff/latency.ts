/**
 * Latency of two runs side by side: one row per latency series label (the samples of every case's
 * `latency` series of that label, pooled), then one row over every recorded exchange's total time. The
 * percentile is the nearest-rank one the run itself judges latency with (src/transport/latency.ts), so
 * the p50 / p95 of a series here are the figures its case showed; it is restated here (three lines) rather
 * than imported so that reading two run files does not load the HTTP client that module runs on.
 */
import type { RunResult } from '../../core/model.js';
import type { Percentiles, RunDiff } from './types.js';

/** Label of the row over every recorded exchange (the row also carries `allRequests: true`). */
export const ALL_REQUESTS = 'all requests';

/** Nearest-rank percentile (p in 0..100) of a sorted, non-empty list: the definition of src/transport/latency.ts. */
function nearestRank(sorted: number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

/** p50 / p95 / p99 / max of the finite samples; undefined when there is none. */
export function percentilesOf(samples: number[]): Percentiles | undefined {
  const sorted = samples.filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return {
    samples: sorted.length,
    p50: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    p99: nearestRank(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

/** Samples of each latency series label of a run, labels in the order the run met them. */
function seriesOf(run: RunResult): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of run.cases) {
    for (const s of c.latency ?? []) {
      const list = out.get(s.label);
      if (list) list.push(...s.samplesMs);
      else out.set(s.label, [...s.samplesMs]);
    }
  }
  return out;
}

function exchangeTimes(run: RunResult): number[] {
  return run.cases.flatMap((c) => c.exchanges.map((x) => x.timings.totalMs));
}

function row(label: string, oldSamples: number[] | undefined, newSamples: number[] | undefined): RunDiff['latency'][number] {
  const o = oldSamples ? percentilesOf(oldSamples) : undefined;
  const n = newSamples ? percentilesOf(newSamples) : undefined;
  return { label, ...(o ? { old: o } : {}), ...(n ? { new: n } : {}) };
}

/** The latency rows of the diff: the new run's series, then the old run's others, then all requests (when either run recorded one). */
export function latencyRows(oldRun: RunResult, newRun: RunResult): RunDiff['latency'] {
  const olds = seriesOf(oldRun);
  const news = seriesOf(newRun);
  const labels = [...news.keys(), ...[...olds.keys()].filter((l) => !news.has(l))];
  const rows = labels.map((l) => row(l, olds.get(l), news.get(l)));
  const all = row(ALL_REQUESTS, exchangeTimes(oldRun), exchangeTimes(newRun));
  if (all.old || all.new) rows.push({ ...all, allRequests: true });
  return rows;
}
