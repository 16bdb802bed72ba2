/** Editor declarations (HDS hosting, MFA, RPPS use, lockout…): shown as attestations, never as tests. */
import { textOf, type Lang } from '../../core/findings.js';
import type { RunResult } from '../../core/model.js';
import { humanInZone, PARIS } from '../format.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';
import { idCode, idList } from './ids.js';

function when(value: string | undefined, lang: Lang): string {
  if (!value) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : humanInZone(value, PARIS, lang);
}

export function declarationsSection(run: RunResult, t: Labels, lang: Lang): SafeHtml {
  return html`<section aria-labelledby="sec-declarations" class="declarative">
<h2 id="sec-declarations">${t.declarations}</h2>
<p class="note">${t.declarationsNote}</p>
${
  run.declarations.length
    ? html`<table class="declarations">
<caption>${t.declarationsCaption}</caption>
<colgroup><col class="c-q"><col class="c-a"><col class="c-com"><col class="c-by"><col class="c-date"><col class="c-req"></colgroup>
<thead><tr><th scope="col">${t.question}</th><th scope="col">${t.answerLabel}</th><th scope="col">${t.comment}</th><th scope="col">${t.declaredBy}</th><th scope="col">${t.date}</th><th scope="col">${t.requirementsShort}</th></tr></thead>
<tbody>
${run.declarations.map(
  (d) =>
    html`<tr><th scope="row">${idCode(d.id)}<br>${textOf(d.question, lang)}</th><td><strong>${t.answer[d.answer]}</strong></td><td>${d.comment ?? '—'}</td><td>${d.declaredBy}</td><td>${when(d.declaredAt, lang)}</td><td>${idList(d.requirements)}</td></tr>\n`,
)}</tbody>
</table>`
    : html`<p>${t.noDeclarations}</p>`
}
</section>`;
}
