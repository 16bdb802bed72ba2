/**
 * Every command of the CLI, each declared in its own file: the commander command, its options table
 * (src/cli/option-table.ts) and its help. These declarations are loaded by every start, `--help`
 * included, so they import only commander, src/cli/option-table.ts, src/cli/shared-options.ts and small
 * constant modules of the layers below; a command's work is in src/cli/actions/<name>.ts, imported by
 * its `.action(…)` when it runs (test/cli/lazy-commands.test.ts checks what `--help` loads).
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { register as validate } from './validate.js';
import { register as ig } from './ig.js';
import { register as requirements } from './requirements.js';
import { register as run } from './run.js';
import { register as demo } from './demo.js';
import { register as mock } from './mock.js';
import { register as receive } from './receive.js';
import { register as report } from './report.js';
import { register as certs } from './certs.js';
import { register as jdd } from './jdd.js';
import { register as diff } from './diff.js';
import { register as rejudge } from './rejudge.js';
import { register as verify } from './verify.js';
import { register as doctor } from './doctor.js';
import { register as watch } from './watch.js';
import { register as vsr } from './vsr.js';
import { register as campaign } from './campaign.js';

/** A command's name, as typed after `sas-recette`, and what declares it. */
export interface CommandEntry {
  name: string;
  register: (program: Command, ctx: CliRunContext) => void;
}

/** In the order the root help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', register: validate },
  { name: 'run', register: run },
  { name: 'demo', register: demo },
  { name: 'mock', register: mock },
  { name: 'receive', register: receive },
  { name: 'report', register: report },
  { name: 'requirements', register: requirements },
  { name: 'ig', register: ig },
  { name: 'certs', register: certs },
  { name: 'jdd', register: jdd },
  { name: 'diff', register: diff },
  { name: 'rejudge', register: rejudge },
  { name: 'verify', register: verify },
  { name: 'doctor', register: doctor },
  { name: 'watch', register: watch },
  { name: 'vsr', register: vsr },
  { name: 'campaign', register: campaign },
];

/**
 * The commands a start declares: only the one named first on the command line (its options tables are
 * most of a short command's start-up work below the action), else all of them (the root help, `help X`,
 * an unknown command and its suggestion, options before the command).
 */
export function commandsFor(argv: readonly string[]): readonly CommandEntry[] {
  const named = COMMANDS.find((c) => c.name === argv[2]);
  return named ? [named] : COMMANDS;
}
