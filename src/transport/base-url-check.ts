/**
 * Does the base URL serve the FHIR search at all? The plain reference search of a use case (one JDD
 * entry), sent once per run client and shared by whoever asks (the pre-flight check, the error-contract
 * and CapabilityStatement cases), and its reading: a 404 on the search path means the base URL serves
 * no FHIR search (typically the URL lacks its `/fhir`), so a 404 with an OperationOutcome on the
 * invalid probes is not a refusal, and a missing [base]/metadata is not just "no statement".
 */
import { finding, type Finding, type Message } from '../core/findings.js';
import type { UseCase } from '../core/model.js';
import type { HttpClient, SentExchange } from '../http/types.js';
import type { TransportContext } from './context.js';
import { baseOf, plainCase, referenceRequest } from './reference-request.js';

/** Per run client (one per run): reference-search URL → its answer, sent once. */
const sentByClient = new WeakMap<HttpClient, Map<string, Promise<SentExchange>>>();

/** The plain reference search of the use case, sent once per client; undefined when no JDD can build it. */
export function plainReferenceSearch(
  useCase: UseCase,
  ctx: Pick<TransportContext, 'client' | 'jdd' | 'now' | 'baseUrl'>,
): Promise<SentExchange> | undefined {
  const req = referenceRequest(plainCase(useCase), ctx, { identifiers: 1 });
  if ('notApplicable' in req) return undefined;
  let sent = sentByClient.get(ctx.client);
  if (!sent) sentByClient.set(ctx.client, (sent = new Map()));
  let pending = sent.get(req.url);
  if (!pending) {
    pending = ctx.client.send({ url: req.url, headers: req.headers, label: 'reference search (base URL check)' });
    sent.set(req.url, pending);
  }
  return pending;
}

/** The search path answers 404: nothing at this base URL serves the FHIR search. */
export function servesNoSearch(search: SentExchange | undefined): boolean {
  return search?.exchange.response?.status === 404;
}

/** `/Slot?…` without the query, for messages. */
function pathOf(x: SentExchange): string {
  const url = x.exchange.request.url;
  const q = url.indexOf('?');
  return q >= 0 ? url.slice(0, q) : url;
}

function answerText(x: SentExchange): string {
  const e = x.exchange;
  if (e.response) return `HTTP ${e.response.status}`;
  return `${e.outcome}${e.error?.code ? ` ${e.error.code}` : ''}`;
}

/** `https://host` or `https://host/`: no path at all, where a FHIR base usually has one. */
function hasNoPath(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).pathname.replace(/\/+$/, '') === '';
  } catch {
    return false;
  }
}

/** Why the base URL is wrong, for a case reason, a setup note and stderr (the search answered 404). */
export function noSearchMessage(baseUrl: string, search: SentExchange, metadata?: SentExchange): Message {
  const base = baseOf({ baseUrl });
  const meta = metadata && !metadata.exchange.response?.status?.toString().startsWith('2') ? metadata : undefined;
  const hint = hasNoPath(base)
    ? {
        fr: " L'URL n'a pas de chemin : la base FHIR est souvent sous /fhir.",
        en: ' The URL has no path: the FHIR base is often under /fhir.',
      }
    : { fr: '', en: '' };
  return {
    fr: `l'URL de base ne sert aucune recherche FHIR : GET ${pathOf(search)} répond ${answerText(search)}${meta ? ` et GET ${base}/metadata répond ${answerText(meta)} (pas de CapabilityStatement)` : ''}. Vérifier --base-url (il lui manque peut-être le chemin de la base FHIR).${hint.fr}`,
    en: `the base URL serves no FHIR search: GET ${pathOf(search)} answers ${answerText(search)}${meta ? ` and GET ${base}/metadata answers ${answerText(meta)} (no CapabilityStatement)` : ''}. Check --base-url (it may lack the path of the FHIR base).${hint.en}`,
  };
}

/** The reference search got no HTTP answer at all (time-out, refused, TLS…). */
export function noAnswerMessage(search: SentExchange, timeoutMs: number | undefined): Message {
  const what = answerText(search);
  const limit =
    search.exchange.outcome === 'timeout' && timeoutMs ? { fr: ` en ${timeoutMs} ms`, en: ` within ${timeoutMs} ms` } : { fr: '', en: '' };
  return {
    fr: `vérification préalable : GET ${pathOf(search)} n'a pas eu de réponse${limit.fr} (${what}) ; les cas qui interrogent le point d'accès finiront probablement en erreur`,
    en: `pre-flight check: GET ${pathOf(search)} got no answer${limit.en} (${what}); the cases that call the endpoint will probably end in error`,
  };
}

/**
 * The finding a case ends on when the base URL serves no FHIR search: a fault of the run's set-up, not
 * of the answers, so the case is `error` (the endpoint could not be judged), never a pass or a failure.
 */
export function baseUrlFinding(why: Message, requirements: string[]): Finding {
  return finding('error', 'RUN-BASE-URL', 'setup', 'HTTP.status', why, { requirements });
}
