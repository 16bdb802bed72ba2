/**
 * Flux V1 — regulator accounts (INT_R02: the SAS platform calls the editor's FHIR endpoint) as case
 * kinds: `regulator-account` plays one scenario (`params.scenario`, with `params.defect` for the
 * negative payloads), `regulator-cleanup` deactivates what the run created. The accounts a run
 * creates are shared through the session (clean-up, flux V3).
 */
import type { Message } from '../../core/findings.js';
import type { CaseKind, KindEnv, KindOutcome } from '../../cahier/kinds.js';
import type { TestCase } from '../../cahier/types.js';
import type { FlowDeps, FlowSession } from '../context.js';
import { runCleanup } from './cleanup.js';
import { runNoCertificate } from './no-certificate.js';
import { PAYLOAD_DEFECTS } from './payloads.js';
import { DEFECT_SCENARIOS, runScenario, SCENARIOS, type ScenarioParams } from './scenarios.js';
import { Stop, type RegCtx, type RegulatorState, type WireCtx } from './wire.js';

export const REGULATOR_ACCOUNT_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['scenario'],
  properties: {
    scenario: { enum: [...SCENARIOS], description: 'the ANS kit test (5.01–5.16) this case plays, fixed' },
    defect: {
      enum: [...PAYLOAD_DEFECTS],
      description: 'the one defect of the payload (create-invalid, update-invalid, put-as-create-invalid)',
    },
    identifier: { enum: ['IDNPS', 'INTRN'], description: 'the identifier the account is created with and addressed by (updates)' },
    regulator: { type: 'string', minLength: 1, description: 'JDD key of the regulator identity (default: the first)' },
  },
  if: { properties: { scenario: { enum: [...DEFECT_SCENARIOS] } } },
  then: { required: ['defect'] },
  else: { not: { required: ['defect'] } },
};

const NO_REGULATORS: Message = {
  fr: 'le JDD ne donne aucune identité de régulateur (regulators)\u00a0: les comptes régulateurs ne peuvent pas être construits',
  en: 'the JDD gives no regulator identity (regulators): the regulator accounts cannot be built',
};

const NOT_HTTPS: Message = {
  fr: "l'URL de base n'est pas en https\u00a0: le TLS mutuel du flux V1 ne peut pas être vérifié",
  en: 'the base URL is not https: the mutual TLS of flux V1 cannot be checked',
};

function wireCtx(tc: TestCase, env: KindEnv, deps: FlowDeps): WireCtx {
  return { tc, env, deps, client: env.client, exchanges: [], findings: [], unchecked: false };
}

/** A case's outcome, whatever stopped it: the evidence sent so far is always kept. */
async function settle(ctx: WireCtx, play: () => Promise<void>): Promise<KindOutcome> {
  try {
    await play();
  } catch (err) {
    if (err instanceof Stop) {
      return { exchanges: ctx.exchanges, findings: ctx.findings, ...(err.harnessFault ? { harnessFault: err.harnessFault } : {}) };
    }
    const text = err instanceof Error ? err.message : String(err);
    return {
      exchanges: ctx.exchanges,
      findings: ctx.findings,
      harnessFault: { fr: `erreur interne de sas-recette\u00a0: ${text}`, en: `sas-recette internal error: ${text}` },
    };
  }
  return { exchanges: ctx.exchanges, findings: ctx.findings };
}

async function runAccountCase(
  tc: TestCase,
  env: KindEnv,
  deps: FlowDeps,
  session: FlowSession,
  state: RegulatorState,
): Promise<KindOutcome> {
  const p = (tc.params ?? {}) as Partial<ScenarioParams>;
  if (!p.scenario) throw new Error(`case ${tc.id}: kind regulator-account needs params.scenario`);
  const identities = env.jdd?.regulators ?? [];
  if (identities.length === 0) return { exchanges: [], findings: [], notApplicable: NO_REGULATORS };
  const identity = p.regulator ? identities.find((r) => r.key === p.regulator) : identities[0];
  if (!identity) {
    return {
      exchanges: [],
      findings: [],
      notApplicable: { fr: `le JDD n'a pas de régulateur ${p.regulator}`, en: `the JDD has no regulator ${p.regulator}` },
    };
  }
  if (p.scenario === 'no-client-certificate' && !/^https:/i.test(env.baseUrl))
    return { exchanges: [], findings: [], notApplicable: NOT_HTTPS };
  const ctx: RegCtx = { ...wireCtx(tc, env, deps), session, state, identity, identities };
  const params = p as ScenarioParams;
  return settle(ctx, () => (params.scenario === 'no-client-certificate' ? runNoCertificate(ctx) : runScenario(ctx, params)));
}

export function regulatorKinds(deps: FlowDeps, session: FlowSession): CaseKind[] {
  const state: RegulatorState = { bodies: new Map(), duplicated: new Set() };
  return [
    {
      kind: 'regulator-account',
      paramsSchema: REGULATOR_ACCOUNT_PARAMS,
      run: (tc, env) => runAccountCase(tc, env, deps, session, state),
    },
    {
      kind: 'regulator-cleanup',
      paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
      run: async (tc, env) => {
        const ctx = wireCtx(tc, env, deps);
        let outcome: KindOutcome | undefined;
        const settled = await settle(ctx, async () => {
          outcome = await runCleanup(ctx, session, state);
        });
        return outcome ?? settled;
      },
    },
  ];
}
