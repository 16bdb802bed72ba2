/**
 * The network checks of `sas-recette doctor` against real loopback servers: a clock 10 minutes (and
 * 45 s) off in the `Date` header, a proxy variable that applies (credentials hidden) or that NO_PROXY
 * lifts, a `.invalid` host, a closed port, a server that accepts TCP and then says nothing (doctor
 * must not hang), TLS 1.3 only, TLS 1.0 accepted, a server certificate the CA given does not vouch for.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';
import { probeTlsVersion } from '../../src/transport/tls-probe.js';
import { tempDir } from '../e2e/support.js';
import { hasOpenssl } from '../support/certs.js';
import { freePort, startConnectProxy, startHttpsServer, type RunningServer } from '../support/servers.js';
import { doctor } from './support.js';

/** An HTTP server whose Date header is `offsetMs` off the real clock. */
async function skewedServer(offsetMs: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createHttpServer((_req, res) => {
    res.sendDate = false;
    res.writeHead(200, { date: new Date(Date.now() + offsetMs).toUTCString(), 'content-type': 'application/fhir+json' });
    res.end('{"resourceType":"CapabilityStatement"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/fhir`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('doctor: clock, proxy, DNS, TCP', () => {
  let off10min: Awaited<ReturnType<typeof skewedServer>>;
  let off45s: Awaited<ReturnType<typeof skewedServer>>;
  let onTime: Awaited<ReturnType<typeof skewedServer>>;
  beforeAll(async () => {
    [off10min, off45s, onTime] = await Promise.all([skewedServer(-10 * 60_000), skewedServer(45_000), skewedServer(0)]);
  });
  afterAll(async () => {
    await Promise.all([off10min?.close(), off45s?.close(), onTime?.close()]);
  });

  it('a Date header 10 minutes off blocks, with why it matters; 45 s off is a warning; on time is ok', async () => {
    const far = await doctor(['--base-url', off10min.url]);
    expect(far.checks['clock.skew']).toMatchObject({ status: 'blocking' });
    expect(far.checks['clock.skew'].message).toMatch(/clock is 10 min behind this machine/);
    expect(far.checks['clock.skew'].fix).toContain('date windows');
    expect(far.code).toBe(1);
    const near = await doctor(['--base-url', off45s.url]);
    expect(near.checks['clock.skew']).toMatchObject({ status: 'warning' });
    expect(near.checks['clock.skew'].message).toMatch(/4[4-6] s ahead/);
    const ok = await doctor(['--base-url', onTime.url]);
    expect(ok.checks['clock.skew'].status).toBe('ok');
    expect(ok.checks['network.tcp'].status).toBe('ok');
    expect(ok.checks['network.tcp'].ms).toBeGreaterThanOrEqual(0);
  });

  it('HTTPS_PROXY applies to the base URL: said with the variable, credentials hidden, and TCP checked to the proxy', async () => {
    const proxy = await startConnectProxy();
    try {
      const proxyUrl = proxy.url.replace('http://', 'http://agent:s3cret-proxy-pass@');
      const r = await doctor(['--base-url', 'https://agenda.example.invalid/fhir'], { HTTPS_PROXY: proxyUrl });
      expect(r.checks['proxy.env']).toMatchObject({ status: 'warning' });
      expect(r.checks['proxy.env'].message).toContain('go through the proxy');
      expect(r.checks['proxy.env'].message).toContain('(HTTPS_PROXY)');
      expect(r.out).not.toContain('s3cret-proxy-pass');
      // the run connects to the proxy, not to the endpoint's (unresolvable) name
      expect(r.checks['network.tcp']).toMatchObject({ status: 'ok' });
      expect(r.checks['network.tcp'].message).toContain('the proxy 127.0.0.1');
      expect(r.checks['tls.versions'].status).toBe('not-checked');
      // lower case wins, NO_PROXY lifts it for the host
      const lifted = await doctor(['--base-url', onTime.url], {
        http_proxy: proxy.url,
        HTTP_PROXY: 'http://other:1',
        NO_PROXY: '127.0.0.1',
      });
      expect(lifted.checks['proxy.env']).toMatchObject({ status: 'ok' });
      expect(lifted.checks['proxy.env'].message).toContain('direct connection to 127.0.0.1');
      expect(lifted.checks['proxy.env'].details?.join('\n')).toContain('http_proxy is the one used');
      expect(lifted.checks['clock.skew'].status).toBe('ok');
    } finally {
      await proxy.close();
    }
  });

  it('a name that does not resolve: DNS blocking, the rest not checked, quickly', async () => {
    const t0 = Date.now();
    const r = await doctor(['--base-url', 'https://sas-endpoint.invalid/fhir']);
    expect(r.checks['network.dns']).toMatchObject({ status: 'blocking' });
    expect(r.checks['network.dns'].message).toMatch(/sas-endpoint\.invalid does not resolve \((ENOTFOUND|EAI_AGAIN|DNS_TIMEOUT)/);
    for (const id of ['network.tcp', 'tls.versions', 'tls.server-certificate', 'clock.skew'])
      expect(r.checks[id].status, id).toBe('not-checked');
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a closed port: TCP refused, blocking, with the fix', async () => {
    const port = await freePort();
    const r = await doctor(['--base-url', `http://127.0.0.1:${port}/fhir`]);
    expect(r.checks['network.tcp']).toMatchObject({ status: 'blocking' });
    expect(r.checks['network.tcp'].message).toContain('ECONNREFUSED');
    expect(r.checks['network.tcp'].fix).toContain('nothing listens');
    expect(r.checks['clock.skew'].status).toBe('not-checked');
    expect(r.code).toBe(1);
  });

  it('a server that accepts TCP and never answers: doctor ends within 10 s, nothing passed', async () => {
    const sockets = new Set<Socket>();
    const mute: NetServer = createNetServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
    const { port } = mute.address() as AddressInfo;
    try {
      const t0 = Date.now();
      const r = await doctor(['--base-url', `https://127.0.0.1:${port}/fhir`]);
      const took = Date.now() - t0;
      expect(took).toBeLessThan(10_000);
      expect(r.checks['network.tcp'].status).toBe('ok');
      expect(r.checks['tls.versions'].status).toBe('not-checked');
      expect(r.checks['clock.skew'].status).toBe('not-checked');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => mute.close(() => r()));
    }
  }, 20_000);
});

describe.runIf(hasOpenssl())('doctor: TLS of the endpoint', () => {
  let pki: TestPki;
  let only13: RunningServer;
  let legacy: RunningServer;
  beforeAll(async () => {
    pki = await makePki({ dir: tempDir('doctor-tls'), cn: 'editor-client', ou: 'sas-editor' });
    only13 = await startHttpsServer({ certFile: pki.serverCert, keyFile: pki.serverKey, minVersion: 'TLSv1.3' });
    legacy = await startHttpsServer({
      certFile: pki.serverCert,
      keyFile: pki.serverKey,
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
  });
  afterAll(async () => {
    await only13?.close();
    await legacy?.close();
  });

  it('an endpoint offering only TLS 1.3: a warning that TLS 1.2 is refused; the server certificate verified with --ca', async () => {
    const r = await doctor(['--base-url', `${only13.url}/fhir`, '--ca', pki.caCert]);
    expect(r.checks['tls.versions']).toMatchObject({ status: 'warning' });
    expect(r.checks['tls.versions'].message).toMatch(/accepted: TLS 1\.3; refused: .*TLS 1\.2/);
    expect(r.checks['tls.versions'].fix).toContain('enable TLS 1.2');
    expect(r.checks['tls.server-certificate'].status).toBe('ok');
    expect(r.code).toBe(0);
  });

  it('an endpoint accepting TLS 1.0: a warning to disable it', async (ctx) => {
    const local = await probeTlsVersion({ host: '127.0.0.1', port: legacy.port }, 'TLSv1', {}, { timeoutMs: 3000 });
    if (local.status !== 'accepted') ctx.skip(`this OpenSSL cannot make a TLS 1.0 handshake (${local.code ?? local.status})`);
    const r = await doctor(['--base-url', `${legacy.url}/fhir`, '--ca', pki.caCert]);
    expect(r.checks['tls.versions']).toMatchObject({ status: 'warning' });
    expect(r.checks['tls.versions'].fix).toMatch(/disable TLS 1\.0/);
    expect(r.checks['tls.versions'].details?.join('\n')).toMatch(/TLS 1\.0: accepted/);
  });

  it('a server certificate the CA given does not vouch for: blocking, with the fix', async () => {
    const r = await doctor(['--base-url', `${only13.url}/fhir`, '--ca', pki.otherCaCert]);
    expect(r.checks['tls.server-certificate']).toMatchObject({ status: 'blocking' });
    expect(r.checks['tls.server-certificate'].fix).toContain('--ca');
    expect(r.code).toBe(1);
  });
});
