/**
 * The sections of the PV VSR above the charts: identification (the acceptance PV's rows, plus the
 * period and the history file with its SHA-256) and the summary of the period with what limits it
 * (lines of the history not kept, breaks in the watch). Everything from the history is escaped by `html`.
 */
import type { Lang } from '../../core/findings.js';
import type { PvInfo } from '../../core/model.js';
import { html, type SafeHtml } from '../html/escape.js';
import type { Labels } from '../html/i18n.js';
import { orMissing, row } from '../html/identification.js';
import { humanInZone, PARIS } from '../format.js';
import type { VsrReport } from './vsr-model.js';
import { dayText, durationText, percentText, secondsText, shortInstant, sizeText } from './vsr-format.js';
import type { VsrLabels } from './vsr-labels.js';

export interface VsrMeta {
  /** The history file as the user named it. */
  historyLabel: string;
  /** `sas-recette x.y.z` that rendered the PV. */
  tool: string;
  /** The command line that rendered it. */
  command: string;
}

const codes = (values: readonly string[]): SafeHtml => html`${values.map((v, i) => html`${i ? html`<br>` : ''}<code>${v}</code>`)}`;

export function pvNumberOf(report: VsrReport, pvInfo: PvInfo | undefined): string {
  return pvInfo?.pvNumber || `VSR-${report.firstDay}-${report.lastDay}`;
}

export function identificationSection(
  report: VsrReport,
  pvInfo: PvInfo | undefined,
  meta: VsrMeta,
  t: Labels,
  v: VsrLabels,
  lang: Lang,
): SafeHtml {
  const pv = pvInfo ?? {};
  const period = html`${humanInZone(report.firstProbe, PARIS, lang)} → ${humanInZone(report.lastProbe, PARIS, lang)}<br>(${dayText(report.firstDay, lang)} – ${dayText(report.lastDay, lang)}, ${report.days.length} ${lang === 'fr' ? 'jours' : 'days'})`;
  return html`<section aria-labelledby="sec-identification">
<h2 id="sec-identification">${t.identification}</h2>
<table class="identification">
<caption>${t.identificationCaption}</caption>
<tbody>
${row(t.pvNumber, html`<strong>${pvNumberOf(report, pvInfo)}</strong>`)}
${row(t.editor, orMissing(pv.editor, t))}
${row(t.software, orMissing(pv.software, t))}
${row(t.softwareVersion, orMissing(pv.softwareVersion, t))}
${row(t.deployment, orMissing(pv.environment, t))}
${row(t.endpoint, codes(report.endpoints))}
${row(v.period, period)}
${row(v.probesRow, html`${report.probes}${report.intervalMs ? html` · ${v.interval}${t.colon} ${durationText(report.intervalMs, lang)}` : ''}`)}
${row(t.igVersion, report.igs.length ? codes(report.igs) : html`<em>${t.igNone}</em>`)}
${row(v.toolsProbed, codes(report.tools))}
${report.certValidTo ? row(v.certValidTo, humanInZone(report.certValidTo, PARIS, lang)) : ''}
${row(v.history, html`<code>${meta.historyLabel}</code><br>${v.historyValue(report.history.lines, sizeText(report.history.bytes, lang))}<br>SHA-256 <code>${report.history.sha256}</code>`)}
${row(t.toolVersion, html`<code>${meta.tool}</code>`)}
${row(t.operator, orMissing(pv.operator, t))}
${row(t.reviewer, orMissing(pv.reviewer, t))}
${row(v.command, html`<code>${meta.command}</code>`)}
</tbody>
</table>
</section>`;
}

function readingNotes(report: VsrReport, v: VsrLabels, lang: Lang): SafeHtml | '' {
  const { notes, skipped } = report.history;
  if (skipped === 0) return '';
  return html`<h3>${v.readingNotes}</h3>
<p>${v.readingNotesIntro(skipped)}</p>
<table class="vsr-notes">
<thead><tr><th scope="col">${v.line}</th><th scope="col">${v.reason}</th></tr></thead>
<tbody>
${notes.map((n) => html`<tr><td class="num">${n.line}</td><td>${n.message[lang]}</td></tr>`)}
</tbody>
</table>
${skipped > notes.length ? html`<p class="note">${v.readingNotesMore(skipped - notes.length)}</p>` : ''}`;
}

function gapsTable(report: VsrReport, v: VsrLabels, lang: Lang): SafeHtml | '' {
  if (report.gaps.length === 0) return '';
  return html`<h3>${v.gaps}</h3>
<p>${v.gapsIntro}</p>
<table class="vsr-gaps">
<thead><tr><th scope="col">${v.gapFrom}</th><th scope="col">${v.gapTo}</th><th scope="col">${v.duration}</th></tr></thead>
<tbody>
${report.gaps.map((g) => html`<tr><td>${shortInstant(g.from, lang)}</td><td>${shortInstant(g.to, lang)}</td><td class="num">${durationText(g.durationMs, lang)}</td></tr>`)}
</tbody>
</table>`;
}

export function summarySection(report: VsrReport, v: VsrLabels, lang: Lang): SafeHtml {
  const l = report.latency;
  const line = (label: string, value: SafeHtml | string, explain?: string): SafeHtml =>
    html`<tr><th scope="row">${label}</th><td>${value}${explain ? html`<br><span class="note">${explain}</span>` : ''}</td></tr>`;
  return html`<section aria-labelledby="sec-summary">
<h2 id="sec-summary">${v.summary}</h2>
<p class="declarative">${v.noVerdict}</p>
<table class="identification vsr-summary">
<caption>${v.summaryCaption}</caption>
<tbody>
${line(v.availabilityOverall, html`<strong>${percentText(report.availability, lang)}</strong> — ${v.probesAvailable(report.available, report.probes)}`, v.availabilityExplain)}
${line(v.latencyOverall, html`<strong>${secondsText(l.p50, lang)} / ${secondsText(l.p95, lang)} / ${secondsText(l.p99, lang)}</strong> (${l.count} ${v.requests.toLowerCase()})`, v.latencyExplain)}
${line(v.over1s, String(l.over1s))}
${line(v.over7s, String(l.over7s))}
${line(v.unanswered, String(report.unanswered))}
${line(v.incidentsCount, String(report.incidents.length))}
${line(v.incidentsTime, durationText(report.incidentMs, lang))}
${line(v.rulesCount, String(report.rules.length))}
${line(v.daysWithoutProbe, String(report.daysWithoutProbe))}
</tbody>
</table>
${readingNotes(report, v, lang)}
${gapsTable(report, v, lang)}
</section>`;
}
