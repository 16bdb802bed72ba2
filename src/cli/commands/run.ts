/**
 * `sas-recette run`: the connected acceptance run of an editor endpoint. Declares the command; its work
 * (read the options, call `runConnected`) is src/cli/actions/run.ts, loaded when it runs.
 *
 * Exit codes (./run-help.ts): 0 at least one case judged and none failed or errored, 1 a case failed or
 * errored, nothing was judged, or (--strict) a reserve remains, 2 usage or setup problem, 130 / 143
 * interrupted.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import {
  CAHIER,
  DECLARATIONS,
  IG,
  JDD,
  NOW,
  OFFICIAL_OPTIONS,
  PACKAGES,
  PV_INFO,
  REPORT_OPTIONS,
  RUN_TIMEOUT,
  TIMEOUT,
} from '../shared-options.js';
import { RUN_EXIT_CODES } from './run-help.js';

export const RUN_OPTIONS = optionTable({
  baseUrl: option({ flags: '--base-url <url>', kind: 'value', help: 'FHIR base URL of the endpoint under test' }),
  jdd: JDD,
  cahier: CAHIER,
  useCase: option({ flags: '--use-case <name>', kind: 'list', help: "psindiv, cpts or sos (repeatable; default: the JDDs' use cases)" }),
  grep: option({ flags: '--grep <regex>', kind: 'value', help: 'only the cases whose id or title matches' }),
  tag: option({ flags: '--tag <tag>', kind: 'list', help: 'only the cases with this tag; !tag excludes (repeatable)' }),
  only: option({ flags: '--only <id>', kind: 'list', help: 'only this case (repeatable)' }),
  list: option({ flags: '--list', kind: 'flag', help: 'list the selected cases without calling the endpoint' }),
  dryRun: option({
    flags: '--dry-run',
    kind: 'flag',
    help: 'print the requests each case will send (curl commands; JSON with --format json) without sending any',
  }),
  bail: option({ flags: '--bail', kind: 'flag', help: 'stop after the first failed case' }),
  cert: option({ flags: '--cert <file>', kind: 'value', help: 'client certificate (PEM) for mTLS' }),
  key: option({ flags: '--key <file>', kind: 'value', help: 'private key of the client certificate (PEM)' }),
  passphraseEnv: option({ flags: '--passphrase-env <var>', kind: 'value', help: 'environment variable holding the key passphrase' }),
  ca: option({ flags: '--ca <file>', kind: 'value', help: 'CA certificate(s) that sign the server certificate (PEM)' }),
  insecure: option({ flags: '--insecure', kind: 'flag', help: 'do not verify the server certificate (never for an official acceptance)' }),
  tlsProfile: option({
    flags: '--tls-profile <file>',
    kind: 'value',
    help: 'TLS profile: client, CA and negative certificates for the mTLS checks',
  }),
  receiveCert: option({
    flags: '--receive-cert <file>',
    kind: 'value',
    help: "flux V3: server certificate (PEM) of the SAS side the editor's software sends appointments to",
  }),
  receiveKey: option({ flags: '--receive-key <file>', kind: 'value', help: 'flux V3: private key of --receive-cert (PEM)' }),
  receiveCa: option({
    flags: '--receive-ca <file>',
    kind: 'value',
    help: "flux V3: CA of the editor's client certificates (PEM); given, the SAS side requires mTLS",
  }),
  receiveHost: option({
    flags: '--receive-host <host>',
    kind: 'value',
    default: '127.0.0.1',
    help: 'flux V3: address the SAS side listens on',
  }),
  // No default value: given alone, it is what opens the SAS side (plain HTTP); a default would open it on every run.
  receivePort: option({
    flags: '--receive-port <port>',
    kind: 'value',
    help: 'flux V3: port of the SAS side (0: any free port, printed; the default once --receive-cert is given)',
  }),
  receiveWait: option({
    flags: '--receive-wait <duration>',
    kind: 'value',
    default: '5m',
    help: "flux V3: how long a case waits for the editor's software to send its appointments (the SAS side opens only with --receive-cert or --receive-port; otherwise the flux-v3 cases are skipped)",
  }),
  timeout: TIMEOUT,
  runTimeout: RUN_TIMEOUT,
  now: NOW,
  ig: IG,
  packages: PACKAGES,
  pvInfo: PV_INFO,
  declarations: DECLARATIONS,
  ...OFFICIAL_OPTIONS,
  ...REPORT_OPTIONS,
});

export type RunOptions = OptionsOf<typeof RUN_OPTIONS>;

const HELP = `
Examples:
  sas-recette run --base-url https://agenda.example/fhir --jdd datasets/recette-psindiv.yaml --list
  sas-recette run --base-url https://agenda.example/fhir --jdd recette-psindiv.yaml,recette-cpts.yaml \\
                  --tls-profile certs/tls-profile.yaml --pv-info pv.yaml --pdf
  sas-recette run --base-url http://127.0.0.1:8080/fhir --jdd datasets/recette-cpts.yaml --tag '!transport' \\
                  --reporter console,junit --out reports --lang en
  sas-recette run … --strict --declarations declarations.yaml        # the official acceptance run
  sas-recette run --base-url https://agenda.example/fhir --jdd recette-cpts.yaml --cert c.pem --key c.key \
                  --passphrase-env SAS_KEY_PASS --dry-run > requests.sh   # the requests, as curl commands
  sas-recette run … --tag flux-v3 --receive-cert sas.crt --receive-key sas.key --receive-ca editor-ca.crt \
                  --receive-host 0.0.0.0 --receive-port 8443    # the editor's software sends its appointments

--dry-run sends nothing (no DNS, no TCP), writes no report and exits 0 once the plan is made (2 on a
setup problem, as a run); the key passphrase is never printed: curl reads it from --passphrase-env's variable.

Reports: --out DIR/<start>-<run id>/ (run.json, junit.xml, pv.html; pv.pdf with --pdf), DIR/latest
points at the newest run. A PV can be rendered again: sas-recette report DIR/latest/run.json --pdf

${RUN_EXIT_CODES}`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program.command('run').description('run the cahier de recette against an editor endpoint (connected acceptance)');
  addOptions(cmd, RUN_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (o: RunOptions, command: Command) => {
      const { runAction } = await import('../actions/run.js');
      await runAction(ctx, o, command);
    });
}
