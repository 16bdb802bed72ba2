/**
 * The console keeps people informed: the executor's heartbeat while a case runs (at least every 5 s,
 * checked on a fake clock: no timed sleep), what the TLS probes say while they wait, the position and
 * estimate of the live line, and a log that gets exactly one line per case however long a case runs.
 */
import { createServer, type Socket } from 'node:net';
import { Chalk } from 'chalk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kindRegistry, type CaseKind } from '../../src/cahier/kinds.js';
import type { HttpClient } from '../../src/http/types.js';
import { consoleReporter } from '../../src/report/console.js';
import { clockText, liveLine, position, progressTracker } from '../../src/report/console-progress.js';
import { executeCases, type CaseProgress, type ExecuteEnv } from '../../src/run/execute.js';
import { runTlsVersions } from '../../src/transport/tls-versions.js';
import { makeCase, makeResult } from '../run/fixtures.js';

/** A latency-like kind: ten samples 2.3 s apart, saying which one it is on (23 s in all). */
const series: CaseKind = {
  kind: 'latency',
  async run(_tc, e) {
    for (let i = 0; i < 10; i += 1) {
      e.progress?.({ fr: `latence : ${i}/10`, en: `latency: ${i}/10` });
      await new Promise((r) => setTimeout(r, 2300));
    }
    return { exchanges: [], findings: [] };
  },
};
const quick: CaseKind = { kind: 'search', run: async () => ({ exchanges: [], findings: [] }) };

function env(extra: Partial<ExecuteEnv>): ExecuteEnv {
  return {
    baseUrl: 'http://127.0.0.1:1/fhir',
    now: new Date('2026-03-02T08:00:00+01:00'),
    client: { send: () => Promise.reject(new Error('no request in this test')), close: async () => undefined } as HttpClient,
    httpOptions: { timeoutMs: 7000 },
    lang: 'en',
    jddFor: () => undefined,
    kinds: kindRegistry([series, quick]),
    ...extra,
  };
}

const CASES = [makeCase({ id: 'PS-A' }), makeCase({ id: 'TR-LATENCY', kind: 'latency' }), makeCase({ id: 'PS-B' })];

/** Plays CASES on a fake clock (timers and Date), advancing it until the run ends. */
async function playOnFakeClock(extra: Partial<ExecuteEnv>): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  let done = false;
  const run = executeCases(CASES, env(extra)).finally(() => void (done = true));
  while (!done) await vi.advanceTimersByTimeAsync(500);
  await run;
}

describe('the heartbeat of a running case', () => {
  afterEach(() => void vi.useRealTimers());

  it('tells when a case starts, then at least every 5 s while it runs, with what its kind is doing', async () => {
    const seen: Array<{ at: number; p: CaseProgress }> = [];
    const t0 = Date.now();
    await playOnFakeClock({ onProgress: (p) => void seen.push({ at: Date.now() - t0, p }) });
    expect(seen.map((s) => s.p.caseId).filter((id, i, all) => all.indexOf(id) === i)).toEqual(['PS-A', 'TR-LATENCY', 'PS-B']);
    const latency = seen.filter((s) => s.p.caseId === 'TR-LATENCY');
    // first event as it starts (PS-A took no time), with what it said first
    expect(latency[0].at).toBe(seen[0].at);
    expect(latency[0].p).toMatchObject({ index: 2, total: 3, detail: { en: 'latency: 0/10' } });
    const gaps = latency.slice(1).map((s, i) => s.at - latency[i].at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5000);
    expect(latency.at(-1)!.at - latency[0].at).toBeGreaterThanOrEqual(22_000); // the whole series is covered
    expect(latency.map((s) => s.p.detail?.en)).toContain('latency: 9/10'); // and its progress follows the samples
  });

  it('keeps a log to one line per case however long a case runs; the live line moves on meanwhile', async () => {
    const logged = { stdout: '', stderr: '' };
    const log = consoleReporter({
      stdout: (s) => void (logged.stdout += s),
      stderr: (s) => void (logged.stderr += s),
      color: new Chalk({ level: 0 }),
      lang: 'en',
      live: false,
      total: 3,
    });
    let frames: string[] = [];
    const live = consoleReporter({
      stdout: () => undefined,
      stderr: (s) => void frames.push(s),
      color: new Chalk({ level: 0 }),
      lang: 'en',
      live: true,
      total: 3,
      now: () => Date.now(),
    });
    await playOnFakeClock({
      onProgress: (p) => {
        log.onProgress?.(p);
        live.onProgress?.(p);
      },
      onCaseEnd: async (c) => {
        await log.onCaseEnd?.(c);
        await live.onCaseEnd?.(c);
      },
    });
    expect(logged.stderr).toBe('');
    expect(logged.stdout.split('\n')).toEqual([
      expect.stringMatching(/^\[1\/3\] ✓ passed {2}PS-A {2}Title \(\d+ ms\)$/),
      expect.stringMatching(/^\[2\/3\] ✓ passed {2}TR-LATENCY {2}Title \(\d+ ms\)$/),
      expect.stringMatching(/^\[3\/3\] ✓ passed {2}PS-B {2}Title \(\d+ ms\)$/),
      '',
    ]);
    frames = frames.map((f) => f.replace('\r\u001b[2K', ''));
    expect(frames.filter((f) => f.includes('TR-LATENCY')).length).toBeGreaterThanOrEqual(5);
    // the case's own time and its progress, every second; then the estimate from the mean (23 s / 2 cases)
    expect(frames).toContain('[2/3] 1✓ 0✗ · elapsed 12 s · ≈ 0 s left · TR-LATENCY 12 s — latency: 5/10');
    expect(frames).toContain('[2/3] 2✓ 0✗ · elapsed 23 s · ≈ 12 s left');
    expect(frames.at(-1)).toBe('[3/3] 3✓ 0✗ · elapsed 23 s · ≈ 0 s left');
  });
});

