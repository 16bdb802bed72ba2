/**
 * Reads the client certificate, key and CA files once, checks them (readable, PEM, key matches the
 * certificate, passphrase right) and describes the certificate for the PV. Problems are SetupErrors:
 * the run cannot start, and the message never carries the passphrase or key material.
 */
import { readFileCappedSync } from '../core/read-capped.js';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { SetupError } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import type { ClientCertInfo, TlsClientOptions } from './types.js';

export interface TlsMaterial {
  cert?: string;
  key?: string;
  passphrase?: string;
  ca?: string;
  clientCert?: ClientCertInfo;
}

/** A PEM file of certificates or a key is a few KiB; a CA bundle a few hundred. */
const MAX_PEM_BYTES = 1024 * 1024;

/** `what`: the file's role; its French form follows « le fichier » (« du certificat client »). */
function readPem(file: string, what: Message): string {
  let read;
  try {
    read = readFileCappedSync(file, MAX_PEM_BYTES);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new SetupError(
      {
        fr: `impossible de lire le fichier ${what.fr} «\u00a0${file}\u00a0» (${code})`,
        en: `cannot read the ${what.en} file "${file}" (${code})`,
      },
      checkPath(what),
    );
  }
  if (read.overLimit)
    throw new SetupError(
      {
        fr: `le fichier ${what.fr} «\u00a0${file}\u00a0» dépasse 1\u00a0Mio\u00a0: ce n'est pas un fichier PEM`,
        en: `the ${what.en} file "${file}" is larger than 1 MiB: not a PEM file`,
      },
      checkPath(what),
    );
  return read.bytes.toString('utf8');
}

function checkPath(what: Message): Message {
  return { fr: `vérifier le chemin indiqué pour le fichier ${what.fr}`, en: `check the path given for the ${what.en}` };
}

/** One line `CN=…, OU=…` from Node's multi-line subject string. */
export function oneLineDn(dn: string): string {
  return dn
    .split('\n')
    .filter((s) => s.length > 0)
    .join(', ');
}

export function describeCertificate(pem: string, file: string): ClientCertInfo {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch {
    throw new SetupError(
      {
        fr: `le fichier du certificat client «\u00a0${file}\u00a0» n'est pas un certificat PEM`,
        en: `the client certificate file "${file}" is not a PEM certificate`,
      },
      {
        fr: 'donner un fichier PEM qui commence par -----BEGIN CERTIFICATE-----',
        en: 'give a PEM file starting with -----BEGIN CERTIFICATE-----',
      },
    );
  }
  return {
    subject: oneLineDn(x509.subject),
    issuer: oneLineDn(x509.issuer),
    serialNumber: x509.serialNumber,
    validTo: new Date(x509.validTo).toISOString(),
    fingerprint256: x509.fingerprint256,
  };
}

/**
 * True for an encrypted PEM private key: PKCS#8 `ENCRYPTED PRIVATE KEY`, or a traditional
 * `RSA / EC / DSA PRIVATE KEY` block with `Proc-Type: 4,ENCRYPTED` (any line endings).
 */
export function isEncryptedPemKey(pem: string): boolean {
  return (
    /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem) ||
    /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----\r?\n\s*Proc-Type:\s*4,\s*ENCRYPTED/i.test(pem)
  );
}

function encryptedWithoutPassphrase(keyFile: string): SetupError {
  return new SetupError(
    {
      fr: `la clé privée «\u00a0${keyFile}\u00a0» est chiffrée\u00a0: donner sa phrase secrète avec --passphrase-env VAR (le nom d'une variable d'environnement qui la contient)`,
      en: `the private key "${keyFile}" is encrypted: give its passphrase with --passphrase-env VAR (the name of an environment variable holding it)`,
    },
    {
      fr: "par exemple\u00a0: SAS_KEY_PASS=… sas-recette run … --passphrase-env SAS_KEY_PASS (la valeur n'est jamais affichée)",
      en: 'for example: SAS_KEY_PASS=… sas-recette run … --passphrase-env SAS_KEY_PASS (the value is never printed)',
    },
  );
}

/**
 * OpenSSL 3 reports a missing passphrase as ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED (the prompt it
 * could not show was "cancelled"); older builds as ERR_MISSING_PASSPHRASE.
 */
