import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, redactUrl } from './redact.js';

describe('redactHeaders', () => {
  it('hides credentials, cookies and any key/token/secret/passphrase header, keeps the rest', () => {
    const out = redactHeaders({
      Authorization: 'Bearer abc',
      Cookie: 'a=b',
      'Set-Cookie': ['x=1', 'y=2'],
      'Proxy-Authorization': 'Basic zz',
      'X-Api-Key': 'k',
      'X-Auth-Token': 't',
      'X-Client-Secret': 's',
      'X-Key-Passphrase': 'p',
      Accept: 'application/fhir+json',
      Via: ['a', 'b'],
      Empty: undefined,
    });
    expect(out).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'proxy-authorization': REDACTED,
      'x-api-key': REDACTED,
      'x-auth-token': REDACTED,
      'x-client-secret': REDACTED,
      'x-key-passphrase': REDACTED,
      accept: 'application/fhir+json',
      via: 'a, b',
    });
  });
});

describe('redactUrl', () => {
  it('hides user info and secret query parameters, keeps the exact encoding of the others', () => {
    const url =
      'https://u:p@h.example/Slot?start=ge2026-01-01T00:00:00.000%2B01:00&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C810&api_key=K&access%5Ftoken=T#frag';
    expect(redactUrl(url)).toBe(
      'https://[redacted]@h.example/Slot?start=ge2026-01-01T00:00:00.000%2B01:00&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C810&api_key=%5Bredacted%5D&access%5Ftoken=%5Bredacted%5D#frag',
    );
  });
  it('leaves URLs without secrets unchanged, and invalid URLs as given', () => {
    expect(redactUrl('http://127.0.0.1:8080/metadata')).toBe('http://127.0.0.1:8080/metadata');
    expect(redactUrl('not a url')).toBe('not a url');
  });
});
