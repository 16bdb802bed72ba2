/**
 * What the campaign keeps of one run: who it is about (pvInfo), its verdict and counts, the versions it
 * was made with, its hash, the verdict of each case, and its blocking non-conformities: for each
 * blocking case the run counts as failed or errored (summary.blocking), one entry per rule id among the
 * case's errors, the way `diff` matches findings across runs (by rule id). A blocking case that failed
 * without any error finding (a transport fault recorded as the case's reason) gets one entry named after
 * its verdict, so it is never left out of the actions.
 */
import { isBlocking, type Message } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import type { HashSource, RunFacts, RunFailure } from './types.js';

function caseFailures(c: CaseResult): RunFailure[] {
  const byRule = new Map<string, RunFailure>();
  for (const f of c.findings) {
    if (!isBlocking(f) || f.engine === 'official' || byRule.has(f.ruleId)) continue;
    const requirements = f.requirements?.length ? f.requirements : c.requirements;
    byRule.set(f.ruleId, { caseId: c.id, caseTitle: c.title, ruleId: f.ruleId, requirements, message: f.message });
  }
  if (byRule.size > 0) return [...byRule.values()];
  const message: Message = c.reason ?? { fr: `cas en ${c.verdict === 'error' ? 'erreur' : 'échec'}`, en: `case ${c.verdict}` };
  return [{ caseId: c.id, caseTitle: c.title, ruleId: `(${c.verdict})`, requirements: c.requirements, message }];
}

/** Trimmed, or undefined when empty. */
function named(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

export function runFacts(run: RunResult, file: string, hash: { hash: string; hashOf: HashSource }): RunFacts {
  const blocking = new Set(run.summary.blocking);
  const failures = run.cases.filter((c) => blocking.has(c.id)).flatMap(caseFailures);
  const verdicts = new Map<string, RunResult['cases'][number]['verdict']>();
  for (const c of run.cases) if (!verdicts.has(c.id)) verdicts.set(c.id, c.verdict);
  return {
    file,
    runId: run.runId,
    startedAt: run.startedAt,
    editor: named(run.pvInfo?.editor),
    software: named(run.pvInfo?.software),
    softwareVersion: named(run.pvInfo?.softwareVersion),
    pvNumber: named(run.pvInfo?.pvNumber),
    baseUrl: run.baseUrl,
    useCases: run.useCases,
    overall: run.summary.overall,
    blockingCount: run.summary.blocking.length,
    reservesCount: run.summary.reserves.length,
    tool: run.tool.version,
    ig: run.ig ? `${run.ig.id}#${run.ig.version}` : null,
    ...hash,
    verdicts,
    failures,
  };
}
