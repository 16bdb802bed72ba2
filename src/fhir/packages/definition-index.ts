/**
 * Immutable index of canonical resources by URL (with `|version` handling) and by type, over each
 * package's lookup table (resource-table.ts): nothing is parsed to build it, and a resource is read and
 * parsed only when resolve() or all() first returns it. The IG's own resources win over its
 * dependencies' when a URL is defined twice (packages are searched in load order).
 */
import type { PackageHandle } from './package-store.js';
import type { DefinitionIndex, FhirResource, PackageRef } from './types.js';

const BASE_SD = 'http://hl7.org/fhir/StructureDefinition/';

export function buildDefinitionIndex(handles: PackageHandle[], ig: PackageRef | null): DefinitionIndex {
  function resolve<T extends FhirResource = FhirResource>(canonical: string, resourceType?: string): T | undefined {
    if (typeof canonical !== 'string' || canonical === '') return undefined;
    const bar = canonical.indexOf('|');
    const url = bar >= 0 ? canonical.slice(0, bar) : canonical;
    const version = bar >= 0 ? canonical.slice(bar + 1) : undefined;
    let first: [PackageHandle, number] | undefined;
    for (const h of handles) {
      for (const at of h.table.positions(url)) {
        if (resourceType && h.table.typeOf(at) !== resourceType) continue;
        if (version && h.table.versionOf(at) === version) return h.read(at) as T | undefined;
        first ??= [h, at];
        if (!version) return h.read(at) as T | undefined;
      }
    }
    return first ? (first[0].read(first[1]) as T | undefined) : undefined;
  }

  return {
    packages: handles.map((h) => h.pkg),
    ig,
    resolve,
    structureDefinition: (urlOrType) =>
      resolve(/^[A-Za-z][A-Za-z0-9]*$/.test(urlOrType) ? BASE_SD + urlOrType : urlOrType, 'StructureDefinition'),
    valueSet: (url) => resolve(url, 'ValueSet'),
    codeSystem: (url) => resolve(url, 'CodeSystem'),
    all: (resourceType) =>
      handles.flatMap((h) => h.table.ofType(resourceType).map((at) => h.read(at))).filter((r): r is FhirResource => r !== undefined),
  };
}
