/**
 * Each named defect of the reference editor makes the expected cases fail with the expected rule ids
 * (or end in `error` when the endpoint gave no answer to judge), the cases it does not touch still
 * pass, and the run goes on.
 * Real HTTP on loopback; the FHIR packages of ../shared are loaded once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DefectName } from '../../src/mock/defects.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import type { StructureSetup } from '../../src/run/prepare.js';
import type { RunResult } from '../../src/core/model.js';
import { blockingRuleIds, loadShippedStructure, playPrepared, prepareShipped, verdicts } from './support.js';

let structure: StructureSetup;
beforeAll(async () => {
  structure = await loadShippedStructure();
});

async function runAgainst(defects: DefectName[], only: string[], opts: { timeoutMs?: number; delayMs?: number } = {}): Promise<RunResult> {
  const prepared = prepareShipped(structure, only);
  const server: MockServer = await startMockServer({ jdd: prepared.jdds, defects, ...(opts.delayMs ? { delayMs: opts.delayMs } : {}) });
  try {
    return await playPrepared(prepared, structure, server.url, opts.timeoutMs);
  } finally {
    await server.close();
  }
}

interface Expectation {
  /** case id → rule ids that must be among its blocking findings. */
  fails: Record<string, string[]>;
  /** The verdict of the `fails` cases: `error` when the endpoint gave no usable answer. */
  verdict?: 'failed' | 'error';
  /** cases the defect does not touch. */
  passes: string[];
}

const TABLE: Partial<Record<DefectName, Expectation>> = {
  'wrong-status': {
    fails: { 'PS-4.3-STATUS': ['SAS-WIN-001'], 'PS-4.2-BUNDLE': ['Slot.status'], 'SOS-DATES': ['SAS-WIN-001'] },
    passes: ['PS-4.3-DATES', 'PS-4.3-SEARCH'],
  },
  'slot-outside-window': {
    fails: { 'PS-4.3-DATES': ['SAS-WIN-002'], 'PS-WINDOW-SHIFTED': ['SAS-WIN-002'], 'SOS-DATES': ['SAS-WIN-002'] },
    passes: ['PS-4.3-STATUS'],
  },
  'missing-include': {
    fails: {
      'PS-4.3-REFERENCES': ['SAS-REF-002', 'SAS-REF-003'],
      'PS-4.3-CARDINALITY': ['EXP-PLACES'],
      'SOS-ONE-PLACE': ['EXP-PLACES', 'SAS-REF-007'],
    },
    passes: ['PS-4.3-DATES'],
  },
  'dangling-reference': { fails: { 'PS-4.3-REFERENCES': ['SAS-REF-001'], 'SOS-ONE-PLACE': ['SAS-REF-001'] }, passes: ['PS-4.3-STATUS'] },
  'bad-phone': {
    fails: { 'PS-4.6-IDENTITY': ['SAS-TEL-001'], 'CPTS-4.9-ORGANIZATION': ['SAS-TEL-001'], 'SOS-PLACE-DETAILS': ['SAS-TEL-001'] },
    passes: ['PS-4.3-ADDRESS'],
  },
  'bad-finess': {
    fails: {
      'CPTS-4.3-FINESS': ['EXP-CPTS-FINESS', 'SAS-STR-001'],
      'CPTS-4.2-BUNDLE': ['FINESS-invariant'],
      'SOS-IDENTIFIER': ['SAS-STR-002'],
      'PS-4.6-IDENTITY': ['SAS-STR-003'],
    },
    passes: ['PS-4.3-SEARCH'],
  },
  'date-without-offset': {
    fails: { 'PS-4.3-DATES': ['SAS-DAT-001'], 'PS-4.2-BUNDLE': ['structure.format'], 'SOS-DATES': ['SAS-DAT-001'] },
    passes: ['PS-4.3-STATUS'],
  },
  // a 502 HTML page is no refusal: a 5xx without an OperationOutcome (SAS-ERR-006)
  'html-502': { fails: { 'PS-4.3-SEARCH': ['EXP-BODY-JSON', 'EXP-STATUS'], 'ERR-MISSING-STATUS': ['SAS-ERR-006'] }, passes: [] },
  'truncated-json': { fails: { 'PS-4.3-SEARCH': ['EXP-BODY-JSON'], 'SOS-SEARCH': ['EXP-BODY-JSON'] }, passes: [] },
  'huge-body': { fails: { 'PS-4.3-SEARCH': ['HTTP-TOO-LARGE'] }, verdict: 'error', passes: [] },
  'wrong-content-type': { fails: { 'PS-4.3-CONTENT-TYPE': ['EXP-CONTENT-TYPE'] }, passes: ['PS-4.3-SEARCH'] },
  injection: { fails: { 'PS-4.3-BOOKING-URL': ['SAS-URL-001'] }, passes: ['PS-4.3-SEARCH'] },
  // serving a search without status is only against good practice (a warning); serving a malformed date is not allowed
  'no-operation-outcome': {
    fails: { 'ERR-BAD-DATE': ['EXP-OPERATION-OUTCOME', 'EXP-STATUS'] },
    passes: ['PS-4.3-SEARCH', 'ERR-MISSING-STATUS'],
  },
  'cpts-for-individual': { fails: { 'CPTS-INDIVIDUAL-ONLY': ['EXP-RESULT', 'EXP-TOTAL'] }, passes: ['CPTS-4.8.1-TWO-CPTS'] },
  'wrong-finess': {
    fails: { 'CPTS-4.3-FINESS': ['EXP-CPTS-FINESS'], 'CPTS-DECLARATION': ['EXP-CPTS-FINESS'] },
    passes: ['CPTS-4.3-SEARCH', 'CPTS-48H'],
  },
  'wrong-practitioner': { fails: { 'PS-4.3-IDENTIFIER': ['SAS-IDN-002'], 'PS-4.5-MULTI-PS': ['SAS-IDN-002'] }, passes: ['PS-4.3-DATES'] },
  'total-mismatch': { fails: { 'PS-4.3-CARDINALITY': ['SAS-BDL-002'], 'PS-UNKNOWN-EMPTY': ['EXP-TOTAL'] }, passes: ['PS-4.3-SEARCH'] },
  'missing-comment': { fails: { 'PS-4.3-BOOKING-URL': ['SAS-URL-001'] }, passes: ['PS-4.3-SEARCH'] },
  'bad-consultation-type': { fails: { 'PS-4.7-CONSULTATION-TYPES': ['EXP-CONSULTATION-TYPES'] }, passes: ['PS-4.3-SEARCH'] },
};

