/**
 * The PV VSR as one self-contained HTML file, built like the acceptance PV (src/report/html/page.ts):
 * no script, no external resource, the same CSP, the same stylesheet and print layout, the same
 * identification rows and signature boxes, and the SHA-256 of the file in its footer in the same form
 * (`data-pv-sha256`, computed with the hash replaced by 64 zeros), so `pvHashes` checks it too.
 */
import type { Lang } from '../../core/findings.js';
import type { PvInfo } from '../../core/model.js';
import { signatureBox } from '../html/closing.js';
import { documentHead } from '../html/document-head.js';
import { html, type SafeHtml } from '../html/escape.js';
import { labelsFor, type Labels } from '../html/i18n.js';
import { PV_HASH_PLACEHOLDER, sealPv } from '../html/page.js';
import { identificationSection, pvNumberOf, summarySection, type VsrMeta } from './vsr-sections.js';
import { availabilitySection, incidentsSection, latencySection, regressionsSection } from './vsr-tables.js';
import type { VsrReport } from './vsr-model.js';
import { dayText } from './vsr-format.js';
import { vsrLabelsFor, type VsrLabels } from './vsr-labels.js';

export type { VsrMeta } from './vsr-sections.js';

export interface VsrPvOptions {
  lang: Lang;
  pvInfo?: PvInfo;
  meta: VsrMeta;
}

/** Styles of the charts and tables the acceptance PV does not have. */
const VSR_STYLES = `
figure.vsr-figure { margin: .6rem 0 1rem; break-inside: avoid; }
figure.vsr-figure svg.vsr-chart { display: block; width: 100%; height: auto; max-width: 48rem; }
figure.vsr-figure figcaption { font-size: .88em; color: var(--muted); margin-top: .2rem; }
table.vsr-days, table.vsr-gaps, table.vsr-notes { font-size: .85em; }
table.vsr-days td.num { width: 12%; } table.vsr-days th[scope=row] { width: 22%; }
table.vsr-incidents { table-layout: fixed; }
table.vsr-incidents col.c-n { width: 5%; } table.vsr-incidents col.c-start { width: 17%; } table.vsr-incidents col.c-end { width: 19%; }
table.vsr-incidents col.c-dur { width: 13%; } table.vsr-incidents col.c-cause { width: 46%; }
table.vsr-summary th[scope=row] { width: 38%; }
@media print { figure.vsr-figure svg.vsr-chart { max-width: none; } }
`;

function closing(
  report: VsrReport,
  pvNumber: string,
  editor: string | undefined,
  meta: VsrMeta,
  t: Labels,
  v: VsrLabels,
  lang: Lang,
): SafeHtml {
  return html`<div class="closing">
<section aria-labelledby="sec-signatures" class="signature-section">
<h2 id="sec-signatures">${t.signatures}</h2>
<p>${v.signaturesIntro}</p>
<div class="signatures">
${signatureBox(t.forAns, t)}
${signatureBox(t.forEditor(editor), t)}
</div>
</section>
<footer>
<p>${t.footerHash} (${t.footerHashHow})${t.colon} <span class="hash" data-pv-sha256="${PV_HASH_PLACEHOLDER}">${PV_HASH_PLACEHOLDER}</span></p>
<p>${t.draft} · ${t.pvNumber} ${pvNumber} · ${v.generatedBy(meta.tool, dayText(report.firstDay, lang), dayText(report.lastDay, lang))}</p>
</footer>
</div>`;
}

export function renderVsrPv(report: VsrReport, options: VsrPvOptions): string {
  const { lang, pvInfo, meta } = options;
  const t = labelsFor(lang);
  const v = vsrLabelsFor(lang);
  const pvNumber = pvNumberOf(report, pvInfo);
  const doc = html`${documentHead({ lang, title: `${v.title} — ${pvNumber}`, footer: `PV ${pvNumber}`, extraCss: VSR_STYLES })}
<body>
<header>
<h1>${v.title}</h1>
<p class="subtitle">${v.subtitle}</p>
<p class="status-line">${t.draft}</p>
<p>${t.pvNumber} <strong>${pvNumber}</strong> · ${v.period}${t.colon} ${dayText(report.firstDay, lang)} – ${dayText(report.lastDay, lang)}</p>
</header>
<main>
${identificationSection(report, pvInfo, meta, t, v, lang)}
${summarySection(report, v, lang)}
${availabilitySection(report, v, lang)}
${latencySection(report, v, lang)}
${incidentsSection(report, v, lang)}
${regressionsSection(report, v, lang)}
</main>
${closing(report, pvNumber, pvInfo?.editor, meta, t, v, lang)}
</body>
</html>
`;
  return sealPv(doc.value);
}
