import { describe, expect, it } from 'vitest';
import { finding } from '../core/findings.js';
import { makeExchange, makeResult } from '../../test/run/fixtures.js';
import { failureCauses } from './failure-causes.js';

const html502 = makeExchange({
  response: {
    status: 502,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<html>',
    bodyBytes: 6,
    truncated: false,
    sha256: '0',
  },
});
const timeout = makeExchange({ outcome: 'timeout', error: { code: 'UND_ERR_HEADERS_TIMEOUT', message: 'Headers Timeout Error' } });
const rule = (ruleId: string, en: string) => finding('error', ruleId, 'rule', 'Bundle.entry[1].resource.start', { fr: en, en });

describe('failureCauses', () => {
  it('puts every failed or errored case in exactly one cause, none of the others', () => {
    const cases = [
      makeResult({ id: 'A', verdict: 'failed', exchanges: [html502], findings: [rule('EXP-BODY-JSON', 'HTML page')] }),
      makeResult({ id: 'B', verdict: 'failed', exchanges: [html502], findings: [rule('SAS-ERR-006', 'no OperationOutcome')] }),
      makeResult({ id: 'C', verdict: 'failed', findings: [rule('SAS-WIN-002', 'outside the window'), rule('SAS-BDL-001', 'x')] }),
      makeResult({ id: 'D', verdict: 'error', exchanges: [timeout] }),
      makeResult({ id: 'E', verdict: 'failed', severity: 'minor', findings: [rule('SAS-WIN-002', 'other slot outside')] }),
      makeResult({ id: 'F', verdict: 'passed' }),
      makeResult({ id: 'G', verdict: 'skipped', reason: { fr: 'r', en: 'r' } }),
      makeResult({ id: 'H', verdict: 'error', reason: { fr: 'délai de la recette atteint', en: 'run deadline reached' } }),
    ];
    const causes = failureCauses({ cases });
    expect(causes.map((c) => [c.key, c.cases.map((x) => x.id), c.blocking])).toEqual([
      ['http:502:text/html', ['A', 'B'], ['A', 'B']],
      ['rule:SAS-BDL-001', ['C'], ['C']],
      ['transport:timeout:UND_ERR_HEADERS_TIMEOUT', ['D'], ['D']],
      ['reason:run deadline reached', ['H'], ['H']],
      ['rule:SAS-WIN-002', ['E'], []],
    ]);
    expect(causes[0].label.en).toBe('server error: HTTP 502 (text/html)');
    expect(causes[2].label.fr).toBe('pas de réponse HTTP\u00a0: timeout (UND_ERR_HEADERS_TIMEOUT: Headers Timeout Error)');
    expect(causes.flatMap((c) => c.cases).length).toBe(6);
  });
});
