/**
 * The `search` case kind: builds the case's request from its JDD, sends it through the run's HTTP
 * client (identical requests are sent once per run and their answer shared), then checks the answer
 * against the cahier's expectations, the SAS rules, the structure and, when it runs, the official
 * HL7 validator — only the checks the case judges. A 404 where a refusal is expected is not taken for
 * one when the plain reference search is 404 too: the base URL serves no FHIR search (case `error`).
 */
import { finding, type Finding, type Message } from '../core/findings.js';
import type { TestCase } from '../cahier/types.js';
import { buildCaseRequest, type CaseRequest } from '../cahier/case-request.js';
import type { Jdd } from '../jdd/types.js';
import type { CaseKind, CasePlan, KindEnv, KindOutcome, PlanEnv } from '../cahier/kinds.js';
import { SEARCH_KIND } from '../cahier/load-cahier.js';
import { officialGateFailures } from '../official/index.js';
import { checkBundle, checkHttp, resolveExpectations, statusMatches } from './expectations.js';
import { isHarnessTransport, STRUCTURE_NOT_CHECKED, transportFinding } from './judge.js';
import { analyseAnswer, type AnalysedAnswer, type AnswerChecks } from './search-response.js';
import { append } from '../core/append.js';
import { baseUrlFinding, noSearchMessage, plainReferenceSearch, servesNoSearch } from '../transport/base-url-check.js';

const NOT_CHECKED: Message = {
  fr: 'validation structurelle non faite : paquets FHIR introuvables (voir les notes de la recette)',
  en: 'structural validation not done: FHIR packages not found (see the run notes)',
};

function judgesRules(tc: TestCase): boolean {
  const r = tc.expect.rules;
  return Boolean(r && (r.check?.length ?? 0) + (r.pass?.length ?? 0) + (r.fail?.length ?? 0) > 0);
}

/** The request of a search case (sent by `run`, shown by `plan`), or why the case does not apply. */
function searchRequestOf(tc: TestCase, env: PlanEnv): CaseRequest | { notApplicable: Message } {
  if (!env.jdd)
    return { notApplicable: { fr: `aucun JDD chargé pour le cas d'usage ${tc.useCase}`, en: `no JDD loaded for use case ${tc.useCase}` } };
  return buildCaseRequest(tc, env.jdd, env.now, env.baseUrl);
}

/** The cache key of a search: identical requests are sent once per run and their answer shared. */
export function searchKey(req: { url: string; headers: Record<string, string> }): string {
  return `${req.headers.accept} ${req.url}`;
}

/** What a search case will send (`run --dry-run`); a 404 where a refusal is expected adds the plain search. */
export function planSearch(tc: TestCase, env: PlanEnv): CasePlan {
  const req = searchRequestOf(tc, env);
  if ('notApplicable' in req) return { steps: [], notApplicable: req.notApplicable };
  return { steps: [{ request: { method: 'GET', url: req.url, headers: req.headers } }] };
}

/** The search kind of one run: its request cache lives as long as the kind. */
export function searchKind(checks: AnswerChecks): CaseKind {
  const answers = new Map<string, Promise<AnalysedAnswer>>();
  return {
    kind: SEARCH_KIND,
    plan: planSearch,
    async run(tc: TestCase, env: KindEnv): Promise<KindOutcome> {
      const req = searchRequestOf(tc, env);
      if ('notApplicable' in req) return { exchanges: [], findings: [], notApplicable: req.notApplicable };
      const jdd = env.jdd as Jdd; // searchRequestOf builds no request without it
      const key = searchKey(req);
      let pending = answers.get(key);
      if (!pending) {
        pending = env.client
          .send({ url: req.url, headers: req.headers, label: 'search' })
          .then((sent) => analyseAnswer(sent, tc.useCase, env.now, checks));
        answers.set(key, pending);
      }
      const a = await pending;
      const x = a.sent.exchange;
      const t = transportFinding(x, tc.requirements, !env.httpOptions.tls?.certFile);
      if (t) return { exchanges: [x], findings: [t], ...(isHarnessTransport(x) ? { harnessFault: t.message } : {}) };
      const findings: Finding[] = [];
      const add = (list: readonly Finding[]) => append(findings, list);
      const expectations = resolveExpectations(tc, req.refs, jdd);
      const answers200 = statusMatches(expectations.status, 200);
      // A refusal expected and a 404 got: not a refusal when the plain search is 404 too (wrong base URL).
      if (x.response?.status === 404 && !answers200) {
        const plain = await plainReferenceSearch(tc.useCase, env);
        if (plain && servesNoSearch(plain)) {
          const why = noSearchMessage(env.baseUrl, plain);
          return {
            exchanges: [x, plain.exchange],
            findings: [baseUrlFinding(why, tc.requirements)],
          };
        }
      }
      if (a.facts) add(checkHttp(tc, expectations, a.facts));
      if (a.graph && a.facts?.status === 200 && answers200) add(checkBundle(tc, expectations, a.graph));
      // Rules and structure only when the case judges them (scopeFindings would drop them otherwise).
      if (a.rules && answers200 && judgesRules(tc)) add(a.rules());
      let officialFindings: Finding[] | undefined;
      if (a.structure && answers200 && expectations.structure === 'valid') {
        const structural = a.structure();
        add(structural ?? [finding('information', STRUCTURE_NOT_CHECKED, 'structure', 'Bundle', NOT_CHECKED, { notChecked: true })]);
        // Kept apart; with gates, its errors also decide the case (they stay marked as official).
        if (a.official) {
          officialFindings = await a.official();
          if (checks.official?.gates) add(officialGateFailures(officialFindings));
        }
      }
      return { exchanges: [x], findings, ...(officialFindings ? { officialFindings } : {}) };
    },
  };
}
