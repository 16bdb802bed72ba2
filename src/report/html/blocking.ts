/**
 * The blocking non-conformities on the first pages, grouped by root cause (failure-causes.ts): an
 * endpoint answering HTML 502 to every request shows that cause once, with the table of the cases it
 * hit. Each case: its id linked to its card, the requirements, the deciding rule and a one-line reason
 * (once in the caption when all the cases of the cause share it).
 */
import { textOf, type Lang } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import { caseTitle, decidingFindings, verdictReason } from '../case-view.js';
import { failureCauses } from '../failure-causes.js';
import { oneLine } from '../format.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';
import { idCode, idList } from './ids.js';

/** Longest reason shown on one line (the whole one is on the case card). */
const REASON_MAX = 240;

interface Row {
  id: string;
  c?: CaseResult;
  anchor?: string;
}

function reasonOf(c: CaseResult | undefined, lang: Lang): string {
  const why = c ? verdictReason(c, lang) : undefined;
  return why ? oneLine(why, REASON_MAX) : '—';
}

/** The requirements the deciding finding verifies, else those of the case. */
function requirementsOf(c: CaseResult): string[] {
  const first = decidingFindings(c)[0]?.requirements ?? [];
  return first.length ? first : c.requirements;
}

function caseCell(r: Row, lang: Lang): SafeHtml {
  const id = r.anchor ? html`<a href="#${r.anchor}">${idCode(r.id)}</a>` : idCode(r.id);
  return html`<th scope="row">${id}${r.c ? html`<br><span class="note">${caseTitle(r.c, lang)}</span>` : ''}</th>`;
}

function causeTable(label: string, rows: Row[], t: Labels, lang: Lang): SafeHtml {
  const reasons = rows.map((r) => reasonOf(r.c, lang));
  const shared = reasons.every((x) => x === reasons[0]);
  return html`<table class="blocking${shared ? '' : ' with-reason'}">
<caption>${t.causeCaption(label, rows.length)}${shared ? html`<br><span class="cause-reason">${rows.length > 1 ? t.commonReason : t.reason}${t.colon} ${reasons[0]}</span>` : ''}</caption>
<thead><tr><th scope="col">${t.caseColumn}</th><th scope="col">${t.requirementsShort}</th><th scope="col">${t.rule}</th>${shared ? '' : html`<th scope="col">${t.reason}</th>`}</tr></thead>
<tbody>
${rows.map((r, i) => {
  const rule = r.c ? decidingFindings(r.c)[0]?.ruleId : undefined;
  const reqs = r.c ? requirementsOf(r.c) : [];
  return html`<tr>${caseCell(r, lang)}<td>${reqs.length ? idList(reqs) : '—'}</td><td>${rule ? idCode(rule) : '—'}</td>${shared ? '' : html`<td>${reasons[i]}</td>`}</tr>\n`;
})}</tbody>
</table>\n`;
}

/**
 * Every id of `run.summary.blocking` appears once: under the cause of its case, or, for an id the
 * run's cases do not hold, in a last table.
 */
export function blockingBlock(run: RunResult, anchors: Map<CaseResult, string>, t: Labels, lang: Lang): SafeHtml {
  const blocking = [...new Set(run.summary.blocking ?? [])];
  if (blocking.length === 0) return html`<h3>${t.blocking}</h3>\n<p>${t.noBlocking}</p>`;
  const wanted = new Set(blocking);
  const seen = new Set<string>();
  const groups = failureCauses(run)
    .map((cause) => ({
      label: textOf(cause.label, lang),
      rows: cause.cases
        .filter((c) => wanted.has(c.id) && !seen.has(c.id) && seen.add(c.id))
        .map((c): Row => ({ id: c.id, c, anchor: anchors.get(c) })),
    }))
    .filter((g) => g.rows.length > 0);
  const missing = blocking.filter((id) => !seen.has(id));
  if (missing.length) groups.push({ label: t.causeNotInRun, rows: missing.map((id) => ({ id })) });
  return html`<h3>${t.blocking}</h3>
<p class="blocking-intro">${t.blockingIntro(blocking.length, groups.length)}</p>
${groups.map((g) => causeTable(g.label, g.rows, t, lang))}`;
}
