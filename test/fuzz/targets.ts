/**
 * The fuzz targets, in-process: (a) the `sas-recette validate` pipeline on a raw text (validateFile on
 * standard input, then both output formats), (b) the judge of a search case on a response body (the
 * run's own search executor with a client that returns the body, then judgeCase), and (c) the same
 * judge through real HTTP over loopback with runAcceptance, for a bounded number of bodies. Each target
 * says whether the tool held: a result with findings and a closed verdict, or a crash (an exception
 * that escaped, an internal-error finding, a verdict outside the vocabulary).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import type { Finding } from '../../src/core/findings.js';
import { VERDICTS, type Exchange, type Verdict } from '../../src/core/model.js';
import { TOOL_ROOT } from '../../src/core/version.js';
import { buildCaseRequest } from '../../src/cahier/case-request.js';
import type { TestCase } from '../../src/cahier/types.js';
import { loadDefinitions } from '../../src/fhir/packages/index.js';
import type { LoadResult } from '../../src/fhir/packages/types.js';
import { validateResource } from '../../src/fhir/validator/index.js';
import type { HttpClient, SentExchange } from '../../src/http/types.js';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import type { Jdd } from '../../src/jdd/types.js';
import { generateSearchResponse } from '../../src/mock/generate.js';
import { formatJson, formatText } from '../../src/report/validation/index.js';
import { runRules } from '../../src/rules/index.js';
import { judgeCase } from '../../src/run/judge.js';
import { prepareRun, type PreparedRun } from '../../src/run/prepare.js';
import { registeredKinds } from '../../src/run/registered-kinds.js';
import { runAcceptance } from '../../src/run/run-acceptance.js';
import { searchKind } from '../../src/run/search-case.js';
import type { AnswerChecks } from '../../src/run/search-response.js';
import { parseSearch } from '../../src/sas/search.js';
import { validateFile } from '../../src/validate/index.js';

/** Monday 2 March 2026, 08:15 in Paris: the clock every target judges against. */
export const NOW = new Date('2026-03-02T07:15:00Z');
export const BASE = 'http://127.0.0.1:8080/fhir';
const IG = 'ans.fhir.fr.sas#1.2.0';
const PLAIN = new Chalk({ level: 0 });

/** One search case of the shipped cahier, its request and the reference editor's answer to it. */
export interface SeedCase {
  tc: TestCase;
  jdd: Jdd;
  url: string;
  status: number;
  contentType: string;
  /** The reference editor's (valid) answer, the starting point of the mutations. */
  body: Record<string, unknown>;
}

export interface FuzzWorld {
  loaded: LoadResult;
  prepared: PreparedRun;
  seeds: SeedCase[];
}

export type Outcome = { ok: true; label: string } | { ok: false; crash: Crash };

export interface Crash {
  target: 'validate' | 'judge' | 'http';
  /** What went wrong: the exception, the internal-error finding, the unexpected verdict. */
  message: string;
  /** Top of the stack (or the finding's rule and location). */
  stack: string;
}

function crashOf(target: Crash['target'], err: unknown): Crash {
  const e = err instanceof Error ? err : new Error(String(err));
  return { target, message: `${e.name}: ${e.message}`, stack: (e.stack ?? '').split('\n').slice(0, 8).join('\n') };
}

function internalCrash(target: Crash['target'], findings: readonly Finding[]): Crash | undefined {
  const f = findings.find((x) => x.internalError);
  return f ? { target, message: `internal-error finding ${f.ruleId}: ${f.message.en}`, stack: `${f.source} ${f.location}` } : undefined;
}

const CAHIER = ['psindiv.yaml', 'cpts.yaml', 'sos.yaml', 'errors.yaml'].map((f) => join(TOOL_ROOT, 'testcases', f));

let world: Promise<FuzzWorld> | undefined;

