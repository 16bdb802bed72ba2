/**
 * Response time of the reference search: N samples per (number of identifiers × concurrency), judged
 * on the run's own exchange timings: max above the SAS time-out (7 s) fails, p95 above the 1 s target
 * warns. Every sample is kept as evidence (body excerpt shortened).
 *
 * A series stops after a few consecutive time-outs (the verdict is known: the SAS time-out is
 * exceeded) and says so; when a series got no answer at all, the next ones are not sent. The run's
 * deadline (`--run-timeout`) also stops a series: the case is then `error`, it could not be measured.
 */
import type { Finding, Message } from '../core/findings.js';
import type { TestCase } from '../cahier/types.js';
import { createHttpClient } from '../http/client.js';
import type { HttpClient, SentExchange } from '../http/types.js';
import type { CaseKind, CasePlan, PlanEnv } from '../cahier/kinds.js';
import type { Exchange, LatencySample } from '../core/model.js';
import { tfinding, type TransportContext, type TransportDeps, type TransportOutcome } from './context.js';
import { referenceRequest } from './reference-request.js';
import { REQ } from './requirements.js';

export interface LatencyParams {
  samples: number;
  identifiers: number[];
  concurrency: number[];
  budgetMs: number;
  targetMs: number;
  /** Consecutive time-outs after which a series stops (its verdict is known). */
  stopAfterTimeouts: number;
}

export const DEFAULT_LATENCY: LatencyParams = {
  samples: 10,
  identifiers: [1, 10, 25],
  concurrency: [1, 5],
  budgetMs: 7000,
  targetMs: 1000,
  stopAfterTimeouts: 3,
};

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function summarise(
  label: string,
  identifiers: number,
  concurrency: number,
  samplesMs: number[],
  budgetMs: number,
  targetMs: number,
): LatencySample {
  return {
    label,
    identifiers,
    concurrency,
    samplesMs,
    p50: percentile(samplesMs, 50),
    p95: percentile(samplesMs, 95),
    max: Math.max(...samplesMs),
    budgetMs,
    targetMs,
  };
}

/** Pure: findings of one series (its summary and the exchanges it came from). */
export function judgeSeries(s: LatencySample, exchanges: Exchange[]): Finding[] {
  const loc = `latency[${s.label}]`;
  const figures = `p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms, ${s.samplesMs.length} samples`;
  const out: Finding[] = [
    tfinding(
      'information',
      'SAS-PERF-000',
      loc,
      { fr: `temps de réponse ${s.label} : ${figures}`, en: `response time ${s.label}: ${figures}` },
      [REQ.budget],
    ),
  ];
  const late = exchanges.filter((x) => x.outcome === 'timeout' || x.timings.totalMs > s.budgetMs).length;
  if (late > 0) {
    out.push(
      tfinding(
        'error',
        'SAS-PERF-001',
        `${loc}.max`,
        {
          fr: `${late} réponse(s) sur ${exchanges.length} au-delà du délai SAS de ${s.budgetMs} ms (max ${s.max} ms) : la plateforme SAS les ignore`,
          en: `${late} answer(s) out of ${exchanges.length} beyond the SAS time-out of ${s.budgetMs} ms (max ${s.max} ms): the SAS platform discards them`,
        },
        [REQ.budget],
      ),
    );
  }
  if (s.p95 > s.targetMs) {
    out.push(
      tfinding(
        'warning',
        'SAS-PERF-002',
        `${loc}.p95`,
        {
          fr: `p95 ${s.p95} ms au-dessus de l'objectif de ${s.targetMs} ms`,
          en: `p95 ${s.p95} ms above the ${s.targetMs} ms target`,
        },
        [REQ.target],
      ),
    );
  }
  const bad = exchanges.filter(
    (x) => x.outcome !== 'timeout' && (x.outcome !== 'ok' || (x.response && (x.response.status < 200 || x.response.status >= 300))),
  );
  if (bad.length > 0) {
    const first = bad[0];
    const what = first.response ? `HTTP ${first.response.status}` : `${first.outcome}${first.error?.code ? ` ${first.error.code}` : ''}`;
    out.push(
      tfinding(
        'error',
        'SAS-PERF-003',
        loc,
        {
          fr: `${bad.length} réponse(s) sur ${exchanges.length} en échec pendant la mesure (première : ${what}) : les temps mesurés ne valent que pour des réponses 2xx`,
          en: `${bad.length} answer(s) out of ${exchanges.length} failed during the measurement (first: ${what}): timings only count for 2xx answers`,
        },
        [REQ.budget],
      ),
    );
  }
  return out;
}

