import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { SetupError } from '../../core/errors.js';

// Placeholder: replaced by the implementation of the `run` command.
export function register(program: Command, _ctx: CliContext): void {
  program
    .command('run')
    .description('(not available yet)')
    .action(() => {
      throw new SetupError('the "run" command is not available in this build');
    });
}
