/**
 * Named defects the reference editor can be asked to show, so every check of sas-recette can be seen
 * failing against a real HTTP answer (`sas-recette mock --defect NAME`). Each defect says what it
 * breaks and which check should catch it. Rule ids are those of `src/rules`; `check` describes the
 * expected finding in words for checks that are not SAS rules (transport, structure, kit).
 */
import { SetupError } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import { DEFECT_NAMES } from './defect-names.js';

// The names alone live in their own module, which the command line loads for `--help` without the defects.
export { DEFECT_NAMES };

export type DefectName = (typeof DEFECT_NAMES)[number];

/**
 * Where the defect is produced: in the FHIR content of the search, in the HTTP exchange around it, or
 * in the appointment-side flows (regulator accounts, booking pages, appointments sent to SAS).
 */
export type DefectLayer = 'content' | 'transport' | 'flow';

export interface Defect {
  name: DefectName;
  layer: DefectLayer;
  description: Message;
  /** Rule ids (src/rules) or structural keys expected to report it, when they exist. */
  rules: string[];
  /** Requirement ids of the ANS kit the defect violates (agg-psindiv@N), when one applies. */
  requirements: string[];
  /** The check that should see it, in words. */
  check: Message;
}

function d(
  name: DefectName,
  layer: DefectLayer,
  description: Message,
  check: Message,
  rules: string[] = [],
  requirements: string[] = [],
): Defect {
  return { name, layer, description, check, rules, requirements };
}

