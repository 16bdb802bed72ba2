/**
 * Pieces of the human output shared by our findings and the official validator's: one line per finding
 * (severity, rule id, location, message, requirements) and the counts ("2 erreurs, 1 avertissement").
 */
import type { ChalkInstance } from 'chalk';
import { textOf, type Finding, type Lang, type Severity } from '../core/findings.js';
import { terminalSafe } from './terminal-safe.js';

export const SEVERITY_LABEL: Record<Lang, Record<Severity, string>> = {
  fr: { fatal: 'fatal', error: 'erreur', warning: 'avertissement', information: 'info' },
  en: { fatal: 'fatal', error: 'error', warning: 'warning', information: 'info' },
};

const NOT_CHECKED: Record<Lang, string> = { fr: 'non vérifié', en: 'not checked' };

const COUNT: Record<Lang, (n: number, s: Severity) => string> = {
  fr: (n, s) => `${n} ${{ fatal: 'fatale', error: 'erreur', warning: 'avertissement', information: 'information' }[s]}${n > 1 ? 's' : ''}`,
  en: (n, s) => `${n} ${s}${n === 1 || s === 'information' ? '' : 's'}`,
};

/** `2 erreurs, 1 avertissement`: the error count always, the others when not zero. */
export function countsText(counts: Record<Severity, number>, lang: Lang): string[] {
  return (['fatal', 'error', 'warning', 'information'] as const).filter((s) => counts[s] > 0 || s === 'error').map((s) => COUNT[lang](counts[s], s));
}

export function findingLine(f: Finding, lang: Lang, color: ChalkInstance): string {
  const paint = { fatal: color.red.bold, error: color.red, warning: color.yellow, information: color.cyan }[f.severity];
  const sev = paint(SEVERITY_LABEL[lang][f.severity].padEnd(13));
  const message = terminalSafe(textOf(f.message, lang));
  const notChecked = f.notChecked ? color.dim(` (${NOT_CHECKED[lang]})`) : '';
  const reqs = f.requirements?.length ? color.dim(` [${f.requirements.join(', ')}]`) : '';
  const engine = f.engine === 'official' ? color.dim(' {official}') : '';
  return `  ${sev} ${color.bold(terminalSafe(f.ruleId))}  ${color.dim(terminalSafe(f.location))}  ${message}${notChecked}${reqs}${engine}`;
}

/** A bold resource label, then one line per finding. */
export function groupLines(groups: Iterable<[string, Finding[]]>, lang: Lang, color: ChalkInstance): string[] {
  const out: string[] = [];
  for (const [label, findings] of groups) {
    out.push(color.bold(terminalSafe(label)));
    for (const f of findings) out.push(findingLine(f, lang, color));
  }
  return out;
}
