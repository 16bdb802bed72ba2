/**
 * JDD (jeu de données): the test data of an acceptance run. Loaded from `datasets/*.yaml`, used by the
 * request builder (identifiers), by the cahier expectations (expected slot types, CPTS…) and by the
 * reference editor server (which generates slots from it). The YAML shape is generated from
 * schemas/jdd.schema.json (src/core/formats/jdd-file.ts); a loaded JDD is that shape with its defaults
 * filled in, so a field added to the schema cannot be forgotten here.
 */
import type { UseCase } from '../core/model.js';
import type { Cpts, JddFile, Place, Practitioner, Regulator, SosLocation, SosStructure, Sso } from '../core/formats/jdd-file.js';

export type { JddFile };

export type SlotType = NonNullable<Practitioner['slotTypes']>[number];
export type ConsultationType = NonNullable<Practitioner['consultationTypes']>[number];
export type AppointmentType = NonNullable<Practitioner['appointmentTypes']>[number];

/** A place of practice; `organizationIdnst`: IDNST of its structure (1+FINESS, 3+SIRET, 4+RPPS-rang). */
export type JddPlace = Place;

/**
 * A role an entry plays for the cahier ("the PS with two places", "a PS of a 25-identifier search"):
 * the cases name roles, never keys, so any editor's JDD serves the shipped cahier. The vocabulary
 * and what each role requires of the entry: src/cahier/roles.ts, datasets/README.md. One entry may
 * play several roles. (Older JDDs wrote `scenarios:`; the loader reads it as `roles`.)
 */
export type RoleName = string;

/**
 * A PS: national id with its prefix (8 + RPPS, 12 chars, or 0 + ADELI; always a string), places,
 * individual and/or CPTS slots. `cpts`: keys of the CPTS the PS declared (participation cpts/both);
 * `sharedCptsSlots`: each CPTS slot is shared by all the PS's CPTS (one slot, several HealthcareServices).
 */
export interface JddPractitioner
  extends Omit<Practitioner, 'scenarios' | PractitionerDefaults>, Required<Pick<Practitioner, PractitionerDefaults>> {}
type PractitionerDefaults = 'participation' | 'cpts' | 'slotTypes' | 'consultationTypes' | 'appointmentTypes';

/** A CPTS: 1 + FINESS (10 chars), name, phone. */
export type JddCpts = Cpts;

export type JddSosLocation = SosLocation;

/** An SOS Médecins structure: 3 + SIRET (15 chars), its locations; appointmentTypes ROUTINE (booking possible) / WALKIN, ROUTINE when not given. */
export interface JddSosStructure extends Omit<SosStructure, 'scenarios' | SosDefaults>, Required<Pick<SosStructure, SosDefaults>> {}
type SosDefaults = 'slotTypes' | 'consultationTypes';

/** A regulator identity (flux V1): the run gives it fresh identifiers (SAS UUID, national id). */
export type JddRegulator = Regulator;

/** Where an unauthenticated visit of a booking URL must lead (flux V2); defaults: datasets/README.md. */
export type JddSso = Sso;

export interface Jdd extends Omit<JddFile, '$schema' | 'useCase' | 'practitioners' | 'cpts' | 'sos' | 'unknownIdentifiers' | 'regulators'> {
  useCase: UseCase;
  practitioners: JddPractitioner[];
  cpts: JddCpts[];
  sos: JddSosStructure[];
  /** Identifiers known to return nothing (unknown PS / SIRET). */
  unknownIdentifiers: string[];
  /** Regulator identities for the regulator-account checks (flux V1); empty when the JDD has none. */
  regulators: JddRegulator[];
  /** Where the file was read from. */
  file?: string;
}
