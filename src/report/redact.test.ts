import { describe, expect, it } from 'vitest';
import { REDACTED, redactCommand, redactExchange, redactText } from './redact.js';

describe('redactText', () => {
  it('removes private keys, credentials in header lines, auth schemes and secret JSON fields', () => {
    const key = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0w\n-----END ENCRYPTED PRIVATE KEY-----';
    expect(redactText(`key: ${key} end`)).toBe(`key: ${REDACTED} (private key) end`);
    expect(redactText('-----BEGIN PRIVATE KEY-----\nMIIEv truncated')).toBe(`${REDACTED} (private key)`);
    expect(redactText('Authorization: Basic dXNlcjpwYXNz\nAccept: */*')).toBe(`Authorization: ${REDACTED}\nAccept: */*`);
    expect(redactText('{"cookie": "SESSION=abc", "a": 1}')).toBe(`{"cookie": "${REDACTED}", "a": 1}`);
    expect(redactText('token was Bearer abc.def.ghi-123 here')).toBe(`token was Bearer ${REDACTED} here`);
    expect(redactText('{"client_secret":"s3cr3t","access_token":"t0k3n","ok":"yes"}')).toBe(
      `{"client_secret": "${REDACTED}","access_token": "${REDACTED}","ok":"yes"}`,
    );
  });
  it('leaves ordinary FHIR text alone', () => {
    const body = '{"resourceType":"Slot","status":"free","comment":"Basic consultation"}';
    expect(redactText(body)).toBe(body);
  });
});

describe('redactCommand', () => {
  it('redacts values of secret flags and keeps file and env references', () => {
    expect(redactCommand('sas-recette run --passphrase hunter2 --key-file client.key --passphrase-env SAS_PASS')).toBe(
      `sas-recette run --passphrase ${REDACTED} --key-file client.key --passphrase-env SAS_PASS`,
    );
    expect(redactCommand('x --token=abc --api-key xyz --base-url https://u:p@h/fhir?access_token=t')).toBe(
      `x --token=${REDACTED} --api-key ${REDACTED} --base-url https://${REDACTED}@h/fhir?access_token=${encodeURIComponent(REDACTED)}`,
    );
  });
  it('does not swallow the next flag when a secret flag has no value', () => {
    expect(redactCommand('x --token --verbose')).toBe('x --token --verbose');
  });
});

describe('redactExchange', () => {
  it('redacts headers, URL, body and error message without touching the input', () => {
    const x = {
      id: '1',
      request: {
        method: 'GET',
        url: 'https://h/fhir/Slot?apikey=k1&status=free',
        headers: { Authorization: 'Bearer zzzzzzzz', Accept: 'application/fhir+json' },
      },
      response: { status: 200, headers: { 'Set-Cookie': 'a=b' }, body: '{"password":"p"}', bodyBytes: 16, truncated: false, sha256: 'x' },
      outcome: 'ok' as const,
      error: { message: 'Bearer abcdefghij refused' },
      startedAt: '2025-01-01T00:00:00Z',
      timings: { totalMs: 1 },
    };
    const r = redactExchange(x);
    expect(r.request.headers).toEqual({ authorization: REDACTED, accept: 'application/fhir+json' });
    expect(r.request.url).toBe(`https://h/fhir/Slot?apikey=${encodeURIComponent(REDACTED)}&status=free`);
    expect(r.response?.headers).toEqual({ 'set-cookie': REDACTED });
    expect(r.response?.body).toBe(`{"password": "${REDACTED}"}`);
    expect(r.error?.message).toBe(`Bearer ${REDACTED} refused`);
    expect(x.request.headers.Authorization).toBe('Bearer zzzzzzzz');
  });
});
