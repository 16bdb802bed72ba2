/**
 * What `sas-recette ig list` shows of the definitions cache (its entries, and which ones the packages
 * found now would use) and what `sas-recette ig cache clear` removes: only the files the cache writes
 * (entries, their temporary names, fingerprints.json), never anything else in the folder.
 */
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { TOOL_VERSION } from '../../core/version.js';
import { CACHE_FILE, ENTRY_SUFFIX, entryFileName, readEntryMeta } from './cache-entry.js';
import { Fingerprints } from './content-hash.js';
import type { PackageManifest } from './package-content.js';
import type { AvailablePackage } from './package-source.js';

export interface CachedEntry {
  file: string;
  /** From the entry; '?' when the file is not a readable entry (it would be rebuilt). */
  id: string;
  version: string;
  bytes: number;
  /** When it was written (ISO 8601). */
  written: string;
  /** True when a package found now, with this tool version, uses this entry. */
  current: boolean;
}

export interface CacheListing {
  /** The cache folder; null when the cache is turned off (SAS_RECETTE_CACHE=off). */
  dir: string | null;
  exists: boolean;
  entries: CachedEntry[];
  bytes: number;
}

/** The entries of a cache folder; `packages` (those found in the sources) tell which entries are current. */
export function listCache(dir: string | null, packages: AvailablePackage[], toolVersion: string = TOOL_VERSION): CacheListing {
  if (!dir || !existsSync(dir)) return { dir, exists: dir !== null && existsSync(dir), entries: [], bytes: 0 };
  const fingerprints = Fingerprints.load(dir);
  const current = new Set<string>();
  for (const p of packages) {
    try {
      current.add(entryFileName({ tool: toolVersion, hash: fingerprints.hashOf(p) }));
    } catch {
      // an unreadable package has no current entry; validate says what is wrong with it
    }
  }
  const entries: CachedEntry[] = [];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith(ENTRY_SUFFIX) || !CACHE_FILE.test(file)) continue;
    const full = join(dir, file);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      continue; // removed meanwhile
    }
    const meta = readEntryMeta(full);
    entries.push({
      file: full,
      id: meta?.package.id ?? '?',
      version: meta?.package.version ?? '?',
      bytes: stat.size,
      written: stat.mtime.toISOString(),
      current: meta !== undefined && current.has(file),
    });
  }
  entries.sort((a, b) => a.id.localeCompare(b.id) || a.version.localeCompare(b.version) || a.written.localeCompare(b.written));
  return { dir, exists: true, entries, bytes: entries.reduce((n, e) => n + e.bytes, 0) };
}

/**
 * The manifests (dependencies) of the packages that have a current cache entry, by package location: what
 * `ig list` reads instead of opening each package (R4 core keeps its package.json at the end of 4 MB).
 */
export function cachedManifests(
  dir: string | null,
  packages: AvailablePackage[],
  toolVersion: string = TOOL_VERSION,
): Map<string, PackageManifest> {
  const found = new Map<string, PackageManifest>();
  if (!dir || !existsSync(dir)) return found;
  const fingerprints = Fingerprints.load(dir);
  for (const p of packages) {
    try {
      const hash = fingerprints.hashOf(p);
      const meta = readEntryMeta(join(dir, entryFileName({ tool: toolVersion, hash })));
      if (meta && meta.tool === toolVersion && meta.hash === hash) found.set(p.location, meta.package);
    } catch {
      // no entry, or an unreadable package: read from the package
    }
  }
  return found;
}

export interface ClearResult {
  dir: string | null;
  /** Each file removed; `package` (id#version) for an entry that could be read. */
  removed: { file: string; bytes: number; package?: string }[];
  bytes: number;
}

/** Removes the cache's own files from its folder (nothing to remove is not an error). */
export function clearCache(dir: string | null): ClearResult {
  const removed: ClearResult['removed'] = [];
  if (!dir || !existsSync(dir)) return { dir, removed, bytes: 0 };
  for (const file of readdirSync(dir)) {
    if (!CACHE_FILE.test(file)) continue;
    const full = join(dir, file);
    try {
      const bytes = statSync(full).size;
      const meta = file.endsWith(ENTRY_SUFFIX) ? readEntryMeta(full) : undefined;
      unlinkSync(full);
      removed.push({ file: full, bytes, ...(meta ? { package: `${meta.package.id}#${meta.package.version}` } : {}) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // removed meanwhile (another process)
      const reason = code ?? (e as Error).message;
      throw new SetupError(
        { fr: `impossible de supprimer ${full} (${reason})`, en: `could not remove ${full} (${reason})` },
        { fr: 'vérifier les droits sur le dossier du cache', en: 'check the permissions of the cache folder' },
      );
    }
  }
  return { dir, removed, bytes: removed.reduce((n, r) => n + r.bytes, 0) };
}
