/**
 * Reads the client certificate, key and CA files once, checks them (readable, PEM, key matches the
 * certificate, passphrase right) and describes the certificate for the PV. Problems are SetupErrors:
 * the run cannot start, and the message never carries the passphrase or key material.
 */
import { readFileSync } from 'node:fs';
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

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new SetupError(`cannot read the ${what} file "${file}" (${code})`, `check the path given for the ${what}`);
  }
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
    throw new SetupError(`the client certificate file "${file}" is not a PEM certificate`, 'give a PEM file starting with -----BEGIN CERTIFICATE-----');
  }
  return {
    subject: oneLineDn(x509.subject),
    issuer: oneLineDn(x509.issuer),
    serialNumber: x509.serialNumber,
    validTo: new Date(x509.validTo).toISOString(),
    fingerprint256: x509.fingerprint256,
  };
}

function checkKey(key: string, keyFile: string, passphrase: string | undefined, passphraseEnv: string | undefined): void {
  if (passphrase === undefined && /-----BEGIN (ENCRYPTED|RSA PRIVATE KEY-----\s*Proc-Type: 4,ENCRYPTED)/.test(key)) {
    throw new SetupError(`the key file "${keyFile}" is encrypted and no passphrase was given`, 'name the environment variable holding it with --passphrase-env <VAR>');
  }
  try {
    createPrivateKey({ key, passphrase, format: 'pem' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'ERR_MISSING_PASSPHRASE') {
      throw new SetupError(`the key file "${keyFile}" is encrypted and no passphrase was given`, 'name the environment variable holding it with --passphrase-env <VAR>');
    }
    if (passphrase !== undefined && /DECRYPT|BAD_PASSWORD|bad decrypt/i.test(`${code} ${(err as Error).message}`)) {
      throw new SetupError(`the key file "${keyFile}" cannot be decrypted with the passphrase of ${passphraseEnv ?? 'the environment variable'}`, 'check the passphrase (its value is never printed)');
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
