/** The work of `sas-recette rejudge` (declared in src/cli/commands/rejudge.ts): reads the options, re-judges the run. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { reporterNames } from '../../report/run-reporters.js';
import { rejudgeCommand } from '../../run/rejudge/index.js';
import { commandLine } from '../command-line.js';
import type { RejudgeOptions } from '../commands/rejudge.js';
import type { CliContext } from '../context.js';

export async function rejudgeAction(ctx: CliContext, run: string, o: RejudgeOptions, command: Command): Promise<void> {
  const abs = (f: string) => resolve(ctx.io.cwd, f);
  await rejudgeCommand(ctx, {
    run,
    cahier: o.cahier.map(abs),
    jddFiles: o.jdd.map(abs),
    ig: o.ig,
    packages: o.packages.map(abs),
    report: { format: o.format, lang: o.lang, outDir: abs(o.out), names: reporterNames(o.reporter, o.pdf) },
    ...(o.strict ? { strict: true } : {}),
    command: commandLine(command),
  });
}
