/**
 * `expect: { facts: jdd }`: an answer of the reference editor for a JDD passes; the same answer with
 * one field changed gives exactly one finding, showing both values and where the value is.
 */
import { describe, expect, it } from 'vitest';
import { makeCase, makeJdd, makePractitioner } from '../../test/run/fixtures.js';
import { resolveRefs } from '../cahier/jdd-refs.js';
import type { TestCase } from '../cahier/types.js';
import type { Jdd } from '../jdd/types.js';
import { generateSearchResponse } from '../mock/generate.js';
import { buildGraph } from '../rules/graph.js';
import { buildSearchQuery, parseSearch } from '../sas/search.js';
import { searchWindow } from '../sas/time.js';
import { checkBundle, resolveExpectations } from './expectations.js';
import { normaliseLines, samePhone, sameText, underBookingBase } from './jdd-normalise.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Monday 2 March 2026, 08:15 in Paris. */
const NOW = new Date('2026-03-02T07:15:00Z');

const PS_JDD = makeJdd({
  bookingBaseUrl: 'https://agenda.example/sas/rdv',
  practitioners: [
    makePractitioner({
      key: 'ps',
      idnps: '819999900012',
      family: 'MARTIN',
      given: ['Claire', 'Anne'],
      phone: '+33639980001',
      places: [
        {
          key: 'voltaire',
          line: ['12 boulevard Voltaire'],
          city: 'Paris',
          postalCode: '75011',
          phone: '+33199000101',
          organizationIdnst: '399000001000118',
        },
        { key: 'lyon', line: ['4 rue de la République'], city: 'Lyon', postalCode: '69002', phone: '+33199000102' },
      ],
    }),
  ],
});

const CPTS_JDD = makeJdd({
  useCase: 'cpts',
  bookingBaseUrl: 'https://agenda.example/sas/rdv',
  cpts: [
    { key: 'nord', finess: '1750900011', name: 'CPTS Loire Nord', phone: '+33199000301' },
    { key: 'sud', finess: '1750900029', name: 'CPTS Loire Sud', phone: '+33199000302' },
  ],
  practitioners: [
    makePractitioner({ key: 'ps', idnps: '819999900111', participation: 'cpts', cpts: ['nord', 'sud'], sharedCptsSlots: true }),
  ],
});

const SOS_JDD = makeJdd({
  useCase: 'sos',
  bookingBaseUrl: 'https://agenda.example/sos/rdv',
  practitioners: [],
  sos: [
    {
      key: 'sos',
      siret: '399000501900312',
      name: 'SOS Médecins Val de Loire',
      phone: '+33199000401',
      slotTypes: ['PUBLIC'],
      consultationTypes: ['AMB'],
      appointmentTypes: ['ROUTINE'],
      locations: [
        {
          key: 'pfg',
          name: 'PFG Orléans',
          line: ['2 rue Jeanne d’Arc', 'Bâtiment B'],
          city: 'Orléans',
          postalCode: '45000',
          phone: '+33199000411',
        },
      ],
    },
  ],
});

function answer(jdd: Jdd, useCase: 'psindiv' | 'cpts' | 'sos', identifiers: string[]): J {
  const q = buildSearchQuery(useCase, { ...searchWindow(NOW), identifiers });
  const r = generateSearchResponse(jdd, parseSearch(q), NOW, { baseUrl: 'http://127.0.0.1:8080/fhir' });
  expect(r.status).toBe(200);
  return structuredClone(r.body) as J;
}

function judge(tc: TestCase, jdd: Jdd, bundle: J) {
  return checkBundle(tc, resolveExpectations(tc, resolveRefs(tc, jdd), jdd), buildGraph(bundle));
}

const entryOf = (b: J, type: string) => (b.entry as J[]).findIndex((e) => e.resource.resourceType === type);
const resourcesOf = (b: J, type: string) => (b.entry as J[]).map((e) => e.resource).filter((r) => r.resourceType === type);

