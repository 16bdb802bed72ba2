/**
 * The regulator-account scenarios (flux V1), one per ANS kit test 5.01–5.16 with the kit's faults
 * fixed: fresh identifiers for every account, one defect per negative payload, responses checked
 * (status, Location, OperationOutcome), a read-back after each update, the UUID → IDNPS switch done as
 * the IG's FAQ does it (PUT addressed by the UUID, body carrying the IDNPS), and a duplicate or an
 * IDNPS re-attachment judged at the strength only the kit gives them (SHOULD).
 */
import type { Message } from '../../core/findings.js';
import type { RefusalRule } from './judge.js';
import {
  changedFields,
  DEFECT_SPECS,
  describeIdentifier,
  fieldsOf,
  freshIdentifier,
  invalidPayload,
  regulatorPayload,
  type PayloadDefect,
} from './payloads.js';
import { REG, V1, type IdentifierType } from './rules.js';
import { createAccount, expectRead, readBack, remember, sendRefusable, step, updateAccount, type Account } from './steps.js';
import { Stop, type RegCtx } from './wire.js';

export const SCENARIOS = [
  'create-idnps',
  'create-uuid',
  'create-duplicate',
  'create-invalid',
  'deactivate',
  'reactivate',
  'update-email',
  'update-national-id',
  'uuid-to-idnps',
  'update-family',
  'update-given',
  'update-invalid',
  'put-as-create-invalid',
  'put-as-create',
  'idnps-reattach',
  'no-client-certificate',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Scenarios that send a payload with one defect (`params.defect`). */
export const DEFECT_SCENARIOS: readonly Scenario[] = ['create-invalid', 'update-invalid', 'put-as-create-invalid'];

export interface ScenarioParams {
  scenario: Scenario;
  defect?: PayloadDefect;
  /** The identifier the account is created with and addressed by (updates; default per scenario). */
  identifier?: IdentifierType;
  /** JDD key of the regulator identity (default: the JDD's first). */
  regulator?: string;
}

function requireAccount(a: Account | undefined): Account {
  if (!a) throw new Stop();
  return a;
}

function createReq(type: IdentifierType): string[] {
  return [type === 'IDNPS' ? V1.createIdnps : V1.createUuid, V1.createLocation];
}

const UPDATE_REQS = [V1.update, V1.bothSystems];

function refusalRule(defect: PayloadDefect, kit: string): RefusalRule {
  const spec = DEFECT_SPECS[defect];
  return spec.strength === 'SHALL'
    ? {
        strength: 'SHALL',
        ruleId: REG.invalidRefused,
        why: {
          fr: `le compte est invalide (${spec.what.fr})\u00a0: FrPractitionerRegul ou FHIR l'interdit`,
          en: `the account is invalid (${spec.what.en}): FrPractitionerRegul or FHIR forbids it`,
        },
      }
    : {
        strength: 'MAY',
        ruleId: REG.kitOnlyFields,
        why: {
          fr: `seul le kit ANS (${kit}) demande ce refus\u00a0; FrPractitionerRegul\u00a0: name et telecom 0..*`,
          en: `only the ANS kit (${kit}) asks for this refusal; FrPractitionerRegul: name and telecom 0..*`,
        },
      };
}

function defectOf(p: ScenarioParams): PayloadDefect {
  if (!p.defect) throw new Error(`scenario ${p.scenario} needs params.defect`);
  return p.defect;
}

async function create(ctx: RegCtx, type: IdentifierType): Promise<void> {
  await createAccount(ctx, type, { requirements: createReq(type) });
}

async function duplicate(ctx: RegCtx): Promise<void> {
  const acc = requireAccount(await createAccount(ctx, 'INTRN', { setup: true, requirements: createReq('INTRN') }));
  const r = await sendRefusable(
    ctx,
    { method: 'POST', body: regulatorPayload([acc.identifier], true, acc.fields) },
    step(
      'duplicate-post',
      {
        fr: `second POST du même compte ${describeIdentifier(acc.identifier)}`,
        en: `second POST of the same account ${describeIdentifier(acc.identifier)}`,
      },
      [V1.duplicate],
    ),
    {
      strength: 'SHOULD',
      ruleId: REG.duplicate,
      why: {
        fr: "le kit ANS (5.03) attend le refus d'un doublon, l'IG ne le dit pas",
        en: 'the ANS kit (5.03) expects a duplicate to be refused, the IG does not say so',
      },
    },
  );
  if (r.accepted && acc.record) ctx.state.duplicated.add(acc.record);
}

/** The step of a payload with one defect; `how` ends where the defect is named (`… of an account`, `…, body`). */
function invalidStep(defect: PayloadDefect, how: Message, kit: string) {
  const spec = DEFECT_SPECS[defect];
  return step(`invalid-${defect}`, { fr: `${how.fr} ${spec.what.fr} (kit ${kit})`, en: `${how.en} ${spec.what.en} (kit ${kit})` }, [
    spec.requirement,
  ]);
}

async function createInvalid(ctx: RegCtx, defect: PayloadDefect): Promise<void> {
  const { body, carries } = invalidPayload(defect, freshIdentifier('INTRN'), fieldsOf(ctx.identity));
  await sendRefusable(
    ctx,
    { method: 'POST', body, ...(carries ? { carries } : {}), engineLocation: DEFECT_SPECS[defect].engineLocation },
    invalidStep(
      defect,
      { fr: "création (POST Practitioner) d'un compte", en: 'creation (POST Practitioner) of an account' },
      DEFECT_SPECS[defect].kit,
    ),
    refusalRule(defect, DEFECT_SPECS[defect].kit),
  );
}

async function updateInvalid(ctx: RegCtx, defect: PayloadDefect): Promise<void> {
  const acc = requireAccount(await createAccount(ctx, 'INTRN', { setup: true, requirements: createReq('INTRN') }));
  const { body } = invalidPayload(defect, acc.identifier, acc.fields);
  await sendRefusable(
    ctx,
    { method: 'PUT', address: acc.identifier, body, engineLocation: DEFECT_SPECS[defect].engineLocation },
    invalidStep(
      defect,
      { fr: "mise à jour (PUT conditionnel) d'un compte existant, corps", en: 'update (conditional PUT) of an existing account, body' },
      '5.13',
    ),
    refusalRule(defect, '5.13'),
  );
}

async function putAsCreateInvalid(ctx: RegCtx, defect: PayloadDefect): Promise<void> {
  const own = freshIdentifier('INTRN');
  const { body, carries } = invalidPayload(defect, own, fieldsOf(ctx.identity));
  await sendRefusable(
    ctx,
    { method: 'PUT', address: own, body, ...(carries ? { carries } : {}), engineLocation: DEFECT_SPECS[defect].engineLocation },
    invalidStep(defect, { fr: 'PUT sur un compte inconnu, corps', en: 'PUT on an unknown account, body' }, '5.14'),
    refusalRule(defect, '5.14'),
  );
}

async function putAsCreate(ctx: RegCtx): Promise<void> {
  const identifier = freshIdentifier('INTRN');
  const acc: Account = { identifier, fields: fieldsOf(ctx.identity), active: true };
  const r = await updateAccount(
    ctx,
    acc,
    {},
    step(
      'put-as-create',
      {
        fr: `PUT conditionnel sur un compte inconnu de l'éditeur (${describeIdentifier(identifier)}), traité comme une création`,
        en: `conditional PUT on an account the editor does not know (${describeIdentifier(identifier)}), handled as a create`,
      },
      [V1.putAsCreate],
    ),
    { kind: 'put-as-create' },
  );
  if (r.ok) acc.record = remember(ctx, identifier, true, acc.fields);
}

async function setupAccount(ctx: RegCtx, type: IdentifierType): Promise<Account> {
  return requireAccount(await createAccount(ctx, type, { setup: true, requirements: createReq(type) }));
}

function by(acc: Account): Message {
  return { fr: `adressé par ${acc.identifier.type}`, en: `addressed by ${acc.identifier.type}` };
}

async function activation(ctx: RegCtx, type: IdentifierType, reactivate: boolean): Promise<void> {
  const acc = await setupAccount(ctx, type);
  if (reactivate) {
    await updateAccount(
      ctx,
      acc,
      { active: false },
      step('setup-deactivate', { fr: 'préparation, désactivation (PUT active=false)', en: 'set-up, deactivation (PUT active=false)' }, [
        ...UPDATE_REQS,
        V1.activation,
      ]),
      { setup: true },
    );
    // without it, an editor that ignores every update would pass: the account never left active=true
    await readBack(
      ctx,
      acc,
      step('setup-read-back', { fr: 'relecture après la désactivation', en: 'read-back after the deactivation' }, [V1.activation]),
      expectRead.active(false),
    );
  }
  const active = reactivate;
  const key = reactivate ? 'reactivate' : 'deactivate';
  const r = await updateAccount(
    ctx,
    acc,
    { active },
    step(
      key,
      {
        fr: `${reactivate ? 'réhabilitation' : 'déshabilitation'} du compte (PUT active=${active}, ${by(acc).fr})`,
        en: `${reactivate ? 're-habilitation' : 'de-habilitation'} of the account (PUT active=${active}, ${by(acc).en})`,
      },
      [...UPDATE_REQS, V1.activation],
    ),
  );
  if (r.ok) {
    await readBack(
      ctx,
      acc,
      step('read-back', { fr: `relecture après ${key}`, en: `read-back after ${key}` }, [V1.activation]),
      expectRead.active(active),
    );
  }
}

async function updateField(ctx: RegCtx, type: IdentifierType, field: 'email' | 'family' | 'given'): Promise<void> {
  const acc = await setupAccount(ctx, type);
  const previous = acc.fields[field];
  const sent = changedFields(ctx.identity, ctx.identities)[field];
  const names = { email: 'adresse électronique', family: 'nom de famille', given: 'prénom' } as const;
  const r = await updateAccount(
    ctx,
    acc,
    { fields: { ...acc.fields, [field]: sent } },
    step(
      `update-${field}`,
      {
        fr: `changement de ${names[field]} (PUT, ${by(acc).fr})`,
        en: `change of ${field === 'email' ? 'e-mail' : field === 'family' ? 'family name' : 'given name'} (PUT, ${by(acc).en})`,
      },
      [...UPDATE_REQS, V1.fieldUpdates],
    ),
  );
  if (r.ok) {
    await readBack(
      ctx,
      acc,
      step('read-back', { fr: `relecture après changement de ${names[field]}`, en: `read-back after the change of ${field}` }, [
        V1.fieldUpdates,
      ]),
      expectRead[field](sent, previous),
    );
  }
}

async function updateNationalId(ctx: RegCtx): Promise<void> {
  const acc = await setupAccount(ctx, 'IDNPS');
  const previous = acc.identifier;
  const next = freshIdentifier('IDNPS');
  const r = await updateAccount(
    ctx,
    acc,
    { identifier: next },
    step(
      'update-national-id',
      {
        fr: `changement d'identifiant national (PUT adressé par ${previous.value}, corps portant ${next.value})`,
        en: `change of national id (PUT addressed by ${previous.value}, body carrying ${next.value})`,
      },
      [...UPDATE_REQS, V1.fieldUpdates],
    ),
    { address: previous },
  );
  if (r.ok) {
    await readBack(
      ctx,
      acc,
      step('read-back', { fr: "relecture après changement d'identifiant national", en: 'read-back after the change of national id' }, [
        V1.fieldUpdates,
      ]),
      expectRead.identifier(next, previous),
    );
  }
}

/** The FAQ's switch (Regul2): PUT addressed by the UUID carrying the IDNPS, then a PUT addressed by the IDNPS reaches the same account. */
async function uuidToIdnps(ctx: RegCtx): Promise<void> {
  const acc = await setupAccount(ctx, 'INTRN');
  const uuid = acc.identifier;
  const idnps = freshIdentifier('IDNPS');
  const reqs = [V1.uuidToIdnps, V1.update, V1.bothSystems];
  const first = await updateAccount(
    ctx,
    acc,
    { identifier: idnps },
    step(
      'switch',
      {
        fr: `passage UUID → IDNPS (PUT adressé par l'UUID ${uuid.value}, corps portant l'IDNPS ${idnps.value})`,
        en: `UUID → IDNPS switch (PUT addressed by UUID ${uuid.value}, body carrying IDNPS ${idnps.value})`,
      },
      reqs,
    ),
    { address: uuid },
  );
  if (!first.ok) return;
  const email = changedFields(ctx.identity, ctx.identities).email;
  const second = await updateAccount(
    ctx,
    acc,
    { fields: { ...acc.fields, email } },
    step(
      'by-idnps',
      {
        fr: `mise à jour suivante adressée par l'IDNPS ${idnps.value} (nouvelle adresse électronique)`,
        en: `next update addressed by IDNPS ${idnps.value} (new e-mail)`,
      },
      reqs,
    ),
  );
  if (second.ok) {
    await readBack(
      ctx,
      acc,
      step('read-back', { fr: 'relecture après le passage UUID → IDNPS', en: 'read-back after the UUID → IDNPS switch' }, [V1.uuidToIdnps]),
      expectRead.identifier(idnps, uuid),
    );
  }
}

const KIT_REATTACH = {
  ruleId: REG.reattach,
  why: {
    fr: "le kit ANS (5.16) attend qu'un IDNPS déshabilité puisse être rattaché à un autre compte, l'IG ne le dit pas",
    en: 'the ANS kit (5.16) expects a de-habilitated IDNPS to be attachable to another account, the IG does not say so',
  },
};

/** Kit 5.16: de-habilitate an IDNPS account, create a UUID account, move the IDNPS onto it; the IDNPS then addresses the new account. */
async function reattach(ctx: RegCtx): Promise<void> {
  const old = requireAccount(await createAccount(ctx, 'IDNPS', { setup: true, key: 'setup-create-old', requirements: createReq('IDNPS') }));
  await updateAccount(
    ctx,
    old,
    { active: false },
    step(
      'setup-deactivate-old',
      {
        fr: "préparation, déshabilitation de l'ancien compte (PUT active=false)",
        en: 'set-up, de-habilitation of the old account (PUT active=false)',
      },
      [...UPDATE_REQS, V1.activation],
    ),
    { setup: true },
  );
  const idnps = old.identifier;
  const acc = requireAccount(await createAccount(ctx, 'INTRN', { setup: true, key: 'setup-create-new', requirements: createReq('INTRN') }));
  const uuid = acc.identifier;
  const moved = await updateAccount(
    ctx,
    acc,
    { identifier: idnps },
    step(
      'reattach',
      {
        fr: `rattachement de l'IDNPS ${idnps.value} au nouveau compte (PUT adressé par son UUID ${uuid.value})`,
        en: `re-attachment of IDNPS ${idnps.value} to the new account (PUT addressed by its UUID ${uuid.value})`,
      },
      [V1.reattach],
    ),
    { address: uuid, soft: KIT_REATTACH },
  );
  if (!moved.ok) return;
  const reached = await updateAccount(
    ctx,
    acc,
    {},
    step(
      'by-idnps',
      {
        fr: `PUT adressé par l'IDNPS ${idnps.value}\u00a0: doit atteindre le nouveau compte`,
        en: `PUT addressed by IDNPS ${idnps.value}: must reach the new account`,
      },
      [V1.reattach],
    ),
    { soft: KIT_REATTACH },
  );
  if (reached.ok) {
    await readBack(
      ctx,
      acc,
      step('read-back', { fr: 'relecture du nouveau compte', en: 'read-back of the new account' }, [V1.reattach]),
      expectRead.identifier(idnps, uuid),
    );
  }
}

/** Runs one scenario (not `no-client-certificate`, which has its own module). */
export async function runScenario(ctx: RegCtx, p: ScenarioParams): Promise<void> {
  switch (p.scenario) {
    case 'create-idnps':
      return create(ctx, 'IDNPS');
    case 'create-uuid':
      return create(ctx, 'INTRN');
    case 'create-duplicate':
      return duplicate(ctx);
    case 'create-invalid':
      return createInvalid(ctx, defectOf(p));
    case 'update-invalid':
      return updateInvalid(ctx, defectOf(p));
    case 'put-as-create-invalid':
      return putAsCreateInvalid(ctx, defectOf(p));
    case 'put-as-create':
      return putAsCreate(ctx);
    case 'deactivate':
      return activation(ctx, p.identifier ?? 'IDNPS', false);
    case 'reactivate':
      return activation(ctx, p.identifier ?? 'IDNPS', true);
    case 'update-email':
      return updateField(ctx, p.identifier ?? 'INTRN', 'email');
    case 'update-family':
      return updateField(ctx, p.identifier ?? 'IDNPS', 'family');
    case 'update-given':
      return updateField(ctx, p.identifier ?? 'INTRN', 'given');
    case 'update-national-id':
      return updateNationalId(ctx);
    case 'uuid-to-idnps':
      return uuidToIdnps(ctx);
    case 'idnps-reattach':
      return reattach(ctx);
    case 'no-client-certificate':
      throw new Error('no-client-certificate is run by its own module');
  }
}
