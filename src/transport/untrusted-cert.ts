/**
 * A client certificate from a CA nobody trusts, made on the fly with openssl, for the "other CA"
 * mTLS check when the tls-profile gives none. Undefined when openssl is missing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePki } from './make-pki.js';

export async function makeUntrustedCertificate(): Promise<{ certFile: string; keyFile: string; cleanup: () => Promise<void> } | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'sas-recette-untrusted-'));
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const pki = await makePki({ dir, cn: 'sas-recette-untrusted', ou: 'sas-recette-untrusted' });
    return { certFile: pki.clientCert, keyFile: pki.clientKey, cleanup };
  } catch {
    await cleanup();
    return undefined;
  }
}
