import { describe, expect, it } from 'vitest';
import { makeCase } from '../../test/run/fixtures.js';
import { kindRegistry, type CaseKind, type KindEnv, type KindOutcome } from '../cahier/kinds.js';
import { finding } from '../core/findings.js';
import type { Exchange } from '../core/model.js';
import type { HttpClient } from '../http/types.js';
import { executeCases, type CaseProgress, type ExecuteEnv } from './execute.js';
import { parseRunTimeout } from './run-guard.js';

let n = 0;
function exchange(outcome: Exchange['outcome']): Exchange {
  n += 1;
  return {
    id: `x${n}`,
    request: { method: 'GET', url: `http://127.0.0.1:1/fhir/Slot?n=${n}`, headers: {} },
    outcome,
    startedAt: '2026-01-01T00:00:00.000+01:00',
    timings: { totalMs: outcome === 'timeout' ? 7000 : 5 },
    ...(outcome === 'ok' ? { response: { status: 200, headers: {}, body: '', bodyBytes: 0, truncated: false, sha256: '' } } : {}),
  };
}

function env(kinds: CaseKind[], extra: Partial<ExecuteEnv> = {}): ExecuteEnv {
  return {
    baseUrl: 'http://127.0.0.1:1/fhir',
    now: new Date('2026-03-02T08:00:00+01:00'),
    client: { send: async () => ({ exchange: exchange('timeout') }), close: async () => undefined } as HttpClient,
    httpOptions: { timeoutMs: 7000 },
    lang: 'en',
    jddFor: () => undefined,
    kinds: kindRegistry(kinds),
    ...extra,
  };
}

/** A search kind that sends one request through the run client, or is not applicable for ids starting with NA. */
const search: CaseKind = {
  kind: 'search',
  async run(tc, e: KindEnv): Promise<KindOutcome> {
    if (tc.id.startsWith('NA')) return { exchanges: [], findings: [], notApplicable: { fr: 'na', en: 'na' } };
    const sent = await e.client.send({ url: 'u' });
    const timedOut = sent.exchange.outcome === 'timeout';
    return {
      exchanges: [sent.exchange],
      findings: timedOut ? [finding('error', 'HTTP-TIMEOUT', 'transport', 'HTTP GET u', { fr: 'délai', en: 'timeout' })] : [],
    };
  },
};

