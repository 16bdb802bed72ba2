/**
 * `sas-recette diff`: compare two runs (run.json): regressions, fixes, changed findings, latency. Declares the command; its work is src/cli/actions/diff.ts, loaded when
 * it runs. (Placeholder: the command is being written.)
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';

export function register(program: Command, _ctx: CliRunContext): void {
  program.command('diff').description('compare two runs (run.json): regressions, fixes, changed findings, latency');
}
