/**
 * `sas-recette demo`: the shipped cahier de recette against the embedded reference editor, on loopback
 * (HTTPS with mutual TLS from a throw-away test PKI, or plain HTTP with `--http`). Declares the
 * command; its work (read the options, call `runDemo`) is src/cli/actions/demo.ts, loaded when it runs.
 * Exit code: the run's (0 clean, 1 a case failed).
 */
import type { Command } from 'commander';
import { DEFECT_NAMES } from '../../mock/defect-names.js';
import type { CliContext } from '../context.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { DEFECT, OFFICIAL_OPTIONS, PV_INFO, REPORT_OPTIONS, RUN_TIMEOUT, TIMEOUT } from '../shared-options.js';

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
    const { demoAction } = await import('../actions/demo.js');
    await demoAction(ctx, o, command);
  });
}
