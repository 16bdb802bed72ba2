/**
 * Contract of the HTTP client (implemented in this folder on undici). One client per run (and one per
 * client certificate for the negative mTLS checks).
 */
import type { Message } from '../core/findings.js';
import type { Exchange } from '../core/model.js';

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface TlsClientOptions {
  certFile?: string;
  keyFile?: string;
  /** Name of the environment variable holding the key passphrase (never the passphrase itself). */
  passphraseEnv?: string;
  caFile?: string;
  /** Disables server certificate verification (said loudly by the CLI). */
  insecure?: boolean;
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
  /** OpenSSL cipher list (e.g. 'DEFAULT@SECLEVEL=0' to offer legacy suites in probes). */
  ciphers?: string;
}

export interface HttpClientOptions {
  tls?: TlsClientOptions;
  /** Hard per-request deadline in ms (default 7000, the SAS budget). */
  timeoutMs?: number;
  /** Body cap in bytes (default 20 MB); above it the request is aborted. */
  maxBodyBytes?: number;
  /** Bytes of each body kept in the evidence (default 4 MiB: a real answer whole, for `rejudge`). */
  evidenceBodyBytes?: number;
  /** Bytes this client records whole over all its answers, then excerpts only (default 64 MiB: memory bound against a hostile endpoint). */
  evidenceBudgetBytes?: number;
  /**
   * Environment read for the passphrase and HTTP(S)_PROXY / NO_PROXY (default `process.env`). Tests
   * and the CLI pass `ctx.io.env`.
   */
  env?: NodeJS.ProcessEnv;
  /** `User-Agent` sent when the request does not set one (default `sas-recette/<version>`). */
  userAgent?: string;
}

export interface SendRequest {
  method?: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  label?: string;
  /** Request body (POST, PUT): kept in the evidence (sas-recette's own FHIR payloads, no secret). */
  body?: string;
}

/** Finer reading of a failed exchange than `Exchange.outcome` (kept apart so result.ts stays stable). */
export type FailureKind =
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'closed'
  | 'dns'
  | 'too-large'
  | 'bad-response' // an answer arrived that is not usable HTTP (parser error, header block over the limit)
  | 'tls-alert' // the peer sent a TLS alert (e.g. handshake_failure, unknown_ca, certificate_required)
  | 'tls-unknown-ca' // the server certificate does not chain to a trusted CA
  | 'tls-expired' // the server certificate is expired (or not yet valid)
  | 'tls-name-mismatch' // the server certificate does not cover the host name
  | 'tls-other'
  | 'other';

export interface SentExchange {
  exchange: Exchange;
  /** Full decoded body (not truncated) when received, for validation. */
  fullBody?: string;
  /** Set when `exchange.outcome` is not 'ok'. */
  failure?: FailureKind;
  /**
   * Why the body cannot be read as it is, known from the transport (a compressed body nobody asked
   * for): readers say this instead of "invalid JSON". `fullBody` then holds the raw bytes decoded.
   */
  bodyProblem?: Message;
}

/** What the client presents, for the PV's transport block (never the key). */
export interface ClientCertInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  validTo: string;
  fingerprint256: string;
}

export interface HttpClient {
  /** Never throws: every transport problem becomes an Exchange with an outcome. */
  send(req: SendRequest): Promise<SentExchange>;
  /** The configured client certificate, if any. */
  readonly clientCert?: ClientCertInfo;
  close(): Promise<void>;
}
