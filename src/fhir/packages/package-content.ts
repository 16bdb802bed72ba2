/**
 * What the definitions index needs from a package: its manifest (id, version, dependencies) and, per
 * canonical resource, the few fields a lookup needs (type, url, version) beside the raw JSON bytes
 * (StructureDefinitions and CodeSystems without their documentation: slim-definition.ts), parsed again only
 * when the resource is resolved. Files that are not a JSON resource are
 * left out here, as the loader always did.
 */
import { SetupError } from '../../core/errors.js';
import type { AvailablePackage, PackageFiles } from './package-source.js';
import { isSlimmed, slimDefinition } from './slim-definition.js';

/** The fields of a resource that resolve() and all() look at, without parsing it again. */
export interface ResourceMeta {
  type: string;
  url?: string;
  version?: string;
}

export interface PackageManifest {
  id: string;
  version: string;
  /** `dependencies` of its package.json, as written (id → version). */
  dependencies: Record<string, string>;
}

/** A package read from its source: metadata and raw bytes, resource i ↔ contents[i]. */
export interface PackageContent {
  manifest: PackageManifest;
  resources: ResourceMeta[];
  contents: Buffer[];
}

export function packageContent(p: AvailablePackage, raw: PackageFiles): PackageContent {
  const manifest = parseManifest(p, raw.manifest);
  const resources: ResourceMeta[] = [];
  const contents: Buffer[] = [];
  for (const f of raw.files) {
    const json = parseResource(f.content);
    if (!json) continue; // a broken file in a package is skipped, not fatal
    resources.push(metaOf(json));
    contents.push(isSlimmed(json.resourceType) ? Buffer.from(JSON.stringify(slimDefinition(json)), 'utf8') : f.content);
  }
  return { manifest, resources, contents };
}

/** One file as a JSON resource (an object with a resourceType), or undefined. */
function parseResource(content: Buffer): (Record<string, unknown> & { resourceType: string }) | undefined {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const r = json as Record<string, unknown>;
  return typeof r.resourceType === 'string' ? (r as Record<string, unknown> & { resourceType: string }) : undefined;
}

function metaOf(r: Record<string, unknown> & { resourceType: string }): ResourceMeta {
  const meta: ResourceMeta = { type: r.resourceType };
  if (typeof r.url === 'string') meta.url = r.url;
  if (typeof r.version === 'string') meta.version = r.version;
  return meta;
}

function parseManifest(p: AvailablePackage, bytes: Buffer | undefined): PackageManifest {
  if (!bytes) return { id: p.id, version: p.version, dependencies: {} };
  let m: { name?: unknown; version?: unknown; dependencies?: unknown };
  try {
    m = JSON.parse(bytes.toString('utf8')) as typeof m;
  } catch (e) {
    const reason = (e as Error).message;
    throw new SetupError(
      {
        fr: `le package.json du package FHIR ${p.id}#${p.version} (${p.location}) n'est pas du JSON valide\u00a0: ${reason}`,
        en: `the package.json of FHIR package ${p.id}#${p.version} (${p.location}) is not valid JSON: ${reason}`,
      },
      {
        fr: 'réinstaller le package\u00a0: sas-recette ig install <id>#<version> --from FILE.tgz',
        en: 'reinstall the package: sas-recette ig install <id>#<version> --from FILE.tgz',
      },
    );
  }
  const deps = m?.dependencies;
  return {
    id: typeof m?.name === 'string' ? m.name : p.id,
    version: typeof m?.version === 'string' ? m.version : p.version,
    dependencies: deps && typeof deps === 'object' && !Array.isArray(deps) ? (deps as Record<string, string>) : {},
  };
}
