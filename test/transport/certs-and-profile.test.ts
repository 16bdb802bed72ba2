/**
 * `sas-recette certs make` (real openssl) and the --tls-profile loader: the written profile loads,
 * points at certificates that verify as they should, and bad profiles give located errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/context.js';
import { SetupError } from '../../src/core/errors.js';
import { loadTlsProfile, mergeProfileTls } from '../../src/transport/tls-profile.js';
import { hasOpenssl } from '../support/certs.js';

async function cli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: async () => Buffer.alloc(0),
    env,
    cwd,
    isTTY: false,
  };
  const code = await main(['node', 'sas-recette', ...args], io);
  return { code, stdout, stderr };
}

const verify = (ca: string, cert: string): string => {
  try {
    return execFileSync('openssl', ['verify', '-CAfile', ca, cert], { stdio: 'pipe' }).toString().trim();
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    return `${String(e.stdout ?? '')}${String(e.stderr ?? '')}`.trim();
  }
};

const verifyWithCrl = (ca: string, crl: string, cert: string): string => {
  try {
    return execFileSync('openssl', ['verify', '-crl_check', '-CRLfile', crl, '-CAfile', ca, cert], { stdio: 'pipe' }).toString().trim();
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    return `${String(e.stdout ?? '')}${String(e.stderr ?? '')}`.trim();
  }
};

describe.runIf(hasOpenssl())('sas-recette certs make', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sas-recette-certs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the PKI and a tls-profile that loads and names certificates with the expected properties', async () => {
    const r = await cli(['certs', 'make', '--out', 'pki', '--cn', 'editeur-recette', '--ou', 'SAS'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tls-profile     pki/tls-profile.yaml');
    const profile = loadTlsProfile(join(dir, 'pki', 'tls-profile.yaml'));
    expect(profile.expect).toEqual({ cn: 'editeur-recette', ou: 'SAS' });
    const ca = profile.caFile!;
    expect(verify(ca, profile.client!.certFile)).toMatch(/: OK$/);
    expect(verify(ca, profile.negative['other-ca']!.certFile)).toContain('error 20');
    expect(verify(ca, profile.negative.expired!.certFile)).toContain('error 10');
    const subject = (f: string) => execFileSync('openssl', ['x509', '-in', f, '-noout', '-subject'], { stdio: 'pipe' }).toString();
    expect(subject(profile.client!.certFile)).toMatch(/OU = SAS, CN = editeur-recette/);
    expect(subject(profile.negative['wrong-cn']!.certFile)).toMatch(/OU = SAS, CN = unexpected-client/);
    expect(subject(profile.negative['wrong-ou']!.certFile)).toMatch(/OU = unexpected-unit, CN = editeur-recette/);
    expect(verify(ca, join(dir, 'pki', 'server.crt'))).toMatch(/: OK$/);
    // The revoked certificate: valid for its CA, revoked for whoever loads the CRL written beside it.
    const revoked = profile.negative.revoked!.certFile;
    expect(revoked).toBe(join(dir, 'pki', 'client-revoked.crt'));
    expect(subject(revoked)).toMatch(/OU = SAS, CN = editeur-recette/);
    expect(verify(ca, revoked)).toMatch(/: OK$/);
    const crl = join(dir, 'pki', 'ca.crl');
    expect(verifyWithCrl(ca, crl, revoked)).toMatch(/error 23 .*certificate revoked/);
    expect(verifyWithCrl(ca, crl, profile.client!.certFile)).toMatch(/: OK$/);
    expect(r.stdout).toContain('CRL             pki/ca.crl');
    expect(readFileSync(join(dir, 'pki', 'tls-profile.yaml'), 'utf8')).toMatch(
      /revoked:\n\s+cert: "client-revoked\.crt"\n\s+key: "client\.key"/,
    );
    // The profile fills what the command line leaves out; the command line wins.
    expect(mergeProfileTls(undefined, profile)).toMatchObject({ caFile: ca, certFile: profile.client!.certFile });
    expect(mergeProfileTls({ certFile: 'mine.crt', keyFile: 'mine.key' }, profile)).toMatchObject({
      certFile: 'mine.crt',
      keyFile: 'mine.key',
      caFile: ca,
    });
  });

  it('refuses to overwrite an existing test CA without --force, and rejects unsafe names', async () => {
    const again = await cli(['certs', 'make', '--out', 'pki'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('pki contient déjà une AC de test (ca.key)');
    const forced = await cli(['certs', 'make', '--out', 'pki', '--force'], dir);
    expect(forced.code).toBe(0);
    const bad = await cli(['certs', 'make', '--out', 'other', '--cn', 'a/b=c'], dir, { ...process.env, SAS_RECETTE_LANG: 'en' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid CN "a/b=c"');
  });

  it('says clearly when openssl is missing', async () => {
    const r = await cli(['certs', 'make', '--out', 'no-openssl'], dir, { PATH: join(dir, 'empty-path') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('la commande «\u00a0openssl\u00a0» est introuvable');
    expect(r.stderr).toContain('installer OpenSSL');
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('loadTlsProfile errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sas-recette-profile-'));
    writeFileSync(join(dir, 'c.crt'), 'x');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const load = (text: string): SetupError => {
    const file = join(dir, 'p.yaml');
    writeFileSync(file, text);
    try {
      loadTlsProfile(file);
    } catch (err) {
      return err as SetupError;
    }
    throw new Error('expected an error');
  };

  it('locates a missing file and a schema error (unknown negative certificate name, passphrase in the file)', () => {
    const missing = load('negative:\n  expired:\n    cert: c.crt\n    key: nowhere.key\n');
    expect(missing).toBeInstanceOf(SetupError);
    expect(missing.message).toMatch(/p\.yaml:4:\d+ .*negative\.expired\.key.*file not found or not readable: .*nowhere\.key/);
    const schema = load(
      'negative:\n  wrong-name:\n    cert: c.crt\n    key: c.crt\nclient:\n  cert: c.crt\n  key: c.crt\n  passphrase: secret\n',
    );
    expect(schema.message).toContain('p.yaml:2:');
    expect(schema.message).toContain('p.yaml:8:');
    expect(readFileSync(join(dir, 'p.yaml'), 'utf8')).toContain('passphrase');
  });

  it('resolves paths against the profile folder', () => {
    writeFileSync(join(dir, 'ok.yaml'), 'ca: c.crt\nnegative:\n  revoked: { cert: c.crt, key: c.crt, passphraseEnv: REVOKED_PASS }\n');
    const p = loadTlsProfile(join(dir, 'ok.yaml'));
    expect(p.caFile).toBe(join(dir, 'c.crt'));
    expect(p.negative.revoked).toEqual({ certFile: join(dir, 'c.crt'), keyFile: join(dir, 'c.crt'), passphraseEnv: 'REVOKED_PASS' });
  });
});
