/**
 * The campaign dashboard: one self-contained HTML page of the same overview and actions as the workbook,
 * with the PV's stylesheet and its policy (no script, nothing loaded from outside; every text from a
 * run escaped by the `html` template). "Sortable without script": a page with no script cannot re-sort
 * a table, so it offers the orders people ask for, each pre-rendered and reached by an anchor link:
 * - the overview by severity (unfavourable first, then with reserves, then favourable; most open
 *   actions first), each editor linking to its own actions;
 * - every action, open first (then not re-checked, then fixed), by editor, case and rule;
 * - the actions of each editor, one table per editor (the order of a meeting with one editor).
 * Separate tables rather than `<details>` groups: they print, and an anchor always lands on them.
 */
import type { Lang } from '../../core/findings.js';
import type { RunSummary } from '../../core/model.js';
import { isoInZone } from '../format.js';
import { documentHead } from '../html/document-head.js';
import { anchorId, html, type SafeHtml } from '../html/escape.js';
import { ACTION_HEADERS, HASH_WORDS, NO_PV_INFO, OVERVIEW_HEADERS, STATUS_WORDS, VERDICT_WORDS, word } from './labels.js';
import type { ActionRow, ActionStatus, Campaign, OverviewRow } from './types.js';

/** Marks a file as a campaign dashboard, so that regenerating replaces it and nothing else (src/cli/actions/campaign.ts). */
export const DASHBOARD_GENERATOR = 'sas-recette campaign';

const SEVERITY: Record<RunSummary['overall'], number> = { unfavorable: 0, 'favorable-with-reserves': 1, favorable: 2 };
const VERDICT_CLASS: Record<RunSummary['overall'], string> = {
  unfavorable: 'verdict-failed',
  'favorable-with-reserves': 'verdict-passed-with-reserves',
  favorable: 'verdict-passed',
};
const STATUS_CLASS: Record<ActionStatus, string> = {
  open: 'verdict-failed',
  unverified: 'verdict-error',
  fixed: 'verdict-passed',
  absent: 'verdict-skipped',
};

const T = {
  title: { fr: 'Suivi de campagne SAS', en: 'SAS campaign tracker' },
  generated: { fr: 'Généré le', en: 'Generated on' },
  counts: { fr: 'éditeurs et logiciels', en: 'editors and software' },
  runs: { fr: 'exécutions lues', en: 'runs read' },
  open: { fr: 'actions ouvertes', en: 'open actions' },
  orders: { fr: 'Ordres de lecture', en: 'Orders' },
  overview: { fr: 'Synthèse, par gravité', en: 'Overview, by severity' },
  actionsAll: { fr: 'Actions, ouvertes d’abord', en: 'Actions, open first' },
  actionsByEditor: { fr: 'Actions par éditeur', en: 'Actions by editor' },
  notes: { fr: 'Notes', en: 'Notes' },
  none: { fr: 'Aucune action.', en: 'No action.' },
  times: { fr: 'Dates à l’heure de Paris.', en: 'Dates in Paris time.' },
};

const when = (iso: string): string => isoInZone(iso).slice(0, 16).replace('T', ' ');

function overviewOrder(a: OverviewRow, b: OverviewRow): number {
  return SEVERITY[a.latest.overall] - SEVERITY[b.latest.overall] || b.openActions - a.openActions || a.editor.localeCompare(b.editor);
}

function overviewTable(rows: readonly OverviewRow[], anchors: Map<string, string>, lang: Lang): SafeHtml {
  const h = OVERVIEW_HEADERS;
  const head = [
    h.editor,
    h.software,
    h.version,
    h.lastRun,
    h.verdict,
    h.blocking,
    h.reserves,
    h.openActions,
    h.pv,
    h.hash,
    h.tool,
    h.ig,
    h.flags,
  ];
  return html`<table class="campaign-overview">
<thead><tr>${head.map((m) => html`<th scope="col">${word(m, lang)}</th>`)}</tr></thead>
<tbody>${[...rows].sort(overviewOrder).map((o) => {
    const r = o.latest;
    return html`<tr>
<th scope="row"><a href="#${anchors.get(o.key) ?? ''}">${o.editor}</a></th>
<td>${o.identified ? o.software : word(NO_PV_INFO, lang)}</td>
<td>${r.softwareVersion ?? ''}</td>
<td>${when(r.startedAt)}</td>
<td><span class="verdict ${VERDICT_CLASS[r.overall]}">${word(VERDICT_WORDS[r.overall], lang)}</span></td>
<td class="num">${r.blockingCount}</td>
<td class="num">${r.reservesCount}</td>
<td class="num">${o.openActions}</td>
<td>${r.pvNumber ?? r.runId}</td>
<td><code class="mono hash">${r.hash}</code><br><span class="note">${word(HASH_WORDS[r.hashOf], lang)}</span></td>
<td>${r.tool}</td>
<td>${r.ig ?? '—'}</td>
<td>${o.flags.length ? html`<strong>⚠ ${o.flags.map((f) => word(f, lang)).join(' · ')}</strong>` : ''}</td>
</tr>`;
  })}</tbody>
</table>`;
}

