import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph.js';
import { slotTime } from './window.js';

describe('slotTime', () => {
  const g = buildGraph({
    resourceType: 'Bundle',
    entry: [
      { resource: { resourceType: 'Slot', start: '2026-06-10T10:00:00.000+02:00', end: 'demain', comment: 'x' } },
      { resource: { resourceType: 'Slot', start: 5 } },
    ],
  });
  const [slot, odd] = g.entries;

  it('reads start/end with parseFhirDateTime, keeping the text', () => {
    expect(slotTime(slot, 'start')).toMatchObject({
      raw: '2026-06-10T10:00:00.000+02:00',
      parsed: { epochMs: Date.UTC(2026, 5, 10, 8), offsetMinutes: 120, hasMillis: true },
    });
  });

  it('keeps unreadable text with no parse, and gives nothing for absent or non-text values', () => {
    expect(slotTime(slot, 'end')).toEqual({ raw: 'demain', parsed: undefined });
    expect(slotTime(odd, 'start')).toBeUndefined();
    expect(slotTime(odd, 'end')).toBeUndefined();
  });
});
