/**
 * The steps regulator-account scenarios are made of — create an account (POST), update it (conditional
 * PUT), send a payload that must be refused, read an account back — each one request, judged at once,
 * its findings added to the case and the accounts it creates recorded in the run's session (for the
 * clean-up and for flux V3).
 */
import { flowFinding } from '../context.js';
import type { Message } from '../../core/findings.js';
import type { CreatedRegulator } from '../context.js';
import {
  judgeReadBack,
  judgeRefusal,
  judgeWrite,
  isFhirId,
  type ReadBackExpectation,
  type RefusalRule,
  type SoftRule,
  type StepInfo,
  type WriteKind,
} from './judge.js';
import {
  describeIdentifier,
  fieldsOf,
  freshIdentifier,
  regulatorPayload,
  type AccountFields,
  type AccountIdentifier,
  type Practitioner,
} from './payloads.js';
import { REG, REGUL_SYSTEM, type IdentifierType } from './rules.js';
import { base, conditionalUrl, request, Stop, type RegCtx } from './wire.js';

/** An account of the case: how it is addressed, what it holds, and its id on the editor when known. */
export interface Account {
  identifier: AccountIdentifier;
  fields: AccountFields;
  active: boolean;
  /** Id read from the create's Location. */
  id?: string;
  record?: CreatedRegulator;
}

function typeOfSystem(system: string): IdentifierType {
  return system === REGUL_SYSTEM.idnps ? 'IDNPS' : 'INTRN';
}

/** Records an account the editor accepted, with the body the clean-up will resend (active=false). */
export function remember(ctx: RegCtx, id: { system: string; value: string }, active: boolean, fields: AccountFields): CreatedRegulator {
  const type = typeOfSystem(id.system);
  const record: CreatedRegulator = { key: ctx.identity.key, system: id.system, value: id.value, type, active, caseId: ctx.tc.id };
  ctx.session.regulators.push(record);
  ctx.state.bodies.set(record, regulatorPayload([{ type, system: id.system, value: id.value }], active, fields));
  return record;
}

/** After an accepted update: the record follows the account (identifier, active, body). */
function follow(ctx: RegCtx, account: Account): void {
  const r = account.record;
  if (!r) return;
  r.system = account.identifier.system;
  r.value = account.identifier.value;
  r.type = account.identifier.type;
  r.active = account.active;
  ctx.state.bodies.set(r, regulatorPayload([account.identifier], account.active, account.fields));
}

export function step(key: string, what: Message, requirements: string[]): StepInfo {
  return { key, what, requirements };
}

/** POST a valid account; `setup`: the case cannot go on without it (a failure stops the case). */
export async function createAccount(
  ctx: RegCtx,
  type: IdentifierType,
  opts: { key?: string; requirements: string[]; setup?: boolean; fields?: AccountFields },
): Promise<Account | undefined> {
  const identifier = freshIdentifier(type);
  const fields = opts.fields ?? fieldsOf(ctx.identity);
  const body = regulatorPayload([identifier], true, fields);
  const key = opts.key ?? (opts.setup ? 'setup-create' : 'create');
  const info = step(
    key,
    {
      fr: `${opts.setup ? 'préparation, ' : ''}création du compte ${describeIdentifier(identifier)} (POST Practitioner)`,
      en: `${opts.setup ? 'set-up, ' : ''}creation of account ${describeIdentifier(identifier)} (POST Practitioner)`,
    },
    opts.requirements,
  );
  const a = await request(ctx, {
    method: 'POST',
    url: `${base(ctx)}/Practitioner`,
    body,
    intent: { label: `create ${type}` },
    label: `${opts.setup ? 'setup: ' : ''}POST Practitioner (${type})`,
  });
  const judged = judgeWrite(a, 'create', info, base(ctx));
  ctx.findings.push(...judged.findings);
  if (!judged.ok) {
    if (opts.setup) throw new Stop();
    return undefined;
  }
  const record = remember(ctx, identifier, true, fields);
  return { identifier, fields, active: true, record, ...(judged.id ? { id: judged.id } : {}) };
}

/**
 * Conditional PUT of `body` addressed by `address`. On success the account takes the new state and
 * `next` (identifier, fields, active). A Location naming another account than the one addressed is
 * an error (sas-v1@4, @9).
 */