const NO_PASSPHRASE_CODES = new Set(['ERR_MISSING_PASSPHRASE', 'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED']);

function checkKey(key: string, keyFile: string, passphrase: string | undefined, passphraseEnv: string | undefined): void {
  if (passphrase === undefined && isEncryptedPemKey(key)) throw encryptedWithoutPassphrase(keyFile);
  try {
    createPrivateKey({ key, passphrase, format: 'pem' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (passphrase === undefined && NO_PASSPHRASE_CODES.has(code)) throw encryptedWithoutPassphrase(keyFile);
    if (passphrase !== undefined && /DECRYPT|BAD_PASSWORD|bad decrypt/i.test(`${code} ${(err as Error).message}`)) {
      throw new SetupError(
        {
          fr: `la phrase secrète ${passphraseEnv ? `de ${passphraseEnv}` : "de la variable d'environnement"} ne déchiffre pas la clé «\u00a0${keyFile}\u00a0»`,
          en: `the key file "${keyFile}" cannot be decrypted with the passphrase of ${passphraseEnv ?? 'the environment variable'}`,
        },
        { fr: "vérifier la phrase secrète (sa valeur n'est jamais affichée)", en: 'check the passphrase (its value is never printed)' },
      );
    }
    throw new SetupError({
      fr: `le fichier «\u00a0${keyFile}\u00a0» n'est pas une clé privée PEM lisible (${code || 'invalide'})`,
      en: `the key file "${keyFile}" is not a readable PEM private key (${code || 'invalid'})`,
    });
  }
}

/** Loads and checks the TLS files named in the options. `env` supplies the passphrase variable. */
export function loadTlsMaterial(opts: TlsClientOptions | undefined, env: NodeJS.ProcessEnv): TlsMaterial {
  if (!opts) return {};
  const out: TlsMaterial = {};
  if (opts.caFile) {
    out.ca = readPem(opts.caFile, { fr: "de l'AC", en: 'CA' });
    try {
      new X509Certificate(out.ca);
    } catch {
      throw new SetupError({
        fr: `le fichier de l'AC «\u00a0${opts.caFile}\u00a0» n'est pas un certificat PEM`,
        en: `the CA file "${opts.caFile}" is not a PEM certificate`,
      });
    }
  }
  if (opts.certFile === undefined && opts.keyFile === undefined) return out;
  if (!opts.certFile || !opts.keyFile) {
    throw new SetupError(
      { fr: 'un certificat client demande à la fois --cert et --key', en: 'a client certificate needs both --cert and --key' },
      { fr: 'donner les deux fichiers, ou aucun', en: 'give both files, or neither' },
    );
  }
  let passphrase: string | undefined;
  if (opts.passphraseEnv) {
    passphrase = env[opts.passphraseEnv];
    if (passphrase === undefined) {
      throw new SetupError({
        fr: `la variable d'environnement ${opts.passphraseEnv} (phrase secrète de la clé) n'est pas définie`,
        en: `the environment variable ${opts.passphraseEnv} (key passphrase) is not set`,
      });
    }
  }
  out.cert = readPem(opts.certFile, { fr: 'du certificat client', en: 'client certificate' });
  out.key = readPem(opts.keyFile, { fr: 'de la clé client', en: 'client key' });
  out.passphrase = passphrase;
  out.clientCert = describeCertificate(out.cert, opts.certFile);
  checkKey(out.key, opts.keyFile, passphrase, opts.passphraseEnv);
  try {
    createSecureContext({ cert: out.cert, key: out.key, passphrase });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const mismatch = /MISMATCH/i.test(code) || /key values mismatch/i.test((err as Error).message);
    throw new SetupError(
      mismatch
        ? {
            fr: `la clé «\u00a0${opts.keyFile}\u00a0» ne correspond pas au certificat «\u00a0${opts.certFile}\u00a0»`,
            en: `the key "${opts.keyFile}" does not belong to the certificate "${opts.certFile}"`,
          }
        : {
            fr: `le certificat client «\u00a0${opts.certFile}\u00a0» et la clé «\u00a0${opts.keyFile}\u00a0» ne peuvent pas servir ensemble (${code || 'invalide'})`,
            en: `the client certificate "${opts.certFile}" and key "${opts.keyFile}" cannot be used together (${code || 'invalid'})`,
          },
    );
  }
  return out;
}
