/**
 * The HTTP client of a run, on undici: one dispatcher per client, a hard deadline per request
 * (AbortSignal.timeout), latency measured with monotonicMs(), a body cap, no silent redirect, and
 * every exchange returned as redacted evidence. `send` never throws.
 */
import { request, type Dispatcher } from 'undici';
import { createHash, randomUUID } from 'node:crypto';
import type { Exchange } from '../core/model.js';
import { TOOL_VERSION } from '../core/version.js';
import { classifyError } from './classify-error.js';
import { compressedBody, type CompressedBody } from './content-encoding.js';
import { createDispatcher, MAX_HEADER_BYTES, originKey } from './dispatcher.js';
import { redactHeaders, redactUrl } from './redact.js';
import { loadTlsMaterial } from './tls-material.js';
import type { FailureKind, HttpClient, HttpClientOptions, SendRequest, SentExchange } from './types.js';
import { receivedBefore } from './wire-tap.js';
import { monotonicMs } from '../core/clock.js';

export const DEFAULT_TIMEOUT_MS = 7000;
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
/**
 * Bytes of each body recorded as evidence, kept in memory until the run is written: 4 MiB holds a real SAS
 * answer whole (25 practitioners over 48 h are about 2 MB), which `rejudge` needs to judge it again
 * (reports keep a 64 KiB excerpt, the evidence file the rest: src/report/evidence-files.ts). An answer
 * above it is recorded cut, and `rejudge` carries its case over saying so.
 */
export const DEFAULT_EVIDENCE_BODY_BYTES = 4 * 1024 * 1024;
/**
 * What one client records whole over all its answers; past it, each body is recorded cut to
 * EVIDENCE_EXCERPT_BYTES. A hostile endpoint answering 20 MB to each of a hundred searches would
 * otherwise keep gigabytes in memory. Measured on the demo with its huge-body defect (every search answers
 * 200 MB): peak RSS 1.8 GB without a budget, 0.86 GB with this one, 0.69 GB with 32 MiB, 0.47 GB with
 * excerpts only.
 */
export const DEFAULT_EVIDENCE_BUDGET_BYTES = 64 * 1024 * 1024;
export const EVIDENCE_EXCERPT_BYTES = 256 * 1024;

class BodyTooLarge extends Error {
  readonly code = 'UND_ERR_RES_EXCEEDED_MAX_SIZE';
}

interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  chunks: Buffer[];
  bytes: number;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * The response as evidence. A compressed body (never inflated) is shown as a marked hex prefix, so
 * binary never reaches a report; `compressed` then says why it cannot be read. `text` decodes the
 * whole body once, when first asked: an untruncated excerpt is that text, and the many samples of a
 * latency series never need it.
 */
function responseEvidence(
  got: Received,
  evidenceBytes: number,
  acceptEncoding: string | undefined,
): { response: NonNullable<Exchange['response']>; text: () => string; compressed?: CompressedBody } {
  const full = Buffer.concat(got.chunks, got.bytes);
  const compressed = compressedBody(got.headers, acceptEncoding, full);
  const truncated = full.length > evidenceBytes;
  let decoded: string | undefined;
  const text = (): string => (decoded ??= new TextDecoder('utf-8').decode(full));
  return {
    text,
    ...(compressed ? { compressed } : {}),
    response: {
      status: got.status,
      headers: redactHeaders(got.headers),
      body: compressed ? compressed.excerpt : truncated ? new TextDecoder('utf-8').decode(full.subarray(0, evidenceBytes)) : text(),
      bodyBytes: full.length,
      truncated,
      sha256: createHash('sha256').update(full).digest('hex'),
    },
  };
}

/**
 * Creates a client. Reads and checks the certificate files now: unreadable files, a key that does not
 * match, a wrong or missing passphrase → SetupError (exit 2), never a secret in the message.
 */
