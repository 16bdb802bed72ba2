/**
 * Machine output of `validate` (`--format json`): one document on stdout, messages in the chosen language.
 * Shape: `{ valid, ig, profile, useCase, input, issues: [...], stats: {...}, notes: [...] }`, and with
 * `--official-validator` an `official: { issues, disagreements, unavailable?, … }` beside `issues`.
 */
import { textOf, type Engine, type Finding, type Lang, type Severity } from '../../core/findings.js';
import type { Disagreement } from '../../official/index.js';
import type { OfficialReport } from '../../validate/official.js';
import type { ValidationReport } from '../../validate/validation-report.js';

export interface JsonIssue {
  severity: Severity;
  ruleId: string;
  location: string;
  resource: string | null;
  message: string;
  requirements?: string[];
  source: Finding['source'];
  notChecked?: true;
  engine?: Finding['engine'];
}

export interface JsonDisagreement {
  scope: string;
  resource: string | null;
  location: string;
  /** The engine that reports an error there; the other reports none at, above or below it. */
  reportedBy: Engine;
  findings: JsonIssue[];
  /** What the other engine says at related places (warnings, information, not checked). */
  otherEngine: JsonIssue[];
}

export interface JsonOfficial {
  jar: string;
  version: string | null;
  /** `--official-validator-gates`: its errors count in `valid` and the exit code. */
  gates: boolean;
  issues: JsonIssue[];
  disagreements: JsonDisagreement[];
  stats: Record<Severity, number> & { issues: number; onlyOurs: number; onlyOfficial: number };
  /** Why the official validator did not run; `issues` is then empty. */
  unavailable?: string;
}

export interface JsonReport {
  valid: boolean;
  ig: string;
  profile: string | null;
  useCase: string;
  useCaseFrom: string;
  input: string;
  issues: JsonIssue[];
  stats: Record<Severity, number> & ValidationReport['stats'] & { issues: number; notChecked: number };
  notes: string[];
  official?: JsonOfficial;
}

export function toJsonReport(report: ValidationReport, lang: Lang): JsonReport {
  const issues = report.findings.map((f) => toIssue(f, lang));
  return {
    valid: report.valid,
    ig: report.ig,
    profile: report.profile,
    useCase: report.useCase,
    useCaseFrom: report.useCaseFrom,
    input: report.input,
    issues,
    stats: {
      ...report.counts,
      issues: issues.length,
      notChecked: issues.filter((i) => i.notChecked).length,
      ...report.stats,
      structureMs: round(report.stats.structureMs),
      rulesMs: round(report.stats.rulesMs),
    },
    notes: report.notes.map((n) => textOf(n, lang)),
    ...(report.official ? { official: toJsonOfficial(report.official, lang) } : {}),
  };
}

function toJsonDisagreement(d: Disagreement, lang: Lang): JsonDisagreement {
  return {
    scope: d.scope,
    resource: d.resource ?? null,
    location: d.location,
    reportedBy: d.reportedBy,
    findings: d.findings.map((f) => toIssue(f, lang)),
    otherEngine: d.otherEngine.map((f) => toIssue(f, lang)),
  };
}

export function toJsonOfficial(o: OfficialReport, lang: Lang): JsonOfficial {
  const reportedBy = (e: Engine) => o.disagreements.filter((d) => d.reportedBy === e).length;
  return {
    jar: o.jar,
    version: o.version ?? null,
    gates: o.gates,
    issues: o.findings.map((f) => toIssue(f, lang)),
    disagreements: o.disagreements.map((d) => toJsonDisagreement(d, lang)),
    stats: { ...o.counts, issues: o.findings.length, onlyOurs: reportedBy('sas-recette'), onlyOfficial: reportedBy('official') },
    ...(o.unavailable ? { unavailable: textOf(o.unavailable, lang) } : {}),
  };
}

export function formatJson(report: ValidationReport, lang: Lang): string {
  return `${JSON.stringify(toJsonReport(report, lang), null, 2)}\n`;
}

function toIssue(f: Finding, lang: Lang): JsonIssue {
  const issue: JsonIssue = {
    severity: f.severity,
    ruleId: f.ruleId,
    location: f.location,
    resource: f.resource ?? null,
    message: textOf(f.message, lang),
    ...(f.requirements?.length ? { requirements: [...f.requirements] } : {}),
    source: f.source,
  };
  if (f.notChecked) issue.notChecked = true;
  if (f.engine) issue.engine = f.engine;
  return issue;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
