/**
 * Brings a run.json written under the earlier verdict model (schemaVersion 1 before issue #10: no
 * `not-applicable`, `summary.reserves` as case ids, no `blocking` / `mode` / `validForAcceptance`) to
 * the current shape, so `sas-recette report` still renders it. Nothing is re-judged: the recorded
 * verdicts and overall opinion stay; the missing fields are read off what the run recorded, and a note
 * in the run says the PV comes from the earlier model (whose passes may hide unchecked parts).
 */
import type { Message } from '../core/findings.js';
import type { CaseResult, Reserve, RunResult, RunSummary, VerdictCounts } from '../core/model.js';

export const LEGACY_NOTE: Message = {
  fr:
    'run.json écrit par une version antérieure de sas-recette (modèle de verdict sans « non applicable » ni réserves ' +
    'sur les éléments non vérifiés) : verdicts rendus tels qu’enregistrés, la liste des réserves peut être incomplète. ' +
    'Relancer la recette avec la version actuelle pour un PV au modèle en vigueur.',
  en:
    'run.json written by an earlier sas-recette (verdict model without "not applicable" nor reserves on unchecked ' +
    'elements): verdicts rendered as recorded, the list of reserves may be incomplete. Run the acceptance again with ' +
    'the current version for a report under the current model.',
};

/** True for a run of the earlier model (its summary has no `mode`). */
export function isLegacyRun(run: { summary: Partial<RunSummary> }): boolean {
  return run.summary.mode === undefined;
}

function withNotApplicable<T extends Partial<VerdictCounts>>(c: T): T & VerdictCounts {
  return { ...c, 'not-applicable': c['not-applicable'] ?? 0 } as T & VerdictCounts;
}

/** The earlier run's reserve ids as reserves: a skipped case is a `skipped` reserve, any other a failed minor case. */
function legacyReserve(id: string, cases: readonly CaseResult[]): Reserve {
  const c = cases.find((x) => x.id === id);
  return {
    kind: c?.verdict === 'skipped' ? 'skipped' : 'failed-minor',
    ref: id,
    cases: [id],
    message: c?.reason ?? c?.title ?? { fr: id, en: id },
  };
}

/** The earlier run recorded `--insecure` only as a note and in its command line. */
function wasInsecure(run: RunResult): boolean {
  return /(^|\s)--insecure(\s|=|$)/.test(run.environment.command) || run.setupNotes.some((n) => n.en.includes('--insecure'));
}

/** The run in the current shape; a run already in it is returned as is. */
export function upgradeLegacyRun(run: RunResult): RunResult {
  if (!isLegacyRun(run)) return run;
  const old = run.summary as unknown as Omit<RunSummary, 'reserves'> & { reserves: Array<string | Reserve> };
  const insecure = run.insecure ?? wasInsecure(run);
  const judged = run.cases.filter((c) => c.verdict !== 'skipped').length;
  const reserves = old.reserves.map((r) => (typeof r === 'string' ? legacyReserve(r, run.cases) : r));
  const summary: RunSummary = {
    ...withNotApplicable(old),
    byGroup: Object.fromEntries(Object.entries(old.byGroup).map(([g, c]) => [g, withNotApplicable(c)])),
    reserves,
    blocking:
      old.blocking ??
      run.cases.filter((c) => c.severity === 'blocking' && (c.verdict === 'failed' || c.verdict === 'error')).map((c) => c.id),
    mode: 'standard',
    validForAcceptance: !insecure && judged > 0,
  };
  return { ...run, ...(insecure ? { insecure: true } : {}), setupNotes: [...run.setupNotes, LEGACY_NOTE], summary };
}
