/**
 * Where FHIR packages come from: a folder of `<id>#<version>.tgz` files (the layout of
 * shared/fhir-packages), the standard FHIR package cache (`~/.fhir/packages/<id>#<version>/package/…`,
 * shared with SUSHI and the HL7 validator), or an explicit `.tgz` path. No network here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { readTgz, readTgzJson } from './read-tgz.js';

export interface AvailablePackage {
  id: string;
  version: string;
  /** tgz file or cache folder (`…/<id>#<version>`). */
  location: string;
  kind: 'tgz' | 'cache';
  /** The source (as given) it was found in. */
  source: string;
}

export interface RawPackage {
  manifest: { name: string; version: string; dependencies?: Record<string, string> };
  /** Parsed canonical resources (examples and non-resource files excluded). */
  files: { name: string; json: unknown }[];
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

export async function readPackage(p: AvailablePackage): Promise<RawPackage> {
  if (p.kind === 'tgz') {
    const files = await readTgz(p.location, (n) => n === 'package/package.json' || isWanted(n));
    const manifestFile = files.find((f) => f.name === 'package/package.json');
    const manifest = manifestFile ? JSON.parse(manifestFile.content.toString('utf8')) : { name: p.id, version: p.version };
    return {
      manifest,
      files: files.filter((f) => f !== manifestFile).map((f) => ({ name: f.name, json: safeParse(f.content) })),
    };
  }
  const dir = join(p.location, 'package');
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const files = readdirSync(dir)
    .filter((n) => isWanted(`package/${n}`))
    .map((n) => ({ name: `package/${n}`, json: safeParse(readFileSync(join(dir, n))) }));
  return { manifest, files };
}

function safeParse(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined; // a broken file in a package is skipped, not fatal
  }
}
