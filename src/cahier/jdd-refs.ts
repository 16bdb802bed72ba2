/**
 * Which JDD entries a test case uses (pure). A case names roles (src/cahier/roles.ts) or, in custom
 * cahiers, explicit JDD keys; this picks the entries of the JDD that play those roles, or says why the
 * case cannot apply to this JDD (a not-applicable reason naming the role, the JDD and what it needs).
 * Nothing here is a load error: any editor's JDD runs the cahier.
 */
import type { Message } from '../core/findings.js';
import type { Jdd, JddCpts, JddPractitioner, JddSosStructure } from '../jdd/types.js';
import {
  checkRole,
  entriesOf,
  identifierOf,
  listOf,
  parseRoleNeed,
  roleSpec,
  SAS_MAX_IDENTIFIERS,
  type JddEntry,
  type RoleSpec,
} from './roles.js';
import type { JddKeys, TestCase } from './types.js';

export interface ResolvedRefs {
  practitioners: JddPractitioner[];
  cpts: JddCpts[];
  sos: JddSosStructure[];
}

/** One role of a case and the entries chosen to play it (none when optional and not filled). */
export interface RoleFill {
  role: string;
  optional: boolean;
  entries: JddEntry[];
}

export interface CaseData {
  refs: ResolvedRefs;
  /** How the case named its data. */
  by: 'roles' | 'keys' | 'all' | 'none';
  roles: RoleFill[];
}

export type CaseDataResult = CaseData | { notApplicable: Message };

const EMPTY: ResolvedRefs = { practitioners: [], cpts: [], sos: [] };

function jddName(jdd: Jdd): Message {
  const where = jdd.file ? ` (${jdd.file})` : '';
  return { fr: `le JDD « ${jdd.id} »${where}`, en: `JDD "${jdd.id}"${where}` };
}

const listLabel: Record<'practitioners' | 'sos' | 'cpts', Message> = {
  practitioners: { fr: 'professionnel (practitioners)', en: 'practitioner (practitioners)' },
  sos: { fr: 'structure SOS (sos)', en: 'SOS structure (sos)' },
  cpts: { fr: 'CPTS (cpts)', en: 'CPTS (cpts)' },
};

/** Explicit keys (custom cahiers): every key must exist, `all` takes the first 25 entries. */
function pickKeys<T extends { key: string }>(
  keys: JddKeys | undefined,
  entries: T[],
  list: 'practitioners' | 'sos' | 'cpts',
  jdd: Jdd,
): T[] | Message {
  if (keys === undefined) return [];
  const name = jddName(jdd);
  if (keys === 'all') {
    if (entries.length === 0) {
      return { fr: `${name.fr} ne contient aucune entrée ${listLabel[list].fr}`, en: `${name.en} has no ${listLabel[list].en} entry` };
    }
    return entries.slice(0, SAS_MAX_IDENTIFIERS);
  }
  const missing = keys.filter((k) => !entries.some((e) => e.key === k));
  if (missing.length > 0) {
    const known = entries.map((e) => e.key);
    const q = missing.map((k) => `"${k}"`).join(', ');
    return {
      fr: `${name.fr} n'a pas d'entrée ${list} ${missing.map((k) => `« ${k} »`).join(', ')} ; ${known.length > 0 ? `clés connues : ${known.join(', ')}` : `aucune entrée ${list}`} (nommer plutôt un rôle : docs/run.md)`,
      en: `${name.en} has no ${list} entry ${q}; ${known.length > 0 ? `known keys: ${known.join(', ')}` : `no ${list} entry`} (name a role instead: docs/run.md)`,
    };
  }
  return keys.map((k) => entries.find((e) => e.key === k) as T);
}

