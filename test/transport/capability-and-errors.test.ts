/**
 * CapabilityStatement comparison against the IG's SAS-GestionnaireAgenda-* statements (real package)
 * and the error contract against servers that get it wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadDefinitions } from '../../src/fhir/packages/index.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { loadJdd } from '../../src/jdd/load-jdd.js';
import type { Jdd } from '../../src/jdd/types.js';
import { startMockServer } from '../../src/mock/server.js';
import { compareCapability, expectedFromIg, findIgStatement } from '../../src/transport/capability-compare.js';
import { transportKinds } from '../../src/transport/index.js';
import { bundle, FHIR_JSON, startHttpServer, type RunningServer } from '../support/servers.js';
import { blocking, DATASETS, PACKAGES, ruleIds, runKind, testCase } from '../support/transport-harness.js';

let definitions: DefinitionIndex;
let jdd: Jdd;
beforeAll(async () => {
  definitions = (await loadDefinitions({ sources: [PACKAGES], ig: 'ans.fhir.fr.sas#1.2.0' })).index;
  jdd = loadJdd(join(DATASETS, 'recette-psindiv.yaml'));
});

/** A statement declaring exactly what the IG statement of the use case declares, by code. */
function editorStatement(expected: ReturnType<typeof expectedFromIg>): Record<string, unknown> {
  return {
    resourceType: 'CapabilityStatement',
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        resource: expected.map((e) => ({
          type: e.type,
          interaction: e.interactions.map((code) => ({ code })),
          searchParam: e.params.map((p) => ({ name: p.code, type: 'token' })),
          searchInclude: e.includes,
          searchRevInclude: e.revincludes,
        })),
      },
    ],
  };
}

describe('compareCapability with the IG statements', () => {
  it('resolves the IG parameter names to their codes', () => {
    const ps = expectedFromIg(findIgStatement(definitions, 'psindiv')!, definitions);
    expect(ps.find((r) => r.type === 'Slot')).toMatchObject({
      params: [{ code: 'start', name: 'SPDateDebutSlot' }],
      includes: ['Slot:schedule', 'Schedule:actor'],
    });
    expect(ps.find((r) => r.type === 'Practitioner')?.params[0].code).toBe('identifier');
    const sos = expectedFromIg(findIgStatement(definitions, 'sos')!, definitions);
    expect(sos.find((r) => r.type === 'Schedule')).toMatchObject({
      revincludes: ['Slot:schedule'],
      includes: ['Schedule:actor:Location', 'Location:organization'],
    });
  });

  it.each(['psindiv', 'cpts', 'sos'] as const)('%s: a complete statement gives no finding; each gap is reported where it is', (useCase) => {
    const expected = expectedFromIg(findIgStatement(definitions, useCase)!, definitions);
    const searched = useCase === 'sos' ? 'Schedule' : 'Slot';
    const full = editorStatement(expected);
    expect(compareCapability(full, expected, 'IG', searched)).toEqual([]);
    const broken = structuredClone(full) as { rest: { resource: Record<string, unknown>[] }[] };
    const res = broken.rest[0].resource.find((r) => r.type === searched)!;
    res.searchParam = [];
    res.searchInclude = [];
    res.searchRevInclude = [];
    const f = compareCapability(broken, expected, 'IG', searched);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
    expect(ruleIds(f)).toEqual(['SAS-CAP-005', 'SAS-CAP-006']);
    expect(f[0].location).toMatch(/^CapabilityStatement\.rest\[0\]\.resource\[\d+\]\.search/);
  });

  it('accepts a parameter declared by its IG definition, rejects a wrong resource or FHIR version', () => {
    const expected = expectedFromIg(findIgStatement(definitions, 'psindiv')!, definitions);
    const s = editorStatement(expected) as { rest: { resource: { type: string; searchParam: unknown[] }[] }[] };
    s.rest[0].resource[0].searchParam = [
      { name: 'date-de-debut', definition: 'https://interop.esante.gouv.fr/ig/fhir/sas/SearchParameter/slot-sp-start' },
    ];
    expect(compareCapability(s, expected, 'IG', 'Slot')).toEqual([]);
    expect(ruleIds(compareCapability({ resourceType: 'Bundle' }, expected, 'IG', 'Slot'))).toEqual(['SAS-CAP-002']);
    expect(ruleIds(compareCapability({ ...s, fhirVersion: '3.0.2', format: ['xml'] }, expected, 'IG', 'Slot'))).toEqual([
      'SAS-CAP-003',
      'SAS-CAP-008',
    ]);
  });
});

