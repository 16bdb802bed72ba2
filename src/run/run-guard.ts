/**
 * What stops a run from waiting forever on an endpoint that does not answer:
 * - the endpoint breaker: after a few consecutive requests that timed out (no answer of any kind in
 *   between, across cases), the remaining cases are not sent; each ends `error` with the reason and the
 *   requests that went unanswered as evidence — the endpoint could not be judged;
 * - the run deadline (`--run-timeout`): once reached, the case in flight is told to stop (its kind
 *   stops taking new requests) and the remaining cases end `error`, "run deadline reached".
 * Both say so once in the run's notes (and on stderr, through the caller).
 */
import { finding, type Message } from '../core/findings.js';
import type { KindOutcome } from '../cahier/kinds.js';
import type { Exchange } from '../core/model.js';

// `--run-timeout` is read in its own module, which the command line loads without the guard.
export { parseRunTimeout } from './run-timeout.js';

/** Consecutive timed-out requests after which the endpoint is taken as not answering. */
export const STOP_AFTER_TIMEOUTS = 4;

/** `2 min 5 s`, `45 s`, for messages. */
export function spokenDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}` : `${s} s`;
}

interface Unanswered {
  caseId: string;
  exchange: Exchange;
}

export interface RunGuardOptions {
  /** `--run-timeout` in ms. */
  runTimeoutMs?: number;
  /** When the run started (epoch ms; default now). */
  startedAtMs?: number;
  /** Default STOP_AFTER_TIMEOUTS; 0 never stops. */
  stopAfterTimeouts?: number;
  /** The per-request time-out, for messages. */
  requestTimeoutMs?: number;
  /** Said once when the breaker trips or the deadline is reached. */
  onNote?: (m: Message) => void;
}

export interface RunGuard {
  /** Aborted at the deadline: passed to the kinds. */
  readonly signal: AbortSignal;
  /** Reads a finished case's exchanges (in order). */
  record(caseId: string, exchanges: readonly Exchange[]): void;
  /** Why the next case must not be sent (and its outcome), or undefined. */
  notSent(remaining: number): KindOutcome | undefined;
  /** Stops the deadline timer. */
  dispose(): void;
}

export function runGuard(o: RunGuardOptions = {}): RunGuard {
  const started = o.startedAtMs ?? Date.now();
  const limit = o.stopAfterTimeouts ?? STOP_AFTER_TIMEOUTS;
  const controller = new AbortController();
  const timer =
    o.runTimeoutMs === undefined ? undefined : setTimeout(() => controller.abort(), Math.max(0, started + o.runTimeoutMs - Date.now()));
  timer?.unref();
  const counted = new Set<string>();
  let unanswered: Unanswered[] = [];
  let tripped: Unanswered[] | undefined;
  const said = { deadline: false, silent: false };

  const deadlineReached = (): boolean =>
    controller.signal.aborted || (o.runTimeoutMs !== undefined && Date.now() >= started + o.runTimeoutMs);

  function deadlineOutcome(remaining: number): KindOutcome {
    const limitText = spokenDuration(o.runTimeoutMs ?? 0);
    const reason: Message = {
      fr: `échéance de la recette atteinte (--run-timeout ${limitText}) : cas non exécuté, le point d'accès n'a pas pu être jugé`,
      en: `run deadline reached (--run-timeout ${limitText}): case not run, the endpoint could not be judged`,
    };
    if (!said.deadline) {
      said.deadline = true;
      o.onNote?.({
        fr: `échéance de la recette atteinte (--run-timeout ${limitText}) : les ${remaining} cas restants ne sont pas exécutés et finissent en erreur`,
        en: `run deadline reached (--run-timeout ${limitText}): the ${remaining} remaining case(s) are not run and end in error`,
      });
    }
    return { exchanges: [], findings: [finding('error', 'RUN-DEADLINE', 'setup', 'run', reason)], harnessFault: reason };
  }

  function silentOutcome(remaining: number, evidence: Unanswered[]): KindOutcome {
    const timeout = o.requestTimeoutMs
      ? { fr: ` (délai de ${o.requestTimeoutMs} ms chacune)`, en: ` (time-out ${o.requestTimeoutMs} ms each)` }
      : { fr: '', en: '' };
    const reason: Message = {
      fr: `non envoyé : le point d'accès n'a répondu à aucune des ${evidence.length} dernières requêtes${timeout.fr} ; sas-recette a cessé de l'interroger`,
      en: `not sent: the endpoint answered none of the last ${evidence.length} requests${timeout.en}; sas-recette stopped calling it`,
    };
    const list = evidence
      .map(
        (u) =>
          `${u.caseId}: ${u.exchange.request.method} ${u.exchange.request.url} (${u.exchange.outcome}, ${Math.round(u.exchange.timings.totalMs)} ms)`,
      )
      .join(' ; ');
    if (!said.silent) {
      said.silent = true;
      o.onNote?.({
        fr: `le point d'accès n'a répondu à aucune des ${evidence.length} dernières requêtes${timeout.fr} : les ${remaining} cas restants ne sont pas envoyés et finissent en erreur (sauf ceux qui ne s'appliquent pas). Vérifier qu'il est joignable et répond (ou augmenter --timeout).`,
        en: `the endpoint answered none of the last ${evidence.length} requests${timeout.en}: the ${remaining} remaining case(s) are not sent and end in error (except those that do not apply). Check that it is up and answering (or raise --timeout).`,
      });
    }
    const evidenceFinding = finding('error', 'RUN-NO-ANSWER', 'transport', 'endpoint', {
      fr: `requêtes restées sans réponse : ${list}`,
      en: `requests left unanswered: ${list}`,
    });
    return { exchanges: [], findings: [evidenceFinding], harnessFault: reason };
  }

  return {
    signal: controller.signal,
    record(caseId, exchanges) {
      if (tripped) return;
      for (const x of exchanges) {
        // A search answer shared by several cases is one request.
        if (counted.has(x.id)) continue;
        counted.add(x.id);
        unanswered = x.outcome === 'timeout' ? [...unanswered, { caseId, exchange: x }] : [];
      }
      if (limit > 0 && unanswered.length >= limit) tripped = unanswered.slice(-limit);
    },
    notSent(remaining) {
      if (deadlineReached()) return deadlineOutcome(remaining);
      if (tripped) return silentOutcome(remaining, tripped);
      return undefined;
    },
    dispose() {
      if (timer) clearTimeout(timer);
    },
  };
}
