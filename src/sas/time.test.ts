import { describe, expect, it } from 'vitest';
import {
  formatInZone,
  formatParis,
  intlOffsetMinutes,
  parisOffsetByRule,
  parseFhirDateTime,
  searchWindow,
  zoneOffsetMinutes,
  zonedWallToEpoch,
} from './time.js';

describe('parseFhirDateTime', () => {
  it('keeps the written offset, millis and precision', () => {
    const p = parseFhirDateTime('2026-03-02T08:00:00.000+01:00');
    expect(p).toMatchObject({ offsetMinutes: 60, hasOffset: true, hasMillis: true, precision: 'second' });
    expect(p?.epochMs).toBe(Date.UTC(2026, 2, 2, 7, 0, 0));
  });

  it.each([
    ['2026-03-02T08:00:00-05:00', -300, Date.UTC(2026, 2, 2, 13)],
    ['2026-03-02T08:00:00+05:30', 330, Date.UTC(2026, 2, 2, 2, 30)],
    ['2026-03-02T08:00:00Z', 0, Date.UTC(2026, 2, 2, 8)],
    ['2026-03-02T08:00:00.5+14:00', 840, Date.UTC(2026, 2, 1, 18, 0, 0, 500)],
  ])('%s → offset %i', (raw, off, epoch) => {
    const p = parseFhirDateTime(raw);
    expect(p?.offsetMinutes).toBe(off);
    expect(p?.epochMs).toBe(epoch);
  });

  it('reads values without offset as Paris wall-clock time (winter and summer)', () => {
    expect(parseFhirDateTime('2026-01-15T10:00:00')?.epochMs).toBe(Date.UTC(2026, 0, 15, 9));
    expect(parseFhirDateTime('2026-07-15T10:00:00')?.epochMs).toBe(Date.UTC(2026, 6, 15, 8));
    expect(parseFhirDateTime('2026-07-15T10:00:00')?.hasOffset).toBe(false);
  });

  it('gives the period of partial dates', () => {
    const d = parseFhirDateTime('2026-03-02Z');
    expect(d).toBeUndefined(); // a date never carries an offset in FHIR
    const day = parseFhirDateTime('2026-03-02');
    expect(day?.precision).toBe('day');
    expect(day?.epochMs).toBe(Date.UTC(2026, 2, 1, 23)); // midnight Paris (+01:00)
    expect(day?.endMs).toBe(Date.UTC(2026, 2, 2, 23) - 1);
    expect(parseFhirDateTime('2026-02')?.precision).toBe('month');
    expect(parseFhirDateTime('2026-03-02T10:00:00Z')?.endMs).toBe(Date.UTC(2026, 2, 2, 10, 0, 0, 999));
  });

  it.each([
    '2026-02-30T10:00:00Z',
    '2026-13-01',
    '2026-03-02T24:00:00Z',
    '2026-03-02T10:00Z',
    '02/03/2026',
    '',
    '2026-03-02T10:00:00+15:00',
    '2026-03-02 10:00:00Z',
  ])('rejects %j', (raw) => {
    expect(parseFhirDateTime(raw)).toBeUndefined();
  });
});

