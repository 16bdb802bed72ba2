/**
 * Which case kinds `rejudge` can play again from a recording, and why the others are carried over.
 * A kind is replayable when its only I/O is the run's client (`KindEnv.client`): a replay client
 * (src/http/replay-client.ts) then gives it the recorded answers and the kind judges them with today's
 * code. Established by reading each kind:
 * - search (src/run/search-case.ts): one search over env.client, plus the plain reference search over
 *   the same client when a 404 needs it (src/transport/base-url-check.ts);
 * - capability-statement (src/transport/capability.ts): [base]/metadata and the plain search, env.client;
 * - error-contract (src/transport/error-contract.ts): its probes and the plain search, env.client;
 * - sso-attestation (src/flows/sso/attestation.ts): the slot search that finds a booking link, env.client
 *   (always skipped: a reviewer's attestation).
 * The others make their own connections or measure what only the wire shows, so their verdict is a
 * fact of the day of the run: it is kept, with the reason below.
 */
import type { Message } from '../../core/findings.js';

export const REPLAYABLE_KINDS: ReadonlySet<string> = new Set(['search', 'capability-statement', 'error-contract', 'sso-attestation']);

const TLS: Message = {
  fr: 'non re-mesurable hors ligne\u00a0: poignées de main TLS et certificats client',
  en: 'not re-measurable offline: TLS handshakes and client certificates',
};

/** Why each kind that is not replayable keeps its verdict. */
const CARRIED_REASONS: Record<string, Message> = {
  'mtls-accepted': TLS,
  'mtls-refused': TLS,
  'tls-versions': {
    fr: 'non re-mesurable hors ligne\u00a0: versions TLS négociées (sondes TLS)',
    en: 'not re-measurable offline: TLS versions negotiated (TLS probes)',
  },
  latency: { fr: 'non re-mesurable hors ligne\u00a0: latence', en: 'not re-measurable offline: latency' },
  'regulator-account': {
    fr: 'non rejouable hors ligne\u00a0: comptes régulateurs créés sur le point d’accès avec des identifiants neufs (flux V1)',
    en: 'not replayable offline: regulator accounts created on the endpoint with fresh identifiers (flux V1)',
  },
  'regulator-cleanup': {
    fr: 'non rejouable hors ligne\u00a0: désactivation des comptes régulateurs créés par la recette (flux V1)',
    en: 'not replayable offline: deactivation of the regulator accounts the run created (flux V1)',
  },
  'sso-unauthenticated': {
    fr: 'non rejouable hors ligne\u00a0: visite des liens de réservation par un navigateur sans session (flux V2)',
    en: 'not replayable offline: booking links visited by a browser without a session (flux V2)',
  },
  'appointment-receive': {
    fr: 'non rejouable hors ligne\u00a0: rendez-vous reçus du logiciel de l’éditeur (flux V3)',
    en: 'not replayable offline: appointments received from the editor’s software (flux V3)',
  },
};

/** Why a case of `kind` is carried over, or undefined when the kind is replayable. */
export function notReplayableReason(kind: string): Message | undefined {
  if (REPLAYABLE_KINDS.has(kind)) return undefined;
  return (
    CARRIED_REASONS[kind] ?? {
      fr: `non rejouable hors ligne\u00a0: le type de cas «\u00a0${kind}\u00a0» n’est pas connu pour rejouer ses échanges`,
      en: `not replayable offline: case kind "${kind}" is not known to replay its exchanges`,
    }
  );
}
