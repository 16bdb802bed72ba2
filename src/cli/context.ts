/**
 * The colour decision every command receives in its context (src/core/io.ts). chalk is loaded with it,
 * so src/cli/main.ts imports this module only once a command is about to run, never for `--help`.
 */
import chalk, { Chalk, type ChalkInstance } from 'chalk';

export type { CliContext, CliIo } from '../core/io.js';

/**
 * chalk does not honour NO_COLOR (chalk/supports-color#130), so decide here: NO_COLOR (any value) or
 * --no-color turn colour off; otherwise FORCE_COLOR or a TTY turn it on.
 */
export function decideColor(env: NodeJS.ProcessEnv, isTTY: boolean, argv: string[]): ChalkInstance {
  const off = env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? true : argv.includes('--no-color');
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const level = off ? 0 : forced || isTTY ? Math.max(1, chalk.level) : 0;
  return new Chalk({ level: level as 0 | 1 | 2 | 3 });
}
