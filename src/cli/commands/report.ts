/**
 * `sas-recette report <run.json>`: re-renders a saved run as the HTML PV (and its PDF with `--pdf`)
 * and/or JUnit XML, optionally with PV identification and declarations added afterwards. Exit 0 when the reports are written,
 * 2 when the run file is missing, broken or not a sas-recette run. Declares the command; its work is
 * src/cli/actions/report.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { DECLARATIONS, LANG, PDF, PV_INFO } from '../shared-options.js';

export const REPORT_COMMAND_OPTIONS = optionTable({
  html: option({ flags: '--html <file>', kind: 'value', help: 'write the HTML PV (procès-verbal de recette) to this file' }),
  junit: option({ flags: '--junit <file>', kind: 'value', help: 'write JUnit XML to this file' }),
  pdf: {
    ...PDF,
    help: 'also print the HTML PV to PDF beside it (pv.pdf, or the --html file with .pdf), with Chromium: CHROMIUM_PATH, else chromium or google-chrome on the PATH, else the npm package @sparticuz/chromium (none found: a message, no PDF, exit 0)',
  },
  lang: LANG,
  pvInfo: PV_INFO,
  declarations: DECLARATIONS,
});

export type ReportOptions = OptionsOf<typeof REPORT_COMMAND_OPTIONS>;

const HELP = `
Without --html or --junit, writes pv.html and junit.xml next to the run file; --pdf adds the PDF of the
PV (and the HTML PV it is printed from).

Examples:
  sas-recette report reports/latest/run.json --pdf
  sas-recette report reports/latest/run.json --html reports/latest/pv-en.html --lang en
  sas-recette report reports/latest/run.json --pv-info pv.yaml --declarations declarations.yaml

Exit codes: 0 reports written (whatever the run's verdict; a PDF that could not be printed is a message)
· 2 run file missing, broken or not a sas-recette run, or usage problem
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('report')
    .description('re-render a saved run (run.json) as the HTML PV and/or JUnit XML')
    .argument('<run-json>', 'run result written by "sas-recette run" (e.g. reports/run.json)');
  addOptions(cmd, REPORT_COMMAND_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (runJson: string, opts: ReportOptions) => {
      const { reportAction } = await import('../actions/report.js');
      await reportAction(ctx, runJson, opts);
    });
}
