/**
 * Manual checks the tool cannot make (a regulator already logged in to SAS reaches the booking page
 * without a new login, flux V2): cases tagged `manual`. The PV lists each with what to open and what to
 * see (the case's reason), and empty columns the reviewer fills in by hand; the case itself stays
 * skipped — a reserve of the run — never passed.
 */
import { textOf, type Lang } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';
import { idCode, idList } from './ids.js';

export const MANUAL_TAG = 'manual';

export function manualCases(run: RunResult): CaseResult[] {
  return run.cases.filter((c) => c.tags.includes(MANUAL_TAG));
}

export function attestationsSection(run: RunResult, anchors: Map<CaseResult, string>, t: Labels, lang: Lang): SafeHtml | '' {
  const cases = manualCases(run);
  if (cases.length === 0) return '';
  return html`<section aria-labelledby="sec-attestations" class="declarative">
<h2 id="sec-attestations">${t.attestations}</h2>
<p class="note">${t.attestationsNote}</p>
<table class="attestations">
<caption>${t.attestationsCaption}</caption>
<colgroup><col class="c-q"><col class="c-how"><col class="c-req"><col class="c-a"><col class="c-by"></colgroup>
<thead><tr><th scope="col">${t.attestationCheck}</th><th scope="col">${t.attestationHow}</th><th scope="col">${t.requirementsShort}</th><th scope="col">${t.attestationFinding}</th><th scope="col">${t.attestationVisa}</th></tr></thead>
<tbody>
${cases.map(
  (c) =>
    html`<tr><th scope="row"><a href="#${anchors.get(c) ?? ''}">${idCode(c.id)}</a><br>${textOf(c.title, lang)}</th><td class="how">${c.reason ? textOf(c.reason, lang) : '—'}</td><td>${idList(c.requirements)}</td><td class="blank">${t.attestationChoices}</td><td class="blank"></td></tr>\n`,
)}</tbody>
</table>
</section>`;
}
