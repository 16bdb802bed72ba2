/** Status words with an icon (never colour alone; the icon is decorative, the word is the status). */
import type { RunSummary } from '../../core/model.js';
import type { CaseState } from '../case-view.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';

const VERDICT_ICON: Record<CaseState, string> = {
  passed: '✔',
  'passed-with-reserves': '◐',
  failed: '✘',
  skipped: '⊘',
  'not-applicable': '∅',
  error: '⚠',
};
const OVERALL_ICON: Record<RunSummary['overall'], string> = { favorable: '✔', 'favorable-with-reserves': '◑', unfavorable: '✘' };
const OVERALL_CLASS: Record<RunSummary['overall'], CaseState> = {
  favorable: 'passed',
  'favorable-with-reserves': 'passed-with-reserves',
  unfavorable: 'failed',
};

/** The badge of a case state (a verdict, with "passed with reserves" apart). */
export function verdictBadge(v: CaseState, t: Labels): SafeHtml {
  return html`<span class="verdict verdict-${v}"><span aria-hidden="true">${VERDICT_ICON[v]}</span> ${t.state[v]}</span>`;
}

export function overallBadge(o: RunSummary['overall'], t: Labels): SafeHtml {
  return html`<span class="verdict verdict-${OVERALL_CLASS[o]}"><span aria-hidden="true">${OVERALL_ICON[o]}</span> ${t.overall[o]}</span>`;
}