/** Why no (or not enough) entries of the JDD play a role. */
export function unfilledReason(spec: RoleSpec, jdd: Jdd, eligible: JddEntry[]): Message {
  const name = jddName(jdd);
  const declared = entriesOf(jdd, spec.useCase).filter((e) => (e.roles ?? []).includes(spec.name));
  const count =
    spec.min > 1 ? { fr: `au moins ${spec.min} entrées`, en: `at least ${spec.min} entries` } : { fr: 'une entrée', en: 'an entry' };
  const head: Message = {
    fr: `rôle « ${spec.name} » (${spec.summary.fr}) : ${name.fr} ne le remplit pas — il faut ${count.fr} ${spec.list} déclarant roles: [${spec.name}] (${spec.needs.fr})`,
    en: `role "${spec.name}" (${spec.summary.en}): ${name.en} does not fill it — it needs ${count.en} in ${spec.list} declaring roles: [${spec.name}] (${spec.needs.en})`,
  };
  const parts: Message[] = [head];
  if (eligible.length > 0) {
    const keys = eligible.map((e) => e.key).join(', ');
    parts.push({ fr: `seulement ${eligible.length} : ${keys}`, en: `only ${eligible.length}: ${keys}` });
  }
  for (const e of declared.filter((d) => !eligible.includes(d))) {
    const unmet = checkRole(spec, e, jdd);
    parts.push({
      fr: `l'entrée « ${e.key} » déclare ce rôle mais ${unmet.map((u) => u.fr).join(', ')}`,
      en: `entry "${e.key}" declares it but ${unmet.map((u) => u.en).join(', ')}`,
    });
  }
  return { fr: parts.map((p) => p.fr).join(' ; '), en: parts.map((p) => p.en).join('; ') };
}

/** The entries of the JDD that declare the role and whose facts allow it, in JDD order. */
export function eligibleEntries(spec: RoleSpec, jdd: Jdd): JddEntry[] {
  return entriesOf(jdd, spec.useCase).filter((e) => (e.roles ?? []).includes(spec.name) && checkRole(spec, e, jdd).length === 0);
}

function resolveRoles(tc: TestCase, jdd: Jdd, needs: string[]): CaseData | { notApplicable: Message } {
  const chosen: JddEntry[] = [];
  const fills: RoleFill[] = [];
  for (const need of needs) {
    const { role, optional } = parseRoleNeed(need);
    const spec = roleSpec(role);
    if (!spec || spec.useCase !== tc.useCase) {
      // loadCahier refuses these; a TestCase built in code may still carry one
      return {
        notApplicable: {
          fr: `rôle inconnu « ${role} » pour le cas d'usage ${tc.useCase}`,
          en: `unknown role "${role}" for use case ${tc.useCase}`,
        },
      };
    }
    const eligible = eligibleEntries(spec, jdd);
    // prefer entries the case does not use yet, so two roles give two entries when the JDD has them
    const ordered = [...eligible.filter((e) => !chosen.includes(e)), ...eligible.filter((e) => chosen.includes(e))];
    const taken = ordered.slice(0, spec.max);
    if (taken.length < spec.min) {
      if (optional) {
        fills.push({ role, optional, entries: [] });
        continue;
      }
      return { notApplicable: unfilledReason(spec, jdd, eligible) };
    }
    fills.push({ role, optional, entries: taken });
    for (const e of taken) if (!chosen.includes(e)) chosen.push(e);
  }
  if (chosen.length === 0) {
    const names = needs.map((n) => parseRoleNeed(n).role).join(', ');
    return {
      notApplicable: {
        fr: `${jddName(jdd).fr} ne remplit aucun des rôles ${names} (au moins un est nécessaire ; voir sas-recette jdd check)`,
        en: `${jddName(jdd).en} fills none of the roles ${names} (at least one is needed; see sas-recette jdd check)`,
      },
    };
  }
  const list = listOf(tc.useCase);
  const refs: ResolvedRefs = { ...EMPTY, [list]: chosen };
  return { refs, by: 'roles', roles: fills };
}

/** The JDD entries the case uses, or why it cannot apply to this JDD. */
export function resolveCaseData(tc: TestCase, jdd: Jdd): CaseDataResult {
  const explicit = tc.practitioners !== undefined || tc.sos !== undefined || tc.cpts !== undefined;
  if (!explicit && tc.roles && tc.roles.length > 0) return resolveRoles(tc, jdd, tc.roles);
  const practitioners = pickKeys(tc.practitioners, jdd.practitioners, 'practitioners', jdd);
  if (!Array.isArray(practitioners)) return { notApplicable: practitioners };
  const sos = pickKeys(tc.sos, jdd.sos, 'sos', jdd);
  if (!Array.isArray(sos)) return { notApplicable: sos };
  const cpts = pickKeys(tc.cpts, jdd.cpts, 'cpts', jdd);
  if (!Array.isArray(cpts)) return { notApplicable: cpts };
  const named = tc.useCase === 'sos' ? tc.sos : tc.practitioners;
  const by = named === 'all' ? 'all' : named === undefined ? 'none' : 'keys';
  return { refs: { practitioners, cpts, sos }, by, roles: [] };
}

