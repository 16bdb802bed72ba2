/**
 * Machine output of `validate` (`--format json`): one document on stdout, messages in the chosen language.
 * Shape: `{ valid, ig, profile, useCase, input, issues: [...], stats: {...}, notes: [...] }`.
 */
import { textOf, type Finding, type Lang, type Severity } from '../core/findings.js';
import type { ValidationReport } from './report.js';

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
