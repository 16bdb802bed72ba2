/** Summary: overall verdict in words, counts and pass rate per group, reserves, notes about the run. */
import { textOf, type Lang } from '../../core/findings.js';
import type { RunResult, RunSummary } from '../../run/result.js';
import { caseTitle, verdictReason } from '../case-view.js';
import { overallBadge } from './badges.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';

type Counts = RunSummary['byGroup'][string];

function passRate(c: Counts, lang: Lang): string {
  const ran = c.total - c.skipped;
  if (ran <= 0) return '—';
  const pct = (100 * c.passed) / ran;
  const text = pct.toFixed(pct === 100 || pct === 0 ? 0 : 1);
  return `${lang === 'fr' ? text.replace('.', ',') : text} %`;
}

function countCells(c: Counts, lang: Lang): SafeHtml {
  return html`<td class="num">${c.total}</td><td class="num">${c.passed}</td><td class="num">${c.failed}</td><td class="num">${c.error}</td><td class="num">${c.skipped}</td><td class="num">${passRate(c, lang)}</td>`;
}

function reserveItem(id: string, run: RunResult, t: Labels, lang: Lang): SafeHtml {
  const c = run.cases.find((x) => x.id === id);
  if (!c) return html`<li>${id}</li>`;
  const why = verdictReason(c, lang);
  return html`<li><strong>${c.id}</strong> — ${caseTitle(c, lang)}${why ? html`<br><span class="note">${t.reason}${t.colon} ${why}</span>` : ''}</li>`;
}

export function summarySection(run: RunResult, t: Labels, lang: Lang): SafeHtml {
  const s = run.summary;
  const groups = Object.keys(s.byGroup);
  return html`<section aria-labelledby="sec-summary">
<h2 id="sec-summary">${t.summary}</h2>
<div class="overall overall-${s.overall}">
<p><strong>${t.overallLabel}${t.colon}</strong> ${overallBadge(s.overall, t)}</p>
<p>${t.overallExplain(s)}</p>
</div>
<table class="by-group">
<caption>${t.byGroupCaption}</caption>
<thead><tr><th scope="col">${t.group}</th><th scope="col" class="num">${t.total}</th><th scope="col" class="num">${t.verdict.passed}</th><th scope="col" class="num">${t.verdict.failed}</th><th scope="col" class="num">${t.verdict.error}</th><th scope="col" class="num">${t.verdict.skipped}</th><th scope="col" class="num">${t.passRate}</th></tr></thead>
<tbody>
${groups.map((g) => html`<tr><th scope="row">${t.groupName(g)}</th>${countCells(s.byGroup[g], lang)}</tr>\n`)}
</tbody>
<tfoot><tr><th scope="row">${t.allGroups}</th>${countCells(s, lang)}</tr></tfoot>
</table>
<p class="note">${t.passRateNote}</p>
<h3>${t.reserves}</h3>
${s.reserves.length ? html`<ol class="reserves">${s.reserves.map((r) => reserveItem(r, run, t, lang))}</ol>` : html`<p>${t.noReserves}</p>`}
${run.setupNotes.length ? html`<h3>${t.setupNotes}</h3><ul>${run.setupNotes.map((n) => html`<li>${textOf(n, lang)}</li>`)}</ul>` : ''}
</section>`;
}
