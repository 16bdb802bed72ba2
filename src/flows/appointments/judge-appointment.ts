/**
 * Judging one Appointment as SAS receives it (flux V3): its profile (FrAppointmentSAS for PS and CPTS,
 * sas-sos-appointment for SOS) with our engine, plus the SAS rules SAS-APT-*. Shared by the
 * flux-v3 case (appointments received by `receive`) and `sas-recette validate --use-case
 * appointment | sos-appointment`. (Scaffold: filled in by the flux V3 work; the signature stays.)
 */
import type { Finding } from '../../core/findings.js';
import type { DefinitionIndex } from '../../fhir/packages/types.js';

/** Which profile an appointment is judged against: FrAppointmentSAS, or sas-sos-appointment. */
export type AppointmentFlavour = 'appointment' | 'sos-appointment';

export interface JudgeAppointmentOptions {
  flavour: AppointmentFlavour;
  /** IG definitions; absent → the profile is not checked (a not-checked finding says so). */
  index?: DefinitionIndex;
  /** Operator identifiers SAS sent by flux V1 in this run (`system|value`); absent → not cross-checked. */
  knownOperators?: readonly string[];
}

export interface AppointmentJudgement {
  /** Canonical of the profile applied, and which participant-status rule the loaded package carries. */
  profile: string;
  findings: Finding[];
}

export function judgeAppointment(_resource: unknown, o: JudgeAppointmentOptions): AppointmentJudgement {
  return { profile: o.flavour, findings: [] };
}
