/**
 * The findings model shared by every layer: structural validation, SAS rules, transport checks,
 * cahier expectations and the optional official validator. Reporters only read these values.
 */
import { collationKey, compareKeyed } from './collate.js';

export const SEVERITIES = ['fatal', 'error', 'warning', 'information'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A text in both languages of the tool (French is the default). */
export interface Message {
  fr: string;
  en: string;
}

export type Lang = 'fr' | 'en';

/** Where a finding comes from. */
/** `flow`: the appointment-side checks (regulator accounts, booking URL and SSO, appointments received). */
export type FindingSource = 'structure' | 'rule' | 'transport' | 'expectation' | 'setup' | 'flow';

/** Which validation engine produced the finding (issue: official validator beside ours). */
export type Engine = 'sas-recette' | 'official';

export interface Finding {
  severity: Severity;
  /**
   * Stable identifier. Structural findings: the element id or invariant key (e.g. `Slot.status`,
   * `ele-1`, `FINESS-invariant`); SAS rules: `SAS-XXX-NNN`; transport: `SAS-TLS-NNN`…
   */
  ruleId: string;
  source: FindingSource;
  /** FHIRPath-like location with indexes: `Bundle.entry[2].resource.meta.security[1].code`. */
  location: string;
  /** `Type/id` of the resource the location points into, when known. */
  resource?: string;
  message: Message;
  /** Requirement ids verified by the rule (e.g. `agg-psindiv@17`, `sas-cpts@3`). */
  requirements?: string[];
  /** True when the check could not be evaluated (unknown value set, missing package…). */
  notChecked?: boolean;
  /**
   * True when sas-recette itself failed while checking (a rule or an invariant threw): the case is
   * `error`, never passed. The message carries the internal error.
   */
  internalError?: boolean;
  /** Engine that produced it; absent means sas-recette's own engine. */
  engine?: Engine;
}

export const severityRank: Record<Severity, number> = { fatal: 0, error: 1, warning: 2, information: 3 };

export function isBlocking(f: Finding): boolean {
  return f.severity === 'fatal' || f.severity === 'error';
}

export function textOf(m: Message, lang: Lang): string {
  return lang === 'en' ? m.en : m.fr;
}

/** Deterministic order: location, then rule id, then severity. */
export function sortFindings(findings: Finding[]): Finding[] {
  return sortFindingsBy(findings, false);
}

/**
 * The numeric collation key of each finding's location, kept while the finding lives: the validator's
 * findings are sorted in its result, then again with the rules' findings in `validate`'s report (a
 * key per finding of a 10,000-slot answer, the larger part of a sort). Checked against the location,
 * should a finding be changed after a sort.
 */
const numericLocationKeys = new WeakMap<Finding, { location: string; key: string | undefined }>();

function locationKey(f: Finding, numeric: boolean): string | undefined {
  if (!numeric) return collationKey(f.location, false);
  const known = numericLocationKeys.get(f);
  if (known !== undefined && known.location === f.location) return known.key;
  const key = collationKey(f.location, true);
  numericLocationKeys.set(f, { location: f.location, key });
  return key;
}

/**
 * Findings by location (with `numeric`, indexes compared as numbers: `entry[2]` before `entry[10]`), then
 * rule id, then the worst severity first; texts in ICU's root order, through the collation keys of
 * collate.ts (locations and rule ids are ASCII: ICU starts only for other text; collate.test.ts).
 */
export function sortFindingsBy(findings: Finding[], numeric: boolean): Finding[] {
  // a few rule ids for many findings (a dom-6 warning per resource): each id's key computed once
  const ruleKeys = new Map<string, string | undefined>();
  const ruleKey = (id: string) => {
    if (!ruleKeys.has(id)) ruleKeys.set(id, collationKey(id, false));
    return ruleKeys.get(id);
  };
  const rows = findings.map((f) => ({ f, location: locationKey(f, numeric), ruleId: ruleKey(f.ruleId) }));
  rows.sort(
    (a, b) =>
      compareKeyed(a.f.location, a.location, b.f.location, b.location, numeric) ||
      compareKeyed(a.f.ruleId, a.ruleId, b.f.ruleId, b.ruleId, false) ||
      severityRank[a.f.severity] - severityRank[b.f.severity],
  );
  return rows.map((r) => r.f);
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { fatal: 0, error: 0, warning: 0, information: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** Small factory so every module builds findings the same way. */
export function finding(
  severity: Severity,
  ruleId: string,
  source: FindingSource,
  location: string,
  message: Message,
  extra: Partial<Pick<Finding, 'resource' | 'requirements' | 'notChecked' | 'internalError' | 'engine'>> = {},
): Finding {
  return { severity, ruleId, source, location, message, ...extra };
}

/** How the checks of one source (transport, flow) build a finding: the requirements it verifies, and `notChecked` when it could not check. */
export type SourcedFinding = (
  severity: Severity,
  ruleId: string,
  location: string,
  message: Message,
  requirements: string[],
  extra?: { notChecked?: boolean },
) => Finding;

/** The finding builder of one source (`tfinding` for the transport checks, `flowFinding` for the appointment side). */
export function findingsOf(source: FindingSource): SourcedFinding {
  return (severity, ruleId, location, message, requirements, extra = {}) =>
    finding(severity, ruleId, source, location, message, { requirements, ...(extra.notChecked ? { notChecked: true } : {}) });
}
