/**
 * The certificates of a PEM file (a client certificate with its intermediates, a CA bundle), their
 * subject fields, and whether a certificate chains to one of a set of CAs. Node's X509Certificate
 * reads one certificate and has no path building outside a handshake, so the walk is written here:
 * issuer by issuer (name and signature), through the intermediates the file carries, up to a CA given.
 */
import { X509Certificate } from 'node:crypto';
import { SetupError } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import { readPemFile } from '../core/read-pem.js';

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM file, in order; a SetupError naming the file when it has none or cannot be read. */
export function readCertificates(file: string, what: Message): X509Certificate[] {
  const text = readPemFile(file, what).toString('utf8');
  const blocks = text.match(PEM_CERT) ?? [];
  const certs: X509Certificate[] = [];
  for (const block of blocks) {
    try {
      certs.push(new X509Certificate(block));
    } catch {
      // a damaged block: said below when nothing usable is left
    }
  }
  if (certs.length === 0)
    throw new SetupError(
      {
        fr: `le fichier ${file} (${what.fr}) ne contient aucun certificat PEM lisible`,
        en: `the file ${file} (${what.en}) holds no readable PEM certificate`,
      },
      {
        fr: 'donner un fichier PEM qui commence par -----BEGIN CERTIFICATE-----',
        en: 'give a PEM file starting with -----BEGIN CERTIFICATE-----',
      },
    );
  return certs;
}

/** The values of one attribute of a subject (`CN`, `OU`: an OU may appear several times). */
export function subjectValues(subject: string, attribute: string): string[] {
  return subject
    .split('\n')
    .map((line) => /^([^=]+)=(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1].trim().toUpperCase() === attribute)
    .map((m) => m[2]);
}

function issues(issuer: X509Certificate, cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * True when `leaf` is one of `cas` or is signed, directly or through `intermediates`, by one of them
 * (at most 8 links: a longer chain is not a real one).
 */
export function chainsTo(leaf: X509Certificate, intermediates: readonly X509Certificate[], cas: readonly X509Certificate[]): boolean {
  let current = leaf;
  for (let depth = 0; depth < 8; depth += 1) {
    if (cas.some((ca) => ca.fingerprint256 === current.fingerprint256 || issues(ca, current))) return true;
    const next = intermediates.find((c) => c.fingerprint256 !== current.fingerprint256 && issues(c, current));
    if (!next) return false;
    current = next;
  }
  return false;
}
