import { describe, expect, it } from 'vitest';
import { PROFILE, R5_SLOT_SERVICE_TYPE, SYSTEM } from '../../src/sas/canonicals.js';
import { formatParis } from '../../src/sas/time.js';
import { answer, BASE, CPTS_JDD, DATE, entries, NOW, PS_JDD, psByTag, query, resources, SOS_JDD, type Json } from './helpers.js';

const H48 = 48 * 3600_000;

function ok(q: string, now = NOW): Json {
  const r = answer(q, [], now);
  expect(r.status).toBe(200);
  return r.body as Json;
}

function cptsRefs(slot: Json): string[] {
  return (slot.serviceType as Json[])
    .filter((st) => st.coding?.[0]?.code === '604')
    .map((st) => st.extension.find((e: Json) => e.url === R5_SLOT_SERVICE_TYPE).valueReference.reference);
}

function codes(slots: Json[], pick: (s: Json) => string[]): string[] {
  return [...new Set(slots.flatMap(pick))].sort();
}

describe('PS individual searches', () => {
  it('answers a PS with one place with the full graph', () => {
    const ps = psByTag(PS_JDD, 'one-place');
    const q = query('psindiv', [ps.idnps]);
    const bundle = ok(q);
    const slots = resources(bundle, 'Slot');
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', meta: { profile: [PROFILE.psBundle] }, total: slots.length });
    expect(slots.length).toBeGreaterThanOrEqual(6);
    expect(bundle.link).toEqual([{ relation: 'self', url: `${BASE}/${q}` }]);
    expect(entries(bundle).every((e) => e.fullUrl === `${BASE}/${e.resource.resourceType}/${e.resource.id}`)).toBe(true);
    expect(entries(bundle).map((e) => e.search.mode)).toEqual(
      entries(bundle).map((e) => (e.resource.resourceType === 'Slot' ? 'match' : 'include')),
    );
    expect(
      resources(bundle)
        .map((r) => r.resourceType)
        .filter((t) => t !== 'Slot'),
    ).toEqual(['Schedule', 'Practitioner', 'PractitionerRole']);

    const [schedule] = resources(bundle, 'Schedule');
    const [practitioner] = resources(bundle, 'Practitioner');
    const [role] = resources(bundle, 'PractitionerRole');
    expect(practitioner.identifier).toEqual([
      { type: { coding: [{ system: SYSTEM.frV20203, code: 'IDNPS' }] }, system: SYSTEM.idnps, value: ps.idnps },
    ]);
    expect(practitioner.name).toEqual([{ family: ps.family, given: ps.given }]);
    expect(schedule.actor).toEqual([{ reference: `Practitioner/${practitioner.id}` }, { reference: `PractitionerRole/${role.id}` }]);
    expect(role.practitioner).toEqual({ reference: `Practitioner/${practitioner.id}` });
    expect(role.location).toEqual([{ reference: `#${role.contained[0].id}` }]);
    expect(role.contained[0]).toMatchObject({
      resourceType: 'Location',
      meta: { profile: [PROFILE.location] },
      address: { line: ps.places[0].line, city: ps.places[0].city, postalCode: ps.places[0].postalCode },
    });
    expect(role.telecom).toEqual([{ system: 'phone', value: ps.places[0].phone }]);
    expect(role.organization.identifier).toMatchObject({ system: SYSTEM.idnst, value: ps.places[0].organizationIdnst });

    const le = Date.parse(bundle.link[0].url.match(/start=le([^&]+)/)[1].replace('%2B', '+'));
    for (const slot of slots) {
      expect(slot).toMatchObject({
        status: 'free',
        meta: { profile: [PROFILE.psSlot] },
        schedule: { reference: `Schedule/${schedule.id}` },
      });
      expect(slot.start).toMatch(DATE);
      expect(slot.end).toMatch(DATE);
      expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(NOW.getTime());
      expect(Date.parse(slot.start)).toBeLessThanOrEqual(le);
      expect(slot.start.endsWith('+01:00')).toBe(true);
      expect(slot.comment).toBe(`https://agenda.editeur-reference.example/sas/rdv?ps=${ps.idnps}&lieu=${ps.places[0].key}`);
      expect(slot.meta.security).toEqual([{ system: SYSTEM.slotType, code: 'PUBLIC' }]);
      expect(slot.appointmentType).toEqual({ coding: [{ system: SYSTEM.appointmentReason, code: 'ROUTINE' }] });
      expect(slot.serviceType).toEqual([{ coding: [{ system: SYSTEM.actCode, code: 'AMB' }] }]);
    }
  });

  it('gives a PS with two places one Schedule and one PractitionerRole per place', () => {
    const bundle = ok(query('psindiv', [psByTag(PS_JDD, 'two-places').idnps]));
    expect(resources(bundle, 'Practitioner')).toHaveLength(1);
    const schedules = resources(bundle, 'Schedule');
    const roles = resources(bundle, 'PractitionerRole');
    expect(schedules).toHaveLength(2);
    expect(roles).toHaveLength(2);
    schedules.forEach((s, i) => expect(s.actor[1]).toEqual({ reference: `PractitionerRole/${roles[i].id}` }));
    const bySchedule = new Set(resources(bundle, 'Slot').map((s) => s.schedule.reference));
    expect(bySchedule).toEqual(new Set(schedules.map((s) => `Schedule/${s.id}`)));
  });

  it('answers two PS searched together, and 25 identifiers at once', () => {
    const two = PS_JDD.practitioners.filter((p) => p.roles?.includes('multi-ps'));
    expect(
      resources(
        ok(
          query(
            'psindiv',
            two.map((p) => p.idnps),
          ),
        ),
        'Practitioner',
      )
        .map((p) => p.identifier[0].value)
        .sort(),
    ).toEqual(two.map((p) => p.idnps).sort());
    const many = PS_JDD.practitioners.slice(0, 25).map((p) => p.idnps);
    expect(resources(ok(query('psindiv', many)), 'Practitioner')).toHaveLength(25);
  });

  it('exposes every slot type, consultation type and appointment type of the all-types PS', () => {
    const slots = resources(ok(query('psindiv', [psByTag(PS_JDD, 'all-types').idnps])), 'Slot');
    expect(codes(slots, (s) => s.meta.security.map((c: Json) => c.code))).toEqual(['PRO', 'PUBLIC', 'SNP']);
    expect(codes(slots, (s) => s.serviceType.map((st: Json) => st.coding[0].code))).toEqual(['AMB', 'HH', 'VR']);
    expect(codes(slots, (s) => [s.appointmentType.coding[0].code])).toEqual(['ROUTINE', 'WALKIN']);
  });

  it('omits optional data the JDD does not have', () => {
    const bundle = ok(query('psindiv', [psByTag(PS_JDD, 'minimal').idnps]));
    const [role] = resources(bundle, 'PractitionerRole');
    expect(resources(bundle, 'Practitioner')[0].telecom).toBeUndefined();
    expect(role.telecom).toBeUndefined();
    expect(role.organization).toBeUndefined();
    expect(role.contained[0].telecom).toBeUndefined();
  });

  it('honours the includes asked for', () => {
    const ps = psByTag(PS_JDD, 'one-place').idnps;
    const noActor = ok(query('psindiv', [ps], { omit: ['_include:iterate'] }));
    expect(new Set(resources(noActor).map((r) => r.resourceType))).toEqual(new Set(['Slot', 'Schedule']));
    const bare = ok(query('psindiv', [ps], { omit: ['_include', '_include:iterate'] }));
    expect(new Set(resources(bare).map((r) => r.resourceType))).toEqual(new Set(['Slot']));
  });

  it('answers an unknown PS with an empty searchset', () => {
    const q = query('psindiv', [PS_JDD.unknownIdentifiers[0]]);
    const bundle = ok(q);
    expect(bundle).toMatchObject({
      type: 'searchset',
      total: 0,
      meta: { profile: [PROFILE.psBundle] },
      link: [{ relation: 'self', url: `${BASE}/${q}` }],
    });
    expect(bundle.entry).toBeUndefined();
  });

  it('is deterministic for a given now and follows the clock', () => {
    const q = query('psindiv', [psByTag(PS_JDD, 'one-place').idnps]);
    expect(answer(q)).toEqual(answer(q));
    const later = new Date(NOW.getTime() + 24 * 3600_000);
    const slotsLater = resources(answer(q, [], later).body as Json, 'Slot');
    expect(slotsLater.every((s) => Date.parse(s.start) >= later.getTime())).toBe(true);
  });

  it('writes summer dates with +02:00', () => {
    const summer = new Date('2026-07-01T06:00:00Z');
    const slots = resources(ok(query('psindiv', [psByTag(PS_JDD, 'one-place').idnps], {}, summer), summer), 'Slot');
    expect(slots[0].start).toBe('2026-07-01T08:00:00.000+02:00');
    expect(slots.every((s) => s.start.endsWith('+02:00'))).toBe(true);
  });
});

