/**
 * The definitions cache through loadDefinitions, with real packages (copies of ../shared/fhir-packages in
 * temporary source folders, one temporary cache folder per test): built then hit; a changed package or
 * tool version gets a new entry; a corrupt entry (truncated, altered index, altered resource bytes) is
 * rebuilt with a note and the findings do not change; a folder that cannot be written works uncached.
 * Most tests load the SAS package alone (its dependencies are then reported missing): small and fast.
 */
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/core/version.js';
import { readEntryIndex } from '../../src/fhir/packages/cache-entry.js';
import { definitionsCacheDir } from '../../src/fhir/packages/cache-location.js';
import { installPackage } from '../../src/fhir/packages/install-package.js';
import { loadDefinitions } from '../../src/fhir/packages/load-definitions.js';
import type { LoadOptions } from '../../src/fhir/packages/types.js';
import { entryPath, findingsOf, fixture, PACKAGES, removeTemps, SAS_12, SAS_CPTS_BUNDLE, sourcesWith, states, tempDir } from './helpers.js';

afterAll(removeTemps);

const SAS_ALONE = { 'ans.fhir.fr.sas#1.2.0.tgz': 'ans.fhir.fr.sas#1.2.0.tgz' };
const load = (sources: string, cache: LoadOptions['cache'], more: Partial<LoadOptions> = {}) =>
  loadDefinitions({ sources: [sources], ig: SAS_12, cache, ...more });
const en = (ws: { en: string }[]) => ws.map((w) => w.en);
const cpts = fixture('cpts-valid.json');

function flipByte(file: string, position: number): void {
  const fd = openSync(file, 'r+');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, position);
    b[0] ^= 0x5a;
    writeSync(fd, b, 0, 1, position);
  } finally {
    closeSync(fd);
  }
}

