/**
 * The offline certificate checks of `sas-recette doctor`, on certificates made for the test with
 * openssl: key not matching, not chaining to the CA, expired, not yet valid, expiring soon, CN / OU
 * not the profile's, an encrypted key without passphrase (the variable to set named, the passphrase
 * never printed) — and the same files right, all ok.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';
import { cli, tempDir } from '../e2e/support.js';
import { hasOpenssl } from '../support/certs.js';
import { caDate, doctor, signClientCert } from './support.js';

const PASSPHRASE = 'doctor-passphrase-91b2-never-printed';

describe.runIf(hasOpenssl())('doctor: client certificate, key and CA', () => {
  let pki: TestPki;
  let encryptedKey: string;
  let profile: string;

  beforeAll(async () => {
    pki = await makePki({ dir: tempDir('doctor-pki'), cn: 'editor-client', ou: 'sas-editor' });
    encryptedKey = join(pki.dir, 'client-encrypted.key');
    execFileSync('openssl', ['pkey', '-in', pki.clientKey, '-aes256', '-passout', `pass:${PASSPHRASE}`, '-out', encryptedKey]);
    profile = join(pki.dir, 'doctor-profile.yaml');
    writeFileSync(profile, `ca: ${pki.caCert}\nexpect: { cn: editor-client, ou: sas-editor }\n`);
  });

  const files = (cert: string, key = pki.clientKey): string[] => [
    '--cert',
    cert,
    '--key',
    key,
    '--ca',
    pki.caCert,
    '--tls-profile',
    profile,
  ];

  it('the right certificate, key and CA: every certificate check ok, exit 0', async () => {
    const r = await doctor(files(pki.clientCert));
    for (const id of ['cert.profile', 'cert.ca', 'cert.pair', 'cert.dates', 'cert.subject', 'cert.chain'])
      expect(r.checks[id]?.status, id).toBe('ok');
    expect(r.checks['cert.subject'].message).toContain('CN=editor-client');
    expect(r.code).toBe(0);
  });

  it('a key that is not the certificate’s: blocking, both files named', async () => {
    const r = await doctor(files(pki.clientCert, pki.serverKey));
    expect(r.checks['cert.pair']).toMatchObject({ status: 'blocking' });
    expect(r.checks['cert.pair'].message).toContain(pki.serverKey);
    expect(r.checks['cert.pair'].message).toContain('does not belong to the certificate');
    expect(r.code).toBe(1);
  });

  it('a certificate from another CA: a warning that says what to check, not a blocking problem', async () => {
    const r = await doctor(files(pki.clientOtherCaCert));
    expect(r.checks['cert.chain']).toMatchObject({ status: 'warning' });
    expect(r.checks['cert.chain'].message).toMatch(/is not issued by the CA .*ca\.crt/);
    expect(r.checks['cert.chain'].fix).toContain('must trust');
    expect(r.checks['cert.pair'].status).toBe('ok');
  });

  it('an expired certificate: blocking, with the date', async () => {
    const r = await doctor(files(pki.clientExpiredCert));
    expect(r.checks['cert.dates']).toMatchObject({ status: 'blocking' });
    expect(r.checks['cert.dates'].message).toMatch(/expired on \d{4}-\d\d-\d\d/);
    expect(r.code).toBe(1);
  });

  it('a certificate not valid yet: blocking; one that expires within 30 days: a warning', async () => {
    const future = signClientCert(pki, 'future', caDate(400), caDate(800));
    const soon = signClientCert(pki, 'soon', caDate(-1), caDate(10));
    const f = await doctor(files(future));
    expect(f.checks['cert.dates']).toMatchObject({ status: 'blocking' });
    expect(f.checks['cert.dates'].message).toContain('not valid yet');
    expect(f.code).toBe(1);
    const s = await doctor(files(soon));
    expect(s.checks['cert.dates']).toMatchObject({ status: 'warning' });
    expect(s.checks['cert.dates'].message).toMatch(/expires in (9|10) day/);
    expect(s.code).toBe(0);
  });

  it('a CN or an OU other than the profile expects: blocking, the difference said', async () => {
    const cn = await doctor(files(pki.clientWrongCnCert));
    expect(cn.checks['cert.subject']).toMatchObject({ status: 'blocking' });
    expect(cn.checks['cert.subject'].message).toContain('CN unexpected-client ≠ editor-client');
    const ou = await doctor(files(pki.clientWrongOuCert));
    expect(ou.checks['cert.subject']).toMatchObject({ status: 'blocking' });
    expect(ou.checks['cert.subject'].message).toContain('OU unexpected-unit ≠ sas-editor');
    expect(ou.code).toBe(1);
  });

  it('an encrypted key without passphrase: blocking, says to name a variable with --passphrase-env; with it: ok, never printed', async () => {
    const none = await doctor(files(pki.clientCert, encryptedKey));
    expect(none.checks['cert.pair']).toMatchObject({ status: 'blocking' });
    expect(none.checks['cert.pair'].message).toContain('is encrypted');
    expect(none.checks['cert.pair'].message).toContain('--passphrase-env');
    const unset = await doctor([...files(pki.clientCert, encryptedKey), '--passphrase-env', 'DOCTOR_KEY_PASS']);
    expect(unset.checks['cert.pair']).toMatchObject({ status: 'blocking' });
    expect(unset.checks['cert.pair'].message).toContain('DOCTOR_KEY_PASS');
    const given = await cli(['doctor', ...files(pki.clientCert, encryptedKey), '--passphrase-env', 'DOCTOR_KEY_PASS'], {
      DOCTOR_KEY_PASS: PASSPHRASE,
    });
    expect(given.out).toContain('phrase secrète lue dans DOCTOR_KEY_PASS');
    expect(given.out + given.err).not.toContain(PASSPHRASE);
    expect(given.code).toBe(0);
  });

  it('a certificate file that is not there: blocking, the file named (no stack trace)', async () => {
    const missing = join(pki.dir, 'nope.crt');
    const r = await doctor(files(missing));
    expect(r.checks['cert.pair']).toMatchObject({ status: 'blocking' });
    expect(r.checks['cert.pair'].message).toContain(missing);
    expect(r.err).toBe('');
  });
});
