/**
 * Pieces of the human output shared by our findings and the official validator's: one line per finding
 * (severity, rule id, location, message, requirements), the counts ("2 erreurs, 1 avertissement"), and
 * the condensing of warnings and information repeated for one rule (`dom-6` once per resource).
 */
import type { ChalkInstance } from 'chalk';
import { isBlocking, textOf, type Finding, type Lang, type Severity } from '../core/findings.js';
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

/** Warnings and information of one (severity, rule id) shown before the rest is counted. */
export const REPEAT_LIMIT = 3;

/** Occurrences of one (severity, rule id) left out of the lines. */
export interface HiddenFindings {
  severity: Severity;
  ruleId: string;
  count: number;
}

/**
 * Keeps the first `limit` occurrences (in display order) of each warning or information rule and counts
 * the others; groups left empty disappear. Fatal and error findings are always all kept.
 */
export function condenseGroups(groups: Iterable<[string, Finding[]]>, limit = REPEAT_LIMIT): { groups: [string, Finding[]][]; hidden: HiddenFindings[] } {
  const seen = new Map<string, HiddenFindings>();
  const kept: [string, Finding[]][] = [];
  for (const [label, findings] of groups) {
    const shown = findings.filter((f) => {
      if (isBlocking(f)) return true;
      const key = `${f.severity}\u0000${f.ruleId}`;
      const entry = seen.get(key) ?? { severity: f.severity, ruleId: f.ruleId, count: 0 };
      seen.set(key, entry);
      entry.count += 1;
      return entry.count <= limit;
    });
    if (shown.length > 0) kept.push([label, shown]);
  }
  const hidden = [...seen.values()].filter((h) => h.count > limit).map((h) => ({ ...h, count: h.count - limit }));
  return { groups: kept, hidden };
}

const MORE: Record<Lang, (rule: string, n: number) => string> = {
  fr: (rule, n) => `… ${rule} : ${n} autre${n > 1 ? 's' : ''} occurrence${n > 1 ? 's' : ''} (--all pour tout afficher)`,
  en: (rule, n) => `… ${rule}: ${n} more occurrence${n > 1 ? 's' : ''} (--all to list them all)`,
};

/**
 * `… dom-6 : 544 autres occurrences (--all pour tout afficher)`, one line per condensed rule, after a
 * blank line so they do not read as part of the last resource group; nothing when nothing was hidden.
 */
export function hiddenLines(hidden: HiddenFindings[], lang: Lang, color: ChalkInstance): string[] {
  if (hidden.length === 0) return [];
  const ruleIds = hidden.map((h) => h.ruleId);
  return ['', ...hidden.map((h) => {
    // the severity is named only when one rule id is condensed under two severities
    const twice = ruleIds.indexOf(h.ruleId) !== ruleIds.lastIndexOf(h.ruleId);
    const rule = `${terminalSafe(h.ruleId)}${twice ? ` (${SEVERITY_LABEL[lang][h.severity]})` : ''}`;
    return color.dim(MORE[lang](rule, h.count));
  })];
}