export function createHttpClient(opts: HttpClientOptions = {}): HttpClient {
  const env = opts.env ?? process.env;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const evidenceBytes = opts.evidenceBodyBytes ?? DEFAULT_EVIDENCE_BODY_BYTES;
  const evidenceBudget = opts.evidenceBudgetBytes ?? DEFAULT_EVIDENCE_BUDGET_BYTES;
  let recorded = 0;
  /** This answer's evidence limit: whole (up to evidenceBytes) while the budget lasts, then an excerpt. */
  const evidenceLimit = (): number => (recorded < evidenceBudget ? evidenceBytes : Math.min(evidenceBytes, EVIDENCE_EXCERPT_BYTES));
  const record = (r: NonNullable<Exchange['response']>): NonNullable<Exchange['response']> => {
    recorded += Buffer.byteLength(r.body);
    return r;
  };
  const material = loadTlsMaterial(opts.tls, env);
  const { dispatcher, handshakes } = createDispatcher(material, opts.tls, env, maxBodyBytes);

  async function send(req: SendRequest): Promise<SentExchange> {
    const method = req.method ?? 'GET';
    const headers = requestHeaders(opts.userAgent, req.headers);
    const startedAt = new Date().toISOString();
    const base: Omit<Exchange, 'outcome' | 'timings'> = {
      id: randomUUID(),
      ...(req.label ? { label: req.label } : {}),
      request: {
        method,
        url: redactUrl(req.url),
        headers: redactHeaders(headers),
        // the payloads sas-recette sends are its own FHIR resources (fictitious identities), never secrets
        ...(method !== 'GET' && req.body !== undefined ? { body: req.body } : {}),
      },
      startedAt,
    };
    let origin = '';
    try {
      const u = new URL(req.url);
      origin = originKey(u.protocol, u.hostname, u.port);
    } catch (err) {
      return {
        exchange: {
          ...base,
          outcome: 'other',
          error: { code: 'ERR_INVALID_URL', message: (err as Error).message },
          timings: { totalMs: 0 },
        },
        failure: 'other',
      };
    }
    const seqBefore = handshakes.seq(origin);
    const signal = AbortSignal.timeout(timeoutMs);
    const t0 = monotonicMs();
    let ttfbMs: number | undefined;
    let got: Received | undefined;
    try {
      const res = await request(req.url, {
        method,
        headers,
        body: method === 'GET' ? undefined : req.body,
        dispatcher: dispatcher as Dispatcher,
        signal,
      });
      ttfbMs = monotonicMs() - t0;
      got = { status: res.statusCode, headers: res.headers, chunks: [], bytes: 0 };
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        res.body.destroy();
        throw new BodyTooLarge(`the response declares ${declared} bytes, above the ${maxBodyBytes}-byte cap`);
      }
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        got.bytes += buf.length;
        if (got.bytes > maxBodyBytes) {
          res.body.destroy();
          throw new BodyTooLarge(`the response body exceeds the ${maxBodyBytes}-byte cap`);
        }
        got.chunks.push(buf);
      }
      const totalMs = monotonicMs() - t0;
      const { response, text, compressed } = responseEvidence(got, evidenceLimit(), headers['accept-encoding']);
      record(response);
      const tls = handshakes.facts(origin);
      return {
        exchange: {
          ...base,
          response,
          outcome: 'ok',
          timings: { totalMs: round(totalMs), ttfbMs: round(ttfbMs) },
          ...(tls ? { tls } : {}),
        },
        get fullBody() {
          return text();
        },
        ...(compressed ? { bodyProblem: compressed.problem } : {}),
      };
    } catch (err) {
      const totalMs = monotonicMs() - t0;
      const c =
        err instanceof BodyTooLarge
          ? { outcome: 'too-large' as const, kind: 'too-large' as FailureKind, code: err.code, message: err.message }
          : classifyError(err, { hit: signal.aborted, ms: timeoutMs, received: receivedBefore(err), maxHeaderBytes: MAX_HEADER_BYTES });
      const message =
        c.kind === 'too-large' && !(err instanceof BodyTooLarge) ? `the response body exceeds the ${maxBodyBytes}-byte cap` : c.message;
      // TLS facts only when this request made a new handshake (e.g. TLS 1.3 then closed by the server).
      const tls = handshakes.seq(origin) > seqBefore ? handshakes.facts(origin) : undefined;
      const exchange: Exchange = {
        ...base,
        outcome: c.outcome,
        error: { ...(c.code ? { code: c.code } : {}), message },
        timings: { totalMs: round(totalMs), ...(ttfbMs !== undefined ? { ttfbMs: round(ttfbMs) } : {}) },
        ...(got ? { response: record(responseEvidence(got, evidenceLimit(), headers['accept-encoding']).response) } : {}),
        ...(tls ? { tls } : {}),
      };
      return { exchange, failure: c.kind };
    }
  }

  return {
    send,
    ...(material.clientCert ? { clientCert: material.clientCert } : {}),
    close: async () => {
      await dispatcher.close();
    },
  };
}

/**
 * The headers a request is sent with: `user-agent` first (the tool and its version unless the client was
 * given another), then the request's own with lower-case names. Exported for the dry run, which prints them.
 */
export function requestHeaders(userAgent: string | undefined, own: Record<string, string> = {}): Record<string, string> {
  return { 'user-agent': userAgent ?? `sas-recette/${TOOL_VERSION}`, ...lowerKeys(own) };
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}
