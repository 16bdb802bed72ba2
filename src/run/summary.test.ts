import { describe, expect, it } from 'vitest';
import { makeResult } from '../../test/run/fixtures.js';
import { coverRequirements, exitCodeOf, summarize } from './summary.js';

describe('summarize', () => {
  it('counts per group and overall, favorable when everything passed', () => {
    const s = summarize([makeResult({ id: 'A' }), makeResult({ id: 'B', group: 'cpts' })]);
    expect(s).toEqual({
      total: 2, passed: 2, failed: 0, skipped: 0, error: 0,
      byGroup: { psindiv: { total: 1, passed: 1, failed: 0, skipped: 0, error: 0 }, cpts: { total: 1, passed: 1, failed: 0, skipped: 0, error: 0 } },
      overall: 'favorable',
      reserves: [],
    });
  });

  it('is unfavorable when a blocking case failed or errored', () => {
    expect(summarize([makeResult({ verdict: 'failed' })]).overall).toBe('unfavorable');
    expect(summarize([makeResult({ verdict: 'error' })]).overall).toBe('unfavorable');
  });

  it('has reserves for failed minor cases and skipped cases, not for blocking failures', () => {
    const s = summarize([
      makeResult({ id: 'MINOR', severity: 'minor', verdict: 'failed' }),
      makeResult({ id: 'SKIP', verdict: 'skipped' }),
      makeResult({ id: 'OK' }),
    ]);
    expect(s.overall).toBe('favorable-with-reserves');
    expect(s.reserves).toEqual(['MINOR', 'SKIP']);
    expect(summarize([makeResult({ id: 'B', verdict: 'failed' }), makeResult({ id: 'M', severity: 'minor', verdict: 'error' })])).toMatchObject({
      overall: 'unfavorable',
      reserves: ['M'],
    });
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
    const rows = coverRequirements(cases, [{ id: 'agg-psindiv@1', text: 'mTLS' }, { id: 'agg-psindiv@2', text: 'CN' }, { id: 'agg-psindiv@10', text: 'free' }], [
      { id: 'DECL-X', question: { fr: 'q', en: 'q' }, answer: 'yes', declaredBy: 'me', requirements: ['agg-psindiv@1'] },
      { id: 'DECL-Y', question: { fr: 'q', en: 'q' }, answer: 'no', declaredBy: 'me', requirements: ['agg-psindiv@2'] },
    ]);
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['agg-psindiv@1', 'declared'],
      ['agg-psindiv@2', 'not-tested'],
      ['agg-psindiv@10', 'passed'],
    ]);
  });
});

describe('exitCodeOf', () => {
  it('0 passed/skipped, 1 a failure, 2 a harness error', () => {
    expect(exitCodeOf({ cases: [makeResult(), makeResult({ verdict: 'skipped' })] })).toBe(0);
    expect(exitCodeOf({ cases: [makeResult(), makeResult({ verdict: 'failed' })] })).toBe(1);
    expect(exitCodeOf({ cases: [makeResult({ verdict: 'failed' }), makeResult({ verdict: 'error' })] })).toBe(2);
  });
});
