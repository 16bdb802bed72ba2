/**
 * The actions of one editor + software: each blocking non-conformity (case + rule id) seen in its runs,
 * ordered by date, with when it was first and last seen and where it stands now. The matching rule is
 * diff's (src/report/diff): a finding is the same across runs when its case and rule id are. The status
 * reads the latest run that judged the case, since a later run that did not play it (--only, skipped,
 * not applicable) says nothing about it:
 * - open: the rule failed there;
 * - fixed: the case passed there (never from the mere absence of the rule: a case that fails early, on an
 *   HTTP status, does not run the rules of the body);
 * - unverified: the case failed there on other rules only.
 */
import type { Verdict } from '../../core/model.js';
import { rowKey } from './keys.js';
import type { ActionRow, ActionStatus, RunFacts, RunFailure } from './types.js';

const JUDGED: ReadonlySet<Verdict> = new Set<Verdict>(['passed', 'failed', 'error']);

interface Seen {
  failure: RunFailure;
  first: RunFacts;
  last: RunFacts;
  count: number;
}

/** The runs in date order (then run id, for runs started the same millisecond). */
export function byDate(runs: readonly RunFacts[]): RunFacts[] {
  const time = (r: RunFacts): number => Date.parse(r.startedAt) || 0;
  return [...runs].sort((a, b) => time(a) - time(b) || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
}

function statusOf(seen: Seen, key: string, runs: readonly RunFacts[], keyOf: (f: RunFailure) => string): ActionStatus {
  for (let i = runs.length - 1; i >= 0; i--) {
    const verdict = runs[i].verdicts.get(seen.failure.caseId);
    if (verdict === undefined || !JUDGED.has(verdict)) continue;
    if (runs[i].failures.some((f) => keyOf(f) === key)) return 'open';
    return verdict === 'passed' ? 'fixed' : 'unverified';
  }
  return 'open'; // not reached: the run that last saw it judged the case
}

/**
 * Actions of one group. `runs` in date order; `groupParts` the group's key parts; `group` its key, and
 * its editor and software as shown (the latest run's spelling).
 */
export function groupActions(
  runs: readonly RunFacts[],
  groupParts: readonly string[],
  group: { key: string; editor: string; software: string },
): ActionRow[] {
  const keyOf = (f: RunFailure): string => rowKey([...groupParts, f.caseId, f.ruleId]);
  const seen = new Map<string, Seen>();
  for (const run of runs) {
    for (const failure of run.failures) {
      const key = keyOf(failure);
      const s = seen.get(key);
      if (s) {
        s.last = run;
        s.count += 1;
        s.failure = failure; // the latest wording of the finding
      } else seen.set(key, { failure, first: run, last: run, count: 1 });
    }
  }
  return [...seen.entries()].map(([key, s]) => ({
    key,
    group: group.key,
    editor: group.editor,
    software: group.software,
    caseId: s.failure.caseId,
    caseTitle: s.failure.caseTitle,
    requirements: s.failure.requirements,
    ruleId: s.failure.ruleId,
    message: s.failure.message,
    firstSeen: s.first.startedAt,
    lastSeen: s.last.startedAt,
    seenIn: s.count,
    runs: runs.length,
    status: statusOf(s, key, runs, keyOf),
  }));
}