describe('definitions cache: build, hit, invalidation', () => {
  it('builds an entry per package, then reads the same definitions from it', async () => {
    const src = sourcesWith(SAS_ALONE);
    const cache = tempDir();
    const cold = await load(src, cache);
    expect(cold.cache.dir).toBe(cache);
    expect(states(cold.cache)).toEqual({ [SAS_12]: 'built' });
    expect(cold.cache.entries[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(entryPath(cold.cache, 'ans.fhir.fr.sas'))).toBe(true);
    const warm = await load(src, cache);
    expect(states(warm.cache)).toEqual({ [SAS_12]: 'hit' });
    expect(warm.warnings).toEqual(cold.warnings); // the dependency notes, nothing about the cache
    const none = await load(src, false);
    expect(none.cache).toEqual({
      dir: null,
      entries: [{ id: 'ans.fhir.fr.sas', version: '1.2.0', hash: '', state: 'uncached' }],
      note: expect.anything(),
    });
    for (const r of [cold, warm]) {
      expect(r.index.structureDefinition(SAS_CPTS_BUNDLE)).toEqual(none.index.structureDefinition(SAS_CPTS_BUNDLE));
      expect(r.index.all('CapabilityStatement')).toEqual(none.index.all('CapabilityStatement'));
      expect(r.index.packages).toEqual(none.index.packages);
      expect(findingsOf(cpts, r.index)).toEqual(findingsOf(cpts, none.index));
    }
    // a resolved resource is parsed once and kept
    expect(warm.index.structureDefinition(SAS_CPTS_BUNDLE)).toBe(warm.index.structureDefinition(SAS_CPTS_BUNDLE));
    expect(readdirSync(cache).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{64}-v\d+-[0-9A-Za-z.+-]+\.sasdefs$/), 'fingerprints.json']);
  });

  it('uses a new entry when the package file is replaced by another content', async () => {
    const src = sourcesWith(SAS_ALONE);
    const cache = tempDir();
    const first = await load(src, cache);
    const before = first.index.all('ImplementationGuide').map((ig) => ig.version);
    expect(before).toEqual(['1.2.0']);
    // the 1.1.0 package under the 1.2.0 name: another size, another date
    writeFileSync(join(src, 'ans.fhir.fr.sas#1.2.0.tgz'), readFileSync(join(PACKAGES, 'ans.fhir.fr.sas#1.1.0.tgz')));
    const second = await load(src, cache);
    expect(states(second.cache)).toEqual({ [SAS_12]: 'built' });
    expect(second.cache.entries[0].hash).not.toBe(first.cache.entries[0].hash);
    expect(second.index.all('ImplementationGuide').map((ig) => ig.version)).toEqual(['1.1.0']);
    expect(readdirSync(cache).filter((f) => f.endsWith('.sasdefs'))).toHaveLength(2);
  });

  it('notices altered bytes of the same size (date changed), and does not rebuild for a date alone', async () => {
    const src = sourcesWith(SAS_ALONE);
    const tgz = join(src, 'ans.fhir.fr.sas#1.2.0.tgz');
    const cache = tempDir();
    const first = await load(src, cache);
    // touched only: the hash is computed again, it is the same: the entry is used
    const later = new Date(statSync(tgz).mtimeMs + 60_000);
    utimesSync(tgz, later, later);
    expect(states((await load(src, cache)).cache)).toEqual({ [SAS_12]: 'hit' });
    // the gzip header's MTIME field (bytes 4–7) altered in place: same size, same inode, same package
    // content once gunzipped, but other bytes, so another content hash
    flipByte(tgz, 5);
    const again = new Date(later.getTime() + 60_000);
    utimesSync(tgz, again, again);
    const second = await load(src, cache);
    expect(states(second.cache)).toEqual({ [SAS_12]: 'built' });
    expect(second.cache.entries[0].hash).not.toBe(first.cache.entries[0].hash);
    expect(findingsOf(cpts, second.index)).toEqual(findingsOf(cpts, first.index));
  });

  it('an extracted package folder: a new entry when a definition file is added or package.json rewritten', async () => {
    const fhirCache = tempDir('sas-defs-fhir-');
    await installPackage(SAS_12, { from: join(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz'), cacheDir: fhirCache });
    const cache = tempDir();
    const first = await load(fhirCache, cache);
    expect(states(first.cache)).toEqual({ [SAS_12]: 'built' });
    expect(states((await load(fhirCache, cache)).cache)).toEqual({ [SAS_12]: 'hit' });
    const pkg = join(fhirCache, SAS_12, 'package');
    const extra = { resourceType: 'ValueSet', id: 'extra', url: 'https://example.org/ValueSet/extra', status: 'draft' };
    writeFileSync(join(pkg, 'ValueSet-extra.json'), JSON.stringify(extra));
    const second = await load(fhirCache, cache);
    expect(states(second.cache)).toEqual({ [SAS_12]: 'built' });
    expect(second.index.valueSet(extra.url)).toEqual(extra);
    expect(first.index.valueSet(extra.url)).toBeUndefined();
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ ...manifest, dependencies: {} }));
    const third = await load(fhirCache, cache);
    expect(states(third.cache)).toEqual({ [SAS_12]: 'built' });
    expect(third.index.packages[0].dependencies).toEqual({});
    expect(third.warnings).toEqual([]); // no dependency left to miss
  });

  it('uses a new entry when the tool version changes', async () => {
    const src = sourcesWith(SAS_ALONE);
    const cache = tempDir();
    expect(states((await load(src, cache, { toolVersion: '9.0.0' })).cache)).toEqual({ [SAS_12]: 'built' });
    expect(states((await load(src, cache, { toolVersion: '9.0.0' })).cache)).toEqual({ [SAS_12]: 'hit' });
    const next = await load(src, cache, { toolVersion: '9.0.1' });
    expect(states(next.cache)).toEqual({ [SAS_12]: 'built' });
    expect(existsSync(entryPath(next.cache, 'ans.fhir.fr.sas', '9.0.0'))).toBe(true);
    expect(existsSync(entryPath(next.cache, 'ans.fhir.fr.sas', '9.0.1'))).toBe(true);
    expect(states((await load(src, cache, { toolVersion: '9.0.0' })).cache)).toEqual({ [SAS_12]: 'hit' });
  });
});

