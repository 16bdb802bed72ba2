/**
 * Judging one Appointment as SAS receives it (flux V3): its profile (FrAppointmentSAS for PS and CPTS,
 * sas-sos-appointment for SOS) with our engine, plus the SAS rules SAS-APT-001…015
 * (appointment-rules.ts). Shared by the flux-v3 case (appointments received by the SAS side) and
 * `sas-recette validate --use-case appointment | sos-appointment`. Pure; never throws on bad input.
 */
import { flowFinding } from '../context.js';
import { sortFindings, type Finding, type Message } from '../../core/findings.js';
import { nestsDeeperThan } from '../../core/json-depth.js';
import type { DefinitionIndex } from '../../fhir/packages/types.js';
import { validateResource } from '../../fhir/validator/index.js';
import { APPOINTMENT_PROFILE, APT, V3, type AppointmentFlavour } from './appointment-ids.js';
import { appointmentRules } from './appointment-rules.js';
import { obj } from './flow-finding.js';
import { participantStatusRule, type ParticipantStatusRule } from './participant-status-rule.js';

export type { AppointmentFlavour };

export interface JudgeAppointmentOptions {
  flavour: AppointmentFlavour;
  /** IG definitions; absent → the profile is not checked (a not-checked finding says so). */
  index?: DefinitionIndex;
  /** Operator identifiers SAS sent by flux V1 in this run (`system|value`); absent → not cross-checked. */
  knownOperators?: readonly string[];
}

export interface AppointmentJudgement {
  /** Canonical of the profile applied. */
  profile: string;
  findings: Finding[];
  /** The participant-status rule the loaded package carries (undefined: no package, or the profile is not in it). */
  participantStatus?: ParticipantStatusRule;
}

function notAppointment(resource: unknown): Message | undefined {
  const r = obj(resource);
  if (!r) {
    const kind = resource === null ? 'null' : Array.isArray(resource) ? 'array' : typeof resource;
    return {
      fr: `le contenu est un(e) ${kind}, pas une ressource Appointment (objet JSON avec resourceType Appointment)`,
      en: `the content is a(n) ${kind}, not an Appointment resource (a JSON object with resourceType Appointment)`,
    };
  }
  if (r.resourceType !== 'Appointment') {
    const t = typeof r.resourceType === 'string' ? r.resourceType.slice(0, 80) : '(absent)';
    return {
      fr: `resourceType ${t}\u00a0: le flux V3 envoie une ressource Appointment`,
      en: `resourceType ${t}: flux V3 sends an Appointment resource`,
    };
  }
  if (nestsDeeperThan(r)) {
    return {
      fr: 'la ressource est imbriquée trop profondément pour être un Appointment',
      en: 'the resource nests far too deeply to be an Appointment',
    };
  }
  return undefined;
}

/** Structural findings of the engine (cited against sas-v3@4), or the reason they could not be had. */
function structural(resource: unknown, profile: string, index: DefinitionIndex | undefined): Finding[] {
  const notChecked = (m: Message): Finding[] => [
    flowFinding('information', APT.profileNotChecked, 'Appointment', m, [V3.profile], { notChecked: true }),
  ];
  if (!index) {
    return notChecked({
      fr: `conformité au profil ${profile} non vérifiée\u00a0: les paquets FHIR de l'IG ne sont pas chargés`,
      en: `conformance to the profile ${profile} not checked: the IG's FHIR packages are not loaded`,
    });
  }
  if (!index.structureDefinition(profile)) {
    const ig = index.ig ? `${index.ig.id}#${index.ig.version}` : 'IG';
    return notChecked({
      fr: `conformité au profil ${profile} non vérifiée\u00a0: le profil n'est pas dans les paquets chargés (${ig})`,
      en: `conformance to the profile ${profile} not checked: the profile is not in the loaded packages (${ig})`,
    });
  }
  return validateResource(resource, { index, profile }).findings.map((f) =>
    f.requirements && f.requirements.length > 0 ? f : { ...f, requirements: [V3.profile] },
  );
}

export function judgeAppointment(resource: unknown, o: JudgeAppointmentOptions): AppointmentJudgement {
  const profile = APPOINTMENT_PROFILE[o.flavour];
  const refused = notAppointment(resource);
  if (refused) return { profile, findings: [flowFinding('error', APT.notAppointment, 'Appointment', refused, [V3.profile])] };
  const rule = o.index ? participantStatusRule(o.index, profile) : undefined;
  const missing: Message | undefined = rule
    ? undefined
    : o.index
      ? {
          fr: `participant.status non vérifié\u00a0: la règle du profil ${profile} n'a pas pu être lue dans les paquets chargés`,
          en: `participant.status not checked: the rule of the profile ${profile} could not be read from the loaded packages`,
        }
      : {
          fr: "participant.status non vérifié\u00a0: la règle dépend de la version de l'IG et les paquets FHIR ne sont pas chargés",
          en: 'participant.status not checked: the rule depends on the IG version and the FHIR packages are not loaded',
        };
  const findings = [
    ...structural(resource, profile, o.index),
    ...appointmentRules({
      resource: resource as Record<string, unknown>,
      flavour: o.flavour,
      ...(o.knownOperators ? { knownOperators: o.knownOperators } : {}),
      ...(rule ? { participantStatus: rule } : {}),
      ...(missing ? { participantStatusMissing: missing } : {}),
    }),
  ];
  return { profile, findings: sortFindings(findings), ...(rule ? { participantStatus: rule } : {}) };
}
