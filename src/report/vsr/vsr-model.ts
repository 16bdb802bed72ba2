/**
 * The figures of the PV VSR, drawn from a read history for a period: availability per Paris day and
 * over the period, latency percentiles of the answered requests, incidents, failing rules over time,
 * and the stretches where the watch did not probe (a day without probe is shown as such, never as
 * available). Pure: the renderer and the console only read a VsrReport.
 */
import { SetupError } from '../../core/errors.js';
import { median } from './median.js';
import type { History, HistoryNote } from './read-history.js';
import { findIncidents, type Incident } from './incidents.js';
import { latencyStats, type LatencyStats } from './percentile.js';
import type { Probe } from './probe.js';
import { trackRules, type RuleTrack } from './regressions.js';

export interface DayStats {
  day: string;
  probes: number;
  available: number;
  /** available / probes; undefined on a day without probe. */
  availability?: number;
  failedProbes: number;
  /** Requests without an HTTP answer. */
  unanswered: number;
  latency: LatencyStats;
  failingRules: string[];
}

export interface WatchGap {
  /** Last probe before the gap and first probe after it. */
  from: string;
  to: string;
  durationMs: number;
}

/** `--from` / `--to` as given: a Paris day (YYYY-MM-DD, inclusive) or an instant with offset. */
export interface PeriodBounds {
  from?: string;
  to?: string;
}

export interface VsrReport {
  history: Pick<History, 'file' | 'sha256' | 'bytes' | 'lines' | 'skipped'> & { notes: HistoryNote[] };
  requested: PeriodBounds;
  /** First and last day of the period (the requested days, else those of the first and last probes). */
  firstDay: string;
  lastDay: string;
  firstProbe: string;
  lastProbe: string;
  probes: number;
  available: number;
  availability: number;
  failedProbes: number;
  unanswered: number;
  latency: LatencyStats;
  days: DayStats[];
  /** Days of the period without a single probe. */
  daysWithoutProbe: number;
  incidents: Incident[];
  /** Sum of the incidents' durations. */
  incidentMs: number;
  rules: RuleTrack[];
  /** Median time between two probes. */
  intervalMs?: number;
  gaps: WatchGap[];
  endpoints: string[];
  tools: string[];
  igs: string[];
  /** Certificate end of validity seen by the last probe that recorded it. */
  certValidTo?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A gap is a pause of more than this many usual intervals (one probe missed is already a gap). */
const GAP_FACTOR = 1.5;

/** Checks a bound: a day, or an instant with its offset; anything else is a SetupError. */
export function checkBound(flag: string, value: string): void {
  const ok =
    (DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) || (INSTANT.test(value) && !Number.isNaN(Date.parse(value)));
  if (!ok)
    throw new SetupError(
      { fr: `${flag} ${value}\u00a0: date invalide`, en: `${flag} ${value}: invalid date` },
      {
        fr: 'un jour (2026-04-06, heure de Paris) ou un instant avec décalage (2026-04-06T08:00:00+02:00)',
        en: 'a day (2026-04-06, Paris time) or an instant with its offset (2026-04-06T08:00:00+02:00)',
      },
    );
}

function inPeriod(p: Probe, b: PeriodBounds): boolean {
  if (b.from) if (DAY.test(b.from) ? p.day < b.from : p.ms < Date.parse(b.from)) return false;
  if (b.to) if (DAY.test(b.to) ? p.day > b.to : p.ms > Date.parse(b.to)) return false;
  return true;
}

/** Every calendar day from `first` to `last` (YYYY-MM-DD), calendar arithmetic only. */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function dayStats(day: string, probes: readonly Probe[]): DayStats {
  const latencies: number[] = [];
  const rules = new Set<string>();
  let available = 0;
  let failed = 0;
  let unanswered = 0;
  for (const p of probes) {
    if (p.available) available += 1;
    if (p.failed) failed += 1;
    unanswered += p.unanswered;
    for (const l of p.latencies) latencies.push(l);
    for (const r of p.failingRules) rules.add(r);
  }
  return {
    day,
    probes: probes.length,
    available,
    ...(probes.length ? { availability: available / probes.length } : {}),
    failedProbes: failed,
    unanswered,
    latency: latencyStats(latencies),
    failingRules: [...rules].sort(),
  };
}

function watchGaps(probes: readonly Probe[]): { intervalMs?: number; gaps: WatchGap[] } {
  if (probes.length < 3) return { gaps: [] };
  const deltas: number[] = [];
  for (let i = 1; i < probes.length; i += 1) deltas.push(probes[i].ms - probes[i - 1].ms);
  const intervalMs = median(deltas);
  if (!(intervalMs > 0)) return { gaps: [] };
  const gaps: WatchGap[] = [];
  for (let i = 1; i < probes.length; i += 1) {
    const d = probes[i].ms - probes[i - 1].ms;
    if (d > intervalMs * GAP_FACTOR) gaps.push({ from: probes[i - 1].at, to: probes[i].at, durationMs: d });
  }
  return { intervalMs, gaps };
}

const distinct = (values: Iterable<string | undefined>): string[] => [...new Set([...values].filter((v): v is string => Boolean(v)))];

/** The figures of the PV VSR for `bounds`; a period without any probe is a SetupError. */
export function computeVsr(history: History, bounds: PeriodBounds = {}): VsrReport {
  const probes = history.probes.filter((p) => inPeriod(p, bounds));
  if (probes.length === 0) {
    const first = history.probes[0].at;
    const last = history.probes[history.probes.length - 1].at;
    throw new SetupError(
      {
        fr: `aucune sonde dans la période demandée (${bounds.from ?? '…'} → ${bounds.to ?? '…'})`,
        en: `no probe in the requested period (${bounds.from ?? '…'} → ${bounds.to ?? '…'})`,
      },
      { fr: `l’historique couvre ${first} → ${last}`, en: `the history covers ${first} → ${last}` },
    );
  }
  const byDay = new Map<string, Probe[]>();
  for (const p of probes) {
    const list = byDay.get(p.day);
    if (list) list.push(p);
    else byDay.set(p.day, [p]);
  }
  const firstDay = bounds.from && DAY.test(bounds.from) ? bounds.from : probes[0].day;
  const lastDay = bounds.to && DAY.test(bounds.to) ? bounds.to : probes[probes.length - 1].day;
  const days = daysBetween(firstDay, lastDay).map((d) => dayStats(d, byDay.get(d) ?? []));
  const whole = dayStats('', probes);
  const incidents = findIncidents(probes);
  const certs = probes.filter((p) => p.certValidTo);
  return {
    history: {
      file: history.file,
      sha256: history.sha256,
      bytes: history.bytes,
      lines: history.lines,
      skipped: history.skipped,
      notes: history.notes,
    },
    requested: bounds,
    firstDay,
    lastDay,
    firstProbe: probes[0].at,
    lastProbe: probes[probes.length - 1].at,
    probes: probes.length,
    available: whole.available,
    availability: whole.available / probes.length,
    failedProbes: whole.failedProbes,
    unanswered: whole.unanswered,
    latency: whole.latency,
    days,
    daysWithoutProbe: days.filter((d) => d.probes === 0).length,
    incidents,
    incidentMs: incidents.reduce((s, i) => s + i.durationMs, 0),
    rules: trackRules(probes),
    ...watchGaps(probes),
    endpoints: distinct(probes.map((p) => p.baseUrl)),
    tools: distinct(probes.map((p) => p.tool)),
    igs: distinct(probes.map((p) => p.ig)),
    ...(certs.length ? { certValidTo: certs[certs.length - 1].certValidTo } : {}),
  };
}
