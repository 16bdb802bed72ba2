/**
 * Per-case cards, grouped by cahier group: verdict, requirements, reason, findings, evidence, latency.
 * A case passed with reserves lists what it could not check; skipped and not-applicable cases their
 * reason. Failed and error cases show everything (findings in full, evidence open, excerpts printed). Passed,
 * skipped and not-applicable cases are compact on paper: their warnings and information become one counted line, and no
 * response excerpt is printed; on screen the findings and the evidence stay in closed <details>.
 */
import { countBySeverity, isBlocking, type Lang } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import { caseReserves, caseState, caseTitle, decidingFindings, groupOrder, verdictReason } from '../case-view.js';
import { omittedLines } from '../evidence-files.js';
import { humanMs } from '../format.js';
import { verdictBadge } from './badges.js';
import { evidenceBlock, latencyTable } from './evidence.js';
import { anchorId, html, type SafeHtml } from './escape.js';
import { findingsBlock } from './findings.js';
import type { Labels } from './i18n.js';
import { idCode, idList } from './ids.js';

/** Findings of a passed or skipped case: blocking ones listed (never hidden), the others counted. */
function compactFindings(c: CaseResult, t: Labels, lang: Lang): SafeHtml | '' {
  const blocking = c.findings.filter(isBlocking);
  const others = c.findings.filter((f) => !isBlocking(f));
  const counts = t.severityCounts(countBySeverity(others));
  return html`${blocking.length ? findingsBlock(blocking, t, lang, html`<h5>${t.findings} (${blocking.length})</h5>`) : ''}${
    others.length
      ? html`<p class="print-only compact-findings">${t.compactFindings(counts)}</p>
<details class="screen-only case-findings"><summary>${t.compactFindingsScreen(counts)}</summary>
${findingsBlock(others, t, lang, html``)}</details>`
      : ''
  }`;
}

/** What a case passed with reserves could not check, one line per element. */
function reservesList(c: CaseResult, t: Labels, lang: Lang): SafeHtml | '' {
  const lines = caseReserves(c, lang);
  if (lines.length === 0) return '';
  return html`<h5>${t.caseReserves} (${lines.length})</h5>
<ul class="case-reserves">${lines.map((l) => html`<li>${l}</li>`)}</ul>`;
}

/** What the reports left out of the case (findings, bodies), counted, and the file with the full record. */
function omittedBlock(c: CaseResult, lang: Lang): SafeHtml | '' {
  const lines = omittedLines(c, lang);
  return lines.length ? html`<ul class="note evidence-omitted">${lines.map((l) => html`<li>${l}</li>`)}</ul>` : '';
}

function caseCard(c: CaseResult, anchor: string, t: Labels, lang: Lang): SafeHtml {
  const full = c.verdict === 'failed' || c.verdict === 'error';
  const reason = verdictReason(c, lang);
  const state = caseState(c);
  return html`<article class="case case-${state}${full ? '' : ' case-compact'}" id="${anchor}" aria-labelledby="${anchor}-h">
<h4 id="${anchor}-h">${verdictBadge(state, t)} ${idCode(c.id)} — ${caseTitle(c, lang)}</h4>
<p class="meta">${t.requirementsShort}${t.colon} ${c.requirements.length ? idList(c.requirements) : '—'}
 · ${t.caseSeverity[c.severity]} · ${t.duration}${t.colon} ${humanMs(c.durationMs, lang)}${c.source ? html` · ${t.declaredAt} <code>${c.source}</code>` : ''}</p>
${reason && c.verdict !== 'passed' ? html`<p><strong>${t.reason}${t.colon}</strong> ${reason}</p>` : ''}
${reservesList(c, t, lang)}
${full ? (c.findings.length ? findingsBlock(c.findings, t, lang, html`<h5>${t.findings} (${c.findings.length})</h5>`) : '') : compactFindings(c, t, lang)}
${omittedBlock(c, lang)}
${c.latency?.length ? html`<h5>${t.latency}</h5>${latencyTable(c.latency, t, lang)}` : ''}
${evidenceBlock(c.exchanges, { open: full, excerpt: full, failing: full ? decidingFindings(c) : [] }, t, lang)}
</article>\n`;
}

/** The anchor of a group's heading in the case details (the table of contents links to it). */
export function groupAnchor(group: string, index: number): string {
  return anchorId('group', group, index);
}

export function casesSection(run: RunResult, anchors: Map<CaseResult, string>, t: Labels, lang: Lang): SafeHtml {
  return html`<section aria-labelledby="sec-cases">
<h2 id="sec-cases">${t.cases}</h2>
${groupOrder(run.cases).map(
  (g, i) => html`<h3 id="${groupAnchor(g, i)}">${t.groupName(g)}</h3>
${run.cases.filter((c) => c.group === g).map((c) => caseCard(c, anchors.get(c) ?? '', t, lang))}`,
)}
</section>`;
}

export function officialSection(run: RunResult, anchors: Map<CaseResult, string>, t: Labels, lang: Lang): SafeHtml | '' {
  const withOfficial = run.cases.filter((c) => c.officialFindings && c.officialFindings.length > 0);
  if (withOfficial.length === 0) return '';
  return html`<section aria-labelledby="sec-official" class="official">
<h2 id="sec-official">${t.official}</h2>
<p class="note">${run.official?.gates ? t.officialNoteGates : t.officialNote}</p>
${withOfficial.map((c) =>
  findingsBlock(
    c.officialFindings ?? [],
    t,
    lang,
    html`<h3><a href="#${anchors.get(c) ?? ''}">${idCode(c.id)}</a> — ${caseTitle(c, lang)}</h3>`,
  ),
)}
</section>`;
}
