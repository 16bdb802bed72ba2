/**
 * Contract of the FHIR package layer (implemented in this folder). Everything downstream (validator,
 * rules, CapabilityStatement checks, official validator) receives a DefinitionIndex explicitly: no
 * module-level state, so two IG versions can be loaded side by side.
 */
import type { Message } from '../../core/findings.js';

export interface FhirResource {
  resourceType: string;
  id?: string;
  url?: string;
  version?: string;
  [key: string]: unknown;
}

export interface PackageRef {
  id: string;
  version: string;
}

export interface LoadedPackage extends PackageRef {
  /** Where it was read from (tgz path or cache folder). */
  source: string;
  /** `dependencies` of its package.json (id → version). */
  dependencies: Record<string, string>;
}

export interface DefinitionIndex {
  readonly packages: readonly LoadedPackage[];
  /** The IG asked for (e.g. ans.fhir.fr.sas#1.2.0), once loaded. */
  readonly ig: PackageRef | null;
  /**
   * Resolve a canonical URL, with or without `|version`; optionally restricted to a resource type. The
   * resource is read and parsed on its first resolve (then kept): loading only indexes the packages.
   */
  resolve<T extends FhirResource = FhirResource>(canonical: string, resourceType?: string): T | undefined;
  /** StructureDefinition by canonical URL or, for base resources/datatypes, by type name (`Slot`, `HumanName`). */
  structureDefinition(urlOrType: string): FhirResource | undefined;
  valueSet(url: string): FhirResource | undefined;
  codeSystem(url: string): FhirResource | undefined;
  /** All loaded resources of one type (e.g. every CapabilityStatement); parses each of them. */
  all(resourceType: string): FhirResource[];
}

export interface LoadOptions {
  /** Package sources: folders of `<id>#<version>.tgz`, FHIR cache folders, or `.tgz` paths. */
  sources: string[];
  /** The IG to load with its dependencies, `id#version` (default ans.fhir.fr.sas#1.2.0). */
  ig: string;
  /**
   * Folder of the definitions cache; `false`: no cache. Undefined: the default folder from
   * `process.env` (`SAS_RECETTE_CACHE`, `off` disables; else `$XDG_CACHE_HOME/sas-recette`, else
   * `~/.cache/sas-recette`; on Windows `%LOCALAPPDATA%\sas-recette`). See cache-location.ts.
   */
  cache?: string | false;
  /** The tool version the cache entries are keyed by (default: this tool's). For tests. */
  toolVersion?: string;
}

/** What happened to one package in the definitions cache. */
export type CacheState =
  /** read from a valid cache entry */
  | 'hit'
  /** no entry yet: read from its source, entry written */
  | 'built'
  /** the entry was corrupt: read again from its source, entry written again (with a warning) */
  | 'rebuilt'
  /** read from its source and kept in memory: cache disabled, or its folder could not be written */
  | 'uncached';

export interface CacheReport {
  /** The cache folder; null when the cache is disabled. */
  dir: string | null;
  /** One per loaded package, in load order; `hash`: its content hash ('' when the cache is disabled). */
  entries: { id: string; version: string; hash: string; state: CacheState }[];
  /** Why the cache was not used (disabled, folder not writable), when it was not. */
  note?: Message;
}

export interface LoadResult {
  index: DefinitionIndex;
  /**
   * Missing dependencies and other non-fatal problems, each said once. A corrupt cache entry found on
   * a lazy read (after loading) adds its note here, so read it after validating.
   */
  warnings: Message[];
  /** What the definitions cache did. */
  cache: CacheReport;
}