export const DEFECTS: readonly Defect[] = [
  d(
    'wrong-status',
    'content',
    { fr: 'Le premier créneau renvoyé a le statut busy au lieu de free.', en: 'The first returned slot has status busy instead of free.' },
    { fr: 'Statut des créneaux = free (profil : valeur fixée ; kit 4.3.09).', en: 'Slot status = free (profile fixed value; kit 4.3.09).' },
    ['SAS-WIN-001', 'Slot.status'],
    ['agg-psindiv@10'],
  ),
  d(
    'slot-outside-window',
    'content',
    {
      fr: 'Le dernier créneau commence une heure après la borne le de la recherche.',
      en: 'The last slot starts one hour after the search le bound.',
    },
    { fr: 'Créneaux dans la fenêtre [ge, le] demandée.', en: 'Slots inside the requested [ge, le] window.' },
    ['SAS-WIN-002'],
    ['agg-psindiv@5', 'agg-psindiv@7'],
  ),
  d(
    'cpts-after-48h',
    'content',
    {
      fr: "Un créneau CPTS est proposé 49 h après la recherche (au-delà de l'horizon de 48 h).",
      en: 'A CPTS slot is offered 49 h after the search (beyond the 48-hour horizon).',
    },
    { fr: 'Créneaux CPTS uniquement dans les 48 h.', en: 'CPTS slots only within 48 hours.' },
    ['SAS-CPTS-001'],
  ),
  d(
    'missing-include',
    'content',
    {
      fr: 'Les ressources incluses de fin de graphe sont omises (Practitioner ; Organization pour SOS).',
      en: 'The resources included at the end of the graph are left out (Practitioner; Organization for SOS).',
    },
    {
      fr: 'Chaque référence pointe vers une ressource du Bundle ; cardinalités du kit (4.3.02).',
      en: 'Every reference points to a resource of the Bundle; kit cardinalities (4.3.02).',
    },
    ['SAS-REF-002', 'SAS-REF-003', 'SAS-REF-007'],
    ['agg-psindiv@15'],
  ),
  d(
    'dangling-reference',
    'content',
    {
      fr: 'Slot.schedule du premier créneau pointe vers un Schedule absent du Bundle.',
      en: 'Slot.schedule of the first slot points to a Schedule missing from the Bundle.',
    },
    { fr: 'Slot.schedule pointe vers un Schedule du Bundle.', en: 'Slot.schedule points to a Schedule of the Bundle.' },
    ['SAS-REF-001'],
    ['agg-psindiv@12'],
  ),
  d(
    'bad-phone',
    'content',
    {
      fr: 'Les téléphones sont au format national avec espaces (01 99 00 01 01) au lieu de +33…',
      en: 'Phone numbers are in national format with spaces (01 99 00 01 01) instead of +33…',
    },
    { fr: 'Téléphone au format +33 suivi de 9 chiffres (kit 4.6.05).', en: 'Phone as +33 followed by 9 digits (kit 4.6.05).' },
    ['SAS-TEL-001'],
    ['agg-psindiv@34'],
  ),
  d(
    'bad-finess',
    'content',
    {
      fr: 'Les identifiants de structure perdent leur préfixe (FINESS CPTS sur 9 chiffres, SIRET SOS sur 14, IDNST du lieu).',
      en: 'Structure identifiers lose their prefix (9-digit CPTS FINESS, 14-digit SOS SIRET, place IDNST).',
    },
    {
      fr: 'FINESS-invariant / SIRET-invariant des profils ; IDNST du lieu (kit 4.6.06, 4.3.13).',
      en: 'Profile FINESS-invariant / SIRET-invariant; place IDNST (kit 4.6.06, 4.3.13).',
    },
    ['FINESS-invariant', 'SIRET-invariant', 'SAS-STR-001', 'SAS-STR-002', 'SAS-STR-003'],
    ['agg-psindiv@20'],
  ),
  d(
    'date-without-offset',
    'content',
    {
      fr: 'Début et fin des créneaux sans décalage horaire (2026-03-02T08:00:00.000).',
      en: 'Slot start and end without a time offset (2026-03-02T08:00:00.000).',
    },
    {
      fr: 'Format AAAA-MM-JJTHH:MM:SS.000+0X:00 (instant FHIR ; kit 4.3.04).',
      en: 'Format YYYY-MM-DDTHH:MM:SS.000+0X:00 (FHIR instant; kit 4.3.04).',
    },
    ['SAS-DAT-001'],
    ['agg-psindiv@45'],
  ),
  d(
    'html-502',
    'transport',
    { fr: 'La recherche répond 502 avec une page HTML de passerelle.', en: 'The search answers 502 with an HTML gateway page.' },
    {
      fr: 'Réponse 200 application/fhir+json ; un échec doit porter un OperationOutcome.',
      en: 'A 200 application/fhir+json answer; a failure must carry an OperationOutcome.',
    },
    ['EXP-STATUS', 'EXP-BODY-JSON'],
  ),
  d(
    'slow',
    'transport',
    {
      fr: 'La réponse arrive après le délai (8 s par défaut, au-delà des 7 s du SAS ; réglable par --delay).',
      en: 'The answer arrives after the timeout (8 s by default, beyond the SAS 7 s; set with --delay).',
    },
    { fr: 'Temps de réponse < 7 s (délai du SAS).', en: 'Response time < 7 s (SAS time-out).' },
    ['SAS-PERF-001', 'EXP-LATENCY'],
  ),
  d(
    'huge-body',
    'transport',
    { fr: 'Le corps de la réponse dépasse 20 Mo (envoyé en flux).', en: 'The response body exceeds 20 MB (streamed).' },
    {
      fr: 'Taille maximale de réponse du client (abandon propre, pas de saturation mémoire).',
      en: 'Client maximum response size (clean abort, no memory exhaustion).',
    },
  ),
  d(
    'truncated-json',
    'transport',
    { fr: 'Le JSON de la réponse est coupé en son milieu.', en: 'The response JSON is cut in the middle.' },
    { fr: 'Corps JSON lisible (erreur de syntaxe JSON localisée).', en: 'Readable JSON body (located JSON syntax error).' },
    ['EXP-BODY-JSON'],
  ),
  d(
    'wrong-content-type',
    'transport',
    {
      fr: 'La réponse est annoncée en text/plain au lieu de application/fhir+json.',
      en: 'The response is labelled text/plain instead of application/fhir+json.',
    },
    { fr: 'Content-Type application/fhir+json (le kit émet un avertissement).', en: 'Content-Type application/fhir+json (the kit warns).' },
    ['EXP-CONTENT-TYPE'],
  ),
  d(
    'injection',
    'content',
    {
      fr: 'Noms, URL et messages contiennent du HTML/JS (<script>, "><img onerror>, javascript:, </textarea>).',
      en: 'Names, URLs and messages carry HTML/JS (<script>, "><img onerror>, javascript:, </textarea>).',
    },
    {
      fr: "Les rapports échappent tout contenu venu du point d'accès ; Slot.comment doit être une URL http(s).",
      en: 'Reports escape everything that comes from the endpoint; Slot.comment must be an http(s) URL.',
    },
    ['SAS-URL-001'],
  ),
  d(
    'no-operation-outcome',
    'transport',
    {
      fr: 'Les paramètres invalides reçoivent 200 et un Bundle vide au lieu de 400 + OperationOutcome.',
      en: 'Invalid parameters get 200 and an empty Bundle instead of 400 + OperationOutcome.',
    },
    { fr: 'Requête invalide → 4xx avec un OperationOutcome.', en: 'Invalid request → 4xx with an OperationOutcome.' },
    ['SAS-ERR-001', 'SAS-ERR-002', 'SAS-ERR-003', 'SAS-ERR-004', 'SAS-ERR-006', 'EXP-STATUS', 'EXP-OPERATION-OUTCOME'],
  ),
  d(
    'cpts-for-individual',
    'content',
    { fr: 'Un PS déclaré en individuel seulement reçoit des créneaux CPTS.', en: 'A PS declared individual only gets CPTS slots.' },
    {
      fr: 'Pas de créneau CPTS pour un PS non déclaré via une CPTS (attente du cahier).',
      en: 'No CPTS slot for a PS not declared via a CPTS (cahier expectation).',
    },
    ['EXP-CPTS-SLOTS'],
  ),
  d(
    'wrong-finess',
    'content',
    {
      fr: "Les créneaux CPTS sont rattachés à une CPTS que le PS n'a pas déclarée.",
      en: 'CPTS slots are attached to a CPTS the PS did not declare.',
    },
    {
      fr: 'FINESS des Organization CPTS = CPTS déclarées par le PS (attente du cahier).',
      en: 'FINESS of the CPTS Organizations = CPTS the PS declared (cahier expectation).',
    },
    ['EXP-CPTS-FINESS'],
  ),
  d(
    'wrong-practitioner',
    'content',
    {
      fr: "Le Practitioner renvoyé porte l'IDNPS d'un autre PS que celui demandé.",
      en: 'The returned Practitioner carries the IDNPS of another PS than the one asked for.',
    },
    { fr: 'IDNPS renvoyé = IDNPS demandé (kit 4.3.03).', en: 'Returned IDNPS = requested IDNPS (kit 4.3.03).' },
    ['SAS-IDN-002', 'SAS-IDN-003'],
    ['agg-psindiv@18'],
  ),
  d(
    'total-mismatch',
    'content',
    { fr: 'Bundle.total vaut le nombre de résultats plus un.', en: 'Bundle.total is the number of matches plus one.' },
    { fr: "Bundle.total = nombre d'entrées match.", en: 'Bundle.total = number of match entries.' },
    ['SAS-BDL-002', 'EXP-TOTAL'],
  ),
  d(
    'missing-comment',
    'content',
    { fr: "Aucun créneau ne porte d'URL de réservation (Slot.comment).", en: 'No slot carries a booking URL (Slot.comment).' },
    { fr: 'URL de réservation dans Slot.comment (kit 4.3.08).', en: 'Booking URL in Slot.comment (kit 4.3.08).' },
    ['SAS-URL-001'],
    ['agg-psindiv@25'],
  ),
  d(
    'bad-consultation-type',
    'content',
    {
      fr: 'Le type de consultation est un code maison (VISIO) au lieu de AMB/HH/VR.',
      en: 'The consultation type is an in-house code (VISIO) instead of AMB/HH/VR.',
    },
    { fr: 'serviceType v3-ActCode AMB, HH ou VR (kit 4.7.03).', en: 'serviceType v3-ActCode AMB, HH or VR (kit 4.7.03).' },
    ['SAS-SLT-002', 'EXP-CONSULTATION-TYPES'],
    ['agg-psindiv@24', 'agg-psindiv@48'],
  ),
  d(
    'regul-accepts-invalid',
    'flow',
    {
      fr: 'Les comptes régulateurs invalides (sans identifier, sans active, telecom phone, système et code croisés, chaîne vide) sont acceptés en 201.',
      en: 'Invalid regulator accounts (no identifier, no active, phone telecom, crossed system and code, empty string) are accepted with 201.',
    },
    {
      fr: 'Un compte FrPractitionerRegul invalide est refusé en 4xx avec un OperationOutcome (flux V1).',
      en: 'An invalid FrPractitionerRegul account is refused with a 4xx and an OperationOutcome (flux V1).',
    },
    ['SAS-REG-002'],
    ['sas-v1@12', 'sas-v1@13'],
  ),
  d(
    'regul-ignores-update',
    'flow',
    {
      fr: "Un PUT de compte régulateur répond 200 mais ne change rien : la relecture montre le compte d'avant.",
      en: 'A regulator-account PUT answers 200 but changes nothing: the read-back shows the account as it was.',
    },
    {
      fr: 'La relecture du compte après une mise à jour montre la valeur envoyée (flux V1).',
      en: 'Reading the account back after an update shows the value sent (flux V1).',
    },
    ['SAS-REG-005'],
    ['sas-v1@7', 'sas-v1@8', 'sas-v1@9', 'sas-v1@16'],
  ),
  d(
    'sso-no-redirect',
    'flow',
    {
      fr: "L'URL de réservation affiche l'agenda (200) à un visiteur non authentifié, sans page de connexion.",
      en: 'The booking URL shows the agenda (200) to an unauthenticated visitor, with no login page.',
    },
    {
      fr: "Une visite non authentifiée de l'URL de réservation mène à une page de connexion (flux V2).",
      en: 'An unauthenticated visit of the booking URL leads to a login page (flux V2).',
    },
    ['SAS-SSO-002'],
    ['sas-v2@4'],
  ),
  d(
    'appointment-invalid',
    'flow',
    {
      fr: "Les rendez-vous envoyés au SAS n'ont pas l'extension opérateur et identifient le PS par un RPPS sans préfixe.",
      en: 'The appointments sent to SAS lack the operator extension and identify the PS by an RPPS without its prefix.',
    },
    {
      fr: 'Chaque Appointment reçu est conforme à FrAppointmentSAS / sas-sos-appointment (flux V3).',
      en: 'Every Appointment received conforms to FrAppointmentSAS / sas-sos-appointment (flux V3).',
    },
    ['SAS-APT-003', 'SAS-APT-004'],
    ['sas-v3@4', 'sas-v3@10', 'sas-v3@12'],
  ),
];

