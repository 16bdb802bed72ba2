/**
 * `sas-recette watch --once` over real loopback against the reference editor (src/mock, in-process):
 * plain HTTP behind a recording proxy (every request the editor receives: method, path, User-Agent),
 * a named defect, a dead port, and HTTPS with client certificates made for this test. Each probe
 * appends one line of the history format (src/core/probe-record.ts); a probe that does not pass
 * writes a redacted evidence file whose SHA-256 the line records.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/core/version.js';
import type { ProbeRecord } from '../../src/core/probe-record.js';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';
import { cli, JDD_ARGS, tempDir } from '../e2e/support.js';

const JDDS = SHIPPED_JDD_FILES.map((f) => loadJdd(f));
const MAIN_SEARCHES = ['PS-ALL-RULES', 'CPTS-ALL-RULES', 'SOS-ALL-RULES'];
const CAPABILITY = ['TR-PS-CAPABILITY', 'TR-CPTS-CAPABILITY', 'TR-SOS-CAPABILITY'];

interface Received {
  method: string;
  path: string;
  userAgent?: string;
}

/** A proxy in front of the editor that records every request it forwards. */
async function recordingProxy(target: string): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    received.push({ method: req.method ?? '?', path: req.url ?? '', userAgent: req.headers['user-agent'] });
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/fhir`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function readHistory(file: string): ProbeRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ProbeRecord);
}

let editor: MockServer;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let defective: MockServer;

beforeAll(async () => {
  editor = await startMockServer({ jdd: JDDS });
  proxy = await recordingProxy(editor.url);
  defective = await startMockServer({ jdd: JDDS, defects: ['bad-phone'] });
});
afterAll(async () => {
  await proxy?.close();
  await editor?.close();
  await defective?.close();
});

describe('watch --once against the reference editor', () => {
  it('appends one valid line: every check passed, available, latency, and only GET requests with the watch User-Agent', async () => {
    const history = join(tempDir('watch'), 'vsr', 'history.jsonl');
    proxy.received.length = 0;
    const r = await cli(['watch', '--once', '--base-url', proxy.url, ...JDD_ARGS, '--history', history, '--lang', 'en']);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const lines = readFileSync(history, 'utf8').split('\n');
    expect(lines).toHaveLength(2); // one record, newline-terminated
    const [rec] = readHistory(history);
    expect(rec).toMatchObject({
      v: 1,
      baseUrl: proxy.url,
      tool: TOOL_VERSION,
      ig: 'ans.fhir.fr.sas#1.2.0',
      available: true,
      verdict: 'passed',
    });
    expect(rec.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(rec.checks.map((c) => c.caseId).sort()).toEqual([...MAIN_SEARCHES, ...CAPABILITY].sort());
    for (const c of rec.checks) {
      expect(c).toMatchObject({ outcome: 'ok', status: 200, verdict: 'passed', failingRules: [] });
      expect(c.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(rec.checks.filter((c) => c.useCase).map((c) => c.useCase)).toEqual(['psindiv', 'cpts', 'sos']);
    expect(rec.evidence).toBeUndefined();
    expect(existsSync(`${history}.evidence`)).toBe(false);
    expect(r.out).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d\d:\d\d {2}passed {2}\d+ ms\n$/);

    // what reached the editor: GET only, the watch's User-Agent, the metadata asked once for the three use cases
    expect(proxy.received.length).toBeGreaterThan(0);
    expect(proxy.received.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(new Set(proxy.received.map((q) => q.userAgent))).toEqual(new Set([`sas-recette/${TOOL_VERSION} (watch)`]));
    expect(proxy.received.filter((q) => q.path.endsWith('/metadata'))).toHaveLength(1);
    expect(proxy.received.filter((q) => /\/(Slot|Schedule)\?/.test(q.path))).toHaveLength(3);
  });

  it('a second probe appends a second line and keeps the first', async () => {
    const history = join(tempDir('watch-twice'), 'history.jsonl');
    await cli(['watch', '--once', '--base-url', editor.url, ...JDD_ARGS, '--history', history]);
    const first = readFileSync(history, 'utf8');
    const r = await cli(['watch', '--once', '--base-url', editor.url, ...JDD_ARGS, '--history', history]);
    expect(r.code).toBe(0);
    const now = readFileSync(history, 'utf8');
    expect(now.startsWith(first)).toBe(true);
    expect(readHistory(history)).toHaveLength(2);
  });

  it('against an editor with a defect: failed with the rule ids, and an evidence file whose SHA-256 matches', async () => {
    const history = join(tempDir('watch-defect'), 'history.jsonl');
    const r = await cli(['watch', '--once', '--base-url', defective.url, ...JDD_ARGS, '--history', history, '--lang', 'en']);
    expect(r.code).toBe(1);
    const [rec] = readHistory(history);
    expect(rec).toMatchObject({ verdict: 'failed', available: true });
    expect(rec.failingRules.some((id) => id.startsWith('SAS-TEL-'))).toBe(true);
    const failing = rec.checks.filter((c) => c.verdict === 'failed');
    expect(failing.length).toBeGreaterThan(0);
    for (const c of failing) expect(c.failingRules.length).toBeGreaterThan(0);
    expect(rec.failingRules).toEqual([...new Set(rec.checks.flatMap((c) => c.failingRules))].sort());

    expect(rec.evidence?.path).toMatch(/^history\.jsonl\.evidence\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}[+-]\d\d-\d\d\.json$/);
    const file = join(dirname(history), rec.evidence!.path);
    const content = readFileSync(file);
    expect(createHash('sha256').update(content).digest('hex')).toBe(rec.evidence!.sha256);
    const evidence = JSON.parse(content.toString('utf8')) as {
      checks: { caseId: string; findings: { ruleId: string }[]; exchanges: unknown[] }[];
    };
    expect(evidence.checks.map((c) => c.caseId)).toEqual(failing.map((c) => c.caseId));
    expect(evidence.checks[0].findings.some((f) => f.ruleId.startsWith('SAS-TEL-'))).toBe(true);
    expect(evidence.checks[0].exchanges.length).toBeGreaterThan(0);
    expect(r.out).toContain('FAILED');
    expect(r.out).toContain(rec.evidence!.path);
  });

  it('against a 502 gateway page: not available (an error status serves no slot), failed, the status in the checks', async () => {
    const gateway = await startMockServer({ jdd: JDDS, defects: ['html-502'] });
    try {
      const history = join(tempDir('watch-502'), 'history.jsonl');
      const r = await cli(['watch', '--once', '--base-url', gateway.url, ...JDD_ARGS, '--history', history, '--lang', 'en']);
      expect(r.code).toBe(1);
      const [rec] = readHistory(history);
      expect(rec).toMatchObject({ available: false, verdict: 'failed' });
      expect(rec.checks.filter((c) => c.status === 502).length).toBeGreaterThan(0);
      expect(rec.failingRules).toContain('EXP-STATUS');
    } finally {
      await gateway.close();
    }
  });

  it('against a dead port: available false, verdict error, exit 1, no stack trace', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const history = join(tempDir('watch-dead'), 'history.jsonl');
    const r = await cli([
      'watch',
      '--once',
      '--base-url',
      `http://127.0.0.1:${port}/fhir`,
      ...JDD_ARGS,
      '--history',
      history,
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    expect(`${r.out}${r.err}`).not.toMatch(/\n\s+at /);
    const [rec] = readHistory(history);
    expect(rec).toMatchObject({ available: false, verdict: 'error' });
    expect(rec.checks.length).toBeGreaterThan(0);
    expect(rec.checks.every((c) => c.outcome !== 'ok' || c.verdict !== 'passed')).toBe(true);
    expect(rec.checks[0]).toMatchObject({ outcome: 'refused', verdict: 'error', failingRules: ['HTTP-REFUSED'] });
    expect(existsSync(join(dirname(history), rec.evidence!.path))).toBe(true);
    expect(r.out).toContain('unavailable (refused)');
  });
});

