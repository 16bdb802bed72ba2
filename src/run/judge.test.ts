import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../core/findings.js';
import { makeCase } from '../../test/run/fixtures.js';
import type { Exchange } from '../core/model.js';
import { isHarnessTransport, judgeCase, ruleMatcher, scopeFindings, transportFinding } from './judge.js';

const m = { fr: 'fr', en: 'en' };
const rule = (id: string, severity: Finding['severity'] = 'error') => finding(severity, id, 'rule', 'Bundle.entry[0].resource', m);
const structure = finding('error', 'Slot.status', 'structure', 'Bundle.entry[1].resource.status', m);
const expectation = finding('error', 'EXP-STATUS', 'expectation', 'HTTP.status', m);

function exchange(outcome: Exchange['outcome']): Exchange {
  return {
    id: 'x1',
    request: { method: 'GET', url: 'https://e.example/fhir/Slot?x=1', headers: {} },
    outcome,
    ...(outcome === 'ok' ? {} : { error: { code: 'UND_ERR_HEADERS_TIMEOUT', message: 'Headers Timeout Error' } }),
    startedAt: '2026-03-02T08:00:00.000+01:00',
    timings: { totalMs: 7001 },
  };
}

describe('ruleMatcher', () => {
  it('matches ids and * patterns, nothing else', () => {
    const match = ruleMatcher(['SAS-WIN-*', 'SAS-DAT-001']);
    expect(['SAS-WIN-001', 'SAS-WIN-004', 'SAS-DAT-001'].every(match)).toBe(true);
    expect(['SAS-DAT-0011', 'SAS-REF-001', 'XSAS-WIN-001'].some(match)).toBe(false);
    expect(ruleMatcher(['*'])('anything')).toBe(true);
    expect(ruleMatcher([])('SAS-WIN-001')).toBe(false);
  });
});

describe('scopeFindings', () => {
  it('judges no rule and no structure unless the case asks', () => {
    expect(scopeFindings(makeCase(), [rule('SAS-WIN-001'), structure, expectation])).toEqual([expectation]);
  });

  it('keeps the rules the case checks and the structure when it asks for validity', () => {
    const tc = makeCase({ expect: { structure: 'valid', rules: { check: ['SAS-WIN-*'], pass: ['SAS-REF-001'] } } });
    const out = scopeFindings(tc, [rule('SAS-WIN-001'), rule('SAS-REF-001'), rule('SAS-DAT-001'), structure]);
    expect(out.map((f) => f.ruleId)).toEqual(['SAS-WIN-001', 'SAS-REF-001', 'Slot.status']);
  });

  it('turns an expected rule failure into information, and reports a missing one', () => {
    const tc = makeCase({ expect: { rules: { fail: ['SAS-WIN-001', 'SAS-REF-001'] } } });
    const out = scopeFindings(tc, [rule('SAS-WIN-001')]);
    expect(out.find((f) => f.ruleId === 'SAS-WIN-001')).toMatchObject({
      severity: 'information',
      message: { en: '(expected failure) en' },
    });
    expect(out.find((f) => f.ruleId === 'EXP-RULE-FAIL')).toMatchObject({
      severity: 'error',
      message: { en: expect.stringContaining('rule SAS-REF-001 was expected to report an error') },
    });
  });
});

