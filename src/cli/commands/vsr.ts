/**
 * `sas-recette vsr`: render the PV VSR (2-month regular-service watch) from a watch history file. Declares the command; its work is src/cli/actions/vsr.ts, loaded when
 * it runs. (Placeholder: the command is being written.)
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';

export function register(program: Command, _ctx: CliRunContext): void {
  program.command('vsr').description('render the PV VSR (2-month regular-service watch) from a watch history file');
}
