/**
 * `sas-recette run`: the connected acceptance run of an editor endpoint. Declares the options, reads
 * them and calls `runConnected` (src/run/connected-run.ts).
 *
 * Exit codes: 0 every case passed (or was skipped), 1 a case failed (the endpoint), 2 usage or setup
 * problem, or a case errored inside sas-recette.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseDuration, parseGrep, parseNow, parseUseCases } from '../../core/parse-values.js';
import { reporterNames } from '../../report/run-reporters.js';
import { runConnected } from '../../run/connected-run.js';
import type { CliContext } from '../context.js';
import { commandLine } from '../command-line.js';
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
import { parseRunTimeout } from '../../run/run-guard.js';

export const RUN_OPTIONS = optionTable({
  baseUrl: option({ flags: '--base-url <url>', kind: 'value', help: 'FHIR base URL of the endpoint under test' }),
  jdd: JDD,
  cahier: CAHIER,
  useCase: option({ flags: '--use-case <name>', kind: 'list', help: "psindiv, cpts or sos (repeatable; default: the JDDs' use cases)" }),
  grep: option({ flags: '--grep <regex>', kind: 'value', help: 'only the cases whose id or title matches' }),
  tag: option({ flags: '--tag <tag>', kind: 'list', help: 'only the cases with this tag; !tag excludes (repeatable)' }),
  only: option({ flags: '--only <id>', kind: 'list', help: 'only this case (repeatable)' }),
  list: option({ flags: '--list', kind: 'flag', help: 'list the selected cases without calling the endpoint' }),
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

export function register(program: Command, ctx: CliContext): void {
  const cmd = program.command('run').description('run the cahier de recette against an editor endpoint (connected acceptance)');
  addOptions(cmd, RUN_OPTIONS, ctx.io.env).action(async (o: RunOptions, command: Command) => {
    const abs = (f: string | undefined) => (f === undefined ? undefined : resolve(ctx.io.cwd, f));
    await runConnected(ctx, {
      baseUrl: o.baseUrl,
      jddFiles: o.jdd.map((f) => resolve(ctx.io.cwd, f)),
      cahier: o.cahier.map((f) => resolve(ctx.io.cwd, f)),
      useCases: parseUseCases(o.useCase),
      selection: { grep: parseGrep(o.grep), tags: o.tag, only: o.only },
      list: o.list,
      bail: o.bail,
      tls: { cert: abs(o.cert), key: abs(o.key), passphraseEnv: o.passphraseEnv, ca: abs(o.ca), insecure: o.insecure },
      tlsProfile: abs(o.tlsProfile),
      timeoutMs: parseDuration(o.timeout),
      runTimeoutMs: parseRunTimeout(o.runTimeout),
      now: parseNow(o.now),
      report: { format: o.format, lang: o.lang, outDir: resolve(ctx.io.cwd, o.out), names: reporterNames(o.reporter) },
      ig: o.ig,
      packages: o.packages.map((p) => resolve(ctx.io.cwd, p)),
      pvInfo: abs(o.pvInfo),
      declarations: abs(o.declarations),
      strict: o.strict,
      official: { officialValidator: o.officialValidator, officialValidatorGates: o.officialValidatorGates, officialTx: o.officialTx },
      command: commandLine(command),
    });
  });
}
