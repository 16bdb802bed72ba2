/**
 * Error contract of the search, judged by the written strength (requirements.yaml):
 * - the IG: a failed search answers HTTP 4xx or 5xx with an OperationOutcome (sas-tls@14, SHALL) —
 *   a 5xx with an OperationOutcome conforms; a 400 is better practice (sas-tls@19, a warning);
 * - a malformed date cannot be executed: serving it (2xx) is a failure;
 * - no source requires refusing a search without `status`, with 26 identifiers or with an unknown
 *   parameter under `Prefer: handling=strict`: serving one is a good-practice warning (sas-tls@20);
 * - a search for identifiers the editor does not know gets 200 and an empty searchset (`total: 0`),
 *   never an error;
 * - a 404 proves nothing when the plain reference search is 404 too: the base URL serves no FHIR
 *   search (a URL missing its `/fhir`), and the case is `error`, not a refusal that passes.
 */
import type { Finding, Message } from '../core/findings.js';
import type { SearchRequestSpec, TestCase } from '../cahier/types.js';
import type { SentExchange } from '../http/types.js';
import type { CaseKind, CasePlan, PlanEnv } from '../cahier/kinds.js';
import type { Exchange, UseCase } from '../core/model.js';
import { baseUrlFinding, noSearchMessage, plainReferenceSearch, servesNoSearch } from './base-url-check.js';
import { tfinding, type TransportContext, type TransportDeps, type TransportOutcome } from './context.js';
import { referenceRequest, type ReferenceRequest } from './reference-request.js';
import { REQ } from './requirements.js';

export const ERROR_PROBES = [
  'missing-status',
  'malformed-date',
  'too-many-identifiers',
  'unknown-parameter',
  'unknown-identifier',
] as const;
export type ErrorProbe = (typeof ERROR_PROBES)[number];

export const MALFORMED_DATE = '2026-13-45T25:61:00';
export const UNKNOWN_PARAMETER = 'sas-recette-unknown';

/** sas-tls@19 (good practice): a malformed request gets a 400, not a 5xx. */
const PREFER_400 = 'sas-tls@19';
/** sas-tls@20 (good practice): these searches are refused rather than served. */
const REFUSE_GOOD_PRACTICE = 'sas-tls@20';
/** Probes whose refusal no written source requires (good practice only). */
const GOOD_PRACTICE_PROBES: ReadonlySet<ErrorProbe> = new Set(['missing-status', 'too-many-identifiers', 'unknown-parameter']);

const PROBES: Record<ErrorProbe, { ruleId: string; what: Message }> = {
  'missing-status': { ruleId: 'SAS-ERR-001', what: { fr: 'recherche sans le critère status', en: 'search without the status criterion' } },
  'malformed-date': {
    ruleId: 'SAS-ERR-002',
    what: { fr: `recherche avec une date mal formée (${MALFORMED_DATE})`, en: `search with a malformed date (${MALFORMED_DATE})` },
  },
  'too-many-identifiers': {
    ruleId: 'SAS-ERR-003',
    what: { fr: 'recherche avec 26 identifiants (25 au plus)', en: 'search with 26 identifiers (25 at most)' },
  },
  'unknown-parameter': {
    ruleId: 'SAS-ERR-004',
    what: {
      fr: `recherche avec un paramètre inconnu (${UNKNOWN_PARAMETER}, Prefer: handling=strict)`,
      en: `search with an unknown parameter (${UNKNOWN_PARAMETER}, Prefer: handling=strict)`,
    },
  },
  'unknown-identifier': {
    ruleId: 'SAS-ERR-005',
    what: { fr: 'recherche d’un identifiant inconnu de l’éditeur', en: 'search for an identifier the editor does not know' },
  },
};

function names(useCase: UseCase): { start: string; status: string } {
  return useCase === 'sos'
    ? { start: '_has:Slot:schedule:start', status: '_has:Slot:schedule:status' }
    : { start: 'start', status: 'status' };
}

/** The request options of a probe (pure). */
export function probeRequest(
  probe: ErrorProbe,
  useCase: UseCase,
): { identifiers?: number; keys?: string[]; request?: SearchRequestSpec; headers?: Record<string, string> } {
  const n = names(useCase);
  switch (probe) {
    case 'missing-status':
      return { request: { omit: [n.status] } };
    case 'malformed-date':
      return { request: { params: { [n.start]: [`ge${MALFORMED_DATE}`, 'le{le}'] } } };
    case 'too-many-identifiers':
      return { identifiers: 26 };
    case 'unknown-parameter':
      return { request: { params: { [UNKNOWN_PARAMETER]: '1' } }, headers: { prefer: 'handling=strict' } };
    case 'unknown-identifier':
      return { keys: [], request: { unknownIdentifiers: 1 } };
  }
}

