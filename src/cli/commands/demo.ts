/**
 * `sas-recette demo`: the shipped cahier de recette against the embedded reference editor, on loopback
 * (HTTPS with mutual TLS from a throw-away test PKI, or plain HTTP with `--http`). Declares the
 * command; its work (read the options, call `runDemo`) is src/cli/actions/demo.ts, loaded when it runs.
 * Exit code: the run's (./run-help.ts).
 */
import type { Command } from 'commander';
import { DEFECT_NAMES } from '../../mock/defect-names.js';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { DEFECT, OFFICIAL_OPTIONS, PV_INFO, REPORT_OPTIONS, RUN_TIMEOUT, TIMEOUT } from '../shared-options.js';
import { RUN_EXIT_CODES } from './run-help.js';

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

const HELP = `
Examples:
  sas-recette demo                                 # HTTPS with mutual TLS (needs openssl on PATH)
  sas-recette demo --http --pdf                    # plain HTTP; the PV also printed to pv.pdf
  sas-recette demo --http --defect html-502,slow   # see each check fail (list: sas-recette mock --list-defects)
  sas-recette demo --lang en --reporter console,json --out /tmp/demo

${RUN_EXIT_CODES}`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('demo')
    .description('run the shipped cahier de recette against the embedded reference editor, on loopback (HTTPS with mutual TLS)');
  addOptions(cmd, DEMO_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (o: DemoOptions, command: Command) => {
      const { demoAction } = await import('../actions/demo.js');
      await demoAction(ctx, o, command);
    });
}
