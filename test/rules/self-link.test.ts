/**
 * SAS-BDL-007: the self link describes the search sent whatever the order and the encoding of its
 * parameters, and names what differs when it does not.
 */
import { describe, expect, it } from 'vitest';
import { compareQueries } from '../../src/rules/self-link.js';
import { runRules } from '../../src/rules/index.js';
import { parseSearch } from '../../src/sas/search.js';
import { BUILD, NOW } from './fixtures.js';

const SENT =
  'Slot?_include=Slot:schedule&_include:iterate=Schedule:actor&start=ge2026-06-10T10:00:00.000%2B02:00&start=le2026-06-12T10:00:00.000%2B02:00' +
  '&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C810000000017,urn:oid:1.2.250.1.71.4.2.1%7C810000000025&status=free';

function judge(selfUrl: string): string[] {
  const b = BUILD.psindiv();
  b.link[0].url = selfUrl;
  return runRules(b, { useCase: 'psindiv', now: NOW, search: parseSearch(SENT) })
    .filter((f) => f.ruleId === 'SAS-BDL-007')
    .map((f) => f.message.en);
}

describe('SAS-BDL-007 self link vs the search sent', () => {
  it('accepts another order, raw | and +, the same instant in another offset, &amp;, and _count added', () => {
    const self =
      'https://editeur.test/fhir/Slot?status=free&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1|810000000025,urn:oid:1.2.250.1.71.4.2.1|810000000017' +
      '&amp;start=le2026-06-12T08:00:00.000Z&start=ge2026-06-10T10:00:00.000+02:00&_include:iterate=Schedule:actor&_include=Slot:schedule&_count=1000';
    expect(judge(self)).toEqual([]);
  });

  it('names a missing parameter, a different value and an extra parameter', () => {
    const self =
      'https://editeur.test/fhir/Slot?_include=Slot:schedule&start=ge2026-06-10T10:00:00.000%2B02:00&start=le2026-06-13T10:00:00.000%2B02:00&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C810000000017&status=free&_sort=start';
    const msgs = judge(self);
    expect(msgs.some((m) => m.includes('lacks the parameter _include:iterate'))).toBe(true);
    expect(msgs.some((m) => m.includes('gives start ='))).toBe(true);
    expect(msgs.some((m) => m.includes('gives schedule.actor:Practitioner.identifier'))).toBe(true);
    expect(msgs.some((m) => m.includes('_sort'))).toBe(true);
    expect(msgs).toHaveLength(4);
  });

  it('compares comma lists as sets', () => {
    expect(compareQueries([['a', 'x,y']], [['a', 'y, x']])).toEqual({ missing: [], differing: [], extra: [] });
    expect(compareQueries([['a', 'x,y']], [['a', 'x']])).toEqual({ missing: [], differing: ['a'], extra: [] });
  });
});
