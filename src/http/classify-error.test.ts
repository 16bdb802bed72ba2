import { describe, expect, it } from 'vitest';
import { classifyError, kindOfCode } from './classify-error.js';

const err = (code: string, message = code, extra: object = {}): Error => Object.assign(new Error(message), { code }, extra);
const noDeadline = { hit: false, ms: 7000 };

describe('classifyError', () => {
  it.each([
    ['ECONNREFUSED', 'refused', 'refused'],
    ['ENOTFOUND', 'dns', 'dns'],
    ['ECONNRESET', 'reset', 'reset'],
    ['UND_ERR_SOCKET', 'closed', 'closed'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', 'timeout'],
    ['UND_ERR_RES_EXCEEDED_MAX_SIZE', 'too-large', 'too-large'],
    ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'tls-error', 'tls-alert'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tls-error', 'tls-alert'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls-error', 'tls-unknown-ca'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls-error', 'tls-unknown-ca'],
    ['CERT_HAS_EXPIRED', 'tls-error', 'tls-expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls-error', 'tls-name-mismatch'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls-error', 'tls-other'],
    ['UND_ERR_HEADERS_OVERFLOW', 'bad-response', 'bad-response'],
    ['HPE_INVALID_CONSTANT', 'bad-response', 'bad-response'],
    ['HPE_INVALID_CHUNK_SIZE', 'bad-response', 'bad-response'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'closed', 'closed'],
    ['HPE_INVALID_EOF_STATE', 'closed', 'closed'],
    ['SOMETHING_ELSE', 'other', 'other'],
  ])('%s → %s / %s', (code, outcome, kind) => {
    expect(classifyError(err(code), noDeadline)).toMatchObject({ outcome, kind, code });
  });

  it('reads the code of a wrapped cause', () => {
    const wrapped = Object.assign(new Error('fetch failed'), { cause: err('ECONNREFUSED') });
    expect(classifyError(wrapped, noDeadline).kind).toBe('refused');
  });

  it('turns an abort by the deadline into a timeout with the deadline in the message', () => {
    const abort = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    expect(classifyError(abort, { hit: true, ms: 7000 })).toMatchObject({ outcome: 'timeout', code: 'DEADLINE_EXCEEDED' });
    expect(classifyError(abort, { hit: true, ms: 7000 }).message).toContain('7000 ms');
    expect(classifyError(err('UND_ERR_ABORTED'), { hit: true, ms: 50 }).kind).toBe('timeout');
  });

  it('kindOfCode without code is other', () => {
    expect(kindOfCode(undefined, 'Error')).toBe('other');
  });

  it('blames the endpoint for an answer undici could not parse, with the bytes as evidence', () => {
    const parser = Object.assign(new Error('Response does not match the HTTP/1.1 protocol (Expected HTTP/)'), {
      name: 'HTTPParserError',
      data: 'HELLO WORLD\u0007',
    });
    expect(classifyError(parser, noDeadline)).toEqual({
      outcome: 'bad-response',
      kind: 'bad-response',
      code: 'UND_ERR_HTTP_PARSER',
      message: 'Response does not match the HTTP/1.1 protocol (Expected HTTP/); bytes where parsing stopped: "HELLO WORLD\\x07" (12 bytes)',
    });
    expect(classifyError(err('UND_ERR_SOCKET', 'bad response'), noDeadline).kind).toBe('bad-response');
    expect(classifyError(err('UND_ERR_SOCKET', 'other side closed'), noDeadline).kind).toBe('closed');
    const overflow = classifyError(err('UND_ERR_HEADERS_OVERFLOW'), {
      ...noDeadline,
      maxHeaderBytes: 100,
      received: { head: Buffer.from('HTTP/1.1 200 OK\r\n'), total: 5000 },
    });
    expect(overflow.message).toBe(
      'the response headers exceed the 100-byte limit; received "HTTP/1.1 200 OK\\r\\n" (first 17 of 5000 bytes)',
    );
  });
});
