/**
 * Loads an IG and its dependencies from the package sources and indexes their canonical resources,
 * through the definitions cache (package-store.ts): a warm start reads each package's cache index only,
 * and resources are parsed on first resolve.
 * Dependency resolution: exact version first; `hl7.terminology.r4#x` maps to whatever
 * `hl7.terminology.r4` / `hl7.terminology` is present; another version of the same package is used
 * with a warning; a missing dependency is a warning (said once), never a crash.
 */
import { resolve } from 'node:path';
import type { Message } from '../../core/findings.js';
import { SetupError } from '../../core/errors.js';
import { TOOL_VERSION } from '../../core/version.js';
import { definitionsCacheDir } from './cache-location.js';
import { DEFAULT_IG } from './default-ig.js';
import { buildDefinitionIndex } from './definition-index.js';
import { DefinitionsStore, type PackageHandle } from './package-store.js';
import { listPackages, type AvailablePackage } from './package-source.js';
import type { LoadOptions, LoadResult, PackageRef } from './types.js';

export { DEFAULT_IG };

/** Packages that stand in for another id when the asked one is absent. */
const ALIASES: Record<string, string[]> = {
  'hl7.terminology.r4': ['hl7.terminology'],
  'hl7.terminology': ['hl7.terminology.r4'],
};

export function parsePackageRef(ref: string): { id: string; version?: string } {
  const [id, version] = ref.split('#');
  return { id: id.trim(), version: version?.trim() || undefined };
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  }
  return 0;
}

export interface PackagePick {
  pkg: AvailablePackage;
  substituted: boolean;
}

/** The loader's choice for `id#version`: exact, else the newest of the same id, else a stand-in id. */
export function pickPackage(available: AvailablePackage[], id: string, version?: string): PackagePick | undefined {
  const sameId = available.filter((p) => p.id === id);
  const exact = version ? sameId.find((p) => p.version === version) : undefined;
  if (exact) return { pkg: exact, substituted: false };
  const newest = (list: AvailablePackage[]) => [...list].sort((a, b) => compareVersions(b.version, a.version))[0];
  if (sameId.length > 0) return { pkg: newest(sameId), substituted: version !== undefined };
  for (const alias of ALIASES[id] ?? []) {
    const list = available.filter((p) => p.id === alias);
    if (list.length > 0) return { pkg: newest(list), substituted: true };
  }
  return undefined;
}

const majorOf = (v: string) => v.split('.')[0];

/**
 * Packages whose canonical base changed between major versions (FR Core 1.x: http://interopsante.org/fhir,
 * 2.x: https://hl7.fr/ig/fhir/core): another major version loads but resolves nothing the IG points to.
 */
const CANONICAL_BASE_CHANGED = new Set(['hl7.fhir.fr.core']);

export async function loadDefinitions(options: LoadOptions): Promise<LoadResult> {
  const igRef = parsePackageRef(options.ig || DEFAULT_IG);
  const available = await listPackages(options.sources);
  const igPick = pickPackage(available, igRef.id, igRef.version);
  if (!igPick || (igRef.version && igPick.pkg.version !== igRef.version && igPick.pkg.id === igRef.id && igPick.substituted)) {
    const where = options.sources.join(', ');
    throw new SetupError(
      {
        fr: `package FHIR ${options.ig} introuvable (cherché dans\u00a0: ${where || '(aucune source)'})`,
        en: `FHIR package ${options.ig} not found (looked in: ${where || '(no source)'})`,
      },
      {
        fr: `indiquer un dossier avec --packages DIR ou SAS_RECETTE_PACKAGES, ou l'installer\u00a0: sas-recette ig install ${options.ig} --from FILE.tgz`,
        en: `give a folder with --packages DIR or SAS_RECETTE_PACKAGES, or install it: sas-recette ig install ${options.ig} --from FILE.tgz`,
      },
    );
  }

  const warnings: Message[] = [];
  const warned = new Set<string>();
  const warnOnce = (key: string, m: Message) => {
    if (!warned.has(key)) {
      warned.add(key);
      warnings.push(m);
    }
  };

  // Breadth-first over dependencies; one version per package id.
  const chosen = new Map<string, AvailablePackage>();
  const order: AvailablePackage[] = [];
  const queue: { pick: AvailablePackage; requiredBy?: string }[] = [{ pick: igPick.pkg }];
  const store = new DefinitionsStore({
    dir: cacheDirOf(options),
    toolVersion: options.toolVersion ?? TOOL_VERSION,
    warn: (m) => warnings.push(m),
  });
  const opened = new Map<string, Promise<PackageHandle>>();
  const startRead = (p: AvailablePackage) => {
    const key = `${p.id}#${p.version}`;
    if (!opened.has(key)) opened.set(key, store.open(p));
    return opened.get(key)!;
  };
  // a package that fails to open is awaited (and throws) in the loop; the others must not be unhandled meanwhile
  const settle = (p: AvailablePackage) => void startRead(p).catch(() => undefined);
  while (queue.length > 0) {
    const { pick } = queue.shift()!;
    if (chosen.has(pick.id)) continue;
    chosen.set(pick.id, pick);
    order.push(pick);
    const deps = (await startRead(pick)).pkg.dependencies;
    for (const [depId, depVersion] of Object.entries(deps)) {
      const found = pickPackage(available, depId, depVersion);
      const asked = `${depId}#${depVersion}`;
      const by = `${pick.id}#${pick.version}`;
      if (!found) {
        warnOnce(`missing:${depId}`, {
          fr: `Dépendance ${asked} (requise par ${by}) introuvable : les profils et jeux de valeurs qu'elle définit sont signalés « non vérifiés ».`,
          en: `Dependency ${asked} (required by ${by}) not found: the profiles and value sets it defines are reported as "not checked".`,
        });
        continue;
      }
      if (found.substituted && !chosen.has(found.pkg.id)) {
        const used = `${found.pkg.id}#${found.pkg.version}`;
        const otherMajor =
          found.pkg.id === depId && CANONICAL_BASE_CHANGED.has(depId) && majorOf(found.pkg.version) !== majorOf(depVersion);
        warnOnce(
          `subst:${depId}`,
          otherMajor
            ? {
                fr: `Dépendance ${asked} (requise par ${by}) absente : ${used} est chargé, mais cette autre version majeure ne remplace pas ${asked} ; ce que seule ${asked} définit est signalé « non vérifié ».`,
                en: `Dependency ${asked} (required by ${by}) not found: ${used} is loaded, but this other major version does not replace ${asked}; what only ${asked} defines is reported as "not checked".`,
              }
            : {
                fr: `Dépendance ${asked} (requise par ${by}) absente : ${used} est utilisé à la place.`,
                en: `Dependency ${asked} (required by ${by}) not found: using ${used} instead.`,
              },
        );
      }
      if (!chosen.has(found.pkg.id)) {
        settle(found.pkg); // read in parallel while the queue is processed
        queue.push({ pick: found.pkg, requiredBy: by });
      }
    }
  }

  const handles = await Promise.all(order.map(startRead));
  store.finish();
  const ig: PackageRef = { id: igPick.pkg.id, version: igPick.pkg.version };
  const cache = { dir: store.dir, entries: handles.map((h) => h.entry), ...(store.note ? { note: store.note } : {}) };
  return { index: buildDefinitionIndex(handles, ig), warnings, cache };
}

/** `cache` of the options: a folder, false (none), or the default folder from the environment. */
function cacheDirOf(options: LoadOptions): string | null {
  if (options.cache === false) return null;
  if (options.cache !== undefined && options.cache !== '') return resolve(options.cache);
  return definitionsCacheDir(process.env);
}
