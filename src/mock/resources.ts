/**
 * FHIR resources of the reference editor, built from JDD entries the way the SAS IG asks (profiles in
 * meta.profile, prefixed national identifiers, +33 phones, Paris dates with millis and offset,
 * optional data omitted rather than sent empty).
 */
import type {
  AppointmentType,
  ConsultationType,
  JddCpts,
  JddPlace,
  JddPractitioner,
  JddSosLocation,
  JddSosStructure,
  SlotType,
} from '../jdd/types.js';
import { parisInstant } from './paris-memo.js';
import { CPTS_CATEGORY_CODE, PROFILE, R5_SLOT_SERVICE_TYPE, SYSTEM } from '../sas/canonicals.js';

export type Resource = Record<string, unknown> & { resourceType: string; id: string };

const meta = (profile: string, extra: Record<string, unknown> = {}) => ({ meta: { profile: [profile], ...extra } });
const phone = (value?: string) => (value ? { telecom: [{ system: 'phone', value }] } : {});
const instant = parisInstant;

/** System of the editor's own (INTRN) location identifiers, derived from its booking site. */
export function editorSystem(bookingBaseUrl: string): string {
  return `${new URL(bookingBaseUrl).origin}/lieux`;
}

export const ids = {
  practitioner: (ps: JddPractitioner) => `pra-${ps.key}`,
  role: (ps: JddPractitioner, place: number) => `rol-${ps.key}-${place + 1}`,
  schedule: (ps: JddPractitioner, place: number) => `sch-${ps.key}-${place + 1}`,
  slot: (ps: JddPractitioner, place: number, stamp: string) => `slo-${ps.key}-${place + 1}-${stamp}`,
  healthcareService: (c: JddCpts) => `hcs-${c.key}`,
  cptsOrganization: (c: JddCpts) => `org-${c.key}`,
  sosOrganization: (s: JddSosStructure) => `org-${s.key}`,
  sosLocation: (s: JddSosStructure, loc: number) => `loc-${s.key}-${loc + 1}`,
  sosSchedule: (s: JddSosStructure, loc: number) => `sch-${s.key}-${loc + 1}`,
  sosSlot: (s: JddSosStructure, loc: number, stamp: string) => `slo-${s.key}-${loc + 1}-${stamp}`,
};

export function practitioner(ps: JddPractitioner): Resource {
  return {
    resourceType: 'Practitioner',
    id: ids.practitioner(ps),
    ...meta(PROFILE.practitioner),
    identifier: [{ type: { coding: [{ system: SYSTEM.frV20203, code: 'IDNPS' }] }, system: SYSTEM.idnps, value: ps.idnps }],
    name: [{ family: ps.family, given: ps.given }],
    ...phone(ps.phone),
  };
}

function address(line: string[], city: string, postalCode: string) {
  return { line: [line.join(', ')], city, postalCode };
}

export function practitionerRole(ps: JddPractitioner, placeIndex: number, bookingBaseUrl: string): Resource {
  const place: JddPlace = ps.places[placeIndex];
  const locationId = `lieu-${placeIndex + 1}`;
  const location = {
    resourceType: 'Location',
    id: locationId,
    ...meta(PROFILE.location),
    identifier: [
      {
        type: { coding: [{ system: SYSTEM.frLocationIdentifierType, code: 'INTRN' }] },
        system: editorSystem(bookingBaseUrl),
        value: place.key,
      },
    ],
    ...(place.name ? { name: place.name } : {}),
    ...phone(place.phone),
    address: address(place.line, place.city, place.postalCode),
  };
  const organization = place.organizationIdnst
    ? {
        organization: {
          identifier: {
            type: { coding: [{ system: SYSTEM.frV20203, code: 'IDNST' }] },
            system: SYSTEM.idnst,
            value: place.organizationIdnst,
          },
        },
      }
    : {};
  return {
    resourceType: 'PractitionerRole',
    id: ids.role(ps, placeIndex),
    ...meta(PROFILE.practitionerRole),
    contained: [location],
    practitioner: { reference: `Practitioner/${ids.practitioner(ps)}` },
    ...organization,
    location: [{ reference: `#${locationId}` }],
    ...phone(place.phone ?? ps.phone),
  };
}

export function psSchedule(ps: JddPractitioner, placeIndex: number): Resource {
  return {
    resourceType: 'Schedule',
    id: ids.schedule(ps, placeIndex),
    ...meta(PROFILE.schedule),
    actor: [{ reference: `Practitioner/${ids.practitioner(ps)}` }, { reference: `PractitionerRole/${ids.role(ps, placeIndex)}` }],
  };
}