/** Loads the FHIR packages (SAS_RECETTE_PACKAGES, else ../shared/fhir-packages), the cahier and the JDDs once. */
export function fuzzWorld(): Promise<FuzzWorld> {
  world ??= (async () => {
    const packages = process.env.SAS_RECETTE_PACKAGES || join(TOOL_ROOT, '..', 'shared', 'fhir-packages');
    const loaded = await loadDefinitions({ sources: [packages], ig: IG });
    const prepared = prepareRun({ jddFiles: [...SHIPPED_JDD_FILES], cahier: CAHIER, selection: {}, kinds: registeredKinds({}) });
    const jdds = SHIPPED_JDD_FILES.map((f) => loadJdd(f));
    const seeds: SeedCase[] = [];
    for (const tc of prepared.plan.selected) {
      if (tc.kind !== 'search') continue;
      const jdd = prepared.jddFor(tc.useCase);
      if (!jdd) continue;
      const req = buildCaseRequest(tc, jdd, NOW, BASE);
      if ('notApplicable' in req) continue;
      const answer = generateSearchResponse(jdds, parseSearch(req.url), NOW, { baseUrl: BASE });
      seeds.push({
        tc,
        jdd,
        url: req.url,
        status: answer.status,
        contentType: answer.contentType ?? 'application/fhir+json',
        body: answer.body,
      });
    }
    if (seeds.length === 0) throw new Error('fuzz: no search case of the shipped cahier applies to the shipped JDDs');
    return { loaded, prepared, seeds };
  })();
  return world;
}

export interface ValidateOptions {
  /** `--use-case` given (the resource is an answer to a SAS search). */
  useCaseOption: boolean;
  /** `--search` given: the case's request. */
  withSearch: boolean;
}

/** (a) `sas-recette validate -` on the text: the report, then the text and JSON outputs. */
export async function validateTarget(w: FuzzWorld, seed: SeedCase, text: string, o: ValidateOptions): Promise<Outcome> {
  try {
    const bytes = Buffer.from(text, 'utf8');
    const report = await validateFile({
      input: '-',
      from: { cwd: TOOL_ROOT, readStdin: async () => bytes },
      sources: [],
      ig: IG,
      loaded: w.loaded,
      ...(o.useCaseOption ? { useCase: seed.tc.useCase } : {}),
      ...(o.withSearch ? { search: parseSearch(seed.url) } : {}),
      now: NOW,
    });
    if (!Array.isArray(report.findings) || typeof report.valid !== 'boolean') {
      return { ok: false, crash: { target: 'validate', message: 'the report has no findings array or no verdict', stack: '' } };
    }
    const internal = internalCrash('validate', report.findings);
    if (internal) return { ok: false, crash: internal };
    if (!report.valid && report.findings.length === 0) {
      return { ok: false, crash: { target: 'validate', message: 'invalid without any finding', stack: '' } };
    }
    formatText(report, { lang: 'fr', color: PLAIN, all: false });
    formatText(report, { lang: 'en', color: PLAIN, all: true });
    JSON.parse(formatJson(report, 'en'));
    const fatal = report.findings.find((f) => f.severity === 'fatal');
    return { ok: true, label: report.valid ? 'valid' : fatal ? `input error (${fatal.ruleId})` : 'invalid' };
  } catch (err) {
    return { ok: false, crash: crashOf('validate', err) };
  }
}

function exchangeOf(seed: SeedCase, status: number, contentType: string, text: string): SentExchange {
  const bodyBytes = Buffer.byteLength(text);
  const x: Exchange = {
    id: 'fuzz',
    label: 'search',
    request: { method: 'GET', url: seed.url, headers: { accept: 'application/fhir+json' } },
    response: {
      status,
      headers: { 'content-type': contentType },
      body: text.slice(0, 4096),
      bodyBytes,
      truncated: text.length > 4096,
      sha256: '',
    },
    outcome: 'ok',
    startedAt: '2026-03-02T08:15:00.000+01:00',
    timings: { totalMs: 12 },
  };
  return { exchange: x, fullBody: text };
}

function checksOf(w: FuzzWorld): AnswerChecks {
  const index = w.loaded.index;
  return { validate: (resource, useCase) => validateResource(resource, { index, useCase }).findings, rules: runRules };
}

function verdictOutcome(target: Crash['target'], verdict: Verdict, findings: readonly Finding[] | undefined): Outcome {
  if (!(VERDICTS as readonly string[]).includes(verdict))
    return { ok: false, crash: { target, message: `verdict outside the vocabulary: ${String(verdict)}`, stack: '' } };
  if (!Array.isArray(findings)) return { ok: false, crash: { target, message: 'no findings array', stack: '' } };
  const internal = internalCrash(target, findings);
  if (internal) return { ok: false, crash: internal };
  return { ok: true, label: verdict };
}

