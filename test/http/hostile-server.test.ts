/**
 * The HTTP client against hostile endpoints written here (loopback, port 0, bounded): a 100 KB
 * response header, 5,000 headers, an answer that is not HTTP, a connection closed mid-body over plain
 * HTTP, a gzip body nobody asked for (and a compression bomb), and an encrypted key given without its
 * passphrase. Each asserts the outcome, the finding (id, French and English message) and the evidence.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SetupError } from '../../src/core/errors.js';
import { createHttpClient } from '../../src/http/client.js';
import { isEncryptedPemKey } from '../../src/http/tls-material.js';
import { showBytes } from '../../src/http/show-bytes.js';
import type { HttpClient, SentExchange } from '../../src/http/types.js';
import { isHarnessTransport, judgeCase, transportFinding } from '../../src/run/judge.js';
import { analyseAnswer } from '../../src/run/search-response.js';
import { hasOpenssl, makeTestPki, type TestPkiWithSecrets } from '../support/certs.js';
import { makeCase } from '../run/fixtures.js';

interface Hostile {
  url: string;
  close: () => Promise<void>;
}

/**
 * A raw TCP server: once a request's head has arrived, `answer` writes whatever it wants on the
 * socket. `answer` gets the number of the request on this connection (1, 2…).
 */
