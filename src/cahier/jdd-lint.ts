/**
 * The JDD linter behind `sas-recette jdd check` (pure apart from reading the file): schema and
 * loader problems located `file:line:col`, identifier check digits, roles each entry declares against
 * what the role requires, and, for the JDD's use case, the roles the cahier needs with the entries that
 * fill them and the cases left not-applicable. Errors make the JDD unfit; missing roles are warnings
 * (those cases will be not-applicable, the run still goes).
 */
import type { SourceRef } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import { describeCaseData, eligibleEntries, unfilledReason, type EntryView } from './jdd-refs.js';
import { checkRole, couldPlay, identifierOf, parseRoleNeed, roleSpec, type JddEntry } from './roles.js';
import type { TestCase } from './types.js';
import type { UseCase } from '../core/model.js';
import { formatDataPath, type DataPath } from '../yaml/yaml-tree.js';
import { readJdd } from '../jdd/load-jdd.js';
import type { Jdd } from '../jdd/types.js';

export interface LintProblem {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col: number;
  field: string;
  message: Message;
}

export interface RoleCoverage {
  role: string;
  summary: Message;
  needs: Message;
  /** Cases of the cahier that name the role (`?`: only as optional). */
  cases: string[];
  optionalOnly: boolean;
  /** Entries that declare the role and can play it. */
  entries: EntryView[];
  filled: boolean;
  /** Why it is not filled (same text as the cases' not-applicable reason). */
  reason?: Message;
  /** Entries whose facts would allow the role though they do not declare it. */
  couldPlay: string[];
}

export interface JddLint {
  file: string;
  jdd?: { id: string; useCase: UseCase; entries: number };
  problems: LintProblem[];
  roles: RoleCoverage[];
  notApplicable: { caseId: string; reason: Message }[];
  /** Cases of the cahier for this use case. */
  cases: number;
}

/** Luhn check over the digits (RPPS 11 digits, SIRET 14, FINESS 9: their last digit is a Luhn key). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check-digit problem of a prefixed national identifier, if any (formats are the schema's job). */
function keyProblem(value: string): Message | undefined {
  const kinds: Record<string, [string, number]> = { '8': ['RPPS', 11], '1': ['FINESS', 9], '3': ['SIRET', 14] };
  const kind = kinds[value[0]];
  if (!kind || !/^\d+$/.test(value) || value.length !== kind[1] + 1 || luhnValid(value.slice(1))) return undefined;
  return {
    fr: `«\u00a0${value}\u00a0»\u00a0: la clé de contrôle (Luhn) du ${kind[0]} ${value.slice(1)} est fausse — faute de frappe\u00a0? (le SAS cherche ce PS / cette structure par cet identifiant)`,
    en: `"${value}": the check digit (Luhn) of ${kind[0]} ${value.slice(1)} is wrong — a typo? (the SAS searches the PS / structure by this identifier)`,
  };
}

function identifierPaths(jdd: Jdd): [DataPath, string][] {
  const out: [DataPath, string][] = [];
  jdd.practitioners.forEach((p, i) => {
    out.push([['practitioners', i, 'idnps'], p.idnps]);
    p.places.forEach(
      (pl, j) => pl.organizationIdnst && out.push([['practitioners', i, 'places', j, 'organizationIdnst'], pl.organizationIdnst]),
    );
  });
  jdd.cpts.forEach((c, i) => out.push([['cpts', i, 'finess'], c.finess]));
  jdd.sos.forEach((s, i) => out.push([['sos', i, 'siret'], s.siret]));
  return out;
}

