/**
 * `sas-recette ig install`: puts a package into the FHIR cache layout
 * (`<cache>/<id>#<version>/package/…`) from a local tgz, or downloads it from the public FHIR package
 * registry when online. This is the only place the tool may use the network for packages.
 */
import { mkdirSync, writeFileSync, rmSync, existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { SetupError } from '../../core/errors.js';
import { readTgz } from './read-tgz.js';
import { defaultCacheDir } from './package-source.js';
import { parsePackageRef } from './load-definitions.js';

export const REGISTRY_URL = 'https://packages.fhir.org';

export interface InstallOptions {
  from?: string;
  cacheDir?: string;
  registry?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface InstallResult {
  id: string;
  version: string;
  folder: string;
  files: number;
}

export async function installPackage(ref: string, opts: InstallOptions = {}): Promise<InstallResult> {
  const { id, version } = parsePackageRef(ref);
  if (!id || !version)
    throw new SetupError(
      { fr: `«\u00a0${ref}\u00a0» n'est pas une référence de package`, en: `"${ref}" is not a package reference` },
      {
        fr: 'l’écrire sous la forme <id>#<version>, par exemple ans.fhir.fr.sas#1.2.0',
        en: 'write it as <id>#<version>, e.g. ans.fhir.fr.sas#1.2.0',
      },
    );
  let tgzPath = opts.from;
  let downloaded: string | undefined;
  if (!tgzPath) {
    downloaded = await download(id, version, opts);
    tgzPath = downloaded;
  }
  if (!existsSync(tgzPath)) throw new SetupError({ fr: `fichier introuvable\u00a0: ${tgzPath}`, en: `file not found: ${tgzPath}` });
  let files;
  try {
    files = await readTgz(tgzPath);
  } catch (e) {
    const reason = (e as Error).message;
    throw new SetupError({
      fr: `${tgzPath} n'est pas un package lisible (.tgz)\u00a0: ${reason}`,
      en: `${tgzPath} is not a readable package (.tgz): ${reason}`,
    });
  } finally {
    if (downloaded) rmSync(downloaded, { force: true });
  }
  const manifest = files.find((f) => f.name === 'package/package.json');
  if (!manifest)
    throw new SetupError({
      fr: `${tgzPath} n'a pas de package/package.json\u00a0: ce n'est pas un package FHIR`,
      en: `${tgzPath} has no package/package.json: not a FHIR package`,
    });
  const m = JSON.parse(manifest.content.toString('utf8')) as { name?: string; version?: string };
  if (m.name !== id || m.version !== version) {
    throw new SetupError({
      fr: `${tgzPath} contient ${m.name}#${m.version}, et non ${id}#${version}`,
      en: `${tgzPath} holds ${m.name}#${m.version}, not ${id}#${version}`,
    });
  }
  const cache = opts.cacheDir ?? defaultCacheDir(opts.env);
  const folder = join(cache, `${id}#${version}`);
  const staging = `${folder}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const f of files) {
    const target = join(staging, f.name);
    if (!target.startsWith(staging + '/')) continue; // never write outside the folder
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  rmSync(folder, { recursive: true, force: true });
  renameSync(staging, folder);
  return { id, version, folder, files: files.length };
}

async function download(id: string, version: string, opts: InstallOptions): Promise<string> {
  const url = `${opts.registry ?? REGISTRY_URL}/${id}/${version}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new SetupError(
      {
        fr: `impossible de télécharger ${id}#${version} depuis ${url} (${cause})\u00a0: pas d'accès au réseau\u00a0?`,
        en: `could not download ${id}#${version} from ${url} (${cause}): no network access?`,
      },
      {
        fr: `télécharger le .tgz sur une machine connectée puis lancer\u00a0: sas-recette ig install ${id}#${version} --from FILE.tgz`,
        en: `download the .tgz on a connected machine and run: sas-recette ig install ${id}#${version} --from FILE.tgz`,
      },
    );
  }
  if (!res.ok)
    throw new SetupError({
      fr: `le registre des packages a répondu HTTP ${res.status} pour ${url}`,
      en: `the package registry answered HTTP ${res.status} for ${url}`,
    });
  const file = join(tmpdir(), `sas-recette-${process.pid}-${Date.now()}.tgz`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}
