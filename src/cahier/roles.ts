/**
 * The roles vocabulary: what a test case needs of the JDD ("a PS with two places", "two PS searched
 * together"), and what an entry must be to play each role. Cases name roles; a JDD entry declares the
 * roles it plays (`roles: [one-place, identity]`); `checkRole` tells whether its facts allow it.
 * Pure data and functions; resolution against a JDD is in case-data.ts.
 */
import type { Message } from '../core/findings.js';
import type { Jdd, JddPractitioner, JddSosStructure } from '../jdd/types.js';
import type { UseCase } from '../core/model.js';

/** Identifiers in one SAS search at most (IG search parameters: 1..25). */
export const SAS_MAX_IDENTIFIERS = 25;

export type JddEntry = JddPractitioner | JddSosStructure;

interface RoleBase {
  name: string;
  useCase: UseCase;
  /** What the role is, for lists and messages. */
  summary: Message;
  /** What an entry needs to play it, in a few words (docs, `jdd check`, not-applicable reasons). */
  needs: Message;
  /** Entries a case takes: at least `min`, at most `max`, in JDD order. */
  min: number;
  max: number;
}

export interface PractitionerRole extends RoleBase {
  list: 'practitioners';
  /** What the entry lacks to play the role (empty: it can). */
  unmet(p: JddPractitioner, jdd: Jdd): Message[];
}

export interface SosRole extends RoleBase {
  list: 'sos';
  unmet(s: JddSosStructure, jdd: Jdd): Message[];
}

export type RoleSpec = PractitionerRole | SosRole;

const m = (fr: string, en: string): Message => ({ fr, en });
const plural = (n: number, fr: string, en: string, frs = `${fr}s`, ens = `${en}s`): Message =>
  m(`${n} ${n > 1 ? frs : fr}`, `${n} ${n > 1 ? ens : en}`);

/** A PS search shows individual slots only (IG: the CPTS flow is a separate search). */
function individualSlots(p: JddPractitioner): Message[] {
  return p.participation === 'cpts'
    ? [
        m(
          'déclaré en CPTS seulement (participation: cpts) : aucun créneau individuel',
          'declared through CPTS only (participation: cpts): no individual slot',
        ),
      ]
    : [];
}

function places(p: JddPractitioner, min: number, max = Infinity): Message[] {
  const n = p.places.length;
  if (n >= min && n <= max) return [];
  const has = plural(n, 'lieu (places)', 'place (places)', 'lieux (places)');
  const want =
    max === min ? m(`il en faut exactement ${min}`, `exactly ${min} needed`) : m(`il en faut au moins ${min}`, `at least ${min} needed`);
  return [m(`${has.fr}, ${want.fr}`, `${has.en}, ${want.en}`)];
}

function locations(s: JddSosStructure, min: number, max = Infinity): Message[] {
  const n = s.locations.length;
  if (n >= min && n <= max) return [];
  const has = plural(n, 'point fixe (locations)', 'location (locations)', 'points fixes (locations)');
  const want =
    max === min ? m(`il en faut exactement ${min}`, `exactly ${min} needed`) : m(`il en faut au moins ${min}`, `at least ${min} needed`);
  return [m(`${has.fr}, ${want.fr}`, `${has.en}, ${want.en}`)];
}

function severalTypes(e: { slotTypes: string[]; consultationTypes: string[] }): Message[] {
  const out: Message[] = [];
  if (e.slotTypes.length < 2)
    out.push(
      m(
        `un seul type de créneau (slotTypes: ${e.slotTypes.join(', ')}), il en faut au moins 2`,
        `one slot type only (slotTypes: ${e.slotTypes.join(', ')}), at least 2 needed`,
      ),
    );
  if (e.consultationTypes.length < 2) {
    out.push(
      m(
        `un seul type de consultation (consultationTypes: ${e.consultationTypes.join(', ')}), il en faut au moins 2`,
        `one consultation type only (consultationTypes: ${e.consultationTypes.join(', ')}), at least 2 needed`,
      ),
    );
  }
  return out;
}

function cptsCount(p: JddPractitioner, min: number, max = Infinity): Message[] {
  const out: Message[] = [];
  if (p.participation === 'individual')
    out.push(
      m(
        'déclaré en exercice individuel seulement (participation: individual)',
        'declared for individual practice only (participation: individual)',
      ),
    );
  const n = p.cpts.length;
  if (n < min || n > max) {
    const want =
      max === min ? m(`il en faut exactement ${min}`, `exactly ${min} needed`) : m(`il en faut au moins ${min}`, `at least ${min} needed`);
    out.push(m(`${n} CPTS déclarée(s) (cpts), ${want.fr}`, `${n} CPTS declared (cpts), ${want.en}`));
  }
  return out;
}

const ps = (r: Omit<PractitionerRole, 'list'>): PractitionerRole => ({ ...r, list: 'practitioners' });
const sos = (r: Omit<SosRole, 'list' | 'useCase'>): SosRole => ({ ...r, list: 'sos', useCase: 'sos' });

