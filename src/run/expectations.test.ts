import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCase, makeJdd, makePractitioner } from '../../test/run/fixtures.js';
import { resolveRefs } from '../cahier/jdd-refs.js';
import type { TestCase } from '../cahier/types.js';
import { readTgzJson } from '../fhir/packages/read-tgz.js';
import type { Jdd } from '../jdd/types.js';
import { buildGraph } from '../rules/graph.js';
import { checkBundle, checkHttp, resolveExpectations, statusMatches, type ResponseFacts } from './expectations.js';

const R5 = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType';
const ok: ResponseFacts = { status: 200, mediaType: 'application/fhir+json', json: {}, totalMs: 120 };
const ids = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId);
const blocking = (findings: { ruleId: string; severity: string }[]) => findings.filter((f) => f.severity === 'error').map((f) => f.ruleId);

function slot(id: string, codes: string[], consultation: string[], cpts: string[] = []) {
  return {
    resourceType: 'Slot',
    id,
    meta: { security: codes.map((code) => ({ code })) },
    schedule: { reference: 'Schedule/s1' },
    serviceType: [
      ...consultation.map((code) => ({ coding: [{ code }] })),
      ...cpts.map((hs) => ({
        coding: [{ code: '604' }],
        extension: [{ url: R5, valueReference: { reference: `HealthcareService/${hs}` } }],
      })),
    ],
  };
}

function bundle(entries: object[], total = entries.length) {
  return buildGraph({
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    entry: entries.map((resource) => ({ resource, search: { mode: 'match' } })),
  });
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
    expect(expectations(makeCase({ practitioners: ['ps-a'] }))).toMatchObject({
      status: 200,
      result: 'non-empty',
      structure: 'any',
      slotTypes: undefined,
      places: undefined,
    });
    expect(expectations(makeCase({ practitioners: [] })).result).toBeUndefined();
    expect(expectations(makeCase({ practitioners: ['ps-a'], expect: { status: '4xx' } })).result).toBeUndefined();
  });

  it('takes types and places from the JDD when asked', () => {
    const x = expectations(
      makeCase({ practitioners: ['ps-a', 'ps-b'], expect: { slotTypes: 'jdd', consultationTypes: 'jdd', places: 'jdd' } }),
    );
    expect(x.slotTypes).toEqual(['PUBLIC', 'SNP']);
    expect(x.consultationTypes).toEqual(['AMB']);
    expect(x.places).toEqual({ practitioners: 2, practitionerRoles: 3, schedules: 3 });
  });

  it('CPTS: only PS declared through a CPTS are expected, typed CPTS, with their declared FINESS', () => {
    const jdd = makeJdd({
      useCase: 'cpts',
      cpts: [
        { key: 'c1', finess: '1750900011', name: 'C1' },
        { key: 'c2', finess: '1750900029', name: 'C2' },
      ],
      practitioners: [
        makePractitioner({ key: 'two', idnps: '819999900111', participation: 'cpts', cpts: ['c1', 'c2'] }),
        makePractitioner({ key: 'ind', idnps: '819999900137' }),
      ],
    });
    const x = expectations(
      makeCase({ useCase: 'cpts', practitioners: 'all', expect: { slotTypes: 'jdd', places: 'jdd', cptsFiness: 'jdd' } }),
      jdd,
    );
    // Each CPTS slot must carry CPTS; the other codes are not the JDD's (IG example: PUBLIC + CPTS).
    expect(x.slotTypes).toBeUndefined();
    expect(x.slotTypesOnEach).toEqual(['CPTS']);
    expect(x.places).toEqual({ practitioners: 1, practitionerRoles: 1, schedules: 1, healthcareServices: 2, organizations: 2 });
    expect([...(x.cptsFiness ?? [])]).toEqual([
      ['819999900111', ['1750900011', '1750900029']],
      ['819999900137', []],
    ]);
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
    expect(ids(checkHttp(tc, x(), { ...ok, status: 502, mediaType: 'text/html', json: undefined, bodyProblem: html }))).toEqual([
      'EXP-STATUS',
      'EXP-BODY-JSON',
    ]);
    const warn = checkHttp(tc, x(), { ...ok, mediaType: 'application/json' });
    expect(warn).toEqual([expect.objectContaining({ ruleId: 'EXP-CONTENT-TYPE', severity: 'warning' })]);
    const strict = checkHttp(tc, { ...x(), contentType: 'application/fhir+json' }, { ...ok, mediaType: 'text/plain' });
    expect(strict).toEqual([expect.objectContaining({ ruleId: 'EXP-CONTENT-TYPE', severity: 'error' })]);
  });

  it('requires an OperationOutcome when asked, and no FHIR body on an expected error otherwise', () => {
    const err = makeCase({ expect: { status: '4xx', operationOutcome: true } });
    const e = expectations(err);
    expect(checkHttp(err, e, { ...ok, status: 400, json: { resourceType: 'OperationOutcome', issue: [{ severity: 'error' }] } })).toEqual(
      [],
    );
    expect(ids(checkHttp(err, e, { ...ok, status: 200, json: { resourceType: 'Bundle' } }))).toEqual([
      'EXP-STATUS',
      'EXP-OPERATION-OUTCOME',
    ]);
    const noBody = makeCase({ expect: { status: '4xx' } });
    expect(
      checkHttp(noBody, expectations(noBody), { ...ok, status: 400, json: undefined, bodyProblem: { fr: 'vide', en: 'empty' } }),
    ).toEqual([]);
  });

  it('fails above the latency budget and warns above the target', () => {
    const t = makeCase({ expect: { latency: { budgetMs: 7000, targetMs: 1000 } } });
    expect(checkHttp(t, expectations(t), { ...ok, totalMs: 1500 })).toEqual([
      expect.objectContaining({ ruleId: 'EXP-LATENCY', severity: 'warning' }),
    ]);
    expect(checkHttp(t, expectations(t), { ...ok, totalMs: 7200 })).toEqual([
      expect.objectContaining({ ruleId: 'EXP-LATENCY', severity: 'error' }),
    ]);
  });
});

