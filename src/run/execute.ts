/**
 * Runs the planned cases one after the other, each through the executor registered for its kind
 * (`search`, the transport checks…): times it, turns a check that throws into an `error` case,
 * judges the outcome and hands the result on. Nothing an endpoint sends stops the run; `--bail`
 * does, and so do an endpoint that answers nothing and the run's deadline (run-guard.ts): the cases
 * left then end `error` with the reason. A progress event is given when a case starts, then every
 * second while it runs (the console's live line: its clock, estimate and what the case is doing).
 */
import type { Lang, Message } from '../core/findings.js';
import type { TestCase } from '../cahier/types.js';
import type { HttpClient, HttpClientOptions } from '../http/types.js';
import type { Jdd } from '../jdd/types.js';
import { judgeCase } from './judge.js';
import type { CaseKind, KindOutcome } from '../cahier/kinds.js';
import type { CaseResult, UseCase } from '../core/model.js';
import { interruptedOutcome, untilAborted } from './interrupt.js';
import { runGuard } from './run-guard.js';
import { monotonicMs } from '../core/clock.js';

/**
 * Heartbeat while a case runs, unless the caller says otherwise: often enough that a live line never
 * looks stuck (a latency series or a dead endpoint can keep one case busy for minutes), and cheap (one
 * timer, one event).
 */
export const PROGRESS_EVERY_MS = 1_000;

async function runCase(
  tc: TestCase,
  env: ExecuteEnv,
  extra: { signal: AbortSignal; progress: (what: Message) => void },
): Promise<KindOutcome> {
  const kind = env.kinds.get(tc.kind);
  if (!kind) throw new Error(`no handler registered for case kind "${tc.kind}"`);
  return kind.run(tc, {
    baseUrl: env.baseUrl,
    now: env.now,
    client: env.client,
    httpOptions: env.httpOptions,
    jdd: env.jddFor(tc.useCase),
    lang: env.lang,
    ...extra,
  });
}

/**
 * Runs one case, telling `onProgress` that it started (once its kind has begun, so with what it said it
 * does), then every `progressEveryMs` that it is still running (and on what).
 */
async function runWithProgress(
  tc: TestCase,
  position: { index: number; total: number },
  env: ExecuteEnv,
  signal: AbortSignal,
): Promise<KindOutcome> {
  const t0 = monotonicMs();
  let detail: Message | undefined;
  const onProgress = env.onProgress;
  const tell = onProgress
    ? () => onProgress({ caseId: tc.id, ...position, elapsedMs: Math.round(monotonicMs() - t0), ...(detail ? { detail } : {}) })
    : undefined;
  const timer = tell ? setInterval(tell, env.progressEveryMs ?? PROGRESS_EVERY_MS) : undefined;
  timer?.unref();
  try {
    const running = runCase(tc, env, { signal, progress: (what) => void (detail = what) });
    tell?.();
    return await running;
  } finally {
    if (timer) clearInterval(timer);
  }
}

/** Refuses every request: the client of a case the run guard keeps from sending. */
const GATE: HttpClient = {
  send() {
    throw new Error('not sent');
  },
  close: async () => undefined,
};

/**
 * A case the run guard keeps from sending still gets its own not-applicable or skipped verdict (plain
 * HTTP for a TLS case, no JDD entry for its role): its kind runs with a client that refuses to send
 * and an aborted signal; any attempt to send gives the guard's outcome.
 */
async function unlessNotApplicable(tc: TestCase, env: ExecuteEnv, notSent: KindOutcome): Promise<KindOutcome> {
  const stopped = new AbortController();
  stopped.abort();
  try {
    const dry = await runCase(tc, { ...env, client: GATE }, { signal: stopped.signal, progress: () => undefined });
    if ((dry.notApplicable || dry.skip) && dry.exchanges.length === 0) return dry;
  } catch {
    // it wanted to send
  }
  return notSent;
}

function bailed(stoppedBy: string): KindOutcome {
  return {
    exchanges: [],
    findings: [],
    skip: {
      fr: `non exécuté : --bail a arrêté la recette après l'échec de ${stoppedBy}`,
      en: `not run: --bail stopped the run after ${stoppedBy} failed`,
    },
  };
}

function harnessFault(err: unknown): KindOutcome {
  const text = err instanceof Error ? err.message : String(err);
  return {
    exchanges: [],
    findings: [],
    harnessFault: { fr: `erreur interne de sas-recette : ${text}`, en: `sas-recette internal error: ${text}` },
  };
}

