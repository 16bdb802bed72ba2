/**
 * Pure judgments of the editor's answers to regulator-account requests (flux V1), by the written
 * strength of each requirement:
 * - a valid write: create → 201, update → 200, PUT on an unknown account → 200 or 201 (SHALL), with
 *   `Location: [base]/Practitioner/<id>` (SHALL; another base or a relative one is a warning);
 * - a failure of any request: 4xx/5xx with an OperationOutcome body (SHALL);
 * - an invalid payload: refused with a 4xx; a 2xx accepts it and a 5xx says the server failed, not
 *   that it refused (error when the profile forbids the payload, warning for what only the ANS kit
 *   asks with a SHOULD, information for what the profile allows: name and telecom);
 * - the refusal's code: 400 or 422 for information only (the IG gives them "à titre d'information");
 * - a read-back after an update: the old value → error; read not offered → not checked, never a pass.
 */
import { flowFinding } from '../context.js';
import type { Finding, Message, Severity } from '../../core/findings.js';
import type { Answer } from './wire.js';
import { REG, V1 } from './rules.js';

export interface StepInfo {
  /** Short name of the step, first part of the findings' locations (`create`, `update`, `read-back`). */
  key: string;
  /** What the step does, for messages. */
  what: Message;
  requirements: string[];
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const LOCATION_TAIL = /(?:^|\/)Practitioner\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?\/?$/;

function f(severity: Severity, ruleId: string, location: string, message: Message, requirements: string[], notChecked = false): Finding {
  return flowFinding(severity, ruleId, location, message, requirements, { notChecked });
}

function clip(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** `HTTP 422, application/fhir+json` */
export function observed(a: Answer): string {
  const type = a.sent.exchange.response?.headers['content-type'];
  return `HTTP ${a.status}${type ? `, ${clip(type.split(';')[0], 60)}` : ''}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first issue's diagnostics (or details.text) of an OperationOutcome body, for messages. */
export function diagnostics(a: Answer): string {
  if (!isObject(a.json) || a.json.resourceType !== 'OperationOutcome' || !Array.isArray(a.json.issue)) return '';
  const issue = a.json.issue.find(isObject);
  const text = issue?.diagnostics ?? (isObject(issue?.details) ? issue.details.text : undefined);
  return typeof text === 'string' ? ` («\u00a0${clip(text, 160)}\u00a0»)` : '';
}

function enDiagnostics(a: Answer): string {
  return diagnostics(a)
    .replace(/«\u00a0/, '"')
    .replace(/\u00a0»/, '"');
}

/** sas-v1@10: a failed request (4xx/5xx) explains itself in an OperationOutcome. */
export function judgeOutcomeBody(a: Answer, step: StepInfo): Finding[] {
  if (a.status < 400) return [];
  const oo = isObject(a.json) && a.json.resourceType === 'OperationOutcome' && Array.isArray(a.json.issue) && a.json.issue.length > 0;
  if (oo) return [];
  const what = isObject(a.json)
    ? `JSON ${String(a.json.resourceType ?? 'without resourceType')}`
    : a.json === undefined
      ? 'no JSON'
      : 'JSON';
  return [
    f(
      'error',
      REG.outcomeBody,
      `${step.key}.HTTP.body`,
      {
        fr: `${step.what.fr}\u00a0: ${observed(a)} sans OperationOutcome dans le corps (${what}) — tout échec répond 4xx/5xx avec un OperationOutcome qui l'explique (issue.diagnostics)`,
        en: `${step.what.en}: ${observed(a)} without an OperationOutcome body (${what}) — every failure answers 4xx/5xx with an OperationOutcome explaining it (issue.diagnostics)`,
      },
      [V1.outcome],
    ),
  ];
}

