import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '../../src/http/client.js';
import { SetupError } from '../../src/core/errors.js';
import type { HttpClient } from '../../src/http/types.js';
import { hasOpenssl, makeTestPki, TEST_KEY_PASSPHRASE, type TestPkiWithSecrets } from '../support/certs.js';
import { freePort, startConnectProxy, startHttpServer, startHttpsServer, type RunningServer } from '../support/servers.js';

const openssl = hasOpenssl();
if (!openssl) console.warn('openssl not found: the TLS tests of the HTTP client are skipped');

describe('HTTP client over plain HTTP', () => {
  let server: RunningServer;
  let client: HttpClient;
  beforeAll(async () => {
    server = await startHttpServer();
    client = createHttpClient({ env: {}, timeoutMs: 1500 });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('returns a 200 JSON exchange with timings, hash and full body', async () => {
    const { exchange, fullBody, failure } = await client.send({
      url: `${server.url}/json?x=1`,
      label: 'search',
      headers: { Accept: 'application/fhir+json' },
    });
    expect(failure).toBeUndefined();
    expect(exchange.outcome).toBe('ok');
    expect(exchange.label).toBe('search');
    expect(exchange.request).toMatchObject({ method: 'GET', url: `${server.url}/json?x=1` });
    expect(exchange.request.headers.accept).toBe('application/fhir+json');
    expect(exchange.request.headers['user-agent']).toMatch(/^sas-recette\//);
    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.headers['content-type']).toBe('application/fhir+json');
    expect(JSON.parse(fullBody ?? '')).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(exchange.response?.sha256).toBe(
      createHash('sha256')
        .update(fullBody ?? '')
        .digest('hex'),
    );
    expect(exchange.response?.bodyBytes).toBe(Buffer.byteLength(fullBody ?? ''));
    expect(exchange.timings.totalMs).toBeGreaterThan(0);
    expect(exchange.timings.ttfbMs).toBeLessThanOrEqual(exchange.timings.totalMs);
    expect(exchange.tls).toBeUndefined();
    expect(exchange.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/);
  });

  it('returns 500 and HTML 502 as received, and invalid JSON untouched', async () => {
    const e500 = await client.send({ url: `${server.url}/500` });
    expect(e500.exchange).toMatchObject({ outcome: 'ok', response: { status: 500 } });
    const e502 = await client.send({ url: `${server.url}/html502` });
    expect(e502.exchange.response?.status).toBe(502);
    expect(e502.exchange.response?.headers['content-type']).toBe('text/html');
    expect(e502.fullBody).toContain('<h1>502 Bad Gateway</h1>');
    const bad = await client.send({ url: `${server.url}/badjson` });
    expect(bad.exchange.outcome).toBe('ok');
    expect(bad.fullBody).toBe('{"resourceType": "Bundle", ');
  });

  it('aborts a server that never answers at the deadline (timeout outcome)', async () => {
    const { exchange, failure } = await client.send({ url: `${server.url}/stall` });
    expect(failure).toBe('timeout');
    expect(exchange.outcome).toBe('timeout');
    expect(exchange.error?.message).toContain('1500 ms');
    expect(exchange.response).toBeUndefined();
    // Deadline enforced (not a speed assertion): far below undici's 300 s default header timeout.
    expect(exchange.timings.totalMs).toBeLessThan(10_000);
  });

  it('cuts a 200 MB streamed body at the 20 MB cap (too-large), declared or chunked', async () => {
    const declared = await client.send({ url: `${server.url}/huge` });
    expect(declared.exchange.outcome).toBe('too-large');
    expect(declared.exchange.error?.code).toBe('UND_ERR_RES_EXCEEDED_MAX_SIZE');
    const big = createHttpClient({ env: {}, timeoutMs: 5000 });
    try {
      const chunked = await big.send({ url: `${server.url}/huge-chunked` });
      expect(chunked.failure).toBe('too-large');
      expect(chunked.exchange.response?.status).toBe(200);
      expect(chunked.exchange.response?.truncated).toBe(true);
      expect(chunked.fullBody).toBeUndefined();
      // The stream was cut early: the server wrote far less than the 200 MB it offered.
      expect(server.hugeBytesWritten()).toBeLessThan(100 * 1024 * 1024);
    } finally {
      await big.close();
    }
  });

  it('reports a reset, a refused port and an unknown host without throwing', async () => {
    const reset = await client.send({ url: `${server.url}/reset` });
    expect(reset.exchange.outcome).toBe('reset');
    expect(reset.exchange.error?.code).toBe('ECONNRESET');
    const refused = await client.send({ url: `http://127.0.0.1:${await freePort()}/x` });
    expect(refused.exchange.outcome).toBe('refused');
    const bad = await client.send({ url: 'not a url' });
    expect(bad.exchange.outcome).toBe('other');
  });

  it('does not follow a redirect and keeps its Location', async () => {
    const { exchange, fullBody } = await client.send({ url: `${server.url}/redirect` });
    expect(exchange.response?.status).toBe(302);
    expect(exchange.response?.headers.location).toBe('/json');
    expect(fullBody).toBe('moved');
  });

  it('truncates the evidence body but keeps the full body and its hash', async () => {
    const small = createHttpClient({ env: {}, evidenceBodyBytes: 100 });
    try {
      const { exchange, fullBody } = await small.send({ url: `${server.url}/big-text` });
      expect(exchange.response?.truncated).toBe(true);
      expect(exchange.response?.body).toHaveLength(100);
      expect(exchange.response?.bodyBytes).toBe(1000);
      expect(fullBody).toHaveLength(1000);
      expect(exchange.response?.sha256).toBe(createHash('sha256').update('x'.repeat(1000)).digest('hex'));
    } finally {
      await small.close();
    }
  });
});

describe.runIf(openssl)('HTTP client over TLS and mTLS', () => {
  let dir: string;
  let pki: TestPkiWithSecrets;
  let mtls: RunningServer;
  let mtls12: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sas-recette-http-'));
    pki = await makeTestPki(dir);
    const base = { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert, requestClientCert: true };
    mtls = await startHttpsServer({ ...base, minVersion: 'TLSv1.2' });
    mtls12 = await startHttpsServer({ ...base, maxVersion: 'TLSv1.2' });
  });
  afterAll(async () => {
    await mtls?.close();
    await mtls12?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const withCert = (extra: object = {}) => ({
    env: { SAS_KEY_PASS: TEST_KEY_PASSPHRASE },
    timeoutMs: 3000,
    tls: { certFile: pki.clientCert, keyFile: pki.clientKeyEncrypted, passphraseEnv: 'SAS_KEY_PASS', caFile: pki.caCert, ...extra },
  });

  it('presents the client certificate (mTLS accepted) and records the TLS facts of the connection', async () => {
    const client = createHttpClient(withCert());
    try {
      const { exchange } = await client.send({ url: `${mtls.url}/json` });
      expect(exchange.outcome).toBe('ok');
      expect(exchange.response?.status).toBe(200);
      expect(exchange.tls?.protocol).toBe('TLSv1.3');
      expect(exchange.tls?.cipher).toMatch(/^TLS_/);
      expect(exchange.tls?.peerSubject).toContain('CN=localhost');
      expect(exchange.tls?.peerIssuer).toContain('CN=sas-recette Test CA');
      expect(Date.parse(exchange.tls?.peerValidTo ?? '')).toBeGreaterThan(Date.now());
      expect(exchange.tls?.clientCertSubject).toContain('CN=editor-client');
      expect(exchange.tls?.clientCertFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(client.clientCert?.subject).toContain('OU=sas-editor');
    } finally {
      await client.close();
    }
  });

  it('is refused by an mTLS server without a certificate or with one from another CA', async () => {
    const none = createHttpClient({ env: {}, timeoutMs: 3000, tls: { caFile: pki.caCert } });
    const other = createHttpClient({
      env: {},
      timeoutMs: 3000,
      tls: { certFile: pki.clientOtherCaCert, keyFile: pki.clientKey, caFile: pki.caCert },
    });
    try {
      for (const c of [none, other]) {
        const r13 = await c.send({ url: `${mtls.url}/json` });
        expect(['closed', 'reset', 'tls-error']).toContain(r13.exchange.outcome);
        expect(r13.exchange.response).toBeUndefined();
      }
      const r12 = await none.send({ url: `${mtls12.url}/json` });
      expect(r12.exchange.outcome).toBe('tls-error');
      expect(r12.failure).toBe('tls-alert');
      expect(r12.exchange.error?.code).toMatch(/ALERT/);
    } finally {
      await none.close();
      await other.close();
    }
  });

  it('classifies server certificate failures: unknown CA, expired, name mismatch; insecure skips them', async () => {
    const plainTls = await startHttpsServer({ certFile: pki.serverCert, keyFile: pki.serverKey });
    const expired = await startHttpsServer({ certFile: pki.clientExpiredCert, keyFile: pki.clientKey });
    const wrongName = await startHttpsServer({ certFile: pki.serverWrongNameCert, keyFile: pki.serverKey });
    const clientCertAsServer = await startHttpsServer({ certFile: pki.clientCert, keyFile: pki.clientKey });
    const noCa = createHttpClient({ env: {}, timeoutMs: 3000 });
    const trusting = createHttpClient({ env: {}, timeoutMs: 3000, tls: { caFile: pki.caCert } });
    const insecure = createHttpClient({ env: {}, timeoutMs: 3000, tls: { insecure: true } });
    try {
      expect((await noCa.send({ url: `${plainTls.url}/json` })).failure).toBe('tls-unknown-ca');
      expect((await trusting.send({ url: `${expired.url}/json` })).failure).toBe('tls-expired');
      const mismatch = await trusting.send({ url: `${wrongName.url}/json` });
      expect(mismatch.failure).toBe('tls-name-mismatch');
      expect(mismatch.exchange.outcome).toBe('tls-error');
      const purpose = await trusting.send({ url: `${clientCertAsServer.url}/json` });
      expect(purpose).toMatchObject({ failure: 'tls-other', exchange: { outcome: 'tls-error', error: { code: 'INVALID_PURPOSE' } } });
      expect((await insecure.send({ url: `${plainTls.url}/json` })).exchange.response?.status).toBe(200);
    } finally {
      await Promise.all([
        noCa.close(),
        trusting.close(),
        insecure.close(),
        plainTls.close(),
        expired.close(),
        wrongName.close(),
        clientCertAsServer.close(),
      ]);
    }
  });

  it('never puts secrets in the exchange (headers, URL, passphrase, key)', async () => {
    const client = createHttpClient(withCert());
    try {
      const { exchange } = await client.send({
        url: `https://user:url-password-1@localhost:${mtls.port}/json?access_token=query-token-2&_include=Slot:schedule`,
        headers: {
          Authorization: 'Bearer header-token-3',
          Cookie: 'sid=cookie-4',
          'X-Api-Key': 'api-key-5',
          'Proxy-Authorization': 'Basic proxy-6',
        },
      });
      expect(exchange.response?.status).toBe(200);
      const text = JSON.stringify(exchange);
      for (const secret of [
        'url-password-1',
        'query-token-2',
        'header-token-3',
        'cookie-4',
        'api-key-5',
        'proxy-6',
        TEST_KEY_PASSPHRASE,
        'PRIVATE KEY',
        'server-session-secret',
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(exchange.request.headers.authorization).toBe('[redacted]');
      expect(exchange.request.url).toContain('_include=Slot:schedule');
      expect(exchange.response?.headers['set-cookie']).toBe('[redacted]');
      // The server did receive the real values: only the evidence is redacted.
      const echo = await client.send({ url: `${mtls.url}/echo`, headers: { Authorization: 'Bearer header-token-3' } });
      expect(JSON.parse(echo.fullBody ?? '{}').headers.authorization).toBe('Bearer header-token-3');
      expect(echo.exchange.request.headers.authorization).toBe('[redacted]');
    } finally {
      await client.close();
    }
  });

  it('keeps the client certificate through an HTTPS proxy (requestTls) and honours NO_PROXY', async () => {
    const proxy = await startConnectProxy();
    const viaProxy = createHttpClient({ ...withCert(), env: { SAS_KEY_PASS: TEST_KEY_PASSPHRASE, HTTPS_PROXY: proxy.url } });
    const bypass = createHttpClient({
      ...withCert(),
      env: { SAS_KEY_PASS: TEST_KEY_PASSPHRASE, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost' },
    });
    try {
      const r = await viaProxy.send({ url: `${mtls.url}/json` });
      expect(r.exchange.response?.status).toBe(200);
      expect(proxy.targets).toEqual([`localhost:${mtls.port}`]);
      const b = await bypass.send({ url: `${mtls.url}/json` });
      expect(b.exchange.response?.status).toBe(200);
      expect(proxy.targets).toHaveLength(1);
    } finally {
      await viaProxy.close();
      await bypass.close();
      await proxy.close();
    }
  });

  it('refuses to start with unreadable files, a wrong or missing passphrase, or a key of another certificate', () => {
    const cases: Array<[object, RegExp]> = [
      [{ tls: { certFile: join(dir, 'missing.crt'), keyFile: pki.clientKey } }, /cannot read the client certificate file/],
      [{ tls: { caFile: join(dir, 'missing-ca.crt') } }, /cannot read the CA file/],
      [{ tls: { certFile: pki.clientCert } }, /needs both --cert and --key/],
      [
        { env: { P: 'wrong-passphrase-9' }, tls: { certFile: pki.clientCert, keyFile: pki.clientKeyEncrypted, passphraseEnv: 'P' } },
        /cannot be decrypted with the passphrase of P/,
      ],
      [
        { env: {}, tls: { certFile: pki.clientCert, keyFile: pki.clientKeyEncrypted } },
        /private key ".*" is encrypted: give its passphrase with --passphrase-env VAR/,
      ],
      [{ env: {}, tls: { certFile: pki.clientCert, keyFile: pki.clientKeyEncrypted, passphraseEnv: 'NOPE' } }, /NOPE .* is not set/],
      [{ env: {}, tls: { certFile: pki.serverCert, keyFile: pki.clientKey } }, /does not belong to the certificate/],
      [{ env: {}, tls: { certFile: pki.clientKey, keyFile: pki.clientKey } }, /is not a PEM certificate/],
      // an endless file (a device) is read up to the cap, never until memory runs out
      [
        { env: {}, tls: { certFile: '/dev/zero', keyFile: pki.clientKey } },
        /the client certificate file "\/dev\/zero" is larger than 1 MiB/,
      ],
      [{ env: {}, tls: { caFile: '/dev/zero' } }, /the CA file "\/dev\/zero" is larger than 1 MiB/],
    ];
    for (const [opts, message] of cases) {
      let caught: unknown;
      try {
        createHttpClient(opts);
      } catch (err) {
        caught = err;
      }
      expect(caught, String(message)).toBeInstanceOf(SetupError);
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toContain('wrong-passphrase-9');
      expect((caught as Error).message).not.toContain(readFileSync(pki.clientKey, 'utf8').slice(30, 60));
    }
  });
});

describe('evidence kept in memory: whole answers within a budget, then excerpts', () => {
  let server: RunningServer;
  const MB = 1024 * 1024;
  beforeAll(async () => {
    server = await startHttpServer({
      '/mb': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        res.end(JSON.stringify({ resourceType: 'Bundle', pad: 'x'.repeat(MB) }));
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('records answers whole until the client has recorded its budget, then cuts each to the excerpt, said by truncated', async () => {
    const client = createHttpClient({ evidenceBodyBytes: 2 * MB, evidenceBudgetBytes: 1.5 * MB });
    try {
      const sizes: { bytes: number; recorded: number; truncated: boolean }[] = [];
      for (let i = 0; i < 3; i++) {
        const { exchange, fullBody } = await client.send({ url: `${server.url}/mb` });
        const r = exchange.response!;
        expect(fullBody?.length).toBe(r.bodyBytes); // judged whole whatever is recorded
        sizes.push({ bytes: r.bodyBytes, recorded: Buffer.byteLength(r.body), truncated: r.truncated });
      }
      const whole = sizes[0].bytes;
      expect(sizes).toEqual([
        { bytes: whole, recorded: whole, truncated: false },
        { bytes: whole, recorded: whole, truncated: false }, // 1 MB recorded < 1.5 MB budget: still whole
        { bytes: whole, recorded: 256 * 1024, truncated: true },
      ]);
    } finally {
      await client.close();
    }
  });
});