describe('the run guard in executeCases', () => {
  it('stops sending after 4 consecutive time-outs: the rest is error with the reason and the unanswered requests', async () => {
    let sent = 0;
    const notes: string[] = [];
    const client = { send: async () => (sent++, { exchange: exchange('timeout') }), close: async () => undefined } as HttpClient;
    const cases = ['A', 'B', 'C', 'D', 'E', 'NA-F', 'G'].map((id) => makeCase({ id }));
    const results = await executeCases(cases, env([search], { client, onNote: (m) => void notes.push(m.en) }));
    expect(sent).toBe(4);
    expect(results.map((r) => r.verdict)).toEqual(['error', 'error', 'error', 'error', 'error', 'not-applicable', 'error']);
    expect(results[4].reason?.en).toBe(
      'not sent: the endpoint answered none of the last 4 requests (time-out 7000 ms each); sas-recette stopped calling it',
    );
    const evidence = results[4].findings.find((f) => f.ruleId === 'RUN-NO-ANSWER');
    expect(evidence?.message.en).toMatch(
      /^requests left unanswered: A: GET http:\/\/127\.0\.0\.1:1\/fhir\/Slot\?n=\d+ \(timeout, 7000 ms\) ; B: .* ; D: /,
    );
    expect(notes).toEqual([
      expect.stringMatching(/^the endpoint answered none of the last 4 requests \(time-out 7000 ms each\): the 3 remaining case/),
    ]);
  });

  it('an answer resets the count', async () => {
    const outcomes: Exchange['outcome'][] = ['timeout', 'timeout', 'ok', 'timeout', 'timeout', 'timeout', 'timeout'];
    let i = 0;
    const client = { send: async () => ({ exchange: exchange(outcomes[i++]) }), close: async () => undefined } as HttpClient;
    const results = await executeCases(
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((id) => makeCase({ id })),
      env([search], { client }),
    );
    expect(i).toBe(7);
    expect(results.filter((r) => r.reason?.en.startsWith('not sent')).map((r) => r.id)).toEqual(['H']);
  });

  it('an answer shared by several cases (the search cache) is one request', async () => {
    const shared = exchange('timeout');
    let i = 0;
    const client = { send: async () => (i++, { exchange: exchange('timeout') }), close: async () => undefined } as HttpClient;
    const cached: CaseKind = { kind: 'latency', run: async () => ({ exchanges: [shared], findings: [] }) };
    const cases = [
      makeCase({ id: 'S1', kind: 'latency' }),
      makeCase({ id: 'A' }),
      makeCase({ id: 'S2', kind: 'latency' }),
      makeCase({ id: 'B' }),
      makeCase({ id: 'C' }),
      makeCase({ id: 'D' }),
    ];
    const results = await executeCases(cases, env([search, cached], { client }));
    expect(i).toBe(3);
    expect(results.filter((r) => r.reason?.en.startsWith('not sent')).map((r) => r.id)).toEqual(['D']);
  });

  it('the run deadline: the case in flight is told to stop, the cases left end error "run deadline reached"', async () => {
    let aborted = false;
    const slow: CaseKind = {
      kind: 'latency',
      run: (_tc, e) =>
        new Promise((resolve) => {
          e.signal?.addEventListener('abort', () => {
            aborted = true;
            resolve({ exchanges: [exchange('ok')], findings: [], harnessFault: { fr: 'coupé', en: 'cut' } });
          });
        }),
    };
    const notes: string[] = [];
    const cases = [makeCase({ id: 'L', kind: 'latency' }), makeCase({ id: 'A' }), makeCase({ id: 'NA-B' })];
    const results = await executeCases(cases, env([search, slow], { runTimeoutMs: 50, onNote: (m) => void notes.push(m.en) }));
    expect(aborted).toBe(true);
    expect(results.map((r) => r.verdict)).toEqual(['error', 'error', 'not-applicable']);
    expect(results[1].reason?.en).toBe('run deadline reached (--run-timeout 0 s): case not run, the endpoint could not be judged');
    expect(results[1].findings.map((f) => f.ruleId)).toEqual(['RUN-DEADLINE']);
    expect(notes).toEqual(['run deadline reached (--run-timeout 0 s): the 2 remaining case(s) are not run and end in error']);
  });

  it('tells onProgress every progressEveryMs while a case runs, with what its kind says', async () => {
    const waiting: CaseKind = {
      kind: 'latency',
      run: async (_tc, e) => {
        e.progress?.({ fr: 'mesure 1/10', en: 'sample 1/10' });
        await new Promise((r) => setTimeout(r, 120));
        return { exchanges: [], findings: [] };
      },
    };
    const seen: CaseProgress[] = [];
    await executeCases(
      [makeCase({ id: 'L', kind: 'latency' })],
      env([waiting], { progressEveryMs: 25, onProgress: (p) => void seen.push(p) }),
    );
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen[0]).toMatchObject({ caseId: 'L', index: 1, total: 1, detail: { en: 'sample 1/10' } });
    expect(seen.at(-1)!.elapsedMs).toBeGreaterThan(seen[0].elapsedMs);
  });
});

describe('parseRunTimeout', () => {
  it('reads a duration and refuses nonsense as a usage error', () => {
    expect(parseRunTimeout(undefined)).toBeUndefined();
    expect(parseRunTimeout('10m')).toBe(600_000);
    expect(parseRunTimeout('90s')).toBe(90_000);
    expect(() => parseRunTimeout('soon')).toThrow('--run-timeout "soon" is not a duration');
    expect(() => parseRunTimeout('2000m')).toThrow('longer than a day');
  });
});
