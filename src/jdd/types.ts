/**
 * JDD (jeu de données): the test data of an acceptance run. Loaded from `datasets/*.yaml`, used by the
 * request builder (identifiers), by the cahier expectations (expected slot types, CPTS…) and by the
 * reference editor server (which generates slots from it).
 */
import type { UseCase } from '../core/model.js';

export type SlotType = 'PUBLIC' | 'PRO' | 'SNP' | 'CPTS';
export type ConsultationType = 'AMB' | 'HH' | 'VR';
export type AppointmentType = 'ROUTINE' | 'WALKIN';

export interface JddPlace {
  key: string;
  name?: string;
  line: string[];
  city: string;
  postalCode: string;
  phone?: string;
  /** IDNST of the structure of the place (1+FINESS, 3+SIRET, 4+RPPS-rang), optional. */
  organizationIdnst?: string;
}

/**
 * A role an entry plays for the cahier ("the PS with two places", "a PS of a 25-identifier search"):
 * the cases name roles, never keys, so any editor's JDD serves the shipped cahier. The vocabulary
 * and what each role requires of the entry: src/cahier/roles.ts, datasets/README.md. One entry may
 * play several roles. (Older JDDs wrote `scenarios:`; the loader reads it as `roles`.)
 */
export type RoleName = string;

export interface JddPractitioner {
  key: string;
  roles?: RoleName[];
  /** National id with its prefix: 8 + RPPS (12 chars) or 0 + ADELI. Always a string. */
  idnps: string;
  family: string;
  given: string[];
  phone?: string;
  places: JddPlace[];
  /** Individual slots, CPTS slots, or both. */
  participation: 'individual' | 'cpts' | 'both';
  /** Keys of the CPTS the PS declared (participation cpts/both). */
  cpts: string[];
  /** When true, each CPTS slot is shared by all the PS's CPTS (one slot, several HealthcareServices). */
  sharedCptsSlots?: boolean;
  slotTypes: SlotType[];
  consultationTypes: ConsultationType[];
  appointmentTypes: AppointmentType[];
}

export interface JddCpts {
  key: string;
  /** 1 + FINESS (10 chars). */
  finess: string;
  name: string;
  phone?: string;
}

export interface JddSosLocation {
  key: string;
  name: string;
  line: string[];
  city: string;
  postalCode: string;
  phone?: string;
}

export interface JddSosStructure {
  key: string;
  roles?: RoleName[];
  /** 3 + SIRET (15 chars). */
  siret: string;
  name: string;
  phone?: string;
  locations: JddSosLocation[];
  slotTypes: SlotType[];
  consultationTypes: ConsultationType[];
  /** ROUTINE (booking possible) / WALKIN; ROUTINE when not given. */
  appointmentTypes?: AppointmentType[];
}

export interface Jdd {
  id: string;
  version: string;
  useCase: UseCase;
  description?: string;
  /** Base of the booking URLs the reference editor puts in Slot.comment. */
  bookingBaseUrl: string;
  practitioners: JddPractitioner[];
  cpts: JddCpts[];
  sos: JddSosStructure[];
  /** Identifiers known to return nothing (unknown PS / SIRET). */
  unknownIdentifiers: string[];
  /** Where the file was read from. */
  file?: string;
}
