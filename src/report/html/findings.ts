/** Findings tables, one per resource, with location, rule, message and requirements. */
import { textOf, type Finding, type Lang } from '../../core/findings.js';
import { groupByResource } from '../case-view.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';

function findingRow(f: Finding, t: Labels, lang: Lang): SafeHtml {
  return html`<tr class="finding sev-${f.severity}"><td>${t.severity[f.severity]}${f.notChecked ? html` <em>(${t.notChecked})</em>` : ''}</td><td><code>${f.ruleId}</code></td><td><code>${f.location}</code></td><td>${textOf(f.message, lang)}</td><td>${(f.requirements ?? []).map((r, i) => html`${i ? ', ' : ''}<code>${r}</code>`)}</td></tr>\n`;
}

/** Tables of findings grouped by resource, after the given heading. */
export function findingsBlock(findings: Finding[], t: Labels, lang: Lang, heading: SafeHtml): SafeHtml {
  if (findings.length === 0) return html`${heading}<p>${t.noFindings}</p>`;
  const groups = groupByResource(findings, t.wholeResponse);
  return html`${heading}${groups.map(
    (g) => html`<table class="findings">
<caption>${t.findingsOf(g.resource)} (${g.findings.length})</caption>
<colgroup><col class="c-sev"><col class="c-rule"><col class="c-loc"><col class="c-msg"><col class="c-req"></colgroup>
<thead><tr><th scope="col">${t.severityLabel}</th><th scope="col">${t.rule}</th><th scope="col">${t.location}</th><th scope="col">${t.message}</th><th scope="col">${t.requirementsShort}</th></tr></thead>
<tbody>
${g.findings.map((f) => findingRow(f, t, lang))}</tbody>
</table>\n`,
  )}`;
}