describe('CPTS searches', () => {
  const cptsFiness = (key: string) => CPTS_JDD.cpts.find((c) => c.key === key)?.finess;

  it('puts the slots of a PS in two CPTS under one CPTS each, both CPTS used', () => {
    const ps = psByTag(CPTS_JDD, 'cpts-two-cpts');
    const bundle = ok(query('cpts', [ps.idnps]));
    expect(bundle.meta.profile).toEqual([PROFILE.cptsBundle]);
    const slots = resources(bundle, 'Slot');
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => cptsRefs(s).length === 1 && s.meta.profile[0] === PROFILE.cptsSlot)).toBe(true);
    expect(slots.every((s) => s.meta.security.length === 1 && s.meta.security[0].code === 'CPTS')).toBe(true);
    const services = resources(bundle, 'HealthcareService');
    expect(new Set(slots.flatMap(cptsRefs))).toEqual(new Set(services.map((h) => `HealthcareService/${h.id}`)));
    const orgs = resources(bundle, 'Organization');
    expect(services.map((h) => h.providedBy.reference).sort()).toEqual(orgs.map((o) => `Organization/${o.id}`).sort());
    expect(orgs.map((o) => o.identifier[0].value).sort()).toEqual(ps.cpts.map(cptsFiness).sort());
    expect(orgs[0].identifier[0]).toMatchObject({
      system: SYSTEM.idnst,
      type: { coding: [{ system: SYSTEM.frCoreV20203, code: 'IDNST' }] },
    });
  });

  it('shares each slot between the two CPTS when the JDD says so', () => {
    const slots = resources(ok(query('cpts', [psByTag(CPTS_JDD, 'cpts-shared-slot').idnps])), 'Slot');
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => cptsRefs(s).length === 2)).toBe(true);
  });

  it('gives no CPTS slot to a PS declared individual only, but its individual slots to a PS search', () => {
    const ps = psByTag(CPTS_JDD, 'cpts-individual-only');
    expect(ok(query('cpts', [ps.idnps])).total).toBe(0);
    expect(ok(query('psindiv', [ps.idnps])).total).toBeGreaterThan(0);
  });

  it("matches the declaration: a PS declared via CPTS A only is offered under A's FINESS only", () => {
    const ps = psByTag(CPTS_JDD, 'cpts-one-cpts');
    const bundle = ok(query('cpts', [ps.idnps]));
    expect(resources(bundle, 'Organization').map((o) => o.identifier[0].value)).toEqual([cptsFiness(ps.cpts[0])]);
    expect(ok(query('psindiv', [ps.idnps])).total).toBe(0);
  });

  it('offers CPTS slots only within 48 hours, individual slots beyond', () => {
    const ps = psByTag(CPTS_JDD, 'cpts-both');
    const wide = { ge: formatParis(NOW), le: formatParis(new Date(NOW.getTime() + 5 * 86_400_000)) };
    const cpts = resources(ok(query('cpts', [ps.idnps], wide)), 'Slot');
    const indiv = resources(ok(query('psindiv', [ps.idnps], wide)), 'Slot');
    expect(cpts.length).toBeGreaterThan(0);
    expect(cpts.every((s) => Date.parse(s.start) <= NOW.getTime() + H48)).toBe(true);
    expect(indiv.some((s) => Date.parse(s.start) > NOW.getTime() + H48)).toBe(true);
    expect(indiv.every((s) => s.meta.security.every((c: Json) => c.code !== 'CPTS') && s.serviceType.length === 1)).toBe(true);
    const ids = new Set(indiv.map((s) => s.id));
    expect(cpts.some((s) => ids.has(s.id))).toBe(false);
  });
});

