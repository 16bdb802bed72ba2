/**
 * `sas-recette receive` for real: the built CLI spawned (`node bin/sas-recette.js`, modules of dist/),
 * certificates made in the test (makePki), the editor's software played by HTTPS requests with a client
 * certificate; the URL printed, one line per request, SIGINT / SIGTERM → received.json written and the
 * exit code of what was received; refusals before start (port in use, unreadable certificate,
 * received.json already there) → exit 2 with a clear message, never a stack trace.
 * The IG's example Appointment-1 is read from the package at test time. Needs
 * `npx tsc -p tsconfig.build.json` first.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readTgzJson } from '../../src/fhir/packages/read-tgz.js';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(REPO_ROOT, 'bin', 'sas-recette.js');
const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve(REPO_ROOT, '../shared/fhir-packages');
const STACK_FRAME = /^\s+at .+\(?.+:\d+:\d+\)?$/m;

type Json = Record<string, unknown>;

let tmp: string;
let pki: TestPki;
let conform: string;
let broken: string;
const children: ChildProcessWithoutNullStreams[] = [];

const ENV = { PATH: process.env.PATH, SAS_RECETTE_PACKAGES: PACKAGES, SAS_RECETTE_UNBUNDLED: '1', NO_COLOR: '1' };

/** A running `receive`: its output so far, and a wait for a line matching a pattern. */
interface Receive {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  waitFor: (pattern: RegExp, ms?: number) => Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
}

function startReceive(args: string[]): Receive {
  const child = spawn(process.execPath, [BIN, 'receive', ...args], { env: ENV, cwd: tmp });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const waitFor = (pattern: RegExp, ms = 30_000) =>
    new Promise<RegExpMatchArray>((found, failed) => {
      const started = Date.now();
      const look = (): void => {
        const m = pattern.exec(out);
        if (m) return found(m);
        if (child.exitCode !== null || Date.now() - started > ms)
          return failed(new Error(`no ${pattern} in stdout (exit ${child.exitCode}):\n${out}\nstderr:\n${err}`));
        setTimeout(look, 50);
      };
      look();
    });
  return { child, out: () => out, err: () => err, waitFor, exit };
}