function parse(sent: SentExchange): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(sent.fullBody ?? '');
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function observed(sent: SentExchange): string {
  const x = sent.exchange;
  if (!x.response) return `${x.outcome}${x.error?.code ? ` ${x.error.code}` : ''}`;
  const type = x.response.headers['content-type'];
  return `HTTP ${x.response.status}${type ? `, ${type.split(';')[0]}` : ''}`;
}

/** Pure: the findings of one probe's exchange. */
export function judgeProbe(probe: ErrorProbe, sent: SentExchange): Finding[] {
  const { ruleId, what } = PROBES[probe];
  const loc = `errorContract[${probe}]`;
  const obs = observed(sent);
  const status = sent.exchange.response?.status;
  const body = parse(sent);
  if (probe === 'unknown-identifier') {
    const r = [REQ.emptyResult, REQ.kitEmptyBundle];
    if (status !== 200 || body?.resourceType !== 'Bundle' || body.type !== 'searchset') {
      return [
        tfinding(
          'error',
          ruleId,
          loc,
          {
            fr: `${what.fr} : ${obs}, ${String(body?.resourceType ?? 'pas de JSON FHIR')} — attendu HTTP 200 et un Bundle searchset vide (« pas de résultat » n’est pas une erreur)`,
            en: `${what.en}: ${obs}, ${String(body?.resourceType ?? 'no FHIR JSON')} — expected HTTP 200 and an empty searchset Bundle ("no result" is not an error)`,
          },
          r,
        ),
      ];
    }
    const entries = Array.isArray(body.entry) ? (body.entry as Record<string, unknown>[]) : [];
    const matches = entries.filter((e) => (e?.search as { mode?: unknown } | undefined)?.mode === 'match');
    const slotLike = entries.filter((e) =>
      ['Slot', 'Schedule'].includes(String((e?.resource as { resourceType?: unknown } | undefined)?.resourceType)),
    );
    if (matches.length > 0 || slotLike.length > 0 || (typeof body.total === 'number' && body.total > 0)) {
      return [
        tfinding(
          'error',
          ruleId,
          `${loc}.Bundle.total`,
          {
            fr: `${what.fr} : le Bundle contient des résultats (total ${String(body.total)}, ${entries.length} entrée(s)) — attendu total 0 et aucune entrée`,
            en: `${what.en}: the Bundle carries results (total ${String(body.total)}, ${entries.length} entr(y/ies)) — expected total 0 and no entry`,
          },
          r,
        ),
      ];
    }
    if (body.total !== 0) {
      return [
        tfinding(
          'warning',
          ruleId,
          `${loc}.Bundle.total`,
          {
            fr: `${what.fr} : Bundle vide sans total — écrire total: 0`,
            en: `${what.en}: empty Bundle without total — write total: 0`,
          },
          r,
        ),
      ];
    }
    return [
      tfinding(
        'information',
        ruleId,
        loc,
        { fr: `${what.fr} : ${obs}, searchset vide (total 0)`, en: `${what.en}: ${obs}, empty searchset (total 0)` },
        r,
      ),
    ];
  }
  const r = [REQ.errorContract];
  if (status === undefined) {
    return [tfinding('error', ruleId, loc, { fr: `${what.fr} : pas de réponse (${obs})`, en: `${what.en}: no answer (${obs})` }, r)];
  }
  const failed = status >= 400 && status < 600;
  if (!failed) {
    const accepted = status >= 200 && status < 300;
    if (GOOD_PRACTICE_PROBES.has(probe)) {
      return [
        tfinding(
          'warning',
          ruleId,
          `${loc}.status`,
          {
            fr: `${what.fr} : ${obs}${accepted ? ' — la requête a été servie' : ''} ; bonne pratique (aucune source ne l’exige) : la refuser avec un 400 et un OperationOutcome`,
            en: `${what.en}: ${obs}${accepted ? ' — the request was served' : ''}; good practice (no source requires it): refuse it with a 400 and an OperationOutcome`,
          },
          [REFUSE_GOOD_PRACTICE],
        ),
      ];
    }
    return [
      tfinding(
        'error',
        ruleId,
        `${loc}.status`,
        {
          fr: `${what.fr} : ${obs}${accepted ? ' — la requête invalide a été acceptée' : ''} ; une recherche en échec répond 4xx ou 5xx avec un OperationOutcome (IG), 400 de préférence`,
          en: `${what.en}: ${obs}${accepted ? ' — the invalid request was accepted' : ''}; a failed search answers 4xx or 5xx with an OperationOutcome (IG), preferably 400`,
        },
        r,
      ),
    ];
  }
  if (body?.resourceType !== 'OperationOutcome') {
    return [
      tfinding(
        'error',
        'SAS-ERR-006',
        `${loc}.body`,
        {
          fr: `${what.fr} : ${obs} sans OperationOutcome dans le corps — décrire l’erreur dans un OperationOutcome (issue.diagnostics)`,
          en: `${what.en}: ${obs} without an OperationOutcome body — describe the error in an OperationOutcome (issue.diagnostics)`,
        },
        r,
      ),
    ];
  }
  if (status >= 500) {
    return [
      tfinding(
        'warning',
        ruleId,
        `${loc}.status`,
        {
          fr: `${what.fr} : ${obs} avec OperationOutcome — conforme à l’IG (4xx/5xx) ; bonne pratique : 400, l’erreur vient de la requête, pas du serveur`,
          en: `${what.en}: ${obs} with an OperationOutcome — conforms to the IG (4xx/5xx); good practice: 400, the error is the request's, not the server's`,
        },
        [PREFER_400],
      ),
    ];
  }
  return [
    tfinding(
      'information',
      ruleId,
      loc,
      { fr: `${what.fr} : ${obs} avec OperationOutcome`, en: `${what.en}: ${obs} with an OperationOutcome` },
      r,
    ),
  ];
}