describe('the cahier against each defect of the reference editor', () => {
  it.each(Object.entries(TABLE) as [DefectName, Expectation][])('%s', async (defect, x) => {
    const only = [...Object.keys(x.fails), ...x.passes];
    const run = await runAgainst([defect], only);
    const v = verdicts(run);
    for (const [id, rules] of Object.entries(x.fails)) {
      expect(v[id], id).toBe(x.verdict ?? 'failed');
      expect(blockingRuleIds(run, id), id).toEqual(expect.arrayContaining(rules));
    }
    for (const id of x.passes) expect(v[id], `${id}: ${run.cases.find((c) => c.id === id)?.reason?.en}`).toBe('passed');
    if (x.verdict !== 'error') expect(run.summary.error).toBe(0);
    expect(run.cases).toHaveLength(only.length);
  });

  it('keeps the evidence of an unusable body: the HTML page, the cut JSON', async () => {
    const html = await runAgainst(['html-502'], ['PS-4.3-SEARCH']);
    const c = html.cases[0];
    expect(c.exchanges[0].response).toMatchObject({ status: 502, body: expect.stringContaining('502 Bad Gateway') });
    expect(c.findings.find((f) => f.ruleId === 'EXP-BODY-JSON')?.message.en).toMatch(
      /^an HTML page was received instead of a FHIR JSON resource/,
    );
    const cut = await runAgainst(['truncated-json'], ['PS-4.3-SEARCH']);
    expect(cut.cases[0].exchanges[0].response?.body).toMatch(/^\{"resourceType":"Bundle"/);
    expect(cut.cases[0].findings.find((f) => f.ruleId === 'EXP-BODY-JSON')?.message.en).toMatch(/^invalid JSON body \(truncated\?\)/);
  });

  it('a CPTS slot beyond 48 h is reported as a warning (seed-document rule, waived): the case still passes', async () => {
    const run = await runAgainst(['cpts-after-48h'], ['CPTS-48H', 'CPTS-4.3-SEARCH']);
    expect(verdicts(run)).toEqual({ 'CPTS-48H': 'passed', 'CPTS-4.3-SEARCH': 'passed' });
    const warned = run.cases.find((c) => c.id === 'CPTS-48H')?.findings.filter((f) => f.ruleId === 'SAS-CPTS-001') ?? [];
    expect(warned.length).toBeGreaterThan(0);
    expect(warned.every((f) => f.severity === 'warning')).toBe(true);
    // the PV shows the waiver that softened it, with its reason
    expect(run.waivers?.find((w) => w.rule === 'SAS-CPTS-001')).toMatchObject({ severity: 'warning', cases: ['CPTS-48H'] });
  });

  it('a stalled endpoint ends each case in error at the deadline (nothing to judge) and the run goes on', async () => {
    const run = await runAgainst(['slow'], ['PS-4.3-SEARCH', 'SOS-SEARCH'], { delayMs: 3000, timeoutMs: 500 });
    expect(verdicts(run)).toEqual({ 'PS-4.3-SEARCH': 'error', 'SOS-SEARCH': 'error' });
    expect(run.summary.overall).toBe('unfavorable');
    for (const c of run.cases) {
      expect(blockingRuleIds(run, c.id)).toEqual(['HTTP-TIMEOUT']);
      expect(c.exchanges[0].outcome).toBe('timeout');
      expect(c.reason?.en).toMatch(
        /^HTTP-TIMEOUT — HTTP GET http:\/\/127\.0\.0\.1:\d+\/fhir\/(Slot|Schedule)\?.*: no complete answer within the deadline/,
      );
    }
  });
});