describe('SOS Médecins searches', () => {
  it('answers Schedules (match) with their Slots, Locations and Organization', () => {
    const sos = SOS_JDD.sos.find((s) => s.roles?.includes('sos-two-places'));
    const q = query('sos', [sos!.siret]);
    const bundle = ok(q);
    expect(bundle.meta.profile).toEqual([PROFILE.sosBundle]);
    expect(bundle.link[0].url).toBe(`${BASE}/${q}`);
    const schedules = resources(bundle, 'Schedule');
    expect(schedules).toHaveLength(2);
    expect(bundle.total).toBe(2);
    expect(entries(bundle, 'Schedule').every((e) => e.search.mode === 'match')).toBe(true);
    expect(
      entries(bundle)
        .filter((e) => e.resource.resourceType !== 'Schedule')
        .every((e) => e.search.mode === 'include'),
    ).toBe(true);
    const locations = resources(bundle, 'Location');
    const [org] = resources(bundle, 'Organization');
    expect(resources(bundle, 'Organization')).toHaveLength(1);
    expect(org.identifier[0]).toEqual({
      type: { coding: [{ system: SYSTEM.frLocationIdentifierType, code: 'IDNST' }] },
      system: SYSTEM.idnst,
      value: sos!.siret,
    });
    expect(schedules.map((s) => s.actor[0].reference)).toEqual(locations.map((l) => `Location/${l.id}`));
    expect(locations.every((l) => l.managingOrganization.reference === `Organization/${org.id}` && l.address.line.length === 1)).toBe(true);
    const slots = resources(bundle, 'Slot');
    expect(new Set(slots.map((s) => s.schedule.reference))).toEqual(new Set(schedules.map((s) => `Schedule/${s.id}`)));
    expect(slots.every((s) => s.meta.profile[0] === PROFILE.sosSlot && ['PUBLIC', 'SNP'].includes(s.meta.security[0].code))).toBe(true);
  });

  it('answers an association with one PFG and an unknown SIRET', () => {
    const sos = SOS_JDD.sos.find((s) => s.roles?.includes('sos-one-place'));
    expect(resources(ok(query('sos', [sos!.siret])), 'Schedule')).toHaveLength(1);
    const empty = ok(query('sos', [SOS_JDD.unknownIdentifiers[0]]));
    expect(empty).toMatchObject({ total: 0, meta: { profile: [PROFILE.sosBundle] } });
    expect(empty.entry).toBeUndefined();
  });
});