describe('Paris offsets and DST nights of 2026', () => {
  // Spring: 29 March 2026, 02:00 CET → 03:00 CEST (01:00Z). Autumn: 25 October 2026, 03:00 CEST → 02:00 CET (01:00Z).
  it('switches offset at 01:00Z on both nights', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 2, 29, 0, 59, 59))).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2026, 2, 29, 1, 0, 0))).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2026, 9, 25, 0, 59, 59))).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2026, 9, 25, 1, 0, 0))).toBe(60);
  });

  it('formats the instants around the March change', () => {
    expect(formatParis(new Date(Date.UTC(2026, 2, 29, 0, 59, 59, 999)))).toBe('2026-03-29T01:59:59.999+01:00');
    expect(formatParis(new Date(Date.UTC(2026, 2, 29, 1, 0, 0)))).toBe('2026-03-29T03:00:00.000+02:00');
  });

  it('formats the two 02:30 of the October night with their own offsets', () => {
    expect(formatParis(new Date(Date.UTC(2026, 9, 25, 0, 30)))).toBe('2026-10-25T02:30:00.000+02:00');
    expect(formatParis(new Date(Date.UTC(2026, 9, 25, 1, 30)))).toBe('2026-10-25T02:30:00.000+01:00');
  });

  it('maps Paris wall-clock times in the gap and the overlap', () => {
    // 02:30 does not exist on 29 March: pushed forward to 03:30+02:00.
    expect(zonedWallToEpoch(Date.UTC(2026, 2, 29, 2, 30))).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(zonedWallToEpoch(Date.UTC(2026, 2, 29, 3, 30))).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 02:30 happens twice on 25 October: the first one (+02:00) is taken.
    expect(zonedWallToEpoch(Date.UTC(2026, 9, 25, 2, 30))).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(zonedWallToEpoch(Date.UTC(2026, 9, 25, 3, 30))).toBe(Date.UTC(2026, 9, 25, 2, 30));
  });

  it('formats without millis on request and in other zones', () => {
    expect(formatParis(new Date(Date.UTC(2026, 0, 1, 12, 0, 0, 250)), false)).toBe('2026-01-01T13:00:00+01:00');
    expect(formatInZone(new Date(Date.UTC(2026, 0, 1, 12)), 'America/New_York')).toBe('2026-01-01T07:00:00.000-05:00');
    expect(formatInZone(new Date(Date.UTC(2026, 0, 1, 12)), 'Asia/Kolkata')).toBe('2026-01-01T17:30:00.000+05:30');
    expect(formatInZone(new Date(Date.UTC(2026, 0, 1, 12)), 'UTC')).toBe('2026-01-01T12:00:00.000+00:00');
  });

  it('round-trips formatParis through parseFhirDateTime', () => {
    for (const ms of [
      Date.UTC(2026, 2, 29, 0, 15),
      Date.UTC(2026, 2, 29, 1, 15),
      Date.UTC(2026, 9, 25, 0, 45),
      Date.UTC(2026, 9, 25, 1, 45),
    ]) {
      expect(parseFhirDateTime(formatParis(new Date(ms)))?.epochMs).toBe(ms);
    }
  });
});

describe('searchWindow', () => {
  it('spans now → now + 48 h in Paris time', () => {
    const w = searchWindow(new Date(Date.UTC(2026, 5, 10, 8, 0, 0)));
    expect(w).toEqual({ ge: '2026-06-10T10:00:00.000+02:00', le: '2026-06-12T10:00:00.000+02:00' });
  });

  it('crosses the March change night with a real 48 h span (offsets differ)', () => {
    const w = searchWindow(new Date(Date.UTC(2026, 2, 28, 12, 0, 0)));
    expect(w).toEqual({ ge: '2026-03-28T13:00:00.000+01:00', le: '2026-03-30T14:00:00.000+02:00' });
    expect(parseFhirDateTime(w.le)!.epochMs - parseFhirDateTime(w.ge)!.epochMs).toBe(48 * 3600_000);
  });

  it('takes another length and refuses a non-positive one', () => {
    expect(searchWindow(new Date(Date.UTC(2026, 9, 24, 22)), { hours: 6 }).le).toBe('2026-10-25T05:00:00.000+01:00');
    expect(() => searchWindow(new Date(), { hours: 0 })).toThrow(/positive/);
  });
});

describe('the Paris offset by the EU rule agrees with Intl (ICU)', () => {
  const HOUR = 3600_000;
  const from = Date.UTC(1996, 0, 1);
  const to = Date.UTC(2100, 0, 1);

  it('every 5 hours from 1996 to 2099', () => {
    const disagree: string[] = [];
    for (let t = from; t < to; t += 5 * HOUR) {
      if (parisOffsetByRule(t) !== intlOffsetMinutes(t, 'Europe/Paris')) disagree.push(new Date(t).toISOString());
    }
    expect(disagree).toEqual([]);
  });

  it('minute by minute around every change, and a second before and after it', () => {
    const disagree: string[] = [];
    let changes = 0;
    for (let t = from; t + HOUR < to; t += HOUR) {
      if (parisOffsetByRule(t) === parisOffsetByRule(t + HOUR)) continue;
      changes++;
      const change = t + HOUR;
      for (let m = change - 2 * HOUR; m <= change + 2 * HOUR; m += 60_000) {
        if (parisOffsetByRule(m) !== intlOffsetMinutes(m, 'Europe/Paris')) disagree.push(new Date(m).toISOString());
      }
      for (const s of [change - 1000, change]) {
        if (parisOffsetByRule(s) !== intlOffsetMinutes(s, 'Europe/Paris')) disagree.push(new Date(s).toISOString());
      }
    }
    expect(changes).toBe(2 * 104);
    expect(disagree).toEqual([]);
  });

  it('leaves other years to Intl', () => {
    expect(parisOffsetByRule(Date.UTC(1995, 6, 1))).toBeUndefined();
    expect(parisOffsetByRule(Date.UTC(2100, 6, 1))).toBeUndefined();
    // 1995: summer time ended on the last Sunday of September
    expect(zoneOffsetMinutes(Date.UTC(1995, 9, 10, 12))).toBe(60);
  });
});
