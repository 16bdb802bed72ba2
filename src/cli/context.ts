/**
 * Builds what every command receives (src/core/io.ts): the process's streams and environment, and the
 * colour decision, so commands never touch process globals directly (tests run them in-process).
 */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { CliIo } from '../core/io.js';
import { readStreamCapped } from '../core/read-capped.js';
import { pipeSafeWriter } from './closed-pipe.js';

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

export function processIo(): CliIo {
  return {
    // A closed pipe (`… | head -1`) drops the writes, never a `write EPIPE` stack (src/cli/closed-pipe.ts).
    stdout: pipeSafeWriter(process.stdout),
    stderr: pipeSafeWriter(process.stderr),
    // Capped while reading (src/core/read-capped.ts): an endless stdin costs at most maxBytes + 1 bytes.
    readStdin: async (maxBytes = Number.MAX_SAFE_INTEGER) => (await readStreamCapped(process.stdin, maxBytes)).bytes,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}
