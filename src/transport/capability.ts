/**
 * `capability-statement`: GET [base]/metadata must be a FHIR R4 CapabilityStatement declaring the
 * search of the use case as the IG's SAS-GestionnaireAgenda-* statement does. No metadata is a
 * warning (the SAS platform does not read it); a wrong resource or FHIR version is an error. No
 * metadata while the plain reference search is 404 too means the base URL serves no FHIR at all: the
 * case is `error` with that reason, not a warning that passes.
 */
import type { Finding } from '../core/findings.js';
import type { TestCase } from '../cahier/types.js';
import type { CaseKind, CasePlan, PlanEnv } from '../cahier/kinds.js';
import { compareCapability, expectedFromIg, fallbackExpectation, findIgStatement, IG_STATEMENT_IDS } from './capability-compare.js';
import { tfinding, type TransportContext, type TransportDeps, type TransportOutcome } from './context.js';
import { baseUrlFinding, noSearchMessage, plainReferenceSearch, servesNoSearch } from './base-url-check.js';
import { baseOf } from './reference-request.js';
import { REQ } from './requirements.js';

/** GET [base]/metadata, as the case sends it. */
export function metadataRequest(ctx: Pick<PlanEnv, 'baseUrl'>): { url: string; headers: Record<string, string> } {
  return { url: `${baseOf(ctx)}/metadata`, headers: { accept: 'application/fhir+json' } };
}

/** What the case will send (`run --dry-run`). */
export function planCapabilityStatement(_tc: TestCase, env: PlanEnv): CasePlan {
  return {
    steps: [
      { request: { method: 'GET', ...metadataRequest(env) } },
      {
        conditional: true,
        note: {
          fr: 'si [base]/metadata ne répond pas 2xx\u00a0: la recherche de référence (envoyée une fois par recette, avant les cas) dit si l’URL de base sert la recherche FHIR',
          en: 'when [base]/metadata does not answer 2xx: the reference search (sent once per run, before the cases) tells whether the base URL serves the FHIR search',
        },
      },
    ],
  };
}

export async function runCapabilityStatement(tc: TestCase, ctx: TransportContext): Promise<TransportOutcome> {
  const sent = await ctx.client.send({ ...metadataRequest(ctx), label: 'metadata' });
  const x = sent.exchange;
  const findings: Finding[] = [];
  if (x.outcome !== 'ok' || !x.response) {
    // No HTTP answer at all (refused, timeout, TLS…): the endpoint could not be asked, which says
    // nothing about whether it publishes a CapabilityStatement — never "just missing".
    const what = `${x.outcome}${x.error?.code ? ` ${x.error.code}` : ''}`;
    findings.push(
      tfinding(
        'error',
        'SAS-CAP-009',
        'CapabilityStatement',
        {
          fr: `[base]/metadata n'a pas répondu (${what}) : le point d'accès doit répondre en HTTP pour que sa CapabilityStatement soit vérifiée`,
          en: `[base]/metadata did not answer (${what}): the endpoint must answer over HTTP for its CapabilityStatement to be checked`,
        },
        [REQ.capability],
      ),
    );
    return { findings, exchanges: [x] };
  }
  if (x.response.status < 200 || x.response.status >= 300) {
    const what = `HTTP ${x.response.status}`;
    const plain = await plainReferenceSearch(tc.useCase, ctx);
    if (plain && servesNoSearch(plain)) {
      const why = noSearchMessage(ctx.baseUrl, plain, sent);
      findings.push(tfinding('error', 'SAS-CAP-001', 'CapabilityStatement', why, [REQ.capability]));
      return { findings: [baseUrlFinding(why, tc.requirements), ...findings], exchanges: [x, plain.exchange] };
    }
    findings.push(
      tfinding(
        'warning',
        'SAS-CAP-001',
        'CapabilityStatement',
        {
          fr: `pas de CapabilityStatement à [base]/metadata (${what}) : une API FHIR REST devrait en publier une`,
          en: `no CapabilityStatement at [base]/metadata (${what}): a FHIR REST API should publish one`,
        },
        [REQ.capability],
      ),
    );
    return { findings, exchanges: [x] };
  }
  let body: unknown;
  try {
    body = JSON.parse(sent.fullBody ?? '');
  } catch {
    body = undefined;
  }
  const statement = findIgStatement(ctx.definitions, tc.useCase);
  const igId = IG_STATEMENT_IDS[tc.useCase];
  if (!statement) {
    findings.push(
      tfinding(
        'information',
        'SAS-CAP-007',
        'CapabilityStatement',
        {
          fr: `CapabilityStatement ${igId} de l'IG indisponible (paquet FHIR non chargé) : seule la recherche ${tc.useCase === 'sos' ? 'Schedule' : 'Slot'} est vérifiée`,
          en: `IG CapabilityStatement ${igId} not available (FHIR package not loaded): only the ${tc.useCase === 'sos' ? 'Schedule' : 'Slot'} search is checked`,
        },
        [REQ.capabilitySearch],
        { notChecked: true },
      ),
    );
  }
  const expected = statement ? expectedFromIg(statement, ctx.definitions) : fallbackExpectation(tc.useCase);
  findings.push(...compareCapability(body, expected, statement ? igId : undefined, tc.useCase === 'sos' ? 'Schedule' : 'Slot'));
  return { findings, exchanges: [x] };
}

export function capabilityKind(deps: TransportDeps): CaseKind {
  return {
    kind: 'capability-statement',
    paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
    run: (tc, env) => runCapabilityStatement(tc, { ...env, ...deps }),
    plan: planCapabilityStatement,
  };
}
