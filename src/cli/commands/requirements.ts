/**
 * `sas-recette requirements [--format text|json] [--cahier DIR] [--requirements FILE] [--strict]`:
 * prints the requirements catalogue with, for each requirement, the SAS rules and the test cases
 * that verify it; requirements no test case verifies are listed as gaps. Shows each requirement's
 * strength and source, and the recorded waivers (departures from the severity table, with reasons).
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { CliContext } from '../context.js';
import { defaultCahierDir, loadCahier } from '../../cahier/load-cahier.js';
import { computeCoverage, type Coverage } from '../../requirements/coverage.js';
import { defaultRequirementsFile, loadCatalogue, type Waiver } from '../../requirements/load-requirements.js';
import { tableSeverity } from '../../requirements/strength.js';
import { RULES } from '../../rules/index.js';

interface Options {
  format: 'text' | 'json';
  cahier?: string;
  requirements?: string;
  strict?: boolean;
}

export function formatCoverageText(cov: Coverage, color: ChalkInstance, waivers: readonly Waiver[] = []): string {
  const lines: string[] = [];
  const mark = { tested: color.green('✓ testée'), declarative: color.cyan('◇ déclarative'), 'not-testable': color.gray('– non testable'), gap: color.red('✗ non testée') };
  for (const row of cov.rows) {
    const r = row.requirement;
    lines.push(`${color.bold(r.id)}  ${r.strength}  ${r.testability}  [${r.useCases.join(', ')}]  ${mark[row.status]}`);
    lines.push(`  ${r.text}`);
    lines.push(`  source : ${r.source.kind === 'good-practice' ? 'bonne pratique (aucune source écrite)' : r.source.kind} — ${r.source.ref}`);
    if (r.note) lines.push(`  note : ${r.note}`);
    lines.push(`  règles : ${row.rules.join(', ') || '—'}`);
    lines.push(`  cas : ${row.cases.join(', ') || '—'}`);
    lines.push('');
  }
  const c = cov.counts;
  lines.push(`${c.total} exigences : ${c.tested} testées, ${c.declarative} déclaratives, ${c['not-testable']} non testables, ${c.gap} non testées.`);
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

export function register(program: Command, ctx: CliContext): void {
  program
    .command('requirements')
    .description('list the requirements catalogue with the rules and test cases that verify each one, and the gaps')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--cahier <dir>', 'cahier de recette folder or files (default: the shipped testcases/)')
    .option('--requirements <file>', 'requirements catalogue (default: the shipped requirements/requirements.yaml)')
    .option('--strict', 'exit 1 when a requirement is untested or a rule or case cites an unknown requirement')
    .action((opts: Options) => {
      const { io } = ctx;
      const { requirements, waivers } = loadCatalogue(opts.requirements ? resolve(io.cwd, opts.requirements) : defaultRequirementsFile());
      const cases = loadCahier(opts.cahier ? resolve(io.cwd, opts.cahier) : defaultCahierDir());
      const cov = computeCoverage({ requirements, rules: RULES, cases });
      if (opts.format === 'json') {
        const json = {
          requirements: cov.rows.map((r) => ({ ...r.requirement, severity: tableSeverity([r.requirement.id], requirements), rules: r.rules, cases: r.cases, status: r.status })),
          waivers,
          counts: cov.counts,
          gaps: cov.rows.filter((r) => r.status === 'gap').map((r) => r.requirement.id),
          unknownReferences: cov.unknown,
        };
        io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      } else {
        io.stdout(formatCoverageText(cov, ctx.color, waivers));
      }
      if (opts.strict && (cov.counts.gap > 0 || cov.unknown.length > 0)) ctx.setExitCode(1);
    });
}
