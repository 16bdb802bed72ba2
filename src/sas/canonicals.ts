/** Canonical URLs and code systems of the SAS IG (sas-ig-facts §2.1, §3, §4): the one place they are written. */

export const PROFILE = {
  psBundle: 'http://sas.fr/fhir/StructureDefinition/BundleAgregateur',
  psSlot: 'http://sas.fr/fhir/StructureDefinition/FrSlotAgregateur',
  schedule: 'http://sas.fr/fhir/StructureDefinition/FrScheduleAgregateur',
  practitioner: 'http://sas.fr/fhir/StructureDefinition/FrPractitionerAgregateur',
  practitionerRole: 'http://sas.fr/fhir/StructureDefinition/FrPractitionerRoleExerciceAgregateur',
  location: 'http://sas.fr/fhir/StructureDefinition/FrLocationAgregateur',
  cptsBundle: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator',
  cptsSlot: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-slot-aggregator',
  cptsHealthcareService: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-healthcareservice-aggregator',
  cptsOrganization: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-organization-aggregator',
  sosBundle: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-bundle-aggregator',
  sosSlot: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-slot-aggregator',
  sosSchedule: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-schedule-aggregator',
  sosLocation: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-location-aggregator',
  sosOrganization: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-organization-aggregator',
  // appointment side (sas-appointment-flows §3.4, §5.2)
  practitionerRegul: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/FrPractitionerRegul',
  appointment: 'http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS',
  sosAppointment: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-appointment',
} as const;

/** The extension that names who booked an appointment (FrAppointmentSAS, sas-sos-appointment). */
export const APPOINTMENT_OPERATOR_EXTENSION = 'http://interopsante.org/fhir/StructureDefinition/FrAppointmentOperator';

export const CAPABILITY = {
  psindiv: 'https://interop.esante.gouv.fr/ig/fhir/sas/CapabilityStatement/SAS-GestionnaireAgenda-PsIndiv',
  cpts: 'https://interop.esante.gouv.fr/ig/fhir/sas/CapabilityStatement/SAS-GestionnaireAgenda-CPTS',
  sos: 'https://interop.esante.gouv.fr/ig/fhir/sas/CapabilityStatement/SAS-GestionnaireAgenda-SOS',
} as const;

export const SEARCH_PARAM_START = 'https://interop.esante.gouv.fr/ig/fhir/sas/SearchParameter/slot-sp-start';
export const SEARCH_PARAM_SERVICE_TYPE_REFERENCE = 'https://interop.esante.gouv.fr/ig/fhir/sas/SearchParameter/cptsslot-sp-servicetype';

export const SYSTEM = {
  idnps: 'urn:oid:1.2.250.1.71.4.2.1',
  /** The SAS platform's OID: its technical regulator ids (INTRN) and `meta.source` of its requests. */
  sas: 'urn:oid:1.2.250.1.213.3.6',
  idnst: 'urn:oid:1.2.250.1.71.4.2.2',
  frV20203: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203',
  frCoreV20203: 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203',
  frLocationIdentifierType: 'http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type',
  slotType: 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau',
  categorieEtablissement: 'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  appointmentReason: 'http://terminology.hl7.org/CodeSystem/v2-0276',
} as const;

export const R5_SLOT_SERVICE_TYPE = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType';
export const CPTS_CATEGORY_CODE = '604';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
