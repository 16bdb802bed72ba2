/**
 * Reading of one exchange sent with a client certificate the server must refuse (pure).
 * Rule (cli-and-report-practice §5.3):
 * - rejected: TLS alert, reset, connection closed before any HTTP response, or HTTP
 *   400/401/403/495/496 without FHIR resources in the body;
 * - accepted: any 2xx, or a body carrying FHIR resources (other than an OperationOutcome);
 * - inconclusive: DNS failure, connection refused, timeout, our own distrust of the server
 *   certificate, any other status.
 * The client cannot tell "wrong CA" from "expired": the raw observation is kept, no reason is claimed.
 */
import type { Message } from '../core/findings.js';
import type { SentExchange } from '../http/types.js';

export type MtlsVerdict = 'rejected' | 'accepted' | 'inconclusive';
export type MtlsChannel = 'tls-handshake' | 'connection' | 'http-status' | 'none';

export interface MtlsReading {
  verdict: MtlsVerdict;
  /** Where the decision was seen: the TLS handshake, the connection (reset/close), or the HTTP status. */
  channel: MtlsChannel;
  /** Raw observation for the PV: error code and message, or `HTTP 403`. */
  observation: string;
  explanation: Message;
}

const REJECT_STATUSES = new Set([400, 401, 403, 495, 496]);

/** True when the body parses as JSON carrying a FHIR resource other than an OperationOutcome. */
export function carriesFhirResources(body: string | undefined): boolean {
  if (!body) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  if (!parsed || typeof parsed !== 'object') return false;
  const rt = (parsed as { resourceType?: unknown }).resourceType;
  return typeof rt === 'string' && rt !== 'OperationOutcome';
}

export function classifyMtls(sent: SentExchange): MtlsReading {
  const x = sent.exchange;
  const raw = x.error ? `${x.error.code ?? 'error'}: ${x.error.message}` : x.response ? `HTTP ${x.response.status}` : x.outcome;
  const status = x.response?.status;
  if (status !== undefined) {
    const body = sent.fullBody ?? x.response?.body;
    if ((status >= 200 && status < 300) || carriesFhirResources(body)) {
      return {
        verdict: 'accepted',
        channel: 'http-status',
        observation: raw,
        explanation: {
          fr: `le serveur a répondu HTTP ${status} : la requête a été acceptée`,
          en: `the server answered HTTP ${status}: the request was accepted`,
        },
      };
    }
    if (x.outcome === 'ok' && REJECT_STATUSES.has(status)) {
      return {
        verdict: 'rejected',
        channel: 'http-status',
        observation: raw,
        explanation: { fr: `refus par le serveur HTTP (statut ${status})`, en: `refused by the HTTP server (status ${status})` },
      };
    }
  }
  switch (sent.failure) {
    case 'tls-alert':
      return {
        verdict: 'rejected',
        channel: 'tls-handshake',
        observation: raw,
        explanation: {
          fr: 'refus pendant la négociation TLS (alerte TLS du serveur)',
          en: 'refused during the TLS handshake (TLS alert from the server)',
        },
      };
    case 'reset':
    case 'closed':
      return {
        verdict: 'rejected',
        channel: 'connection',
        observation: raw,
        explanation: {
          fr: 'connexion coupée par le serveur avant toute réponse HTTP (en TLS 1.3, forme habituelle du refus d’un certificat client)',
          en: 'connection cut by the server before any HTTP response (under TLS 1.3, the usual form of a client certificate rejection)',
        },
      };
    case 'tls-unknown-ca':
    case 'tls-expired':
    case 'tls-name-mismatch':
      return {
        verdict: 'inconclusive',
        channel: 'tls-handshake',
        observation: raw,
        explanation: {
          fr: 'sas-recette n’a pas pu vérifier le certificat du serveur : le refus ne vient pas du serveur (donner --ca)',
          en: 'sas-recette could not verify the server certificate: the failure is not the server refusing (give --ca)',
        },
      };
    default:
      break;
  }
  return {
    verdict: 'inconclusive',
    channel: 'none',
    observation: raw,
    explanation: {
      fr:
        status !== undefined
          ? `statut HTTP ${status} : ni acceptation ni refus clair`
          : 'pas de négociation TLS observable (serveur injoignable, délai dépassé ou erreur locale)',
      en:
        status !== undefined
          ? `HTTP status ${status}: neither a clear acceptance nor a refusal`
          : 'no observable TLS handshake (server unreachable, deadline exceeded or local error)',
    },
  };
}
