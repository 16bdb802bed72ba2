/**
 * The one finding-line renderer of the human outputs, and the words around it: a finding's severity
 * label, its rule id, location and message (made terminal-safe), and the counts ("2 erreurs, 1
 * avertissement"). `validate` lists every finding as a row; the run console shows the deciding findings
 * of a failed case as a block under the case.
 */
import type { ChalkInstance } from 'chalk';
import { textOf, type Finding, type Lang, type Severity } from '../core/findings.js';
import { oneLine } from './format.js';
import { terminalSafe } from './terminal.js';

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
  return (['fatal', 'error', 'warning', 'information'] as const)
    .filter((s) => counts[s] > 0 || s === 'error')
    .map((s) => COUNT[lang](counts[s], s));
}

/**
 * - `row` (`validate`): `  erreur        SAS-WIN-002  Bundle.entry[3].resource.start  message (non vérifié) [agg-psindiv@5] {official}`,
 *   the whole message on one line;
 * - `block` (run console, under a failed case): `    SAS-WIN-002 Bundle.entry[3].resource.start` then
 *   `      message` on the next line, location and message collapsed to one line and cut.
 */
export type FindingLayout = 'row' | 'block';

export interface FindingLineOptions {
  lang: Lang;
  color: ChalkInstance;
  /** Default `row`. */
  layout?: FindingLayout;
}

/** Longest location and message of a `block`, in characters. */
const BLOCK_WIDTH = { location: 120, message: 400 } as const;

/** One finding, every piece of it terminal-safe; no trailing line break. */
export function findingLine(f: Finding, { lang, color, layout = 'row' }: FindingLineOptions): string {
  if (layout === 'block') {
    const where = terminalSafe(oneLine(f.location, BLOCK_WIDTH.location));
    const message = terminalSafe(oneLine(textOf(f.message, lang), BLOCK_WIDTH.message));
    return `    ${color.red(terminalSafe(f.ruleId))} ${color.dim(where)}\n      ${message}`;
  }
  const paint = { fatal: color.red.bold, error: color.red, warning: color.yellow, information: color.cyan }[f.severity];
  const sev = paint(SEVERITY_LABEL[lang][f.severity].padEnd(13));
  const message = terminalSafe(textOf(f.message, lang));
  const notChecked = f.notChecked ? color.dim(` (${NOT_CHECKED[lang]})`) : '';
  const reqs = f.requirements?.length ? color.dim(` [${f.requirements.join(', ')}]`) : '';
  const engine = f.engine === 'official' ? color.dim(' {official}') : '';
  return `  ${sev} ${color.bold(terminalSafe(f.ruleId))}  ${color.dim(terminalSafe(f.location))}  ${message}${notChecked}${reqs}${engine}`;
}
