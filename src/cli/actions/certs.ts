/** The work of `sas-recette certs make` (declared in src/cli/commands/certs.ts): writes the test PKI and its tls-profile. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { makePki } from '../../transport/make-pki.js';
import { tlsProfileYaml } from '../../transport/tls-profile-yaml.js';
import type { CertsMakeOptions } from '../commands/certs.js';
import type { CliContext } from '../context.js';

export async function certsMakeAction(ctx: CliContext, opts: CertsMakeOptions): Promise<void> {
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
}
