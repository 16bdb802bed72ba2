/**
 * What the transport checks receive: the run's kind environment (base URL, client, HTTP options,
 * JDD) plus what only they need (the negative certificates of the tls-profile, the IG definitions for
 * the CapabilityStatement comparison). Kept apart from the run's KindEnv so that contract stays small.
 */
import { findingsOf, type Finding, type Message } from '../core/findings.js';
import type { DefinitionIndex } from '../fhir/packages/types.js';
import type { KindEnv } from '../cahier/kinds.js';
import type { Exchange, LatencySample } from '../core/model.js';
import type { TlsProfile } from './tls-profile.js';

export interface TransportDeps {
  /** Negative client certificates and the expected CN/OU (from `--tls-profile`). */
  tlsProfile?: TlsProfile;
  /** IG definitions (CapabilityStatements of the IG); absent → the comparison is "not checked". */
  definitions?: DefinitionIndex;
  /**
   * Makes a throw-away certificate from an unknown CA when the profile gives none (needs openssl).
   * Returns undefined when it cannot. Tests and the CLI pass the default; injectable for tests.
   */
  untrustedCertificate?: () => Promise<{ certFile: string; keyFile: string; cleanup: () => Promise<void> } | undefined>;
}

export type TransportContext = KindEnv & TransportDeps;

export interface TransportOutcome {
  findings: Finding[];
  exchanges: Exchange[];
  latency?: LatencySample[];
  /** A prerequisite of the tool is missing (no client certificate configured…): skipped. */
  skip?: Message;
  /** The case does not apply to this run (plain HTTP for a TLS case, no JDD entry): not-applicable. */
  notApplicable?: Message;
  /** The endpoint could not be judged for a reason of the run (deadline reached, base URL serving no search): error. */
  harnessFault?: Message;
}

/** A kind asked to stop (`KindEnv.signal`: run deadline, endpoint not answering) before its first request. */
export const STOPPED_BEFORE_SENDING: Message = {
  fr: "non envoyé : la recette a cessé d'envoyer des requêtes (échéance atteinte ou point d'accès muet)",
  en: 'not sent: the run stopped sending requests (deadline reached or endpoint not answering)',
};

/** A transport finding (source 'transport'). */
export const tfinding = findingsOf('transport');

/** Case requirements plus the check's own, without duplicates. */
export function reqs(caseRequirements: readonly string[], own: readonly string[]): string[] {
  return [...new Set([...own, ...caseRequirements])];
}
