/**
 * Flux V1 — regulator accounts (INT_R02: the SAS platform calls the editor's FHIR endpoint) as case
 * kinds: `regulator-account` plays one scenario (`params.scenario`, with `params.defect` for the
 * negative payloads), `regulator-cleanup` deactivates what the run created. The accounts a run
 * creates are shared through the session (clean-up, flux V3).
 */
import type { Message } from '../../core/findings.js';
import type { CaseKind, CasePlan, KindEnv, KindOutcome, PlanEnv } from '../../cahier/kinds.js';
import type { TestCase } from '../../cahier/types.js';
import type { FlowDeps, FlowSession } from '../context.js';
import { runCleanup } from './cleanup.js';
import { runNoCertificate } from './no-certificate.js';
import { fieldsOf, PAYLOAD_DEFECTS, regulatorPayload } from './payloads.js';
import { SYSTEM_OF } from './rules.js';
import { DEFECT_SCENARIOS, runScenario, SCENARIOS, type ScenarioParams } from './scenarios.js';
import { accountHeaders, Stop, type RegCtx, type RegulatorState, type WireCtx } from './wire.js';

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

/** The identity a case plays, or why it cannot be played (shared by `run` and `plan`). */
function identityOf(tc: TestCase, env: Pick<KindEnv, 'jdd' | 'baseUrl'>) {
  const p = (tc.params ?? {}) as Partial<ScenarioParams>;
  const identities = env.jdd?.regulators ?? [];
  if (identities.length === 0) return { notApplicable: NO_REGULATORS };
  const identity = p.regulator ? identities.find((r) => r.key === p.regulator) : identities[0];
  if (!identity)
    return { notApplicable: { fr: `le JDD n'a pas de régulateur ${p.regulator}`, en: `the JDD has no regulator ${p.regulator}` } };
  if (p.scenario === 'no-client-certificate' && !/^https:/i.test(env.baseUrl)) return { notApplicable: NOT_HTTPS };
  return { identity, identities };
}

/** The scenarios whose first request is a valid account created from scratch (the dry run shows it). */
const CREATES: Partial<Record<ScenarioParams['scenario'], 'IDNPS' | 'INTRN'>> = {
  'create-idnps': 'IDNPS',
  'create-uuid': 'INTRN',
  'no-client-certificate': 'INTRN',
};

/**
 * What an account case will send (`run --dry-run`). Identifiers are fresh for every run (reruns never
 * collide): the scenarios that start by creating a valid account show that request with a visible
 * placeholder; the others (updates of accounts made earlier in the run, invalid payloads, conditional
 * PUTs) build their requests from the editor's answers and say so.
 */
function planAccountCase(tc: TestCase, env: PlanEnv): CasePlan {
  const p = (tc.params ?? {}) as Partial<ScenarioParams>;
  const who = identityOf(tc, env);
  if (!who.identity) return { steps: [], notApplicable: who.notApplicable };
  const scenario = p.scenario ?? '?';
  const type = p.scenario ? CREATES[p.scenario] : undefined;
  if (!type) {
    return {
      steps: [
        {
          placeholders: true,
          note: {
            fr: `scénario ${scenario}${p.defect ? ` (défaut ${p.defect})` : ''}\u00a0: POST / PUT conditionnel / lecture de Practitioner sur ${env.baseUrl}/Practitioner, construits au moment de la recette à partir d'identifiants neufs et des réponses de l'éditeur (non montrés comme commandes)`,
            en: `scenario ${scenario}${p.defect ? ` (defect ${p.defect})` : ''}: POST / conditional PUT / read of Practitioner on ${env.baseUrl}/Practitioner, built at run time from fresh identifiers and the editor's answers (not shown as commands)`,
          },
        },
      ],
    };
  }
  const value = type === 'INTRN' ? '<uuid generated at run time>' : '<899 + 9 random digits generated at run time>';
  const body = JSON.stringify(regulatorPayload([{ type, system: SYSTEM_OF[type], value }], true, fieldsOf(who.identity)));
  return {
    steps: [
      {
        request: {
          method: 'POST',
          url: `${env.baseUrl.replace(/\/+$/, '')}/Practitioner`,
          headers: accountHeaders(true),
          body,
          ...(p.scenario === 'no-client-certificate' ? { certificate: { none: true } } : {}),
        },
        placeholders: true,
        note: {
          fr: `scénario ${scenario}\u00a0: création d'un compte valide, identifiant ${type} neuf à chaque recette`,
          en: `scenario ${scenario}: creation of a valid account, a fresh ${type} identifier every run`,
        },
      },
    ],
  };
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
  const who = identityOf(tc, env);
  if (!who.identity) return { exchanges: [], findings: [], notApplicable: who.notApplicable };
  const { identity, identities } = who;
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
      plan: planAccountCase,
    },
    {
      kind: 'regulator-cleanup',
      paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
      plan: () => ({
        steps: [
          {
            placeholders: true,
            note: {
              fr: 'désactive (PUT conditionnel, active: false) chaque compte régulateur créé par cette recette\u00a0: identifiants connus au moment de la recette',
              en: 'deactivates (conditional PUT, active: false) every regulator account this run created: identifiers known at run time',
            },
          },
        ],
      }),
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