export interface SlotSpec {
  id: string;
  profile: string;
  schedule: string;
  start: number;
  end: number;
  slotTypes: SlotType[];
  consultationType: ConsultationType;
  appointmentType: AppointmentType;
  comment: string;
  /** HealthcareService ids of the CPTS the slot is offered to (CPTS slots only). */
  cptsServices?: string[];
}

export function slot(spec: SlotSpec): Resource {
  const consultation = { coding: [{ system: SYSTEM.actCode, code: spec.consultationType }] };
  const cpts = (spec.cptsServices ?? []).map((hs) => ({
    extension: [{ url: R5_SLOT_SERVICE_TYPE, valueReference: { reference: `HealthcareService/${hs}` } }],
    coding: [{ system: SYSTEM.categorieEtablissement, code: CPTS_CATEGORY_CODE }],
  }));
  return {
    resourceType: 'Slot',
    id: spec.id,
    ...meta(spec.profile, { security: spec.slotTypes.map((code) => ({ system: SYSTEM.slotType, code })) }),
    serviceType: [consultation, ...cpts],
    appointmentType: { coding: [{ system: SYSTEM.appointmentReason, code: spec.appointmentType }] },
    schedule: { reference: `Schedule/${spec.schedule}` },
    status: 'free',
    start: instant(spec.start),
    end: instant(spec.end),
    comment: spec.comment,
  };
}

export function healthcareService(c: JddCpts): Resource {
  return {
    resourceType: 'HealthcareService',
    id: ids.healthcareService(c),
    ...meta(PROFILE.cptsHealthcareService),
    providedBy: { reference: `Organization/${ids.cptsOrganization(c)}` },
    name: c.name,
  };
}

export function cptsOrganization(c: JddCpts): Resource {
  return {
    resourceType: 'Organization',
    id: ids.cptsOrganization(c),
    ...meta(PROFILE.cptsOrganization),
    identifier: [{ type: { coding: [{ system: SYSTEM.frCoreV20203, code: 'IDNST' }] }, system: SYSTEM.idnst, value: c.finess }],
    name: c.name,
    ...phone(c.phone),
  };
}

export function sosOrganization(s: JddSosStructure): Resource {
  return {
    resourceType: 'Organization',
    id: ids.sosOrganization(s),
    ...meta(PROFILE.sosOrganization),
    identifier: [{ type: { coding: [{ system: SYSTEM.frLocationIdentifierType, code: 'IDNST' }] }, system: SYSTEM.idnst, value: s.siret }],
    name: s.name,
    ...phone(s.phone),
  };
}

export function sosLocation(s: JddSosStructure, index: number, bookingBaseUrl: string): Resource {
  const loc: JddSosLocation = s.locations[index];
  return {
    resourceType: 'Location',
    id: ids.sosLocation(s, index),
    ...meta(PROFILE.sosLocation),
    identifier: [
      {
        type: { coding: [{ system: SYSTEM.frLocationIdentifierType, code: 'INTRN' }] },
        system: editorSystem(bookingBaseUrl),
        value: `${s.key}/${loc.key}`,
      },
    ],
    name: loc.name,
    ...phone(loc.phone),
    address: address(loc.line, loc.city, loc.postalCode),
    managingOrganization: { reference: `Organization/${ids.sosOrganization(s)}` },
  };
}

export function sosSchedule(s: JddSosStructure, index: number): Resource {
  return {
    resourceType: 'Schedule',
    id: ids.sosSchedule(s, index),
    ...meta(PROFILE.sosSchedule),
    actor: [{ reference: `Location/${ids.sosLocation(s, index)}` }],
  };
}

/** Booking URL of a PS agenda at a place (the IG asks for the agenda, not the slot). */
export function psBookingUrl(base: string, ps: JddPractitioner, placeIndex: number): string {
  const url = new URL(base);
  url.searchParams.set('ps', ps.idnps);
  url.searchParams.set('lieu', ps.places[placeIndex].key);
  return url.toString();
}

/** Booking URL of a SOS consultation point, pointing at the slot when possible. */
export function sosBookingUrl(base: string, s: JddSosStructure, index: number, slotId: string): string {
  const url = new URL(base);
  url.searchParams.set('pfg', `${s.key}/${s.locations[index].key}`);
  url.searchParams.set('creneau', slotId);
  return url.toString();
}
