import { describe, expect, it } from 'vitest';
import { makeResult } from '../../test/run/fixtures.js';
import type { CaseResult } from '../core/model.js';
import { finding } from '../core/findings.js';
import { appliedWaivers, coverRequirements, exitCodeOf, summarize, untestedRequirements } from './summary.js';

const counts = (p: Partial<Record<string, number>> = {}) => ({
  total: 0,
  passed: 0,
  failed: 0,
  skipped: 0,
  'not-applicable': 0,
  error: 0,
  ...p,
});

describe('summarize', () => {
  it('counts per group and overall, favorable when everything passed and nothing is left unchecked', () => {
    const s = summarize([makeResult({ id: 'A' }), makeResult({ id: 'B', group: 'cpts' })]);
    expect(s).toEqual({
      ...counts({ total: 2, passed: 2 }),
      byGroup: { psindiv: counts({ total: 1, passed: 1 }), cpts: counts({ total: 1, passed: 1 }) },
      overall: 'favorable',
      blocking: [],
      reserves: [],
      mode: 'standard',
      validForAcceptance: true,
    });
  });

  it('is unfavorable when a blocking case failed or errored, and names it', () => {
    expect(summarize([makeResult({ id: 'F', verdict: 'failed' })])).toMatchObject({ overall: 'unfavorable', blocking: ['F'] });
    expect(summarize([makeResult({ id: 'E', verdict: 'error' })])).toMatchObject({ overall: 'unfavorable', blocking: ['E'] });
  });

  it('names each reserve by kind: failed minor, skipped and not-applicable mandatory cases', () => {
    const s = summarize([
      makeResult({ id: 'MINOR', severity: 'minor', verdict: 'failed' }),
      makeResult({ id: 'SKIP', verdict: 'skipped', reason: { fr: 'paquets absents', en: 'packages missing' } }),
      makeResult({ id: 'NA', verdict: 'not-applicable', reason: { fr: 'rôle absent', en: 'role missing' } }),
      makeResult({ id: 'NA-MINOR', severity: 'minor', verdict: 'not-applicable' }),
      makeResult({ id: 'OK' }),
    ]);
    expect(s.overall).toBe('favorable-with-reserves');
    expect(s.reserves.map((r) => [r.kind, r.ref])).toEqual([
      ['failed-minor', 'MINOR'],
      ['skipped', 'SKIP'],
      ['not-applicable', 'NA'],
    ]);
    expect(s.reserves[2].message.en).toBe('role missing');
    expect(s['not-applicable']).toBe(2);
    expect(
      summarize([makeResult({ id: 'B', verdict: 'failed' }), makeResult({ id: 'M', severity: 'minor', verdict: 'error' })]),
    ).toMatchObject({
      overall: 'unfavorable',
      reserves: [{ kind: 'failed-minor', ref: 'M' }],
    });
  });

  it('lists a not-checked element once, with every passed case that met it', () => {
    const vs = { fr: 'VS-1 : non vérifié', en: 'VS-1: not checked' };
    const s = summarize([makeResult({ id: 'A', reserves: [vs] }), makeResult({ id: 'B', reserves: [vs] }), makeResult({ id: 'C' })]);
    expect(s.overall).toBe('favorable-with-reserves');
    expect(s.reserves).toEqual([
      { kind: 'not-checked', ref: 'VS-1', cases: ['A', 'B'], message: { fr: 'non vérifié', en: 'not checked' } },
    ]);
  });

  it('lists untested requirements as reserves', () => {
    const s = summarize([makeResult()], { untestedRequirements: [{ id: 'agg-psindiv@41', text: 'motifs' }] });
    expect(s.reserves).toMatchObject([{ kind: 'untested-requirement', ref: 'agg-psindiv@41' }]);
    expect(s.overall).toBe('favorable-with-reserves');
  });

  it('is never favorable with --insecure, and says the run is not valid for acceptance', () => {
    const s = summarize([makeResult()], { insecure: true });
    expect(s).toMatchObject({ overall: 'favorable-with-reserves', validForAcceptance: false, reserves: [{ kind: 'insecure' }] });
  });

  it('is unfavorable and not valid when nothing was judged', () => {
    const s = summarize([makeResult({ verdict: 'skipped' }), makeResult({ verdict: 'not-applicable' })]);
    expect(s).toMatchObject({ overall: 'unfavorable', validForAcceptance: false });
    expect(s.reserves[0].kind).toBe('nothing-judged');
    expect(summarize([]).overall).toBe('unfavorable');
  });

  it('records the mode', () => {
    expect(summarize([makeResult()], { strict: true }).mode).toBe('strict');
  });
});

