/**
 * How a regulator-account case talks to the editor's endpoint: the case's context (its evidence and
 * findings so far), the requests (POST `[base]/Practitioner`, conditional PUT
 * `[base]/Practitioner?identifier=system|value`, read `GET [base]/Practitioner/<id>`), each payload
 * pre-validated before it leaves, and what stops a case: no answer (a transport finding: the case is
 * `error`), a fault of the tool (harnessFault), the run's deadline.
 */
import { flowFinding } from '../context.js';
import { finding, type Finding, type Message } from '../../core/findings.js';
import type { Exchange } from '../../core/model.js';
import type { TestCase } from '../../cahier/types.js';
import type { KindEnv } from '../../cahier/kinds.js';
import type { HttpClient, SentExchange } from '../../http/types.js';
import type { JddRegulator } from '../../jdd/types.js';
import { STOPPED_BEFORE_SENDING } from '../../transport/context.js';
import type { CreatedRegulator, FlowDeps, FlowSession } from '../context.js';
import type { Practitioner } from './payloads.js';
import { preValidate, type Intent } from './prevalidate.js';
import { REG } from './rules.js';

/** What a run's regulator cases keep beside the session: the last body sent for each account (the clean-up resends it). */
export interface RegulatorState {
  bodies: Map<CreatedRegulator, Practitioner>;
  /** Accounts a second POST was accepted for: two accounts may carry the identifier. */
  duplicated: Set<CreatedRegulator>;
}

/** What sending needs: the case, the run's environment and client, and the case's evidence and findings so far. */
export interface WireCtx {
  tc: TestCase;
  env: KindEnv;
  deps: FlowDeps;
  client: HttpClient;
  exchanges: Exchange[];
  findings: Finding[];
  /** Some payload went out without pre-validation (said once per case). */
  unchecked: boolean;
}

/** A regulator-account case: besides sending, the run's session and the JDD identity its accounts are made of. */
export interface RegCtx extends WireCtx {
  session: FlowSession;
  state: RegulatorState;
  identity: JddRegulator;
  identities: readonly JddRegulator[];
}

/** Ends a case early: the findings say why (an editor's failure), or `harnessFault` does (the tool's). */
export class Stop extends Error {
  constructor(readonly harnessFault?: Message) {
    super(harnessFault?.en ?? 'stopped');
  }
}

export interface Answer {
  sent: SentExchange;
  status: number;
  /** Parsed body, when it is JSON. */
  json: unknown;
}

const FHIR = 'application/fhir+json';

export function base(ctx: WireCtx): string {
  return ctx.env.baseUrl.replace(/\/+$/, '');
}

/** The headers of a request on a regulator account (also shown by `run --dry-run`). */
export function accountHeaders(hasBody: boolean): Record<string, string> {
  return { accept: FHIR, ...(hasBody ? { 'content-type': FHIR } : {}) };
}

/** `[base]/Practitioner?identifier=system%7Cvalue` (system and value percent-encoded, `:` kept readable). */
export function conditionalUrl(baseUrl: string, system: string, value: string): string {
  return `${baseUrl}/Practitioner?identifier=${encodeURIComponent(`${system}|${value}`).replace(/%3A/gi, ':')}`;
}

export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The finding an exchange without a usable answer stands for: the case is `error` (not judged). */
function noAnswer(x: Exchange, requirements: string[]): Finding {
  const detail = x.error ? `${x.error.code ? `${x.error.code}: ` : ''}${x.error.message}` : x.outcome;
  return finding(
    'error',
    `HTTP-${x.outcome.toUpperCase()}`,
    'transport',
    `HTTP ${x.request.method} ${x.request.url}`,
    {
      fr: `pas de réponse utilisable (${x.outcome})\u00a0: ${detail}`,
      en: `no usable answer (${x.outcome}): ${detail}`,
    },
    { requirements },
  );
}

/** Before a request leaves: the run's deadline, then the payload's pre-validation (a fault stops the case). */
export function beforeSending(ctx: WireCtx, body: Practitioner | undefined, intent: Intent | undefined): void {
  if (ctx.env.signal?.aborted) throw new Stop(STOPPED_BEFORE_SENDING);
  if (!body || !intent) return;
  const pre = preValidate(ctx.deps.definitions, body, intent);
  if (pre.verdict === 'fault') throw new Stop(pre.fault);
  if (pre.verdict === 'unchecked' && !ctx.unchecked) {
    ctx.unchecked = true;
    ctx.findings.push(
      flowFinding(
        'information',
        REG.preValidation,
        'Practitioner',
        {
          fr: 'charges utiles envoyées sans validation préalable contre FrPractitionerRegul (définitions de l’IG non chargées)',
          en: 'payloads sent without being validated against FrPractitionerRegul first (IG definitions not loaded)',
        },
        ctx.tc.requirements,
        { notChecked: true },
      ),
    );
  }
}

/**
 * Sends one request of the case and keeps it as evidence. No answer → a transport finding and Stop;
 * a request the tool could not even send → Stop with a harness fault.
 */
export async function request(
  ctx: WireCtx,
  req: { method: 'GET' | 'POST' | 'PUT'; url: string; body?: Practitioner; intent?: Intent; label: string },
  client: HttpClient = ctx.client,
): Promise<Answer> {
  beforeSending(ctx, req.body, req.intent);
  const sent = await client.send({
    method: req.method,
    url: req.url,
    headers: accountHeaders(req.body !== undefined),
    ...(req.body ? { body: JSON.stringify(req.body) } : {}),
    label: req.label,
  });
  ctx.exchanges.push(sent.exchange);
  const x = sent.exchange;
  if (x.outcome === 'other') {
    throw new Stop({
      fr: `sas-recette n'a pas pu envoyer la requête ${req.label}\u00a0: ${x.error?.message ?? x.outcome}`,
      en: `sas-recette could not send the request ${req.label}: ${x.error?.message ?? x.outcome}`,
    });
  }
  if (x.outcome !== 'ok' || !x.response) {
    ctx.findings.push(noAnswer(x, ctx.tc.requirements));
    throw new Stop();
  }
  return { sent, status: x.response.status, json: parseJson(sent.bodyProblem ? undefined : sent.fullBody) };
}
