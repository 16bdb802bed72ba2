/**
 * `sas-recette rejudge`: judge the answers recorded in a run again, offline, with the current rules, cahier and IG. Declares the command; its work is src/cli/actions/rejudge.ts, loaded when
 * it runs. (Placeholder: the command is being written.)
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';

export function register(program: Command, _ctx: CliRunContext): void {
  program.command('rejudge').description('judge the answers recorded in a run again, offline, with the current rules, cahier and IG');
}