describe('appliedWaivers', () => {
  const waiver = { rule: 'SAS-BDL-002', severity: 'warning' as const, useCases: ['sos'], when: 'w', reason: 'r', source: 's' };
  const warn = finding('warning', 'SAS-BDL-002', 'rule', 'Bundle.total', { fr: 'x', en: 'x' });
  it('keeps a waiver only where its rule reported at the waived severity, in its use cases, with the cases', () => {
    const cases = [
      makeResult({ id: 'SOS-A', useCase: 'sos', findings: [warn] }),
      makeResult({ id: 'SOS-B', useCase: 'sos', findings: [{ ...warn, severity: 'error' }] }),
      makeResult({ id: 'PS-A', useCase: 'psindiv', findings: [warn] }),
    ];
    expect(appliedWaivers(cases, [waiver])).toEqual([
      { rule: 'SAS-BDL-002', severity: 'warning', when: 'w', reason: 'r', source: 's', cases: ['SOS-A'] },
    ]);
    expect(appliedWaivers([makeResult()], [waiver])).toEqual([]);
  });
});

describe('untestedRequirements', () => {
  it('keeps the automatic requirements no judged case verified, not the declarative ones', () => {
    const catalogue = [
      { id: 'agg-psindiv@1', text: 'a', testability: 'automatic' as const },
      { id: 'agg-psindiv@2', text: 'b', testability: 'automatic' as const },
      { id: 'agg-psindiv@3', text: 'c', testability: 'declarative' as const },
    ];
    const coverage = coverRequirements(
      [makeResult({ requirements: ['agg-psindiv@1'] }), makeResult({ verdict: 'not-applicable', requirements: ['agg-psindiv@2'] })],
      catalogue,
    );
    expect(untestedRequirements(coverage, catalogue).map((r) => r.id)).toEqual(['agg-psindiv@2']);
  });
});

describe('coverRequirements', () => {
  const cases = [
    makeResult({ id: 'A', requirements: ['agg-psindiv@10', 'agg-psindiv@4'] }),
    makeResult({ id: 'B', requirements: ['agg-psindiv@4'], verdict: 'failed' }),
    makeResult({ id: 'C', requirements: ['sas-cpts@1'], verdict: 'skipped' }),
  ];

  it('without a catalogue: one row per cited requirement, sorted by set then number', () => {
    expect(coverRequirements(cases, undefined)).toEqual([
      { id: 'agg-psindiv@4', text: '', cases: ['A', 'B'], status: 'failed' },
      { id: 'agg-psindiv@10', text: '', cases: ['A'], status: 'passed' },
      { id: 'sas-cpts@1', text: '', cases: ['C'], status: 'not-tested' },
    ]);
  });

  it('with a catalogue: every requirement, declared when only a declaration covers it', () => {
    const rows = coverRequirements(
      cases,
      [
        { id: 'agg-psindiv@1', text: 'mTLS' },
        { id: 'agg-psindiv@2', text: 'CN' },
        { id: 'agg-psindiv@10', text: 'free' },
      ],
      [
        { id: 'DECL-X', question: { fr: 'q', en: 'q' }, answer: 'yes', declaredBy: 'me', requirements: ['agg-psindiv@1'] },
        { id: 'DECL-Y', question: { fr: 'q', en: 'q' }, answer: 'no', declaredBy: 'me', requirements: ['agg-psindiv@2'] },
      ],
    );
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['agg-psindiv@1', 'declared'],
      ['agg-psindiv@2', 'not-tested'],
      ['agg-psindiv@10', 'passed'],
    ]);
  });
});

describe('exitCodeOf', () => {
  const run = (cases: CaseResult[], strict = false) => ({ cases, summary: summarize(cases, { strict }) });

  it('0 when at least one case was judged and none failed or errored (skipped, not applicable allowed)', () => {
    expect(exitCodeOf(run([makeResult(), makeResult({ verdict: 'skipped' }), makeResult({ verdict: 'not-applicable' })]))).toBe(0);
  });

  it('1 on a failed or error case, minor ones included', () => {
    expect(exitCodeOf(run([makeResult(), makeResult({ verdict: 'failed' })]))).toBe(1);
    expect(exitCodeOf(run([makeResult(), makeResult({ verdict: 'error' })]))).toBe(1);
    expect(exitCodeOf(run([makeResult(), makeResult({ severity: 'minor', verdict: 'failed' })]))).toBe(1);
  });

  it('1 when nothing was judged at all', () => {
    expect(exitCodeOf(run([makeResult({ verdict: 'skipped' })]))).toBe(1);
    expect(exitCodeOf(run([]))).toBe(1);
  });

  it('--strict: 1 on any reserve, 0 without', () => {
    const withReserve = [makeResult(), makeResult({ verdict: 'not-applicable' })];
    expect(exitCodeOf(run(withReserve))).toBe(0);
    expect(exitCodeOf(run(withReserve, true))).toBe(1);
    expect(exitCodeOf(run([makeResult()], true))).toBe(0);
  });
});