describe('JDD facts, PS', () => {
  const tc = makeCase({ practitioners: ['ps'], expect: { facts: 'jdd' } });
  const fresh = () => answer(PS_JDD, 'psindiv', ['819999900012']);

  it('the reference editor answer matches its JDD', () => {
    expect(judge(tc, PS_JDD, fresh())).toEqual([]);
  });

  it.each([
    [
      'EXP-JDD-NAME',
      (b: J) => (resourcesOf(b, 'Practitioner')[0].name[0].family = 'DURAND'),
      (b: J) => `Bundle.entry[${entryOf(b, 'Practitioner')}].resource.name[0].family`,
      'PS 819999900012: family name "DURAND" in the answer, "MARTIN" in the JDD',
    ],
    [
      'EXP-JDD-NAME',
      (b: J) => (resourcesOf(b, 'Practitioner')[0].name[0].given = ['Claire']),
      (b: J) => `Bundle.entry[${entryOf(b, 'Practitioner')}].resource.name[0].given`,
      'PS 819999900012: given name(s) "Claire" in the answer, "Claire Anne" in the JDD',
    ],
    [
      'EXP-JDD-ADDRESS',
      (b: J) => (resourcesOf(b, 'PractitionerRole')[0].contained[0].address.postalCode = '75012'),
      (b: J) => `Bundle.entry[${entryOf(b, 'PractitionerRole')}].resource.contained[0].address.postalCode`,
      'PS 819999900012, place "voltaire": address.postalCode "75012" in the answer, "75011" in the JDD',
    ],
    [
      'EXP-JDD-ADDRESS',
      (b: J) => (resourcesOf(b, 'PractitionerRole')[0].contained[0].address.city = 'Lyon'),
      (b: J) => `Bundle.entry[${entryOf(b, 'PractitionerRole')}].resource.contained[0].address.city`,
      'PS 819999900012, place "voltaire": address.city "Lyon" in the answer, "Paris" in the JDD',
    ],
    [
      'EXP-JDD-ADDRESS',
      (b: J) => (resourcesOf(b, 'PractitionerRole')[0].contained[0].address.line = ['14 boulevard Voltaire']),
      (b: J) => `Bundle.entry[${entryOf(b, 'PractitionerRole')}].resource.contained[0].address.line`,
      'PS 819999900012, place "voltaire": address.line "14 boulevard Voltaire" in the answer, "12 boulevard Voltaire" in the JDD',
    ],
    [
      'EXP-JDD-PHONE',
      (b: J) => (resourcesOf(b, 'Practitioner')[0].telecom[0].value = '+33639989999'),
      (b: J) => `Bundle.entry[${entryOf(b, 'Practitioner')}].resource.telecom[0].value`,
      'PS 819999900012: phone(s) "+33639989999", "+33199000101", "+33199000102", "+33199000101", "+33199000102" in the answer (Practitioner/pra-ps, PractitionerRole/rol-ps-1, PractitionerRole/rol-ps-2, #lieu-1, #lieu-2), "+33639980001" in the JDD',
    ],
    [
      'EXP-JDD-PHONE',
      (b: J) => {
        const role = resourcesOf(b, 'PractitionerRole')[0];
        role.telecom[0].value = '+33199009999';
        role.contained[0].telecom[0].value = '+33199009999';
      },
      (b: J) => `Bundle.entry[${entryOf(b, 'PractitionerRole')}].resource.telecom[0].value`,
      'PS 819999900012, lieu « voltaire » / place "voltaire": phone(s) "+33199009999", "+33199009999" in the answer (PractitionerRole/rol-ps-1, #lieu-1), "+33199000101" in the JDD',
    ],
    [
      'EXP-JDD-STRUCTURE-ID',
      (b: J) => (resourcesOf(b, 'PractitionerRole')[0].organization.identifier.value = '399000001000999'),
      (b: J) => `Bundle.entry[${entryOf(b, 'PractitionerRole')}].resource.organization.identifier.value`,
      'PS 819999900012, place "voltaire": structure IDNST "399000001000999" in the answer, "399000001000118" in the JDD',
    ],
    [
      'EXP-JDD-BOOKING-URL',
      (b: J) => (resourcesOf(b, 'Slot')[2].comment = 'https://autre-agenda.example/sas/rdv?ps=819999900012'),
      () => 'Bundle.entry[2].resource.comment',
      `PS 819999900012: 1/SLOTS slot(s) have a booking URL outside the JDD base; received "https://autre-agenda.example/sas/rdv?ps=819999900012", JDD base "https://agenda.example/sas/rdv"`,
    ],
    [
      'EXP-JDD-APPOINTMENT-TYPE',
      (b: J) => (resourcesOf(b, 'Slot')[1].appointmentType.coding[0].code = 'WALKIN'),
      () => 'Bundle.entry[1].resource.appointmentType.coding[0].code',
      'PS 819999900012: appointmentType "WALKIN" in the answer, the JDD declares "ROUTINE"',
    ],
  ])('%s: one field changed, one finding with both values', (ruleId, change, location, en) => {
    const b = fresh();
    change(b);
    const found = judge(tc, PS_JDD, b);
    expect(found.map((f) => [f.ruleId, f.severity, f.location])).toEqual([[ruleId, 'error', location(b)]]);
    expect(found[0].message.en).toBe(en.replace('SLOTS', String(resourcesOf(b, 'Slot').length)));
    expect(found[0].message.fr).not.toBe(found[0].message.en);
    expect(found[0].requirements).toEqual(expect.arrayContaining(tc.requirements));
  });

  it('optional JDD data left out is not compared; an absent PS or place is not checked, never passed', () => {
    const bare = makeJdd({
      bookingBaseUrl: PS_JDD.bookingBaseUrl,
      practitioners: [
        makePractitioner({
          key: 'ps',
          idnps: '819999900012',
          family: 'MARTIN',
          given: ['Claire', 'Anne'],
          places: PS_JDD.practitioners[0].places.map(({ phone: _p, organizationIdnst: _o, ...p }) => p),
        }),
      ],
    });
    const b = fresh();
    for (const r of resourcesOf(b, 'PractitionerRole')) delete r.organization;
    expect(judge(tc, bare, b)).toEqual([]);
    const absent = judge(tc, PS_JDD, { resourceType: 'Bundle', type: 'searchset', total: 0 });
    expect(absent.filter((f) => f.ruleId.startsWith('EXP-JDD')).map((f) => [f.ruleId, f.severity, f.notChecked])).toEqual([
      ['EXP-JDD-ABSENT', 'information', true],
    ]);
    const onePlace = fresh();
    onePlace.entry = (onePlace.entry as J[]).filter((e) => !JSON.stringify(e.resource).includes('ps-2'));
    expect(judge(tc, PS_JDD, onePlace).map((f) => [f.ruleId, f.severity, f.notChecked])).toEqual([
      ['EXP-JDD-ADDRESS', 'information', true],
    ]);
  });
});

