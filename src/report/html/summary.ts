/**
 * Summary: the overall verdict in words and the mode that produced it, a prominent "not valid for
 * acceptance" when the run cannot support one, counts and pass rate per group, every blocking
 * non-conformity grouped by root cause (blocking.ts), then the reserves grouped by kind, notes about
 * the run, and the table of contents.
 */
import { textOf, type Lang } from '../../core/findings.js';
import type { CaseResult, Reserve, RunResult, VerdictCounts } from '../../core/model.js';
import { acceptanceValidity, caseState, caseTitle, reservesByKind, verdictReason } from '../case-view.js';
import { blockingBlock } from './blocking.js';
import { overallBadge } from './badges.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';
import { idCode } from './ids.js';
import { tocBlock } from './toc.js';

type CaseIndex = Map<string, { c: CaseResult; anchor: string }>;

/** Counts of a run.json written before `not-applicable` existed have no such key: 0. */
const notApplicable = (c: VerdictCounts): number => c['not-applicable'] ?? 0;

function passRate(c: VerdictCounts, lang: Lang): string {
  const judged = c.total - c.skipped - notApplicable(c);
  if (judged <= 0) return '—';
  const pct = (100 * c.passed) / judged;
  const text = pct.toFixed(pct === 100 || pct === 0 ? 0 : 1);
  return `${lang === 'fr' ? text.replace('.', ',') : text} %`;
}

function countCells(c: VerdictCounts, lang: Lang): SafeHtml {
  return html`<td class="num">${c.total}</td><td class="num">${c.passed}</td><td class="num">${c.failed}</td><td class="num">${c.error}</td><td class="num">${c.skipped}</td><td class="num">${notApplicable(c)}</td><td class="num">${passRate(c, lang)}</td>`;
}

/** `<a href="#card"><code>ID</code></a>` when the case is in the run, the bare id otherwise. */
function caseLink(id: string, byId: CaseIndex): SafeHtml {
  const hit = byId.get(id);
  return hit ? html`<a href="#${hit.anchor}">${idCode(id)}</a>` : idCode(id);
}

/** One reserve: the case (linked, with its reason) or the element / requirement with its message and the cases that met it. */
function reserveItem(r: Reserve, byId: CaseIndex, t: Labels, lang: Lang): SafeHtml {
  const message = textOf(r.message, lang);
  const hit = byId.get(r.ref);
  if (hit && (r.kind === 'failed-minor' || r.kind === 'skipped' || r.kind === 'not-applicable')) {
    const why = verdictReason(hit.c, lang) ?? message;
    return html`<li>${caseLink(r.ref, byId)} — ${caseTitle(hit.c, lang)}<br><span class="note">${t.reason}${t.colon} ${why}</span></li>`;
  }
  const others = (r.cases ?? []).filter((id) => id !== r.ref);
  return html`<li>${r.kind === 'untested-requirement' ? idCode(r.ref) : html`<code>${r.ref}</code>`} — ${message}${
    others.length
      ? html`<br><span class="note">${t.seenIn}${t.colon} ${others.map((id, i) => html`${i ? ', ' : ''}${caseLink(id, byId)}`)}</span>`
      : ''
  }</li>`;
}

/** The reason a case-level reserve is listed under: the case's own reason, else the reserve's message. */
function caseReserveReason(r: Reserve, byId: CaseIndex, lang: Lang): string {
  const hit = byId.get(r.ref);
  return (hit && verdictReason(hit.c, lang)) ?? textOf(r.message, lang);
}

/**
 * Skipped and not-applicable cases that share one reason (all the mTLS cases of a plain-HTTP run) take
 * one item: the reason, then the linked case ids. A case alone with its reason keeps its title.
 */
function caseReserveItems(reserves: Reserve[], byId: CaseIndex, t: Labels, lang: Lang): SafeHtml[] {
  const byReason = new Map<string, Reserve[]>();
  for (const r of reserves) {
    const key = caseReserveReason(r, byId, lang);
    byReason.set(key, [...(byReason.get(key) ?? []), r]);
  }
  return [...byReason].map(([reason, list]) =>
    list.length === 1
      ? reserveItem(list[0], byId, t, lang)
      : html`<li>${t.reason}${t.colon} ${reason}<br><span class="note">${list.length} ${t.casesWord}${t.colon} ${list.map((r, i) => html`${i ? ', ' : ''}${caseLink(r.ref, byId)}`)}</span></li>`,
  );
}

