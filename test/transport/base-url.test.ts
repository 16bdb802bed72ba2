/**
 * A base URL that serves no FHIR search (issue #12, defect 12): the reference editor serves the FHIR
 * API under /fhir and the user gives the root URL. Every path then answers 404 with an
 * OperationOutcome — which used to pass the error-contract cases as "refusals". The pre-flight check
 * says so first (stderr and the run's notes); the error-contract and CapabilityStatement cases end
 * `error` with "the base URL serves no FHIR search". The server is loopback, closed at the end.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import type { Jdd } from '../../src/jdd/types.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { transportKinds } from '../../src/transport/index.js';
import type { TransportOutcome } from '../../src/transport/context.js';
import { cli, HAVE_PACKAGES, JDD_ARGS, parseRun, tempDir, verdicts } from '../e2e/support.js';
import { DATASETS, runKind, testCase } from '../support/transport-harness.js';

let server: MockServer;
let root: string;
let jdd: Jdd;
beforeAll(async () => {
  server = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)) });
  root = server.url.replace(/\/fhir$/, '');
  jdd = loadJdd(join(DATASETS, 'recette-psindiv.yaml'));
});
afterAll(async () => {
  await server.close();
});

const run = (kind: string, params: Record<string, unknown>, baseUrl: string) =>
  runKind(transportKinds(), testCase(kind, params), { baseUrl, httpOptions: { timeoutMs: 5000 }, jdd }) as Promise<TransportOutcome>;

describe('error contract and CapabilityStatement on a base URL without its /fhir', () => {
  it('a 404 with an OperationOutcome is not a refusal when the reference search is 404 too', async () => {
    const r = await run('error-contract', { probes: ['unknown-parameter', 'malformed-date'] }, root);
    // a set-up finding: the case ends in error (the endpoint could not be judged), not in a harness fault
    expect(r.harnessFault).toBeUndefined();
    expect(r.findings[0]).toMatchObject({ severity: 'error', ruleId: 'RUN-BASE-URL', source: 'setup' });
    expect(r.findings[0].message.en).toMatch(
      /^the base URL serves no FHIR search: GET http:\/\/127\.0\.0\.1:\d+\/Slot answers HTTP 404\. Check --base-url \(it may lack the path of the FHIR base\)\. The URL has no path: the FHIR base is often under \/fhir\.$/,
    );
    expect(r.findings.map((f) => `${f.severity}:${f.ruleId}`)).toEqual(['error:RUN-BASE-URL', 'error:SAS-ERR-004', 'error:SAS-ERR-002']);
    expect(r.findings[1].message.en).toContain('HTTP 404, like the reference search itself — not a refusal');
    // evidence: the two probes and the plain reference search
    expect(r.exchanges.map((x) => x.response?.status)).toEqual([404, 404, 404]);
    expect(r.exchanges[2].label).toBe('reference search (base URL check)');
  });

  it('the same probes on the right base URL are refusals (400 + OperationOutcome), and nothing more is sent', async () => {
    const r = await run('error-contract', { probes: ['unknown-parameter', 'malformed-date'] }, server.url);
    expect(r.harnessFault).toBeUndefined();
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.exchanges).toHaveLength(2);
  });

  it('no metadata and no search: the CapabilityStatement case is an error with that reason, not a warning', async () => {
    const wrong = await run('capability-statement', {}, root);
    expect(wrong.harnessFault).toBeUndefined();
    expect(wrong.findings[0].message.en).toMatch(
      /^the base URL serves no FHIR search: GET \S+\/Slot answers HTTP 404 and GET http:\/\/127\.0\.0\.1:\d+\/metadata answers HTTP 404 \(no CapabilityStatement\)/,
    );
    expect(wrong.findings.map((f) => `${f.severity}:${f.ruleId}`)).toEqual(['error:RUN-BASE-URL', 'error:SAS-CAP-001']);
    const right = await run('capability-statement', {}, server.url);
    expect(right.harnessFault).toBeUndefined();
  });
});

describe('sas-recette run with the root URL of an endpoint served under /fhir', () => {
  const only = ['TR-PS-ERR-UNKNOWN-PARAM', 'TR-PS-CAPABILITY', 'ERR-MISSING-STATUS', 'PS-4.3-SEARCH'].flatMap((id) => ['--only', id]);

  it.runIf(HAVE_PACKAGES)(
    'says first (stderr, notes) that the base URL serves no FHIR search; the error-contract cases do not pass',
    async () => {
      const r = await cli([
        'run',
        '--base-url',
        root,
        ...JDD_ARGS,
        ...only,
        '--format',
        'json',
        '--reporter',
        'json',
        '--out',
        tempDir('base-url'),
      ]);
      expect(r.code).toBe(1);
      const result = parseRun(r.out);
      expect(result.setupNotes[0].en).toMatch(
        /^the base URL serves no FHIR search: GET http:\/\/127\.0\.0\.1:\d+\/Slot answers HTTP 404 and GET http:\/\/127\.0\.0\.1:\d+\/metadata answers HTTP 404/,
      );
      expect(r.err).toMatch(
        /sas-recette: l'URL de base ne sert aucune recherche FHIR : GET http:\/\/127\.0\.0\.1:\d+\/Slot répond HTTP 404/,
      );
      expect(r.err).toContain('Check --base-url');
      const v = verdicts(result);
      expect(v['TR-PS-ERR-UNKNOWN-PARAM']).toBe('error');
      expect(v['TR-PS-CAPABILITY']).toBe('error');
      // the search cases that expect a refusal (errors.yaml) do not take the 404 for one either
      expect(v['ERR-MISSING-STATUS']).toBe('error');
      for (const id of ['TR-PS-ERR-UNKNOWN-PARAM', 'TR-PS-CAPABILITY', 'ERR-MISSING-STATUS']) {
        expect(result.cases.find((c) => c.id === id)?.reason?.en, id).toMatch(
          /^RUN-BASE-URL — HTTP\.status: the base URL serves no FHIR search/,
        );
      }
      // a search case answered 404 where 200 is expected: failed, as before
      expect(v['PS-4.3-SEARCH']).toBe('failed');
    },
  );

  it.runIf(HAVE_PACKAGES)('the right base URL: no note, and the same cases pass', async () => {
    const r = await cli([
      'run',
      '--base-url',
      server.url,
      ...JDD_ARGS,
      ...only,
      '--format',
      'json',
      '--reporter',
      'json',
      '--out',
      tempDir('base-url-ok'),
    ]);
    const result = parseRun(r.out);
    expect(result.setupNotes.map((n) => n.en).filter((n) => /base URL|pre-flight/.test(n))).toEqual([]);
    expect(r.err).not.toContain('sas-recette:');
    expect(Object.values(verdicts(result))).toEqual(['passed', 'passed', 'passed', 'passed']);
  });
});
