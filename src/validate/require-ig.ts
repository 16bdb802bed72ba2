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
    throw new SetupError(
      { fr: `--ig «\u00a0${ig}\u00a0» n'est pas une référence de package`, en: `--ig "${ig}" is not a package reference` },
      {
        fr: 'l’écrire sous la forme <id>#<version>, par exemple ans.fhir.fr.sas#1.2.0',
        en: 'write it as <id>#<version>, e.g. ans.fhir.fr.sas#1.2.0',
      },
    );
  const available = await listPackages(sources);
  const sameId = available.filter((p) => p.id === id);
  if (sameId.some((p) => version === undefined || p.version === version)) return;
  const looked = (missing: string, none: string): string =>
    sources.length ? sources.map((s) => (existsSync(s) ? s : `${s} (${missing})`)).join(', ') : none;
  const versions = [...new Set(sameId.map((p) => p.version))].join(', ');
  const install = `sas-recette ig install ${version ? ig : `${id}#<version>`} --from FILE.tgz`;
  throw new SetupError(
    {
      fr: `package FHIR ${ig} introuvable (cherché dans\u00a0: ${looked("n'existe pas", '(aucune source)')}${sameId.length ? `\u00a0; autres versions trouvées\u00a0: ${versions}` : ''})`,
      en: `FHIR package ${ig} not found (looked in: ${looked('does not exist', '(no source)')}${sameId.length ? `; other versions found: ${versions}` : ''})`,
    },
    {
      fr: `indiquer le dossier qui le contient avec --packages DIR (répétable) ou SAS_RECETTE_PACKAGES, ou l'installer dans le cache FHIR\u00a0: ${install}`,
      en: `give the folder that holds it with --packages DIR (repeatable) or SAS_RECETTE_PACKAGES, or install it into the FHIR cache: ${install}`,
    },
  );
}
