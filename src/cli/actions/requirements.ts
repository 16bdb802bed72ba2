/**
 * The work of `sas-recette requirements` (declared in src/cli/commands/requirements.ts): the catalogue
 * with the rules and cases that verify each requirement, and the gaps.
 */
import { resolve } from 'node:path';
import { defaultCahierDir, loadCahier } from '../../cahier/load-cahier.js';
import { formatCoverageText } from '../../report/coverage-text.js';
import { computeCoverage } from '../../requirements/coverage.js';
import { defaultRequirementsFile, loadCatalogue } from '../../requirements/load-requirements.js';
import { tableSeverity } from '../../requirements/strength.js';
import { RULES } from '../../rules/index.js';
import type { RequirementsOptions } from '../commands/requirements.js';
import type { CliRunContext } from '../run-lang.js';

export function requirementsAction(ctx: CliRunContext, opts: RequirementsOptions): void {
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
    io.stdout(formatCoverageText(cov, ctx.color, ctx.lang, waivers));
  }
  if (opts.strict && (cov.counts.gap > 0 || cov.unknown.length > 0)) ctx.setExitCode(1);
}
