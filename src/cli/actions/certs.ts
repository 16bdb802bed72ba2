/** The work of `sas-recette certs make` (declared in src/cli/commands/certs.ts): writes the test PKI and its tls-profile. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { makePki } from '../../transport/make-pki.js';
import { tlsProfileYaml } from '../../transport/tls-profile-yaml.js';
import type { CertsMakeOptions } from '../commands/certs.js';
import type { CliRunContext } from '../run-lang.js';
import { NBSP } from '../../core/typography.js';

/** The client certificates a mTLS server must refuse (all with client.key). */
const NEGATIVE_CERTS = ['client-other-ca.crt', 'client-expired.crt', 'client-wrong-cn.crt', 'client-wrong-ou.crt', 'client-revoked.crt'];

/** The summary's words, in the run's language (labels padded to one column). */
const T = {
  fr: {
    written: (dir: string) => `PKI de test écrite dans ${dir} (EC P-256${NBSP}; pour les tests seulement)${NBSP}:`,
    ca: 'AC',
    caWhy: '(le serveur accepte les certificats clients qu’elle signe)',
    server: 'serveur',
    client: 'client',
    refused: 'à refuser',
    crl: 'CRL',
    crlWhy: '(révoque client-revoked.crt ; le serveur doit la charger)',
    next: `Ensuite${NBSP}:`,
  },
  en: {
    written: (dir: string) => `Test PKI written to ${dir} (EC P-256; test use only):`,
    ca: 'CA',
    caWhy: '(the server trusts client certificates from it)',
    server: 'server',
    client: 'client',
    refused: 'must be refused',
    crl: 'CRL',
    crlWhy: '(revokes client-revoked.crt; the server must load it)',
    next: 'Next:',
  },
} as const;

export async function certsMakeAction(ctx: CliRunContext, opts: CertsMakeOptions): Promise<void> {
  const { io } = ctx;
  const dir = resolve(io.cwd, opts.out);
  if (!opts.force && existsSync(join(dir, 'ca.key'))) {
    throw new SetupError(
      { fr: `${opts.out} contient déjà une AC de test (ca.key)`, en: `${opts.out} already holds a test CA (ca.key)` },
      {
        fr: 'choisir un autre dossier --out, ou ajouter --force pour la remplacer',
        en: 'choose another --out folder, or add --force to replace it',
      },
    );
  }
  const pki = await makePki({ dir, cn: opts.cn, ou: opts.ou, env: io.env });
  const profile = join(dir, 'tls-profile.yaml');
  await writeFile(profile, tlsProfileYaml(pki));
  const show = (f: string): string => relative(io.cwd, f) || '.';
  const t = T[ctx.lang];
  io.stdout(
    [
      t.written(show(dir)),
      `  ${t.ca.padEnd(16)}${show(pki.caCert)}  ${t.caWhy}`,
      `  ${t.server.padEnd(16)}${show(pki.serverCert)}, ${show(pki.serverKey)}  (localhost, 127.0.0.1)`,
      `  ${t.client.padEnd(16)}${show(pki.clientCert)}, ${show(pki.clientKey)}  (CN=${pki.subject.cn}, OU=${pki.subject.ou})`,
      `  ${t.refused.padEnd(16)}${NEGATIVE_CERTS.join(', ')}`,
      `  ${t.crl.padEnd(16)}${show(pki.crl)}  ${t.crlWhy}`,
      `  ${'tls-profile'.padEnd(16)}${show(profile)}`,
      '',
      `${t.next} sas-recette run … --tls-profile ${show(profile)}`,
      '',
    ].join('\n'),
  );
}
