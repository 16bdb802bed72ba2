/**
 * `sas-recette run --dry-run`: everything a run prepares before its first request (TLS profile, JDDs,
 * cahier, selection, client certificate files and passphrase), then, instead of playing the cases, the
 * requests each case will send, asked of the case's own kind (`CaseKind.plan`, built by the very
 * functions its `run` sends with). No network at all (no client is created: no DNS, no TCP), no report
 * folder, no FHIR packages loaded, no official validator: setup problems still exit 2 as in a real run.
 */
import type { Lang, Message } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import { parseBaseUrl } from '../core/parse-values.js';
import type { CasePlan, CaseKind, PlanEnv, PlannedStep } from '../cahier/kinds.js';
import { kindRegistry } from '../cahier/kinds.js';
import type { TestCase } from '../cahier/types.js';
import { requestHeaders } from '../http/client.js';
import { redactHeaders } from '../http/redact.js';
import { loadTlsMaterial } from '../http/tls-material.js';
import type { HttpClientOptions } from '../http/types.js';
import { dryRunJson, dryRunText, stepCertificate, type DryRunCase, type DryRunPlan, type DryRunStep } from '../report/dry-run.js';
import { formatParis } from '../sas/time.js';
import { displayPathFrom } from '../report/run-reporters.js';
import { loadTlsProfile } from '../transport/tls-profile.js';
import { plainCase, referenceRequest } from '../transport/reference-request.js';
import { metadataRequest } from '../transport/capability.js';
import { kindDeps, tlsOptions, type ConnectedRun } from './connected-run.js';
import { prepareRun, type PreparedRun } from './prepare.js';
import { registeredKinds } from './registered-kinds.js';
import { planSearch, searchKey } from './search-case.js';
import { SEARCH_KIND } from '../cahier/load-cahier.js';

const NOT_DESCRIBED: Message = {
  fr: 'ce type de cas ne sait pas dire ses requêtes à l’avance',
  en: 'this kind of case cannot tell its requests in advance',
};

/** The headers as on the wire, built by the run's client itself; redacted like the evidence (none of ours is a secret). */
function wireHeaders(headers: Record<string, string>, http: HttpClientOptions): Record<string, string> {
  return redactHeaders(requestHeaders(http.userAgent, headers));
}

function toStep(s: PlannedStep, http: HttpClientOptions, lang: Lang): DryRunStep {
  const r = s.request;
  return {
    ...(r
      ? {
          method: r.method,
          url: r.url,
          headers: wireHeaders(r.headers, http),
          ...(r.body !== undefined ? { body: r.body } : {}),
          ...(r.certificate ? { certificate: stepCertificate(r.certificate) } : {}),
        }
      : {}),
    ...(s.note ? { note: s.note[lang] } : {}),
    ...(s.repeat ? { repeat: s.repeat } : {}),
    ...(s.placeholders ? { placeholders: true as const } : {}),
    ...(s.conditional ? { conditional: true as const } : {}),
  };
}

/** The pre-flight of a real run (src/run/preflight.ts): [base]/metadata and the plain reference search, side by side. */
function preflightCase(prepared: PreparedRun, env: Omit<PlanEnv, 'jdd'>): CasePlan {
  const useCases = [...new Set(prepared.plan.selected.map((c) => c.useCase))];
  const useCase = useCases.find((u) => prepared.jddFor(u));
  if (!useCase) return { steps: [] };
  const search = referenceRequest(plainCase(useCase), { ...env, jdd: prepared.jddFor(useCase) }, { identifiers: 1 });
  const steps: PlannedStep[] = [{ request: { method: 'GET', ...metadataRequest(env) } }];
  if (!('notApplicable' in search)) steps.push({ request: { method: 'GET', url: search.url, headers: search.headers } });
  steps[0].note = {
    fr: 'avant les cas, envoyées ensemble\u00a0: disent tout de suite si l’URL de base ne sert pas la recherche FHIR ou ne répond pas',
    en: 'before the cases, sent together: say at once when the base URL serves no FHIR search or does not answer',
  };
  return { steps };
}

function planOf(kind: CaseKind | undefined, tc: TestCase, env: PlanEnv): CasePlan | { error: Message } {
  if (!kind) return { error: { fr: `aucun type de cas « ${tc.kind} »`, en: `no case kind "${tc.kind}"` } };
  if (!kind.plan) return { steps: [{ note: NOT_DESCRIBED }] };
  try {
    return kind.plan(tc, env);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return { error: { fr: `erreur interne de sas-recette\u00a0: ${text}`, en: `sas-recette internal error: ${text}` } };
  }
}