/** When a series stops taking new requests (both optional). */
export interface SeriesStop {
  /** Stop after this many consecutive time-outs, counted in completion order. */
  afterTimeouts?: number;
  /** Stop when aborted (the run's deadline). */
  signal?: AbortSignal;
  /** Called after each completed request with the number completed so far. */
  onSample?: (done: number) => void;
}

/**
 * Sends up to `total` requests with `concurrency` in flight at a time; results in sending order. With
 * `stop`, no new request is sent once the stop condition holds (those in flight are awaited): fewer
 * results than `total` then.
 */
export async function sendConcurrently(
  client: HttpClient,
  make: (i: number) => Parameters<HttpClient['send']>[0],
  total: number,
  concurrency: number,
  stop: SeriesStop = {},
): Promise<SentExchange[]> {
  const results: SentExchange[] = new Array(total);
  let next = 0;
  let done = 0;
  let consecutiveTimeouts = 0;
  const stopped = (): boolean =>
    Boolean(stop.signal?.aborted) || (stop.afterTimeouts !== undefined && consecutiveTimeouts >= stop.afterTimeouts);
  const worker = async (): Promise<void> => {
    while (next < total && !stopped()) {
      const i = next++;
      results[i] = await client.send(make(i));
      consecutiveTimeouts = results[i].exchange.outcome === 'timeout' ? consecutiveTimeouts + 1 : 0;
      stop.onSample?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return results.filter((r) => r !== undefined);
}

/** Why a series ended before its last sample, said as evidence (information: the other findings decide). */
function seriesCut(label: string, taken: number, p: LatencyParams, timeouts: boolean): Finding {
  const loc = `latency[${label}]`;
  return timeouts
    ? tfinding(
        'information',
        'SAS-PERF-004',
        loc,
        {
          fr: `série ${label} arrêtée après ${p.stopAfterTimeouts} dépassements de délai consécutifs : ${taken} mesure(s) sur ${p.samples} (le délai SAS est déjà dépassé, le verdict est acquis)`,
          en: `series ${label} stopped after ${p.stopAfterTimeouts} consecutive time-outs: ${taken} sample(s) of ${p.samples} (the SAS time-out is already exceeded, the verdict is known)`,
        },
        [REQ.budget],
      )
    : tfinding(
        'information',
        'SAS-PERF-004',
        loc,
        {
          fr: `série ${label} arrêtée par l'échéance de la recette (--run-timeout) : ${taken} mesure(s) sur ${p.samples}`,
          en: `series ${label} stopped by the run deadline (--run-timeout): ${taken} sample(s) of ${p.samples}`,
        },
        [REQ.budget],
      );
}

function seriesNotSent(label: string, after: string): Finding {
  return tfinding(
    'information',
    'SAS-PERF-004',
    `latency[${label}]`,
    {
      fr: `série ${label} non envoyée : la série ${after} n'a reçu aucune réponse dans le délai`,
      en: `series ${label} not sent: series ${after} got no answer within the time-out`,
    },
    [REQ.budget],
  );
}

const DEADLINE_CUT: Message = {
  fr: 'échéance de la recette atteinte (--run-timeout) pendant la mesure : temps de réponse non jugé',
  en: 'run deadline reached (--run-timeout) during the measurement: response time not judged',
};

function paramsOf(tc: TestCase): LatencyParams {
  return { ...DEFAULT_LATENCY, ...((tc.params ?? {}) as Partial<LatencyParams>) };
}

/** The reference search of each series size, as sent (one per `identifiers` value). */
function seriesRequests(tc: TestCase, ctx: Pick<PlanEnv, 'jdd' | 'now' | 'baseUrl'>, p: LatencyParams) {
  return p.identifiers.map((n) => ({ n, req: referenceRequest(tc, ctx, { identifiers: n }) }));
}

/** What the case will send (`run --dry-run`): each series' request, how many times and how many at once. */
export function planLatency(tc: TestCase, env: PlanEnv): CasePlan {
  const p = paramsOf(tc);
  const steps: CasePlan['steps'] = [];
  for (const { n, req } of seriesRequests(tc, env, p)) {
    if ('notApplicable' in req) return { steps: [], notApplicable: req.notApplicable };
    for (const c of p.concurrency) {
      steps.push({
        request: { method: 'GET', url: req.url, headers: req.headers },
        repeat: { times: p.samples, concurrency: c },
        note: {
          fr: `série de latence ${n} id, c=${c}\u00a0: ${p.samples} requêtes, ${c} à la fois (s'arrête après ${p.stopAfterTimeouts} dépassements de délai consécutifs)`,
          en: `latency series ${n} id, c=${c}: ${p.samples} requests, ${c} at a time (stops after ${p.stopAfterTimeouts} consecutive time-outs)`,
        },
      });
    }
  }
  return { steps };
}

export async function runLatency(tc: TestCase, ctx: TransportContext): Promise<TransportOutcome> {
  const p = paramsOf(tc);
  const requests = seriesRequests(tc, ctx, p);
  const skipped = requests.find((r) => 'notApplicable' in r.req);
  if (skipped && 'notApplicable' in skipped.req) return { findings: [], exchanges: [], notApplicable: skipped.req.notApplicable };
  // Own client: same certificate and deadline as the run, short evidence bodies (many samples).
  const client = createHttpClient({ ...ctx.httpOptions, evidenceBodyBytes: 2048 });
  const findings: Finding[] = [];
  const exchanges: Exchange[] = [];
  const latency: LatencySample[] = [];
  /** The label of a series that got no answer at all: the following ones are not sent. */
  let silent: string | undefined;
  let deadline = false;
  try {
    for (const { n, req } of requests) {
      if ('notApplicable' in req) continue;
      for (const c of p.concurrency) {
        const label = `${n} id, c=${c}`;
        if (silent || deadline) {
          if (silent) findings.push(seriesNotSent(label, silent));
          continue;
        }
        const progress = (done: number): void =>
          ctx.progress?.({ fr: `latence ${label} : ${done}/${p.samples}`, en: `latency ${label}: ${done}/${p.samples}` });
        progress(0);
        const sent = await sendConcurrently(
          client,
          (i) => ({ url: req.url, headers: req.headers, label: `latency ${label} #${i + 1}` }),
          p.samples,
          c,
          {
            afterTimeouts: p.stopAfterTimeouts,
            signal: ctx.signal,
            onSample: progress,
          },
        );
        const xs = sent.map((s) => s.exchange);
        exchanges.push(...xs);
        if (xs.length === 0) {
          deadline = true;
          continue;
        }
        const sample = summarise(
          label,
          n,
          c,
          xs.map((x) => x.timings.totalMs),
          p.budgetMs,
          p.targetMs,
        );
        latency.push(sample);
        findings.push(...judgeSeries(sample, xs));
        if (xs.length < p.samples) {
          const timedOut = !ctx.signal?.aborted;
          deadline = !timedOut;
          findings.push(seriesCut(label, xs.length, p, timedOut));
          if (timedOut && xs.every((x) => x.outcome === 'timeout')) silent = label;
        }
      }
    }
  } finally {
    await client.close();
  }
  return { findings, exchanges, latency, ...(deadline ? { harnessFault: DEADLINE_CUT } : {}) };
}

export function latencyKind(deps: TransportDeps): CaseKind {
  return {
    kind: 'latency',
    paramsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        samples: { type: 'integer', minimum: 1, maximum: 100, description: 'requests per series (default 10)' },
        identifiers: {
          type: 'array',
          minItems: 1,
          items: { type: 'integer', minimum: 1, maximum: 25 },
          description: 'identifiers per request, one series each (default [1, 10, 25])',
        },
        concurrency: {
          type: 'array',
          minItems: 1,
          items: { type: 'integer', minimum: 1, maximum: 10 },
          description: 'requests in flight at once, one series each (default [1, 5])',
        },
        budgetMs: { type: 'integer', minimum: 1, description: 'answer time above which the check fails (SAS time-out, default 7000)' },
        targetMs: { type: 'integer', minimum: 1, description: 'p95 above which a warning is given (default 1000)' },
        stopAfterTimeouts: {
          type: 'integer',
          minimum: 1,
          maximum: 100,
          description: 'consecutive time-outs after which a series stops: its verdict is known (default 3)',
        },
      },
    },
    run: (tc, env) => runLatency(tc, { ...env, ...deps }),
    plan: planLatency,
  };
}
