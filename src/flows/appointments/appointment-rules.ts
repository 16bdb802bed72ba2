/**
 * The SAS rules of one Appointment sent to SAS (flux V3, facts §5 and §8.3), beside the structural
 * validation: declared profile, appointment identifier, status, operator extension (who booked: the
 * regulator account SAS sent by flux V1), PS participant identifier, participant status per the loaded
 * profile, SOS specifics. Pure: one resource in, findings out (locations from `Appointment`).
 * Severities follow the strength of the requirement each rule verifies (SHALL → error, SHOULD → warning).
 */
import { flowFinding } from '../context.js';
import type { Finding, Message } from '../../core/findings.js';
import { IDNPS_VALUE } from '../../rules/identifiers.js';
import {
  APPOINTMENT_PROFILE,
  APT,
  FR_APPOINTMENT_SAS_SNIPPET,
  IDNPS_SYSTEM,
  IG_EXAMPLE_OID,
  OPERATOR_EXTENSION,
  SAS_SYSTEM,
  TYPE_SYSTEM,
  UUID,
  V3,
  type AppointmentFlavour,
} from './appointment-ids.js';
import { arr, obj, shown as q, str, type Json } from './flow-finding.js';
import type { ParticipantStatusRule } from './participant-status-rule.js';

export interface AppointmentRuleInput {
  resource: Json;
  flavour: AppointmentFlavour;
  /** `system|value` of the operators SAS sent by flux V1; undefined or empty → not cross-checked. */
  knownOperators?: readonly string[];
  /** The loaded profile's participant-status rule; undefined → not checked, for the reason given. */
  participantStatus?: ParticipantStatusRule;
  participantStatusMissing?: Message;
}

const OID = /^urn:oid:[0-2](\.(0|[1-9]\d*))+$/;

/** Statuses SAS uses (N-rdv nomenclature), plus `pending` for SOS (example Appointment-12345678). */
const STATUSES = ['booked', 'fulfilled', 'noshow', 'cancelled'];

function profileRule(r: Json, flavour: AppointmentFlavour): Finding[] {
  const declared = arr(obj(r.meta)?.profile).filter((p): p is string => typeof p === 'string');
  const bare = declared.map((p) => p.split('|')[0]);
  const want = APPOINTMENT_PROFILE[flavour];
  if (bare.includes(want)) return [];
  let why: Message = { fr: '', en: '' };
  if (bare.includes(FR_APPOINTMENT_SAS_SNIPPET)) {
    why = {
      fr: ` L'extrait de la page «\u00a0Gestion de rendez-vous\u00a0» de l'IG écrit ${FR_APPOINTMENT_SAS_SNIPPET}, mais il contredit le profil, ses exemples et le texte de la même page\u00a0: l'URL canonique du profil est ${APPOINTMENT_PROFILE.appointment}.`,
      en: ` The snippet of the IG page "Gestion de rendez-vous" writes ${FR_APPOINTMENT_SAS_SNIPPET}, but it contradicts the profile, its examples and the text of the same page: the profile's canonical URL is ${APPOINTMENT_PROFILE.appointment}.`,
    };
  } else if (flavour === 'sos-appointment' && bare.includes(APPOINTMENT_PROFILE.appointment)) {
    why = {
      fr: ` Les pages SOS de l'IG renvoient encore à FrAppointmentSAS, mais la CapabilityStatement SAS-GestionnaireAgenda-RDVSOS nomme sas-sos-appointment.`,
      en: ` The IG's SOS pages still point at FrAppointmentSAS, but the CapabilityStatement SAS-GestionnaireAgenda-RDVSOS names sas-sos-appointment.`,
    };
  } else if (flavour === 'appointment' && bare.includes(APPOINTMENT_PROFILE['sos-appointment'])) {
    why = {
      fr: ` sas-sos-appointment est le profil des rendez-vous SOS Médecins\u00a0; ceux des PS et des CPTS déclarent FrAppointmentSAS.`,
      en: ` sas-sos-appointment is the profile of SOS Médecins appointments; PS and CPTS appointments declare FrAppointmentSAS.`,
    };
  }
  return [
    flowFinding(
      'error',
      APT.metaProfile,
      'Appointment.meta.profile',
      {
        fr: `meta.profile vaut ${declared.length ? declared.map((p) => q(p, 'fr')).join(', ') : '(absent)'}\u00a0: déclarer ${want}.${why.fr}`,
        en: `meta.profile is ${declared.length ? declared.map((p) => q(p, 'en')).join(', ') : '(missing)'}: declare ${want}.${why.en}`,
      },
      [V3.profile],
    ),
  ];
}

