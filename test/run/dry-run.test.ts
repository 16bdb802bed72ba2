/**
 * `run --dry-run` against the reference editor: the requests it prints are the very bytes a real run
 * sends (request-targets recorded raw by the reference editor, compared byte for byte, in order), its
 * curl commands work as printed, it never touches the network nor prints a passphrase, and bad input
 * still exits 2.
 */
import { execFile, execFileSync } from 'node:child_process';
import dns from 'node:dns';
import net from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadJdd } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';
import { shellQuote } from '../../src/report/dry-run.js';
import type { DryRunCase } from '../../src/report/dry-run.js';
import { parseSearch } from '../../src/sas/search.js';
import { cli, parseRun, tempDir } from '../e2e/support.js';

const run = promisify(execFile);
const PS_JDD = 'datasets/recette-psindiv.yaml';
const NOW = '2026-03-02T08:00:00+01:00';
/** The search side of the cahier (and its error-contract cases): every request known in advance. */
const SEARCH_SIDE = ['--jdd', PS_JDD, '--tag', '!transport,!flux-v1,!flux-v2,!flux-v3', '--now', NOW];

function hasCurl(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let server: MockServer;
const received: { method: string; target: string; headers: Record<string, unknown> }[] = [];
beforeAll(async () => {
  server = await startMockServer({ jdd: loadJdd(PS_JDD), onRequest: (r) => received.push(r) });
});
afterAll(async () => {
  await server.close();
});

describe('run --dry-run', () => {
  it('prints, in run order, the very request-targets and headers the reference editor receives in a real run', async () => {
    // the shipped PS JDD has more than 25 practitioners: no search carries more than 25 identifiers (the
    // SAS maximum), but the error-contract case that sends 26 on purpose
    expect(loadJdd(PS_JDD).practitioners.length).toBeGreaterThan(25);
    const dry = await cli(['run', '--base-url', server.url, ...SEARCH_SIDE, '--dry-run', '--format', 'json']);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(received).toEqual([]); // nothing sent by the dry run
    const cases = JSON.parse(dry.out) as DryRunCase[];

    const real = await cli([
      'run',
      '--base-url',
      server.url,
      ...SEARCH_SIDE,
      '--format',
      'json',
      '--reporter',
      'json',
      '--out',
      tempDir('dry-real'),
    ]);
    expect(real.err).not.toMatch(/internal error/);
    const result = parseRun(real.out);
    // every case of the plan, in run order, with its id and title
    expect(cases[0].id).toBe('PRE-FLIGHT');
    expect(cases.slice(1).map((c) => c.id)).toEqual(result.cases.map((c) => c.id));
    expect(cases.slice(1).map((c) => c.title)).toEqual(result.cases.map((c) => c.title.fr));
    expect(cases.every((c) => c.status === 'planned' && c.deterministic)).toBe(true);

    const origin = server.url.slice(0, -'/fhir'.length);
    const planned = cases.flatMap((c) => c.steps.filter((s) => s.url && !s.sharedWith).map((s) => ({ case: c.id, ...s })));
    const targets = planned.map((s) => {
      expect(s.url?.startsWith(origin)).toBe(true);
      return (s.url as string).slice(origin.length);
    });
    const got = received.map((r) => r.target);
    expect(got.length).toBe(targets.length);
    // the pre-flight's two requests leave together: their order on the wire is the network's
    expect([...got.slice(0, 2)].sort()).toEqual([...targets.slice(0, 2)].sort());
    expect(got.slice(2)).toEqual(targets.slice(2)); // byte for byte, in order
    for (const [i, r] of received.entries()) {
      const step = planned[targets.indexOf(r.target, i < 2 ? 0 : i)];
      expect(r.method).toBe(step.method);
      expect(r.headers['user-agent']).toBe(step.headers?.['user-agent']);
      expect(r.headers.accept).toBe(step.headers?.accept);
    }
    // on the wire: `+` of the offsets as %2B, `|` of system|value as %7C, at most 25 identifiers
    const bulk = planned.find((s) => s.case === 'PS-25-IDENTIFIERS');
    expect(bulk?.url).toMatch(/start=ge2026-03-02T08:00:00\.000%2B01:00&/);
    expect(bulk?.url).toContain('urn:oid:1.2.250.1.71.4.2.1%7C8');
    expect(parseSearch(bulk?.url as string).identifiers).toHaveLength(25);
    expect(got).toContain((bulk?.url as string).slice(origin.length));
    const counts = planned
      .filter((s) => s.case !== 'ERR-26-IDENTIFIERS' && s.url?.includes('?'))
      .map((s) => parseSearch(s.url as string).identifiers.length);
    expect(Math.max(...counts)).toBe(25);
    const tooMany = planned.find((s) => s.case === 'ERR-26-IDENTIFIERS');
    expect(parseSearch(tooMany?.url as string).identifiers).toHaveLength(26);
    // a search already sent is not sent again: shown as shared, and indeed received once
    const shared = cases.flatMap((c) => c.steps.filter((s) => s.sharedWith));
    expect(shared.length).toBeGreaterThan(0);
    for (const s of shared) expect(got.filter((t) => origin + t === s.url)).toHaveLength(planned.filter((p) => p.url === s.url).length);
  });

  it.runIf(hasCurl())('prints curl commands that work as printed (real curl against the reference editor)', async () => {
    const dry = await cli(['run', '--base-url', server.url, ...SEARCH_SIDE, '--only', 'PS-4.3-SEARCH', '--dry-run', '--lang', 'en']);
    expect(dry.code).toBe(0);
    const commands = dry.out.split('\n').filter((l) => l.startsWith('curl '));
    expect(commands).toHaveLength(3); // pre-flight (metadata, reference search) and the case's search
    const before = received.length;
    const { stdout } = await run('sh', ['-c', `${commands[2]} -o /dev/null -w '%{http_code}'`]);
    expect(stdout).toBe('200');
    expect(received.length).toBe(before + 1);
    expect(received.at(-1)?.headers['user-agent']).toMatch(/^sas-recette\//);
    // the text output is a shell script: everything that is not a command is a comment
    expect(dry.out.split('\n').every((l) => l === '' || l.startsWith('#') || l.startsWith('curl '))).toBe(true);
  });

  it('shell-quotes what comes from user files', async () => {
    const nasty = `it's $(rm -rf /) "quoted" \`x\``;
    const { stdout } = await run('sh', ['-c', `printf %s ${shellQuote(nasty)}`]);
    expect(stdout).toBe(nasty);
  });
});

describe('run --dry-run with mutual TLS, no network', () => {
  let pki: TestPki;
  let encryptedKey: string;
  const SECRET = 'S3cret-Passphrase-42';
  beforeAll(async () => {
    const dir = tempDir('dry-pki');
    pki = await makePki({ dir, cn: 'sas-client', ou: 'sas-editor' });
    encryptedKey = join(dir, 'client-encrypted.key');
    execFileSync('openssl', ['pkey', '-in', pki.clientKey, '-aes256', '-passout', `pass:${SECRET}`, '-out', encryptedKey]);
  }, 60_000);

  it('prints --cert/--key/--cacert, refers to the passphrase variable, never the passphrase; sends nothing', async () => {
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const lookup = vi.spyOn(dns, 'lookup');
    const t0 = performance.now();
    const dry = await cli(
      [
        'run',
        '--base-url',
        'https://192.0.2.1:9/fhir', // TEST-NET-1: unroutable
        '--jdd',
        PS_JDD,
        '--cert',
        pki.clientCert,
        '--key',
        encryptedKey,
        '--passphrase-env',
        'SAS_KEY_PASS',
        '--ca',
        pki.caCert,
        '--dry-run',
        '--lang',
        'en',
      ],
      { SAS_KEY_PASS: SECRET },
    );
    const ms = performance.now() - t0;
    expect(connect).not.toHaveBeenCalled();
    expect(lookup).not.toHaveBeenCalled();
    connect.mockRestore();
    lookup.mockRestore();
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(ms).toBeLessThan(5000);
    expect(dry.out).not.toContain(SECRET);
    const search = dry.out.split('\n').find((l) => l.startsWith('curl ') && l.includes('/Slot?'));
    expect(search).toContain(
      `--cert ${shellQuote(pki.clientCert)} --key ${shellQuote(encryptedKey)} --pass "$SAS_KEY_PASS" --cacert ${shellQuote(pki.caCert)}`,
    );
    // the case presenting no certificate: no --cert on its command
    const block = (id: string) => dry.out.split('\n\n').find((b) => b.includes(` ${id} — `)) ?? '';
    const noCert = block('TR-PS-MTLS-NO-CERT')
      .split('\n')
      .find((l) => l.startsWith('curl '));
    expect(noCert).toBeDefined();
    expect(noCert).not.toContain('--cert');
    expect(noCert).toContain('--cacert');
    // TLS probes, latency series, regulator accounts, SSO, flux V3: said precisely
    expect(block('TR-PS-TLS-VERSIONS')).toMatch(/TLS handshakes only \(no HTTP request\) with 192\.0\.2\.1:9/);
    expect(block('PS-4.1-LATENCY') + block('TR-PS-LATENCY')).toMatch(/× \d+ sends, \d+ at a time/);
    expect(block('V1-5.02-CREATE-UUID')).toContain('<uuid generated at run time>');
    expect(block('V1-5.02-CREATE-UUID')).toMatch(/curl .*-X POST .*--data-binary '\{"resourceType":"Practitioner"/);
    expect(block('V2-PS-SSO-ORIGIN')).toMatch(/as a browser without a session/);
    expect(block('V3-PS-APPOINTMENTS')).toMatch(/skipped/);
  });

  it('exits 2 with a clear message when the passphrase variable is missing, as a real run does', async () => {
    const dry = await cli(
      [
        'run',
        '--base-url',
        'https://192.0.2.1:9/fhir',
        '--jdd',
        PS_JDD,
        '--cert',
        pki.clientCert,
        '--key',
        encryptedKey,
        '--passphrase-env',
        'SAS_KEY_PASS',
        '--dry-run',
      ],
      {},
    );
    expect(dry.code).toBe(2);
    expect(dry.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(dry.out).toBe('');
  });
});

describe('run --dry-run setup problems and plain HTTP', () => {
  it('exits 2 on a missing JDD, naming the file', async () => {
    const dry = await cli(['run', '--base-url', 'http://192.0.2.1:9/fhir', '--jdd', 'no-such-jdd.yaml', '--dry-run']);
    expect(dry.code).toBe(2);
    expect(dry.err).toContain('no-such-jdd.yaml');
    expect(dry.err).not.toMatch(/\n\s+at /);
  });

  it('says in French by default which cases will not apply over plain HTTP, and why', async () => {
    const dry = await cli([
      'run',
      '--base-url',
      'http://192.0.2.1:9/fhir',
      '--jdd',
      PS_JDD,
      '--tag',
      'transport',
      '--dry-run',
      '--format',
      'json',
    ]);
    expect(dry.code).toBe(0);
    const cases = JSON.parse(dry.out) as DryRunCase[];
    const tls = cases.find((c) => c.id === 'TR-PS-TLS-VERSIONS');
    expect(tls).toMatchObject({ status: 'not-applicable', reason: expect.stringMatching(/n'est pas en https/) });
    const text = await cli(['run', '--base-url', 'http://192.0.2.1:9/fhir', '--jdd', PS_JDD, '--tag', 'transport', '--dry-run']);
    expect(text.out).toMatch(/^# sas-recette run --dry-run : requêtes que la recette enverra/);
    expect(text.out).toMatch(/TR-PS-TLS-VERSIONS .* — non applicable\n# {3}l'URL de base n'est pas en https/);
  });
});
