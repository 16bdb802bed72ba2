import { describe, expect, it } from 'vitest';
import { PACKAGES as SHARED } from '../../../test/validator/helpers.js';
import { mkdtempSync, copyFileSync, mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDefinitions } from './load-definitions.js';
import { listPackages, defaultPackageSources } from './package-source.js';
import { installPackage } from './install-package.js';
import { SetupError } from '../../core/errors.js';

const SAS_URL = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator';

describe('loadDefinitions', () => {
  it('loads SAS 1.2.0 with its dependencies from a folder of tgz files and indexes canonicals', async () => {
    const { index, warnings } = await loadDefinitions({ sources: [SHARED], ig: 'ans.fhir.fr.sas#1.2.0' });
    expect(index.ig).toEqual({ id: 'ans.fhir.fr.sas', version: '1.2.0' });
    const ids = index.packages.map((p) => `${p.id}#${p.version}`);
    expect(ids[0]).toBe('ans.fhir.fr.sas#1.2.0');
    expect(ids).toContain('hl7.fhir.r4.core#4.0.1');
    expect(ids).toContain('hl7.terminology#5.3.0'); // mapped from hl7.terminology.r4#7.2.0
    expect(ids).toContain('hl7.fhir.uv.extensions.r4#5.3.0');
    // canonical with and without |version
    expect(index.structureDefinition(SAS_URL)?.id).toBe('sas-cpts-bundle-aggregator');
    expect(index.resolve(`${SAS_URL}|1.2.0`)?.version).toBe('1.2.0');
    expect(index.structureDefinition('Slot')?.url).toBe('http://hl7.org/fhir/StructureDefinition/Slot');
    expect(index.valueSet('http://hl7.org/fhir/ValueSet/slotstatus')).toBeDefined();
    expect(index.codeSystem('http://terminology.hl7.org/CodeSystem/v3-ActCode')).toBeDefined();
    expect(index.all('CapabilityStatement').some((c) => c.id === 'SAS-GestionnaireAgenda-CPTS')).toBe(true);
    expect(index.resolve('http://example.org/none')).toBeUndefined();
    // the terminology mapping is said, once
    const en = warnings.map((w) => w.en);
    expect(en.filter((w) => w.includes('hl7.terminology.r4'))).toHaveLength(1);
    // FR Core 2.1.0 is loaded for the absent 1.1.0, and the note says it does not replace it
    expect(en.find((w) => w.includes('hl7.fhir.fr.core#1.1.0'))).toMatch(/other major version does not replace/);
    expect(en.find((w) => w.includes('hl7.terminology.r4'))).toMatch(/using hl7.terminology#5.3.0 instead/);
    // the extensions package was renumbered, not rebased: a plain substitution note
    expect(en.find((w) => w.includes('hl7.fhir.uv.extensions.r4#1.0.0'))).toMatch(/using hl7.fhir.uv.extensions.r4#5.3.0 instead/);
    // examples are not part of the definitions
    expect(index.all('Bundle')).toHaveLength(0);
  });

  it('loads SAS 1.1.0 and reports its missing NOS dependency once, without crashing', async () => {
    const { index, warnings } = await loadDefinitions({ sources: [SHARED], ig: 'ans.fhir.fr.sas#1.1.0' });
    expect(index.ig?.version).toBe('1.1.0');
    expect(warnings.filter((w) => w.en.includes('ans.fr.nos'))).toHaveLength(1);
  });

  it('says where it looked and how to fix it when the IG is absent', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sas-pkg-'));
    await expect(loadDefinitions({ sources: [empty], ig: 'ans.fhir.fr.sas#1.2.0' })).rejects.toThrow(SetupError);
    await expect(loadDefinitions({ sources: [empty], ig: 'ans.fhir.fr.sas#1.2.0' })).rejects.toThrow(empty);
  });

  it('reads an explicit tgz path and the FHIR cache layout written by installPackage', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'sas-cache-'));
    const r = await installPackage('ans.fhir.fr.sas#1.2.0', { from: join(SHARED, 'ans.fhir.fr.sas#1.2.0.tgz'), cacheDir: cache });
    expect(existsSync(join(r.folder, 'package', 'package.json'))).toBe(true);
    const tgzOnly = mkdtempSync(join(tmpdir(), 'sas-tgz-'));
    copyFileSync(join(SHARED, 'hl7.fhir.r4.core#4.0.1.tgz'), join(tgzOnly, 'core.tgz'));
    const list = await listPackages([cache, join(tgzOnly, 'core.tgz')]);
    expect(list.map((p) => `${p.id}#${p.version}:${p.kind}`).sort()).toEqual(['ans.fhir.fr.sas#1.2.0:cache', 'hl7.fhir.r4.core#4.0.1:tgz']);
    const { index, warnings } = await loadDefinitions({ sources: [cache, join(tgzOnly, 'core.tgz')], ig: 'ans.fhir.fr.sas#1.2.0' });
    expect(index.structureDefinition(SAS_URL)).toBeDefined();
    expect(index.structureDefinition('Bundle')).toBeDefined();
    expect(warnings.some((w) => w.en.includes('hl7.fhir.uv.extensions.r4'))).toBe(true);
  });

  it('refuses a tgz that holds another package, and a download when offline', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'sas-cache-'));
    await expect(
      installPackage('ans.fhir.fr.sas#1.1.0', { from: join(SHARED, 'ans.fhir.fr.sas#1.2.0.tgz'), cacheDir: cache }),
    ).rejects.toThrow(/holds ans.fhir.fr.sas#1.2.0/);
    await expect(
      installPackage('ans.fhir.fr.sas#1.2.0', { cacheDir: cache, registry: 'http://127.0.0.1:9', timeoutMs: 2000 }),
    ).rejects.toThrow(/--from FILE.tgz|no network/);
    const notTgz = join(cache, 'x.tgz');
    mkdirSync(cache, { recursive: true });
    writeFileSync(notTgz, 'not a tgz');
    await expect(installPackage('a.b#1.0.0', { from: notTgz, cacheDir: cache })).rejects.toThrow(/not a readable package/);
  });

  it('takes SAS_RECETTE_PACKAGES before the standard cache', () => {
    expect(defaultPackageSources({ SAS_RECETTE_PACKAGES: `/a:/b` })).toEqual(['/a', '/b']);
    expect(defaultPackageSources({ HOME: '/home/x' })[0]).toMatch(/\.fhir[/\\]packages$/);
  });
});