describe('definitions cache: corruption', () => {
  const corruptNote = (ws: { en: string }[], id = 'ans.fhir.fr.sas#1.2.0') =>
    en(ws).filter((w) => w.startsWith(`Definitions cache: the entry of ${id} was corrupt`));
  // the default packages, cached once; each test damages a copy of that cache
  let built: string;
  let builtStates: Record<string, string>;
  let reference: unknown;
  beforeAll(async () => {
    built = tempDir();
    const cold = await loadDefinitions({ sources: [PACKAGES], ig: SAS_12, cache: built });
    builtStates = states(cold.cache);
    reference = findingsOf(cpts, (await loadDefinitions({ sources: [PACKAGES], ig: SAS_12, cache: false })).index);
  });

  async function builtCache(id = 'ans.fhir.fr.sas') {
    const cache = tempDir();
    cpSync(built, cache, { recursive: true });
    const r = await load(PACKAGES, cache);
    expect(Object.values(states(r.cache))).toEqual(Object.values(builtStates).map(() => 'hit'));
    return { src: PACKAGES, cache, file: entryPath(r.cache, id), reference };
  }

  it('the reference is a real validation: the CPTS fixture has structure findings', () => {
    expect(Object.values(builtStates)).toEqual(['built', 'built', 'built', 'built', 'built']);
    expect((reference as { source: string }[]).filter((f) => f.source === 'structure').length).toBeGreaterThan(3);
  });

  it.each([
    ['truncated', (file: string) => writeFileSync(file, readFileSync(file).subarray(0, statSync(file).size - 100)), 'lengths do not match'],
    ['a byte of its index altered', (file: string) => flipByte(file, 32 + 200), 'index checksum mismatch'],
    ['not an entry at all', (file: string) => writeFileSync(file, 'hello'), 'shorter than its header'],
  ])('an entry %s is rebuilt at load, with a note, and the findings do not change', async (_, damage, reason) => {
    const { src, cache, file, reference } = await builtCache();
    damage(file);
    const r = await load(src, cache);
    expect(states(r.cache)[SAS_12]).toBe('rebuilt');
    expect(Object.values(states(r.cache)).filter((s) => s === 'hit')).toHaveLength(4);
    expect(corruptNote(r.warnings)).toEqual([expect.stringContaining(reason)]);
    expect(r.warnings.find((w) => w.en.includes('was corrupt'))?.fr).toContain('corrompue');
    expect(findingsOf(cpts, r.index)).toEqual(reference);
    const after = await load(src, cache);
    expect(states(after.cache)[SAS_12]).toBe('hit');
    expect(corruptNote(after.warnings)).toEqual([]);
  });

  it.each([
    ['the SAS CPTS Bundle profile', 'ans.fhir.fr.sas', SAS_CPTS_BUNDLE],
    ['the R4 Bundle definition', 'hl7.fhir.r4.core', 'http://hl7.org/fhir/StructureDefinition/Bundle'],
  ])('altered cached bytes of %s: read again from the package on resolve, with a note', async (_, id, url) => {
    const { src, cache, file, reference } = await builtCache(id);
    const r = await load(src, cache);
    const entry = readEntryIndex(file, { tool: TOOL_VERSION, hash: r.cache.entries.find((e) => e.id === id)!.hash });
    const [at] = entry.table.positions(url);
    const { offset, length } = entry.positions.at(at);
    flipByte(file, entry.blobStart + offset + Math.floor(length / 2));
    expect(corruptNote(r.warnings, `${id}#${r.cache.entries.find((e) => e.id === id)!.version}`)).toEqual([]);
    expect(findingsOf(cpts, r.index)).toEqual(reference); // resolves the altered definition
    const notes = corruptNote(r.warnings, `${id}#${r.cache.entries.find((e) => e.id === id)!.version}`);
    expect(notes).toEqual([expect.stringContaining('resource checksum mismatch')]);
    expect(r.cache.entries.find((e) => e.id === id)!.state).toBe('rebuilt');
    const after = await load(src, cache);
    expect(Object.values(states(after.cache))).toEqual(['hit', 'hit', 'hit', 'hit', 'hit']);
    expect(findingsOf(cpts, after.index)).toEqual(reference);
  });

  it('an entry removed during a run (ig cache clear) is read again from the package', async () => {
    const { src, cache, file, reference } = await builtCache();
    const r = await load(src, cache);
    rmSync(file);
    expect(findingsOf(cpts, r.index)).toEqual(reference);
    expect(corruptNote(r.warnings)).toEqual([expect.stringContaining('ENOENT')]);
    expect(existsSync(file)).toBe(true); // written again
  });

  it('a package that can no longer be read either: its definitions are missing, said once, no crash', async () => {
    const src = sourcesWith(SAS_ALONE);
    const cache = tempDir();
    await load(src, cache);
    const r = await load(src, cache);
    const file = entryPath(r.cache, 'ans.fhir.fr.sas');
    rmSync(file);
    rmSync(join(src, 'ans.fhir.fr.sas#1.2.0.tgz'));
    expect(r.index.structureDefinition(SAS_CPTS_BUNDLE)).toBeUndefined();
    expect(r.index.all('CapabilityStatement')).toEqual([]);
    expect(en(r.warnings).filter((w) => w.includes('could not be read again'))).toHaveLength(1);
  });
});

