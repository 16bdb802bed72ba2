import { describe, expect, it } from 'vitest';
import { makeCase, makeJdd, makePractitioner } from '../../test/run/fixtures.js';
import { parseJdd } from '../jdd/load-jdd.js';
import type { Jdd, JddPractitioner } from '../jdd/types.js';
import { describeCaseData, formatCaseData, resolveCaseData, type CaseData } from './jdd-refs.js';
import { checkRole, ROLES, roleSpec } from './roles.js';

const place = (k: string) => ({ key: k, line: [`${k} rue`], city: 'Paris', postalCode: '75001' });

function psJdd(practitioners: JddPractitioner[]): Jdd {
  return makeJdd({ id: 'editeur-x', file: '/tmp/editeur-x.yaml', practitioners });
}

function resolved(r: ReturnType<typeof resolveCaseData>): CaseData {
  if ('notApplicable' in r) throw new Error(`unexpected not-applicable: ${r.notApplicable.en}`);
  return r;
}

describe('role resolution', () => {
  it('a role the JDD cannot fill makes the case not-applicable, naming the role, the JDD and what it needs', () => {
    const jdd = psJdd([makePractitioner({ key: 'dr-a', idnps: '810000000001', roles: ['one-place'] })]);
    const r = resolveCaseData(makeCase({ roles: ['two-places'] }), jdd);
    expect(r).toEqual({
      notApplicable: {
        fr: 'rôle « two-places » (PS exerçant dans plusieurs lieux (kit 4.4)) : le JDD « editeur-x » (/tmp/editeur-x.yaml) ne le remplit pas — il faut une entrée practitioners déclarant roles: [two-places] (au moins 2 lieux, des créneaux individuels)',
        en: 'role "two-places" (PS practising in several places (kit 4.4)): JDD "editeur-x" (/tmp/editeur-x.yaml) does not fill it — it needs an entry in practitioners declaring roles: [two-places] (at least 2 places, individual slots)',
      },
    });
  });

  it('an entry declaring a role its facts do not allow does not fill it, and the reason says why', () => {
    const jdd = psJdd([makePractitioner({ key: 'dr-a', idnps: '810000000001', roles: ['two-places'] })]);
    const r = resolveCaseData(makeCase({ roles: ['two-places'] }), jdd);
    expect('notApplicable' in r && r.notApplicable.en).toContain('entry "dr-a" declares it but 1 place (places), at least 2 needed');
    expect('notApplicable' in r && r.notApplicable.fr).toContain(
      "l'entrée « dr-a » déclare ce rôle mais 1 lieu (places), il en faut au moins 2",
    );
  });

  it('one entry may play several roles, and serves every case that needs one of them', () => {
    const both = makePractitioner({ key: 'dr-a', idnps: '810000000001', phone: '+33600000001', roles: ['one-place', 'identity'] });
    both.places = [{ ...place('p1'), organizationIdnst: '399000001000118' }];
    const jdd = psJdd([both]);
    expect(resolved(resolveCaseData(makeCase({ roles: ['one-place'] }), jdd)).refs.practitioners.map((p) => p.key)).toEqual(['dr-a']);
    expect(resolved(resolveCaseData(makeCase({ roles: ['identity'] }), jdd)).refs.practitioners.map((p) => p.key)).toEqual(['dr-a']);
    // a case needing both roles sends the PS once
    const r = resolved(resolveCaseData(makeCase({ roles: ['one-place', 'identity'] }), jdd));
    expect(r.refs.practitioners.map((p) => p.key)).toEqual(['dr-a']);
    expect(r.roles.map((f) => [f.role, f.entries.map((e) => e.key)])).toEqual([
      ['one-place', ['dr-a']],
      ['identity', ['dr-a']],
    ]);
  });

  it('prefers an entry the case does not use yet when two roles are asked', () => {
    const a = makePractitioner({ key: 'dr-a', idnps: '810000000001', roles: ['multi-ps', 'one-place'] });
    const b = makePractitioner({ key: 'dr-b', idnps: '810000000002', roles: ['one-place'] });
    const c = makePractitioner({ key: 'dr-c', idnps: '810000000003', roles: ['multi-ps'] });
    const r = resolved(resolveCaseData(makeCase({ roles: ['multi-ps', 'one-place'] }), psJdd([a, b, c])));
    expect(r.refs.practitioners.map((p) => p.key)).toEqual(['dr-a', 'dr-c', 'dr-b']);
  });

  it('N-entry roles: multi-ps needs two entries, bulk takes up to 25', () => {
    const one = psJdd([makePractitioner({ key: 'dr-a', idnps: '810000000001', roles: ['multi-ps'] })]);
    const r = resolveCaseData(makeCase({ roles: ['multi-ps'] }), one);
    expect('notApplicable' in r && r.notApplicable.en).toContain(
      'it needs at least 2 entries in practitioners declaring roles: [multi-ps] (2 entries, individual slots); only 1: dr-a',
    );
    const many = psJdd(
      Array.from({ length: 30 }, (_, i) =>
        makePractitioner({ key: `b${i}`, idnps: `8100000001${String(i).padStart(2, '0')}`, roles: ['bulk', 'multi-ps'] }),
      ),
    );
    expect(resolved(resolveCaseData(makeCase({ roles: ['bulk'] }), many)).refs.practitioners).toHaveLength(25);
    expect(resolved(resolveCaseData(makeCase({ roles: ['multi-ps'] }), many)).refs.practitioners.map((p) => p.key)).toEqual(['b0', 'b1']);
  });

  it('optional roles are left out when not filled; a case whose roles are all unfilled does not apply', () => {
    const jdd = psJdd([makePractitioner({ key: 'dr-a', idnps: '810000000001', roles: ['one-place'] })]);
    const r = resolved(resolveCaseData(makeCase({ roles: ['one-place?', 'two-places?'] }), jdd));
    expect(r.refs.practitioners.map((p) => p.key)).toEqual(['dr-a']);
    expect(r.roles.find((f) => f.role === 'two-places')).toEqual({ role: 'two-places', optional: true, entries: [] });
    const none = resolveCaseData(makeCase({ roles: ['minimal?', 'two-places?'] }), jdd);
    expect('notApplicable' in none && none.notApplicable.en).toBe(
      'JDD "editeur-x" (/tmp/editeur-x.yaml) fills none of the roles minimal, two-places (at least one is needed; see sas-recette jdd check)',
    );
  });

  it('SOS roles draw from the SOS structures', () => {
    const jdd = makeJdd({
      useCase: 'sos',
      sos: [
        {
          key: 'asso',
          siret: '399000501900312',
          name: 'SOS',
          roles: ['sos-two-places'],
          locations: [{ ...place('l1'), name: 'L1' }],
          slotTypes: ['PUBLIC'],
          consultationTypes: ['AMB'],
        },
      ],
    });
    const r = resolveCaseData(makeCase({ useCase: 'sos', roles: ['sos-two-places'] }), jdd);
    expect('notApplicable' in r && r.notApplicable.en).toContain('entry "asso" declares it but 1 location (locations), at least 2 needed');
  });

  it('every role of the vocabulary is met by a fitting entry and refused to a bare one (a check that can fail)', () => {
    for (const spec of ROLES) expect(spec.min).toBeLessThanOrEqual(spec.max);
    const bare = makePractitioner({ key: 'x', idnps: '810000000001', participation: 'cpts', cpts: ['c1', 'c2'], sharedCptsSlots: true });
    const jdd = makeJdd();
    expect(checkRole(roleSpec('one-place')!, bare, jdd).map((m) => m.en)).toEqual([
      'declared through CPTS only (participation: cpts): no individual slot',
    ]);
    expect(checkRole(roleSpec('cpts-two-cpts')!, bare, jdd).map((m) => m.en)).toEqual(['shared slots (sharedCptsSlots: true)']);
    expect(checkRole(roleSpec('cpts-shared-slot')!, bare, jdd)).toEqual([]);
    expect(checkRole(roleSpec('cpts-individual-only')!, bare, jdd).map((m) => m.en)).toEqual(['participation cpts']);
  });
});

