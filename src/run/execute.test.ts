import { describe, expect, it } from 'vitest';
import { finding } from '../core/findings.js';
import { makeCase } from '../../test/run/fixtures.js';
import { kindRegistry, type CaseKind, type KindOutcome } from '../cahier/kinds.js';
import type { HttpClient } from '../http/types.js';
import { executeCases, type ExecuteEnv } from './execute.js';

const m = { fr: 'fr', en: 'en' };

function kind(name: string, run: () => Promise<KindOutcome>): CaseKind {
  return { kind: name, run };
}

function env(kinds: CaseKind[], extra: Partial<ExecuteEnv> = {}): ExecuteEnv {
  return {
    baseUrl: 'http://127.0.0.1:1/fhir',
    now: new Date('2026-03-02T08:00:00+01:00'),
    client: {} as HttpClient,
    httpOptions: {},
    lang: 'en',
    jddFor: () => undefined,
    kinds: kindRegistry(kinds),
    ...extra,
  };
}

describe('executeCases', () => {
  it('runs every case through the executor registered for its kind, search included', async () => {
    const seen: string[] = [];
    const ok = (name: string) => kind(name, async () => (seen.push(name), { exchanges: [], findings: [] }));
    const cases = [makeCase({ id: 'A' }), makeCase({ id: 'B', kind: 'latency' })];
    const results = await executeCases(cases, env([ok('search'), ok('latency')]));
    expect(seen).toEqual(['search', 'latency']);
    expect(results.map((r) => r.verdict)).toEqual(['passed', 'passed']);
  });

  it('passes skip, not-applicable and harness faults to the judgement, and catches what a kind throws', async () => {
    const kinds = [
      kind('search', async () => ({ exchanges: [], findings: [], notApplicable: m })),
      kind('latency', async () => ({ exchanges: [], findings: [], skip: m })),
      kind('tls-versions', async () => ({ exchanges: [], findings: [], harnessFault: m })),
      kind('capability-statement', async () => {
        throw new Error('boom');
      }),
    ];
    const cases = ['search', 'latency', 'tls-versions', 'capability-statement', 'unknown'].map((k) => makeCase({ id: k, kind: k }));
    const results = await executeCases(cases, env(kinds));
    expect(results.map((r) => r.verdict)).toEqual(['not-applicable', 'skipped', 'error', 'error', 'error']);
    expect(results[3].reason?.en).toBe('sas-recette internal error: boom');
    expect(results[4].reason?.en).toContain('no handler registered for case kind "unknown"');
  });

  it('a finding the judge cannot read (a defect of a check) ends its case in error, and the run goes on', async () => {
    const broken = { severity: 'error', ruleId: 'EXP-X', source: 'expectation' } as unknown as ReturnType<typeof finding>; // no location, no message
    const kinds = [
      kind('search', async () => ({ exchanges: [], findings: [broken, broken] })),
      kind('latency', async () => ({ exchanges: [], findings: [] })),
    ];
    const results = await executeCases([makeCase({ id: 'A' }), makeCase({ id: 'B', kind: 'latency' })], env(kinds));
    expect(results.map((r) => r.verdict)).toEqual(['error', 'passed']);
    expect(results[0].reason?.en).toMatch(/^sas-recette internal error: /);
  });

  it('with --bail, skips the cases after the first failure and still reports each one', async () => {
    const failing = kind('search', async () => ({
      exchanges: [],
      findings: [finding('error', 'EXP-STATUS', 'expectation', 'HTTP.status', m)],
    }));
    const ended: string[] = [];
    const cases = [makeCase({ id: 'A' }), makeCase({ id: 'B' })];
    const results = await executeCases(cases, env([failing], { bail: true, onCaseEnd: (c) => void ended.push(c.id) }));
    expect(results.map((r) => r.verdict)).toEqual(['failed', 'skipped']);
    expect(results[1].reason?.en).toContain('--bail stopped the run after A failed');
    expect(ended).toEqual(['A', 'B']);
  });

  it('refuses two executors for one kind', () => {
    const k = kind('search', async () => ({ exchanges: [], findings: [] }));
    expect(() => kindRegistry([k, k])).toThrow('case kind "search" is registered twice');
  });
});