/** Builds the dry run's plan (pure once the inputs are read). */
export function planDryRun(
  prepared: PreparedRun,
  kinds: readonly CaseKind[],
  o: { baseUrl: string; now: Date; http: HttpClientOptions; lang: Lang; displayPath?: (file: string) => string },
): DryRunPlan {
  const display = o.displayPath ?? ((f: string) => f);
  const registry = kindRegistry([{ kind: SEARCH_KIND, plan: planSearch, run: () => Promise.reject(new Error('dry run')) }, ...kinds]);
  const base: Omit<PlanEnv, 'jdd'> = { baseUrl: o.baseUrl, now: o.now, httpOptions: o.http, lang: o.lang };
  const lang = o.lang;
  const pre = preflightCase(prepared, base);
  const cases: DryRunCase[] = [
    {
      id: 'PRE-FLIGHT',
      title: lang === 'fr' ? 'vérification préalable' : 'pre-flight check',
      useCase: prepared.plan.selected[0]?.useCase ?? '',
      kind: 'pre-flight',
      source: '(sas-recette)',
      status: 'planned',
      deterministic: true,
      steps: pre.steps.map((s) => toStep(s, o.http, lang)),
    },
  ];
  // The search kind sends identical requests once per run and shares the answer (src/run/search-case.ts).
  const searched = new Map<string, string>();
  for (const tc of prepared.plan.selected) {
    const env: PlanEnv = { ...base, jdd: prepared.jddFor(tc.useCase) };
    const plan = planOf(registry.get(tc.kind), tc, env);
    const head = {
      id: tc.id,
      title: tc.title[lang],
      useCase: tc.useCase,
      kind: tc.kind,
      source: `${display(tc.source.file)}:${tc.source.line}`,
    };
    if ('error' in plan) {
      cases.push({ ...head, status: 'error', reason: plan.error[lang], deterministic: false, steps: [] });
      continue;
    }
    const steps = plan.steps.map((s) => toStep(s, o.http, lang));
    if (tc.kind === SEARCH_KIND) {
      for (const s of steps) {
        if (!s.url || !s.headers) continue;
        const key = searchKey({ url: s.url, headers: s.headers });
        const first = searched.get(key);
        if (first) s.sharedWith = first;
        else searched.set(key, tc.id);
      }
    }
    const status = plan.notApplicable
      ? 'not-applicable'
      : plan.skip
        ? 'skipped'
        : registry.get(tc.kind)?.plan
          ? 'planned'
          : 'not-described';
    const reason = plan.notApplicable ?? plan.skip ?? (status === 'not-described' ? NOT_DESCRIBED : undefined);
    const deterministic =
      status === 'planned' && steps.length > 0 && steps.every((s) => s.url !== undefined && !s.placeholders && !s.conditional);
    cases.push({ ...head, status, ...(reason ? { reason: reason[lang] } : {}), deterministic, steps });
  }
  const tls = o.http.tls;
  return {
    baseUrl: o.baseUrl,
    now: formatParis(o.now),
    ...(tls
      ? {
          tls: {
            ...(tls.certFile ? { cert: tls.certFile } : {}),
            ...(tls.keyFile ? { key: tls.keyFile } : {}),
            ...(tls.passphraseEnv ? { passphraseEnv: tls.passphraseEnv } : {}),
            ...(tls.caFile ? { ca: tls.caFile } : {}),
            ...(tls.insecure ? { insecure: true } : {}),
          },
        }
      : {}),
    cases,
  };
}

/** `run --dry-run` from parsed options: reads and checks what a run reads, prints the plan, exit 0. */
export function dryRunConnected(ctx: CliContext, o: ConnectedRun): void {
  const { io } = ctx;
  const profile = o.tlsProfile ? loadTlsProfile(o.tlsProfile) : undefined;
  const deps = kindDeps(o, profile);
  const kinds = registeredKinds(deps);
  const prepared = prepareRun({ jddFiles: o.jddFiles, cahier: o.cahier, useCases: o.useCases, selection: o.selection, kinds });
  const baseUrl = parseBaseUrl(o.baseUrl).replace(/\/+$/, '');
  const tls = tlsOptions(o.tls, profile);
  // The certificate files, their key and its passphrase are checked as the run's client checks them.
  loadTlsMaterial(tls, io.env);
  const http: HttpClientOptions = { timeoutMs: o.timeoutMs, env: io.env, ...(tls ? { tls } : {}) };
  const plan = planDryRun(prepared, kinds, { baseUrl, now: o.now, http, lang: o.report.lang, displayPath: displayPathFrom(io.cwd) });
  io.stdout(o.report.format === 'json' ? dryRunJson(plan) : dryRunText(plan, o.report.lang));
}
