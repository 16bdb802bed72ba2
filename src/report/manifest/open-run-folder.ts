/**
 * What `verify DIR` points at, made into a run folder: the folder itself, its run.json (or any file in
 * it), `reports/latest`, or a reports folder (its latest run: the `latest` symlink, or `latest.txt`
 * holding the folder's name).
 * Anything else is a setup error (exit 2) that says what was found: nothing there, a folder that is not
 * a run's, or a run made before manifests existed.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { RUN_FILE, runFolderIn } from '../run-file.js';
import { MANIFEST_FILE } from './types.js';

/** The absolute, real path of the run folder `arg` designates; SetupError when it is not one with a manifest. */
export function openRunFolder(arg: string, cwd: string): string {
  const given = resolve(cwd, arg);
  let stats;
  try {
    stats = statSync(given);
  } catch {
    throw new SetupError(
      { fr: `${arg}\u00a0: introuvable`, en: `${arg}: not found` },
      {
        fr: 'indiquer le dossier d’une exécution (reports/AAAAMMJJ-HHMMSS-xxxxxxxx, reports/latest) ou son run.json',
        en: 'give the folder of a run (reports/YYYYMMDD-HHMMSS-xxxxxxxx, reports/latest) or its run.json',
      },
    );
  }
  const dir = stats.isDirectory() ? given : dirname(given);
  // the run folder, or a reports folder's latest run
  const folder = realpathSync(runFolderIn(dir) ?? dir);
  if (existsSync(join(folder, MANIFEST_FILE))) return folder;
  if (existsSync(join(folder, RUN_FILE))) {
    throw new SetupError(
      {
        fr: `${arg}\u00a0: pas de manifeste (manifest.json)\u00a0: exécution faite par une version plus ancienne de sas-recette, qui n’en écrivait pas`,
        en: `${arg}: no manifest (manifest.json): a run made by an older version of sas-recette, which did not write one`,
      },
      {
        fr: 'rien à vérifier dans ce dossier\u00a0; les exécutions faites avec cette version écrivent leur manifeste',
        en: 'nothing can be verified in this folder; runs made with this version write their manifest',
      },
    );
  }
  throw new SetupError(
    {
      fr: `${arg}\u00a0: ce n’est pas le dossier d’une exécution (ni manifest.json, ni run.json)`,
      en: `${arg}: not a run folder (no manifest.json, no run.json)`,
    },
    {
      fr: 'indiquer le dossier d’une exécution (reports/AAAAMMJJ-HHMMSS-xxxxxxxx, reports/latest) ou son run.json',
      en: 'give the folder of a run (reports/YYYYMMDD-HHMMSS-xxxxxxxx, reports/latest) or its run.json',
    },
  );
}