async function rawServer(answer: (socket: Socket, nth: number) => void): Promise<Hostile> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = '';
    let nth = 0;
    socket.on('data', (d: Buffer) => {
      pending += d.toString('latin1');
      if (pending.length > 64 * 1024) socket.destroy();
      while (pending.includes('\r\n\r\n')) {
        pending = pending.slice(pending.indexOf('\r\n\r\n') + 4);
        answer(socket, ++nth);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function httpServer(handler: Parameters<typeof createHttpServer>[1]): Promise<Hostile> {
  const server: Server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const BUNDLE = JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 0 });
/** Only printable ASCII: what the evidence of a broken answer may contain. */
const PRINTABLE = /^[\x20-\x7e]*$/;

let client: HttpClient;
let server: Hostile | undefined;

beforeAll(() => {
  client = createHttpClient({ env: {}, timeoutMs: 3000 });
});
afterAll(async () => {
  await client.close();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function expectBadResponse(sent: SentExchange, code: RegExp): void {
  const x = sent.exchange;
  expect(sent.failure).toBe('bad-response');
  expect(x.outcome).toBe('bad-response');
  expect(x.error?.code).toMatch(code);
  expect(x.error?.message).toMatch(PRINTABLE);
  // The request was sent and an answer came: the endpoint's fault, never sas-recette's.
  expect(isHarnessTransport(x)).toBe(false);
  const f = transportFinding(x, ['sas-gen@1'], true);
  expect(f).toMatchObject({ severity: 'error', ruleId: 'HTTP-BAD-RESPONSE', source: 'transport', requirements: ['sas-gen@1'] });
  expect(f?.message.en).toMatch(/^unusable answer: the server answered, but not in valid HTTP\/1\.1/);
  expect(f?.message.fr).toMatch(/^réponse inutilisable : le serveur a répondu, mais pas en HTTP\/1\.1 valide/);
  expect(f?.message.en).not.toMatch(/could not be sent|TLS|certificate/);
  // Judged like the other answers that cannot be used: an error of the endpoint (exit 1), not of sas-recette.
  const judged = judgeCase({ testCase: makeCase(), findings: f ? [f] : [] });
  expect(judged.verdict).toBe('error');
  expect(judged.reason?.en).toMatch(/^HTTP-BAD-RESPONSE — HTTP GET http:\/\/127\.0\.0\.1:\d+\/Slot/);
}

describe("an answer that is not usable HTTP is the endpoint's fault (bad-response), with what was received", () => {
  it('a 100 KB response header', async () => {
    server = await rawServer((s) =>
      s.end(`HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nX-Big: ${'a'.repeat(100 * 1024)}\r\nContent-Length: 2\r\n\r\n{}`),
    );
    const sent = await client.send({ url: `${server.url}/Slot` });
    expectBadResponse(sent, /^UND_ERR_HEADERS_OVERFLOW$/);
    const msg = sent.exchange.error?.message ?? '';
    expect(msg).toContain('the response headers exceed the 16384-byte limit');
    expect(msg).toMatch(
      /; received "HTTP\/1\.1 200 OK\\r\\nContent-Type: application\/fhir\+json\\r\\nX-Big: a+" \(first 160 of \d+ bytes\)$/,
    );
    expect(transportFinding(sent.exchange)?.message.en).toContain(
      '(UND_ERR_HEADERS_OVERFLOW: the response headers exceed the 16384-byte limit; received "HTTP/1.1 200 OK',
    );
  });

  it('5,000 response headers', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `X-H${i}: v`).join('\r\n');
    server = await rawServer((s) => s.end(`HTTP/1.1 200 OK\r\n${many}\r\nContent-Length: 2\r\n\r\n{}`));
    const sent = await client.send({ url: `${server.url}/Slot` });
    expectBadResponse(sent, /^UND_ERR_HEADERS_OVERFLOW$/);
    expect(sent.exchange.error?.message).toContain('received "HTTP/1.1 200 OK\\r\\nX-H0: v\\r\\nX-H1: v');
  });

  it('a text answer that is not HTTP, with control and bidi characters escaped', async () => {
    server = await rawServer((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n\u001b[31m\u202egnp.exe\n'));
    const sent = await client.send({ url: `${server.url}/Slot` });
    expectBadResponse(sent, /^(HPE_|UND_ERR_HTTP_PARSER$)/);
    const msg = sent.exchange.error?.message ?? '';
    expect(msg).toContain('Response does not match the HTTP/1.1 protocol');
    expect(msg).toContain('received "SSH-2.0-OpenSSH_9.6\\r\\n\\x1b[31m\\xe2\\x80\\xaegnp.exe\\n" (37 bytes)');
    expect(transportFinding(sent.exchange)?.message.fr).toContain('(UND_ERR_HTTP_PARSER: Response does not match the HTTP/1.1 protocol');
  });

  it('a binary answer, shown in hex', async () => {
    server = await rawServer((s) => s.end(Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46, 0x00, 0xff])));
    const sent = await client.send({ url: `${server.url}/Slot` });
    expectBadResponse(sent, /^(HPE_|UND_ERR_HTTP_PARSER$)/);
    expect(sent.exchange.error?.message).toContain('received hex 15 03 01 00 02 02 46 00 ff (9 bytes)');
  });

  it('shows only the broken answer, not the previous answer of the same kept-alive connection', async () => {
    // A good answer to the first request of each connection, garbage on a reused connection.
    server = await rawServer((s, nth) => {
      if (nth === 1) s.write(`HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nContent-Length: ${BUNDLE.length}\r\n\r\n${BUNDLE}`);
      else s.end('garbage after a good answer');
    });
    let broken: SentExchange | undefined;
    for (let i = 0; i < 6 && !broken; i++) {
      const sent = await client.send({ url: `${server.url}/Slot?n=${i}` });
      if (sent.exchange.outcome === 'ok') expect(JSON.parse(sent.fullBody ?? '')).toMatchObject({ resourceType: 'Bundle' });
      else broken = sent;
    }
    expect(broken, 'undici reused a kept-alive connection').toBeDefined();
    expectBadResponse(broken as SentExchange, /^(HPE_|UND_ERR_HTTP_PARSER$)/);
    expect(broken?.exchange.error?.message).toContain('received "garbage after a good answer" (27 bytes)');
  });
});

describe('a connection closed while reading the answer over plain HTTP', () => {
  for (const [label, connection] of [
    ['kept alive', ''],
    ['Connection: close', 'Connection: close\r\n'],
  ] as const) {
    it(`says so with the bytes received, and blames neither TLS nor a client certificate (${label})`, async () => {
      server = await rawServer((s) => {
        s.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\n${connection}Content-Length: 1000\r\n\r\n${'{"resourceType":"Bundle",'.padEnd(100, ' ')}`,
        );
        setTimeout(() => s.destroy(), 50);
      });
      const sent = await client.send({ url: `${server.url}/Slot` });
      const x = sent.exchange;
      expect(x.outcome).toBe('closed');
      expect(x.response).toMatchObject({ status: 200, bodyBytes: 100 });
      expect(isHarnessTransport(x)).toBe(false);
      const f = transportFinding(x, [], true);
      expect(f?.ruleId).toBe('HTTP-CLOSED');
      expect(f?.message.en).toMatch(/^connection closed while reading the answer \(100 bytes received of 1000 announced\) \(UND_ERR_/);
      expect(f?.message.fr).toMatch(
        /^connexion fermée par le serveur pendant la lecture de la réponse \(100 octets reçus sur 1000 annoncés\)/,
      );
      expect(`${f?.message.en} ${f?.message.fr}`).not.toMatch(/TLS|certificat/);
    });
  }

  it('keeps the TLS 1.3 / client certificate hint for an https close before any response only', () => {
    const x = {
      id: 'x',
      request: { method: 'GET', url: 'https://127.0.0.1:1/Slot', headers: {} },
      outcome: 'closed' as const,
      error: { code: 'UND_ERR_SOCKET', message: 'other side closed' },
      startedAt: '2026-03-02T08:00:00.000+01:00',
      timings: { totalMs: 3 },
    };
    const f = transportFinding(x, [], true);
    expect(f?.message.en).toBe(
      'connection closed by the server before any response (UND_ERR_SOCKET: other side closed); under TLS 1.3, often a missing or rejected client certificate; no client certificate is configured (--cert/--key) while the server probably requires one',
    );
    expect(f?.message.fr).toContain(
      'avant toute réponse (UND_ERR_SOCKET: other side closed) ; en TLS 1.3, souvent un certificat client absent ou refusé ; aucun certificat client',
    );
    const plain = transportFinding({ ...x, request: { ...x.request, url: 'http://127.0.0.1:1/Slot' } }, [], true);
    expect(plain?.message.en).toBe('connection closed by the server before any response (UND_ERR_SOCKET: other side closed)');
  });
});

describe('a compressed body', () => {
  const checks = { rules: () => [] };

  it('not asked for: says so, keeps binary out of the excerpt, and the search reads that reason, not "invalid JSON"', async () => {
    const gz = gzipSync(Buffer.from(BUNDLE));
    server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': 'gzip', 'content-length': gz.length });
      res.end(gz);
    });
    const sent = await client.send({ url: `${server.url}/Slot`, headers: { Accept: 'application/fhir+json' } });
    const x = sent.exchange;
    expect(x.outcome).toBe('ok');
    expect(sent.bodyProblem?.en).toBe(
      'the answer is compressed (Content-Encoding: gzip) although the request did not ask for it (Accept-Encoding): the server must answer uncompressed',
    );
    expect(sent.bodyProblem?.fr).toBe(
      'la réponse est compressée (Content-Encoding: gzip) alors que la requête ne le demandait pas (Accept-Encoding) : le serveur doit répondre en clair',
    );
    expect(x.response?.body).toMatch(
      /^\[compressed body not shown \(Content-Encoding: gzip\), \d+ bytes, not inflated; first 32 bytes in hex: 1f 8b 08 /,
    );
    expect(x.response?.body).toMatch(PRINTABLE);
    expect(x.response?.bodyBytes).toBe(gz.length);
    const answer = analyseAnswer(sent, 'cpts', new Date('2026-03-02T08:00:00+01:00'), checks);
    expect(answer.facts?.bodyProblem).toEqual(sent.bodyProblem);
    expect(answer.facts?.json).toBeUndefined();
  });

  it('asked for (Accept-Encoding: br): says it is never inflated', async () => {
    server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': 'br' });
      res.end(Buffer.from([0x8b, 0x02, 0x80, 0x7b, 0x7d, 0x03]));
    });
    const sent = await client.send({ url: `${server.url}/Slot`, headers: { 'Accept-Encoding': 'gzip, br;q=0.5' } });
    expect(sent.bodyProblem?.en).toMatch(/^the answer is compressed \(Content-Encoding: br\): sas-recette does not inflate answers/);
    expect(sent.bodyProblem?.fr).toMatch(/^la réponse est compressée \(Content-Encoding: br\) : sas-recette ne décompresse pas/);
  });

  it('a compression bomb is never inflated', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const sent = await client.send({ url: `${server.url}/Slot` });
    expect(sent.exchange.response?.bodyBytes).toBe(bomb.length);
    expect(Buffer.byteLength(sent.fullBody ?? '', 'latin1')).toBeLessThan(2 * bomb.length);
    expect(sent.bodyProblem?.en).toContain('(Content-Encoding: gzip) although the request did not ask for it');
  });

  it('an uncompressed answer has no body problem', async () => {
    server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': 'identity' });
      res.end(BUNDLE);
    });
    const sent = await client.send({ url: `${server.url}/Slot` });
    expect(sent.bodyProblem).toBeUndefined();
    expect(sent.exchange.response?.body).toBe(BUNDLE);
  });
});

describe('evidence bytes', () => {
  it('are printable ASCII, escaped or hex, and say how many were shown', () => {
    expect(showBytes(Buffer.from('a"b\\c\u202e'), 100)).toBe('"a\\"b\\\\c\\xe2\\x80\\xae" (8 bytes)');
    expect(showBytes(Buffer.from([0, 1, 2, 3]), 2, 9)).toBe('hex 00 01 (first 2 of 9 bytes)');
  });
});

const openssl = hasOpenssl();
describe.skipIf(!openssl)('an encrypted client key given without --passphrase-env', () => {
  let dir: string;
  let pki: TestPkiWithSecrets;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sas-hostile-key-'));
    pki = await makeTestPki(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function keyVariants(): Array<[string, string]> {
    const pass = ['-passout', 'pass:variant-pass-1'];
    const rsaPlain = join(dir, 'rsa.key');
    const traditional = join(dir, 'rsa-traditional.key');
    execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', rsaPlain], { stdio: 'pipe' });
    execFileSync('openssl', ['rsa', '-in', rsaPlain, '-aes256', '-traditional', ...pass, '-out', traditional], { stdio: 'pipe' });
    const ecPlain = join(dir, 'ec.key');
    const ec = join(dir, 'ec-encrypted.key');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', ecPlain], { stdio: 'pipe' });
    execFileSync('openssl', ['ec', '-in', ecPlain, '-aes256', ...pass, '-out', ec], { stdio: 'pipe' });
    const crlf = join(dir, 'ec-encrypted-crlf.key');
    writeFileSync(crlf, readFileSync(ec, 'utf8').replace(/\n/g, '\r\n'));
    const pkcs8v1 = join(dir, 'client-pkcs8-v1.key');
    execFileSync('openssl', ['pkcs8', '-topk8', '-in', pki.clientKey, '-v1', 'PBE-SHA1-3DES', ...pass, '-out', pkcs8v1], { stdio: 'pipe' });
    return [
      ['PKCS#8 (AES-256)', pki.clientKeyEncrypted],
      ['traditional RSA', traditional],
      ['traditional EC', ec],
      ['traditional EC, CRLF', crlf],
      ['PKCS#8 v1 (3DES)', pkcs8v1],
    ];
  }

  it('is a setup error that says the key is encrypted and how to give its passphrase', () => {
    for (const [label, keyFile] of keyVariants()) {
      expect(isEncryptedPemKey(readFileSync(keyFile, 'utf8')), label).toBe(true);
      let caught: unknown;
      try {
        createHttpClient({ env: {}, tls: { certFile: pki.clientCert, keyFile } });
      } catch (err) {
        caught = err;
      }
      expect(caught, label).toBeInstanceOf(SetupError);
      expect((caught as Error).message, label).toBe(
        `the private key "${keyFile}" is encrypted: give its passphrase with --passphrase-env VAR (the name of an environment variable holding it)`,
      );
      expect((caught as Error).message).not.toMatch(/ERR_OSSL|INTERRUPTED/);
    }
    expect(isEncryptedPemKey(readFileSync(pki.clientKey, 'utf8'))).toBe(false);
  });
});
