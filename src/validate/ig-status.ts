/**
 * What `sas-recette ig list` shows: the package sources, the packages they hold, for each version of
 * the SAS IG found, the state of each (transitive) dependency: present, mapped to another package, or
 * missing, and the definitions cache (its entries, which of them the packages found now use). The resolution follows the loader's rules (exact version; else the newest version of the same
 * package; `hl7.terminology.r4` ↔ `hl7.terminology`; else missing) — the loader's own `pickPackage` —
 * so that the list tells what `validate` will load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cachedManifests,
  compareVersions,
  listCache,
  listPackages,
  pickPackage,
  readTgzJson,
  type AvailablePackage,
  type CacheListing,
} from '../fhir/packages/index.js';

export const SAS_IG_ID = 'ans.fhir.fr.sas';

export type DependencyState = 'present' | 'mapped' | 'missing';

export interface DependencyStatus {
  id: string;
  version: string;
  /** `id#version` of the package that declared it. */
  requiredBy: string;
  state: DependencyState;
  /** The package used for it (absent when missing). */
  used?: { id: string; version: string; location: string };
}

export interface IgStatus {
  id: string;
  version: string;
  location: string;
  dependencies: DependencyStatus[];
}

export interface PackageListing {
  sources: { source: string; exists: boolean }[];
  packages: AvailablePackage[];
  igs: IgStatus[];
  /** The definitions cache (absent when not asked for). */
  cache?: CacheListing;
}

export interface ListingOptions {
  /** Also list the definitions cache of this folder (null: the cache is off). */
  cacheDir?: string | null;
}

export async function listPackageSources(sources: string[], igId: string = SAS_IG_ID, o: ListingOptions = {}): Promise<PackageListing> {
  const packages = await listPackages(sources);
  // the dependencies of a package with a current definitions cache entry are read from it
  const manifests = o.cacheDir ? cachedManifests(o.cacheDir, packages) : new Map<string, { dependencies: Record<string, string> }>();
  const igs: IgStatus[] = [];
  for (const ig of packages.filter((p) => p.id === igId)) {
    igs.push({ id: ig.id, version: ig.version, location: ig.location, dependencies: await resolveDependencies(ig, packages, manifests) });
  }
  return {
    sources: sources.map((source) => ({ source, exists: existsSync(source) })),
    packages: [...packages].sort((a, b) => a.id.localeCompare(b.id) || compareVersions(a.version, b.version)),
    igs,
    ...(o.cacheDir !== undefined ? { cache: listCache(o.cacheDir, packages) } : {}),
  };
}

/** Breadth-first over dependencies, one version per package id (as the loader does). */
async function resolveDependencies(
  ig: AvailablePackage,
  available: AvailablePackage[],
  manifests: Map<string, { dependencies: Record<string, string> }>,
): Promise<DependencyStatus[]> {
  const out: DependencyStatus[] = [];
  const seen = new Set<string>(); // each id#version once (r4.core is declared by almost every package)
  const chosen = new Set<string>([ig.id]);
  const queue: AvailablePackage[] = [ig];
  while (queue.length > 0) {
    const pkg = queue.shift()!;
    const deps = manifests.get(pkg.location)?.dependencies ?? (await readDependencies(pkg));
    for (const [id, version] of Object.entries(deps)) {
      const requiredBy = `${pkg.id}#${pkg.version}`;
      if (seen.has(`${id}#${version}`)) continue;
      seen.add(`${id}#${version}`);
      const found = pickPackage(available, id, version)?.pkg;
      if (!found) {
        out.push({ id, version, requiredBy, state: 'missing' });
        continue;
      }
      const exact = found.id === id && found.version === version;
      out.push({
        id,
        version,
        requiredBy,
        state: exact ? 'present' : 'mapped',
        used: { id: found.id, version: found.version, location: found.location },
      });
      if (!chosen.has(found.id)) {
        chosen.add(found.id);
        queue.push(found);
      }
    }
  }
  return out;
}

async function readDependencies(p: AvailablePackage): Promise<Record<string, string>> {
  try {
    const manifest =
      p.kind === 'tgz'
        ? await readTgzJson(p.location, 'package/package.json')
        : JSON.parse(readFileSync(join(p.location, 'package', 'package.json'), 'utf8'));
    const deps = (manifest as { dependencies?: unknown } | undefined)?.dependencies;
    return deps && typeof deps === 'object' ? (deps as Record<string, string>) : {};
  } catch {
    return {}; // an unreadable manifest shows as "no dependency"; validate reports the package itself
  }
}
