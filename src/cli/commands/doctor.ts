/**
 * `sas-recette doctor`: before a run, checks what usually goes wrong — client certificate and key,
 * chain, dates, CN/OU against the TLS profile, key passphrase; FHIR packages and the definitions cache;
 * the JDDs (the linter of `jdd check`); proxy variables; DNS and TCP; TLS versions and the server
 * certificate; clock skew against the endpoint's Date — each with its fix. Takes the connection options
 * of `run` (the same declarations, picked from its table, so a flag means the same in both). Exit 0
 * nothing blocks a run (warnings allowed), 1 something does, 2 usage. Declares the command; its work
 * is src/cli/actions/doctor.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, optionTable, type OptionsOf } from '../option-table.js';
import { CAHIER, FORMAT, IG, JDD, LANG, PACKAGES } from '../shared-options.js';
import { RUN_OPTIONS } from './run.js';

export const DOCTOR_OPTIONS = optionTable({
  baseUrl: { ...RUN_OPTIONS.baseUrl, help: 'FHIR base URL of the endpoint (without it: the offline checks only)' },
  cert: RUN_OPTIONS.cert,
  key: RUN_OPTIONS.key,
  passphraseEnv: RUN_OPTIONS.passphraseEnv,
  ca: RUN_OPTIONS.ca,
  insecure: RUN_OPTIONS.insecure,
  tlsProfile: RUN_OPTIONS.tlsProfile,
  jdd: JDD,
  cahier: CAHIER,
  ig: IG,
  packages: PACKAGES,
  format: FORMAT,
  lang: LANG,
});

export type DoctorOptions = OptionsOf<typeof DOCTOR_OPTIONS>;

const HELP = `
Checks, offline first, then against --base-url (short time-outs: under 10 s on a dead endpoint):
  certificates  key matches the certificate, encrypted key without passphrase, expiry (30 days) and
                not-yet-valid dates, CN/OU against the TLS profile's expect, chain against --ca
  packages      the IG of --ig and its dependencies, the definitions cache (folder, size, writable)
  jdd           the linter of "sas-recette jdd check" on each --jdd
  proxy         HTTP_PROXY / HTTPS_PROXY / NO_PROXY (lower case too): which one the base URL uses
  network       DNS resolution and TCP connection, with timings
  tls           TLS versions offered (1.0 / 1.1 accepted: warning), the server certificate against --ca
  clock         skew against the endpoint's Date header (over 30 s: warning, over 5 min: blocking)

Examples:
  sas-recette doctor --base-url https://agenda.editeur.example/fhir --jdd datasets/recette-cpts.yaml \\
                     --cert client.pem --key client.key --passphrase-env SAS_KEY_PASS --ca ca.pem \\
                     --tls-profile tls-profile.yaml
  sas-recette doctor --jdd datasets/recette-psindiv.yaml --format json      # offline checks only

Exit codes: 0 nothing blocks a run (warnings allowed) · 1 something blocks a run · 2 usage problem
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('doctor')
    .description('check what usually goes wrong before a run: certificates, clock, proxy, network, TLS, packages, JDD');
  addOptions(cmd, DOCTOR_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (opts: DoctorOptions) => {
      const { doctorAction } = await import('../actions/doctor.js');
      await doctorAction(ctx, opts);
    });
}