/**
 * (b) The judge of a search case on a body, as execute.ts runs it: the run's search executor (readBody,
 * the cahier expectations, the SAS rules, the structural validator), then judgeCase. The executor is
 * called directly rather than through executeCases so that an exception keeps its stack (executeCases
 * would turn it into an `error` case, which is counted as a crash all the same).
 */
export async function judgeTarget(w: FuzzWorld, seed: SeedCase, text: string, status: number, contentType: string): Promise<Outcome> {
  try {
    const sent = exchangeOf(seed, status, contentType, text);
    const client: HttpClient = { send: async () => sent, close: async () => {} };
    const kind = searchKind(checksOf(w));
    const outcome = await kind.run(seed.tc, { baseUrl: BASE, now: NOW, client, httpOptions: {}, jdd: seed.jdd, lang: 'fr' });
    if (outcome.harnessFault)
      return { ok: false, crash: { target: 'judge', message: `harness fault: ${outcome.harnessFault.en}`, stack: '' } };
    const j = judgeCase({ testCase: seed.tc, findings: outcome.findings, skip: outcome.skip, notApplicable: outcome.notApplicable });
    return verdictOutcome('judge', j.verdict, j.findings);
  } catch (err) {
    return { ok: false, crash: crashOf('judge', err) };
  }
}

/** A loopback server answering every request with the body of the moment (bounded: it only serves what it is given). */
export class BodyServer {
  private server: Server | undefined;
  private current = { status: 200, contentType: 'application/fhir+json', body: Buffer.alloc(0) };

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      req.resume();
      // 204 and 304 carry no body in HTTP: Node would drop it and the announced length would lie.
      const bodyless = this.current.status === 204 || this.current.status === 304;
      res.writeHead(
        this.current.status,
        bodyless
          ? { 'content-type': this.current.contentType }
          : { 'content-type': this.current.contentType, 'content-length': this.current.body.length },
      );
      res.end(bodyless ? undefined : this.current.body);
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/fhir`;
  }

  serve(status: number, contentType: string, text: string): void {
    this.current = { status, contentType, body: Buffer.from(text, 'utf8') };
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((ok) => s.close(() => ok()));
  }
}

/** (c) One search case through the real pipeline: runAcceptance, undici, loopback server serving the body. */
export async function httpTarget(
  w: FuzzWorld,
  server: BodyServer,
  baseUrl: string,
  seed: SeedCase,
  text: string,
  status: number,
  contentType: string,
): Promise<Outcome> {
  try {
    server.serve(status, contentType, text);
    const prepared: PreparedRun = { ...w.prepared, plan: { ...w.prepared.plan, selected: [seed.tc] } };
    const index = w.loaded.index;
    const run = await runAcceptance({
      prepared,
      baseUrl,
      now: NOW,
      http: { timeoutMs: 5000 },
      kinds: [],
      structure: { index, packages: [], ig: null, notes: [] },
      validate: (resource, useCase) => validateResource(resource, { index, useCase }).findings,
      lang: 'fr',
      command: 'fuzz',
    });
    const c = run.cases[0];
    if (!c) return { ok: false, crash: { target: 'http', message: 'no case result', stack: '' } };
    // A complete, well-formed HTTP answer under the 20 MB cap can always be judged: `error` means the tool
    // failed — unless the fuzzed status is a 404 to a case expecting a refusal: the server answers the plain
    // search 404 as well, and the run rightly says the base URL serves no FHIR search (RUN-BASE-URL).
    const overCap = Buffer.byteLength(text) > 20 * 1024 * 1024 && c.findings.some((f) => f.ruleId === 'HTTP-TOO-LARGE');
    const wrongBase = status === 404 && c.findings.some((f) => f.ruleId === 'RUN-BASE-URL');
    if (c.verdict === 'error' && !overCap && !wrongBase)
      return {
        ok: false,
        crash: { target: 'http', message: `verdict error: ${c.reason?.en ?? ''}`, stack: c.findings.map((f) => f.ruleId).join(' ') },
      };
    return verdictOutcome('http', c.verdict, c.findings);
  } catch (err) {
    return { ok: false, crash: crashOf('http', err) };
  }
}
