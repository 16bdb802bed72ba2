/**
 * The table of contents at the end of the summary: links to the PV's sections and to each group of
 * the case details (the ids are those page.ts, cases.ts and closing.ts write).
 */
import type { RunResult } from '../../core/model.js';
import { groupOrder } from '../case-view.js';
import { groupAnchor } from './cases.js';
import { manualCases } from './attestations.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';

export function tocBlock(run: RunResult, t: Labels): SafeHtml {
  const groups = groupOrder(run.cases);
  const official = run.cases.some((c) => (c.officialFindings?.length ?? 0) > 0);
  const link = (id: string, text: string) => html`<a href="#${id}">${text}</a>`;
  return html`<nav class="toc" aria-labelledby="sec-toc">
<h3 id="sec-toc">${t.toc}</h3>
<ol>
<li>${link('sec-identification', t.identification)}</li>
<li>${link('sec-summary', t.summary)}</li>
<li>${link('sec-matrix', t.matrix)}</li>
<li>${link('sec-cases', t.cases)}
<ol>${groups.map((g, i) => html`<li>${link(groupAnchor(g, i), t.groupName(g))} (${t.caseCount(run.cases.filter((c) => c.group === g).length)})</li>`)}</ol></li>
${official ? html`<li>${link('sec-official', t.official)}</li>\n` : ''}${
    manualCases(run).length ? html`<li>${link('sec-attestations', t.attestations)}</li>\n` : ''
  }<li>${link('sec-declarations', t.declarations)}</li>
<li>${link('sec-signatures', t.signatures)}</li>
</ol>
</nav>`;
}
