/**
 * `sas-recette ig list` and `sas-recette ig install` against the shared FHIR packages, a temp FHIR cache
 * and loopback "registries" (the machine is offline: a closed port and a server that never answers).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGES, STACK_FRAME, runCli, tempDir, type TempDir } from './helpers.js';

const SAS_TGZ = join(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz');
let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

describe('ig list', () => {
  it('lists packages and the SAS IG dependencies: present, mapped, missing (French by default)', async () => {
    const r = await runCli(['ig', 'list', '--packages', PACKAGES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sources de packages\u00a0:');
    expect(r.stdout).toMatch(/ans\.fhir\.fr\.sas#1\.2\.0 +tgz +\S+ans\.fhir\.fr\.sas#1\.2\.0\.tgz/);
    const section = r.stdout.slice(r.stdout.indexOf('ans.fhir.fr.sas#1.2.0 — dépendances\u00a0:'));
    expect(section).toMatch(/✓ présent +hl7\.fhir\.r4\.core#4\.0\.1/);
    expect(section).toMatch(/~ substitué +hl7\.terminology\.r4#7\.2\.0 +→ hl7\.terminology#5\.3\.0/);
    expect(r.stdout).toMatch(/✗ absent +ans\.fr\.nos#1\.3\.0 .*«\u00a0non vérifiés\u00a0»/);
  });

  it('in English with --lang en', async () => {
    const r = await runCli(['ig', 'list', '--packages', PACKAGES, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Package sources:');
    const section = r.stdout.slice(r.stdout.indexOf('ans.fhir.fr.sas#1.2.0 — dependencies:'));
    expect(section).toMatch(/✓ present +hl7\.fhir\.r4\.core#4\.0\.1/);
    expect(section).toMatch(/~ mapped +hl7\.terminology\.r4#7\.2\.0 +→ hl7\.terminology#5\.3\.0/);
    expect(r.stdout).toMatch(/✗ missing +ans\.fr\.nos#1\.3\.0 .*"not checked"/);
  });

  it('gives the same facts as JSON', async () => {
    const r = await runCli(['ig', 'list', '--packages', PACKAGES, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      sources: { source: string; exists: boolean }[];
      packages: { id: string; version: string; kind: string }[];
      igs: { id: string; version: string; dependencies: { id: string; version: string; state: string; used?: { id: string } }[] }[];
    };
    expect(json.sources).toEqual([{ source: PACKAGES, exists: true }]);
    expect(json.packages.map((p) => `${p.id}#${p.version}`)).toContain('hl7.fhir.r4.core#4.0.1');
    const sas12 = json.igs.find((i) => i.version === '1.2.0');
    const term = sas12?.dependencies.find((d) => d.id === 'hl7.terminology.r4');
    expect(term).toMatchObject({ state: 'mapped', used: { id: 'hl7.terminology' } });
  });

  it('exits 2 with the fix when the SAS IG is nowhere', async () => {
    const r = await runCli(['ig', 'list', '--packages', tmp.path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('ans.fhir.fr.sas introuvable dans ces sources.');
    expect(r.stdout).toMatch(/l’installer\u00a0: sas-recette ig install ans\.fhir\.fr\.sas#1\.2\.0 --from FILE\.tgz/);
    const en = await runCli(['ig', 'list', '--packages', tmp.path, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stdout).toContain('ans.fhir.fr.sas not found in these sources.');
    expect(en.stdout).toMatch(/install it: sas-recette ig install ans\.fhir\.fr\.sas#1\.2\.0 --from FILE\.tgz/);
  });
});

describe('ig install', () => {
  it('copies a local tgz into the FHIR cache layout, which ig list then finds', async () => {
    const cache = join(tmp.path, 'cache');
    const r = await runCli(['ig', 'install', 'ans.fhir.fr.sas#1.2.0', '--from', SAS_TGZ, '--cache', cache]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ ans\.fhir\.fr\.sas#1\.2\.0 installé \(\d+ fichiers\) dans /);
    expect(r.stdout).toContain(`ce dossier n’est pas parcouru par défaut\u00a0: ajouter --packages ${cache}`);
    const manifest = join(cache, 'ans.fhir.fr.sas#1.2.0', 'package', 'package.json');
    expect(existsSync(manifest)).toBe(true);
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toMatchObject({ name: 'ans.fhir.fr.sas', version: '1.2.0' });
    const list = await runCli(['ig', 'list', '--packages', cache]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/ans\.fhir\.fr\.sas#1\.2\.0 +cache/);
    expect(list.stdout).toMatch(/✗ absent +hl7\.fhir\.r4\.core#4\.0\.1/);
    const again = await runCli(['ig', 'install', 'ans.fhir.fr.sas#1.2.0', '--from', SAS_TGZ, '--cache', cache, '--lang', 'en']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/✓ installed ans\.fhir\.fr\.sas#1\.2\.0 \(\d+ files\) in /);
    expect(again.stdout).toContain(`this folder is not searched by default: pass --packages ${cache}`);
  });

  it('refuses a tgz that holds another package', async () => {
    const r = await runCli(['ig', 'install', 'ans.fhir.fr.sas#1.1.0', '--from', SAS_TGZ, '--cache', join(tmp.path, 'c2')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/contient ans\.fhir\.fr\.sas#1\.2\.0, et non ans\.fhir\.fr\.sas#1\.1\.0/);
    expect(existsSync(join(tmp.path, 'c2', 'ans.fhir.fr.sas#1.1.0'))).toBe(false);
  });

  it('refuses a bad reference and a missing file', async () => {
    const bad = await runCli(['ig', 'install', 'ans.fhir.fr.sas', '--from', SAS_TGZ, '--cache', tmp.path]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /«\u00a0ans\.fhir\.fr\.sas\u00a0» n'est pas une référence de package\n {2}→ l’écrire sous la forme <id>#<version>/,
    );
    const missing = await runCli(['ig', 'install', 'ans.fhir.fr.sas#1.2.0', '--from', join(tmp.path, 'none.tgz'), '--cache', tmp.path], {
      env: { SAS_RECETTE_LANG: 'en' }, // the environment gives the language too
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/file not found/);
    expect(missing.stderr).not.toMatch(STACK_FRAME);
  });

  describe('offline download', () => {
    let hanging: Server;
    let hangingUrl: string;
    let closedUrl: string;
    beforeAll(async () => {
      hanging = createServer(() => {
        /* never answers */
      });
      await new Promise<void>((res) => hanging.listen(0, '127.0.0.1', res));
      hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
      const closed = createServer();
      await new Promise<void>((res) => closed.listen(0, '127.0.0.1', res));
      closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
      await new Promise<void>((res) => closed.close(() => res()));
    });
    afterAll(() => {
      hanging.closeAllConnections();
      hanging.close();
    });

    it('says the registry is unreachable and how to install from a file', async () => {
      const r = await runCli(['ig', 'install', 'ans.fhir.fr.sas#1.2.0', '--cache', tmp.path, '--registry', closedUrl]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /impossible de télécharger ans\.fhir\.fr\.sas#1\.2\.0 depuis http:\/\/127\.0\.0\.1:\d+\/ans\.fhir\.fr\.sas\/1\.2\.0 \(ECONNREFUSED\)/,
      );
      expect(r.stderr).toMatch(/--from FILE\.tgz/);
      expect(r.stderr).not.toMatch(STACK_FRAME);
    });

    it('gives up after --timeout when the registry does not answer', async () => {
      const t0 = Date.now();
      const r = await runCli(
        ['ig', 'install', 'ans.fhir.fr.sas#1.2.0', '--cache', tmp.path, '--registry', hangingUrl, '--timeout', '300'],
        {
          env: { SAS_RECETTE_LANG: 'en' },
        },
      );
      expect(r.code).toBe(2);
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(r.stderr).toMatch(/could not download .*TimeoutError/);
      expect(existsSync(join(tmp.path, 'ans.fhir.fr.sas#1.2.0'))).toBe(false);
    });

    it('refuses a bad --timeout', async () => {
      const r = await runCli(['ig', 'install', 'ans.fhir.fr.sas#1.2.0', '--timeout', 'soon']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/valeur «\u00a0soon\u00a0» refusée pour --timeout/);
    });
  });
});