describe('JDD facts, CPTS', () => {
  const tc = makeCase({ useCase: 'cpts', practitioners: ['ps'], expect: { facts: 'jdd' } });
  const fresh = () => answer(CPTS_JDD, 'cpts', ['819999900111']);
  const orgIndex = (b: J, finess: string) =>
    (b.entry as J[]).findIndex((e) => e.resource.resourceType === 'Organization' && e.resource.identifier[0].value === finess);

  it('the reference editor answer matches its JDD', () => {
    expect(judge(tc, CPTS_JDD, fresh())).toEqual([]);
  });

  it('the CPTS name and phone, and the FINESS written without its prefix', () => {
    const named = fresh();
    const i = orgIndex(named, '1750900029');
    named.entry[i].resource.name = 'CPTS Loire Est';
    expect(judge(tc, CPTS_JDD, named).map((f) => [f.ruleId, f.location, f.message.en])).toEqual([
      [
        'EXP-JDD-CPTS',
        `Bundle.entry[${i}].resource.name`,
        'CPTS 1750900029: name "CPTS Loire Est" in the answer, "CPTS Loire Sud" in the JDD',
      ],
    ]);
    const phoned = fresh();
    phoned.entry[i].resource.telecom[0].value = '+33199000399';
    expect(judge(tc, CPTS_JDD, phoned).map((f) => [f.ruleId, f.location, f.message.en])).toEqual([
      [
        'EXP-JDD-CPTS',
        `Bundle.entry[${i}].resource.telecom[0].value`,
        'CPTS 1750900029: phone(s) "+33199000399" in the answer, "+33199000302" in the JDD',
      ],
    ]);
    const unprefixed = fresh();
    unprefixed.entry[i].resource.identifier[0].value = '750900029';
    expect(judge(tc, CPTS_JDD, unprefixed).map((f) => [f.ruleId, f.location, f.message.en])).toEqual([
      [
        'EXP-JDD-STRUCTURE-ID',
        `Bundle.entry[${i}].resource.identifier[0].value`,
        'CPTS 1750900029: FINESS "750900029" in the answer, "1750900029" in the JDD (prefix 1 included)',
      ],
    ]);
  });
});

