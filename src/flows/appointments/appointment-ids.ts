/**
 * The names flux V3 checks are written with, in one place: the rule ids SAS-APT-NNN, the requirements
 * they verify (requirements/requirements.yaml, sas-v3@N = facts §8.3 V3-0N), the canonicals of the two
 * appointment profiles and of the operator extension, the identifier systems, and the SAS side's base
 * paths. `SAS-APT-003` and `SAS-APT-004` are fixed: the reference editor's defect `appointment-invalid`
 * names them (src/mock/defects.ts).
 */
import { APPOINTMENT_OPERATOR_EXTENSION, PROFILE, SYSTEM } from '../../sas/canonicals.js';

/** Which profile an appointment is judged against: FrAppointmentSAS (PS, CPTS), or sas-sos-appointment (SOS). */
export type AppointmentFlavour = 'appointment' | 'sos-appointment';

/** Rule ids: 001–015 judge one Appointment, 020–031 judge the calls received in a session. */
export const APT = {
  notAppointment: 'SAS-APT-001',
  metaProfile: 'SAS-APT-002',
  operator: 'SAS-APT-003',
  practitioner: 'SAS-APT-004',
  identifier: 'SAS-APT-005',
  identifierSystem: 'SAS-APT-006',
  period: 'SAS-APT-007',
  created: 'SAS-APT-008',
  status: 'SAS-APT-009',
  operatorCoherence: 'SAS-APT-010',
  operatorKnown: 'SAS-APT-011',
  participantStatus: 'SAS-APT-012',
  needsActionPending: 'SAS-APT-013',
  sosOneExtension: 'SAS-APT-014',
  profileNotChecked: 'SAS-APT-015',
  nothingReceived: 'SAS-APT-020',
  notServed: 'SAS-APT-021',
  unreadableBody: 'SAS-APT-022',
  updateAddress: 'SAS-APT-023',
  updateIdentifierMismatch: 'SAS-APT-024',
  updateUnknown: 'SAS-APT-025',
  identifierSpelling: 'SAS-APT-026',
  systemChanges: 'SAS-APT-027',
  mtls: 'SAS-APT-028',
  createRepeated: 'SAS-APT-029',
  updateById: 'SAS-APT-030',
  noUpdate: 'SAS-APT-031',
} as const;

/** Requirements of flux V3 (requirements/requirements.yaml). */
export const V3 = {
  create: 'sas-v3@1',
  update: 'sas-v3@2',
  mtls: 'sas-v3@3',
  profile: 'sas-v3@4',
  identifier: 'sas-v3@5',
  identifierSystem: 'sas-v3@6',
  period: 'sas-v3@7',
  created: 'sas-v3@8',
  status: 'sas-v3@9',
  operator: 'sas-v3@10',
  operatorIdentity: 'sas-v3@11',
  practitioner: 'sas-v3@12',
  participantStatus: 'sas-v3@13',
  needsActionPending: 'sas-v3@14',
  sosOneExtension: 'sas-v3@15',
} as const;

/** Profile canonicals (facts §5.2). */
export const APPOINTMENT_PROFILE: Readonly<Record<AppointmentFlavour, string>> = {
  appointment: PROFILE.appointment,
  'sos-appointment': PROFILE.sosAppointment,
};

/** The canonical the snippet of the IG page "Gestion de rendez-vous" writes, contradicting the profile (facts §5.4). */
export const FR_APPOINTMENT_SAS_SNIPPET = 'http://interopsante.org/fhir/StructureDefinition/FrAppointmentSAS';

export const OPERATOR_EXTENSION = APPOINTMENT_OPERATOR_EXTENSION;

/** Identifier systems: national PS id (IDNPS) and the SAS platform's OID (its technical UUIDs, INTRN). */
export const IDNPS_SYSTEM = SYSTEM.idnps;
export const SAS_SYSTEM = SYSTEM.sas;
export const TYPE_SYSTEM = SYSTEM.frV20203;

/** The placeholder OID of the IG's examples (`identifier.system`): an editor copying it is not using its own. */
export const IG_EXAMPLE_OID = 'urn:oid:1.1.111.1.11.1.1.1';

/** Any UUID version (the SAS's own ids are v4 and v6: facts §3.2). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The SAS side's FHIR base path per flavour (`https://host:port/appointment/fhir`, `…/sos-appointment/fhir`):
 * the flavour is in the URL, so a sender given only the URL (the reference editor's) knows which
 * appointments this side expects. src/mock/appointment-sender.ts reads the same two paths.
 */
export const RECEIVE_BASE_PATH: Readonly<Record<AppointmentFlavour, string>> = {
  appointment: '/appointment/fhir',
  'sos-appointment': '/sos-appointment/fhir',
};