describe('definitions cache: folder that cannot be written, cache off', () => {
  /** A folder this process cannot write: chmod 555, or (as root, where modes do not stop writes) a path under a regular file. */
  function unwritableDir(): string {
    const dir = tempDir();
    chmodSync(dir, 0o555);
    try {
      writeFileSync(join(dir, 'probe'), '');
    } catch {
      return dir;
    }
    rmSync(join(dir, 'probe'));
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    return join(file, 'cache');
  }

  it('works from the packages, with a note saying the folder could not be written', async () => {
    const src = sourcesWith(SAS_ALONE);
    const dir = unwritableDir();
    const r = await load(src, dir);
    expect(states(r.cache)).toEqual({ [SAS_12]: 'uncached' });
    expect(r.cache.dir).toBe(dir);
    expect(r.cache.note?.en).toContain(`Definitions cache: the folder ${dir} could not be written (E`);
    expect(r.warnings).toContainEqual(r.cache.note);
    expect(findingsOf(cpts, r.index)).toEqual(findingsOf(cpts, (await load(src, false)).index));
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('SAS_RECETTE_CACHE=off or cache: false: no cache at all', async () => {
    const src = sourcesWith(SAS_ALONE);
    const saved = process.env.SAS_RECETTE_CACHE;
    process.env.SAS_RECETTE_CACHE = 'off';
    try {
      const r = await load(src, undefined);
      expect(r.cache.dir).toBeNull();
      expect(states(r.cache)).toEqual({ [SAS_12]: 'uncached' });
      expect(r.cache.note?.en).toMatch(/disabled/);
      expect(r.warnings.some((w) => w.en.includes('cache'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.SAS_RECETTE_CACHE;
      else process.env.SAS_RECETTE_CACHE = saved;
    }
  });

  it('the default folder: SAS_RECETTE_CACHE, XDG_CACHE_HOME, ~/.cache, LOCALAPPDATA on Windows', () => {
    expect(definitionsCacheDir({ SAS_RECETTE_CACHE: '/x/c', XDG_CACHE_HOME: '/y' })).toBe('/x/c');
    expect(definitionsCacheDir({ SAS_RECETTE_CACHE: 'OFF' })).toBeNull();
    expect(definitionsCacheDir({ XDG_CACHE_HOME: '/y', HOME: '/h' }, 'linux')).toBe('/y/sas-recette');
    expect(definitionsCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/h' }, 'linux')).toBe('/h/.cache/sas-recette');
    expect(definitionsCacheDir({ HOME: '/h' }, 'linux')).toBe('/h/.cache/sas-recette');
    expect(definitionsCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local', HOME: '/h' }, 'win32')).toMatch(/Local[\\/]sas-recette$/);
  });
});
