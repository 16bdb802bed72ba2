/**
 * What `sas-recette vsr` prints: the period, the availability, the p95, the number of incidents, the
 * lines of the history not kept, and the files written. Terminal text: values from the history (the
 * endpoint URL) go through the terminal sanitiser before they are printed.
 */
import type { Lang } from '../../core/findings.js';
import { terminalSafe } from '../terminal.js';
import type { VsrReport } from './vsr-model.js';
import { dayText, durationText, percentText, secondsText } from './vsr-format.js';
import { vsrLabelsFor } from './vsr-labels.js';

export function vsrConsoleText(report: VsrReport, files: readonly string[], lang: Lang): string {
  const v = vsrLabelsFor(lang);
  const c = v.console;
  const lines = [
    `PV VSR — ${report.endpoints.map((e) => terminalSafe(e)).join(', ')}`,
    `${c.period}${v.colon} ${dayText(report.firstDay, lang)} – ${dayText(report.lastDay, lang)} (${report.probes} ${v.probes.toLowerCase()})`,
    `${c.availability}${v.colon} ${percentText(report.availability, lang)}`,
    `${c.p95}${v.colon} ${secondsText(report.latency.p95, lang)}`,
    `${c.incidents}${v.colon} ${report.incidents.length}${report.incidents.length ? ` (${durationText(report.incidentMs, lang)})` : ''}`,
  ];
  if (report.history.skipped) lines.push(c.notes(report.history.skipped));
  for (const f of files) lines.push(`${c.wrote} ${f}`);
  return `${lines.join('\n')}\n`;
}
