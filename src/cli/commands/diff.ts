/**
 * `sas-recette diff OLD NEW`: what changed between two runs — regressions (a case judged passed, or not
 * judged, that now fails), fixed cases, changed findings (by rule id and location), cases added or removed,
 * latency side by side — as console text, JSON or an HTML page. Exit 1 when there is a regression, so a CI
 * pipeline can gate a release on the previous one. Declares the command; its work is src/cli/actions/diff.ts,
 * loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { FORMAT, LANG } from '../shared-options.js';

export const DIFF_COMMAND_OPTIONS = optionTable({
  format: { ...FORMAT, help: 'output: text (short, regressions first), or json (the whole comparison on stdout)' },
  html: option({ flags: '--html <file>', kind: 'value', help: 'also write the comparison as an HTML page (printable, no script)' }),
  force: option({ flags: '--force', kind: 'flag', help: 'replace the --html file when it already exists' }),
  lang: LANG,
});

export type DiffOptions = OptionsOf<typeof DIFF_COMMAND_OPTIONS>;

const HELP = `
OLD and NEW are each a run.json, a run's folder (reports/20260302-080000-3f2c9a7e) or a reports folder
(its latest run). A regression is a case passed, skipped or not applicable in OLD and failed or in error in
NEW; a case only in NEW that fails is listed as added (and said to fail), not as a regression. Runs made
with another cahier, JDD, IG, FHIR packages, sas-recette version or endpoint are compared all the same, with
that said first.

Examples:
  sas-recette diff reports/release-1.4/run.json reports/latest
  sas-recette diff old/run.json new/run.json --format json > diff.json
  sas-recette diff old/run.json new/run.json --html diff.html --lang en

Exit codes: 0 no regression · 1 at least one regression · 2 a run file missing, broken or not a sas-recette
run, --html file already there without --force, or usage problem
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('diff')
    .description('compare two runs (run.json): regressions, fixes, changed findings, latency')
    .argument('<old>', 'the earlier run: run.json or its folder')
    .argument('<new>', 'the later run: run.json or its folder');
  addOptions(cmd, DIFF_COMMAND_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (oldRun: string, newRun: string, opts: DiffOptions) => {
      const { diffAction } = await import('../actions/diff.js');
      await diffAction(ctx, oldRun, newRun, opts);
    });
}
