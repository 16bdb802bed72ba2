/**
 * One request the SAS side received, written as the project's evidence record (`Exchange`): the request
 * as the editor sent it (method, URL, headers with secrets redacted, body), the answer, the timings and
 * the TLS facts of the connection, the editor's client certificate among them.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Exchange, TlsFacts, TransportOutcome } from '../../core/model.js';
import { redactHeaders, redactUrl } from '../../http/redact.js';
import { formatDn } from '../../http/tls-facts.js';
import type { Answer } from './sas-answers.js';
import { monotonicMs } from '../../core/clock.js';

/** Request bodies kept in the evidence up to this size (the whole body is judged, up to its own cap). */
export const EVIDENCE_BODY_BYTES = 256 * 1024;

/** TLS facts of the connection a request came on, with the client certificate the editor presented. */
export function connectionTls(req: IncomingMessage): TlsFacts | undefined {
  const socket = req.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function') return undefined;
  const facts: TlsFacts = {};
  const protocol = socket.getProtocol?.();
  if (protocol) facts.protocol = protocol;
  const cipher = socket.getCipher?.();
  if (cipher?.name) facts.cipher = cipher.name;
  const cert = socket.getPeerCertificate(false);
  if (cert && Object.keys(cert).length > 0) {
    const subject = formatDn(cert.subject);
    if (subject) facts.clientCertSubject = subject;
    if (cert.fingerprint256) facts.clientCertFingerprint256 = cert.fingerprint256;
  }
  return facts;
}

/** Body bytes as evidence text: UTF-8, cut at the evidence size with a note of the full size. */
export function bodyEvidence(bytes: Buffer, totalBytes = bytes.length): string {
  const cut = bytes.length > EVIDENCE_BODY_BYTES ? bytes.subarray(0, EVIDENCE_BODY_BYTES) : bytes;
  const text = new TextDecoder('utf-8').decode(cut);
  return totalBytes > cut.length ? `${text}\n[… ${totalBytes} bytes received, ${cut.length} kept]` : text;
}

export interface ReceivedRequest {
  req: IncomingMessage;
  /** The full URL as the editor addressed it (scheme and authority of this server, path and query as sent). */
  url: string;
  startedAt: string;
  startedMs: number;
  label: string;
  body?: string;
}

export function receivedExchange(
  r: ReceivedRequest,
  answer: Answer | undefined,
  outcome: TransportOutcome = 'ok',
  error?: string,
): Exchange {
  const tls = connectionTls(r.req);
  const body = answer ? Buffer.from(answer.body, 'utf8') : undefined;
  return {
    id: randomUUID(),
    label: r.label,
    request: {
      method: r.req.method ?? '?',
      url: redactUrl(r.url),
      headers: redactHeaders(r.req.headers),
      ...(r.body !== undefined ? { body: r.body } : {}),
    },
    ...(answer && body
      ? {
          response: {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
            bodyBytes: body.length,
            truncated: false,
            sha256: createHash('sha256').update(body).digest('hex'),
          },
        }
      : {}),
    outcome,
    ...(error ? { error: { message: error } } : {}),
    startedAt: r.startedAt,
    timings: { totalMs: Math.round((monotonicMs() - r.startedMs) * 10) / 10 },
    ...(tls ? { tls } : {}),
  };
}
