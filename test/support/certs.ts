/**
 * Test PKI made with openssl in a temp folder for each test file: the real certificates the HTTP and
 * transport tests use (never committed). Also a passphrase-protected copy of the client key.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';

export interface TestPkiWithSecrets extends TestPki {
  /** Server certificate from the test CA for another host name (SAN DNS:other.invalid). */
  serverWrongNameCert: string;
  /** The client key encrypted with `keyPassphrase`. */
  clientKeyEncrypted: string;
  keyPassphrase: string;
}

export const TEST_KEY_PASSPHRASE = 'pass-phrase-never-shown-7f3c';

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** CA, other CA, server (SAN localhost/127.0.0.1), client, client from the other CA, expired, wrong CN, wrong OU. */
export async function makeTestPki(dir: string): Promise<TestPkiWithSecrets> {
  const pki = await makePki({ dir, cn: 'editor-client', ou: 'sas-editor' });
  const clientKeyEncrypted = join(dir, 'client-encrypted.key');
  execFileSync('openssl', ['pkey', '-in', pki.clientKey, '-aes256', '-passout', `pass:${TEST_KEY_PASSPHRASE}`, '-out', clientKeyEncrypted]);
  const csr = join(dir, 'server-wrong-name.csr');
  const ext = join(dir, 'server-wrong-name.ext');
  const serverWrongNameCert = join(dir, 'server-wrong-name.crt');
  writeFileSync(ext, 'subjectAltName=DNS:other.invalid\nextendedKeyUsage=serverAuth\n');
  execFileSync('openssl', ['req', '-new', '-key', pki.serverKey, '-subj', '/CN=other.invalid', '-out', csr], { stdio: 'pipe' });
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      pki.caCert,
      '-CAkey',
      pki.caKey,
      '-set_serial',
      '4242',
      '-days',
      '30',
      '-extfile',
      ext,
      '-out',
      serverWrongNameCert,
    ],
    { stdio: 'pipe' },
  );
  return { ...pki, serverWrongNameCert, clientKeyEncrypted, keyPassphrase: TEST_KEY_PASSPHRASE };
}
