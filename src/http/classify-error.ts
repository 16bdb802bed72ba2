/**
 * Maps what undici / Node / OpenSSL throw to the outcome vocabulary of the evidence. Pure.
 * An answer that arrived but is not usable HTTP (undici's HeadersOverflowError, llhttp's HPE_* parser
 * errors, its "bad response" socket error) is the endpoint's fault: `bad-response`, with the first
 * bytes received as evidence — never `other`, which means the request could not be sent.
 */
import type { TransportOutcome } from '../core/model.js';
import { showBytes } from './show-bytes.js';
import type { FailureKind } from './types.js';
import type { Received } from './wire-tap.js';

export interface ClassifiedError {
  outcome: TransportOutcome;
  kind: FailureKind;
  code?: string;
  message: string;
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
/** Other X.509 verification results Node reports as error codes (server certificate unusable). */
const CERT_OTHER = new Set([
  'CERT_REVOKED',
  'CERT_REJECTED',
  'INVALID_PURPOSE',
  'INVALID_CA',
  'CERT_CHAIN_TOO_LONG',
  'PATH_LENGTH_EXCEEDED',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
]);
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

const KIND_TO_OUTCOME: Record<FailureKind, TransportOutcome> = {
  timeout: 'timeout',
  refused: 'refused',
  reset: 'reset',
  closed: 'closed',
  dns: 'dns',
  'too-large': 'too-large',
  'bad-response': 'bad-response',
  'tls-alert': 'tls-error',
  'tls-unknown-ca': 'tls-error',
  'tls-expired': 'tls-error',
  'tls-name-mismatch': 'tls-error',
  'tls-other': 'tls-error',
  other: 'other',
};

/** Reads the innermost meaningful error (undici sometimes wraps the socket error in `cause`). */
function innermost(err: unknown): { code?: string; message: string; name?: string; data?: string } {
  let e = err as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; data?: unknown } | undefined;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    if (typeof e.code === 'string' || !e.cause) break;
    e = e.cause as typeof e;
  }
  if (!e || typeof e !== 'object') return { message: String(err) };
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    message: typeof e.message === 'string' ? e.message : String(e),
    name: typeof e.name === 'string' ? e.name : undefined,
    // HTTPParserError: the bytes from where parsing failed (decoded by undici as UTF-8).
    data: typeof e.data === 'string' ? e.data : undefined,
  };
}

/** Undici's SocketError messages for an answer the parser rejected (client-h1.js). */
const BAD_SOCKET_MESSAGES = new Set(['bad response', 'bad upgrade']);

export function kindOfCode(code: string | undefined, name: string | undefined, message?: string): FailureKind {
  if (name === 'TimeoutError' || (code !== undefined && TIMEOUT.has(code))) return 'timeout';
  if (code === undefined) return name === 'HTTPParserError' ? 'bad-response' : 'other';
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return 'too-large';
  // The answer ended before its announced length: a close while reading it.
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || code === 'HPE_INVALID_EOF_STATE') return 'closed';
  if (code === 'UND_ERR_HEADERS_OVERFLOW' || code.startsWith('HPE_')) return 'bad-response';
  if (code === 'UND_ERR_SOCKET' && message !== undefined && BAD_SOCKET_MESSAGES.has(message)) return 'bad-response';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NODATA') return 'dns';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return 'closed';
  if (UNKNOWN_CA.has(code)) return 'tls-unknown-ca';
  if (EXPIRED.has(code)) return 'tls-expired';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'tls-name-mismatch';
  if (/^ERR_SSL_.*ALERT/.test(code)) return 'tls-alert';
  if (CERT_OTHER.has(code) || /^ERR_SSL_|^ERR_TLS_|^EPROTO$/.test(code)) return 'tls-other';
  return 'other';
}

/** Bytes of a broken answer shown in its message. */
export const EVIDENCE_BYTES = 160;

function badResponseMessage(inner: ReturnType<typeof innermost>, received: Received | undefined, maxHeaderBytes: number): string {
  const what =
    inner.code === 'UND_ERR_HEADERS_OVERFLOW'
      ? `the response headers exceed the ${maxHeaderBytes}-byte limit`
      : inner.message || 'the answer is not valid HTTP/1.1';
  if (received) return `${what}; received ${showBytes(received.head, EVIDENCE_BYTES, received.total)}`;
  if (inner.data !== undefined)
    return `${what}; bytes where parsing stopped: ${showBytes(Buffer.from(inner.data, 'utf8'), EVIDENCE_BYTES)}`;
  return what;
}

export interface ClassifyContext {
  /** Whether the request's own deadline fired, and its value in ms. */
  hit: boolean;
  ms: number;
  /** What the connection received before failing (wire-tap.ts), for the evidence. */
  received?: Received;
  /** The header size limit of the dispatcher (dispatcher.ts). */
  maxHeaderBytes?: number;
}

/**
 * When the request's own deadline fired, the error is a timeout whatever undici reports (an aborted
 * request surfaces as the abort reason).
 */
export function classifyError(err: unknown, ctx: ClassifyContext): ClassifiedError {
  const inner = innermost(err);
  let kind = kindOfCode(inner.code, inner.name, inner.message);
  if (ctx.hit && (kind === 'other' || inner.name === 'AbortError' || inner.code === 'UND_ERR_ABORTED')) kind = 'timeout';
  const message =
    kind === 'timeout' && ctx.hit
      ? `no complete response within ${ctx.ms} ms (${inner.code ?? inner.name ?? 'deadline'})`
      : kind === 'bad-response'
        ? badResponseMessage(inner, ctx.received, ctx.maxHeaderBytes ?? 16 * 1024)
        : inner.message;
  // Undici leaves an HTTPParserError without code when llhttp's error number has no name: use the
  // error family's own id then.
  const code =
    inner.code ?? (kind === 'timeout' ? 'DEADLINE_EXCEEDED' : inner.name === 'HTTPParserError' ? 'UND_ERR_HTTP_PARSER' : undefined);
  return { outcome: KIND_TO_OUTCOME[kind], kind, code, message };
}
