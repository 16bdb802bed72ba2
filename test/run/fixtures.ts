/**
 * Small builders for the pure run modules' tests: a test case, a JDD, a case result.
 */
import type { TestCase } from '../../src/cahier/types.js';
import type { Jdd, JddPractitioner } from '../../src/jdd/types.js';
import type { CaseResult, Exchange } from '../../src/core/model.js';

export function makeCase(p: Partial<TestCase> = {}): TestCase {
  return {
    id: 'PS-X',
    title: { fr: 'Titre', en: 'Title' },
    group: 'psindiv',
    useCase: 'psindiv',
    kind: 'search',
    requirements: ['agg-psindiv@4'],
    tags: [],
    severity: 'blocking',
    request: {},
    expect: {},
    source: { file: '/tmp/cahier/ps.yaml', line: 3, col: 5 },
    caseIndex: 0,
    locate: () => ({ file: '/tmp/cahier/ps.yaml', line: 3, col: 5 }),
    ...p,
  };
}

export function makePractitioner(p: Partial<JddPractitioner> & { key: string; idnps: string }): JddPractitioner {
  return {
    family: 'F',
    given: ['G'],
    places: [{ key: 'p1', line: ['1 rue'], city: 'Paris', postalCode: '75001' }],
    participation: 'individual',
    cpts: [],
    slotTypes: ['PUBLIC'],
    consultationTypes: ['AMB'],
    appointmentTypes: ['ROUTINE'],
    ...p,
  };
}

export function makeJdd(p: Partial<Jdd> = {}): Jdd {
  return {
    id: 'jdd-test',
    version: '1',
    useCase: 'psindiv',
    bookingBaseUrl: 'https://agenda.example/rdv',
    practitioners: [
      makePractitioner({ key: 'ps-a', idnps: '819999900012', slotTypes: ['PUBLIC', 'SNP'] }),
      makePractitioner({
        key: 'ps-b',
        idnps: '819999900020',
        places: [
          { key: 'p1', line: ['1 rue'], city: 'Paris', postalCode: '75001' },
          { key: 'p2', line: ['2 rue'], city: 'Lyon', postalCode: '69001' },
        ],
      }),
    ],
    cpts: [],
    sos: [],
    regulators: [],
    unknownIdentifiers: ['819999909005'],
    ...p,
  };
}

export function makeResult(p: Partial<CaseResult> = {}): CaseResult {
  return {
    id: 'PS-X',
    title: { fr: 'Titre', en: 'Title' },
    group: 'psindiv',
    useCase: 'psindiv',
    requirements: [],
    tags: [],
    severity: 'blocking',
    verdict: 'passed',
    findings: [],
    exchanges: [],
    durationMs: 1,
    ...p,
  };
}

/** One HTTP exchange as the client records it (an answered GET by default). */
export function makeExchange(p: Partial<Exchange> = {}): Exchange {
  return {
    id: 'x',
    request: { method: 'GET', url: 'https://editor.example/fhir/Slot', headers: {} },
    outcome: 'ok',
    startedAt: '2026-03-02T08:00:00+01:00',
    timings: { totalMs: 5 },
    ...p,
  };
}
