/**
 * Generator of CPTS search answers (`GET [base]/Slot?…` with the CPTS includes) of any size, for the
 * benchmark. Built from the IG facts (profiles sas-cpts-*, FrScheduleAgregateur, FrPractitionerAgregateur,
 * FrPractitionerRoleExerciceAgregateur with a contained FrLocationAgregateur); nothing is copied from the
 * IG examples. Deterministic: the same size and clock give the same Bundle.
 */

const SAS = 'http://sas.fr/fhir/StructureDefinition/';
const SAS_IG = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/';
const R5_SERVICE_TYPE = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType';
const TRE_R314 = 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau';
const TRE_R66 = 'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement';
const TRE_R38 = 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const V2_0276 = 'http://terminology.hl7.org/CodeSystem/v2-0276';
const IDNPS = 'urn:oid:1.2.250.1.71.4.2.1';
const IDNST = 'urn:oid:1.2.250.1.71.4.2.2';
const FR_V2_0203 = 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203';
const FR_CORE_V2_0203 = 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203';
const FR_LOCATION_ID_TYPE = 'http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type';
const BASE = 'https://agenda.editeur.example/fhir';

const SPECIALTIES = ['SM54', 'SM41', 'SM05', 'SM26'];
const CONSULTATION = ['AMB', 'VR', 'HH'];
const GIVEN = ['Camille', 'Louis', 'Inès', 'Hugo', 'Léa', 'Nathan', 'Chloé', 'Jules'];
const FAMILY = ['Martin', 'Bernard', 'Moreau', 'Lefèvre', 'Garnier', 'Roux', 'Fontaine', 'Chevalier'];
const CITIES = [
  ['Lyon', '69003'],
  ['Villeurbanne', '69100'],
  ['Vénissieux', '69200'],
];

/** `2026-03-02T09:15:00.000+01:00`: Paris wall time with the fixed offset the bench uses. */
function sasInstant(epochMs, offsetMinutes) {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 23)}${off}`;
}

const entry = (resource, mode) => ({
  fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`,
  resource,
  search: { mode },
});

/** An RPPS-based IDNPS: `8` + 11 digits. */
const idnps = (i) => `8${String(10_000_000_000 + i * 7919).slice(-11)}`;

function practitioner(i) {
  return {
    resourceType: 'Practitioner',
    id: `pra-${i}`,
    meta: { profile: [`${SAS}FrPractitionerAgregateur`] },
    identifier: [{ type: { coding: [{ system: FR_V2_0203, code: 'IDNPS' }] }, system: IDNPS, value: idnps(i) }],
    name: [{ family: FAMILY[i % FAMILY.length], given: [GIVEN[i % GIVEN.length]] }],
    telecom: [{ system: 'phone', value: `+3347${String(2_000_000 + i).padStart(7, '0')}` }],
  };
}

function practitionerRole(i, place) {
  const [city, postalCode] = CITIES[(i + place) % CITIES.length];
  return {
    resourceType: 'PractitionerRole',
    id: `role-${i}-${place}`,
    meta: { profile: [`${SAS}FrPractitionerRoleExerciceAgregateur`] },
    contained: [
      {
        resourceType: 'Location',
        id: `loc-${place}`,
        meta: { profile: [`${SAS}FrLocationAgregateur`] },
        identifier: [
          { type: { coding: [{ system: FR_LOCATION_ID_TYPE, code: 'INTRN' }] }, system: `${BASE}/lieux`, value: `lieu-${i}-${place}` },
        ],
        address: { line: [`${10 + place} rue de la Santé`], city, postalCode },
      },
    ],
    practitioner: { reference: `Practitioner/pra-${i}` },
    location: [{ reference: `#loc-${place}` }],
    specialty: [{ coding: [{ system: TRE_R38, code: SPECIALTIES[i % SPECIALTIES.length] }] }],
  };
}

function schedule(i, place) {
  return {
    resourceType: 'Schedule',
    id: `sch-${i}-${place}`,
    meta: { profile: [`${SAS}FrScheduleAgregateur`] },
    actor: [{ reference: `Practitioner/pra-${i}` }, { reference: `PractitionerRole/role-${i}-${place}` }],
  };
}

function healthcareService(c) {
  return {
    resourceType: 'HealthcareService',
    id: `cpts-hs-${c}`,
    meta: { profile: [`${SAS_IG}sas-cpts-healthcareservice-aggregator`] },
    providedBy: { reference: `Organization/cpts-org-${c}` },
    name: `CPTS du secteur ${c + 1}`,
  };
}

