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
  /** Canonical (conformance/terminology) resources of the package, examples excluded. */
  resources: FhirResource[];
}

export interface DefinitionIndex {
  readonly packages: readonly LoadedPackage[];
  /** The IG asked for (e.g. ans.fhir.fr.sas#1.2.0), once loaded. */
  readonly ig: PackageRef | null;
  /** Resolve a canonical URL, with or without `|version`; optionally restricted to a resource type. */
  resolve<T extends FhirResource = FhirResource>(canonical: string, resourceType?: string): T | undefined;
  /** StructureDefinition by canonical URL or, for base resources/datatypes, by type name (`Slot`, `HumanName`). */
  structureDefinition(urlOrType: string): FhirResource | undefined;
  valueSet(url: string): FhirResource | undefined;
  codeSystem(url: string): FhirResource | undefined;
  /** All loaded resources of one type (e.g. every CapabilityStatement). */
  all(resourceType: string): FhirResource[];
}

export interface LoadOptions {
  /** Package sources: folders of `<id>#<version>.tgz`, FHIR cache folders, or `.tgz` paths. */
  sources: string[];
  /** The IG to load with its dependencies, `id#version` (default ans.fhir.fr.sas#1.2.0). */
  ig: string;
}

export interface LoadResult {
  index: DefinitionIndex;
  /** Missing dependencies and other non-fatal problems, each said once. */
  warnings: Message[];
}
