/**
 * The failing cases of the SAS rules: each breaks one thing in a conformant fixture and names the
 * rule that must report it, with its severity and location. Shared by rules.test.ts (each rule
 * reports its case) and strength.test.ts (the severity of every finding follows the strength table).
 */
import type { Severity } from '../../src/core/findings.js';
import type { UseCase } from '../../src/core/model.js';
import {
  at,
  cptsOrganization,
  cptsServiceType,
  healthcareService,
  IDNPS_B,
  practitioner,
  R5_EXT,
  res,
  role,
  schedule,
  slot,
  type B,
} from './fixtures.js';

export interface Case {
  rule: string;
  name: string;
  uc: UseCase;
  mutate: (b: B) => void;
  severity?: Severity;
  /** Substring of the location of at least one finding of the rule. */
  at?: string;
}

export const entryOf = (resource: B, mode = 'include'): B => ({
  fullUrl: `https://editeur.test/fhir/${resource.resourceType}/${resource.id}`,
  resource,
  search: { mode },
});

export const CASES: Case[] = [
  // Bundle
  { rule: 'SAS-BDL-001', name: 'type collection', uc: 'psindiv', mutate: (b) => (b.type = 'collection'), at: 'Bundle.type' },
  { rule: 'SAS-BDL-001', name: 'not a Bundle', uc: 'psindiv', mutate: (b) => (b.resourceType = 'Slot'), at: 'Bundle.resourceType' },
  { rule: 'SAS-BDL-002', name: 'total differs', uc: 'psindiv', mutate: (b) => (b.total = 3), at: 'Bundle.total' },
  { rule: 'SAS-BDL-002', name: 'total missing (CPTS)', uc: 'cpts', mutate: (b) => delete b.total, at: 'Bundle.total' },
  {
    rule: 'SAS-BDL-002',
    name: 'SOS total counting the slots',
    uc: 'sos',
    mutate: (b) => {
      b.entry.push(
        entryOf(
          slot('slot-s2', 'sched-s1', {
            profile: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-slot-aggregator',
            security: ['SNP'],
          }),
        ),
      );
      b.total = 2;
    },
    severity: 'warning',
  },
  { rule: 'SAS-BDL-002', name: 'SOS total wrong', uc: 'sos', mutate: (b) => (b.total = 7), severity: 'error' },
  {
    rule: 'SAS-BDL-003',
    name: 'two self links',
    uc: 'psindiv',
    mutate: (b) => b.link.push({ relation: 'self', url: 'x' }),
    at: 'Bundle.link[1]',
  },
  {
    rule: 'SAS-BDL-003',
    name: 'next link (CPTS link 1..1)',
    uc: 'cpts',
    mutate: (b) => b.link.push({ relation: 'next', url: 'x' }),
    at: 'Bundle.link[1].relation',
  },
  { rule: 'SAS-BDL-003', name: 'no self link (PS: error, kit 4.3.07)', uc: 'psindiv', mutate: (b) => (b.link = []), severity: 'error' },
  { rule: 'SAS-BDL-003', name: 'no self link (SOS: error)', uc: 'sos', mutate: (b) => delete b.link, severity: 'error' },
  {
    rule: 'SAS-BDL-004',
    name: 'duplicate fullUrl',
    uc: 'psindiv',
    mutate: (b) => (b.entry[2].fullUrl = b.entry[1].fullUrl),
    at: 'Bundle.entry[2].fullUrl',
  },
  {
    rule: 'SAS-BDL-004',
    name: 'duplicate Type/id',
    uc: 'psindiv',
    mutate: (b) => b.entry.push({ ...entryOf(practitioner('prac-a', IDNPS_B)), fullUrl: 'urn:uuid:6f1c0c1e-0000-4000-8000-000000000001' }),
    at: 'Bundle.entry[4].resource.id',
  },
  {
    rule: 'SAS-BDL-005',
    name: 'no search.mode (SHOULD: warning)',
    uc: 'psindiv',
    mutate: (b) => delete b.entry[2].search,
    at: 'Bundle.entry[2].search.mode',
    severity: 'warning',
  },
  {
    rule: 'SAS-BDL-005',
    name: 'SOS Slot in match (sas-sos@3)',
    uc: 'sos',
    mutate: (b) => (b.entry.find((e: B) => e.resource.resourceType === 'Slot').search.mode = 'match'),
    severity: 'error',
  },
  { rule: 'SAS-BDL-005', name: 'match on a Schedule in a Slot search', uc: 'psindiv', mutate: (b) => (b.entry[1].search.mode = 'match') },
  {
    rule: 'SAS-BDL-006',
    name: 'no fullUrl (CPTS)',
    uc: 'cpts',
    mutate: (b) => delete b.entry[4].fullUrl,
    at: 'Bundle.entry[4].fullUrl',
    severity: 'error',
  },
  // References
  {
    rule: 'SAS-REF-001',
    name: 'dangling Slot.schedule',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Slot').schedule.reference = 'Schedule/nope'),
    at: 'Bundle.entry[0].resource.schedule.reference',
  },
  {
    rule: 'SAS-REF-001',
    name: 'Slot.schedule to a Practitioner',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Slot').schedule.reference = 'Practitioner/prac-a'),
  },
  {
    rule: 'SAS-REF-002',
    name: 'dangling actor',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Schedule').actor[1].reference = 'PractitionerRole/ghost'),
    at: 'actor[1].reference',
  },
  {
    rule: 'SAS-REF-002',
    name: 'SOS actor is a Practitioner',
    uc: 'sos',
    mutate: (b) => (res(b, 'Schedule').actor = [{ reference: 'Organization/sos-1' }]),
  },
  {
    rule: 'SAS-REF-003',
    name: 'role without practitioner',
    uc: 'psindiv',
    mutate: (b) => delete res(b, 'PractitionerRole').practitioner,
    at: '.practitioner',
  },
  {
    rule: 'SAS-REF-004',
    name: 'location not contained',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'PractitionerRole').location = [{ reference: 'Location/lieu-a1' }]),
  },
  {
    rule: 'SAS-REF-004',
    name: 'contained id mismatch',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'PractitionerRole').contained[0].id = 'autre'),
  },
  {
    rule: 'SAS-REF-005',
    name: 'dangling HealthcareService',
    uc: 'cpts',
    mutate: (b) => (res(b, 'Slot').serviceType[1].extension[0].valueReference.reference = 'HealthcareService/x'),
    at: 'serviceType[1].extension[0].valueReference.reference',
  },
  {
    rule: 'SAS-REF-006',
    name: 'dangling providedBy',
    uc: 'cpts',
    mutate: (b) => (res(b, 'HealthcareService').providedBy.reference = 'Organization/x'),
  },
  { rule: 'SAS-REF-007', name: 'no managingOrganization', uc: 'sos', mutate: (b) => delete res(b, 'Location').managingOrganization },
  // Window and time
  { rule: 'SAS-WIN-001', name: 'busy slot', uc: 'psindiv', mutate: (b) => (res(b, 'Slot').status = 'busy'), at: '.status' },
  {
    rule: 'SAS-WIN-002',
    name: 'after the window',
    uc: 'psindiv',
    mutate: (b) => Object.assign(res(b, 'Slot'), { start: at(49), end: at(50) }),
    at: '.start',
  },
  {
    rule: 'SAS-WIN-002',
    name: 'SOS slot after the window',
    uc: 'sos',
    mutate: (b) => Object.assign(res(b, 'Slot'), { start: at(48.1), end: at(49) }),
  },
  { rule: 'SAS-WIN-003', name: 'end before start', uc: 'psindiv', mutate: (b) => (res(b, 'Slot').end = at(1)), at: '.end' },
  { rule: 'SAS-WIN-003', name: 'no end', uc: 'psindiv', mutate: (b) => delete res(b, 'Slot').end },
  {
    rule: 'SAS-WIN-004',
    name: 'slot in the past',
    uc: 'psindiv',
    mutate: (b) => Object.assign(res(b, 'Slot'), { start: at(-1), end: at(-0.5) }),
  },
  {
    rule: 'SAS-CPTS-001',
    name: 'CPTS slot beyond 48 h',
    uc: 'cpts',
    mutate: (b) => Object.assign(res(b, 'Slot'), { start: at(48 + 1 / 3600), end: at(49) }),
  },
  {
    rule: 'SAS-DAT-001',
    name: 'Z offset',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Slot').start = new Date(Date.parse(res(b, 'Slot').start)).toISOString()),
    at: '.start',
  },
  {
    rule: 'SAS-DAT-001',
    name: 'no millis',
    uc: 'sos',
    mutate: (b) => (res(b, 'Slot').end = res(b, 'Slot').end.replace('.000', '')),
    at: '.end',
  },
  // Identity
  {
    rule: 'SAS-IDN-001',
    name: 'RPPS without prefix',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Practitioner').identifier[0].value = '10000000017'),
    at: 'identifier[0].value',
  },
  {
    rule: 'SAS-IDN-001',
    name: 'no IDNPS system',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Practitioner').identifier[0].system = 'urn:oid:1.2.3'),
  },
  {
    rule: 'SAS-IDN-002',
    name: 'another PS answered',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Practitioner').identifier[0].value = IDNPS_B),
    at: 'Bundle.entry[2].resource.identifier',
  },
  {
    rule: 'SAS-IDN-003',
    name: 'requested PS returned unprefixed',
    uc: 'cpts',
    mutate: (b) => (res(b, 'Practitioner').identifier[0].value = '10000000017'),
  },
  {
    rule: 'SAS-IDN-004',
    name: 'another SOS association',
    uc: 'sos',
    mutate: (b) => (res(b, 'Organization').identifier[0].value = '399999999900011'),
  },
  // Structures
  {
    rule: 'SAS-STR-001',
    name: 'CPTS org with a SIRET',
    uc: 'cpts',
    mutate: (b) => (res(b, 'Organization').identifier[0].value = '312345678900011'),
    at: 'identifier[0].value',
  },
  {
    rule: 'SAS-STR-001',
    name: 'CPTS org without IDNST type',
    uc: 'cpts',
    mutate: (b) => delete res(b, 'Organization').identifier[0].type,
    at: 'identifier[0].type',
  },
  {
    rule: 'SAS-STR-002',
    name: 'SOS org with a FINESS',
    uc: 'sos',
    mutate: (b) => (res(b, 'Organization').identifier[0].value = '1000000011'),
  },
  {
    rule: 'SAS-STR-002',
    name: 'SOS org with two identifiers (waiver: warning)',
    uc: 'sos',
    mutate: (b) => res(b, 'Organization').identifier.push({ system: 'https://editeur.test/id', value: 'x' }),
    severity: 'warning',
  },
  {
    rule: 'SAS-STR-003',
    name: 'role structure with 9 digits',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'PractitionerRole').organization.identifier.value = '100000003'),
  },
  {
    rule: 'SAS-STR-003',
    name: 'role structure with another system',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'PractitionerRole').organization.identifier.system = 'urn:oid:1.2.250.1.71.4.2.1'),
  },
  // Phones
  {
    rule: 'SAS-TEL-001',
    name: 'national form',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'PractitionerRole').telecom[0].value = '0478000000'),
    at: 'telecom[0].value',
  },
  {
    rule: 'SAS-TEL-001',
    name: 'spaces (second telecom of the Practitioner)',
    uc: 'psindiv',
    mutate: (b) => res(b, 'Practitioner').telecom.push({ system: 'phone', value: '+33 6 12 34 56 78' }),
    at: 'Bundle.entry[2].resource.telecom[1].value',
  },
  {
    rule: 'SAS-TEL-001',
    name: 'contained Location phone with dots',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'PractitionerRole').contained[0].telecom = [{ system: 'phone', value: '04.78.00.00.00' }]),
    at: 'contained[0].telecom[0].value',
  },
  {
    rule: 'SAS-TEL-001',
    name: 'overseas (warning)',
    uc: 'sos',
    mutate: (b) => (res(b, 'Location').telecom[0].value = '+262262000000'),
    severity: 'warning',
  },
  { rule: 'SAS-TEL-001', name: 'CPTS org phone', uc: 'cpts', mutate: (b) => (res(b, 'Organization').telecom[0].value = '+3347811111') },
  // Addresses
  {
    rule: 'SAS-ADR-001',
    name: 'postal code of 4 digits',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'PractitionerRole').contained[0].address.postalCode = '6903'),
    at: 'contained[0].address.postalCode',
  },
  {
    rule: 'SAS-ADR-001',
    name: 'empty line',
    uc: 'cpts',
    mutate: (b) => (res(b, 'PractitionerRole').contained[0].address.line = ['']),
    at: 'address.line',
  },
  {
    rule: 'SAS-ADR-001',
    name: 'SOS Location without city',
    uc: 'sos',
    mutate: (b) => delete res(b, 'Location').address.city,
    at: 'address.city',
  },
  { rule: 'SAS-ADR-002', name: 'SOS Location without name', uc: 'sos', mutate: (b) => delete res(b, 'Location').name },
  // Booking URL
  { rule: 'SAS-URL-001', name: 'ROUTINE without URL', uc: 'psindiv', mutate: (b) => delete res(b, 'Slot').comment, at: '.comment' },
  { rule: 'SAS-URL-001', name: 'relative URL', uc: 'sos', mutate: (b) => (res(b, 'Slot').comment = '/rdv/123') },
  {
    rule: 'SAS-URL-001',
    name: 'WALKIN with a non-URL comment',
    uc: 'psindiv',
    mutate: (b) =>
      Object.assign(res(b, 'Slot'), {
        comment: 'sans rdv',
        appointmentType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'WALKIN' }] },
      }),
  },
  // Slot and consultation types
  { rule: 'SAS-SLT-001', name: 'no slot type', uc: 'psindiv', mutate: (b) => (res(b, 'Slot').meta.security = []), at: '.meta.security' },
  {
    rule: 'SAS-SLT-001',
    name: 'PRO on an SOS slot',
    uc: 'sos',
    mutate: (b) =>
      res(b, 'Slot').meta.security.push({
        system: 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau',
        code: 'PRO',
      }),
    at: 'meta.security[2].code',
  },
  {
    rule: 'SAS-SLT-002',
    name: 'coded consultation EMER',
    uc: 'psindiv',
    mutate: (b) =>
      res(b, 'Slot').serviceType.push({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER' }] }),
    at: 'serviceType[2].coding[0]',
  },
  {
    rule: 'SAS-SLT-003',
    name: 'appointmentType CHECKUP',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Slot').appointmentType.coding[0].code = 'CHECKUP'),
    severity: 'error',
  },
  {
    rule: 'SAS-SLT-003',
    name: 'appointmentType absent (sas-gen@6: warning)',
    uc: 'sos',
    mutate: (b) => delete res(b, 'Slot').appointmentType,
    severity: 'warning',
    at: 'appointmentType',
  },
  // CPTS link
  {
    rule: 'SAS-CPTS-002',
    name: 'CPTS slot without 604',
    uc: 'cpts',
    mutate: (b) => res(b, 'Slot').serviceType.splice(1, 1),
    at: '.serviceType',
  },
  {
    rule: 'SAS-CPTS-002',
    name: '604 with two extensions',
    uc: 'cpts',
    mutate: (b) => res(b, 'Slot').serviceType[1].extension.push({ url: R5_EXT, valueReference: { reference: 'HealthcareService/hs-1' } }),
    at: 'serviceType[1].extension',
  },
  {
    rule: 'SAS-CPTS-003',
    name: 'HealthcareService without providedBy',
    uc: 'cpts',
    mutate: (b) => delete res(b, 'HealthcareService').providedBy,
    at: '.providedBy',
  },
  {
    rule: 'SAS-CPTS-003',
    name: 'HealthcareService not used (warning)',
    uc: 'cpts',
    mutate: (b) => b.entry.push(entryOf(healthcareService('hs-x', 'org-1'))),
    severity: 'warning',
  },
  {
    rule: 'SAS-CPTS-004',
    name: '604 on a non-CPTS slot',
    uc: 'cpts',
    mutate: (b) =>
      (res(b, 'Slot').meta.security = [
        { system: 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau', code: 'PUBLIC' },
      ]),
  },
  {
    rule: 'SAS-CPTS-005',
    name: 'two 604 to the same HS',
    uc: 'cpts',
    mutate: (b) => res(b, 'Slot').serviceType.push(cptsServiceType('hs-1')),
  },
  {
    rule: 'SAS-CPTS-005',
    name: 'two HS of the same CPTS',
    uc: 'cpts',
    mutate: (b) => {
      res(b, 'Slot').serviceType.push(cptsServiceType('hs-2'));
      b.entry.push(entryOf(healthcareService('hs-2', 'org-1')));
    },
  },
  {
    rule: 'SAS-CPTS-006',
    name: 'FAQ spelling (warning)',
    uc: 'cpts',
    mutate: (b) => (res(b, 'Slot').serviceType[1].coding[0].system = 'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement'),
    severity: 'warning',
  },
  {
    rule: 'SAS-CPTS-006',
    name: 'unknown system',
    uc: 'cpts',
    mutate: (b) => (res(b, 'Slot').serviceType[1].coding[0].system = 'urn:oid:1.2.250.1.71.1.2.4'),
    severity: 'error',
  },
  // Coherence
  {
    rule: 'SAS-COH-001',
    name: 'slots of PS A on a Schedule joining PS B',
    uc: 'psindiv',
    mutate: (b) => {
      b.entry.push(entryOf(practitioner('prac-b', IDNPS_B)), entryOf(role('role-b1', 'prac-b', 'lieu-b1')));
      res(b, 'Schedule').actor[1].reference = 'PractitionerRole/role-b1';
    },
  },
  { rule: 'SAS-COH-001', name: 'Schedule without role', uc: 'psindiv', mutate: (b) => res(b, 'Schedule').actor.pop() },
  {
    rule: 'SAS-COH-002',
    name: 'two Schedules for one role',
    uc: 'psindiv',
    mutate: (b) => {
      b.entry.push(
        entryOf(slot('slot-a2', 'sched-a2'), 'match'),
        entryOf(schedule('sched-a2', ['Practitioner/prac-a', 'PractitionerRole/role-a1'])),
      );
      b.total = 2;
    },
  },
  {
    rule: 'SAS-COH-002',
    name: 'role with two locations',
    uc: 'psindiv',
    mutate: (b) => res(b, 'PractitionerRole').location.push({ reference: '#lieu-a1' }),
  },
  {
    rule: 'SAS-COH-003',
    name: 'two SOS Schedules on one Location',
    uc: 'sos',
    mutate: (b) => {
      b.entry.push(
        entryOf(
          schedule(
            'sched-s2',
            ['Location/pfg-1'],
            'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-schedule-aggregator',
          ),
          'match',
        ),
      );
      b.total = 2;
    },
  },
  // Secondary branches of the rules above
  { rule: 'SAS-BDL-003', name: 'self link without url', uc: 'psindiv', mutate: (b) => delete b.link[0].url, at: 'Bundle.link[0].url' },
  { rule: 'SAS-BDL-005', name: 'unknown search.mode', uc: 'psindiv', mutate: (b) => (b.entry[3].search.mode = 'other'), severity: 'error' },
  {
    rule: 'SAS-BDL-006',
    name: 'no fullUrl (PS: error, R4 SHALL have a value)',
    uc: 'psindiv',
    mutate: (b) => delete b.entry[0].fullUrl,
    severity: 'error',
  },
  // Self link describes the search sent (kit 4.3.07)
  {
    rule: 'SAS-BDL-007',
    name: 'self link with another window end',
    uc: 'psindiv',
    mutate: (b) => (b.link[0].url = b.link[0].url.replace(/start=le[^&]*/, `start=le${encodeURIComponent(at(24))}`)),
    at: 'Bundle.link[0].url',
  },
  {
    rule: 'SAS-BDL-007',
    name: 'self link without status',
    uc: 'cpts',
    mutate: (b) => (b.link[0].url = b.link[0].url.replace(/&?status=free/, '')),
  },
  {
    rule: 'SAS-BDL-007',
    name: 'self link with an extra identifier',
    uc: 'sos',
    mutate: (b) =>
      (b.link[0].url = b.link[0].url.replace(/(organization\.identifier=[^&]*)/, '$1,urn:oid:1.2.250.1.71.4.2.2%7C399999999900019')),
  },
  { rule: 'SAS-BDL-007', name: 'self link with a parameter not sent', uc: 'psindiv', mutate: (b) => (b.link[0].url += '&_sort=start') },
  // fullUrl agrees with the id (R4)
  {
    rule: 'SAS-BDL-008',
    name: 'fullUrl naming another id',
    uc: 'psindiv',
    mutate: (b) => (b.entry[1].fullUrl = 'https://editeur.test/fhir/Schedule/autre'),
    at: 'Bundle.entry[1].fullUrl',
  },
  {
    rule: 'SAS-BDL-008',
    name: 'fullUrl with _history',
    uc: 'cpts',
    mutate: (b) => (b.entry[0].fullUrl = `${b.entry[0].fullUrl}/_history/2`),
  },
  {
    rule: 'SAS-REF-002',
    name: 'Schedule without actor',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Schedule').actor = []),
    at: 'Bundle.entry[1].resource.actor',
  },
  {
    rule: 'SAS-REF-001',
    name: 'identifier-only schedule reference',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Slot').schedule = { identifier: { value: 'x' } }),
  },
  {
    rule: 'SAS-IDN-001',
    name: 'IDNPS without type (warning)',
    uc: 'psindiv',
    mutate: (b) => delete res(b, 'Practitioner').identifier[0].type,
    severity: 'warning',
  },
  {
    rule: 'SAS-IDN-001',
    name: 'second identifier with another system (warning)',
    uc: 'psindiv',
    mutate: (b) => res(b, 'Practitioner').identifier.push({ system: 'urn:oid:1.2.3', value: 'x' }),
    severity: 'warning',
  },
  {
    rule: 'SAS-STR-001',
    name: 'two identifiers (warning)',
    uc: 'cpts',
    mutate: (b) => res(b, 'Organization').identifier.push({ system: 'urn:oid:1.2.3', value: 'x' }),
    severity: 'warning',
  },
  {
    rule: 'SAS-STR-001',
    name: 'no IDNST identifier',
    uc: 'cpts',
    mutate: (b) => (res(b, 'Organization').identifier[0].system = 'urn:oid:1.2.3'),
    at: 'Bundle.entry[5].resource.identifier',
  },
  {
    rule: 'SAS-STR-003',
    name: 'role structure without system (warning)',
    uc: 'psindiv',
    mutate: (b) => delete res(b, 'PractitionerRole').organization.identifier.system,
    severity: 'warning',
  },
  {
    rule: 'SAS-STR-003',
    name: 'role structure typed IDNPS',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'PractitionerRole').organization.identifier.type.coding[0].code = 'IDNPS'),
    at: 'organization.identifier.type',
  },
  {
    rule: 'SAS-TEL-001',
    name: 'telecom without value',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Practitioner').telecom = [{ system: 'phone' }]),
    severity: 'error',
  },
  {
    rule: 'SAS-TEL-001',
    name: 'phone-like value without system (agg-psindiv@35: error)',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Practitioner').telecom = [{ value: '+33612345678' }]),
    severity: 'error',
    at: 'telecom[0].system',
  },
  {
    rule: 'SAS-ADR-001',
    name: 'no address',
    uc: 'psindiv',
    mutate: (b) => delete res(b, 'PractitionerRole').contained[0].address,
    at: 'contained[0].address',
  },
  {
    rule: 'SAS-SLT-001',
    name: 'slot type without system (error)',
    uc: 'psindiv',
    mutate: (b) => delete res(b, 'Slot').meta.security[0].system,
    severity: 'error',
  },
  {
    rule: 'SAS-SLT-001',
    name: 'PRIVATE is not a slot type',
    uc: 'psindiv',
    mutate: (b) => (res(b, 'Slot').meta.security[0].code = 'PRIVATE'),
    severity: 'error',
  },
  {
    rule: 'SAS-SLT-002',
    name: 'AMB from another system',
    uc: 'sos',
    mutate: (b) => (res(b, 'Slot').serviceType[0].coding[0].system = 'http://snomed.info/sct'),
  },
  {
    rule: 'SAS-CPTS-002',
    name: 'extension without valueReference',
    uc: 'cpts',
    mutate: (b) => delete res(b, 'Slot').serviceType[1].extension[0].valueReference,
  },
  {
    rule: 'SAS-CPTS-003',
    name: 'HealthcareService without id',
    uc: 'cpts',
    mutate: (b) => delete res(b, 'HealthcareService').id,
    at: '.id',
  },
  {
    rule: 'SAS-CPTS-003',
    name: 'Organization provided by no HS (warning)',
    uc: 'cpts',
    mutate: (b) => b.entry.push(entryOf(cptsOrganization('org-9', '1000000045'))),
    severity: 'warning',
  },
  {
    rule: 'SAS-COH-002',
    name: 'role in no Schedule (warning)',
    uc: 'psindiv',
    mutate: (b) => b.entry.push(entryOf(role('role-a9', 'prac-a', 'lieu-a9'))),
    severity: 'warning',
  },
  {
    rule: 'SAS-COH-003',
    name: 'Schedule with two Locations (warning)',
    uc: 'sos',
    mutate: (b) => {
      res(b, 'Schedule').actor.push({ reference: 'Location/pfg-2' });
      b.entry.push(entryOf({ ...res(b, 'Location'), id: 'pfg-2' }));
    },
    severity: 'warning',
  },
  // Profiles
  {
    rule: 'SAS-PRF-001',
    name: 'no meta.profile on the Practitioner',
    uc: 'psindiv',
    mutate: (b) => delete res(b, 'Practitioner').meta,
    at: 'Bundle.entry[2].resource.meta.profile',
  },
  {
    rule: 'SAS-PRF-001',
    name: 'PS slot profile in a CPTS bundle',
    uc: 'cpts',
    mutate: (b) => (res(b, 'Slot').meta.profile = ['http://sas.fr/fhir/StructureDefinition/FrSlotAgregateur']),
  },
  {
    rule: 'SAS-PRF-001',
    name: 'contained Location without profile',
    uc: 'psindiv',
    mutate: (b) => delete res(b, 'PractitionerRole').contained[0].meta,
    at: 'contained[0].meta.profile',
  },
];
