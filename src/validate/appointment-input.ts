/**
 * One parsed resource judged as an Appointment the editor sends to SAS (flux V3): `validate --use-case
 * appointment | sos-appointment` and each request `receive` gets. The appointment judge of
 * src/flows/appointments does the judging (its profile with our engine, and the SAS-APT rules); this
 * module adds what `validate` needs around it: a file that is not an Appointment (a Bundle, an
 * OperationOutcome…) is one fatal finding naming what was expected (the user gave the wrong file or the
 * wrong use case), and the profile named with the version loaded (`…/FrAppointmentSAS|1.2.0`: the
 * official 1.2.0 release and the package's CI build differ, facts §0, sas-v3@13).
 */
import { finding, type Finding } from '../core/findings.js';
import { guillemets } from '../core/typography.js';
import type { DefinitionIndex } from '../fhir/packages/types.js';
import { APPOINTMENT_PROFILE } from '../flows/appointments/appointment-ids.js';
import { judgeAppointment, type AppointmentFlavour } from '../flows/appointments/judge-appointment.js';
import { guardStackOverflow, type ValidateInputResult } from './validate-input.js';
import { monotonicMs } from '../core/clock.js';

export interface AppointmentInputOptions {
  flavour: AppointmentFlavour;
  /** IG definitions; absent, the judge says the profile was not checked. */
  index?: DefinitionIndex;
  /**
   * `file` (validate): anything but an Appointment is a fatal input error, the judge is not run.
   * `received` (receive): the body of a request the editor sent is the judge's to refuse (SAS-APT-001).
   */
  input?: 'file' | 'received';
}

/** Profile names as the IG titles them, for the messages. */
const PROFILE_NAME: Readonly<Record<AppointmentFlavour, string>> = {
  appointment: 'FrAppointmentSAS',
  'sos-appointment': 'sas-sos-appointment',
};

export function validateAppointmentInput(resource: unknown, o: AppointmentInputOptions): ValidateInputResult {
  const started = monotonicMs();
  const rt =
    typeof (resource as { resourceType?: unknown })?.resourceType === 'string' ? (resource as { resourceType: string }).resourceType : '';
  if ((o.input ?? 'file') === 'file' && rt !== 'Appointment') {
    return {
      profile: null,
      findings: [notAnAppointment(rt || 'JSON', o.flavour)],
      stats: stats(0, monotonicMs() - started),
    };
  }
  const judged = guardStackOverflow(rt || 'Appointment', () =>
    judgeAppointment(resource, { flavour: o.flavour, ...(o.index ? { index: o.index } : {}) }),
  );
  if ('tooDeep' in judged) return { profile: null, findings: [judged.tooDeep], stats: stats(0, monotonicMs() - started) };
  return {
    // canonical|version of the profile as loaded, when the judge read it: says which version was applied
    // (its SAS-APT-012 information says which participant-status rule that version carries)
    profile: judged.participantStatus?.profile ?? judged.profile,
    findings: judged.findings,
    stats: stats(1, monotonicMs() - started),
  };
}

/** The canonical of the profile a flavour is judged against (the official validator is given it). */
export function appointmentProfile(flavour: AppointmentFlavour): string {
  return APPOINTMENT_PROFILE[flavour];
}

function notAnAppointment(rt: string, flavour: AppointmentFlavour): Finding {
  const profile = PROFILE_NAME[flavour];
  const got = rt.length > 60 ? `${rt.slice(0, 60)}…` : rt;
  return finding('fatal', 'appointment-expected', 'structure', got, {
    fr: `Une ressource Appointment (${profile}) est attendue (--use-case ${flavour}), reçu ${guillemets(got)}\u00a0: le flux V3 envoie au SAS un rendez-vous seul\u00a0; une réponse de recherche de créneaux se valide avec --use-case psindiv, cpts ou sos.`,
    en: `An Appointment resource (${profile}) is expected (--use-case ${flavour}), got "${got}": flux V3 sends SAS one appointment; a slot search answer is validated with --use-case psindiv, cpts or sos.`,
  });
}

/** The judge reports findings only: the time is counted as structure time, the rules inside it. */
function stats(resources: number, ms: number): ValidateInputResult['stats'] {
  return { resources, elements: 0, invariantsEvaluated: 0, durationMs: ms, rulesMs: 0 };
}
