import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { SetupError } from '../../core/errors.js';

// Placeholder: replaced by the implementation of the `ig` command.
export function register(program: Command, _ctx: CliContext): void {
  program
    .command('ig')
    .description('(not available yet)')
    .action(() => {
      throw new SetupError('the "ig" command is not available in this build');
    });
}
