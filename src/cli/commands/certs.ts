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
import { stringify } from 'yaml';
import { SetupError } from '../../core/errors.js';
import { makePki, type TestPki } from '../../transport/make-pki.js';
import { NEGATIVE_CERTIFICATES, testPkiProfile, type ProfileCertificate } from '../../transport/tls-profile.js';
import type { CliContext } from '../context.js';

interface MakeOptions {
  out: string;
  cn?: string;
  ou?: string;
  force?: boolean;
}

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

/** The tls-profile YAML of a generated PKI, paths relative to its folder. */
export function tlsProfileYaml(pki: TestPki): string {
  const profile = testPkiProfile(pki);
  const rel = (f: string): string => relative(pki.dir, f);
  const cert = (c: ProfileCertificate) => ({ cert: rel(c.certFile), key: rel(c.keyFile) });
  const negative = Object.fromEntries(NEGATIVE_CERTIFICATES.flatMap((name) => {
    const c = profile.negative[name];
    return c ? [[name, cert(c)]] : [];
  }));
  const body = stringify({
    ca: rel(pki.caCert),
    client: cert(profile.client as ProfileCertificate),
    expect: profile.expect,
    negative,
  }, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  return [
    '# TLS profile written by `sas-recette certs make` — TEST certificates, never for production.',
    '# Paths are relative to this file. A passphrase-protected key takes `passphraseEnv: VAR`.',
    '# The server under test refuses `revoked` only when it loads the CRL ca.crl.',
    '# Format: schemas/tls-profile.schema.json',
    body,
  ].join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  const certs = program.command('certs').description('test certificates for mTLS recettes on loopback');
  certs
    .command('make')
    .description('generate a test CA, server and client certificates (valid and negative) and a tls-profile')
    .option('--out <dir>', 'output folder', 'sas-recette-certs')
    .option('--cn <cn>', 'CN of the valid client certificate', 'sas-recette-client')
    .option('--ou <ou>', 'OU of the valid client certificate', 'sas-recette')
    .option('--force', 'overwrite certificates already in the folder')
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
