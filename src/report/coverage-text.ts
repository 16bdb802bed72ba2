/**
 * `sas-recette requirements` as text: each requirement with its strength, source, the rules and test
 * cases that verify it, the counts, the recorded severity waivers and the gaps.
 */
import type { ChalkInstance } from 'chalk';
import type { Coverage } from '../requirements/coverage.js';
import type { Waiver } from '../requirements/load-requirements.js';

export function formatCoverageText(cov: Coverage, color: ChalkInstance, waivers: readonly Waiver[] = []): string {
  const lines: string[] = [];
  const mark = {
    tested: color.green('✓ testée'),
    declarative: color.cyan('◇ déclarative'),
    'not-testable': color.gray('– non testable'),
    gap: color.red('✗ non testée'),
  };
  for (const row of cov.rows) {
    const r = row.requirement;
    lines.push(`${color.bold(r.id)}  ${r.strength}  ${r.testability}  [${r.useCases.join(', ')}]  ${mark[row.status]}`);
    lines.push(`  ${r.text}`);
    lines.push(
      `  source : ${r.source.kind === 'good-practice' ? 'bonne pratique (aucune source écrite)' : r.source.kind} — ${r.source.ref}`,
    );
    if (r.note) lines.push(`  note : ${r.note}`);
    lines.push(`  règles : ${row.rules.join(', ') || '—'}`);
    lines.push(`  cas : ${row.cases.join(', ') || '—'}`);
    lines.push('');
  }
  const c = cov.counts;
  lines.push(
    `${c.total} exigences : ${c.tested} testées, ${c.declarative} déclaratives, ${c['not-testable']} non testables, ${c.gap} non testées.`,
  );
  if (waivers.length) {
    lines.push('');
    lines.push(color.bold(`Écarts enregistrés au tableau des sévérités (SHALL → erreur, SHOULD → avertissement) : ${waivers.length}`));
    for (const w of waivers) {
      lines.push(`  ${w.rule} → ${w.severity}${w.useCases ? ` [${w.useCases.join(', ')}]` : ''} : ${w.when}`);
      lines.push(`    raison : ${w.reason}`);
      lines.push(`    source : ${w.source}`);
    }
  }
  const gaps = cov.rows.filter((r) => r.status === 'gap').map((r) => r.requirement.id);
  if (gaps.length) lines.push(color.red(`Écarts (aucun cas de test) : ${gaps.join(', ')}`));
  for (const u of cov.unknown) {
    lines.push(color.yellow(`! ${u.from === 'rule' ? 'règle' : 'cas'} ${u.id} cite l'exigence inconnue ${u.requirement}`));
  }
  return `${lines.join('\n')}\n`;
}
