/**
 * The pre-flight check of a connected run, before the first case: GET [base]/metadata and the plain
 * reference search of the first use case, side by side (two requests, one time-out at most). It says
 * first, on stderr and in the run's notes, what would otherwise hide behind many case verdicts: a base
 * URL that serves no FHIR search (the search path answers 404; the URL probably lacks its `/fhir`), or
 * an endpoint that does not answer at all. The reference search's answer is shared with the cases
 * that need it (error contract, CapabilityStatement), so it is not sent again.
 */
import type { Message } from '../core/findings.js';
import type { UseCase } from '../core/model.js';
import type { HttpClient, SentExchange } from '../http/types.js';
import type { Jdd } from '../jdd/types.js';
import { metadataRequest } from '../transport/capability.js';
import { noAnswerMessage, noSearchMessage, plainReferenceSearch, servesNoSearch } from '../transport/base-url-check.js';

export interface PreflightInput {
  client: HttpClient;
  baseUrl: string;
  now: Date;
  /** The per-request time-out, for messages. */
  timeoutMs?: number;
  /** The run's use cases, in plan order: the first with a JDD gives the reference search. */
  useCases: readonly UseCase[];
  jddFor(useCase: UseCase): Jdd | undefined;
}

export interface PreflightResult {
  /** What to say before the cases (empty when the base URL serves the search). */
  notes: Message[];
  /** The base URL serves no FHIR search (404 on the search path). */
  noSearch: boolean;
}

export async function preflight(p: PreflightInput): Promise<PreflightResult> {
  const useCase = p.useCases.find((u) => p.jddFor(u));
  if (!useCase) return { notes: [], noSearch: false };
  const base = p.baseUrl.replace(/\/+$/, '');
  const metadataPending: Promise<SentExchange> = p.client.send({ ...metadataRequest({ baseUrl: base }), label: 'metadata (pre-flight)' });
  const searchPending = plainReferenceSearch(useCase, { client: p.client, jdd: p.jddFor(useCase), now: p.now, baseUrl: base });
  const [metadata, search] = await Promise.all([metadataPending, searchPending]);
  if (!search) return { notes: [], noSearch: false };
  if (servesNoSearch(search)) return { notes: [noSearchMessage(base, search, metadata)], noSearch: true };
  if (!search.exchange.response) return { notes: [noAnswerMessage(search, p.timeoutMs)], noSearch: false };
  return { notes: [], noSearch: false };
}

/**
 * A run note as said on stderr: both languages, the chosen one first, on lines of its own (a blank line
 * first, so it never runs on from the console's live progress line).
 */
export function noticeText(m: Message, lang: 'fr' | 'en'): string {
  const [first, second] = lang === 'fr' ? [m.fr, m.en] : [m.en, m.fr];
  return `\nsas-recette: ${first}\n  (${second})\n`;
}
