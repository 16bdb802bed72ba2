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

export const COMMANDS: ReadonlyArray<(program: Command, ctx: CliRunContext) => void> = [
  validate,
  run,
  demo,
  mock,
  receive,
  report,
  requirements,
  ig,
  certs,
  jdd,
  diff,
  rejudge,
  verify,
  doctor,
  watch,
  vsr,
  campaign,
];
