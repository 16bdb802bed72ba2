/** Signature blocks (ANS and editor) and the footer carrying the PV's SHA-256. */
import type { RunResult } from '../../core/model.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';

export function signatureBox(title: string, t: Labels): SafeHtml {
  return html`<div class="signature-box">
<h3>${title}</h3>
<dl>
<dt>${t.name}</dt><dd></dd>
<dt>${t.role}</dt><dd></dd>
<dt>${t.date}</dt><dd></dd>
<dt>${t.readApproved}</dt><dd></dd>
<dt>${t.signature}</dt><dd class="sign-area"></dd>
</dl>
</div>`;
}

/** `hash` is the placeholder at render time; page.ts replaces it with the real value. */
export function closingBlock(run: RunResult, hash: string, finishedAt: string, t: Labels): SafeHtml {
  return html`<div class="closing">
<section aria-labelledby="sec-signatures" class="signature-section">
<h2 id="sec-signatures">${t.signatures}</h2>
<p>${t.signaturesIntro}</p>
<div class="signatures">
${signatureBox(t.forAns, t)}
${signatureBox(t.forEditor(run.pvInfo?.editor), t)}
</div>
</section>
<footer>
<p>${t.footerHash} (${t.footerHashHow})${t.colon} <span class="hash" data-pv-sha256="${hash}">${hash}</span></p>
<p>${t.draft} · ${t.pvNumber} ${run.pvInfo?.pvNumber || run.runId} · ${t.generatedBy(`${run.tool.name} ${run.tool.version}`, finishedAt)}</p>
</footer>
</div>`;
}
