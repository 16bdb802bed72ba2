import { describe, expect, it } from 'vitest';
import { makeCase, makeJdd } from '../../test/run/fixtures.js';
import { parseSearch } from '../sas/search.js';
import { buildCaseRequest, generatedUnknownIdentifier, type CaseRequest } from './case-request.js';

const now = new Date('2026-03-02T07:00:00Z'); // 08:00 in Paris (+01:00)
const base = 'https://editor.example/fhir/';

function build(p: Parameters<typeof makeCase>[0]): CaseRequest {
  const r = buildCaseRequest(makeCase(p), makeJdd(), now, base);
  if ('notApplicable' in r) throw new Error(`unexpected not-applicable: ${r.notApplicable.en}`);
  return r;
}

describe('buildCaseRequest', () => {
  it('builds the SAS search for the named PS over a Paris window with an explicit offset', () => {
    const r = build({ practitioners: ['ps-a', 'ps-b'] });
    expect(r.url).toBe(
      'https://editor.example/fhir/Slot?_include=Slot:schedule&_include:iterate=Schedule:actor' +
        '&start=ge2026-03-02T08:00:00.000%2B01:00&start=le2026-03-04T08:00:00.000%2B01:00' +
        '&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C819999900012,urn:oid:1.2.250.1.71.4.2.1%7C819999900020&status=free',
    );
    expect(r.headers).toEqual({ accept: 'application/fhir+json' });
    expect(r.refs.practitioners.map((p) => p.key)).toEqual(['ps-a', 'ps-b']);
  });

  it('shifts and sizes the window', () => {
    const r = build({ practitioners: ['ps-a'], request: { window: { offsetHours: 24, hours: 6 } } });
    expect(r.window).toEqual({ ge: '2026-03-03T08:00:00.000+01:00', le: '2026-03-03T14:00:00.000+01:00' });
  });

  it('adds unknown identifiers from the JDD first, then generated ones, and pads to count', () => {
    expect(build({ request: { unknownIdentifiers: 2 } }).identifiers).toEqual(['819999909005', generatedUnknownIdentifier('psindiv', 1)]);
    const r = build({ practitioners: ['ps-a'], request: { count: 25 } });
    expect(r.identifiers).toHaveLength(25);
    expect(new Set(r.identifiers).size).toBe(25);
    expect(r.identifiers.every((id) => /^8\d{11}$/.test(id))).toBe(true);
    expect(parseSearch(r.url).identifiers).toHaveLength(25);
  });

  it('leaves out, replaces and adds parameters, substituting {le}', () => {
    const r = build({
      practitioners: ['ps-a'],
      request: { omit: ['status'], params: { start: ['gebad', 'le{le}'], _count: '10' } },
    });
    const p = parseSearch(r.url);
    expect(p.status).toBeUndefined();
    expect(p.params.filter(([n]) => n === 'start').map(([, v]) => v)).toEqual(['gebad', 'le2026-03-04T08:00:00.000+01:00']);
    expect(p.count).toBe(10);
  });

  it('builds the SOS Schedule search by SIRET', () => {
    const jdd = makeJdd({
      useCase: 'sos',
      practitioners: [],
      sos: [{ key: 'sos-a', siret: '399000501900312', name: 'SOS', locations: [], slotTypes: ['PUBLIC'], consultationTypes: ['AMB'] }],
      unknownIdentifiers: [],
    });
    const r = buildCaseRequest(makeCase({ useCase: 'sos', sos: 'all', request: { unknownIdentifiers: 1 } }), jdd, now, base) as CaseRequest;
    const p = parseSearch(r.url);
    expect(p.resourceType).toBe('Schedule');
    expect(p.identifiers.map((i) => i.value)).toEqual(['399000501900312', generatedUnknownIdentifier('sos', 1)]);
    expect(generatedUnknownIdentifier('sos', 1)).toMatch(/^3\d{14}$/);
  });

  it('makes not-applicable a case asking for every entry of an empty JDD list', () => {
    const r = buildCaseRequest(makeCase({ useCase: 'sos', sos: 'all' }), makeJdd({ useCase: 'sos' }), now, base);
    expect(r).toEqual({ notApplicable: expect.objectContaining({ en: 'JDD "jdd-test" has no SOS structure (sos) entry' }) });
  });

  it('makes not-applicable a case naming a key the JDD lacks, listing the known keys (not a load error)', () => {
    const r = buildCaseRequest(makeCase({ practitioners: ['ps-a', 'ps-absent'] }), makeJdd(), now, base);
    expect(r).toEqual({
      notApplicable: expect.objectContaining({
        en: expect.stringContaining('JDD "jdd-test" has no practitioners entry "ps-absent"; known keys: ps-a, ps-b'),
      }),
    });
  });

  it("sends the entries that play the case's role", () => {
    const jdd = makeJdd();
    jdd.practitioners[1].roles = ['two-places'];
    const r = buildCaseRequest(makeCase({ roles: ['two-places'] }), jdd, now, base) as CaseRequest;
    expect(r.identifiers).toEqual(['819999900020']);
    expect(r.refs.practitioners.map((p) => p.key)).toEqual(['ps-b']);
    const none = buildCaseRequest(makeCase({ roles: ['multi-ps'] }), jdd, now, base);
    expect(none).toEqual({ notApplicable: expect.objectContaining({ en: expect.stringContaining('role "multi-ps"') }) });
  });
});