describe('describeCaseData (run --list)', () => {
  it('shows each role with the entries chosen (key + identifier), the padding, or why the case does not apply', () => {
    const jdd = psJdd([
      makePractitioner({ key: 'dr-a', idnps: '810000000001', roles: ['bulk'] }),
      makePractitioner({ key: 'dr-b', idnps: '810000000002', roles: ['bulk'] }),
    ]);
    const v = describeCaseData(makeCase({ id: 'PS-25', roles: ['bulk'], request: { count: 25 } }), jdd);
    expect(v).toMatchObject({ caseId: 'PS-25', by: 'roles', unknownIdentifiers: 23, jdd: { id: 'editeur-x' } });
    expect(formatCaseData(v, 'en')).toBe('editeur-x: roles bulk → dr-a (810000000001), dr-b (810000000002) + 23 unknown identifier(s)');
    const na = describeCaseData(makeCase({ roles: ['two-places'] }), jdd);
    expect(formatCaseData(na, 'fr')).toMatch(/^non applicable: rôle « two-places »/);
    expect(formatCaseData(describeCaseData(makeCase({ practitioners: ['nope'] }), jdd), 'en')).toContain(
      'not applicable: JDD "editeur-x" (/tmp/editeur-x.yaml) has no practitioners entry "nope"; known keys: dr-a, dr-b',
    );
  });
});

describe('JDD roles', () => {
  it('reads the old name "scenarios" as roles (cpts-a-only renamed cpts-one-cpts)', () => {
    const text = [
      'id: old',
      'version: "1"',
      'useCase: cpts',
      'bookingBaseUrl: "https://a.example/rdv"',
      'cpts: [{ key: c1, finess: "1750900011", name: C1 }]',
      'practitioners:',
      '  - { key: a, scenarios: [cpts-a-only], idnps: "819999900145", family: F, given: [G], participation: cpts, cpts: [c1], places: [{ key: p, line: ["1 rue"], city: Orléans, postalCode: "45000" }] }',
    ].join('\n');
    expect(parseJdd(text, 'old.yaml').practitioners[0].roles).toEqual(['cpts-one-cpts']);
  });
});
