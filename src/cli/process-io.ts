/**
 * The process's streams and environment as every command receives them (src/core/io.ts), so commands
 * never touch process globals directly (tests run them in-process). Loaded by every start: stdin's
 * reader is imported only when a command reads `-`.
 */
import type { CliIo } from '../core/io.js';
import { pipeSafeWriter } from './closed-pipe.js';

export function processIo(): CliIo {
  return {
    // A closed pipe (`… | head -1`) drops the writes, never a `write EPIPE` stack (src/cli/closed-pipe.ts).
    stdout: pipeSafeWriter(process.stdout),
    stderr: pipeSafeWriter(process.stderr),
    // Capped while reading (src/core/read-capped.ts): an endless stdin costs at most maxBytes + 1 bytes.
    readStdin: async (maxBytes = Number.MAX_SAFE_INTEGER) => {
      const { readStreamCapped } = await import('../core/read-capped.js');
      return (await readStreamCapped(process.stdin, maxBytes)).bytes;
    },
    // a getter: process.stdin is a stream created on first use (with net for a pipe), which most commands never need
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}