export function isDefectName(name: string): name is DefectName {
  return (DEFECT_NAMES as readonly string[]).includes(name);
}

/** Validates names given on the command line; unknown ones → SetupError listing the known ones. */
export function parseDefectNames(names: string[]): DefectName[] {
  const unknown = names.filter((n) => !isDefectName(n));
  if (unknown.length > 0) {
    const known = DEFECT_NAMES.join(', ');
    throw new SetupError(
      {
        fr: `défaut inconnu\u00a0: ${unknown.map((n) => `«\u00a0${n}\u00a0»`).join(', ')}`,
        en: `unknown defect ${unknown.map((n) => `"${n}"`).join(', ')}`,
      },
      {
        fr: `défauts connus\u00a0: ${known} (sas-recette mock --list-defects)`,
        en: `known defects: ${known} (sas-recette mock --list-defects)`,
      },
    );
  }
  return [...new Set(names)] as DefectName[];
}

/** Text for `--list-defects`: one line per defect, in the chosen language. */
export function describeDefects(lang: 'fr' | 'en' = 'en'): string {
  const width = Math.max(...DEFECTS.map((x) => x.name.length));
  return DEFECTS.map(
    (x) =>
      `${x.name.padEnd(width)}  ${x.description[lang]}\n${' '.repeat(width)}  → ${x.check[lang]}${x.rules.length || x.requirements.length ? ` [${[...x.rules, ...x.requirements].join(', ')}]` : ''}`,
  ).join('\n');
}
