/**
 * What every command receives: output streams and the colour decision, so commands never touch
 * process globals directly (tests run them in-process).
 */
import chalk, { Chalk, type ChalkInstance } from 'chalk';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Reads all of stdin (for `-`). */
  readStdin: () => Promise<Buffer>;
  /** True when standard input is a terminal (nothing piped): `-` would wait for typing. */
  stdinIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
}

export interface CliContext {
  io: CliIo;
  /** chalk with the colour level decided once (NO_COLOR, FORCE_COLOR, --no-color, TTY). */
  color: ChalkInstance;
  /** Exit code the command sets (0 ok, 1 findings/failures, 2 usage/setup). */
  setExitCode: (code: number) => void;
}

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
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}
