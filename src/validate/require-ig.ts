/**
 * Checks, before anything is parsed, that the IG asked for is present in the package sources, and says
 * where it looked and how to fix it when it is not (exit 2). Cheap: lists file and folder names only.
 */
import { existsSync } from 'node:fs';
import { SetupError } from '../core/errors.js';
import { listPackages, parsePackageRef } from '../fhir/packages/index.js';

export async function requireIg(sources: string[], ig: string): Promise<void> {
  const { id, version } = parsePackageRef(ig);
  if (!id || /\s/.test(id))
    throw new SetupError(`--ig "${ig}" is not a package reference`, 'write it as <id>#<version>, e.g. ans.fhir.fr.sas#1.2.0');
  const available = await listPackages(sources);
  const sameId = available.filter((p) => p.id === id);
  if (sameId.some((p) => version === undefined || p.version === version)) return;
  const looked = sources.length ? sources.map((s) => (existsSync(s) ? s : `${s} (does not exist)`)).join(', ') : '(no source)';
  const others = sameId.length ? `; other versions found: ${[...new Set(sameId.map((p) => p.version))].join(', ')}` : '';
  throw new SetupError(
    `FHIR package ${ig} not found (looked in: ${looked}${others})`,
    `give the folder that holds it with --packages DIR (repeatable) or SAS_RECETTE_PACKAGES, ` +
      `or install it into the FHIR cache: sas-recette ig install ${version ? ig : `${id}#<version>`} --from FILE.tgz`,
  );
}
