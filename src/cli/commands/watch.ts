/**
 * `sas-recette watch`: VSR watch: play a light, safe subset of the cahier against production at an interval, into a history file. Declares the command; its work is src/cli/actions/watch.ts, loaded when
 * it runs. (Placeholder: the command is being written.)
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';

export function register(program: Command, _ctx: CliRunContext): void {
  program.command('watch').description('VSR watch: play a light, safe subset of the cahier against production at an interval, into a history file');
}
