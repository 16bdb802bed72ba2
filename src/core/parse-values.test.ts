import { describe, expect, it } from 'vitest';
import { SetupError } from './errors.js';
import { parseDuration, parseNow } from './parse-values.js';

describe('parseNow', () => {
  it('reads an ISO date-time with an offset, seconds and their fraction optional', () => {
    expect(parseNow('2026-03-02T08:00:00+01:00').toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(parseNow('2026-03-02T08:00+01:00').toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(parseNow('2026-03-02T07:00Z').toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(parseNow('2026-07-01T10:00:00.250+02:00').toISOString()).toBe('2026-07-01T08:00:00.250Z');
  });

  it('is the clock when not given', () => {
    const fixed = new Date('2026-01-01T00:00:00Z');
    expect(parseNow(undefined, () => fixed)).toBe(fixed);
  });

  it('refuses values without an offset or outside the calendar', () => {
    for (const v of [
      '2026-03-02T08:00:00',
      '2026-03-02T08:00',
      '2026-03-02',
      'tomorrow',
      '2026-02-30T08:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-03-02T24:00:00Z',
      '2026-03-02T08:00:00+15:00',
    ]) {
      expect(() => parseNow(v), v).toThrow(SetupError);
    }
    expect(() => parseNow('2026-03-02T08:00:00')).toThrow(/is not a date-time with an offset/);
  });
});

describe('parseDuration', () => {
  it('reads 7s, 500ms, 1.5s, 2m and a bare number of milliseconds', () => {
    expect(['7s', '500ms', '1.5s', '2m', '15000'].map((t) => parseDuration(t))).toEqual([7000, 500, 1500, 120_000, 15_000]);
  });

  it('refuses anything else, naming the flag', () => {
    for (const v of ['soon', '0', '-1s', '7 h', '']) expect(() => parseDuration(v), v).toThrow(SetupError);
    expect(() => parseDuration('soon', '--delay')).toThrow(/--delay "soon" is not a duration/);
  });
});
