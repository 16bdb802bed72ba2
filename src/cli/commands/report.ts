/**
 * `sas-recette report <run.json>`: re-renders a saved run as the HTML PV and/or JUnit XML, optionally
 * with PV identification and declarations added afterwards. Exit 0 when the reports are written,
 * 2 when the run file is missing, broken or not a sas-recette run. Declares the command; its work is
 * src/cli/actions/report.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { DECLARATIONS, LANG, PV_INFO } from '../shared-options.js';

export const REPORT_COMMAND_OPTIONS = optionTable({
  html: option({ flags: '--html <file>', kind: 'value', help: 'write the HTML PV (procès-verbal de recette) to this file' }),
  junit: option({ flags: '--junit <file>', kind: 'value', help: 'write JUnit XML to this file' }),
  lang: LANG,
  pvInfo: PV_INFO,
  declarations: DECLARATIONS,
});

export type ReportOptions = OptionsOf<typeof REPORT_COMMAND_OPTIONS>;

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('report')
    .description('re-render a saved run (run.json) as the HTML PV and/or JUnit XML')
    .argument('<run-json>', 'run result written by "sas-recette run" (e.g. reports/run.json)');
  addOptions(cmd, REPORT_COMMAND_OPTIONS, ctx.io.env)
    .addHelpText(
      'after',
      '\nWithout --html or --junit, writes pv.html and junit.xml next to the run file.\n' +
        'Exit codes: 0 reports written, 2 run file missing, broken or not a sas-recette run.\n',
    )
    .action(async (runJson: string, opts: ReportOptions) => {
      const { reportAction } = await import('../actions/report.js');
      await reportAction(ctx, runJson, opts);
    });
}