/** sas-v1@3/@4: `Location: [base]/Practitioner/<id>`; the id, when one can be read. */
export function judgeLocation(a: Answer, step: StepInfo, baseUrl: string): { id?: string; findings: Finding[] } {
  const loc = `${step.key}.HTTP.header.location`;
  const header = a.sent.exchange.response?.headers.location;
  if (!header) {
    return {
      findings: [
        f(
          'error',
          REG.location,
          loc,
          {
            fr: `${step.what.fr}\u00a0: ${observed(a)} sans en-tête Location — répondre Location: [base]/Practitioner/<id>`,
            en: `${step.what.en}: ${observed(a)} without a Location header — answer Location: [base]/Practitioner/<id>`,
          },
          step.requirements,
        ),
      ],
    };
  }
  const tail = LOCATION_TAIL.exec(header);
  if (!tail) {
    return {
      findings: [
        f(
          'error',
          REG.location,
          loc,
          {
            fr: `${step.what.fr}\u00a0: Location «\u00a0${clip(header)}\u00a0» n'est pas de la forme [base]/Practitioner/<id>`,
            en: `${step.what.en}: Location "${clip(header)}" is not of the form [base]/Practitioner/<id>`,
          },
          step.requirements,
        ),
      ],
    };
  }
  const id = tail[1];
  if (header.startsWith(`${baseUrl}/Practitioner/`)) return { id, findings: [] };
  return {
    id,
    findings: [
      f(
        'warning',
        REG.location,
        loc,
        {
          fr: `${step.what.fr}\u00a0: Location «\u00a0${clip(header)}\u00a0» ne commence pas par la base appelée (${baseUrl})\u00a0; l'IG attend [base]/Practitioner/<id>`,
          en: `${step.what.en}: Location "${clip(header)}" does not start with the base called (${baseUrl}); the IG expects [base]/Practitioner/<id>`,
        },
        step.requirements,
      ),
    ],
  };
}

export type WriteKind = 'create' | 'update' | 'put-as-create';

const EXPECTED: Record<WriteKind, { codes: number[]; text: Message }> = {
  create: { codes: [201], text: { fr: '201 Created', en: '201 Created' } },
  update: { codes: [200], text: { fr: '200 OK', en: '200 OK' } },
  'put-as-create': { codes: [200, 201], text: { fr: '200 ou 201', en: '200 or 201' } },
};

/**
 * What only the ANS kit asks (SHOULD): a write that must succeed for it, judged as a warning under its
 * own rule, with the reason said.
 */
export interface SoftRule {
  ruleId: string;
  why: Message;
}

/** A valid payload's write: its status, its Location, and the OperationOutcome of a failure. */
export function judgeWrite(
  a: Answer,
  kind: WriteKind,
  step: StepInfo,
  baseUrl: string,
  soft?: SoftRule,
): { ok: boolean; id?: string; findings: Finding[] } {
  const expected = EXPECTED[kind];
  const loc = `${step.key}.HTTP.status`;
  if (a.status < 200 || a.status >= 300) {
    return {
      ok: false,
      findings: [
        f(
          soft ? 'warning' : 'error',
          soft?.ruleId ?? REG.writeStatus,
          loc,
          {
            fr: `${step.what.fr}\u00a0: ${observed(a)}${diagnostics(a)} — un compte valide est accepté avec ${expected.text.fr} et un en-tête Location${soft ? ` (${soft.why.fr})` : ''}`,
            en: `${step.what.en}: ${observed(a)}${enDiagnostics(a)} — a valid account is accepted with ${expected.text.en} and a Location header${soft ? ` (${soft.why.en})` : ''}`,
          },
          step.requirements,
        ),
        ...judgeOutcomeBody(a, step),
      ],
    };
  }
  const location = judgeLocation(a, step, baseUrl);
  const findings = [...location.findings];
  if (!expected.codes.includes(a.status)) {
    const created = kind === 'update' && a.status === 201;
    findings.push(
      f(
        'error',
        REG.writeStatus,
        loc,
        created
          ? {
              fr: `${step.what.fr}\u00a0: HTTP 201 — le PUT a créé un compte au lieu de mettre à jour celui qu'il désigne (attendu 200)`,
              en: `${step.what.en}: HTTP 201 — the PUT created an account instead of updating the one it addresses (expected 200)`,
            }
          : {
              fr: `${step.what.fr}\u00a0: HTTP ${a.status}, attendu ${expected.text.fr}`,
              en: `${step.what.en}: HTTP ${a.status}, expected ${expected.text.en}`,
            },
        step.requirements,
      ),
    );
  } else {
    findings.push(
      f(
        'information',
        REG.writeStatus,
        loc,
        {
          fr: `${step.what.fr}\u00a0: HTTP ${a.status}${location.id ? `, compte ${location.id}` : ''}`,
          en: `${step.what.en}: HTTP ${a.status}${location.id ? `, account ${location.id}` : ''}`,
        },
        step.requirements,
      ),
    );
  }
  return { ok: true, ...(location.id ? { id: location.id } : {}), findings };
}

