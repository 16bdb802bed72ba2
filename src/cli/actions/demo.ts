/** The work of `sas-recette demo` (declared in src/cli/commands/demo.ts): reads the options, runs the demo. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseDuration } from '../../core/parse-values.js';
import { parseDefectNames } from '../../mock/defects.js';
import { reporterNames } from '../../report/run-reporters.js';
import { runDemo } from '../../run/demo-run.js';
import { parseRunTimeout } from '../../run/run-guard.js';
import { commandLine } from '../command-line.js';
import type { DemoOptions } from '../commands/demo.js';
import type { CliContext } from '../context.js';

export async function demoAction(ctx: CliContext, o: DemoOptions, command: Command): Promise<void> {
  await runDemo(ctx, {
    defects: parseDefectNames(o.defect),
    timeoutMs: parseDuration(o.timeout),
    runTimeoutMs: parseRunTimeout(o.runTimeout),
    report: { format: o.format, lang: o.lang, outDir: resolve(ctx.io.cwd, o.out), names: reporterNames(o.reporter, o.pdf) },
    http: o.http,
    pvInfo: o.pvInfo === undefined ? undefined : resolve(ctx.io.cwd, o.pvInfo),
    strict: o.strict,
    official: { officialValidator: o.officialValidator, officialValidatorGates: o.officialValidatorGates, officialTx: o.officialTx },
    command: commandLine(command),
  });
}
