/**
 * Runs the planned cases one after the other: search cases send their request through the run's
 * HTTP client (identical requests are sent once and their evidence shared), the response is parsed,
 * validated, checked by the SAS rules and the cahier expectations, then judged. Other kinds run
 * through their registered handler. Nothing an endpoint sends stops the run; only `--bail` does.
 */
import { performance } from 'node:perf_hooks';
import { finding, type Finding, type Lang, type Message } from '../core/findings.js';
import type { TestCase } from '../cahier/types.js';
import type { HttpClient, HttpClientOptions, SentExchange } from '../http/types.js';
import type { Jdd } from '../jdd/types.js';
import { officialGateFailures } from '../official/index.js';
import type { RuleContext } from '../rules/types.js';
import { parseSearch } from '../sas/search.js';
import { buildCaseRequest } from '../cahier/case-request.js';
import { asObj, buildGraph, type BundleGraph } from '../rules/graph.js';
import { checkBundle, checkHttp, resolveExpectations, statusMatches, type ResponseFacts } from './expectations.js';
import { isHarnessTransport, judgeCase, STRUCTURE_NOT_CHECKED, transportFinding, type Judgement } from './judge.js';
import type { CaseKind } from '../cahier/kinds.js';
import type { CaseOfficial } from './official.js';
import type { CaseResult, Exchange, LatencySample, UseCase } from '../core/model.js';

export interface ExecuteEnv {
  baseUrl: string;
  now: Date;
  client: HttpClient;
  httpOptions: HttpClientOptions;
  lang: Lang;
  jddFor(useCase: UseCase): Jdd | undefined;
  kinds: ReadonlyMap<string, CaseKind>;
  /** Structural validation of a Bundle; absent when no FHIR package could be loaded. */
  validate?: (resource: unknown, useCase: UseCase) => Finding[];
  rules: (bundle: Record<string, unknown>, ctx: RuleContext) => Finding[];
  /** The official HL7 validator (`--official-validator`), when it runs. */
  official?: CaseOfficial;
  bail?: boolean;
  /** How a cahier file is shown in results (e.g. relative to the working folder). */
  displayPath?: (file: string) => string;
  onCaseEnd?: (c: CaseResult) => void | Promise<void>;
}

