/**
 * `--html FILE`: the diff as one self-contained HTML page in the PV's look (its stylesheet, badges and
 * verdict words, src/report/html/), readable on screen and when printed: no script, no external resource,
 * and the PV's Content-Security-Policy forbidding both. Every value from a run file goes through the
 * escaping `html` template (html/escape.ts), so a hostile message or URL can only ever be text.
 */
import { textOf, type Lang, type Message } from '../../core/findings.js';
import { colon } from '../../core/typography.js';
import { overallBadge, verdictBadge } from '../html/badges.js';
import { documentHead } from '../html/document-head.js';
import { html, type SafeHtml } from '../html/escape.js';
import { labelsFor, type Labels } from '../html/i18n.js';
import type { CaseChange, CaseDiff, Percentiles, RunDiff, RunRef } from './types.js';
import { diffWords, type DiffWords } from './words.js';

/** What the diff adds to the PV's stylesheet: the mark of each change and the finding lists. */
const DIFF_STYLES = `
.change-regression { border-left: 6px solid var(--fail); }
.change-fixed { border-left: 6px solid var(--pass); }
.change-changed { border-left: 6px solid var(--resv); }
.change-added, .change-removed { border-left: 6px solid var(--na); }
table.diff-cases col.c-id { width: 18%; } table.diff-cases col.c-verdicts { width: 24%; } table.diff-cases col.c-findings { width: 58%; }
table.diff-cases { table-layout: fixed; }
ul.findings-diff { list-style: none; padding: 0; margin: .2rem 0 0; }
ul.findings-diff li { margin: .1rem 0; overflow-wrap: anywhere; }
.caveats { border: 2px solid var(--resv); background: var(--resv-bg); padding: .5rem .8rem; margin: .6rem 0;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.caveats ul { margin: .2rem 0; }
`;

function runColumn(r: RunRef, t: Labels): SafeHtml[] {
  return [
    html`<code class="id long">${r.runId}</code>`,
    html`${r.startedAt}`,
    html`${r.tool}`,
    html`${r.ig ?? '—'}`,
    html`<span class="mono">${r.cahierSha256}</span>`,
    html`<span class="mono">${r.jddSha256}</span>`,
    html`<span class="mono">${r.baseUrl}</span>`,
    overallBadge(r.overall, t),
    html`${r.file ? html`<span class="mono">${r.file}</span>` : '—'}`,
  ];
}

function identification(d: RunDiff, w: DiffWords, t: Labels, lang: Lang): SafeHtml {
  const rows =
    lang === 'en'
      ? ['Run', 'Started', 'sas-recette', 'IG', 'Cahier (SHA-256)', 'JDD (SHA-256)', 'Endpoint', 'Overall verdict', 'File']
      : ['Exécution', 'Début', 'sas-recette', 'IG', 'Cahier (SHA-256)', 'JDD (SHA-256)', "Point d'accès", 'Avis', 'Fichier'];
  const olds = runColumn(d.old, t);
  const news = runColumn(d.new, t);
  return html`<table class="identification">
<thead><tr><th scope="col"></th><th scope="col">${w.oldRun}</th><th scope="col">${w.newRun}</th></tr></thead>
<tbody>${rows.map((label, i) => html`<tr><th scope="row">${label}</th><td>${olds[i]}</td><td>${news[i]}</td></tr>`)}</tbody>
</table>`;
}

function caveats(list: Message[], w: DiffWords, lang: Lang): SafeHtml | string {
  if (list.length === 0) return '';
  return html`<div class="caveats" role="note"><strong>${w.caveats}</strong><ul>${list.map((m) => html`<li>${textOf(m, lang)}</li>`)}</ul></div>`;
}

function verdicts(c: CaseDiff, t: Labels): SafeHtml {
  const o = c.oldVerdict ? verdictBadge(c.oldVerdict, t) : '—';
  const n = c.newVerdict ? verdictBadge(c.newVerdict, t) : '—';
  if (c.change === 'added') return html`${n}`;
  if (c.change === 'removed') return html`${o}`;
  return html`${o} → ${n}`;
}

