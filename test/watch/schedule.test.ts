/**
 * The watch's schedule with an injected clock (no real waiting): the interval floor, the back-off
 * after consecutive failures (doubled, capped at 4× --every, back to --every after a success), the end
 * of --for, and a stop request honoured between probes only (the probe in flight finishes).
 */
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../src/core/errors.js';
import { PROBE_RECORD_VERSION, type ProbeRecord } from '../../src/core/probe-record.js';
import type { Verdict } from '../../src/core/model.js';
import { backoffFactor, nextWait } from '../../src/watch/backoff.js';
import { EVERY_FLOOR_MS, parseEvery, parseFor, parseWatchDuration } from '../../src/watch/durations.js';
import type { Scheduler } from '../../src/watch/scheduler.js';
import { listenForStop } from '../../src/watch/stop-signals.js';
import { watchLoop } from '../../src/watch/watch-loop.js';

const MIN = 60_000;

/** A clock that only moves when told: sleeping advances it at once, and says for how long. */
function fakeScheduler(start = Date.parse('2026-03-02T07:00:00Z')): Scheduler & { t: number; sleeps: number[]; advance(ms: number): void } {
  const s = {
    t: start,
    sleeps: [] as number[],
    now: () => new Date(s.t),
    advance(ms: number) {
      s.t += ms;
    },
    async sleep(ms: number, signal?: AbortSignal) {
      if (signal?.aborted) return;
      s.sleeps.push(ms);
      s.t += ms;
    },
  };
  return s;
}

function record(verdict: Verdict, at: number): ProbeRecord {
  return {
    v: PROBE_RECORD_VERSION,
    at: new Date(at).toISOString(),
    baseUrl: 'https://x.example/fhir',
    tool: 'test',
    available: verdict !== 'error',
    verdict,
    checks: [],
    failingRules: [],
    durationMs: 0,
  };
}

describe('durations and the interval floor', () => {
  it('reads 15m, 1h, 60d, 90s, 1.5h', () => {
    expect(parseEvery('15m')).toBe(15 * MIN);
    expect(parseEvery('1h')).toBe(60 * MIN);
    expect(parseEvery('90s')).toBe(90_000);
    expect(parseFor('60d')).toBe(60 * 24 * 60 * MIN);
    expect(parseWatchDuration('1.5h', '--for')).toBe(90 * MIN);
  });

  it('refuses --every below one minute, with the reason and what to do, in both languages', () => {
    for (const text of ['30s', '59999ms', '0.5m']) {
      let err: unknown;
      try {
        parseEvery(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SetupError);
      const e = err as SetupError;
      expect(e.problem.en).toContain('at most one probe a minute');
      expect(e.problem.fr).toContain('une sonde au plus par minute');
      expect(e.hint?.en).toContain('--once');
    }
    expect(parseEvery('1m')).toBe(EVERY_FLOOR_MS);
  });

  it('refuses a duration without a unit or unreadable, and --for beyond a year', () => {
    expect(() => parseEvery('15')).toThrow(/not a duration with its unit/);
    expect(() => parseFor('soon')).toThrow(SetupError);
    expect(() => parseFor('400d')).toThrow(/longer than a year/);
  });
});

describe('back-off', () => {
  it('doubles the wait after each consecutive failure, up to 4× --every', () => {
    expect([0, 1, 2, 3, 10].map(backoffFactor)).toEqual([1, 2, 4, 4, 4]);
    expect(nextWait({ everyMs: 15 * MIN, failures: 0, probeMs: 2000 })).toBe(15 * MIN - 2000);
    expect(nextWait({ everyMs: 15 * MIN, failures: 5, probeMs: 0 })).toBe(60 * MIN);
  });

  it('follows the schedule over a run of probes: failures stretch the wait, a success restores it', async () => {
    const clock = fakeScheduler();
    const verdicts: Verdict[] = ['passed', 'error', 'error', 'failed', 'error', 'passed', 'passed'];
    const starts: number[] = [];
    const stop = new AbortController();
    const result = await watchLoop({
      schedule: { once: false, everyMs: 15 * MIN, forMs: 10 * 24 * 60 * MIN },
      scheduler: clock,
      stop: stop.signal,
      probe: async () => {
        starts.push(clock.t);
        clock.advance(3000); // the probe itself takes 3 s: probes are spaced start to start
        return record(verdicts[starts.length - 1], clock.t);
      },
      onProbe: () => {
        if (starts.length === verdicts.length) stop.abort();
      },
    });
    const gaps = starts.slice(1).map((t, k) => (t - starts[k]) / MIN);
    expect(gaps).toEqual([15, 30, 60, 60, 60, 15]);
    expect(result).toMatchObject({ stopped: true });
    expect(result.records.map((r) => r.verdict)).toEqual(verdicts);
  });
});

describe('the period and stopping', () => {
  it('plays every --every until --for has passed, then ends (not stopped)', async () => {
    const clock = fakeScheduler();
    const t0 = clock.t;
    const result = await watchLoop({
      schedule: { once: false, everyMs: 15 * MIN, forMs: 24 * 60 * MIN },
      scheduler: clock,
      stop: new AbortController().signal,
      probe: async () => record('passed', clock.t),
    });
    expect(result.stopped).toBe(false);
    expect(result.records).toHaveLength(96); // 24 h / 15 min
    expect(clock.t - t0).toBe(24 * 60 * MIN); // the watch lasts the whole --for
  });

  it('--once plays one probe and sleeps not at all', async () => {
    const clock = fakeScheduler();
    const result = await watchLoop({
      schedule: { once: true, everyMs: 15 * MIN, forMs: 60 * MIN },
      scheduler: clock,
      stop: new AbortController().signal,
      probe: async () => record('failed', clock.t),
    });
    expect(result.records).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('a SIGTERM during a probe lets it finish and record its line, then no other probe starts; a second signal exits at once', async () => {
    const listeners = new Map<string, () => void>();
    const exits: number[] = [];
    const proc = {
      on: (e: string, l: () => void) => listeners.set(e, l),
      off: (e: string) => listeners.delete(e),
      exit: (code: number) => void exits.push(code),
    };
    const said: string[] = [];
    const stop = listenForStop((m) => said.push(m.en), proc);
    const clock = fakeScheduler();
    let finished = 0;
    const result = await watchLoop({
      schedule: { once: false, everyMs: 15 * MIN, forMs: 60 * 24 * 60 * MIN },
      scheduler: clock,
      stop: stop.signal,
      probe: async () => {
        listeners.get('SIGTERM')?.(); // the signal comes while the probe is in flight
        await new Promise((r) => setTimeout(r, 20));
        finished++;
        return record('passed', clock.t);
      },
    });
    expect(finished).toBe(1);
    expect(result).toMatchObject({ stopped: true });
    expect(result.records).toHaveLength(1);
    expect(stop.exitCode()).toBe(143);
    expect(said[0]).toContain('the probe in flight finishes');
    listeners.get('SIGINT')?.();
    expect(exits).toEqual([143]);
    stop.dispose();
    expect(listeners.size).toBe(0);
  });
});
