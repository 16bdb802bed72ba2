/**
 * `sas-recette campaign`: ANS campaign tracker: a workbook and a dashboard of the runs of many editors and their open actions. Declares the command; its work is src/cli/actions/campaign.ts, loaded when
 * it runs. (Placeholder: the command is being written.)
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';

export function register(program: Command, _ctx: CliRunContext): void {
  program.command('campaign').description('ANS campaign tracker: a workbook and a dashboard of the runs of many editors and their open actions');
}
