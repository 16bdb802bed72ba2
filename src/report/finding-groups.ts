/**
 * Findings grouped by the resource they point into, and the condensing of warnings and information
 * repeated for one rule (`dom-6` once per resource): the grouping every report shares, and the text
 * lines of `validate` (a bold resource label, then one finding row each, then what was left out).
 */
import type { ChalkInstance } from 'chalk';
import { isBlocking, type Finding, type Lang, type Severity } from '../core/findings.js';
import { findingLine, SEVERITY_LABEL } from './finding-line.js';
import { terminalSafe } from './terminal.js';

/** Warnings and information of one (severity, rule id) shown one by one before the rest is summarised. */
export const REPEAT_THRESHOLD = 3;

/** Findings grouped by resource (`Slot/abc`, else `fallback`), groups in the order of their first finding, order kept inside. */
export function groupFindingsByResource(findings: Iterable<Finding>, fallback: string): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.resource ?? fallback;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups];
}

/** A bold resource label, then one line per finding. */
export function groupLines(groups: Iterable<[string, Finding[]]>, lang: Lang, color: ChalkInstance): string[] {
  const out: string[] = [];
  for (const [label, findings] of groups) {
    out.push(color.bold(terminalSafe(label)));
    for (const f of findings) out.push(findingLine(f, { lang, color }));
  }
  return out;
}

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
export function condenseGroups(
  groups: Iterable<[string, Finding[]]>,
  limit = REPEAT_THRESHOLD,
): { groups: [string, Finding[]][]; hidden: HiddenFindings[] } {
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
  return [
    '',
    ...hidden.map((h) => {
      // the severity is named only when one rule id is condensed under two severities
      const twice = ruleIds.indexOf(h.ruleId) !== ruleIds.lastIndexOf(h.ruleId);
      const rule = `${terminalSafe(h.ruleId)}${twice ? ` (${SEVERITY_LABEL[lang][h.severity]})` : ''}`;
      return color.dim(MORE[lang](rule, h.count));
    }),
  ];
}
