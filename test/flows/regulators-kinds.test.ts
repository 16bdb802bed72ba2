/**
 * The regulator-account kinds outside the run pipeline, on plain HTTP against the reference editor:
 * what they do when something they need is missing (no JDD identity, no IG definitions, plain HTTP,
 * nothing to clean up, the run's deadline), that a payload our engine finds invalid is never sent, and
 * the pure judgments of Location, refusals and read-backs.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseKind } from '../../src/cahier/kinds.js';
import { createHttpClient } from '../../src/http/client.js';
import type { SentExchange } from '../../src/http/types.js';
import { loadDefinitions } from '../../src/fhir/packages/index.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { newFlowSession } from '../../src/flows/context.js';
import { regulatorKinds } from '../../src/flows/regulators/index.js';
import { judgeLocation, judgeReadBack, judgeRefusal, type StepInfo } from '../../src/flows/regulators/judge.js';
import { expectRead } from '../../src/flows/regulators/steps.js';
import type { Answer } from '../../src/flows/regulators/wire.js';
import { loadJdd } from '../../src/jdd/load-jdd.js';
import type { Jdd } from '../../src/jdd/types.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { DATASETS, PACKAGES, runKind, testCase } from '../support/transport-harness.js';
import { HAVE_PACKAGES } from '../e2e/support.js';

const account = (scenario: string, extra: Record<string, unknown> = {}) => testCase('regulator-account', { scenario, ...extra });

describe.runIf(HAVE_PACKAGES)('regulator-account and regulator-cleanup kinds', () => {
  let server: MockServer;
  let jdd: Jdd;
  let definitions: DefinitionIndex;
  beforeAll(async () => {
    jdd = loadJdd(join(DATASETS, 'recette-psindiv.yaml'));
    server = await startMockServer({ jdd });
    definitions = (await loadDefinitions({ sources: [PACKAGES], ig: 'ans.fhir.fr.sas#1.2.0' })).index;
  });
  afterAll(async () => {
    await server?.close();
  });
  const env = (j: Jdd = jdd) => ({ baseUrl: server.url, httpOptions: { env: {}, timeoutMs: 7000 }, jdd: j });

  it('without IG definitions the payload is sent, and the case says it was not pre-validated (a reserve, not a pass of that)', async () => {
    const r = await runKind(regulatorKinds({}, newFlowSession()), account('create-uuid'), env());
    expect(r.exchanges).toHaveLength(1);
    const note = r.findings.find((f) => f.ruleId === 'SAS-REG-012');
    expect(note).toMatchObject({ severity: 'information', notChecked: true });
    expect(note?.message.en).toContain('without being validated against FrPractitionerRegul');
  });

  it('definitions given later (as the run does) are read at run time', async () => {
    const deps: { definitions?: DefinitionIndex } = {};
    const kinds = regulatorKinds(deps, newFlowSession());
    deps.definitions = definitions;
    const r = await runKind(kinds, account('create-idnps'), env());
    expect(r.findings.map((f) => f.ruleId)).toEqual(['SAS-REG-001']);
  });

  it('a "valid" payload our engine refuses is never sent: the case is a fault of the tool', async () => {
    const broken: Jdd = { ...jdd, regulators: [{ key: 'regul-x', family: 'X', given: 'Y', email: '' }] };
    const kind = regulatorKinds({ definitions }, newFlowSession()).find((k) => k.kind === 'regulator-account') as CaseKind;
    const client = createHttpClient({ env: {} });
    try {
      const out = await kind.run(account('create-uuid'), { ...env(broken), now: new Date(), client, lang: 'en' });
      expect(out.exchanges).toEqual([]);
      expect(out.harnessFault?.en).toMatch(
        /does not conform to FrPractitionerRegul according to its engine \(not sent\).*telecom\[0\]\.value/,
      );
    } finally {
      await client.close();
    }
  });

  it('not applicable without a JDD identity, with an unknown one, and without https for the mTLS check; skipped-safe before sending', async () => {
    const kinds = regulatorKinds({ definitions }, newFlowSession());
    const none = await runKind(kinds, account('create-uuid'), env({ ...jdd, regulators: [] }));
    expect([none.exchanges.length, none.notApplicable?.en]).toEqual([0, expect.stringContaining('no regulator identity')]);
    const unknown = await runKind(kinds, account('create-uuid', { regulator: 'nobody' }), env());
    expect(unknown.notApplicable?.en).toContain('no regulator nobody');
    const plain = await runKind(kinds, account('no-client-certificate'), env());
    expect([plain.exchanges.length, plain.notApplicable?.en]).toEqual([0, expect.stringContaining('not https')]);
    // the run's deadline reached: nothing is sent
    const kind = kinds.find((k) => k.kind === 'regulator-account') as CaseKind;
    const client = createHttpClient({ env: {} });
    try {
      const out = await kind.run(account('deactivate'), { ...env(), now: new Date(), client, lang: 'en', signal: AbortSignal.abort() });
      expect([out.exchanges.length, out.harnessFault?.en]).toEqual([0, expect.stringContaining('not sent')]);
    } finally {
      await client.close();
    }
  });

  it('the clean-up is not applicable when the run created nothing, and deactivates what the session holds', async () => {
    const session = newFlowSession();
    const kinds = regulatorKinds({ definitions }, session);
    const cleanup = testCase('regulator-cleanup');
    expect((await runKind(kinds, cleanup, env())).notApplicable?.en).toBe('this run created no regulator account');
    await runKind(kinds, account('create-idnps'), env());
    await runKind(kinds, account('deactivate', { identifier: 'INTRN' }), env());
    expect(session.regulators.map((r) => [r.type, r.active])).toEqual([
      ['IDNPS', true],
      ['INTRN', false],
    ]);
    const r = await runKind(kinds, cleanup, env());
    expect(r.exchanges.map((x) => [x.request.method, x.response?.status])).toEqual([['PUT', 200]]);
    expect(r.findings.at(-1)?.message.en).toMatch(
      /2 regulator account\(s\) created by this run, 1 already inactive; deactivated now \(PUT active=false\): 1 — IDNPS 899\d{9} \(T-REGULATOR-ACCOUNT\)$/,
    );
    expect(session.regulators.every((x) => !x.active)).toBe(true);
  });
});

describe('judgments', () => {
  const step: StepInfo = { key: 'create', what: { fr: 'création', en: 'creation' }, requirements: ['sas-v1@1'] };
  const BASE = 'https://editor.example/fhir';
  function answer(status: number, headers: Record<string, string> = {}, body = ''): Answer {
    const sent = {
      exchange: {
        id: 'x',
        request: { method: 'POST', url: `${BASE}/Practitioner`, headers: {} },
        response: { status, headers, body, bodyBytes: body.length, truncated: false, sha256: '' },
        outcome: 'ok',
        startedAt: '',
        timings: { totalMs: 1 },
      },
      fullBody: body,
    } as SentExchange;
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { sent, status, json };
  }
  const brief = (fs: { severity: string; ruleId: string }[]) => fs.map((f) => `${f.severity} ${f.ruleId}`);

  it('Location: [base]/Practitioner/<id> (with or without _history) passes; another base or a relative one warns; none or another shape fails', () => {
    expect(judgeLocation(answer(201, { location: `${BASE}/Practitioner/abc` }), step, BASE)).toEqual({ id: 'abc', findings: [] });
    expect(judgeLocation(answer(201, { location: `${BASE}/Practitioner/abc/_history/1` }), step, BASE).id).toBe('abc');
    expect(brief(judgeLocation(answer(201, { location: 'Practitioner/abc' }), step, BASE).findings)).toEqual(['warning SAS-REG-003']);
    expect(brief(judgeLocation(answer(201, { location: 'https://internal:8080/fhir/Practitioner/abc' }), step, BASE).findings)).toEqual([
      'warning SAS-REG-003',
    ]);
    expect(brief(judgeLocation(answer(201), step, BASE).findings)).toEqual(['error SAS-REG-003']);
    expect(brief(judgeLocation(answer(201, { location: `${BASE}/Patient/abc` }), step, BASE).findings)).toEqual(['error SAS-REG-003']);
  });

  const shall = { strength: 'SHALL' as const, ruleId: 'SAS-REG-002', why: { fr: 'invalide', en: 'invalid' } };
  const oo = JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'no' }] });

  it('an invalid payload: a 4xx with an OperationOutcome is a refusal; a 2xx, a 5xx or a 4xx without OperationOutcome fails', () => {
    expect(brief(judgeRefusal(answer(422, {}, oo), step, shall, BASE).findings)).toEqual([
      'information SAS-REG-002',
      'information SAS-REG-006',
    ]);
    expect(brief(judgeRefusal(answer(201, { location: `${BASE}/Practitioner/a` }), step, shall, BASE).findings)).toEqual([
      'error SAS-REG-002',
    ]);
    const failed = judgeRefusal(answer(500, {}, oo), step, shall, BASE).findings;
    expect(brief(failed)).toEqual(['error SAS-REG-002']);
    expect(failed[0].message.en).toContain('the server failed, it did not refuse');
    expect(brief(judgeRefusal(answer(400, { 'content-type': 'text/html' }, '<html/>'), step, shall, BASE).findings)).toEqual([
      'information SAS-REG-002',
      'information SAS-REG-006',
      'error SAS-REG-004',
    ]);
    const kitOnly = { strength: 'MAY' as const, ruleId: 'SAS-REG-007', why: { fr: 'kit', en: 'kit' } };
    expect(brief(judgeRefusal(answer(201), step, kitOnly, BASE).findings)).toEqual(['information SAS-REG-007']);
  });

  it('read-back: the old value fails; read not offered is not checked (never passed)', () => {
    const read = step;
    const previous = JSON.stringify({ resourceType: 'Practitioner', active: true });
    expect(brief(judgeReadBack(answer(200, {}, previous), read, expectRead.active(false)))).toEqual(['error SAS-REG-005']);
    for (const status of [404, 405, 501]) {
      const [f] = judgeReadBack(answer(status, {}, oo), read, expectRead.active(false));
      expect([f.severity, f.notChecked, f.message.en]).toEqual(['information', true, expect.stringContaining('could not be read back')]);
    }
    const shown = JSON.stringify({ resourceType: 'Practitioner', telecom: [{ system: 'email', value: 'x@y.example' }] });
    expect(brief(judgeReadBack(answer(200, {}, shown), read, expectRead.email('z@y.example', 'w@y.example')))).toEqual([
      'error SAS-REG-005',
    ]);
    expect(judgeReadBack(answer(200, {}, shown), read, expectRead.email('x@y.example', 'w@y.example'))[0].notChecked).toBeUndefined();
  });
});
