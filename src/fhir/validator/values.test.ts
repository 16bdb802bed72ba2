import { describe, expect, it } from 'vitest';
import { deepEqual, matchesPattern } from './values.js';

const IDNPS = { coding: [{ system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203', code: 'IDNPS' }] };

describe('fixed and pattern values', () => {
  it('fixed is exact equality', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual('free', 'free')).toBe(true);
  });

  it('pattern: the value contains the pattern (extra codings and properties allowed)', () => {
    expect(
      matchesPattern(
        {
          coding: [
            { system: 'x', code: 'y' },
            { ...IDNPS.coding[0], display: 'IDNPS' },
          ],
          text: 't',
        },
        IDNPS,
      ),
    ).toBe(true);
    expect(matchesPattern({ coding: [{ ...IDNPS.coding[0], code: 'RPPS' }] }, IDNPS)).toBe(false);
    expect(matchesPattern({ text: 'IDNPS' }, IDNPS)).toBe(false);
    expect(matchesPattern('urn:oid:1.2.250.1.71.4.2.1', 'urn:oid:1.2.250.1.71.4.2.1')).toBe(true);
  });
});