function identifierRule(r: Json): Finding[] {
  const ids = arr(r.identifier);
  if (ids.length === 0) {
    return [
      flowFinding(
        'error',
        APT.identifier,
        'Appointment.identifier',
        {
          fr: "identifier absent\u00a0: chaque rendez-vous porte un identifiant unique défini par l'éditeur (system et value, UUID suggéré), repris dans les mises à jour",
          en: 'identifier missing: each appointment carries one unique identifier defined by the editor (system and value, a UUID is suggested), reused by its updates',
        },
        [V3.identifier],
      ),
    ];
  }
  const out: Finding[] = [];
  if (ids.length > 1) {
    out.push(
      flowFinding(
        'error',
        APT.identifier,
        'Appointment.identifier[1]',
        {
          fr: `${ids.length} identifier\u00a0: le profil en admet un seul (1..1)\u00a0; garder l'identifiant technique du rendez-vous`,
          en: `${ids.length} identifiers: the profile allows exactly one (1..1); keep the appointment's technical identifier`,
        },
        [V3.identifier],
      ),
    );
  }
  const id = obj(ids[0]);
  const system = str(id?.system);
  const value = str(id?.value);
  if (!value) {
    out.push(
      flowFinding(
        'error',
        APT.identifier,
        'Appointment.identifier[0].value',
        {
          fr: 'identifier.value absent ou vide\u00a0: y mettre l’identifiant du rendez-vous',
          en: 'identifier.value missing or empty: put the appointment identifier there',
        },
        [V3.identifier],
      ),
    );
  }
  if (!system) {
    out.push(
      flowFinding(
        'error',
        APT.identifier,
        'Appointment.identifier[0].system',
        {
          fr: "identifier.system absent ou vide\u00a0: y mettre l'OID de l'éditeur (urn:oid:…) ou, à défaut, une URL propre à sa solution",
          en: "identifier.system missing or empty: put the editor's OID there (urn:oid:…) or, failing that, a URL specific to its software",
        },
        [V3.identifier],
      ),
    );
    return out;
  }
  out.push(...systemRule(system));
  return out;
}