function organization(c) {
  return {
    resourceType: 'Organization',
    id: `cpts-org-${c}`,
    meta: { profile: [`${SAS_IG}sas-cpts-organization-aggregator`] },
    identifier: [
      {
        type: { coding: [{ system: FR_CORE_V2_0203, code: 'IDNST' }] },
        system: IDNST,
        value: `1${String(690_000_100 + c * 13).padStart(9, '0')}`,
      },
    ],
    name: `CPTS du secteur ${c + 1}`,
  };
}

function slot(n, sched, cpts, startMs, durationMs, offsetMinutes) {
  const serviceType = [{ coding: [{ system: ACT_CODE, code: CONSULTATION[n % CONSULTATION.length] }] }];
  for (const c of cpts) {
    serviceType.push({
      extension: [{ url: R5_SERVICE_TYPE, valueReference: { reference: `HealthcareService/cpts-hs-${c}` } }],
      coding: [{ system: TRE_R66, code: '604' }],
    });
  }
  return {
    resourceType: 'Slot',
    id: `slot-${n}`,
    meta: {
      profile: [`${SAS_IG}sas-cpts-slot-aggregator`],
      security: [{ system: TRE_R314, code: 'CPTS' }, ...(n % 3 === 0 ? [{ system: TRE_R314, code: 'PUBLIC' }] : [])],
    },
    serviceType,
    appointmentType: { coding: [{ system: V2_0276, code: 'ROUTINE' }] },
    schedule: { reference: `Schedule/${sched.id}` },
    status: 'free',
    start: sasInstant(startMs, offsetMinutes),
    end: sasInstant(startMs + durationMs, offsetMinutes),
    comment: `https://agenda.editeur.example/rdv/${sched.id}`,
  };
}

/**
 * @param {{ slots: number, now: Date, offsetMinutes?: number }} o
 * @returns {{ bundle: object, search: string, practitioners: number }}
 */
export function generateCptsBundle({ slots, now, offsetMinutes = 60 }) {
  const practitioners = Math.min(25, Math.max(1, Math.ceil(slots / 40)));
  const cptsCount = 2;
  const pras = [];
  const roles = [];
  const schedules = [];
  for (let i = 0; i < practitioners; i++) {
    pras.push(practitioner(i));
    const places = i % 5 === 4 ? 2 : 1; // some practitioners work in two places: one role + schedule each
    for (let p = 0; p < places; p++) {
      roles.push(practitionerRole(i, p));
      schedules.push(schedule(i, p));
    }
  }
  // CPTS slots are only shown within 48 h of the search: spread each schedule's slots over the next
  // 44 hours, one after the other (shorter slots when there are many).
  const first = Math.ceil((now.getTime() + 3_600_000) / 300_000) * 300_000; // 5-minute boundary after now + 1 h
  const perSchedule = Math.ceil(slots / schedules.length);
  const stepMs = Math.max(60_000, Math.floor((44 * 3_600_000) / perSchedule / 60_000) * 60_000);
  const durationMs = Math.min(15 * 60_000, stepMs);
  const slotEntries = [];
  for (let n = 0; n < slots; n++) {
    const s = n % schedules.length;
    const k = Math.floor(n / schedules.length);
    const startMs = first + k * stepMs;
    const cpts = n % 4 === 0 ? [0, 1] : [n % cptsCount];
    slotEntries.push(entry(slot(n, schedules[s], cpts, startMs, durationMs, offsetMinutes), 'match'));
  }
  const ge = sasInstant(now.getTime(), offsetMinutes);
  const le = sasInstant(now.getTime() + 48 * 3_600_000, offsetMinutes);
  const ids = pras.map((p) => `${IDNPS}|${p.identifier[0].value}`).join(',');
  const search =
    `${BASE}/Slot?_include=Slot:schedule&_include:iterate=Schedule:actor&_include=Slot:service-type-reference` +
    `&_include:iterate=HealthcareService:organization&start=ge${ge.replace('+', '%2B')}&start=le${le.replace('+', '%2B')}` +
    `&schedule.actor:Practitioner.identifier=${ids.replaceAll('|', '%7C')}&status=free`;
  const bundle = {
    resourceType: 'Bundle',
    id: `bench-cpts-${slots}`,
    meta: { profile: [`${SAS_IG}sas-cpts-bundle-aggregator`] },
    type: 'searchset',
    total: slots,
    link: [{ relation: 'self', url: search }],
    entry: [
      ...slotEntries,
      ...schedules.map((r) => entry(r, 'include')),
      ...pras.map((r) => entry(r, 'include')),
      ...roles.map((r) => entry(r, 'include')),
      ...Array.from({ length: cptsCount }, (_, c) => entry(healthcareService(c), 'include')),
      ...Array.from({ length: cptsCount }, (_, c) => entry(organization(c), 'include')),
    ],
  };
  return { bundle, search, practitioners };
}