function probesOf(tc: TestCase): ErrorProbe[] {
  const p = tc.params as { probe?: ErrorProbe; probes?: ErrorProbe[] } | undefined;
  if (p?.probe) return [p.probe];
  return p?.probes ?? [...ERROR_PROBES];
}

/** A probe answered 404 while the plain search is 404 too: its refusal says nothing about the error contract. */
function noSearchFinding(probe: ErrorProbe, why: Message): Finding {
  const { ruleId, what } = PROBES[probe];
  return tfinding(
    'error',
    ruleId,
    `errorContract[${probe}].status`,
    {
      fr: `${what.fr} : HTTP 404, comme la recherche de référence elle-même — ce n'est pas un refus : ${why.fr}`,
      en: `${what.en}: HTTP 404, like the reference search itself — not a refusal: ${why.en}`,
    },
    [REQ.errorContract],
  );
}

/** The request of one probe, as sent (the probe's own headers over the search's), or why none can be built. */
function probeTarget(
  tc: TestCase,
  ctx: Pick<PlanEnv, 'jdd' | 'now' | 'baseUrl'>,
  probe: ErrorProbe,
): ReferenceRequest | { notApplicable: Message } {
  const spec = probeRequest(probe, tc.useCase);
  const req = referenceRequest(tc, ctx, spec);
  if ('notApplicable' in req) return req;
  return { ...req, headers: { ...req.headers, ...(spec.headers ?? {}) } };
}

/** What the case will send (`run --dry-run`): one request per probe, in order. */
export function planErrorContract(tc: TestCase, env: PlanEnv): CasePlan {
  const steps: CasePlan['steps'] = [];
  for (const probe of probesOf(tc)) {
    const req = probeTarget(tc, env, probe);
    if ('notApplicable' in req) return { steps: [], notApplicable: req.notApplicable };
    steps.push({ request: { method: 'GET', url: req.url, headers: req.headers }, note: PROBES[probe].what });
  }
  return { steps };
}

export async function runErrorContract(tc: TestCase, ctx: TransportContext): Promise<TransportOutcome> {
  const judged: { probe: ErrorProbe; sent: SentExchange }[] = [];
  for (const probe of probesOf(tc)) {
    const req = probeTarget(tc, ctx, probe);
    if ('notApplicable' in req) return { findings: [], exchanges: [], notApplicable: req.notApplicable };
    const sent = await ctx.client.send({ url: req.url, headers: req.headers, label: `error-contract ${probe}` });
    judged.push({ probe, sent });
  }
  const exchanges: Exchange[] = judged.map((j) => j.sent.exchange);
  // A 404 is read as a refusal only once the plain search is known to be served (sent once per run).
  const plain = judged.some((j) => j.sent.exchange.response?.status === 404) ? await plainReferenceSearch(tc.useCase, ctx) : undefined;
  if (plain && servesNoSearch(plain)) {
    const why = noSearchMessage(ctx.baseUrl, plain);
    const findings = judged.flatMap(({ probe, sent }) =>
      sent.exchange.response?.status === 404 ? [noSearchFinding(probe, why)] : judgeProbe(probe, sent),
    );
    return { findings: [baseUrlFinding(why, tc.requirements), ...findings], exchanges: [...exchanges, plain.exchange] };
  }
  return { findings: judged.flatMap(({ probe, sent }) => judgeProbe(probe, sent)), exchanges };
}

export function errorContractKind(deps: TransportDeps): CaseKind {
  return {
    kind: 'error-contract',
    paramsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        probe: { enum: [...ERROR_PROBES], description: 'the one invalid request this case sends' },
        probes: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { enum: [...ERROR_PROBES] },
          description: 'several probes in one case (default: all)',
        },
      },
    },
    run: (tc, env) => runErrorContract(tc, { ...env, ...deps }),
    plan: planErrorContract,
  };
}
