import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { register as validate } from './validate.js';
import { register as ig } from './ig.js';
import { register as requirements } from './requirements.js';
import { register as run } from './run.js';
import { register as demo } from './demo.js';
import { register as mock } from './mock.js';
import { register as report } from './report.js';
import { register as certs } from './certs.js';
import { register as jdd } from './jdd.js';

/** Every command of the CLI, each in its own file. */
export const COMMANDS: ReadonlyArray<(program: Command, ctx: CliContext) => void> = [
  validate,
  run,
  demo,
  mock,
  report,
  requirements,
  ig,
  certs,
  jdd,
];