function toResult(tc: TestCase, outcome: KindOutcome, durationMs: number, env: ExecuteEnv): CaseResult {
  const { findings, skip, notApplicable, harnessFault } = outcome;
  const judgement = judgeCase({ testCase: tc, findings, skip, notApplicable, harnessFault });
  const file = env.displayPath ? env.displayPath(tc.source.file) : tc.source.file;
  return {
    id: tc.id,
    title: tc.title,
    group: tc.group,
    useCase: tc.anyUseCase ? 'all' : tc.useCase,
    requirements: tc.requirements,
    tags: tc.tags,
    severity: tc.severity,
    verdict: judgement.verdict,
    ...(judgement.reason ? { reason: judgement.reason } : {}),
    ...(judgement.reserves ? { reserves: judgement.reserves } : {}),
    findings: judgement.findings,
    ...(outcome.officialFindings ? { officialFindings: outcome.officialFindings } : {}),
    exchanges: outcome.exchanges,
    ...(outcome.latency ? { latency: outcome.latency } : {}),
    durationMs: Math.round(durationMs),
    source: `${file}:${tc.source.line}`,
  };
}

export async function executeCases(cases: readonly TestCase[], env: ExecuteEnv): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let stoppedBy: string | undefined;
  const guard = runGuard({
    runTimeoutMs: env.runTimeoutMs,
    stopAfterTimeouts: env.stopAfterTimeouts,
    requestTimeoutMs: env.httpOptions.timeoutMs ?? 7000,
    onNote: env.onNote,
    ...(env.startedAtMs !== undefined ? { startedAtMs: env.startedAtMs } : {}),
  });
  // Ctrl-C / SIGTERM (interrupt.ts): the kinds stop taking requests, the case in flight is abandoned,
  // the cases left are skipped "interrupted"; the reason of the abort is the signal's name.
  const interrupt = env.interrupt;
  const kindSignal = interrupt ? AbortSignal.any([guard.signal, interrupt]) : guard.signal;
  const interrupted = (): KindOutcome => interruptedOutcome(String(interrupt?.reason ?? 'SIGINT'));
  try {
    for (const [i, tc] of cases.entries()) {
      const t0 = monotonicMs();
      let outcome: KindOutcome;
      const notSent = stoppedBy ? undefined : interrupt?.aborted ? interrupted() : guard.notSent(cases.length - i);
      if (stoppedBy) outcome = bailed(stoppedBy);
      else if (notSent) outcome = interrupt?.aborted ? notSent : await unlessNotApplicable(tc, env, notSent);
      else {
        try {
          outcome = await untilAborted(runWithProgress(tc, { index: i + 1, total: cases.length }, env, kindSignal), interrupt, interrupted);
        } catch (err) {
          outcome = harnessFault(err);
        }
      }
      let result: CaseResult;
      try {
        result = toResult(tc, outcome, monotonicMs() - t0, env);
      } catch (err) {
        // A finding the judge cannot read (a defect of a check) is a fault of sas-recette: the case is
        // `error` with the internal message, the run goes on.
        result = toResult(tc, { ...harnessFault(err), exchanges: outcome.exchanges }, monotonicMs() - t0, env);
      }
      results.push(result);
      guard.record(tc.id, result.exchanges);
      if (env.bail && !stoppedBy && (result.verdict === 'failed' || result.verdict === 'error')) stoppedBy = tc.id;
      await env.onCaseEnd?.(result);
    }
  } finally {
    guard.dispose();
  }
  return results;
}

/** A case still running: where it is in the plan, for how long, and what its kind says it is doing. */
export interface CaseProgress {
  caseId: string;
  /** 1-based position among the planned cases. */
  index: number;
  total: number;
  elapsedMs: number;
  detail?: Message;
}

export interface ExecuteEnv {
  baseUrl: string;
  now: Date;
  client: HttpClient;
  httpOptions: HttpClientOptions;
  lang: Lang;
  jddFor(useCase: UseCase): Jdd | undefined;
  /** Name → executor, every kind of the run (`search` included, see registered-kinds.ts). */
  kinds: ReadonlyMap<string, CaseKind>;
  bail?: boolean;
  /** How a cahier file is shown in results (e.g. relative to the working folder). */
  displayPath?: (file: string) => string;
  onCaseEnd?: (c: CaseResult) => void | Promise<void>;
  /** `--run-timeout` in ms: no case starts after it, the one in flight is told to stop. */
  runTimeoutMs?: number;
  /** When the run started, for the deadline (epoch ms; default: when the cases start). */
  startedAtMs?: number;
  /** Consecutive timed-out requests after which the remaining cases are not sent (run-guard.ts; 0: never). */
  stopAfterTimeouts?: number;
  /** Called when a case starts, then every `progressEveryMs` (default PROGRESS_EVERY_MS) while it runs. */
  onProgress?: (p: CaseProgress) => void;
  progressEveryMs?: number;
  /** A note for the run's notes (and stderr): the endpoint stopped answering, the deadline was reached. */
  onNote?: (m: Message) => void;
  /** Aborted on Ctrl-C / SIGTERM, with the signal's name as reason (interrupt.ts). */
  interrupt?: AbortSignal;
}
