import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../core/errors.js';
import { RULES } from '../rules/index.js';
import { computeCoverage } from './coverage.js';
import { compareRequirementIds, loadRequirements, splitRequirementId, type Requirement } from './load-requirements.js';

describe('the shipped catalogue', () => {
  const reqs = loadRequirements();
  const ids = new Set(reqs.map((r) => r.id));

  it('holds the 49 kit requirements and every set numbered without holes', () => {
    const bySet = new Map<string, number[]>();
    for (const r of reqs) {
      const s = splitRequirementId(r.id)!;
      bySet.set(s.set, [...(bySet.get(s.set) ?? []), s.n]);
    }
    expect(bySet.get('agg-psindiv')).toHaveLength(49);
    for (const [set, ns] of bySet) expect(ns, set).toEqual(ns.map((_, i) => i + 1));
    expect([...bySet.keys()].sort()).toEqual([
      'agg-psindiv',
      'sas-cpts',
      'sas-decl',
      'sas-gen',
      'sas-sos',
      'sas-tls',
      'sas-v1',
      'sas-v2',
      'sas-v3',
    ]);
  });

  it('knows every requirement id a SAS rule cites', () => {
    const unknown = RULES.flatMap((r) => r.requirements.filter((q) => !ids.has(q)).map((q) => `${r.id} → ${q}`));
    expect(unknown).toEqual([]);
  });

  it('marks the attestations declarative and the 48 h CPTS rule as a seed fact', () => {
    expect(reqs.filter((r) => r.id.startsWith('sas-decl@')).every((r) => r.testability === 'declarative')).toBe(true);
    expect(reqs.find((r) => r.id === 'sas-cpts@1')?.source.kind).toBe('seed');
  });
});

describe('loadRequirements errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-req-'));

  it('locates schema errors and duplicate ids', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'requirements:',
        '  - id: sas-cpts@1',
        '    text: "Un texte assez long pour passer."',
        '    strength: MUST',
        '    source: { kind: ig, ref: xyz }',
        '    useCases: [cpts]',
        '    testability: automatic',
        '  - id: sas-cpts@1',
        '    text: "Un autre texte assez long."',
        '    strength: SHALL',
        '    source: { kind: ig, ref: xyz }',
        '    useCases: [cpts]',
        '    testability: automatic',
        '',
      ].join('\n'),
    );
    let err: unknown;
    try {
      loadRequirements(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SetupError);
    expect((err as Error).message).toMatch(/bad\.yaml:5:\d+/);
    expect((err as Error).message).toContain('strength');
    writeFileSync(file, readFileSync(file, 'utf8').replace('strength: MUST', 'strength: SHALL'));
    expect(() => loadRequirements(file)).toThrow(/bad\.yaml:9:\d+.*duplicate requirement id "sas-cpts@1"/s);
  });

  it('reports a missing file clearly', () => {
    expect(() => loadRequirements(join(dir, 'absent.yaml'))).toThrow(/requirements catalogue not found/);
  });
});

describe('computeCoverage', () => {
  const req = (id: string, testability: Requirement['testability'] = 'automatic'): Requirement => ({
    id,
    text: 'texte',
    strength: 'SHALL',
    source: { kind: 'ig', ref: 'r' },
    useCases: ['psindiv'],
    testability,
  });

  it('links rules and cases, lists gaps and unknown ids, in catalogue order', () => {
    const cov = computeCoverage({
      requirements: [req('sas-cpts@2'), req('agg-psindiv@10'), req('agg-psindiv@2'), req('sas-decl@1', 'declarative')],
      rules: [{ id: 'SAS-X-001', requirements: ['agg-psindiv@2', 'sas-nope@1'] }],
      cases: [{ id: 'C1', requirements: ['agg-psindiv@2', 'sas-cpts@2'] }],
    });
    expect(cov.rows.map((r) => [r.requirement.id, r.status, r.rules, r.cases])).toEqual([
      ['agg-psindiv@2', 'tested', ['SAS-X-001'], ['C1']],
      ['agg-psindiv@10', 'gap', [], []],
      ['sas-cpts@2', 'tested', [], ['C1']],
      ['sas-decl@1', 'declarative', [], []],
    ]);
    expect(cov.unknown).toEqual([{ from: 'rule', id: 'SAS-X-001', requirement: 'sas-nope@1' }]);
    expect(cov.counts).toEqual({ total: 4, tested: 2, declarative: 1, 'not-testable': 0, gap: 1 });
    expect(compareRequirementIds('agg-psindiv@9', 'agg-psindiv@10')).toBeLessThan(0);
  });
});