/** One HTTPS request as the editor's software sends it: with its client certificate unless `anonymous`. */
function send(
  method: 'POST' | 'PUT',
  url: string,
  body: string,
  anonymous = false,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, failed) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca: readFileSync(pki.caCert),
        ...(anonymous ? {} : { cert: readFileSync(pki.clientCert), key: readFileSync(pki.clientKey) }),
        headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString('utf8')));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', failed);
    req.end(body);
  });
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'receive', ...args], { env: ENV, cwd: tmp, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'actions', 'receive.js')))
    throw new Error('dist/ is not built (or predates `receive`): run `npx tsc -p tsconfig.build.json` before this test');
  tmp = mkdtempSync(join(tmpdir(), 'sas-recette-receive-'));
  pki = await makePki({ dir: join(tmp, 'pki'), cn: 'editor-client', ou: 'sas-editor' });
  const example = (await readTgzJson(resolve(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz'), 'package/example/Appointment-1.json')) as Json;
  const sent: Json = { ...example, id: 'rdv-editeur-1' };
  conform = JSON.stringify(sent);
  const noOperator: Json = { ...sent };
  delete noOperator.extension;
  broken = JSON.stringify(noOperator);
}, 60_000);

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TLS_ARGS = () => ['--cert', pki.serverCert, '--key', pki.serverKey, '--ca', pki.caCert];

describe('sas-recette receive over mTLS', () => {
  it('prints the URL, judges each request, and on SIGINT writes received.json and exits 1 when one is not conform', async () => {
    const out = join(tmp, 'session-1');
    const r = startReceive([...TLS_ARGS(), '--output', out, '--lang', 'en']);
    const [, url] = await r.waitFor(/URL to configure in the editor's software: (https:\/\/127\.0\.0\.1:\d+\/\S*Appointment)\n/);
    // the next line (profile, IG, TLS mode) is its own write: wait for it rather than assume it came with the URL
    await r.waitFor(/mutual TLS: client certificate required/);

    // without a client certificate the handshake is refused: nothing is recorded
    await expect(send('POST', url, conform, true)).rejects.toThrow();

    const created = await send('POST', url, conform);
    expect(created.status).toBe(201);
    await r.waitFor(/POST \/\S*Appointment → 201 {2}✓ conform — 0 errors/);

    const refused = await send('POST', url, broken);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const line = await r.waitFor(/POST \/\S*Appointment → (4\d\d) {2}✗ NOT CONFORM — (\d+) errors?/);
    expect(Number(line[1])).toBe(refused.status);
    expect(Number(line[2])).toBeGreaterThan(0);
    // the errors are listed under the request, the operator extension among them
    expect(r.out()).toMatch(/^ {4}error +SAS-APT-\d{3} +POST\[2\] Appointment\.extension/m);

    r.child.kill('SIGINT');
    expect(await r.exit).toBe(1);
    expect(r.err()).toBe('');
    expect(r.out()).toMatch(/sas-recette receive: stopped \(Ctrl-C\) — 2 requests received/);
    expect(r.out()).toContain('appointments judged: 2 — 1 conform, 1 not conform');
    expect(r.out()).toMatch(/✗ NOT CONFORM\n$/);

    const session = JSON.parse(readFileSync(join(out, 'received.json'), 'utf8')) as {
      valid: boolean;
      tls: string;
      useCase: string;
      profile: string;
      summary: Json;
      requests: {
        label: string;
        exchange: { request: { method: string; body?: string }; response?: { status: number }; tls?: { clientCertSubject?: string } };
        judgement: { valid: boolean; issues: { ruleId: string; location: string }[] };
      }[];
    };
    expect(session).toMatchObject({ valid: false, tls: 'mutual', useCase: 'appointment' });
    expect(session.profile).toMatch(/FrAppointmentSAS\|1\.2\.0$/);
    expect(session.summary).toMatchObject({ received: 2, judged: 2, conform: 1, notConform: 1, valid: false });
    expect(session.requests.map((x) => [x.label, x.exchange.request.method, x.exchange.response?.status, x.judgement.valid])).toEqual([
      ['POST[1]', 'POST', 201, true],
      ['POST[2]', 'POST', refused.status, false],
    ]);
    expect(session.requests[1].exchange.request.body).toBe(broken);
    expect(session.requests[1].judgement.issues).toContainEqual(expect.objectContaining({ location: 'POST[2] Appointment.extension' }));
    // the editor's client certificate is in the evidence
    expect(session.requests[0].exchange.tls?.clientCertSubject).toMatch(/CN=editor-client/);
  }, 90_000);

  it('a conform create and its update, SIGTERM: exit 0, and --format json prints the session on stdout', async () => {
    const r = startReceive([...TLS_ARGS(), '--use-case', 'appointment', '--format', 'json']);
    const url = await new Promise<string>((found, failed) => {
      const started = Date.now();
      const look = (): void => {
        const m = /(https:\/\/127\.0\.0\.1:\d+\/\S*Appointment)\n/.exec(r.err());
        if (m) return found(m[1]);
        if (r.child.exitCode !== null || Date.now() - started > 30_000) return failed(new Error(`no URL on stderr:\n${r.err()}`));
        setTimeout(look, 50);
      };
      look();
    });
    expect((await send('POST', url, conform)).status).toBe(201);
    // the update of the same appointment: conditional PUT addressed by its identifier
    const identifier = (JSON.parse(conform) as { identifier: { system: string; value: string }[] }).identifier[0];
    const cancelled = JSON.stringify({ ...(JSON.parse(conform) as Json), status: 'cancelled' });
    expect((await send('PUT', `${url}?identifier=${identifier.system}|${identifier.value}`, cancelled)).status).toBe(200);
    const started = Date.now();
    while (!/PUT \S+ → 200 {2}✓ conform/.test(r.err()) && Date.now() - started < 10_000) await new Promise((w) => setTimeout(w, 50));
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    const session = JSON.parse(r.out()) as { valid: boolean; stoppedBy: string; summary: Json };
    expect(session).toMatchObject({ valid: true, stoppedBy: 'SIGTERM' });
    expect(session.summary).toMatchObject({ received: 2, judged: 2, conform: 2, valid: true });
    expect(r.err()).toMatch(/✓ CONFORME\n$/);
  }, 90_000);

  it('--for stops by itself; plain HTTP is said not valid for acceptance; nothing received is not a pass (exit 1)', async () => {
    const r = startReceive(['--for', '1s', '--port', '0']);
    await r.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\S*Appointment/);
    expect(r.out()).toMatch(/HTTP sans TLS\u00a0: pour une répétition seulement, pas valable pour une recette/);
    expect(await r.exit).toBe(1);
    expect(r.out()).toMatch(/arrêté \(fin de --for\) — 0 requête reçue/);
    // nothing received is said on the session, with what to do
    expect(r.out()).toMatch(/^ {4}erreur +SAS-APT-020 +HTTP\.request +aucun POST \[base\]\/Appointment reçu/m);
    expect(r.out()).toMatch(/✗ NON CONFORME\n$/);
  }, 60_000);
});

describe('sas-recette receive cannot start: exit 2, a clear message', () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', () => done()));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((done) => busy.close(() => done())));

  it('a port in use', () => {
    const r = run([...TLS_ARGS(), '--port', String(busyPort), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`port ${busyPort} is already in use`));
    // this command's option, not the run's (--receive-port)
    expect(r.stderr).toMatch(/→ choose another one with --port \(0: any free port\)/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('an unreadable certificate', () => {
    const r = run(['--cert', join(tmp, 'absent.crt'), '--key', pki.serverKey, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/absent\.crt/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('a received.json already in --output, unless --force', () => {
    const out = join(tmp, 'session-kept');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'received.json'), '{"kept":true}\n');
    const r = run(['--output', out, '--for', '1s']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/received\.json existe déjà/);
    expect(r.stderr).toContain('--force');
    expect(readFileSync(join(out, 'received.json'), 'utf8')).toBe('{"kept":true}\n');
    const forced = run(['--output', out, '--for', '1s', '--force']);
    expect(forced.code).toBe(1); // nothing received
    expect(JSON.parse(readFileSync(join(out, 'received.json'), 'utf8'))).toMatchObject({ summary: { received: 0, valid: false } });
  }, 60_000);

  it('--ca without --cert, and a bad --port, are refused', () => {
    expect(run(['--ca', pki.caCert]).code).toBe(2);
    const port = run(['--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/port/);
  });
});
