/**
 * Where FHIR packages come from: a folder of `<id>#<version>.tgz` files (the layout of
 * shared/fhir-packages), the standard FHIR package cache (`~/.fhir/packages/<id>#<version>/package/…`,
 * shared with SUSHI and the HL7 validator), or an explicit `.tgz` path. No network here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { readTgzJson, readTgzSync } from './read-tgz.js';

export interface AvailablePackage {
  id: string;
  version: string;
  /** tgz file or cache folder (`…/<id>#<version>`). */
  location: string;
  kind: 'tgz' | 'cache';
  /** The source (as given) it was found in. */
  source: string;
}

/** The raw files of a package the definitions need (see isWanted), in package order. */
export interface PackageFiles {
  /** `package/package.json`, when the package has one. */
  manifest?: Buffer;
  files: { name: string; content: Buffer }[];
}

/** The standard FHIR package cache folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FHIR_PACKAGE_CACHE ?? join(homedir(), '.fhir', 'packages');
}

/** `SAS_RECETTE_PACKAGES` (path-delimiter separated), else the standard cache. */
export function defaultPackageSources(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env.SAS_RECETTE_PACKAGES?.split(delimiter).filter((s) => s.trim() !== '');
  return fromEnv && fromEnv.length > 0 ? fromEnv : [defaultCacheDir(env)];
}

const TGZ_NAME = /^(.+)#([^#]+)\.tgz$/;

/** Lists the packages a set of sources offers (cheap: file names, or one package.json per explicit tgz). */
export async function listPackages(sources: string[]): Promise<AvailablePackage[]> {
  const found: AvailablePackage[] = [];
  for (const source of sources) {
    const abs = resolve(source);
    if (!existsSync(abs)) continue;
    if (statSync(abs).isFile()) {
      if (abs.endsWith('.tgz')) {
        const m = (await readTgzJson(abs, 'package/package.json')) as { name?: string; version?: string } | undefined;
        if (m?.name && m.version) found.push({ id: m.name, version: m.version, location: abs, kind: 'tgz', source });
      }
      continue;
    }
    for (const name of readdirSync(abs)) {
      const full = join(abs, name);
      const tgz = TGZ_NAME.exec(name);
      if (tgz && statSync(full).isFile()) {
        found.push({ id: tgz[1], version: tgz[2], location: full, kind: 'tgz', source });
        continue;
      }
      const hash = name.indexOf('#');
      if (hash > 0 && existsSync(join(full, 'package', 'package.json'))) {
        found.push({ id: name.slice(0, hash), version: name.slice(hash + 1), location: full, kind: 'cache', source });
      }
    }
  }
  return found;
}

/** File names worth parsing: canonical resources that definitions or checks need. */
const WANTED = /^(StructureDefinition|ValueSet|CodeSystem|CapabilityStatement|SearchParameter|ImplementationGuide)-.+\.json$/;

function isWanted(pathInPackage: string): boolean {
  // only files directly under package/ (examples, xml, openapi… live in sub-folders)
  const rest = pathInPackage.replace(/^package\//, '');
  return !rest.includes('/') && WANTED.test(rest);
}

/**
 * Reads the wanted files of a package from its tgz or folder (folder files in name order). Synchronous:
 * one gunzip call is faster than the stream, and the definitions cache also needs it mid-resolve. The
 * contents of a tgz's files are views into its unpacked tar.
 */
export function readPackageFiles(p: AvailablePackage): PackageFiles {
  if (p.kind === 'tgz') return splitManifest(readTgzSync(p.location, (n) => n === MANIFEST || isWanted(n), { copy: false }));
  const dir = join(p.location, 'package');
  const files = wantedFileNames(dir).map((n) => ({ name: `package/${n}`, content: readFileSync(join(dir, n)) }));
  return { manifest: readFileSync(join(dir, 'package.json')), files };
}

/** The wanted file names of an extracted package's `package/` folder, sorted (readdir order varies by file system). */
export function wantedFileNames(packageDir: string): string[] {
  return readdirSync(packageDir)
    .filter((n) => isWanted(`package/${n}`))
    .sort();
}

const MANIFEST = 'package/package.json';

function splitManifest(files: { name: string; content: Buffer }[]): PackageFiles {
  const manifest = files.find((f) => f.name === MANIFEST);
  return { ...(manifest ? { manifest: manifest.content } : {}), files: files.filter((f) => f !== manifest) };
}
