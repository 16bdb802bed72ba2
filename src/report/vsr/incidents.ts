/**
 * Incidents: runs of consecutive failed probes (not available, or a verdict error / failed). An incident
 * starts at its first failed probe and ends at the first probe that passed again (the service was seen
 * failing until then); one still failing at the end of the period ends at its last probe, marked
 * ongoing. Its cause is what the probes saw: transport outcomes, HTTP statuses, failing rule ids.
 */
import type { TransportOutcome } from '../../core/model.js';
import type { Probe } from './probe.js';

export interface Incident {
  start: string;
  end: string;
  /** 'recovered': `end` is the first probe that passed again; 'ongoing': still failing at the period's end. */
  endKind: 'recovered' | 'ongoing';
  durationMs: number;
  /** Failed probes in the run. */
  probes: number;
  /** Of which not available (some request got no 2xx HTTP answer in time). */
  unavailable: number;
  /** Transport outcomes other than ok, with their counts, most frequent first. */
  outcomes: Array<{ outcome: TransportOutcome; count: number }>;
  /** HTTP statuses of the checks that did not pass, sorted. */
  statuses: number[];
  /** Failing rule ids seen during the incident, sorted. */
  rules: string[];
  /** Evidence file of the first failed probe that has one. */
  evidence?: { path: string; sha256: string };
}

function close(run: Probe[], next: Probe | undefined): Incident {
  const first = run[0];
  const last = run[run.length - 1];
  const endProbe = next ?? last;
  const outcomes = new Map<TransportOutcome, number>();
  const statuses = new Set<number>();
  const rules = new Set<string>();
  let unavailable = 0;
  for (const p of run) {
    if (!p.available) unavailable += 1;
    for (const o of p.outcomes) outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
    for (const s of p.statuses) statuses.add(s);
    for (const r of p.failingRules) rules.add(r);
  }
  const evidence = run.find((p) => p.evidence)?.evidence;
  return {
    start: first.at,
    end: endProbe.at,
    endKind: next ? 'recovered' : 'ongoing',
    durationMs: endProbe.ms - first.ms,
    probes: run.length,
    unavailable,
    outcomes: [...outcomes]
      .map(([outcome, count]) => ({ outcome, count }))
      .sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome)),
    statuses: [...statuses].sort((a, b) => a - b),
    rules: [...rules].sort(),
    ...(evidence ? { evidence } : {}),
  };
}

/** The incidents of probes sorted by time. */
export function findIncidents(probes: readonly Probe[]): Incident[] {
  const incidents: Incident[] = [];
  let run: Probe[] = [];
  for (const p of probes) {
    if (p.failed) {
      run.push(p);
    } else if (run.length) {
      incidents.push(close(run, p));
      run = [];
    }
  }
  if (run.length) incidents.push(close(run, undefined));
  return incidents;
}
