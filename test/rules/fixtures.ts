/**
 * Small search Bundles built from the IG facts (never copied from IG examples): one PS with one
 * place, the same PS in one CPTS, and one SOS association with one place. All identifiers are made
 * up. Every bundle is conformant to every SAS rule at NOW with the matching SEARCH.
 */
import { formatParis } from '../../src/sas/time.js';
import { buildSearchQuery, parseSearch } from '../../src/sas/search.js';
import type { ParsedSearch } from '../../src/sas/search-types.js';
import type { UseCase } from '../../src/core/model.js';
import type { RuleContext } from '../../src/rules/types.js';

export type B = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** 10:00 in Paris, summer time. */
export const NOW = new Date(Date.UTC(2026, 5, 10, 8, 0, 0));
export const HOUR = 3600_000;
export const BASE = 'https://editeur.test/fhir';

export const IDNPS_A = '810000000017';
export const IDNPS_B = '810000000025';
export const FINESS_1 = '1000000011';
export const FINESS_2 = '1000000029';
export const SIRET_1 = '312345678900011';

const SAS = 'http://sas.fr/fhir/StructureDefinition/';
const ANS = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/';
export const TRE_R314 = 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau';
export const TRE_R66 = 'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement';
export const R5_EXT = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType';
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const V2_0276 = 'http://terminology.hl7.org/CodeSystem/v2-0276';

export const at = (hoursFromNow: number): string => formatParis(new Date(NOW.getTime() + hoursFromNow * HOUR));

const entry = (resource: B, mode: 'match' | 'include'): B => ({
  fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`,
  resource,
  search: { mode },
});

export function slot(
  id: string,
  schedule: string,
  opts: { profile?: string; security?: string[]; startH?: number; serviceType?: B[] } = {},
): B {
  const startH = opts.startH ?? 2;
  return {
    resourceType: 'Slot',
    id,
    meta: {
      profile: [opts.profile ?? `${SAS}FrSlotAgregateur`],
      security: (opts.security ?? ['PUBLIC']).map((code) => ({ system: TRE_R314, code })),
    },
    serviceType: opts.serviceType ?? [{ coding: [{ system: ACT, code: 'AMB' }] }, { text: 'Suivi' }],
    appointmentType: { coding: [{ system: V2_0276, code: 'ROUTINE' }] },
    schedule: { reference: `Schedule/${schedule}` },
    status: 'free',
    start: at(startH),
    end: at(startH + 0.25),
    comment: `https://agenda.editeur.test/rdv/${id}`,
  };
}

