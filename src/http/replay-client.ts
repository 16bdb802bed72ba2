/**
 * An HttpClient that never touches the network: it answers each request from exchanges recorded by an
 * earlier run (`sas-recette rejudge`). A request is answered by the first recorded exchange not yet used
 * with the same method, URL (as recorded: redacted the same way) and body; the answer is the recorded
 * one, untouched (status, headers, body, timings, TLS facts). When the request is not in the recording,
 * or the recorded body cannot stand for the answer (cut to the evidence limit, or not the bytes whose
 * SHA-256 was recorded), the client says so in `problem` and answers with a transport failure: the
 * caller must then not trust the outcome of the case (rejudge carries the case over with that reason).
 */
import { createHash } from 'node:crypto';
import type { Message } from '../core/findings.js';
import type { Exchange, TransportOutcome } from '../core/model.js';
import { compressedBody, type CompressedBody } from './content-encoding.js';
import { redactUrl } from './redact.js';
import type { FailureKind, HttpClient, SendRequest, SentExchange } from './types.js';

export interface ReplayClient extends HttpClient {
  /** Why the recording could not answer as the endpoint did (first problem met), when it could not. */
  readonly problem: Message | undefined;
  /** Recorded exchanges used so far. */
  readonly used: number;
}

/** The finer failure kind a recorded outcome stands for (the recording keeps only the outcome). */
const FAILURE_OF: Record<Exclude<TransportOutcome, 'ok'>, FailureKind> = {
  timeout: 'timeout',
  refused: 'refused',
  reset: 'reset',
  closed: 'closed',
  'tls-error': 'tls-other',
  'too-large': 'too-large',
  dns: 'dns',
  'bad-response': 'bad-response',
  other: 'other',
};

function describe(method: string, url: string): string {
  return `${method} ${url.length > 300 ? `${url.slice(0, 300)}…` : url}`;
}

function compressionOf(x: Exchange): CompressedBody | undefined {
  const r = x.response;
  return r ? compressedBody(r.headers, x.request.headers['accept-encoding'], Buffer.alloc(0)) : undefined;
}

/** Why a recorded answer cannot stand for the endpoint's, or undefined when it can. */
export function recordedAnswerProblem(x: Exchange): Message | undefined {
  const r = x.response;
  if (!r || compressionOf(x)) return undefined; // a compressed body is never read: its excerpt stands for it
  const what = describe(x.request.method, x.request.url);
  if (r.truncated) {
    const kept = Buffer.byteLength(r.body, 'utf8');
    return {
      fr: `le corps enregistré de ${what} est tronqué (${kept} octets gardés sur ${r.bodyBytes})\u00a0: la réponse entière n'a pas été enregistrée`,
      en: `the recorded body of ${what} is cut (${kept} of ${r.bodyBytes} bytes kept): the whole answer was not recorded`,
    };
  }
  if (createHash('sha256').update(r.body, 'utf8').digest('hex') !== r.sha256) {
    return {
      fr: `le corps enregistré de ${what} ne correspond pas à son empreinte SHA-256 (modifié après la recette, secret masqué, ou octets non UTF-8)`,
      en: `the recorded body of ${what} does not match its SHA-256 (changed after the run, a secret masked, or bytes that are not UTF-8)`,
    };
  }
  return undefined;
}

/** The SentExchange the run's client gave for this recorded exchange. */
function replayed(x: Exchange): SentExchange {
  const r = x.response;
  const compressed = compressionOf(x);
  return {
    exchange: x,
    ...(r ? { fullBody: r.body } : {}),
    ...(x.outcome !== 'ok' ? { failure: FAILURE_OF[x.outcome] } : {}),
    ...(compressed ? { bodyProblem: compressed.problem } : {}),
  };
}

/** A client answering from `recorded` (one case's exchanges, in the order they were recorded). */
export function createReplayClient(recorded: readonly Exchange[]): ReplayClient {
  const used = new Set<number>();
  let problem: Message | undefined;
  const note = (m: Message): void => void (problem ??= m);

  async function send(req: SendRequest): Promise<SentExchange> {
    const method = req.method ?? 'GET';
    const url = redactUrl(req.url);
    const body = method !== 'GET' ? req.body : undefined;
    const at = recorded.findIndex(
      (x, i) => !used.has(i) && x.request.method === method && x.request.url === url && (x.request.body ?? undefined) === body,
    );
    if (at < 0) {
      const what = describe(method, url);
      note({
        fr: `la requête ${what}${body !== undefined ? ' (avec son corps)' : ''} n'est pas dans l'enregistrement du cas (requête changée depuis la recette\u00a0: JDD, cahier ou version de l'outil)`,
        en: `the request ${what}${body !== undefined ? ' (with its body)' : ''} is not in the case's recording (the request changed since the run: JDD, cahier or tool version)`,
      });
      const exchange: Exchange = {
        id: `replay-missing-${used.size}`,
        ...(req.label ? { label: req.label } : {}),
        request: { method, url, headers: {}, ...(body !== undefined ? { body } : {}) },
        outcome: 'other',
        error: { code: 'SAS_RECETTE_NOT_RECORDED', message: 'request not in the recording (offline re-judging)' },
        startedAt: new Date(0).toISOString(),
        timings: { totalMs: 0 },
      };
      return { exchange, failure: 'other' };
    }
    used.add(at);
    const x = recorded[at];
    const unusable = recordedAnswerProblem(x);
    if (unusable) note(unusable);
    return replayed(x);
  }

  return {
    send,
    get problem() {
      return problem;
    },
    get used() {
      return used.size;
    },
    close: async () => undefined,
  };
}
