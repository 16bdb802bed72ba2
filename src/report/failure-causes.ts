/**
 * Failed and errored cases grouped by their root cause, so a report says a cause once with the cases it
 * hit (an endpoint answering HTML 502 to every request fails most of the cahier for one reason). A view
 * of recorded verdicts, never a new judgement: every failed or errored case is in exactly one cause.
 *
 * The cause of one case, in this order:
 * 1. a request that got no HTTP response (time-out, refused, TLS error…): the outcome and its error code;
 * 2. an HTTP server error (5xx): its status and media type, the same for every case it hit;
 * 3. else its first deciding finding: its rule id (the message of the first case shown);
 * 4. else the reason recorded with the verdict (a run deadline, an internal error).
 */
import { isBlocking, type Message } from '../core/findings.js';
import type { CaseResult, RunResult } from '../core/model.js';
import { mediaTypeOf } from '../http/media-type.js';
import { decidingFindings, describeTransport } from './case-view.js';

export type FailureCauseKind = 'transport' | 'server-error' | 'finding' | 'reason';

export interface FailureCause {
  /** Grouping key, stable across runs (`transport:timeout:UND_ERR_HEADERS_TIMEOUT`, `http:502:text/html`, `rule:SAS-CPTS-010`). */
  key: string;
  kind: FailureCauseKind;
  /** The rule of a `finding` cause. */
  ruleId?: string;
  /** One line naming the cause (the rule's message in the first case it hit, for a `finding`). */
  label: Message;
  /** Cases it hit, in run order. */
  cases: CaseResult[];
  /** Ids of the mandatory (blocking) cases among them. */
  blocking: string[];
}

const isProblem = (c: CaseResult) => c.verdict === 'failed' || c.verdict === 'error';

/** The root cause of one failed or errored case, or undefined when nothing recorded says why. */
export function caseCause(c: CaseResult): Omit<FailureCause, 'cases' | 'blocking'> | undefined {
  const noResponse = c.exchanges.find((x) => x.outcome !== 'ok');
  if (noResponse) {
    const detail = describeTransport(noResponse);
    return {
      key: `transport:${noResponse.outcome}:${noResponse.error?.code ?? ''}`,
      kind: 'transport',
      label: { fr: `pas de réponse HTTP\u00a0: ${detail}`, en: `no HTTP response: ${detail}` },
    };
  }
  const serverError = c.exchanges.find((x) => (x.response?.status ?? 0) >= 500);
  if (serverError?.response) {
    const type = mediaTypeOf(serverError.response.headers) ?? '';
    const shown = `HTTP ${serverError.response.status}${type ? ` (${type})` : ''}`;
    return {
      key: `http:${serverError.response.status}:${type}`,
      kind: 'server-error',
      label: { fr: `erreur du serveur\u00a0: ${shown}`, en: `server error: ${shown}` },
    };
  }
  const first = decidingFindings(c).find(isBlocking);
  if (first) {
    return {
      key: `rule:${first.ruleId}`,
      kind: 'finding',
      ruleId: first.ruleId,
      label: { fr: `${first.ruleId} — ${first.message.fr}`, en: `${first.ruleId} — ${first.message.en}` },
    };
  }
  if (c.reason) return { key: `reason:${c.reason.en}`, kind: 'reason', label: c.reason };
  return undefined;
}

const UNKNOWN: Omit<FailureCause, 'cases' | 'blocking'> = {
  key: 'unknown',
  kind: 'reason',
  label: { fr: 'cause non enregistrée', en: 'cause not recorded' },
};

/**
 * The causes of a run's failed and errored cases: those hitting a mandatory case first, then by number
 * of cases (most first), then in the order their first case was played.
 */
export function failureCauses(run: Pick<RunResult, 'cases'>): FailureCause[] {
  const byKey = new Map<string, FailureCause>();
  for (const c of run.cases) {
    if (!isProblem(c)) continue;
    const cause = caseCause(c) ?? UNKNOWN;
    let group = byKey.get(cause.key);
    if (!group) {
      group = { ...cause, cases: [], blocking: [] };
      byKey.set(cause.key, group);
    }
    group.cases.push(c);
    if (c.severity === 'blocking') group.blocking.push(c.id);
  }
  const order = [...byKey.values()];
  return order
    .map((cause, seen) => ({ cause, seen }))
    .sort(
      (a, b) =>
        Number(b.cause.blocking.length > 0) - Number(a.cause.blocking.length > 0) ||
        b.cause.cases.length - a.cause.cases.length ||
        a.seen - b.seen,
    )
    .map((x) => x.cause);
}
