/**
 * Immutable index of canonical resources by URL (with `|version` handling) and by type. Built once per
 * load; the IG's own resources win over its dependencies' when a URL is defined twice.
 */
import type { DefinitionIndex, FhirResource, LoadedPackage, PackageRef } from './types.js';

const BASE_SD = 'http://hl7.org/fhir/StructureDefinition/';

export function buildDefinitionIndex(packages: LoadedPackage[], ig: PackageRef | null): DefinitionIndex {
  const byUrl = new Map<string, FhirResource[]>();
  const byType = new Map<string, FhirResource[]>();
  for (const pkg of packages) {
    for (const r of pkg.resources) {
      if (typeof r.url === 'string') {
        const list = byUrl.get(r.url);
        if (list) list.push(r);
        else byUrl.set(r.url, [r]);
      }
      const list = byType.get(r.resourceType);
      if (list) list.push(r);
      else byType.set(r.resourceType, [r]);
    }
  }

  function resolve<T extends FhirResource = FhirResource>(canonical: string, resourceType?: string): T | undefined {
    if (typeof canonical !== 'string' || canonical === '') return undefined;
    const bar = canonical.indexOf('|');
    const url = bar >= 0 ? canonical.slice(0, bar) : canonical;
    const version = bar >= 0 ? canonical.slice(bar + 1) : undefined;
    const candidates = (byUrl.get(url) ?? []).filter((r) => !resourceType || r.resourceType === resourceType);
    if (candidates.length === 0) return undefined;
    const exact = version ? candidates.find((r) => r.version === version) : undefined;
    return (exact ?? candidates[0]) as T;
  }

  return {
    packages,
    ig,
    resolve,
    structureDefinition: (urlOrType) =>
      resolve(/^[A-Za-z][A-Za-z0-9]*$/.test(urlOrType) ? BASE_SD + urlOrType : urlOrType, 'StructureDefinition'),
    valueSet: (url) => resolve(url, 'ValueSet'),
    codeSystem: (url) => resolve(url, 'CodeSystem'),
    all: (resourceType) => [...(byType.get(resourceType) ?? [])],
  };
}