describe('the TLS probes of a silent server', () => {
  it('say how many handshakes have ended while they wait', async () => {
    // A real loopback server that accepts and never answers: each handshake waits for its time-out.
    const sockets: Socket[] = [];
    const silent = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const said: string[] = [];
    try {
      await runTlsVersions(makeCase({ id: 'TR-TLS', kind: 'tls-versions', params: { timeoutMs: 150 } }), {
        ...env({}),
        baseUrl: `https://127.0.0.1:${port}/fhir`,
        progress: (m) => void said.push(m.en),
      });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
    expect(said).toEqual([
      'TLS probes: 0/4 done',
      'TLS probes: 1/4 done',
      'TLS probes: 2/4 done',
      'TLS probes: 3/4 done',
      'TLS probes: 4/4 done',
    ]);
  });
});

describe('where the run stands', () => {
  it('pads the position to the width of the total, so case lines align', () => {
    expect(position(7, 92)).toBe('[ 7/92]');
    expect(position(37, 92)).toBe('[37/92]');
    expect(position(3, 3)).toBe('[3/3]');
  });

  it('says durations on a clock scale', () => {
    expect([0, 499, 42_000, 65_000, 3_599_000, 3_720_000].map(clockText)).toEqual([
      '0 s',
      '0 s',
      '42 s',
      '1 min 5 s',
      '59 min 59 s',
      '1 h 02 min',
    ]);
  });

  it('estimates the time left from the mean duration of the cases played, less what the running one spent', () => {
    let t = 0;
    const p = progressTracker(10, () => t);
    expect(p.snapshot().leftMs).toBeUndefined(); // nothing played: no estimate
    p.onProgress({ caseId: 'A', index: 1, total: 10, elapsedMs: 0 });
    t = 3000;
    p.onCaseEnd(makeResult({ id: 'A', durationMs: 3000 }));
    p.onProgress({ caseId: 'B', index: 2, total: 10, elapsedMs: 0 });
    t = 4000;
    p.onCaseEnd(makeResult({ id: 'B', durationMs: 1000 }));
    expect(p.snapshot()).toMatchObject({ done: 2, elapsedMs: 4000, leftMs: 8 * 2000 });
    p.onProgress({ caseId: 'C', index: 3, total: 10, elapsedMs: 0 });
    t = 9000; // C overran the mean: only the 7 cases after it are left
    expect(p.snapshot()).toMatchObject({ running: { caseId: 'C', elapsedMs: 5000 }, leftMs: 7 * 2000 });
  });

  it('cuts the live line to the terminal width, so it can be redrawn in place', () => {
    const snapshot = {
      total: 92,
      done: 36,
      elapsedMs: 72_000,
      leftMs: 90_000,
      running: { caseId: 'CPTS-48H', index: 37, total: 92, elapsedMs: 12_000 },
    };
    const line = liveLine(snapshot, { text: '34✓ 2✗', width: 6 }, 'fr', 80, 'latence 1 id, c=1 : 4/10 '.repeat(5));
    const shown = `${line.position} ${line.tally} · ${line.rest}`;
    expect(shown).toBe('[37/92] 34✓ 2✗ · écoulé 1 min 12 s · encore ≈ 1 min 30 s · CPTS-48H 12 s — lat…');
    expect([...shown]).toHaveLength(79);
  });
});
