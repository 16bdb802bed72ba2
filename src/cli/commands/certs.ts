/**
 * `sas-recette certs make`: generates a throw-away test PKI with openssl (test CA, untrusted CA,
 * server certificate for localhost/127.0.0.1, client certificate, the negative client certificates
 * the mTLS checks need, the CRL revoking the revoked one) and the matching tls-profile YAML. For loopback recettes and demos only:
 * production uses IGC-Santé certificates.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { SetupError } from '../../core/errors.js';
import { makePki } from '../../transport/make-pki.js';
import { tlsProfileYaml } from '../../transport/tls-profile-yaml.js';
import type { CliContext } from '../context.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { OUT } from '../shared-options.js';

export const CERTS_MAKE_OPTIONS = optionTable({
  out: { ...OUT, default: 'sas-recette-certs', help: 'output folder' },
  cn: option({ flags: '--cn <cn>', kind: 'value', default: 'sas-recette-client', help: 'CN of the valid client certificate' }),
  ou: option({ flags: '--ou <ou>', kind: 'value', default: 'sas-recette', help: 'OU of the valid client certificate' }),
  force: option({ flags: '--force', kind: 'flag', help: 'overwrite certificates already in the folder' }),
});

type MakeOptions = OptionsOf<typeof CERTS_MAKE_OPTIONS>;

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

export function register(program: Command, ctx: CliContext): void {
  const certs = program.command('certs').description('test certificates for mTLS recettes on loopback');
  const make = certs
    .command('make')
    .description('generate a test CA, server and client certificates (valid and negative) and a tls-profile');
  addOptions(make, CERTS_MAKE_OPTIONS, ctx.io.env)
    .addHelpText('after', HELP)
    .action(async (opts: MakeOptions) => {
      const { io } = ctx;
      const dir = resolve(io.cwd, opts.out);
      if (!opts.force && existsSync(join(dir, 'ca.key'))) {
        throw new SetupError(`${opts.out} already holds a test CA (ca.key)`, 'choose another --out folder, or add --force to replace it');
      }
      const pki = await makePki({ dir, cn: opts.cn, ou: opts.ou, env: io.env });
      const profile = join(dir, 'tls-profile.yaml');
      await writeFile(profile, tlsProfileYaml(pki));
      const show = (f: string): string => relative(io.cwd, f) || '.';
      io.stdout(
        [
          `Test PKI written to ${show(dir)} (EC P-256; test use only):`,
          `  CA              ${show(pki.caCert)}  (the server trusts client certificates from it)`,
          `  server          ${show(pki.serverCert)}, ${show(pki.serverKey)}  (localhost, 127.0.0.1)`,
          `  client          ${show(pki.clientCert)}, ${show(pki.clientKey)}  (CN=${pki.subject.cn}, OU=${pki.subject.ou})`,
          `  must be refused ${['client-other-ca.crt', 'client-expired.crt', 'client-wrong-cn.crt', 'client-wrong-ou.crt', 'client-revoked.crt'].join(', ')}`,
          `  CRL             ${show(pki.crl)}  (revokes client-revoked.crt; the server must load it)`,
          `  tls-profile     ${show(profile)}`,
          '',
          `Next: sas-recette run … --tls-profile ${show(profile)}`,
          '',
        ].join('\n'),
      );
    });
}