interface Analysed {
  sent: SentExchange;
  facts?: ResponseFacts;
  /** The body's graph when it is a JSON object (rules and expectations share it). */
  graph?: BundleGraph;
  /** For a 200 Bundle: the structural findings (undefined without packages) and the rule findings, computed once when first asked. */
  structure?: () => Finding[] | undefined;
  rules?: () => Finding[];
  /** For a 200 Bundle, with the official validator: its findings, asked once per response. */
  official?: () => Promise<Finding[]>;
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

interface CaseRun {
  judgement: Judgement;
  exchanges: Exchange[];
  latency?: LatencySample[];
  officialFindings?: Finding[];
}

const NOT_CHECKED: Message = {
  fr: 'validation structurelle non faite : paquets FHIR introuvables (voir les notes de la recette)',
  en: 'structural validation not done: FHIR packages not found (see the run notes)',
};

export function mediaTypeOf(headers: Record<string, string> | undefined): string | undefined {
  const raw = headers?.['content-type'];
  return raw ? raw.split(';')[0].trim().toLowerCase() : undefined;
}

/** Reads a response body as JSON, or says in both languages what it is instead. */
export function readBody(body: string | undefined, mediaType: string | undefined): { json?: unknown; problem?: Message } {
  const text = (body ?? '').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { problem: { fr: 'corps de réponse vide', en: 'empty response body' } };
  try {
    return { json: JSON.parse(text) };
  } catch (err) {
    const html = /^\s*</.test(text) || mediaType === 'text/html';
    if (html) {
      return {
        problem: {
          fr: 'une page HTML a été reçue au lieu d\'une ressource FHIR JSON (page d\'erreur, de connexion ou de proxy ?)',
          en: 'an HTML page was received instead of a FHIR JSON resource (error, login or proxy page?)',
        },
      };
    }
    const why = (err as Error).message;
    return { problem: { fr: `corps JSON invalide (tronqué ?) : ${why}`, en: `invalid JSON body (truncated?): ${why}` } };
  }
}

async function analyse(sent: SentExchange, useCase: UseCase, env: ExecuteEnv): Promise<Analysed> {
  const x = sent.exchange;
  if (x.outcome !== 'ok' || !x.response) return { sent };
  const mediaType = mediaTypeOf(x.response.headers);
  const { json, problem } = readBody(sent.fullBody, mediaType);
  const facts: ResponseFacts = { status: x.response.status, mediaType, json, bodyProblem: problem, totalMs: x.timings.totalMs };
  const body = asObj(json);
  const out: Analysed = { sent, facts, ...(body ? { graph: buildGraph(body) } : {}) };
  if (x.response.status === 200 && body?.resourceType === 'Bundle') {
    const validate = env.validate;
    out.structure = once(() => validate?.(body, useCase));
    out.rules = once(() => env.rules(body, { useCase, now: env.now, search: parseSearch(x.request.url), graph: out.graph }));
    const official = env.official;
    if (official) out.official = once(() => official.validate(body, useCase));
  }
  return out;
}

function judgesRules(tc: TestCase): boolean {
  const r = tc.expect.rules;
  return Boolean(r && ((r.check?.length ?? 0) + (r.pass?.length ?? 0) + (r.fail?.length ?? 0) > 0));
}

async function runSearch(tc: TestCase, env: ExecuteEnv, cache: Map<string, Promise<Analysed>>): Promise<CaseRun> {
  const jdd = env.jddFor(tc.useCase);
  if (!jdd) {
    const notApplicable = { fr: `aucun JDD chargé pour le cas d'usage ${tc.useCase}`, en: `no JDD loaded for use case ${tc.useCase}` };
    return { judgement: judgeCase({ testCase: tc, findings: [], notApplicable }), exchanges: [] };
  }
  const req = buildCaseRequest(tc, jdd, env.now, env.baseUrl);
  if ('notApplicable' in req) return { judgement: judgeCase({ testCase: tc, findings: [], notApplicable: req.notApplicable }), exchanges: [] };
  const key = `${req.headers.accept} ${req.url}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = env.client.send({ url: req.url, headers: req.headers, label: 'search' }).then((sent) => analyse(sent, tc.useCase, env));
    cache.set(key, pending);
  }
  const a = await pending;
  const x = a.sent.exchange;
  const findings: Finding[] = [];
  const t = transportFinding(x, tc.requirements, !env.httpOptions.tls?.certFile);
  if (t) {
    const harnessFault = isHarnessTransport(x) ? t.message : undefined;
    return { judgement: judgeCase({ testCase: tc, findings: [t], harnessFault }), exchanges: [x] };
  }
  const expectations = resolveExpectations(tc, req.refs, jdd);
  if (a.facts) findings.push(...checkHttp(tc, expectations, a.facts));
  if (a.graph && a.facts?.status === 200 && statusMatches(expectations.status, 200)) {
    findings.push(...checkBundle(tc, expectations, a.graph));
  }
  // Rules and structure only when the case judges them (scopeFindings would drop them otherwise).
  if (a.rules && statusMatches(expectations.status, 200) && judgesRules(tc)) findings.push(...a.rules());
  let officialFindings: Finding[] | undefined;
  if (a.structure && statusMatches(expectations.status, 200) && expectations.structure === 'valid') {
    const structural = a.structure();
    findings.push(...(structural ?? [finding('information', STRUCTURE_NOT_CHECKED, 'structure', 'Bundle', NOT_CHECKED, { notChecked: true })]));
    // Kept apart; with gates, its errors also decide the case (they stay marked as official).
    if (a.official) {
      officialFindings = await a.official();
      if (env.official?.gates) findings.push(...officialGateFailures(officialFindings));
    }
  }
  return { judgement: judgeCase({ testCase: tc, findings }), exchanges: [x], ...(officialFindings ? { officialFindings } : {}) };
}

async function runKind(tc: TestCase, kind: CaseKind, env: ExecuteEnv): Promise<CaseRun> {
  const outcome = await kind.run(tc, {
    baseUrl: env.baseUrl,
    now: env.now,
    client: env.client,
    httpOptions: env.httpOptions,
    jdd: env.jddFor(tc.useCase),
    lang: env.lang,
  });
  return {
    judgement: judgeCase({ testCase: tc, findings: outcome.findings, skip: outcome.skip, notApplicable: outcome.notApplicable }),
    exchanges: outcome.exchanges,
    latency: outcome.latency,
  };
}

function harnessRun(tc: TestCase, err: unknown): CaseRun {
  const text = err instanceof Error ? err.message : String(err);
  const fault = { fr: `erreur interne de sas-recette : ${text}`, en: `sas-recette internal error: ${text}` };
  return { judgement: judgeCase({ testCase: tc, findings: [], harnessFault: fault }), exchanges: [] };
}

function toResult(tc: TestCase, run: CaseRun, durationMs: number, env: ExecuteEnv): CaseResult {
  const file = env.displayPath ? env.displayPath(tc.source.file) : tc.source.file;
  return {
    id: tc.id,
    title: tc.title,
    group: tc.group,
    useCase: tc.useCase,
    requirements: tc.requirements,
    tags: tc.tags,
    severity: tc.severity,
    verdict: run.judgement.verdict,
    ...(run.judgement.reason ? { reason: run.judgement.reason } : {}),
    ...(run.judgement.reserves ? { reserves: run.judgement.reserves } : {}),
    findings: run.judgement.findings,
    ...(run.officialFindings ? { officialFindings: run.officialFindings } : {}),
    exchanges: run.exchanges,
    ...(run.latency ? { latency: run.latency } : {}),
    durationMs: Math.round(durationMs),
    source: `${file}:${tc.source.line}`,
  };
}

export async function executeCases(cases: readonly TestCase[], env: ExecuteEnv): Promise<CaseResult[]> {
  const cache = new Map<string, Promise<Analysed>>();
  const results: CaseResult[] = [];
  let stoppedBy: string | undefined;
  for (const tc of cases) {
    const t0 = performance.now();
    let run: CaseRun;
    if (stoppedBy) {
      const skip = { fr: `non exécuté : --bail a arrêté la recette après l'échec de ${stoppedBy}`, en: `not run: --bail stopped the run after ${stoppedBy} failed` };
      run = { judgement: judgeCase({ testCase: tc, findings: [], skip }), exchanges: [] };
    } else {
      try {
        const kind = env.kinds.get(tc.kind);
        if (tc.kind === 'search') run = await runSearch(tc, env, cache);
        else if (kind) run = await runKind(tc, kind, env);
        else throw new Error(`no handler registered for case kind "${tc.kind}"`);
      } catch (err) {
        run = harnessRun(tc, err);
      }
    }
    const result = toResult(tc, run, performance.now() - t0, env);
    results.push(result);
    if (env.bail && !stoppedBy && (result.verdict === 'failed' || result.verdict === 'error')) stoppedBy = tc.id;
    await env.onCaseEnd?.(result);
  }
  return results;
}