export function practitioner(id: string, idnps: string): B {
  return {
    resourceType: 'Practitioner',
    id,
    meta: { profile: [`${SAS}FrPractitionerAgregateur`] },
    identifier: [
      {
        type: { coding: [{ system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203', code: 'IDNPS' }] },
        system: 'urn:oid:1.2.250.1.71.4.2.1',
        value: idnps,
      },
    ],
    name: [{ family: 'Martin', given: ['Claire'] }],
    telecom: [{ system: 'phone', value: '+33612345678' }],
  };
}

export function role(id: string, prac: string, place: string): B {
  return {
    resourceType: 'PractitionerRole',
    id,
    meta: { profile: [`${SAS}FrPractitionerRoleExerciceAgregateur`] },
    contained: [
      {
        resourceType: 'Location',
        id: place,
        meta: { profile: [`${SAS}FrLocationAgregateur`] },
        identifier: [{ system: 'https://editeur.test/lieux', value: place }],
        address: { line: ['3 rue des Lilas'], city: 'Lyon', postalCode: '69003' },
      },
    ],
    practitioner: { reference: `Practitioner/${prac}` },
    organization: {
      identifier: {
        type: { coding: [{ system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203', code: 'IDNST' }] },
        system: 'urn:oid:1.2.250.1.71.4.2.2',
        value: '1000000037',
      },
    },
    location: [{ reference: `#${place}` }],
    telecom: [{ system: 'phone', value: '+33478000000' }],
  };
}

export function schedule(id: string, actors: string[], profile = `${SAS}FrScheduleAgregateur`): B {
  return { resourceType: 'Schedule', id, meta: { profile: [profile] }, actor: actors.map((reference) => ({ reference })) };
}

function bundle(profile: string, entries: B[], self: string, total: number): B {
  return {
    resourceType: 'Bundle',
    meta: { profile: [profile] },
    type: 'searchset',
    total,
    link: [{ relation: 'self', url: `${BASE}/${self}` }],
    entry: entries,
  };
}

const WINDOW = { ge: at(0), le: at(48) };

export const QUERY: Record<UseCase, string> = {
  psindiv: buildSearchQuery('psindiv', { ...WINDOW, identifiers: [IDNPS_A] }),
  cpts: buildSearchQuery('cpts', { ...WINDOW, identifiers: [IDNPS_A] }),
  sos: buildSearchQuery('sos', { ...WINDOW, identifiers: [SIRET_1] }),
};

export function psBundle(): B {
  return bundle(
    `${SAS}BundleAgregateur`,
    [
      entry(slot('slot-a1', 'sched-a1'), 'match'),
      entry(schedule('sched-a1', ['Practitioner/prac-a', 'PractitionerRole/role-a1']), 'include'),
      entry(practitioner('prac-a', IDNPS_A), 'include'),
      entry(role('role-a1', 'prac-a', 'lieu-a1'), 'include'),
    ],
    QUERY.psindiv,
    1,
  );
}

export function cptsServiceType(hs: string): B {
  return {
    extension: [{ url: R5_EXT, valueReference: { reference: `HealthcareService/${hs}` } }],
    coding: [{ system: TRE_R66, code: '604' }],
  };
}

export function healthcareService(id: string, org: string): B {
  return {
    resourceType: 'HealthcareService',
    id,
    meta: { profile: [`${ANS}sas-cpts-healthcareservice-aggregator`] },
    providedBy: { reference: `Organization/${org}` },
  };
}

export function cptsOrganization(id: string, finess: string): B {
  return {
    resourceType: 'Organization',
    id,
    meta: { profile: [`${ANS}sas-cpts-organization-aggregator`] },
    identifier: [
      {
        type: { coding: [{ system: 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203', code: 'IDNST' }] },
        system: 'urn:oid:1.2.250.1.71.4.2.2',
        value: finess,
      },
    ],
    name: 'CPTS des Deux Rives',
    telecom: [{ system: 'phone', value: '+33478111111' }],
  };
}

export function cptsBundle(): B {
  const s = slot('slot-c1', 'sched-a1', {
    profile: `${ANS}sas-cpts-slot-aggregator`,
    security: ['PUBLIC', 'CPTS'],
    serviceType: [{ coding: [{ system: ACT, code: 'AMB' }] }, cptsServiceType('hs-1')],
  });
  return bundle(
    `${ANS}sas-cpts-bundle-aggregator`,
    [
      entry(s, 'match'),
      entry(schedule('sched-a1', ['Practitioner/prac-a', 'PractitionerRole/role-a1']), 'include'),
      entry(practitioner('prac-a', IDNPS_A), 'include'),
      entry(role('role-a1', 'prac-a', 'lieu-a1'), 'include'),
      entry(healthcareService('hs-1', 'org-1'), 'include'),
      entry(cptsOrganization('org-1', FINESS_1), 'include'),
    ],
    QUERY.cpts,
    1,
  );
}

export function sosBundle(): B {
  const location = {
    resourceType: 'Location',
    id: 'pfg-1',
    meta: { profile: [`${ANS}sas-sos-location-aggregator`] },
    identifier: [
      {
        type: { coding: [{ system: 'http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type', code: 'INTRN' }] },
        system: 'https://editeur.test/pfg',
        value: 'pfg-1',
      },
    ],
    name: 'Point fixe de garde Nord',
    telecom: [{ system: 'phone', value: '+33299000000' }],
    address: { line: ['12 boulevard Nord'], city: 'Rennes', postalCode: '35000' },
    managingOrganization: { reference: 'Organization/sos-1' },
  };
  const org = {
    resourceType: 'Organization',
    id: 'sos-1',
    meta: { profile: [`${ANS}sas-sos-organization-aggregator`] },
    identifier: [
      {
        type: { coding: [{ system: 'http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type', code: 'IDNST' }] },
        system: 'urn:oid:1.2.250.1.71.4.2.2',
        value: SIRET_1,
      },
    ],
    name: 'SOS Médecins Test',
  };
  return bundle(
    `${ANS}sas-sos-bundle-aggregator`,
    [
      entry(schedule('sched-s1', ['Location/pfg-1'], `${ANS}sas-sos-schedule-aggregator`), 'match'),
      entry(slot('slot-s1', 'sched-s1', { profile: `${ANS}sas-sos-slot-aggregator`, security: ['PUBLIC', 'SNP'] }), 'include'),
      entry(location, 'include'),
      entry(org, 'include'),
    ],
    QUERY.sos,
    1,
  );
}

export const BUILD: Record<UseCase, () => B> = { psindiv: psBundle, cpts: cptsBundle, sos: sosBundle };

export function ctxFor(useCase: UseCase, extra: Partial<RuleContext> = {}): RuleContext {
  const search: ParsedSearch = parseSearch(QUERY[useCase]);
  return { useCase, now: NOW, search, ...extra };
}

/** Index of the first entry of a type, and the resource itself. */
export function res(b: B, type: string, n = 0): B {
  return b.entry.filter((e: B) => e.resource.resourceType === type)[n].resource;
}