/** The JDD entries a case uses (none when it cannot apply: buildCaseRequest says why). */
export function resolveRefs(tc: TestCase, jdd: Jdd): ResolvedRefs {
  const r = resolveCaseData(tc, jdd);
  return 'notApplicable' in r ? EMPTY : r.refs;
}

/** One JDD entry as `run --list` shows it. */
export interface EntryView {
  key: string;
  identifier: string;
}

/** What a case takes from the JDD, for `run --list` (pure). */
export interface CaseDataView {
  caseId: string;
  useCase: TestCase['useCase'];
  jdd?: { id: string; file?: string };
  by: CaseData['by'] | 'no-jdd';
  roles: { role: string; optional: boolean; entries: EntryView[] }[];
  /** Every entry the case sends, in order (roles and keys alike). */
  entries: EntryView[];
  /** A transport case names no entry: its reference search sends the first JDD entry (src/transport). */
  reference?: EntryView;
  /** Identifiers unknown to the editor the case adds (request.unknownIdentifiers / count). */
  unknownIdentifiers: number;
  notApplicable?: Message;
}

const view = (e: { key: string; idnps?: string; siret?: string }): EntryView => ({ key: e.key, identifier: identifierOf(e as JddEntry) });

export function describeCaseData(tc: TestCase, jdd: Jdd | undefined): CaseDataView {
  const base = { caseId: tc.id, useCase: tc.useCase, roles: [], entries: [], unknownIdentifiers: tc.request.unknownIdentifiers ?? 0 };
  if (!jdd) {
    return {
      ...base,
      by: 'no-jdd',
      notApplicable: { fr: `aucun JDD pour le cas d'usage ${tc.useCase}`, en: `no JDD for use case ${tc.useCase}` },
    };
  }
  const where = { id: jdd.id, ...(jdd.file ? { file: jdd.file } : {}) };
  const r = resolveCaseData(tc, jdd);
  if ('notApplicable' in r) return { ...base, jdd: where, by: tc.roles?.length ? 'roles' : 'keys', notApplicable: r.notApplicable };
  const entries = (tc.useCase === 'sos' ? r.refs.sos : r.refs.practitioners).map(view);
  const padTo = tc.request.count !== undefined ? Math.max(0, tc.request.count - entries.length) : 0;
  const first = entriesOf(jdd, tc.useCase)[0];
  const reference = tc.kind !== 'search' && r.by === 'none' && first ? { reference: view(first) } : {};
  return {
    ...base,
    ...reference,
    jdd: where,
    by: r.by,
    roles: r.roles.map((f) => ({ role: f.role, optional: f.optional, entries: f.entries.map(view) })),
    entries,
    unknownIdentifiers: Math.max(base.unknownIdentifiers, padTo),
  };
}

/** One line for `run --list`: the roles and the entries chosen, or why the case does not apply. */
export function formatCaseData(v: CaseDataView, lang: 'fr' | 'en'): string {
  const fr = lang === 'fr';
  if (v.notApplicable) return `${fr ? 'non applicable' : 'not applicable'}: ${v.notApplicable[lang]}`;
  const list = (es: EntryView[]) => es.map((e) => `${e.key} (${e.identifier})`).join(', ');
  const unknown =
    v.unknownIdentifiers > 0 ? ` + ${v.unknownIdentifiers} ${fr ? 'identifiant(s) inconnu(s)' : 'unknown identifier(s)'}` : '';
  const jdd = v.jdd ? `${v.jdd.id}: ` : '';
  if (v.by === 'roles') {
    const parts = v.roles.map(
      (r) =>
        `${r.role}${r.optional ? '?' : ''} → ${r.entries.length > 0 ? list(r.entries) : fr ? '(non rempli, laissé de côté)' : '(not filled, left out)'}`,
    );
    return `${jdd}${fr ? 'rôles' : 'roles'} ${parts.join('; ')}${unknown}`;
  }
  if (v.by === 'all') return `${jdd}${fr ? 'toutes les entrées' : 'every entry'} (${v.entries.length}): ${list(v.entries)}${unknown}`;
  if (v.by === 'keys') return `${jdd}${fr ? 'clés' : 'keys'} ${list(v.entries)}${unknown}`;
  if (v.reference) return `${jdd}${fr ? 'recherche de référence' : 'reference search'}: ${list([v.reference])}`;
  return `${jdd}${fr ? 'aucune entrée nommée' : 'no entry named'}${unknown}`;
}