export async function updateAccount(
  ctx: RegCtx,
  account: Account,
  next: { identifier?: AccountIdentifier; fields?: AccountFields; active?: boolean },
  info: StepInfo,
  opts: { setup?: boolean; address?: AccountIdentifier; kind?: WriteKind; soft?: SoftRule } = {},
): Promise<{ ok: boolean; id?: string }> {
  const address = opts.address ?? account.identifier;
  const identifier = next.identifier ?? account.identifier;
  const fields = next.fields ?? account.fields;
  const active = next.active ?? account.active;
  const body = regulatorPayload([identifier], active, fields);
  const a = await request(ctx, {
    method: 'PUT',
    url: conditionalUrl(base(ctx), address.system, address.value),
    body,
    intent: { label: info.key },
    label: `${opts.setup ? 'setup: ' : ''}PUT Practitioner?identifier=${address.type} (${info.key})`,
  });
  const judged = judgeWrite(a, opts.kind ?? 'update', info, base(ctx), opts.soft);
  ctx.findings.push(...judged.findings);
  if (!judged.ok) {
    if (opts.setup) throw new Stop();
    return { ok: false };
  }
  if (account.id && judged.id && judged.id !== account.id) {
    ctx.findings.push(
      flowFinding(
        opts.soft ? 'warning' : 'error',
        opts.soft?.ruleId ?? REG.sameAccount,
        `${info.key}.HTTP.header.location`,
        {
          fr: `${info.what.fr}\u00a0: Location désigne le compte ${judged.id}, pas le compte ${account.id} attendu pour ${describeIdentifier(address)} — la mise à jour conditionnelle doit atteindre le compte qui porte cet identifiant${opts.soft ? ` (${opts.soft.why.fr})` : ''}`,
          en: `${info.what.en}: Location names account ${judged.id}, not account ${account.id} expected for ${describeIdentifier(address)} — the conditional update must reach the account that carries this identifier${opts.soft ? ` (${opts.soft.why.en})` : ''}`,
        },
        info.requirements,
      ),
    );
  }
  account.identifier = identifier;
  account.fields = fields;
  account.active = active;
  if (!account.id && judged.id) account.id = judged.id;
  follow(ctx, account);
  return { ok: true, ...(judged.id ? { id: judged.id } : {}) };
}

/** Sends a payload that is to be refused; an accepted one that carries an identifier is recorded for the clean-up. */
export async function sendRefusable(
  ctx: RegCtx,
  req: {
    method: 'POST' | 'PUT';
    address?: AccountIdentifier;
    body: Practitioner;
    carries?: { system: string; value: string };
    engineLocation?: string;
  },
  info: StepInfo,
  rule: RefusalRule,
): Promise<{ accepted: boolean; id?: string }> {
  const url =
    req.method === 'POST' || !req.address ? `${base(ctx)}/Practitioner` : conditionalUrl(base(ctx), req.address.system, req.address.value);
  const a = await request(ctx, {
    method: req.method,
    url,
    body: req.body,
    intent: { label: info.key, ...(req.engineLocation ? { engineLocation: req.engineLocation } : {}) },
    label: `${req.method} Practitioner${req.address ? `?identifier=${req.address.type}` : ''} (${info.key})`,
  });
  const judged = judgeRefusal(a, info, rule, base(ctx));
  ctx.findings.push(...judged.findings);
  if (judged.accepted && req.carries) remember(ctx, req.carries, true, fieldsOf(ctx.identity));
  return { accepted: judged.accepted, ...(judged.id ? { id: judged.id } : {}) };
}

/** GET [base]/Practitioner/<id> and judge what it shows against the update just made. */
export async function readBack(ctx: RegCtx, account: Account, info: StepInfo, expectation: ReadBackExpectation): Promise<void> {
  if (!isFhirId(account.id)) {
    ctx.findings.push(...judgeReadBack(undefined, info, expectation));
    return;
  }
  const a = await request(ctx, {
    method: 'GET',
    url: `${base(ctx)}/Practitioner/${account.id}`,
    label: `read-back Practitioner/${account.id}`,
  });
  ctx.findings.push(...judgeReadBack(a, info, expectation));
}

/** The read-back expectations of the usual updates. */
function values(resource: Record<string, unknown>, field: string, pick: (x: Record<string, unknown>) => unknown[]): string[] {
  const list = resource[field];
  if (!Array.isArray(list)) return [];
  return list
    .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
    .flatMap(pick)
    .filter((v): v is string => typeof v === 'string');
}

function compare(shown: string[], sent: string, previous: string): { shows: string; state: 'applied' | 'previous' | 'other' } {
  const shows = shown.length === 0 ? '(none)' : shown.join(', ');
  if (shown.includes(sent)) return { shows, state: 'applied' };
  return { shows, state: shown.includes(previous) ? 'previous' : 'other' };
}

export const expectRead = {
  active: (sent: boolean): ReadBackExpectation => ({
    element: 'Practitioner.active',
    sent: String(sent),
    previous: String(!sent),
    read: (r) => ({ shows: String(r.active), state: r.active === sent ? 'applied' : r.active === !sent ? 'previous' : 'other' }),
  }),
  email: (sent: string, previous: string): ReadBackExpectation => ({
    element: 'Practitioner.telecom',
    sent,
    previous,
    read: (r) =>
      compare(
        values(r, 'telecom', (t) => (t.system === 'email' ? [t.value] : [])),
        sent,
        previous,
      ),
  }),
  family: (sent: string, previous: string): ReadBackExpectation => ({
    element: 'Practitioner.name.family',
    sent,
    previous,
    read: (r) =>
      compare(
        values(r, 'name', (n) => [n.family]),
        sent,
        previous,
      ),
  }),
  given: (sent: string, previous: string): ReadBackExpectation => ({
    element: 'Practitioner.name.given',
    sent,
    previous,
    read: (r) =>
      compare(
        values(r, 'name', (n) => (Array.isArray(n.given) ? n.given : [])),
        sent,
        previous,
      ),
  }),
  identifier: (sent: AccountIdentifier, previous: AccountIdentifier): ReadBackExpectation => ({
    element: 'Practitioner.identifier',
    sent: `${sent.system}|${sent.value}`,
    previous: `${previous.system}|${previous.value}`,
    read: (r) =>
      compare(
        values(r, 'identifier', (i) => [`${String(i.system)}|${String(i.value)}`]),
        `${sent.system}|${sent.value}`,
        `${previous.system}|${previous.value}`,
      ),
  }),
};
