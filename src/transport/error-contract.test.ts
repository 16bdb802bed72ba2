import { describe, expect, it } from 'vitest';
import type { SentExchange } from '../http/types.js';
import { judgeProbe, probeRequest, type ErrorProbe } from './error-contract.js';

function answer(status: number | undefined, body?: unknown, outcome: 'ok' | 'timeout' = 'ok'): SentExchange {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    exchange: {
      id: 'x',
      request: { method: 'GET', url: 'u', headers: {} },
      outcome,
      startedAt: '2026-01-01T00:00:00.000Z',
      timings: { totalMs: 1 },
      ...(status !== undefined
        ? {
            response: {
              status,
              headers: { 'content-type': 'application/fhir+json' },
              body: text,
              bodyBytes: text.length,
              truncated: false,
              sha256: '',
            },
          }
        : {}),
    },
    fullBody: text,
  };
}

const OO = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] };
const sev = (probe: ErrorProbe, s: SentExchange) => judgeProbe(probe, s).map((f) => `${f.severity}:${f.ruleId}`);

describe('judgeProbe — invalid requests', () => {
  it('passes a 4xx with an OperationOutcome', () => {
    expect(sev('missing-status', answer(400, OO))).toEqual(['information:SAS-ERR-001']);
    expect(sev('too-many-identifiers', answer(422, OO))).toEqual(['information:SAS-ERR-003']);
  });
  it('fails a served malformed date, a 4xx/5xx without OperationOutcome, no answer', () => {
    expect(sev('malformed-date', answer(200, { resourceType: 'Bundle', type: 'searchset', total: 3 }))).toEqual(['error:SAS-ERR-002']);
    expect(judgeProbe('malformed-date', answer(200, { resourceType: 'Bundle' }))[0].message.en).toContain(
      'the invalid request was accepted',
    );
    expect(sev('missing-status', answer(400, '<html>bad</html>'))).toEqual(['error:SAS-ERR-006']);
    expect(sev('malformed-date', answer(503, '<html>down</html>'))).toEqual(['error:SAS-ERR-006']);
    expect(sev('missing-status', answer(undefined, undefined, 'timeout'))).toEqual(['error:SAS-ERR-001']);
  });
  it('accepts a 5xx with an OperationOutcome (the IG allows 4xx/5xx): a good-practice warning for 400', () => {
    const fs = judgeProbe('malformed-date', answer(500, OO));
    expect(fs.map((f) => `${f.severity}:${f.ruleId}`)).toEqual(['warning:SAS-ERR-002']);
    expect(fs[0].requirements).toEqual(['sas-tls@19']);
    expect(sev('unknown-parameter', answer(500, OO))).toEqual(['warning:SAS-ERR-004']);
  });
  it('serving a search without status, with 26 identifiers or an unknown strict parameter is a good-practice warning', () => {
    for (const probe of ['missing-status', 'too-many-identifiers', 'unknown-parameter'] as const) {
      const fs = judgeProbe(probe, answer(200, { resourceType: 'Bundle', type: 'searchset', total: 3 }));
      expect(fs.map((f) => f.severity)).toEqual(['warning']);
      expect(fs[0].requirements).toEqual(['sas-tls@20']);
      expect(fs[0].message.fr).toContain('bonne pratique');
    }
  });
});

describe('judgeProbe — unknown identifier', () => {
  const empty = { resourceType: 'Bundle', type: 'searchset', total: 0 };
  it('passes 200 + empty searchset with total 0', () => {
    expect(sev('unknown-identifier', answer(200, empty))).toEqual(['information:SAS-ERR-005']);
  });
  it('warns without total, fails with results or with an error status', () => {
    expect(sev('unknown-identifier', answer(200, { resourceType: 'Bundle', type: 'searchset' }))).toEqual(['warning:SAS-ERR-005']);
    expect(
      sev(
        'unknown-identifier',
        answer(200, { ...empty, total: 0, entry: [{ resource: { resourceType: 'Slot' }, search: { mode: 'match' } }] }),
      ),
    ).toEqual(['error:SAS-ERR-005']);
    expect(sev('unknown-identifier', answer(404, OO))).toEqual(['error:SAS-ERR-005']);
    expect(sev('unknown-identifier', answer(200, { resourceType: 'Bundle', type: 'collection', total: 0 }))).toEqual(['error:SAS-ERR-005']);
  });
});

describe('probeRequest', () => {
  it('names the parameters of the use case', () => {
    expect(probeRequest('missing-status', 'psindiv').request?.omit).toEqual(['status']);
    expect(probeRequest('missing-status', 'sos').request?.omit).toEqual(['_has:Slot:schedule:status']);
    expect(probeRequest('malformed-date', 'sos').request?.params).toEqual({
      '_has:Slot:schedule:start': ['ge2026-13-45T25:61:00', 'le{le}'],
    });
    expect(probeRequest('too-many-identifiers', 'cpts').identifiers).toBe(26);
    expect(probeRequest('unknown-parameter', 'psindiv').headers).toEqual({ prefer: 'handling=strict' });
    expect(probeRequest('unknown-identifier', 'psindiv')).toEqual({ keys: [], request: { unknownIdentifiers: 1 } });
  });
});
