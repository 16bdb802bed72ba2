import { describe, expect, it } from 'vitest';
import { makeCase, makeJdd, makePractitioner } from '../../test/run/fixtures.js';
import { resolveRefs } from '../cahier/jdd-refs.js';
import type { TestCase } from '../cahier/types.js';
import { buildGraph } from '../rules/graph.js';
import { checkBundle, checkHttp, resolveExpectations, statusMatches, type ResponseFacts } from './expectations.js';

const R5 = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType';
const ok: ResponseFacts = { status: 200, mediaType: 'application/fhir+json', json: {}, totalMs: 120 };
const ids = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId);

function slot(id: string, codes: string[], consultation: string[], cpts: string[] = []) {
  return {
    resourceType: 'Slot',
    id,
    meta: { security: codes.map((code) => ({ code })) },
    schedule: { reference: 'Schedule/s1' },
    serviceType: [
      ...consultation.map((code) => ({ coding: [{ code }] })),
      ...cpts.map((hs) => ({ coding: [{ code: '604' }], extension: [{ url: R5, valueReference: { reference: `HealthcareService/${hs}` } }] })),
    ],
  };
}

function bundle(entries: object[], total = entries.length) {
  return buildGraph({ resourceType: 'Bundle', type: 'searchset', total, entry: entries.map((resource) => ({ resource, search: { mode: 'match' } })) });
}

function expectations(tc: TestCase, jdd = makeJdd()) {
  return resolveExpectations(tc, resolveRefs(tc, jdd), jdd);
}

describe('statusMatches', () => {
  it('takes a status, a class or a list', () => {
    expect(statusMatches(200, 200)).toBe(true);
    expect(statusMatches('4xx', 422)).toBe(true);
    expect(statusMatches('4xx', 500)).toBe(false);
    expect(statusMatches([400, '5xx'], 503)).toBe(true);
  });
});

describe('resolveExpectations', () => {
  it('expects a non-empty 200 for named PS, an empty one for unknown PS only, and checks nothing else by default', () => {
    expect(expectations(makeCase({ practitioners: ['ps-a'] }))).toMatchObject({ status: 200, result: 'non-empty', structure: 'any', slotTypes: undefined, places: undefined });
    expect(expectations(makeCase({ practitioners: [] })).result).toBeUndefined();
    expect(expectations(makeCase({ practitioners: ['ps-a'], expect: { status: '4xx' } })).result).toBeUndefined();
  });

  it('takes types and places from the JDD when asked', () => {
    const x = expectations(makeCase({ practitioners: ['ps-a', 'ps-b'], expect: { slotTypes: 'jdd', consultationTypes: 'jdd', places: 'jdd' } }));
    expect(x.slotTypes).toEqual(['PUBLIC', 'SNP']);
    expect(x.consultationTypes).toEqual(['AMB']);
    expect(x.places).toEqual({ practitioners: 2, practitionerRoles: 3, schedules: 3 });
  });

  it('CPTS: only PS declared through a CPTS are expected, typed CPTS, with their declared FINESS', () => {
    const jdd = makeJdd({
      useCase: 'cpts',
      cpts: [{ key: 'c1', finess: '1750900011', name: 'C1' }, { key: 'c2', finess: '1750900029', name: 'C2' }],
      practitioners: [
        makePractitioner({ key: 'two', idnps: '819999900111', participation: 'cpts', cpts: ['c1', 'c2'] }),
        makePractitioner({ key: 'ind', idnps: '819999900137' }),
      ],
    });
    const x = expectations(makeCase({ useCase: 'cpts', practitioners: 'all', expect: { slotTypes: 'jdd', places: 'jdd', cptsFiness: 'jdd' } }), jdd);
    expect(x.slotTypes).toEqual(['CPTS']);
    expect(x.places).toEqual({ practitioners: 1, practitionerRoles: 1, schedules: 1, healthcareServices: 2, organizations: 2 });
    expect([...(x.cptsFiness ?? [])]).toEqual([['819999900111', ['1750900011', '1750900029']], ['819999900137', []]]);
    expect(expectations(makeCase({ useCase: 'cpts', practitioners: ['ind'] }), jdd).result).toBe('empty');
  });
});

describe('checkHttp', () => {
  const tc = makeCase();
  const x = () => expectations(tc);

  it('accepts a 200 FHIR JSON answer', () => {
    expect(checkHttp(tc, x(), ok)).toEqual([]);
  });

  it('reports the status, an HTML body and a non-FHIR content type', () => {
    const html = { fr: 'page HTML', en: 'HTML page' };
    expect(ids(checkHttp(tc, x(), { ...ok, status: 502, mediaType: 'text/html', json: undefined, bodyProblem: html }))).toEqual(['EXP-STATUS', 'EXP-BODY-JSON']);
    const warn = checkHttp(tc, x(), { ...ok, mediaType: 'application/json' });
    expect(warn).toEqual([expect.objectContaining({ ruleId: 'EXP-CONTENT-TYPE', severity: 'warning' })]);
    const strict = checkHttp(tc, { ...x(), contentType: 'application/fhir+json' }, { ...ok, mediaType: 'text/plain' });
    expect(strict).toEqual([expect.objectContaining({ ruleId: 'EXP-CONTENT-TYPE', severity: 'error' })]);
  });

  it('requires an OperationOutcome when asked, and no FHIR body on an expected error otherwise', () => {
    const err = makeCase({ expect: { status: '4xx', operationOutcome: true } });
    const e = expectations(err);
    expect(checkHttp(err, e, { ...ok, status: 400, json: { resourceType: 'OperationOutcome', issue: [{ severity: 'error' }] } })).toEqual([]);
    expect(ids(checkHttp(err, e, { ...ok, status: 200, json: { resourceType: 'Bundle' } }))).toEqual(['EXP-STATUS', 'EXP-OPERATION-OUTCOME']);
    const noBody = makeCase({ expect: { status: '4xx' } });
    expect(checkHttp(noBody, expectations(noBody), { ...ok, status: 400, json: undefined, bodyProblem: { fr: 'vide', en: 'empty' } })).toEqual([]);
  });

  it('fails above the latency budget and warns above the target', () => {
    const t = makeCase({ expect: { latency: { budgetMs: 7000, targetMs: 1000 } } });
    expect(checkHttp(t, expectations(t), { ...ok, totalMs: 1500 })).toEqual([expect.objectContaining({ ruleId: 'EXP-LATENCY', severity: 'warning' })]);
    expect(checkHttp(t, expectations(t), { ...ok, totalMs: 7200 })).toEqual([expect.objectContaining({ ruleId: 'EXP-LATENCY', severity: 'error' })]);
  });
});

