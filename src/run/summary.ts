/**
 * Run-level figures (pure): counts per group, the PV's overall verdict and its reserves, requirement
 * coverage, and the exit code.
 *
 * Overall verdict:
 * - Défavorable: a mandatory (blocking) case failed or errored, or no case was judged at all;
 * - Favorable avec réserves: something was not verified — a minor case failed or errored, a mandatory
 *   case was skipped or not applicable, a passed case could not check an element, an automatically
 *   testable requirement of the run's use cases was verified by no judged case, or TLS verification
 *   was off (`--insecure`, never valid for acceptance);
 * - Favorable: every mandatory case judged and passed, nothing left unchecked.
 */
import type { Message } from '../core/findings.js';
import { compareRequirementIds } from '../requirements/load-requirements.js';
import {
  isJudged,
  type AppliedWaiver,
  type CaseResult,
  type Declaration,
  type RequirementCoverage,
  type Reserve,
  type RunResult,
  type RunSummary,
  type VerdictCounts,
} from '../core/model.js';

function emptyCounts(): VerdictCounts {
  return { total: 0, passed: 0, failed: 0, skipped: 0, 'not-applicable': 0, error: 0 };
}

export interface SummaryOptions {
  /** `--strict`: any reserve makes the exit code 1. */
  strict?: boolean;
  /** TLS verification was off (`--insecure`). */
  insecure?: boolean;
  /** Automatically testable requirements of the run's use cases that no judged case verified. */
  untestedRequirements?: { id: string; text: string }[];
}

const INSECURE_RESERVE: Message = {
  fr: 'vérification TLS du serveur désactivée (--insecure) : cette exécution ne vaut pas recette',
  en: 'server TLS verification turned off (--insecure): this run is not valid for acceptance',
};

const NOTHING_JUDGED: Message = {
  fr: "aucun cas n'a pu être joué et jugé : rien n'est vérifié",
  en: 'no case could be played and judged: nothing was verified',
};

const FAULT = (c: CaseResult) => c.verdict === 'failed' || c.verdict === 'error';

/**
 * Not-checked elements, one reserve per element with every case that met it. A case's reserve line
 * reads `RULE-ID: why` (judge.ts `reservesOf`); the run's reserve keeps the id as its ref.
 */
function notCheckedReserves(cases: readonly CaseResult[]): Reserve[] {
  const byText = new Map<string, Reserve>();
  for (const c of cases) {
    if (c.verdict !== 'passed') continue;
    for (const m of c.reserves ?? []) {
      let r = byText.get(m.en);
      if (!r) {
        const ref = m.en.split(': ')[0];
        const strip = (text: string) => text.replace(new RegExp(`^${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ?: `), '');
        r = { kind: 'not-checked', ref, cases: [], message: { fr: strip(m.fr), en: strip(m.en) } };
        byText.set(m.en, r);
      }
      r.cases?.push(c.id);
    }
  }
  return [...byText.values()];
}

export function summarize(cases: readonly CaseResult[], options: SummaryOptions = {}): RunSummary {
  const all = emptyCounts();
  const byGroup: Record<string, VerdictCounts> = {};
  for (const c of cases) {
    const g = (byGroup[c.group] ??= emptyCounts());
    for (const counts of [all, g]) {
      counts.total += 1;
      counts[c.verdict] += 1;
    }
  }
  const blocking = cases.filter((c) => c.severity === 'blocking' && FAULT(c)).map((c) => c.id);
  const judged = cases.some((c) => isJudged(c.verdict));
  const caseReserve = (c: CaseResult, kind: Reserve['kind']): Reserve => ({
    kind,
    ref: c.id,
    cases: [c.id],
    message: c.reason ?? { fr: c.verdict, en: c.verdict },
  });
  const reserves: Reserve[] = [
    ...(judged ? [] : [{ kind: 'nothing-judged' as const, ref: 'run', message: NOTHING_JUDGED }]),
    ...(options.insecure ? [{ kind: 'insecure' as const, ref: '--insecure', message: INSECURE_RESERVE }] : []),
    ...cases.filter((c) => c.severity !== 'blocking' && FAULT(c)).map((c) => caseReserve(c, 'failed-minor')),
    ...cases.filter((c) => c.severity === 'blocking' && c.verdict === 'skipped').map((c) => caseReserve(c, 'skipped')),
    ...cases.filter((c) => c.severity === 'blocking' && c.verdict === 'not-applicable').map((c) => caseReserve(c, 'not-applicable')),
    ...notCheckedReserves(cases),
    ...(options.untestedRequirements ?? []).map((r) => ({
      kind: 'untested-requirement' as const,
      ref: r.id,
      message: { fr: `exigence non vérifiée par cette recette : ${r.text}`, en: `requirement not verified by this run: ${r.text}` },
    })),
  ];
  const overall: RunSummary['overall'] =
    blocking.length > 0 || !judged ? 'unfavorable' : reserves.length > 0 ? 'favorable-with-reserves' : 'favorable';
  return {
    ...all,
    byGroup,
    overall,
    blocking,
    reserves,
    mode: options.strict ? 'strict' : 'standard',
    validForAcceptance: judged && !options.insecure,
  };
}

