/**
 * The YAML shape of a JDD file (datasets/*.yaml), as written, before the loader applies defaults.
 * Generated from schemas/jdd.schema.json by scripts/generate-format-types.mjs: do not edit by hand;
 * change the schema, then run `npm run formats` (a test fails while this file is out of date).
 */

/**
 * a key: lower-case letters, digits and dashes, at most 24 characters
 */
export type Key = string;
/**
 * the roles this entry plays for the cahier (vocabulary: datasets/README.md), e.g. [one-place, identity]
 *
 * Items: a role name (lower-case letters, digits, dashes)
 */
export type Roles = string[];
/**
 * an IDNPS: 8 + 11-digit RPPS (12 characters) or 0 + 9-character ADELI (10 characters)
 */
export type Idnps = string;
/**
 * an international phone number: +33 followed by 9 digits (or +262/+590/+594/+596 overseas), no spaces
 */
export type Phone = string;
/**
 * one address line (the SAS Location profiles accept a single line)
 *
 * @minItems 1
 * @maxItems 1
 */
export type AddressLines = string[];
/**
 * a 5-digit postal code, quoted
 */
export type PostalCode = string;
/**
 * an IDNST: 1 + FINESS, 3 + SIRET or 4 + RPPS-rang
 */
export type Idnst = string;
/**
 * @minItems 1
 */
export type SlotTypes = ('PUBLIC' | 'PRO' | 'SNP' | 'CPTS')[];
/**
 * @minItems 1
 */
export type ConsultationTypes = ('AMB' | 'HH' | 'VR')[];
/**
 * @minItems 1
 */
export type AppointmentTypes = ('ROUTINE' | 'WALKIN')[];
/**
 * an IDNST FINESS: 1 + 9-digit FINESS (10 characters)
 */
export type Finess = string;
/**
 * an IDNST SIRET: 3 + 14-digit SIRET (15 characters)
 */
export type Siret = string;

/**
 * The test data of an acceptance run: the practitioners (PS), CPTS and SOS Médecins structures the editor's test environment holds. Every identifier and phone number is a quoted string (YAML reads +33612345678 and 0810002909371 as numbers).
 */
export interface JddFile {
  $schema?: string;
  id: Key;
  /**
   * version of the data set, quoted ("1.10")
   */
  version: string;
  useCase: 'psindiv' | 'cpts' | 'sos';
  description?: string;
  /**
   * an http(s) URL (base of the booking links put in Slot.comment)
   */
  bookingBaseUrl: string;
  sso?: Sso;
  practitioners?: Practitioner[];
  cpts?: Cpts[];
  sos?: SosStructure[];
  /**
   * well-formed identifiers the editor does not know (an IDNPS, or 3 + SIRET for SOS)
   *
   * Items: an IDNPS (8 + 11-digit RPPS, or 0 + 9-character ADELI) or 3 + 14-digit SIRET
   */
  unknownIdentifiers?: string[];
  /**
   * regulator identities for the regulator-account checks (flux V1): the run gives each a fresh SAS technical id (UUID) and a fresh national id, so reruns never collide
   */
  regulators?: Regulator[];
}
/**
 * where an unauthenticated visit of a booking URL must lead (flux V2)
 */
export interface Sso {
  /**
   * editor-login (IG, default): the editor's own login page; sas-oidc (ANS kit): the SAS pre-production OpenID Connect realm
   */
  target?: 'editor-login' | 'sas-oidc';
  /**
   * the URL the login page starts with (default: for editor-login, any page of the booking URL's host; for sas-oidc, https://seconnecter.preproduction.santefr.esante.gouv.fr/realms/sas/protocol/openid-connect/)
   */
  loginUrl?: string;
  /**
   * the origin value SAS appends (default: sas for editor-login, sas-preprod for sas-oidc)
   */
  origin?: string;
}
export interface Practitioner {
  key: Key;
  roles?: Roles;
  /**
   * old name of roles, still read
   */
  scenarios?: Roles;
  idnps: Idnps;
  family: string;
  /**
   * @minItems 1
   */
  given: string[];
  phone?: Phone;
  /**
   * @minItems 1
   */
  places: Place[];
  /**
   * individual slots, CPTS slots or both (default individual)
   */
  participation?: 'individual' | 'cpts' | 'both';
  /**
   * keys of the CPTS the PS declared
   */
  cpts?: Key[];
  sharedCptsSlots?: boolean;
  /**
   * default [PUBLIC]
   */
  slotTypes?: SlotTypes;
  /**
   * default [AMB]
   */
  consultationTypes?: ConsultationTypes;
  /**
   * default [ROUTINE]
   */
  appointmentTypes?: AppointmentTypes;
}
export interface Place {
  key: Key;
  name?: string;
  line: AddressLines;
  city: string;
  postalCode: PostalCode;
  phone?: Phone;
  organizationIdnst?: Idnst;
}
export interface Cpts {
  key: Key;
  finess: Finess;
  name: string;
  phone?: Phone;
}
export interface SosStructure {
  key: Key;
  roles?: Roles;
  /**
   * old name of roles, still read
   */
  scenarios?: Roles;
  siret: Siret;
  name: string;
  phone?: Phone;
  /**
   * @minItems 1
   */
  locations: SosLocation[];
  /**
   * SOS slots are PUBLIC and/or SNP (default [PUBLIC])
   *
   * @minItems 1
   */
  slotTypes?: ('PUBLIC' | 'SNP')[];
  /**
   * default [AMB]
   */
  consultationTypes?: ConsultationTypes;
  /**
   * default [ROUTINE]
   */
  appointmentTypes?: AppointmentTypes;
}
export interface SosLocation {
  key: Key;
  name: string;
  line: AddressLines;
  city: string;
  postalCode: PostalCode;
  phone?: Phone;
}
export interface Regulator {
  key: Key;
  family: string;
  /**
   * one given name (FrPractitionerRegul: name.given 1..1)
   */
  given: string;
  /**
   * an e-mail address (telecom system email)
   */
  email: string;
}
