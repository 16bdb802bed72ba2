/**
 * Contract of the HTTP client (implemented in this folder on undici). One client per run.
 */
import type { Exchange } from '../run/result.js';

export interface TlsClientOptions {
  certFile?: string;
  keyFile?: string;
  /** Name of the environment variable holding the key passphrase (never the passphrase itself). */
  passphraseEnv?: string;
  caFile?: string;
  /** Disables server certificate verification (said loudly by the CLI). */
  insecure?: boolean;
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
}

export interface HttpClientOptions {
  tls?: TlsClientOptions;
  /** Hard per-request deadline in ms (default 7000, the SAS budget). */
  timeoutMs?: number;
  /** Body cap in bytes (default 20 MB); above it the request is aborted. */
  maxBodyBytes?: number;
  /** Evidence body excerpt limit in bytes (default 256 KiB). */
  evidenceBodyBytes?: number;
}

export interface SendRequest {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  label?: string;
}

export interface SentExchange {
  exchange: Exchange;
  /** Full decoded body (not truncated) when received, for validation. */
  fullBody?: string;
}

export interface HttpClient {
  send(req: SendRequest): Promise<SentExchange>;
  close(): Promise<void>;
}