function findingList(c: CaseDiff, w: DiffWords, lang: Lang): SafeHtml | string {
  const sev = (s: keyof DiffWords['severity']): string => w.severity[s];
  const where = (f: { ruleId: string; location: string }): SafeHtml =>
    html`<code class="id">${f.ruleId}</code> @ <span class="mono">${f.location || '—'}</span>`;
  const items = [
    ...c.findings.added.map((f) => html`<li>+ ${where(f)} (${sev(f.severity)})${colon(lang)} ${textOf(f.message, lang)}</li>`),
    ...c.findings.severityChanged.map((f) => html`<li>± ${where(f)} (${sev(f.old)} → ${sev(f.new)})</li>`),
    ...c.findings.removed.map((f) => html`<li>− ${where(f)} (${sev(f.severity)})</li>`),
  ];
  if (items.length === 0) return '';
  return html`<ul class="findings-diff">${items}</ul>`;
}

function caseRow(c: CaseDiff, w: DiffWords, t: Labels, lang: Lang): SafeHtml {
  const failingNew =
    c.change === 'added' && (c.newVerdict === 'failed' || c.newVerdict === 'error') ? html`<p class="note">${w.addedFailing}</p>` : '';
  return html`<tr class="change-${c.change}"><td><code class="id long">${c.id}</code><br><span class="meta">${textOf(c.title, lang)}</span></td><td>${verdicts(c, t)}${failingNew}</td><td>${findingList(c, w, lang)}</td></tr>`;
}

function section(change: CaseChange, d: RunDiff, w: DiffWords, t: Labels, lang: Lang): SafeHtml | string {
  const cases = d.cases.filter((c) => c.change === change);
  if (cases.length === 0) return '';
  const head = lang === 'en' ? ['Case', 'Verdict', 'Findings'] : ['Cas', 'Verdict', 'Constats'];
  return html`<section><h2>${w.section[change]} (${cases.length})</h2>
<table class="diff-cases"><colgroup><col class="c-id"><col class="c-verdicts"><col class="c-findings"></colgroup>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${cases.map((c) => caseRow(c, w, t, lang))}</tbody></table></section>`;
}

function cells(p: Percentiles | undefined): SafeHtml {
  if (!p) return html`<td class="num">—</td><td class="num">—</td><td class="num">—</td><td class="num">—</td><td class="num">—</td>`;
  return html`<td class="num">${p.samples}</td><td class="num">${p.p50}</td><td class="num">${p.p95}</td><td class="num">${p.p99}</td><td class="num">${p.max}</td>`;
}

function latency(d: RunDiff, w: DiffWords): SafeHtml | string {
  if (d.latency.length === 0) return '';
  const sub = ['n', 'p50', 'p95', 'p99', 'max'];
  return html`<section><h2>${w.latency}</h2>
<table class="latency"><thead><tr><th scope="col" rowspan="2">${w.latencyHead.series}</th><th scope="colgroup" colspan="5">${w.oldRun}</th><th scope="colgroup" colspan="5">${w.newRun}</th></tr>
<tr>${[...sub, ...sub].map((s) => html`<th scope="col" class="num">${s}</th>`)}</tr></thead>
<tbody>${d.latency.map((r) => html`<tr><th scope="row">${r.allRequests ? w.allRequests : r.label}</th>${cells(r.old)}${cells(r.new)}</tr>`)}</tbody></table>
<p class="note">n = ${w.latencyHead.samples}</p></section>`;
}

function result(d: RunDiff, w: DiffWords, lang: Lang): SafeHtml {
  const order: CaseChange[] = ['regression', 'fixed', 'changed', 'added', 'removed', 'same'];
  const counts = order.map((ch) => w.counted(ch, d.cases.filter((c) => c.change === ch).length)).join(', ');
  return html`<p><strong>${w.result}${colon(lang)}</strong> ${counts} · ${w.exit(d.regressions.length)}</p>`;
}

/** The diff as a complete HTML document. */
export function diffHtml(d: RunDiff, lang: Lang): string {
  const w = diffWords(lang);
  const t = labelsFor(lang);
  const footer = `diff ${d.old.runId} → ${d.new.runId}`;
  return html`${documentHead({ lang, title: `${w.title} — ${d.old.runId} → ${d.new.runId}`, footer, extraCss: DIFF_STYLES })}
<body>
<header>
<h1>${w.title}</h1>
${identification(d, w, t, lang)}
${caveats(d.caveats, w, lang)}
<div class="overall overall-${d.overall.new}"><p>${w.overall}${colon(lang)} ${overallBadge(d.overall.old, t)} → ${overallBadge(d.overall.new, t)}</p>
${result(d, w, lang)}</div>
</header>
<main>
${(['regression', 'fixed', 'changed', 'added', 'removed'] as const).map((ch) => section(ch, d, w, t, lang))}
${latency(d, w)}
</main>
</body>
</html>
`.value;
}
