/**
 * An endpoint that accepts connections and never answers (issue #12, defect 8): a latency series stops
 * after a few consecutive time-outs and the next series are not sent; the whole shipped cahier ends
 * after a handful of requests (the pre-flight check says so first, then the run stops calling an
 * endpoint that answered none of its last requests), every case judged with its reason and evidence;
 * `--run-timeout` ends the cases left in error. The hostile server is written here: loopback, reads and
 * drops what it gets, closed at the end of the file.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { consoleReporter } from '../../src/report/console.js';
import { transportKinds } from '../../src/transport/index.js';
import { cli, HAVE_PACKAGES, JDD_ARGS, parseRun, tempDir } from '../e2e/support.js';
import { DATASETS, runKind, testCase } from '../support/transport-harness.js';
import { Chalk } from 'chalk';

interface DeadServer {
  url: string;
  connections: () => number;
  /** Request lines seen (`GET /fhir/Slot?…`). */
  requests: () => string[];
  close: () => Promise<void>;
}

/** Accepts, reads (keeping only the request lines, at most 200), never answers. */
async function startDeadServer(): Promise<DeadServer> {
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('data', (chunk) => {
      for (const m of chunk.toString('latin1').matchAll(/^(GET|POST|HEAD) (\S{0,300})/gm))
        if (requests.length < 200) requests.push(`${m[1]} ${m[2]}`);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let dead: DeadServer;
beforeAll(async () => {
  dead = await startDeadServer();
});
afterAll(async () => {
  await dead.close();
});

describe('latency series against an endpoint that never answers', () => {
  it('stops a series after 3 consecutive time-outs, says why, and sends no further series', async () => {
    const before = dead.requests().length;
    const jdd = loadJdd(join(DATASETS, 'recette-psindiv.yaml'));
    const tc = testCase('latency', { samples: 10, identifiers: [1, 10], concurrency: [1, 5] });
    const r = await runKind(transportKinds(), tc, { baseUrl: `${dead.url}/fhir`, httpOptions: { timeoutMs: 300 }, jdd });
    // 3 samples of the first series; without the stop, 40 samples (12 s of waiting)
    expect(r.exchanges.map((x) => x.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(dead.requests().length - before).toBe(3);
    expect(r.latency).toHaveLength(1);
    expect(r.latency?.[0].samplesMs).toHaveLength(3);
    const why = r.findings.filter((f) => f.ruleId === 'SAS-PERF-004').map((f) => f.message.en);
    expect(why).toEqual([
      'series 1 id, c=1 stopped after 3 consecutive time-outs: 3 sample(s) of 10 (the SAS time-out is already exceeded, the verdict is known)',
      'series 1 id, c=5 not sent: series 1 id, c=1 got no answer within the time-out',
      'series 10 id, c=1 not sent: series 1 id, c=1 got no answer within the time-out',
      'series 10 id, c=5 not sent: series 1 id, c=1 got no answer within the time-out',
    ]);
    // the verdict is already known: beyond the SAS time-out
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['SAS-PERF-001']);
  });
});

describe('the whole shipped cahier against an endpoint that never answers', () => {
  it.runIf(HAVE_PACKAGES)(
    'ends after a handful of requests, every case judged with its reason and evidence, said first on stderr',
    async () => {
      const before = dead.requests().length;
      // --timeout 1s keeps the test short; with the default 7 s the same run takes about 45 s (bench: see the report)
      const r = await cli([
        'run',
        '--base-url',
        `${dead.url}/fhir`,
        ...JDD_ARGS,
        '--timeout',
        '1s',
        '--format',
        'json',
        '--reporter',
        'json',
        '--out',
        tempDir('dead'),
      ]);
      expect(r.code).toBe(1);
      const run = parseRun(r.out);
      // the pre-flight check (metadata + reference search) and 4 unanswered requests; before: one per distinct request (hundreds)
      const sent = dead.requests().slice(before);
      expect(sent.length).toBeLessThanOrEqual(6);
      expect(run.cases.length).toBeGreaterThanOrEqual(90);
      for (const c of run.cases) {
        // flux V3 needs SAS's side, which this run does not open (no --receive-cert / --receive-port): skipped, never a wait
        if (c.tags.includes('flux-v3')) {
          expect(c.verdict, c.id).toBe('skipped');
          expect(c.reason?.en, c.id).toMatch(/^flux V3 needs the SAS side/);
          continue;
        }
        expect(['error', 'not-applicable'], c.id).toContain(c.verdict);
        expect(c.reason?.en, c.id).toBeTruthy();
        if (c.verdict === 'error') {
          // evidence: its own unanswered exchanges, or the unanswered requests that stopped the run
          const own = c.exchanges.length > 0 && c.exchanges.every((x) => x.outcome === 'timeout');
          const stopped = c.findings.find((f) => f.ruleId === 'RUN-NO-ANSWER');
          expect(
            own || Boolean(stopped?.message.en.match(/^requests left unanswered: \S+: GET http:\/\/127\.0\.0\.1:\d+\/fhir\//)),
            c.id,
          ).toBe(true);
        }
      }
      const notSent = run.cases.filter((c) => c.reason?.en.startsWith('not sent: the endpoint answered none of the last 4 requests'));
      expect(notSent.length).toBeGreaterThan(50);
      // the TLS cases stay not applicable over plain HTTP: the guard does not hide that
      expect(run.cases.find((c) => c.id === 'TR-PS-TLS-VERSIONS')?.verdict).toBe('not-applicable');
      expect(run.setupNotes[0].en).toMatch(
        /^pre-flight check: GET http:\/\/127\.0\.0\.1:\d+\/fhir\/Slot got no answer within 1000 ms \(timeout/,
      );
      expect(run.setupNotes.map((n) => n.en)).toContainEqual(
        expect.stringMatching(/^the endpoint answered none of the last 4 requests \(time-out 1000 ms each\): the \d+ remaining case/),
      );
      expect(r.err).toContain('sas-recette: vérification préalable');
      expect(r.err).toContain("le point d'accès n'a répondu à aucune des 4 dernières requêtes");
    },
  );
});

describe('--run-timeout', () => {
  let slow: MockServer;
  beforeAll(async () => {
    slow = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)), defects: ['slow'], delayMs: 250 });
  });
  afterAll(async () => {
    await slow.close();
  });

  it.runIf(HAVE_PACKAGES)('ends the cases left in error "run deadline reached" once the deadline is reached, and says so', async () => {
    const r = await cli([
      'run',
      '--base-url',
      slow.url,
      ...JDD_ARGS,
      '--run-timeout',
      '3s',
      '--format',
      'json',
      '--reporter',
      'json',
      '--out',
      tempDir('deadline'),
    ]);
    const run = parseRun(r.out);
    const cut = run.cases.filter((c) => c.reason?.en.startsWith('run deadline reached'));
    expect(cut.length).toBeGreaterThan(20);
    expect(cut.every((c) => c.verdict === 'error' && c.findings.some((f) => f.ruleId === 'RUN-DEADLINE'))).toBe(true);
    // the cases played before it keep their own verdicts (the slow editor answers: they are judged)
    expect(run.cases[0].reason?.en ?? '').not.toMatch(/deadline/);
    expect(run.setupNotes.map((n) => n.en)).toContainEqual(
      expect.stringMatching(/^run deadline reached \(--run-timeout 3 s\): the \d+ remaining case\(s\) are not run/),
    );
    expect(r.err).toContain('échéance de la recette atteinte (--run-timeout 3 s)');
    expect(r.code).toBe(1);
  });

  it('refuses a deadline that is not a duration, as a usage error', async () => {
    const r = await cli(['run', '--base-url', slow.url, ...JDD_ARGS, '--run-timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("valeur «\u00a0soon\u00a0» refusée pour --run-timeout <duration>\u00a0: ce n'est pas une durée");
    const long = await cli(['run', '--base-url', slow.url, ...JDD_ARGS, '--run-timeout', '2000m', '--lang', 'en']);
    expect(long.code).toBe(2);
    expect(long.err).toContain('longer than a day');
  });
});

describe('the console says a case is still waiting', () => {
  it('redraws the live progress line (stderr) with the case, how long and what it does', () => {
    const err: string[] = [];
    const rep = consoleReporter({
      stdout: () => undefined,
      stderr: (s) => void err.push(s),
      color: new Chalk({ level: 0 }),
      lang: 'en',
      live: true,
      total: 92,
    });
    rep.onProgress?.({
      caseId: 'TR-PS-LATENCY',
      index: 7,
      total: 92,
      elapsedMs: 20_000,
      detail: { fr: 'latence 1 id, c=1 : 2/10', en: 'latency 1 id, c=1: 2/10' },
    });
    expect(err.join('')).toBe('\r\u001b[2K[ 7/92] 0✓ 0✗ · elapsed 20 s · TR-PS-LATENCY 20 s — latency 1 id, c=1: 2/10');
  });
});
