/**
 * Human output of `validate`: a header (input, IG, profile, use case), findings grouped by resource, one
 * line each (severity, rule id, location, message, requirements), with `--official-validator` the
 * official validator's section and the disagreements (official-text.ts), then a summary line.
 * A warning or information repeated more than REPEAT_THRESHOLD times for one rule (`dom-6`, once per
 * resource) shows its first occurrences and a count, unless `all`; errors are always all listed.
 * Colour comes from the chalk instance the CLI decided once (NO_COLOR honoured there).
 */
import type { ChalkInstance } from 'chalk';
import { textOf, type Lang } from '../../core/findings.js';
import type { ValidationReport } from '../../validate/validation-report.js';
import { condenseGroups, groupFindingsByResource, groupLines, hiddenLines } from '../finding-groups.js';
import { countsText } from '../finding-line.js';
import { terminalSafe } from '../terminal.js';
import { officialTextLines } from './official-text.js';
import { append } from '../../core/append.js';

export interface TextFormatOptions {
  lang: Lang;
  color: ChalkInstance;
  /** List every finding (`--all`); by default repeated warnings and information are condensed. */
  all?: boolean;
}

const WORDS = {
  fr: {
    useCase: "cas d'usage",
    profile: 'profil',
    note: 'note',
    from: {
      option: '--use-case',
      profile: '--profile',
      'meta.profile': 'meta.profile',
      search: '--search',
      entries: 'meta.profile des entrées',
      default: 'par défaut',
    },
    valid: 'CONFORME',
    invalid: 'NON CONFORME',
    none: 'aucun constat',
    official: (gates: boolean) => `validateur officiel (${gates ? 'décide aussi' : 'pour information'}) :`,
    notCheckedCount: (n: number) => `dont ${n} non vérifié${n > 1 ? 's' : ''}`,
  },
  en: {
    useCase: 'use case',
    profile: 'profile',
    note: 'note',
    from: {
      option: '--use-case',
      profile: '--profile',
      'meta.profile': 'meta.profile',
      search: '--search',
      entries: 'meta.profile of the entries',
      default: 'default',
    },
    valid: 'VALID',
    invalid: 'NOT VALID',
    none: 'no finding',
    official: (gates: boolean) => `official validator (${gates ? 'also decides' : 'for information'}):`,
    notCheckedCount: (n: number) => `${n} not checked`,
  },
} as const;

export function formatText(report: ValidationReport, { lang, color, all = false }: TextFormatOptions): string {
  const w = WORDS[lang];
  const out: string[] = [];
  out.push(color.bold(`sas-recette validate ${terminalSafe(report.input)}`));
  const where = [
    `IG ${report.ig}`,
    report.profile ? `${w.profile} ${terminalSafe(report.profile)}` : undefined,
    `${w.useCase} ${report.useCase} (${w.from[report.useCaseFrom]})`,
  ].filter(Boolean);
  out.push(color.dim(`  ${where.join(' · ')}`));
  for (const n of report.notes) out.push(color.dim(`  ${w.note}: ${terminalSafe(textOf(n, lang))}`));
  out.push('');
  const groups = groupFindingsByResource(report.findings, report.rootLabel);
  const shown = all ? { groups, hidden: [] } : condenseGroups(groups);
  append(append(out, groupLines(shown.groups, lang, color)), hiddenLines(shown.hidden, lang, color));
  if (report.findings.length > 0) out.push('');
  if (report.official) append(out, officialTextLines(report.official, report.rootLabel, lang, color)).push('');
  out.push(summaryLine(report, lang, color));
  return `${out.join('\n')}\n`;
}

function summaryLine(report: ValidationReport, lang: Lang, color: ChalkInstance): string {
  const w = WORDS[lang];
  const c = report.counts;
  const parts = countsText(c, lang);
  const notChecked = report.findings.filter((f) => f.notChecked).length;
  if (notChecked > 0) parts.push(w.notCheckedCount(notChecked));
  const verdict = report.valid ? color.green.bold(`✓ ${w.valid}`) : color.red.bold(`✗ ${w.invalid}`);
  const official =
    report.official && !report.official.unavailable
      ? ` · ${w.official(report.official.gates)} ${countsText(report.official.counts, lang).join(', ')}`
      : '';
  return `${verdict} — ${report.findings.length === 0 ? w.none : parts.join(', ')}${official}`;
}
