/**
 * Read-only views of a CaseResult shared by the console, JUnit and HTML reporters, so every format says
 * the same thing about a case (which findings decided it, why it was skipped, what its title is).
 */
import { isBlocking, severityRank, sortFindings, textOf, type Finding, type Lang } from '../core/findings.js';
import type { CaseResult, Exchange, Reserve, ReserveKind, RunResult } from '../core/model.js';
import { groupFindingsByResource, REPEAT_THRESHOLD } from './finding-groups.js';

/** Blocking findings (fatal, error), worst first, then by location and rule id. */
export function decidingFindings(c: CaseResult): Finding[] {
  return sortFindings(c.findings.filter(isBlocking)).sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

export function caseTitle(c: CaseResult, lang: Lang): string {
  return textOf(c.title, lang);
}

/** Exchanges that ended without an HTTP response. */
export function transportFailures(c: CaseResult): Exchange[] {
  return c.exchanges.filter((x) => x.outcome !== 'ok');
}

export function describeTransport(x: Exchange): string {
  const code = x.error?.code ? `${x.error.code}: ` : '';
  const msg = x.error?.message ?? '';
  return `${x.outcome}${code || msg ? ` (${code}${msg})` : ''}`;
}

/** One sentence saying why the case has its verdict (reason, else first deciding finding, else transport). */
export function verdictReason(c: CaseResult, lang: Lang): string | undefined {
  if (c.reason) return textOf(c.reason, lang);
  const first = decidingFindings(c)[0];
  if (first) return `${first.ruleId} ${first.location}: ${textOf(first.message, lang)}`;
  const failed = transportFailures(c)[0];
  if (failed) return describeTransport(failed);
  return undefined;
}

/** Findings grouped by the resource they point into (`Type/id`), in first-seen order of sorted findings. */
export function groupByResource(findings: Finding[], fallback: string): Array<{ resource: string; findings: Finding[] }> {
  return groupFindingsByResource(sortFindings(findings), fallback).map(([resource, list]) => ({ resource, findings: list }));
}

/** Group names in the order their first case appears (the cahier's order). */
export function groupOrder(cases: CaseResult[]): string[] {
  return [...new Set(cases.map((c) => c.group))];
}

/** Warnings and information findings of one (severity, rule id) beyond this count are shown as one row. */
export { REPEAT_THRESHOLD };

/** One (severity, rule id) repeated more than REPEAT_THRESHOLD times, with all its occurrences in order. */
export interface RepeatedFinding {
  severity: Finding['severity'];
  ruleId: string;
  /** Every occurrence, sorted; `occurrences[0]` gives the message shown. */
  occurrences: Finding[];
}

/**
 * Splits findings into those listed one by one and the repeated ones summarised per (severity, rule id).
 * Only warnings and information are ever summarised: fatal and error findings are always in `single`,
 * whatever their number, because they are what an editor must fix.
 */
export function splitRepeated(findings: Finding[], threshold = REPEAT_THRESHOLD): { single: Finding[]; repeated: RepeatedFinding[] } {
  const byKey = new Map<string, Finding[]>();
  const sorted = sortFindings(findings);
  for (const f of sorted) {
    if (isBlocking(f)) continue;
    const key = `${f.severity}\u0000${f.ruleId}`;
    const list = byKey.get(key) ?? [];
    list.push(f);
    byKey.set(key, list);
  }
  const repeated = [...byKey.values()]
    .filter((list) => list.length > threshold)
    .map((list) => ({ severity: list[0].severity, ruleId: list[0].ruleId, occurrences: list }))
    .sort(
      (a, b) =>
        severityRank[a.severity] - severityRank[b.severity] ||
        b.occurrences.length - a.occurrences.length ||
        a.ruleId.localeCompare(b.ruleId),
    );
  const grouped = new Set(repeated.flatMap((r) => r.occurrences));
  return { single: sorted.filter((f) => !grouped.has(f)), repeated };
}

/**
 * What a reader sees of a case: its verdict, with "passed with reserves" apart from a plain pass when
 * the case lists parts it could not check. A view of the recorded verdict, never a new judgement.
 */
export type CaseState = 'passed' | 'passed-with-reserves' | 'failed' | 'error' | 'skipped' | 'not-applicable';

/** Display order of the states in counts and legends (judged first, then not judged). */
export const CASE_STATES: readonly CaseState[] = ['passed', 'passed-with-reserves', 'failed', 'error', 'skipped', 'not-applicable'];

export function caseState(c: CaseResult): CaseState {
  return c.verdict === 'passed' && (c.reserves?.length ?? 0) > 0 ? 'passed-with-reserves' : c.verdict;
}

/** The case's reserve lines (what it could not check), in the chosen language. */
export function caseReserves(c: CaseResult, lang: Lang): string[] {
  return (c.reserves ?? []).map((m) => textOf(m, lang));
}

/** Reserve kinds in the order the reports list them: what voids the run first, then by weight. */
export const RESERVE_KIND_ORDER: readonly ReserveKind[] = [
  'insecure',
  'nothing-judged',
  'failed-minor',
  'skipped',
  'not-applicable',
  'not-checked',
  'untested-requirement',
];

/** The run's reserves grouped by kind, kinds in RESERVE_KIND_ORDER, empty kinds left out, run order kept inside. */
export function reservesByKind(
  reserves: readonly Reserve[],
  kinds: readonly ReserveKind[] = RESERVE_KIND_ORDER,
): Array<{ kind: ReserveKind; reserves: Reserve[] }> {
  return kinds.map((kind) => ({ kind, reserves: reserves.filter((r) => r.kind === kind) })).filter((g) => g.reserves.length > 0);
}

/** Kinds that make a run unfit for an acceptance: shown as a banner, not in the reserve lists. */
export type InvalidCause = Extract<ReserveKind, 'insecure' | 'nothing-judged'>;

/**
 * Whether the run says it cannot support an acceptance, and why (from its reserves and its `insecure`
 * flag). `notValid` is true when the summary says so or when TLS verification was off.
 */
export function acceptanceValidity(run: Pick<RunResult, 'summary' | 'insecure'>): { notValid: boolean; causes: InvalidCause[] } {
  const causes = new Set<InvalidCause>();
  if (run.insecure) causes.add('insecure');
  for (const r of run.summary.reserves) if (r.kind === 'insecure' || r.kind === 'nothing-judged') causes.add(r.kind);
  const ordered = (['insecure', 'nothing-judged'] as const).filter((k) => causes.has(k));
  return { notValid: run.summary.validForAcceptance === false || ordered.length > 0, causes: ordered };
}
