/**
 * Issue #12, defect 11: what JSON.parse hides in an answer — a duplicate key (last wins) — is reported by
 * `run` as well as by `validate`. A proxy on loopback serves the reference editor's real answer with one
 * key written twice; the real pipeline (runAcceptance) judges the structure case.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/model.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { readBody } from '../../src/run/search-response.js';
import { tooDeepMessage } from '../../src/core/json-depth.js';
import { parseFhirJson } from '../../src/validate/parse-input.js';
import { HAVE_PACKAGES, loadShippedStructure, playPrepared, prepareShipped } from '../e2e/support.js';

/** Forwards each request to the reference editor and writes `"type":"searchset"` twice in the answer. */
async function duplicatingProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void fetch(`${target}${(req.url ?? '').replace(/^\/fhir/, '')}`, { headers: { accept: 'application/fhir+json' } })
      .then((r) => r.text())
      .then((text) => {
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        res.end(text.replace('"type":"searchset"', '"type":"searchset","type":"searchset"'));
      });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/fhir`, close: () => new Promise((ok) => server.close(() => ok())) };
}

describe.skipIf(!HAVE_PACKAGES)('run: a key written twice in the answer', () => {
  let mock: MockServer;
  let proxy: { url: string; close(): Promise<void> };
  let run: RunResult;

  beforeAll(async () => {
    const structure = await loadShippedStructure();
    const prepared = prepareShipped(structure, ['PS-4.2-BUNDLE', 'PS-4.3-SEARCH']);
    mock = await startMockServer({ jdd: prepared.jdds });
    proxy = await duplicatingProxy(mock.url);
    run = await playPrepared(prepared, structure, proxy.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await mock?.close();
  });

  it('fails the structure case on the duplicate, with its path; a case that does not judge structure still passes', () => {
    const bundle = run.cases.find((c) => c.id === 'PS-4.2-BUNDLE');
    expect(bundle?.verdict).toBe('failed');
    const dup = bundle?.findings.find((f) => f.ruleId === 'json-duplicate-key');
    expect(dup).toMatchObject({ severity: 'error', location: 'Bundle.type' });
    expect(dup?.message.en).toMatch(/JSON key "type" appears twice in the same object/);
    expect(run.cases.find((c) => c.id === 'PS-4.3-SEARCH')?.verdict).toBe('passed');
  });
});

describe('an answer nested thousands of levels deep', () => {
  const deep = (levels: number) =>
    `{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Slot","x":${'['.repeat(levels)}1${']'.repeat(levels)}}}]}`;

  it('is refused once, clearly, by the run and by validate, before any recursive reader walks it', () => {
    expect(readBody(deep(5000), 'application/fhir+json')).toEqual({ problem: tooDeepMessage() });
    expect(readBody(deep(100), 'application/fhir+json').json).toBeDefined();
    const text = deep(5000);
    const parsed = parseFhirJson({ label: 'answer.json', size: text.length, content: Buffer.from(text) });
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toMatch(/input-too-deep.*JSON nested more than 256 levels deep/);
  });
});
