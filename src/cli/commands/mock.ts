/**
 * `sas-recette mock`: runs the reference editor server on the JDD files (default: the three shipped
 * ones) until Ctrl-C / SIGTERM, optionally over mTLS and with named defects, so a recette can be
 * rehearsed on loopback and every check seen failing. Declares the command; its work is
 * src/cli/actions/mock.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import { DEFECT_NAMES } from '../../mock/defect-names.js';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { DEFECT, JDD, LANG } from '../shared-options.js';

export const MOCK_OPTIONS = optionTable({
  jdd: { ...JDD, help: 'JDD file, repeatable or comma-separated (default: the three shipped JDDs)' },
  port: option({ flags: '--port <port>', kind: 'value', default: '8080', help: 'TCP port (0: any free port)' }),
  bookingPort: option({
    flags: '--booking-port <port>',
    kind: 'value',
    help: 'TCP port of the booking site (flux V2; default: --port + 1, or any free port with --port 0)',
  }),
  host: option({ flags: '--host <host>', kind: 'value', default: '127.0.0.1', help: 'interface to listen on' }),
  defect: { ...DEFECT, help: `defect to show, repeatable or comma-separated (${DEFECT_NAMES.length} known: --list-defects)` },
  listDefects: option({ flags: '--list-defects', kind: 'flag', help: 'list the defects and what should catch them, then exit' }),
  lang: LANG,
  cert: option({ flags: '--cert <file>', kind: 'value', help: 'server certificate (PEM): serve HTTPS' }),
  key: option({ flags: '--key <file>', kind: 'value', help: 'key of the server certificate (PEM)' }),
  ca: option({ flags: '--ca <file>', kind: 'value', help: 'CA of the client certificates: require one (mTLS)' }),
  crl: option({
    flags: '--crl <file>',
    kind: 'value',
    help: 'certificate revocation list (PEM) of the client CA: revoked client certificates are refused',
  }),
  clientCn: option({ flags: '--client-cn <cn>', kind: 'value', help: 'expected CN of client certificates (another CN gets 403)' }),
  clientOu: option({ flags: '--client-ou <ou>', kind: 'value', help: 'expected OU of client certificates (another OU gets 403)' }),
  delay: option({
    flags: '--delay <ms>',
    kind: 'value',
    help: 'delay in milliseconds before each search answer (slow defect: 8000 by default)',
  }),
});

export type MockCommandOptions = OptionsOf<typeof MOCK_OPTIONS>;

const HELP = `
Serves GET <url>/Slot (PS individual, CPTS), GET <url>/Schedule (SOS Médecins) and GET <url>/metadata
from the JDD files; identifiers decide which entry answers.

Examples:
  sas-recette mock
  sas-recette mock --jdd datasets/recette-cpts.yaml --port 8081 --defect cpts-after-48h
  sas-recette mock --port 8443 --cert certs/server.crt --key certs/server.key --ca certs/ca.crt --crl certs/ca.crl \
                   --client-cn sas-recette-client --client-ou sas-recette      # after: sas-recette certs make
  sas-recette mock --defect slow --delay 9000
  sas-recette mock --list-defects

Exit codes: 0 stopped by Ctrl-C / SIGTERM · 2 usage or setup problem (bad JDD, port in use…)
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program.command('mock').description('run the reference editor server (SAS slot searches served from JDD files)');
  addOptions(cmd, MOCK_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (opts: MockCommandOptions) => {
      const { mockAction } = await import('../actions/mock.js');
      await mockAction(ctx, opts);
    });
}
