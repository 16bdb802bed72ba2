/**
 * `sas-recette requirements` as text, in the run's language: each requirement with its strength,
 * source, the rules and test cases that verify it, the counts, the recorded severity waivers and the
 * gaps. The catalogue's own texts (requirement, note, waiver reason) are printed as written (French).
 */
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../core/findings.js';
import type { Coverage, CoverageRow } from '../requirements/coverage.js';
import type { Waiver } from '../requirements/load-requirements.js';
import { NBSP } from '../core/typography.js';

const T = {
  fr: {
    colon: `${NBSP}:`,
    status: { tested: '✓ testée', declarative: '◇ déclarative', 'not-testable': '– non testable', gap: '✗ non testée' },
    goodPractice: 'bonne pratique (aucune source écrite)',
    source: 'source',
    note: 'note',
    rules: 'règles',
    cases: 'cas',
    reason: 'raison',
    counts: (c: Coverage['counts']) =>
      `${c.total} exigences${NBSP}: ${c.tested} testées, ${c.declarative} déclaratives, ${c['not-testable']} non testables, ${c.gap} non testées.`,
    waivers: `Écarts enregistrés au tableau des sévérités (SHALL → erreur, SHOULD → avertissement)${NBSP}:`,
    gaps: `Écarts (aucun cas de test)${NBSP}:`,
    unknown: (from: 'rule' | 'case', id: string, req: string) =>
      `! ${from === 'rule' ? 'règle' : 'cas'} ${id} cite l'exigence inconnue ${req}`,
  },
  en: {
    colon: ':',
    status: { tested: '✓ tested', declarative: '◇ declarative', 'not-testable': '– not testable', gap: '✗ untested' },
    goodPractice: 'good practice (no written source)',
    source: 'source',
    note: 'note',
    rules: 'rules',
    cases: 'cases',
    reason: 'reason',
    counts: (c: Coverage['counts']) =>
      `${c.total} requirements: ${c.tested} tested, ${c.declarative} declarative, ${c['not-testable']} not testable, ${c.gap} untested.`,
    waivers: 'Waivers recorded against the severity table (SHALL → error, SHOULD → warning):',
    gaps: 'Gaps (no test case):',
    unknown: (from: 'rule' | 'case', id: string, req: string) => `! ${from} ${id} cites the unknown requirement ${req}`,
  },
} as const;

export function formatCoverageText(cov: Coverage, color: ChalkInstance, lang: Lang, waivers: readonly Waiver[] = []): string {
  const t = T[lang];
  const lines: string[] = [];
  const mark: Record<CoverageRow['status'], string> = {
    tested: color.green(t.status.tested),
    declarative: color.cyan(t.status.declarative),
    'not-testable': color.gray(t.status['not-testable']),
    gap: color.red(t.status.gap),
  };
  for (const row of cov.rows) {
    const r = row.requirement;
    lines.push(`${color.bold(r.id)}  ${r.strength}  ${r.testability}  [${r.useCases.join(', ')}]  ${mark[row.status]}`);
    lines.push(`  ${r.text}`);
    lines.push(`  ${t.source}${t.colon} ${r.source.kind === 'good-practice' ? t.goodPractice : r.source.kind} — ${r.source.ref}`);
    if (r.note) lines.push(`  ${t.note}${t.colon} ${r.note}`);
    lines.push(`  ${t.rules}${t.colon} ${row.rules.join(', ') || '—'}`);
    lines.push(`  ${t.cases}${t.colon} ${row.cases.join(', ') || '—'}`);
    lines.push('');
  }
  lines.push(t.counts(cov.counts));
  if (waivers.length) {
    lines.push('');
    lines.push(color.bold(`${t.waivers} ${waivers.length}`));
    for (const w of waivers) {
      lines.push(`  ${w.rule} → ${w.severity}${w.useCases ? ` [${w.useCases.join(', ')}]` : ''}${t.colon} ${w.when}`);
      lines.push(`    ${t.reason}${t.colon} ${w.reason}`);
      lines.push(`    ${t.source}${t.colon} ${w.source}`);
    }
  }
  const gaps = cov.rows.filter((r) => r.status === 'gap').map((r) => r.requirement.id);
  if (gaps.length) lines.push(color.red(`${t.gaps} ${gaps.join(', ')}`));
  for (const u of cov.unknown) lines.push(color.yellow(t.unknown(u.from, u.id, u.requirement)));
  return `${lines.join('\n')}\n`;
}
