/** Requirements matrix: requirement → the cases verifying it (with their verdicts) → status. */
import type { CaseResult, RequirementCoverage, RunResult } from '../../core/model.js';
import { caseState } from '../case-view.js';
import { verdictBadge } from './badges.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';
import { idCode } from './ids.js';

function caseRef(id: string, byId: Map<string, { c: CaseResult; anchor: string }>, t: Labels): SafeHtml {
  const hit = byId.get(id);
  if (!hit) return html`<li>${idCode(id)} <em>(${t.caseNotInRun})</em></li>`;
  return html`<li><a href="#${hit.anchor}">${idCode(id)}</a> ${verdictBadge(caseState(hit.c), t)}</li>`;
}

const STATUS_CLASS: Record<RequirementCoverage['status'], string> = {
  passed: 'verdict-passed',
  failed: 'verdict-failed',
  'not-tested': 'verdict-skipped',
  declared: 'verdict-skipped',
};
const STATUS_ICON: Record<RequirementCoverage['status'], string> = { passed: '✔', failed: '✘', 'not-tested': '–', declared: '✎' };

export function matrixSection(run: RunResult, anchors: Map<string, { c: CaseResult; anchor: string }>, t: Labels): SafeHtml {
  const rows = run.requirements.map(
    (r) =>
      html`<tr class="req req-${r.status}"><th scope="row">${idCode(r.id)}</th><td>${r.text}</td><td>${
        r.cases.length ? html`<ul class="plain">${r.cases.map((id) => caseRef(id, anchors, t))}</ul>` : '—'
      }</td><td><span class="verdict ${STATUS_CLASS[r.status]}"><span aria-hidden="true">${STATUS_ICON[r.status]}</span> ${t.coverage[r.status]}</span></td></tr>\n`,
  );
  return html`<section aria-labelledby="sec-matrix">
<h2 id="sec-matrix">${t.matrix}</h2>
${
  run.requirements.length
    ? html`<table class="matrix">
<caption>${t.matrixCaption}</caption>
<colgroup><col class="c-id"><col class="c-text"><col class="c-cases"><col class="c-status"></colgroup>
<thead><tr><th scope="col">${t.requirement}</th><th scope="col">${t.requirementText}</th><th scope="col">${t.testCases}</th><th scope="col">${t.status}</th></tr></thead>
<tbody>
${rows}</tbody>
</table>`
    : html`<p>${t.noRequirements}</p>`
}
</section>`;
}
