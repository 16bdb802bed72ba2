/**
 * What a closed pipe, Ctrl-C, an unusable --out and out-of-range option values do (issue #12, defects
 * 3, 6, 7 and 9). The endpoint is a slow loopback server written here (127.0.0.1, port 0, bounded);
 * the Ctrl-C and pipe cases spawn the built CLI (dist/, `npm run build` first), the others run main()
 * in-process.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeSafeWriter } from '../../src/cli/closed-pipe.js';
import type { RunResult } from '../../src/core/model.js';
import { parseRunResult } from '../../src/report/read-run.js';
import { runFolderName } from '../../src/report/run-folder.js';
import { watchInterrupt, type SignalProcess } from '../../src/run/interrupt.js';
import { cli, PACKAGES } from '../e2e/support.js';
import { REPO_ROOT, STACK_FRAME } from '../validate/helpers.js';

const BIN = join(REPO_ROOT, 'bin', 'sas-recette.js');
const JDD = join(REPO_ROOT, 'datasets', 'recette-psindiv.yaml');
const temp = (p: string): string => mkdtempSync(join(tmpdir(), `sas-lifecycle-${p}-`));

/** An endpoint that answers every request with an empty searchset after `delayMs`, counting them. */
interface SlowServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}
async function slowServer(delayMs: number): Promise<SlowServer> {
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    const t = setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] }));
    }, delayMs);
    res.on('close', () => clearTimeout(t));
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/fhir`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built CLI; `onStdout` sees the output so far and may act on the child. */
function spawnCli(args: string[], onStdout?: (text: string, child: ReturnType<typeof spawn>) => void, limitMs = 60_000): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, SAS_RECETTE_PACKAGES: PACKAGES, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString('utf8');
      onStdout?.(stdout, child);
    });
    child.stdout.on('error', () => undefined);
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const HAVE_DIST = existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'));

describe('a closed output pipe (defect 3)', () => {
  it('drops the writes quietly: no throw, no error event left unhandled, nothing written after', () => {
    let writes = 0;
    const stream = new Writable({
      write(_chunk, _enc, cb) {
        writes += 1;
        cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' }));
      },
    });
    const write = pipeSafeWriter(stream);
    write('first');
    return new Promise<void>((done) =>
      setImmediate(() => {
        expect(() => write('second')).not.toThrow();
        expect(writes).toBe(1); // the second write never reached the closed stream
        done();
      }),
    );
  });

  it.runIf(HAVE_DIST)(
    '`validate … --format json` read by a consumer that stops after 100 bytes: no EPIPE stack, the verdict as exit code',
    async () => {
      const dir = temp('epipe');
      const entries = Array.from({ length: 400 }, (_, i) => ({
        fullUrl: `urn:uuid:${i}`,
        resource: { resourceType: 'Slot', id: `s${i}`, bogus: i, status: 'nope' },
      }));
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: entries }));
      let cut = false;
      const r = await spawnCli(['validate', file, '--format', 'json'], (text, child) => {
        if (!cut && text.length >= 100) {
          cut = true;
          child.stdout?.destroy(); // like `| head -c 100`
        }
      });
      expect(cut).toBe(true);
      expect(r.stderr).not.toMatch(/EPIPE|internal error|Unhandled/);
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1); // the answer is invalid: validate's own exit code, unchanged by the cut pipe
    },
    60_000,
  );
});

describe('option values (defect 9)', () => {
  it('--timeout out of [100ms, 10m] is a usage error before anything runs', async () => {
    for (const value of ['99999999999', '50ms', '11m', '0']) {
      const r = await cli(['run', '--base-url', 'http://127.0.0.1:9/fhir', '--jdd', JDD, '--timeout', value]);
      expect(r.code, value).toBe(2);
      expect(r.err, value).toMatch(/--timeout/);
    }
    const big = await cli(['demo', '--timeout', '99999999999']);
    expect(big.err).toContain('de 100ms à 10m');
    expect(big.err).not.toMatch(/internal error|RangeError/);
    // the bounds themselves are accepted (--list: nothing is called)
    for (const value of ['100ms', '10m']) expect((await cli(['run', '--list', '--jdd', JDD, '--timeout', value])).code, value).toBe(0);
  }, 60_000);

  it('an empty path is refused for every path option, never taken as the current folder', async () => {
    const cwd = temp('empty-path');
    const cases: string[][] = [
      ['run', '--base-url', 'http://127.0.0.1:9/fhir', '--jdd', JDD, '--out', ''],
      ['demo', '--out', ' '],
      ['run', '--list', '--jdd', ''],
      ['run', '--list', '--jdd', JDD, '--cahier', ''],
      ['validate', '-', '--packages', ''],
      ['report', 'run.json', '--html', ''],
      ['jdd', 'check', JDD, '--cahier', ''],
    ];
    for (const args of cases) {
      const r = await cli(args, {}, cwd);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain('un chemin vide est refusé');
    }
    expect(readdirSync(cwd)).toEqual([]); // nothing written into the current folder
  }, 60_000);
});

describe('--out (defect 7)', () => {
  let server: SlowServer;
  beforeAll(async () => {
    server = await slowServer(0);
  });
  afterAll(async () => {
    await server.close();
  });
  const run = (out: string) =>
    cli(['run', '--base-url', server.url, '--jdd', JDD, '--only', 'PS-4.3-SEARCH', '--reporter', 'console,json,junit,html', '--out', out]);

  it('an unusable --out is exit 2 with a clear message, before the first request', async () => {
    const dir = temp('bad-out');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const unusable: Array<[string, RegExp]> = [
      [file, /a-file\u00a0: ce n'est pas un dossier\n {2}→ les rapports vont dans un dossier/],
      ['/dev/null', /ce n'est pas un dossier/],
      [join(file, 'sub', 'reports'), /le dossier des rapports ne peut pas être créé \(ENOTDIR\)/],
    ];
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'read-only');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      unusable.push([ro, /impossible d'y écrire \(EACCES\)/]);
    }
    const before = server.requests;
    for (const [out, message] of unusable) {
      const r = await run(out);
      expect(r.code, out).toBe(2);
      expect(r.err, out).toMatch(message);
      expect(r.err, out).not.toMatch(/internal error|EEXIST/);
    }
    expect(server.requests).toBe(before); // not one request sent
  }, 60_000);

  it('two runs into the same folder keep both: one folder per run, `latest` on the newest', async () => {
    const out = temp('two-runs');
    const first = await run(out);
    const second = await run(out);
    expect(first.err).not.toMatch(/internal error/);
    const folders = readdirSync(out)
      .filter((n) => /^\d{8}-\d{6}-[0-9a-f]{8}$/.test(n))
      .sort();
    expect(folders).toHaveLength(2);
    const runs = folders.map((f) => JSON.parse(readFileSync(join(out, f, 'run.json'), 'utf8')) as RunResult);
    expect(new Set(runs.map((r) => r.runId)).size).toBe(2);
    for (const [i, f] of folders.entries()) {
      expect(f).toBe(runFolderName(runs[i]));
      for (const report of ['junit.xml', 'pv.html']) expect(existsSync(join(out, f, report)), `${f}/${report}`).toBe(true);
    }
    const newest = runs.reduce((a, b) => (a.startedAt >= b.startedAt ? a : b));
    expect(readlinkSync(join(out, 'latest'))).toBe(runFolderName(newest));
    expect(second.out).toContain(`${runFolderName(newest)}/run.json`);
    expect(second.out).toMatch(/dernière exécution\s: .*latest/);
  }, 120_000);
});

describe('Ctrl-C during a run (defect 6)', () => {
  it('the first signal aborts the run, a second one exits at once', () => {
    const proc = new EventEmitter() as EventEmitter & SignalProcess;
    const exits: number[] = [];
    proc.exit = (code: number) => void exits.push(code);
    const said: string[] = [];
    const watch = watchInterrupt(
      (t) => said.push(t),
      proc,
      () => new Date('2026-03-02T07:00:00Z'),
    );
    proc.emit('SIGINT');
    expect(watch.signal.aborted).toBe(true);
    expect(watch.signal.reason).toBe('SIGINT');
    expect(watch.interruption()).toEqual({ at: '2026-03-02T08:00:00.000+01:00', signal: 'SIGINT' });
    expect(watch.exitCode()).toBe(130);
    expect(exits).toEqual([]);
    proc.emit('SIGINT');
    expect(exits).toEqual([130]);
    expect(said.join('')).toMatch(/Ctrl-C again to quit at once/);
    watch.dispose();
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });

  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it.runIf(HAVE_DIST)(
      `${signal} after the first cases: reports written with the cases played, the rest not run, exit ${exitCode}`,
      async () => {
        const server = await slowServer(250);
        const out = temp(`interrupt-${signal}`);
        try {
          let sent = false;
          const r = await spawnCli(
            ['run', '--base-url', server.url, '--jdd', JDD, '--tag', '!transport', '--lang', 'en', '--out', out],
            (text, child) => {
              // two case lines on stdout (`✗ failed  PS-…`, `! error  PS-…`): the first cases have ended
              if (!sent && (text.match(/^\[[ \d]+\/\d+\] [✓✗!◐○-] \S+ +[A-Z]+-[\w.-]+ /gmu) ?? []).length >= 2) {
                sent = true;
                child.kill(signal);
              }
            },
          );
          expect(sent, `${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`).toBe(true);
          expect(r.stderr).not.toMatch(/internal error/);
          expect(r.code).toBe(exitCode);
          for (const f of ['run.json', 'junit.xml', 'pv.html']) expect(existsSync(join(out, 'latest', f)), f).toBe(true);
          const run = parseRunResult(JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')), 'run.json'); // the schema knows the field
          expect(run.interrupted).toMatchObject({ signal });
          const played = run.cases.filter((c) => c.reason?.en !== `not run: the run was interrupted (${signal})`);
          const notRun = run.cases.filter((c) => c.reason?.en === `not run: the run was interrupted (${signal})`);
          expect(played.length).toBeGreaterThanOrEqual(2);
          expect(played.every((c) => c.verdict !== 'skipped')).toBe(true);
          expect(played.some((c) => c.exchanges.length > 0)).toBe(true); // the evidence of the cases played is kept
          expect(notRun.length).toBeGreaterThan(0);
          expect(notRun.every((c) => c.verdict === 'skipped')).toBe(true);
          expect(run.interrupted).toMatchObject({ played: played.length, notRun: notRun.length });
          expect(run.summary.overall).not.toBe('favorable');
          expect(run.summary.validForAcceptance).toBe(false);
          expect(readFileSync(join(out, 'latest', 'pv.html'), 'utf8')).toContain(`Run interrupted (${signal})`);
          expect(readFileSync(join(out, 'latest', 'junit.xml'), 'utf8')).toContain(`not run: the run was interrupted (${signal})`);
          expect(r.stdout).toContain(`Run interrupted (${signal})`); // the console says so too
        } finally {
          await server.close();
        }
      },
      90_000,
    );
  }
});
