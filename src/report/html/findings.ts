/**
 * Findings tables: one per resource, with location, rule, message and requirements; then warnings and
 * information repeated more than REPEAT_THRESHOLD times for one rule, summarised in one row each (count,
 * message, first locations). Errors and fatal findings are always listed one by one.
 */
import { textOf, type Finding, type Lang } from '../../core/findings.js';
import { groupByResource, REPEAT_THRESHOLD, splitRepeated, type RepeatedFinding } from '../case-view.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';
import { idCode, idList } from './ids.js';

function requirementCodes(requirements: readonly string[]): SafeHtml {
  return idList(requirements);
}

function severityCell(f: Pick<Finding, 'severity' | 'notChecked'>, t: Labels): SafeHtml {
  return html`${t.severity[f.severity]}${f.notChecked ? html` <em>(${t.notChecked})</em>` : ''}`;
}

function findingRow(f: Finding, t: Labels, lang: Lang): SafeHtml {
  return html`<tr class="finding sev-${f.severity}"><td>${severityCell(f, t)}</td><td>${idCode(f.ruleId)}</td><td><code>${f.location}</code></td><td>${textOf(f.message, lang)}</td><td>${requirementCodes(f.requirements ?? [])}</td></tr>\n`;
}

function repeatedRow(r: RepeatedFinding, t: Labels, lang: Lang): SafeHtml {
  const first = r.occurrences[0];
  const shown = r.occurrences.slice(0, REPEAT_THRESHOLD);
  const more = r.occurrences.length - shown.length;
  const message = textOf(first.message, lang);
  const varies = r.occurrences.some((f) => textOf(f.message, lang) !== message);
  const requirements = [...new Set(r.occurrences.flatMap((f) => f.requirements ?? []))];
  const notChecked = r.occurrences.every((f) => f.notChecked);
  return html`<tr class="finding repeated sev-${r.severity}"><td>${severityCell({ severity: r.severity, notChecked }, t)}</td><td>${idCode(r.ruleId)}</td><td class="num">${r.occurrences.length}</td><td><ul class="plain">${shown.map(
    (f) => html`<li><code>${f.location}</code>${f.resource ? html` <span class="note">${f.resource}</span>` : ''}</li>`,
  )}${more > 0 ? html`<li class="more">${t.andMore(more)}</li>` : ''}</ul></td><td>${message}${varies ? html`<br><span class="note">(${t.messageVaries})</span>` : ''}</td><td>${requirementCodes(requirements)}</td></tr>\n`;
}

function repeatedTable(repeated: RepeatedFinding[], t: Labels, lang: Lang): SafeHtml {
  return html`<table class="findings repeated">
<caption>${t.repeatedCaption(repeated.reduce((n, r) => n + r.occurrences.length, 0))}</caption>
<colgroup><col class="c-sev"><col class="c-rule"><col class="c-count"><col class="c-loc"><col class="c-msg"><col class="c-req"></colgroup>
<thead><tr><th scope="col">${t.severityLabel}</th><th scope="col">${t.rule}</th><th scope="col" class="num">${t.occurrences}</th><th scope="col">${t.firstLocations}</th><th scope="col">${t.message}</th><th scope="col">${t.requirementsShort}</th></tr></thead>
<tbody>
${repeated.map((r) => repeatedRow(r, t, lang))}</tbody>
</table>
<p class="note">${t.repeatedNote(REPEAT_THRESHOLD)}</p>\n`;
}

/** Tables of findings grouped by resource, then the repeated ones summarised, after the given heading. */
export function findingsBlock(findings: Finding[], t: Labels, lang: Lang, heading: SafeHtml): SafeHtml {
  if (findings.length === 0) return html`${heading}<p>${t.noFindings}</p>`;
  const { single, repeated } = splitRepeated(findings);
  const groups = groupByResource(single, t.wholeResponse);
  return html`${heading}${groups.map(
    (g) => html`<table class="findings">
<caption>${t.findingsOf(g.resource)} (${g.findings.length})</caption>
<colgroup><col class="c-sev"><col class="c-rule"><col class="c-loc"><col class="c-msg"><col class="c-req"></colgroup>
<thead><tr><th scope="col">${t.severityLabel}</th><th scope="col">${t.rule}</th><th scope="col">${t.location}</th><th scope="col">${t.message}</th><th scope="col">${t.requirementsShort}</th></tr></thead>
<tbody>
${g.findings.map((f) => findingRow(f, t, lang))}</tbody>
</table>\n`,
  )}${repeated.length ? repeatedTable(repeated, t, lang) : ''}`;
}
