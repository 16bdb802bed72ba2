/**
 * The result of validating one input, as every output format reads it (text and JSON, in
 * src/report/validation/). Building it is pure; formats never compute the verdict themselves.
 */
import { countBySeverity, isBlocking, sortFindingsBy, type Finding, type Message, type Severity } from '../core/findings.js';
import type { OfficialReport } from './official.js';
import type { UseCaseOrigin, ValidateUseCase } from './use-case.js';

export interface ValidationReportStats {
  /** Input size in bytes. */
  bytes: number;
  resources: number;
  elements: number;
  invariantsEvaluated: number;
  /** Structural validation time (ms). */
  structureMs: number;
  /** SAS rules time (ms). */
  rulesMs: number;
}

export interface ValidationReport {
  /** File path as given, or `stdin`. */
  input: string;
  /** IG package used, `id#version`. */
  ig: string;
  /** Profile canonical the root resource was validated against; null when validation could not start. */
  profile: string | null;
  /** A slot-search use case, or an appointment flavour (flux V3: `profile` then says which profile was applied). */
  useCase: ValidateUseCase;
  useCaseFrom: UseCaseOrigin;
  /** Findings in display order (by location, indexes compared as numbers, then rule id). */
  findings: Finding[];
  counts: Record<Severity, number>;
  /**
   * The verdict the exit code follows: no fatal and no error finding of ours (and, with
   * `--official-validator-gates`, none of the official validator either).
   */
  valid: boolean;
  stats: ValidationReportStats;
  /** Non-fatal set-up notes (missing or substituted package dependencies…). */
  notes: Message[];
  /** Group label for findings that name no resource (`Bundle/abc`, `Bundle`, or the input label). */
  rootLabel: string;
  /** With `--official-validator`: the official validator's findings and the disagreements, kept apart. */
  official?: OfficialReport;
}

export type ValidationReportInput = Omit<ValidationReport, 'findings' | 'counts' | 'valid' | 'stats'> & {
  findings: Finding[];
  stats?: Partial<ValidationReportStats>;
};

export function buildReport(r: ValidationReportInput): ValidationReport {
  const findings = orderFindings(r.findings);
  return {
    ...r,
    findings,
    counts: countBySeverity(findings),
    valid: !findings.some(isBlocking),
    stats: { bytes: 0, resources: 0, elements: 0, invariantsEvaluated: 0, structureMs: 0, rulesMs: 0, ...r.stats },
  };
}

/** `entry[2]` before `entry[10]`; then rule id; then the worst severity first. */
export function orderFindings(findings: Finding[]): Finding[] {
  return sortFindingsBy(findings, true);
}

/** `Bundle/abc` when the resource has a string id, else its type. */
export function resourceLabel(resource: { resourceType: string; id?: unknown }): string {
  return typeof resource.id === 'string' && resource.id !== '' ? `${resource.resourceType}/${resource.id}` : resource.resourceType;
}
