import { describe, expect, it } from 'vitest';
import type { Exchange } from '../core/model.js';
import { judgeSeries, percentile, sendConcurrently, summarise } from './latency.js';
import type { HttpClient } from '../http/types.js';

function x(totalMs: number, outcome: Exchange['outcome'] = 'ok', status = 200): Exchange {
  return {
    id: String(totalMs),
    request: { method: 'GET', url: 'u', headers: {} },
    outcome,
    startedAt: '2026-01-01T00:00:00.000Z',
    timings: { totalMs },
    ...(outcome === 'ok' ? { response: { status, headers: {}, body: '', bodyBytes: 0, truncated: false, sha256: '' } } : {}),
  };
}

describe('percentile (nearest rank)', () => {
  it('picks the ranked sample', () => {
    const v = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 95)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
  });
});

describe('judgeSeries', () => {
  const series = (ms: number[]) => summarise('1 id, c=1', 1, 1, ms, 7000, 1000);

  it('passes fast answers with an information summary only', () => {
    const ms = [100, 120, 90];
    const f = judgeSeries(
      series(ms),
      ms.map((m) => x(m)),
    );
    expect(f.map((e) => `${e.severity}:${e.ruleId}`)).toEqual(['information:SAS-PERF-000']);
    expect(f[0].message.en).toContain('p50 100 ms, p95 120 ms, max 120 ms, 3 samples');
  });

  it('warns when p95 is above the 1 s target, fails above the 7 s budget or on a timeout', () => {
    const slowish = [900, 1500, 1200];
    expect(
      judgeSeries(
        series(slowish),
        slowish.map((m) => x(m)),
      ).map((e) => e.ruleId),
    ).toEqual(['SAS-PERF-000', 'SAS-PERF-002']);
    const late = [200, 7400];
    const f = judgeSeries(
      series(late),
      late.map((m) => x(m)),
    );
    expect(f.filter((e) => e.severity === 'error').map((e) => e.ruleId)).toEqual(['SAS-PERF-001']);
    const timedOut = [200, 7000];
    expect(
      judgeSeries(series(timedOut), [x(200), x(7000, 'timeout')])
        .filter((e) => e.severity === 'error')
        .map((e) => e.ruleId),
    ).toEqual(['SAS-PERF-001']);
  });

  it('fails a series with non-2xx answers (timings of errors prove nothing)', () => {
    const f = judgeSeries(series([50, 60]), [x(50), x(60, 'ok', 500)]);
    expect(f.filter((e) => e.severity === 'error').map((e) => e.ruleId)).toEqual(['SAS-PERF-003']);
    expect(f.find((e) => e.ruleId === 'SAS-PERF-003')?.message.en).toContain('first: HTTP 500');
  });
});

describe('sendConcurrently', () => {
  it('never has more than `concurrency` requests in flight and keeps the order', async () => {
    let inFlight = 0;
    let peak = 0;
    const client: HttpClient = {
      send: async (req) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return { exchange: { ...x(1), label: req.label } };
      },
      close: async () => undefined,
    };
    const out = await sendConcurrently(client, (i) => ({ url: 'u', label: `#${i}` }), 7, 3);
    expect(peak).toBe(3);
    expect(out.map((s) => s.exchange.label)).toEqual(['#0', '#1', '#2', '#3', '#4', '#5', '#6']);
  });
});

describe('sendConcurrently — stopping a series early', () => {
  const timingOut = (): { client: HttpClient; sent: () => number } => {
    let n = 0;
    return {
      sent: () => n,
      client: {
        send: async (req) => {
          n++;
          await new Promise((r) => setImmediate(r));
          return { exchange: { ...x(7000, 'timeout'), label: req.label } };
        },
        close: async () => undefined,
      },
    };
  };

  it('stops taking new requests after N consecutive time-outs (in flight ones are awaited)', async () => {
    const one = timingOut();
    const out = await sendConcurrently(one.client, (i) => ({ url: 'u', label: `#${i}` }), 10, 1, { afterTimeouts: 3 });
    expect(out.map((s) => s.exchange.label)).toEqual(['#0', '#1', '#2']);
    expect(one.sent()).toBe(3);
    // 5 in flight: the first two time-outs still start a request each before the third stops the series
    const five = timingOut();
    expect((await sendConcurrently(five.client, (i) => ({ url: 'u', label: `#${i}` }), 10, 5, { afterTimeouts: 3 })).length).toBe(7);
  });

  it('an answer in between resets the count', async () => {
    let i = 0;
    const pattern: Exchange['outcome'][] = ['timeout', 'timeout', 'ok', 'timeout', 'timeout', 'ok', 'timeout', 'timeout', 'timeout', 'ok'];
    const client: HttpClient = { send: async () => ({ exchange: x(10, pattern[i++]) }), close: async () => undefined };
    expect((await sendConcurrently(client, () => ({ url: 'u' }), 10, 1, { afterTimeouts: 3 })).length).toBe(9);
  });

  it('sends nothing more once the signal is aborted, and reports each completed sample', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const client: HttpClient = {
      send: async () => {
        if (seen.length === 1) controller.abort();
        return { exchange: x(10) };
      },
      close: async () => undefined,
    };
    const out = await sendConcurrently(client, () => ({ url: 'u' }), 10, 1, { signal: controller.signal, onSample: (n) => seen.push(n) });
    expect(out.length).toBe(2);
    expect(seen).toEqual([1, 2]);
  });
});