/** A catalogue waiver as the run sees it (requirements/requirements.yaml `waivers`). */
export interface WaiverText {
  rule: string;
  severity: AppliedWaiver['severity'];
  useCases?: string[];
  when: string;
  reason: string;
  source: string;
}

/** The waivers that decided a finding of the run: its rule reported at the waived severity. */
export function appliedWaivers(cases: readonly CaseResult[], waivers: readonly WaiverText[]): AppliedWaiver[] {
  return waivers.flatMap(({ useCases, ...w }) => {
    const hit = cases.filter(
      (c) => (!useCases || useCases.includes(c.useCase)) && c.findings.some((f) => f.ruleId === w.rule && f.severity === w.severity),
    );
    return hit.length > 0 ? [{ ...w, cases: hit.map((c) => c.id) }] : [];
  });
}

export interface RequirementText {
  id: string;
  text: string;
  /** From the catalogue: only `automatic` requirements left untested are reserves of a run. */
  testability?: 'automatic' | 'declarative' | 'not-testable';
}

/** Automatically testable requirements no judged case verified (nor a declaration covered). */
export function untestedRequirements(coverage: readonly RequirementCoverage[], catalogue: readonly RequirementText[]): RequirementText[] {
  const automatic = new Map(catalogue.filter((r) => r.testability === 'automatic').map((r) => [r.id, r]));
  return coverage
    .filter((row) => row.status === 'not-tested' && automatic.has(row.id))
    .map((row) => automatic.get(row.id) as RequirementText);
}

/**
 * One row per requirement of the catalogue (or, without one, per requirement the cases cite):
 * failed if a case citing it failed or errored, passed if one passed, declared if only an editor
 * declaration covers it, not tested otherwise.
 */
export function coverRequirements(
  cases: readonly CaseResult[],
  catalogue: readonly RequirementText[] | undefined,
  declarations: readonly Declaration[] = [],
): RequirementCoverage[] {
  const rows: readonly RequirementText[] =
    catalogue ?? [...new Set(cases.flatMap((c) => c.requirements))].sort(compareRequirementIds).map((id) => ({ id, text: '' }));
  return rows.map(({ id, text }) => {
    const citing = cases.filter((c) => c.requirements.includes(id));
    const ids = citing.map((c) => c.id);
    let status: RequirementCoverage['status'] = 'not-tested';
    if (citing.some((c) => c.verdict === 'failed' || c.verdict === 'error')) status = 'failed';
    else if (citing.some((c) => c.verdict === 'passed')) status = 'passed';
    else if (declarations.some((d) => d.requirements.includes(id) && d.answer !== 'no')) status = 'declared';
    return { id, text, cases: ids, status };
  });
}

/**
 * 0: at least one case judged, none failed or errored (and, in strict mode, no reserve at all);
 * 1: a case failed or errored, nothing was judged, or (strict) a reserve remains.
 * Exit code 2 (could not run as asked) is decided before any case runs, by the command.
 */
export function exitCodeOf(run: Pick<RunResult, 'cases' | 'summary'>): 0 | 1 {
  if (run.cases.some(FAULT)) return 1;
  if (!run.cases.some((c) => isJudged(c.verdict))) return 1;
  if (run.summary.mode === 'strict' && run.summary.reserves.length > 0) return 1;
  return 0;
}
