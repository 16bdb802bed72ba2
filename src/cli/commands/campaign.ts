/**
 * `sas-recette campaign RUN_DIRS…`: the ANS campaign tracker. Reads the runs of many editors and writes
 * a workbook (.xlsx: overview, actions, notes; the owner / due-date / comment columns people fill in are
 * kept when it is regenerated) and an HTML dashboard of the same. Exit 0 written (a run.json that is not
 * a run is skipped with a note), 2 setup problem. Declares the command; its work is
 * src/cli/actions/campaign.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { LANG } from '../shared-options.js';

export const CAMPAIGN_COMMAND_OPTIONS = optionTable({
  xlsx: option({
    flags: '--xlsx <file>',
    kind: 'value',
    help: 'write (or regenerate, keeping what people typed in it) the workbook; campaign.xlsx when neither --xlsx nor --html is given',
  }),
  html: option({
    flags: '--html <file>',
    kind: 'value',
    help: 'write the HTML dashboard; campaign.html when neither --xlsx nor --html is given',
  }),
  lang: LANG,
});

export type CampaignOptions = OptionsOf<typeof CAMPAIGN_COMMAND_OPTIONS>;

const HELP = `
Each argument is a folder of runs (reports/, searched downwards for run.json), a run folder or a
run.json. Runs are grouped by the editor and software of their --pv-info (by base URL, with a note,
when none). The actions are the blocking non-conformities (case + rule id) of each editor's runs, in
date order: open, fixed (the case passed in the latest run that judged it) or not re-checked.
Regenerating the workbook keeps the Owner, Due date and Comment cells, by a hidden key column; a row
someone annotated is never dropped. A file that is not a campaign workbook or dashboard is not replaced.

Examples:
  sas-recette campaign reports/
  sas-recette campaign /srv/recette/*/reports --xlsx suivi-campagne.xlsx --html suivi-campagne.html
  sas-recette campaign reports/ --xlsx tracker.xlsx --lang en

Exit codes: 0 written (a run.json that is not a sas-recette run is skipped with a note)
· 2 an argument not found, no run at all, an output that is not a campaign file or cannot be written, or usage problem
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('campaign')
    .description('ANS campaign tracker: a workbook and a dashboard of the runs of many editors and their open actions')
    .argument('<run-dirs...>', 'folders of runs (reports/), run folders or run.json files');
  addOptions(cmd, CAMPAIGN_COMMAND_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (runDirs: string[], opts: CampaignOptions) => {
      const { campaignAction } = await import('../actions/campaign.js');
      await campaignAction(ctx, runDirs, opts);
    });
}
