/**
 * `sas-recette receive`: plays SAS's side of flux V3 (INT_R03) on its own, for an editor's self-test or
 * an ANS session: an HTTPS endpoint (mTLS with `--ca`) the editor's software sends its appointments to
 * (POST [base]/Appointment, PUT [base]/Appointment?identifier=system|value). Each request is answered as
 * SAS would, judged (FrAppointmentSAS or sas-sos-appointment and the SAS-APT rules) and printed; on
 * Ctrl-C / SIGTERM or after `--for`, a summary, and with `--output` every exchange and its judgement
 * in received.json. Declares the command; its work is src/cli/actions/receive.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { Lang } from '../../core/findings.js';
import type { CliRunContext } from '../run-lang.js';
import { durationValue, usageProblem } from '../option-checks.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { FORMAT, IG, LANG, PACKAGES } from '../shared-options.js';

/** Longest `--for` (a day): beyond it, a typo more likely than a wish (and Node's timers stay exact). */
export const RECEIVE_FOR_MAX_MS = 24 * 3600_000;

function checkPort(value: string, lang: Lang): string {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw usageProblem({ fr: 'un port est un entier de 0 à 65535', en: 'a port is an integer from 0 to 65535' }, lang);
  return value;
}

function checkFor(value: string, lang: Lang): string {
  const ms = durationValue('--for', value, lang, '10m, 90s or 600000');
  if (ms < 1000 || ms > RECEIVE_FOR_MAX_MS)
    throw usageProblem({ fr: `de 1s à 24h, reçu ${ms} ms`, en: `from 1s to 24h, got ${ms} ms` }, lang);
  return value;
}

export const RECEIVE_OPTIONS = optionTable({
  useCase: option({
    flags: '--use-case <case>',
    kind: 'value',
    choices: ['appointment', 'sos-appointment'],
    default: 'appointment',
    help: 'profile the appointments are judged against: appointment (FrAppointmentSAS, PS and CPTS) or sos-appointment (sas-sos-appointment)',
  }),
  host: option({ flags: '--host <host>', kind: 'value', default: '127.0.0.1', help: 'interface to listen on (0.0.0.0: every interface)' }),
  port: option({ flags: '--port <port>', kind: 'value', default: '0', help: 'TCP port (0: any free port, printed)', check: checkPort }),
  cert: option({
    flags: '--cert <file>',
    kind: 'value',
    help: 'server certificate (PEM) of the SAS side: serve HTTPS (without it: plain HTTP, not valid for acceptance)',
  }),
  key: option({ flags: '--key <file>', kind: 'value', help: 'key of the server certificate (PEM)' }),
  ca: option({ flags: '--ca <file>', kind: 'value', help: "CA of the editor's client certificates (PEM): require one (mTLS)" }),
  for: option({
    flags: '--for <duration>',
    kind: 'value',
    help: 'stop after this long (10m, 90s); default: until Ctrl-C / SIGTERM',
    check: checkFor,
  }),
  output: option({ flags: '--output <dir>', kind: 'value', help: 'write received.json there: every exchange and its judgement' }),
  force: option({ flags: '--force', kind: 'flag', help: 'replace a received.json already in --output' }),
  ig: IG,
  packages: PACKAGES,
  format: { ...FORMAT, help: 'output: text, or json (the whole session on stdout at the end; the URL and one line per request on stderr)' },
  lang: LANG,
});

export type ReceiveOptions = OptionsOf<typeof RECEIVE_OPTIONS>;

const HELP = `
Give the editor's software the URL printed at start (…/appointment/fhir/Appointment, SOS:
…/sos-appointment/fhir/Appointment). It sends POST <base>/Appointment when a regulator books, and
PUT <base>/Appointment?identifier=<system>|<value> for each change (cancellation, time, fulfilled…).
Each request is answered as SAS does (201 / 200 + Location; 4xx + OperationOutcome for an invalid
appointment) and printed: method, path, status answered, verdict with its errors and warnings. At the
end the session is judged as the flux-v3 case of a run judges it: every request conform, at least one
create and one update of it received, the client certificate (with --ca).

Examples:
  sas-recette receive --cert certs/server.crt --key certs/server.key --ca certs/ca.crt --port 8443 \\
                      --output session-v3          # after: sas-recette certs make --out certs
  sas-recette receive --use-case sos-appointment --host 0.0.0.0 --port 8443 --cert sas.crt --key sas.key \\
                      --ca editor-ca.crt --for 30m --output session-v3 --lang en
  sas-recette receive --port 8080                  # plain HTTP: a rehearsal, never an acceptance
  sas-recette validate rdv.json --use-case appointment   # one appointment, offline

--output DIR: received.json (every request with its evidence and judgement, the session's findings);
an existing one is kept unless --force.
Exit codes: 0 stopped (Ctrl-C, SIGTERM or --for) and the session conform · 1 a request not conform,
or no create or no update received · 2 usage or setup problem (port in use, unreadable certificate,
received.json already there without --force, IG missing)
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('receive')
    .description("play SAS's side of flux V3: receive and judge the appointments the editor's software sends");
  addOptions(cmd, RECEIVE_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (opts: ReceiveOptions) => {
      const { receiveAction } = await import('../actions/receive.js');
      await receiveAction(ctx, opts);
    });
}
