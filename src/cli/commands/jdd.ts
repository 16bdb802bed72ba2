/**
 * `sas-recette jdd check FILE... [--cahier DIR] [--lang fr|en] [--format text|json]`: the JDD linter,
 * before any call to the editor. Exit 0 when the JDDs are fit (warnings allowed: missing roles only
 * make cases not-applicable), 1 when a JDD has problems, 2 on usage or an unreadable file. Declares
 * the command; its work is src/cli/actions/jdd.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, optionTable, type OptionsOf } from '../option-table.js';
import { CAHIER, FORMAT, LANG } from '../shared-options.js';

export const JDD_CHECK_OPTIONS = optionTable({ cahier: CAHIER, lang: LANG, format: FORMAT });

export type JddCheckOptions = OptionsOf<typeof JDD_CHECK_OPTIONS>;

const HELP = `
Examples:
  sas-recette jdd check datasets/recette-psindiv.yaml
  sas-recette jdd check mes-jdd/*.yaml --format json --lang en

Exit codes: 0 fit for a run (warnings allowed) · 1 a JDD has problems · 2 usage problem or unreadable file
`;

export function register(program: Command, ctx: CliRunContext): void {
  const jdd = program.command('jdd').description('JDD (test data set) tools');
  const check = jdd
    .command('check')
    .description('check JDD files before a run: schema, identifiers, roles each entry plays and roles the cahier needs')
    .argument('<files...>', 'JDD files (datasets/recette-psindiv.yaml…)');
  addOptions(check, JDD_CHECK_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (files: string[], opts: JddCheckOptions) => {
      const { jddCheckAction } = await import('../actions/jdd.js');
      jddCheckAction(ctx, files, opts);
    });
}