export interface RefusalRule {
  /** SHALL: the profile or FHIR forbids the payload; SHOULD: only the ANS kit asks; MAY: the profile allows it, only the kit refuses it. */
  strength: 'SHALL' | 'SHOULD' | 'MAY';
  /** Rule of an acceptance (SAS-REG-002 for SHALL). */
  ruleId: string;
  /** Why it is to be refused, said in the messages (the source). */
  why: Message;
}

const BY_STRENGTH: Record<RefusalRule['strength'], Severity> = { SHALL: 'error', SHOULD: 'warning', MAY: 'information' };

/** A payload or request that is to be refused: a 4xx is a refusal, a 2xx an acceptance, a 5xx a failure. */
export function judgeRefusal(
  a: Answer,
  step: StepInfo,
  rule: RefusalRule,
  baseUrl: string,
): { accepted: boolean; id?: string; findings: Finding[] } {
  const loc = `${step.key}.HTTP.status`;
  const severity = BY_STRENGTH[rule.strength];
  if (a.status >= 400 && a.status < 500) {
    const usual = a.status === 400 || a.status === 422;
    return {
      accepted: false,
      findings: [
        f(
          'information',
          rule.ruleId,
          loc,
          {
            fr: `${step.what.fr}\u00a0: refusé, ${observed(a)}${diagnostics(a)}${rule.strength === 'SHALL' ? '' : ` (${rule.why.fr})`}`,
            en: `${step.what.en}: refused, ${observed(a)}${enDiagnostics(a)}${rule.strength === 'SHALL' ? '' : ` (${rule.why.en})`}`,
          },
          step.requirements,
        ),
        f(
          'information',
          REG.refusalCode,
          loc,
          usual
            ? {
                fr: `${step.what.fr}\u00a0: HTTP ${a.status}, ${a.status === 400 ? 'requête mal formée' : 'refus par règle métier'} (codes donnés par l'IG à titre d'information)`,
                en: `${step.what.en}: HTTP ${a.status}, ${a.status === 400 ? 'malformed request' : 'refused by a business rule'} (codes the IG gives for information)`,
              }
            : {
                fr: `${step.what.fr}\u00a0: HTTP ${a.status} — pour information, l'IG donne 400 (requête mal formée) ou 422 (règle métier)`,
                en: `${step.what.en}: HTTP ${a.status} — for information, the IG gives 400 (malformed request) or 422 (business rule)`,
              },
          [V1.refusalCodes],
        ),
        ...judgeOutcomeBody(a, step),
      ],
    };
  }
  if (a.status >= 200 && a.status < 300) {
    const location = judgeLocation(a, step, baseUrl);
    return {
      accepted: true,
      ...(location.id ? { id: location.id } : {}),
      findings: [
        f(
          severity,
          rule.ruleId,
          loc,
          rule.strength === 'MAY'
            ? {
                fr: `${step.what.fr}\u00a0: accepté (HTTP ${a.status}) — le kit ANS attend un refus, mais le profil FrPractitionerRegul admet ce compte\u00a0: rien à corriger (${rule.why.fr})`,
                en: `${step.what.en}: accepted (HTTP ${a.status}) — the ANS kit expects a refusal, but the FrPractitionerRegul profile allows this account: nothing to fix (${rule.why.en})`,
              }
            : {
                fr: `${step.what.fr}\u00a0: accepté (HTTP ${a.status}) — ${rule.why.fr}\u00a0; le refuser avec une réponse 4xx (400 ou 422) et un OperationOutcome`,
                en: `${step.what.en}: accepted (HTTP ${a.status}) — ${rule.why.en}; refuse it with a 4xx answer (400 or 422) and an OperationOutcome`,
              },
          step.requirements,
        ),
      ],
    };
  }
  const failed = a.status >= 500;
  return {
    accepted: false,
    findings: [
      f(
        rule.strength === 'MAY' ? 'warning' : severity,
        rule.ruleId,
        loc,
        failed
          ? {
              fr: `${step.what.fr}\u00a0: ${observed(a)}${diagnostics(a)} — le serveur a échoué, il n'a pas refusé le compte\u00a0: ${rule.why.fr}\u00a0; le vérifier et répondre 400 ou 422 avec un OperationOutcome`,
              en: `${step.what.en}: ${observed(a)}${enDiagnostics(a)} — the server failed, it did not refuse the account: ${rule.why.en}; check it and answer 400 or 422 with an OperationOutcome`,
            }
          : {
              fr: `${step.what.fr}\u00a0: ${observed(a)} n'est ni un refus (4xx) ni une acceptation — ${rule.why.fr}`,
              en: `${step.what.en}: ${observed(a)} is neither a refusal (4xx) nor an acceptance — ${rule.why.en}`,
            },
        step.requirements,
      ),
      ...judgeOutcomeBody(a, step),
    ],
  };
}

