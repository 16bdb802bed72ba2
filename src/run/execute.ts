/**
 * Runs the planned cases one after the other, each through the executor registered for its kind
 * (`search`, the transport checks…): times it, turns a check that throws into an `error` case,
 * judges the outcome and hands the result on. Nothing an endpoint sends stops the run; only
 * `--bail` does.
 */
import { performance } from 'node:perf_hooks';
import type { Lang } from '../core/findings.js';
import type { TestCase } from '../cahier/types.js';
import type { HttpClient, HttpClientOptions } from '../http/types.js';
import type { Jdd } from '../jdd/types.js';
import { judgeCase } from './judge.js';
import type { CaseKind, KindOutcome } from '../cahier/kinds.js';
import type { CaseResult, UseCase } from '../core/model.js';

async function runCase(tc: TestCase, env: ExecuteEnv): Promise<KindOutcome> {
  const kind = env.kinds.get(tc.kind);
  if (!kind) throw new Error(`no handler registered for case kind "${tc.kind}"`);
  return kind.run(tc, {
    baseUrl: env.baseUrl,
    now: env.now,
    client: env.client,
    httpOptions: env.httpOptions,
    jdd: env.jddFor(tc.useCase),
    lang: env.lang,
  });
}

function bailed(stoppedBy: string): KindOutcome {
  return {
    exchanges: [],
    findings: [],
    skip: { fr: `non exécuté : --bail a arrêté la recette après l'échec de ${stoppedBy}`, en: `not run: --bail stopped the run after ${stoppedBy} failed` },
  };
}

function harnessFault(err: unknown): KindOutcome {
  const text = err instanceof Error ? err.message : String(err);
  return { exchanges: [], findings: [], harnessFault: { fr: `erreur interne de sas-recette : ${text}`, en: `sas-recette internal error: ${text}` } };
}

function toResult(tc: TestCase, outcome: KindOutcome, durationMs: number, env: ExecuteEnv): CaseResult {
  const { findings, skip, notApplicable, harnessFault } = outcome;
  const judgement = judgeCase({ testCase: tc, findings, skip, notApplicable, harnessFault });
  const file = env.displayPath ? env.displayPath(tc.source.file) : tc.source.file;
  return {
    id: tc.id,
    title: tc.title,
    group: tc.group,
    useCase: tc.useCase,
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
  for (const tc of cases) {
    const t0 = performance.now();
    let outcome: KindOutcome;
    if (stoppedBy) outcome = bailed(stoppedBy);
    else {
      try {
        outcome = await runCase(tc, env);
      } catch (err) {
        outcome = harnessFault(err);
      }
    }
    const result = toResult(tc, outcome, performance.now() - t0, env);
    results.push(result);
    if (env.bail && !stoppedBy && (result.verdict === 'failed' || result.verdict === 'error')) stoppedBy = tc.id;
    await env.onCaseEnd?.(result);
  }
  return results;
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
}
