/**
 * How makePki runs openssl (a recording stand-in for openssl, a real process): the first processes
 * start before it returns, so a caller busy with synchronous work (the demo reads its cahier meanwhile)
 * does not hold them back; every step waits for the files it needs; the work folder is removed.
 * The certificates themselves are checked with the real openssl in certs-and-profile.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePki } from '../../src/transport/make-pki.js';

describe.skipIf(process.platform === 'win32')('makePki steps', () => {
  let dir: string;
  let log: string;
  let fake: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sas-recette-pki-steps-'));
    log = join(dir, 'calls.log');
    fake = join(dir, 'fake-openssl');
    // Logs its arguments, then creates the files named after -out / -keyout (empty: nobody reads them here).
    writeFileSync(
      fake,
      `#!/bin/sh\necho "$*" >> '${log}'\nwhile [ $# -gt 0 ]; do case "$1" in -out|-keyout) : > "$2";; esac; shift; done\n`,
      { mode: 0o755 },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const calls = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);

  it('starts openssl before returning, chains the dependent steps, removes its work folder', async () => {
    const pending = makePki({ dir: join(dir, 'pki'), workParent: dir, openssl: fake });
    // Synchronous work (no event loop turn): only processes already started can write to the log.
    const deadline = Date.now() + 10_000;
    while (calls().length < 4 && Date.now() < deadline) {
      // busy, like a caller reading its cahier
    }
    expect(calls().length).toBeGreaterThanOrEqual(4);
    const pki = await pending;
    const all = calls();
    expect(all).toHaveLength(15);
    const at = (pattern: RegExp): number => all.findIndex((c) => pattern.test(c));
    expect(at(/^ca .*-revoke .*client-revoked\.crt/)).toBeGreaterThan(at(/^x509 .*-out \S*client-revoked\.crt/));
    expect(at(/^ca .*-gencrl/)).toBeGreaterThan(at(/^ca .*-revoke/));
    expect(at(/^x509 .*-out \S*server\.crt/)).toBeGreaterThan(at(/^req -x509 .*-out \S*ca\.crt/));
    expect(existsSync(pki.crl)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['calls.log', 'fake-openssl', 'pki']);
  });
});
