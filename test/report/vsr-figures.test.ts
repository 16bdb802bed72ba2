/**
 * The figures of the PV VSR on a generated two-month history (15-minute probes: 5,760 records) with a
 * 3-hour outage on day 10, a 45-minute one on day 30, a slow day 20 (latencies of 2–8 s) and a
 * conformance rule failing from day 40 to day 41: availability per day and overall, latency
 * percentiles (computed here independently, by a naive sort of the generated records), incidents,
 * failing rules over time; then the Paris day of a DST change, breaks in the watch and the period bounds.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../../bench/vsr-history.mjs';
import type { ProbeRecord } from '../../src/core/probe-record.js';
import { SetupError } from '../../src/core/errors.js';
import { readHistory, type History } from '../../src/report/vsr/read-history.js';
import { computeVsr, type VsrReport } from '../../src/report/vsr/vsr-model.js';
import { tempDir } from '../e2e/support.js';

const dir = tempDir('vsr-figures');
const H = 3_600_000;

async function historyOf(name: string, records: ProbeRecord[]): Promise<History> {
  const f = join(dir, name);
  writeFileSync(f, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return readHistory(f);
}

/** The naive way: sort, take the value of rank ⌈p·n/100⌉. */
function naivePercentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil((p * s.length) / 100) - 1];
}

const answered = (records: ProbeRecord[]): number[] =>
  records.flatMap((r) => r.checks.filter((c) => c.outcome === 'ok' && c.latencyMs !== undefined).map((c) => c.latencyMs!));

describe('PV VSR figures of a two-month history', () => {
  const gen = generateHistory(); // 60 days from 2026-04-06 (no DST change), every 15 minutes
  let report: VsrReport;

  beforeAll(async () => {
    report = computeVsr(await historyOf('two-months.jsonl', gen.records));
  });

  it('covers 60 days of 96 probes: 5,760 records', () => {
    expect(gen.records).toHaveLength(5760);
    expect(report.probes).toBe(5760);
    expect(report.days).toHaveLength(60);
    expect([report.firstDay, report.lastDay]).toEqual(['2026-04-06', '2026-06-04']);
    expect(report.days.every((d) => d.probes === 96)).toBe(true);
    expect(report.intervalMs).toBe(15 * 60_000);
    expect(report.gaps).toEqual([]);
  });

  it('availability per day and over the period', () => {
    const byDay = new Map<string, ProbeRecord[]>();
    for (const r of gen.records) byDay.set(r.at.slice(0, 10), [...(byDay.get(r.at.slice(0, 10)) ?? []), r]);
    for (const d of report.days) {
      const rs = byDay.get(d.day)!;
      expect(d.availability, d.day).toBe(rs.filter((r) => r.available).length / rs.length);
    }
    const day = (n: number) => report.days[n - 1];
    expect(day(10)).toMatchObject({ day: '2026-04-15', probes: 96, available: 84, availability: 84 / 96 });
    expect(day(30)).toMatchObject({ day: '2026-05-05', probes: 96, available: 93, availability: 93 / 96 });
    expect(report.days.filter((d) => d.availability !== 1).map((d) => d.day)).toEqual(['2026-04-15', '2026-05-05']);
    expect(report.available).toBe(5760 - 15);
    expect(report.availability).toBe((5760 - 15) / 5760);
    expect(report.unanswered).toBe(15 * 3);
  });

  it('latency p50 / p95 / p99 per day and overall, as a naive sort gives them', () => {
    for (const d of report.days) {
      const values = answered(gen.records.filter((r) => r.at.startsWith(d.day)));
      expect(d.latency.count, d.day).toBe(values.length);
      for (const p of [50, 95, 99] as const) expect(d.latency[`p${p}`], `${d.day} p${p}`).toBe(naivePercentile(values, p));
      expect(d.latency.max).toBe(Math.max(...values));
      expect(d.latency.over7s).toBe(values.filter((v) => v > 7000).length);
    }
    const all = answered(gen.records);
    expect(report.latency.count).toBe(5760 * 3 - 45); // the timed-out and refused requests are not answer times
    for (const p of [50, 95, 99] as const) expect(report.latency[`p${p}`]).toBe(naivePercentile(all, p));
    const slow = report.days[19];
    expect(slow.day).toBe('2026-04-25');
    expect(slow.latency.p50).toBeGreaterThan(4000);
    expect(slow.latency.p50).toBeLessThan(6000);
    expect(slow.latency.p99).toBeGreaterThan(7000);
    expect(slow.latency.over1s).toBe(288);
    expect(report.days[0].latency.p95).toBeLessThan(1000);
  });

  it('incidents: start, end, duration and cause', () => {
    const summary = report.incidents.map((i) => ({
      start: i.start,
      end: i.end,
      hours: i.durationMs / H,
      probes: i.probes,
      endKind: i.endKind,
    }));
    expect(summary).toEqual([
      { start: '2026-04-15T10:00:00+02:00', end: '2026-04-15T13:00:00+02:00', hours: 3, probes: 12, endKind: 'recovered' },
      { start: '2026-05-05T22:00:00+02:00', end: '2026-05-05T22:45:00+02:00', hours: 0.75, probes: 3, endKind: 'recovered' },
      { start: '2026-05-15T08:00:00+02:00', end: '2026-05-16T18:00:00+02:00', hours: 34, probes: 136, endKind: 'recovered' },
    ]);
    const [outage, refused, rule] = report.incidents;
    expect(outage).toMatchObject({ unavailable: 12, outcomes: [{ outcome: 'timeout', count: 36 }], rules: [] });
    expect(refused).toMatchObject({ unavailable: 3, outcomes: [{ outcome: 'refused', count: 9 }] });
    expect(rule).toMatchObject({ unavailable: 0, outcomes: [], rules: ['SAS-TEL-001'], statuses: [200] });
    expect(outage.evidence?.path).toBe('evidence/2026-04-15T10-00-00-02-00.json');
    expect(report.incidentMs).toBe(37.75 * H);
  });

  it('conformance regressions: first and last seen of each failing rule, per day', () => {
    expect(report.rules).toEqual([
      {
        ruleId: 'SAS-TEL-001',
        firstSeen: '2026-05-15T08:00:00+02:00',
        lastSeen: '2026-05-16T17:45:00+02:00',
        probes: 136,
        days: ['2026-05-15', '2026-05-16'],
      },
    ]);
    expect(report.days.filter((d) => d.failingRules.length).map((d) => [d.day, d.failingRules])).toEqual([
      ['2026-05-15', ['SAS-TEL-001']],
      ['2026-05-16', ['SAS-TEL-001']],
    ]);
  });

  it('--from / --to: days (Paris, inclusive) or instants; a period without probe is a SetupError', async () => {
    const history = await historyOf('bounds.jsonl', gen.records);
    const days = computeVsr(history, { from: '2026-04-15', to: '2026-04-16' });
    expect(days.probes).toBe(192);
    expect(days.days.map((d) => d.day)).toEqual(['2026-04-15', '2026-04-16']);
    expect(days.incidents).toHaveLength(1);
    // an instant in UTC cuts the Paris day at 02:00 local
    const instants = computeVsr(history, { from: '2026-04-15T00:00:00Z', to: '2026-04-15T11:00:00+02:00' });
    expect([instants.firstProbe, instants.lastProbe]).toEqual(['2026-04-15T02:00:00+02:00', '2026-04-15T11:00:00+02:00']);
    expect(instants.incidents[0]).toMatchObject({ endKind: 'ongoing', end: '2026-04-15T11:00:00+02:00', durationMs: H });
    expect(() => computeVsr(history, { from: '2027-01-01' })).toThrow(SetupError);
  });
});