describe('JDD facts, SOS', () => {
  const tc = makeCase({ useCase: 'sos', practitioners: undefined, sos: ['sos'], expect: { facts: 'jdd' } });
  const fresh = () => answer(SOS_JDD, 'sos', ['399000501900312']);

  it('the reference editor answer matches its JDD (two JDD lines joined into one)', () => {
    const b = fresh();
    expect(resourcesOf(b, 'Location')[0].address.line).toEqual(['2 rue Jeanne d’Arc, Bâtiment B']);
    expect(judge(tc, SOS_JDD, b)).toEqual([]);
  });

  it('the association name, a consultation point address, the SIRET prefix', () => {
    const b = fresh();
    resourcesOf(b, 'Organization')[0].name = 'SOS Médecins Loiret';
    resourcesOf(b, 'Location')[0].address.postalCode = '45100';
    resourcesOf(b, 'Organization')[0].identifier[0].value = '99000501900312';
    const org = entryOf(b, 'Organization');
    const loc = entryOf(b, 'Location');
    expect(judge(tc, SOS_JDD, b).map((f) => [f.ruleId, f.location, f.message.en])).toEqual([
      [
        'EXP-JDD-STRUCTURE-ID',
        `Bundle.entry[${org}].resource.identifier[0].value`,
        'SOS 399000501900312: SIRET "99000501900312" in the answer, "399000501900312" in the JDD (prefix 3 included)',
      ],
      [
        'EXP-JDD-NAME',
        `Bundle.entry[${org}].resource.name`,
        'SOS 399000501900312: name "SOS Médecins Loiret" in the answer, "SOS Médecins Val de Loire" in the JDD',
      ],
      [
        'EXP-JDD-ADDRESS',
        `Bundle.entry[${loc}].resource.address.postalCode`,
        'SOS 399000501900312, place "pfg": address.postalCode "45100" in the answer, "45000" in the JDD',
      ],
    ]);
  });
});

describe('normalisation, as datasets/README.md writes it', () => {
  it('phones: spaces, national form, 0033, (0)', () => {
    expect(samePhone('+33 1 99 00 01 11', '+33199000111')).toBe(true);
    expect(samePhone('0199000111', '+33199000111')).toBe(true);
    expect(samePhone('01.99.00.01.11', '+33199000111')).toBe(true);
    expect(samePhone('0033 1 99 00 01 11', '+33199000111')).toBe(true);
    expect(samePhone('+33 (0)1 99 00 01 11', '+33199000111')).toBe(true);
    expect(samePhone('+33199000112', '+33199000111')).toBe(false);
    expect(samePhone('+262199000111', '+33199000111')).toBe(false);
  });

  it('text: case, accents, spacing and punctuation; address lines joined', () => {
    expect(sameText('Saint-Étienne', 'SAINT ETIENNE')).toBe(true);
    expect(sameText('Orléans', 'orleans')).toBe(true);
    expect(sameText('  rue  Jeanne d’Arc ', "RUE JEANNE D'ARC")).toBe(true);
    expect(sameText('Paris', 'Parus')).toBe(false);
    expect(normaliseLines(['12 rue X', 'Bât. B'])).toBe(normaliseLines(['12 rue X, Bât B']));
    expect(normaliseLines(['12 rue X'])).not.toBe(normaliseLines(['21 rue X']));
  });

  it('booking URL: at or below the base path, same scheme and host', () => {
    expect(underBookingBase('https://agenda.example/sas/rdv?ps=1', 'https://agenda.example/sas/rdv/')).toBe(true);
    expect(underBookingBase('https://agenda.example:443/sas/rdv/x', 'https://agenda.example/sas/rdv')).toBe(true);
    expect(underBookingBase('https://agenda.example/sas/rdvx', 'https://agenda.example/sas/rdv')).toBe(false);
    expect(underBookingBase('http://agenda.example/sas/rdv', 'https://agenda.example/sas/rdv')).toBe(false);
    expect(underBookingBase('not a url', 'https://agenda.example/sas/rdv')).toBe(false);
  });

  it.each([
    ['phone with spaces', (b: J) => (resourcesOf(b, 'Practitioner')[0].telecom[0].value = '+33 6 39 98 00 01')],
    ['phone in national form', (b: J) => (resourcesOf(b, 'Practitioner')[0].telecom[0].value = '06.39.98.00.01')],
    ['name in upper case without accents', (b: J) => (resourcesOf(b, 'Practitioner')[0].name[0].given = ['CLAIRE ANNE'])],
    [
      'address in upper case',
      (b: J) =>
        (resourcesOf(b, 'PractitionerRole')[1].contained[0].address = {
          line: ['4 RUE DE LA REPUBLIQUE'],
          city: 'LYON',
          postalCode: '69 002',
        }),
    ],
    [
      'booking URL below the base, host in capitals',
      (b: J) => (resourcesOf(b, 'Slot')[0].comment = 'https://AGENDA.example/sas/rdv/agenda/42?origin=sas'),
    ],
  ])('%s: equal', (_what, change) => {
    const tc = makeCase({ practitioners: ['ps'], expect: { facts: 'jdd' } });
    const b = answer(PS_JDD, 'psindiv', ['819999900012']);
    change(b);
    expect(judge(tc, PS_JDD, b)).toEqual([]);
  });
});