describe('bad parameters', () => {
  const ps = () => psByTag(PS_JDD, 'one-place').idnps;
  const cases: [string, () => string, RegExp][] = [
    ['missing status', () => query('psindiv', [ps()], { status: null }), /missing status/],
    ['malformed date', () => query('psindiv', [ps()]).replace(/start=ge[^&]+/, 'start=ge2026-13-45T99:00:00'), /not a valid FHIR dateTime/],
    ['missing upper bound', () => query('psindiv', [ps()]).replace(/&start=le[^&]+/, ''), /missing upper bound/],
    ['date without prefix', () => query('psindiv', [ps()]).replace(/start=le/, 'start=eq'), /use the ge and le prefixes/],
    [
      'more than 25 identifiers',
      () =>
        query(
          'psindiv',
          PS_JDD.practitioners.slice(0, 26).map((p) => p.idnps),
        ),
      /26 identifiers asked; at most 25/,
    ],
    ['unknown parameter', () => `${query('psindiv', [ps()])}&specialty=SM54`, /unknown search parameter "specialty"/],
    ['no identifier', () => query('psindiv', []), /missing schedule\.actor:Practitioner\.identifier/],
    ['wrong identifier system', () => query('psindiv', [`urn:oid:1.2.250.1.71.4.2.2|${ps()}`]), /identifier system/],
    ['unsupported include', () => `${query('psindiv', [ps()])}&_include=Slot:patient`, /unsupported _include value "Slot:patient"/],
    ['SOS without status', () => query('sos', [SOS_JDD.sos[0].siret], { status: null }), /missing _has:Slot:schedule:status/],
  ];
  it.each(cases)('%s → 400 with an OperationOutcome', (_name, make, text) => {
    const r = answer(make());
    expect(r.status).toBe(400);
    const body = r.body as Json;
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue.map((i: Json) => i.diagnostics).join('\n')).toMatch(text);
    expect(body.issue.every((i: Json) => i.severity === 'error' && typeof i.code === 'string')).toBe(true);
  });
});