describe('judgeCase', () => {
  it('skips, never passes, a case asking for structural validity when the structure was not checked', () => {
    const unchecked = finding(
      'information',
      'STRUCTURE-NOT-CHECKED',
      'structure',
      'Bundle',
      { fr: 'non faite', en: 'not done' },
      { notChecked: true },
    );
    const tc = makeCase({ expect: { structure: 'valid' } });
    expect(judgeCase({ testCase: tc, findings: [unchecked] })).toMatchObject({ verdict: 'skipped', reason: { en: 'not done' } });
    // a blocking finding still fails it
    expect(judgeCase({ testCase: tc, findings: [unchecked, expectation] }).verdict).toBe('failed');
    // structurally valid: passes
    expect(judgeCase({ testCase: tc, findings: [] }).verdict).toBe('passed');
  });

  it('passes without blocking findings (warnings allowed)', () => {
    const warning = finding('warning', 'EXP-CONTENT-TYPE', 'expectation', 'HTTP.header.content-type', m);
    expect(judgeCase({ testCase: makeCase(), findings: [warning] })).toEqual({ verdict: 'passed', findings: [warning] });
  });

  it('is an error, not a pass nor a plain failure, when the endpoint gave no answer to judge, and says why', () => {
    const t = transportFinding(exchange('timeout'), ['agg-psindiv@4']) as Finding;
    const j = judgeCase({ testCase: makeCase(), findings: [expectation, t] });
    expect(j.verdict).toBe('error');
    expect(j.reason?.en).toMatch(/^HTTP-TIMEOUT — HTTP GET https:\/\/e\.example\/fhir\/Slot\?x=1: no complete answer within the deadline/);
    expect(j.findings).toHaveLength(2);
  });

  it('fails on the first blocking finding of an answered request, transport checks first', () => {
    const tls = finding('error', 'SAS-TLS-010', 'transport', 'tls.version', m);
    expect(judgeCase({ testCase: makeCase(), findings: [expectation, tls] })).toMatchObject({
      verdict: 'failed',
      reason: { en: 'SAS-TLS-010 — tls.version: en' },
    });
    expect(judgeCase({ testCase: makeCase(), findings: [expectation] })).toMatchObject({
      verdict: 'failed',
      reason: { en: 'EXP-STATUS — HTTP.status: en' },
    });
  });

  it('is an error when a rule or an invariant threw, whatever else was found, with the internal message', () => {
    const crashed = finding(
      'error',
      'SAS-WIN-001',
      'rule',
      'Bundle',
      { fr: 'Cannot read x', en: 'Cannot read x' },
      { internalError: true },
    );
    const tc = makeCase({ expect: { rules: { check: ['SAS-WIN-*'] } } });
    const j = judgeCase({ testCase: tc, findings: [crashed] });
    expect(j.verdict).toBe('error');
    expect(j.reason?.en).toBe('sas-recette internal error while checking: SAS-WIN-001 — Bundle: Cannot read x');
    // a crash in a rule the case does not judge has no say
    expect(judgeCase({ testCase: makeCase(), findings: [crashed] }).verdict).toBe('passed');
  });

  it('passes with reserves when an element in scope could not be checked, naming each once', () => {
    const vs = (loc: string) =>
      finding(
        'information',
        'VS-NOT-CHECKED',
        'structure',
        loc,
        { fr: 'jeu de valeurs NOS absent', en: 'NOS value set missing' },
        { notChecked: true },
      );
    const tc = makeCase({ expect: { structure: 'valid' } });
    const j = judgeCase({ testCase: tc, findings: [vs('Bundle.entry[0].resource.code'), vs('Bundle.entry[1].resource.code')] });
    expect(j.verdict).toBe('passed');
    expect(j.reserves).toEqual([{ fr: 'VS-NOT-CHECKED : jeu de valeurs NOS absent', en: 'VS-NOT-CHECKED: NOS value set missing' }]);
    // out of scope (structure not judged): no reserve
    expect(judgeCase({ testCase: makeCase(), findings: [vs('x')] }).reserves).toBeUndefined();
    // a reserve never hides a failure
    expect(judgeCase({ testCase: tc, findings: [vs('x'), expectation] })).toMatchObject({ verdict: 'failed' });
    expect(judgeCase({ testCase: tc, findings: [vs('x'), expectation] }).reserves).toBeUndefined();
  });

  it("is an error when the run's set-up keeps the endpoint from being judged (a base URL that serves no FHIR search)", () => {
    const setup = finding('error', 'RUN-BASE-URL', 'setup', 'HTTP.status', { fr: 'pas de recherche FHIR', en: 'serves no FHIR search' });
    expect(judgeCase({ testCase: makeCase(), findings: [expectation, setup] })).toMatchObject({
      verdict: 'error',
      reason: { en: 'RUN-BASE-URL — HTTP.status: serves no FHIR search' },
    });
  });

  it('is not applicable with the reason given, before any finding is judged', () => {
    const notApplicable = { fr: 'aucun PS à deux lieux dans le JDD', en: 'no PS with two places in the JDD' };
    expect(judgeCase({ testCase: makeCase(), findings: [expectation], notApplicable })).toMatchObject({
      verdict: 'not-applicable',
      reason: notApplicable,
    });
  });

  it('does not fail on a rule finding outside the case scope', () => {
    expect(judgeCase({ testCase: makeCase(), findings: [rule('SAS-WIN-001')] }).verdict).toBe('passed');
    expect(judgeCase({ testCase: makeCase({ expect: { rules: { check: ['*'] } } }), findings: [rule('SAS-WIN-001')] }).verdict).toBe(
      'failed',
    );
  });

  it('skips with the reason given, whatever the findings', () => {
    const skip = { fr: 'pas de JDD', en: 'no JDD' };
    expect(judgeCase({ testCase: makeCase(), findings: [expectation], skip })).toMatchObject({ verdict: 'skipped', reason: skip });
  });

  it('is an error when sas-recette itself failed', () => {
    const fault = { fr: 'bug', en: 'bug' };
    expect(judgeCase({ testCase: makeCase(), findings: [], harnessFault: fault })).toMatchObject({ verdict: 'error', reason: fault });
  });
});

describe('transport findings', () => {
  it('gives none for an answered exchange and one per failure outcome, with the error code', () => {
    expect(transportFinding(exchange('ok'))).toBeUndefined();
    const f = transportFinding(exchange('closed')) as Finding;
    expect(f).toMatchObject({ severity: 'error', ruleId: 'HTTP-CLOSED', source: 'transport' });
    expect(f.message.en).toContain('often a missing or rejected client certificate');
    expect(f.message.en).toContain('(UND_ERR_HEADERS_TIMEOUT: Headers Timeout Error)');
  });

  it('points at the missing client certificate when an HTTPS handshake fails without one', () => {
    const x = { ...exchange('closed'), request: { method: 'GET', url: 'https://e.example/fhir/Slot', headers: {} } };
    expect(transportFinding(x, [], true)?.message.en).toMatch(/; no client certificate is configured \(--cert\/--key\)/);
    expect(transportFinding(x, [], false)?.message.en).not.toMatch(/no client certificate/);
    const plain = { ...x, request: { ...x.request, url: 'http://e.example/fhir/Slot' } };
    expect(transportFinding(plain, [], true)?.message.en).not.toMatch(/no client certificate/);
  });

  it('blames sas-recette only for unclassified failures', () => {
    expect(isHarnessTransport(exchange('other'))).toBe(true);
    for (const o of ['timeout', 'refused', 'reset', 'closed', 'tls-error', 'too-large', 'dns'] as const)
      expect(isHarnessTransport(exchange(o))).toBe(false);
  });
});