describe('PV VSR figures: Paris days, breaks in the watch', () => {
  it('the day of the change to summer time has 92 quarter-hours', async () => {
    const gen = generateHistory({ start: '2026-03-27', startOffset: '+01:00', days: 4, events: { outages: [], slowDays: [], rules: [] } });
    const report = computeVsr(await historyOf('dst.jsonl', gen.records));
    expect(report.days.map((d) => [d.day, d.probes])).toEqual([
      ['2026-03-27', 96],
      ['2026-03-28', 96],
      ['2026-03-29', 92],
      ['2026-03-30', 96],
    ]);
  });

  it('a day without probe is shown as such (never as available) and a pause is a break in the watch', async () => {
    const gen = generateHistory({ days: 5, events: { outages: [], slowDays: [], rules: [] } });
    const kept = gen.records.filter((r) => !r.at.startsWith('2026-04-08') && !(r.at >= '2026-04-06T10:00' && r.at < '2026-04-06T12:00'));
    const report = computeVsr(await historyOf('gaps.jsonl', kept));
    expect(report.days.map((d) => d.availability)).toEqual([1, 1, undefined, 1, 1]);
    expect(report.daysWithoutProbe).toBe(1);
    expect(report.availability).toBe(1);
    expect(report.gaps.map((g) => [g.from, g.to, g.durationMs / 60_000])).toEqual([
      ['2026-04-06T09:45:00+02:00', '2026-04-06T12:00:00+02:00', 135],
      ['2026-04-07T23:45:00+02:00', '2026-04-09T00:00:00+02:00', 24 * 60 + 15],
    ]);
  });
});
