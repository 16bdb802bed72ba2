import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../core/findings.js';
import type { DefinitionIndex, LoadedPackage } from '../fhir/packages/types.js';
import { officialIgPackages } from '../validate/official.js';
import { officialRunSummary } from './official.js';
import type { CaseResult } from '../core/model.js';

const ours = (location: string): Finding => finding('error', 'Slot.status', 'structure', location, { fr: 'x', en: 'x' });
const theirs = (location: string): Finding => ({ ...ours(location), ruleId: 'official:x', engine: 'official' });

function caseOf(id: string, exchangeId: string, findings: Finding[], officialFindings?: Finding[]): CaseResult {
  return {
    id,
    title: { fr: id, en: id },
    group: 'cpts',
    useCase: 'cpts',
    requirements: [],
    tags: [],
    severity: 'blocking',
    verdict: 'passed',
    findings,
    ...(officialFindings ? { officialFindings } : {}),
    exchanges: [
      {
        id: exchangeId,
        request: { method: 'GET', url: 'http://127.0.0.1/fhir/Slot', headers: {} },
        outcome: 'ok',
        startedAt: '',
        timings: { totalMs: 1 },
      },
    ],
    durationMs: 1,
  };
}

describe('officialRunSummary', () => {
  it('counts the disagreements once per response, over the cases the validator checked', () => {
    const run = [
      // one response, two cases: ours at entry[0], theirs at entry[1] → 2 disagreements, counted once
      caseOf('A', 'x1', [ours('Bundle.entry[0].resource.status')], [theirs('Bundle.entry[1].resource.meta')]),
      caseOf('B', 'x1', [ours('Bundle.entry[0].resource.status')], [theirs('Bundle.entry[1].resource.meta')]),
      // another response where both engines agree → 0
      caseOf('C', 'x2', [ours('Bundle.entry[0].resource.status')], [theirs('Bundle.entry[0].resource.status')]),
      // not checked by the validator → ignored
      caseOf('D', 'x3', [ours('Bundle.entry[4].resource.status')]),
    ];
    expect(officialRunSummary({ jar: '/tools/validator_cli.jar', gates: false }, run)).toEqual({
      jar: '/tools/validator_cli.jar',
      gates: false,
      disagreements: 2,
    });
  });

  it('leaves official findings among ours (gates) out of our side', () => {
    const gated = caseOf('A', 'x1', [theirs('Bundle.entry[1].resource.meta')], [theirs('Bundle.entry[1].resource.meta')]);
    expect(officialRunSummary({ jar: 'j' }, [gated]).disagreements).toBe(1);
  });
});

describe('officialIgPackages', () => {
  const index = (source: string) =>
    ({ packages: [{ id: 'ans.fhir.fr.sas', version: '1.2.0', source } as LoadedPackage] }) as unknown as DefinitionIndex;
  it('hands over the tgz our engine read, else id#version for a cache folder, else nothing', () => {
    expect(officialIgPackages(index('/pk/ans.fhir.fr.sas#1.2.0.tgz'))).toEqual(['/pk/ans.fhir.fr.sas#1.2.0.tgz']);
    expect(officialIgPackages(index('/home/me/.fhir/packages/ans.fhir.fr.sas#1.2.0'))).toEqual(['ans.fhir.fr.sas#1.2.0']);
    expect(officialIgPackages(undefined)).toEqual([]);
  });
});