function reservesBlock(run: RunResult, byId: CaseIndex, t: Labels, lang: Lang): SafeHtml {
  const groups = reservesByKind(run.summary.reserves);
  if (groups.length === 0) return html`<h3>${t.reserves}</h3>\n<p>${t.noReserves}</p>`;
  // one numbering across the kinds, so a reserve keeps its number when the PV is discussed
  let next = 1;
  return html`<h3>${t.reserves}</h3>
${groups.map((g) => {
  const items =
    g.kind === 'skipped' || g.kind === 'not-applicable'
      ? caseReserveItems(g.reserves, byId, t, lang)
      : g.reserves.map((r) => reserveItem(r, byId, t, lang));
  const start = next;
  next += items.length;
  return html`<h4 class="reserve-kind">${t.reserveKind[g.kind]} (${g.reserves.length})</h4>
<ol class="reserves reserves-${g.kind}"${start > 1 ? html` start="${start}"` : ''}>${items}</ol>\n`;
})}`;
}

/** The catalogue's severity waivers that decided findings of the run, each with its reason and source. */
function waiversBlock(run: RunResult, byId: CaseIndex, t: Labels): SafeHtml | '' {
  const waivers = run.waivers ?? [];
  if (waivers.length === 0) return '';
  return html`<h3>${t.waivers}</h3>
<p class="note">${t.waiversIntro}</p>
<ul class="waivers">${waivers.map(
    (
      w,
    ) => html`<li>${idCode(w.rule)} → ${w.severity}${t.colon} ${w.when}<br>${w.reason} <span class="note">(${w.source})</span><br><span class="note">${t.waiverCases}${t.colon} ${w.cases.map((id, i) => html`${i ? ', ' : ''}${caseLink(id, byId)}`)}</span></li>
`,
  )}</ul>`;
}

/** The banner a signer cannot miss when the run is not valid for an acceptance; '' otherwise. */
export function notValidBanner(run: RunResult, t: Labels): SafeHtml | '' {
  const v = acceptanceValidity(run);
  if (!v.notValid) return '';
  return html`<p class="not-valid"><span aria-hidden="true">⚠</span> ${t.notValid(v.causes)}</p>`;
}

export function summarySection(run: RunResult, byId: CaseIndex, anchors: Map<CaseResult, string>, t: Labels, lang: Lang): SafeHtml {
  const s = run.summary;
  const mode = s.mode ?? 'standard';
  const groups = Object.keys(s.byGroup);
  const withReserves = run.cases.filter((c) => caseState(c) === 'passed-with-reserves').length;
  const banner = notValidBanner(run, t);
  return html`<section aria-labelledby="sec-summary">
<h2 id="sec-summary">${t.summary}</h2>
<div class="overall overall-${s.overall}">
<p><strong>${t.overallLabel}${t.colon}</strong> ${overallBadge(s.overall, t)}</p>
<p class="mode mode-${mode}"><strong>${t.modeLabel}${t.colon}</strong> ${t.mode[mode]} — ${t.modeExplain[mode]}</p>
${banner ? html`${banner}<p class="note">${t.notValidExplain}</p>` : ''}
<p>${t.overallExplain(s, withReserves)}</p>
</div>
<table class="by-group">
<caption>${t.byGroupCaption}</caption>
<thead><tr><th scope="col">${t.group}</th><th scope="col" class="num">${t.total}</th><th scope="col" class="num">${t.verdict.passed}</th><th scope="col" class="num">${t.verdict.failed}</th><th scope="col" class="num">${t.verdict.error}</th><th scope="col" class="num">${t.verdict.skipped}</th><th scope="col" class="num">${t.verdict['not-applicable']}</th><th scope="col" class="num">${t.passRate}</th></tr></thead>
<tbody>
${groups.map((g) => html`<tr><th scope="row">${t.groupName(g)}</th>${countCells(s.byGroup[g], lang)}</tr>\n`)}
</tbody>
<tfoot><tr><th scope="row">${t.allGroups}</th>${countCells(s, lang)}</tr></tfoot>
</table>
<p class="note">${t.passRateNote}</p>
${blockingBlock(run, anchors, t, lang)}
${reservesBlock(run, byId, t, lang)}
${waiversBlock(run, byId, t)}
${run.setupNotes.length ? html`<h3>${t.setupNotes}</h3><ul>${run.setupNotes.map((n) => html`<li>${textOf(n, lang)}</li>`)}</ul>` : ''}
${tocBlock(run, t)}
</section>`;
}
