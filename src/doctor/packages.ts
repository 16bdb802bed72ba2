/**
 * The FHIR packages a run would load (what `sas-recette ig list` shows: same sources, same resolution)
 * and the definitions cache. The IG asked for (--ig) missing blocks a run (it stops with exit 2); a
 * missing dependency only leaves its profiles and value sets "not checked": a warning. A cache folder
 * that cannot be written is a warning too: each start then reads the packages again.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Message } from '../core/findings.js';
import { NBSP } from '../core/typography.js';
import { defaultPackageSources, definitionsCacheDir, parsePackageRef } from '../fhir/packages/index.js';
import { listPackageSources, type PackageListing } from '../validate/ig-status.js';
import { blocking, ok, warning, type DoctorCheck } from './checklist.js';
import type { DoctorInputs } from './inputs.js';

const G = 'packages' as const;

export async function checkPackages(inputs: DoctorInputs): Promise<DoctorCheck[]> {
  const sources = inputs.packages.length > 0 ? inputs.packages : defaultPackageSources(inputs.env);
  const cacheDir = definitionsCacheDir(inputs.env);
  const { id, version } = parsePackageRef(inputs.ig);
  const listing = await listPackageSources(sources, id, { cacheDir });
  return [checkIg(listing, id, version), ...checkDependencies(listing, id, version), checkCache(listing)];
}

function checkIg(listing: PackageListing, id: string, version: string | undefined): DoctorCheck {
  const found = listing.igs.filter((ig) => version === undefined || ig.version === version);
  const where = listing.sources.map((s) => `${s.source}${s.exists ? '' : ' (∅)'}`).join(', ') || '—';
  const details: Message[] = listing.packages.map((p) => ({
    fr: `${p.id}#${p.version}  ${p.location}`,
    en: `${p.id}#${p.version}  ${p.location}`,
  }));
  if (found.length === 0) {
    const other = listing.igs.map((ig) => `${ig.id}#${ig.version}`);
    return blocking(
      'packages.ig',
      G,
      {
        fr: `le package de l'IG ${id}${version ? `#${version}` : ''} est introuvable dans ${where}${other.length ? ` (trouvé${NBSP}: ${other.join(', ')})` : ''}`,
        en: `the IG package ${id}${version ? `#${version}` : ''} is not found in ${where}${other.length ? ` (found: ${other.join(', ')})` : ''}`,
      },
      {
        fr: `indiquer le dossier des packages avec --packages DIR ou SAS_RECETTE_PACKAGES, ou l'installer${NBSP}: sas-recette ig install ${id}#${version ?? '1.2.0'} --from FICHIER.tgz`,
        en: `give the package folder with --packages DIR or SAS_RECETTE_PACKAGES, or install it: sas-recette ig install ${id}#${version ?? '1.2.0'} --from FILE.tgz`,
      },
      { details },
    );
  }
  const ig = found[found.length - 1];
  return ok(
    'packages.ig',
    G,
    {
      fr: `IG ${ig.id}#${ig.version} trouvé (${ig.location}), ${listing.packages.length} package(s) en tout`,
      en: `IG ${ig.id}#${ig.version} found (${ig.location}), ${listing.packages.length} package(s) in all`,
    },
    { details },
  );
}

function checkDependencies(listing: PackageListing, id: string, version: string | undefined): DoctorCheck[] {
  const ig = listing.igs.filter((i) => i.id === id && (version === undefined || i.version === version)).at(-1);
  if (!ig) return [];
  const details: Message[] = ig.dependencies.map((d) => {
    const used = d.used && d.state === 'mapped' ? ` → ${d.used.id}#${d.used.version}` : '';
    const mark = d.state === 'present' ? '✓' : d.state === 'mapped' ? '~' : '✗';
    const line = `${mark} ${d.id}#${d.version}${used}`;
    return { fr: line, en: line };
  });
  const missing = ig.dependencies.filter((d) => d.state === 'missing').map((d) => `${d.id}#${d.version}`);
  if (missing.length)
    return [
      warning(
        'packages.dependencies',
        G,
        {
          fr: `${missing.length} dépendance(s) de ${ig.id}#${ig.version} absente(s)${NBSP}: ${missing.join(', ')}${NBSP}; leurs profils et jeux de valeurs seront «${NBSP}non vérifiés${NBSP}»`,
          en: `${missing.length} dependenc${missing.length > 1 ? 'ies' : 'y'} of ${ig.id}#${ig.version} missing: ${missing.join(', ')}; their profiles and value sets will be "not checked"`,
        },
        {
          fr: `les installer${NBSP}: sas-recette ig install <id>#<version> --from FICHIER.tgz (ou les mettre dans le dossier de --packages)`,
          en: 'install them: sas-recette ig install <id>#<version> --from FILE.tgz (or put them in the --packages folder)',
        },
        { details },
      ),
    ];
  return [
    ok(
      'packages.dependencies',
      G,
      {
        fr: `${ig.dependencies.length} dépendance(s) de ${ig.id}#${ig.version}, toutes trouvées`,
        en: `${ig.dependencies.length} dependencies of ${ig.id}#${ig.version}, all found`,
      },
      { details },
    ),
  ];
}

/** The nearest existing folder of `dir` (the cache folder is created on first use). */
function writable(dir: string): boolean {
  let d = dir;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  try {
    accessSync(d, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function checkCache(listing: PackageListing): DoctorCheck {
  const cache = listing.cache;
  if (!cache?.dir)
    return ok('packages.cache', G, {
      fr: 'cache des définitions désactivé (SAS_RECETTE_CACHE=off)\u00a0: les packages sont lus à chaque démarrage',
      en: 'definitions cache off (SAS_RECETTE_CACHE=off): packages are read at every start',
    });
  const mib = (cache.bytes / (1024 * 1024)).toFixed(1);
  const current = cache.entries.filter((e) => e.current).length;
  const state = {
    fr: `cache des définitions ${cache.dir}${NBSP}: ${cache.exists ? `${cache.entries.length} entrée(s) dont ${current} à jour, ${mib}${NBSP}Mio` : 'pas encore créé'}`,
    en: `definitions cache ${cache.dir}: ${cache.exists ? `${cache.entries.length} entr${cache.entries.length === 1 ? 'y' : 'ies'}, ${current} current, ${mib} MiB` : 'not created yet'}`,
  };
  if (!writable(cache.dir))
    return warning(
      'packages.cache',
      G,
      { fr: `${state.fr}, non inscriptible`, en: `${state.en}, not writable` },
      {
        fr: 'donner un dossier inscriptible avec SAS_RECETTE_CACHE (off pour le désactiver)\u00a0: sinon chaque démarrage relit les packages',
        en: 'give a writable folder with SAS_RECETTE_CACHE (off to disable it): otherwise every start reads the packages again',
      },
    );
  return ok('packages.cache', G, { fr: `${state.fr}, inscriptible`, en: `${state.en}, writable` });
}
