/**
 * `sas-recette ig list` shows the definitions cache (folder, entries, whether the packages found now use
 * them) and `sas-recette ig cache clear` removes the cache's own files only, saying which (in-process CLI,
 * a temporary cache folder through SAS_RECETTE_CACHE).
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/fhir/packages/load-definitions.js';
import { runCli } from '../validate/helpers.js';
import { PACKAGES, removeTemps, SAS_12, sourcesWith, tempDir } from './helpers.js';

afterAll(removeTemps);

let cache: string;
const env = () => ({ SAS_RECETTE_PACKAGES: PACKAGES, SAS_RECETTE_CACHE: cache });

beforeAll(async () => {
  cache = tempDir();
  await loadDefinitions({ sources: [PACKAGES], ig: SAS_12, cache });
  // an entry of an older tool version: not used any more
  await loadDefinitions({
    sources: [sourcesWith({ 'ans.fhir.fr.sas#1.2.0.tgz': 'ans.fhir.fr.sas#1.2.0.tgz' })],
    ig: SAS_12,
    cache,
    toolVersion: '0.0.1',
  });
});

describe('ig list: the definitions cache', () => {
  it('shows the folder and each entry, current or not', async () => {
    const r = await runCli(['ig', 'list', '--lang', 'en'], { env: env() });
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('Definitions cache: '));
    expect(section).toContain(`Definitions cache: ${cache} (SAS_RECETTE_CACHE to change, off to disable)`);
    expect(section).toMatch(/hl7\.fhir\.r4\.core#4\.0\.1 +\d+\.\d MB +\d{4}-\d\d-\d\d \d\d:\d\d +current/);
    expect(section.match(/ans\.fhir\.fr\.sas#1\.2\.0 .*/g)).toEqual([
      expect.stringMatching(/current$/),
      expect.stringMatching(/not used \(another package content or tool version\)$/),
    ]);
    expect(section).toMatch(/6 entries, \d+\.\d MB — 1 not used: sas-recette ig cache clear removes every entry/);
  });

  it('in French by default: sizes in Mo with a decimal comma', async () => {
    const r = await runCli(['ig', 'list'], { env: env() });
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('Cache des définitions\u00a0: '));
    expect(section).toContain(`Cache des définitions\u00a0: ${cache} (SAS_RECETTE_CACHE pour le changer, off pour le désactiver)`);
    expect(section).toMatch(/hl7\.fhir\.r4\.core#4\.0\.1 +\d+,\d\u00a0Mo +\d{4}-\d\d-\d\d \d\d:\d\d +à jour/);
    expect(section).toMatch(/inutilisée \(autre contenu de package ou autre version de l’outil\)$/m);
    expect(section).toMatch(/6 entrées, \d+,\d\u00a0Mo — 1 inutilisée\u00a0: sas-recette ig cache clear retire toutes les entrées/);
  });

  it('gives the same facts as JSON', async () => {
    const r = await runCli(['ig', 'list', '--format', 'json'], { env: env() });
    const json = JSON.parse(r.stdout) as { cache: { dir: string; entries: { id: string; current: boolean; bytes: number }[] } };
    expect(json.cache.dir).toBe(cache);
    expect(json.cache.entries).toHaveLength(6);
    expect(json.cache.entries.filter((e) => e.current).map((e) => e.id)).toEqual([
      'ans.fhir.fr.sas',
      'hl7.fhir.fr.core',
      'hl7.fhir.r4.core',
      'hl7.fhir.uv.extensions.r4',
      'hl7.terminology',
    ]);
    expect(json.cache.entries.every((e) => e.bytes > 1000)).toBe(true);
  });

  it('says when the cache is off, or not built yet', async () => {
    const off = await runCli(['ig', 'list', '--lang', 'en'], { env: { SAS_RECETTE_PACKAGES: PACKAGES, SAS_RECETTE_CACHE: 'off' } });
    expect(off.stdout).toContain('Definitions cache: off (SAS_RECETTE_CACHE=off');
    const fresh = join(tempDir(), 'not-yet');
    const empty = await runCli(['ig', 'list', '--lang', 'en'], { env: { SAS_RECETTE_PACKAGES: PACKAGES, SAS_RECETTE_CACHE: fresh } });
    expect(empty.stdout).toContain(`Definitions cache: ${fresh}`);
    expect(empty.stdout).toContain('(empty: folder not created yet; the next validate builds it)');
    const fr = await runCli(['ig', 'list'], { env: { SAS_RECETTE_PACKAGES: PACKAGES, SAS_RECETTE_CACHE: fresh } });
    expect(fr.stdout).toContain('(vide\u00a0: dossier pas encore créé\u00a0; le prochain validate le remplit)');
  });
});

