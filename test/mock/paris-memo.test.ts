/**
 * The mock's remembered Paris conversions give exactly what sas/time.ts computes, on ordinary days and
 * on both daylight-saving change nights, first call and remembered call alike.
 */
import { describe, expect, it } from 'vitest';
import { parisInstant, parisWallToEpoch } from '../../src/mock/paris-memo.js';
import { formatParis, zonedWallToEpoch } from '../../src/sas/time.js';

const HOUR = 3600_000;
/** Wall clock times as UTC epochs, every 20 minutes over the given UTC day. */
function walls(day: string): number[] {
  const start = Date.parse(`${day}T00:00:00Z`);
  return Array.from({ length: 72 }, (_, i) => start + i * 20 * 60_000);
}

describe('paris-memo', () => {
  for (const day of ['2026-03-02', '2026-03-29', '2026-10-25', '2026-12-31']) {
    it(`wall clock → epoch and epoch → text agree with sas/time on ${day}`, () => {
      for (const wall of walls(day)) {
        const epoch = zonedWallToEpoch(wall);
        expect(parisWallToEpoch(wall)).toBe(epoch);
        expect(parisWallToEpoch(wall)).toBe(epoch); // remembered
        expect(parisInstant(epoch)).toBe(formatParis(new Date(epoch)));
        expect(parisInstant(epoch + 123)).toBe(formatParis(new Date(epoch + 123)));
        expect(parisInstant(epoch)).toBe(formatParis(new Date(epoch))); // remembered
      }
    });
  }

  it('gives the spring-gap and autumn-overlap answers of sas/time (02:30 on the change nights)', () => {
    const spring = Date.parse('2026-03-29T02:30:00Z');
    const autumn = Date.parse('2026-10-25T02:30:00Z');
    expect(parisInstant(parisWallToEpoch(spring))).toBe('2026-03-29T03:30:00.000+02:00');
    expect(parisWallToEpoch(autumn)).toBe(autumn - 2 * HOUR);
  });
});