describe('watch --once over mTLS', () => {
  let pki: TestPki;
  let secure: MockServer;
  beforeAll(async () => {
    pki = await makePki({ dir: tempDir('watch-pki'), cn: 'sas-client', ou: 'sas-editor' });
    secure = await startMockServer({ jdd: JDDS, tls: { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert } });
  });
  afterAll(async () => {
    await secure?.close();
  });

  it('passes with the client certificate and records the TLS facts of the connection', async () => {
    const history = join(tempDir('watch-mtls'), 'history.jsonl');
    const r = await cli([
      'watch',
      '--once',
      '--base-url',
      secure.url,
      ...JDD_ARGS,
      '--cert',
      pki.clientCert,
      '--key',
      pki.clientKey,
      '--ca',
      pki.caCert,
      '--history',
      history,
    ]);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const [rec] = readHistory(history);
    expect(rec).toMatchObject({ verdict: 'passed', available: true });
    expect(rec.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(rec.tls?.clientCertSubject).toContain('sas-client');
    expect(rec.tls?.peerValidTo).toBeDefined();
    // size of a passing probe (three use cases, over mTLS): what a month of probes every 15 min weighs
    // (measured 1,334 bytes with this cahier and JDDs: about 3.8 MB a month; docs/watch.md)
    expect(readFileSync(history).length).toBeLessThan(1600);
  });

  it('without the client certificate the server refuses: unavailable, error', async () => {
    const history = join(tempDir('watch-mtls-no-cert'), 'history.jsonl');
    const r = await cli(['watch', '--once', '--base-url', secure.url, ...JDD_ARGS, '--ca', pki.caCert, '--history', history]);
    expect(r.code).toBe(1);
    const [rec] = readHistory(history);
    expect(rec).toMatchObject({ available: false, verdict: 'error' });
  });
});

describe('watch refuses to start on bad input (exit 2, before any request)', () => {
  it('--every below one minute', async () => {
    const history = join(tempDir('watch-floor'), 'history.jsonl');
    const r = await cli(['watch', '--base-url', editor.url, ...JDD_ARGS, '--history', history, '--every', '30s', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('at most one probe a minute');
    expect(existsSync(history)).toBe(false);
    const fr = await cli(['watch', '--base-url', editor.url, ...JDD_ARGS, '--history', history, '--every', '10s']);
    expect(fr.code).toBe(2);
    expect(fr.err).toContain('une sonde au plus par minute');
  });

  it('no --history', async () => {
    const r = await cli(['watch', '--once', '--base-url', editor.url, ...JDD_ARGS, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--history is required');
  });

  it('a --history that is not a watch history (a run.json) is never appended to', async () => {
    const file = join(tempDir('watch-not-history'), 'run.json');
    writeFileSync(file, '{\n  "schemaVersion": 1\n}\n');
    const r = await cli(['watch', '--once', '--base-url', editor.url, ...JDD_ARGS, '--history', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not a sas-recette watch history');
    expect(readFileSync(file, 'utf8')).toBe('{\n  "schemaVersion": 1\n}\n');
  });
});