function actionsTable(rows: readonly ActionRow[], lang: Lang, withEditor: boolean): SafeHtml {
  if (rows.length === 0) return html`<p>${word(T.none, lang)}</p>`;
  const h = ACTION_HEADERS;
  const head = [
    h.status,
    ...(withEditor ? [h.editor, h.software] : []),
    h.caseId,
    h.ruleId,
    h.requirements,
    h.message,
    h.firstSeen,
    h.lastSeen,
    h.seenIn,
  ];
  return html`<table class="campaign-actions">
<thead><tr>${head.map((m) => html`<th scope="col">${word(m, lang)}</th>`)}</tr></thead>
<tbody>${rows.map(
    (a) => html`<tr>
<td><span class="verdict ${STATUS_CLASS[a.status]}">${word(STATUS_WORDS[a.status], lang)}</span></td>
${withEditor ? html`<td>${a.editor}</td><td>${a.software}</td>` : ''}
<td><code class="id">${a.caseId}</code><br><span class="note">${word(a.caseTitle, lang)}</span></td>
<td><code class="id">${a.ruleId}</code></td>
<td>${a.requirements.join(', ')}</td>
<td>${word(a.message, lang)}</td>
<td>${when(a.firstSeen)}</td>
<td>${when(a.lastSeen)}</td>
<td class="num">${a.seenIn} / ${a.runs}</td>
</tr>`,
  )}</tbody>
</table>`;
}

const EXTRA_CSS = `
body { max-width: none; }
table.campaign-overview, table.campaign-actions { font-size: .85em; }
code.hash { font-size: .75em; overflow-wrap: anywhere; }
`;

export function renderDashboard(campaign: Campaign, runsRead: number, lang: Lang, now: Date): string {
  const anchors = new Map(campaign.overview.map((o, i) => [o.key, anchorId('editor', o.editor, i)]));
  const open = campaign.actions.filter((a) => a.status === 'open').length;
  const byGroup = campaign.overview.map((o) => ({ o, rows: campaign.actions.filter((a) => a.group === o.key) }));
  const doc = html`${documentHead({ lang, title: word(T.title, lang), footer: DASHBOARD_GENERATOR, extraCss: EXTRA_CSS, generator: DASHBOARD_GENERATOR })}
<body>
<header>
<h1>${word(T.title, lang)}</h1>
<p class="subtitle">${word(T.generated, lang)} ${when(now.toISOString())} · ${campaign.overview.length} ${word(T.counts, lang)} · ${runsRead} ${word(T.runs, lang)} · ${open} ${word(T.open, lang)} · ${word(T.times, lang)}</p>
<nav class="toc" aria-label="${word(T.orders, lang)}"><ol>
<li><a href="#overview">${word(T.overview, lang)}</a></li>
<li><a href="#actions">${word(T.actionsAll, lang)}</a></li>
<li><a href="#by-editor">${word(T.actionsByEditor, lang)}</a></li>
${campaign.notes.length ? html`<li><a href="#notes">${word(T.notes, lang)}</a></li>` : ''}
</ol></nav>
</header>
<main>
<section id="overview"><h2>${word(T.overview, lang)}</h2>${overviewTable(campaign.overview, anchors, lang)}</section>
<section id="actions"><h2>${word(T.actionsAll, lang)}</h2>${actionsTable(campaign.actions, lang, true)}</section>
<section id="by-editor"><h2>${word(T.actionsByEditor, lang)}</h2>
${byGroup.map(
  ({ o, rows }) =>
    html`<h3 id="${anchors.get(o.key) ?? ''}">${o.editor}${o.software ? html` — ${o.software}` : ''}</h3>${actionsTable(rows, lang, false)}`,
)}
</section>
${campaign.notes.length ? html`<section id="notes"><h2>${word(T.notes, lang)}</h2><ul>${campaign.notes.map((n) => html`<li>${word(n, lang)}</li>`)}</ul></section>` : ''}
</main>
</body>
</html>
`;
  return doc.value;
}
