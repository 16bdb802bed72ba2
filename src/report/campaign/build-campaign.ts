/**
 * The campaign of a set of runs: the runs grouped by editor + software (as their pvInfo names them; by
 * base URL with a note when none does), one overview row per group from its latest run, the group's
 * actions (actions.ts), and the flags of runs made with another tool or IG version than most latest runs
 * (their verdicts and findings may differ for that reason alone, not because the endpoint changed).
 */
import type { Message } from '../../core/findings.js';
import { compareText } from '../../core/collate.js';
import { byDate, groupActions } from './actions.js';
import { groupKeyParts, rowKey } from './keys.js';
import { ACTION_STATUSES, type ActionRow, type Campaign, type OverviewRow, type RunFacts } from './types.js';

/** The most frequent value (ties: the greatest, so the newer of two versions as often used). */
function mostFrequent<T extends string | null>(values: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || String(b[0]).localeCompare(String(a[0]), 'en', { numeric: true }))[0][0];
}

const igText = (ig: string | null): string => ig ?? '—';

function flagsOf(runs: readonly RunFacts[], latest: RunFacts, reference: Campaign['reference']): Message[] {
  const flags: Message[] = [];
  if (latest.tool !== reference.tool)
    flags.push({
      fr: `sas-recette ${latest.tool} (la plupart\u00a0: ${reference.tool})`,
      en: `sas-recette ${latest.tool} (most: ${reference.tool})`,
    });
  if (latest.ig !== reference.ig)
    flags.push({
      fr: `IG ${igText(latest.ig)} (la plupart\u00a0: ${igText(reference.ig)})`,
      en: `IG ${igText(latest.ig)} (most: ${igText(reference.ig)})`,
    });
  const tools = [...new Set(runs.map((r) => r.tool))];
  if (tools.length > 1)
    flags.push({
      fr: `historique sur plusieurs versions de sas-recette (${tools.join(', ')})`,
      en: `history over several sas-recette versions (${tools.join(', ')})`,
    });
  const igs = [...new Set(runs.map((r) => igText(r.ig)))];
  if (igs.length > 1)
    flags.push({ fr: `historique sur plusieurs IG (${igs.join(', ')})`, en: `history over several IGs (${igs.join(', ')})` });
  return flags;
}

const statusRank = (a: ActionRow): number => ACTION_STATUSES.indexOf(a.status);

/** Open first, then by editor, software, case and rule. */
export function compareActions(a: ActionRow, b: ActionRow): number {
  return (
    statusRank(a) - statusRank(b) ||
    compareText(a.editor, b.editor) ||
    compareText(a.software, b.software) ||
    compareText(a.caseId, b.caseId) ||
    compareText(a.ruleId, b.ruleId)
  );
}

export function buildCampaign(runs: readonly RunFacts[]): Campaign {
  const groups = new Map<string, { parts: string[]; runs: RunFacts[] }>();
  for (const run of runs) {
    const parts = groupKeyParts(run);
    const key = rowKey(parts);
    const g = groups.get(key) ?? { parts, runs: [] };
    g.runs.push(run);
    groups.set(key, g);
  }
  const ordered = [...groups.entries()].map(([key, g]) => ({ key, parts: g.parts, runs: byDate(g.runs) }));
  const latests = ordered.map((g) => g.runs[g.runs.length - 1]);
  const reference = { tool: mostFrequent(latests.map((r) => r.tool)), ig: mostFrequent(latests.map((r) => r.ig)) };

  const overview: OverviewRow[] = [];
  const actions: ActionRow[] = [];
  for (const g of ordered) {
    const latest = g.runs[g.runs.length - 1];
    const identified = latest.editor !== undefined;
    const editor = latest.editor ?? latest.baseUrl;
    const software = latest.software ?? '';
    const rows = groupActions(g.runs, g.parts, { key: g.key, editor, software });
    actions.push(...rows);
    overview.push({
      key: g.key,
      editor,
      software,
      identified,
      latest,
      runs: g.runs.length,
      openActions: rows.filter((a) => a.status === 'open').length,
      flags: flagsOf(g.runs, latest, reference),
    });
  }
  overview.sort((a, b) => compareText(a.editor, b.editor) || compareText(a.software, b.software));
  actions.sort(compareActions);
  return { overview, actions, reference, notes: campaignNotes(overview) };
}

function campaignNotes(overview: readonly OverviewRow[]): Message[] {
  const notes: Message[] = [];
  const anonymous = overview.filter((o) => !o.identified);
  if (anonymous.length > 0) {
    const urls = anonymous.map((o) => o.editor).join(', ');
    notes.push({
      fr: `${anonymous.length} groupe(s) d'exécutions sans éditeur dans leur identification (--pv-info), regroupées par URL de base\u00a0: ${urls}`,
      en: `${anonymous.length} group(s) of runs with no editor in their identification (--pv-info), grouped by base URL: ${urls}`,
    });
  }
  const flagged = overview.filter((o) => o.flags.length > 0);
  if (flagged.length > 0)
    notes.push({
      fr: `${flagged.length} éditeur(s) signalé(s)\u00a0: exécutions faites avec une autre version de sas-recette ou de l'IG (colonne «\u00a0Versions\u00a0»)`,
      en: `${flagged.length} editor(s) flagged: runs made with another sas-recette or IG version (column "Versions")`,
    });
  return notes;
}
