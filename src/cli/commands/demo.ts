/**
 * `sas-recette demo`: the shipped cahier de recette against the embedded reference editor, on loopback
 * (HTTPS with mutual TLS from a throw-away test PKI, or plain HTTP with `--http`). Declares the
 * options, reads them and calls `runDemo` (src/run/demo-run.ts). Exit code: the run's (0 clean, 1 a
 * case failed).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseDuration } from '../../core/parse-values.js';
import { DEFECT_NAMES, parseDefectNames } from '../../mock/defects.js';
import { reporterNames } from '../../report/run-reporters.js';
import { runDemo } from '../../run/demo-run.js';
import { commandLine } from '../command-line.js';
import type { CliContext } from '../context.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { DEFECT, OFFICIAL_OPTIONS, PV_INFO, REPORT_OPTIONS, RUN_TIMEOUT, TIMEOUT } from '../shared-options.js';
import { parseRunTimeout } from '../../run/run-guard.js';

export const DEMO_OPTIONS = optionTable({
  defect: { ...DEFECT, help: `make the reference editor misbehave (repeatable or comma-separated): ${DEFECT_NAMES.join(', ')}` },
  http: option({
    flags: '--http',
    kind: 'flag',
    help: 'serve the reference editor over plain HTTP (the mTLS and TLS version cases are then skipped)',
  }),
  pvInfo: { ...PV_INFO, help: 'PV identification (default: the reference editor of the demo)' },
  timeout: TIMEOUT,
  runTimeout: RUN_TIMEOUT,
  ...OFFICIAL_OPTIONS,
  ...REPORT_OPTIONS,
});

export type DemoOptions = OptionsOf<typeof DEMO_OPTIONS>;

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('demo')
    .description('run the shipped cahier de recette against the embedded reference editor, on loopback (HTTPS with mutual TLS)');
  addOptions(cmd, DEMO_OPTIONS, ctx.io.env).action(async (o: DemoOptions, command: Command) => {
    await runDemo(ctx, {
      defects: parseDefectNames(o.defect),
      timeoutMs: parseDuration(o.timeout),
      runTimeoutMs: parseRunTimeout(o.runTimeout),
      report: { format: o.format, lang: o.lang, outDir: resolve(ctx.io.cwd, o.out), names: reporterNames(o.reporter) },
      http: o.http,
      pvInfo: o.pvInfo === undefined ? undefined : resolve(ctx.io.cwd, o.pvInfo),
      strict: o.strict,
      official: { officialValidator: o.officialValidator, officialValidatorGates: o.officialValidatorGates, officialTx: o.officialTx },
      command: commandLine(command),
    });
  });
}
