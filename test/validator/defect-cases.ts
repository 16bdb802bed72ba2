/**
 * Single-defect mutations of our own valid bundles, each with the exact errors (rule id @ location) it
 * must produce. Used by defects.test.ts.
 */
import type { Json } from './helpers.js';

export type Name = 'cpts-valid' | 'psindiv-valid' | 'sos-valid';

export interface Defect {
  what: string;
  bundle: Name;
  mutate: (b: Json) => void;
  errors: string[];
  warnings?: string[];
}

const E = (i: number, rest = '') => `Bundle.entry[${i}].resource${rest}`;

// cpts-valid entries: 0 Slot, 1 Slot, 2 Schedule, 3 Practitioner, 4 PractitionerRole, 5 HealthcareService, 6 Organization
// psindiv-valid: 0-2 Slot, 3-4 Schedule, 5 Practitioner, 6-7 PractitionerRole
// sos-valid: 0 Schedule, 1-2 Slot, 3 Location, 4 Organization
export const DEFECTS: Defect[] = [
  {
    what: 'cardinality: Slot.status missing',
    bundle: 'cpts-valid',
    mutate: (b) => delete b.entry[0].resource.status,
    errors: [`Slot.status @ ${E(0, '.status')}`],
  },
  {
    what: 'cardinality: Bundle.total required by the CPTS Bundle profile',
    bundle: 'cpts-valid',
    mutate: (b) => delete b.total,
    errors: ['Bundle.total @ Bundle.total'],
  },
  {
    what: 'cardinality: Bundle.link max 1 (no paging)',
    bundle: 'cpts-valid',
    mutate: (b) => b.link.push({ relation: 'next', url: 'https://agenda.editeur-exemple.fr/fhir/Slot?page=2' }),
    errors: ['Bundle.link @ Bundle.link'],
  },
  {
    what: 'cardinality inside a datatype: Location.address.city missing in a contained Location',
    bundle: 'cpts-valid',
    mutate: (b) => delete b.entry[4].resource.contained[0].address.city,
    errors: [`Location.address.city @ ${E(4, '.contained[0].address.city')}`, 'Bundle.entry:practitionerRole @ Bundle.entry'],
  },
  {
    what: 'max 0: Schedule.serviceType forbidden',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[2].resource.serviceType = [{ text: 'Consultation' }]),
    errors: [`Schedule.serviceType @ ${E(2, '.serviceType')}`, 'Bundle.entry:scheduleAgregateurCPTS @ Bundle.entry'],
  },
  {
    what: 'pattern: Slot.status other than free (CPTS patternCode)',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[1].resource.status = 'busy'),
    errors: [`Slot.status @ ${E(1, '.status')}`],
  },
  {
    what: 'fixed: Slot.status other than free (PS fixedCode)',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[0].resource.status = 'busy'),
    errors: [`Slot.status @ ${E(0, '.status')}`],
  },
  {
    what: 'patternCodeableConcept: Practitioner identifier type not IDNPS → also misses its entry slice',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[3].resource.identifier[0].type.coding[0].code = 'RPPS'),
    errors: [`Practitioner.identifier.type @ ${E(3, '.identifier[0].type')}`, 'Bundle.entry:practitionerAgregateur @ Bundle.entry'],
  },
  {
    what: 'patternUri: Practitioner identifier system',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[5].resource.identifier[0].system = 'urn:oid:1.2.250.1.71.4.2.2'),
    errors: [`Practitioner.identifier.system @ ${E(5, '.identifier[0].system')}`],
  },
  {
    what: 'patternCodeableConcept: CPTS Organization identifier type with the 1.1.0 code system',
    bundle: 'cpts-valid',
    mutate: (b) =>
      (b.entry[6].resource.identifier[0].type.coding[0].system = 'http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type'),
    errors: [`Organization.identifier.type @ ${E(6, '.identifier[0].type')}`],
  },
  {
    what: 'invariant FINESS-invariant (Corsican FINESS)',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[6].resource.identifier[0].value = '2A00012345'),
    errors: [`FINESS-invariant @ ${E(6, '.identifier[0]')}`],
  },
  {
    what: 'invariant SIRET-invariant (SIRET without its 3 prefix) → also misses its entry slice',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[4].resource.identifier[0].value = '35212345600017'),
    errors: [`SIRET-invariant @ ${E(4, '.identifier[0]')}`, 'Bundle.entry:organizationAgregateurSOS @ Bundle.entry'],
  },
  {
    what: 'binding required (IG value set): CPTS slot type',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[0].resource.meta.security[1].code = 'PRIVE'),
    errors: [`Slot.meta.security @ ${E(0, '.meta.security[1]')}`],
  },
  {
    what: 'binding required (curated NOS JDV_J165): PS slot type',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[1].resource.meta.security[0].code = 'URGENCE'),
    errors: [`Slot.meta.security @ ${E(1, '.meta.security[0]')}`],
  },
  {
    what: 'binding required (R4 code): search.mode',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[0].search.mode = 'matched'),
    errors: ['Bundle.entry:scheduleAgregateurSOS.search.mode @ Bundle.entry[0].search.mode'],
  },
  {
    what: 'binding extensible → warning only',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[1].resource.schedule.type = 'Agenda'),
    errors: [],
    warnings: [`Reference.type @ ${E(1, '.schedule.type')}`],
  },
  {
    what: 'text-only specialty under a required binding (value set unknown)',
    bundle: 'cpts-valid',
    mutate: (b) => b.entry[0].resource.specialty.push({ text: 'Médecine générale' }),
    errors: [`Slot.specialty @ ${E(0, '.specialty[1]')}`],
  },
  {
    what: 'slicing by pattern (binding): CPTS serviceType 604 without its R5 extension',
    bundle: 'cpts-valid',
    mutate: (b) => delete b.entry[1].resource.serviceType[1].extension,
    errors: [
      `Slot.serviceType:referencecpts.extension @ ${E(1, '.serviceType[1].extension')}`,
      `Slot.serviceType:referencecpts.extension:sas-servicetype-r5 @ ${E(1, '.serviceType[1].extension')}`,
    ],
  },
  {
    what: 'extension slice max 0: R5 extension on a consultation-type serviceType',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[0].resource.serviceType[0].extension = b.entry[0].resource.serviceType[1].extension),
    errors: [`Slot.serviceType:TypeConsultation.extension:sas-servicetype-r5 @ ${E(0, '.serviceType[0].extension')}`],
  },
  {
    what: 'slicing by profile: no Slot conforms → slotAgregateurCPTS min 1 plus the specific errors',
    bundle: 'cpts-valid',
    mutate: (b) => {
      delete b.entry[0].resource.start;
      delete b.entry[1].resource.end;
    },
    errors: [`Slot.start @ ${E(0, '.start')}`, `Slot.end @ ${E(1, '.end')}`, 'Bundle.entry:slotAgregateurCPTS @ Bundle.entry'],
  },
  {
    what: 'slicing by profile: HealthcareService without providedBy (optional slice, specific error only)',
    bundle: 'cpts-valid',
    mutate: (b) => delete b.entry[5].resource.providedBy,
    errors: [`HealthcareService.providedBy @ ${E(5, '.providedBy')}`],
  },
  {
    what: 'Bundle.entry min 4 and every required slice',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry = b.entry.slice(0, 1)),
    errors: [
      'Bundle.entry @ Bundle.entry',
      'Bundle.entry:locationAgregateurSOS @ Bundle.entry',
      'Bundle.entry:organizationAgregateurSOS @ Bundle.entry',
      'Bundle.entry:slotAgregateurSOS @ Bundle.entry',
    ],
  },
  {
    what: 'maxLength: SOS postalCode of 6 characters',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[3].resource.address.postalCode = '440000'),
    errors: [`Location.address.postalCode @ ${E(3, '.address.postalCode')}`, 'Bundle.entry:locationAgregateurSOS @ Bundle.entry'],
  },
  {
    what: 'invariant ele-1: empty object',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[1].resource.appointmentType = {}),
    errors: [`ele-1 @ ${E(1, '.appointmentType')}`],
  },
  {
    what: 'invariant bdl-7: duplicate fullUrl',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[1].fullUrl = b.entry[0].fullUrl),
    errors: ['bdl-7 @ Bundle'],
  },
  {
    what: 'invariant bdl-8: version-specific fullUrl',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[3].fullUrl += '/_history/2'),
    errors: ['bdl-8 @ Bundle.entry[3]'],
  },
  {
    what: 'invariant ref-1: local reference to a missing contained resource',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[6].resource.healthcareService = [{ reference: '#absent' }]),
    errors: [`ref-1 @ ${E(6, '.healthcareService[0]')}`],
  },
  {
    what: 'invariant dom-3: contained Location not referenced',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[7].resource.location[0] = { display: 'Cabinet de Villeurbanne' }),
    errors: [`dom-3 @ ${E(7)}`],
  },
  {
    what: 'invariant ext-1: extension with both a value and sub-extensions',
    bundle: 'sos-valid',
    mutate: (b) =>
      (b.entry[2].resource.extension = [
        { url: 'https://agenda.editeur-exemple.fr/fhir/ext/origine', valueString: 'web', extension: [{ url: 'canal', valueCode: 'api' }] },
      ]),
    errors: [`ext-1 @ ${E(2, '.extension[0]')}`],
  },
  {
    what: 'primitive format: instant without time zone',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[0].resource.start = '2025-03-10T09:00:00'),
    errors: [`structure.format @ ${E(0, '.start')}`],
  },
  {
    what: 'primitive format: a day that does not exist',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[2].resource.end = '2025-02-30T10:00:00.000+01:00'),
    errors: [`structure.format @ ${E(2, '.end')}`],
  },
  {
    what: 'primitive format: code with a trailing space',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[0].resource.meta.security[0].code = 'PUBLIC '),
    errors: [`structure.format @ ${E(0, '.meta.security[0].code')}`, `Slot.meta.security @ ${E(0, '.meta.security[0]')}`],
  },
  {
    what: 'unknown element',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[2].resource.colour = 'blue'),
    errors: [`structure.unknown-element @ ${E(2, '.colour')}`],
  },
  {
    what: 'wrong JSON type: total as a string',
    bundle: 'sos-valid',
    mutate: (b) => (b.total = '1'),
    errors: ['structure.type @ Bundle.total'],
  },
  {
    what: 'array vs single: specialty as an object',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[0].resource.specialty = b.entry[0].resource.specialty[0]),
    errors: [`structure.array @ ${E(0, '.specialty')}`],
  },
  {
    what: 'array vs single: status as an array',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[1].resource.status = ['free']),
    errors: [`structure.array @ ${E(1, '.status')}`],
  },
  {
    what: 'choice type not allowed: R5 serviceType extension with valueString',
    bundle: 'cpts-valid',
    mutate: (b) => {
      const ext = b.entry[0].resource.serviceType[1].extension[0];
      delete ext.valueReference;
      ext.valueString = 'CPTS Val de Loire';
    },
    errors: [`structure.choice @ ${E(0, '.serviceType[1].extension[0].valueString')}`],
  },
  {
    what: 'contained resource of a type the reference does not allow',
    bundle: 'psindiv-valid',
    mutate: (b) => {
      const role = b.entry[6].resource;
      role.contained[0] = { resourceType: 'Organization', id: 'lieu-lyon', name: 'Cabinet' };
    },
    errors: [`PractitionerRole.location @ ${E(6, '.location[0]')}`],
  },
  {
    what: 'reference target of the wrong type: Slot.schedule → Practitioner',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[1].resource.schedule.reference = 'Practitioner/ps-810003456789'),
    errors: [`Slot.schedule @ ${E(1, '.schedule')}`],
  },
  {
    what: 'primitive extension `_x` that is not an object',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[1].resource._status = 'free'),
    errors: [`structure.type @ ${E(1, '.status')}`],
  },
  {
    what: 'primitive extension `_x` carrying a known extension is accepted',
    bundle: 'sos-valid',
    mutate: (b) =>
      (b.entry[3].resource._name = {
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/translation',
            extension: [
              { url: 'lang', valueCode: 'en' },
              { url: 'content', valueString: 'Nantes city centre fixed-site clinic' },
            ],
          },
        ],
      }),
    errors: [],
  },
  {
    what: 'slicing by value (coding.system): PS consultation type outside v3-ActEncounterCode',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[0].resource.serviceType[0].coding[0].code = 'CONSULT'),
    errors: [`Slot.serviceType:TypeConsultation @ ${E(0, '.serviceType[0]')}`],
  },
  {
    what: 'slicing by type: a PS Slot without meta.profile is still checked against FrSlotAgregateur',
    bundle: 'psindiv-valid',
    mutate: (b) => {
      delete b.entry[2].resource.meta.profile;
      b.entry[2].resource.status = 'busy';
    },
    errors: [`Slot.status @ ${E(2, '.status')}`],
  },
  {
    what: 'invariant evaluated with FHIRPath: per-1 (period start after end)',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[3].resource.identifier[0].period = { start: '2025-02-01', end: '2024-02-01' }),
    errors: [`per-1 @ ${E(3, '.identifier[0].period')}`, 'Bundle.entry:locationAgregateurSOS @ Bundle.entry'],
  },
  {
    what: 'reference target profile: the contained Location (no meta.profile) does not conform to FrLocationAgregateur',
    bundle: 'cpts-valid',
    mutate: (b) => {
      const location = b.entry[4].resource.contained[0];
      delete location.meta;
      delete location.address.city;
    },
    errors: [`PractitionerRole.location @ ${E(4, '.location[0]')}`],
  },
  {
    what: 'reference by urn:uuid fullUrl to a resource of the wrong type',
    bundle: 'cpts-valid',
    mutate: (b) => {
      b.entry.forEach((e: Json, i: number) => (e.fullUrl = `urn:uuid:00000000-0000-4000-8000-00000000000${i}`));
      b.entry[0].resource.schedule.reference = b.entry[3].fullUrl;
    },
    errors: [`Slot.schedule @ ${E(0, '.schedule')}`],
  },
  {
    what: 'choice type given twice',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[1].resource.serviceType[1].extension[0].valueString = 'CPTS Val de Loire'),
    errors: [`structure.choice @ ${E(1, '.serviceType[1].extension[0].valueString')}`],
  },
  {
    what: 'empty array',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[1].resource.specialty = []),
    errors: [`structure.array @ ${E(1, '.specialty')}`],
  },
  {
    what: 'null value',
    bundle: 'psindiv-valid',
    mutate: (b) => (b.entry[1].resource.comment = null),
    errors: [`structure.type @ ${E(1, '.comment')}`],
  },
  {
    what: 'primitive array and its `_x` array misaligned',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[3].resource.name[0]._given = [null, { extension: [{ url: 'https://example.org/x', valueString: 'x' }] }]),
    errors: [`structure.array @ ${E(3, '.name[0].given')}`, 'Bundle.entry:practitionerAgregateur @ Bundle.entry'],
  },
  {
    what: 'entry resource without resourceType',
    bundle: 'sos-valid',
    mutate: (b) => delete b.entry[4].resource.resourceType,
    errors: [`structure.resource-type @ ${E(4)}`, 'Bundle.entry:organizationAgregateurSOS @ Bundle.entry'],
  },
  {
    what: 'invariant cpt-2 (native): a telecom value without its system',
    bundle: 'cpts-valid',
    mutate: (b) => delete b.entry[6].resource.telecom[0].system,
    errors: [`cpt-2 @ ${E(6, '.telecom[0]')}`],
  },
  {
    what: 'invariant org-3 (native): an Organization telecom of use home',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[6].resource.telecom[0].use = 'home'),
    errors: [`org-3 @ ${E(6, '.telecom[0]')}`],
  },
  {
    what: 'invariant org-2 (native): an Organization address of use home',
    bundle: 'sos-valid',
    mutate: (b) => (b.entry[4].resource.address = [{ use: 'home', city: 'Nantes' }]),
    errors: [`org-2 @ ${E(4, '.address[0]')}`, 'Bundle.entry:organizationAgregateurSOS @ Bundle.entry'],
  },
  {
    what: 'invariant org-1 (native): an Organization with neither identifier nor name',
    bundle: 'cpts-valid',
    mutate: (b) => {
      delete b.entry[6].resource.identifier;
      delete b.entry[6].resource.name;
    },
    errors: [`Organization.identifier @ ${E(6, '.identifier')}`, `org-1 @ ${E(6)}`],
  },
  {
    what: 'invariant per-1 (native): a period ending before it starts, across time zones',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[4].resource.period = { start: '2025-03-10T09:00:00+01:00', end: '2025-03-10T07:59:59.999Z' }),
    errors: [`per-1 @ ${E(4, '.period')}`, 'Bundle.entry:practitionerRole @ Bundle.entry'],
  },
  {
    what: 'invariant per-1 at year precision (a shape left to the fhirpath library)',
    bundle: 'cpts-valid',
    mutate: (b) => (b.entry[4].resource.period = { start: '2025', end: '2024' }),
    errors: [`per-1 @ ${E(4, '.period')}`, 'Bundle.entry:practitionerRole @ Bundle.entry'],
  },
];