/**
 * The vocabulary. Sources of the roles: the ANS kit's prerequisites (groups 4.3 to 4.9, recorded in
 * the `ans-4.x` tags of the cases) and the shipped cases beyond the kit (bulk search, CPTS declaration,
 * SOS consultation points).
 */
export const ROLES: readonly RoleSpec[] = [
  ps({
    name: 'one-place',
    useCase: 'psindiv',
    summary: m('PS exerçant dans un seul lieu (kit 4.3)', 'PS practising in a single place (kit 4.3)'),
    needs: m('exactement 1 lieu, des créneaux individuels', 'exactly 1 place, individual slots'),
    min: 1,
    max: 1,
    unmet: (p) => [...individualSlots(p), ...places(p, 1, 1)],
  }),
  ps({
    name: 'two-places',
    useCase: 'psindiv',
    summary: m('PS exerçant dans plusieurs lieux (kit 4.4)', 'PS practising in several places (kit 4.4)'),
    needs: m('au moins 2 lieux, des créneaux individuels', 'at least 2 places, individual slots'),
    min: 1,
    max: 1,
    unmet: (p) => [...individualSlots(p), ...places(p, 2)],
  }),
  ps({
    name: 'multi-ps',
    useCase: 'psindiv',
    summary: m('deux PS cherchés ensemble (kit 4.5)', 'two PS searched together (kit 4.5)'),
    needs: m('2 entrées, des créneaux individuels', '2 entries, individual slots'),
    min: 2,
    max: 2,
    unmet: (p) => individualSlots(p),
  }),
  ps({
    name: 'identity',
    useCase: 'psindiv',
    summary: m('PS avec téléphone et structure identifiée (kit 4.6)', 'PS with a phone and an identified structure (kit 4.6)'),
    needs: m('un téléphone (phone) et un lieu avec organizationIdnst', 'a phone (phone) and a place with organizationIdnst'),
    min: 1,
    max: 1,
    unmet: (p) => [
      ...individualSlots(p),
      ...(p.phone ? [] : [m('pas de téléphone (phone)', 'no phone (phone)')]),
      ...(p.places.some((pl) => pl.organizationIdnst) ? [] : [m('aucun lieu avec organizationIdnst', 'no place with organizationIdnst')]),
    ],
  }),
  ps({
    name: 'minimal',
    useCase: 'psindiv',
    summary: m(
      'PS sans donnée facultative : ni téléphone ni structure (kit 4.6)',
      'PS without optional data: no phone, no structure (kit 4.6)',
    ),
    needs: m('ni phone, ni téléphone de lieu, ni organizationIdnst', 'no phone, no place phone, no organizationIdnst'),
    min: 1,
    max: 1,
    unmet: (p) => [
      ...individualSlots(p),
      ...(p.phone ? [m('a un téléphone (phone)', 'has a phone (phone)')] : []),
      ...(p.places.some((pl) => pl.phone) ? [m('un lieu a un téléphone', 'a place has a phone')] : []),
      ...(p.places.some((pl) => pl.organizationIdnst) ? [m('un lieu a un organizationIdnst', 'a place has an organizationIdnst')] : []),
    ],
  }),
  ps({
    name: 'all-types',
    useCase: 'psindiv',
    summary: m(
      'PS proposant plusieurs types de créneau et de consultation (kit 4.7)',
      'PS offering several slot and consultation types (kit 4.7)',
    ),
    needs: m('au moins 2 slotTypes et 2 consultationTypes', 'at least 2 slotTypes and 2 consultationTypes'),
    min: 1,
    max: 1,
    unmet: (p) => [...individualSlots(p), ...severalTypes(p)],
  }),
  ps({
    name: 'bulk',
    useCase: 'psindiv',
    summary: m("PS d'une recherche à 25 identifiants", 'PS of a 25-identifier search'),
    needs: m(`de 2 à ${SAS_MAX_IDENTIFIERS} entrées, des créneaux individuels`, `2 to ${SAS_MAX_IDENTIFIERS} entries, individual slots`),
    min: 2,
    max: SAS_MAX_IDENTIFIERS,
    unmet: (p) => individualSlots(p),
  }),
  ps({
    name: 'cpts-one-cpts',
    useCase: 'cpts',
    summary: m('PS déclaré via une seule CPTS', 'PS declared through a single CPTS'),
    needs: m('participation cpts ou both, exactement 1 CPTS', 'participation cpts or both, exactly 1 CPTS'),
    min: 1,
    max: 1,
    unmet: (p) => cptsCount(p, 1, 1),
  }),
  ps({
    name: 'cpts-two-cpts',
    useCase: 'cpts',
    summary: m('PS déclaré via deux CPTS, créneaux séparés (kit 4.8.1)', 'PS declared through two CPTS, separate slots (kit 4.8.1)'),
    needs: m(
      'participation cpts ou both, au moins 2 CPTS, sans sharedCptsSlots',
      'participation cpts or both, at least 2 CPTS, no sharedCptsSlots',
    ),
    min: 1,
    max: 1,
    unmet: (p) => [
      ...cptsCount(p, 2),
      ...(p.sharedCptsSlots ? [m('créneaux partagés (sharedCptsSlots: true)', 'shared slots (sharedCptsSlots: true)')] : []),
    ],
  }),
  ps({
    name: 'cpts-shared-slot',
    useCase: 'cpts',
    summary: m('PS dont chaque créneau est partagé par deux CPTS (kit 4.8.2)', 'PS whose every slot is shared by two CPTS (kit 4.8.2)'),
    needs: m('au moins 2 CPTS et sharedCptsSlots: true', 'at least 2 CPTS and sharedCptsSlots: true'),
    min: 1,
    max: 1,
    unmet: (p) => [
      ...cptsCount(p, 2),
      ...(p.sharedCptsSlots ? [] : [m('sharedCptsSlots absent ou false', 'sharedCptsSlots missing or false')]),
    ],
  }),
  ps({
    name: 'cpts-individual-only',
    useCase: 'cpts',
    summary: m(
      'PS déclaré en exercice individuel seulement : aucun créneau CPTS',
      'PS declared for individual practice only: no CPTS slot',
    ),
    needs: m('participation individual', 'participation individual'),
    min: 1,
    max: 1,
    unmet: (p) => (p.participation === 'individual' ? [] : [m(`participation ${p.participation}`, `participation ${p.participation}`)]),
  }),
  ps({
    name: 'cpts-both',
    useCase: 'cpts',
    summary: m('PS avec des créneaux individuels et CPTS', 'PS with individual and CPTS slots'),
    needs: m('participation both', 'participation both'),
    min: 1,
    max: 1,
    unmet: (p) => (p.participation === 'both' ? [] : [m(`participation ${p.participation}`, `participation ${p.participation}`)]),
  }),
  sos({
    name: 'sos-one-place',
    summary: m('association avec un seul point fixe de garde', 'association with a single consultation point'),
    needs: m('exactement 1 location', 'exactly 1 location'),
    min: 1,
    max: 1,
    unmet: (s) => locations(s, 1, 1),
  }),
  sos({
    name: 'sos-two-places',
    summary: m('association avec plusieurs points fixes de garde', 'association with several consultation points'),
    needs: m('au moins 2 locations', 'at least 2 locations'),
    min: 1,
    max: 1,
    unmet: (s) => locations(s, 2),
  }),
  sos({
    name: 'sos-contact',
    summary: m(
      'association dont la structure et chaque point fixe ont un téléphone',
      'association whose structure and every consultation point have a phone',
    ),
    needs: m('phone sur la structure et sur chaque location', 'phone on the structure and on every location'),
    min: 1,
    max: 1,
    unmet: (s) => [
      ...(s.phone ? [] : [m('pas de téléphone (phone)', 'no phone (phone)')]),
      ...s.locations.filter((l) => !l.phone).map((l) => m(`point fixe « ${l.key} » sans téléphone`, `location "${l.key}" without a phone`)),
    ],
  }),
  sos({
    name: 'sos-all-types',
    summary: m(
      'association proposant plusieurs types de créneau et de consultation',
      'association offering several slot and consultation types',
    ),
    needs: m('au moins 2 slotTypes et 2 consultationTypes', 'at least 2 slotTypes and 2 consultationTypes'),
    min: 1,
    max: 1,
    unmet: (s) => severalTypes(s),
  }),
];

