import { describe, expect, it } from 'vitest';
import { headLines, humanInZone, humanMs, isoInZone, oneLine, prettyBody, seconds, truncateUtf8 } from './format.js';

describe('time formatting', () => {
  it('renders Paris time with an explicit offset, summer and winter', () => {
    expect(isoInZone('2025-11-26T09:02:00Z')).toBe('2025-11-26T10:02:00+01:00');
    expect(isoInZone('2025-07-01T08:00:00.500Z')).toBe('2025-07-01T10:00:00+02:00');
    expect(isoInZone('2025-07-01T08:00:00Z', 'UTC')).toBe('2025-07-01T08:00:00+00:00');
    expect(isoInZone('not a date')).toBe('not a date');
  });
  it('renders dates for people in both languages', () => {
    expect(humanInZone('2025-11-26T09:02:00Z', 'Europe/Paris', 'fr')).toBe('26/11/2025 10:02:00 (Europe/Paris, UTC+01:00)');
    expect(humanInZone('2025-11-26T09:02:00Z', 'UTC', 'en')).toBe('2025-11-26 09:02:00 UTC');
  });
});

describe('text helpers', () => {
  it('formats durations', () => {
    expect(seconds(1234.56)).toBe(1.235);
    expect(seconds(-5)).toBe(0);
    expect(humanMs(812.4, 'fr')).toBe('812 ms');
    expect(humanMs(1800, 'fr')).toBe('1,80 s');
    expect(humanMs(22000, 'en')).toBe('22.0 s');
  });
  it('flattens and cuts one-line texts', () => {
    expect(oneLine('a\n  b\tc')).toBe('a b c');
    expect(oneLine('abcdef', 4)).toBe('abc…');
  });
  it('truncates UTF-8 without cutting a character', () => {
    expect(truncateUtf8('ééé', 5)).toEqual({ text: 'éé', cut: true });
    expect(truncateUtf8('abc', 5)).toEqual({ text: 'abc', cut: false });
  });
  it('pretty-prints JSON bodies and leaves other text', () => {
    expect(prettyBody('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyBody('{"a":')).toBe('{"a":');
    expect(prettyBody('<html>')).toBe('<html>');
  });
  it('keeps the first lines', () => {
    expect(headLines('1\n2\n3', 2)).toEqual({ text: '1\n2', cut: true });
    expect(headLines('1\n2', 2)).toEqual({ text: '1\n2', cut: false });
  });
});
