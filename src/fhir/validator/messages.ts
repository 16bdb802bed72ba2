/**
 * French and English texts of structural findings: what is wrong and what was expected.
 * Values coming from the validated document are quoted and truncated (never trusted as markup).
 */
import type { Message } from '../../core/findings.js';

export function show(value: unknown, max = 80): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const m = (fr: string, en: string): Message => ({ fr, en });

/** The invariant messages made so far, by constraint key and text (msg.invariant): a few dozen constraints at most. */
const INVARIANT_MESSAGES = new Map<string, Message>();

const jsonKindFr: Record<string, string> = {
  string: 'une chaîne',
  boolean: 'un booléen',
  number: 'un nombre',
  object: 'un objet',
  array: 'un tableau',
  null: 'null',
};
const kindFr = (k: string) => jsonKindFr[k] ?? k;
const kindEn = (k: string) => (k === 'object' || k === 'array' ? `an ${k}` : k === 'null' ? 'null' : `a ${k}`);

export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export const msg = {
  notObject: (got: string) =>
    m(
      `Le document doit être un objet JSON (ressource FHIR) ; reçu : ${kindFr(got)}.`,
      `The document must be a JSON object (a FHIR resource); got ${kindEn(got)}.`,
    ),
  noResourceType: () =>
    m(
      "La propriété « resourceType » (chaîne) est absente : ce n'est pas une ressource FHIR.",
      'Property "resourceType" (a string) is missing: this is not a FHIR resource.',
    ),
  tooDeep: (max: number) =>
    m(
      `Imbrication JSON trop profonde (plus de ${max} niveaux) : document non validé.`,
      `JSON nesting too deep (more than ${max} levels): document not validated.`,
    ),
  unknownResourceType: (t: string) => m(`Type de ressource inconnu ${show(t)} en FHIR R4.`, `Unknown resource type ${show(t)} in FHIR R4.`),
  resourceTypeNotAllowed: (t: string, allowed: string) =>
    m(
      `Ressource de type ${show(t)} non autorisée ici ; attendu : ${allowed}.`,
      `Resource of type ${show(t)} not allowed here; expected: ${allowed}.`,
    ),
  unknownElement: (name: string, where: string) =>
    m(
      `Élément inconnu ${show(name)} dans ${where} : supprimez-le ou corrigez son nom.`,
      `Unknown element ${show(name)} in ${where}: remove it or fix its name.`,
    ),
  wrongJson: (type: string, expected: string, got: string) =>
    m(
      `Type JSON incorrect pour un ${type} : attendu ${kindFr(expected)}, reçu ${kindFr(got)}.`,
      `Wrong JSON type for a ${type}: expected ${kindEn(expected)}, got ${kindEn(got)}.`,
    ),
  nullValue: () => m("Valeur null interdite en JSON FHIR : omettez l'élément.", 'null is not allowed in FHIR JSON: omit the element.'),
  expectedArray: () =>
    m(
      'Cet élément répétable doit être un tableau JSON, même avec une seule valeur.',
      'This repeating element must be a JSON array, even with a single value.',
    ),
  unexpectedArray: () =>
    m(
      "Cet élément n'est pas répétable : valeur unique attendue, pas un tableau.",
      'This element does not repeat: a single value is expected, not an array.',
    ),
  emptyArray: () =>
    m("Tableau vide interdit en JSON FHIR : omettez l'élément.", 'Empty arrays are not allowed in FHIR JSON: omit the element.'),
  misalignedPrimitive: () =>
    m(
      'Les tableaux « x » et « _x » doivent avoir la même longueur et pas de null aux mêmes positions.',
      'Arrays "x" and "_x" must have the same length and no null at the same index.',
    ),
  choiceType: (name: string, allowed: string) =>
    m(
      `Type ${show(name)} non autorisé pour ce choix ; types permis : ${allowed}.`,
      `Type ${show(name)} is not allowed for this choice; allowed types: ${allowed}.`,
    ),
  choiceMultiple: (names: string) =>
    m(
      `Un seul type doit être donné pour un élément à choix ; trouvé : ${names}.`,
      `Only one type may be given for a choice element; found: ${names}.`,
    ),
  // JSON.parse turns 1e999999 into Infinity, which JSON.stringify would show as "null".
  format: (type: string, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value)
      ? m(
          `Nombre hors limites pour le type ${type} : la valeur écrite dépasse ce qu'un nombre peut représenter (environ ±1,8e308).`,
          `Number out of range for ${type}: the value written exceeds what a number can represent (about ±1.8e308).`,
        )
      : m(`Valeur ${show(value)} invalide pour le type ${type}.`, `Value ${show(value)} is not a valid ${type}.`),
  range: (type: string, value: unknown, min: number) =>
    m(
      `Valeur ${show(value)} hors limites pour le type ${type} (minimum ${min}).`,
      `Value ${show(value)} is out of range for ${type} (minimum ${min}).`,
    ),
  tooLong: (max: number, len: number) =>
    m(`Valeur trop longue : ${len} caractères, maximum ${max}.`, `Value too long: ${len} characters, maximum ${max}.`),
  min: (id: string, min: number, found: number) => m(`${id} : minimum ${min}, trouvé ${found}.`, `${id}: minimum ${min}, found ${found}.`),
  max: (id: string, max: number, found: number) => m(`${id} : maximum ${max}, trouvé ${found}.`, `${id}: maximum ${max}, found ${found}.`),
  fixed: (expected: unknown, got: unknown) =>
    m(
      `Valeur fixée par le profil : attendu ${show(expected, 160)}, reçu ${show(got)}.`,
      `Value fixed by the profile: expected ${show(expected, 160)}, got ${show(got)}.`,
    ),
  pattern: (expected: unknown, got: unknown) =>
    m(
      `La valeur doit contenir le motif du profil ${show(expected, 160)} ; reçu ${show(got)}.`,
      `The value must contain the profile pattern ${show(expected, 160)}; got ${show(got)}.`,
    ),
  notInValueSet: (strength: string, vs: string, got: unknown) =>
    strength === 'required'
      ? m(`Code ${show(got)} absent du jeu de valeurs obligatoire ${vs}.`, `Code ${show(got)} is not in the required value set ${vs}.`)
      : m(
          `Code ${show(got)} absent du jeu de valeurs extensible ${vs} : utilisez-en un code s'il convient.`,
          `Code ${show(got)} is not in the extensible value set ${vs}: use one of its codes when one fits.`,
        ),
  textOnly: (vs: string) =>
    m(
      `Concept donné en texte seul alors que la liaison au jeu de valeurs ${vs} est obligatoire (required) : un code de ce jeu est attendu.`,
      `Concept given as text only under a required binding to ${vs}: a code from that value set is expected.`,
    ),
  valueSetNotChecked: (vs: string) =>
    m(
      `Jeu de valeurs ${vs} non disponible dans les packages chargés : codes non vérifiés.`,
      `Value set ${vs} is not available in the loaded packages: codes not checked.`,
    ),
  profileUnknown: (url: string) =>
    m(
      `Profil ${url} inconnu des packages chargés : conformité à ce profil non vérifiée.`,
      `Profile ${url} is unknown to the loaded packages: conformance to it not checked.`,
    ),
  profileAsked: (url: string) =>
    m(
      `Profil demandé ${url} introuvable dans les packages chargés : seule la structure de base est vérifiée.`,
      `Requested profile ${url} not found in the loaded packages: only the base structure is checked.`,
    ),
  profileType: (url: string, type: string, got: string) =>
    m(`Le profil ${url} s'applique à ${type}, pas à ${show(got)}.`, `Profile ${url} applies to ${type}, not to ${show(got)}.`),
  extensionUnknown: (url: string) =>
    m(
      `Définition d'extension ${url} inconnue des packages chargés : contenu non vérifié.`,
      `Extension definition ${url} is unknown to the loaded packages: content not checked.`,
    ),
  /** One message per constraint, shared by its findings (dom-6 fails on most resources of an answer: thousands of the same text). */
  invariant: (key: string, human: string) => {
    const id = `${key}\u0000${human}`;
    let message = INVARIANT_MESSAGES.get(id);
    if (!message)
      INVARIANT_MESSAGES.set(id, (message = m(`Contrainte ${key} non respectée : ${human}`, `Constraint ${key} failed: ${human}`)));
    return message;
  },
  invariantOnInvalidData: (key: string, why: string) =>
    m(
      `Contrainte ${key} non évaluée : les données qu'elle lit n'ont pas le type attendu (${show(why, 120)}) ; l'erreur de type est signalée à part.`,
      `Constraint ${key} not evaluated: the data it reads does not have the expected type (${show(why, 120)}); the type error is reported separately.`,
    ),
  invariantNotEvaluated: (key: string, expression: string) =>
    m(
      `Contrainte ${key} non évaluée (expression FHIRPath non prise en charge : ${show(expression, 120)}).`,
      `Constraint ${key} not evaluated (FHIRPath expression not supported: ${show(expression, 120)}).`,
    ),
  sliceMin: (slice: string, min: number, found: number) =>
    m(`Tranche ${slice} : minimum ${min}, trouvé ${found}.`, `Slice ${slice}: minimum ${min}, found ${found}.`),
  sliceMax: (slice: string, max: number, found: number) =>
    m(`Tranche ${slice} : maximum ${max}, trouvé ${found}.`, `Slice ${slice}: maximum ${max}, found ${found}.`),
  closedSlicing: (element: string) =>
    m(
      `Cette valeur ne correspond à aucune tranche de ${element} et le découpage est fermé.`,
      `This value matches no slice of ${element} and the slicing is closed.`,
    ),
  sliceOrder: (element: string) =>
    m(
      `Les valeurs de ${element} doivent suivre l'ordre des tranches du profil.`,
      `The values of ${element} must follow the order of the profile's slices.`,
    ),
  referenceType: (target: string, allowed: string) =>
    m(
      `La référence pointe vers ${show(target)} ; types attendus : ${allowed}.`,
      `The reference points to ${show(target)}; expected types: ${allowed}.`,
    ),
  referenceProfile: (target: string, profiles: string) =>
    m(
      `La ressource référencée ${show(target)} n'est conforme à aucun des profils attendus : ${profiles}.`,
      `The referenced resource ${show(target)} conforms to none of the expected profiles: ${profiles}.`,
    ),
  targetProfileNotChecked: (url: string) =>
    m(
      `Profil cible ${url} inconnu des packages chargés : type et conformité des ressources référencées non vérifiés.`,
      `Target profile ${url} is unknown to the loaded packages: type and conformance of referenced resources not checked.`,
    ),
  typeProfileNotChecked: (url: string) =>
    m(
      `Profil de type de données ${url} inconnu des packages chargés : vérifié contre le type de base seulement.`,
      `Datatype profile ${url} is unknown to the loaded packages: checked against the base type only.`,
    ),
};
