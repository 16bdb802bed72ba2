/** Identification block: PV number, system under test, test basis, tooling and session. */
import type { RunResult } from '../../run/result.js';
import { humanInZone, PARIS } from '../format.js';
import { html, type HtmlPart, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';

function row(label: string, value: HtmlPart): SafeHtml {
  return html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
}

function orMissing(value: string | undefined, t: Labels): HtmlPart {
  return value && value.trim() ? value : html`<em>${t.notProvided}</em>`;
}

function filesWithHash(files: string[], sha256: string, t: Labels): SafeHtml {
  const list = files.length ? files.map((f) => html`<code>${f}</code>`) : [html`<em>${t.notProvided}</em>`];
  return html`${list.map((f, i) => html`${i ? html`<br>` : ''}${f}`)}<br>SHA-256 <code>${sha256 || '—'}</code>`;
}

export function identificationSection(run: RunResult, t: Labels, lang: 'fr' | 'en'): SafeHtml {
  const pv = run.pvInfo ?? {};
  const pvNumber = pv.pvNumber || run.runId;
  return html`<section aria-labelledby="sec-identification">
<h2 id="sec-identification">${t.identification}</h2>
<table class="identification">
<caption>${t.identificationCaption}</caption>
<tbody>
${row(t.pvNumber, html`<strong>${pvNumber}</strong>`)}
${pv.pvNumber && pv.pvNumber !== run.runId ? row(t.runId, html`<code>${run.runId}</code>`) : ''}
${row(t.editor, orMissing(pv.editor, t))}
${row(t.software, orMissing(pv.software, t))}
${row(t.softwareVersion, orMissing(pv.softwareVersion, t))}
${row(t.deployment, orMissing(pv.environment, t))}
${row(t.endpoint, html`<code>${run.baseUrl}</code>`)}
${row(t.useCases, run.useCases.map((u, i) => html`${i ? ', ' : ''}${t.useCaseName(u)} (<code>${u}</code>)`))}
${row(t.igVersion, run.ig ? html`<code>${run.ig.id}#${run.ig.version}</code>` : html`<em>${t.igNone}</em>`)}
${row(t.packages, run.packages.length ? run.packages.map((p, i) => html`${i ? ', ' : ''}<code>${p}</code>`) : '—')}
${row(t.toolVersion, html`<code>${run.tool.name} ${run.tool.version}</code>`)}
${row(t.startedParis, humanInZone(run.startedAt, PARIS, lang))}
${row(t.startedUtc, humanInZone(run.startedAt, 'UTC', lang))}
${row(t.finishedParis, humanInZone(run.finishedAt, PARIS, lang))}
${row(t.clock, humanInZone(run.now, PARIS, lang))}
${row(t.operator, orMissing(pv.operator || run.environment.user, t))}
${row(t.reviewer, orMissing(pv.reviewer, t))}
${row(t.runtime, html`Node <code>${run.environment.node}</code> — <code>${run.environment.os}</code>`)}
${row(t.cahier, filesWithHash(run.cahier.files, run.cahier.sha256, t))}
${row(t.jdd, filesWithHash(run.jdd.files, run.jdd.sha256, t))}
${row(t.command, html`<code>${run.environment.command}</code>`)}
</tbody>
</table>
</section>`;
}
