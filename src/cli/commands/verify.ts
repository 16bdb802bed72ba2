/**
 * `sas-recette verify`: check a run folder against its manifest (SHA-256 of every report, evidence and input file). Declares the command; its work is src/cli/actions/verify.ts, loaded when
 * it runs. (Placeholder: the command is being written.)
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';

export function register(program: Command, _ctx: CliRunContext): void {
  program.command('verify').description('check a run folder against its manifest (SHA-256 of every report, evidence and input file)');
}