const BY_NAME = new Map(ROLES.map((r) => [r.name, r]));

export function roleSpec(name: string): RoleSpec | undefined {
  return BY_NAME.get(name);
}

export function rolesOfUseCase(useCase: UseCase): RoleSpec[] {
  return ROLES.filter((r) => r.useCase === useCase);
}

/** `two-places?` → optional need of `two-places`. */
export function parseRoleNeed(need: string): { role: string; optional: boolean } {
  return need.endsWith('?') ? { role: need.slice(0, -1), optional: true } : { role: need, optional: false };
}

/** The JDD list a use case's cases draw from. */
export function listOf(useCase: UseCase): 'practitioners' | 'sos' {
  return useCase === 'sos' ? 'sos' : 'practitioners';
}

export function entriesOf(jdd: Jdd, useCase: UseCase): JddEntry[] {
  return useCase === 'sos' ? jdd.sos : jdd.practitioners;
}

/** The national identifier the search sends for an entry: IDNPS, or 3 + SIRET. */
export function identifierOf(e: JddEntry): string {
  return 'idnps' in e ? e.idnps : e.siret;
}

/** What the entry lacks to play the role (empty when it can). */
export function checkRole(spec: RoleSpec, entry: JddEntry, jdd: Jdd): Message[] {
  if (spec.list === 'sos') return 'siret' in entry ? spec.unmet(entry, jdd) : [m('pas une structure SOS', 'not an SOS structure')];
  return 'idnps' in entry ? spec.unmet(entry, jdd) : [m('pas un professionnel', 'not a practitioner')];
}

/** Entries of the JDD that could play the role from their facts, whether they declare it or not. */
export function couldPlay(spec: RoleSpec, jdd: Jdd): JddEntry[] {
  return entriesOf(jdd, spec.useCase).filter((e) => checkRole(spec, e, jdd).length === 0);
}
