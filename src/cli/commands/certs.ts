/**
 * `sas-recette certs make`: generates a throw-away test PKI with openssl (test CA, untrusted CA,
 * server certificate for localhost/127.0.0.1, client certificate, the negative client certificates
 * the mTLS checks need, the CRL revoking the revoked one) and the matching tls-profile YAML. For loopback recettes and demos only:
 * production uses IGC-Santé certificates. Declares the command; its work is src/cli/actions/certs.ts,
 * loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { LANG, OUT } from '../shared-options.js';

export const CERTS_MAKE_OPTIONS = optionTable({
  out: { ...OUT, default: 'sas-recette-certs', help: 'output folder' },
  cn: option({ flags: '--cn <cn>', kind: 'value', default: 'sas-recette-client', help: 'CN of the valid client certificate' }),
  ou: option({ flags: '--ou <ou>', kind: 'value', default: 'sas-recette', help: 'OU of the valid client certificate' }),
  force: option({ flags: '--force', kind: 'flag', help: 'overwrite certificates already in the folder' }),
  lang: LANG,
});

export type CertsMakeOptions = OptionsOf<typeof CERTS_MAKE_OPTIONS>;

const HELP = `
Writes into DIR: ca.crt ca.key (test CA), other-ca.crt, server.crt server.key (localhost, 127.0.0.1),
client.crt client.key, client-other-ca.crt, client-expired.crt, client-wrong-cn.crt,
client-wrong-ou.crt, client-revoked.crt (all with client.key), ca.crl (the test CA's CRL, which
revokes client-revoked.crt: the server under test must load it), and tls-profile.yaml.

Examples:
  sas-recette certs make --out certs --cn editeur-recette --ou SAS
  sas-recette mock --port 8443 --cert certs/server.crt --key certs/server.key --ca certs/ca.crt --crl certs/ca.crl \
                   --client-cn editeur-recette --client-ou SAS
  sas-recette run --base-url https://127.0.0.1:8443/fhir --tls-profile certs/tls-profile.yaml

Test certificates only (keys unencrypted, CA key written beside them). Needs openssl on PATH.
Exit codes: 0 written · 2 usage or setup problem (openssl missing, files already there without --force)
`;

export function register(program: Command, ctx: CliRunContext): void {
  const certs = program.command('certs').description('test certificates for mTLS recettes on loopback');
  const make = certs
    .command('make')
    .description('generate a test CA, server and client certificates (valid and negative) and a tls-profile');
  addOptions(make, CERTS_MAKE_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (opts: CertsMakeOptions) => {
      const { certsMakeAction } = await import('../actions/certs.js');
      await certsMakeAction(ctx, opts);
    });
}
