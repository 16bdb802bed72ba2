import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { SetupError } from '../../src/core/errors.js';
import { startMockServer, type MockServer, type MockTlsOptions } from '../../src/mock/server.js';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';
import { JDDS, NOW, PS_JDD, psByTag, query } from './helpers.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** CA, server certificate (SAN 127.0.0.1), client certificate, and a client signed by another CA. */
function makeCertificates(dir: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'other.key',
    '-out',
    'other.crt',
    '-days',
    '2',
    '-subj',
    '/CN=Other CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
  );
  ssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  ssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'server.ext',
    '-out',
    'server.crt',
  );
  ssl('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=sas-client/OU=SAS');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  ssl(
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'client.ext',
    '-out',
    'client.crt',
  );
  ssl(
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'other.crt',
    '-CAkey',
    'other.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'client.ext',
    '-out',
    'client-other.crt',
  );
}

describe.skipIf(!hasOpenssl())('reference editor over mutual TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-mock-tls-'));
  const file = (name: string) => join(dir, name);
  let server: MockServer;
  const agents: Agent[] = [];
  const agent = (client?: { cert: string; key: string }) => {
    const a = new Agent({
      connect: {
        ca: readFileSync(file('ca.crt')),
        ...(client ? { cert: readFileSync(file(client.cert)), key: readFileSync(file(client.key)) } : {}),
      },
    });
    agents.push(a);
    return a;
  };

  beforeAll(async () => {
    makeCertificates(dir);
    server = await startMockServer({
      jdd: JDDS,
      now: () => NOW,
      tls: { certFile: file('server.crt'), keyFile: file('server.key'), caFile: file('ca.crt') },
    });
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const url = () => `${server.url}/${query('psindiv', [psByTag(PS_JDD, 'one-place').idnps])}`;

  it('answers a client presenting a certificate of the trusted CA', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/fhir$/);
    const res = await request(url(), { dispatcher: agent({ cert: 'client.crt', key: 'client.key' }) });
    expect(res.statusCode).toBe(200);
    expect((await res.body.json()) as object).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
  });

  it('refuses a client without certificate', async () => {
    await expect(request(url(), { dispatcher: agent() }).then((r) => r.body.text())).rejects.toThrow();
  });

  it('refuses a client certificate from another CA', async () => {
    await expect(
      request(url(), { dispatcher: agent({ cert: 'client-other.crt', key: 'client.key' }) }).then((r) => r.body.text()),
    ).rejects.toThrow();
  });

  it('refuses TLS 1.1', async () => {
    const port = Number(new URL(server.url).port);
    const outcome = await new Promise<string>((resolve) => {
      const socket = tlsConnect({
        host: '127.0.0.1',
        port,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT@SECLEVEL=0',
        ca: readFileSync(file('ca.crt')),
        cert: readFileSync(file('client.crt')),
        key: readFileSync(file('client.key')),
      });
      socket.once('secureConnect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    // The server's alert, not a local refusal to offer TLS 1.1 (which would prove nothing).
    expect(outcome).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  });

  it('answers 403 + OperationOutcome when the client certificate CN or OU is not the expected one', async () => {
    const tls = { certFile: file('server.crt'), keyFile: file('server.key'), caFile: file('ca.crt') };
    const strict = await startMockServer({ jdd: JDDS, now: () => NOW, tls: { ...tls, expectCn: 'sas-client', expectOu: 'SAS' } });
    const other = await startMockServer({ jdd: JDDS, now: () => NOW, tls: { ...tls, expectOu: 'AUTRE' } });
    try {
      const path = query('psindiv', [psByTag(PS_JDD, 'one-place').idnps]);
      const good = await request(`${strict.url}/${path}`, { dispatcher: agent({ cert: 'client.crt', key: 'client.key' }) });
      expect(good.statusCode).toBe(200);
      await good.body.text();
      const bad = await request(`${other.url}/${path}`, { dispatcher: agent({ cert: 'client.crt', key: 'client.key' }) });
      expect(bad.statusCode).toBe(403);
      expect(await bad.body.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'forbidden', diagnostics: 'client certificate OU "SAS" is not the expected one' }],
      });
    } finally {
      await strict.close();
      await other.close();
    }
  });

  it('keeps serving after refused handshakes', async () => {
    const res = await request(url(), { dispatcher: agent({ cert: 'client.crt', key: 'client.key' }) });
    expect(res.statusCode).toBe(200);
    await res.body.text();
  });
});

describe.skipIf(!hasOpenssl())('reference editor with a CRL (tls.crlFile)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-mock-crl-'));
  let pki: TestPki;
  const agents: Agent[] = [];
  const agent = (cert: string) => {
    const a = new Agent({ connect: { ca: readFileSync(pki.caCert), cert: readFileSync(cert), key: readFileSync(pki.clientKey) } });
    agents.push(a);
    return a;
  };
  const tls = (extra: Partial<MockTlsOptions> = {}): MockTlsOptions => ({
    certFile: pki.serverCert,
    keyFile: pki.serverKey,
    caFile: pki.caCert,
    ...extra,
  });
  const get = async (server: MockServer, cert: string): Promise<number> => {
    const res = await request(`${server.url}/${query('psindiv', [psByTag(PS_JDD, 'one-place').idnps])}`, { dispatcher: agent(cert) });
    await res.body.text();
    return res.statusCode;
  };

  beforeAll(async () => {
    pki = await makePki({ dir, cn: 'sas-client', ou: 'SAS' });
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the revoked certificate when it loads the CRL, and accepts it without (the CRL does the refusing)', async () => {
    const withCrl = await startMockServer({ jdd: JDDS, now: () => NOW, tls: tls({ crlFile: pki.crl }) });
    const without = await startMockServer({ jdd: JDDS, now: () => NOW, tls: tls() });
    try {
      await expect(get(withCrl, pki.clientRevokedCert)).rejects.toThrow();
      expect(await get(withCrl, pki.clientCert)).toBe(200);
      expect(await get(without, pki.clientRevokedCert)).toBe(200);
    } finally {
      await withCrl.close();
      await without.close();
    }
  });

  it('refuses a CRL without client certificates to check, and a CRL file that is not one, with a setup error', async () => {
    await expect(
      startMockServer({ jdd: JDDS, tls: { certFile: pki.serverCert, keyFile: pki.serverKey, crlFile: pki.crl } }),
    ).rejects.toThrow('a CRL only applies when client certificates are required (--ca)');
    await expect(startMockServer({ jdd: JDDS, tls: tls({ crlFile: pki.caCert }) })).rejects.toThrow(SetupError);
    await expect(startMockServer({ jdd: JDDS, tls: tls({ crlFile: join(dir, 'missing.crl') }) })).rejects.toThrow(
      /cannot read the file .*missing\.crl \(CRL\): ENOENT/,
    );
  });
});