describe('checkBundle', () => {
  it('checks result, total and the JDD slot and consultation types', () => {
    const tc = makeCase({ practitioners: ['ps-a'], expect: { slotTypes: 'jdd', consultationTypes: ['AMB', 'VR'], total: 2 } });
    const good = bundle([slot('a', ['PUBLIC'], ['AMB']), slot('b', ['SNP'], ['VR'])]);
    expect(checkBundle(tc, expectations(tc), good)).toEqual([]);
    const bad = bundle([slot('a', ['PUBLIC', 'PRO'], ['AMB'])], 3);
    const found = checkBundle(tc, expectations(tc), bad);
    expect(blocking(found)).toEqual(['EXP-TOTAL', 'EXP-SLOT-TYPES']);
    expect(found[1]).toMatchObject({ location: 'Bundle.entry[0].resource.meta.security[1].code', resource: 'Slot/a' });
    expect(found[1].message.en).toBe('slot type (meta.security) PRO received, not among the JDD-declared types: PUBLIC, SNP');
  });

  it('a declared type the window does not show is not checked (a reserve), never failed nor passed', () => {
    const tc = makeCase({ practitioners: ['ps-a'], expect: { slotTypes: 'jdd', consultationTypes: ['AMB', 'VR'] } });
    const found = checkBundle(tc, expectations(tc), bundle([slot('a', ['PUBLIC'], ['AMB'])]));
    expect(found.map((f) => [f.ruleId, f.severity, f.notChecked])).toEqual([
      ['EXP-SLOT-TYPES', 'information', true],
      ['EXP-CONSULTATION-TYPES', 'information', true],
    ]);
    expect(found[0].message.en).toBe(
      'slot type (meta.security) SNP declared in the JDD but carried by no slot of the window: how it is coded could not be checked',
    );
    // A text-only serviceType is a visit reason, not a consultation type; the CPTS 604 is not one either.
    const reasons = bundle([
      {
        ...slot('a', ['PUBLIC', 'SNP'], ['AMB', 'VR'], ['h1']),
        serviceType: [{ coding: [{ code: 'AMB' }] }, { coding: [{ code: 'VR' }] }, { text: 'Visite de contrôle' }],
      },
    ]);
    expect(checkBundle(tc, expectations(tc), reasons)).toEqual([]);
  });

  it('CPTS: a slot carrying PUBLIC and CPTS passes (as the IG example); a slot without CPTS fails', () => {
    const jdd = makeJdd({
      useCase: 'cpts',
      cpts: [{ key: 'c1', finess: '1750900011', name: 'C1' }],
      practitioners: [makePractitioner({ key: 'ps', idnps: '819999900111', participation: 'cpts', cpts: ['c1'] })],
    });
    const tc = makeCase({ useCase: 'cpts', practitioners: ['ps'], expect: { slotTypes: 'jdd' } });
    const x = expectations(tc, jdd);
    expect(checkBundle(tc, x, bundle([slot('a', ['PUBLIC', 'CPTS'], ['AMB'], ['h1']), slot('b', ['CPTS'], ['AMB'], ['h1'])]))).toEqual([]);
    const found = checkBundle(tc, x, bundle([slot('a', ['PUBLIC', 'CPTS'], ['AMB'], ['h1']), slot('b', ['PUBLIC'], ['AMB'], ['h1'])]));
    expect(found).toEqual([
      expect.objectContaining({
        ruleId: 'EXP-SLOT-TYPES',
        severity: 'error',
        location: 'Bundle.entry[1].resource.meta.security',
        resource: 'Slot/b',
      }),
    ]);
    expect(found[0].message.en).toBe(
      'this slot of a CPTS search carries PUBLIC: it must carry CPTS in meta.security (other types the IG allows may be there too)',
    );
  });

  it('requires an empty Bundle for unknown PS and slots for known ones', () => {
    const empty = makeCase({ expect: { result: 'empty' } });
    expect(ids(checkBundle(empty, expectations(empty), bundle([slot('a', [], [])])))).toEqual(['EXP-RESULT']);
    const named = makeCase({ practitioners: ['ps-a'] });
    expect(ids(checkBundle(named, expectations(named), bundle([])))).toEqual(['EXP-RESULT']);
    expect(ids(checkBundle(named, expectations(named), buildGraph({ resourceType: 'OperationOutcome' })))).toEqual(['EXP-BUNDLE']);
  });

  it('counts the resources of each place: more fails, fewer fails when slots lack their place, else is not checked', () => {
    const tc = makeCase({ practitioners: ['ps-b'], expect: { places: 'jdd' } });
    const place = [
      { resourceType: 'Schedule', id: 's1', actor: [{ reference: 'Practitioner/p' }, { reference: 'PractitionerRole/r1' }] },
      { resourceType: 'Practitioner', id: 'p' },
      { resourceType: 'PractitionerRole', id: 'r1', practitioner: { reference: 'Practitioner/p' } },
    ];
    // Schedule without actors: the slot does not lead to its place.
    const unlinked = bundle([slot('a', [], []), { resourceType: 'Schedule', id: 's1' }, place[1], place[2]]);
    const found = checkBundle(tc, expectations(tc), unlinked);
    expect(found.map((f) => [f.location, f.severity])).toEqual([
      ['Bundle.entry.resource.ofType(PractitionerRole)', 'error'],
      ['Bundle.entry.resource.ofType(Schedule)', 'error'],
    ]);
    expect(found[0].message.en).toBe(
      '1 PractitionerRole in the Bundle, 2 expected from the JDD (one resource per PS / place / CPTS); returned slots do not lead to their place',
    );
    // Linked, one of the two declared places shown: the other has no slot in the window.
    const reserve = checkBundle(tc, expectations(tc), bundle([slot('a', [], []), ...place]));
    expect(reserve.map((f) => [f.ruleId, f.severity, f.notChecked])).toEqual([
      ['EXP-PLACES', 'information', true],
      ['EXP-PLACES', 'information', true],
    ]);
    const more = makeCase({ practitioners: ['ps-a'], expect: { places: 'jdd' } });
    const twoRoles = bundle([
      slot('a', [], []),
      ...place,
      { resourceType: 'PractitionerRole', id: 'r2', practitioner: { reference: 'Practitioner/p' } },
    ]);
    expect(checkBundle(more, expectations(more), twoRoles).map((f) => [f.location, f.severity])).toEqual([
      ['Bundle.entry.resource.ofType(PractitionerRole)', 'error'],
    ]);
  });

  it('CPTS: slots marked, a slot shared by two CPTS, FINESS per PS as declared', () => {
    const jdd = makeJdd({
      useCase: 'cpts',
      cpts: [
        { key: 'c1', finess: '1750900011', name: 'C1' },
        { key: 'c2', finess: '1750900029', name: 'C2' },
      ],
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
    expect(blocking(found)).toEqual(['EXP-CPTS-SLOTS', 'EXP-CPTS-SHARED', 'EXP-CPTS-FINESS']);
    expect(found[2].message.en).toBe(
      'PS 819999900111: slots offered through the CPTS with FINESS 1999999990, JDD declaration: 1750900011, 1750900029; not declared: 1999999990',
    );
    // Only one of the two declared CPTS in the window: not a failure, a reserve.
    const oneOfTwo = checkBundle(
      makeCase({ ...tc, expect: { cptsFiness: 'jdd' } }),
      expectations(makeCase({ ...tc, expect: { cptsFiness: 'jdd' } }), jdd),
      graph([slot('a', ['CPTS'], ['AMB'], ['h1'])], { h1: '1750900011' }),
    );
    expect(oneOfTwo.map((f) => [f.ruleId, f.severity, f.notChecked])).toEqual([['EXP-CPTS-FINESS', 'information', true]]);
  });
});

// The IG's own CPTS examples, read from the package at test time (never copied into the project).
const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve(__dirname, '../../../shared/fhir-packages');
type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A JDD describing the example's practitioner and CPTS, written from the example itself. */
function jddOfExample(b: J): Jdd {
  const of = (t: string) => (b.entry as J[]).map((e) => e.resource).filter((r) => r.resourceType === t);
  const [prac] = of('Practitioner');
  const [role] = of('PractitionerRole');
  const [slotR] = of('Slot');
  const address = role.contained[0].address;
  const cpts = of('Organization').map((o, i) => ({
    key: `c${i}`,
    finess: o.identifier[0].value,
    name: o.name,
    phone: o.telecom?.[0]?.value,
  }));
  return makeJdd({
    useCase: 'cpts',
    bookingBaseUrl: slotR.comment,
    cpts,
    practitioners: [
      makePractitioner({
        key: 'ex',
        idnps: prac.identifier[0].value,
        family: prac.name[0].family,
        given: prac.name[0].given,
        participation: 'cpts',
        cpts: cpts.map((c) => c.key),
        places: [
          {
            key: 'l',
            line: address.line,
            city: address.city,
            postalCode: address.postalCode,
            phone: role.telecom?.[0]?.value,
            organizationIdnst: role.organization.identifier.value,
          },
        ],
        slotTypes: ['PUBLIC'],
        appointmentTypes: [slotR.appointmentType.coding[0].code],
      }),
    ],
  });
}

describe('the IG 1.2.0 CPTS examples', () => {
  it.each(['ExampleBundleCPTS1', 'ExampleBundleCPTS2'])('%s (slots PUBLIC + CPTS) meets every CPTS expectation', async (name) => {
    const b = (await readTgzJson(resolve(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz'), `package/example/Bundle-${name}.json`)) as J;
    expect(b, `${name} missing from the package`).toBeDefined();
    const slotTypes = (b.entry as J[])
      .filter((e) => e.resource.resourceType === 'Slot')
      .flatMap((e) => e.resource.meta.security.map((c: J) => c.code));
    expect(slotTypes).toEqual(['PUBLIC', 'CPTS']);
    const jdd = jddOfExample(b);
    const tc = makeCase({
      useCase: 'cpts',
      practitioners: ['ex'],
      expect: { slotTypes: 'jdd', consultationTypes: 'jdd', cptsSlots: 'all', cptsFiness: 'jdd', places: 'jdd', facts: 'jdd' },
    });
    expect(checkBundle(tc, expectations(tc, jdd), buildGraph(b))).toEqual([]);
  });
});