describe('ig cache clear', () => {
  it('removes only the files the cache wrote, says which, and is fine with nothing to remove', async () => {
    const foreign = ['notes.txt', 'old.sasdefs', `${'a'.repeat(64)}.sasdefs.bak`];
    for (const f of foreign) writeFileSync(join(cache, f), 'not ours');
    // an entry as earlier versions named them (sha256 of the key only)
    const earlier = `${'b'.repeat(64)}.sasdefs`;
    writeFileSync(join(cache, earlier), 'an entry of an earlier version');
    const r = await runCli(['ig', 'cache', 'clear'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^ {2}retiré .*$/gm)).toHaveLength(8); // 6 entries, the earlier one, fingerprints.json
    expect(r.stdout).toContain(`retiré ${join(cache, earlier)}`);
    expect(r.stdout).toMatch(/retiré \S+\.sasdefs \(hl7\.fhir\.r4\.core#4\.0\.1\) +\d+,\d\u00a0Mo/);
    expect(r.stdout).toContain(`retiré ${join(cache, 'fingerprints.json')}`);
    expect(r.stdout).toMatch(
      new RegExp(
        `✓ cache des définitions ${cache.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\u00a0: 8 fichiers retirés \\(\\d+,\\d\u00a0Mo\\)`,
      ),
    );
    expect(readdirSync(cache).sort()).toEqual([...foreign].sort());

    const again = await runCli(['ig', 'cache', 'clear'], { env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`Cache des définitions ${cache}\u00a0: rien à retirer.\n`);
    const againEn = await runCli(['ig', 'cache', 'clear', '--lang', 'en'], { env: env() });
    expect(againEn.stdout).toBe(`Definitions cache ${cache}: nothing to remove.\n`);
    const json = await runCli(['ig', 'cache', 'clear', '--format', 'json'], { env: env() });
    expect(JSON.parse(json.stdout)).toEqual({ dir: cache, removed: [], bytes: 0 });
  });

  it('with the cache off or its folder absent: nothing to remove, exit 0', async () => {
    const off = await runCli(['ig', 'cache', 'clear'], { env: { SAS_RECETTE_CACHE: 'off' } });
    expect(off).toMatchObject({ code: 0, stdout: 'Cache des définitions désactivé (SAS_RECETTE_CACHE=off)\u00a0: rien à retirer.\n' });
    const offEn = await runCli(['ig', 'cache', 'clear'], { env: { SAS_RECETTE_CACHE: 'off', SAS_RECETTE_LANG: 'en' } });
    expect(offEn).toMatchObject({ code: 0, stdout: 'Definitions cache is off (SAS_RECETTE_CACHE=off): nothing to remove.\n' });
    const absent = join(tempDir(), 'absent');
    const r = await runCli(['ig', 'cache', 'clear', '--lang', 'en'], { env: { SAS_RECETTE_CACHE: absent } });
    expect(r).toMatchObject({ code: 0, stdout: `Definitions cache ${absent}: nothing to remove.\n` });
    expect(existsSync(absent)).toBe(false);
  });
});