/** Checks a JDD file; `cases` is the cahier (every use case: only the JDD's own are looked at). */
export function lintJdd(file: string, cases: readonly TestCase[]): JddLint {
  const read = readJdd(file);
  const problems: LintProblem[] = read.errors.map((e) => ({ severity: 'error', ...e }));
  const { jdd, locate } = read;
  if (!jdd || !locate) return { file, problems, roles: [], notApplicable: [], cases: 0 };
  const at = (path: DataPath): SourceRef & { field: string } => ({ ...locate(path), field: formatDataPath(path) });
  const add = (severity: LintProblem['severity'], path: DataPath, message: Message) => problems.push({ severity, ...at(path), message });

  for (const [path, value] of identifierPaths(jdd)) {
    const p = keyProblem(value);
    if (p) add('warning', path, p);
  }

  const list = jdd.useCase === 'sos' ? 'sos' : 'practitioners';
  const entries: JddEntry[] = jdd.useCase === 'sos' ? jdd.sos : jdd.practitioners;
  entries.forEach((e, i) => {
    (e.roles ?? []).forEach((role, j) => {
      const path: DataPath = [list, i, 'roles', j];
      const spec = roleSpec(role);
      if (!spec || spec.useCase !== jdd.useCase) {
        const other = spec
          ? { fr: ` (rôle du cas d'usage ${spec.useCase})`, en: ` (a role of use case ${spec.useCase})` }
          : { fr: '', en: '' };
        add('warning', path, {
          fr: `rôle «\u00a0${role}\u00a0» inconnu pour le cas d'usage ${jdd.useCase}${other.fr}\u00a0: aucun cas ne le demande (vocabulaire\u00a0: datasets/README.md)`,
          en: `unknown role "${role}" for use case ${jdd.useCase}${other.en}: no case asks for it (vocabulary: datasets/README.md)`,
        });
        return;
      }
      const unmet = checkRole(spec, e, jdd);
      if (unmet.length > 0) {
        add('error', path, {
          fr: `l'entrée «\u00a0${e.key}\u00a0» déclare le rôle «\u00a0${role}\u00a0» (${spec.needs.fr}) mais ${unmet.map((u) => u.fr).join(', ')}`,
          en: `entry "${e.key}" declares role "${role}" (${spec.needs.en}) but ${unmet.map((u) => u.en).join(', ')}`,
        });
      }
    });
  });

  // cases written `useCase: all` are not this JDD's own: the run gives them its first use case's JDD
  const own = cases.filter((c) => c.useCase === jdd.useCase && !c.anyUseCase);
  const regulatorCases = cases.filter((c) => c.anyUseCase && c.kind.startsWith('regulator-')).map((c) => c.id);
  if (regulatorCases.length > 0 && jdd.regulators.length === 0) {
    add('warning', ['regulators'], {
      fr: `aucune identité de régulateur (regulators)\u00a0: si ce JDD est le premier de la recette, les ${regulatorCases.length} cas de comptes régulateurs (flux V1) seront non applicables`,
      en: `no regulator identity (regulators): if this JDD is the run's first, the ${regulatorCases.length} regulator-account cases (flux V1) will be not applicable`,
    });
  }
  const needed = new Map<string, { cases: string[]; optionalOnly: boolean }>();
  for (const tc of own) {
    for (const need of tc.roles ?? []) {
      const { role, optional } = parseRoleNeed(need);
      const n = needed.get(role) ?? { cases: [], optionalOnly: true };
      if (!n.cases.includes(tc.id)) n.cases.push(tc.id);
      n.optionalOnly &&= optional;
      needed.set(role, n);
    }
  }
  const roles: RoleCoverage[] = [];
  for (const [role, n] of needed) {
    const spec = roleSpec(role);
    if (!spec) continue; // the cahier loader refuses unknown roles
    const eligible = eligibleEntries(spec, jdd);
    const filled = eligible.length >= spec.min;
    const declared = new Set(eligible.map((e) => e.key));
    roles.push({
      role,
      summary: spec.summary,
      needs: spec.needs,
      cases: n.cases,
      optionalOnly: n.optionalOnly,
      entries: eligible.slice(0, spec.max).map((e) => ({ key: e.key, identifier: identifierOf(e) })),
      filled,
      ...(filled ? {} : { reason: unfilledReason(spec, jdd, eligible) }),
      couldPlay: filled
        ? []
        : couldPlay(spec, jdd)
            .map((e) => e.key)
            .filter((k) => !declared.has(k)),
    });
  }
  const notApplicable = own.flatMap((tc) => {
    const v = describeCaseData(tc, jdd);
    return v.notApplicable ? [{ caseId: tc.id, reason: v.notApplicable }] : [];
  });
  for (const r of roles.filter((x) => !x.filled)) {
    const hint =
      r.couldPlay.length > 0
        ? { fr: `\u00a0; pourraient le jouer\u00a0: ${r.couldPlay.join(', ')}`, en: `; could play it: ${r.couldPlay.join(', ')}` }
        : { fr: '', en: '' };
    const affected = r.cases.filter((id) => notApplicable.some((na) => na.caseId === id));
    const effect =
      affected.length > 0
        ? { fr: ` — cas non applicables\u00a0: ${affected.join(', ')}`, en: ` — cases not applicable: ${affected.join(', ')}` }
        : {
            fr: ` — cas concernés (rôle facultatif, laissé de côté)\u00a0: ${r.cases.join(', ')}`,
            en: ` — cases concerned (optional role, left out): ${r.cases.join(', ')}`,
          };
    add('warning', [list], {
      fr: `${r.reason?.fr ?? r.role}${hint.fr}${effect.fr}`,
      en: `${r.reason?.en ?? r.role}${hint.en}${effect.en}`,
    });
  }
  return { file, jdd: { id: jdd.id, useCase: jdd.useCase, entries: entries.length }, problems, roles, notApplicable, cases: own.length };
}

export function hasErrors(lint: JddLint): boolean {
  return lint.problems.some((p) => p.severity === 'error');
}
