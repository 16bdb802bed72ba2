import { describe, expect, it } from 'vitest';
import { SetupError } from '../core/errors.js';
import { buildSearchQuery, parseSearch, searchPath } from './search.js';

const W = { ge: '2026-03-02T08:00:00.000+01:00', le: '2026-03-04T08:00:00.000+01:00' };

describe('buildSearchQuery', () => {
  it('builds the PS request with its two includes, encoded + and |', () => {
    expect(buildSearchQuery('psindiv', { ...W, identifiers: ['810000000001'] })).toBe(
      'Slot?_include=Slot:schedule&_include:iterate=Schedule:actor' +
        '&start=ge2026-03-02T08:00:00.000%2B01:00&start=le2026-03-04T08:00:00.000%2B01:00' +
        '&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C810000000001&status=free',
    );
  });

  it('builds the CPTS request with four includes and comma-joined identifiers', () => {
    const q = buildSearchQuery('cpts', { ...W, identifiers: ['810000000001', ' 0123456789 '] });
    expect(
      q.startsWith(
        'Slot?_include=Slot:schedule&_include:iterate=Schedule:actor&_include=Slot:service-type-reference&_include:iterate=HealthcareService:organization&',
      ),
    ).toBe(true);
    expect(q).toContain(
      'schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C810000000001,urn:oid:1.2.250.1.71.4.2.1%7C0123456789&',
    );
  });

  it('builds the SOS request on Schedule with _has criteria and the IDNST system', () => {
    expect(
      buildSearchQuery('sos', { ge: '2026-03-02T08:00:00.000-05:00', le: '2026-03-03T08:00:00.000Z', identifiers: ['312345678900011'] }),
    ).toBe(
      'Schedule?_revinclude=Slot:schedule&_include=Schedule:actor:Location&_include:iterate=Location:organization' +
        '&_has:Slot:schedule:start=ge2026-03-02T08:00:00.000-05:00&_has:Slot:schedule:start=le2026-03-03T08:00:00.000Z' +
        '&actor:Location.organization.identifier=urn:oid:1.2.250.1.71.4.2.2%7C312345678900011&_has:Slot:schedule:status=free',
    );
  });

  it('keeps a given system, drops or changes status, appends and omits parameters', () => {
    const q = buildSearchQuery('psindiv', {
      ...W,
      identifiers: ['urn:oid:9.9|42'],
      status: null,
      extraParams: [['_count', '1000']],
      omit: ['_include:iterate', 'start=le2026-03-04T08:00:00.000+01:00'],
    });
    expect(q).toBe(
      'Slot?_include=Slot:schedule&start=ge2026-03-02T08:00:00.000%2B01:00&schedule.actor:Practitioner.identifier=urn:oid:9.9%7C42&_count=1000',
    );
    expect(buildSearchQuery('psindiv', { ...W, identifiers: ['8'], status: 'busy' })).toMatch(/&status=busy$/);
  });

  it('round-trips through parseSearch for every use case', () => {
    for (const uc of ['psindiv', 'cpts', 'sos'] as const) {
      const ids = uc === 'sos' ? ['312345678900011', '398765432100022'] : ['810000000001', '810000000002'];
      const p = parseSearch(buildSearchQuery(uc, { ...W, identifiers: ids }));
      expect(p.resourceType).toBe(searchPath(uc));
      expect(p.useCase).toBe(uc);
      expect(p.ge?.raw).toBe(W.ge);
      expect(p.le?.raw).toBe(W.le);
      expect(p.identifiers.map((i) => i.value)).toEqual(ids);
      expect(p.status).toBe('free');
    }
  });
});

describe('parseSearch', () => {
  it('reads the IG literal form: raw + stays +, raw |, stray space after a comma', () => {
    const p = parseSearch(
      '_include=Slot:schedule&_include:iterate=Schedule:actor&start=ge2024-06-12T16:20:00.000+02:00&start=le2024-06-15T16:20:00.000+02:00' +
        '&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1|810000000001, urn:oid:1.2.250.1.71.4.2.1|810000000002&status=free',
    );
    expect(p.resourceType).toBe('Slot');
    expect(p.ge).toMatchObject({
      raw: '2024-06-12T16:20:00.000+02:00',
      prefix: 'ge',
      hasOffset: true,
      epochMs: Date.UTC(2024, 5, 12, 14, 20),
    });
    expect(p.le?.epochMs).toBe(Date.UTC(2024, 5, 15, 14, 20));
    expect(p.identifiers).toEqual([
      { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810000000001' },
      { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810000000002' },
    ]);
    expect(p.includes).toEqual(['_include=Slot:schedule', '_include:iterate=Schedule:actor']);
    expect(p.useCase).toBe('psindiv');
  });

  it('reads a Bundle self link (%7C, trailing slash after Slot, _count)', () => {
    const p = parseSearch(
      'https://editor.example/fhir/Slot/?_include=Slot:schedule&status=free&start=ge2026-11-04T14:19:35.760+00:00' +
        '&start=le2026-11-06T23:59:59.999+00:00&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C810000000003&_count=1000',
    );
    expect(p.base).toBe('https://editor.example/fhir');
    expect(p.count).toBe(1000);
    expect(p.identifiers).toEqual([{ system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810000000003' }]);
    expect(p.le?.epochMs).toBe(Date.UTC(2026, 10, 6, 23, 59, 59, 999));
  });

  it('reads %2B offsets, a leading ?, a path and Schedule searches without a path', () => {
    expect(parseSearch('?start=ge2026-03-02T08:00:00.000%2B05:30').ge?.epochMs).toBe(Date.UTC(2026, 2, 2, 2, 30));
    expect(parseSearch('/base/Slot?start=le2026-03-02T08:00:00Z').le?.epochMs).toBe(Date.UTC(2026, 2, 2, 8, 0, 0, 999));
    const s = parseSearch(
      '_has:Slot:schedule:start=ge2026-03-02T08:00:00-05:00&actor:Location.organization.identifier=urn:oid:1.2.250.1.71.4.2.2%7C312345678900011&_has:Slot:schedule:status=free',
    );
    expect(s.resourceType).toBe('Schedule');
    expect(s.useCase).toBe('sos');
    expect(s.ge?.epochMs).toBe(Date.UTC(2026, 2, 2, 13));
    expect(s.status).toBe('free');
  });

  it('treats a value without offset as Paris time and a date-only upper bound as the end of the day', () => {
    const p = parseSearch('Slot?start=ge2026-07-01T10:00:00&start=le2026-07-02');
    expect(p.ge?.hasOffset).toBe(false);
    expect(p.ge?.epochMs).toBe(Date.UTC(2026, 6, 1, 8));
    expect(p.le?.epochMs).toBe(Date.UTC(2026, 6, 2, 22) - 1);
  });

  it('marks an unreadable date with NaN and keeps malformed escapes', () => {
    const p = parseSearch('Slot?start=genot-a-date&x=%E0%A4%A');
    expect(p.ge?.epochMs).toBeNaN();
    expect(p.params[1]).toEqual(['x', '%E0%A4%A'.replace(/%([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))]);
  });

  it('refuses a search on another resource with a clear error', () => {
    expect(() => parseSearch('https://x.example/fhir/Patient?name=x')).toThrow(SetupError);
    expect(() => parseSearch('Patient?name=x')).toThrow(/Slot or Schedule/);
  });

  it('types a CPTS request from its service-type include', () => {
    expect(parseSearch('Slot?_include=Slot:service-type-reference').useCase).toBe('cpts');
  });
});
