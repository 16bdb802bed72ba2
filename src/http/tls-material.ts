/**
 * Reads the client certificate, key and CA files once, checks them (readable, PEM, key matches the
 * certificate, passphrase right) and describes the certificate for the PV. Problems are SetupErrors:
 * the run cannot start, and the message never carries the passphrase or key material.
 */
import { readFileCappedSync } from '../core/read-capped.js';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { SetupError } from '../core/errors.js';
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

function readPem(file: string, what: string): string {
  let read;
  try {
    read = readFileCappedSync(file, MAX_PEM_BYTES);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new SetupError(`cannot read the ${what} file "${file}" (${code})`, `check the path given for the ${what}`);
  }
  if (read.overLimit)
    throw new SetupError(`the ${what} file "${file}" is larger than 1 MiB: not a PEM file`, `check the path given for the ${what}`);
  return read.bytes.toString('utf8');
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
      `the client certificate file "${file}" is not a PEM certificate`,
      'give a PEM file starting with -----BEGIN CERTIFICATE-----',
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
    `the private key "${keyFile}" is encrypted: give its passphrase with --passphrase-env VAR (the name of an environment variable holding it)`,
    'for example: SAS_KEY_PASS=… sas-recette run … --passphrase-env SAS_KEY_PASS (the value is never printed)',
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
        `the key file "${keyFile}" cannot be decrypted with the passphrase of ${passphraseEnv ?? 'the environment variable'}`,
        'check the passphrase (its value is never printed)',
      );
    }
    throw new SetupError(`the key file "${keyFile}" is not a readable PEM private key (${code || 'invalid'})`);
  }
}

/** Loads and checks the TLS files named in the options. `env` supplies the passphrase variable. */
export function loadTlsMaterial(opts: TlsClientOptions | undefined, env: NodeJS.ProcessEnv): TlsMaterial {
  if (!opts) return {};
  const out: TlsMaterial = {};
  if (opts.caFile) {
    out.ca = readPem(opts.caFile, 'CA');
    try {
      new X509Certificate(out.ca);
    } catch {
      throw new SetupError(`the CA file "${opts.caFile}" is not a PEM certificate`);
    }
  }
  if (opts.certFile === undefined && opts.keyFile === undefined) return out;
  if (!opts.certFile || !opts.keyFile) {
    throw new SetupError('a client certificate needs both --cert and --key', 'give both files, or neither');
  }
  let passphrase: string | undefined;
  if (opts.passphraseEnv) {
    passphrase = env[opts.passphraseEnv];
    if (passphrase === undefined) {
      throw new SetupError(`the environment variable ${opts.passphraseEnv} (key passphrase) is not set`);
    }
  }
  out.cert = readPem(opts.certFile, 'client certificate');
  out.key = readPem(opts.keyFile, 'client key');
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
        ? `the key "${opts.keyFile}" does not belong to the certificate "${opts.certFile}"`
        : `the client certificate "${opts.certFile}" and key "${opts.keyFile}" cannot be used together (${code || 'invalid'})`,
    );
  }
  return out;
}