describe('checkBundle', () => {
  it('checks result, total and the JDD slot and consultation types', () => {
    const tc = makeCase({ practitioners: ['ps-a'], expect: { slotTypes: 'jdd', consultationTypes: ['AMB', 'VR'], total: 2 } });
    const good = bundle([slot('a', ['PUBLIC'], ['AMB']), slot('b', ['SNP'], ['VR'])]);
    expect(checkBundle(tc, expectations(tc), good)).toEqual([]);
    const bad = bundle([slot('a', ['PUBLIC', 'PRO'], ['AMB'])], 3);
    const found = checkBundle(tc, expectations(tc), bad);
    expect(ids(found)).toEqual(['EXP-TOTAL', 'EXP-SLOT-TYPES', 'EXP-CONSULTATION-TYPES']);
    expect(found[1].message.en).toBe('slot types (meta.security): PRO, PUBLIC received, PUBLIC, SNP expected (JDD); missing: SNP; unexpected: PRO');
  });

  it('requires an empty Bundle for unknown PS and slots for known ones', () => {
    const empty = makeCase({ expect: { result: 'empty' } });
    expect(ids(checkBundle(empty, expectations(empty), bundle([slot('a', [], [])])))).toEqual(['EXP-RESULT']);
    const named = makeCase({ practitioners: ['ps-a'] });
    expect(ids(checkBundle(named, expectations(named), bundle([])))).toEqual(['EXP-RESULT']);
    expect(ids(checkBundle(named, expectations(named), buildGraph({ resourceType: 'OperationOutcome' })))).toEqual(['EXP-BUNDLE']);
  });

  it('counts the resources of each place', () => {
    const tc = makeCase({ practitioners: ['ps-b'], expect: { places: 'jdd' } });
    const g = bundle([slot('a', [], []), { resourceType: 'Schedule', id: 's1' }, { resourceType: 'Practitioner', id: 'p' }, { resourceType: 'PractitionerRole', id: 'r1' }]);
    const found = checkBundle(tc, expectations(tc), g);
    expect(found.map((f) => f.location)).toEqual(['Bundle.entry.resource.ofType(PractitionerRole)', 'Bundle.entry.resource.ofType(Schedule)']);
    expect(found[0].message.en).toBe('1 PractitionerRole in the Bundle, 2 expected from the JDD (one resource per PS / place / CPTS)');
  });

  it('CPTS: slots marked, a slot shared by two CPTS, FINESS per PS as declared', () => {
    const jdd = makeJdd({
      useCase: 'cpts',
      cpts: [{ key: 'c1', finess: '1750900011', name: 'C1' }, { key: 'c2', finess: '1750900029', name: 'C2' }],
      practitioners: [makePractitioner({ key: 'two', idnps: '819999900111', participation: 'cpts', cpts: ['c1', 'c2'] })],
    });
    const tc = makeCase({ useCase: 'cpts', practitioners: ['two'], expect: { cptsSlots: 'all', sharedCptsSlot: true, cptsFiness: 'jdd' } });
    const x = expectations(tc, jdd);
    const graph = (slots: object[], orgs: Record<string, string>) =>
      bundle([
        ...slots,
        { resourceType: 'Schedule', id: 's1', actor: [{ reference: 'Practitioner/p' }] },
        { resourceType: 'Practitioner', id: 'p', identifier: [{ value: '819999900111' }] },
        ...Object.entries(orgs).flatMap(([hs, finess]) => [
          { resourceType: 'HealthcareService', id: hs, providedBy: { reference: `Organization/o-${hs}` } },
          { resourceType: 'Organization', id: `o-${hs}`, identifier: [{ value: finess }] },
        ]),
      ]);
    const good = graph([slot('a', ['CPTS'], ['AMB'], ['h1', 'h2'])], { h1: '1750900011', h2: '1750900029' });
    expect(checkBundle(tc, x, good)).toEqual([]);
    const bad = graph([slot('a', ['CPTS'], ['AMB'], ['h1']), slot('b', ['PUBLIC'], ['AMB'])], { h1: '1999999990' });
    const found = checkBundle(tc, x, bad);
    expect(ids(found)).toEqual(['EXP-CPTS-SLOTS', 'EXP-CPTS-SHARED', 'EXP-CPTS-FINESS']);
    expect(found[2].message.en).toBe('PS 819999900111: slots offered through the CPTS with FINESS 1999999990, JDD declaration: 1750900011, 1750900029');
  });
});
