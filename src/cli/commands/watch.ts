/**
 * `sas-recette watch`: the VSR watch (vérification de service régulier, the two months after go-live).
 * Plays a light, safe subset of the cahier against production — per use case its main search with
 * the JDD and its CapabilityStatement, GET only — once (`--once`, for cron or a CI schedule) or every
 * `--every` for `--for`, and appends one line per probe to the `--history` file, read by
 * `sas-recette vsr`. Declares the command; its work is src/cli/actions/watch.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { CAHIER, IG, JDD, LANG, PACKAGES, TIMEOUT } from '../shared-options.js';

export const WATCH_OPTIONS = optionTable({
  baseUrl: option({ flags: '--base-url <url>', kind: 'value', help: 'FHIR base URL of the production endpoint' }),
  jdd: JDD,
  history: option({
    flags: '--history <file>',
    kind: 'value',
    help: 'history file the probes are appended to (JSON Lines, one line per probe; required)',
  }),
  once: option({ flags: '--once', kind: 'flag', help: 'one probe, then exit 0 (passed) or 1 (for cron or a CI schedule)' }),
  every: option({
    flags: '--every <duration>',
    kind: 'value',
    default: '15m',
    help: 'interval between probe starts (15m, 1h; at least 1m); doubled after consecutive failures, up to 4×',
  }),
  for: option({ flags: '--for <duration>', kind: 'value', default: '60d', help: 'how long the watch lasts (60d, 12h), then exit 0' }),
  useCase: option({ flags: '--use-case <name>', kind: 'list', help: "psindiv, cpts or sos (repeatable; default: the JDDs' use cases)" }),
  cahier: CAHIER,
  cert: option({ flags: '--cert <file>', kind: 'value', help: 'client certificate (PEM) for mTLS' }),
  key: option({ flags: '--key <file>', kind: 'value', help: 'private key of the client certificate (PEM)' }),
  passphraseEnv: option({ flags: '--passphrase-env <var>', kind: 'value', help: 'environment variable holding the key passphrase' }),
  ca: option({ flags: '--ca <file>', kind: 'value', help: 'CA certificate(s) that sign the server certificate (PEM)' }),
  timeout: TIMEOUT,
  ig: IG,
  packages: PACKAGES,
  lang: LANG,
});

export type WatchOptions = OptionsOf<typeof WATCH_OPTIONS>;

const HELP = `
Each probe: per use case of the JDDs, the cahier's main search (e.g. PS-ALL-RULES) judged by the same
validator and SAS rules as "run", and GET [base]/metadata (the CapabilityStatement); one request at a
time, GET only, User-Agent "sas-recette/<version> (watch)". One line per probe is appended to --history;
a probe that did not pass also writes its redacted evidence to <history>.evidence/<probe time>.json.

Examples:
  sas-recette watch --base-url https://agenda.example/fhir --jdd prod-psindiv.yaml \\
                    --cert client.pem --key client.key --ca ca.pem --history vsr/history.jsonl --every 15m --for 60d
  # from cron, every 15 minutes:
  */15 * * * *  npx sas-recette watch --once --base-url https://agenda.example/fhir --jdd prod.yaml --history vsr/history.jsonl
  sas-recette vsr vsr/history.jsonl        # the PV VSR from the history

Exit codes: --once: 0 the probe passed · 1 it failed or the endpoint was unavailable
· long mode: 0 at the end of --for · 130 / 143 stopped by Ctrl-C / SIGTERM (after the probe in flight)
· 2 usage or setup problem (--every below 1m, missing --history, unreadable JDD or certificate, no FHIR packages)
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('watch')
    .description('VSR watch: play a light, safe subset of the cahier against production at an interval, into a history file');
  addOptions(cmd, WATCH_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (o: WatchOptions) => {
      const { watchAction } = await import('../actions/watch.js');
      await watchAction(ctx, o);
    });
}
