/** Status words with an icon (never colour alone; the icon is decorative, the word is the status). */
import type { RunSummary, Verdict } from '../../run/result.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';

const VERDICT_ICON: Record<Verdict, string> = { passed: '✔', failed: '✘', skipped: '⊘', error: '⚠' };
const OVERALL_ICON: Record<RunSummary['overall'], string> = { favorable: '✔', 'favorable-with-reserves': '◑', unfavorable: '✘' };
const OVERALL_CLASS: Record<RunSummary['overall'], Verdict> = { favorable: 'passed', 'favorable-with-reserves': 'error', unfavorable: 'failed' };

export function verdictBadge(v: Verdict, t: Labels): SafeHtml {
  return html`<span class="verdict verdict-${v}"><span aria-hidden="true">${VERDICT_ICON[v]}</span> ${t.verdict[v]}</span>`;
}

export function overallBadge(o: RunSummary['overall'], t: Labels): SafeHtml {
  return html`<span class="verdict verdict-${OVERALL_CLASS[o]}"><span aria-hidden="true">${OVERALL_ICON[o]}</span> ${t.overall[o]}</span>`;
}
