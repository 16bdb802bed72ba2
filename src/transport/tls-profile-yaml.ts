/** The tls-profile YAML of a generated test PKI (`sas-recette certs make`), paths relative to its folder. */
import { relative } from 'node:path';
import { stringify } from 'yaml';
import type { TestPki } from './make-pki.js';
import { NEGATIVE_CERTIFICATES, testPkiProfile, type ProfileCertificate } from './tls-profile.js';

/** The tls-profile YAML of a generated PKI, paths relative to its folder. */
export function tlsProfileYaml(pki: TestPki): string {
  const profile = testPkiProfile(pki);
  const rel = (f: string): string => relative(pki.dir, f);
  const cert = (c: ProfileCertificate) => ({ cert: rel(c.certFile), key: rel(c.keyFile) });
  const negative = Object.fromEntries(
    NEGATIVE_CERTIFICATES.flatMap((name) => {
      const c = profile.negative[name];
      return c ? [[name, cert(c)]] : [];
    }),
  );
  const body = stringify(
    {
      ca: rel(pki.caCert),
      client: cert(profile.client as ProfileCertificate),
      expect: profile.expect,
      negative,
    },
    { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' },
  );
  return [
    '# TLS profile written by `sas-recette certs make` — TEST certificates, never for production.',
    '# Paths are relative to this file. A passphrase-protected key takes `passphraseEnv: VAR`.',
    '# The server under test refuses `revoked` only when it loads the CRL ca.crl.',
    '# Format: schemas/tls-profile.schema.json',
    body,
  ].join('\n');
}
