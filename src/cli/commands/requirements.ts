/**
 * `sas-recette requirements [--format text|json] [--lang fr|en] [--cahier DIR] [--requirements FILE] [--strict]`:
 * prints the requirements catalogue with, for each requirement, the SAS rules and the test cases
 * that verify it; requirements no test case verifies are listed as gaps. Shows each requirement's
 * strength and source, and the recorded waivers (departures from the severity table, with reasons).
 * Declares the command; its work is src/cli/actions/requirements.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { CAHIER, FORMAT, LANG } from '../shared-options.js';

export const REQUIREMENTS_OPTIONS = optionTable({
  format: FORMAT,
  lang: LANG,
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

export type RequirementsOptions = OptionsOf<typeof REQUIREMENTS_OPTIONS>;

const HELP = `
Examples:
  sas-recette requirements
  sas-recette requirements --format json --strict

Exit codes: 0 listed · 1 with --strict, a requirement untested or an unknown requirement cited · 2 usage problem
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('requirements')
    .description('list the requirements catalogue with the rules and test cases that verify each one, and the gaps');
  addOptions(cmd, REQUIREMENTS_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (opts: RequirementsOptions) => {
      const { requirementsAction } = await import('../actions/requirements.js');
      requirementsAction(ctx, opts);
    });
}
