/**
 * The PV as one self-contained HTML file: no script, no external resource, a CSP that forbids both,
 * inline CSS with an A4 print stylesheet, and the SHA-256 of the file in its footer (computed with the
 * hash field set to 64 zeros, so anyone can recompute it).
 */
import { createHash } from 'node:crypto';
import type { Lang } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import { humanInZone, PARIS } from '../format.js';
import { reportView } from '../evidence-files.js';
import { overallBadge } from './badges.js';
import { casesSection, officialSection } from './cases.js';
import { closingBlock } from './closing.js';
import { declarationsSection } from './declarations.js';
import { attestationsSection } from './attestations.js';
import { documentHead } from './document-head.js';
import { anchorId, html } from './escape.js';
import { identificationSection } from './identification.js';
import { labelsFor } from './i18n.js';
import { matrixSection } from './matrix.js';
import { markCarriedOver, rejudgedBanner } from './rejudged.js';
import { notValidBanner, summarySection } from './summary.js';

export { CSP } from './document-head.js';
export const PV_HASH_PLACEHOLDER = '0'.repeat(64);

export interface PvOptions {
  lang: Lang;
}

const hashField = (hash: string): string => `data-pv-sha256="${hash}">${hash}<`;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash written in a PV and the hash recomputed from its content (equal when untouched). */
export function pvHashes(pvHtml: string): { written?: string; computed?: string } {
  const matches = [...pvHtml.matchAll(/data-pv-sha256="([0-9a-f]{64})">([0-9a-f]{64})</g)];
  const last = matches.at(-1);
  if (!last || last[1] !== last[2] || last.index === undefined) return {};
  const written = last[1];
  const blank = pvHtml.slice(0, last.index) + hashField(PV_HASH_PLACEHOLDER) + pvHtml.slice(last.index + last[0].length);
  return { written, computed: sha256(blank) };
}

export function renderPv(input: RunResult, options: PvOptions): string {
  const run = reportView(input).run; // redacted, each case cut to the report limits (evidence-files.ts)
  const { lang } = options;
  const t = labelsFor(lang);
  const pvNumber = run.pvInfo?.pvNumber || run.runId;
  const anchors = new Map<CaseResult, string>(run.cases.map((c, i) => [c, anchorId('case', c.id, i)]));
  const byId = new Map<string, { c: CaseResult; anchor: string }>();
  for (const c of run.cases) if (!byId.has(c.id)) byId.set(c.id, { c, anchor: anchors.get(c) ?? '' });

  const doc = html`${documentHead({ lang, title: `${t.title} — ${pvNumber}`, footer: `PV ${pvNumber}` })}
<body>
<header>
<h1>${t.title}</h1>
<p class="subtitle">${t.subtitle}</p>
<p class="status-line">${t.draft}</p>
<p>${t.pvNumber} <strong>${pvNumber}</strong> · ${t.overallLabel}${t.colon} ${overallBadge(run.summary.overall, t)} · ${t.modeLabel}${t.colon} ${t.mode[run.summary.mode ?? 'standard']}</p>
${notValidBanner(run, t)}
${rejudgedBanner(run, lang)}
</header>
<main>
${identificationSection(run, t, lang)}
${summarySection(run, byId, anchors, t, lang)}
${matrixSection(run, byId, t)}
${markCarriedOver(casesSection(run, anchors, t, lang), run, anchors, lang)}
${officialSection(run, anchors, t, lang)}
${attestationsSection(run, anchors, t, lang)}
${declarationsSection(run, t, lang)}
</main>
${closingBlock(run, PV_HASH_PLACEHOLDER, humanInZone(run.finishedAt, PARIS, lang), t)}
</body>
</html>
`;
  return sealPv(doc.value);
}

/**
 * A rendered PV with its own SHA-256 written in place of PV_HASH_PLACEHOLDER (the last one, in its
 * closing block): the hash of the page as it is with the placeholder, which pvHashes recomputes.
 */
export function sealPv(text: string): string {
  const field = hashField(PV_HASH_PLACEHOLDER);
  const at = text.lastIndexOf(field);
  return text.slice(0, at) + hashField(sha256(text)) + text.slice(at + field.length);
}
