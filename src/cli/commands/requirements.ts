/**
 * `sas-recette requirements [--format text|json] [--cahier DIR] [--requirements FILE] [--strict]`:
 * prints the requirements catalogue with, for each requirement, the SAS rules and the test cases
 * that verify it; requirements no test case verifies are listed as gaps. Shows each requirement's
 * strength and source, and the recorded waivers (departures from the severity table, with reasons).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { CAHIER, FORMAT } from '../shared-options.js';
import { defaultCahierDir, loadCahier } from '../../cahier/load-cahier.js';
import { computeCoverage } from '../../requirements/coverage.js';
import { formatCoverageText } from '../../report/coverage-text.js';
import { defaultRequirementsFile, loadCatalogue } from '../../requirements/load-requirements.js';
import { tableSeverity } from '../../requirements/strength.js';
import { RULES } from '../../rules/index.js';

export const REQUIREMENTS_OPTIONS = optionTable({
  format: FORMAT,
  cahier: CAHIER,
  requirements: option({
    flags: '--requirements <file>',
    kind: 'value',
    help: 'requirements catalogue (default: the shipped requirements/requirements.yaml)',
  }),
  strict: option({
    flags: '--strict',
    kind: 'flag',
    help: 'exit 1 when a requirement is untested or a rule or case cites an unknown requirement',
  }),
});

type Options = OptionsOf<typeof REQUIREMENTS_OPTIONS>;

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('requirements')
    .description('list the requirements catalogue with the rules and test cases that verify each one, and the gaps');
  addOptions(cmd, REQUIREMENTS_OPTIONS, ctx.io.env).action((opts: Options) => {
    const { io } = ctx;
    const { requirements, waivers } = loadCatalogue(opts.requirements ? resolve(io.cwd, opts.requirements) : defaultRequirementsFile());
    const cases = loadCahier(opts.cahier.length > 0 ? opts.cahier.map((c) => resolve(io.cwd, c)) : defaultCahierDir());
    const cov = computeCoverage({ requirements, rules: RULES, cases });
    if (opts.format === 'json') {
      const json = {
        requirements: cov.rows.map((r) => ({
          ...r.requirement,
          severity: tableSeverity([r.requirement.id], requirements),
          rules: r.rules,
          cases: r.cases,
          status: r.status,
        })),
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
