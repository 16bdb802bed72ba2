import { describe, expect, it } from 'vitest';
import type { FailureKind, SentExchange } from '../http/types.js';
import type { Exchange } from '../core/model.js';
import { carriesFhirResources, classifyMtls } from './classify-mtls.js';

function sent(
  outcome: Exchange['outcome'],
  opts: { status?: number; body?: string; code?: string; failure?: FailureKind } = {},
): SentExchange {
  return {
    exchange: {
      id: 'x',
      request: { method: 'GET', url: 'https://h/Slot', headers: {} },
      outcome,
      startedAt: '2026-01-01T00:00:00.000Z',
      timings: { totalMs: 1 },
      ...(opts.status !== undefined
        ? { response: { status: opts.status, headers: {}, body: opts.body ?? '', bodyBytes: 0, truncated: false, sha256: '' } }
        : {}),
      ...(opts.code ? { error: { code: opts.code, message: 'm' } } : {}),
    },
    ...(opts.body !== undefined ? { fullBody: opts.body } : {}),
    ...(opts.failure ? { failure: opts.failure } : {}),
  };
}

const OO = JSON.stringify({ resourceType: 'OperationOutcome', issue: [] });
const BUNDLE = JSON.stringify({ resourceType: 'Bundle', type: 'searchset' });

describe('classifyMtls (cli-and-report-practice §5.3)', () => {
  it.each([
    ['TLS alert', sent('tls-error', { code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', failure: 'tls-alert' }), 'rejected', 'tls-handshake'],
    ['reset', sent('reset', { code: 'ECONNRESET', failure: 'reset' }), 'rejected', 'connection'],
    ['closed before response (TLS 1.3)', sent('closed', { code: 'UND_ERR_SOCKET', failure: 'closed' }), 'rejected', 'connection'],
    ['HTTP 403 with OperationOutcome', sent('ok', { status: 403, body: OO }), 'rejected', 'http-status'],
    [
      'HTTP 400 HTML (nginx)',
      sent('ok', { status: 400, body: '<html>No required SSL certificate was sent</html>' }),
      'rejected',
      'http-status',
    ],
    ['HTTP 495', sent('ok', { status: 495 }), 'rejected', 'http-status'],
    ['HTTP 200', sent('ok', { status: 200, body: BUNDLE }), 'accepted', 'http-status'],
    ['HTTP 403 carrying a Bundle', sent('ok', { status: 403, body: BUNDLE }), 'accepted', 'http-status'],
    ['HTTP 404', sent('ok', { status: 404, body: OO }), 'inconclusive', 'none'],
    ['refused', sent('refused', { code: 'ECONNREFUSED', failure: 'refused' }), 'inconclusive', 'none'],
    ['DNS', sent('dns', { code: 'ENOTFOUND', failure: 'dns' }), 'inconclusive', 'none'],
    ['timeout', sent('timeout', { code: 'DEADLINE_EXCEEDED', failure: 'timeout' }), 'inconclusive', 'none'],
    [
      'our distrust of the server certificate',
      sent('tls-error', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', failure: 'tls-unknown-ca' }),
      'inconclusive',
      'tls-handshake',
    ],
  ])('%s → %s', (_name, input, verdict, channel) => {
    const r = classifyMtls(input);
    expect(r.verdict).toBe(verdict);
    expect(r.channel).toBe(channel);
    expect(r.observation).not.toBe('');
  });

  it('keeps the raw observation (code and message, or the status)', () => {
    expect(classifyMtls(sent('reset', { code: 'ECONNRESET', failure: 'reset' })).observation).toBe('ECONNRESET: m');
    expect(classifyMtls(sent('ok', { status: 401 })).observation).toBe('HTTP 401');
  });

  it('counts an OperationOutcome as no FHIR content, any other resource as content', () => {
    expect(carriesFhirResources(OO)).toBe(false);
    expect(carriesFhirResources(BUNDLE)).toBe(true);
    expect(carriesFhirResources('not json')).toBe(false);
    expect(carriesFhirResources(undefined)).toBe(false);
  });
});