describe('capability-statement and error-contract kinds against wrong servers', () => {
  let lax: RunningServer;
  beforeAll(async () => {
    // Answers 200 with results to any search, and a Bundle at /metadata.
    const results = (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': FHIR_JSON });
      res.end(bundle(2));
    };
    const notFound = (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    lax = await startHttpServer({ '/fhir/Slot': results, '/fhir/metadata': results, '/nothing-here/metadata': notFound });
  });
  afterAll(() => lax.close());
  const kinds = () => transportKinds({ definitions });
  const env = (baseUrl: string) => ({ baseUrl, httpOptions: { env: {}, timeoutMs: 3000 }, jdd });

  it('capability: no metadata is a warning, a Bundle instead of a CapabilityStatement an error', async () => {
    const none = await runKind(kinds(), testCase('capability-statement'), env(`${lax.url}/nothing-here`));
    expect(none.findings.map((f) => `${f.severity}:${f.ruleId}`)).toEqual(['warning:SAS-CAP-001']);
    expect(none.findings[0].message.en).toContain('HTTP 404');
    const wrong = await runKind(kinds(), testCase('capability-statement'), env(`${lax.url}/fhir`));
    expect(ruleIds(blocking(wrong))).toEqual(['SAS-CAP-002']);
  });

  it('capability: an endpoint that does not answer at all is an error, not a missing statement', async () => {
    const refused = await runKind(kinds(), testCase('capability-statement'), env('http://127.0.0.1:9/fhir'));
    expect(refused.findings.map((f) => `${f.severity}:${f.ruleId}`)).toEqual(['error:SAS-CAP-009']);
    expect(refused.findings[0].message.en).toContain('refused');
  });

  it('error contract: a server that answers 200 with results to everything fails what the IG requires, warns on good practice', async () => {
    const r = await runKind(kinds(), testCase('error-contract'), env(`${lax.url}/fhir`));
    // A served malformed date and results for unknown identifiers break the IG; serving a search without
    // status, with 26 identifiers or with an unknown strict parameter is only against good practice (sas-tls@20).
    expect(ruleIds(blocking(r))).toEqual(['SAS-ERR-002', 'SAS-ERR-005']);
    expect(ruleIds(r.findings.filter((f) => f.severity === 'warning'))).toEqual(
      expect.arrayContaining(['SAS-ERR-001', 'SAS-ERR-003', 'SAS-ERR-004']),
    );
    const urls = r.exchanges.map((x) => x.request.url);
    expect(urls[0]).not.toMatch(/[?&]status=/);
    expect(urls[1]).toContain('start=ge2026-13-45T25:61:00');
    expect(urls[2].split('%7C')).toHaveLength(27);
    expect(urls[3]).toContain('sas-recette-unknown=1');
    expect(r.exchanges[3].request.headers.prefer).toBe('handling=strict');
  });

  it('error contract: the reference editor with its no-operation-outcome defect fails the malformed date, warns on the others', async () => {
    const mock = await startMockServer({ jdd, defects: ['no-operation-outcome'] });
    try {
      const r = await runKind(kinds(), testCase('error-contract'), env(mock.url));
      expect(ruleIds(blocking(r))).toEqual(['SAS-ERR-002']);
      expect(ruleIds(r.findings.filter((f) => f.severity === 'warning'))).toEqual(
        expect.arrayContaining(['SAS-ERR-001', 'SAS-ERR-003', 'SAS-ERR-004']),
      );
      expect(blocking(r)[0].message.en).toContain('HTTP 200, application/fhir+json — the invalid request was accepted');
    } finally {
      await mock.close();
    }
  });

  it('error contract: a 4xx without OperationOutcome is SAS-ERR-006', async () => {
    const html400 = await startHttpServer({
      '/fhir/Slot': (_req, res) => {
        res.writeHead(400, { 'content-type': 'text/html' });
        res.end('<html>Bad Request</html>');
      },
    });
    try {
      const r = await runKind(kinds(), testCase('error-contract', { probe: 'missing-status' }), env(`${html400.url}/fhir`));
      expect(ruleIds(blocking(r))).toEqual(['SAS-ERR-006']);
      expect(r.exchanges).toHaveLength(1);
    } finally {
      await html400.close();
    }
  });

  it.each(['cpts', 'sos'] as const)(
    '%s: the reference editor passes the error contract and the CapabilityStatement comparison',
    async (useCase) => {
      const ucJdd = loadJdd(join(DATASETS, `recette-${useCase}.yaml`));
      const mock = await startMockServer({ jdd: ucJdd });
      try {
        const e = { baseUrl: mock.url, httpOptions: { env: {}, timeoutMs: 3000 }, jdd: ucJdd };
        const errors = await runKind(kinds(), testCase('error-contract', {}, useCase), e);
        expect(blocking(errors)).toEqual([]);
        expect(errors.exchanges.map((x) => x.response?.status)).toEqual([400, 400, 400, 400, 200]);
        expect(errors.exchanges[0].request.url).toContain(useCase === 'sos' ? '/Schedule?' : '/Slot?');
        const cap = await runKind(kinds(), testCase('capability-statement', {}, useCase), e);
        expect(cap.findings.filter((f) => f.severity !== 'information')).toEqual([]);
      } finally {
        await mock.close();
      }
    },
  );

  it('a check that needs the reference search is not applicable when no JDD is loaded', async () => {
    const r = await runKind(kinds(), testCase('error-contract'), { baseUrl: `${lax.url}/fhir`, httpOptions: { env: {} } });
    expect(r.notApplicable?.en).toContain('no JDD loaded');
    expect(r.exchanges).toEqual([]);
  });
});
