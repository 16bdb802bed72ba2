/**
 * Human output of `validate`: a header (input, IG, profile, use case), findings grouped by resource, one
 * line each (severity, rule id, location, message, requirements), then a summary line with the counts.
 * Colour comes from the chalk instance the CLI decided once (NO_COLOR honoured there).
 */
import type { ChalkInstance } from 'chalk';
import { textOf, type Finding, type Lang, type Severity } from '../core/findings.js';
import { groupByResource, type ValidationReport } from './report.js';
import { terminalSafe } from './terminal-safe.js';

export interface TextFormatOptions {
  lang: Lang;
  color: ChalkInstance;
}

const SEVERITY_LABEL: Record<Lang, Record<Severity, string>> = {
  fr: { fatal: 'fatal', error: 'erreur', warning: 'avertissement', information: 'info' },
  en: { fatal: 'fatal', error: 'error', warning: 'warning', information: 'info' },
};

const WORDS = {
  fr: {
    useCase: "cas d'usage",
    profile: 'profil',
    note: 'note',
    notChecked: 'non vérifié',
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
    counts: (n: number, s: Severity) =>
      `${n} ${{ fatal: 'fatale', error: 'erreur', warning: 'avertissement', information: 'information' }[s]}${n > 1 ? 's' : ''}`,
    notCheckedCount: (n: number) => `dont ${n} non vérifié${n > 1 ? 's' : ''}`,
  },
  en: {
    useCase: 'use case',
    profile: 'profile',
    note: 'note',
    notChecked: 'not checked',
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
    counts: (n: number, s: Severity) => `${n} ${s}${n === 1 || s === 'information' ? '' : 's'}`,
    notCheckedCount: (n: number) => `${n} not checked`,
  },
} as const;

export function formatText(report: ValidationReport, { lang, color }: TextFormatOptions): string {
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
  for (const [label, findings] of groupByResource(report)) {
    out.push(color.bold(terminalSafe(label)));
    for (const f of findings) out.push(findingLine(f, lang, color));
  }
  if (report.findings.length > 0) out.push('');
  out.push(summaryLine(report, lang, color));
  return `${out.join('\n')}\n`;
}

function findingLine(f: Finding, lang: Lang, color: ChalkInstance): string {
  const paint = { fatal: color.red.bold, error: color.red, warning: color.yellow, information: color.cyan }[f.severity];
  const sev = paint(SEVERITY_LABEL[lang][f.severity].padEnd(13));
  const message = terminalSafe(textOf(f.message, lang));
  const notChecked = f.notChecked ? color.dim(` (${WORDS[lang].notChecked})`) : '';
  const reqs = f.requirements?.length ? color.dim(` [${f.requirements.join(', ')}]`) : '';
  const engine = f.engine === 'official' ? color.dim(' {official}') : '';
  return `  ${sev} ${color.bold(terminalSafe(f.ruleId))}  ${color.dim(terminalSafe(f.location))}  ${message}${notChecked}${reqs}${engine}`;
}

function summaryLine(report: ValidationReport, lang: Lang, color: ChalkInstance): string {
  const w = WORDS[lang];
  const c = report.counts;
  const parts = (['fatal', 'error', 'warning', 'information'] as const)
    .filter((s) => c[s] > 0 || s === 'error')
    .map((s) => w.counts(c[s], s));
  const notChecked = report.findings.filter((f) => f.notChecked).length;
  if (notChecked > 0) parts.push(w.notCheckedCount(notChecked));
  const verdict = report.valid ? color.green.bold(`✓ ${w.valid}`) : color.red.bold(`✗ ${w.invalid}`);
  return `${verdict} — ${report.findings.length === 0 ? w.none : parts.join(', ')}`;
}
