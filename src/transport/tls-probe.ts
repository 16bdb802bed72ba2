/**
 * One TLS handshake pinned to one protocol version (tls.connect with min = max), offering legacy
 * suites with `DEFAULT@SECLEVEL=0` — without it OpenSSL 3 refuses TLS 1.0/1.1 locally and the probe
 * would prove nothing. Errors raised by our own side are told apart from a refusal by the server.
 */
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../core/model.js';
import { readTlsFacts } from '../http/tls-facts.js';
import type { TlsMaterial } from '../http/tls-material.js';
import type { TlsVersion } from '../http/types.js';
import { monotonicMs } from '../core/clock.js';

export type ProbeStatus = 'accepted' | 'refused' | 'not-testable' | 'unreachable';

export interface ProbeResult {
  version: TlsVersion;
  status: ProbeStatus;
  protocol?: string;
  cipher?: string;
  code?: string;
  message?: string;
  exchange: Exchange;
}

export const LEGACY_CIPHERS = 'DEFAULT@SECLEVEL=0';

/** Errors of our own TLS stack (nothing proves the server refused). */
const LOCAL_CODES = new Set([
  'ERR_TLS_INVALID_PROTOCOL_VERSION',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_NO_CIPHERS_AVAILABLE',
  'ERR_SSL_NO_SUITABLE_SIGNATURE_ALGORITHM',
  'ERR_SSL_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED',
  'ERR_SSL_DH_KEY_TOO_SMALL',
  'ERR_SSL_EE_KEY_TOO_SMALL',
  'ERR_SSL_CA_MD_TOO_WEAK',
  'ERR_SSL_CA_KEY_TOO_SMALL',
  'ERR_OSSL_EVP_UNSUPPORTED',
]);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'PROBE_TIMEOUT']);

/** Pure: the status an error code stands for in a pinned-version probe. */
export function probeStatusOf(code: string | undefined): Exclude<ProbeStatus, 'accepted'> {
  if (code === undefined) return 'refused';
  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  if (LOCAL_CODES.has(code)) return 'not-testable';
  // A TLS alert received from the server, a reset, a close or a wrong version record: the server
  // did not complete a handshake at this version.
  return 'refused';
}

export interface ProbeTarget {
  host: string;
  port: number;
  servername?: string;
}

export function probeTlsVersion(
  target: ProbeTarget,
  version: TlsVersion,
  material: TlsMaterial,
  opts: { timeoutMs: number; ciphers?: string },
): Promise<ProbeResult> {
  const startedAt = new Date().toISOString();
  const t0 = monotonicMs();
  const label = `tls-probe ${version}`;
  const url = `tls://${target.host}:${target.port}`;
  const finish = (status: ProbeStatus, extra: Partial<ProbeResult>, socket?: TLSSocket): ProbeResult => {
    const exchange: Exchange = {
      id: randomUUID(),
      label,
      request: { method: 'TLS', url, headers: { 'tls-version': version, ciphers: opts.ciphers ?? LEGACY_CIPHERS } },
      outcome:
        status === 'accepted' ? 'ok' : status === 'unreachable' ? (extra.code === 'PROBE_TIMEOUT' ? 'timeout' : 'refused') : 'tls-error',
      ...(extra.code || extra.message ? { error: { ...(extra.code ? { code: extra.code } : {}), message: extra.message ?? '' } } : {}),
      startedAt,
      timings: { totalMs: Math.round((monotonicMs() - t0) * 10) / 10 },
      ...(socket ? { tls: readTlsFacts(socket, material.clientCert) } : {}),
    };
    return { version, status, ...extra, exchange };
  };
  return new Promise((resolvePromise) => {
    let done = false;
    const settle = (r: ProbeResult): void => {
      if (done) return;
      done = true;
      resolvePromise(r);
    };
    const options: ConnectionOptions = {
      host: target.host,
      port: target.port,
      servername: target.servername,
      minVersion: version,
      maxVersion: version,
      ciphers: opts.ciphers ?? LEGACY_CIPHERS,
      // The probe asks "which versions does the server accept", not "is its certificate valid"
      // (the mTLS checks and every HTTP request verify it).
      rejectUnauthorized: false,
      ...(material.cert ? { cert: material.cert, key: material.key, passphrase: material.passphrase } : {}),
      ...(material.ca ? { ca: material.ca } : {}),
    };
    let socket: TLSSocket;
    try {
      socket = connect(options);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      settle(finish('not-testable', { code: e.code, message: e.message }));
      return;
    }
    const timer = setTimeout(() => {
      settle(finish('unreachable', { code: 'PROBE_TIMEOUT', message: `no TLS handshake within ${opts.timeoutMs} ms` }));
      socket.destroy();
    }, opts.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      settle(finish('accepted', { protocol: socket.getProtocol() ?? undefined, cipher: socket.getCipher()?.name }, socket));
      socket.end();
      socket.destroy();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      settle(finish(probeStatusOf(err.code), { code: err.code, message: err.message.split('\n')[0] }));
      socket.destroy();
    });
    socket.once('close', () => {
      clearTimeout(timer);
      settle(finish('refused', { code: 'CLOSED', message: 'connection closed before the handshake completed' }));
    });
  });
}
