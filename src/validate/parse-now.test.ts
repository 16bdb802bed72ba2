import { describe, expect, it } from 'vitest';
import { SetupError } from '../core/errors.js';
import { parseNow } from './parse-now.js';

describe('parseNow', () => {
  it('reads an ISO date-time with an offset', () => {
    expect(parseNow('2026-03-02T08:00:00+01:00').toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(parseNow('2026-03-02T07:00Z').toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(parseNow('2026-07-01T10:00:00.250+02:00').toISOString()).toBe('2026-07-01T08:00:00.250Z');
  });

  it('refuses values without an offset or outside the calendar', () => {
    for (const v of ['2026-03-02T08:00:00', '2026-03-02', 'tomorrow', '2026-02-30T08:00:00Z', '2026-13-01T00:00:00Z', '2026-03-02T24:00:00Z']) {
      expect(() => parseNow(v), v).toThrow(SetupError);
    }
  });
});
