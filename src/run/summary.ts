/**
 * Run-level figures (pure): counts per group, the PV's overall verdict and reserves, requirement
 * coverage, and the exit code.
 *
 * Overall verdict: unfavorable when a blocking case failed or errored; favorable with reserves when
 * another case did not pass (a minor case failed or errored, or a case was skipped, i.e. not tested);
 * favorable otherwise.
 */
import { compareRequirementIds } from '../requirements/load-requirements.js';
import type { CaseResult, Declaration, RequirementCoverage, RunResult, RunSummary, Verdict } from './result.js';

type Counts = { total: number; passed: number; failed: number; skipped: number; error: number };

const KEY: Record<Verdict, keyof Omit<Counts, 'total'>> = { passed: 'passed', failed: 'failed', skipped: 'skipped', error: 'error' };

function emptyCounts(): Counts {
  return { total: 0, passed: 0, failed: 0, skipped: 0, error: 0 };
}

export function summarize(cases: readonly CaseResult[]): RunSummary {
  const all = emptyCounts();
  const byGroup: Record<string, Counts> = {};
  for (const c of cases) {
    const g = (byGroup[c.group] ??= emptyCounts());
    for (const counts of [all, g]) {
      counts.total += 1;
      counts[KEY[c.verdict]] += 1;
    }
  }
  const notPassed = cases.filter((c) => c.verdict !== 'passed');
  const blockingFault = notPassed.some((c) => c.severity === 'blocking' && (c.verdict === 'failed' || c.verdict === 'error'));
  const reserves = notPassed.filter((c) => !(c.severity === 'blocking' && (c.verdict === 'failed' || c.verdict === 'error'))).map((c) => c.id);
  return {
    ...all,
    byGroup,
    overall: blockingFault ? 'unfavorable' : reserves.length > 0 ? 'favorable-with-reserves' : 'favorable',
    reserves,
  };
}

export interface RequirementText {
  id: string;
  text: string;
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

/** 0 every case passed or was skipped, 1 a case failed (the endpoint), 2 a case errored (sas-recette). */
export function exitCodeOf(run: Pick<RunResult, 'cases'>): 0 | 1 | 2 {
  if (run.cases.some((c) => c.verdict === 'error')) return 2;
  if (run.cases.some((c) => c.verdict === 'failed')) return 1;
  return 0;
}
