/**
 * What a command's work receives from the command line: output streams, environment, working folder
 * and the colour decision, so no module touches process globals directly (tests run commands
 * in-process). Built by src/cli/context.ts.
 */
import type { ChalkInstance } from 'chalk';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Reads stdin (for `-`): all of it, or given `maxBytes`, up to one byte past it (then stops). */
  readStdin: (maxBytes?: number) => Promise<Buffer>;
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
