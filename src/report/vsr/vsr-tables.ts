/**
 * The sections of the PV VSR that carry the day-by-day figures: availability and latency (each a chart
 * with the table of its numbers right after it), incidents with their cause, and the conformance rules
 * that failed over time. Rule ids, URLs and evidence paths come from the endpoint's answers: `html` escapes them.
 */
import type { Lang } from '../../core/findings.js';
import { html, type SafeHtml } from '../html/escape.js';
import { availabilityChart, latencyChart } from './charts.js';
import type { Incident } from './incidents.js';
import type { VsrReport } from './vsr-model.js';
import { dayText, durationText, percentText, secondsText, shortInstant } from './vsr-format.js';
import type { VsrLabels } from './vsr-labels.js';

const th = (label: string): SafeHtml => html`<th scope="col">${label}</th>`;

export function availabilitySection(report: VsrReport, v: VsrLabels, lang: Lang): SafeHtml {
  const rows = report.days.map(
    (d) =>
      html`<tr><th scope="row">${dayText(d.day, lang)}</th><td class="num">${d.probes}</td><td class="num">${d.available}</td><td class="num">${d.availability === undefined ? html`<em>${v.noProbe}</em>` : percentText(d.availability, lang)}</td><td class="num">${d.failedProbes}</td></tr>`,
  );
  return html`<section aria-labelledby="sec-availability">
<h2 id="sec-availability">${v.availabilityTitle}</h2>
<figure class="vsr-figure">
${availabilityChart(report.days, v, lang)}
<figcaption>${v.legendFull} · ${v.legendPartial} · ${v.legendNone}</figcaption>
</figure>
<table class="vsr-days">
<caption>${v.availabilityCaption}</caption>
<thead><tr>${th(v.day)}${th(v.probes)}${th(v.available)}${th(v.availability)}${th(v.failedProbes)}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

export function latencySection(report: VsrReport, v: VsrLabels, lang: Lang): SafeHtml {
  const rows = report.days.map((d) => {
    const l = d.latency;
    return html`<tr><th scope="row">${dayText(d.day, lang)}</th><td class="num">${l.count}</td><td class="num">${secondsText(l.p50, lang)}</td><td class="num">${secondsText(l.p95, lang)}</td><td class="num">${secondsText(l.p99, lang)}</td><td class="num">${secondsText(l.max, lang)}</td><td class="num">${l.over1s}</td><td class="num">${l.over7s}</td></tr>`;
  });
  return html`<section aria-labelledby="sec-latency">
<h2 id="sec-latency">${v.latencyTitle}</h2>
<figure class="vsr-figure">
${latencyChart(report.days, report.latency.p95, report.latency.over7s, v, lang)}
<figcaption>p50 — · p95 - - · p99 ··· · ${v.target} · ${v.timeout}</figcaption>
</figure>
<table class="vsr-days">
<caption>${v.latencyCaption}</caption>
<thead><tr>${th(v.day)}${th(v.requests)}${th('p50')}${th('p95')}${th('p99')}${th('max')}${th('> 1 s')}${th('> 7 s')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function causeOf(i: Incident, v: VsrLabels): SafeHtml {
  const parts: SafeHtml[] = [html`${v.unavailableProbes(i.unavailable, i.probes)}`];
  if (i.outcomes.length)
    parts.push(html`${i.outcomes.map((o, k) => html`${k ? ', ' : ''}${v.outcome[o.outcome] ?? o.outcome} (${o.count})`)}`);
  if (i.statuses.length) parts.push(html`${v.httpStatus} ${i.statuses.join(', ')}`);
  if (i.rules.length)
    parts.push(html`${v.failingRules}${v.colon} ${i.rules.map((r, k) => html`${k ? ', ' : ''}<code class="id long">${r}</code>`)}`);
  if (i.evidence) parts.push(html`${v.evidence}${v.colon} <code>${i.evidence.path}</code>`);
  return html`${parts.map((p, k) => html`${k ? html`<br>` : ''}${p}`)}`;
}

export function incidentsSection(report: VsrReport, v: VsrLabels, l: Lang): SafeHtml {
  const body = report.incidents.length
    ? html`<table class="vsr-incidents">
<caption>${v.incidentsCaption}</caption>
<colgroup><col class="c-n"><col class="c-start"><col class="c-end"><col class="c-dur"><col class="c-cause"></colgroup>
<thead><tr>${th('#')}${th(v.start)}${th(v.end)}${th(v.duration)}${th(v.cause)}</tr></thead>
<tbody>
${report.incidents.map(
  (i, k) =>
    html`<tr><td class="num">${k + 1}</td><td>${shortInstant(i.start, l)}</td><td>${shortInstant(i.end, l)}${i.endKind === 'ongoing' ? html`<br><em>${v.ongoing}</em>` : ''}</td><td class="num">${durationText(i.durationMs, l)}</td><td>${causeOf(i, v)}</td></tr>`,
)}
</tbody>
</table>`
    : html`<p>${v.noIncident}</p>`;
  return html`<section aria-labelledby="sec-incidents">
<h2 id="sec-incidents">${v.incidentsTitle}</h2>
<p>${v.incidentsIntro}</p>
${body}
</section>`;
}

export function regressionsSection(report: VsrReport, v: VsrLabels, l: Lang): SafeHtml {
  if (report.rules.length === 0)
    return html`<section aria-labelledby="sec-regressions">
<h2 id="sec-regressions">${v.regressionsTitle}</h2>
<p>${v.noRegression}</p>
</section>`;
  const days = report.days.filter((d) => d.failingRules.length);
  return html`<section aria-labelledby="sec-regressions">
<h2 id="sec-regressions">${v.regressionsTitle}</h2>
<p>${v.regressionsIntro}</p>
<table class="vsr-rules">
<caption>${v.regressionsCaption}</caption>
<thead><tr>${th(v.rule)}${th(v.firstSeen)}${th(v.lastSeen)}${th(v.probes)}${th(v.daysCount)}</tr></thead>
<tbody>
${report.rules.map(
  (r) =>
    html`<tr><th scope="row"><code class="id long">${r.ruleId}</code></th><td>${shortInstant(r.firstSeen, l)}</td><td>${shortInstant(r.lastSeen, l)}</td><td class="num">${r.probes}</td><td class="num">${r.days.length}</td></tr>`,
)}
</tbody>
</table>
<table class="vsr-rules-by-day">
<caption>${v.byDayCaption}</caption>
<thead><tr>${th(v.day)}${th(v.failingRules)}</tr></thead>
<tbody>
${days.map((d) => html`<tr><th scope="row">${dayText(d.day, l)}</th><td>${d.failingRules.map((r, k) => html`${k ? ', ' : ''}<code class="id long">${r}</code>`)}</td></tr>`)}
</tbody>
</table>
</section>`;
}