function systemRule(system: string): Finding[] {
  const loc = 'Appointment.identifier[0].system';
  const bad = (m: Message): Finding[] => [flowFinding('error', APT.identifierSystem, loc, m, [V3.identifierSystem])];
  if (system.startsWith('urn:oid:')) {
    if (!OID.test(system))
      return bad({
        fr: `identifier.system ${q(system, 'fr')} n'est pas un OID valide (urn:oid: suivi de nombres séparés par des points)`,
        en: `identifier.system ${q(system, 'en')} is not a valid OID (urn:oid: then numbers separated by dots)`,
      });
    if (system === IDNPS_SYSTEM || system === SAS_SYSTEM)
      return bad({
        fr: `identifier.system ${q(system, 'fr')} est l'OID ${system === SAS_SYSTEM ? 'de la plateforme SAS' : 'des identifiants nationaux de PS'}, pas celui de l'éditeur\u00a0: l'autorité d'affectation de l'identifiant du rendez-vous est l'éditeur`,
        en: `identifier.system ${q(system, 'en')} is the OID of ${system === SAS_SYSTEM ? 'the SAS platform' : 'national PS identifiers'}, not the editor's: the editor is the assigning authority of the appointment identifier`,
      });
    if (system === IG_EXAMPLE_OID)
      return [
        flowFinding(
          'information',
          APT.identifierSystem,
          loc,
          {
            fr: `identifier.system ${q(system, 'fr')} est l'OID des exemples de l'IG\u00a0: vérifier que c'est bien celui de l'éditeur`,
            en: `identifier.system ${q(system, 'en')} is the OID of the IG's examples: check that it is the editor's own`,
          },
          [V3.identifierSystem],
        ),
      ];
    return [];
  }
  if (/^https?:\/\//i.test(system) && URL.canParse(system)) return [];
  return bad({
    fr: `identifier.system ${q(system, 'fr')} n'est ni un OID (urn:oid:…) ni une URL http(s)\u00a0: l'IG demande l'OID de l'éditeur, ou à défaut une URL propre à sa solution`,
    en: `identifier.system ${q(system, 'en')} is neither an OID (urn:oid:…) nor an http(s) URL: the IG asks for the editor's OID or, failing that, a URL specific to its software`,
  });
}

function periodRule(r: Json): Finding[] {
  return (['start', 'end'] as const)
    .filter((k) => !str(r[k]))
    .map((k) =>
      flowFinding(
        'error',
        APT.period,
        `Appointment.${k}`,
        {
          fr: `${k} absent\u00a0: le profil exige start et end (instants avec fuseau, p. ex. 2026-03-02T14:00:00+01:00)`,
          en: `${k} missing: the profile requires start and end (instants with an offset, e.g. 2026-03-02T14:00:00+01:00)`,
        },
        [V3.period],
      ),
    );
}

function createdRule(r: Json): Finding[] {
  if (str(r.created)) return [];
  return [
    flowFinding(
      'warning',
      APT.created,
      'Appointment.created',
      {
        fr: 'created absent\u00a0: élément mustSupport des profils, y mettre la date de prise du rendez-vous',
        en: 'created missing: a mustSupport element of the profiles, put the booking date there',
      },
      [V3.created],
    ),
  ];
}

function statusRule(r: Json, flavour: AppointmentFlavour): Finding[] {
  const allowed = flavour === 'sos-appointment' ? [...STATUSES, 'pending'] : STATUSES;
  const status = r.status;
  if (typeof status === 'string' && allowed.includes(status)) return [];
  const pendingNote: Message =
    status === 'pending' && flavour === 'appointment'
      ? {
          fr: ' (pending ne figure que dans l’exemple SOS de l’IG)',
          en: " (pending appears only in the IG's SOS example)",
        }
      : { fr: '', en: '' };
  return [
    flowFinding(
      'error',
      APT.status,
      'Appointment.status',
      {
        fr: `status ${q(status, 'fr')}\u00a0: le SAS utilise ${allowed.join(', ')}${pendingNote.fr}\u00a0; une annulation est une mise à jour à cancelled`,
        en: `status ${q(status, 'en')}: SAS uses ${allowed.join(', ')}${pendingNote.en}; a cancellation is an update to cancelled`,
      },
      [V3.status],
    ),
  ];
}

function codingsOf(type: unknown): { system?: string; code?: string; k: number }[] {
  return arr(obj(type)?.coding).map((c, k) => ({ system: str(obj(c)?.system), code: str(obj(c)?.code), k }));
}

/** The operator extension (sas-v3@10), its identifier's coherence (sas-v3@11) and, given the run's accounts, its identity. */
function operatorRule(r: Json, knownOperators: readonly string[] | undefined): Finding[] {
  const exts = arr(r.extension);
  const ops = exts.flatMap((e, i) => (obj(e)?.url === OPERATOR_EXTENSION ? [i] : []));
  const missing = (loc: string, m: Message): Finding => flowFinding('error', APT.operator, loc, m, [V3.operator]);
  if (ops.length === 0) {
    return [
      missing('Appointment.extension', {
        fr: `extension opérateur absente\u00a0: ajouter l'extension ${OPERATOR_EXTENSION} dont valueReference.identifier (type, system, value) identifie le régulateur qui a pris le rendez-vous`,
        en: `operator extension missing: add the extension ${OPERATOR_EXTENSION} whose valueReference.identifier (type, system, value) identifies the regulator who booked`,
      }),
    ];
  }
  const out: Finding[] = [];
  if (ops.length > 1)
    out.push(
      missing(`Appointment.extension[${ops[1]}]`, {
        fr: `${ops.length} extensions opérateur\u00a0: le profil en admet une seule (1..1)`,
        en: `${ops.length} operator extensions: the profile allows exactly one (1..1)`,
      }),
    );
  const at = `Appointment.extension[${ops[0]}].valueReference.identifier`;
  const id = obj(obj(obj(exts[ops[0]])?.valueReference)?.identifier);
  if (!id) {
    out.push(
      missing(at, {
        fr: "valueReference.identifier absent dans l'extension opérateur\u00a0: le régulateur est désigné par l'identifiant que le SAS a transmis par le flux V1 (type, system, value), pas par une référence",
        en: 'valueReference.identifier missing in the operator extension: the regulator is designated by the identifier SAS sent by flux V1 (type, system, value), not by a reference',
      }),
    );
    return out;
  }
  const coding = codingsOf(id.type)[0];
  const system = str(id.system);
  const value = str(id.value);
  const absent = [!coding?.code && 'type.coding[0].code', !system && 'system', !value && 'value'].filter((p): p is string => !!p);
  for (const path of absent) {
    out.push(
      missing(`${at}.${path}`, {
        fr: `${path} absent dans l'identifiant de l'opérateur\u00a0: IDNPS + ${IDNPS_SYSTEM} + identifiant national préfixé, ou INTRN + ${SAS_SYSTEM} + UUID`,
        en: `${path} missing in the operator identifier: IDNPS + ${IDNPS_SYSTEM} + prefixed national id, or INTRN + ${SAS_SYSTEM} + UUID`,
      }),
    );
  }
  out.push(...operatorCoherence(at, coding, system, value));
  if (system && value) out.push(...operatorIdentity(at, `${system}|${value}`, knownOperators));
  return out;
}

function operatorCoherence(
  at: string,
  coding: { system?: string; code?: string } | undefined,
  system: string | undefined,
  value: string | undefined,
): Finding[] {
  const out: Finding[] = [];
  const wrong = (loc: string, m: Message): void =>
    void out.push(flowFinding('error', APT.operatorCoherence, loc, m, [V3.operatorIdentity]));
  const code = coding?.code;
  if (code && code !== 'IDNPS' && code !== 'INTRN') {
    wrong(`${at}.type.coding[0].code`, {
      fr: `type ${q(code, 'fr')} de l'identifiant de l'opérateur\u00a0: IDNPS (identifiant national) ou INTRN (identifiant technique SAS)`,
      en: `operator identifier type ${q(code, 'en')}: IDNPS (national id) or INTRN (SAS technical id)`,
    });
  }
  if (code && coding?.system !== TYPE_SYSTEM) {
    wrong(`${at}.type.coding[0].system`, {
      fr: `système du type ${q(coding?.system, 'fr')}\u00a0: ${TYPE_SYSTEM}`,
      en: `type system ${q(coding?.system, 'en')}: ${TYPE_SYSTEM}`,
    });
  }
  const expected = code === 'IDNPS' ? IDNPS_SYSTEM : code === 'INTRN' ? SAS_SYSTEM : undefined;
  if (expected && system && system !== expected) {
    wrong(`${at}.system`, {
      fr: `system ${q(system, 'fr')} incohérent avec le type ${code}\u00a0: ${code} va avec ${expected}`,
      en: `system ${q(system, 'en')} does not go with type ${code}: ${code} goes with ${expected}`,
    });
  }
  if (code === 'INTRN' && value && !UUID.test(value)) {
    wrong(`${at}.value`, {
      fr: `valeur ${q(value, 'fr')}\u00a0: l'identifiant technique SAS (INTRN) est un UUID`,
      en: `value ${q(value, 'en')}: the SAS technical id (INTRN) is a UUID`,
    });
  }
  return out;
}

function operatorIdentity(at: string, key: string, knownOperators: readonly string[] | undefined): Finding[] {
  if (!knownOperators || knownOperators.length === 0) {
    return [
      flowFinding(
        'information',
        APT.operatorKnown,
        at,
        {
          fr: `opérateur ${q(key, 'fr')} non rapproché des comptes régulateurs\u00a0: aucun compte n'a été transmis par le flux V1 dans cette recette`,
          en: `operator ${q(key, 'en')} not matched against regulator accounts: no account was sent by flux V1 in this run`,
        },
        [V3.operatorIdentity],
        { notChecked: true },
      ),
    ];
  }
  if (knownOperators.includes(key)) return [];
  return [
    flowFinding(
      'error',
      APT.operatorKnown,
      at,
      {
        fr: `opérateur ${q(key, 'fr')} inconnu\u00a0: l'opérateur est l'un des comptes régulateurs que le SAS a transmis par le flux V1 (${knownOperators.join(', ')})`,
        en: `unknown operator ${q(key, 'en')}: the operator is one of the regulator accounts SAS sent by flux V1 (${knownOperators.join(', ')})`,
      },
      [V3.operatorIdentity],
    ),
  ];
}

/** Does this participant's actor identifier claim to be a PS (SOS: the profile leaves other actors free)? */
function claimsPs(id: Json): boolean {
  return str(id.system) === IDNPS_SYSTEM || codingsOf(id.type).some((c) => c.code === 'IDNPS');
}

function practitionerRule(r: Json, flavour: AppointmentFlavour): Finding[] {
  const out: Finding[] = [];
  arr(r.participant).forEach((p, i) => {
    const id = obj(obj(obj(p)?.actor)?.identifier);
    if (!id || (flavour === 'sos-appointment' && !claimsPs(id))) return;
    const at = `Appointment.participant[${i}].actor.identifier`;
    const wrong = (loc: string, m: Message): void => void out.push(flowFinding('error', APT.practitioner, loc, m, [V3.practitioner]));
    const types = codingsOf(id.type);
    if (!types.some((c) => c.system === TYPE_SYSTEM && c.code === 'IDNPS')) {
      wrong(`${at}.type`, {
        fr: `type ${q(types.map((c) => `${c.system ?? ''}#${c.code ?? ''}`).join(', ') || undefined, 'fr')}\u00a0: le PS effecteur est identifié par le type ${TYPE_SYSTEM}#IDNPS`,
        en: `type ${q(types.map((c) => `${c.system ?? ''}#${c.code ?? ''}`).join(', ') || undefined, 'en')}: the PS is identified with type ${TYPE_SYSTEM}#IDNPS`,
      });
    }
    const system = str(id.system);
    if (system !== IDNPS_SYSTEM) {
      wrong(`${at}.system`, {
        fr: `system ${q(system, 'fr')}\u00a0: le PS effecteur est identifié dans ${IDNPS_SYSTEM}`,
        en: `system ${q(system, 'en')}: the PS is identified in ${IDNPS_SYSTEM}`,
      });
    }
    const value = str(id.value);
    if (!value || !IDNPS_VALUE.test(value)) {
      const hint: Message =
        value && /^\d{11}$/.test(value)
          ? { fr: ` (un RPPS sans son préfixe\u00a0: envoyer 8${value})`, en: ` (an RPPS without its prefix: send 8${value})` }
          : value && /^\d{9}$/.test(value)
            ? { fr: ` (un ADELI sans son préfixe\u00a0: envoyer 0${value})`, en: ` (an ADELI without its prefix: send 0${value})` }
            : { fr: '', en: '' };
      wrong(`${at}.value`, {
        fr: `identifiant du PS ${q(value, 'fr')}${hint.fr}\u00a0: attendu 8 + RPPS (12 chiffres) ou 0 + ADELI (10 caractères), préfixe compris`,
        en: `PS identifier ${q(value, 'en')}${hint.en}: expected 8 + RPPS (12 digits) or 0 + ADELI (10 characters), prefix included`,
      });
    }
  });
  return out;
}

function participantStatusRule(r: Json, rule: ParticipantStatusRule | undefined, missing: Message | undefined): Finding[] {
  if (!rule) {
    return [
      flowFinding(
        'information',
        APT.participantStatus,
        'Appointment.participant',
        missing ?? {
          fr: 'participant.status non vérifié\u00a0: le profil du rendez-vous n’est pas dans les paquets chargés',
          en: "participant.status not checked: the appointment's profile is not in the loaded packages",
        },
        [V3.participantStatus],
        { notChecked: true },
      ),
    ];
  }
  const from = `${rule.profile}${rule.igPackage ? `, ${rule.igPackage}` : ''}`;
  const how: Message =
    rule.kind === 'fixed'
      ? { fr: `valeur fixée ${rule.codes[0]}`, en: `fixed value ${rule.codes[0]}` }
      : {
          fr: `liaison required à ${rule.valueSet} (${rule.codes.join(', ')})`,
          en: `required binding to ${rule.valueSet} (${rule.codes.join(', ')})`,
        };
  const out: Finding[] = [
    flowFinding(
      'information',
      APT.participantStatus,
      'Appointment.participant',
      {
        fr: `participant.status jugé selon le profil chargé (${from})\u00a0: ${how.fr}. Selon la version de l'IG la règle diffère (la publication officielle 1.2.0 de FrAppointmentSAS fixe accepted, la construction CI de 1.2.0 admet accepted et needs-action)`,
        en: `participant.status judged by the loaded profile (${from}): ${how.en}. The rule differs between IG versions (the official 1.2.0 release of FrAppointmentSAS fixes accepted, the CI build of 1.2.0 allows accepted and needs-action)`,
      },
      [V3.participantStatus],
    ),
  ];
  arr(r.participant).forEach((p, i) => {
    const status = obj(p)?.status;
    if (typeof status === 'string' && rule.codes.includes(status)) return;
    out.push(
      flowFinding(
        'error',
        APT.participantStatus,
        `Appointment.participant[${i}].status`,
        {
          fr: `participant.status ${q(status, 'fr')}\u00a0: le profil chargé (${from}) admet ${rule.codes.join(', ')}`,
          en: `participant.status ${q(status, 'en')}: the loaded profile (${from}) allows ${rule.codes.join(', ')}`,
        },
        [V3.participantStatus],
      ),
    );
  });
  return out;
}

function needsActionRule(r: Json): Finding[] {
  const waiting = arr(r.participant).some((p) => obj(p)?.status === 'needs-action');
  if (!waiting || r.status === 'pending') return [];
  return [
    flowFinding(
      'warning',
      APT.needsActionPending,
      'Appointment.status',
      {
        fr: `status ${q(r.status, 'fr')} alors qu'un participant est needs-action\u00a0: un rendez-vous en attente de confirmation du PS est pending. Exigé par le kit de l'ANS (7.05) seul, cohérent avec l'exemple SOS de l'IG, que l'IG n'écrit pas en règle`,
        en: `status ${q(r.status, 'en')} while a participant is needs-action: an appointment awaiting the PS's confirmation is pending. Asked only by the ANS kit (7.05), in line with the IG's SOS example, which the IG does not write as a rule`,
      },
      [V3.needsActionPending],
    ),
  ];
}

function sosExtensionRule(r: Json, flavour: AppointmentFlavour): Finding[] {
  const n = arr(r.extension).length;
  if (flavour !== 'sos-appointment' || n <= 1) return [];
  return [
    flowFinding(
      'error',
      APT.sosOneExtension,
      'Appointment.extension',
      {
        fr: `${n} extensions\u00a0: sas-sos-appointment n'en admet qu'une (1..1), l'extension opérateur`,
        en: `${n} extensions: sas-sos-appointment allows exactly one (1..1), the operator extension`,
      },
      [V3.sosOneExtension],
    ),
  ];
}

/** Every SAS rule on one Appointment (a JSON object whose resourceType is Appointment). */
export function appointmentRules(input: AppointmentRuleInput): Finding[] {
  const { resource: r, flavour } = input;
  return [
    ...profileRule(r, flavour),
    ...identifierRule(r),
    ...periodRule(r),
    ...createdRule(r),
    ...statusRule(r, flavour),
    ...operatorRule(r, input.knownOperators),
    ...practitionerRule(r, flavour),
    ...participantStatusRule(r, input.participantStatus, input.participantStatusMissing),
    ...needsActionRule(r),
    ...sosExtensionRule(r, flavour),
  ];
}