/** What the read-back must show after an update. */
export interface ReadBackExpectation {
  /** Element compared, e.g. `Practitioner.telecom`. */
  element: string;
  /** The value sent and the value before, as texts. */
  sent: string;
  previous: string;
  /** What the account read shows for that element, as text, and whether it is the value sent or the previous one. */
  read(resource: Record<string, unknown>): { shows: string; state: 'applied' | 'previous' | 'other' };
}

const READ_NOT_OFFERED = new Set([404, 405, 501]);

/** sas-v1@7/@8/@9: the account read back shows the update; read not offered → not checked, never a pass. */
export function judgeReadBack(a: Answer | undefined, step: StepInfo, x: ReadBackExpectation): Finding[] {
  const loc = `${step.key}.${x.element}`;
  const unchecked = (fr: string, en: string): Finding[] => [
    f(
      'information',
      REG.readBack,
      loc,
      {
        fr: `${step.what.fr}\u00a0: effet de la mise à jour non relu (${fr})\u00a0; l'IG ne demande pas la lecture (CapabilityStatement\u00a0: create, update)`,
        en: `${step.what.en}: the update's effect could not be read back (${en}); the IG does not ask for read (CapabilityStatement: create, update)`,
      },
      step.requirements,
      true,
    ),
  ];
  if (!a) return unchecked('aucun identifiant de compte connu (pas de Location)', 'no account id known (no Location)');
  if (a.status !== 200) {
    const why = READ_NOT_OFFERED.has(a.status) ? `lecture non proposée, HTTP ${a.status}` : `HTTP ${a.status}`;
    const whyEn = READ_NOT_OFFERED.has(a.status) ? `read not offered, HTTP ${a.status}` : `HTTP ${a.status}`;
    return unchecked(why, whyEn);
  }
  if (!isObject(a.json) || a.json.resourceType !== 'Practitioner') {
    return unchecked('la réponse à la lecture n’est pas un Practitioner', 'the read answer is not a Practitioner');
  }
  const { shows, state } = x.read(a.json);
  if (state === 'applied') {
    return [
      f(
        'information',
        REG.readBack,
        loc,
        {
          fr: `${step.what.fr}\u00a0: relu, ${x.element} = ${clip(shows)}`,
          en: `${step.what.en}: read back, ${x.element} = ${clip(shows)}`,
        },
        step.requirements,
      ),
    ];
  }
  return [
    f(
      'error',
      REG.readBack,
      loc,
      state === 'previous'
        ? {
            fr: `${step.what.fr}\u00a0: la relecture montre toujours l'ancienne valeur (${x.element} = ${clip(shows)}, envoyé\u00a0: ${clip(x.sent)}) — la mise à jour a répondu en succès sans être appliquée`,
            en: `${step.what.en}: the read-back still shows the old value (${x.element} = ${clip(shows)}, sent: ${clip(x.sent)}) — the update answered success without being applied`,
          }
        : {
            fr: `${step.what.fr}\u00a0: la relecture montre ${x.element} = ${clip(shows)}, ni la valeur envoyée (${clip(x.sent)}) ni l'ancienne (${clip(x.previous)})`,
            en: `${step.what.en}: the read-back shows ${x.element} = ${clip(shows)}, neither the value sent (${clip(x.sent)}) nor the old one (${clip(x.previous)})`,
          },
      step.requirements,
    ),
  ];
}

/** An account id read from a Location is used in a URL only when it is a FHIR id. */
export function isFhirId(id: string | undefined): id is string {
  return id !== undefined && ID.test(id);
}
